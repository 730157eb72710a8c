import FayuanCore

/// What the window decided about an application that the store records with it (the rule
/// library's answer is worked out by the screen; the store keeps it, it does not re-decide it).
public struct ApplicationScreening: Sendable, Equatable {
    public var route: String
    public var priority: String
    public var provideFirst: Bool
    public var economicCheck: String?
    /// False when no economic check applies: hardship documents are then not needed.
    public var hardshipProofNeeded: Bool
    public var reviewDue: String?
    public var snapshot: ScreeningSnapshot?

    public init(route: String = "application", priority: String = "none", provideFirst: Bool = false,
                economicCheck: String? = nil, hardshipProofNeeded: Bool = true, reviewDue: String? = nil,
                snapshot: ScreeningSnapshot? = nil) {
        self.route = route; self.priority = priority; self.provideFirst = provideFirst
        self.economicCheck = economicCheck; self.hardshipProofNeeded = hardshipProofNeeded
        self.reviewDue = reviewDue; self.snapshot = snapshot
    }
}

/// Where and when an application is taken, and what else goes with it.
public struct ApplicationAcceptance: Sendable {
    public var stationID: Int64
    public var centreID: Int64
    public var appliedOn: LocalDate
    /// nil: register for the centre to accept (a duty lawyer); otherwise the 受理 date.
    public var acceptedOn: LocalDate?
    public var screening: ApplicationScreening
    public var consultationID: Int64?
    public var ticketID: Int64?
    /// The draft this application was typed into: deleted in the same transaction.
    public var draft: (form: String, key: String)?

    public init(stationID: Int64, centreID: Int64, appliedOn: LocalDate, acceptedOn: LocalDate?,
                screening: ApplicationScreening = ApplicationScreening(), consultationID: Int64? = nil,
                ticketID: Int64? = nil, draft: (form: String, key: String)? = nil) {
        self.stationID = stationID; self.centreID = centreID; self.appliedOn = appliedOn; self.acceptedOn = acceptedOn
        self.screening = screening; self.consultationID = consultationID; self.ticketID = ticketID; self.draft = draft
    }
}

/// The steps of an acceptance, in order, all inside one transaction. Tests inject a failure after
/// each to prove that nothing of a half-done acceptance survives.
public enum AcceptanceStep: String, Sendable, CaseIterable {
    case person, caseRecord, documents, screening, confidentiality, audit, draft
}

/// One differing field between a stored person and an application, as the comparison shows it
/// (sensitive stored values masked; the full ones never leave the store here).
public struct PersonChange: Sendable, Equatable {
    public var field: PersonField
    public var before: String
    public var after: String
}

/// A registered person as the front desk may see them without a reveal: identity number, phone
/// and address masked; the birth date only for screening (never shown beside the masked number).
public struct MaskedPerson: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var idNumberMasked: String?
    public var gender: String?
    public var birthDate: String?
    public var phoneMasked: String?
    public var addressMasked: String?
    public var needs: [AccessibilityNeed]
    public var groups: [String]
    /// The person has a 保密 case and this viewer may not see their contact (shown as （保密）).
    public var contactHidden: Bool
}

/// The answer of a person search: hits, or for a full identity number searched by someone
/// without reveal rights only whether such a person exists.
public enum PersonSearchAnswer: Sendable, Equatable {
    case hits([SearchHit])
    case identityCheck(found: Bool)
}

extension CaseStore {
    // MARK: Accepting an application

    /// Registers (and, with `acceptedOn`, accepts) an application in ONE transaction: the person
    /// resolved by the explicit policy (`resolvePerson`), the case with its number and clocks,
    /// the documents, the screening snapshot, the 保密 flag, the audit entries and the draft's
    /// deletion. Anything failing leaves nothing behind.
    @discardableResult
    public func acceptApplication(_ application: AidApplication, _ acceptance: ApplicationAcceptance,
                                  by op: Operator) throws -> AidCase {
        try acceptApplication(application, acceptance, by: op, failAfter: nil)
    }

    /// `failAfter` is the test hook: called after each step, inside the transaction.
    func acceptApplication(_ application: AidApplication, _ acceptance: ApplicationAcceptance, by op: Operator,
                           failAfter: (@Sendable (AcceptanceStep) throws -> Void)?) throws -> AidCase {
        try AccessPolicy.require(op.role, .takeApplication)
        if acceptance.acceptedOn != nil { try AccessPolicy.require(op.role, .acceptApplication) }
        do { try application.validate(appliedOn: acceptance.appliedOn) } catch {
            throw StoreError.invalidInput(field: error.field, message: error.message)
        }
        guard let cause = application.matter.storedCause else {
            throw StoreError.invalidInput(field: "matter.cause", message: "请选择案由")
        }
        let statuses = application.documentStatuses(appliedOn: acceptance.appliedOn,
                                                    hardshipProofNeeded: acceptance.screening.hardshipProofNeeded)
        let documents = statuses.map { s -> CaseDocumentEntry in
            switch s.status {
            case .received:
                return CaseDocumentEntry(code: s.document.id, label: s.document.label,
                                         status: s.document.id == DocumentChecklist.commitment.id ? .committed : .received)
            case .missing(let due): return CaseDocumentEntry(code: s.document.id, label: s.document.label, status: .missing, dueOn: due.iso)
            case .notNeeded: return CaseDocumentEntry(code: s.document.id, label: s.document.label, status: .waived)
            }
        }
        let household = application.economy.household
        let now = timestamp()
        let opID = op.id
        return try write { db in
            func step(_ s: AcceptanceStep) throws { try failAfter?(s) }
            let secret = try storeSecret(db)
            // 1. The person.
            let personID = try Self.resolvePerson(db, application, by: op, at: now, secret: secret)
            try step(.person)
            // 2. The case (number and timeline when accepting).
            let intake = ApplicationIntake(
                applicantID: personID, stationID: acceptance.stationID, centreID: acceptance.centreID,
                kind: CaseKind(rawValue: application.matter.kind.rawValue) ?? .civil, cause: cause,
                opposingParty: application.matter.opposingParty, summary: application.matter.summary,
                appliedOn: acceptance.appliedOn.iso, route: acceptance.screening.route,
                priority: acceptance.screening.priority, provideFirst: acceptance.screening.provideFirst,
                economicCheck: acceptance.screening.economicCheck,
                reviewDue: acceptance.screening.reviewDue, householdSize: household?.householdSize,
                incomePerCapitaFen: household?.perCapitaFen, hardshipEvidence: application.economy.evidence,
                documents: documents, consultationID: acceptance.consultationID, ticketID: acceptance.ticketID)
            let accept = acceptance.acceptedOn != nil
            let (caseID, note) = try Self.insertCase(db, intake, accept: accept, day: (acceptance.acceptedOn ?? acceptance.appliedOn).iso,
                                                     operatorID: opID, at: now)
            try step(.caseRecord)
            // 3. Documents (容缺受理: the missing ones with their due date).
            try Self.insertDocuments(db, caseID: caseID, documents, receivedOn: acceptance.appliedOn.iso)
            // The papers handed over at the window (v18-document-register): the form, the receipt
            // and, when something is missing, the numbered 补充材料通知书.
            let issuedOn = (acceptance.acceptedOn ?? acceptance.appliedOn).iso
            for kind: DocumentKind in [.applicationForm, .receipt]
                + (application.economy.evidence == .commitment ? [.hardshipStatement] : [])
                + (documents.contains { $0.status == .missing } ? [.supplementNotice] : []) {
                try Self.registerDocument(db, caseID: caseID, kind: kind, day: issuedOn, operatorID: opID, at: now)
            }
            try step(.documents)
            // 4. The screening as decided at the window.
            if let snap = acceptance.screening.snapshot {
                try db.execute(sql: """
                    INSERT INTO case_screening(case_id, rule_set_id, rule_set_version, effective_on, decision, summary, recorded_at)
                    VALUES (?,?,?,?,?,?,?)
                    ON CONFLICT(case_id) DO UPDATE SET rule_set_id = excluded.rule_set_id,
                        rule_set_version = excluded.rule_set_version, effective_on = excluded.effective_on,
                        decision = excluded.decision, summary = excluded.summary, recorded_at = excluded.recorded_at
                    """, arguments: [caseID, snap.ruleSetID, snap.ruleSetVersion, snap.effectiveOn, snap.decision, snap.summary, now])
                try AuditLog.append(db, at: now, operatorID: opID, action: "create", entity: "case_screening",
                                    entityID: String(caseID), before: nil,
                                    after: AuditDigest.of([("rule_set", snap.ruleSetID), ("version", snap.ruleSetVersion),
                                                           ("decision", snap.decision)], secret: secret))
            }
            try step(.screening)
            // 5. 保密: set with the case, never after it.
            if application.confidential {
                try db.execute(sql: "UPDATE aid_case SET confidential = 1 WHERE id = ?", arguments: [caseID])
                try AuditLog.append(db, at: now, operatorID: opID, action: "update", entity: "aid_case",
                                    entityID: String(caseID), before: nil, after: nil, detail: "标记为保密案件")
            }
            try step(.confidentiality)
            // 6. The case's own audit entry.
            let saved = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID])!
            try AuditLog.append(db, at: now, operatorID: opID, action: accept ? "accept" : "create",
                                entity: "aid_case", entityID: String(caseID), before: nil,
                                after: AuditDigest.of(saved.auditFields(), secret: secret), detail: note)
            try step(.audit)
            // 7. The draft it was typed into.
            if let draft = acceptance.draft, let opID {
                try db.execute(sql: "DELETE FROM draft WHERE operator_id = ? AND form = ? AND key = ?",
                               arguments: [opID, draft.form, draft.key])
            }
            try step(.draft)
            return saved
        }
    }

    // MARK: The person policy

    /// The values an application proposes for each person field (nil: nothing given).
    static func proposed(_ a: AidApplication) -> [PersonField: String] {
        var out: [PersonField: String] = [:]
        let p = a.applicant
        let name = p.name.trimmingCharacters(in: .whitespaces)
        if !name.isEmpty { out[.name] = name }
        if let id = p.identity.number { out[.idNumber] = id.normalized }
        if let g = p.effectiveGender { out[.gender] = g.rawValue }
        if let b = p.effectiveBirthDate { out[.birthDate] = b.iso }
        if let phone = p.phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty { out[.phone] = phone }
        if let address = p.address?.trimmingCharacters(in: .whitespaces), !address.isEmpty { out[.address] = address }
        if !p.needs.isEmpty { out[.needs] = p.needs.sorted().joined(separator: ",") }
        if !p.groups.isEmpty { out[.groups] = p.groups.map(\.rawValue).sorted().joined(separator: ",") }
        return out
    }

    static func stored(_ a: Applicant) -> [PersonField: String] {
        var out: [PersonField: String] = [.name: a.name]
        func put(_ f: PersonField, _ v: String?) { if let v, !v.isEmpty { out[f] = v } }
        put(.idNumber, a.idNumber); put(.gender, a.gender); put(.birthDate, a.birthDate); put(.phone, a.phone)
        put(.address, a.address)
        put(.needs, a.needs.map(\.rawValue).sorted().joined(separator: ","))
        put(.groups, a.groups.sorted().joined(separator: ","))
        return out
    }

    /// The fields where the application would write over a NON-EMPTY stored value (filling an
    /// empty field is not an overwrite and needs no confirmation; a blank entry never wipes).
    static func overwrites(stored record: Applicant, _ application: AidApplication) -> [PersonField] {
        let old = stored(record), new = proposed(application)
        return PersonField.allCases.filter { f in
            guard let o = old[f], let n = new[f] else { return false }
            return o != n
        }
    }

    static func display(_ field: PersonField, _ value: String?, masked: Bool) -> String {
        guard let value, !value.isEmpty else { return "（空）" }
        switch field {
        case .idNumber: return masked ? PrivacyPolicy.maskIDNumber(value) : value
        case .phone: return masked ? PrivacyPolicy.maskPhone(value) : value
        case .address: return masked ? PrivacyPolicy.maskAddress(value) : value
        case .gender: return value == "M" ? "男" : value == "F" ? "女" : value
        case .needs: return value.split(separator: ",").map { AccessibilityNeed(rawValue: String($0))?.label ?? String($0) }.joined(separator: "、")
        default: return value
        }
    }

    /// The before/after comparison for a registered person: one entry per field the application
    /// would change. Stored sensitive values are masked (for a 保密 person whose contact this
    /// viewer may not see: （保密）); what the clerk typed is shown as typed.
    public func personComparison(applicantID: Int64, _ application: AidApplication, by op: Operator) throws -> [PersonChange] {
        try read { db in
            guard let old = try Self.applicant(db, id: applicantID) else {
                throw StoreError.notFound(entity: "申请人", id: String(applicantID))
            }
            let hidden = try Self.contactHidden(db, applicantID: applicantID, for: op)
            let before = Self.stored(old), after = Self.proposed(application)
            return Self.overwrites(stored: old, application).map { f in
                let b = hidden && (f == .phone || f == .address) ? PrivacyPolicy.hiddenText : Self.display(f, before[f], masked: f.isSensitive)
                return PersonChange(field: f, before: b, after: Self.display(f, after[f], masked: false))
            }
        }
    }

    /// Resolves the applicant of an application inside the acceptance transaction:
    /// - `.new`: refused when the identity number belongs to a registered person (they must be
    ///   picked, so their record is not duplicated or silently adopted); otherwise created.
    /// - `.existing(id, acceptedChanges)`: stored non-empty fields are kept unless the field is in
    ///   `acceptedChanges` (an unconfirmed difference is refused, naming the field); empty stored
    ///   fields are filled; blank entries never wipe anything.
    static func resolvePerson(_ db: any SQLSession, _ application: AidApplication, by op: Operator, at now: String,
                              secret: String) throws -> Int64 {
        let new = proposed(application)
        if let number = new[.idNumber],
           let owner = try Int64.fetchOne(db, sql: "SELECT id FROM applicant WHERE id_number = ?", arguments: [number]),
           owner != application.person.existingID {
            throw StoreError.invalidInput(field: "applicant.identity",
                                          message: "证件号码属于已登记的申请人：请从查找结果中选择此人")
        }
        switch application.person {
        case .new:
            guard let name = new[.name] else { throw StoreError.invalidInput(field: "applicant.name", message: "姓名不能为空") }
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO applicant(name, id_type, id_number, gender, birth_date, phone, address, needs, created_at, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?)
                """, arguments: [name, application.applicant.identity.number?.kind.rawValue ?? "none", new[.idNumber],
                                 new[.gender], new[.birthDate], new[.phone], new[.address], new[.needs] ?? "", now, now])
            let id = insertedID
            for g in application.applicant.groups {
                try db.execute(sql: "INSERT INTO applicant_group(applicant_id, code) VALUES (?, ?)", arguments: [id, g.rawValue])
            }
            try PersonSearchIndex.insert(db, applicantID: id,
                                         keys: PersonSearchIndex.keys(name: name, idNumber: new[.idNumber], phone: new[.phone]))
            let saved = try applicant(db, id: id)!
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "applicant", entityID: String(id),
                                before: nil, after: AuditDigest.of(saved.auditFields(), secret: secret), detail: "受理申请时登记")
            return id
        case .existing(let id, let accepted):
            guard let old = try applicant(db, id: id) else { throw StoreError.notFound(entity: "申请人", id: String(id)) }
            for f in overwrites(stored: old, application) where !accepted.contains(f) {
                throw StoreError.invalidInput(field: "applicant.\(f.rawValue)",
                                              message: "\(f.label)与档案不同：需经办人逐项确认后才能更改档案")
            }
            var merged = stored(old)
            for (f, v) in new { merged[f] = v }   // fills, plus the confirmed overwrites (checked above)
            var updated = old
            updated.name = merged[.name] ?? old.name
            updated.idNumber = merged[.idNumber]
            if updated.idNumber != old.idNumber {
                updated.idType = application.applicant.identity.number?.kind.rawValue ?? old.idType
            }
            updated.gender = merged[.gender]; updated.birthDate = merged[.birthDate]
            updated.phone = merged[.phone]; updated.address = merged[.address]
            updated.needs = (merged[.needs] ?? "").split(separator: ",").compactMap { AccessibilityNeed(rawValue: String($0)) }
            updated.groups = (merged[.groups] ?? "").split(separator: ",").map(String.init).sorted()
            var oldSorted = old
            oldSorted.groups = old.groups.sorted()
            guard updated != oldSorted else { return id }
            try db.execute(sql: """
                UPDATE applicant SET name=?, id_type=?, id_number=?, gender=?, birth_date=?, phone=?, address=?, needs=?,
                    updated_at=? WHERE id=?
                """, arguments: [updated.name, updated.idType, updated.idNumber, updated.gender, updated.birthDate,
                                 updated.phone, updated.address, updated.needs.map(\.rawValue).joined(separator: ","), now, id])
            try db.execute(sql: "DELETE FROM applicant_group WHERE applicant_id = ?", arguments: [id])
            for g in Set(updated.groups) {
                try db.execute(sql: "INSERT INTO applicant_group(applicant_id, code) VALUES (?, ?)", arguments: [id, g])
            }
            try PersonSearchIndex.remove(db, applicantID: id)
            try PersonSearchIndex.insert(db, applicantID: id, keys: PersonSearchIndex.keys(
                name: updated.name, idNumber: updated.idNumber, phone: updated.phone))
            let changed = PersonField.allCases.filter { stored(old)[$0] != stored(updated)[$0] }.map(\.label)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "applicant", entityID: String(id),
                                before: AuditDigest.of(old.auditFields(), secret: secret),
                                after: AuditDigest.of(updated.auditFields(), secret: secret),
                                detail: "受理申请时更新：" + changed.joined(separator: "、")
                                    + (accepted.isEmpty ? "（仅补填空白项）" : "（经办人已确认）"))
            try refreshSpecialGroups(db, applicantIDs: [id], operatorID: op.id, at: now, reason: "受理申请时更新了申请人信息")
            return id
        }
    }

    // MARK: Privacy of person records

    /// Whether `op` may not see this person's contact (a 保密 case they are neither reviewer nor
    /// assigned lawyer of).
    static func contactHidden(_ db: any SQLSession, applicantID: Int64, for op: Operator) throws -> Bool {
        let rows = try SQLRow.fetchAll(db, sql: "SELECT provider_id FROM aid_case WHERE applicant_id = ? AND confidential = 1",
                                    arguments: [applicantID])
        return rows.contains {
            PrivacyPolicy.contact(viewerRole: op.role, viewerProviderID: op.providerID, confidential: true,
                                  assignedProviderID: $0["provider_id"]) == .hidden
        }
    }

    /// A registered person for the front desk (picked from the search): masked, and the look is
    /// audited as a read of the person (who, whom, when).
    public func maskedPerson(_ applicantID: Int64, by op: Operator) throws -> MaskedPerson {
        let now = timestamp()
        return try write { db in
            guard let a = try Self.applicant(db, id: applicantID) else {
                throw StoreError.notFound(entity: "申请人", id: String(applicantID))
            }
            let hidden = try Self.contactHidden(db, applicantID: applicantID, for: op)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "read", entity: "applicant",
                                entityID: String(applicantID), before: nil, after: nil, detail: "前台带入申请人（脱敏显示）")
            return MaskedPerson(
                id: applicantID, name: a.name, idNumberMasked: a.idNumber.map(PrivacyPolicy.maskIDNumber),
                gender: a.gender, birthDate: a.birthDate,
                phoneMasked: hidden ? (a.phone == nil ? nil : PrivacyPolicy.hiddenText) : a.phone.map(PrivacyPolicy.maskPhone),
                addressMasked: hidden ? (a.address == nil ? nil : PrivacyPolicy.hiddenText) : a.address.map(PrivacyPolicy.maskAddress),
                needs: a.needs, groups: a.groups, contactHidden: hidden)
        }
    }

    /// A person's full record (every field in clear), for someone allowed to reveal; refused for
    /// the contact of a 保密 person unless reviewer or assigned lawyer. Writes a read-access
    /// audit entry (who, whom, when, why).
    public func personRecord(_ applicantID: Int64, reason: String, by op: Operator) throws -> Applicant {
        try AccessPolicy.require(op.role, .revealIdentity)
        let why = reason.trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw StoreError.invalidInput(field: "reason", message: "查看完整档案需说明理由") }
        let now = timestamp()
        return try write { db in
            guard let a = try Self.applicant(db, id: applicantID) else {
                throw StoreError.notFound(entity: "申请人", id: String(applicantID))
            }
            if try Self.contactHidden(db, applicantID: applicantID, for: op) {
                throw StoreError.invalidInput(field: "联系方式", message: "该申请人有保密案件，完整档案只有承办律师和审查人员可以查看")
            }
            try AuditLog.append(db, at: now, operatorID: op.id, action: "read", entity: "applicant",
                                entityID: String(applicantID), before: nil, after: nil, detail: "查看完整档案：\(why)")
            return a
        }
    }

    /// One field of a person in full (证件号码、电话、住址), through an audited reveal with a reason.
    /// Refused for a 保密 person unless the viewer is a reviewer or the assigned lawyer.
    public func revealPersonField(_ applicantID: Int64, _ field: PersonField, reason: String, by op: Operator) throws -> String {
        guard field.isSensitive else { throw StoreError.invalidInput(field: "field", message: "只有证件号码、电话和住址需要查看") }
        try AccessPolicy.require(op.role, .revealIdentity)
        let why = reason.trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw StoreError.invalidInput(field: "reason", message: "查看完整\(field.label)需说明理由") }
        let now = timestamp()
        return try write { db in
            guard let a = try Self.applicant(db, id: applicantID) else {
                throw StoreError.notFound(entity: "申请人", id: String(applicantID))
            }
            if try Self.contactHidden(db, applicantID: applicantID, for: op) {
                throw StoreError.invalidInput(field: field.label, message: "该申请人有保密案件，\(field.label)只有承办律师和审查人员可以查看")
            }
            try AuditLog.append(db, at: now, operatorID: op.id, action: "reveal", entity: "applicant",
                                entityID: String(applicantID), before: nil, after: nil, detail: "查看完整\(field.label)：\(why)")
            switch field {
            case .idNumber: return a.idNumber ?? ""
            case .phone: return a.phone ?? ""
            default: return a.address ?? ""
            }
        }
    }

    // MARK: Search with privacy

    /// Whether a query is a whole identity number (its search is audited: the caller must be
    /// able to write).
    public static func isWholeIdentityNumber(_ query: String) -> Bool { isFullIdentityNumber(query) }

    /// Whether a query is a whole identity number (18 or 15 characters of the ID alphabet).
    static func isFullIdentityNumber(_ query: String) -> Bool {
        let q = query.trimmingCharacters(in: .whitespaces).uppercased()
        guard q.count == 18 || q.count == 15 else { return false }
        return q.dropLast().allSatisfy(\.isNumber) && (q.last!.isNumber || q.last == "X")
    }

    /// Person search with the privacy rules applied: a whole identity number is answered with the
    /// hits only to a viewer who may reveal identities, otherwise only 找到/未找到; every
    /// whole-number search is audited (the number enters the audit only as a keyed digest).
    /// `viewer` nil is an unproven caller (no reveal rights).
    public func searchPeople(_ query: String, limit: Int = 20, by viewer: Operator?) throws -> PersonSearchAnswer {
        guard Self.isFullIdentityNumber(query) else { return .hits(try searchApplicants(query, limit: limit)) }
        let mayReveal = viewer.map { AccessPolicy.allows($0.role, .revealIdentity) } ?? false
        let now = timestamp()
        return try write { db in
            let hits = try PersonSearch.search(db, query: query, limit: limit).filter { $0.match == .exactID }
            let number = query.trimmingCharacters(in: .whitespaces).uppercased()
            try AuditLog.append(db, at: now, operatorID: viewer?.id, action: "search", entity: "applicant",
                                entityID: hits.first.map { String($0.applicantID) } ?? "-", before: nil,
                                after: AuditDigest.of([("id_number", number)], secret: try storeSecret(db)),
                                detail: "按完整证件号码查询：" + (hits.isEmpty ? "未找到" : "找到")
                                    + (mayReveal ? "" : "（仅答复是否找到）"))
            return mayReveal ? .hits(hits) : .identityCheck(found: !hits.isEmpty)
        }
    }

    // MARK: 补交材料

    /// Records a document brought after acceptance (补交材料): which, when, by whom (the person
    /// who brought it, e.g. 本人 or 家属代交) and the operator. When the last missing document
    /// arrives the 补正 clock ends (Art 43 ¶2: the one-time notice is satisfied) and the timeline
    /// says so; the review clock is not changed (Art 43 ¶1 counts from the application).
    public func recordSupplementedDocument(caseID: Int64, code: String, on day: LocalDate, broughtBy: String,
                                           by op: Operator) throws -> (remaining: Int, complete: Bool) {
        try AccessPolicy.require(op.role, .takeApplication)
        let who = broughtBy.trimmingCharacters(in: .whitespaces)
        guard !who.isEmpty else { throw StoreError.invalidInput(field: "broughtBy", message: "请填写交材料的人（本人或代交人姓名）") }
        if day > today() { throw StoreError.invalidInput(field: "day", message: "补交日期不能晚于今天（\(today().iso)）：\(day.iso)") }
        let now = timestamp()
        return try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT label, status FROM case_document WHERE case_id = ? AND code = ?",
                                             arguments: [caseID, code]) else {
                throw StoreError.notFound(entity: "案件材料", id: "\(caseID)/\(code)")
            }
            let label: String = row["label"]
            guard (row["status"] as String) == "missing" else {
                throw StoreError.invalidInput(field: "code", message: "“\(label)”不是待补交的材料")
            }
            if let applied = try String.fetchOne(db, sql: "SELECT applied_on FROM aid_case WHERE id = ?", arguments: [caseID]),
               let appliedOn = LocalDate(iso: applied), day < appliedOn {
                throw StoreError.invalidInput(field: "day", message: "补交日期不能早于申请日期 \(applied)")
            }
            try db.execute(sql: """
                UPDATE case_document SET status = 'received', received_on = ?, brought_by = ?, recorded_by = ? WHERE case_id = ? AND code = ?
                """, arguments: [day.iso, who, op.id, caseID, code])
            let remaining = try Int.fetchOne(db, sql: "SELECT count(*) FROM case_document WHERE case_id = ? AND status = 'missing'",
                                             arguments: [caseID]) ?? 0
            let note = "补交材料：\(label)（\(who)，\(day.iso)）" + (remaining == 0 ? "；材料已补齐，补正期限结束" : "；仍缺 \(remaining) 项")
            try Self.addEvent(db, caseID: caseID, at: now, kind: "documents", operatorID: op.id, note: note)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "case_document",
                                entityID: "\(caseID)/\(code)", before: nil,
                                after: AuditDigest.of([("status", "received"), ("received_on", day.iso), ("brought_by", who)],
                                                      secret: try storeSecret(db)), detail: note)
            return (remaining, remaining == 0)
        }
    }

    /// Who brought a document after acceptance and when (nil when it was received at the window).
    public func supplementRecord(caseID: Int64, code: String) throws -> (day: String, broughtBy: String)? {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT received_on, brought_by FROM case_document WHERE case_id = ? AND code = ?",
                                             arguments: [caseID, code]),
                  let who = row["brought_by"] as String?, let day = row["received_on"] as String? else { return nil }
            return (day, who)
        }
    }
}

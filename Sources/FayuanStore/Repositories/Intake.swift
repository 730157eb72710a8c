import FayuanCore

/// The front desk: consultations, applications taken and accepted, refusals at the window, and
/// the look-ups the intake screens make while the clerk types. Permissions are checked here, not
/// only by what the screens show.
extension CaseStore {
    // MARK: Where we are

    /// The station an operator works at and its aid centre. Falls back to the store's county
    /// centre when the operator has no station (a single-centre install); nil when the store has
    /// no stations at all.
    public func intakeContext(stationID: Int64?) throws -> IntakeContext? {
        try read { db in
            var station: Station?
            if let stationID {
                station = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [stationID])
            }
            if station == nil {
                station = try Station.fetchOne(db, sql: """
                    SELECT * FROM station ORDER BY kind = 'county_centre' DESC, id LIMIT 1
                    """)
            }
            guard let station else { return nil }
            var centre = station
            var hops = 0
            while centre.kind != .countyCentre, let parent = centre.parentID, hops < 8,
                  let next = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [parent]) {
                centre = next
                hops += 1
            }
            return IntakeContext(station: station, centre: centre)
        }
    }

    /// Active providers (for the lawyer about to be assigned), by name.
    public func activeProviders() throws -> [Provider] {
        try read { db in try Provider.fetchAll(db, sql: "SELECT * FROM provider WHERE active = 1 ORDER BY name, id") }
    }

    // MARK: Look-ups while typing

    /// Applicant search for the intake screens: the hits with their open cases.
    /// A whole identity number goes through `searchPeople` (audited; only 找到/未找到 for a viewer
    /// without reveal rights, which then gets no hits here).
    public func searchPeopleForIntake(_ query: String, limit: Int = 6, by viewer: Operator? = nil) throws -> [IntakePersonHit] {
        let hits: [SearchHit]
        switch try searchPeople(query, limit: limit, by: viewer) {
        case .hits(let h): hits = h
        case .identityCheck: hits = []
        }
        return try read { db in
            try hits.map { IntakePersonHit(hit: $0, openCases: try Self.openCases(db, applicantID: $0.applicantID)) }
        }
    }

    public func openCases(applicantID: Int64) throws -> [OpenCaseSummary] {
        try read { db in try Self.openCases(db, applicantID: applicantID) }
    }

    static func openCases(_ db: any SQLSession, applicantID: Int64) throws -> [OpenCaseSummary] {
        let steps = DuplicateCheck.openSteps.sorted()
        let marks = steps.map { _ in "?" }.joined(separator: ",")
        return try SQLRow.fetchAll(db, sql: """
            SELECT id, case_number, step, cause FROM aid_case WHERE applicant_id = ? AND step IN (\(marks)) ORDER BY id
            """, arguments: SQLArguments([applicantID]) + SQLArguments(steps)).map {
            OpenCaseSummary(caseID: $0["id"], caseNumber: $0["case_number"],
                            step: CaseStep(rawValue: $0["step"]) ?? .applied, cause: $0["cause"])
        }
    }

    /// 利益冲突: the opposing party among the centre's applicants (and the chosen provider's), and
    /// the applicant among earlier opposing parties. Names are compared normalized, exactly.
    public func conflictHits(opposingParty: String, applicantName: String, centreID: Int64?,
                             providerID: Int64?) throws -> [ConflictCheck.Hit] {
        let opposing = ConflictCheck.normalize(opposingParty)
        let applicant = ConflictCheck.normalize(applicantName)
        return try read { db in
            var hits: [ConflictCheck.Hit] = []
            if !opposing.isEmpty {
                let rows = try SQLRow.fetchAll(db, sql: """
                    SELECT a.name, c.case_number, c.step, c.provider_id, c.centre_id FROM applicant a
                    JOIN aid_case c ON c.applicant_id = a.id WHERE a.name = ? ORDER BY c.id LIMIT 20
                    """, arguments: [opposing])
                for row in rows {
                    let step: String = row["step"]
                    let isOpen = DuplicateCheck.openSteps.contains(step)
                    let provider: Int64? = row["provider_id"]
                    if let providerID, provider == providerID {
                        hits.append(.init(relation: .providerClient, name: row["name"], caseNumber: row["case_number"], isOpen: isOpen))
                    } else if centreID == nil || row["centre_id"] == centreID {
                        hits.append(.init(relation: .centreClient, name: row["name"], caseNumber: row["case_number"], isOpen: isOpen))
                    }
                }
            }
            if !applicant.isEmpty {
                let rows = try SQLRow.fetchAll(db, sql: """
                    SELECT case_number, step FROM aid_case WHERE opposing_party = ? ORDER BY id LIMIT 5
                    """, arguments: [applicant])
                for row in rows {
                    hits.append(.init(relation: .applicantWasOpponent, name: applicant, caseNumber: row["case_number"],
                                      isOpen: DuplicateCheck.openSteps.contains(row["step"] as String)))
                }
            }
            return hits
        }
    }

    // MARK: Consultations

    /// Registers a consultation (登记咨询), audited; `ticketID` links the queue ticket served.
    @discardableResult
    public func registerConsultation(_ consultation: Consultation, ticketID: Int64? = nil,
                                     role: OperatorRole) throws -> Consultation {
        try AccessPolicy.require(role, .registerConsultation)
        try StoreDate.validate(consultation.day, field: "day")
        guard !consultation.topic.isEmpty else {
            throw StoreError.invalidInput(field: "topic", message: "咨询事项不能为空")
        }
        let now = timestamp()
        return try write { db in
            let saved = try Self.recordConsultation(db, consultation, at: now)
            if let ticketID {
                try db.execute(sql: "UPDATE consultation SET ticket_id = ? WHERE id = ?", arguments: [ticketID, saved.id])
            }
            try AuditLog.append(db, at: now, operatorID: consultation.operatorID, action: "create", entity: "consultation",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("station_id", String(saved.stationID)), ("topic", saved.topic),
                                                       ("channel", saved.channel.rawValue),
                                                       ("applicant_id", saved.applicantID.map(String.init)),
                                                       ("referral", saved.referral)], secret: try storeSecret(db)))
            return saved
        }
    }

    public func consultations(stationID: Int64, day: String) throws -> [Consultation] {
        try read { db in
            try Consultation.fetchAll(db, sql: "SELECT * FROM consultation WHERE station_id = ? AND day = ? ORDER BY id",
                                      arguments: [stationID, day])
        }
    }

    // MARK: Applications

    /// Registers an application and, when `accept` is set, accepts it (受理) in the same
    /// transaction: case number allocated, review deadline and documents (容缺受理: missing ones
    /// with their due date) recorded, timeline and audit written. Someone who may take but not
    /// accept applications (a duty lawyer) registers it for the centre to accept.
    @discardableResult
    public func takeApplication(_ intake: ApplicationIntake, accept: Bool, acceptedOn: String?,
                                role: OperatorRole, by operatorID: Int64?) throws -> AidCase {
        try AccessPolicy.require(role, .takeApplication)
        if accept { try AccessPolicy.require(role, .acceptApplication) }
        try StoreDate.validate(intake.appliedOn, field: "appliedOn")
        if let applied = LocalDate(iso: intake.appliedOn), applied > today() {
            throw StoreError.invalidInput(field: "appliedOn", message: "申请日期不能晚于今天（\(today().iso)）：\(intake.appliedOn)")
        }
        if let due = intake.reviewDue { try StoreDate.validate(due, field: "reviewDue") }
        guard !intake.cause.isEmpty else { throw StoreError.invalidInput(field: "cause", message: "案由不能为空") }
        let day = acceptedOn ?? intake.appliedOn
        if accept { try StoreDate.validate(day, field: "acceptedOn") }
        for d in intake.documents where d.status == .missing {
            guard let due = d.dueOn else {
                throw StoreError.invalidInput(field: "documents.\(d.code)", message: "缺少的材料“\(d.label)”需要补正期限")
            }
            try StoreDate.validate(due, field: "documents.\(d.code)")
        }
        let now = timestamp()
        return try write { db in
            guard try Self.applicant(db, id: intake.applicantID) != nil else {
                throw StoreError.notFound(entity: "申请人", id: String(intake.applicantID))
            }
            let (caseID, note) = try Self.insertCase(db, intake, accept: accept, day: day, operatorID: operatorID, at: now)
            try Self.insertDocuments(db, caseID: caseID, intake.documents, receivedOn: intake.appliedOn)
            let saved = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID])!
            try AuditLog.append(db, at: now, operatorID: operatorID, action: accept ? "accept" : "create",
                                entity: "aid_case", entityID: String(caseID), before: nil,
                                after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)), detail: note)
            return saved
        }
    }

    /// The case row of an application (and, when accepting, its number), with its timeline
    /// events. Returns the case id and the timeline note.
    static func insertCase(_ db: any SQLSession, _ intake: ApplicationIntake, accept: Bool, day: String, operatorID: Int64?,
                           at now: String) throws -> (Int64, String) {
        let insertedID = try db.insertReturningID(sql: """
            INSERT INTO aid_case(centre_id, station_id, applicant_id, kind, cause, route, step, priority, provide_first,
                economic_check, special_group, applied_on, summary, opposing_party, review_due, household_size,
                income_per_capita_fen, hardship_evidence, consultation_id, ticket_id, created_at, updated_at)
            VALUES (?,?,?,?,?,?,'applied',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [intake.centreID, intake.stationID, intake.applicantID, intake.kind.rawValue, intake.cause,
                             intake.route, intake.priority, intake.provideFirst, intake.economicCheck,
                             try specialGroupFlag(db, applicantID: intake.applicantID, appliedOn: intake.appliedOn),
                             intake.appliedOn, intake.summary,
                             ConflictCheck.normalize(intake.opposingParty), intake.reviewDue, intake.householdSize,
                             intake.incomePerCapitaFen, intake.hardshipEvidence?.rawValue, intake.consultationID,
                             intake.ticketID, now, now])
        let caseID = insertedID
        try addEvent(db, caseID: caseID, at: now, kind: "applied", operatorID: operatorID, note: "窗口接收申请")
        var note = "提交中心受理"
        if accept {
            guard let year = Int(day.prefix(4)) else { throw StoreError.invalidInput(field: "acceptedOn", message: day) }
            let number = try allocateCaseNumber(db, centre: intake.centreID, year: year, kind: intake.kind)
            try db.execute(sql: """
                UPDATE aid_case SET step = 'accepted', year = ?, seq = ?, case_number = ?, accepted_on = ? WHERE id = ?
                """, arguments: [year, number.seq, number.text, day, caseID])
            let missing = intake.documents.filter { $0.status == .missing }
            note = "受理，编号\(number.text)" + (missing.isEmpty ? "" : "（容缺受理，缺\(missing.count)项材料）")
            if intake.route == "notification" {
                // 通知辩护/代理 (Art 36): no review; accepted is granted and waits for assignment.
                try db.execute(sql: "UPDATE aid_case SET step = 'granted', decided_on = ? WHERE id = ?", arguments: [day, caseID])
                note += "；通知辩护/代理，无需审查，径行指派（法律援助法第三十六条：收到通知之日起三日内指派）"
            }
            try addEvent(db, caseID: caseID, at: now, kind: "accept", operatorID: operatorID, note: note)
        }
        return (caseID, note)
    }

    static func insertDocuments(_ db: any SQLSession, caseID: Int64, _ documents: [CaseDocumentEntry], receivedOn: String) throws {
        for d in documents {
            try db.execute(sql: """
                INSERT INTO case_document(case_id, code, label, status, due_on, received_on) VALUES (?,?,?,?,?,?)
                """, arguments: [caseID, d.code, d.label, d.status.rawValue, d.status == .missing ? d.dueOn : nil,
                                 d.status == .received || d.status == .committed ? receivedOn : nil])
        }
    }

    /// The documents recorded with a case.
    public func caseDocuments(_ caseID: Int64) throws -> [CaseDocumentEntry] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM case_document WHERE case_id = ? ORDER BY id", arguments: [caseID]).map {
                CaseDocumentEntry(code: $0["code"], label: $0["label"],
                                  status: CaseDocumentEntry.Status(rawValue: $0["status"]) ?? .received, dueOn: $0["due_on"])
            }
        }
    }

    /// The statutory review deadline recorded at acceptance.
    public func reviewDue(_ caseID: Int64) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT review_due FROM aid_case WHERE id = ?", arguments: [caseID]) }
    }

    /// Cases by number or applicant name (exact), newest first — for finding a case just taken.
    public func findCases(_ query: String, limit: Int = 20) throws -> [AidCase] {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        return try read { db in
            try AidCase.fetchAll(db, sql: """
                SELECT c.* FROM aid_case c WHERE c.case_number = ?
                UNION SELECT c.* FROM aid_case c JOIN applicant a ON a.id = c.applicant_id WHERE a.name = ?
                ORDER BY id DESC LIMIT ?
                """, arguments: [q, q, limit])
        }
    }

    // MARK: Refusals at the window

    /// Records a refusal at the window (不予受理登记), audited.
    @discardableResult
    public func recordWindowRefusal(_ refusal: WindowRefusal, role: OperatorRole) throws -> WindowRefusal {
        try AccessPolicy.require(role, .refuseAtWindow)
        try StoreDate.validate(refusal.day, field: "day")
        guard WindowRefusalReason(rawValue: refusal.reason) != nil else {
            throw StoreError.invalidInput(field: "reason", message: "未知的不予受理原因：\(refusal.reason)")
        }
        let now = timestamp()
        return try write { db in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO window_refusal(station_id, operator_id, applicant_id, visitor_name, reason, detail, referral,
                    ticket_id, day, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)
                """, arguments: [refusal.stationID, refusal.operatorID, refusal.applicantID, refusal.visitorName,
                                 refusal.reason, refusal.detail, refusal.referral, refusal.ticketID, refusal.day, now])
            var saved = refusal
            saved.id = insertedID
            try AuditLog.append(db, at: now, operatorID: refusal.operatorID, action: "refuse_at_window",
                                entity: "window_refusal", entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("station_id", String(refusal.stationID)), ("reason", refusal.reason),
                                                       ("applicant_id", refusal.applicantID.map(String.init)),
                                                       ("referral", refusal.referral)], secret: try storeSecret(db)),
                                detail: refusal.detail)
            return saved
        }
    }

    public func windowRefusals(stationID: Int64, day: String) throws -> [WindowRefusal] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM window_refusal WHERE station_id = ? AND day = ? ORDER BY id",
                             arguments: [stationID, day]).map {
                WindowRefusal(id: $0["id"], stationID: $0["station_id"], operatorID: $0["operator_id"],
                              applicantID: $0["applicant_id"], visitorName: $0["visitor_name"], reason: $0["reason"],
                              detail: $0["detail"], referral: $0["referral"], ticketID: $0["ticket_id"], day: $0["day"])
            }
        }
    }

    // MARK: Drafts

    /// One draft of this operator (only the operator who wrote a draft can read it back).
    public func draft(operator operatorID: Int64, form: String, key: String) throws -> Draft? {
        try read { db in
            try Draft.fetchOne(db, sql: "SELECT * FROM draft WHERE operator_id = ? AND form = ? AND key = ?",
                               arguments: [operatorID, form, key])
        }
    }
}

import FayuanCore
import Foundation

/// 政策找人 (round2-capabilities §2): the outreach register. Each public method is one use case and
/// one transaction with its audit entries. Permissions: importing a list is for those who accept
/// applications (centre staff); visits, contact cards and needs for anyone who registers
/// consultations; turning a need into an application for those who take applications.
extension CaseStore {
    // MARK: Import of 民政 / 残联 lists

    /// The diff a commit would make (new / changed / gone, held and rejected rows); writes nothing.
    public func previewOutreachImport(_ plan: OutreachListPlan, _ meta: OutreachImportMeta) throws -> OutreachImportDiff {
        try read { db in try Self.outreachDiff(db, plan, meta) }
    }

    /// Imports the list as one batch: every accepted row or none, the rows held and rejected kept
    /// with their row numbers, tags of this source and group no longer on the list ended on the
    /// import date (decisions already made on cases are not touched), one audit entry for the batch.
    @discardableResult
    public func commitOutreachImport(_ plan: OutreachListPlan, _ meta: OutreachImportMeta, role: OperatorRole,
                                     by operatorID: Int64?) throws -> OutreachImportDiff {
        try AccessPolicy.require(role, .acceptApplication)
        guard !plan.accepted.isEmpty || plan.totalRows > 0 else {
            throw StoreError.invalidInput(field: "file", message: "名单中没有数据行")
        }
        let now = timestamp()
        return try write { db in
            var diff = try Self.outreachDiff(db, plan, meta)
            let day = meta.importedOn.iso
            let batchID = try Int64.fetchOne(db, sql: """
                INSERT INTO outreach_batch(source, group_code, town, file_name, file_digest, imported_on, imported_at,
                    operator_id, rows_total, imported, held, rejected, new_count, changed_count, gone_count)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: [meta.source.rawValue, Self.listGroups(plan).map(\.rawValue).joined(separator: ","),
                                 meta.town, meta.fileName, meta.fileDigest, day, now, operatorID, diff.totalRows,
                                 diff.imported, diff.held.count, diff.rejected.count, diff.new.count,
                                 diff.changed.count, diff.gone.count])!
            for row in plan.accepted {
                let applicantID = try Self.findOrCreatePerson(db, name: row.name, id: row.id, phone: row.phone,
                                                              address: row.address, at: now)
                let household = try Self.resolveHousehold(db, row: row, applicantID: applicantID, meta: meta, at: now)
                try Self.placeMember(db, applicantID: applicantID, householdID: household, relation: row.relation ?? "")
                if let open = try SQLRow.fetchOne(db, sql: """
                    SELECT id, evidence_no FROM outreach_tag WHERE applicant_id = ? AND code = ? AND valid_to IS NULL
                    """, arguments: [applicantID, row.group.rawValue]) {
                    try db.execute(sql: """
                        UPDATE outreach_tag SET last_verified_on = ?, evidence_no = coalesce(?, evidence_no) WHERE id = ?
                        """, arguments: [day, row.evidenceNo, open["id"] as Int64])
                } else {
                    try db.execute(sql: """
                        INSERT INTO outreach_tag(applicant_id, code, evidence_kind, evidence_no, valid_from, last_verified_on,
                            source, source_batch_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)
                        """, arguments: [applicantID, row.group.rawValue, meta.evidenceKind.rawValue, row.evidenceNo, day, day,
                                         meta.source.rawValue, batchID, now])
                }
            }
            var ended: [Int64] = []
            for tag in try Self.goneTags(db, plan, meta) {
                try db.execute(sql: "UPDATE outreach_tag SET valid_to = ?, ended_batch_id = ? WHERE id = ?",
                               arguments: [day, batchID, tag.tagID])
                ended.append(tag.applicantID)
            }
            // Screening group codes copied onto a person by an earlier conversion go with the tag.
            for applicantID in Set(ended) {
                try Self.syncScreeningGroups(db, applicantID: applicantID, on: meta.importedOn, operatorID: operatorID,
                                             at: now, reason: "\(meta.source.label)名单复核，群体标签终止")
            }
            for issue in diff.held {
                try Self.insertIssue(db, batchID: batchID, kind: "held", issue)
            }
            for issue in diff.rejected {
                try Self.insertIssue(db, batchID: batchID, kind: "rejected", issue)
            }
            diff.batchID = batchID
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "import", entity: "outreach_batch",
                                entityID: String(batchID), before: nil,
                                after: AuditDigest.of([("file_digest", meta.fileDigest), ("rows", String(diff.totalRows))],
                                                      secret: try storeSecret(db)),
                                detail: "\(meta.source.importAction)：\(meta.fileName)，共 \(diff.totalRows) 行，导入 \(diff.imported) 人"
                                    + "（新增 \(diff.new.count)、变更 \(diff.changed.count)、未变 \(diff.unchanged)），"
                                    + "待合并 \(diff.held.count) 行，拒绝 \(diff.rejected.count) 行，终止群体标签 \(diff.gone.count) 个")
            return diff
        }
    }

    static func listGroups(_ plan: OutreachListPlan) -> [OutreachGroup] {
        Array(Set(plan.accepted.map(\.group))).sorted()
    }

    static func insertIssue(_ db: any SQLSession, batchID: Int64, kind: String, _ issue: OutreachListIssue) throws {
        try db.execute(sql: """
            INSERT INTO outreach_import_issue(batch_id, row_no, kind, name, id_masked, reason) VALUES (?,?,?,?,?,?)
            """, arguments: [batchID, issue.rowNumber, kind, issue.name, issue.idMasked, issue.reason])
    }

    static func outreachDiff(_ db: any SQLSession, _ plan: OutreachListPlan, _ meta: OutreachImportMeta) throws -> OutreachImportDiff {
        var diff = OutreachImportDiff()
        diff.totalRows = plan.totalRows
        diff.imported = plan.accepted.count
        diff.held = plan.held
        diff.rejected = plan.rejected
        diff.mergedRepeats = plan.mergedRepeats
        for row in plan.accepted {
            let entry = OutreachDiffEntry(rowNumber: row.rowNumber, name: row.name, idMasked: row.id.masked,
                                          group: row.group.label, detail: "")
            guard let person = try Int64.fetchOne(db, sql: "SELECT id FROM applicant WHERE id_number = ?",
                                                  arguments: [row.id.normalized]),
                  let tag = try SQLRow.fetchOne(db, sql: """
                    SELECT evidence_no FROM outreach_tag WHERE applicant_id = ? AND code = ? AND valid_to IS NULL
                    """, arguments: [person, row.group.rawValue]) else {
                var e = entry
                e.detail = "新增\(row.group.label)"
                diff.new.append(e)
                continue
            }
            var changes: [String] = []
            let oldEvidence: String? = tag["evidence_no"]
            if let evidence = row.evidenceNo, evidence != oldEvidence {
                changes.append("\(row.group.evidenceNumberLabel) \(oldEvidence ?? "无") → \(evidence)")
            }
            if let current = try SQLRow.fetchOne(db, sql: """
                SELECT h.source_ref, h.address FROM outreach_member m JOIN outreach_household h ON h.id = m.household_id
                WHERE m.applicant_id = ?
                """, arguments: [person]) {
                let ref = householdSourceRef(row, meta)
                if let ref, let old: String = current["source_ref"], old != ref {
                    changes.append("户别 \(old.split(separator: ":").last.map(String.init) ?? old) → \(row.householdRef)")
                }
                if let address = row.address, address != (current["address"] as String? ?? "") {
                    changes.append("住址变更")
                }
            }
            if changes.isEmpty {
                diff.unchanged += 1
            } else {
                var e = entry
                e.detail = changes.joined(separator: "；")
                diff.changed.append(e)
            }
        }
        for tag in try goneTags(db, plan, meta) {
            diff.gone.append(OutreachDiffEntry(rowNumber: nil, name: tag.name, idMasked: tag.idMasked,
                                               group: OutreachGroup(rawValue: tag.code)?.label ?? tag.code,
                                               detail: "不在本次名单中，群体标签于 \(meta.importedOn.iso) 终止"))
        }
        return diff
    }

    /// A list's 户编号 as stored (namespaced by source); nil for one-person households keyed by ID.
    static func householdSourceRef(_ row: OutreachListRow, _ meta: OutreachImportMeta) -> String? {
        row.householdRef == row.id.normalized ? nil : meta.source.rawValue + ":" + row.householdRef
    }

    struct GoneTag { var tagID: Int64; var applicantID: Int64; var code: String; var name: String; var idMasked: String }

    /// Open tags of this source and of the list's groups (in the list's town, when it names one)
    /// whose holders are neither accepted nor held in this list.
    static func goneTags(_ db: any SQLSession, _ plan: OutreachListPlan, _ meta: OutreachImportMeta) throws -> [GoneTag] {
        let groups = listGroups(plan)
        guard !groups.isEmpty else { return [] }
        let present = Set(plan.accepted.map(\.id.normalized))
        let marks = groups.map { _ in "?" }.joined(separator: ",")
        var sql = """
            SELECT t.id, t.applicant_id, t.code, a.name, a.id_number FROM outreach_tag t
            JOIN applicant a ON a.id = t.applicant_id
            LEFT JOIN outreach_member m ON m.applicant_id = t.applicant_id
            LEFT JOIN outreach_household h ON h.id = m.household_id
            WHERE t.valid_to IS NULL AND t.source = ? AND t.code IN (\(marks))
            """
        var arguments = SQLArguments([meta.source.rawValue]) + SQLArguments(groups.map(\.rawValue))
        if let town = meta.town {
            sql += " AND h.town = ?"
            arguments += [town]
        }
        sql += " ORDER BY t.id"
        return try SQLRow.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            let id: String? = row["id_number"]
            if let id, present.contains(id) { return nil }
            return GoneTag(tagID: row["id"], applicantID: row["applicant_id"], code: row["code"], name: row["name"],
                           idMasked: PrivacyPolicy.maskIDNumber(id ?? ""))
        }
    }

    /// The applicant with this ID number, or a new one (name, birth date and gender from the ID,
    /// search keys, audited). A known person's fields are never overwritten by a list; empty ones
    /// are filled.
    static func findOrCreatePerson(_ db: any SQLSession, name: String, id: IDNumber, phone: String?, address: String?,
                                   at now: String, operatorID: Int64? = nil) throws -> Int64 {
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM applicant WHERE id_number = ?", arguments: [id.normalized]) {
            try db.execute(sql: """
                UPDATE applicant SET phone = coalesce(phone, ?), address = coalesce(address, ?) WHERE id = ?
                """, arguments: [phone, address, existing])
            return existing
        }
        let person = Applicant(name: name, idType: id.kind.rawValue, idNumber: id.normalized, gender: id.gender.rawValue,
                               birthDate: id.birthDate.iso, phone: phone, address: address)
        let newID = try Int64.fetchOne(db, sql: """
            INSERT INTO applicant(name, id_type, id_number, gender, birth_date, phone, address, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?) RETURNING id
            """, arguments: [name, id.kind.rawValue, id.normalized, id.gender.rawValue, id.birthDate.iso, phone, address,
                             now, now])!
        try PersonSearchIndex.insert(db, applicantID: newID, keys: PersonSearchIndex.keys(name: name, idNumber: id.normalized, phone: phone))
        try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "applicant",
                            entityID: String(newID), before: nil,
                            after: AuditDigest.of(person.auditFields(), secret: try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""),
                            detail: "建档立卡登记")
        return newID
    }

    /// The household a list row belongs to: by its 户编号, else the person's current household,
    /// else a new one numbered region-year-sequence.
    static func resolveHousehold(_ db: any SQLSession, row: OutreachListRow, applicantID: Int64, meta: OutreachImportMeta,
                                 at now: String) throws -> Int64 {
        let ref = householdSourceRef(row, meta)
        var found: Int64?
        if let ref {
            found = try Int64.fetchOne(db, sql: "SELECT id FROM outreach_household WHERE source_ref = ?", arguments: [ref])
        }
        if found == nil {
            found = try Int64.fetchOne(db, sql: "SELECT household_id FROM outreach_member WHERE applicant_id = ?",
                                       arguments: [applicantID])
            if let id = found, let ref {
                try db.execute(sql: "UPDATE outreach_household SET source_ref = coalesce(source_ref, ?) WHERE id = ?",
                               arguments: [ref, id])
            }
        }
        if let id = found {
            try db.execute(sql: """
                UPDATE outreach_household SET address = coalesce(?, address), town = coalesce(?, town),
                    village = coalesce(?, village), updated_at = ? WHERE id = ?
                """, arguments: [row.address, row.town ?? meta.town, row.village, now, id])
            try addSource(db, householdID: id, meta.source)
            return id
        }
        let number = try nextNumber(db, table: "outreach_household", column: "household_no",
                                    prefix: "\(meta.regionCode)-\(meta.importedOn.year)-", width: 6)
        return try Int64.fetchOne(db, sql: """
            INSERT INTO outreach_household(household_no, source_ref, region_code, town, village, address, head_applicant_id,
                sources, station_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id
            """, arguments: [number, ref, meta.regionCode, row.town ?? meta.town ?? "", row.village ?? "", row.address ?? "",
                             applicantID, meta.source.rawValue, meta.stationID, now, now])!
    }

    static func addSource(_ db: any SQLSession, householdID: Int64, _ source: OutreachSource) throws {
        let current = try String.fetchOne(db, sql: "SELECT sources FROM outreach_household WHERE id = ?", arguments: [householdID]) ?? ""
        var set = current.split(separator: ",").map(String.init)
        guard !set.contains(source.rawValue) else { return }
        set.append(source.rawValue)
        try db.execute(sql: "UPDATE outreach_household SET sources = ? WHERE id = ?", arguments: [set.joined(separator: ","), householdID])
    }

    static func placeMember(_ db: any SQLSession, applicantID: Int64, householdID: Int64, relation: String) throws {
        try db.execute(sql: """
            INSERT INTO outreach_member(applicant_id, household_id, relation) VALUES (?,?,?)
            ON CONFLICT (applicant_id) DO UPDATE SET household_id = excluded.household_id,
                relation = CASE WHEN excluded.relation = '' THEN outreach_member.relation ELSE excluded.relation END
            """, arguments: [applicantID, householdID, relation])
        try db.execute(sql: """
            UPDATE outreach_household SET head_applicant_id = coalesce(head_applicant_id, ?) WHERE id = ?
            """, arguments: [applicantID, householdID])
        if relation == "户主" || relation == "本人" {
            try db.execute(sql: "UPDATE outreach_household SET head_applicant_id = ? WHERE id = ?", arguments: [applicantID, householdID])
        }
    }

    /// The next number `prefix` + zero-padded sequence, allocated inside the write transaction.
    static func nextNumber(_ db: any SQLSession, table: String, column: String, prefix: String, width: Int) throws -> String {
        let last = try String.fetchOne(db, sql: """
            SELECT \(column) FROM \(table) WHERE substr(\(column), 1, ?) = ? ORDER BY \(column) DESC LIMIT 1
            """, arguments: [prefix.count, prefix])
        let seq = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
        let digits = String(seq)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: Tags and screening groups

    static func tags(_ db: any SQLSession, applicantID: Int64) throws -> [GroupTag] {
        try SQLRow.fetchAll(db, sql: """
            SELECT code, evidence_kind, evidence_no, valid_from, valid_to, last_verified_on FROM outreach_tag
            WHERE applicant_id = ? ORDER BY id
            """, arguments: [applicantID]).compactMap { row in
            guard let code = OutreachGroup(rawValue: row["code"]), let kind = TagEvidenceKind(rawValue: row["evidence_kind"]),
                  let from = LocalDate(iso: row["valid_from"]) else { return nil }
            return GroupTag(code: code, evidenceKind: kind, evidenceNo: row["evidence_no"], validFrom: from,
                            validTo: (row["valid_to"] as String?).flatMap(LocalDate.init(iso:)),
                            lastVerifiedOn: (row["last_verified_on"] as String?).flatMap(LocalDate.init(iso:)))
        }
    }

    /// Keeps the person's stored screening groups in step with the tags: codes of tags that count
    /// on `day` are added; codes that only ended tags gave are removed. The special-group flags of
    /// the person's cases follow (derived data); decisions are not touched.
    static func syncScreeningGroups(_ db: any SQLSession, applicantID: Int64, on day: LocalDate, operatorID: Int64?,
                                    at now: String, reason: String) throws {
        let all = try tags(db, applicantID: applicantID)
        let basis = OutreachScreeningBasis(tags: all, on: day)
        let valid = Set(basis.groups.map(\.rawValue))
        let lapsed = Set(all.filter { !$0.counts(on: day) }.flatMap { $0.code.screeningGroups.map(\.rawValue) }).subtracting(valid)
        let stored = Set(try String.fetchAll(db, sql: "SELECT code FROM applicant_group WHERE applicant_id = ?", arguments: [applicantID]))
        let add = valid.subtracting(stored), remove = lapsed.intersection(stored)
        guard !add.isEmpty || !remove.isEmpty else { return }
        for code in add.sorted() {
            try db.execute(sql: "INSERT INTO applicant_group(applicant_id, code) VALUES (?, ?) ON CONFLICT (applicant_id, code) DO NOTHING",
                           arguments: [applicantID, code])
        }
        for code in remove.sorted() {
            try db.execute(sql: "DELETE FROM applicant_group WHERE applicant_id = ? AND code = ?", arguments: [applicantID, code])
        }
        try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "applicant",
                            entityID: String(applicantID), before: nil, after: nil,
                            detail: "群体（按建档立卡标签）：" + (add.isEmpty ? "" : "增加 \(add.sorted().joined(separator: ","))")
                                + (remove.isEmpty ? "" : " 去除 \(remove.sorted().joined(separator: ","))") + "（\(reason)）")
        try refreshSpecialGroups(db, applicantIDs: [applicantID], operatorID: operatorID, at: now, reason: reason)
    }

    /// Adds a tag to a person on the register (a certificate shown at a visit, a self-declared
    /// status to verify), validated against its evidence, audited.
    public func addOutreachTag(applicantID: Int64, _ tag: GroupTag, source: OutreachSource, role: OperatorRole,
                               by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .registerConsultation)
        let now = timestamp()
        try write { db in
            guard let person = try Self.applicant(db, id: applicantID) else {
                throw StoreError.notFound(entity: "申请人", id: String(applicantID))
            }
            try Self.insertTag(db, applicantID: applicantID, holderID: person.idNumber, tag, source: source, operatorID: operatorID, at: now)
        }
    }

    static func insertTag(_ db: any SQLSession, applicantID: Int64, holderID: String?, _ tag: GroupTag, source: OutreachSource,
                          operatorID: Int64?, at now: String) throws {
        do { try tag.validate(holderID: holderID) } catch {
            throw StoreError.invalidInput(field: error.field, message: error.message)
        }
        if try Int64.fetchOne(db, sql: "SELECT id FROM outreach_tag WHERE applicant_id = ? AND code = ? AND valid_to IS NULL",
                              arguments: [applicantID, tag.code.rawValue]) != nil {
            throw StoreError.invalidInput(field: "code", message: "此人已有有效的“\(tag.code.label)”标签")
        }
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO outreach_tag(applicant_id, code, evidence_kind, evidence_no, valid_from, valid_to, last_verified_on,
                source, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id
            """, arguments: [applicantID, tag.code.rawValue, tag.evidenceKind.rawValue, tag.evidenceNo, tag.validFrom.iso,
                             tag.validTo?.iso, tag.lastVerifiedOn?.iso, source.rawValue, now])!
        try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "outreach_tag", entityID: String(id),
                            before: nil, after: nil, detail: "群体标签：" + tag.evidenceText)
    }

    // MARK: The register

    /// Households, filtered by town, group code (a tag valid on `day`) and risk; IDs masked.
    public func outreachHouseholds(town: String? = nil, group: OutreachGroup? = nil, risk: OutreachRiskLevel? = nil,
                                   on day: LocalDate) throws -> [OutreachHouseholdListing] {
        try read { db in
            var sql = "SELECT * FROM outreach_household WHERE 1 = 1"
            var arguments = SQLArguments()
            if let town { sql += " AND town = ?"; arguments += [town] }
            if let risk { sql += " AND risk_level = ?"; arguments += [risk.rawValue] }
            sql += " ORDER BY household_no"
            let listings = try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map { try Self.householdListing(db, $0, on: day) }
            guard let group else { return listings }
            return listings.filter { $0.groups.contains(group.rawValue) }
        }
    }

    static func householdListing(_ db: any SQLSession, _ h: SQLRow, on day: LocalDate) throws -> OutreachHouseholdListing {
        let id: Int64 = h["id"]
        let head = try SQLRow.fetchOne(db, sql: "SELECT name, id_number FROM applicant WHERE id = ?", arguments: [h["head_applicant_id"] as Int64?])
        let members = try Int64.fetchAll(db, sql: "SELECT applicant_id FROM outreach_member WHERE household_id = ? ORDER BY applicant_id",
                                         arguments: [id])
        var groups = Set<OutreachGroup>()
        for m in members {
            for tag in try tags(db, applicantID: m) where tag.isValid(on: day) { groups.insert(tag.code) }
        }
        let lastVisit = try SQLRow.fetchOne(db, sql: """
            SELECT visited_on, next_visit_due FROM outreach_visit WHERE household_id = ? ORDER BY visited_on DESC, id DESC LIMIT 1
            """, arguments: [id])
        let card = try String.fetchOne(db, sql: "SELECT card_no FROM contact_card WHERE household_id = ? ORDER BY id DESC LIMIT 1",
                                       arguments: [id])
        let openNeeds = try Int.fetchOne(db, sql: "SELECT count(*) FROM need_record WHERE household_id = ? AND disposition IS NULL",
                                         arguments: [id]) ?? 0
        let risk = OutreachRiskLevel(rawValue: h["risk_level"]) ?? .medium
        return OutreachHouseholdListing(
            householdNo: h["household_no"], town: h["town"], village: h["village"], address: h["address"],
            headName: head?["name"] ?? "", headIDMasked: PrivacyPolicy.maskIDNumber(head?["id_number"] ?? ""),
            members: members.count, groups: groups.sorted().map(\.rawValue), risk: risk.label,
            status: OutreachHouseholdStatus(rawValue: h["status"])?.label ?? h["status"],
            consentRecorded: (h["consent_recorded"] as Int) == 1, cardNo: card,
            lastVisitOn: lastVisit?["visited_on"], nextVisitDue: lastVisit?["next_visit_due"], openNeeds: openNeeds)
    }

    static func householdRow(_ db: any SQLSession, no: String) throws -> SQLRow {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM outreach_household WHERE household_no = ?", arguments: [no]) else {
            throw StoreError.notFound(entity: "户档", id: no)
        }
        return row
    }

    /// One household with members and their tags, cards, visits and needs (IDs masked).
    public func outreachHousehold(_ householdNo: String, on day: LocalDate) throws -> OutreachHouseholdDetail {
        try read { db in
            let h = try Self.householdRow(db, no: householdNo)
            let id: Int64 = h["id"]
            let members = try SQLRow.fetchAll(db, sql: """
                SELECT a.id, a.name, a.id_number, m.relation FROM outreach_member m JOIN applicant a ON a.id = m.applicant_id
                WHERE m.household_id = ? ORDER BY a.id
                """, arguments: [id]).map { row -> OutreachMemberDetail in
                let tags = try Self.tags(db, applicantID: row["id"]).map {
                    OutreachTagListing(code: $0.code.rawValue, label: $0.code.label, evidence: $0.evidenceText,
                                       validFrom: $0.validFrom.iso, validTo: $0.validTo?.iso, valid: $0.isValid(on: day))
                }
                return OutreachMemberDetail(applicantID: row["id"], name: row["name"],
                                            idMasked: PrivacyPolicy.maskIDNumber(row["id_number"] ?? ""),
                                            relation: row["relation"], tags: tags)
            }
            let cards = try Self.cards(db, householdID: id, householdNo: householdNo)
            let visits = try Self.visits(db, householdID: id, householdNo: householdNo)
            let needs = try Self.needListings(db, sql: "WHERE n.household_id = ? ORDER BY n.id", arguments: [id], today: day)
            return OutreachHouseholdDetail(listing: try Self.householdListing(db, h, on: day), members: members,
                                           cards: cards, visits: visits, needs: needs)
        }
    }

    /// Sets a household's risk level (and so its revisit cycle), audited.
    public func setOutreachRisk(_ householdNo: String, _ risk: OutreachRiskLevel, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .registerConsultation)
        let now = timestamp()
        try write { db in
            let h = try Self.householdRow(db, no: householdNo)
            let old: String = h["risk_level"]
            guard old != risk.rawValue else { return }
            try db.execute(sql: "UPDATE outreach_household SET risk_level = ?, updated_at = ? WHERE id = ?",
                           arguments: [risk.rawValue, now, h["id"] as Int64])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "outreach_household",
                                entityID: householdNo, before: nil, after: nil,
                                detail: "风险等级 \(OutreachRiskLevel(rawValue: old)?.label ?? old) → \(risk.label)")
        }
    }

    /// Records the household's consent to being on the register (the data is sensitive: 法律援助法
    /// 第二十一条), audited.
    public func recordOutreachConsent(_ householdNo: String, on day: LocalDate, note: String, role: OperatorRole,
                                      by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .registerConsultation)
        let now = timestamp()
        try write { db in
            let h = try Self.householdRow(db, no: householdNo)
            try db.execute(sql: """
                UPDATE outreach_household SET consent_recorded = 1, consent_on = ?, consent_note = ?, updated_at = ? WHERE id = ?
                """, arguments: [day.iso, note, now, h["id"] as Int64])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "outreach_household",
                                entityID: householdNo, before: nil, after: nil, detail: "登记同意建档：\(day.iso) \(note)")
        }
    }

    // MARK: Contact cards

    /// Issues a 联系卡 (or reissues one), keeping the printed content as it was printed.
    @discardableResult
    public func issueContactCard(_ householdNo: String, on day: LocalDate, method: ContactCardMethod, recipient: String,
                                 printedContent: String, reissueOf: String? = nil, role: OperatorRole,
                                 by operatorID: Int64?) throws -> ContactCardListing {
        try AccessPolicy.require(role, .registerConsultation)
        guard !printedContent.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidInput(field: "printedContent", message: "联系卡印制内容不能为空")
        }
        let now = timestamp()
        return try write { db in
            let h = try Self.householdRow(db, no: householdNo)
            let hid: Int64 = h["id"]
            var previous: Int64?
            if let reissueOf {
                guard let p = try Int64.fetchOne(db, sql: "SELECT id FROM contact_card WHERE card_no = ? AND household_id = ?",
                                                 arguments: [reissueOf, hid]) else {
                    throw StoreError.notFound(entity: "联系卡", id: reissueOf)
                }
                previous = p
            }
            let no = try Self.nextNumber(db, table: "contact_card", column: "card_no", prefix: "LXK-\(day.year)-", width: 5)
            _ = try Int64.fetchOne(db, sql: """
                INSERT INTO contact_card(card_no, household_id, issued_on, issued_by, method, recipient, printed_content,
                    reissued_of, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: [no, hid, day.iso, operatorID, method.rawValue, recipient, printedContent, previous, now])!
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "contact_card", entityID: no,
                                before: nil, after: nil,
                                detail: "发放联系卡 \(no)（\(method.label)）给户 \(householdNo)" + (reissueOf.map { "，补发原卡 \($0)" } ?? ""))
            return try Self.cards(db, householdID: hid, householdNo: householdNo).first { $0.cardNo == no }!
        }
    }

    static func cards(_ db: any SQLSession, householdID: Int64, householdNo: String) throws -> [ContactCardListing] {
        try SQLRow.fetchAll(db, sql: """
            SELECT c.*, p.card_no AS previous FROM contact_card c LEFT JOIN contact_card p ON p.id = c.reissued_of
            WHERE c.household_id = ? ORDER BY c.id
            """, arguments: [householdID]).map {
            ContactCardListing(cardNo: $0["card_no"], householdNo: householdNo, issuedOn: $0["issued_on"],
                               method: ContactCardMethod(rawValue: $0["method"])?.label ?? $0["method"],
                               recipient: $0["recipient"], printedContent: $0["printed_content"], reissuedOf: $0["previous"])
        }
    }

    // MARK: Visits

    /// Records a visit with the needs found (each registered with first contact = the visit), the
    /// signature (a thumbprint with a proxy needs the proxy's name and a valid ID, kept masked), and
    /// the next visit due from the household's risk level.
    @discardableResult
    public func recordOutreachVisit(_ input: OutreachVisitInput, policy: OutreachPolicy = OutreachPolicy(),
                                    calendar: HolidayCalendar, role: OperatorRole, by operatorID: Int64?) throws -> OutreachVisitListing {
        try AccessPolicy.require(role, .registerConsultation)
        let visitors = input.visitors.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !visitors.isEmpty else { throw StoreError.invalidInput(field: "visitors", message: "须填写走访人员") }
        var proxyMasked: String?
        if input.signature.needsProxy {
            guard let name = input.proxyName?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw StoreError.invalidInput(field: "proxyName", message: "按手印并代签须填写代签人姓名")
            }
            guard case .success(let id) = IDNumber.parse(input.proxyIDNumber ?? "") else {
                throw StoreError.invalidInput(field: "proxyIDNumber", message: "代签人身份证号无效或未填写")
            }
            proxyMasked = id.masked
        }
        if input.signature.needsNote && input.signatureNote.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalidInput(field: "signatureNote", message: "\(input.signature.label)须注明原因")
        }
        guard input.visitedOn <= today() else {
            throw StoreError.invalidInput(field: "visitedOn", message: "走访日期不能晚于今天（\(today().iso)）")
        }
        let now = timestamp()
        return try write { db in
            let h = try Self.householdRow(db, no: input.householdNo)
            let hid: Int64 = h["id"]
            let risk = OutreachRiskLevel(rawValue: h["risk_level"]) ?? .medium
            let next = policy.nextVisitDue(after: input.visitedOn, risk: risk)
            let no = try Self.nextNumber(db, table: "outreach_visit", column: "visit_no", prefix: "ZF-\(input.visitedOn.year)-", width: 5)
            let visitID = try Int64.fetchOne(db, sql: """
                INSERT INTO outreach_visit(visit_no, household_id, visited_on, mode, visitors, legal_education, knows_legal_aid,
                    first_choice, signature, signature_note, proxy_name, proxy_id_masked, next_visit_due, operator_id, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: [no, hid, input.visitedOn.iso, input.mode.rawValue, visitors.joined(separator: "、"),
                                 input.legalEducation, input.knowsLegalAid.map { $0 ? 1 : 0 }, input.firstChoice,
                                 input.signature.rawValue, input.signatureNote, input.signature.needsProxy ? input.proxyName : nil,
                                 proxyMasked, next.iso, operatorID, now])!
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "outreach_visit", entityID: no,
                                before: nil, after: nil,
                                detail: "走访户 \(input.householdNo)（\(input.mode.label)，\(input.signature.label)），下次随访 \(next.iso)")
            for need in input.needs {
                _ = try Self.insertNeed(db, need, householdHint: hid, visitID: visitID, contactOn: input.visitedOn,
                                        policy: policy, calendar: calendar, operatorID: operatorID, at: now)
            }
            return try Self.visits(db, householdID: hid, householdNo: input.householdNo).first { $0.visitNo == no }!
        }
    }

    static func visits(_ db: any SQLSession, householdID: Int64, householdNo: String) throws -> [OutreachVisitListing] {
        try SQLRow.fetchAll(db, sql: "SELECT * FROM outreach_visit WHERE household_id = ? ORDER BY visited_on, id",
                         arguments: [householdID]).map { row in
            let needs = try String.fetchAll(db, sql: "SELECT need_no FROM need_record WHERE visit_id = ? ORDER BY id",
                                            arguments: [row["id"] as Int64])
            let proxy: String? = (row["proxy_name"] as String?).map { name in name + "（" + (row["proxy_id_masked"] as String? ?? "") + "）" }
            return OutreachVisitListing(visitNo: row["visit_no"], householdNo: householdNo, visitedOn: row["visited_on"],
                                        mode: OutreachVisitMode(rawValue: row["mode"])?.label ?? row["mode"],
                                        visitors: (row["visitors"] as String).split(separator: "、").map(String.init),
                                        signature: VisitSignatureMode(rawValue: row["signature"])?.label ?? row["signature"],
                                        proxy: proxy, nextVisitDue: row["next_visit_due"], needNos: needs)
        }
    }

    // MARK: Needs

    /// Registers a need (a partner counter's 需求登记, a call, a station's finding): the person is
    /// found by ID or created, a tag shown is recorded, and the first-contact clock starts —
    /// `firstContactWorkingDays` working days, or the same day when urgent.
    @discardableResult
    public func registerNeed(_ input: NeedInput, policy: OutreachPolicy = OutreachPolicy(), calendar: HolidayCalendar,
                             role: OperatorRole, by operatorID: Int64?) throws -> NeedListing {
        try AccessPolicy.require(role, .registerConsultation)
        let now = timestamp()
        let day = today()
        return try write { db in
            let no = try Self.insertNeed(db, input, householdHint: nil, visitID: nil, contactOn: nil, policy: policy,
                                         calendar: calendar, operatorID: operatorID, at: now)
            return try Self.needListings(db, sql: "WHERE n.need_no = ?", arguments: [no], today: day)[0]
        }
    }

    static func insertNeed(_ db: any SQLSession, _ input: NeedInput, householdHint: Int64?, visitID: Int64?, contactOn: LocalDate?,
                           policy: OutreachPolicy, calendar: HolidayCalendar, operatorID: Int64?, at now: String) throws -> String {
        let summary = input.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !summary.isEmpty else { throw StoreError.invalidInput(field: "summary", message: "须写明需求内容") }
        let applicantID: Int64
        var holderID: String?
        switch input.person {
        case .applicant(let id):
            guard let person = try applicant(db, id: id) else { throw StoreError.notFound(entity: "申请人", id: String(id)) }
            applicantID = id
            holderID = person.idNumber
        case .identified(let name, let idNumber, let phone):
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw StoreError.invalidInput(field: "name", message: "须填写姓名") }
            let id: IDNumber
            switch IDNumber.parse(idNumber) {
            case .success(let parsed): id = parsed
            case .failure(let error): throw StoreError.invalidInput(field: "idNumber", message: "身份证号无效：\(error.reason)")
            }
            applicantID = try findOrCreatePerson(db, name: trimmed, id: id, phone: phone, address: nil, at: now, operatorID: operatorID)
            holderID = id.normalized
        }
        if let tag = input.tag {
            let open = try Int64.fetchOne(db, sql: "SELECT id FROM outreach_tag WHERE applicant_id = ? AND code = ? AND valid_to IS NULL",
                                          arguments: [applicantID, tag.code.rawValue])
            if open == nil { try insertTag(db, applicantID: applicantID, holderID: holderID, tag, source: input.channel, operatorID: operatorID, at: now) }
        }
        let due: LocalDate
        do {
            due = try FirstContactClock.due(registeredOn: input.registeredOn, urgency: input.urgency, policy: policy, calendar: calendar)
        } catch {
            throw StoreError.invalidInput(field: "registeredOn", message: error.message)
        }
        let household = try householdHint ?? Int64.fetchOne(db, sql: "SELECT household_id FROM outreach_member WHERE applicant_id = ?",
                                                             arguments: [applicantID])
        let no = try nextNumber(db, table: "need_record", column: "need_no", prefix: "XQ-\(input.registeredOn.year)-", width: 5)
        _ = try Int64.fetchOne(db, sql: """
            INSERT INTO need_record(need_no, applicant_id, household_id, visit_id, channel, registered_on, registered_by, operator_id,
                summary, need_type, urgency, first_contact_due, first_contact_on, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id
            """, arguments: [no, applicantID, household, visitID, input.channel.rawValue, input.registeredOn.iso, input.registeredBy,
                             operatorID, summary, input.needType.rawValue, input.urgency.rawValue, due.iso, contactOn?.iso, now, now])!
        try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "need_record", entityID: no,
                            before: nil, after: nil,
                            detail: "需求登记（\(input.channel.label)，\(input.needType.label)，\(input.urgency.label)），首次联系期限 \(due.iso)")
        return no
    }

    /// Records the first contact with the person of a need, audited.
    public func recordNeedFirstContact(_ needNo: String, on day: LocalDate, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .registerConsultation)
        let now = timestamp()
        try write { db in
            guard let first = try SQLRow.fetchOne(db, sql: "SELECT first_contact_on FROM need_record WHERE need_no = ?", arguments: [needNo]) else {
                throw StoreError.notFound(entity: "需求登记", id: needNo)
            }
            guard (first["first_contact_on"] as String?) == nil else { return }
            try db.execute(sql: "UPDATE need_record SET first_contact_on = ?, updated_at = ? WHERE need_no = ?",
                           arguments: [day.iso, now, needNo])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "need_record", entityID: needNo,
                                before: nil, after: nil, detail: "首次联系 \(day.iso)")
        }
    }

    /// Needs, open ones first by first-contact due date; `today` drives the clock wording.
    public func needs(openOnly: Bool = true, today day: LocalDate) throws -> [NeedListing] {
        try read { db in
            try Self.needListings(db, sql: (openOnly ? "WHERE n.disposition IS NULL " : "") + "ORDER BY n.first_contact_due, n.id",
                                  arguments: [], today: day)
        }
    }

    public func need(_ needNo: String, today day: LocalDate) throws -> NeedListing {
        try read { db in
            guard let found = try Self.needListings(db, sql: "WHERE n.need_no = ?", arguments: [needNo], today: day).first else {
                throw StoreError.notFound(entity: "需求登记", id: needNo)
            }
            return found
        }
    }

    static func needListings(_ db: any SQLSession, sql tail: String, arguments: SQLArguments, today: LocalDate) throws -> [NeedListing] {
        try SQLRow.fetchAll(db, sql: """
            SELECT n.*, a.name, a.id_number, h.household_no FROM need_record n JOIN applicant a ON a.id = n.applicant_id
            LEFT JOIN outreach_household h ON h.id = n.household_id
            """ + " " + tail, arguments: arguments).map { row in
            let urgency = NeedUrgency(rawValue: row["urgency"]) ?? .normal
            let due = LocalDate(iso: row["first_contact_due"])!
            let contacted = (row["first_contact_on"] as String?).flatMap(LocalDate.init(iso:))
            let disposition = (row["disposition"] as String?).flatMap(NeedDisposition.init(rawValue:))
            let status = FirstContactClock.status(due: due, contactedOn: contacted ?? (disposition != nil ? due : nil), today: today)
            return NeedListing(
                needNo: row["need_no"], name: row["name"], idMasked: PrivacyPolicy.maskIDNumber(row["id_number"] ?? ""),
                householdNo: row["household_no"], channel: OutreachSource(rawValue: row["channel"])?.label ?? row["channel"],
                registeredOn: row["registered_on"], registeredBy: row["registered_by"], summary: row["summary"],
                needType: NeedType(rawValue: row["need_type"])?.label ?? row["need_type"], urgency: urgency.label,
                flag: disposition == nil ? urgency.flag : nil, firstContactDue: due.iso, firstContactOn: contacted?.iso,
                clock: status.text, overdue: status.isOverdue, dueToday: status == .dueToday,
                disposition: disposition?.label, consultationID: row["consultation_id"], caseID: row["case_id"],
                screeningNote: row["screening_note"])
        }
    }

    /// The pre-fill a conversion of this need would screen (identity, tags counted on `day`).
    public func needPrefill(_ needNo: String, on day: LocalDate) throws -> NeedPrefill {
        try read { db in try Self.needPrefill(db, needNo, on: day).0 }
    }

    static func needPrefill(_ db: any SQLSession, _ needNo: String, on day: LocalDate) throws -> (NeedPrefill, SQLRow) {
        guard let need = try SQLRow.fetchOne(db, sql: "SELECT * FROM need_record WHERE need_no = ?", arguments: [needNo]) else {
            throw StoreError.notFound(entity: "需求登记", id: needNo)
        }
        let applicantID: Int64 = need["applicant_id"]
        guard let person = try applicant(db, id: applicantID) else { throw StoreError.notFound(entity: "申请人", id: String(applicantID)) }
        let parsed = person.idNumber.flatMap { try? IDNumber.parse($0).get() }
        let prefill = NeedPrefill(
            needNo: needNo, applicantID: applicantID, name: person.name, idNumber: parsed?.normalized,
            birthDate: parsed?.birthDate ?? person.birthDate.flatMap(LocalDate.init(iso:)),
            gender: parsed?.gender ?? person.gender.flatMap(Gender.init(rawValue:)),
            basis: OutreachScreeningBasis(tags: try tags(db, applicantID: applicantID), on: day),
            cause: (NeedType(rawValue: need["need_type"]) ?? .other).cause,
            urgency: NeedUrgency(rawValue: need["urgency"]) ?? .normal, summary: need["summary"], on: day)
        return (prefill, need)
    }

    /// 转咨询 / 转申请: one key turns a need into a pre-filled consultation, or an application
    /// (registered for the centre to accept) whose screening sees the person's valid, proven tags.
    /// `screen` is the rule library applied to the pre-fill; its answer (with citations) is kept
    /// on the need, the tag groups are copied onto the person, an urgent need pre-marks 先行提供.
    public func convertNeed(_ needNo: String, to target: NeedTarget, on day: LocalDate,
                            screen: @Sendable (NeedPrefill) throws -> NeedScreening,
                            role: OperatorRole, by operatorID: Int64?) throws -> NeedConversion {
        switch target {
        case .consultation: try AccessPolicy.require(role, .registerConsultation)
        case .application: try AccessPolicy.require(role, .takeApplication)
        }
        guard day <= today() else { throw StoreError.invalidInput(field: "on", message: "日期不能晚于今天（\(today().iso)）") }
        let now = timestamp()
        return try write { db in
            let (prefill, need) = try Self.needPrefill(db, needNo, on: day)
            if let done = (need["disposition"] as String?).flatMap(NeedDisposition.init(rawValue:)) {
                throw StoreError.invalidInput(field: "need", message: "需求 \(needNo) 已处理（\(done.label)）")
            }
            var consultationID: Int64?
            var caseID: Int64?
            var screening: NeedScreening?
            var note: [String]
            let candidate: Bool
            switch target {
            case .consultation(let stationID):
                let c = Consultation(stationID: stationID, operatorID: operatorID, applicantID: prefill.applicantID,
                                     visitorName: prefill.name, channel: (need["visit_id"] as Int64?) == nil ? .window : .homeVisit,
                                     topic: (NeedType(rawValue: need["need_type"]) ?? .other).label, question: prefill.summary,
                                     day: day.iso)
                let saved = try Self.recordConsultation(db, c, at: now)
                consultationID = saved.id
                try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "consultation",
                                    entityID: String(saved.id!), before: nil, after: nil, detail: "由需求 \(needNo) 转咨询")
                note = prefill.basis.evidence
                candidate = false
            case .application(let stationID, let centreID, let kind):
                try Self.syncScreeningGroups(db, applicantID: prefill.applicantID, on: day, operatorID: operatorID, at: now,
                                             reason: "需求 \(needNo) 转申请")
                let answer = try screen(prefill)
                screening = answer
                candidate = answer.provideFirst || prefill.urgency.provideFirstItem != nil
                let intake = ApplicationIntake(applicantID: prefill.applicantID, stationID: stationID, centreID: centreID,
                                               kind: kind, cause: prefill.cause.rawValue, summary: prefill.summary,
                                               appliedOn: day.iso, route: answer.route, priority: answer.priority,
                                               provideFirst: candidate, economicCheck: answer.economicCheck,
                                               hardshipEvidence: prefill.basis.nationalExemption ? .certificate : nil)
                let (id, _) = try Self.insertCase(db, intake, accept: false, day: day.iso, operatorID: operatorID, at: now)
                caseID = id
                let saved = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [id])!
                try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "aid_case", entityID: String(id),
                                    before: nil, after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)),
                                    detail: "由需求 \(needNo) 转申请（建档立卡群体：\(prefill.basis.tags.map(\.code.rawValue).joined(separator: ","))）")
                note = prefill.basis.evidence + answer.explanation
                if let item = prefill.urgency.provideFirstItem {
                    note.append("先行提供候选：\(prefill.urgency.label)（法律援助法第四十四条第\(item == 1 ? "一" : "二")项）")
                }
            }
            note += prefill.basis.notCounted
            let disposition: NeedDisposition = caseID == nil ? .consultation : .application
            try db.execute(sql: """
                UPDATE need_record SET disposition = ?, consultation_id = ?, case_id = ?, screening_note = ?,
                    first_contact_on = coalesce(first_contact_on, ?), updated_at = ? WHERE need_no = ?
                """, arguments: [disposition.rawValue, consultationID, caseID, note.joined(separator: "\n"), day.iso, now, needNo])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "need_record", entityID: needNo,
                                before: nil, after: nil, detail: "需求\(disposition.label)" + (caseID.map { "，申请 #\($0)" } ?? "")
                                    + (consultationID.map { "，咨询 #\($0)" } ?? ""))
            let listing = try Self.needListings(db, sql: "WHERE n.need_no = ?", arguments: [needNo], today: day)[0]
            return NeedConversion(need: listing, consultationID: consultationID, caseID: caseID, prefill: prefill,
                                  screening: screening, provideFirstCandidate: candidate)
        }
    }

    /// Rows held or rejected by an import batch.
    public func outreachImportIssues(batchID: Int64) throws -> [(kind: String, issue: OutreachListIssue)] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM outreach_import_issue WHERE batch_id = ? ORDER BY row_no", arguments: [batchID]).map {
                (kind: $0["kind"], issue: OutreachListIssue(rowNumber: $0["row_no"], name: $0["name"], idMasked: $0["id_masked"],
                                                             reason: $0["reason"]))
            }
        }
    }
}

/// What a converted need's application recorded of its screening (for the need's screens and tests).
public struct ConvertedCaseFacts: Sendable, Hashable {
    public var step: String
    public var economicCheck: String?
    public var provideFirst: Bool
    public var cause: String
}

extension CaseStore {
    public func convertedCaseFacts(_ caseID: Int64) throws -> ConvertedCaseFacts {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT step, economic_check, provide_first, cause FROM aid_case WHERE id = ?",
                                             arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            return ConvertedCaseFacts(step: row["step"], economicCheck: row["economic_check"],
                                      provideFirst: (row["provide_first"] as Int) == 1, cause: row["cause"])
        }
    }
}

extension CaseStore {
    /// Every contact card issued, oldest first (联系卡发放登记簿).
    public func contactCards() throws -> [ContactCardListing] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT c.*, h.household_no, p.card_no AS previous FROM contact_card c
                JOIN outreach_household h ON h.id = c.household_id LEFT JOIN contact_card p ON p.id = c.reissued_of ORDER BY c.id
                """).map {
                ContactCardListing(cardNo: $0["card_no"], householdNo: $0["household_no"], issuedOn: $0["issued_on"],
                                   method: ContactCardMethod(rawValue: $0["method"])?.label ?? $0["method"],
                                   recipient: $0["recipient"], printedContent: $0["printed_content"], reissuedOf: $0["previous"])
            }
        }
    }

    /// Every visit, by date (走访台账).
    public func outreachVisits() throws -> [OutreachVisitListing] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, household_no FROM outreach_household ORDER BY household_no").flatMap {
                try Self.visits(db, householdID: $0["id"], householdNo: $0["household_no"])
            }.sorted { ($0.visitedOn, $0.visitNo) < ($1.visitedOn, $1.visitNo) }
        }
    }
}

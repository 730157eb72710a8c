
extension CaseStore {
    /// Inserts or updates an applicant with groups and search keys, audited, in one transaction.
    @discardableResult
    public func saveApplicant(_ applicant: Applicant, by operatorID: Int64?) throws -> Applicant {
        let name = applicant.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.invalidInput(field: "name", message: "姓名不能为空") }
        if let birth = applicant.birthDate { try StoreDate.validate(birth, field: "birthDate") }
        if let gender = applicant.gender, gender != "M", gender != "F" {
            throw StoreError.invalidInput(field: "gender", message: "性别应为 M 或 F：\(gender)")
        }
        var saved = applicant
        saved.name = name
        saved.idNumber = applicant.idNumber?.uppercased()
        let now = timestamp()
        return try write { db in
            let secret = try storeSecret(db)
            var before: String?
            if let id = saved.id {
                guard let old = try Self.applicant(db, id: id) else {
                    throw StoreError.notFound(entity: "申请人", id: String(id))
                }
                before = AuditDigest.of(old.auditFields(), secret: secret)
                try db.execute(sql: """
                    UPDATE applicant SET name=?, id_type=?, id_number=?, gender=?, birth_date=?, phone=?,
                        address=?, township_id=?, needs=?, updated_at=? WHERE id=?
                    """, arguments: [saved.name, saved.idType, saved.idNumber, saved.gender, saved.birthDate,
                                     saved.phone, saved.address, saved.townshipID,
                                     saved.needs.map(\.rawValue).joined(separator: ","), now, id])
                try db.execute(sql: "DELETE FROM applicant_group WHERE applicant_id = ?", arguments: [id])
                try PersonSearchIndex.remove(db, applicantID: id)
            } else {
                let insertedID = try db.insertReturningID(sql: """
                    INSERT INTO applicant(name, id_type, id_number, gender, birth_date, phone, address,
                        township_id, needs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)
                    """, arguments: [saved.name, saved.idType, saved.idNumber, saved.gender, saved.birthDate,
                                     saved.phone, saved.address, saved.townshipID,
                                     saved.needs.map(\.rawValue).joined(separator: ","), now, now])
                saved.id = insertedID
            }
            let id = saved.id!
            for group in Set(saved.groups) {
                try db.execute(sql: "INSERT INTO applicant_group(applicant_id, code) VALUES (?, ?)",
                               arguments: [id, group])
            }
            try PersonSearchIndex.insert(
                db, applicantID: id,
                keys: PersonSearchIndex.keys(name: saved.name, idNumber: saved.idNumber, phone: saved.phone))
            try AuditLog.append(
                db, at: now, operatorID: operatorID, action: before == nil ? "create" : "update",
                entity: "applicant", entityID: String(id), before: before,
                after: AuditDigest.of(saved.auditFields(), secret: secret))
            // Groups, birth date or gender may have changed: the person's cases follow the rule.
            if before != nil {
                try Self.refreshSpecialGroups(db, applicantIDs: [id], operatorID: operatorID, at: now, reason: "申请人信息已修改")
            }
            return saved
        }
    }

    public func applicant(id: Int64) throws -> Applicant? {
        try read { db in try Self.applicant(db, id: id) }
    }

    static func applicant(_ db: any SQLSession, id: Int64) throws -> Applicant? {
        guard var a = try Applicant.fetchOne(db, sql: "SELECT * FROM applicant WHERE id = ?", arguments: [id]) else {
            return nil
        }
        a.groups = try String.fetchAll(db, sql: "SELECT code FROM applicant_group WHERE applicant_id = ? ORDER BY code",
                                       arguments: [id])
        return a
    }

    /// Finds applicants by name, pinyin, ID number or phone (see PersonSearch); read-only.
    public func searchApplicants(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        try read { db in try PersonSearch.search(db, query: query, limit: limit) }
    }
}

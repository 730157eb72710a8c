import FayuanCore
import Foundation

/// The stored 特殊群体 flag (aid_case.special_group) kept equal to `SpecialGroupRule` applied to
/// the stored applicant (entered groups, birth date, gender) on the case's application date.
/// Every writer of the flag or of what it depends on calls these helpers inside its own
/// transaction: case creation/acceptance, person edits, import, `fayuan seed`, and the
/// v18-special-group migration for stores written before the rule.
extension CaseStore {
    /// The flag for a case of `applicantID` applied on `appliedOn` ("YYYY-MM-DD").
    static func specialGroupFlag(_ db: any SQLSession, applicantID: Int64, appliedOn: String) throws -> Bool {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT birth_date, gender, id_number FROM applicant WHERE id = ?",
                                         arguments: [applicantID]) else { return false }
        let groups = try String.fetchAll(db, sql: "SELECT code FROM applicant_group WHERE applicant_id = ?",
                                         arguments: [applicantID])
        return SpecialGroupRule.isSpecialGroup(storedGroups: groups, birthDate: row["birth_date"], gender: row["gender"], idNumber: row["id_number"],
                                               appliedOn: appliedOn)
    }

    /// Recomputes the flag of every case (or of the cases of `applicantIDs`) and writes the ones
    /// that differ. Returns (case id, new flag) for each change, so callers can audit them.
    @discardableResult
    static func recomputeSpecialGroups(_ db: any SQLSession, applicantIDs: [Int64]? = nil) throws -> [(Int64, Bool)] {
        var sql = """
            SELECT c.id, c.applied_on, c.special_group, a.birth_date, a.gender, a.id_number,
                   (SELECT \(db.dialect.stringAggregate("code", separator: ",")) FROM applicant_group g WHERE g.applicant_id = a.id) AS groups
            FROM aid_case c JOIN applicant a ON a.id = c.applicant_id
            """
        var arguments = SQLArguments()
        if let applicantIDs {
            guard !applicantIDs.isEmpty else { return [] }
            sql += " WHERE c.applicant_id IN (\(Array(repeating: "?", count: applicantIDs.count).joined(separator: ",")))"
            arguments = SQLArguments(applicantIDs)
        }
        var changes: [(Int64, Bool)] = []
        try SQLRow.forEach(db, sql: sql, arguments: arguments) { row in
            let groups = (row["groups"] as String?)?.split(separator: ",").map(String.init) ?? []
            let flag = SpecialGroupRule.isSpecialGroup(storedGroups: groups, birthDate: row["birth_date"],
                                                       gender: row["gender"], idNumber: row["id_number"], appliedOn: row["applied_on"])
            if flag != (row["special_group"] as Bool) { changes.append((row["id"], flag)) }
        }
        for (id, flag) in changes {
            try db.execute(sql: "UPDATE aid_case SET special_group = ? WHERE id = ?", arguments: [flag, id])
        }
        return changes
    }

    /// Recomputes the flags of one applicant's cases after their groups, birth date or gender
    /// changed, with an audit entry per case whose flag changed.
    static func refreshSpecialGroups(_ db: any SQLSession, applicantIDs: [Int64], operatorID: Int64?, at now: String,
                                     reason: String) throws {
        for (caseID, flag) in try recomputeSpecialGroups(db, applicantIDs: applicantIDs) {
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "aid_case",
                                entityID: String(caseID), before: nil, after: nil,
                                detail: (flag ? "认定为特殊群体案件" : "不再属于特殊群体案件") + "（按申请人的群体、年龄、性别；\(reason)）")
        }
    }

    /// How many stored flags disagree with the rule (0 on a consistent store). For checks and tests.
    public func specialGroupMismatches() throws -> Int {
        try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT c.applied_on, c.special_group, a.birth_date, a.gender, a.id_number,
                       (SELECT \(db.dialect.stringAggregate("code", separator: ",")) FROM applicant_group g WHERE g.applicant_id = a.id) AS groups
                FROM aid_case c JOIN applicant a ON a.id = c.applicant_id
                """)
            return rows.filter { row in
                let groups = (row["groups"] as String?)?.split(separator: ",").map(String.init) ?? []
                return SpecialGroupRule.isSpecialGroup(storedGroups: groups, birthDate: row["birth_date"], gender: row["gender"], idNumber: row["id_number"],
                                                       appliedOn: row["applied_on"]) != (row["special_group"] as Bool)
            }.count
        }
    }
}

/// v18-special-group: stores written before the rule get every case's flag recomputed, with one
/// audit entry saying how many changed (the flag is derived data; the rule is the record).
enum V18SpecialGroup {
    static func migrate(_ db: any SQLSession) throws {
        let changes = try CaseStore.recomputeSpecialGroups(db)
        guard !changes.isEmpty else { return }
        let now = StoreTime.format(Date())
        let on = changes.filter(\.1).count
        _ = try AuditLog.append(db, at: now, operatorID: nil, action: "update", entity: "aid_case", entityID: "*",
                                before: nil, after: nil,
                                detail: "升级 v18-special-group：按八类特殊群体规则（群体、申请日年龄、性别）重新认定 \(changes.count) 件案件"
                                    + "（改为特殊群体 \(on) 件，取消 \(changes.count - on) 件）")
    }
}

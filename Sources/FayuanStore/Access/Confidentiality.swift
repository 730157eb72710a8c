import FayuanCore

extension CaseStore {
    /// Marks a case 保密 (or lifts it): the applicant's address and contact are then for the
    /// assigned lawyer and reviewers only (PrivacyPolicy). Audited.
    public func setCaseConfidential(_ caseID: Int64, _ confidential: Bool, by op: Operator) throws {
        // Marking restricts who sees what, so anyone taking the application may do it; lifting
        // the mark is a reviewer's decision.
        let needed: Permission = confidential ? .takeApplication : .decideApplication
        try AccessPolicy.require(op.role, needed)
        let now = timestamp()
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM aid_case WHERE id = ?", arguments: [caseID]) == 1 else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            try db.execute(sql: "UPDATE aid_case SET confidential = ? WHERE id = ?", arguments: [confidential, caseID])
            _ = try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "aid_case",
                                    entityID: String(caseID), before: nil, after: nil,
                                    detail: confidential ? "标记为保密案件" : "取消保密标记")
        }
    }

    /// Whether `op` may see the contact details of an applicant: refused (with the reason) when
    /// the person has a 保密 case and `op` is neither a reviewer nor the lawyer assigned to it.
    public func requireContactAccess(applicantID: Int64, by op: Operator) throws {
        let cases = try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT provider_id FROM aid_case WHERE applicant_id = ? AND confidential = 1",
                             arguments: [applicantID])
        }
        for row in cases {
            let visibility = PrivacyPolicy.contact(viewerRole: op.role, viewerProviderID: op.providerID,
                                                   confidential: true, assignedProviderID: row["provider_id"])
            if visibility == .hidden {
                throw StoreError.invalidInput(field: "联系方式", message: "该申请人有保密案件，住址和联系方式只有承办律师和审查人员可以查看")
            }
        }
    }

    /// Links an operator to the aid-provider record they are (so a duty lawyer is recognised as
    /// the lawyer assigned to a case). Administrators, or the command line.
    public func linkOperator(_ operatorID: Int64, toProvider providerID: Int64?, by actor: Actor) throws {
        try actor.require(.manageOperators)
        let now = timestamp()
        try write { db in
            try db.execute(sql: "UPDATE operator SET provider_id = ? WHERE id = ?", arguments: [providerID, operatorID])
            _ = try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "operator",
                                    entityID: String(operatorID), before: nil, after: nil,
                                    detail: "关联承办人员 \(providerID.map(String.init) ?? "无")")
        }
    }
}

import FayuanCore

extension CaseStore {
    /// Registers a legal-aid application (step `applied`) with its first timeline event.
    @discardableResult
    public func openApplication(_ aidCase: AidCase, by operatorID: Int64?) throws -> AidCase {
        try StoreDate.validate(aidCase.appliedOn, field: "appliedOn")
        guard !aidCase.cause.isEmpty else { throw StoreError.invalidInput(field: "cause", message: "案由不能为空") }
        let now = timestamp()
        return try write { db in
            var saved = aidCase
            saved.step = .applied
            saved.caseNumber = nil
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO aid_case(centre_id, station_id, applicant_id, kind, cause, step, applied_on, summary,
                    created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)
                """, arguments: [saved.centreID, saved.stationID, saved.applicantID, saved.kind.rawValue, saved.cause,
                                 saved.step.rawValue, saved.appliedOn, saved.summary, now, now])
            saved.id = insertedID
            try Self.addEvent(db, caseID: saved.id!, at: now, kind: "applied", operatorID: operatorID, note: "")
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "aid_case",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)))
            return saved
        }
    }

    /// Accepts (受理) an application without a role check (maintenance and tests; the console and
    /// `fayuan case accept` use `accept(_:on:role:by:)`): the same number, step and date checks.
    @discardableResult
    public func acceptCase(_ caseID: Int64, on day: String, by operatorID: Int64?) throws -> AidCase {
        try StoreDate.validate(day, field: "day")
        let today = today()
        return try changeCase(caseID, action: "accept", entity: "aid_case", by: operatorID, requiring: [.applied]) { db, c in
            try Self.checkDay(db, caseID: caseID, .accept, day, today: today)
            return try Self.acceptRow(db, caseID: caseID, before: c, day: day)
        }
    }

    /// Records the grant or refusal decision (给予 / 不予法律援助决定).
    @discardableResult
    public func decideCase(_ caseID: Int64, grant: Bool, on day: String, reason: String, by operatorID: Int64?) throws -> AidCase {
        try StoreDate.validate(day, field: "day")
        let today = today()
        return try changeCase(caseID, action: grant ? "grant" : "refuse", entity: "decision", by: operatorID,
                              requiring: [.accepted]) { db, _ in
            try Self.checkDay(db, caseID: caseID, .decide, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET step=?, decided_on=? WHERE id=?",
                           arguments: [grant ? "granted" : "refused", day, caseID])
            return (grant ? "决定给予法律援助" : "决定不予法律援助") + (reason.isEmpty ? "" : "：\(reason)")
        }
    }

    /// Assigns (指派) a provider to a granted case.
    @discardableResult
    public func assignCase(_ caseID: Int64, to providerID: Int64, on day: String, by operatorID: Int64?) throws -> AidCase {
        try StoreDate.validate(day, field: "day")
        let today = today()
        return try changeCase(caseID, action: "assign", entity: "assignment", by: operatorID,
                              requiring: [.granted, .assigned]) { db, _ in
            try Self.checkDay(db, caseID: caseID, .assign, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET step='assigned', provider_id=?, assigned_on=? WHERE id=?",
                           arguments: [providerID, day, caseID])
            return "指派承办人 #\(providerID)"
        }
    }

    /// Moves an assigned case on: handling → closed → archived.
    @discardableResult
    public func advanceCase(_ caseID: Int64, to step: CaseStep, on day: String, by operatorID: Int64?) throws -> AidCase {
        try StoreDate.validate(day, field: "day")
        let from: [CaseStep]
        let column: String?
        switch step {
        case .handling: from = [.assigned]; column = nil
        case .closed: from = [.assigned, .handling]; column = "closed_on"
        case .archived: from = [.closed]; column = "archived_on"
        case .withdrawn: from = [.applied, .accepted, .granted, .assigned, .handling]; column = nil
        default: throw StoreError.invalidInput(field: "step", message: "不能直接转到“\(step.label)”")
        }
        let today = today()
        return try changeCase(caseID, action: step.rawValue, entity: "aid_case", by: operatorID, requiring: from) { db, _ in
            // The same rules as `reviewClosing` and `archive`: the case's dates, and a second person.
            switch step {
            case .closed:
                try Self.requireSecondPerson(db, caseID: caseID, operatorID: operatorID, action: "结案审查")
                try Self.checkDay(db, caseID: caseID, .closingReview, day, today: today)
            case .archived:
                try Self.requireSecondPerson(db, caseID: caseID, operatorID: operatorID, action: "归档")
                try Self.checkDay(db, caseID: caseID, .archive, day, today: today)
            default: break
            }
            try db.execute(sql: "UPDATE aid_case SET step=? WHERE id=?", arguments: [step.rawValue, caseID])
            if let column {
                try db.execute(sql: "UPDATE aid_case SET \(column)=? WHERE id=?", arguments: [day, caseID])
            }
            return step.label
        }
    }

    public func aidCase(id: Int64) throws -> AidCase? {
        try read { db in try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [id]) }
    }

    /// The case's timeline, oldest first.
    public func caseTimeline(_ caseID: Int64) throws -> [CaseEvent] {
        try read { db in
            try CaseEvent.fetchAll(db, sql: "SELECT * FROM case_event WHERE case_id = ? ORDER BY at, id", arguments: [caseID])
        }
    }

    /// One audited step change: load, check the step, apply, add the event and the audit entry.
    private func changeCase(
        _ caseID: Int64, action: String, entity: String, by operatorID: Int64?, requiring allowed: [CaseStep],
        _ apply: (any SQLSession, AidCase) throws -> String
    ) throws -> AidCase {
        let now = timestamp()
        return try write { db in
            guard let before = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            guard allowed.contains(before.step) else {
                throw StoreError.invalidInput(field: "step", message: "案件当前为“\(before.step.label)”，不能执行此操作")
            }
            let note = try apply(db, before)
            try db.execute(sql: "UPDATE aid_case SET updated_at=? WHERE id=?", arguments: [now, caseID])
            let after = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID])!
            try Self.addEvent(db, caseID: caseID, at: now, kind: action, operatorID: operatorID, note: note)
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: action, entity: entity,
                                entityID: String(caseID), before: AuditDigest.of(before.auditFields(), secret: secret),
                                after: AuditDigest.of(after.auditFields(), secret: secret), detail: note)
            return after
        }
    }

    static func addEvent(_ db: any SQLSession, caseID: Int64, at: String, kind: String, operatorID: Int64?, note: String) throws {
        try db.execute(sql: "INSERT INTO case_event(case_id, at, kind, operator_id, note) VALUES (?,?,?,?,?)",
                       arguments: [caseID, at, kind, operatorID, note])
    }
}

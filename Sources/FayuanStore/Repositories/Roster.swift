
extension CaseStore {
    /// Plans a duty shift (audited).
    @discardableResult
    public func addShift(_ shift: DutyShift, by operatorID: Int64?) throws -> DutyShift {
        try StoreDate.validate(shift.day, field: "day")
        let now = timestamp()
        return try write { db in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO duty_shift(station_id, provider_id, day, starts_at, ends_at, status) VALUES (?,?,?,?,?,?)
                """, arguments: [shift.stationID, shift.providerID, shift.day, shift.startsAt, shift.endsAt, shift.status])
            var saved = shift
            saved.id = insertedID
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "duty_shift",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("station_id", String(shift.stationID)),
                                                       ("provider_id", String(shift.providerID)), ("day", shift.day)],
                                                      secret: try storeSecret(db)))
            return saved
        }
    }

    /// Records a subsidy line in fen (分) (audited).
    @discardableResult
    public func addSubsidy(provider providerID: Int64, month: String, kind: String, amountFen: Int,
                           deductionsFen: Int = 0, shiftID: Int64? = nil, caseID: Int64? = nil, note: String = "",
                           by operatorID: Int64?) throws -> Int64 {
        guard kind == "duty" || kind == "case" else {
            throw StoreError.invalidInput(field: "kind", message: "补贴类型应为 duty 或 case：\(kind)")
        }
        let now = timestamp()
        return try write { db in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO subsidy(provider_id, month, kind, shift_id, case_id, amount_fen, deductions_fen, note)
                VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [providerID, month, kind, shiftID, caseID, amountFen, deductionsFen, note])
            let id = insertedID
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "subsidy",
                                entityID: String(id), before: nil,
                                after: AuditDigest.of([("provider_id", String(providerID)), ("month", month),
                                                       ("amount_fen", String(amountFen)),
                                                       ("deductions_fen", String(deductionsFen))],
                                                      secret: try storeSecret(db)),
                                detail: note)
            return id
        }
    }
}

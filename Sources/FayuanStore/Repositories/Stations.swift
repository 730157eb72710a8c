
extension CaseStore {
    /// Adds a station (audited).
    @discardableResult
    public func addStation(_ station: Station, by operatorID: Int64?) throws -> Station {
        let now = timestamp()
        return try write { db in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO station(code, name, kind, parent_id, population, consultation_target, created_at)
                VALUES (?,?,?,?,?,?,?)
                """, arguments: [station.code, station.name, station.kind.rawValue, station.parentID,
                                 station.population, station.consultationTarget, now])
            var saved = station
            saved.id = insertedID
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "station",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("code", station.code), ("name", station.name)],
                                                      secret: try storeSecret(db)))
            return saved
        }
    }

    public func stations() throws -> [Station] {
        try read { db in try Station.fetchAll(db, sql: "SELECT * FROM station ORDER BY id") }
    }

    /// Adds an operator (audited). PINs are set by the login module.
    @discardableResult
    public func addOperator(_ op: Operator, by operatorID: Int64?) throws -> Operator {
        let now = timestamp()
        return try write { db in
            let insertedID = try db.insertReturningID(sql: "INSERT INTO operator(name, role, station_id, created_at) VALUES (?,?,?,?)",
                           arguments: [op.name, op.role.rawValue, op.stationID, now])
            var saved = op
            saved.id = insertedID
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "operator",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("name", op.name), ("role", op.role.rawValue)],
                                                      secret: try storeSecret(db)))
            return saved
        }
    }

    /// Adds an aid provider (audited).
    @discardableResult
    public func addProvider(_ provider: Provider, by operatorID: Int64?) throws -> Provider {
        let now = timestamp()
        return try write { db in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO provider(name, kind, organisation, phone, is_leading, station_id, created_at)
                VALUES (?,?,?,?,?,?,?)
                """, arguments: [provider.name, provider.kind.rawValue, provider.organisation, provider.phone,
                                 provider.isLeading, provider.stationID, now])
            var saved = provider
            saved.id = insertedID
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "provider",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("name", provider.name), ("kind", provider.kind.rawValue)],
                                                      secret: try storeSecret(db)))
            return saved
        }
    }
}

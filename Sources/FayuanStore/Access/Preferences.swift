
extension CaseStore {
    /// An operator's own preference (large text, theme…), kept in the `setting` table under
    /// `operator.<id>.<key>`. Not audited: it changes nothing anyone else sees.
    public func operatorPreference(_ operatorID: Int64, _ key: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: ["operator.\(operatorID).\(key)"])
        }
    }

    public func setOperatorPreference(_ operatorID: Int64, _ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: ["operator.\(operatorID).\(key)", value])
        }
    }
}

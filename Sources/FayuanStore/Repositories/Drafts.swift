
extension CaseStore {
    /// Saves (replaces) the draft of one form; one small upsert, cheap enough per keystroke.
    public func saveDraft(operator operatorID: Int64, form: String, key: String, payload: String) throws {
        let now = timestamp()
        try write { db in
            try db.execute(sql: """
                INSERT INTO draft(operator_id, form, key, payload, saved_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(operator_id, form, key) DO UPDATE SET payload = excluded.payload, saved_at = excluded.saved_at
                """, arguments: [operatorID, form, key, payload, now])
        }
    }

    /// An operator's drafts, newest first (offered for recovery after a crash).
    public func drafts(for operatorID: Int64) throws -> [Draft] {
        try read { db in
            try Draft.fetchAll(db, sql: "SELECT * FROM draft WHERE operator_id = ? ORDER BY saved_at DESC",
                               arguments: [operatorID])
        }
    }

    /// Removes a draft once its form is saved or discarded.
    public func deleteDraft(operator operatorID: Int64, form: String, key: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM draft WHERE operator_id = ? AND form = ? AND key = ?",
                           arguments: [operatorID, form, key])
        }
    }
}

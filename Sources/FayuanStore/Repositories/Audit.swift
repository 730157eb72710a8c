
extension CaseStore {
    /// The id of the first audit entry whose hash link is broken, or nil when the chain holds.
    public func verifyAuditChain() throws -> Int64? {
        try read { db in try AuditLog.firstBrokenLink(db) }
    }

    /// Number of audit entries.
    public func auditCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0 }
    }

    /// The newest audit entries, newest first.
    public func recentAudit(limit: Int = 50) throws -> [AuditEntry] {
        try read { db in try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]) }
    }
}

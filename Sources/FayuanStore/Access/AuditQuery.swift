import FayuanCore

/// Filters for the audit viewer; nil means "any".
public struct AuditFilter: Sendable, Equatable {
    public var operatorID: Int64?
    public var entity: String?
    /// Inclusive dates, YYYY-MM-DD, compared with the entry's UTC timestamp's date part.
    public var from: String?
    public var to: String?
    public var limit: Int

    public init(operatorID: Int64? = nil, entity: String? = nil, from: String? = nil, to: String? = nil, limit: Int = 500) {
        self.operatorID = operatorID; self.entity = entity; self.from = from; self.to = to; self.limit = limit
    }
}

extension CaseStore {
    /// Audit entries, newest first, for an administrator (checked here, not only in the menu).
    public func auditEntries(_ filter: AuditFilter, by viewer: Operator) throws -> [AuditEntry] {
        try AccessPolicy.require(viewer.role, .viewAudit)
        var clauses: [String] = []
        var arguments: [(any SQLValueConvertible)?] = []
        if let id = filter.operatorID { clauses.append("operator_id = ?"); arguments.append(id) }
        if let entity = filter.entity { clauses.append("entity = ?"); arguments.append(entity) }
        if let from = filter.from { clauses.append("at >= ?"); arguments.append(from) }
        // Entries of the whole `to` day: every timestamp of that day sorts below the next "day~".
        if let to = filter.to { clauses.append("at < ?"); arguments.append(to + "~") }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments.append(filter.limit)
        return try read { db in
            try AuditEntry.fetchAll(db, sql: "SELECT * FROM audit_log \(whereSQL) ORDER BY id DESC LIMIT ?",
                                    arguments: SQLArguments(arguments))
        }
    }

    /// The entity kinds present in the audit log (for the viewer's filter list).
    public func auditEntityKinds() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT entity FROM audit_log ORDER BY entity") }
    }
}

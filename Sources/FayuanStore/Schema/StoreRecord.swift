/// A record the store decodes from a row. Internal on purpose: no engine type appears in the
/// store's public interface, so nothing outside FayuanStore can reach the database except through
/// typed store methods (issue 25's sealed boundary). Rows come from either engine as `SQLRow`.
protocol StoreRecord {
    init(row: SQLRow) throws
}

extension StoreRecord {
    static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments()) throws -> [Self] {
        try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map { try Self(row: $0) }
    }

    static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments()) throws -> Self? {
        try SQLRow.fetchOne(db, sql: sql, arguments: arguments).map { try Self(row: $0) }
    }

    /// Each record in turn without holding them all.
    static func forEach(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments(),
                        _ body: (Self) throws -> Void) throws {
        try SQLRow.forEach(db, sql: sql, arguments: arguments) { try body(Self(row: $0)) }
    }
}

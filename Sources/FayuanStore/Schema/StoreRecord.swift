internal import GRDB

/// A record the store decodes from a row. Internal on purpose: no GRDB type (Row, Database,
/// FetchableRecord) appears in the store's public interface, so nothing outside FayuanStore can
/// reach the database except through typed store methods (issue 25's sealed boundary).
protocol StoreRecord {
    init(row: Row) throws
}

extension StoreRecord {
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Self(row: $0) }
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).map { try Self(row: $0) }
    }

    static func fetchCursor(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> MapCursor<RowCursor, Self> {
        try Row.fetchCursor(db, sql: sql, arguments: arguments).map { try Self(row: $0) }
    }
}

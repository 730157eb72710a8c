internal import GRDB

/// The store's one way to talk to a database, the same for both engines: statements with `?`
/// placeholders (rewritten per dialect), rows as `SQLRow`. Store code written against this runs
/// on SQLite and on PostgreSQL alike; the few places the dialects differ are `SQLDialect`'s.
protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Reads rows one at a time until `body` returns false (SQLite streams them from the file;
    /// PostgreSQL's client has them all by then).
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Bool) throws
    /// Whether the schema has this table (stores met part-way through their migrations).
    func tableExists(_ table: String) throws -> Bool
    /// The table's column names in definition order.
    func columnNames(in table: String) throws -> [String]
}

extension SQLSession {
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLValueConvertible?...) throws -> Int {
        try execute(sql, arguments.map { $0?.sqlValue ?? .null })
    }

    func rows(_ sql: String, _ arguments: SQLValueConvertible?...) throws -> [SQLRow] {
        try rows(sql, arguments.map { $0?.sqlValue ?? .null })
    }

    func row(_ sql: String, _ arguments: [SQLValue]) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, or nil when there is no row or the value is NULL.
    func scalar<T: SQLValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = []) throws -> T? {
        guard let row = try row(sql, arguments), let first = row.values.first, !first.isNull else { return nil }
        return try row.get(0, as: T.self)
    }

    /// `db.execute(sql:arguments:)`, as the repositories write it; returns the rows changed.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments = SQLArguments()) throws -> Int {
        try execute(sql, arguments.values)
    }

    /// Inserts one row (`sql` without RETURNING) and returns the id the engine gave it.
    func insertReturningID(sql: String, arguments: SQLArguments = SQLArguments()) throws -> Int64 {
        try insertReturningID(sql, arguments.values)
    }

    /// Inserts one row and returns the key the engine gave it (`RETURNING id`, which SQLite ≥ 3.35
    /// and PostgreSQL both understand).
    func insertReturningID(_ sql: String, _ arguments: [SQLValue]) throws -> Int64 {
        guard let id = try scalar(Int64.self, sql + " RETURNING id", arguments) else {
            throw SQLEngineError.statement(message: "插入后没有得到编号", sqlState: nil, sql: sql)
        }
        return id
    }
}

/// SQLite through GRDB: a session over the `Database` handle of the current transaction.
final class SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) { self.db = db }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        if sql.contains(";") {
            // Several statements (migrations, scripts): GRDB runs them in turn.
            try db.execute(sql: sql, arguments: Self.arguments(arguments))
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        }
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        var out: [SQLRow] = []
        try forEachRow(sql, arguments) { out.append($0); return true }
        return out
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Bool) throws {
        // Prepared once per connection and reused: most reads are the same few lookups.
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            guard try body(SQLRow(columns: columns, values: row.databaseValues.map(Self.value))) else { break }
        }
    }

    func tableExists(_ table: String) throws -> Bool { try db.tableExists(table) }

    func columnNames(in table: String) throws -> [String] { try db.columns(in: table).map(\.name) }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let i): i.databaseValue
            case .real(let d): d.databaseValue
            case .text(let s): s.databaseValue
            case .blob(let b): Data(b).databaseValue
            }
        })
    }

    static func value(_ v: DatabaseValue) -> SQLValue {
        switch v.storage {
        case .null: .null
        case .int64(let i): .integer(i)
        case .double(let d): .real(d)
        case .string(let s): .text(s)
        case .blob(let b): .blob([UInt8](b))
        }
    }
}

import Foundation

// MARK: - Reading rows and values, as the repositories write it

extension SQLRow {
    static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments()) throws -> [SQLRow] {
        try db.rows(sql, arguments.values)
    }

    static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments()) throws -> SQLRow? {
        var first: SQLRow?
        try db.forEachRow(sql, arguments.values) { first = $0; return false }
        return first
    }

    /// Each row in turn without holding them all (audit verification, index rebuilds, exports).
    static func forEach(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments(),
                        _ body: (SQLRow) throws -> Void) throws {
        try db.forEachRow(sql, arguments.values) { try body($0); return true }
    }
}

extension SQLValueConvertible {
    /// The first column of the first row; nil when there is no row or the value is NULL.
    static func fetchOne(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments()) throws -> Self? {
        guard let row = try SQLRow.fetchOne(db, sql: sql, arguments: arguments),
              let first = row.values.first, !first.isNull else { return nil }
        return try row.get(0, as: Self.self)
    }

    /// The first column of every row (a NULL is an error naming the column).
    static func fetchAll(_ db: any SQLSession, sql: String, arguments: SQLArguments = SQLArguments()) throws -> [Self] {
        try db.rows(sql, arguments.values).map { try $0.get(0, as: Self.self) }
    }
}

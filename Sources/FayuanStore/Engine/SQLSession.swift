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
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try Row.fetchAll(db, sql: sql, arguments: Self.arguments(arguments)).map { row in
            SQLRow(columns: Array(row.columnNames), values: row.databaseValues.map(Self.value))
        }
    }

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

import Foundation

/// One value crossing the engine boundary, the same on SQLite and PostgreSQL: the store's schema
/// uses only these storage classes (integers for flags and money in fen, text for dates as ISO
/// 8601 strings, real for rare measures, blobs for hashes), so both engines hold the same data.
enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var isNull: Bool { if case .null = self { true } else { false } }
}

/// A Swift value the store binds into SQL or reads back out of a row.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// nil when the stored value cannot be this type (a programming error the caller reports).
    init?(sqlValue: SQLValue)
}

extension String: SQLValueConvertible {
    var sqlValue: SQLValue { .text(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let s): self = s
        case .integer(let i): self = String(i)
        case .real(let d): self = String(d)
        case .blob(let b): guard let s = String(bytes: b, encoding: .utf8) else { return nil }; self = s
        case .null: return nil
        }
    }
}

extension Int64: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let i): self = i
        case .real(let d): guard let i = Int64(exactly: d) else { return nil }; self = i
        case .text(let s): guard let i = Int64(s) else { return nil }; self = i
        default: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init?(sqlValue: SQLValue) {
        guard let i = Int64(sqlValue: sqlValue), let v = Int(exactly: i) else { return nil }
        self = v
    }
}

extension Double: SQLValueConvertible {
    var sqlValue: SQLValue { .real(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let d): self = d
        case .integer(let i): self = Double(i)
        case .text(let s): guard let d = Double(s) else { return nil }; self = d
        default: return nil
        }
    }
}

extension Bool: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    init?(sqlValue: SQLValue) {
        guard let i = Int64(sqlValue: sqlValue) else { return nil }
        self = i != 0
    }
}

extension Data: SQLValueConvertible {
    var sqlValue: SQLValue { .blob([UInt8](self)) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let b): self = Data(b)
        case .text(let s): self = Data(s.utf8)
        default: return nil
        }
    }
}

/// The column names of one result, shared by all its rows, with a case-folded index (both
/// engines fold unquoted names) so reading a column by name is a dictionary lookup.
final class SQLColumns: Sendable, Equatable {
    let names: [String]
    private let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = i }
        self.index = index
    }

    func position(_ column: String) -> Int? { index[column] ?? index[column.lowercased()] }

    static func == (a: SQLColumns, b: SQLColumns) -> Bool { a === b || a.names == b.names }
}

/// A row read from either engine: column names in select order and their values.
struct SQLRow: Sendable, Equatable {
    let columnIndex: SQLColumns
    var values: [SQLValue]

    init(columns: SQLColumns, values: [SQLValue]) { self.columnIndex = columns; self.values = values }
    init(columns: [String], values: [SQLValue]) { self.init(columns: SQLColumns(columns), values: values) }

    var columns: [String] { columnIndex.names }

    func value(_ column: String) -> SQLValue? {
        guard let i = columnIndex.position(column) else { return nil }
        return values[i]
    }

    func hasColumn(_ column: String) -> Bool { columnIndex.position(column) != nil }

    /// The column converted to `T`; a missing column or a value of another kind is an error that
    /// names both, so a schema drift between the engines surfaces at once.
    func get<T: SQLValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let raw = value(column) else { throw SQLEngineError.noSuchColumn(column) }
        guard let v = T(sqlValue: raw) else { throw SQLEngineError.conversion(column: column, value: raw, to: String(describing: T.self)) }
        return v
    }

    func get<T: SQLValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else { throw SQLEngineError.noSuchColumn("#\(index)") }
        guard let v = T(sqlValue: values[index]) else {
            throw SQLEngineError.conversion(column: columns[index], value: values[index], to: String(describing: T.self))
        }
        return v
    }

    // Subscripts for record decoding, as the store's records read rows: a non-optional value that
    // is missing or NULL is a programming error (the schema guarantees it), so it stops here with
    // the column named rather than carrying a wrong value on.

    subscript<T: SQLValueConvertible>(_ column: String) -> T {
        do { return try get(column) } catch { preconditionFailure("\(error)") }
    }

    subscript<T: SQLValueConvertible>(_ column: String) -> T? {
        guard let raw = value(column), !raw.isNull else { return nil }
        return T(sqlValue: raw)
    }

    subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        do { return try get(index) } catch { preconditionFailure("\(error)") }
    }

    subscript<T: SQLValueConvertible>(_ index: Int) -> T? {
        guard values.indices.contains(index), !values[index].isNull else { return nil }
        return T(sqlValue: values[index])
    }

    subscript(_ index: Int) -> SQLValue { values[index] }
}

/// The values bound to a statement's `?` placeholders, in order.
struct SQLArguments: ExpressibleByArrayLiteral, Sendable, Equatable {
    var values: [SQLValue]

    init() { values = [] }
    init(values: [SQLValue]) { self.values = values }
    init(arrayLiteral elements: (any SQLValueConvertible)?...) { values = elements.map { $0?.sqlValue ?? .null } }
    init(_ elements: [(any SQLValueConvertible)?]) { values = elements.map { $0?.sqlValue ?? .null } }
    init(_ elements: [any SQLValueConvertible]) { values = elements.map(\.sqlValue) }
    init<S: Sequence>(_ elements: S) where S.Element: SQLValueConvertible { values = elements.map(\.sqlValue) }

    static func + (a: SQLArguments, b: SQLArguments) -> SQLArguments { SQLArguments(values: a.values + b.values) }
    static func += (a: inout SQLArguments, b: SQLArguments) { a.values += b.values }
    mutating func append(_ value: (any SQLValueConvertible)?) { values.append(value?.sqlValue ?? .null) }
    mutating func append(contentsOf other: SQLArguments) { values += other.values }
}

enum SQLEngineError: Error, Equatable, CustomStringConvertible {
    case noSuchColumn(String)
    case conversion(column: String, value: SQLValue, to: String)
    case connection(String)
    case statement(message: String, sqlState: String?, sql: String)
    case badLocation(String)

    var description: String {
        switch self {
        case .noSuchColumn(let c): "结果中没有列 \(c)"
        case .conversion(let c, let v, let t): "列 \(c) 的值 \(v) 不能读作 \(t)"
        case .connection(let m): "连接 PostgreSQL 服务器失败：\(m)"
        case .statement(let m, let state, _): "数据库拒绝了语句：\(m)" + (state.map { "（SQLSTATE \($0)）" } ?? "")
        case .badLocation(let m): "案件库地址无效：\(m)"
        }
    }

    /// PostgreSQL's unique-violation / serialization-failure states, which the store maps like
    /// SQLite's constraint and busy errors.
    var isUniqueViolation: Bool { if case .statement(_, "23505", _) = self { true } else { false } }
    var isSerializationFailure: Bool {
        if case .statement(_, let s, _) = self { s == "40001" || s == "40P01" } else { false }
    }
}

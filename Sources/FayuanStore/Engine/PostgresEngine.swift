import Foundation
internal import Logging
internal import NIOCore
internal import NIOPosix
internal import PostgresNIO
internal import NIOSSL

/// Where a PostgreSQL store lives: `postgres://user[:password]@host[:port]/database`, with
/// `?host=/dir` for a Unix socket and `?sslmode=disable|prefer|require` (prefer by default on a
/// network host, as libpq does; require is what a station over a public link should use).
struct PostgresLocation: Equatable, Sendable {
    enum TLSMode: String, Sendable { case disable, prefer, require }
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var socketDirectory: String?
    var tls: TLSMode
    /// `?schema=name`: the store's tables live in this schema (several stores in one database,
    /// e.g. one per county on a city server, or one per test).
    var schema: String?

    static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    init(_ text: String) throws {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw SQLEngineError.badLocation("应为 postgres://用户@主机:端口/库名，收到“\(text)”")
        }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        user = url.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = url.password?.removingPercentEncoding
        host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = url.port ?? 5432
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !path.isEmpty else { throw SQLEngineError.badLocation("地址缺少库名（…/库名）：“\(text)”") }
        database = path.removingPercentEncoding ?? path
        socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        schema = query["schema"].flatMap { $0.isEmpty ? nil : $0 }
        if let schema, !schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw SQLEngineError.badLocation("schema 只能由字母、数字和下划线组成，收到“\(schema)”")
        }
        switch query["sslmode"] ?? (socketDirectory != nil || host == "localhost" || host == "127.0.0.1" ? "disable" : "prefer") {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        case let other: throw SQLEngineError.badLocation("sslmode 只能是 disable、prefer 或 require，收到“\(other)”")
        }
    }

    /// The address without the password, for messages and `store info`.
    var display: String {
        let options = [socketDirectory.map { "host=\($0)" }, schema.map { "schema=\($0)" }].compactMap { $0 }
        return "postgres://\(user)@\(host):\(port)/\(database)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }
}

/// One blocking connection to PostgreSQL. The store is synchronous (a console window, a command):
/// each call waits for the server's answer on a private one-thread event loop.
final class PostgresEngine: SQLSession, @unchecked Sendable {
    let location: PostgresLocation
    private let group: MultiThreadedEventLoopGroup
    private let connection: PostgresConnection
    private let logger: Logger
    private let lock = NSLock()
    var dialect: SQLDialect { .postgres }

    init(_ location: PostgresLocation) throws {
        self.location = location
        var logger = Logger(label: "fayuan.store.postgres")
        logger.logLevel = .critical
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let configuration: PostgresConnection.Configuration
        if let socket = location.socketDirectory {
            configuration = .init(unixSocketPath: socket + "/.s.PGSQL.\(location.port)", username: location.user,
                                  password: location.password, database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch location.tls {
            case .disable: tls = .disable
            case .prefer: tls = try .prefer(NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = try .require(NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: tls)
        }
        do {
            connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw SQLEngineError.connection("\(location.display)：\(Self.describe(error))")
        }
        if let schema = location.schema {
            // Created on first use (the name was checked to be a plain identifier); a role that may
            // not create schemas only ever meets an existing one.
            if try scalar(Int64.self, "SELECT count(*) FROM pg_namespace WHERE nspname = ?", [.text(schema)]) == 0 {
                try execute("CREATE SCHEMA \(schema)", [])
            }
            try execute("SET search_path TO \(schema)", [])
        }
    }

    deinit {
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let result = try run(sql, arguments)
        return result.metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        var columns: SQLColumns?
        return try result.rows.map { row in
            var names: [String] = []
            var values: [SQLValue] = []
            for cell in row {
                if columns == nil { names.append(cell.columnName) }
                values.append(try Self.value(cell))
            }
            if columns == nil { columns = SQLColumns(names) }
            return SQLRow(columns: columns!, values: values)
        }
    }

    func tableExists(_ table: String) throws -> Bool {
        try scalar(Int64.self, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
                   [.text(table)]) ?? 0 > 0
    }

    func columnNames(in table: String) throws -> [String] {
        try rows("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
            """, [.text(table)]).map { try $0.get(0, as: String.self) }
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Bool) throws {
        for row in try rows(sql, arguments) { guard try body(row) else { break } }
    }

    /// Runs `body` in one transaction (BEGIN … COMMIT, ROLLBACK on any error).
    func transaction<T>(begin: String = "BEGIN", _ body: (PostgresEngine) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        try execute(begin, [])
        do {
            let value = try body(self)
            try execute("COMMIT", [])
            return value
        } catch {
            _ = try? execute("ROLLBACK", [])
            throw error
        }
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for value in arguments {
            switch value {
            case .null: binds.appendNull()
            default: binds.append(UntypedText(value))
            }
        }
        let query = PostgresQuery(unsafeSQL: dialect.prepare(sql), binds: binds)
        do {
            return try connection.query(query, logger: logger).wait()
        } catch let error as PSQLError {
            throw SQLEngineError.statement(message: error.serverInfo?[.message] ?? Self.describe(error),
                                           sqlState: error.serverInfo?[.sqlState], sql: sql)
        } catch {
            throw SQLEngineError.statement(message: Self.describe(error), sqlState: nil, sql: sql)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            return e.serverInfo?[.message] ?? "\(e.code)"
        }
        return String(describing: error)
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let s = try cell.decode(String.self)
            if let i = Int64(s) { return .integer(i) }
            return .real(Double(s) ?? 0)
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// A bound value sent as text with no declared type (OID 0), so the server infers the type from
/// where the placeholder stands — as SQLite's flexible typing does — and `?` compared with a text
/// column or an integer column both work. Ambiguous places carry an explicit CAST in the SQL.
private struct UntypedText: PostgresDynamicTypeEncodable {
    let text: String
    init(_ value: SQLValue) {
        switch value {
        case .null: text = ""
        case .integer(let i): text = String(i)
        case .real(let d): text = String(d)
        case .text(let s): text = s
        case .blob(let b): text = "\\x" + b.map { String(format: "%02x", $0) }.joined()
        }
    }
    var psqlType: PostgresDataType { PostgresDataType(0) }
    var psqlFormat: PostgresFormat { .text }
    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}

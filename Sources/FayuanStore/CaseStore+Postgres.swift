import Foundation
internal import GRDB

/// The engine a store runs on, chosen by its location: a file path is SQLite (through GRDB), a
/// `postgres://` address is PostgreSQL. Every repository works through `SQLSession` and runs on
/// either; the few things only a file can do (backup by VACUUM INTO, quick_check, the fast
/// seeder, CSV export/import for now) ask for `pool` and say so on PostgreSQL.
enum StoreBackend: Sendable {
    case sqlite(DatabasePool)
    case postgres(PostgresEngine)
}

extension CaseStore {
    /// The SQLite connection pool; a PostgreSQL store answers that the operation needs a file.
    var pool: DatabasePool {
        get throws {
            guard case .sqlite(let pool) = backend else {
                throw StoreError.unavailable(path: path, detail: "此操作只适用于 SQLite 案件库文件，PostgreSQL 案件库请用数据库自己的工具（见 docs/deployment.md）")
            }
            return pool
        }
    }

    /// Whether this store is on a PostgreSQL server.
    public var isPostgres: Bool { if case .postgres = backend { true } else { false } }

    /// The number every PostgreSQL write transaction locks first (`pg_advisory_xact_lock`), so
    /// writers take turns as they do on SQLite (BEGIN IMMEDIATE): gapless ticket and case numbers,
    /// read-then-write checks and the audit chain's order hold with several consoles at once.
    static let postgresWriterLock: Int64 = 0x66_61_79_75_61_6E  // "fayuan"

    static func openPostgres(
        _ location: StoreLocation, clock: @escaping @Sendable () -> Date, channel: AuditChannel,
        anchorDirectory: String?, migrate: Bool, mustExist: Bool, upTo target: String? = nil
    ) throws -> CaseStore {
        let address: PostgresLocation
        do { address = try PostgresLocation(location.path) } catch let e as SQLEngineError {
            throw StoreError.unavailable(path: location.path, detail: e.description)
        }
        let shown = address.display
        do {
            let engine = try PostgresEngine(address)
            // Every audit entry records how the change came (console, command line, import):
            // `fayuan_channel()` reads this session setting on PostgreSQL.
            try engine.execute("SELECT set_config('fayuan.channel', ?, false)", [.text(channel.rawValue)])
            let store = CaseStore(path: shown, backend: .postgres(engine), clock: clock, channel: channel,
                                  anchorDirectory: anchorDirectory)
            let applied = try PostgresSchema.applied(engine)
            if mustExist && applied.isEmpty { throw StoreError.missing(path: shown) }
            let unknown = applied.filter { !Migrations.identifiers.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: shown, unknown: unknown.sorted()) }
            let upTo = target ?? Migrations.identifiers.last!
            if migrate && !applied.contains(upTo) {
                try engine.transaction { s in
                    try s.execute("SELECT pg_advisory_xact_lock(?)", [.integer(postgresWriterLock)])
                    try PostgresSchema.migrate(s, upTo: upTo)
                }
            }
            if migrate { try store.ensureStoreSecret() }
            return store
        } catch let error as StoreError {
            throw error
        } catch {
            throw translatePostgres(error, path: shown)
        }
    }

    func postgresWrite<T>(_ engine: PostgresEngine, _ body: (any SQLSession) throws -> T) throws -> T {
        do {
            var anchor: AuditAnchor?
            let value = try engine.transaction { s -> T in
                try s.execute("SELECT pg_advisory_xact_lock(?)", [.integer(Self.postgresWriterLock)])
                let before = try Int64.fetchOne(s, sql: "SELECT max(id) FROM audit_log")
                let value = try body(s)
                if anchorDirectory != nil, let head = try Self.auditHead(s), head.id != before {
                    anchor = AuditAnchor(store: try Self.storeIdentity(s), id: head.id, hash: head.hash, at: timestamp())
                }
                return value
            }
            if let anchor, let anchorDirectory { AuditAnchors.append(anchor, directory: anchorDirectory) }
            return value
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.translatePostgres(error, path: path)
        }
    }

    /// A consistent snapshot for the whole read (REPEATABLE READ), which never blocks writers.
    func postgresRead<T>(_ engine: PostgresEngine, _ body: (any SQLSession) throws -> T) throws -> T {
        do {
            return try engine.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { s in try body(s) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.translatePostgres(error, path: path)
        }
    }

    /// PostgreSQL errors as the same typed store errors SQLite's become.
    static func translatePostgres(_ error: any Error, path: String) -> StoreError {
        guard let e = error as? SQLEngineError else { return .unavailable(path: path, detail: "\(error)") }
        switch e {
        case .statement(let message, let state?, _) where state.hasPrefix("23"):
            // Integrity constraint violations (unique, check, foreign key, not null).
            return .invalidInput(field: "数据", message: "违反约束：\(message)")
        case .statement(let message, "P0001", _):
            // Raised by the store's own triggers (append-only timeline and audit, case seals).
            return .invalidInput(field: "数据", message: message)
        case .statement(_, let state?, _) where state == "40001" || state == "40P01" || state == "55P03":
            return .unavailable(path: path, detail: "数据库正被其他程序占用，请稍后重试")
        default:
            return .unavailable(path: path, detail: e.description)
        }
    }
}

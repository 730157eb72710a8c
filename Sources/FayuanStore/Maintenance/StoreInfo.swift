import Foundation

/// What `fayuan store info` reports: which engine holds the store, its version, and which of this
/// build's migrations the store has. Nothing personal; no login needed.
public struct StoreInfo: Codable, Sendable, Equatable {
    /// "sqlite" or "postgresql".
    public var engine: String
    public var engineVersion: String
    /// The file path, or the PostgreSQL address without its password.
    public var location: String
    public var migrationsApplied: [String]
    public var migrationsPending: [String]
    /// Whether a store exists there at all (an empty PostgreSQL database has none yet).
    public var hasStore: Bool
    public var bytes: Int64?
    public var journalMode: String?

    enum CodingKeys: String, CodingKey {
        case engine, location, bytes
        case engineVersion = "engine_version", migrationsApplied = "migrations_applied"
        case migrationsPending = "migrations_pending", hasStore = "has_store", journalMode = "journal_mode"
    }
}

extension CaseStore {
    /// Reads the store's engine, version and migrations without changing anything (a SQLite file is
    /// opened read-only; a PostgreSQL server is only queried).
    public static func info(_ location: StoreLocation) throws -> StoreInfo {
        if PostgresLocation.isPostgres(location.path) {
            let address: PostgresLocation
            do { address = try PostgresLocation(location.path) } catch let e as SQLEngineError {
                throw StoreError.unavailable(path: location.path, detail: e.description)
            }
            do {
                let pg = try PostgresEngine(address)
                let version = try pg.scalar(String.self, "SHOW server_version") ?? "?"
                let hasTable = try pg.scalar(String.self, "SELECT CAST(to_regclass('grdb_migrations') AS TEXT)") != nil
                let applied = hasTable ? try pg.rows("SELECT identifier FROM grdb_migrations", []).map { try $0.get(0, as: String.self) } : []
                return StoreInfo(engine: "postgresql", engineVersion: version, location: address.display,
                                 migrationsApplied: Migrations.identifiers.filter(applied.contains),
                                 migrationsPending: Migrations.identifiers.filter { !applied.contains($0) },
                                 hasStore: hasTable, bytes: nil, journalMode: nil)
            } catch let e as SQLEngineError {
                throw StoreError.unavailable(path: address.display, detail: e.description)
            }
        }
        let store = try openExisting(location, readOnly: true)
        defer { try? store.close() }
        return try store.sqliteRead { db in
            let applied = try Migrations.migrator.appliedIdentifiers(db)
            let size = (try? FileManager.default.attributesOfItem(atPath: location.path)[.size] as? NSNumber)?.int64Value
            return StoreInfo(engine: "sqlite", engineVersion: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?",
                             location: location.path,
                             migrationsApplied: Migrations.identifiers.filter(applied.contains),
                             migrationsPending: Migrations.identifiers.filter { !applied.contains($0) },
                             hasStore: true, bytes: size,
                             journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
    }
}

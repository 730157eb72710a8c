import Foundation
internal import GRDB

/// The local case store: one SQLite file in WAL mode, shared by several `fayuan` processes.
///
/// Writes are GRDB write transactions, which are `BEGIN IMMEDIATE`: the write lock is taken at
/// the start, so a read-then-write never has to upgrade (SQLite does not call the busy handler
/// for upgrades, see ncurses-notes §11). Other processes wait up to `busyTimeout` seconds.
public struct CaseStore: Sendable {
    /// The file path, or for PostgreSQL the server address without its password.
    public let path: String
    let backend: StoreBackend
    let clock: @Sendable () -> Date
    /// The channel every audit entry written through this store records (console, command line, import).
    public let channel: AuditChannel
    /// Where the audit chain's head is anchored outside the store file (nil: not anchored).
    public let anchorDirectory: String?

    /// Opened with `openExisting(readOnly: true)`: the connections are SQLite read-only, so
    /// opening writes nothing (a writable pool rewrites the schema to make its WAL file). The
    /// rare write such a store still makes — a failed PIN counted, an audit entry — goes through
    /// a short-lived connection opened for that transaction only (`write`).
    public private(set) var isReadOnly = false

    /// The zone "today" and attendance times are judged in (the station's clock); the console sets
    /// the one it shows.
    public var timeZone: TimeZone = .current

    /// Seconds a writer waits for another process's transaction before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (creating and migrating when needed) the store at `location`.
    ///
    /// A file that is not an SQLite database, is damaged, or belongs to another program is
    /// refused with a typed error before anything is written to it.
    public static func open(
        _ location: StoreLocation,
        clock: @escaping @Sendable () -> Date = { Date() },
        channel: AuditChannel = .console,
        anchorDirectory: String? = AuditAnchors.defaultDirectory()
    ) throws -> CaseStore {
        try open(location, clock: clock, channel: channel, anchorDirectory: anchorDirectory, migrateUpTo: nil)
    }

    /// Opens a store that must already exist; never creates one (a mistyped path is
    /// `StoreError.missing`, a FIFO or other non-regular file is refused at once).
    ///
    /// `readOnly`: the connections are SQLite read-only and nothing is migrated, so opening and
    /// reading leave the file byte for byte as it was, even a damaged one (`check`, `audit
    /// verify`, the hall display, `search`). A store method that must write (a failed PIN, an
    /// audit entry) still can, in its own short transaction; `check` never calls one.
    /// Otherwise the store is migrated when older, as `open` does.
    public static func openExisting(
        _ location: StoreLocation,
        readOnly: Bool,
        clock: @escaping @Sendable () -> Date = { Date() },
        channel: AuditChannel = .commandLine
    ) throws -> CaseStore {
        let path = location.path
        if PostgresLocation.isPostgres(path) {
            return try openPostgres(location, clock: clock, channel: channel, anchorDirectory: AuditAnchors.defaultDirectory(),
                                    migrate: !readOnly, mustExist: true)
        }
        guard try StoreFile.refuseNonRegular(path: path) else { throw StoreError.missing(path: path) }
        guard readOnly else { return try open(location, clock: clock, channel: channel, migrateUpTo: nil) }
        try StoreFile.probe(path: path, knownMigrations: Migrations.identifiers, readOnly: true)
        var config = configuration(channel: channel)
        config.readonly = true
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            // An empty file is no store at all (probe accepts it only for creation).
            let tables = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0 }
            guard tables > 0 else { try? pool.close(); throw StoreError.missing(path: path) }
            return CaseStore(path: path, backend: .sqlite(pool), clock: clock, channel: channel,
                             anchorDirectory: AuditAnchors.defaultDirectory(), isReadOnly: true)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreFile.translate(error, path: path)
        }
    }

    /// `fayuan_case_seal(secret, id, fields…)`, registered on every SQLite connection the program opens.
    static let caseSealFunction = DatabaseFunction("fayuan_case_seal", argumentCount: nil, pure: true) { values in
        guard let secret = String.fromDatabaseValue(values.first ?? .null), !secret.isEmpty else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "案件库密钥缺失，不能写入案件")
        }
        return CaseSeal.digest(secret: secret, values: values.dropFirst().map(SQLiteSession.value))
    }

    /// Connection settings shared by read-write and read-only stores.
    static func configuration(channel: AuditChannel) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "fayuan"
        // Every connection answers `fayuan_channel()`, which the audit log records with each entry.
        let channelName = channel.rawValue
        config.prepareDatabase { db in
            db.add(function: DatabaseFunction("fayuan_channel", argumentCount: 0, pure: true) { _ in channelName })
            // Case seals (v13): computed by the program only, so sqlite3 cannot write a case.
            db.add(function: CaseStore.caseSealFunction)
        }
        return config
    }

    static func open(
        _ location: StoreLocation,
        clock: @escaping @Sendable () -> Date = { Date() },
        channel: AuditChannel = .console,
        anchorDirectory: String? = AuditAnchors.defaultDirectory(),
        migrateUpTo target: String?
    ) throws -> CaseStore {
        let path = location.path
        if PostgresLocation.isPostgres(path) {
            return try openPostgres(location, clock: clock, channel: channel, anchorDirectory: anchorDirectory,
                                    migrate: true, mustExist: false, upTo: target)
        }
        try location.createDirectory()
        try StoreFile.prepare(path: path)
        try StoreFile.probe(path: path, knownMigrations: Migrations.identifiers)

        let config = configuration(channel: channel)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // Case data must survive a power cut at a township window. Set on the one writer
            // connection after GRDB's WAL setup (which chooses NORMAL).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreFile.translate(error, path: path)
        }
        let store = CaseStore(path: path, backend: .sqlite(pool), clock: clock, channel: channel, anchorDirectory: anchorDirectory)
        do {
            // Opening a current store must not need the write lock: several windows write all
            // day, and SQLite's busy handler is not a fair queue, so a needless IMMEDIATE
            // transaction at open could wait behind them. Check with a read first.
            let upTo = target ?? Migrations.identifiers.last!
            let current = try pool.read { db in
                try Migrations.migrator.appliedIdentifiers(db).contains(upTo)
                    && String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") != nil
            }
            if !current {
                try Migrations.migrator.migrate(pool, upTo: upTo)
                try store.ensureStoreSecret()
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreFile.translate(error, path: path)
        }
        return store
    }

    /// Whether the store lacks migrations this build knows (a read-only store is not migrated).
    public func needsMigration() throws -> Bool {
        let applied = try appliedMigrations()
        return Migrations.identifiers.contains { !applied.contains($0) }
    }

    /// Runs `body` in one IMMEDIATE write transaction; store errors come out typed.
    /// A transaction that added audit entries anchors the new head outside the store afterwards.
    @discardableResult
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite: try sqliteWrite { db in try body(SQLiteSession(db)) }
        case .postgres(let engine): try postgresWrite(engine, body)
        }
    }

    /// `write` for the SQLite-only maintenance that needs GRDB's own handle (seeding, backups).
    func sqliteWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            var anchor: AuditAnchor?
            let anchored = { (db: Database) throws -> T in
                let session = SQLiteSession(db)
                let before = try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_log")
                let value = try body(db)
                if anchorDirectory != nil, let head = try Self.auditHead(session), head.id != before {
                    anchor = AuditAnchor(store: try Self.storeIdentity(session), id: head.id, hash: head.hash, at: timestamp())
                }
                return value
            }
            let value = isReadOnly ? try writeOnce(anchored) : try pool.write(anchored)
            if let anchor, let anchorDirectory { AuditAnchors.append(anchor, directory: anchorDirectory) }
            return value
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreFile.translate(error, path: path)
        }
    }

    /// A write from a read-only store: one plain connection (no WAL set-up, so no schema
    /// rewrite), one IMMEDIATE transaction, closed again.
    private func writeOnce<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path, configuration: Self.configuration(channel: channel))
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` on a read-only snapshot; never blocks writers.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite: try sqliteRead { db in try body(SQLiteSession(db)) }
        case .postgres(let engine): try postgresRead(engine, body)
        }
    }

    /// `read` for the SQLite-only maintenance that needs GRDB's own handle.
    func sqliteRead<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreFile.translate(error, path: path)
        }
    }

    /// Current time as stored (ISO 8601, UTC, milliseconds).
    func timestamp() -> String {
        StoreTime.format(clock())
    }

    /// Closes the connections (tests reopen files; the CLI exits anyway).
    public func close() throws {
        // Fold the WAL into the main file first: the last connection to close may be a
        // read-only reader, which cannot checkpoint, and a copied or backed-up file must be whole.
        guard case .sqlite(let pool) = backend else {
            anchorCurrentHead()
            return
        }
        if !isReadOnly { _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
        anchorCurrentHead()
        try pool.close()
    }

    /// Applied migration identifiers, oldest first (in registration order).
    public func appliedMigrations() throws -> [String] {
        if case .postgres(let engine) = backend {
            let applied = try PostgresSchema.applied(engine)
            return Migrations.identifiers.filter { applied.contains($0) }
        }
        return try sqliteRead { db in
            let applied = try Migrations.migrator.appliedIdentifiers(db)
            return Migrations.identifiers.filter { applied.contains($0) }
        }
    }

    /// A per-store random secret used to tag ID numbers in audit digests (so a digest cannot be
    /// brute-forced back to an ID number). Created once, never exported in clear.
    func ensureStoreSecret() throws {
        try write { db in
            if try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") == nil {
                var rng = SystemRandomNumberGenerator()
                let hex = (0..<4).map { _ in String(format: "%016llx", rng.next() as UInt64) }.joined()
                try db.execute(
                    sql: "INSERT INTO setting(key, value) VALUES ('store.secret', ?)", arguments: [hex])
            }
        }
    }

    func storeSecret(_ db: any SQLSession) throws -> String {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""
    }
}

/// Timestamps as text: ISO 8601 in UTC with milliseconds, so they sort as text.
enum StoreTime {
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

import Foundation
internal import GRDB

/// What `fayuan store migrate` did: every table's rows copied and counted again on arrival, and the
/// audit chain and case seals recomputed from the copied rows.
public struct StoreMigrationReport: Codable, Sendable, Equatable {
    public struct Table: Codable, Sendable, Equatable {
        public var table: String
        public var rows: Int
    }
    public var from: String
    public var to: String
    /// "sqlite→postgresql" or "postgresql→sqlite".
    public var direction: String
    public var tables: [Table]
    public var rows: Int
    public var auditEntries: Int
    public var auditHead: AuditHead?
    public var auditChainVerified: Bool
    public var caseSealsVerified: Int
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case from, to, direction, tables, rows, seconds
        case auditEntries = "audit_entries", auditHead = "audit_head", auditChainVerified = "audit_chain_verified"
        case caseSealsVerified = "case_seals_verified"
    }
}

/// Copies a whole store between the two engines (issue 25): a SQLite file to an empty PostgreSQL
/// database, or a PostgreSQL store to a new SQLite file (an export). One consistent read of the
/// source; one transaction on the target, so a failure anywhere leaves the target without a row
/// (a new SQLite file is removed again). Tables go in dependency order with the foreign keys
/// deferred to the commit; the rows the target's triggers derive while copying (case seals, the
/// report tally) are replaced by the source's own; identity sequences are moved past the copied
/// ids. Before the commit every table is counted again and the audit chain and every case seal are
/// recomputed from the copied rows; any difference rolls the whole copy back.
enum StoreMigrate {
    /// Rows derived by triggers on the target while the cases are copied; replaced by the source's.
    static let derivedTables = ["case_seal", "report_tally"]

    struct TableSpec {
        var name: String
        var columns: [String]
        var key: [String]
    }

    /// Test hook: throws after copying this table (a failure midway).
    nonisolated(unsafe) static var failAfterTable: String?

    static func run(from: StoreLocation, to: StoreLocation, clock: () -> Date = { Date() }) throws -> StoreMigrationReport {
        let start = clock()
        let fromPG = PostgresLocation.isPostgres(from.path), toPG = PostgresLocation.isPostgres(to.path)
        guard fromPG != toPG else {
            throw StoreError.invalidInput(field: "--to",
                                          message: fromPG ? "两端都是 PostgreSQL：请用 pg_dump / pg_basebackup" : "两端都是文件：请用 fayuan backup")
        }
        var report: StoreMigrationReport
        if toPG {
            report = try toPostgres(from: from.path, to: to.path)
        } else {
            report = try toSQLite(from: from.path, to: to.path)
        }
        report.seconds = clock().timeIntervalSince(start)
        return report
    }

    // MARK: SQLite → PostgreSQL

    static func toPostgres(from path: String, to address: String) throws -> StoreMigrationReport {
        let location = try postgresLocation(address, field: "--to")
        guard try StoreFile.refuseNonRegular(path: path) else { throw StoreError.missing(path: path) }
        try StoreFile.probe(path: path, knownMigrations: Migrations.identifiers, readOnly: true)
        var config = CaseStore.configuration(channel: .importFile)
        config.readonly = true
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: config) } catch { throw StoreFile.translate(error, path: path) }
        defer { try? queue.close() }
        let pg = try connect(location)
        return try translating(location.display) {
            try queue.read { db in
                let source = SQLiteSession(db)
                let applied = try Migrations.migrator.appliedIdentifiers(db)
                let missing = Migrations.identifiers.filter { !applied.contains($0) }
                guard missing.isEmpty else {
                    throw StoreError.invalidInput(field: "--from", message: "案件库尚未升级到本程序的版本（缺迁移 \(missing.joined(separator: "、"))）：请先用本程序以读写方式打开一次")
                }
                let specs = try tableSpecs(sqlite: db)
                try PostgresMigrations.migrate(pg)
                try refuseNonEmpty(pg, specs: specs, shown: location.display)
                return try pg.transaction { target in
                    try target.execute("SET CONSTRAINTS ALL DEFERRED", [])
                    try target.execute("SELECT set_config('fayuan.channel', 'import', true)", [])
                    var report = try copy(specs, from: source, to: target)
                    // Identity columns continue after the copied ids.
                    for table in try target.rows("""
                        SELECT table_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND is_identity = 'YES' AND column_name = 'id'
                        """, []).map({ try $0.get(0, as: String.self) }) {
                        try target.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)", [])
                    }
                    report.from = path
                    report.to = location.display
                    report.direction = "sqlite→postgresql"
                    return report
                }
            }
        }
    }

    // MARK: PostgreSQL → SQLite

    static func toSQLite(from address: String, to path: String) throws -> StoreMigrationReport {
        let location = try postgresLocation(address, field: "--from")
        if FileManager.default.fileExists(atPath: path) {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size == 0 else { throw StoreError.invalidInput(field: "--to", message: "目标文件已存在且不是空文件：\(path)（导出只写入新文件）") }
        }
        let pg = try connect(location)
        let applied = try translating(location.display) { try PostgresMigrations.applied(pg) }
        guard applied.unknown.isEmpty else { throw StoreError.newerSchema(path: location.display, unknown: applied.unknown) }
        let missing = PostgresSchema.identifiers.filter { !applied.known.contains($0) }
        guard missing.isEmpty else {
            throw StoreError.invalidInput(field: "--from", message: applied.known.isEmpty ? "\(location.display) 上没有案件库"
                                          : "PostgreSQL 案件库缺迁移 \(missing.joined(separator: "、"))")
        }
        try StoreLocation(path: path).createDirectory()
        try StoreFile.prepare(path: path)
        var done = false
        defer {
            if !done { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: CaseStore.configuration(channel: .importFile))
            try Migrations.migrator.migrate(queue)
        } catch { throw StoreFile.translate(error, path: path) }
        defer { try? queue.close() }
        let report = try translating(location.display) {
            try pg.transaction { source in
                // One snapshot of the whole store, however long the copy takes.
                try source.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", [])
                return try queue.write { db in
                    try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                    let specs = try tableSpecs(sqlite: db)
                    try refuseNonEmpty(SQLiteSession(db), specs: specs, shown: path)
                    var report = try copy(specs, from: source, to: SQLiteSession(db))
                    report.from = location.display
                    report.to = path
                    report.direction = "postgresql→sqlite"
                    return report
                }
            }
        }
        done = true
        return report
    }

    // MARK: the copy, the same both ways

    /// Tables of the schema in copy order: `setting` first (the case seal reads the store secret),
    /// then parents before children, the derived tables last.
    static func tableSpecs(sqlite db: Database) throws -> [TableSpec] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
            """)
        var parents: [String: Set<String>] = [:]
        var specs: [String: TableSpec] = [:]
        for name in names {
            let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
            specs[name] = TableSpec(name: name, columns: info.map { $0["name"] }, key: key)
            parents[name] = Set(try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name]))
                .subtracting([name]).intersection(names)
        }
        var ordered = ["setting"]
        var remaining = names.filter { $0 != "setting" && !derivedTables.contains($0) }
        while !remaining.isEmpty {
            let ready = remaining.filter { parents[$0, default: []].isSubset(of: Set(ordered)) }
            let next = ready.isEmpty ? [remaining[0]] : ready  // a cycle: the deferred keys allow it
            ordered += next
            remaining.removeAll { next.contains($0) }
        }
        ordered += derivedTables.filter(names.contains)
        return ordered.compactMap { specs[$0] }
    }

    static func refuseNonEmpty(_ target: SQLSession, specs: [TableSpec], shown: String) throws {
        for spec in specs {
            if try target.scalar(Int64.self, "SELECT count(*) FROM \(quote(spec.name))") ?? 0 > 0 {
                throw StoreError.invalidInput(field: "--to", message: "目标 \(shown) 已有数据（表 \(spec.name) 不为空）：只能迁移到空库")
            }
        }
    }

    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func copy(_ specs: [TableSpec], from source: SQLSession, to target: SQLSession) throws -> StoreMigrationReport {
        var tables: [StoreMigrationReport.Table] = []
        let trace = ProcessInfo.processInfo.environment["FAYUAN_MIGRATE_TRACE"] == "1"
        for spec in specs {
            let began = Date()
            var reading: TimeInterval = 0
            defer {
                if trace { FileHandle.standardError.write(Data("\(spec.name) \(Date().timeIntervalSince(began)) 读 \(reading)\n".utf8)) }
            }
            let expected = try source.scalar(Int64.self, "SELECT count(*) FROM \(quote(spec.name))") ?? 0
            if derivedTables.contains(spec.name) { try target.execute("DELETE FROM \(quote(spec.name))", []) }
            let columns = spec.columns.map(quote).joined(separator: ", ")
            let keyList = spec.key.map(quote).joined(separator: ", ")
            let perInsert = max(1, 4_000 / max(1, spec.columns.count))
            var last: [SQLValue]?
            var copied: Int64 = 0
            while true {
                let page: [SQLRow]
                let readStart = Date()
                let order = " ORDER BY \(keyList) LIMIT 2000"
                if let last {
                    let marks = Array(repeating: "?", count: last.count).joined(separator: ", ")
                    page = try source.rows("SELECT \(columns) FROM \(quote(spec.name)) WHERE (\(keyList)) > (\(marks))" + order, last)
                } else {
                    page = try source.rows("SELECT \(columns) FROM \(quote(spec.name))" + order, [])
                }
                reading += Date().timeIntervalSince(readStart)
                if page.isEmpty { break }
                var start = 0
                while start < page.count {
                    let chunk = page[start..<min(page.count, start + perInsert)]
                    let row = "(" + Array(repeating: "?", count: spec.columns.count).joined(separator: ", ") + ")"
                    try target.execute("INSERT INTO \(quote(spec.name)) (\(columns)) VALUES "
                                       + Array(repeating: row, count: chunk.count).joined(separator: ", "),
                                       chunk.flatMap(\.values))
                    start += chunk.count
                }
                copied += Int64(page.count)
                last = spec.key.map { page[page.count - 1].value($0) ?? .null }
                if page.count < 2000 { break }
            }
            let arrived = try target.scalar(Int64.self, "SELECT count(*) FROM \(quote(spec.name))") ?? -1
            guard copied == expected, arrived == expected else {
                throw StoreError.unavailable(path: spec.name, detail: "表 \(spec.name) 应有 \(expected) 行，读出 \(copied) 行，目标中 \(arrived) 行：已全部回滚")
            }
            tables.append(.init(table: spec.name, rows: Int(arrived)))
            if failAfterTable == spec.name {
                throw StoreError.unavailable(path: spec.name, detail: "测试：复制 \(spec.name) 后中断")
            }
        }
        // The audit chain and the case seals, recomputed from the rows as they arrived.
        let (entries, head, broken) = try verifyAuditChain(target)
        if let broken {
            throw StoreError.unavailable(path: "audit_log", detail: "审计链在第 \(broken) 条断开（来源库本身请先用 fayuan audit verify 检查）：已全部回滚")
        }
        let seals = try verifyCaseSeals(target)
        if !seals.mismatched.isEmpty {
            throw StoreError.unavailable(path: "case_seal", detail: "案件封印不符：\(seals.mismatched.prefix(10).map(String.init).joined(separator: "、"))（来源库请先用 fayuan audit verify 检查）：已全部回滚")
        }
        return StoreMigrationReport(from: "", to: "", direction: "", tables: tables, rows: tables.map(\.rows).reduce(0, +),
                                    auditEntries: entries, auditHead: head, auditChainVerified: true,
                                    caseSealsVerified: seals.checked, seconds: 0)
    }

    /// `fayuan audit verify`'s chain check (AuditLog.firstBrokenLink) over any session.
    static func verifyAuditChain(_ s: SQLSession) throws -> (Int, AuditHead?, Int64?) {
        var previous = AuditLog.genesis
        var expected: Int64 = 1
        var count = 0
        while true {
            let page = try s.rows("""
                SELECT id, at, operator_id, action, entity, entity_id, before_digest, after_digest, detail, prev_hash, hash, channel
                FROM audit_log WHERE id >= ? ORDER BY id LIMIT 5000
                """, [.integer(expected)])
            for r in page {
                let entry = try AuditEntry(row: r)
                if entry.id != expected || entry.prevHash != previous
                    || AuditLog.chainHash(previous: previous, canonical: entry.canonical) != entry.hash {
                    return (count, nil, entry.id)
                }
                previous = entry.hash
                expected += 1
                count += 1
            }
            if page.count < 5000 { break }
        }
        return (count, count == 0 ? nil : AuditHead(id: expected - 1, hash: previous), nil)
    }

    /// Every case's seal recomputed (CaseSeal.digest, as `fayuan audit verify` does).
    static func verifyCaseSeals(_ s: SQLSession) throws -> (checked: Int, mismatched: [Int64]) {
        let secret = try s.scalar(String.self, "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""
        let columns = (["id"] + V13CaseSeal.fields).map { "c.\($0)" }.joined(separator: ", ")
        var bad: [Int64] = []
        var checked = 0
        var last: Int64 = 0
        while true {
            let page = try s.rows("SELECT \(columns), s.digest AS seal FROM aid_case c LEFT JOIN case_seal s ON s.case_id = c.id WHERE c.id > ? ORDER BY c.id LIMIT 5000",
                                  [.integer(last)])
            for r in page {
                let values = Array(r.values.prefix(V13CaseSeal.fields.count + 1))
                let id: Int64 = try r.get("id")
                if (r["seal"] as String?) != CaseSeal.digest(secret: secret, values: values) { bad.append(id) }
                checked += 1
                last = id
            }
            if page.count < 5000 { break }
        }
        let orphans = try s.rows("SELECT case_id FROM case_seal WHERE case_id NOT IN (SELECT id FROM aid_case)", []).map { try $0.get(0, as: Int64.self) }
        return (checked, (bad + orphans).sorted())
    }

    static func postgresLocation(_ text: String, field: String) throws -> PostgresLocation {
        do { return try PostgresLocation(text) } catch let e as SQLEngineError {
            throw StoreError.invalidInput(field: field, message: e.description)
        }
    }

    static func connect(_ location: PostgresLocation) throws -> PostgresEngine {
        do { return try PostgresEngine(location) } catch let e as SQLEngineError {
            throw StoreError.unavailable(path: location.display, detail: e.description)
        }
    }

    /// Engine and schema errors as store errors (exit 3) naming the server.
    static func translating<T>(_ shown: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as SQLEngineError {
            throw StoreError.unavailable(path: shown, detail: e.description + "；已全部回滚，目标没有写入任何数据")
        } catch let e as PostgresSchemaError {
            throw StoreError.unavailable(path: shown, detail: e.description)
        } catch let e as DatabaseError {
            throw StoreFile.translate(e, path: shown)
        }
    }
}

extension StoreLocation {
    /// Whether the location names a PostgreSQL server (`postgres://…`) rather than a file.
    public var isServer: Bool { PostgresLocation.isPostgres(path) }
}

extension CaseStore {
    /// `fayuan store migrate --from … --to …`: see `StoreMigrate`.
    public static func migrateStore(from: StoreLocation, to: StoreLocation) throws -> StoreMigrationReport {
        try StoreMigrate.run(from: from, to: to)
    }

    /// `fayuan store grant --db postgres://owner@… --role NAME`: the console's role (PostgresRoles).
    /// Returns, per append-only table, what the role may do there afterwards.
    public static func grantConsoleRole(_ location: StoreLocation, role: String) throws -> [String: [String]] {
        guard PostgresLocation.isPostgres(location.path) else {
            throw StoreError.invalidInput(field: "--db", message: "角色只存在于 PostgreSQL：请给出 postgres://所有者@主机/库名")
        }
        guard !role.isEmpty, role.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw StoreError.invalidInput(field: "--role", message: "角色名只能由英文字母、数字和下划线组成")
        }
        let address = try StoreMigrate.postgresLocation(location.path, field: "--db")
        let pg = try StoreMigrate.connect(address)
        return try StoreMigrate.translating(address.display) {
            try PostgresMigrations.migrate(pg)
            return try PostgresRoles.grant(pg, role: role)
        }
    }
}

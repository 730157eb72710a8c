import Foundation

/// Brings a PostgreSQL database to the newest schema: `PostgresSchema.migrations`, in order, each
/// in its own transaction with the identifier it records in `grdb_migrations` (the table SQLite
/// stores keep through GRDB, same name and column, so `fayuan store info` reads both alike).
enum PostgresMigrations {
    /// Held (session-level advisory lock) while migrating, so two programs opening a new database
    /// at once do not both create it.
    static let migrationLock: Int64 = 0x0066_6179_7561_6e01

    /// The identifiers recorded in the database, in this build's order; unknown ones are returned
    /// in `unknown` (a newer program migrated it).
    static func applied(_ engine: SQLSession) throws -> (known: [String], unknown: [String]) {
        guard try engine.scalar(String.self, "SELECT CAST(to_regclass('grdb_migrations') AS TEXT)") != nil else { return ([], []) }
        let recorded = Set(try engine.rows("SELECT identifier FROM grdb_migrations", []).map { try $0.get(0, as: String.self) })
        return (PostgresSchema.identifiers.filter(recorded.contains), recorded.subtracting(PostgresSchema.identifiers).sorted())
    }

    /// Applies the pending migrations up to `target` (default: all) and returns the identifiers
    /// applied now. A database already current is only read (a role without CREATE can open it).
    @discardableResult
    static func migrate(_ engine: PostgresEngine, upTo target: String? = nil) throws -> [String] {
        let wanted: [String]
        if let target, let i = PostgresSchema.identifiers.firstIndex(of: target) {
            wanted = Array(PostgresSchema.identifiers[...i])
        } else {
            wanted = PostgresSchema.identifiers
        }
        let before = try applied(engine)
        guard before.unknown.isEmpty else { throw PostgresSchemaError.newerSchema(before.unknown) }
        if wanted.allSatisfy(before.known.contains) { return [] }

        try engine.execute("SELECT pg_advisory_lock(\(migrationLock))", [])
        defer { _ = try? engine.execute("SELECT pg_advisory_unlock(\(migrationLock))", []) }
        try engine.execute("CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)", [])
        var done: [String] = []
        for (identifier, statements) in PostgresSchema.migrations where wanted.contains(identifier) {
            // Re-read under the lock: another program may have migrated meanwhile.
            if try engine.scalar(Int64.self, "SELECT count(*) FROM grdb_migrations WHERE identifier = '\(identifier)'") ?? 0 > 0 { continue }
            try engine.transaction { pg in
                // Writers wait while the schema changes (CaseStore.postgresWrite takes the same lock).
                try pg.execute("SELECT pg_advisory_xact_lock(\(CaseStore.postgresWriterLock))", [])
                for statement in statements {
                    do {
                        try pg.execute(statement, [])
                    } catch let error as SQLEngineError {
                        throw PostgresSchemaError.failed(identifier: identifier, detail: error.description)
                    }
                }
                try pg.execute("INSERT INTO grdb_migrations(identifier) VALUES ('\(identifier)')", [])
            }
            done.append(identifier)
        }
        return done
    }
}

enum PostgresSchemaError: Error, Equatable, CustomStringConvertible {
    case newerSchema([String])
    case failed(identifier: String, detail: String)
    case noRole(String)

    var description: String {
        switch self {
        case .newerSchema(let ids): "数据库由更新版本的程序建立（未知迁移：\(ids.joined(separator: "、"))），请先升级程序"
        case .failed(let id, let detail): "迁移 \(id) 失败，已回滚：\(detail)"
        case .noRole(let role): "数据库中没有角色“\(role)”：请先由数据库管理员 CREATE ROLE \(role) LOGIN PASSWORD '…'"
        }
    }
}

/// The console's database role (docs/deployment.md). The schema belongs to an owner role that runs
/// the migrations; the consoles log in as another role, which may read and write the case data but
/// has no UPDATE, DELETE or TRUNCATE on the append-only tables (the timeline and the audit log) and
/// cannot drop or disable the triggers that guard them (only the owner can). Granted by
/// `fayuan store grant --db postgres://owner@… --role NAME`, run again after an upgrade that adds
/// tables — a step, not a migration, because roles belong to the whole server and differ per site.
enum PostgresRoles {
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func grantStatements(role: String, schema: String) -> [String] {
        let r = quoteIdentifier(role), s = quoteIdentifier(schema)
        let appendOnly = PostgresSchema.appendOnlyTables.map { "\(s).\($0)" }.joined(separator: ", ")
        return [
            "GRANT USAGE ON SCHEMA \(s) TO \(r)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(s) TO \(r)",
            "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(s) TO \(r)",
            "REVOKE UPDATE, DELETE, TRUNCATE ON \(appendOnly) FROM \(r)",
            "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON \(s).grdb_migrations FROM \(r)",
        ]
    }

    /// Grants `role` the console's rights on the current schema; returns what it may do on the
    /// append-only tables afterwards (read back from the catalogue, not assumed).
    @discardableResult
    static func grant(_ engine: PostgresEngine, role: String) throws -> [String: [String]] {
        guard try engine.scalar(Int64.self, "SELECT count(*) FROM pg_roles WHERE rolname = ?", [.text(role)]) ?? 0 > 0 else {
            throw PostgresSchemaError.noRole(role)
        }
        let schema = try engine.scalar(String.self, "SELECT current_schema()") ?? "public"
        try engine.transaction { pg in
            for statement in grantStatements(role: role, schema: schema) { try pg.execute(statement, []) }
        }
        var rights: [String: [String]] = [:]
        for table in PostgresSchema.appendOnlyTables {
            rights[table] = try ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"].filter { privilege in
                try engine.scalar(Int64.self, "SELECT CASE WHEN has_table_privilege(?, ?, ?) THEN 1 ELSE 0 END",
                                  [.text(role), .text(schema + "." + table), .text(privilege)]) == 1
            }
        }
        return rights
    }
}

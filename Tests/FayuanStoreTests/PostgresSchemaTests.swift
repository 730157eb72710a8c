import Foundation
import GRDB
import Testing
@testable import FayuanStore

/// The PostgreSQL test server: FAYUAN_TEST_POSTGRES (set by scripts/pg-scratch.sh, which `make
/// test` runs). Without it these tests are skipped with a message, unless FAYUAN_REQUIRE_POSTGRES=1
/// (set by pg-scratch too), which makes a missing server a failure.
enum TestPostgres {
    static var url: String? {
        let env = ProcessInfo.processInfo.environment
        return env["FAYUAN_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }
    static var runs: Bool { url != nil || ProcessInfo.processInfo.environment["FAYUAN_REQUIRE_POSTGRES"] == "1" }
    static let skipMessage: Comment = "未设置 FAYUAN_TEST_POSTGRES：跳过 PostgreSQL 测试（scripts/pg-scratch.sh 或 make test 会启动临时 PostgreSQL）"

    /// A connection whose search_path is a fresh schema, dropped by `drop`. Fails the test when
    /// PostgreSQL is required but not given.
    static func connect(user: String? = nil) throws -> PostgresEngine? {
        guard var text = url else {
            Issue.record("FAYUAN_REQUIRE_POSTGRES=1 但没有 FAYUAN_TEST_POSTGRES：PostgreSQL 测试没有运行")
            return nil
        }
        if let user, let range = text.range(of: "postgres://"), let at = text.range(of: "@") {
            text.replaceSubrange(range.upperBound..<at.lowerBound, with: user)
        }
        return try PostgresEngine(try PostgresLocation(text))
    }

    static func freshSchema(_ pg: PostgresEngine) throws -> String {
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try pg.execute("CREATE SCHEMA \(schema)", [])
        try pg.execute("SET search_path TO \(schema)", [])
        return schema
    }

    /// An empty SQLite store migrated the way CaseStore migrates it (with the program's functions).
    static func sqliteStore(_ path: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: path, configuration: CaseStore.configuration(channel: .console))
        try Migrations.migrator.migrate(queue)
        return queue
    }
}

/// One engine's schema as comparable lines: tables with their columns in order, primary keys,
/// unique constraints, foreign keys, the explicitly created indexes with their column lists, views.
struct SchemaShape: Equatable {
    var tables: [String: [String]] = [:]
    var facts: Set<String> = []

    static func of(sqlite db: Database) throws -> SchemaShape {
        var shape = SchemaShape()
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for t in tables {
            shape.tables[t] = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [t])
            let pk = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [t])
            if !pk.isEmpty { shape.facts.insert("pk \(t)(\(pk.joined(separator: ",")))") }
            for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\" AS u, origin, partial FROM pragma_index_list(?)", arguments: [t]) {
                let name: String = index["name"]
                let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
                    .map { ($0["name"] as String?) ?? "<expr>" }.joined(separator: ",")
                switch index["origin"] as String {
                case "u": shape.facts.insert("unique \(t)(\(columns))")
                case "c": shape.facts.insert("index \(name) ON \(t)(\(columns))\((index["u"] as Bool) ? " unique" : "")\((index["partial"] as Bool) ? " partial" : "")")
                default: break
                }
            }
            for fk in try Row.fetchAll(db, sql: "SELECT \"from\" AS col, \"table\" AS target, on_delete FROM pragma_foreign_key_list(?)", arguments: [t]) {
                shape.facts.insert("fk \(t).\(fk["col"] as String) -> \(fk["target"] as String) \(fk["on_delete"] as String)")
            }
        }
        for view in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view'") {
            shape.facts.insert("view \(view)")
        }
        return shape
    }

    static func of(postgres pg: PostgresEngine) throws -> SchemaShape {
        var shape = SchemaShape()
        let tables = try pg.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", [])
            .map { try $0.get(0, as: String.self) }
        for t in tables {
            shape.tables[t] = try pg.rows("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
                                          [.text(t)]).map { try $0.get(0, as: String.self) }
        }
        let constraintColumns = "(SELECT string_agg(CAST(a.attname AS TEXT), ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)"
        for r in try pg.rows("""
            SELECT c.contype, CAST(t.relname AS TEXT) AS tbl, \(constraintColumns) AS cols, CAST(f.relname AS TEXT) AS target,
                   CASE c.confdeltype WHEN 'c' THEN 'CASCADE' ELSE 'NO ACTION' END AS on_delete
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_class f ON f.oid = c.confrelid
            WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f')
            """, []) {
            let t = try r.get("tbl", as: String.self), cols = try r.get("cols", as: String.self)
            switch try r.get("contype", as: String.self) {
            case "p": shape.facts.insert("pk \(t)(\(cols))")
            case "u": shape.facts.insert("unique \(t)(\(cols))")
            default: shape.facts.insert("fk \(t).\(cols) -> \(try r.get("target", as: String.self)) \(try r.get("on_delete", as: String.self))")
            }
        }
        for r in try pg.rows("""
            SELECT CAST(i.relname AS TEXT) AS name, CAST(t.relname AS TEXT) AS tbl,
                   CASE WHEN x.indisunique THEN 1 ELSE 0 END AS u, CASE WHEN x.indpred IS NOT NULL THEN 1 ELSE 0 END AS partial,
                   (SELECT string_agg(coalesce(CAST(a.attname AS TEXT), '<expr>'), ',' ORDER BY k.ord)
                    FROM unnest(CAST(x.indkey AS int2[])) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            """, []) {
            shape.facts.insert("index \(try r.get("name", as: String.self)) ON \(try r.get("tbl", as: String.self))(\(try r.get("cols", as: String.self)))"
                + (try r.get("u", as: Bool.self) ? " unique" : "") + (try r.get("partial", as: Bool.self) ? " partial" : ""))
        }
        for view in try pg.rows("SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()", []) {
            shape.facts.insert("view \(try view.get(0, as: String.self))")
        }
        return shape
    }
}

@Suite(.serialized) struct PostgresSchemaTests {
    @Test("两种引擎的迁移清单相同、顺序相同") func sameIdentifiersInTheSameOrder() {
        #expect(PostgresSchema.identifiers == Migrations.identifiers)
    }

    @Test("空库迁移后：同样的表、列、主键、唯一约束、外键、索引列和视图", .enabled(if: TestPostgres.runs, TestPostgres.skipMessage))
    func emptyStoresHaveTheSameShape() throws {
        let dir = TempDir()
        let queue = try TestPostgres.sqliteStore(dir.file("县中心.db"))
        guard let pg = try TestPostgres.connect() else { return }
        let schema = try TestPostgres.freshSchema(pg)
        defer { _ = try? pg.execute("DROP SCHEMA \(schema) CASCADE", []) }
        let applied = try PostgresMigrations.migrate(pg)
        #expect(applied == Migrations.identifiers)
        #expect(try PostgresMigrations.migrate(pg).isEmpty, "第二次迁移不应再做任何事")
        #expect(try PostgresMigrations.applied(pg).known == Migrations.identifiers)
        let sqliteApplied = try queue.read { db in try Migrations.migrator.appliedIdentifiers(db) }
        #expect(Set(sqliteApplied) == Set(Migrations.identifiers))

        let lite = try queue.read { db in try SchemaShape.of(sqlite: db) }
        let post = try SchemaShape.of(postgres: pg)
        #expect(lite.tables.keys.sorted() == post.tables.keys.sorted())
        for (table, columns) in lite.tables {
            #expect(post.tables[table] == columns, "表 \(table) 的列不同")
        }
        #expect(lite.facts.subtracting(post.facts).sorted() == [], "只在 SQLite 上有")
        #expect(post.facts.subtracting(lite.facts).sorted() == [], "只在 PostgreSQL 上有")
        #expect(lite.facts.count > 100)
    }

    /// The same statements on both engines: the append-only guards refuse the same things, the
    /// subsidy ledger guard too, counters count alike, and the triggers leave the same case seals
    /// and the same report tally (also after a statement that inserts several groups at once).
    @Test("触发器行为相同：只追加表、补贴核定、计数器、案件封印、报表累计", .enabled(if: TestPostgres.runs, TestPostgres.skipMessage))
    func triggersBehaveTheSame() throws {
        let dir = TempDir()
        let queue = try TestPostgres.sqliteStore(dir.file("乡镇站.db"))
        guard let pg = try TestPostgres.connect() else { return }
        let schema = try TestPostgres.freshSchema(pg)
        defer { _ = try? pg.execute("DROP SCHEMA \(schema) CASCADE", []) }
        try PostgresMigrations.migrate(pg)
        try pg.execute("SELECT set_config('fayuan.channel', 'console', false)", [])

        var outcomes: [String: [String]] = [:]
        var states: [String: [[SQLRow]]] = [:]
        func script(_ name: String, _ s: SQLSession) throws {
            var seen: [String] = []
            func probe(_ sql: String) {
                do { try s.execute(sql, []); seen.append("允许") } catch { seen.append("拒绝") }
            }
            let t = "2026-06-08T09:00:00.000Z"
            try s.execute("INSERT INTO setting(key, value) VALUES ('store.secret', '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')", [])
            try s.execute("INSERT INTO station(id, code, name, kind, created_at) VALUES (1, '140525000', '泽州县公共法律服务中心', 'county_centre', ?)", [.text(t)])
            try s.execute("INSERT INTO station(id, code, name, kind, parent_id, created_at) VALUES (2, '140525100', '南村镇工作站', 'township', 1, ?)", [.text(t)])
            try s.execute("INSERT INTO operator(id, name, role, station_id, created_at) VALUES (1, '窗口王丽', 'window_clerk', 1, ?)", [.text(t)])
            try s.execute("INSERT INTO provider(id, name, kind, created_at) VALUES (1, '李律师', 'lawyer', ?)", [.text(t)])
            for (id, name) in [(1, "王桂英"), (2, "赵大爷")] {
                try s.execute("INSERT INTO applicant(id, name, created_at, updated_at) VALUES (?, ?, ?, ?)", [.integer(Int64(id)), .text(name), .text(t), .text(t)])
            }
            try s.execute("""
                INSERT INTO aid_case(id, centre_id, station_id, applicant_id, kind, cause, step, applied_on, accepted_on, decided_on,
                    assigned_on, closed_on, created_at, updated_at, case_number, provider_id)
                VALUES (1, 1, 2, 1, 'civil', 'labour_pay', 'closed', '2026-03-02', '2026-03-02', '2026-03-06', '2026-03-09', '2026-05-20', ?, ?, '〔2026〕民援字第0001号', 1)
                """, [.text(t), .text(t)])
            try s.execute("""
                INSERT INTO aid_case(id, centre_id, station_id, applicant_id, kind, cause, step, applied_on, accepted_on, created_at, updated_at)
                VALUES (2, 1, 2, 1, 'civil', 'marriage', 'accepted', '2026-04-01', '2026-04-02', ?, ?)
                """, [.text(t), .text(t)])
            try s.execute("INSERT INTO case_event(id, case_id, at, kind, note) VALUES (1, 1, ?, 'accepted', '受理：欠薪')", [.text(t)])
            try s.execute("INSERT INTO audit_log(id, at, action, entity, entity_id, prev_hash, hash, channel) VALUES (1, ?, 'create', 'aid_case', '1', '0', 'h', 'console')", [.text(t)])
            // Several groups of one person in one statement.
            try s.execute("INSERT INTO applicant_group(applicant_id, code) SELECT 1, code FROM (SELECT 'elderly' AS code UNION ALL SELECT 'low_income') g", [])
            try s.execute("INSERT INTO return_visit(case_id, at, method, phase, note) VALUES (1, '2026-05-25', 'phone', 'after', '满意')", [])
            try s.execute("INSERT INTO return_visit(case_id, at, method, phase, note) VALUES (1, '2026-05-26', 'visit', 'after', '再访')", [])
            try s.execute("INSERT INTO quality_review(case_id, at, kind, result) VALUES (1, '2026-05-28', 'peer', 'good')", [])
            try s.execute("UPDATE aid_case SET step = 'archived', archived_on = '2026-06-01' WHERE id = 1", [])
            try s.execute("UPDATE aid_case SET step = 'granted', decided_on = '2026-04-05', station_id = 1 WHERE id = 2", [])
            try s.execute("INSERT INTO consultation(station_id, channel, topic, day, created_at, satisfaction) VALUES (2, 'window', '劳动争议', '2026-06-08', ?, 'satisfied')", [.text(t)])
            try s.execute("UPDATE consultation SET satisfaction = 'dissatisfied'", [])
            try s.execute("DELETE FROM applicant_group WHERE code = 'elderly'", [])
            try s.execute("DELETE FROM return_visit WHERE note = '满意'", [])
            // Append-only and ledger guards.
            probe("UPDATE case_event SET note = '改过' WHERE id = 1")
            probe("UPDATE audit_log SET detail = '改过' WHERE id = 1")
            probe("DELETE FROM audit_log WHERE id = 1")
            try s.execute("INSERT INTO subsidy(id, provider_id, month, kind, case_id, amount_fen, status) VALUES (1, 1, '2026-05', 'case', 1, 100000, 'approved')", [])
            probe("UPDATE subsidy SET amount_fen = 1 WHERE id = 1")
            probe("DELETE FROM subsidy WHERE id = 1")
            probe("UPDATE subsidy SET status = 'paid', paid_at = '2026-06-08' WHERE id = 1")
            probe("UPDATE subsidy SET status = 'pending' WHERE id = 1")
            // Gapless counters. PostgreSQL needs the table-qualified `counter.value` (a bare `value`
            // is ambiguous there with excluded.value); SQLite accepts the same text.
            for _ in 0..<3 {
                let v = try s.scalar(Int64.self, "INSERT INTO counter(scope, period, value) VALUES ('ticket:2', '2026-06-08', 1) ON CONFLICT(scope, period) DO UPDATE SET value = counter.value + 1 RETURNING value")
                seen.append("计数\(v ?? -1)")
            }
            outcomes[name] = seen
            states[name] = [
                try s.rows("SELECT month, station_id, measure, key, n FROM report_tally WHERE n <> 0 ORDER BY month, station_id, measure, key", []),
                try s.rows("SELECT case_id, digest FROM case_seal ORDER BY case_id", []),
                try s.rows("SELECT id, note FROM case_event ORDER BY id", []),
            ]
        }
        try queue.inDatabase { db in try script("SQLite", SQLiteSession(db)) }
        try script("PostgreSQL", pg)
        #expect(outcomes["SQLite"] == ["拒绝", "拒绝", "拒绝", "拒绝", "拒绝", "允许", "拒绝", "计数1", "计数2", "计数3"])
        #expect(outcomes["PostgreSQL"] == outcomes["SQLite"])
        #expect(states["PostgreSQL"]?[0] == states["SQLite"]?[0], "报表累计不同")
        #expect(states["PostgreSQL"]?[1] == states["SQLite"]?[1], "案件封印不同")
        #expect(states["PostgreSQL"]?[2] == states["SQLite"]?[2])
        #expect((states["SQLite"]?[0].count ?? 0) > 8)
        // The tally kept by the triggers equals one computed afresh from the view.
        let fresh = try pg.rows("""
            SELECT month, station_id, measure, key, CAST(sum(n) AS BIGINT) AS n FROM (SELECT month, station_id, measure, key, n FROM report_case_tally
                UNION ALL SELECT month, station_id, measure, key, n FROM report_consultation_tally) t
            GROUP BY month, station_id, measure, key HAVING sum(n) <> 0 ORDER BY month, station_id, measure, key
            """, [])
        #expect(fresh == states["PostgreSQL"]?[0])
    }

    @Test("未声明渠道的会话（如 psql）不能写案件；控制台角色不能改删时间线与审计日志", .enabled(if: TestPostgres.runs, TestPostgres.skipMessage))
    func casesNeedTheProgramAndTheConsoleRoleCannotRewriteHistory() throws {
        guard let owner = try TestPostgres.connect() else { return }
        let schema = try TestPostgres.freshSchema(owner)
        let role = "fayuan_console_" + schema
        defer {
            _ = try? owner.execute("DROP SCHEMA \(schema) CASCADE", [])
            _ = try? owner.execute("DROP OWNED BY \(role)", [])
            _ = try? owner.execute("DROP ROLE IF EXISTS \(role)", [])
        }
        try PostgresMigrations.migrate(owner)
        let t = "2026-06-08T09:00:00.000Z"
        try owner.execute("INSERT INTO setting(key, value) VALUES ('store.secret', '秘密secret')", [])
        try owner.execute("INSERT INTO station(code, name, kind, created_at) VALUES ('140525000', '泽州县公共法律服务中心', 'county_centre', ?)", [.text(t)])
        try owner.execute("INSERT INTO applicant(name, created_at, updated_at) VALUES ('王桂英', ?, ?)", [.text(t), .text(t)])
        let insertCase = "INSERT INTO aid_case(centre_id, applicant_id, kind, cause, step, applied_on, created_at, updated_at) VALUES (1, 1, 'civil', '欠薪', 'applied', '2026-06-08', '\(t)', '\(t)')"
        #expect(throws: SQLEngineError.self) { try owner.execute(insertCase, []) }
        do { try owner.execute(insertCase, []) } catch let e as SQLEngineError { #expect(e.description.contains("法援程序")) }
        #expect(try owner.scalar(Int64.self, "SELECT fayuan_channel() IS NULL") == 1)
        try owner.execute("SELECT set_config('fayuan.channel', 'command_line', false)", [])
        #expect(try owner.scalar(String.self, "SELECT fayuan_channel()") == "command_line")
        let caseID = try owner.insertReturningID(insertCase, [])
        #expect(try owner.scalar(Int64.self, "SELECT count(*) FROM case_seal") == 1)
        try owner.execute("INSERT INTO case_event(case_id, at, kind) VALUES (?, ?, 'applied')", [.integer(caseID), .text(t)])
        try owner.execute("INSERT INTO audit_log(id, at, action, entity, entity_id, prev_hash, hash) VALUES (1, ?, 'create', 'aid_case', '1', '0', 'h')", [.text(t)])
        #expect(throws: SQLEngineError.self) { try owner.execute("TRUNCATE audit_log", []) }

        try owner.execute("CREATE ROLE \(role) LOGIN", [])
        let rights = try PostgresRoles.grant(owner, role: role)
        #expect(rights["audit_log"] == ["SELECT", "INSERT"] && rights["case_event"] == ["SELECT", "INSERT"])
        guard let console = try TestPostgres.connect(user: role) else { return }
        try console.execute("SET search_path TO \(schema)", [])
        try console.execute("SELECT set_config('fayuan.channel', 'console', false)", [])
        try console.execute("INSERT INTO case_event(case_id, at, kind, note) VALUES (?, ?, 'note', '补充说明')", [.integer(caseID), .text(t)])
        #expect(try console.execute("UPDATE aid_case SET step = 'accepted', accepted_on = '2026-06-08' WHERE id = ?", [.integer(caseID)]) == 1)
        for sql in ["UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log", "DELETE FROM case_event", "TRUNCATE case_event",
                    "DROP TRIGGER audit_log_no_update ON audit_log", "ALTER TABLE audit_log DISABLE TRIGGER USER",
                    "INSERT INTO grdb_migrations(identifier) VALUES ('v99-假的')"] {
            do {
                try console.execute(sql, [])
                Issue.record("控制台角色竟然可以执行：\(sql)")
            } catch let e as SQLEngineError {
                guard case .statement(_, let state, _) = e else { Issue.record("\(e)"); continue }
                #expect(state == "42501", "\(sql)：\(e)")
            }
        }
        #expect(try console.scalar(Int64.self, "SELECT count(*) FROM case_event") == 2)
    }
}

import Foundation
import GRDB
import Testing
@testable import FayuanStore

/// Issue 25's engine layer: the same statements, written once with `?` placeholders, give the
/// same answers on SQLite and on PostgreSQL; the named dialect differences are each exercised.
/// PostgreSQL runs when FAYUAN_TEST_POSTGRES names a server (`make test` starts a throw-away one
/// with scripts/pg-scratch.sh and sets FAYUAN_REQUIRE_POSTGRES=1, so a missing server fails there).
@Suite struct EngineTests {
    // MARK: pure dialect rewriting

    @Test func placeholdersBecomeNumberedOnPostgresOnly() {
        let sql = "SELECT * FROM applicant WHERE name = ? AND note = '为什么?' AND id > ? -- 备注?\n AND \"列?\" = ? /* ? */ AND x = ?"
        #expect(SQLDialect.sqlite.prepare(sql) == sql)
        #expect(SQLDialect.postgres.prepare(sql)
            == "SELECT * FROM applicant WHERE name = $1 AND note = '为什么?' AND id > $2 -- 备注?\n AND \"列?\" = $3 /* ? */ AND x = $4")
        #expect(SQLDialect.postgres.prepare("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', $1")
    }

    @Test func locationsAreParsedAndBadOnesNamed() throws {
        let l = try PostgresLocation("postgres://fayuan:秘密@db.example.cn:6543/jincheng?sslmode=require")
        #expect(l.user == "fayuan" && l.password == "秘密" && l.host == "db.example.cn" && l.port == 6543)
        #expect(l.database == "jincheng" && l.tls == .require && !l.display.contains("秘密"))
        let socket = try PostgresLocation("postgres://fayuan@localhost/fayuan?host=/run/postgresql")
        #expect(socket.socketDirectory == "/run/postgresql" && socket.tls == .disable)
        #expect(throws: SQLEngineError.self) { try PostgresLocation("postgres://fayuan@host") }
        #expect(throws: SQLEngineError.self) { try PostgresLocation("postgres://u@h/db?sslmode=当然") }
        #expect(!PostgresLocation.isPostgres("/var/lib/fayuan/泽州.db"))
    }

    // MARK: both engines

    /// Runs `body` once per engine this run can reach, each in a fresh namespace.
    static func onEachEngine(_ body: (String, SQLSession) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "/fayuan-engine-" + UUID().uuidString + ".db"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in try body("SQLite", SQLiteSession(db)) }
        let env = ProcessInfo.processInfo.environment
        if let url = env["FAYUAN_TEST_POSTGRES"], !url.isEmpty {
            let pg = try PostgresEngine(try PostgresLocation(url))
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            try pg.execute("CREATE SCHEMA \(schema)", [])
            try pg.execute("SET search_path TO \(schema)", [])
            defer { _ = try? pg.execute("DROP SCHEMA \(schema) CASCADE", []) }
            try body("PostgreSQL", pg)
        } else if env["FAYUAN_REQUIRE_POSTGRES"] == "1" {
            Issue.record("FAYUAN_REQUIRE_POSTGRES=1 但没有 FAYUAN_TEST_POSTGRES：PostgreSQL 测试没有运行")
        }
    }

    @Test func sameStatementsSameAnswers() throws {
        var answers: [String: [String]] = [:]
        try Self.onEachEngine { name, s in
            try s.execute("CREATE TABLE applicant (id \(s.dialect.autoIncrementPrimaryKey), name TEXT NOT NULL, id_number TEXT UNIQUE, income INTEGER, score REAL, seal BLOB)".replacingOccurrences(of: "BLOB", with: s.dialect == .postgres ? "BYTEA" : "BLOB"), [])
            let a = try s.insertReturningID("INSERT INTO applicant (name, id_number, income, score, seal) VALUES (?, ?, ?, ?, ?)",
                                            [.text("王桂英"), .text("140525195003150021"), .integer(1200), .real(0.5), .blob([0, 1, 0xFE])])
            let b = try s.insertReturningID("INSERT INTO applicant (name, id_number, income) VALUES (?, ?, ?)",
                                            [.text("赵大爷"), .null, .integer(3000)])
            #expect(a == 1 && b == 2, "\(name)")
            // OR IGNORE / ON CONFLICT DO NOTHING
            let d = s.dialect
            let changed = try s.execute("\(d.insertIgnoringPrefix) applicant (name, id_number) VALUES (?, ?)\(d.insertIgnoringSuffix)",
                                        [.text("重复"), .text("140525195003150021")])
            #expect(changed == 0, "\(name)")
            let rows = try s.rows("SELECT id, name, id_number, income, score, seal FROM applicant WHERE income >= ? ORDER BY id", [.integer(1000)])
            #expect(try rows[0].get("name", as: String.self) == "王桂英")
            #expect(try rows[0].get("seal", as: Data.self) == Data([0, 1, 0xFE]))
            #expect(rows[1].value("id_number") == .null)
            #expect((rows[1]["id_number"] as String?) == nil)
            #expect(try rows[0].get("score", as: Double.self) == 0.5)
            let names = try s.scalar(String.self, "SELECT \(d.stringAggregate("name", separator: "、")) FROM (SELECT name FROM applicant ORDER BY id) x")
            // Text bound to an integer column and an integer bound to a text comparison both work.
            let byText = try s.scalar(Int64.self, "SELECT count(*) FROM applicant WHERE income > ?", [.text("1500")])
            let days = try s.scalar(Int64.self, "SELECT \(d.daysBetween("?", "?"))", [.text("2025-09-27"), .text("2025-10-09T08:00:00Z")])
            let later = try s.scalar(String.self, "SELECT \(d.addDays("?", "?"))", [.text("2025-04-29"), .integer(7)])
            answers[name] = [names ?? "", String(byText ?? -1), String(days ?? -1), later ?? ""]
            #expect(answers[name] == ["王桂英、赵大爷", "1", "12", "2025-05-06"], "\(name)")
        }
        if answers.count == 2 { #expect(answers["SQLite"] == answers["PostgreSQL"]) }
    }

    @Test func appendOnlyTablesRefuseChangesOnBothEngines() throws {
        try Self.onEachEngine { name, s in
            try s.execute("CREATE TABLE case_event (id \(s.dialect.autoIncrementPrimaryKey), what TEXT)", [])
            for statement in s.dialect.appendOnlyGuard(table: "case_event", message: "办理记录只能追加") {
                try s.execute(statement, [])
            }
            try s.execute("INSERT INTO case_event (what) VALUES (?)", [.text("受理")])
            var refused = 0
            for change in ["UPDATE case_event SET what = '改写'", "DELETE FROM case_event"] {
                do { try s.execute(change, []) } catch { refused += 1; #expect("\(error)".contains("办理记录只能追加"), "\(name): \(error)") }
            }
            #expect(refused == 2, "\(name)")
            #expect(try s.scalar(String.self, "SELECT what FROM case_event") == "受理")
        }
    }

    @Test func postgresTransactionsRollBackWhole() throws {
        try Self.onEachEngine { _, s in
            guard let pg = s as? PostgresEngine else { return }
            try pg.execute("CREATE TABLE ticket (station TEXT, number INTEGER, UNIQUE (station, number))", [])
            _ = try pg.transaction { t in try t.execute("INSERT INTO ticket VALUES (?, ?)", [.text("泽州"), .integer(1)]) }
            #expect(throws: SQLEngineError.self) {
                try pg.transaction { t in
                    try t.execute("INSERT INTO ticket VALUES (?, ?)", [.text("泽州"), .integer(2)])
                    try t.execute("INSERT INTO ticket VALUES (?, ?)", [.text("泽州"), .integer(1)])   // duplicate
                }
            }
            #expect(try pg.scalar(Int64.self, "SELECT count(*) FROM ticket") == 1)
            do { try pg.execute("INSERT INTO ticket VALUES (?, ?)", [.text("泽州"), .integer(1)]) } catch let e as SQLEngineError {
                #expect(e.isUniqueViolation)
            }
        }
    }
}

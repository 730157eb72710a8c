import Foundation
import GRDB
import Testing
@testable import FayuanStore

/// `fayuan store migrate` between a seeded SQLite store (Chinese names, every table filled by the
/// seeder) and PostgreSQL, and back to a new SQLite file: the same rows table by table; a failure
/// midway leaves the target without a row; a non-empty target is refused.
@Suite(.serialized) struct StoreMigrateTests {
    /// A new database on the test server (migrate works on a whole database), dropped afterwards.
    static func withDatabase(_ body: (String) throws -> Void) throws {
        guard let admin = try TestPostgres.connect(), let url = TestPostgres.url else { return }
        let name = "fayuan_mig_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        try admin.execute("CREATE DATABASE \(name)", [])
        defer { _ = try? admin.execute("DROP DATABASE \(name) WITH (FORCE)", []) }
        var components = URLComponents(string: url)!
        components.path = "/" + name
        try body(components.string!)
    }

    static func seededStore(_ dir: borrowing TempDir) throws -> String {
        let path = dir.file("泽州县法援.db")
        let store = try openStore(path)
        _ = try store.seed(SeedOptions(persons: 300, cases: 240, consultations: 120, seed: 11))
        let centre = try store.stations().first!
        _ = try store.addStation(Station(code: "140525990", name: "南岭村法律服务联络点", kind: .workstation, parentID: centre.id), by: nil)
        try store.close()
        return path
    }

    /// Every table's rows, in key order, as values.
    static func contents(_ path: String) throws -> [String: [[SQLValue]]] {
        let queue = try DatabaseQueue(path: path, configuration: CaseStore.configuration(channel: .console))
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: [[SQLValue]]] = [:]
            for spec in try StoreMigrate.tableSpecs(sqlite: db) {
                out[spec.name] = try SQLiteSession(db).rows("SELECT * FROM \"\(spec.name)\" ORDER BY \(spec.key.joined(separator: ", "))", []).map(\.values)
            }
            return out
        }
    }

    @Test("示例库 → PostgreSQL → 新的 SQLite 文件：逐表逐行相同，审计链与封印到达后重新验证", .enabled(if: TestPostgres.runs, TestPostgres.skipMessage))
    func roundTripKeepsEveryRow() throws {
        let dir = TempDir()
        let source = try Self.seededStore(dir)
        try Self.withDatabase { url in
            let there = try CaseStore.migrateStore(from: StoreLocation(path: source), to: StoreLocation(path: url))
            #expect(there.direction == "sqlite→postgresql" && there.auditChainVerified)
            #expect(there.auditEntries > 0 && there.caseSealsVerified == 240)
            #expect(there.tables.first { $0.table == "applicant" }?.rows == 300)
            #expect(there.tables.first?.table == "setting")
            #expect(there.tables.map(\.table).suffix(2) == ["case_seal", "report_tally"])

            // Identity sequences continue after the copied ids; names arrived intact.
            let pg = try PostgresEngine(try PostgresLocation(url))
            try pg.execute("SELECT set_config('fayuan.channel', 'console', false)", [])
            let next = try pg.insertReturningID("INSERT INTO station(code, name, kind, created_at) VALUES ('140525199', '测试站', 'workstation', '2026-06-08')", [])
            let maxBefore = try pg.scalar(Int64.self, "SELECT max(id) FROM station WHERE id <> ?", [.integer(next)]) ?? 0
            #expect(next == maxBefore + 1)
            try pg.execute("DELETE FROM station WHERE id = ?", [.integer(next)])
            #expect(try pg.scalar(String.self, "SELECT name FROM station WHERE code = '140525990'") == "南岭村法律服务联络点")

            // A second migration into the same (now non-empty) database is refused.
            #expect(throws: StoreError.self) { try CaseStore.migrateStore(from: StoreLocation(path: source), to: StoreLocation(path: url)) }

            let back = dir.file("导出/回程.db")
            let home = try CaseStore.migrateStore(from: StoreLocation(path: url), to: StoreLocation(path: back))
            #expect(home.direction == "postgresql→sqlite" && home.rows == there.rows && home.auditHead == there.auditHead)
            let before = try Self.contents(source), after = try Self.contents(back)
            #expect(before.keys.sorted() == after.keys.sorted())
            for table in before.keys.sorted() {
                #expect(before[table] == after[table], "表 \(table) 的数据不同")
            }
            #expect((after["station"] ?? []).contains { $0.contains(.text("南岭村法律服务联络点")) })
            // The copy is a working store: it opens, and audit verify passes.
            let store = try openStore(back)
            #expect(try store.verifyAuditChain() == nil)
            try store.close()
        }
    }

    @Test("中途失败：PostgreSQL 目标一行不留，SQLite 目标文件不留下", .enabled(if: TestPostgres.runs, TestPostgres.skipMessage))
    func aFailureMidwayLeavesTheTargetEmpty() throws {
        let dir = TempDir()
        let source = try Self.seededStore(dir)
        try Self.withDatabase { url in
            StoreMigrate.failAfterTable = "aid_case"
            defer { StoreMigrate.failAfterTable = nil }
            #expect(throws: StoreError.self) { try CaseStore.migrateStore(from: StoreLocation(path: source), to: StoreLocation(path: url)) }
            let pg = try PostgresEngine(try PostgresLocation(url))
            let tables = try pg.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'grdb_migrations'", [])
                .map { try $0.get(0, as: String.self) }
            #expect(tables.count > 30)
            for table in tables {
                #expect(try pg.scalar(Int64.self, "SELECT count(*) FROM \(table)") == 0, "表 \(table) 留下了数据")
            }
            // With the hook cleared the same target accepts the whole store.
            StoreMigrate.failAfterTable = nil
            let report = try CaseStore.migrateStore(from: StoreLocation(path: source), to: StoreLocation(path: url))
            #expect(report.rows > 1000)

            StoreMigrate.failAfterTable = "consultation"
            let back = dir.file("失败的导出.db")
            #expect(throws: StoreError.self) { try CaseStore.migrateStore(from: StoreLocation(path: url), to: StoreLocation(path: back)) }
            #expect(!FileManager.default.fileExists(atPath: back))
        }
    }

    @Test("两端同为文件或地址无效：拒绝并指明参数") func badPairsAreRefused() throws {
        let dir = TempDir()
        do {
            _ = try CaseStore.migrateStore(from: StoreLocation(path: dir.file("甲.db")), to: StoreLocation(path: dir.file("乙.db")))
            Issue.record("两端都是文件却没有拒绝")
        } catch let StoreError.invalidInput(field, message) {
            #expect(field == "--to" && message.contains("fayuan backup"))
        }
        do {
            _ = try CaseStore.migrateStore(from: StoreLocation(path: "postgres://fayuan@主机"), to: StoreLocation(path: dir.file("乙.db")))
            Issue.record("无效地址却没有拒绝")
        } catch let StoreError.invalidInput(field, _) {
            #expect(field == "--from")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("乙.db")))
    }
}

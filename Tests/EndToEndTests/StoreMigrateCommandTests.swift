import Foundation
import Testing

/// `fayuan store migrate` as a user runs it: only an administrator of the SQLite store may take the
/// whole store out (exit 4 otherwise, nothing created); with PostgreSQL (FAYUAN_TEST_POSTGRES) the
/// copy there and back prints a Chinese summary on stderr and the JSON report on stdout.
@Suite(.serialized) struct StoreMigrateCommandTests {
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-migrate-\(getpid())-\(Int.random(in: 0...999_999))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func onlyAnAdministratorMayTakeTheStoreOut() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/泽州.db"
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        try addOperator(db: db, name: "窗口李文", role: "window_clerk", pin: "135790")
        #expect(try runFayuan(["seed", "--db", db, "--persons", "20", "--cases", "5"]).status == 0)
        let target = dir + "/导出.db"
        let anonymous = try runFayuan(["store", "migrate", "--from", db, "--to", target])
        #expect(anonymous.status == 4 && anonymous.stdout.isEmpty, "\(anonymous.stderr)")
        let clerk = try runFayuan(as: "窗口李文", pin: "135790", ["store", "migrate", "--from", db, "--to", target])
        #expect(clerk.status == 4, "\(clerk.stderr)")
        let both = try runFayuan(as: "张敏", pin: "246810", ["store", "migrate", "--from", db, "--to", target])
        #expect(both.status == 2 && both.stderr.contains("--to") && both.stderr.contains("fayuan backup"), "\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    static let env = ProcessInfo.processInfo.environment

    @Test(.enabled(if: env["FAYUAN_TEST_POSTGRES"] != nil || env["FAYUAN_REQUIRE_POSTGRES"] == "1",
                   "未设置 FAYUAN_TEST_POSTGRES：跳过 PostgreSQL 迁移命令测试（scripts/pg-scratch.sh 或 make test 会启动临时 PostgreSQL）"))
    func thereAndBackAgain() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/泽州.db"
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        #expect(try runFayuan(["seed", "--db", db, "--persons", "40", "--cases", "12"]).status == 0)
        // A database of its own on the test server.
        guard let url = Self.env["FAYUAN_TEST_POSTGRES"] else {
            Issue.record("FAYUAN_REQUIRE_POSTGRES=1 但没有 FAYUAN_TEST_POSTGRES：PostgreSQL 测试没有运行")
            return
        }
        var components = URLComponents(string: url)!
        let name = "fayuan_cli_\(getpid())_\(Int.random(in: 0...999_999))"
        let admin = try spawn(["psql", url, "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"])
        #expect(admin.status == 0, "\(admin.stderr)")
        defer { _ = try? spawn(["psql", url, "-c", "DROP DATABASE \(name) WITH (FORCE)"]) }
        components.path = "/" + name
        let target = components.string!

        let there = try runFayuan(as: "张敏", pin: "246810", ["store", "migrate", "--from", db, "--to", target])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stderr.contains("迁移完成") && there.stderr.contains("逐表行数一致"), "\(there.stderr)")
        #expect(there.stdout.contains("\"audit_chain_verified\" : true") && there.stdout.contains("\"direction\" : \"sqlite→postgresql\""))
        let again = try runFayuan(as: "张敏", pin: "246810", ["store", "migrate", "--from", db, "--to", target])
        #expect(again.status == 2 && again.stderr.contains("只能迁移到空库"), "\(again.stderr)")
        let back = try runFayuan(["store", "migrate", "--from", target, "--to", dir + "/回程.db"])
        #expect(back.status == 0 && back.stdout.contains("\"direction\" : \"postgresql→sqlite\""), "\(back.stderr)")
        let info = try runFayuan(["store", "info", "--db", dir + "/回程.db"])
        #expect(info.status == 0 && info.stderr.contains("已是最新"), "\(info.stderr)")
        // The source records that the whole store was taken, by whom.
        let verify = try runFayuan(["audit", "verify", "--db", db])
        #expect(verify.status == 0, "\(verify.stderr)")
    }
}

import Crypto
import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Issue 17, finding 2: the command line proves an operator (PIN from the terminal or stdin, or a
/// per-operator token), with the console's lockout; refusals exit 4; no secret on argv; the audit
/// records the command-line channel. Finding 9: exit codes instead of crashes, read-only opens.
@Suite(.serialized) struct CommandLineIdentityTests {
    final class Setup {
        let dir = TempDir()
        let binary: String
        var db: String { dir.file("身份.db") }
        var adminID: Int64 = 0
        var reviewerID: Int64 = 0
        var clerkID: Int64 = 0

        init?() throws {
            guard FayuanBinary.locate() != nil else { return nil }
            binary = FayuanBinary.locate()!
            let store = try openStore(dir.file("身份.db"))
            adminID = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000).id!
            reviewerID = try store.createOperator(name: "孙丽", role: .reviewer, pin: "135790", by: .commandLine, kdfRounds: 1000).id!
            clerkID = try store.createOperator(name: "王丽", role: .windowClerk, pin: "482615", by: .commandLine, kdfRounds: 1000).id!
            try store.close()
        }

        func run(_ args: [String], stdin: String? = nil, env: [String: String]? = nil) throws -> FayuanBinary.Run {
            try FayuanBinary.runToEnd(binary, args, in: dir.path, stdin: stdin, environment: env)
        }

        func runAs(_ name: String, _ pin: String, _ args: [String], more: String = "") throws -> FayuanBinary.Run {
            try FayuanBinary.runAs(binary, name, pin: pin, args, in: dir.path, moreStdin: more)
        }

        func store() throws -> CaseStore { try openStore(db) }
        /// On the real clock, as the binary is (a lock made on the tests' fixed clock has long expired).
        func liveStore() throws -> CaseStore { try CaseStore.open(StoreLocation(path: db)) }
    }

    static func binaryMissing() {
        Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
    }

    @Test func wrongPINIsRefusedCountsTowardsLockoutAndLocksOut() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        for attempt in 1...4 {
            let r = try s.runAs("孙丽", "000000", ["search", "--db", s.db, "张三"])
            #expect(r.status == 4, "错误 PIN 应以 4 拒绝：\(r.stderr)")
            #expect(r.stderr.contains("PIN 不正确，还可再试 \(5 - attempt) 次"), "\(r.stderr)")
        }
        let fifth = try s.runAs("孙丽", "000000", ["search", "--db", s.db, "张三"])
        #expect(fifth.status == 4 && fifth.stderr.contains("已锁定"), "\(fifth.stderr)")
        // Locked out: even the right PIN is refused, for reading and for writing.
        let right = try s.runAs("孙丽", "135790", ["case", "list", "--db", s.db])
        #expect(right.status == 4, "锁定的审查人员应被拒绝：\(right.stderr)")
        #expect(right.stderr.contains("已锁定"))
        let store = try s.store()
        let op = try #require(try store.operatorRecord(id: s.reviewerID))
        #expect(op.failedAttempts == 5 && op.lockedUntil != nil)
        let entries = try store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT action, channel FROM audit_log WHERE operator_id = ? AND action LIKE 'login%' ORDER BY id",
                             arguments: [s.reviewerID])
        }
        #expect(entries.map { $0["action"] as String } == ["login_failed", "login_failed", "login_failed", "login_failed",
                                                           "login_locked", "login_refused"])
        #expect(entries.allSatisfy { ($0["channel"] as String?) == "command_line" })
        try store.close()
        // An operator locked at the console is refused on the command line too (and the reverse
        // holds by construction: one counter).
        let clerkStore = try s.liveStore()
        for _ in 0..<5 { _ = try clerkStore.login(operatorID: s.clerkID, pin: "111111") }
        try clerkStore.close()
        let clerk = try s.runAs("王丽", "482615", ["queue", "list", "--db", s.db, "--station", "140525000"])
        #expect(clerk.status == 4 && clerk.stderr.contains("已锁定"), "\(clerk.stderr)")
    }

    @Test func aPINOnArgvIsRefusedAndNothingIsWritten() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        let fresh = s.dir.file("新库.db")
        for args in [["user", "add", "--db", fresh, "--name", "赵强", "--role", "admin", "--pin", "246810"],
                     ["user", "reset-pin", "孙丽", "--db", s.db, "--pin=975318", "--operator", "张敏"],
                     ["search", "--db", s.db, "张三", "--operator", "张敏", "--pin", "246810"]] {
            let r = try s.run(args, stdin: "246810\n975318\n")
            #expect(r.status == 2, "\(args)：\(r.stderr)")
            #expect(r.stderr.contains("PIN 不能写在命令行上"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: fresh))
        let store = try s.store()
        #expect(try store.operatorRecord(id: s.reviewerID)?.failedAttempts == 0)
        try store.close()
    }

    @Test func withoutIdentityNothingThatWritesOrRevealsRuns() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        let csv = s.dir.file("站点.csv")
        try "code,name,kind,created_at\n140525000,泽州县公共法律服务中心,county_centre,2026-01-01T00:00:00.000Z\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let before = try s.store().auditCount()
        let commands: [[String]] = [
            ["report", "monthly", "--db", s.db, "--period", "2026-05"],
            ["report", "cases", "--db", s.db, "--period", "2026", "--format", "json", "--clear-id-numbers"],
            ["user", "reset-pin", "孙丽", "--db", s.db],
            ["user", "list", "--db", s.db],
            ["import", "--db", s.db, "station", csv],
            ["provider", "set", "1", "--db", s.db, "--years", "5"],
            ["export", "--db", s.db, "--out", s.dir.file("导出"), "--clear-id-numbers"],
            ["backup", "--db", s.db, s.dir.file("备份.db")],
            ["search", "--db", s.db, "张三"],
            ["case", "list", "--db", s.db],
        ]
        for args in commands {
            let r = try s.run(args, stdin: "975318\n")
            #expect(r.status == 4, "\(args.prefix(2))：没有身份应以 4 拒绝，实际 \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("须证明操作员身份"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: s.dir.file("备份.db")))
        let store = try s.store()
        #expect(try store.auditCount() == before)
        #expect(try store.stations().isEmpty, "未经身份验证的导入不得写入")
        try store.close()
    }

    @Test func rolesComeOnlyFromTheProvenOperator() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        // A clerk may not back up, export, import, manage operators or see reports.
        for args in [["backup", "--db", s.db, s.dir.file("备份.db")],
                     ["export", "--db", s.db, "--out", s.dir.file("导出")],
                     ["user", "list", "--db", s.db],
                     ["report", "monthly", "--db", s.db, "--period", "2026-05"]] {
            let r = try s.runAs("王丽", "482615", args)
            #expect(r.status == 4, "\(args.prefix(2))：\(r.stderr)")
            #expect(r.stderr.contains("无权操作：窗口工作人员不能"), "\(r.stderr)")
        }
        // A reviewer may report; the reviewer's role, not an administrator's, is what is applied.
        let report = try s.runAs("孙丽", "135790", ["report", "monthly", "--db", s.db, "--period", "2026-05"])
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test func commandLineWritesAreAuditedWithTheirChannel() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        let added = try s.runAs("张敏", "246810", ["user", "add", "--db", s.db, "--name", "李娜", "--role", "window_clerk", "--kdf-rounds", "1000"],
                                more: "975318\n")
        #expect(added.status == 0, "\(added.stderr)")
        let reset = try s.runAs("张敏", "246810", ["user", "reset-pin", "孙丽", "--db", s.db, "--kdf-rounds", "1000"], more: "975310\n")
        #expect(reset.status == 0, "\(reset.stderr)")
        let csv = s.dir.file("站点.csv")
        try "code,name,kind,created_at\n140525000,泽州县公共法律服务中心,county_centre,2026-01-01T00:00:00.000Z\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try s.runAs("张敏", "246810", ["import", "--db", s.db, "station", csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        let store = try s.store()
        let rows = try store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT action, entity, operator_id, channel FROM audit_log WHERE operator_id = ? ORDER BY id",
                             arguments: [s.adminID])
        }
        let create = try #require(rows.last { ($0["action"] as String) == "create" && ($0["entity"] as String) == "operator" })
        #expect(create["channel"] as String? == "command_line")
        let resetEntry = try #require(rows.first { ($0["action"] as String) == "reset_pin" })
        #expect(resetEntry["channel"] as String? == "command_line")
        #expect(rows.contains { ($0["channel"] as String?) == "import" }, "导入应记为 import 渠道：\(rows)")
        // The new PIN works, the old one no longer does.
        if case .success = try store.login(operatorID: s.reviewerID, pin: "975310") {} else { Issue.record("新 PIN 应可登录") }
        #expect(try store.operators().contains { $0.name == "李娜" })
        try store.close()
        // Only an administrator may add operators; a reviewer is refused with exit 4.
        let refused = try s.runAs("孙丽", "975310", ["user", "add", "--db", s.db, "--name", "周平", "--role", "admin", "--kdf-rounds", "1000"],
                                  more: "975318\n")
        #expect(refused.status == 4 && refused.stderr.contains("无权操作"), "\(refused.stderr)")
    }

    @Test func firstAdministratorNeedsNoIdentityOthersDo() throws {
        guard let binary = FayuanBinary.locate() else { return Self.binaryMissing() }
        let dir = TempDir()
        let db = dir.file("新.db")
        let clerk = try FayuanBinary.runToEnd(binary, ["user", "add", "--db", db, "--name", "王丽", "--role", "window_clerk", "--kdf-rounds", "1000"],
                                              in: dir.path, stdin: "482615\n")
        #expect(clerk.status == 4, "首位操作员须为管理员：\(clerk.stderr)")
        let first = try FayuanBinary.runToEnd(binary, ["user", "add", "--db", db, "--name", "张敏", "--role", "admin", "--kdf-rounds", "1000"],
                                              in: dir.path, stdin: "246810\n")
        #expect(first.status == 0, "\(first.stderr)")
        let second = try FayuanBinary.runToEnd(binary, ["user", "add", "--db", db, "--name", "赵强", "--role", "admin", "--kdf-rounds", "1000"],
                                               in: dir.path, stdin: "135790\n")
        #expect(second.status == 4, "第二位管理员须由管理员添加：\(second.stderr)")
        let store = try openStore(db)
        let detail = try store.read { db in try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE entity = 'operator' AND action = 'create'") }
        #expect(detail?.contains("首次使用") == true)
        #expect(try store.operators().map(\.name) == ["张敏"])
        try store.close()
    }

    @Test func aTokenWorksARevokedOneDoesNotAndOnlyItsHashIsStored() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        let made = try s.runAs("孙丽", "135790", ["user", "token", "create", "--db", s.db, "--label", "热线平台"])
        #expect(made.status == 0, "\(made.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        let token = try #require(json["token"] as? String)
        let id = try #require(json["id"] as? Int)
        #expect(token.hasPrefix("fyt_") && token.count == 68)
        // By environment and by file.
        let byEnv = try s.run(["case", "list", "--db", s.db], env: ["FAYUAN_TOKEN": token])
        #expect(byEnv.status == 0, "\(byEnv.stderr)")
        let file = s.dir.file("令牌.txt")
        try (token + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let byFile = try s.run(["report", "monthly", "--db", s.db, "--period", "2026-05", "--token-file", file])
        #expect(byFile.status == 0, "审查人员的令牌带着审查人员的权限：\(byFile.stderr)")
        let wrong = try s.run(["case", "list", "--db", s.db], env: ["FAYUAN_TOKEN": "fyt_" + String(repeating: "0", count: 64)])
        #expect(wrong.status == 4 && wrong.stderr.contains("接口令牌无效"), "\(wrong.stderr)")
        // The store keeps the SHA-256 only.
        let store = try s.store()
        let stored = try store.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM operator_token ORDER BY id") }
        let digest = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(stored == [digest])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: s.db))
        #expect(bytes.range(of: Data(token.utf8)) == nil, "令牌明文不得写入案件库")
        try store.close()
        // An administrator may make a token for someone else; a reviewer may not.
        let forClerk = try s.runAs("张敏", "246810", ["user", "token", "create", "--db", s.db, "--label", "叫号屏", "--for", "王丽"])
        #expect(forClerk.status == 0 && forClerk.stdout.contains("\"operatorName\" : \"王丽\""), "\(forClerk.stderr)")
        let notAdmin = try s.runAs("孙丽", "135790", ["user", "token", "create", "--db", s.db, "--label", "代建", "--for", "王丽"])
        #expect(notAdmin.status == 4, "\(notAdmin.stderr)")
        // Another clerk cannot revoke it; its owner can; then it no longer works.
        let notYours = try s.runAs("王丽", "482615", ["user", "token", "revoke", String(id), "--db", s.db])
        #expect(notYours.status == 4, "\(notYours.stderr)")
        let revoked = try s.run(["user", "token", "revoke", String(id), "--db", s.db], env: ["FAYUAN_TOKEN": token])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let after = try s.run(["case", "list", "--db", s.db], env: ["FAYUAN_TOKEN": token])
        #expect(after.status == 4 && after.stderr.contains("已撤销"), "\(after.stderr)")
        let audit = try s.store()
        let actions = try audit.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE entity = 'operator_token' ORDER BY id")
        }
        #expect(actions == ["create", "login_failed", "create", "revoke", "login_refused"], "\(actions)")
        try audit.close()
    }

    @Test func anOperatorWithNoPINCannotActAsAnyone() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        // Seeded and imported operators have no PIN: naming one proves nothing.
        let store = try s.store()
        let seeded = try store.addOperator(Operator(name: "系统管理员", role: .admin), by: nil)
        try store.close()
        for pin in ["", "000000", "246810"] {
            let r = try s.run(["user", "list", "--db", s.db, "--operator", "系统管理员"], stdin: pin + "\n")
            #expect(r.status == (pin.isEmpty ? 2 : 4), "无 PIN 的操作员不得通过验证：\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let after = try s.store()
        #expect(try after.operatorRecord(id: seeded.id!)?.failedAttempts == 2, "错误计入该操作员")
        try after.close()
    }

    @Test func aDisabledOperatorsTokenIsRefused() throws {
        guard let s = try Setup() else { return Self.binaryMissing() }
        let store = try s.store()
        let admin = try #require(try store.operatorRecord(id: s.adminID))
        let (_, token) = try store.createToken(for: s.clerkID, label: "叫号屏接口", by: admin)
        try store.setOperatorDisabled(s.clerkID, true, by: .operatorRecord(admin))
        try store.close()
        let r = try s.run(["queue", "list", "--db", s.db, "--station", "140525000"], env: ["FAYUAN_TOKEN": token])
        #expect(r.status == 4 && r.stderr.contains("已停用"), "\(r.stderr)")
    }
}

import Foundation
import Testing
@testable import FayuanStore

/// The store subcommands through the real binary: exit codes and untouched bad files.
@Suite struct CLITests {
    @Test func corruptOrForeignDbExitsThreeUntouched() throws {
        guard let binary = FayuanBinary.locate() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let dir = TempDir()
        let text = dir.file("会议纪要.db")
        let content = Data(String(repeating: "这不是数据库文件。", count: 200).utf8)
        try content.write(to: URL(fileURLWithPath: text))
        for args in [["search", "--db", text, "张三"], ["check", "--db", text], ["seed", "--db", text, "--persons", "5", "--cases", "1"]] {
            let run = try FayuanBinary.runToEnd(binary, args, in: dir.path)
            #expect(run.status == 3, "\(args[0]) 应以 3 退出，实际 \(run.status)")
            #expect(run.stderr.contains("不是法援数据库"), "错误信息应说明原因：\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == content)
        #expect(!FileManager.default.fileExists(atPath: text + "-wal"))
    }

    @Test func seedSearchCheckBackupAuditThroughTheBinary() throws {
        guard let binary = FayuanBinary.locate() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let dir = TempDir()
        let db = dir.file("示例.db")
        let seed = try FayuanBinary.runToEnd(binary, ["seed", "--db", db, "--persons", "3000", "--cases", "500", "--seed", "7"], in: dir.path)
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stdout.contains("\"persons\" : 3000"))

        let store = try openStore(db)
        let someone = try #require(try store.applicant(id: 42))
        // Seeded operators have no PIN; the administrator who acts on the command line is added here.
        try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .commandLine, kdfRounds: 1000)
        try store.close()
        let byName = try FayuanBinary.runAs(binary, "张敏", pin: "246810", ["search", "--db", db, someone.name, "--json"], in: dir.path)
        #expect(byName.status == 0)
        #expect(byName.stdout.contains("\"applicantID\" : 42"), "按姓名“\(someone.name)”应找到 42 号")
        #expect(!byName.stdout.contains(someone.idNumber!), "输出中不应有完整证件号")
        // No birth date beside the masked number: with it, the masked digits could be rebuilt (issue 17 finding 6).
        let digits = Array(someone.idNumber!)
        let born = "\(String(digits[6..<10]))-\(String(digits[10..<12]))-\(String(digits[12..<14]))"
        #expect(!byName.stdout.contains(born) && !byName.stdout.contains("birth"), "\(byName.stdout)")
        // A whole number: hits for an operator who may reveal identities, and the look-up is audited (issue 17).
        let byID = try FayuanBinary.runAs(binary, "张敏", pin: "246810", ["search", "--db", db, someone.idNumber!, "--json"], in: dir.path)
        #expect(byID.stdout.contains("\"match\" : \"id_exact\""), "\(byID.stdout)\(byID.stderr)")
        let audited = try openStore(db)
        #expect(try audited.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'search'") } == 1)
        try audited.close()

        let check = try FayuanBinary.runToEnd(binary, ["check", "--db", db], in: dir.path)
        #expect(check.status == 0 && check.stdout.contains("\"ok\" : true"), "\(check.stderr)")
        let backup = dir.file("备份.db")
        #expect(try FayuanBinary.runAs(binary, "张敏", pin: "246810", ["backup", "--db", db, backup], in: dir.path).status == 0)
        let copy = try openStore(backup)
        #expect(try copy.applicant(id: 42)?.name == someone.name)
        #expect(try copy.check().ok)
        let perms = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
        #expect(perms == 0o600)
        #expect(try FayuanBinary.runAs(binary, "张敏", pin: "246810", ["backup", "--db", db, backup], in: dir.path).status == 2)
        let audit = try FayuanBinary.runToEnd(binary, ["audit", "verify", "--db", db], in: dir.path)
        #expect(audit.status == 0 && audit.stdout.contains("\"ok\" : true"))
    }
}

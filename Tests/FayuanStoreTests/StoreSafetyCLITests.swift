import Crypto
import Foundation
import Testing
@testable import FayuanStore

/// Issue 17, finding 9: exit codes, not crashes or hangs; `check` and `search` never create a
/// store, and `check` never writes to one, even a damaged one.
@Suite(.serialized) struct StoreSafetyCLITests {
    static func sha(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    static func modified(_ path: String) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
    }

    @Test func checkAndSearchOnAMistypedPathCreateNothing() throws {
        guard let binary = FayuanBinary.locate() else { Issue.record("找不到 fayuan 可执行文件"); return }
        let dir = TempDir()
        let missing = dir.file("不存在的目录/案件库.db")
        for args in [["check", "--db", missing], ["audit", "verify", "--db", missing],
                     ["search", "--db", missing, "张三", "--operator", "张敏"]] {
            let r = try FayuanBinary.runToEnd(binary, args, in: dir.path, stdin: "246810\n")
            #expect(r.status == 3, "\(args[0])：\(r.stderr)")
            #expect(r.stderr.contains("找不到案件库"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("不存在的目录")), "不得新建目录或案件库")
    }

    @Test func checkLeavesADamagedStoreByteForByte() throws {
        guard let binary = FayuanBinary.locate() else { Issue.record("找不到 fayuan 可执行文件"); return }
        let dir = TempDir()
        let db = dir.file("损坏.db")
        let store = try openStore(db)
        _ = try store.seed(SeedOptions(persons: 300, cases: 50, consultations: 100, seed: 3))
        let roots = Set(try store.read { db in try Int.fetchAll(db, sql: "SELECT rootpage FROM sqlite_master WHERE rootpage > 0") })
        try store.close()
        // A copy made with a rollback journal (as sqlite3's .backup does) whose later b-tree pages
        // are damaged (page type byte zeroed), not the roots or first leaves the open-time probe
        // reads: opening it for writing would switch it to WAL, rewriting its header.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        bytes[18] = 1; bytes[19] = 1
        let page = Int(bytes[16]) << 8 | Int(bytes[17])
        let pages = bytes.count / page
        var damaged = 0
        for number in stride(from: pages * 3 / 5, through: pages, by: 7) where !roots.contains(number) && number > 1 {
            bytes[(number - 1) * page] = 0
            damaged += 1
        }
        #expect(damaged > 3)
        try bytes.write(to: URL(fileURLWithPath: db))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let before = try Self.sha(db)
        let r = try FayuanBinary.runToEnd(binary, ["check", "--db", db], in: dir.path)
        #expect(r.status == 3, "损坏的案件库应以 3 退出：\(r.stdout)\(r.stderr)")
        #expect(try Self.sha(db) == before, "check 不得写入损坏的案件库")
        let verify = try FayuanBinary.runToEnd(binary, ["audit", "verify", "--db", db], in: dir.path)
        #expect(verify.status != 0 || verify.stdout.contains("\"ok\" : true"), "\(verify.stderr)")
        #expect(try Self.sha(db) == before, "audit verify 不得写入损坏的案件库")
    }

    @Test func searchLeavesTheStoreAsItWas() throws {
        guard let binary = FayuanBinary.locate() else { Issue.record("找不到 fayuan 可执行文件"); return }
        let dir = TempDir()
        let db = dir.file("查询.db")
        let store = try openStore(db)
        _ = try store.seed(SeedOptions(persons: 200, cases: 20, consultations: 10, seed: 5))
        try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .commandLine, kdfRounds: 1000)
        let someone = try #require(try store.applicant(id: 7))
        try store.close()
        let before = try Self.sha(db)
        let mtime = try Self.modified(db)
        let r = try FayuanBinary.runAs(binary, "张敏", pin: "246810", ["search", "--db", db, someone.name, "--json"], in: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"applicantID\" : 7"))
        #expect(try Self.sha(db) == before, "按姓名查询不应改动案件库文件")
        #expect(try Self.modified(db) == mtime)
    }

    @Test func aFIFOAsTheStoreExitsThreeAtOnce() throws {
        guard let binary = FayuanBinary.locate() else { Issue.record("找不到 fayuan 可执行文件"); return }
        let dir = TempDir()
        let fifo = dir.file("管道.db")
        #expect(mkfifo(fifo, 0o600) == 0)
        for (tag, args) in [("c", ["check", "--db", fifo]), ("s", ["search", "--db", fifo, "张三", "--operator", "张敏"]),
                            ("u", ["user", "add", "--db", fifo, "--name", "张敏", "--role", "admin"])] {
            let start = Date()
            let process = try FayuanBinary.run(binary, args, in: dir.path, tag: tag, stdin: "246810\n")
            while process.isRunning && Date().timeIntervalSince(start) < 5 { usleep(10_000) }
            if process.isRunning {
                process.terminate()
                Issue.record("\(args[0]) 在命名管道上挂起")
                continue
            }
            let r = FayuanBinary.finish(process, in: dir.path, tag: tag)
            #expect(r.status == 3, "\(args[0])：\(r.stderr)")
            #expect(r.stderr.contains("命名管道"), "\(r.stderr)")
            #expect(Date().timeIntervalSince(start) < 2, "应立即退出")
        }
    }

    @Test func outOfRangeDatesAndHugeDaysAreBadInputNotCrashes() throws {
        guard let binary = FayuanBinary.locate() else { Issue.record("找不到 fayuan 可执行文件"); return }
        let dir = TempDir()
        let db = dir.file("报表.db")
        let store = try openStore(db)
        try store.createOperator(name: "孙丽", role: .reviewer, pin: "135790", by: .commandLine, kdfRounds: 1000)
        try store.close()
        let cases: [([String], String)] = [
            (["report", "monthly", "--db", db, "--period", "9999-12"], "--period"),
            (["report", "quarterly", "--db", db, "--period", "9999-Q4"], "--period"),
            (["report", "monthly", "--db", db, "--period", "2026-05", "--today", "9999-12-31"], "--today"),
            (["report", "drill", "--db", db, "--period", "9998-01-01..9999-12-31", "--indicator", "consultations"], "--period"),
            (["case", "list", "--db", db, "--today", "9999-12-31"], "--today"),
            (["duty", "plan", "--db", db, "--month", "9999-12"], "--month"),
            (["calendar", "due", "--from", "2026-06-08", "--days", "9223372036854775807"], "--days"),
            (["calendar", "due", "--from", "9999-12-31", "--days", "1"], "--from"),
            (["calendar", "workdays", "--year", "99999999"], "--year"),
        ]
        for (args, field) in cases {
            // The calendar reveals nothing and takes no operator.
            let r = args[0] == "calendar" ? try FayuanBinary.runToEnd(binary, args, in: dir.path)
                : try FayuanBinary.runAs(binary, "孙丽", pin: "135790", args, in: dir.path)
            #expect(r.status == 2, "\(args.prefix(2)) 应以 2 退出（不是崩溃），实际 \(r.status)：\(r.stderr)")
            #expect(r.stderr.contains(field), "错误信息应指明 \(field)：\(r.stderr)")
        }
    }
}

import Foundation
import Testing
@testable import FayuanStore

/// kill -9 at random moments while three processes write tickets, consultations and drafts:
/// afterwards the file passes integrity_check, every write a process reported as committed is
/// there, ticket numbers stay unique and gapless, and each writer's draft is at least as new as
/// the last one it reported. The kill times come from a fixed seed.
@Suite struct KillTests {
    @Test func killNineWhileWritingLosesNothingCommitted() throws {
        guard let binary = FayuanBinary.locate() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let dir = TempDir()
        let path = dir.file("断电.db")
        let setup = try openStore(path)
        try setup.addStation(Station(code: "140525102", name: "巴公镇公共法律服务工作站", kind: .township), by: nil)
        try setup.close()

        var seed: UInt64 = 0x5EED_F00D
        func nextDelay() -> Double {   // 0.15–0.6 s, reproducible
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return 0.15 + Double(seed >> 40) / Double(1 << 24) * 0.45
        }
        var runs: [(worker: Int, tag: String, process: Process)] = []
        var counter = 0
        func start(_ worker: Int) throws {
            counter += 1
            let tag = "w\(worker)-\(counter)"
            runs.append((worker, tag, try FayuanBinary.run(binary, ["_stress-writer", "--db", path, "--seconds", "60",
                                                                   "--worker", String(worker), "--flush",
                                                                   "--first", String(counter * 1_000_000)], in: dir.path, tag: tag)))
        }
        for w in 0..<3 { try start(w) }
        let kills = Int(ProcessInfo.processInfo.environment["FAYUAN_KILLS"] ?? "") ?? 8
        for k in 0..<kills {
            Thread.sleep(forTimeInterval: nextDelay())
            let victim = k % 3
            if let live = runs.last(where: { $0.worker == victim }) {
                kill(live.process.processIdentifier, SIGKILL)
                live.process.waitUntilExit()
                try start(victim)
            }
        }
        Thread.sleep(forTimeInterval: nextDelay())
        for run in runs where run.process.isRunning { kill(run.process.processIdentifier, SIGKILL) }

        var tickets = Set<Int64>(), consultations = Set<Int64>()
        var lastDraft: [Int: Int] = [:]
        for run in runs {
            let result = FayuanBinary.finish(run.process, in: dir.path, tag: run.tag)
            #expect(result.status == 9 || result.status == 0 || result.status == 137, "\(run.tag) 退出码 \(result.status)：\(result.stderr)")
            // A line cut by the kill is not a report; only whole lines count.
            for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let f = line.split(separator: " ")
                switch f.first {
                case "T": tickets.insert(Int64(f[4])!)
                case "C": consultations.insert(Int64(f[1])!)
                case "D": lastDraft[run.worker] = max(lastDraft[run.worker] ?? -1, Int(f[1])!)
                default: break
                }
            }
        }
        #expect(tickets.count > 10, "写入太少，测试没有意义：\(tickets.count)")

        let store = try openStore(path)
        let report = try store.check()
        #expect(report.integrity == ["ok"], "\(report.integrity)")
        #expect(report.foreignKeyViolations == 0)
        let (ticketIDs, consultationIDs, seqs) = try store.read { db in
            (Set(try Int64.fetchAll(db, sql: "SELECT id FROM queue_ticket")),
             Set(try Int64.fetchAll(db, sql: "SELECT id FROM consultation")),
             try Int.fetchAll(db, sql: "SELECT seq FROM queue_ticket ORDER BY seq"))
        }
        #expect(tickets.isSubset(of: ticketIDs), "已报告提交的票号缺失：\(tickets.subtracting(ticketIDs).sorted().prefix(5))")
        #expect(consultations.isSubset(of: consultationIDs), "已报告提交的咨询缺失")
        #expect(seqs == Array(1...max(1, seqs.count)).prefix(seqs.count).map { $0 }, "票号应唯一且连续")
        for (worker, last) in lastDraft {
            let draft = try store.drafts(for: Int64(worker + 1)).first { $0.form == "压力测试" }
            #expect((draft.flatMap { Int($0.payload) } ?? -1) >= last, "进程\(worker)的草稿丢失：应至少为 \(last)")
        }
    }
}

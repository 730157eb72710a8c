import Foundation
import Testing

/// Issue 26: exit codes per shared/contracts/cli.md — an unknown id is bad input (2) naming it,
/// a refusal by role is 4 with the reason in Chinese, and nothing goes to stdout when it fails.
@Suite struct CLIExitCodeTests {
    @Test func unknownIdsAreBadInputNamingThemAndRefusalsAreFour() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("法援退出码-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("退出码.db").path
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        try addOperator(db: db, name: "王丽", role: "window_clerk", pin: "135790")
        try addOperator(db: db, name: "孙丽", role: "reviewer", pin: "975310")
        #expect(try runFayuanAsAdmin(db: db, ["seed", "--db", db, "--persons", "40", "--cases", "8"]).status == 0)

        // Each asked by someone whose role allows the action, so only the id is wrong.
        let admin = ("张敏", "246810"), reviewer = ("孙丽", "975310")
        let unknown: [((String, String), [String])] = [
            (reviewer, ["case", "show", "987654"]),
            (reviewer, ["case", "accept", "987654"]),
            (reviewer, ["case", "assign", "987654"]),
            (reviewer, ["case", "decide", "987654", "--grant", "--reason", "in_scope_hardship"]),
            (reviewer, ["case", "archive", "987654"]),
            (admin, ["provider", "set", "987654", "--years", "3"]),
            (admin, ["user", "token", "revoke", "987654"]),
            (admin, ["user", "disable", "987654"]),
            (reviewer, ["duty", "sign-in", "--shift", "987654", "--time", "09:00"]),
            (reviewer, ["duty", "reassign", "987654", "1"]),
            (reviewer, ["duty", "subsidy", "--month", "2026-11", "--provider", "987654"]),
        ]
        var failures: [String] = []
        for (who, args) in unknown {
            let result = try runFayuan(as: who.0, pin: who.1, args + ["--db", db])
            let shown = "fayuan " + args.joined(separator: " ")
            if result.status != 2 { failures.append("\(shown)：退出码 \(result.status)（应为 2）\(result.stderr)") }
            if !result.stderr.contains("987654") { failures.append("\(shown)：提示没有指明编号 987654：\(result.stderr)") }
            if !result.stdout.isEmpty { failures.append("\(shown)：失败时标准输出应为空：\(result.stdout.prefix(200))") }
        }
        let refused: [[String]] = [
            ["user", "list"],
            ["export", "--out", dir.appendingPathComponent("导出").path],
            ["duty", "plan", "--month", "2027-01", "--save"],
            ["report", "monthly", "--period", "2026-11"],
        ]
        for args in refused {
            let result = try runFayuan(as: "王丽", pin: "135790", args + ["--db", db])
            let shown = "fayuan " + args.joined(separator: " ") + "（窗口工作人员）"
            if result.status != 4 { failures.append("\(shown)：退出码 \(result.status)（应为 4）\(result.stderr)") }
            if !result.stderr.contains("无权") { failures.append("\(shown)：应说明无权：\(result.stderr)") }
            if !result.stdout.isEmpty { failures.append("\(shown)：被拒绝时标准输出应为空") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

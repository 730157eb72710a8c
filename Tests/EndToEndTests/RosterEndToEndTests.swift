import Foundation
import Testing

/// Issue 9's acceptance check with the real binary: the 17 Zezhou stations (seeded) get an August
/// 2026 roster with reasons, it is published (text + CSV), attendance is recorded with lates, an
/// early leave, absences and a spot check, and the statement matches the hand calculation; a swap
/// that would put one person twice on a day is refused with the reason; the console shows the month.
@Suite(.serialized) struct RosterEndToEndTests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func zezhouMonthAttendanceSubsidyAndScreen() throws {
        let tmux = try TmuxSession.loggedIn(name: "孙丽", role: "reviewer") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "20", "--cases", "0"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "示例数据失败：\(seeded.stderr)") }
        }
        let db = tmux.storePath

        // Plan and save August (the seeded shifts end in early July).
        // Planned in July (a month that has ended can no longer be planned: issue 19).
        let plan = try runFayuan(as: "孙丽", pin: "246810", ["duty", "plan", "--db", db, "--month", "2026-08", "--save"],
                                 environment: ["FAYUAN_TEST_NOW": "2026-07-20T09:00"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let planned = try #require(try Self.json(plan.stdout) as? [String: Any])
        let duties = try #require(planned["duties"] as? [[String: Any]])
        #expect(planned["policy"] as? String == "zezhou-140525")
        #expect(Set(duties.compactMap { $0["stationCode"] as? String }).count == 17)
        #expect((planned["unfilled"] as? [Any])?.isEmpty == true)
        #expect((planned["violations"] as? [Any])?.isEmpty == true)
        // 21 working days in August 2026 at the centre; every duty explains itself.
        #expect(duties.filter { $0["stationCode"] as? String == "140525000" }.count == 21)
        #expect(duties.allSatisfy { ($0["reason"] as? String)?.contains("累计值班最少") == true })

        let published = try runFayuan(as: "孙丽", pin: "246810", ["duty", "publish", "--db", db, "--month", "2026-08"])
        #expect(published.status == 0, "\(published.stderr)")
        let files = try #require(try Self.json(published.stdout) as? [String: Any]).compactMapValues { $0 as? String }
        #expect(FileManager.default.fileExists(atPath: files["text"] ?? ""))
        #expect(try String(contentsOfFile: files["csv"] ?? "", encoding: .utf8).contains("巴公镇公共法律服务工作站"))

        // Attendance for one centre provider: late, early leave, spot-check absence; the rest never signed in.
        let list = try runFayuan(as: "孙丽", pin: "246810", ["duty", "list", "--db", db, "--month", "2026-08"])
        let shifts = try #require((try Self.json(list.stdout) as? [String: Any])?["duties"] as? [[String: Any]])
        let centre = shifts.filter { $0["stationCode"] as? String == "140525000" }
        let counts = Dictionary(grouping: centre.compactMap { $0["providerID"] as? Int }, by: { $0 }).mapValues(\.count)
        let person = try #require(counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key)
        let mine = centre.filter { $0["providerID"] as? Int == person }.compactMap { $0["id"] as? Int }
        #expect(mine.count >= 3)
        func run(_ args: [String]) throws {
            let r = try runFayuan(as: "孙丽", pin: "246810", ["duty"] + args + ["--db", db])
            #expect(r.status == 0, "\(args)：\(r.stderr)")
        }
        try run(["sign-in", "--shift", String(mine[0]), "--time", "08:45"])
        try run(["sign-out", "--shift", String(mine[0]), "--time", "17:30"])
        try run(["sign-in", "--shift", String(mine[1]), "--time", "08:30"])
        try run(["sign-out", "--shift", String(mine[1]), "--time", "17:10"])
        try run(["sign-in", "--shift", String(mine[2]), "--time", "08:25"])
        try run(["spot-check", "--shift", String(mine[2]), "--time", "15:00", "--absent"])
        try run(["sign-out", "--shift", String(mine[2]), "--time", "17:35"])

        // Hand calculation: (200 − 50 late) + (200 − 50 early) + (200 − 100 spot check) + 0 for each
        // duty never signed in = 400 元.
        let subsidy = try runFayuan(as: "孙丽", pin: "246810", ["duty", "subsidy", "--db", db, "--month", "2026-08", "--provider", String(person),
                                     "--today", "2026-09-01"])
        #expect(subsidy.status == 0, "\(subsidy.stderr)")
        let statement = try #require(((try Self.json(subsidy.stdout) as? [String: Any])?["statements"] as? [[String: Any]])?.first)
        #expect(statement["totalFen"] as? Int == 40_000, "\(subsidy.stdout)")
        let lines = try #require(statement["lines"] as? [[String: Any]])
        #expect(lines.map { $0["amountFen"] as? Int ?? -1 }.prefix(3) == [15_000, 15_000, 10_000])
        #expect((lines[0]["explanation"] as? [String])?.contains("迟到1次，每次扣50元，共扣50元") == true)

        // A swap that would put this person twice on one day is refused with the reason.
        let firstDay = try #require(centre.first { $0["id"] as? Int == mine[0] }?["day"] as? String)
        let otherDay = try #require(shifts.first {
            ($0["day"] as? String) == firstDay && ($0["stationCode"] as? String) != "140525000" && ($0["providerID"] as? Int) != person
        }?["id"] as? Int)
        let refused = try runFayuan(as: "孙丽", pin: "246810", ["duty", "swap", String(mine[1]), String(otherDay), "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("✗ 同日两班"), "\(refused.stderr)")

        // The console: 5 opens the roster; back to August; the centre's month is shown with attendance.
        try tmux.type("5")
        try tmux.waitFor("值班排班")
        let current = try tmux.waitFor("规则：zezhou-140525")
        // The screen opens on the current month; step back (or forward) to August 2026.
        let shown = try #require(current.range(of: #"20\d\d-\d\d"#, options: .regularExpression).map { String(current[$0]) })
        let parts = shown.split(separator: "-").compactMap { Int($0) }
        let steps = (parts[0] * 12 + parts[1]) - (2026 * 12 + 8)
        for _ in 0..<abs(steps) { try tmux.type(steps > 0 ? "," : ".") }
        try tmux.waitFor("2026-08")
        let screen = try tmux.waitFor("已公示")
        #expect(screen.contains("08:45"), "\(screen)")
        #expect(screen.contains("迟到"))
        try tmux.type("s")
        try tmux.waitFor("补贴明细 2026-08")
    }
}

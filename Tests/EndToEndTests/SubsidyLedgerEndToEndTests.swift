import Foundation
import Testing

/// Issue 19's acceptance run with the real binary: one month (November 2026) of the Zezhou roster
/// from planning to a paid statement for one lawyer — a late arrival, a duty with no sign-in left
/// 待核实 and later excused, a correction after approval (a late sign-out), and a complaint
/// registered, accepted, verified and deducted in the console — with the sums checked by hand.
///
/// The CLI steps run at the dates they would happen (debug builds read FAYUAN_TEST_NOW: planning
/// on 10-28, each sign-in on its day, approval on 12-01); the console runs on the real clock
/// (2026-12-03), after the month.
@Suite(.serialized) struct SubsidyLedgerEndToEndTests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func novemberFromPlanToPaidStatement() throws {
        let tmux = try TmuxSession.loggedIn(name: "孙丽", role: "reviewer") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "20", "--cases", "0"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "示例数据失败：\(seeded.stderr)") }
        }
        let db = tmux.storePath
        func fayuan(_ args: [String], at now: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
            try runFayuan(as: "孙丽", pin: "246810", args + ["--db", db], environment: now.map { ["FAYUAN_TEST_NOW": $0] } ?? [:])
        }
        func ok(_ args: [String], at now: String? = nil) throws -> String {
            let r = try fayuan(args, at: now)
            #expect(r.status == 0, "\(args)：\(r.stderr)")
            return r.stdout
        }

        // Planning after the month has ended is refused; planned on 10-28 it is saved.
        let late = try fayuan(["duty", "plan", "--month", "2026-11", "--save"], at: "2026-12-01T09:00")
        #expect(late.status == 2 && late.stderr.contains("2026-11 已经结束，不能重新排班"), "\(late.stderr)")
        _ = try ok(["duty", "plan", "--month", "2026-11", "--save"], at: "2026-10-28T09:00")

        // The lawyer with the most centre duties (a paid kind), and their duties in day order.
        let shifts = try #require((try Self.json(try ok(["duty", "list", "--month", "2026-11"])) as? [String: Any])?["duties"] as? [[String: Any]])
        let lawyers = Set((try #require((try Self.json(try ok(["provider", "list"])) as? [String: Any])?["providers"] as? [[String: Any]]))
            .filter { $0["kind"] as? String == "lawyer" }.compactMap { $0["id"] as? Int })
        let centre = shifts.filter { $0["stationCode"] as? String == "140525000" }
        let counts = Dictionary(grouping: centre.compactMap { $0["providerID"] as? Int }.filter(lawyers.contains), by: { $0 })
            .mapValues(\.count)
        let person = try #require(counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key)
        let mine = shifts.filter { $0["providerID"] as? Int == person }
        let centreMine = mine.filter { $0["stationCode"] as? String == "140525000" }
        #expect(centreMine.count >= 3)
        let id = { (d: [String: Any]) in String(d["id"] as? Int ?? 0) }
        let day = { (d: [String: Any]) in d["day"] as? String ?? "" }
        let (first, second, third) = (centreMine[0], centreMine[1], centreMine[2])
        let extra = mine.filter { m in ![first, second, third].contains { id($0) == id(m) } }

        // Attendance, each on its own day. A sign-in before the day is refused.
        let early = try fayuan(["duty", "sign-in", "--shift", id(first), "--time", "08:30"], at: "2026-10-30T09:00")
        #expect(early.status == 2 && early.stderr.contains("还没到"), "\(early.stderr)")
        _ = try ok(["duty", "sign-in", "--shift", id(first), "--time", "08:30"], at: day(first) + "T18:00")
        _ = try ok(["duty", "sign-out", "--shift", id(first), "--time", "17:30"], at: day(first) + "T18:00")
        let backwards = try fayuan(["duty", "sign-out", "--shift", id(second), "--time", "08:00"], at: day(second) + "T18:00")
        #expect(backwards.status == 2)
        _ = try ok(["duty", "sign-in", "--shift", id(second), "--time", "08:50"], at: day(second) + "T18:00")   // 迟到20分钟
        let night = try fayuan(["duty", "spot-check", "--shift", id(second), "--time", "22:00", "--absent"], at: day(second) + "T23:00")
        #expect(night.status == 2 && night.stderr.contains("不在值班时间"), "\(night.stderr)")
        for m in extra {
            _ = try ok(["duty", "sign-in", "--shift", id(m), "--time", m["startsAt"] as? String ?? ""], at: day(m) + "T18:00")
            _ = try ok(["duty", "sign-out", "--shift", id(m), "--time", m["endsAt"] as? String ?? ""], at: day(m) + "T18:00")
        }
        // third: never signed in → 待核实.

        // The month has not ended on 11-30: approval is refused (exit 2).
        let tooSoon = try fayuan(["duty", "subsidy", "--month", "2026-11", "--provider", String(person), "--approve"],
                                 at: "2026-11-30T18:00")
        #expect(tooSoon.status == 2 && tooSoon.stderr.contains("还没有结束"), "\(tooSoon.stderr)")

        // Approval 1 on 12-01, by hand:
        //   first  on time                              200
        //   second late (−50), no sign-out (−50)        200 − 50 − 50 = 100
        //   third  待核实: held, not approved              —
        //   each extra duty on time                     200
        //   = 300 + 200 × extra
        let approved1 = try #require(((try Self.json(try ok(["duty", "subsidy", "--month", "2026-11", "--provider", String(person),
                                                          "--approve"], at: "2026-12-01T09:00")) as? [String: Any])?["statements"] as? [[String: Any]])?.first)
        #expect(approved1["approvedFen"] as? Int == 30_000 + 20_000 * extra.count, "\(approved1)")
        #expect(approved1["state"] as? String == "partly_approved")
        #expect(approved1["stateLabel"] as? String == "部分核定")

        // After approval: the late sign-out of `second` (17:30) and the excuse for `third`.
        _ = try ok(["duty", "sign-out", "--shift", id(second), "--time", "17:30"], at: "2026-12-02T09:00")
        let noReason = try fayuan(["duty", "verify", "--shift", id(third), "--excused", "--reason", " "], at: "2026-12-02T09:00")
        #expect(noReason.status == 2)
        _ = try ok(["duty", "verify", "--shift", id(third), "--excused", "--reason", "签到机故障，站点负责人证实在岗"], at: "2026-12-02T09:00")
        // Approval 2 on 12-02: +50 (second now 150) and +200 (third) = 250, both adjustment lines.
        let approved2 = try #require(((try Self.json(try ok(["duty", "subsidy", "--month", "2026-11", "--provider", String(person),
                                                          "--approve"], at: "2026-12-02T09:10")) as? [String: Any])?["statements"] as? [[String: Any]])?.first)
        #expect(approved2["approvedFen"] as? Int == 55_000 + 20_000 * extra.count)
        let posted2 = try #require(approved2["posted"] as? [[String: Any]])
        #expect(posted2.filter { $0["entry"] as? String == "adjustment" }.compactMap { $0["amountFen"] as? Int }.sorted() == [5_000, 20_000])

        // The complaint, in the console (real clock, 12-03): 5 roster → back to November → the
        // row of `first` → t registers it.
        let list = try #require((try Self.json(try ok(["duty", "subsidy", "--month", "2026-11"])) as? [String: Any])?["statements"] as? [[String: Any]])
        let personRow = try #require(list.firstIndex { $0["providerID"] as? Int == person })
        let centreDays = centre.map(day).sorted()
        let firstRow = try #require(centreDays.firstIndex(of: day(first)))
        try tmux.type("5")
        try tmux.waitFor("值班排班")
        try tmux.type(",")
        try tmux.waitFor("2026-11")
        for _ in 0..<firstRow { try tmux.press("Down") }
        try tmux.waitFor("▶ " + String(day(first).suffix(5)))
        try tmux.type("t")
        try tmux.waitFor("登记投诉")
        try tmux.type("张桂兰")
        try tmux.press("Tab")
        try tmux.type("值班律师答复敷衍")
        try tmux.press("F2")
        try tmux.waitFor("已登记投诉 #1")
        // The same complainant again is refused (CLI, same store method).
        let again = try fayuan(["duty", "complaint", "register", "--shift", id(first), "--complainant", "张桂兰", "--summary", "再次投诉"])
        #expect(again.status == 2 && again.stderr.contains("重复投诉"), "\(again.stderr)")
        // A duty lawyer may not work complaints or approve subsidy: refused (exit 4), nothing written.
        try addOperator(db: db, name: "值班小李", role: "duty_lawyer", pin: "482615")
        let notMine = try runFayuan(as: "值班小李", pin: "482615", ["duty", "complaint", "accept", "1", "--db", db])
        #expect(notMine.status == 4 && notMine.stderr.contains("无权操作"), "\(notMine.stderr)")
        let notApprover = try runFayuan(as: "值班小李", pin: "482615", ["duty", "subsidy", "--month", "2026-11", "--approve", "--db", db])
        #expect(notApprover.status == 4, "\(notApprover.stderr)")
        // o: the complaint list with its clocks — received 12-03, accept within 5 working days:
        // 12-04 (1), 12-07 (2), 12-08 (3), 12-09 (4), 12-10 (5).
        try tmux.type("o")
        try tmux.waitFor("受理期限 2026-12-10")
        try tmux.press("F3")
        try tmux.waitFor("受理投诉 #1")
        try tmux.press("F2")
        // Accepted 12-03: finish within 60 days → 2027-02-01 (a Monday).
        try tmux.waitFor("办结期限 2027-02-01")
        try tmux.press("F4")
        try tmux.waitFor("核实属实：投诉 #1")
        try tmux.type("调取录音，答复确有敷衍")
        try tmux.press("F2")
        try tmux.waitFor("经核实属实")
        try tmux.press("F6")
        try tmux.waitFor("扣减")
        try tmux.type("y")
        try tmux.waitFor("✓ 已扣减")

        // 补贴明细: the person's row, approve their lines (F4): the complaint is a −50 adjustment.
        try tmux.press("Escape")
        try tmux.waitFor("值班排班")
        try tmux.type("s")
        try tmux.waitFor("补贴明细 2026-11")
        for _ in 0..<personRow { try tmux.press("Down") }
        try tmux.press("F4")
        try tmux.waitFor("待核定的 1 行")
        try tmux.type("y")
        try tmux.waitFor("已核定 1 行（调整 1 行），共 −50 元")
        try tmux.press("F5")
        try tmux.waitFor("记为已发放")
        try tmux.type("y")
        try tmux.waitFor("已发放")
        try tmux.waitFor("✓ 已发放")

        // The paid statement, by hand:
        //   first  200 − 50 (complaint, adjustment)           = 150
        //   second 100 + 50 (late sign-out, adjustment)       = 150
        //   third  0 → excused + 200 (adjustment)             = 200
        //   extra  200 each
        //   paid = 500 + 200 × extra; originals 300 + 200 × extra; adjustments +50, +200, −50.
        let final = try #require(((try Self.json(try ok(["duty", "subsidy", "--month", "2026-11", "--provider", String(person)])) as? [String: Any])?["statements"] as? [[String: Any]])?.first)
        #expect(final["paidFen"] as? Int == 50_000 + 20_000 * extra.count, "\(final)")
        #expect(final["approvedFen"] as? Int == 50_000 + 20_000 * extra.count)
        #expect(final["dueFen"] as? Int == 0)
        #expect(final["state"] as? String == "paid" && final["stateLabel"] as? String == "✓ 已发放")
        let posted = try #require(final["posted"] as? [[String: Any]])
        #expect(posted.allSatisfy { $0["status"] as? String == "paid" })
        #expect(posted.filter { $0["entry"] as? String == "original" }.reduce(0) { $0 + ($1["amountFen"] as? Int ?? 0) }
                == 30_000 + 20_000 * extra.count)
        #expect(posted.filter { $0["entry"] as? String == "adjustment" }.compactMap { $0["amountFen"] as? Int }.sorted()
                == [-5_000, 5_000, 20_000])
        let lines = try #require(final["lines"] as? [[String: Any]])
        #expect(lines.first { $0["shiftID"] as? Int == first["id"] as? Int }?["amountFen"] as? Int == 15_000)
        #expect((lines.first { $0["shiftID"] as? Int == third["id"] as? Int }?["explanation"] as? [String])?
            .contains("未签到，经核实已说明（签到机故障，站点负责人证实在岗），不按不在岗处理") == true)

        // A paid month cannot be planned again.
        let replan = try fayuan(["duty", "plan", "--month", "2026-11", "--save"])
        #expect(replan.status == 2)
    }
}

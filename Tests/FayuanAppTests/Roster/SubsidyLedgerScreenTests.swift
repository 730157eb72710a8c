import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Issue 19 on the subsidy screen: the header says exactly what was approved. 李明 served May 6
/// on time (200 元); 王芳 served May 7 late (200 − 50 = 150 元). Only 李明's line is approved, so the
/// month is 部分核定 with 200 元 approved and one line of 150 元 still to approve — the old screen
/// said "✓ 已核定" as soon as any line was approved, with the statement's total (350 元).
@Suite(.serialized) struct SubsidyLedgerScreenTests {
    @Test func partlyApprovedMonthShowsWhatWasApproved() throws {
        let c = try RosterScreenTests.county()
        let store = c.fixture.environment.store
        let people = try store.rosterProviders(month: "2026-05", lookBackMonths: 0)
        let li = people.first { $0.name == "李明" }!.id, wang = people.first { $0.name == "王芳" }!.id
        var ids: [Int64] = []
        for (who, day) in [(li, "2026-05-06"), (wang, "2026-05-07")] {
            ids.append(try store.addShift(DutyShift(stationID: c.stations[0].id!, providerID: who, day: day, startsAt: "08:30",
                                                    endsAt: "17:30", status: "planned"), by: c.reviewer.id).id!)
        }
        try store.signIn(shift: ids[0], at: ClockTime("08:30")!, by: c.reviewer)
        try store.signOut(shift: ids[0], at: ClockTime("17:30")!, by: c.reviewer)
        try store.signIn(shift: ids[1], at: ClockTime("08:45")!, by: c.reviewer)
        try store.signOut(shift: ids[1], at: ClockTime("17:30")!, by: c.reviewer)
        let policy = try #require(c.fixture.environment.rules.rosterPolicy(region: "140525"))
        try store.approveSubsidies(month: "2026-05", policy: policy, provider: li, by: c.reviewer)

        c.app.type(",")   // the roster opens on June; back to May
        c.app.type("s")
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 补贴明细 2026-05                孙丽（审查人员）  2026-06-08 周一 09:30
         2026-05　2 人　应发 350 元　部分核定：已核定 200 元，待核定 1 行 150 元
           值班人员  │班次│应发   │已核定 │待核定 │状态      │说明
         ▶ 李明      │   1│    200│    200│      0│✓ 已核定  │
           王芳      │   1│    150│      0│    150│未核定    │






         ── 李明 明细 ──
         ✓ 已核定 2026-05-06 县中心　200元：县中心值班，县中心每人每天200元










        1帮助   2       3核定   4       5发放   6发放表 7       8       9首页   10退出
        """) {
            Issue.record("\(diff)")
        }
        c.app.type("<Down>")
        let text = c.fixture.render(c.app).text
        #expect(text.contains("○ 待核定 2026-05-07 县中心　150元"), "\(text)")
    }
}

/// Issue 19 from the console: a duty with no sign-in is decided (e: 已说明), false duty and
/// non-standard records are recorded (x, r), and a complaint is registered (t) and worked through
/// its list (o: F3 受理, F4 属实, F6 扣减) with its clocks — all without the command line.
@Suite(.serialized) struct RosterConsoleFindingsTests {
    @Test func verifyMarkAndComplaintFromTheRoster() throws {
        let c = try RosterScreenTests.county()
        c.fixture.clock.advance(seconds: -14 * 86_400)
        c.app.handle(.function(3))
        c.app.type("y")
        c.fixture.clock.advance(seconds: 14 * 86_400)
        c.app.type(".")
        c.app.type(",")   // reload June as of 06-08: 06-01…06-05 are 待核实
        var text = c.fixture.render(c.app).text
        #expect(text.contains("06-01│周一│08:30–17:30│李明    │      │      │? 待核实"), "\(text)")

        // e on 06-01: 已说明 with a reason.
        c.app.type("e")
        #expect(c.fixture.render(c.app).text.contains("核实：已说明"))
        c.app.type("签到机故障，站点负责人证实在岗")
        c.app.handle(.function(2))
        text = c.fixture.render(c.app).text
        #expect(text.contains("已核实：已说明"), "\(text)")
        #expect(text.contains("06-01│周一│08:30–17:30│李明    │      │      │已说明"), "\(text)")
        // e again on the decided duty is refused with the reason.
        c.app.type("e")
        #expect(c.fixture.render(c.app).text.contains("只有已过去、未签到且尚未核实的班次才需要核实"))

        // x on 06-02: false duty, with a note.
        c.app.type("<Down>x")
        #expect(c.fixture.render(c.app).text.contains("登记：虚假值班"))
        c.app.type("群众反映当天无人值班，经核实属实")
        c.app.handle(.function(2))
        #expect(c.fixture.render(c.app).text.contains("已登记：虚假值班"))
        // r on the same duty: an incomplete service record (the note may stay empty).
        c.app.type("r")
        #expect(c.fixture.render(c.app).text.contains("登记：服务记录缺项或不规范"))
        c.app.handle(.function(2))
        #expect(c.fixture.render(c.app).text.contains("已登记：服务记录缺项或不规范"))
        #expect(try c.fixture.environment.store.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM duty_mark ORDER BY id")
        } == ["false_duty", "record_incomplete"])

        // t on 06-03: a complaint; o: its list with the 5-working-day clock.
        c.app.type("<Down>t")
        #expect(c.fixture.render(c.app).text.contains("登记投诉"))
        c.app.type("张桂兰<Tab>值班律师答复敷衍")
        c.app.handle(.function(2))
        #expect(c.fixture.render(c.app).text.contains("已登记投诉 #1"))
        c.app.type("o")
        // Received 06-08 (Mon): 06-09 (1), 06-10 (2), 06-11 (3), 06-12 (4), 06-15 (5).
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 值班投诉 2026-06                孙丽（审查人员）  2026-06-08 周一 09:30
         2026-06 值班投诉 1 件，未办结 1 件　受理限收到后5个工作日，办结限受理后60日
           编号│值班日│被投诉人│收到 │状态        │期限
         ▶   #1│06-03 │赵强    │06-08│已登记      │受理期限 2026-06-15 剩 7 天















         张桂兰：值班律师答复敷衍



        1帮助   2       3受理   4       5       6       7       8       9首页   10退出
        """) {
            Issue.record("\(diff)")
        }
        c.app.handle(.function(3))
        c.app.handle(.function(2))   // accepted today
        // Accepted 06-08: finish within 60 days → 08-07 (a Friday).
        #expect(c.fixture.render(c.app).text.contains("办结期限 2026-08-07 剩 60 天"))
        c.app.handle(.function(4))
        c.app.type("调取录音属实")
        c.app.handle(.function(2))
        c.app.handle(.function(6))
        c.app.type("y")
        text = c.fixture.render(c.app).text
        #expect(text.contains("✓ 已扣减"), "\(text)")
    }
}

import FayuanCore
import FayuanStore
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










        1帮助   2       3核定   4       5发放   6       7       8       9首页   10退出
        """) {
            Issue.record("\(diff)")
        }
        c.app.type("<Down>")
        let text = c.fixture.render(c.app).text
        #expect(text.contains("○ 待核定 2026-05-07 县中心　150元"), "\(text)")
    }
}

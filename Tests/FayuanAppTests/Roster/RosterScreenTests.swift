import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// The roster screen at 80×24 on a small county: the centre and two township stations, June 2026
/// (端午 6-19), the clock at 2026-06-08 09:30 China time.
@Suite(.serialized) struct RosterScreenTests {
    struct County {
        let fixture: AppFixture
        let app: App
        let reviewer: Operator
        let stations: [Station]
    }

    static func county(role: OperatorRole = .reviewer) throws -> County {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let bagong = try store.addStation(Station(code: "140525102", name: "巴公镇公共法律服务工作站", kind: .township, parentID: centre.id), by: nil)
        let gaodu = try store.addStation(Station(code: "140525103", name: "高都镇公共法律服务工作站", kind: .township, parentID: centre.id), by: nil)
        for (name, kind) in [("李明", ProviderKind.lawyer), ("王芳", .lawyer), ("赵强", .grassrootsWorker)] {
            _ = try store.addProvider(Provider(name: name, kind: kind, stationID: centre.id), by: nil)
        }
        _ = try store.addProvider(Provider(name: "周建国", kind: .lawyer, stationID: bagong.id), by: nil)
        _ = try store.addProvider(Provider(name: "郑伟", kind: .lawTeacher, stationID: gaodu.id), by: nil)
        let op = try store.addOperator(Operator(name: "孙丽", role: role, stationID: centre.id), by: nil)
        let session = Session(operatorRecord: op, station: centre)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.type("5")
        return County(fixture: fixture, app: app, reviewer: op, stations: [centre, bagong, gaodu])
    }

    @Test func generateShowsTheMonthOfTheCentreWithReasons() throws {
        let c = try Self.county()
        let empty = c.fixture.render(c.app).text
        #expect(empty.contains("本月尚未排班：按 F3 按规则生成"), "\(empty)")
        // June is planned before it starts (issue 19: a month already under way is planned only
        // from today on), then the clock is back at 06-08 09:30.
        c.fixture.clock.advance(seconds: -14 * 86_400)
        c.app.handle(.function(3))
        c.app.type("y")
        c.fixture.clock.advance(seconds: 14 * 86_400)
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 值班排班                        孙丽（审查人员）  2026-06-08 周一 09:30
         ◀ 县中心（1/3） ▶  2026-06  规则：zezhou-140525  未公示
         ✓ 本站 21 班，符合全部排班规则　←→ 换站点　, . 换月份
           日期 │星期│时间       │值班人员│签到  │签退  │考勤      │问题
         ▶ 06-01│周一│08:30–17:30│李明    │      │      │          │
           06-02│周二│08:30–17:30│王芳    │      │      │          │
           06-03│周三│08:30–17:30│赵强    │      │      │          │
           06-04│周四│08:30–17:30│李明    │      │      │          │
           06-05│周五│08:30–17:30│王芳    │      │      │          │
           06-08│周一│08:30–17:30│赵强    │      │      │          │
           06-09│周二│08:30–17:30│李明    │      │      │          │
           06-10│周三│08:30–17:30│王芳    │      │      │          │
           06-11│周四│08:30–17:30│赵强    │      │      │          │
           06-12│周五│08:30–17:30│李明    │      │      │          │
           06-15│周一│08:30–17:30│王芳    │      │      │          │
           06-16│周二│08:30–17:30│赵强    │      │      │          │
           06-17│周三│08:30–17:30│李明    │      │      │          │
           06-18│周四│08:30–17:30│王芳    │      │      │          │
           06-22│周一│08:30–17:30│赵强    │      │      │          │
                                                                            ↓ 还有 6 行
         理由：县中心每个工作日值班；李明：本站可排3人中累计值班最少（近3个月0次，本月
         已排0次），与王芳相同时按登记先后
        ✓ 已生成 2026-06 排班 30 班
        1帮助   2       3排班   4对调   5签到   6签退   7脱岗   8       9首页   10退出
        """) { Issue.record("\(diff)") }
    }

    @Test func attendanceSpotCheckAndRefusedSwap() throws {
        let c = try Self.county()
        // June is planned before it starts (issue 19: a month already under way is planned only
        // from today on), then the clock is back at 06-08 09:30.
        c.fixture.clock.advance(seconds: -14 * 86_400)
        c.app.handle(.function(3))
        c.app.type("y")
        c.fixture.clock.advance(seconds: 14 * 86_400)
        c.app.type("<Down><Down><Down><Down><Down>")   // 06-08, today
        c.app.handle(.function(5))                     // 签到 09:30: an hour late
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 值班排班                        孙丽（审查人员）  2026-06-08 周一 09:30
         ◀ 县中心（1/3） ▶  2026-06  规则：zezhou-140525  未公示
         ✓ 本站 21 班，符合全部排班规则　←→ 换站点　, . 换月份
           日期 │星期│时间       │值班人员│签到  │签退  │考勤      │问题
           06-01│周一│08:30–17:30│李明    │      │      │? 待核实  │
           06-02│周二│08:30–17:30│王芳    │      │      │? 待核实  │
           06-03│周三│08:30–17:30│赵强    │      │      │? 待核实  │
           06-04│周四│08:30–17:30│李明    │      │      │? 待核实  │
           06-05│周五│08:30–17:30│王芳    │      │      │? 待核实  │
         ▶ 06-08│周一│08:30–17:30│赵强    │09:30 │      │迟到      │
           06-09│周二│08:30–17:30│李明    │      │      │          │
           06-10│周三│08:30–17:30│王芳    │      │      │          │
           06-11│周四│08:30–17:30│赵强    │      │      │          │
           06-12│周五│08:30–17:30│李明    │      │      │          │
           06-15│周一│08:30–17:30│王芳    │      │      │          │
           06-16│周二│08:30–17:30│赵强    │      │      │          │
           06-17│周三│08:30–17:30│李明    │      │      │          │
           06-18│周四│08:30–17:30│王芳    │      │      │          │
           06-22│周一│08:30–17:30│赵强    │      │      │          │
                                                                            ↓ 还有 6 行
         理由：县中心每个工作日值班；赵强：本站可排3人中累计值班最少（近3个月0次，本月
         已排1次）
        ✓ 已签到 09:30：迟到60分钟
        1帮助   2       3排班   4对调   5签到   6签退   7脱岗   8       9首页   10退出
        """) { Issue.record("\(diff)") }
        c.app.handle(.function(7))                     // 抽查：脱岗
        c.app.handle(.function(4))                     // 对调：first duty
        c.app.type("<Right>")                          // 巴公
        c.app.handle(.function(4))                     // second duty: 周建国 is not a centre provider
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 值班排班                        孙丽（审查人员）  2026-06-08 周一 09:30
         ◀ 巴公镇（2/3） ▶  2026-06  规则：zezhou-140525  未公示
         ✗ “对调”有误：不能这样改：✗ 非本站人员（赵强不是巴公镇的值班人员）；✗ 非本站人
           日期 │星期│时间       │值班人员│签到  │签退  │考勤      │问题
         ▶ 06-02│周二│09:00–13:00│周建国  │      │      │? 待核实  │
           06-09│周二│09:00–13:00│周建国  │      │      │          │
           06-16│周二│09:00–13:00│周建国  │      │      │          │
           06-23│周二│09:00–13:00│周建国  │      │      │          │
           06-30│周二│09:00–13:00│周建国  │      │      │          │











         理由：每周一次，本站固定星期二；周建国：本站可排1人中累计值班最少（近3个月
         0次，本月已排0次）
        ✗ “对调”有误：不能这样改：✗ 非本站人员（赵强不是巴公镇的值班人员）；✗ 非本站人…
        1帮助   2       3排班   4对调   5签到   6签退   7脱岗   8       9首页   10退出
        """) { Issue.record("\(diff)") }
        c.app.type("<Left>")
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 值班排班                        孙丽（审查人员）  2026-06-08 周一 09:30
         ◀ 县中心（1/3） ▶  2026-06  规则：zezhou-140525  未公示
         ✓ 本站 21 班，符合全部排班规则　←→ 换站点　, . 换月份
           日期 │星期│时间       │值班人员│签到  │签退  │考勤      │问题
         ▶ 06-01│周一│08:30–17:30│李明    │      │      │? 待核实  │
           06-02│周二│08:30–17:30│王芳    │      │      │? 待核实  │
           06-03│周三│08:30–17:30│赵强    │      │      │? 待核实  │
           06-04│周四│08:30–17:30│李明    │      │      │? 待核实  │
           06-05│周五│08:30–17:30│王芳    │      │      │? 待核实  │
           06-08│周一│08:30–17:30│赵强    │09:30 │      │迟到 脱岗1│
           06-09│周二│08:30–17:30│李明    │      │      │          │
           06-10│周三│08:30–17:30│王芳    │      │      │          │
           06-11│周四│08:30–17:30│赵强    │      │      │          │
           06-12│周五│08:30–17:30│李明    │      │      │          │
           06-15│周一│08:30–17:30│王芳    │      │      │          │
           06-16│周二│08:30–17:30│赵强    │      │      │          │
           06-17│周三│08:30–17:30│李明    │      │      │          │
           06-18│周四│08:30–17:30│王芳    │      │      │          │
           06-22│周一│08:30–17:30│赵强    │      │      │          │
                                                                            ↓ 还有 6 行
         理由：县中心每个工作日值班；李明：本站可排3人中累计值班最少（近3个月0次，本月
         已排0次），与王芳相同时按登记先后

        1帮助   2       3排班   4对调   5签到   6签退   7脱岗   8       9首页   10退出
        """) { Issue.record("\(diff)") }
        c.app.type("s")
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 补贴明细 2026-06                孙丽（审查人员）  2026-06-08 周一 09:30
         2026-06　5 人　应发 50 元　本月未结束，月末后核定，待核实 7 班
           值班人员  │班次│应发   │已核定 │待核定 │状态      │说明
         ▶ 李明      │   2│      0│      0│      0│本月未结束│? 2 班待核实
           王芳      │   2│      0│      0│      0│本月未结束│? 2 班待核实
           赵强      │   2│     50│      0│     50│本月未结束│? 1 班待核实
           周建国    │   1│      0│      0│      0│本月未结束│? 1 班待核实
           郑伟      │   1│      0│      0│      0│本月未结束│? 1 班待核实



         ── 李明 明细 ──
         ? 待核实 2026-06-01 县中心　0元：县中心值班，县中心每人每天200元；未签到，待核
         实：确认不在岗则取消当天补贴并通报，已说明则照常发放；核实前不予核定
         ? 待核实 2026-06-04 县中心　0元：县中心值班，县中心每人每天200元；未签到，待核
         实：确认不在岗则取消当天补贴并通报，已说明则照常发放；核实前不予核定







        1帮助   2       3       4       5       6       7       8       9首页   10退出
        """) { Issue.record("\(diff)") }
    }

    @Test func dutyLawyerCannotChangeTheRoster() throws {
        let c = try Self.county(role: .dutyLawyer)
        c.app.handle(.function(3))
        if let diff = ScreenAssertions.diff(c.fixture.render(c.app), """
         法援 · 值班排班                        孙丽（值班律师）  2026-06-08 周一 09:30
         ◀ 县中心（1/3） ▶  2026-06  规则：zezhou-140525  未公示
         本月尚未排班：按 F3 按规则生成
           日期 │星期│时间       │值班人员│签到  │签退  │考勤      │问题
           （无记录）

















        ✗ 无权操作：值班律师不能编排值班表
        1帮助   2       3       4       5       6       7       8       9首页   10退出
        """) { Issue.record("\(diff)") }

    }
}

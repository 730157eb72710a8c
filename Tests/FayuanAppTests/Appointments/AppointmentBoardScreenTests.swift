import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 预约看板 on the grid backend: the whole day at 80×24, the week grid, the narrow week at 48×14,
/// booking from the form (green channel takes today's slot), no-show from the board.
@Suite("预约看板画面") struct AppointmentBoardScreenTests {
    struct Setup {
        let fixture: AppFixture
        let app: App
        let store: CaseStore
        let clerk: Operator
        let centre: Station
    }

    /// 泽州县中心 on 2026-06-08 (Mon) 09:30: two centre slots and a home slot today, one tomorrow;
    /// 赵大爷 booked at home (green channel, a limitation 06-12 → 先行提供), 李秀英 at 09:00.
    static func setUp(width: Int = 80, height: Int = 24, week: Bool = false) throws -> Setup {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let clerk = try store.addOperator(Operator(name: "王丽", role: .windowClerk, stationID: centre.id), by: nil)
        let calendar = fixture.environment.rules.calendar
        try store.openAppointmentSlots(stationID: centre.id!, day: "2026-06-08", times: [("09:00", "10:00"), ("10:00", "11:00")],
                                       mode: .centre, capacity: 2, by: clerk)
        try store.openAppointmentSlots(stationID: centre.id!, day: "2026-06-08", times: [("14:30", "16:30")], mode: .home, by: clerk)
        try store.openAppointmentSlots(stationID: centre.id!, day: "2026-06-09", times: [("09:00", "10:00")], mode: .centre, by: clerk)
        try store.bookAppointment(AppointmentRequest(stationID: centre.id!, channel: .window, purpose: .consultation, mode: .centre,
                                                     personName: "李秀英", phone: "13800001111", priorityReasons: [.migrantWorker],
                                                     bookedOn: "2026-06-08"), calendar: calendar, by: clerk)
        try store.bookAppointment(AppointmentRequest(stationID: centre.id!, channel: .phone, purpose: .homeIntake, mode: .home,
                                                     personName: "赵大爷", phone: "13935612345", priorityReasons: [.advancedAge],
                                                     accessibility: "方言", place: "巴公镇西郜村三组12号", limitationOn: "2026-06-12",
                                                     bookedOn: "2026-06-08"), calendar: calendar, by: clerk)
        let session = Session(operatorRecord: clerk, station: centre)
        let app = App(root: AppointmentBoardScreen(session: session, week: week), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.send(.resumed)
        return Setup(fixture: fixture, app: app, store: store, clerk: clerk, centre: centre)
    }

    @Test("日视图 80×24：时段、方式标记、已约/容量、绿色通道与先行提供、选中预约的详情")
    func dayAt80x24() throws {
        let s = try Self.setUp()
        let grid = s.fixture.render(s.app)
        let expected = """
         法援 · 预约看板                    王丽（窗口工作人员）  2026-06-08 周一 09:30
         泽州县公共法律服务中心 · 2026-06-08 星期一
          09:00–10:00 中 到中心  已约1/2  空1
         ▶  YY-20260608-001 李秀英 咨询 待确认［绿色通道］
          10:00–11:00 中 到中心  已约0/2  空2
          14:30–16:30 门 上门  已约1/1  约满
            YY-20260608-002 赵大爷 上门受理 待确认［绿色通道 先行提供］













         YY-20260608-001 李秀英 138****1111 咨询·到中心
         ↑↓ 选择  w 日/周  , . 前后  c 确认  p 上门服务包  r 次日电话名单  t 本月台账

        1帮助   2       3新预约 4改约   5取消   6爽约   7完成   8       9       10退出
        """
        let diff = ScreenAssertions.diff(grid, expected)
        #expect(diff == nil, "\(diff ?? "")")
        // ↓ chooses 赵大爷: the detail line names the place and the accessibility need.
        s.app.type("<Down>")
        let lines = s.fixture.render(s.app).lines
        #expect(lines[6].hasPrefix(" ▶  YY-20260608-002 赵大爷"))
        #expect(lines[20] == " YY-20260608-002 赵大爷 139****2345 上门受理·上门 巴公镇西郜村三组12号 需：方言")
    }

    @Test("周视图 80×24 与 48×14")
    func weekViews() throws {
        let s = try Self.setUp()
        s.app.type("w")
        let wide = s.fixture.render(s.app)
        let expected = """
         法援 · 预约看板                    王丽（窗口工作人员）  2026-06-08 周一 09:30
         泽州县公共法律服务中心 · 2026-06-08起一周
        时间   06-08 一  06-09 二  06-10 三  06-11 四  06-12 五  06-13 六  06-14 日
        09:00 ▶中李秀英  中空1     ·         ·         ·         ·         ·
        10:00  中空2     ·         ·         ·         ·         ·         ·
        14:30  门赵大爷  ·         ·         ·         ·         ·         ·














         YY-20260608-001 李秀英 138****1111 咨询·到中心
         ↑↓ 选择  w 日/周  , . 前后  c 确认  p 上门服务包  r 次日电话名单  t 本月台账

        1帮助   2       3新预约 4改约   5取消   6爽约   7完成   8       9       10退出
        """
        let diff = ScreenAssertions.diff(wide, expected)
        #expect(diff == nil, "\(diff ?? "")")
        // 48×14 is the large-text size (F11): the week becomes one line a day.
        s.app.handle(.function(11))
        let narrow = s.fixture.render(s.app, width: 48, height: 14)
        let expectedNarrow = """
         预约看板

          泽州县公共法律服务中心 · 2026-06-08起一周
          06-08 星期一  约2 空3
           ▶09:00 中 李秀英 待确认
            14:30 门 赵大爷 待确认
          06-09 星期二  约0 空1
          06-10 星期三  约0 空0
          06-11 星期四  约0 空0
          YY-20260608-001 李秀英 138****1111 咨询·到中…
          w日/周 ,.前后 p服务包 r电话单 t台账

         ℹ 已切换为大字模式（再按一次恢复）
         F1 帮助  F3 新预约  F4 改约  F5 取消  F11 大字
        """
        let diffNarrow = ScreenAssertions.diff(narrow, expectedNarrow)
        #expect(diffNarrow == nil, "\(diffNarrow ?? "")")
    }

    @Test("新预约：普通预约取下一个工作日的第一个空余时段；选中后记爽约")
    func bookFromTheFormThenNoShow() throws {
        let s = try Self.setUp()
        s.app.handle(.function(3))
        #expect(s.app.top.title == "预约登记")
        // 姓名, 电话, then the selects keep their defaults; 绿色通道 = 高龄 by typing its label.
        s.app.type("孙桂兰<Tab>13700001234<F2>")
        let status = s.fixture.render(s.app).text
        #expect(status.contains("已预约 YY-20260608-003：2026-06-09 09:00–10:00（到中心）"), "\(status)")
        #expect(s.app.top.title == "预约看板")
        // The board shows it; choose 李秀英 (first) and mark no-show.
        #expect(try s.store.appointments(stationID: s.centre.id, from: "2026-06-09", to: "2026-06-09").map(\.personName) == ["孙桂兰"])
        s.app.handle(.function(6))
        #expect(s.fixture.render(s.app).text.contains("记爽约：YY-20260608-001 李秀英"))
        s.app.type("y")
        #expect(try s.store.appointment("YY-20260608-001").status == .noShow)
        #expect(s.fixture.render(s.app).text.contains("已记爽约：YY-20260608-001"))
    }
}

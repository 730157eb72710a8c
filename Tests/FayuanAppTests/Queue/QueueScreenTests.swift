import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

@Suite struct QueueScreenTests {
    /// A store with the county centre, three tickets issued a minute apart (the third for an
    /// elderly person), and a window clerk's session at that centre.
    func fixtureWithTickets() throws -> (AppFixture, Session, Station) {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let session = Session(operatorRecord: Operator(name: "王丽", role: .windowClerk), station: station)
        let day = QueueFormat.day(fixture.clock.read(), timeZone: fixture.environment.timeZone)
        for (service, reason) in [("consultation", nil), ("application", nil), ("consultation", "elderly")] as [(String, String?)] {
            _ = try store.issueTicket(station: station, service: QueueService.named(service)!, priorityReason: reason, on: day)
            fixture.clock.advance(seconds: 60)
        }
        fixture.clock.advance(seconds: 5 * 60)
        return (fixture, session, station)
    }

    @Test func windowScreenListsPriorityFirstAndCalls() throws {
        let (fixture, session, _) = try fixtureWithTickets()
        let app = App(root: QueueWindowScreen(session: session, window: "2"), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.tick()
        let before = fixture.render(app)
        let expected = """
         法援 · 排队叫号 · 2号窗口          王丽（窗口工作人员）  2026-06-08 周一 09:38
         泽州县公共法律服务中心　本终端：2号窗口　等候 3 人（优先 1 人）
         ┌─ 本窗口当前号码 ───────────────────────────────────────────────────────────┐
         │ （无）按 n 取号，按 F3 叫下一位                                            │
         │                                                                            │
         └────────────────────────────────────────────────────────────────────────────┘
           号码  │业务    │优先                                  │状态    │取号 │已等
         ▶ A002  │咨询    │★优先·老年人                          │等候    │09:32│   6分
           A001  │咨询    │普通                                  │等候    │09:30│   8分
           B001  │申请    │普通                                  │等候    │09:31│   7分











         规则：优先号先叫；连续叫 3 个优先号后，普通号等候满 10 分钟则先叫普通号

        1帮助   2       3叫号   4       5       6       7       8       9       10退出
        """
        if let diff = ScreenAssertions.diff(before, expected) { Issue.record("\(diff)") }

        app.handle(.function(3))
        let called = fixture.render(app)
        #expect(called.contains("A002　咨询　★优先·老年人　【已叫号】"), "\(called.text)")
        #expect(called.contains("已叫 A002（优先号先叫）"), "\(called.text)")
        #expect(called.contains("等候 2 人（优先 0 人）"))
        #expect(called.line(23).contains("4重呼") && called.line(23).contains("7办理"), "\(called.line(23))")

        // Recall, then F7 starts service and F7 again finishes it.
        app.handle(.function(4))
        #expect(fixture.render(app).contains("已重呼 A002（第 1 次）"))
        app.handle(.function(7))
        #expect(fixture.render(app).contains("【办理中】"))
        app.handle(.function(7))
        let done = fixture.render(app)
        #expect(done.contains("A002 已办结"), "\(done.text)")
        #expect(done.contains("（无）按 n 取号，按 F3 叫下一位"))
    }

    @Test func skipNoShowTransferAndWindowNumber() throws {
        let (fixture, session, station) = try fixtureWithTickets()
        let app = App(root: QueueWindowScreen(session: session, window: "2"), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.tick()
        app.handle(.function(3))            // A002
        app.handle(.function(5))            // 过号
        #expect(fixture.render(app).contains("A002 已过号，排到等候队尾"))
        #expect(fixture.render(app).contains("过号待叫"))
        // 过号 put A002 behind those waiting, as it says: the next call is A001, not A002 again
        // (issue 18: a passed priority ticket used to be called straight back).
        app.handle(.function(3))
        #expect(fixture.render(app).contains("已叫 A001"), "\(fixture.render(app).text)")
        app.handle(.function(6))            // 未到 asks first (the default answer is 否)
        #expect(fixture.render(app).contains("确定将 A001 记为未到吗？"))
        app.type("y")
        #expect(fixture.render(app).contains("A001 已记为未到"), "\(fixture.render(app).text)")
        // Transfer B001 to window 3: it leaves this window's list.
        app.handle(.function(3))            // B001 (A002 went to the end of the queue)
        app.type("t3<Enter>")
        let moved = fixture.render(app)
        #expect(moved.contains("B001 已转到3 号窗口，保留原排队顺序"), "\(moved.text)")
        #expect(!moved.contains("B001  │"))
        // Switching this terminal to window 3 shows A001 first, marked as transferred in.
        app.type("w<C-u>3<Enter>")
        let window3 = fixture.render(app)
        #expect(window3.contains("本终端：3号窗口"), "\(window3.text)")
        #expect(window3.contains("B001  │申请    │普通                                  │转入"), "\(window3.text)")
        let day = QueueFormat.day(fixture.clock.read(), timeZone: fixture.environment.timeZone)
        #expect(try fixture.environment.store.ticket(station: station, code: "A001", on: day).endReason == "no_show")
        #expect(try fixture.environment.store.ticket(station: station, code: "A002", on: day).ticketStatus == .skipped)
    }

    @Test func issueScreenPrintsSlipWithPriority() throws {
        let (fixture, session, _) = try fixtureWithTickets()
        let app = App(root: TicketIssueScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        // 取件 (E) is the fifth service, with its own number series (E001); 孕妇 is typed as a filter
        // on the reason list. Only the elderly person's A002 is called before it: 前面还有 1 人.
        app.type("<Down><Down><Down><Down><Tab>孕妇<F2>")
        let grid = fixture.render(app)
        let expected = """
         法援 · 取号                        王丽（窗口工作人员）  2026-06-08 周一 09:38

          业务类型            优先原因（绿色通道）    ┌─ 排队号 ───────────────┐
          ▶ A  咨询           ▶ 无（普通号）          │ 泽州县公共法律服务中心 │
            B  申请             ★ 老年人              │          E001          │
            C  补交材料         ★ 残疾人              │       业务：取件       │
            D  其他             ★ 农民工讨薪          │       ★优先·孕妇       │
            E  取件             ★ 军人                │   前面还有 1 人等候    │
                                ★ 军属                │ 2026-06-08 09:38 取号  │
                                ★ 退役军人            │  请留意叫号屏幕和广播  │
                                ★ 烈士遗属            └────────────────────────┘
                                ★ 未成年人
                                ★ 重病患者
                                ★ 孕妇
                                ★ 怀抱婴儿            ▀██▀▀██ ▄█▀▀▀█▄ ▄█▀▀▀█▄   ▄██
                                ★ 其他优先             ██ ▄ ▀ ██  ▄██ ██  ▄██  ▀▀██
                                                       ██▀█   ██▄█▀██ ██▄█▀██    ██
                                                       ██   ▄ ██▀  ██ ██▀  ██    ██
                                                      ▄██▄▄██ ▀█▄▄▄█▀ ▀█▄▄▄█▀  ▄▄██▄▄


          ↑↓ 选择，Tab 切换，F2 / Ctrl-S 或在优先原因上回车即取号
        ✓ 已取号 E001
        1帮助   2保存   3       4       5       6       7       8       9       10退出
        """
        if let diff = ScreenAssertions.diff(grid, expected) { Issue.record("\(diff)") }
    }
}

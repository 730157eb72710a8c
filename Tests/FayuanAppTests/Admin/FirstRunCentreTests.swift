import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// First run ends in a working centre (issue 16): administrator → centre → home; the window a
/// terminal serves is remembered per terminal and changing it moves nothing already called
/// (issue 18).
@Suite struct FirstRunCentreTests {
    static func firstRunApp(_ fixture: AppFixture) throws -> App {
        try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
    }

    @Test func administratorThenCentreWithRegionShownBack() throws {
        let fixture = try AppFixture()
        let app = try Self.firstRunApp(fixture)
        app.type("张敏<Tab>246810<Tab>246810<Enter>")
        Self.expect(fixture.render(app), Self.setupScreen, "设置本中心")
        app.type("<Tab>泽州县公共法律服务中心<Tab>140525")
        var text = fixture.render(app).text
        #expect(text.contains("→ 山西省 晋城市 泽州县"), "\(text)")
        app.type("<Ctrl-U>990000")
        text = fixture.render(app).text
        #expect(text.contains("⚠ 未知地区：请核对代码"), "\(text)")
        // Submitting an unknown region asks first; "no" keeps the form.
        app.type("<Tab><Tab><Tab><Enter>")
        text = fixture.render(app).text
        #expect(text.contains("地区代码 990000 不在地区表中（未知地区）"), "\(text)")
        app.type("<Right><Enter>")
        #expect(try fixture.environment.store.allStations().isEmpty)
        app.type("<Shift-Tab><Shift-Tab><Shift-Tab><Ctrl-U>140525<Tab><Tab><Tab><Enter>")
        Self.expect(fixture.render(app), Self.doneScreen, "设置完成")
        let station = try #require(try fixture.environment.store.allStations().first)
        #expect(station.code == "140525000" && station.kind == .countyCentre)
        #expect(try fixture.environment.store.serviceWindows(stationID: station.id!).map(\.number) == ["1", "2"])
        app.type("<Enter>")
        text = fixture.render(app).text
        #expect(text.contains("请选择要办理的事项") && text.contains("8. 管理"), "\(text)")
        #expect(app.session?.station?.id == station.id)
    }

    @Test func escapeLeavesTheCentreForLater() throws {
        let fixture = try AppFixture()
        let app = try Self.firstRunApp(fixture)
        app.type("张敏<Tab>246810<Tab>246810<Enter><Esc>")
        let text = fixture.render(app).text
        #expect(text.contains("请选择要办理的事项") && text.contains("8. 管理"), "\(text)")
        #expect(try fixture.environment.store.allStations().isEmpty)
    }

    @Test func demoStationsInsteadOfTypingTheCentre() throws {
        let fixture = try AppFixture()
        let app = try Self.firstRunApp(fixture)
        app.type("张敏<Tab>246810<Tab>246810<Enter>")
        app.type("<Down>")
        var text = fixture.render(app).text
        #expect(text.contains("载入泽州县公共法律服务中心及各乡镇工作站"), "\(text)")
        app.type("<Enter>")
        text = fixture.render(app).text
        #expect(text.contains("✓ 本中心已设置：泽州县公共法律服务中心"), "\(text)")
        #expect(text.contains("窗口：1 号、2 号、3 号"), "\(text)")
        #expect(try fixture.environment.store.allStations().count == 17)
    }

    @Test func windowIsRememberedPerTerminalAndNotChangedUnderACalledTicket() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let session = Session(operatorRecord: Operator(name: "王丽", role: .windowClerk), station: station)
        let terminal = TerminalSettings(path: fixture.directory + "/config/fayuan/terminal.toml", key: "窗口机:/dev/pts/7")
        let other = TerminalSettings(path: terminal.path, key: "窗口机:/dev/pts/8")
        try other.remember(window: "5")
        let day = QueueFormat.day(fixture.clock.read(), timeZone: fixture.environment.timeZone)
        _ = try store.issueTicket(station: station, service: QueueService.named("consultation")!, priorityReason: nil, on: day)
        // Before the fix the window was "1" on every start.
        let app = App(root: QueueWindowScreen(session: session, terminal: terminal), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.tick()
        #expect(fixture.render(app).text.contains("本终端：1号窗口"))
        app.type("w<Ctrl-U>3<Enter>")
        #expect(fixture.render(app).text.contains("本终端现为 3 号窗口（下次启动仍是）"))
        #expect(terminal.window == "3" && other.window == "5", "只改本终端，不动其他终端")
        let restarted = App(root: QueueWindowScreen(session: session, terminal: terminal), keymap: try AppFixture.keymap(),
                            environment: fixture.environment, session: session)
        restarted.tick()
        #expect(fixture.render(restarted).text.contains("本终端：3号窗口"))
        // A called ticket stays where it was called: the number cannot change under it.
        restarted.handle(.function(3))
        #expect(fixture.render(restarted).text.contains("已叫 A001"))
        restarted.type("w<Ctrl-U>4<Enter>")
        let text = fixture.render(restarted).text
        #expect(text.contains("A001 仍在本窗口（已叫号）：请先办结、过号或转移，再更换窗口号"), "\(text)")
        #expect(text.contains("本终端：3号窗口"), "\(text)")
        #expect(try store.queueTickets(station: station, on: day).first?.window == "3")
        #expect(terminal.window == "3")
    }

    @Test func windowNumberMustBeOneOfTheStationsWindows() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let centre = try store.setUpCentre(CentreSetup(name: "泽州县公共法律服务中心", regionCode: "140525", kind: .countyCentre,
                                                       windows: [("1", ["consultation"]), ("2", ["application"])]), by: .operatorRecord(admin))
        let session = Session(operatorRecord: Operator(name: "王丽", role: .windowClerk), station: centre)
        let terminal = TerminalSettings(path: fixture.directory + "/config/fayuan/terminal.toml", key: "窗口机:/dev/pts/9")
        let app = App(root: QueueWindowScreen(session: session, terminal: terminal), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.tick()
        app.type("w<Ctrl-U>5<Enter>")
        var text = fixture.render(app).text
        #expect(text.contains("本站点没有在用的 5 号窗口（在用：1、2）"), "\(text)")
        #expect(text.contains("本终端：1号窗口") && terminal.window == nil, "\(text)")
        app.type("w<Ctrl-U>2<Enter>")
        text = fixture.render(app).text
        #expect(text.contains("本终端：2号窗口") && terminal.window == "2", "\(text)")
    }

    static func expect(_ grid: GridCanvas, _ expected: String, _ name: String) {
        AdminScreenTests.expectScreen(grid, expected, name)
    }

    static let setupScreen = """
     法援 · 首次使用：设置本中心                              2026-06-08 周一 09:30
      ┌─ 首次使用：设置本中心 ───────────────────────────────────────────────────┐
      │ 管理员 张敏 已创建。下面设置本中心，设好后窗口工作人员即可取号叫号。     │
      │                                                                          │
      │ ▶ 设置方式  ◉ 1 手工填写本中心  ○ 2 载入演示地区（泽州县）的站点         │
      │                                                                          │
      │   名称      例如：泽州县公共法律服务中心                                 │
      │   地区代码  如 140525   GB/T 2260 行政区划代码                           │
      │   类型      ◉ 1 县级中心  ○ 2 乡镇工作站  ○ 3 联络点                     │
      │   窗口数    2     个服务窗口，编号 1、2、3……                             │
      │   办理业务   [✓] A 咨询                                                  │
      │              [✓] B 申请                                                  │
      │              [✓] C 补交材料                                              │
      │              [✓] D 其他                                                  │
      │              [✓] E 取件                                                  │
      │                                                                          │
      │                                                                          │
      │                                                                          │
      │                                                                          │
      │ Tab 换栏 · ↑↓ 选择 · 空格勾选 · 最后一栏按 Enter 保存 · Esc 以后再设     │
      └──────────────────────────────────────────────────────────────────────────┘


    1帮助   2       3       4       5       6       7       8       9       10退出
    """
    static let doneScreen = """
     法援 · 首次使用：设置完成                                2026-06-08 周一 09:30
      ┌─ 首次使用：设置完成 ─────────────────────────────────────────────────────┐
      │ ✓ 本中心已设置：泽州县公共法律服务中心                                   │
      │   地区：山西省 晋城市 泽州县　窗口：1 号、2 号                           │
      │                                                                          │
      │ 下一步：添加窗口工作人员（每人一个账号）                                 │
      │   1. 按 Enter 进入首页，按 8 进入“管理”，再按 2 进入“操作员”；           │
      │   2. 按 F3 新增：填姓名，角色选“窗口工作人员”，设 PIN，按 F2 保存；      │
      │   3. 按 F12 锁屏，工作人员选自己的名字、输入 PIN 登录；                  │
      │   4. 工作人员按 1 进入“排队叫号”：按 n 取号，按 F3 叫号。                │
      │                                                                          │
      │ 律师、站点、系统设置都在“8 管理”中；按 F1 查看当前画面的按键。           │
      │                                                                          │
      │ 按 Enter 进入首页                                                        │
      │                                                                          │
      │                                                                          │
      │                                                                          │
      │                                                                          │
      │                                                                          │
      │                                                                          │
      └──────────────────────────────────────────────────────────────────────────┘


    1帮助   2       3       4       5       6       7       8       9       10退出
    """
}

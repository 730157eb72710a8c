import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
@testable import FayuanApp

@Suite struct LockTests {
    /// An app behind the real login gate with two operators (fast KDF for tests).
    func makeApp(_ fixture: AppFixture) throws -> (App, Operator, Operator) {
        let store = fixture.environment.store
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .commandLine, kdfRounds: 1000)
        let app = try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
        return (app, admin, clerk)
    }

    @Test func loginLockAndHandOverKeepEachOperatorsScreens() throws {
        let fixture = try AppFixture()
        let (app, _, _) = try makeApp(fixture)
        #expect(fixture.render(app).text.contains("请选择操作员并输入 PIN 登录"))
        // 张敏 is first in the list; log in.
        app.type("<Tab>246810<Enter>")
        #expect(app.session?.operatorName == "张敏")
        app.run([.push(NoteScreen(text: "张三丰咨询工资"))])
        app.handle(.function(12))
        var screen = fixture.render(app).text
        #expect(app.session == nil)
        #expect(screen.contains("本终端已由 张敏 锁定，屏幕内容已隐藏。"))
        #expect(!screen.contains("张三丰"), "锁屏画面不得显示原画面内容")
        // 李娜 takes over: pick her in the list, enter her PIN.
        app.type("<Shift-Tab>李<Tab>482615<Enter>")
        #expect(app.session?.operatorName == "李娜")
        screen = fixture.render(app).text
        #expect(screen.contains("李娜（窗口工作人员）"))
        #expect(!screen.contains("张三丰"), "下一位操作员不得看到上一位的未保存内容")
        #expect(app.top.title == "首页")
        // She locks; 张敏 unlocks and finds her unsaved note as she left it.
        app.handle(.function(12))
        app.type("<Shift-Tab>张<Tab>246810<Enter>")
        #expect(app.session?.operatorName == "张敏")
        #expect(fixture.render(app).text.contains("备注：张三丰咨询工资"))
        let actions = try fixture.environment.store.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE entity IN ('session', 'operator') ORDER BY id")
        }
        #expect(actions.filter { $0 == "lock" }.count == 2)
        #expect(actions.contains("unlock"))
        #expect(actions.filter { $0 == "login" }.count == 3)
    }

    @Test func idleTerminalLocksItself() throws {
        let fixture = try AppFixture()
        let (app, _, _) = try makeApp(fixture)
        app.type("<Tab>246810<Enter>")
        #expect(app.idleLockAfter == 300, "默认闲置 5 分钟锁屏")
        fixture.clock.advance(seconds: 299)
        app.tick()
        #expect(app.session != nil)
        app.handle(.down)                      // a key resets the idle timer
        fixture.clock.advance(seconds: 299)
        app.tick()
        #expect(app.session != nil)
        fixture.clock.advance(seconds: 2)
        app.tick()
        #expect(app.session == nil)
        #expect(fixture.render(app).text.contains("已锁屏"))
    }

    @Test func wrongPINIsShownAtTheField() throws {
        let fixture = try AppFixture()
        let (app, _, _) = try makeApp(fixture)
        app.type("<Tab>111111<Enter>")
        #expect(app.session == nil)
        #expect(fixture.render(app).text.contains("⚠ PIN 不正确，还可再试 4 次"))
    }

    @Test func firstRunCreatesTheAdministrator() throws {
        let fixture = try AppFixture()
        let app = try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
        #expect(fixture.render(app).text.contains("这是一个新的案件库，还没有任何操作员。"))
        app.type("王建国<Tab>12345<Tab>12345<Enter>")
        #expect(fixture.render(app).text.contains("PIN 须为至少 6 位数字"), "PIN 规则在界面上说明")
        #expect(app.session == nil)
    }
}

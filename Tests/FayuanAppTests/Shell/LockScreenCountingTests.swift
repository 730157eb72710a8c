import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
@testable import FayuanApp

/// Issue 17, finding 8: on the lock screen a failed PIN counts only against the operator actually
/// chosen; a PIN typed into the operator list is never shown; quit and lock cannot be unbound.
@Suite struct LockScreenCountingTests {
    func makeApp(_ fixture: AppFixture) throws -> (App, Operator) {
        let store = fixture.environment.store
        let clerk = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        _ = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .commandLine, kdfRounds: 1000)
        let app = try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
        return (app, clerk)
    }

    @Test func aFilterMatchingNobodyCountsAgainstNobody() throws {
        let fixture = try AppFixture()
        let (app, zhang) = try makeApp(fixture)
        app.type("<Tab>246810<Enter>")
        #expect(app.session?.operatorName == "张敏")
        app.handle(.function(12))
        #expect(app.session == nil)
        // A colleague filters for a name that is not there and types their PIN, six times over.
        for _ in 0..<6 {
            app.type("<Shift-Tab>王<Tab>135790<Enter>")
            let screen = fixture.render(app).text
            #expect(screen.contains("没有与“王”匹配的操作员：PIN 未验证，不计错误次数"), "\(screen)")
            app.type("<Ctrl-U><Tab>")  // clear the filter, back to the PIN field
        }
        let after = try #require(try fixture.environment.store.operatorRecord(id: zhang.id!))
        #expect(after.failedAttempts == 0, "锁屏的操作员不应因别人的筛选失误被计错")
        #expect(after.lockedUntil == nil)
        let failures = try fixture.environment.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action IN ('login_failed', 'login_locked')") ?? 0
        }
        #expect(failures == 0)
        // 张敏 can still unlock at once.
        app.type("<Shift-Tab><Ctrl-U><Tab>246810<Enter>")
        #expect(app.session?.operatorName == "张敏")
    }

    @Test func aWrongPINCountsAgainstTheOperatorShown() throws {
        let fixture = try AppFixture()
        let (app, zhang) = try makeApp(fixture)
        app.type("<Tab>246810<Enter>")
        app.handle(.function(12))
        // 李娜 picks herself by name and mistypes her PIN: it counts against her, not 张敏.
        app.type("<Shift-Tab>李<Tab>111111<Enter>")
        let store = fixture.environment.store
        #expect(try store.operatorRecord(id: zhang.id!)?.failedAttempts == 0)
        let li = try #require(try store.operators().first { $0.name == "李娜" })
        #expect(li.failedAttempts == 1)
    }

    @Test func digitsTypedInTheOperatorListAreMaskedInThePINField() throws {
        let fixture = try AppFixture()
        let (app, _) = try makeApp(fixture)
        // Focus starts on the operator list; the clerk types the PIN straight away.
        app.type("246810")
        let screen = fixture.render(app).text
        #expect(!screen.contains("246810"), "PIN 不得明文显示：\n\(screen)")
        #expect(screen.contains("●●●●●●"))
        #expect(screen.contains("数字已输入 PIN 栏（不显示）"))
        app.type("<Enter>")
        #expect(app.session?.operatorName == "张敏")
    }

    @Test func keymapsCannotUnbindQuitOrLock() throws {
        let dir = NSTemporaryDirectory() + "fayuan-keymap-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (action, label) in [("quit", "退出"), ("lock", "锁屏")] {
            let path = dir + "/\(action).toml"
            try "name = \"我的键位\"\n[app]\n\(action) = []\n".write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try KeymapLoader.load(selection: path, systemPath: "/nonexistent", userPath: "/nonexistent")
                Issue.record("解除 app.\(action) 的键位文件应被拒绝")
            } catch {
                #expect(error.line == 3)
                #expect(error.source == path)
                #expect(error.description.contains("不能解除 app.\(action)（\(label)）的按键绑定"), "\(error)")
            }
            // The user's own file is refused the same way.
            do {
                _ = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: path)
                Issue.record("用户键位文件解除 app.\(action) 也应被拒绝")
            } catch {
                #expect(error.line == 3)
            }
        }
        // Moving them to other keys is allowed.
        let moved = dir + "/moved.toml"
        try "[app]\nquit = [\"Ctrl-Q\"]\nlock = [\"F11\"]\nlarge_text = []\n".write(toFile: moved, atomically: true, encoding: .utf8)
        let keymap = try KeymapLoader.load(selection: moved, systemPath: "/nonexistent", userPath: "/nonexistent")
        #expect(keymap.keys(for: "app.quit") == [Key(name: "Ctrl-Q")!])
    }
}

import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 接口令牌 (issue 17): an operator makes a token for an integration — shown once in full, stored
/// as its SHA-256 — sees it listed, and revokes it; the command line then refuses it.
@Suite struct TokensScreenTests {
    @Test func makeShowOnceListAndRevoke() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .commandLine, kdfRounds: 1000)
        let session = Session(operatorRecord: clerk)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.type("t")
        #expect(app.top.title == "接口令牌")
        app.type("<Enter>")
        #expect(fixture.render(app).text.contains("用途：请写明令牌给谁用"))
        app.type("热线平台<Enter>")
        let made = try #require(try store.tokens(by: clerk).first)
        var lines = fixture.render(app).lines
        let tokenLine = try #require(lines.firstIndex { $0.contains("fyt_") })
        let secret = lines[tokenLine].trimmingCharacters(in: .whitespaces)
        #expect(try store.authenticate(token: secret).name == "李娜", "画面上的令牌应能通过验证")
        lines[tokenLine] = lines[tokenLine].replacingOccurrences(of: secret, with: "⟨令牌⟩")
        lines = lines.map { $0.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, with: "⟨时间⟩          ", options: .regularExpression) }
        let expected = """
         法援 · 接口令牌                    李娜（窗口工作人员）  2026-06-08 周一 09:30
         供热线平台等程序调用命令行（FAYUAN_TOKEN 或 --token-file），权限同你本人。

         ▶新令牌用途
         新令牌（热线平台）只显示这一次，请立即抄存：
         ⟨令牌⟩

           编号 │操作员    │用途           │新建（UTC）     │最近使用        │状态
         ▶     1│李娜      │热线平台       │⟨时间⟩          │—               │✓ 有效
        """
        let diff = ScreenAssertions.diff(actual: Array(lines.prefix(9)), expected: expected.components(separatedBy: "\n"))
        #expect(diff == nil, "\(diff ?? "")")
        // Only the hash is kept.
        let hashes = try store.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM operator_token") }
        #expect(hashes.count == 1 && !hashes[0].contains(secret) && hashes[0].count == 64)
        // Leaving and coming back: the token is not shown again.
        app.type("<Esc>")
        app.type("t")
        #expect(!fixture.render(app).text.contains(secret))
        // Revoke from the list.
        app.type("<Tab><Enter>")
        #expect(fixture.render(app).text.contains("撤销 李娜 的接口令牌 #\(made.id)（热线平台）？"))
        app.type("y")
        #expect(fixture.render(app).text.contains("✗ 已撤销"))
        #expect(throws: AuthenticationFailure.self) { try store.authenticate(token: secret) }
        let actions = try store.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE entity = 'operator_token' ORDER BY id")
        }
        #expect(actions == ["create", "revoke", "login_refused"])
    }
}

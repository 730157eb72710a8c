import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
@testable import FayuanApp

@Suite struct AuditScreenTests {
    @Test func administratorSeesTheTrailAndTheChainStatus() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .operatorRecord(admin), kdfRounds: 1000)
        _ = try store.login(operatorID: clerk.id!, pin: "111111")
        let session = Session(operatorRecord: admin)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.handle(.character("8"))   // 管理
        app.handle(.character("7"))   // 审计日志
        let text = fixture.render(app, width: 100, height: 30).text
        #expect(text.contains("✓ 审计链完整（共 3 条记录）"), "\(text)")
        #expect(text.contains("PIN 错误"), "\(text)")
        #expect(text.contains("新建操作员 李娜（窗口工作人员）"), "\(text)")
        // Filter by operator 李娜: type-to-filter in the operator list, Enter to query.
        app.type("<Tab>李<Enter>")
        let filtered = fixture.render(app, width: 100, height: 30).text
        #expect(filtered.contains("PIN 错误"))
        #expect(!filtered.contains("新建操作员 李娜"), "\(filtered)")
    }

    @Test func onlyAdministratorsMayReadTheTrail() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .operatorRecord(admin), kdfRounds: 1000)
        #expect(throws: PermissionDenied(role: .windowClerk, permission: .viewAudit)) {
            try store.auditEntries(AuditFilter(), by: clerk)
        }
        let home = Console.homeScreen(session: Session(operatorRecord: clerk))
        #expect(!home.items.contains { $0.title == "管理" }, "窗口人员的菜单中不出现管理（含审计日志）")
    }
}

import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
@testable import FayuanApp

@Suite struct RulesScreenTests {
    func open() throws -> (AppFixture, App) {
        let fixture = try AppFixture()
        let session = Session(operatorRecord: Operator(name: "李娜", role: .windowClerk))
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.handle(.character("7"))
        return (fixture, app)
    }

    @Test func browseShowsLayersRulesAndTheSource() throws {
        let (fixture, app) = try open()
        var text = fixture.render(app, width: 100, height: 30).text
        #expect(text.contains("中华人民共和国法律援助法"), "\(text)")
        #expect(text.contains("法律援助法 · "), "\(text)")
        #expect(text.contains("来源：rules/national/"), "\(text)")
        // Choose 泽州县 by typing its region code, then look at its rules.
        app.type("140525<Enter>")
        text = fixture.render(app, width: 100, height: 30).text
        #expect(text.contains("泽州县"), "\(text)")
        #expect(!text.contains("▶ cn.notify.25-1-1"), "选择地方规则层后应显示其规则：\(text)")
    }

    @Test func scenarioScreensLiveAsFieldsChange() throws {
        let (fixture, app) = try open()
        app.handle(.function(5))
        var text = fixture.render(app, width: 100, height: 30).text
        // Default scenario: wage arrears in 赣榆区 (2026-06-08): in scope, local waiver of the means test.
        #expect(text.contains("✓ 符合法律援助条件"), "\(text)")
        #expect(text.contains("审查期限：2026-06-15 前作出决定"), "\(text)")
        #expect(text.contains("赣司〔2021〕7号"), "\(text)")
        // Switch the matter to criminal: a defendant facing a possible life sentence without a defender.
        app.type("<Tab><Tab><Tab><Tab>刑<Tab><Tab><Tab><Tab><Tab>是")
        text = fixture.render(app, width: 100, height: 30).text
        #expect(text.contains("途径：通知辩护"), "\(text)")
        #expect(text.contains("法律援助法第二十五条第一款第四项"), "\(text)")
        // A bad date is named at the result, not silently ignored.
        app.type(String(repeating: "<Shift-Tab>", count: 8) + "<Ctrl-U>2026-02-30")
        text = fixture.render(app, width: 100, height: 30).text
        #expect(text.contains("✗ 申请日期"), "\(text)")
    }
}

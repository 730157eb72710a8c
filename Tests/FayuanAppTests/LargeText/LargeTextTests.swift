import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

@Suite struct LargeTextTests {
    @Test func f11SwitchesToTheLargeLayoutAndIsRememberedPerOperator() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let app = try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
        app.type("<Tab>246810<Enter>")
        // A terminal with an enlarged font: 44×14 is too small for the normal layout…
        var text = fixture.render(app, width: 44, height: 14).text
        #expect(text.contains("窗口太小"), "\(text)")
        #expect(text.contains("F11"), "应提示可用大字模式：\(text)")
        // …and right for large text.
        app.handle(.function(11))
        text = fixture.render(app, width: 44, height: 14).text
        let expected = """
         首页

         请按数字选择：

         ▶ 1  排队叫号
           5  值班
           6  报表
           7  规则库
           8  管理
           9  键位表
           0  我的今天

         ℹ 已切换为大字模式（再按一次恢复）
         F1 帮助  F11 大字  Alt-l 行距
        """
        let diff = ScreenAssertions.diff(fixture.render(app, width: 44, height: 14), expected)
        #expect(diff == nil, "\(diff ?? "")")
        // The choice follows the operator to the next login.
        app.handle(.function(12))
        app.type("246810<Enter>")
        #expect(app.session?.operatorName == "张敏")
        #expect(app.largeText)
        app.handle(.function(11))
        #expect(!app.largeText)
        #expect(try store.operatorPreference(app.session!.operatorID, "large_text") == "0")
    }

    @Test func applicantReadBackIsOneThingPerPage() throws {
        let fixture = try AppFixture()
        let readBack = ReadBack(name: "张三丰", maskedID: "1101**********002X", matter: "追索劳动报酬（民事）",
                                decideBy: "2026年6月15日", missingDocuments: ["居民户口簿", "劳动合同或工资条"],
                                nextSteps: ["带齐材料后交到一号窗口", "结果会电话通知您"])
        let app = App(root: ApplicantViewScreen(readBack: readBack), keymap: try AppFixture.keymap(),
                      environment: fixture.environment)
        var text = fixture.render(app, width: 80, height: 24).text
        #expect(text.contains("请核对您的姓名和证件号码"))
        #expect(text.contains("证件号码：1101**********002X"))
        #expect(!text.contains("11010519491231002X"), "不得显示完整证件号码")
        // Either the name in block letters, or (no font installed) the name with the notice.
        #expect(text.contains("█") || text.contains("▀") || text.contains("未安装大字字库"), "\(text)")
        var headings: [String] = []
        for _ in 0..<5 {
            headings.append(text.components(separatedBy: "\n")[1].trimmingCharacters(in: .whitespaces))
            app.handle(.enter)
            text = fixture.render(app, width: 80, height: 24).text
        }
        #expect(headings == ["请核对您的姓名和证件号码", "您申请法律援助的事项", "法律援助中心将在这一天之前告诉您结果",
                             "还需要补交的材料", "接下来"], "\(headings)")
        #expect(text.contains("已是最后一页"))
        #expect(text.contains("结果会电话通知您"))
    }
}

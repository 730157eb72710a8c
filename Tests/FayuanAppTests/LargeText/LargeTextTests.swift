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
         F1 帮助  F5 配色  F6 键位  F11 大字
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

    static let readBack = ReadBack(name: "王小明", maskedID: "1405**********1234", matter: "追索劳动报酬（民事）",
                                   decideBy: "2026年12月17日",
                                   missingDocuments: ["居民户口簿", "劳动合同或工资条", "欠薪证明（工友证言）", "经济困难状况说明表"],
                                   bringDocuments: "请在 2026-12-17 之前把这些材料交到本中心受理窗口（工作日上班时间），可以请家人代交。",
                                   nextSteps: ["工作人员会审查您的申请，并在上面的日期之前告诉您结果。", "有疑问可以拨打 12348 公共法律服务热线。"])

    @Test func applicantReadBackIsOneFactPerPage() throws {
        let fixture = try AppFixture()
        let app = App(root: ApplicantViewScreen(readBack: Self.readBack), keymap: try AppFixture.keymap(),
                      environment: fixture.environment)
        var text = fixture.render(app, width: 80, height: 24).text
        #expect(text.contains("█") || text.contains("▀"), "the name in block letters: \(text)")
        #expect(!text.contains("证件号码"), "the ID has its own page")
        var headings: [String] = []
        var all = ""
        for _ in 0..<8 {
            headings.append(text.components(separatedBy: "\n")[1].trimmingCharacters(in: .whitespaces))
            all += text
            app.handle(.enter)
            text = fixture.render(app, width: 80, height: 24).text
        }
        #expect(headings == ["请核对您的姓名", "请核对您的证件号码", "您申请法律援助的事项", "法律援助中心将在这一天之前告诉您结果",
                             "还需要补交的材料", "接下来", "有疑问请打电话", "有疑问请打电话"], "\(headings)")
        #expect(all.contains("证件号码：1405**********1234"))
        #expect(!all.contains("140525"), "不得显示完整证件号码")
        #expect(all.contains("4. 经济困难状况说明表"), "the 4th missing document is shown at 80×24")
        #expect(all.contains("交到本中心受理窗口"))
        #expect(text.contains("12348") && text.contains("已是最后一页"))
    }

    /// Every text the read-back draws, on every page, at every size: no two overlap (the old
    /// screen drew the ID line over the big name, so 王 read as 干), and what does not fit is
    /// reachable with ↓.
    @Test func noTwoTextsOverlapOnTheReadBackAtAnySize() throws {
        var screen = ApplicantViewScreen(readBack: Self.readBack)
        let pageCount = screen.pages.count
        for (width, height) in [(80, 24), (48, 14), (40, 12), (120, 40)] {
            // The screen's area in the frame: rows 1…h-3 (title, status and key bar around it).
            let area = Rect(x: 0, y: 1, width: width, height: height - 3)
            screen = ApplicantViewScreen(readBack: Self.readBack)
            for _ in 0..<pageCount {
                var seen: Set<String> = []
                for _ in 0..<12 {
                    let (placed, hidden, _) = screen.layout(area: area)
                    for i in placed.indices {
                        let r = placed[i].rect
                        #expect(r.x >= area.x && r.maxX <= area.maxX && r.y >= area.y && r.maxY <= area.maxY,
                                "inside the area at \(width)×\(height): \(placed[i])")
                        for j in placed.indices where j > i {
                            #expect(placed[i].rect.intersection(placed[j].rect).isEmpty,
                                    "\(width)×\(height) page \(screen.page + 1): \(placed[i].text) overlaps \(placed[j].text)")
                        }
                    }
                    for item in placed where !item.isBig && !item.isHint { seen.insert(item.text[0]) }
                    if let big = placed.first(where: \.isBig) {
                        #expect(big.rect.height >= 2, "big text is at least 2 rows at \(width)×\(height)")
                    }
                    guard hidden > 0 else { break }
                    _ = screen.update(.input(.action(StandardAction.down)))
                }
                if screen.pages[screen.page].heading == "还需要补交的材料" {
                    #expect(seen.contains { $0.contains("经济困难状况说明表") }, "4th document reachable at \(width)×\(height): \(seen)")
                }
                _ = screen.update(.input(.action(StandardAction.confirm)))
            }
        }
        // The name page at 48×14 and 40×12 draws the name big (the old screen fell back to 显示区域太小).
        for (width, height) in [(48, 14), (40, 12)] {
            let s = ApplicantViewScreen(readBack: Self.readBack)
            let (placed, _, notice) = s.layout(area: Rect(x: 0, y: 1, width: width, height: height - 3))
            #expect(placed.contains(where: \.isBig) && notice == nil, "\(width)×\(height)")
        }
    }

    @Test func nofkeysReachesTheReadBackAndReadingAloud() throws {
        let keymap = try KeymapLoader.load(selection: "nofkeys", systemPath: "/nonexistent", userPath: "/nonexistent")
        for action: ActionID in ["apply.read_back", "readback.speak"] {
            let labels = keymap.keys(for: action).map(\.label)
            #expect(labels.contains { !$0.hasPrefix("F") }, "\(action) needs a key that is not an F-key: \(labels)")
        }
    }
}

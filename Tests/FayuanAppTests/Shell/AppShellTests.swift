import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// A screen with unsaved input, to check that Esc and F10 ask first.
struct NoteScreen: Screen {
    var text = ""
    var keymapSection: String { "note" }
    var title: String { "测试备注" }
    var acceptsText: Bool { true }
    var isDirty: Bool { !text.isEmpty }
    mutating func update(_ msg: Msg) -> [Effect] {
        if case .input(.text(let c)) = msg { text.append(c) }
        return []
    }
    func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        canvas.drawLine("备注：" + text, in: area.row(0))
    }
}

@Suite struct AppShellTests {
    @Test func homeScreenAt80x24() throws {
        let fixture = try AppFixture()
        let admin = try fixture.environment.store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let session = Session(operatorRecord: admin)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        var lines = fixture.render(app).lines
        // The temporary store path differs per run.
        lines = lines.map { $0.replacingOccurrences(of: #"│   /\S+\s*│"#, with: "│   ⟨案件库路径⟩             │", options: .regularExpression) }
        let expected = """
         法援 · 首页                              张敏（管理员）  2026-06-08 周一 09:30

          请选择要办理的事项（按数字，或 ↑↓ 后回车）：  ┌─ 今日 ─────────────────────┐
                                                        │ 今天：                     │
          ▶ 1. 排队叫号  取号、叫号、重呼、过号、转移…  │   2026年6月8日 周一        │
                                                        │ 案件库：                   │
            5. 值班      值班排班（按站点看月表）、对…  │   ⟨案件库路径⟩             │
                                                        │ 配色：                     │
            6. 报表      指标对照目标任务、进度条与趋…  │   默认                     │
                                                        │ 键位：                     │
            7. 规则库    浏览法律、省条例和地方政策规…  │   内置:default             │
                                                        │                            │
            8. 管理      站点与窗口、操作员、律师、系…  └────────────────────────────┘

            9. 键位表    查看当前生效的全部按键

            0. 我的今天  我办理的排队号、咨询、待补材…

            p. 人员库    法律援助人员名册、志愿律师库…

            t. 接口令牌  供其他程序调用命令行的个人令…


        1帮助   2       3       4       5配色   6键位   7       8       9       10退出
        """
        let diff = ScreenAssertions.diff(actual: lines, expected: expected.components(separatedBy: "\n"))
        #expect(diff == nil, "\(diff ?? "")")
    }

    @Test func helpIsGeneratedFromTheKeymapAndEscCloses() throws {
        let fixture = try AppFixture()
        let app = App(root: Console.homeScreen(session: Session(operatorRecord: Operator(name: "李娜", role: .windowClerk))),
                      keymap: try AppFixture.keymap(), environment: fixture.environment)
        app.handle(.function(1))
        let grid = fixture.render(app).text
        #expect(grid.contains("帮助 · 首页"))
        #expect(grid.contains("【首页】"))
        let rows = grid.components(separatedBy: "\n")
        #expect(rows.contains { $0.contains("F5 ") && $0.contains("切换配色（默认 / 高对比度 / 单色）") }, "\(grid)")
        #expect(rows.contains { $0.contains("F10 / Ctrl-Q ") && $0.contains("退出（有未保存内容时先确认）") }, "\(grid)")
        app.handle(.escape)
        #expect(!fixture.render(app).text.contains("帮助 · 首页"))
    }

    @Test func unsavedInputIsNotDiscardedWithoutAsking() throws {
        let fixture = try AppFixture()
        let app = App(root: Console.homeScreen(session: Session(operatorRecord: Operator(name: "李娜", role: .windowClerk))),
                      keymap: try AppFixture.keymap(), environment: fixture.environment)
        app.send(.input(.action("app.help")))
        app.handle(.escape)
        // Open a dirty screen on top of home.
        let screen: any Screen = NoteScreen()
        app.handle(.character("9"))               // key screen first, to prove Esc pops only one
        #expect(app.top.title == "键位表")
        app.handle(.escape)
        #expect(app.top.title == "首页")
        appPush(app, screen)
        app.type("张三丰来访")
        app.handle(.escape)
        #expect(fixture.render(app).text.contains("有尚未保存的内容，确定放弃并返回吗？"))
        app.handle(.character("n"))
        #expect(app.top.title == "测试备注", "选“否”应留在原画面")
        #expect(fixture.render(app).text.contains("备注：张三丰来访"))
        app.handle(.function(10))
        #expect(fixture.render(app).text.contains("有尚未保存的内容，确定要退出吗？"))
        app.handle(.character("y"))
        #expect(app.shouldQuit)
    }

    @Test func tooSmallWindowSaysSoInChinese() throws {
        let fixture = try AppFixture()
        let app = App(root: KeymapScreen(), keymap: try AppFixture.keymap(), environment: fixture.environment)
        let grid = fixture.render(app, width: 40, height: 10)
        #expect(grid.text.contains("窗口太小：当前 40×10，至少需要"))
        let tiny = fixture.render(app, width: 10, height: 3)     // must not crash
        #expect(tiny.size == Size(width: 10, height: 3))
    }

    @Test func themeCyclesThroughAllThree() throws {
        let fixture = try AppFixture()
        let app = App(root: Console.homeScreen(session: Session(operatorRecord: Operator(name: "李娜", role: .windowClerk))),
                      keymap: try AppFixture.keymap(), environment: fixture.environment)
        #expect(app.theme.id == "default")
        app.handle(.function(5))
        #expect(app.theme.id == "high-contrast")
        app.handle(.function(5))
        #expect(app.theme.id == "monochrome")
        #expect(!app.theme.usesColor, "单色配色不得使用任何颜色")
        #expect(fixture.render(app).text.contains("配色已切换为：单色"))
    }

    @Test func embeddedKeymapsEqualTheFilesInKeymaps() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("keymaps")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(EmbeddedKeymaps.files.keys), "请运行 scripts/embed-keymaps.sh")
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            #expect(EmbeddedKeymaps.files[String(file.dropLast(5))].map { $0 + "\n" } == text, "\(file) 与内置副本不一致，请运行 scripts/embed-keymaps.sh")
            // Every shipped keymap loads on top of the default without errors.
            _ = try KeymapLoader.load(selection: String(file.dropLast(5)), systemPath: "/nonexistent", userPath: "/nonexistent")
        }
    }
}

/// Pushes a screen as a screen's effect would.
func appPush(_ app: App, _ screen: any Screen) {
    app.run([.push(screen)])
}

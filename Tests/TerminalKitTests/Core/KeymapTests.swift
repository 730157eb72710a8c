import Testing
@testable import TerminalKit

@Suite struct KeymapTests {
    let specs = [
        ActionSpec("app.help", "显示帮助", short: "帮助"),
        ActionSpec("app.save", "保存", short: "保存"),
        ActionSpec("app.quit", "退出", short: "退出"),
        ActionSpec("nav.back", "返回", short: "返回"),
        ActionSpec("queue.call", "叫下一位", short: "叫号"),
        ActionSpec("home.theme", "切换配色", short: "配色"),
    ]
    let base = """
    # 测试键位
    name = "测试"
    [app]
    help = ["F1"]
    save = ["F2", "Ctrl-S"]   # 保存
    quit = "F10"
    [nav]
    back = ["Esc"]
    [queue]
    call = ["F5"]
    [home]
    theme = ["F5"]
    """

    func map(_ extra: String? = nil) throws(KeymapError) -> Keymap {
        var layers = [try KeymapFile(source: "base.toml", text: base)]
        if let extra { layers.append(try KeymapFile(source: "user.toml", text: extra)) }
        return try Keymap(specs: specs, layers: layers)
    }

    @Test func resolvesScreenSectionThenGlobals() throws {
        let keymap = try map()
        #expect(keymap.action(for: .function(5), screen: "queue") == "queue.call")
        #expect(keymap.action(for: .function(5), screen: "home") == "home.theme", "同一键在不同画面可有不同动作")
        #expect(keymap.action(for: .ctrl("s"), screen: "queue") == "app.save")
        #expect(keymap.action(for: .function(5), screen: nil) == nil)
        #expect(keymap.keyLabel(for: "app.save") == "F2 / Ctrl-S")
    }

    @Test func laterLayerOverridesByAction() throws {
        let keymap = try map("[app]\nquit = [\"F8\"]\n")
        #expect(keymap.action(for: .function(8), screen: nil) == "app.quit")
        #expect(keymap.action(for: .function(10), screen: nil) == nil)
        #expect(keymap.origin["app.quit"] == "user.toml:2")
        let slots = keymap.functionKeySlots(screen: "queue")
        #expect(slots[7].1 == "退出")
        #expect(slots[9].1 == nil)
        #expect(slots[4].1 == "叫号")
    }

    @Test func errorsNameFileAndLine() {
        func error(_ text: String) -> KeymapError? {
            do { _ = try map(text); return nil } catch { return error }
        }
        #expect(error("\n[app]\nfly = [\"F3\"]\n") == KeymapError(source: "user.toml", line: 3, message: "未知的动作 “app.fly”"))
        #expect(error("[app]\nsave = [\"F99\"]")?.line == 2)
        #expect(error("[app]\nsave = [\"F99\"]")?.message.contains("无法识别的按键") == true)
        #expect(error("[app]\nsave = F2")?.message.contains("双引号") == true)
        #expect(error("[app\n")?.line == 1)
        #expect(error("quit = [\"F3\"]")?.message.contains("[节]") == true)
        #expect(error("[app]\nsave = [\"F2\"]\nsave = [\"F3\"]")?.line == 3)
    }

    @Test func clashesAreRefusedWithBothActionsNamed() {
        do {
            _ = try map("[app]\n\nsave = [\"F1\"]\n")
            Issue.record("F1 同时用于帮助和保存，应被拒绝")
        } catch {
            #expect(error.source == "user.toml")
            #expect(error.line == 3)
            #expect(error.message.contains("F1"))
            #expect(error.message.contains("app.help") && error.message.contains("app.save"))
        }
        // A screen key may not shadow a global key either.
        #expect(throws: KeymapError.self) { try map("[queue]\ncall = [\"F2\"]\n") }
    }

    @Test func cheatSheetIsChinese() throws {
        let sheet = try map().cheatSheet(names: SectionNames(["app": "全局", "queue": "排队叫号"]))
        #expect(sheet.contains("【全局】"))
        #expect(sheet.contains("【排队叫号】"))
        #expect(sheet.contains("F2 / Ctrl-S"))
        #expect(sheet.contains("叫下一位"))
    }
}

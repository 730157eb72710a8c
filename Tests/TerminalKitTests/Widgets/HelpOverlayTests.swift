import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct HelpOverlayTests {
    static let help = HelpOverlay(sections: [
        HelpSection("通用", [HelpEntry("F1", "帮助"), HelpEntry("F2", "保存"), HelpEntry("F10", "退出"), HelpEntry("Esc", "返回")]),
        HelpSection("编辑", [HelpEntry("Ctrl-U", "清空本栏"), HelpEntry("Tab", "下一栏"), HelpEntry("Shift-Tab", "上一栏")]),
    ])

    @Test func centredBoxWithAlignedKeysAndHiddenLineCount() {
        var help = Self.help
        var grid = GridCanvas(width: 30, height: 8)
        help.render(in: grid.bounds, on: &grid, theme: Theme.monochrome)
        #expect(screenMismatch(grid, """
              ┌─ 帮助 ────────────────┐
              │ 通用                  │
              │   F1         帮助     │
              │   F2         保存     │
              │   F10        退出     │
              │   Esc        返回     │
              │                       │
              └───────── ↓ 还有 4 行 ─┘
            """) == nil)
    }

    @Test func scrollsAndLeavesClosingToTheCaller() {
        var help = Self.help
        var grid = GridCanvas(width: 30, height: 8)
        help.render(in: grid.bounds, on: &grid, theme: testTheme)
        help.perform(StandardAction.pageDown)
        help.perform(StandardAction.down)
        grid = GridCanvas(width: 30, height: 8)
        help.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(help.scrollOffset == 4, "clamped at the last page")
        #expect(grid.lines[6].contains("Shift-Tab  上一栏"))
        #expect(grid.lines[7].contains("↑ 还有 4 行"))
        let closes = help.perform(StandardAction.back)
        #expect(!closes, "Esc is for the caller")
        let f1 = help.perform(StandardAction.help)
        #expect(!f1)
    }
}

import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct SelectListTests {
    static let matters = [
        SelectOption(id: "wage", label: "劳动报酬", searchKey: "ldbc"),
        SelectOption(id: "injury", label: "工伤赔偿", searchKey: "gspc"),
        SelectOption(id: "family", label: "婚姻家庭", searchKey: "hyjt"),
        SelectOption(id: "traffic", label: "交通事故", searchKey: "jtsg"),
        SelectOption(id: "contract", label: "劳动合同", searchKey: "ldht"),
        SelectOption(id: "support", label: "赡养抚养", searchKey: "syfy"),
    ]

    @Test func typingFiltersByLabelSubstring() {
        var list = SelectList(options: Self.matters)
        list.type("劳动")
        #expect(list.visibleOptions.map(\.label) == ["劳动报酬", "劳动合同"])
        #expect(list.selectedID == "wage", "the first match is chosen")
    }

    @Test func typingFiltersBySearchKeyCaseInsensitively() {
        var list = SelectList(options: Self.matters)
        list.type("LDH")
        #expect(list.visibleOptions.map(\.id) == ["contract"])
        #expect(list.selectedID == "contract")
    }

    @Test func selectionStaysOnTheChosenOptionWhileItStillMatches() {
        var list = SelectList(options: Self.matters, selectedID: "contract")
        list.type("劳")
        #expect(list.highlight == 1)
        #expect(list.selectedID == "contract")
        list.type("动报")
        #expect(list.selectedID == "wage", "the chosen option no longer matches: the first match takes over")
        list.perform(StandardAction.backspace)
        list.perform(StandardAction.backspace)
        #expect(list.filterText == "劳")
        #expect(list.selectedID == "wage")
    }

    @Test func noMatchShowsAMessageAndKeepsTheLastChoice() {
        var list = SelectList(options: Self.matters, selectedID: "family")
        list.type("xyz")
        #expect(list.visibleOptions.isEmpty)
        #expect(list.highlight == nil)
        #expect(list.selectedID == "family")
        let moved = list.perform(StandardAction.down)
        #expect(moved, "moving in an empty list is harmless")
        var grid = GridCanvas(width: 20, height: 4)
        list.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(screenMismatch(grid, """
            筛选：xyz
              （无匹配）
            """) == nil)
        #expect(grid.cursor == Point(x: 9, y: 0), "the cursor follows the typed filter")
        list.perform(StandardAction.clearLine)
        #expect(list.visibleOptions.count == 6)
    }

    @Test func expandedListScrollsAndSaysWhatIsHidden() {
        var list = SelectList(options: Self.matters, selectedID: "wage")
        var grid = GridCanvas(width: 20, height: 4)
        list.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(screenMismatch(grid, """
            ▶ 劳动报酬
              工伤赔偿
              婚姻家庭
                     ↓ 还有 3 项
            """) == nil)
        #expect(grid[0, 0].style == testTheme[.selection])
        #expect(grid.cursor == Point(x: 0, y: 0))

        for _ in 0..<3 { list.perform(StandardAction.down) }
        grid = GridCanvas(width: 20, height: 4)
        list.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(list.selectedID == "traffic")
        #expect(screenMismatch(grid, """
              工伤赔偿
              婚姻家庭
            ▶ 交通事故
             ↑ 1 项  ↓ 还有 2 项
            """) == nil)

        list.perform(StandardAction.end)
        #expect(list.selectedID == "support")
        list.perform(StandardAction.pageUp)
        #expect(list.selectedID == "traffic", "a page is the visible rows less one")
        list.perform(StandardAction.home)
        #expect(list.selectedID == "wage")
    }

    @Test func compactDropdownShowsTheChoice() {
        var list = SelectList(options: Self.matters, selectedID: "wage")
        var grid = GridCanvas(width: 20, height: 1)
        list.render(in: Rect(x: 2, y: 0, width: 14, height: 1), on: &grid, theme: testTheme, focused: false)
        #expect(screenMismatch(grid, "  劳动报酬 ▾") == nil)

        var empty = SelectList(options: Self.matters)
        grid = GridCanvas(width: 20, height: 1)
        empty.render(in: Rect(x: 2, y: 0, width: 14, height: 1), on: &grid, theme: testTheme, focused: false)
        #expect(screenMismatch(grid, "  （请选择） ▾") == nil)

        list.type("gs")
        grid = GridCanvas(width: 30, height: 1)
        list.render(in: Rect(x: 0, y: 0, width: 30, height: 1), on: &grid, theme: testTheme, focused: true)
        #expect(screenMismatch(grid, "工伤赔偿 ▾  筛选：gs") == nil)
        #expect(grid.cursor == Point(x: 20, y: 0))
    }

    @Test func aStraySpaceDoesNotStartAFilter() {
        var list = SelectList(options: Self.matters)
        let spaceUsed = list.handle(.text(" "))
        #expect(spaceUsed)
        #expect(list.filterText.isEmpty)
        #expect(!list.isDirty)
        list.perform(StandardAction.down)
        #expect(list.selectedID == "wage")
        #expect(list.isDirty)
    }
}

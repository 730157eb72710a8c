import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct CheckboxGroupTests {
    static let documents = [
        SelectOption(id: "idcard", label: "身份证明"),
        SelectOption(id: "hardship", label: "经济困难证明"),
        SelectOption(id: "evidence", label: "案件证据材料"),
    ]

    @Test func spaceTogglesAndMarksCarryTheMeaning() {
        var group = CheckboxGroup(options: Self.documents, checked: ["idcard"])
        group.perform(StandardAction.down)
        let toggled = group.handle(.text(" "))
        #expect(toggled)
        var grid = GridCanvas(width: 20, height: 3)
        group.render(in: grid.bounds, on: &grid, theme: Theme.monochrome, focused: true)
        #expect(screenMismatch(grid, """
             [✓] 身份证明
            ▶[✓] 经济困难证明
             [ ] 案件证据材料
            """) == nil)
        #expect(grid.cursor == Point(x: 2, y: 1))
        #expect(group.checkedInOrder == ["idcard", "hardship"])
        group.type(" ")
        #expect(group.checkedInOrder == ["idcard"])
        #expect(!group.isDirty)
    }

    @Test func upDownStopAtTheEnds() {
        var group = CheckboxGroup(options: Self.documents)
        group.perform(StandardAction.up)
        #expect(group.highlight == 0)
        group.perform(StandardAction.end)
        group.perform(StandardAction.down)
        #expect(group.highlight == 2)
        let letterUsed = group.handle(.text("x"))
        #expect(!letterUsed, "letters are not for checkboxes")
    }

    @Test func unfocusedGroupShowsNoFocusMark() {
        var group = CheckboxGroup(options: Self.documents, checked: ["evidence"])
        var grid = GridCanvas(width: 20, height: 2)
        group.render(in: grid.bounds, on: &grid, theme: testTheme, focused: false)
        #expect(screenMismatch(grid, """
             [ ] 身份证明
                     ↓ 还有 2 项
            """) == nil)
        #expect(grid.cursor == nil)
    }
}

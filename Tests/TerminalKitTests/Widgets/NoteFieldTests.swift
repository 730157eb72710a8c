import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct NoteFieldTests {
    func render(_ note: inout NoteField, width: Int = 10, height: Int = 4) -> GridCanvas {
        var grid = GridCanvas(width: width + 2, height: height)
        note.render(in: Rect(x: 1, y: 0, width: width, height: height), on: &grid, theme: testTheme, focused: true)
        return grid
    }

    @Test func wrapsByColumnsWithTheCursorAtTheInsertionPoint() {
        var note = NoteField()
        note.type("申请人张三丰因劳动报酬")
        let grid = render(&note)
        #expect(screenMismatch(grid, """
             申请人张三
             丰因劳动报
             酬
            """) == nil)
        #expect(grid.cursor == Point(x: 1 + 2, y: 2))
    }

    @Test func upAndDownMoveByVisualLinesKeepingTheColumn() {
        var note = NoteField(text: "申请人张三丰因劳动报酬")
        _ = render(&note)
        note.perform(StandardAction.up)
        #expect(note.cursorIndex == 6, "after 丰, two columns in")
        #expect(render(&note).cursor == Point(x: 3, y: 1))
        note.perform(StandardAction.up)
        #expect(note.cursorIndex == 1)
        note.perform(StandardAction.up)
        #expect(note.cursorIndex == 0, "up on the first line goes to its start")
    }

    @Test func goalColumnSurvivesAShortLine() {
        var note = NoteField(text: "张三丰李\nab\n王五赵六")
        _ = render(&note, width: 20)
        note.perform(StandardAction.up)
        #expect(render(&note, width: 20).cursor == Point(x: 1 + 2, y: 1), "end of the short line")
        note.perform(StandardAction.up)
        #expect(render(&note, width: 20).cursor == Point(x: 1 + 8, y: 0))
        note.perform(StandardAction.down)
        note.perform(StandardAction.down)
        #expect(render(&note, width: 20).cursor == Point(x: 1 + 8, y: 2), "back in column 8, not 2")
        note.perform(StandardAction.left)
        note.perform(StandardAction.up)
        #expect(render(&note, width: 20).cursor == Point(x: 1 + 2, y: 1), "a sideways move resets the goal")
    }

    @Test func enterIsTheFormsChoiceNewlineAlwaysInserts() {
        var note = NoteField(text: "第一行", enterInsertsNewline: true)
        let enterUsed = note.perform(StandardAction.confirm)
        #expect(enterUsed)
        #expect(note.text == "第一行\n")

        var single = NoteField(text: "第一行", enterInsertsNewline: false)
        let enterUsedBySingle = single.perform(StandardAction.confirm)
        #expect(!enterUsedBySingle, "Enter is left to the form")
        let newlineUsed = single.perform(StandardAction.newline)
        #expect(newlineUsed)
        single.type("第二行")
        #expect(single.text == "第一行\n第二行")
        #expect(render(&single).cursor == Point(x: 1 + 6, y: 1))
    }

    @Test func scrollsVerticallyToKeepTheCursorVisible() {
        var note = NoteField(text: "甲\n乙\n丙\n丁")
        var grid = render(&note, height: 2)
        #expect(screenMismatch(grid, " 丙\n 丁") == nil)
        #expect(grid.cursor == Point(x: 3, y: 1))
        for _ in 0..<3 { note.perform(StandardAction.up) }
        grid = render(&note, height: 2)
        #expect(screenMismatch(grid, " 甲\n 乙") == nil)
        #expect(note.scrollRow == 0)
    }

    @Test func aFullRowGivesTheCursorTheNextRow() {
        var note = NoteField()
        note.type("张三丰李四")
        let grid = render(&note)
        #expect(grid.cursor == Point(x: 1, y: 1))
        note.perform(StandardAction.backspace)
        #expect(render(&note).cursor == Point(x: 1 + 8, y: 0))
    }

    @Test func homeEndClearLineAndCombiningMarks() {
        var note = NoteField(text: "第一段\n第二段")
        _ = render(&note)
        note.perform(StandardAction.home)
        #expect(note.cursorIndex == 4)
        note.perform(StandardAction.end)
        #expect(note.cursorIndex == 7)
        note.perform(StandardAction.clearLine)
        #expect(note.text == "第一段\n", "only the paragraph with the cursor is cleared")
        note.type("Rene\u{301}")
        #expect(note.text == "第一段\nRené")
        #expect(note.isDirty)
    }

    @Test func placeholderWhenEmptyAndUnfocused() {
        var note = NoteField(placeholder: "简要写明案情")
        var grid = GridCanvas(width: 12, height: 2)
        note.render(in: Rect(x: 1, y: 0, width: 10, height: 2), on: &grid, theme: testTheme, focused: false)
        #expect(screenMismatch(grid, " 简要写明案\n 情") == nil)
        #expect(grid.cursor == nil)
    }
}

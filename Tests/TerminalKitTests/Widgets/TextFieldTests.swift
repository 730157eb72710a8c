import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct TextFieldTests {
    /// Renders `field` focused in a field of `width` cells starting at column 5.
    func render(_ field: inout TextField, width: Int, focused: Bool = true) -> GridCanvas {
        var grid = GridCanvas(width: 5 + width + 3, height: 1)
        field.render(in: Rect(x: 5, y: 0, width: width, height: 1), on: &grid, theme: testTheme, focused: focused)
        return grid
    }

    @Test func cursorMovesByDisplayColumns() {
        var field = TextField()
        field.type("张三")
        let grid = render(&field, width: 12)
        #expect(grid.cursor == Point(x: 5 + 4, y: 0), "two Hanzi are four cells")
        #expect(grid.find("张三") == Point(x: 5, y: 0))
        field.type("ab")
        #expect(render(&field, width: 12).cursor == Point(x: 5 + 6, y: 0))
    }

    @Test func insertsAnywhereAndMovesByGrapheme() {
        var field = TextField()
        field.type("张丰")
        field.perform(StandardAction.left)
        field.type("三")
        #expect(field.text == "张三丰")
        #expect(field.cursorIndex == 2)
        field.perform(StandardAction.home)
        #expect(render(&field, width: 12).cursor == Point(x: 5, y: 0))
        field.perform(StandardAction.end)
        #expect(render(&field, width: 12).cursor == Point(x: 11, y: 0))
        let movedAtEnd = field.perform(StandardAction.right)
        #expect(movedAtEnd, "movement at the end is still the field's")
        #expect(field.cursorIndex == 3)
    }

    @Test func backspaceDeleteAndClearLine() {
        var field = TextField(text: "张三丰")
        field.perform(StandardAction.backspace)
        #expect(field.text == "张三")
        field.perform(StandardAction.home)
        field.perform(StandardAction.delete)
        #expect(field.text == "三")
        #expect(field.cursorIndex == 0)
        field.type("李四")
        field.perform(StandardAction.clearLine)
        #expect(field.text == "")
        #expect(render(&field, width: 8).cursor == Point(x: 5, y: 0))
    }

    @Test func scrollsByColumnsAndNeverSplitsAWideGlyph() {
        var field = TextField(text: "法律援助申请人")  // 14 columns in a 7-column field
        var grid = render(&field, width: 7)
        #expect(screenMismatch(grid, "     申请人") == nil, "the end is shown with room for the cursor")
        #expect(grid.cursor == Point(x: 5 + 6, y: 0))

        field.perform(StandardAction.home)
        grid = render(&field, width: 7)
        // 法律援 fill six cells; 助 would need cells 6 and 7, so the seventh stays blank.
        #expect(screenMismatch(grid, "     法律援") == nil)
        #expect(grid[11, 0].character == " " && !grid[11, 0].isContinuation)
        #expect(grid[12, 0].character == " ", "nothing drawn past the field")
        #expect(grid.cursor == Point(x: 5, y: 0))

        for _ in 0..<3 { field.perform(StandardAction.right) }
        grid = render(&field, width: 7)
        // The cursor is on 助 (two cells): the view moves one glyph, not one cell.
        #expect(screenMismatch(grid, "     律援助") == nil)
        #expect(grid.cursor == Point(x: 5 + 4, y: 0))
        #expect(field.scrollOffset == 2)

        field.perform(StandardAction.left)
        field.perform(StandardAction.left)
        #expect(render(&field, width: 7).cursor == Point(x: 5, y: 0), "moving left does not jump the view")
    }

    @Test func unfocusedLongTextShowsItsStartWithAnEllipsis() {
        var field = TextField(text: "法律援助申请人")
        let grid = render(&field, width: 7, focused: false)
        #expect(screenMismatch(grid, "     法律援…") == nil)
        #expect(grid.cursor == nil)
    }

    @Test func clearingAScrolledFieldScrollsBack() {
        var field = TextField(text: "法律援助申请人")
        _ = render(&field, width: 7)
        field.perform(StandardAction.clearLine)
        field.type("张")
        let grid = render(&field, width: 7)
        #expect(field.scrollOffset == 0)
        #expect(screenMismatch(grid, "     张") == nil)
    }

    @Test func combiningMarkTypedSeparatelyJoinsThePreviousCharacter() {
        var field = TextField()
        field.type("Jose")
        let markUsed = field.handle(.text("\u{301}"))
        #expect(markUsed)
        #expect(field.text == "José")
        #expect(field.text.count == 4)
        #expect(field.cursorIndex == 4)
        #expect(render(&field, width: 10).cursor == Point(x: 5 + 4, y: 0))
        field.perform(StandardAction.backspace)
        #expect(field.text == "Jos", "backspace removes the whole grapheme")
    }

    @Test func maxLengthCountsCharacters() {
        var field = TextField(maxLength: 3)
        let used = field.type("张三丰李")
        #expect(used == 4, "refused characters are still swallowed")
        #expect(field.text == "张三丰")
    }

    @Test func characterFilters() {
        var id = TextField(filter: .idNumber)
        id.type("11010519491231002x")
        id.type("张a-")
        #expect(id.text == "11010519491231002X")

        var digits = TextField(filter: .digits)
        digits.type("１２3四")
        #expect(digits.text == "123", "full-width digits from an input method are kept as ASCII")

        var phone = TextField(filter: .phone)
        phone.type("0571-8888 1234")
        #expect(phone.text == "0571-88881234")
    }

    @Test func placeholderIsDimmedOnlyWhenEmptyAndUnfocused() {
        var field = TextField(placeholder: "请输入姓名")
        var grid = render(&field, width: 12, focused: false)
        #expect(screenMismatch(grid, "     请输入姓名") == nil)
        #expect(grid[5, 0].style == testTheme[.placeholder])
        #expect(grid.cursor == nil)
        grid = render(&field, width: 12, focused: true)
        #expect(screenMismatch(grid, "") == nil)
        #expect(grid[5, 0].style == testTheme[.fieldFocused])
        #expect(grid.cursor == Point(x: 5, y: 0))
    }

    @Test func dirtyComparesWithTheInitialValue() {
        var field = TextField(text: "张三")
        #expect(!field.isDirty)
        field.type("丰")
        #expect(field.isDirty)
        field.perform(StandardAction.backspace)
        #expect(!field.isDirty, "back to the initial text is clean")
        field.type("丰")
        field.markClean()
        #expect(!field.isDirty)
    }

    @Test func controlCharactersAndUnknownActionsAreNotConsumed() {
        var field = TextField()
        let newlineUsed = field.handle(.text("\n"))
        #expect(!newlineUsed)
        let tabUsed = field.handle(.action(StandardAction.nextField))
        #expect(!tabUsed)
        #expect(field.text.isEmpty)
    }
}

import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct DateFieldTests {
    @Test func typingDigitsInsertsTheDashes() {
        var field = DateField()
        field.type("20260608")
        #expect(field.text == "2026-06-08")
        #expect(field.value == CalendarDate(year: 2026, month: 6, day: 8))
        #expect(field.validationMessage == nil)
        field.type("9")
        #expect(field.text == "2026-06-08", "ten characters at most")
    }

    @Test func typedDashesAreNotDoubled() {
        var field = DateField()
        field.type("2026-")
        field.type("-06/08")
        #expect(field.text == "2026-06-08")
        var full = DateField()
        full.type("２０２６年６月８")
        #expect(full.text == "2026-6-8")
        #expect(full.value == CalendarDate(year: 2026, month: 6, day: 8))
    }

    @Test func chineseMessagesForBadDates() {
        var field = DateField()
        field.type("20260230")
        #expect(field.value == nil)
        #expect(field.validationMessage == "不存在的日期：2026-02-30")

        field.perform(StandardAction.clearLine)
        field.type("2026-6")
        #expect(field.validationMessage == "日期格式应为 年-月-日，例如 2026-06-08")

        field.perform(StandardAction.clearLine)
        field.type("20251301")
        #expect(field.validationMessage == "不存在的日期：2025-13-01")

        field.perform(StandardAction.clearLine)
        #expect(field.validationMessage == nil, "empty is the form's concern (必填)")
    }

    @Test func leapYears() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 6, day: 8)?.description == "2026-06-08")
    }

    @Test func boundsHaveTheirOwnMessages() {
        var field = DateField(latest: CalendarDate(year: 2026, month: 6, day: 8))
        field.type("20260609")
        #expect(field.validationMessage == "日期不能晚于 2026-06-08")
    }

    @Test func placeholderAndCursor() {
        var field = DateField()
        var grid = GridCanvas(width: 16, height: 1)
        field.render(in: Rect(x: 2, y: 0, width: 12, height: 1), on: &grid, theme: testTheme, focused: false)
        #expect(screenMismatch(grid, "  年-月-日") == nil)
        field.type("202606")
        grid = GridCanvas(width: 16, height: 1)
        field.render(in: Rect(x: 2, y: 0, width: 12, height: 1), on: &grid, theme: testTheme, focused: true)
        #expect(screenMismatch(grid, "  2026-06") == nil)
        #expect(grid.cursor == Point(x: 2 + 7, y: 0))
    }
}

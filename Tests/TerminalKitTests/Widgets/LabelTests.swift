import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct LabelTests {
    @Test func centresByDisplayWidthInItsRoleStyle() {
        let grid = draw(width: 20, height: 1) { Label("法律援助申请", role: .title, alignment: .center).render(in: $0.bounds, on: &$0, theme: testTheme) }
        #expect(screenMismatch(grid, "    法律援助申请") == nil)
        #expect(grid[4, 0].style == testTheme[.title])
        #expect(grid[3, 0].style == testTheme[.title], "the padding is part of the label")
    }

    @Test func rightAlignmentEndsAtTheLastColumn() {
        let grid = draw(width: 12, height: 1) { Label("张三丰", alignment: .right).render(in: $0.bounds, on: &$0, theme: testTheme) }
        #expect(grid.find("张三丰") == Point(x: 6, y: 0))
    }

    @Test func oneRowLabelIsCutWithEllipsisByColumns() {
        let grid = draw(width: 10, height: 1) { Label("张三丰的法律援助申请").render(in: Rect(x: 0, y: 0, width: 7, height: 1), on: &$0, theme: testTheme) }
        #expect(screenMismatch(grid, "张三丰…") == nil)
    }

    @Test func wrapsByColumnsAndMarksCutText() {
        let label = Label("受援人张三丰申请劳动报酬争议法律援助。", wraps: true)
        #expect(label.height(forWidth: 10) == 4)
        let grid = draw(width: 12, height: 3) { label.render(in: Rect(x: 1, y: 0, width: 10, height: 3), on: &$0, theme: testTheme) }
        #expect(screenMismatch(grid, """
             受援人张三
             丰申请劳动
             报酬争议…
            """) == nil)
    }
}

import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct FunctionKeyBarTests {
    static let bar = FunctionKeyBar([(1, "帮助"), (2, "保存"), (3, nil), (4, "查找"), (10, "退出")])

    @Test func tenSlotsOfEightCellsAtEightyColumns() {
        var grid = GridCanvas(width: 80, height: 1)
        Self.bar.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(screenMismatch(grid, "1帮助   2保存   3       4查找   5       6       7       8       9       10退出") == nil)
        #expect(Self.bar.slotLayout(width: 80) == (count: 10, width: 8))
        #expect(grid.find("4查找") == Point(x: 24, y: 0), "an unbound slot 3 does not shift slot 4")
        #expect(grid.find("10退出") == Point(x: 72, y: 0))
        #expect(grid[0, 0].style == testTheme[.functionKeyNumber])
        #expect(grid[1, 0].style == testTheme[.functionKeyLabel])
        #expect(grid[17, 0].style == testTheme[.normal], "a blank slot does not look like a key")
    }

    @Test func asManySlotsAsFitAtFortyColumns() {
        var grid = GridCanvas(width: 40, height: 1)
        Self.bar.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(Self.bar.slotLayout(width: 40) == (count: 6, width: 6))
        #expect(screenMismatch(grid, "1帮助 2保存 3     4查找 5     6") == nil)
        #expect(grid.find("4查找") == Point(x: 18, y: 0))
    }

    @Test func longLabelsAreCutByColumnsNotSplit() {
        let bar = FunctionKeyBar([(1, "打印申请表")])
        var grid = GridCanvas(width: 80, height: 1)
        bar.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(grid.lines[0].hasPrefix("1打印申 2"), "seven cells hold three Hanzi and a blank")
    }
}

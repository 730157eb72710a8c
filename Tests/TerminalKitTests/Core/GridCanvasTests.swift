import Testing
import TerminalKitTesting
@testable import TerminalKit

@Suite struct GridCanvasTests {
    @Test func hanziTakesTwoCells() {
        var grid = GridCanvas(width: 10, height: 1)
        let written = grid.draw("张三丰", at: Point(x: 1, y: 0))
        #expect(written == 6)
        #expect(grid[1, 0].character == "张")
        #expect(grid[2, 0].isContinuation)
        #expect(grid[3, 0].character == "三")
        #expect(grid.lines == [" 张三丰"])
    }

    @Test func wideGlyphThatDoesNotFitIsDropped() {
        var grid = GridCanvas(width: 5, height: 1)
        grid.draw("ab张三", at: Point(x: 0, y: 0))
        // a b 张 fill 4 cells; 三 would need cells 4–5 and is dropped, not split.
        #expect(grid.lines == ["ab张"])
        #expect(!grid[4, 0].isContinuation)
        #expect(grid[4, 0].character == " ")
    }

    @Test func clipRectangleStopsWideGlyphAtItsEdge() {
        var grid = GridCanvas(width: 10, height: 1)
        grid.draw("张三丰", at: Point(x: 0, y: 0), style: .plain, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(grid.lines == ["张三"])
    }

    @Test func drawingOverHalfAWideGlyphBlanksTheOtherHalf() {
        var grid = GridCanvas(width: 6, height: 1)
        grid.draw("张三丰", at: Point(x: 0, y: 0))
        grid.draw("x", at: Point(x: 3, y: 0))       // right half of 三
        #expect(grid.lines == ["张 x丰"])
        grid.draw("y", at: Point(x: 4, y: 0))       // left half of 丰
        #expect(grid.lines == ["张 xy"])
        #expect(!grid[5, 0].isContinuation)
    }

    @Test func leftHalfClippedAwayShowsBlank() {
        var grid = GridCanvas(width: 6, height: 1)
        grid.fill(grid.bounds, with: ".", style: .plain)
        grid.draw("张三", at: Point(x: 1, y: 0), style: .plain, clip: Rect(x: 2, y: 0, width: 4, height: 1))
        #expect(grid.lines == [".. 三."])
    }

    @Test func boxAndFindUseCellColumns() {
        var grid = GridCanvas(width: 12, height: 3)
        grid.drawBox(grid.bounds, title: "今日")
        #expect(grid.lines[0] == "┌─ 今日 ───┐")
        #expect(grid.find("今日") == Point(x: 3, y: 0))
        #expect(grid.find("不存在") == nil)
    }

    @Test func combiningMarkJoinsPreviousGlyph() {
        var grid = GridCanvas(width: 4, height: 1)
        grid.draw("e\u{301}张", at: Point(x: 0, y: 0))
        #expect(grid.lines == ["é张"])
    }
}

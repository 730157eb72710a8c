import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct TableTests {
    static let columns = [
        TableColumn("姓名", width: .fixed(8)),
        TableColumn("证件号码", width: .fixed(18)),
        TableColumn("事项", width: .fill(1)),
        TableColumn("天数", width: .fixed(4), alignment: .right),
    ]
    static let rows = [
        ["张三丰", "11010519491231002X", "劳动报酬", "3"],
        ["Li Lei", "G12345678", "工伤 injury", "12"],
        ["欧阳娜娜娜", "440104198001011234", "婚姻", "120"],
    ]

    @Test func mixedWidthCellsStayInTheirColumns() {
        var table = Table(columns: Self.columns, rows: Self.rows)
        var grid = GridCanvas(width: 40, height: 5)
        table.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(screenMismatch(grid, """
              姓名    │证件号码          │事项 │天数
            ▶ 张三丰  │11010519491231002X│劳动…│   3
              Li Lei  │G12345678         │工伤…│  12
              欧阳娜… │440104198001011234│婚姻 │ 120
            """) == nil)
        #expect(grid.cursor == Point(x: 0, y: 1))
        #expect(grid[2, 1].style == testTheme[.selection])
    }

    @Test func separatorsAreAtTheSameDisplayColumnOnEveryRow() {
        var table = Table(columns: Self.columns, rows: Self.rows)
        var grid = GridCanvas(width: 40, height: 5)
        table.render(in: grid.bounds, on: &grid, theme: testTheme, focused: false)
        let frames = table.columnFrames(in: grid.bounds)
        let expected = frames.dropLast().map(\.maxX)
        #expect(expected == [10, 29, 35])
        for y in 0..<4 {
            let line = grid.line(y)
            var columns: [Int] = []
            var index = line.startIndex
            while let found = line[index...].firstIndex(of: "│") {
                columns.append(line[..<found].displayWidth)
                index = line.index(after: found)
            }
            #expect(columns == expected, "row \(y): \(line)")
        }
    }

    @Test func scrollsToKeepTheSelectionVisible() {
        let rows = (1...10).map { ["申请人\($0)", "", "", "\($0)"] }
        var table = Table(columns: Self.columns, rows: rows)
        var grid = GridCanvas(width: 40, height: 4)
        for _ in 0..<5 { table.perform(StandardAction.down) }
        table.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(table.selectedRow == 5)
        #expect(grid.lines[1].hasPrefix("  申请人5"))
        #expect(grid.lines[2].hasPrefix("▶ 申请人6"))
        #expect(grid.lines[3].hasSuffix("↑ 4 行  ↓ 还有 4 行"))
        table.perform(StandardAction.end)
        table.perform(StandardAction.pageUp)
        #expect(table.selectedRow == 8, "a page is the visible rows less one")
        table.perform(StandardAction.home)
        grid = GridCanvas(width: 40, height: 4)
        table.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(grid.lines[1].hasPrefix("▶ 申请人1 "))
        #expect(grid.lines[3].hasSuffix("↓ 还有 8 行"))
    }

    @Test func emptyTableSaysSo() {
        var table = Table(columns: Self.columns)
        var grid = GridCanvas(width: 40, height: 3)
        table.render(in: grid.bounds, on: &grid, theme: testTheme, focused: true)
        #expect(grid.lines[1] == "  （无记录）")
        #expect(table.selectedRow == nil)
        let moved = table.perform(StandardAction.down)
        #expect(moved)
    }
}

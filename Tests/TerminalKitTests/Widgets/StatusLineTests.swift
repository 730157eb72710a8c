import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct StatusLineTests {
    @Test func messageLeftExtraRightWhenThereIsRoom() {
        let status = StatusLine(message: "已保存 张三丰 的申请", severity: .success, trailing: "李四 3号窗口 09:30")
        var grid = GridCanvas(width: 60, height: 1)
        status.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(screenMismatch(grid, "✓ 已保存 张三丰 的申请                    李四 3号窗口 09:30") == nil)
        #expect(grid.find("李四") == Point(x: 42, y: 0), "ends in the last column")
        #expect(grid[0, 0].style.foreground == testTheme[.success].foreground)
        #expect(grid[0, 0].style.background == testTheme[.statusLine].background)
    }

    @Test func extraTextGivesWayByColumns() {
        let status = StatusLine(message: "已保存 张三丰 的申请", severity: .success, trailing: "李四 3号窗口 09:30")
        var grid = GridCanvas(width: 40, height: 1)
        status.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(screenMismatch(grid, "✓ 已保存 张三丰 的申请  李四 3号窗口 09…") == nil)
    }

    @Test func longMessageIsCutWithEllipsis() {
        let status = StatusLine(message: "身份证号校验位不正确，请核对第十八位", severity: .error, trailing: "李四")
        var grid = GridCanvas(width: 24, height: 1)
        status.render(in: grid.bounds, on: &grid, theme: testTheme)
        // 不 would need the ellipsis's column too, so the cut leaves one blank rather than split it.
        #expect(screenMismatch(grid, "✗ 身份证号校验位…   李四") == nil)
    }

    @Test func everySeverityHasAMark() {
        #expect(StatusLine.Severity.allCases.map(\.mark) == ["ℹ", "✓", "⚠", "✗"])
        #expect(StatusLine(message: "排队人数较多", severity: .warning).markedMessage == "⚠ 排队人数较多")
        #expect(StatusLine(message: "", severity: .error).markedMessage == "")
    }
}

import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// The hall display (叫号屏) at the sizes it claims, 40×12 to 300×100.
@Suite struct HallDisplayTests {
    static let now = Date(timeIntervalSince1970: 1_780_882_205) // 2026-06-08 09:30:05 Beijing
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func call(_ code: String, window: String, minutesAgo: Int, status: TicketStatus = .called,
                     priority: Bool = false) -> HallBoard.Call {
        let at = now.addingTimeInterval(Double(-60 * minutesAgo))
        return HallBoard.Call(code: code, window: window, calledAt: StoreTimeText.iso(at), recallCount: 0,
                              isPriority: priority, status: status)
    }

    /// One window calling A050; earlier calls done.
    static let oneCall = HallBoard(calls: [
        call("A050", window: "2", minutesAgo: 0),
        call("A049", window: "1", minutesAgo: 3, status: .done),
        call("B012", window: "3", minutesAgo: 5, status: .done),
    ], waiting: 7)

    static func draw(_ board: HallBoard, width: Int, height: Int, theme: Theme = .highContrast)
        -> (GridCanvas, HallDisplay.Drawn) {
        let display = HallDisplay(stationName: "泽州县公共法律服务中心", board: board)
        var grid = GridCanvas(width: width, height: height)
        let drawn = display.view(&grid, now: now, timeZone: shanghai, theme: theme, quitKey: "F10")
        return (grid, drawn)
    }

    /// Rows of the number's band that hold block-character ink.
    static func inkRows(_ grid: GridCanvas, in rect: Rect) -> Int {
        let blocks = Set<Character>("▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")
        return (rect.y..<rect.maxY).filter { y in (rect.x..<rect.maxX).contains { blocks.contains(grid[$0, y].character) } }.count
    }

    @Test func theCurrentNumberTakesAtLeast40PercentOfTheHeight() throws {
        // Measured: 120×40 → 19 rows (47%), 200×60 → 31 rows (52%); the old display drew 5 rows.
        for (width, height) in [(120, 40), (200, 60), (300, 100)] {
            let (grid, drawn) = Self.draw(Self.oneCall, width: width, height: height)
            let rect = try #require(drawn.numberRect)
            let ink = Self.inkRows(grid, in: rect)
            #expect(Double(ink) >= 0.4 * Double(height), "\(width)×\(height): \(ink) rows\n\(grid.text)")
            #expect(drawn.numberRows == ink, "the glyphs use every row they are given")
            // The sentence is drawn big too, and the recent calls are listed beneath.
            #expect((drawn.sentenceRows ?? 0) >= 4, "\(width)×\(height)")
            #expect(grid.text.contains("最近叫号：A049→1号窗口　B012→3号窗口"))
            #expect(grid.text.contains("等候人数：7 人"))
            print("hall \(width)×\(height): number \(ink) rows = \(Int((100.0 * Double(ink) / Double(height)).rounded()))% of the height, sentence \(drawn.sentenceRows ?? 0) rows")
        }
    }

    @Test func smallestSizeStillShowsEverythingBig() throws {
        let (grid, drawn) = Self.draw(Self.oneCall, width: 40, height: 12)
        print(grid.text)
        #expect((drawn.numberRows ?? 0) >= 4, "\(grid.text)")
        #expect(drawn.sentenceRows != nil || grid.text.contains("请 A050 号到 2 号窗口"))
        #expect(grid.text.contains("最近叫号：A049→1号窗口"))
        #expect(!grid.text.contains(BigText.tooSmallNotice))
    }

    @Test func severalWindowsCallingAtOnceAreShownTogetherAndNoShowsAreCleared() {
        let board = HallBoard(calls: [
            Self.call("A050", window: "2", minutesAgo: 0),
            Self.call("B013", window: "3", minutesAgo: 1, status: .serving),
            Self.call("A048", window: "1", minutesAgo: 2),
            Self.call("A047", window: "2", minutesAgo: 4, status: .done),
        ], waiting: 4)
        let (grid, drawn) = Self.draw(board, width: 200, height: 60)
        #expect(drawn.currentCodes == ["A050", "B013", "A048"])
        #expect(drawn.recentCodes == ["A047"])
        // The newest keeps at least 40% of the height; the others are drawn big beneath it.
        #expect((drawn.numberRows ?? 0) * 10 >= 60 * 4, "\(String(describing: drawn.numberRows))")
        #expect(grid.lines.filter { $0.contains("█") || $0.contains("▀") }.count > (drawn.numberRows ?? 0) + 8)
        // At 40×12 they are listed in words instead.
        #expect(Self.draw(board, width: 40, height: 12).0.text.contains("同时叫号：B013→3号窗口"))
        // A window whose newest call is finished has no current call.
        let finished = HallBoard(calls: [Self.call("A050", window: "2", minutesAgo: 1, status: .done)], waiting: 0)
        #expect(Self.draw(finished, width: 80, height: 24).1.currentCodes.isEmpty)
    }

    @Test func eachThemeIsUsed() {
        for theme in Theme.all {
            let (grid, drawn) = Self.draw(Self.oneCall, width: 120, height: 40, theme: theme)
            let rect = drawn.numberRect!
            let cell = (rect.x..<rect.maxX).lazy.compactMap { x in (rect.y..<rect.maxY).lazy.map { grid[x, $0] }.first { $0.character == "█" } }.first
            #expect(cell?.style == theme[.normal].adding(.bold), "\(theme.id)")
            #expect(grid[0, 0].style == theme[.title], "\(theme.id)")
        }
    }

    @Test func noShowsAndPassedOverNumbersLeaveTheBoard() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let day = QueueFormat.day(fixture.clock.read(), timeZone: fixture.environment.timeZone)
        for _ in 0..<3 { _ = try store.issueTicket(station: station, service: QueueService.named("consultation")!, priorityReason: nil, on: day) }
        let first = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        fixture.clock.advance(seconds: 5)
        let second = try #require(try store.callNextTicket(station: station, window: "2", on: day))
        #expect(try store.hallBoard(station: station, on: day).calls.map(\.code) == ["A002", "A001"])
        _ = try store.markNoShow(first.ticket.id)
        _ = try store.skipTicket(second.ticket.id)
        let board = try store.hallBoard(station: station, on: day)
        #expect(board.calls.isEmpty, "未到 and 过号 are not called on the hall display any more: \(board.calls)")
        let (grid, drawn) = Self.draw(board, width: 80, height: 24)
        #expect(drawn.currentCodes.isEmpty && !grid.text.contains("A001"))
    }
}

import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// A canvas that draws like the grid backend and notes two faults a layout can have: a text
/// drawn over another text (ink over ink from an earlier draw: 王 read as 干), and a text cut
/// at an edge (characters that were not spaces dropped; a cut text must be shortened with "…"
/// by the layout itself).
struct CheckingCanvas: Canvas {
    var grid: GridCanvas
    private var owner: [Int]
    private var calls = 0
    private(set) var overlaps: [String] = []
    private(set) var cuts: [String] = []

    init(width: Int, height: Int) {
        grid = GridCanvas(width: width, height: height)
        owner = Array(repeating: -1, count: width * height)
    }

    var size: Size { grid.size }
    var cursor: Point? {
        get { grid.cursor }
        set { grid.cursor = newValue }
    }

    @discardableResult
    mutating func draw(_ text: String, at point: Point, style: Style, clip: Rect?) -> Int {
        calls += 1
        let before = grid
        let written = grid.draw(text, at: point, style: style, clip: clip)
        let y = point.y
        if y >= 0 && y < size.height {
            for x in 0..<size.width {
                let old = before[x, y], new = grid[x, y]
                guard old != new else { continue }
                let i = y * size.width + x
                if old.character != " " && new.character != " " && !old.isContinuation && owner[i] >= 0 && old.character != new.character {
                    overlaps.append("(\(x),\(y)) \(old.character)→\(new.character) by “\(text.trimmingCharacters(in: .whitespaces))”")
                }
                owner[i] = new.character == " " ? -1 : calls
            }
        }
        let area = (clip ?? grid.bounds).intersection(grid.bounds)
        let ink = String(text.reversed().drop { $0 == " " }.reversed())
        if point.x >= area.x, y >= area.y, y < area.maxY, TextWidth.of(ink) > written {
            cuts.append("row \(y): “\(ink)” shows only \(written) columns")
        }
        return written
    }

    mutating func fill(_ rect: Rect, with character: Character, style: Style) {
        grid.fill(rect, with: character, style: style)
        let area = rect.intersection(grid.bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY { for x in area.x..<area.maxX { owner[y * size.width + x] = -1 } }
    }
}

/// 大字模式 layouts at 48×14 (and 40×12, 80×24): the key fact big, the warnings staff need in
/// words, the rest as a list; no text over another, none cut without "…".
@Suite(.serialized) struct LargeLayoutTests {
    static let blocks = Set<Character>("▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")

    /// Renders in large mode and checks the frame is well formed; returns the grid.
    static func large(_ app: App, _ width: Int = 48, _ height: Int = 14, sourceLocation: SourceLocation = #_sourceLocation) -> GridCanvas {
        if !app.largeText { app.handle(action: "app.large_text") }
        var canvas = CheckingCanvas(width: width, height: height)
        app.render(into: &canvas)
        #expect(canvas.overlaps.isEmpty, "\(width)×\(height) overlaps: \(canvas.overlaps)\n\(canvas.grid.text)", sourceLocation: sourceLocation)
        #expect(canvas.cuts.isEmpty, "\(width)×\(height) cut: \(canvas.cuts)\n\(canvas.grid.text)", sourceLocation: sourceLocation)
        #expect(!canvas.grid.text.contains("窗口太小"), sourceLocation: sourceLocation)
        return canvas.grid
    }

    /// Rows holding big-letter ink.
    static func bigRows(_ grid: GridCanvas) -> Int {
        grid.lines.filter { $0.contains { blocks.contains($0) } }.count
    }

    /// The texts the screen does not show (empty: all there); a failure prints the screen once.
    static func missing(_ grid: GridCanvas, _ texts: String...) -> [String] {
        texts.filter { !grid.contains($0) }
    }

    /// Clears the status line (an unbound action does nothing but that).
    static func quiet(_ app: App) { app.handle(action: "test.nothing") }

    static func everySize(_ app: App, _ check: (GridCanvas, Int, Int) -> Void) {
        for (w, h) in [(48, 14), (40, 12), (80, 24)] { check(large(app, w, h), w, h) }
    }

    @Test func queueWindowShowsTheCalledNumberBigAndTheLongWait() throws {
        let (fixture, session, _) = try QueueScreenTests().fixtureWithTickets()
        let app = App(root: QueueWindowScreen(session: session, window: "2"), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.tick()
        var grid = Self.large(app)
        #expect(Self.missing(grid, "本窗口现在没有号码", "按 F3 叫下一位", "A001 咨询").isEmpty, "\(grid.text)")
        app.handle(.function(3))
        fixture.clock.advance(seconds: 40 * 60)
        app.tick()
        Self.quiet(app)
        Self.everySize(app) { grid, w, h in
            #expect(Self.bigRows(grid) >= 2, "A002 in big letters at \(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "【已叫号】", "⚠ A001 已等 4").isEmpty, "\(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "A001 咨询").isEmpty, "the waiting list at \(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "F3 叫号", "F4 重呼", "F11 大字").isEmpty, "the keys that work, in the bar\n\(grid.text)")
        }
        grid = Self.large(app)
        let expected = """
         排队叫号 · 2号窗口

         2号窗口 · 等候 2 人
        """
        #expect(grid.lines.prefix(3).joined(separator: "\n").hasPrefix(expected.components(separatedBy: "\n").prefix(2).joined(separator: "\n")), "\(grid.text)")
        // The transfer prompt stays on screen with the list above it.
        app.type("t")
        grid = Self.large(app)
        #expect(Self.missing(grid, "转到（窗口号或业务", "【已叫号】").isEmpty, "\(grid.text)")
    }

    @Test func ticketIssueShowsTheNewNumberBig() throws {
        let (fixture, session, _) = try QueueScreenTests().fixtureWithTickets()
        let app = App(root: TicketIssueScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        var grid = Self.large(app)
        #expect(Self.missing(grid, "① 业务类型", "咨询").isEmpty, "\(grid.text)")
        app.type("<Tab><Down><F2>")
        Self.quiet(app)
        Self.everySize(app) { grid, w, h in
            #expect(Self.bigRows(grid) >= 2 && grid.contains("已取号："), "\(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "前面还有").isEmpty, "\(w)×\(h)\n\(grid.text)")
        }
        grid = Self.large(app)
        #expect(Self.missing(grid, "★优先").isEmpty, "the green channel is said in words\n\(grid.text)")
    }

    @Test func consultationKeepsTheDuplicateWarning() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        _ = try store.saveApplicant(Applicant(name: "王小明", idNumber: "11010519491231002X", phone: "13812341234"), by: nil)
        let clerk = try store.addOperator(Operator(name: "王丽", role: .windowClerk, stationID: station.id), by: nil)
        let session = Session(operatorRecord: clerk, station: station)
        let app = App(root: ConsultationScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.tick()
        app.type("王小明")
        Self.quiet(app)
        Self.everySize(app) { grid, w, h in
            #expect(Self.missing(grid, "来访人：", "王小明").isEmpty, "\(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "⚠ 已登记 1 人").isEmpty, "the possible duplicate at \(w)×\(h)\n\(grid.text)")
        }
        let grid = Self.large(app)
        #expect(Self.missing(grid, "1101").isEmpty, "the masked ID of the registered person\n\(grid.text)")
        #expect(!grid.contains("11010519491231002X"), "never the full ID\n\(grid.text)")
    }

    @Test func boardAndCaseKeepTheOverdueWarnings() throws {
        let w = try CaseScreenTests.world()
        let app = App(root: PipelineBoardScreen(session: w.reviewer), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        Self.everySize(app) { grid, width, height in
            #expect(Self.missing(grid, "✗ 超期 1 件", "今日到期 1 件").isEmpty, "\(width)×\(height)\n\(grid.text)")
            #expect(Self.missing(grid, "▶ 指派 ✗ 已超期 7 天", "2026民援0002 李秀英").isEmpty && !grid.contains("7 天 · 指派"), "\(width)×\(height)\n\(grid.text)")
            #expect(Self.missing(grid, "审查 ⚠ 今日到期", "2026民援0001 张三丰").isEmpty, "\(width)×\(height)\n\(grid.text)")
        }
        app.type("<Tab>")
        var grid = Self.large(app)
        #expect(Self.missing(grid, "▶ 筛选·站点：", "全部站点").isEmpty, "the filter being changed\n\(grid.text)")
        app.type("<Shift-Tab><Enter>")
        #expect(app.top is CaseDetailScreen)
        Self.quiet(app)
        Self.everySize(app) { grid, width, height in
            // The step in big Hanzi where 4 rows are free for it; at 40×12 in bold words.
            #expect(width == 40 || Self.bigRows(grid) >= 4, "the step big at \(width)×\(height)\n\(grid.text)")
            #expect(Self.missing(grid, "〔2026〕民援字第0002号").isEmpty, "\(width)×\(height)\n\(grid.text)")
            #expect(Self.missing(grid, "指派", "李秀英").isEmpty, "\(width)×\(height)\n\(grid.text)")
            #expect(Self.missing(grid, "✗ 已超期 7 天").isEmpty, "the overdue clock in words at \(width)×\(height)\n\(grid.text)")
        }
        grid = Self.large(app)
        #expect(Self.missing(grid, "F4 指派").isEmpty, "the step's key in the bar\n\(grid.text)")
        // ↓ scrolls the rest down to the timeline.
        app.type(String(repeating: "<Down>", count: 12))
        grid = Self.large(app)
        #expect(Self.missing(grid, "给予援助").isEmpty, "the timeline is reachable\n\(grid.text)")
    }

    @Test func rosterShowsTodaysDutyBigAndItsProblems() throws {
        let c = try RosterScreenTests.county()
        let store = c.fixture.environment.store
        let centre = c.stations[0]
        let liMing = try #require(try store.rosterProviders(month: "2026-06", lookBackMonths: 0).first { $0.name == "李明" })
        let day = try #require(LocalDate(iso: "2026-06-08"))
        // Two duties for 李明 on one day: a problem the roster must name.
        _ = try store.saveRoster(month: "2026-06", duties: [
            PlannedDuty(stationID: centre.id!, providerID: liMing.id, day: day, startsAt: ClockTime(minutes: 510), endsAt: ClockTime(minutes: 720)),
            PlannedDuty(stationID: centre.id!, providerID: liMing.id, day: day, startsAt: ClockTime(minutes: 840), endsAt: ClockTime(minutes: 1050)),
        ], by: c.reviewer)
        c.app.send(.resumed)
        Self.quiet(c.app)
        Self.everySize(c.app) { grid, w, h in
            #expect((w == 40 || Self.bigRows(grid) >= 4) && grid.contains("今日值班"), "李明 big at \(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "✗ 本站").isEmpty, "the roster's problems at \(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "06-08 周一 李明").isEmpty, "the duties as a list at \(w)×\(h)\n\(grid.text)")
        }
    }

    @Test func reportsShowTheSelectedFigureBigAndWhatIsBehind() throws {
        let (fixture, session) = try ReportsScreenTests.seeded()
        let app = try ReportsScreenTests.open(fixture, session)
        app.tick()
        Self.quiet(app)
        Self.everySize(app) { grid, w, h in
            #expect(Self.bigRows(grid) >= 2, "\(w)×\(h)\n\(grid.text)")
            #expect(Self.missing(grid, "◀ 2026年").isEmpty, "\(w)×\(h)\n\(grid.text)")
        }
        // How many indicators the normal dashboard marks 落后 (one row each).
        app.handle(action: "app.large_text")
        let behind = fixture.render(app, width: 100, height: 30).lines.filter { $0.contains("▼ 落后") }.count
        let grid = Self.large(app)
        if behind > 0 {
            #expect(Self.missing(grid, "⚠ 落后 \(behind) 项").isEmpty, "\(grid.text)")
        }
        #expect(Self.missing(grid, "▶ " + IndicatorID.allCases[0].shortLabel).isEmpty, "\(grid.text)")
    }
}

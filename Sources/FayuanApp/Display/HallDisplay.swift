import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// The hall display (叫号屏): the number being called and its window in the biggest text that
/// fits, the sentence to read ("请 A012 号到 2 号窗口"), the last few calls and how many wait.
/// A value drawn from the latest `HallBoard`; `HallDisplayRunner` polls the store and redraws.
public struct HallDisplay: Sendable {
    public var stationName: String
    public var board: HallBoard?
    /// A problem reading the store (shown, and the display keeps trying).
    public var problem: String?
    /// One-off notice (e.g. speech not available).
    public var notice: String?

    public init(stationName: String, board: HallBoard? = nil) {
        self.stationName = stationName
        self.board = board
    }

    /// A call younger than this is marked as new.
    static let freshSeconds: Double = 8

    /// What `view` drew where, for tests and the picture tool: the current number's band and the
    /// rows per line it was drawn at (nil when nothing is being called or it fell back).
    public struct Drawn: Sendable, Equatable {
        public var numberRect: Rect?
        public var numberRows: Int?
        public var sentenceRows: Int?
        /// Calls shown as current (one per window still calling), newest first.
        public var currentCodes: [String]
        public var recentCodes: [String]
    }

    /// Draws the whole display. One call at a time: the number fills the top (as many rows as the
    /// width allows), the sentence 请 A050 号到 2 号窗口 is drawn big beneath it, recent calls in
    /// a line above the footer. Several windows calling at once: the newest as above on the
    /// left, the others each in their own column in big text (number over window). Calls that
    /// ended as 未到 or 过号 are not on the board (the store leaves them out).
    @discardableResult
    public func view<C: Canvas>(_ canvas: inout C, now: Date, timeZone: TimeZone, theme: Theme, quitKey: String) -> Drawn {
        var drawn = Drawn(numberRect: nil, numberRows: nil, sentenceRows: nil, currentCodes: [], recentCodes: [])
        let bounds = canvas.bounds
        canvas.clear(bounds, style: theme[.normal])
        guard bounds.width >= 20, bounds.height >= 6 else {
            canvas.drawLine("窗口太小", in: bounds.row(0), style: theme[.warning])
            return drawn
        }
        // Title: the station and the clock.
        let clock = QueueFormat.clock(StoreTimeText.iso(now), timeZone: timeZone)
        canvas.drawLine(" \(stationName) · 叫号", in: bounds.row(0), style: theme[.title])
        canvas.draw(clock + " ", at: Point(x: bounds.maxX - clock.displayWidth - 1, y: 0), style: theme[.title])
        // Footer: waiting count, notices, the exit key (small: nobody sits at this screen).
        let waiting = board.map { "等候人数：\($0.waiting) 人" } ?? ""
        let footer = [waiting, problem ?? notice ?? ""].filter { !$0.isEmpty }.joined(separator: "　")
        canvas.drawLine(" " + footer, in: bounds.row(bounds.height - 1), style: problem == nil ? theme[.header] : theme[.error])
        let quit = quitKey + "退出"
        canvas.draw(quit, at: Point(x: bounds.maxX - quit.displayWidth - 1, y: bounds.height - 1), style: theme[.dim])

        let calls = board?.calls ?? []
        // The current call of each window: its newest call, if that person is still called or served.
        var seenWindows = Set<String>()
        var current: [HallBoard.Call] = []
        for call in calls where !seenWindows.contains(call.window) {
            seenWindows.insert(call.window)
            if call.isActive { current.append(call) }
        }
        let recent = calls.filter { call in !current.contains(call) }
        drawn.currentCodes = current.map(\.code)
        let body = Rect(x: 1, y: 1, width: bounds.width - 2, height: bounds.height - 2)
        // Other windows calling at once get big columns on a wide screen; on a small one they
        // lead the text line instead (big text there would be too small to read).
        let columnsFit = body.width >= 80 && body.height >= 16
        let listedOthers = columnsFit ? [] : Array(current.dropFirst())
        // Recent calls: a labelled line (and a blank above it when there is room).
        let recentHeight = recent.isEmpty && listedOthers.isEmpty ? 0 : (body.height >= 20 ? 2 : 1)
        if recentHeight > 0 {
            let shown = recent.prefix(6)
            drawn.recentCodes = shown.map(\.code)
            let now = listedOthers.isEmpty ? "" : "同时叫号：" + listedOthers.map { "\($0.code)→\($0.window)号窗口" }.joined(separator: "　")
            let past = shown.isEmpty ? "" : "最近叫号：" + shown.map { "\($0.code)→\($0.window)号窗口" }.joined(separator: "　")
            let line = [now, past].filter { !$0.isEmpty }.joined(separator: "　")
            canvas.drawLine(line, in: Rect(x: body.x, y: body.maxY - 1, width: body.width, height: 1),
                            style: theme[.normal], alignment: .center)
        }
        let main = Rect(x: body.x, y: body.y, width: body.width, height: body.height - recentHeight)
        guard let newest = current.first else {
            let bigArea = Rect(x: main.x, y: main.y, width: main.width, height: max(0, main.height - 1))
            BigText.draw("请取号等候", in: bigArea, on: &canvas, style: theme[.header], rows: nil, maxRows: max(2, main.height / 3))
            canvas.drawLine("请取号等候叫号", in: main.row(main.height - 1), style: theme[.header], alignment: .center)
            return drawn
        }
        let others = columnsFit ? Array(current.dropFirst().prefix(3)) : []
        // Several windows at once: the others share a band along the bottom, one column each,
        // so the newest number keeps its height.
        let othersHeight = others.isEmpty ? 0 : max(3, main.height / 6)
        let left = Rect(x: main.x, y: main.y, width: main.width, height: main.height - othersHeight)
        let isNew = now.timeIntervalSince(QueueFormat.date(newest.calledAt) ?? .distantPast) < Self.freshSeconds
        let style = theme[.normal].adding(.bold)
        // The sentence gets up to a third of the height, the number the rest.
        let sentence = QueueFormat.callSentence(code: newest.code, window: newest.window)
        let sentenceSpace = Size(width: left.width, height: max(1, left.height / 3))
        let sentenceRows = BigText.bestRows(sentence, in: sentenceSpace, maxRows: 12)
        let sentenceHeight = sentenceRows.flatMap { BigText.measure(sentence, rows: $0, maxWidth: left.width)?.height } ?? 1
        // The sentence again in normal text under the big one, with the marks: readable by
        // screen readers and the tmux tests, and a new call is marked in words, not only colour.
        let plain = (isNew ? "▶ " : "") + sentence + (newest.recallCount > 0 ? "（重呼）" : "")
            + (newest.isPriority ? "　" + PriorityReason.mark + "优先" : "") + (isNew ? " ◀" : "")
        let markHeight = sentenceRows == nil ? 0 : 1
        let gap = left.height >= 16 ? 1 : 0
        let numberRect = Rect(x: left.x, y: left.y, width: left.width,
                              height: max(1, left.height - sentenceHeight - markHeight - gap))
        let number = BigText.draw(newest.code, in: numberRect, on: &canvas, style: style, rows: nil, wrapping: false)
        drawn.numberRect = numberRect
        drawn.numberRows = number.rowsPerLine
        let sentenceRect = Rect(x: left.x, y: numberRect.maxY + gap, width: left.width, height: sentenceHeight)
        if let sentenceRows {
            BigText.draw(sentence, in: sentenceRect, on: &canvas, style: isNew ? theme[.selection] : theme[.header],
                         rows: sentenceRows)
            drawn.sentenceRows = sentenceRows
        } else {
            canvas.drawLine(plain, in: sentenceRect.row(0), style: isNew ? theme[.selection] : theme[.header], alignment: .center)
        }
        if sentenceRows != nil {
            canvas.drawLine(plain, in: Rect(x: left.x, y: sentenceRect.maxY, width: left.width, height: markHeight),
                            style: isNew ? theme[.selection] : theme[.header], alignment: .center)
        }
        // The other windows calling now.
        if !others.isEmpty {
            let band = Rect(x: main.x, y: left.maxY, width: main.width, height: othersHeight)
            let columns = Layout.split(band, .horizontal, others.map { _ in .fill(1) })
            for (call, column) in zip(others, columns) {
                BigText.draw("\(call.code)→\(call.window)号", in: column.inset(left: 1, right: 1), on: &canvas,
                             style: theme[.header], rows: nil, wrapping: false)
            }
        }
        return drawn
    }
}

/// Formats a `Date` the way the store does, for the clock helpers that take stored text.
enum StoreTimeText {
    static func iso(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
}

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

    public func view<C: Canvas>(_ canvas: inout C, now: Date, timeZone: TimeZone, theme: Theme, quitKey: String) {
        let bounds = canvas.bounds
        canvas.clear(bounds, style: theme[.normal])
        guard bounds.width >= 20, bounds.height >= 6 else {
            canvas.drawLine("窗口太小", in: bounds.row(0), style: theme[.warning])
            return
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
        guard let current = calls.first else {
            canvas.drawLine("请取号等候叫号", in: bounds.row(bounds.height / 2), style: theme[.header], alignment: .center)
            return
        }
        // Recent calls just above the footer.
        let recentRow = bounds.row(bounds.height - 2)
        let recent = calls.dropFirst().prefix(5).map { "\($0.code)→\($0.window)号窗口" }.joined(separator: "　")
        canvas.drawLine(recent.isEmpty ? "" : " 最近叫号：" + recent, in: recentRow, style: theme[.normal])
        // The sentence, then the big number above it.
        let isNew = now.timeIntervalSince(QueueFormat.date(current.calledAt) ?? .distantPast) < Self.freshSeconds
        let sentence = QueueFormat.callSentence(code: current.code, window: current.window)
            + (current.recallCount > 0 ? "（重呼）" : "") + (current.isPriority ? "　" + PriorityReason.mark + "优先" : "")
        let sentenceRow = bounds.row(bounds.height - 3)
        canvas.drawLine(isNew ? "▶ " + sentence + " ◀" : sentence, in: sentenceRow,
                        style: isNew ? theme[.selection] : theme[.header], alignment: .center)
        let big = Rect(x: 1, y: 2, width: bounds.width - 2, height: max(0, sentenceRow.y - 3))
        Self.drawBig(code: current.code, window: current.window, in: big, on: &canvas, theme: theme)
    }

    /// The big number and window in TerminalKit's block letters, both at the largest size at
    /// which each fits its side (one size, so the two read as one line); normal bold text when
    /// even the smallest does not fit.
    static func drawBig<C: Canvas>(code: String, window: String, in rect: Rect, on canvas: inout C, theme: Theme) {
        guard rect.height >= 2 else { return }
        let columns = Layout.split(rect, .horizontal, [.fill(3), .fixed(2), .fill(1)])
        canvas.drawLine("号码", in: Rect(x: columns[0].x, y: rect.y, width: columns[0].width, height: 1), style: theme[.label], alignment: .center)
        canvas.drawLine("窗口", in: Rect(x: columns[2].x, y: rect.y, width: columns[2].width, height: 1), style: theme[.label], alignment: .center)
        let codeSpace = Rect(x: columns[0].x, y: rect.y + 1, width: columns[0].width, height: rect.height - 1)
        let windowSpace = Rect(x: columns[2].x, y: rect.y + 1, width: columns[2].width, height: rect.height - 1)
        let sizes = [(code, codeSpace), (window, windowSpace)].map { text, space in
            BigText.bestFit(text, in: Size(width: space.width, height: space.height), wrapping: false)
        }
        let size = sizes.contains { $0 == nil } ? nil : sizes.compactMap { $0 }.min()
        let style = theme[.normal].adding(.bold)
        BigText.draw(code, in: codeSpace, on: &canvas, style: style, size: size)
        BigText.draw(window, in: windowSpace, on: &canvas, style: style, size: size)
    }
}

/// Formats a `Date` the way the store does, for the clock helpers that take stored text.
enum StoreTimeText {
    static func iso(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
}

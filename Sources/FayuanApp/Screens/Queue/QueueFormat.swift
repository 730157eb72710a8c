import FayuanCore
import FayuanStore
import Foundation

/// Dates and times as the queue screens, the hall display and the command line show them.
public enum QueueFormat {
    /// The business day ("2026-06-08") of `date` in `timeZone`: tickets are numbered per day.
    public static func day(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    static func date(_ iso: String) -> Date? {
        try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// "14:02" of a stored timestamp in `timeZone`.
    public static func clock(_ iso: String?, timeZone: TimeZone) -> String {
        guard let iso, let date = date(iso) else { return "--:--" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// Whole minutes from a stored timestamp to `now` (never negative).
    public static func minutes(since iso: String?, now: Date) -> Int {
        guard let iso, let date = date(iso) else { return 0 }
        return max(0, Int(now.timeIntervalSince(date) / 60))
    }

    /// "12分" / "1时05分" for a duration in seconds; "—" when there is none.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "—" }
        let m = Int((seconds / 60).rounded())
        return m < 60 ? "\(m)分" : String(format: "%d时%02d分", m / 60, m % 60)
    }

    /// "★优先·老年人" or "普通": priority by a symbol and a word, never by colour alone.
    public static func priority(_ t: QueueTicket) -> String {
        guard t.isPriority else { return "普通" }
        let reason = t.priorityReason.flatMap(PriorityReason.named)?.label
        return PriorityReason.mark + "优先" + (reason.map { "·" + $0 } ?? "")
    }

    /// What the voice and the display say: "请 A012 号到 2 号窗口".
    public static func callSentence(code: String, window: String) -> String {
        "请 \(code) 号到 \(window) 号窗口"
    }
}

/// The ticket slip, as lines of text: shown on screen after issuing, and in the command line's
/// JSON for a slip printer.
public struct TicketSlip: Sendable, Equatable, Encodable {
    public var lines: [String]

    public init(ticket: QueueTicket, station: Station, waitingAhead: Int, timeZone: TimeZone) {
        var lines = [station.name, ticket.code, "业务：\(ticket.queueService.label)"]
        if ticket.isPriority { lines.append(QueueFormat.priority(ticket)) }
        lines.append("前面还有 \(waitingAhead) 人等候")
        lines.append("\(ticket.day) \(QueueFormat.clock(ticket.issuedAt, timeZone: timeZone)) 取号")
        lines.append("请留意叫号屏幕和广播")
        self.lines = lines
    }
}

/// The span a report covers: a month ("2026-05"), a quarter ("2026-Q2"), a year ("2026") or
/// any range of days ("2026-03-01..2026-04-15"). Both ends are inclusive days.
public struct ReportPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable { case month, quarter, year, range }

    public let kind: Kind
    public let from: LocalDate
    public let to: LocalDate

    public init(kind: Kind, from: LocalDate, to: LocalDate) {
        self.kind = kind
        self.from = from
        self.to = max(from, to)
    }

    public static func month(_ year: Int, _ month: Int) -> ReportPeriod {
        let first = LocalDate(year: year, month: month, day: 1)!
        return ReportPeriod(kind: .month, from: first, to: first.adding(days: LocalDate.daysIn(month: month, year: year) - 1))
    }

    public static func quarter(_ year: Int, _ quarter: Int) -> ReportPeriod {
        let first = LocalDate(year: year, month: quarter * 3 - 2, day: 1)!
        let last = month(year, quarter * 3).to
        return ReportPeriod(kind: .quarter, from: first, to: last)
    }

    public static func year(_ year: Int) -> ReportPeriod {
        ReportPeriod(kind: .year, from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)
    }

    /// Parses the `--period` forms; nil when the text is none of them.
    public init?(parsing text: String) {
        let t = String(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        let ends = t.split(separator: ".", omittingEmptySubsequences: false)
        if t.contains("..") {
            guard ends.count == 3, ends[1].isEmpty, let a = LocalDate(iso: String(ends[0])), let b = LocalDate(iso: String(ends[2])),
                  a <= b else { return nil }
            self.init(kind: .range, from: a, to: b)
        } else if parts.count == 1, t.count == 4, let y = Int(t), y >= 1900 {
            self = .year(y)
        } else if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), y >= 1900 {
            let p = parts[1]
            if p.count == 2, p.first == "Q" || p.first == "q", let q = Int(p.dropFirst()), (1...4).contains(q) {
                self = .quarter(y, q)
            } else if p.count == 2, let m = Int(p), (1...12).contains(m) {
                self = .month(y, m)
            } else {
                return nil
            }
        } else if let day = LocalDate(iso: t) {
            self.init(kind: .range, from: day, to: day)
        } else {
            return nil
        }
    }

    public static let formatHelp = "期间应为 YYYY-MM（月）、YYYY-Qn（季度）、YYYY（年）或 YYYY-MM-DD..YYYY-MM-DD"

    /// The code the CLI accepts back: "2026-05", "2026-Q2", "2026", "2026-03-01..2026-04-15".
    public var code: String {
        switch kind {
        case .month: return String(from.iso.prefix(7))
        case .quarter: return "\(from.year)-Q\((from.month + 2) / 3)"
        case .year: return String(from.year)
        case .range: return from == to ? from.iso : "\(from.iso)..\(to.iso)"
        }
    }

    public var description: String { code }

    /// 2026年5月, 2026年第二季度, 2026年, 2026-03-01至2026-04-15.
    public var label: String {
        switch kind {
        case .month: return "\(from.year)年\(from.month)月"
        case .quarter: return "\(from.year)年第\(["一", "二", "三", "四"][(from.month - 1) / 3])季度"
        case .year: return "\(from.year)年"
        case .range: return from == to ? from.iso : "\(from.iso)至\(to.iso)"
        }
    }

    public var days: Int { from.days(to: to) + 1 }

    /// The part of the period up to and including `asOf` (the whole period once it is past);
    /// nil when the period has not begun.
    public func elapsed(asOf: LocalDate) -> ReportPeriod? {
        guard asOf >= from else { return nil }
        return ReportPeriod(kind: kind, from: from, to: min(to, asOf))
    }

    /// The calendar months the period touches, each clipped to the period.
    public var months: [ReportPeriod] {
        var result: [ReportPeriod] = []
        var y = from.year, m = from.month
        while true {
            let whole = ReportPeriod.month(y, m)
            if whole.from > to { break }
            result.append(ReportPeriod(kind: whole.from >= from && whole.to <= to ? .month : .range,
                                       from: max(whole.from, from), to: min(whole.to, to)))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return result
    }

    /// The same span one year earlier (for "same period last year").
    public var previousYear: ReportPeriod {
        ReportPeriod(kind: kind, from: from.adding(years: -1), to: to.adding(years: -1))
    }

    /// The monthly report is due on the 15th of the next month; the quarterly fund report within
    /// 15 days after the quarter (泽州 实施方案; 淮南: monthly activity report before the 15th).
    public var dueOn: LocalDate { to.adding(days: 15) }
}

extension LocalDate {
    /// Days in the calendar year of this date.
    public var daysInYear: Int { LocalDate.isLeap(year) ? 366 : 365 }
}

/// How a period of N days is counted.
public enum DeadlineCounting: String, Sendable, Codable, CaseIterable {
    /// 民法典 Arts 200–204: the start day is not counted; if the last day is a rest day
    /// (a statutory holiday or an ordinary weekend that is not a make-up working day), the
    /// period ends on the next working day.
    case calendar
    /// Only working days are counted.
    case working

    public var label: String { self == .calendar ? "自然日（末日遇休息日顺延）" : "工作日" }
}

/// One year's national holiday notice (国务院办公厅关于某年部分节假日安排的通知) as data.
public struct HolidayYear: Sendable, Hashable {
    public let year: Int
    /// Days off, including weekend days that fall inside a holiday.
    public let offDays: Set<LocalDate>
    /// Weekend days worked in exchange (调休上班).
    public let makeUpWorkdays: Set<LocalDate>
    /// The notice, for citations.
    public let source: String

    public init(year: Int, offDays: Set<LocalDate>, makeUpWorkdays: Set<LocalDate>, source: String) {
        self.year = year
        self.offDays = offDays
        self.makeUpWorkdays = makeUpWorkdays
        self.source = source
    }
}

/// A year the calendar has no notice for: refused, never assumed.
public struct CalendarYearNotCovered: Error, Hashable, Sendable {
    public let year: Int
    public let coveredYears: [Int]

    public var message: String {
        let covered = coveredYears.map(String.init).joined(separator: "、")
        return "\(year)年的节假日安排尚未载入（已载入：\(covered.isEmpty ? "无" : covered)），无法计算工作日"
    }
}

/// Working days from the holiday tables: a day is worked if it is a make-up working day, or a
/// Monday–Friday that is not a day off.
public struct HolidayCalendar: Sendable {
    public let years: [Int: HolidayYear]

    public init(years: [HolidayYear]) {
        var byYear: [Int: HolidayYear] = [:]
        for entry in years { byYear[entry.year] = entry }
        self.years = byYear
    }

    public var coveredYears: [Int] { years.keys.sorted() }

    public func covers(_ date: LocalDate) -> Bool { years[date.year] != nil }

    public func isWorkingDay(_ date: LocalDate) throws(CalendarYearNotCovered) -> Bool {
        guard let table = years[date.year] else {
            throw CalendarYearNotCovered(year: date.year, coveredYears: coveredYears)
        }
        if table.makeUpWorkdays.contains(date) { return true }
        return !date.weekday.isWeekend && !table.offDays.contains(date)
    }

    /// The last day of a period of `days` days that starts the day after `start`.
    public func due(from start: LocalDate, days: Int,
                    rule: DeadlineCounting) throws(CalendarYearNotCovered) -> LocalDate {
        switch rule {
        case .calendar:
            var last = start.adding(days: days)
            while try !isWorkingDay(last) { last = last.adding(days: 1) }
            return last
        case .working:
            var day = start
            var counted = 0
            while counted < days {
                day = day.adding(days: 1)
                if try isWorkingDay(day) { counted += 1 }
            }
            return day
        }
    }

    public func workingDays(inYear year: Int) throws(CalendarYearNotCovered) -> Int {
        guard var day = LocalDate(year: year, month: 1, day: 1) else {
            throw CalendarYearNotCovered(year: year, coveredYears: coveredYears)
        }
        var count = 0
        while day.year == year {
            if try isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}

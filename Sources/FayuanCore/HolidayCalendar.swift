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

/// One year's holidays: a State Council notice (国务院办公厅关于某年部分节假日安排的通知) as data,
/// or, for a year with no notice yet, the provisional year computed from the statute (暂定).
public struct HolidayYear: Sendable, Hashable {
    public let year: Int
    /// Days off, including weekend days that fall inside a holiday.
    public let offDays: Set<LocalDate>
    /// Weekend days worked in exchange (调休上班).
    public let makeUpWorkdays: Set<LocalDate>
    /// The notice, for citations.
    public let source: String
    /// What each day off or make-up day is ("春节", "调休上班"), for month views; may be empty.
    public let names: [LocalDate: String]
    /// True when no notice is loaded and the year was computed from 《全国年节及纪念日放假办法》:
    /// every date derived from it is shown as 暂定 until the notice is entered.
    public let provisional: Bool

    public init(year: Int, offDays: Set<LocalDate>, makeUpWorkdays: Set<LocalDate>, source: String,
                names: [LocalDate: String] = [:], provisional: Bool = false) {
        self.year = year
        self.offDays = offDays
        self.makeUpWorkdays = makeUpWorkdays
        self.source = source
        self.names = names
        self.provisional = provisional
    }

    /// Working days in the year: make-up days, and Monday–Friday that are not off.
    public var workingDayCount: Int {
        guard var day = LocalDate(year: year, month: 1, day: 1) else { return 0 }
        var count = 0
        while day.year == year {
            if makeUpWorkdays.contains(day) || (!day.weekday.isWeekend && !offDays.contains(day)) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}

/// A year the calendar can say nothing about: no notice is loaded and the lunar data (1900–2100)
/// does not reach it. Refused, never assumed.
public struct CalendarYearNotCovered: Error, Hashable, Sendable {
    public let year: Int
    public let coveredYears: [Int]

    public var message: String {
        let covered = coveredYears.map(String.init).joined(separator: "、")
        return "\(year)年的节假日安排尚未载入（已载入：\(covered.isEmpty ? "无" : covered)），且超出可推算暂定日历的范围（\(LunarCalendar.supportedYears.lowerBound)—\(LunarCalendar.supportedYears.upperBound)年），无法计算工作日"
    }
}

/// The statutory holidays of 《全国年节及纪念日放假办法》 (国务院令第795号, revised 2024-11-10, in
/// force 2025-01-01), Art 2: 元旦 1 day; 春节 4 days (除夕 and 正月初一至初三); 清明 1; 劳动节 2
/// (5月1日、2日); 端午 1 (五月初五); 中秋 1 (八月十五); 国庆 3 (10月1日至3日). Art 6: a holiday that falls
/// on a Saturday or Sunday is made up on a working day (补假) — taken here as the first working
/// days after that holiday. No 调休 (moved working days): only a notice decides those.
public enum StatutoryHolidays {
    public static let source = "按《全国年节及纪念日放假办法》推算（暂定，尚无国务院办公厅通知）"

    public struct Holiday: Sendable, Hashable {
        public var name: String
        public var days: [LocalDate]
    }

    /// The statutory days of a year in order, or nil outside the lunar data's range.
    public static func holidays(year: Int) -> [Holiday]? {
        guard let eve = LunarCalendar.newYearsEve(year), let qingming = LunarCalendar.qingming(year),
              let duanwu = LunarCalendar.date(year: year, month: 5, day: 5),
              let zhongqiu = LunarCalendar.date(year: year, month: 8, day: 15),
              let newYear = LocalDate(year: year, month: 1, day: 1),
              let labour = LocalDate(year: year, month: 5, day: 1),
              let national = LocalDate(year: year, month: 10, day: 1) else { return nil }
        var result = [
            Holiday(name: "元旦", days: [newYear]),
            Holiday(name: "春节", days: (0..<4).map { eve.adding(days: $0) }),
            Holiday(name: "清明节", days: [qingming]),
            Holiday(name: "劳动节", days: [labour, labour.adding(days: 1)]),
            Holiday(name: "端午节", days: [duanwu]),
            Holiday(name: "中秋节", days: [zhongqiu]),
            Holiday(name: "国庆节", days: (0..<3).map { national.adding(days: $0) }),
        ]
        // 春节 begins between 01-21 and 02-20, so every day lies inside the year; checked anyway.
        for index in result.indices { result[index].days.removeAll { $0.year != year } }
        return result
    }

    /// The provisional year: weekends, the statutory days, and 补假 for those on a weekend.
    public static func provisionalYear(_ year: Int) -> HolidayYear? {
        guard let holidays = holidays(year: year) else { return nil }
        var off = Set<LocalDate>()
        var names: [LocalDate: String] = [:]
        for holiday in holidays {
            for day in holiday.days where names[day] == nil {
                off.insert(day)
                names[day] = holiday.name
            }
        }
        for holiday in holidays {
            let owed = holiday.days.filter(\.weekday.isWeekend).count
            guard owed > 0, var day = holiday.days.max() else { continue }
            var given = 0
            while given < owed {
                day = day.adding(days: 1)
                guard day.year == year else { break }
                if !day.weekday.isWeekend && !off.contains(day) {
                    off.insert(day)
                    names[day] = holiday.name + "（补假）"
                    given += 1
                }
            }
        }
        return HolidayYear(year: year, offDays: off, makeUpWorkdays: [], source: source, names: names,
                           provisional: true)
    }
}

/// Working days from the holiday tables: a day is worked if it is a make-up working day, or a
/// Monday–Friday that is not a day off. A year with no notice uses the provisional year
/// (`StatutoryHolidays`), and every answer derived from it says so (`provisional`).
public struct HolidayCalendar: Sendable {
    /// The years with a notice loaded.
    public let years: [Int: HolidayYear]
    /// Provisional years for every year of the lunar data without a notice.
    let provisionalYears: [Int: HolidayYear]

    public init(years: [HolidayYear]) {
        var byYear: [Int: HolidayYear] = [:]
        for entry in years { byYear[entry.year] = entry }
        self.years = byYear
        var provisional: [Int: HolidayYear] = [:]
        for year in LunarCalendar.supportedYears where byYear[year] == nil {
            provisional[year] = StatutoryHolidays.provisionalYear(year)
        }
        provisionalYears = provisional
    }

    /// The years with a notice.
    public var coveredYears: [Int] { years.keys.sorted() }

    /// True when dates in the year can be computed (a notice, or the provisional year).
    public func covers(_ date: LocalDate) -> Bool { table(for: date.year) != nil }

    /// The notice of the year, else its provisional year, else nil.
    public func table(for year: Int) -> HolidayYear? { years[year] ?? provisionalYears[year] }

    /// True when the year has no notice and is computed provisionally (暂定).
    public func isProvisional(year: Int) -> Bool { years[year] == nil && provisionalYears[year] != nil }

    public func isWorkingDay(_ date: LocalDate) throws(CalendarYearNotCovered) -> Bool {
        try day(date).working
    }

    /// One day as a month view shows it.
    public struct Day: Sendable, Hashable {
        public var date: LocalDate
        public var working: Bool
        public var provisional: Bool
        /// "春节", "调休上班", or nil for an ordinary day.
        public var name: String?
    }

    public func day(_ date: LocalDate) throws(CalendarYearNotCovered) -> Day {
        guard let table = table(for: date.year) else {
            throw CalendarYearNotCovered(year: date.year, coveredYears: coveredYears)
        }
        let working = table.makeUpWorkdays.contains(date)
            || (!date.weekday.isWeekend && !table.offDays.contains(date))
        return Day(date: date, working: working, provisional: table.provisional, name: table.names[date])
    }

    /// A due date, and whether any day it depends on comes from a provisional year.
    public struct Due: Sendable, Hashable {
        public var date: LocalDate
        public var provisional: Bool

        public init(date: LocalDate, provisional: Bool) {
            self.date = date
            self.provisional = provisional
        }

        /// "2027-01-04（暂定）" or "2027-01-04".
        public var text: String { date.iso + (provisional ? "（暂定）" : "") }
    }

    /// The last day of a period of `days` days that starts the day after `start`.
    public func due(from start: LocalDate, days: Int,
                    rule: DeadlineCounting) throws(CalendarYearNotCovered) -> LocalDate {
        try dueDate(from: start, days: days, rule: rule).date
    }

    /// As `due`, marked provisional when a day it had to look up lies in a provisional year.
    public func dueDate(from start: LocalDate, days: Int,
                        rule: DeadlineCounting) throws(CalendarYearNotCovered) -> Due {
        var provisional = false
        func working(_ date: LocalDate) throws(CalendarYearNotCovered) -> Bool {
            let info = try day(date)
            if info.provisional { provisional = true }
            return info.working
        }
        switch rule {
        case .calendar:
            var last = start.adding(days: days)
            while try !working(last) { last = last.adding(days: 1) }
            return Due(date: last, provisional: provisional)
        case .working:
            var current = start
            var counted = 0
            while counted < days {
                current = current.adding(days: 1)
                if try working(current) { counted += 1 }
            }
            return Due(date: current, provisional: provisional)
        }
    }

    public func workingDays(inYear year: Int) throws(CalendarYearNotCovered) -> Int {
        guard let table = table(for: year) else {
            throw CalendarYearNotCovered(year: year, coveredYears: coveredYears)
        }
        return table.workingDayCount
    }
}

/// The Chinese lunisolar calendar for 1900–2100, as the statutory holidays need it: 春节 (正月初一)
/// and 除夕, 端午 (五月初五), 中秋 (八月十五), and the solar term 清明.
///
/// Source of the data (why a table, not an ephemeris): the month lengths are the official
/// calendar's outcome, which an approximate astronomy formula can get wrong by a day when a new
/// moon falls near midnight in Beijing. The table below was generated with lunar-python 1.4.8
/// (6tail, MIT licence; the 寿星天文历 algorithm, UTC+8) and cross-checked year by year against
/// lunardate 0.3.0 (Hong Kong Observatory derived) for 1900–2099: the one difference is 1978's
/// eighth month (lunar-python 09-17, the Purple Mountain Observatory's published 中秋; lunardate
/// 09-16). 清明 (solar longitude 15°) was cross-checked against PyEphem 4.2.1 in UTC+8: the same
/// day in every year but 1943, whose term falls 2 minutes from midnight (kept as 04-06, as the
/// 寿星 algorithm and the published almanacs give it).
///
/// Encoding of `monthInfo` (the widely published "lunarInfo" layout, e.g. 1900 = 0x04bd8):
/// bits 15…4 = months 1…12 (1 = 30 days, 0 = 29), bits 3…0 = the leap month (0 = none),
/// bit 16 = the leap month has 30 days.
public enum LunarCalendar {
    public static let supportedYears = 1900...2100

    /// 1900's 正月初一.
    static let epoch = LocalDate(year: 1900, month: 1, day: 31)!

    static let monthInfo: [Int] = [
        0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2,
        0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977,
        0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970,
        0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950,
        0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557,
        0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0,
        0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0,
        0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6,
        0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570,
        0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0,
        0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5,
        0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930,
        0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530,
        0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45,
        0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0,
        0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0,
        0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4,
        0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0,
        0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160,
        0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252,
        0x0d520,
    ]

    /// 清明's day in April for each year from 1900 (one digit a year).
    static let qingmingDays: [UInt8] = Array("556655665566555655565556555655565556555655565555555555555555555555555555555545554555455545554555455545554555445544554455445544554455445544554445444544454445444544454445444544444444444444444444444444445".utf8).map { $0 - 48 }

    /// Days from 1900-01-31 to each year's 正月初一, computed once from the month lengths.
    static let newYearOffsets: [Int] = {
        var offsets: [Int] = []
        var total = 0
        for info in monthInfo {
            offsets.append(total)
            total += yearLength(info)
        }
        return offsets
    }()

    static func monthLength(_ info: Int, month: Int) -> Int { info & (0x10000 >> month) != 0 ? 30 : 29 }

    static func leapMonth(_ info: Int) -> Int { info & 0xf }

    static func leapLength(_ info: Int) -> Int { leapMonth(info) == 0 ? 0 : (info & 0x10000 != 0 ? 30 : 29) }

    static func yearLength(_ info: Int) -> Int {
        (1...12).reduce(0) { $0 + monthLength(info, month: $1) } + leapLength(info)
    }

    /// Days in a lunar year (353–355, or 383–385 with a leap month).
    public static func daysInYear(_ year: Int) -> Int? {
        supportedYears.contains(year) ? yearLength(monthInfo[year - 1900]) : nil
    }

    /// The leap month of a lunar year (nil: none, or out of range).
    public static func leapMonth(ofYear year: Int) -> Int? {
        guard supportedYears.contains(year) else { return nil }
        let leap = leapMonth(monthInfo[year - 1900])
        return leap == 0 ? nil : leap
    }

    /// 正月初一 of the lunar year that begins in Gregorian `year`.
    public static func newYear(_ year: Int) -> LocalDate? {
        guard supportedYears.contains(year) else { return nil }
        return epoch.adding(days: newYearOffsets[year - 1900])
    }

    /// 除夕: the last day of the lunar year before the one that begins in `year`.
    public static func newYearsEve(_ year: Int) -> LocalDate? { newYear(year)?.adding(days: -1) }

    /// The Gregorian date of a day of an ordinary (not leap) lunar month of lunar year `year`.
    public static func date(year: Int, month: Int, day: Int) -> LocalDate? {
        guard let start = newYear(year), (1...12).contains(month) else { return nil }
        let info = monthInfo[year - 1900]
        guard (1...monthLength(info, month: month)).contains(day) else { return nil }
        var offset = 0
        for m in 1..<month {
            offset += monthLength(info, month: m)
            if leapMonth(info) == m { offset += leapLength(info) }
        }
        return start.adding(days: offset + day - 1)
    }

    /// 清明 (the day the Sun reaches ecliptic longitude 15°, Beijing time).
    public static func qingming(_ year: Int) -> LocalDate? {
        guard supportedYears.contains(year) else { return nil }
        return LocalDate(year: year, month: 4, day: Int(qingmingDays[year - 1900]))
    }
}

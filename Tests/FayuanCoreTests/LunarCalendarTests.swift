import Testing
import FayuanCore

/// The lunar table and 清明 (FayuanCore/LunarCalendar.swift) against independent sources, and the
/// provisional year built from 《全国年节及纪念日放假办法》.
@Suite("农历、清明与暂定节假日") struct LunarCalendarTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test("已知日期：春节、端午、中秋、清明") func knownDates() {
        #expect(LunarCalendar.newYear(2026) == Self.d("2026-02-17"))
        #expect(LunarCalendar.newYear(2027) == Self.d("2027-02-06"))
        #expect(LunarCalendar.newYear(2028) == Self.d("2028-01-26"))
        #expect(LunarCalendar.newYearsEve(2027) == Self.d("2027-02-05"))
        #expect(LunarCalendar.date(year: 2026, month: 8, day: 15) == Self.d("2026-09-25"))
        #expect(LunarCalendar.date(year: 2027, month: 8, day: 15) == Self.d("2027-09-15"))
        #expect(LunarCalendar.date(year: 2026, month: 5, day: 5) == Self.d("2026-06-19"))
        #expect(LunarCalendar.date(year: 2027, month: 5, day: 5) == Self.d("2027-06-09"))
        #expect(LunarCalendar.qingming(2026) == Self.d("2026-04-05"))
        #expect(LunarCalendar.qingming(2027) == Self.d("2027-04-05"))
        #expect(LunarCalendar.qingming(2025) == Self.d("2025-04-04"))
        #expect(LunarCalendar.newYear(1900) == Self.d("1900-01-31"))
        #expect(LunarCalendar.newYear(2100) == Self.d("2100-02-09"))
        #expect(LunarCalendar.newYear(1899) == nil)
        #expect(LunarCalendar.newYear(2101) == nil)
        #expect(LunarCalendar.date(year: 2026, month: 13, day: 1) == nil)
        #expect(LunarCalendar.date(year: 2026, month: 1, day: 31) == nil)
    }

    /// Every seventh year, from lunardate 0.3.0 (an independent, Hong Kong Observatory derived
    /// table): 春节, 端午, 中秋.
    static let independent: [(Int, String, String, String)] = [
        (1904, "1904-02-16", "1904-06-18", "1904-09-24"),
        (1911, "1911-01-30", "1911-06-01", "1911-10-06"),
        (1918, "1918-02-11", "1918-06-13", "1918-09-19"),
        (1925, "1925-01-24", "1925-06-25", "1925-10-02"),
        (1932, "1932-02-06", "1932-06-08", "1932-09-15"),
        (1939, "1939-02-19", "1939-06-21", "1939-09-27"),
        (1946, "1946-02-02", "1946-06-04", "1946-09-10"),
        (1953, "1953-02-14", "1953-06-15", "1953-09-22"),
        (1960, "1960-01-28", "1960-05-29", "1960-10-05"),
        (1967, "1967-02-09", "1967-06-12", "1967-09-18"),
        (1974, "1974-01-23", "1974-06-24", "1974-09-30"),
        (1981, "1981-02-05", "1981-06-06", "1981-09-12"),
        (1988, "1988-02-17", "1988-06-18", "1988-09-25"),
        (1995, "1995-01-31", "1995-06-02", "1995-09-09"),
        (2002, "2002-02-12", "2002-06-15", "2002-09-21"),
        (2009, "2009-01-26", "2009-05-28", "2009-10-03"),
        (2016, "2016-02-08", "2016-06-09", "2016-09-15"),
        (2023, "2023-01-22", "2023-06-22", "2023-09-29"),
        (2030, "2030-02-03", "2030-06-05", "2030-09-12"),
        (2037, "2037-02-15", "2037-06-18", "2037-09-24"),
        (2044, "2044-01-30", "2044-05-31", "2044-10-05"),
        (2051, "2051-02-11", "2051-06-13", "2051-09-19"),
        (2058, "2058-01-24", "2058-06-25", "2058-10-02"),
        (2065, "2065-02-05", "2065-06-08", "2065-09-15"),
        (2072, "2072-02-19", "2072-06-20", "2072-09-26"),
        (2079, "2079-02-02", "2079-06-04", "2079-09-10"),
        (2086, "2086-02-14", "2086-06-15", "2086-09-22"),
        (2093, "2093-01-27", "2093-05-29", "2093-10-05"),
    ]

    @Test("与独立来源（lunardate）逐年一致：1904—2093年每七年") func independentSource() {
        for (year, spring, duanwu, zhongqiu) in Self.independent {
            #expect(LunarCalendar.newYear(year)?.iso == spring, "\(year) 春节")
            #expect(LunarCalendar.date(year: year, month: 5, day: 5)?.iso == duanwu, "\(year) 端午")
            #expect(LunarCalendar.date(year: year, month: 8, day: 15)?.iso == zhongqiu, "\(year) 中秋")
        }
    }

    /// The holiday blocks of the State Council notices 2008–2026 (LKI/chinese-calendar 1.11.0
    /// data, which quotes each notice): the computed day must fall inside its festival's block.
    static let notices: [String: String] = [
        "2008": "春节 2008-02-06..2008-02-12; 清明 2008-04-04..2008-04-06; 端午 2008-06-07..2008-06-09; 中秋 2008-09-13..2008-09-15",
        "2009": "春节 2009-01-25..2009-01-31; 清明 2009-04-04..2009-04-06; 端午 2009-05-28..2009-05-30; 中秋 2009-10-03..2009-10-03",
        "2010": "春节 2010-02-13..2010-02-19; 清明 2010-04-03..2010-04-05; 端午 2010-06-14..2010-06-16; 中秋 2010-09-22..2010-09-24",
        "2011": "春节 2011-02-02..2011-02-08; 清明 2011-04-03..2011-04-05; 端午 2011-06-04..2011-06-06; 中秋 2011-09-10..2011-09-12",
        "2012": "春节 2012-01-22..2012-01-28; 清明 2012-04-02..2012-04-04; 端午 2012-06-22..2012-06-24; 中秋 2012-09-30..2012-09-30",
        "2013": "春节 2013-02-09..2013-02-15; 清明 2013-04-04..2013-04-06; 端午 2013-06-10..2013-06-12; 中秋 2013-09-19..2013-09-21",
        "2014": "春节 2014-01-31..2014-02-06; 清明 2014-04-05..2014-04-07; 端午 2014-06-02..2014-06-02; 中秋 2014-09-08..2014-09-08",
        "2015": "春节 2015-02-18..2015-02-24; 清明 2015-04-05..2015-04-06; 端午 2015-06-20..2015-06-22; 中秋 2015-09-27..2015-09-27",
        "2016": "春节 2016-02-07..2016-02-13; 清明 2016-04-04..2016-04-04; 端午 2016-06-09..2016-06-11; 中秋 2016-09-15..2016-09-17",
        "2017": "春节 2017-01-27..2017-02-02; 清明 2017-04-02..2017-04-04; 端午 2017-05-28..2017-05-30; 中秋 2017-10-04..2017-10-04",
        "2018": "春节 2018-02-15..2018-02-21; 清明 2018-04-05..2018-04-07; 端午 2018-06-18..2018-06-18; 中秋 2018-09-24..2018-09-24",
        "2019": "春节 2019-02-04..2019-02-10; 清明 2019-04-05..2019-04-07; 端午 2019-06-07..2019-06-09; 中秋 2019-09-13..2019-09-15",
        "2020": "春节 2020-01-24..2020-02-02; 清明 2020-04-04..2020-04-06; 端午 2020-06-25..2020-06-27; 中秋 -",
        "2021": "春节 2021-02-11..2021-02-17; 清明 2021-04-03..2021-04-05; 端午 2021-06-12..2021-06-14; 中秋 2021-09-19..2021-09-21",
        "2022": "春节 2022-01-31..2022-02-06; 清明 2022-04-03..2022-04-05; 端午 2022-06-03..2022-06-05; 中秋 2022-09-10..2022-09-12",
        "2023": "春节 2023-01-21..2023-01-27; 清明 2023-04-05..2023-04-05; 端午 2023-06-22..2023-06-24; 中秋 2023-09-29..2023-09-29",
        "2024": "春节 2024-02-10..2024-02-17; 清明 2024-04-04..2024-04-06; 端午 2024-06-10..2024-06-10; 中秋 2024-09-15..2024-09-17",
        "2025": "春节 2025-01-28..2025-02-04; 清明 2025-04-04..2025-04-06; 端午 2025-05-31..2025-06-02; 中秋 2025-10-06..2025-10-06",
        "2026": "春节 2026-02-15..2026-02-23; 清明 2026-04-04..2026-04-06; 端午 2026-06-19..2026-06-21; 中秋 2026-09-25..2026-09-27",
    ]

    @Test("2008—2026年国务院通知：推算的春节、清明、端午、中秋都落在通知的假期内") func againstNotices() {
        #expect(Self.notices.count == 19)
        for (yearText, blocks) in Self.notices {
            let year = Int(yearText)!
            let computed: [String: LocalDate?] = [
                "春节": LunarCalendar.newYear(year), "清明": LunarCalendar.qingming(year),
                "端午": LunarCalendar.date(year: year, month: 5, day: 5),
                "中秋": LunarCalendar.date(year: year, month: 8, day: 15),
            ]
            for block in blocks.split(separator: ";") {
                let parts = block.split(separator: " ")
                let name = String(parts[0])
                guard parts[1] != "-" else { continue }
                let range = parts[1].split(separator: ".").filter { !$0.isEmpty }
                let from = Self.d(String(range[0])), to = Self.d(String(range[1]))
                let day = computed[name]!!
                #expect(from <= day && day <= to, "\(year) \(name) \(day.iso) 不在 \(from.iso)…\(to.iso)")
            }
        }
    }

    @Test("1900—2100年逐年：日期范围与农历年长度自洽") func everyYear() {
        for year in LunarCalendar.supportedYears {
            let spring = LunarCalendar.newYear(year)!
            #expect(spring >= Self.d("\(year)-01-21") && spring <= Self.d("\(year)-02-20"), "\(year)")
            let length = LunarCalendar.daysInYear(year)!
            #expect((LunarCalendar.leapMonth(ofYear: year) == nil ? 353...355 : 383...385).contains(length), "\(year)")
            if year < 2100 { #expect(spring.adding(days: length) == LunarCalendar.newYear(year + 1), "\(year)") }
            let qingming = LunarCalendar.qingming(year)!
            #expect((4...6).contains(qingming.day) && qingming.month == 4, "\(year)")
            let duanwu = LunarCalendar.date(year: year, month: 5, day: 5)!
            #expect(duanwu >= Self.d("\(year)-05-27") && duanwu <= Self.d("\(year)-06-26"), "\(year)")
            let zhongqiu = LunarCalendar.date(year: year, month: 8, day: 15)!
            #expect(zhongqiu >= Self.d("\(year)-09-07") && zhongqiu <= Self.d("\(year)-10-08"), "\(year)")
            #expect(StatutoryHolidays.provisionalYear(year)?.offDays.isEmpty == false)
        }
    }

    @Test("2027年暂定日历：法定假日13天、周末补假、无调休") func provisional2027() throws {
        let year = try #require(StatutoryHolidays.provisionalYear(2027))
        #expect(year.provisional)
        #expect(year.makeUpWorkdays.isEmpty)
        let expected = ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10",
                        "2027-04-05", "2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04", "2027-06-09", "2027-09-15",
                        "2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", "2027-10-05"]
        #expect(year.offDays.map(\.iso).sorted() == expected)
        #expect(year.names[Self.d("2027-02-05")] == "春节")
        #expect(year.names[Self.d("2027-02-09")] == "春节（补假）")
        #expect(year.names[Self.d("2027-04-05")] == "清明节")
        #expect(year.workingDayCount == 248)
        #expect(year.source.contains("全国年节及纪念日放假办法"))
    }

    /// 2026 from the notice (only 元旦 here), 2027 provisional.
    let calendar = HolidayCalendar(years: [HolidayYear(
        year: 2026, offDays: [d("2026-01-01"), d("2026-01-02")], makeUpWorkdays: [d("2026-01-04")],
        source: "测试用：国务院办公厅关于2026年部分节假日安排的通知（节选）")])

    @Test("跨入暂定年份的期限：自然日与工作日两种算法都标明暂定") func provisionalDeadlines() throws {
        #expect(calendar.isProvisional(year: 2027))
        #expect(!calendar.isProvisional(year: 2026))
        let byCalendar = try calendar.dueDate(from: Self.d("2026-12-28"), days: 7, rule: .calendar)
        #expect(byCalendar == HolidayCalendar.Due(date: Self.d("2027-01-04"), provisional: true))
        #expect(byCalendar.text == "2027-01-04（暂定）")
        // 12-29, 12-30, 12-31, (01-01 元旦), 01-04, 01-05, 01-06, 01-07.
        let byWorking = try calendar.dueDate(from: Self.d("2026-12-28"), days: 7, rule: .working)
        #expect(byWorking == HolidayCalendar.Due(date: Self.d("2027-01-07"), provisional: true))
        // Inside the notice year: no mark.
        let settled = try calendar.dueDate(from: Self.d("2026-12-01"), days: 7, rule: .calendar)
        #expect(settled == HolidayCalendar.Due(date: Self.d("2026-12-08"), provisional: false))
        #expect(settled.text == "2026-12-08")
        // 春节 2027 (provisional): 02-04 + 3 = 02-07 (Sunday, 春节) → after the 补假 days, 02-11.
        #expect(try calendar.dueDate(from: Self.d("2027-02-04"), days: 3, rule: .calendar).date == Self.d("2027-02-11"))
        let info = try calendar.day(Self.d("2027-02-08"))
        #expect(!info.working && info.provisional && info.name == "春节")
        #expect(try calendar.day(Self.d("2026-01-04")).working)
    }
}

import Testing
import FayuanCore

/// A small fixture calendar (2025 春节 and 国庆 only); the full tables are tested with the
/// bundled data in FayuanRulesTests.
@Suite("HolidayCalendar 工作日") struct HolidayCalendarTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    let calendar: HolidayCalendar = {
        var off = Set<LocalDate>()
        var day = d("2025-01-28")
        while day <= d("2025-02-04") { off.insert(day); day = day.adding(days: 1) }
        day = d("2025-10-01")
        while day <= d("2025-10-08") { off.insert(day); day = day.adding(days: 1) }
        return HolidayCalendar(years: [HolidayYear(
            year: 2025, offDays: off,
            makeUpWorkdays: [d("2025-01-26"), d("2025-02-08"), d("2025-09-28"), d("2025-10-11")],
            source: "测试用：国务院办公厅关于2025年部分节假日安排的通知（节选）")])
    }()

    @Test("调休上班日、节假日、周末") func workingDays() throws {
        #expect(try calendar.isWorkingDay(Self.d("2025-01-26")))   // 周日调休上班
        #expect(try !calendar.isWorkingDay(Self.d("2025-01-29")))  // 春节
        #expect(try !calendar.isWorkingDay(Self.d("2025-03-01")))  // 周六
        #expect(try calendar.isWorkingDay(Self.d("2025-03-03")))
    }

    @Test("自然日计算：末日为休息日顺延") func calendarRule() throws {
        #expect(try calendar.due(from: Self.d("2025-01-24"), days: 7, rule: .calendar).iso == "2025-02-05")
        #expect(try calendar.due(from: Self.d("2025-09-30"), days: 3, rule: .calendar).iso == "2025-10-09")
        #expect(try calendar.due(from: Self.d("2025-03-03"), days: 7, rule: .calendar).iso == "2025-03-10")
    }

    @Test("工作日计算") func workingRule() throws {
        #expect(try calendar.due(from: Self.d("2025-01-24"), days: 7, rule: .working).iso == "2025-02-10")
        #expect(try calendar.due(from: Self.d("2025-09-30"), days: 3, rule: .working).iso == "2025-10-11")
    }

    @Test("超出1900—2100年且未载入的年份拒绝计算并说明") func uncoveredYear() {
        #expect(throws: CalendarYearNotCovered.self) {
            try calendar.due(from: Self.d("2100-12-29"), days: 7, rule: .calendar)
        }
        do {
            _ = try calendar.isWorkingDay(Self.d("2101-01-04"))
            Issue.record("2101年不应可算")
        } catch {
            #expect(error.message.contains("2101年的节假日安排尚未载入"))
            #expect(error.message.contains("2025"))
            #expect(error.message.contains("1900—2100"))
        }
        #expect(throws: CalendarYearNotCovered.self) { try calendar.isWorkingDay(Self.d("1899-12-31")) }
    }
}

import Testing
import FayuanCore

@Suite("LocalDate 日期") struct LocalDateTests {
    @Test("ISO 解析与格式化：二〇二六年六月八日")
    func isoRoundTrip() throws {
        let date = try #require(LocalDate(iso: "2026-06-08"))
        #expect(date.year == 2026 && date.month == 6 && date.day == 8)
        #expect(date.iso == "2026-06-08")
        #expect(date.weekday == .monday)
        #expect(date.weekday.label == "星期一")
    }

    @Test("不存在的日期被拒绝", arguments: ["2025-02-29", "2026-13-01", "2026-04-31", "2026-6-8",
                                            "2026/06/08", "二〇二六年", ""])
    func invalid(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("闰年二月二十九日有效") func leapDay() {
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2000-02-29") != nil)
        #expect(LocalDate(iso: "1900-02-29") == nil)
    }

    @Test("加减天数与相隔天数") func arithmetic() throws {
        let start = try #require(LocalDate(iso: "2025-12-28"))
        #expect(start.adding(days: 7).iso == "2026-01-04")
        #expect(start.adding(days: -365).iso == "2024-12-28")
        #expect(start.days(to: try #require(LocalDate(iso: "2026-03-01"))) == 63)
        #expect(LocalDate(dayNumber: 0).iso == "1970-01-01")
        #expect(LocalDate(iso: "1969-12-31")?.dayNumber == -1)
    }

    @Test("二月二十九日加一年落在二月二十八日") func addingYears() throws {
        let leap = try #require(LocalDate(iso: "2024-02-29"))
        #expect(leap.adding(years: 1).iso == "2025-02-28")
        #expect(leap.adding(years: 4).iso == "2028-02-29")
    }

    @Test("比较与编码为字符串") func comparableCodable() throws {
        let a = try #require(LocalDate(iso: "2025-01-24"))
        let b = try #require(LocalDate(iso: "2025-02-05"))
        #expect(a < b)
        #expect([b, a].sorted() == [a, b])
    }
}

@Suite("Age 周岁") struct AgeTests {
    let birth = LocalDate(iso: "1966-06-08")!

    @Test("生日当天尚未满六十周岁，次日满") func sixtiethBirthday() throws {
        #expect(Age.years(bornOn: birth, on: try #require(LocalDate(iso: "2026-06-07"))) == 59)
        #expect(Age.years(bornOn: birth, on: try #require(LocalDate(iso: "2026-06-08"))) == 59)
        #expect(Age.years(bornOn: birth, on: try #require(LocalDate(iso: "2026-06-09"))) == 60)
    }

    @Test("按生日当天计算的机关：生日当天即满") func onBirthdayCounting() throws {
        let day = try #require(LocalDate(iso: "2026-06-08"))
        #expect(Age.years(bornOn: birth, on: day, counting: .onBirthday) == 60)
    }

    @Test("二月二十九日出生：平年以二月二十八日为周年日") func leapBirthday() throws {
        let born = try #require(LocalDate(iso: "2008-02-29"))
        #expect(Age.dateReaching(18, bornOn: born).iso == "2026-03-01")
        #expect(Age.years(bornOn: born, on: try #require(LocalDate(iso: "2026-02-28"))) == 17)
        #expect(Age.years(bornOn: born, on: try #require(LocalDate(iso: "2026-03-01"))) == 18)
        #expect(Age.years(bornOn: born, on: try #require(LocalDate(iso: "2026-02-28")),
                          counting: .onBirthday) == 18)
        #expect(Age.years(bornOn: born, on: try #require(LocalDate(iso: "2028-02-29"))) == 19)
        #expect(Age.years(bornOn: born, on: try #require(LocalDate(iso: "2028-03-01"))) == 20)
    }

    @Test("出生前与出生当天为零") func beforeBirth() throws {
        #expect(Age.years(bornOn: birth, on: birth) == 0)
        #expect(Age.years(bornOn: birth, on: birth.adding(days: -1)) == 0)
    }
}

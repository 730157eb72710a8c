import Testing
import FayuanCore

@Suite("Reports 期间、指标与目标进度") struct ReportCoreTests {
    func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test("期间：月、季、年、区间；非法写法不接受") func periods() throws {
        let may = try #require(ReportPeriod(parsing: "2026-05"))
        #expect(may.kind == .month && may.from == d("2026-05-01") && may.to == d("2026-05-31"))
        #expect(may.label == "2026年5月" && may.code == "2026-05" && may.dueOn == d("2026-06-15"))
        let q = try #require(ReportPeriod(parsing: "2026-Q2"))
        #expect(q.from == d("2026-04-01") && q.to == d("2026-06-30") && q.label == "2026年第二季度" && q.dueOn == d("2026-07-15"))
        let feb = try #require(ReportPeriod(parsing: "2028-02"))
        #expect(feb.to == d("2028-02-29"))
        let y = try #require(ReportPeriod(parsing: "2026"))
        #expect(y.days == 365 && y.months.count == 12 && y.code == "2026")
        let r = try #require(ReportPeriod(parsing: "2026-03-20..2026-05-10"))
        #expect(r.months.map(\.code) == ["2026-03-20..2026-03-31", "2026-04", "2026-05-01..2026-05-10"])
        for bad in ["2026-13", "2026-Q5", "26", "2026-05-10..2026-05-01", "五月", ""] {
            #expect(ReportPeriod(parsing: bad) == nil, "\(bad)")
        }
        #expect(y.elapsed(asOf: d("2026-06-08"))?.days == 159)
        #expect(y.elapsed(asOf: d("2025-12-31")) == nil)
    }

    @Test("指标取值：比率带分子分母，受援率按万分之，平均数") func values() {
        var f = IndicatorFigures(period: .year(2026), stationCode: nil, population: 478_000, archiveLimitDays: 30)
        f.consultationsRated = 200; f.consultationsSatisfied = 191
        f.aidedPersons = 624
        f.reviewDays = 43; f.reviewed = 10
        #expect(f.value(.satisfactionRate).short("%") == "95.5%")
        #expect(f.value(.satisfactionRate).detailed("%") == "191/200（95.5%）")
        #expect(f.value(.residentAidRate).short("‱") == "13.05‱")
        #expect(f.value(.residentAidRate).detailed("‱") == "624人 ÷ 478000 × 10000 = 13.05‱")
        #expect(f.value(.averageReviewDays).short("日") == "4.3日")
        #expect(f.value(.returnVisitRate).short("%") == "—")
        f.population = nil
        #expect(f.value(.residentAidRate).number == nil)
        #expect(IndicatorValue.fixed(2.05, 1) == "2.1" && IndicatorValue.fixed(-0.04, 1) == "0.0" && IndicatorValue.fixed(7, 0) == "7")
        // Every indicator has a Chinese label, a unit and a written definition.
        for id in IndicatorID.allCases { #expect(!id.label.isEmpty && !id.unit.isEmpty && id.definition.count > 10) }
        // 指派期限出自第四十三条第一款（第四十四条是先行提供）。
        #expect(IndicatorID.averageAssignmentDays.definition.contains("第四十三条第一款"))
        #expect(!IndicatorID.averageAssignmentDays.definition.contains("第四十四条"))
    }

    let table = TargetTable(id: "t", regionPrefix: "140525", year: 2026, source: "测试", archiveLimitDays: 30,
                            common: [.satisfactionRate: 95, .averageReviewDays: 7],
                            county: [.consultations: 4400, .specialGroupCases: 135],
                            stations: ["140525000": [.consultations: 760], "140525107": [.consultations: 220]])

    @Test("目标：按站点取分配数，比率各处通用") func targets() {
        #expect(table.target(.consultations, station: nil) == 4400)
        #expect(table.target(.consultations, station: "140525000") == 760)
        #expect(table.target(.satisfactionRate, station: "140525107") == 95)
        #expect(table.target(.specialGroupCases, station: "140525107") == nil)
        #expect(table.target(.aidedPersons, station: nil) == nil)
    }

    @Test("全年计数：按已过天数计应完成，余下每月所需") func yearPace() {
        let asOf = d("2026-06-08")
        // 159 of 365 days: 4400 × 159 / 365 = 1916.7 due by now.
        let ahead = TargetProgress.evaluate(.consultations, value: .count(2000), period: .year(2026), asOf: asOf,
                                            table: table, station: nil)
        #expect(ahead.status == .onTrack)
        #expect(Int(ahead.expected!.rounded()) == 1917)
        let behind = TargetProgress.evaluate(.consultations, value: .count(1800), period: .year(2026), asOf: asOf,
                                             table: table, station: nil)
        #expect(behind.status == .behind && behind.status.label == "落后" && behind.status.mark == "▼")
        let pace = try! #require(behind.pace)
        #expect(pace.remaining == 2600 && pace.daysLeft == 206)
        // 206 days = 6.77 months; 2600 / 6.77 = 383.9 → 384 a month.
        #expect(pace.perMonth == 384)
        #expect(pace.text("件") == "还需 2600件，余 6.8 个月，每月需 384件")
        let done = TargetProgress.evaluate(.specialGroupCases, value: .count(140), period: .year(2026), asOf: asOf,
                                           table: table, station: nil)
        #expect(done.status == .met && done.pace?.perMonth == nil && done.pace?.text("件") == "全年目标已完成")
    }

    @Test("月度：按月份天数折算全年目标；比率与用时按下限/上限判定") func monthAndRates() {
        // May: 31 days of 365 → 760 × 31 / 365 = 64.5.
        let may = ReportPeriod.month(2026, 5)
        let centre = TargetProgress.evaluate(.consultations, value: .count(65), period: may, asOf: d("2026-06-08"),
                                             table: table, station: "140525000")
        #expect(centre.status == .met && centre.pace == nil)
        #expect(Int(centre.target!.rounded()) == 65)
        let low = TargetProgress.evaluate(.consultations, value: .count(60), period: may, asOf: d("2026-06-08"),
                                          table: table, station: "140525000")
        #expect(low.status == .behind)
        let sat = TargetProgress.evaluate(.satisfactionRate, value: .rate(.init(numerator: 94, denominator: 100)), period: may,
                                          asOf: d("2026-06-08"), table: table, station: nil)
        #expect(sat.status == .behind)
        let review = TargetProgress.evaluate(.averageReviewDays, value: .average(total: 60, count: 10), period: may,
                                             asOf: d("2026-06-08"), table: table, station: nil)
        #expect(review.status == .met)
        let none = TargetProgress.evaluate(.aidedPersons, value: .count(5), period: may, asOf: d("2026-06-08"),
                                           table: table, station: nil)
        #expect(none.status == .none && none.fraction == nil)
        let noData = TargetProgress.evaluate(.satisfactionRate, value: .rate(.init(numerator: 0, denominator: 0)), period: may,
                                             asOf: d("2026-06-08"), table: table, station: nil)
        #expect(noData.status == .none)
    }
}

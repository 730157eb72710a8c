import FayuanCore
@testable import FayuanRules
import Foundation
import Testing

/// Site rule files written from the console: the holiday notice and the local hardship
/// threshold round-trip through the loader; a broken file is refused with file:line and nothing
/// is written; the statutory days of the provisional calendar are inside every bundled notice.
@Suite("站点规则文件：节假日通知、本地经济困难标准") struct SiteRuleFileTests {
    static let notice = HolidayNotice(year: 2027, source: "测试用：国务院办公厅关于2027年部分节假日安排的通知", entries: [
        .init(name: "元旦", off: [.init(from: date("2027-01-01"), to: date("2027-01-03"))]),
        .init(name: "春节", off: [.init(from: date("2027-02-05"), to: date("2027-02-12"))],
              makeUp: [date("2027-02-14"), date("2027-02-20")]),
    ])

    @Test("节假日通知写成站点文件后原样读回，暂定标记消失") func holidayRoundTrip() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = SiteRuleLocation(flag: directory.path, environment: [:])
        var recorded: [SiteRuleWrite] = []
        let written = try SiteRuleWriter.write(fileName: Self.notice.fileName,
                                               text: Self.notice.yaml(enteredBy: "张敏", on: date("2026-12-03")),
                                               location: location) { recorded.append($0) }
        #expect(written.path == directory.path + "/holidays-2027.yaml")
        #expect(recorded.count == 1 && recorded[0].before == nil)
        let text = try String(contentsOfFile: written.path, encoding: .utf8)
        #expect(text.contains("  - {name: \"春节\", off: [2027-02-05..2027-02-12], makeUp: [2027-02-14, 2027-02-20]}"))
        // Read back by the loader exactly as `fayuan calendar --rules-dir` reads it.
        let reloaded = try RuleLibrary.load(siteDirectories: location.readDirectories)
        #expect(!reloaded.calendar.isProvisional(year: 2027))
        let table = try #require(reloaded.calendar.table(for: 2027))
        #expect(table == Self.notice.holidayYear)
        #expect(HolidayNotice.from(table) == Self.notice)
        #expect(try reloaded.calendar.isWorkingDay(date("2027-02-14")))
        #expect(try !reloaded.calendar.dueDate(from: date("2026-12-28"), days: 7, rule: .calendar).provisional)
        #expect(table.workingDayCount == 261 - 1 - 6 + 2)
    }

    @Test("写入前先整体载入：坏文件指出文件和行号，原文件不动") func brokenFileRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = SiteRuleLocation(flag: directory.path, environment: [:])
        let good = Self.notice.yaml(enteredBy: "张敏", on: date("2026-12-03"))
        _ = try SiteRuleWriter.write(fileName: "holidays-2027.yaml", text: good, location: location) { _ in }
        let broken = good.replacingOccurrences(of: "makeUp: [2027-02-14, 2027-02-20]", with: "makeUp: [2027-02-15]")
        do {
            _ = try SiteRuleWriter.write(fileName: "holidays-2027.yaml", text: broken, location: location) { _ in
                Issue.record("坏文件不应记入审计")
            }
            Issue.record("应拒绝周一作调休上班日")
        } catch let error as RuleFileError {
            #expect(error.file == directory.path + "/holidays-2027.yaml")
            #expect(error.line == 7, "\(error)")
            #expect(error.description.contains("holidays-2027.yaml:7:"))
            #expect(error.message.contains("应为周六或周日"))
        }
        #expect(try String(contentsOfFile: directory.path + "/holidays-2027.yaml", encoding: .utf8) == good)
    }

    @Test("审计失败则恢复原文件") func auditFailureRestores() throws {
        struct AuditDown: Error {}
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = SiteRuleLocation(flag: directory.path, environment: [:])
        #expect(throws: AuditDown.self) {
            try SiteRuleWriter.write(fileName: "holidays-2027.yaml", text: Self.notice.yaml(enteredBy: "张敏", on: date("2026-12-03")),
                                     location: location) { _ in throw AuditDown() }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/holidays-2027.yaml"))
    }

    @Test("字段校验：日期格式、年份、调休须为周末、重叠") func fieldValidation() {
        #expect(HolidayNotice.parseSpans("2027-02-05..2027-02-12", year: 2027) == .success([.init(from: date("2027-02-05"), to: date("2027-02-12"))]))
        #expect(HolidayNotice.parseSpans("2027-02-05…2027-02-12，2027-10-01", year: 2027).map(\.count) == .success(2))
        #expect(HolidayNotice.parseSpans("2027-02-30", year: 2027) == .failure(SiteFieldError("日期应为 YYYY-MM-DD")))
        #expect(HolidayNotice.parseSpans("2026-12-31", year: 2027) == .failure(SiteFieldError("2026-12-31 不在 2027 年")))
        #expect(HolidayNotice.parseSpans("2027-02-12..2027-02-05", year: 2027) == .failure(SiteFieldError("结束日期早于开始日期")))
        #expect(HolidayNotice.parseMakeUp("2027-02-15", year: 2027) == .failure(SiteFieldError("02-15 是星期一，须为周六日")))
        #expect(HolidayNotice.parseMakeUp("2027-02-14", year: 2027) == .success([date("2027-02-14")]))
        var overlapping = Self.notice
        overlapping.entries[0].off = [.init(from: date("2027-02-04"), to: date("2027-02-05"))]
        overlapping.entries[1].makeUp.append(date("2027-02-06"))
        let problems = overlapping.problems()
        #expect(problems.contains { $0.entry == 1 && $0.field == "off" && $0.message == "02-05 与元旦重叠" })
        #expect(problems.contains { $0.entry == 1 && $0.field == "makeUp" && $0.message == "02-06 已是春节放假日" })
        #expect(Self.notice.problems().isEmpty)
    }

    @Test("内置2025、2026年通知包含放假办法规定的全部法定假日") func statutoryInsideNotices() throws {
        for year in [2025, 2026] {
            let notice = try #require(library.calendar.years[year])
            for holiday in try #require(StatutoryHolidays.holidays(year: year)) {
                for day in holiday.days {
                    #expect(notice.offDays.contains(day), "\(year) \(holiday.name) \(day.iso) 应在通知的放假日中")
                }
            }
        }
        // The loader keeps each day's holiday name for the month view.
        #expect(library.calendar.years[2026]?.names[date("2026-10-01")] == "国庆节")
        #expect(library.calendar.years[2026]?.names[date("2026-02-14")] == "春节调休上班")
    }

    @Test("本地经济困难标准：站点文件与内置表同地区时按日期取最近一期，站点文件优先") func hardshipThreshold() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = SiteRuleLocation(flag: directory.path, environment: [:])
        let input = civil("traffic_accident", region: "140525", on: "2027-02-01", income: 1500)
        #expect(try library.screen(input).economicResult == .unknown)
        let entry = HardshipThresholdEntry(region: "140525", base: "subsistence_line", from: date("2027-01-01"), yuan: 780,
                                           source: "晋城市民政局关于提高城乡低保标准的通知（测试用）")
        let written = try SiteRuleWriter.write(fileName: entry.fileName,
                                               text: entry.yaml(existing: library, enteredBy: "张敏", on: date("2026-12-03")),
                                               location: location) { _ in }
        let value = try #require(written.library.thresholdBase(base: "subsistence_line", region: "140525", on: date("2027-02-01")).value)
        #expect(value.yuan == 780)
        #expect(value.file == directory.path + "/hardship-subsistence_line-140525.yaml")
        #expect(value.line == 11)
        // 山西 2025 Art 16: below twice the 低保 line (1560) passes.
        #expect(try written.library.screen(input).economicResult == .pass)
        // Before the site value only the bundled upper bound is known (no exact figure).
        #expect(written.library.thresholdBase(base: "subsistence_line", region: "140525", on: date("2026-12-31")).value?.yuan == nil)
        #expect(written.library.thresholdBase(base: "subsistence_line", region: "140525", on: date("2026-12-31")).value?.atMost == 2150)
        // A second value for the same region keeps the first in the file.
        let later = HardshipThresholdEntry(region: "140525", base: "subsistence_line", from: date("2028-01-01"), yuan: 800, source: "测试用2028年标准")
        let second = try SiteRuleWriter.write(fileName: later.fileName, text: later.yaml(existing: written.library, enteredBy: "张敏", on: date("2027-12-01")),
                                              location: location) { _ in }
        #expect(second.library.thresholdBase(base: "subsistence_line", region: "140525", on: date("2027-06-01")).value?.yuan == 780)
        #expect(second.library.thresholdBase(base: "subsistence_line", region: "140525", on: date("2028-06-01")).value?.yuan == 800)
        // Ganyu: a site value on the same date as the bundled one wins the tie.
        let ganyu = HardshipThresholdEntry(region: "320707", base: "minimum_wage", from: date("2026-01-01"), yuan: 2400, source: "测试用")
        let third = try SiteRuleWriter.write(fileName: ganyu.fileName, text: ganyu.yaml(existing: library, enteredBy: "张敏", on: date("2026-12-03")),
                                             location: location) { _ in }
        #expect(third.library.thresholdBase(base: "minimum_wage", region: "320707", on: date("2026-06-01")).value?.yuan == 2400)
    }

    @Test("年度目标写成站点文件后原样读回") func targetsRoundTrip() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let previous = try #require(library.targetTable(region: "140525", year: 2026))
        let table = TargetTable(id: "site-140525-2027", regionPrefix: "140525", year: 2027, source: "泽州县2027年实施方案（测试用）",
                                archiveLimitDays: 30, common: [.satisfactionRate: 96], county: [.specialGroupCases: 150],
                                stations: previous.stations)
        let written = try SiteRuleWriter.write(fileName: table.fileName, text: table.yaml(region: "140525", enteredBy: "张敏", on: date("2026-12-03")),
                                               location: SiteRuleLocation(flag: directory.path, environment: [:])) { _ in }
        let loaded = try #require(written.library.targetTable(region: "140525", year: 2027))
        #expect(loaded.county[.specialGroupCases] == 150)
        #expect(loaded.county[.consultations] == 4400)
        #expect(loaded.common[.satisfactionRate] == 96)
        #expect(loaded.stations == previous.stations)
        #expect(written.library.targetPlaces["site-140525-2027"] == directory.path + "/targets-site-140525-2027.yaml:3")
    }
}

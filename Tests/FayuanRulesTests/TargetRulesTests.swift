import FayuanCore
@testable import FayuanRules
import Foundation
import Testing

@Suite("目标任务数据") struct TargetRulesTests {
    static let other = """
    targets:
      id: gaoping-2026
      region: "140581"
      year: 2026
      source: 高平市目标（测试）
      archiveLimitDays: 20
      all: {satisfactionRate: 90, spotCheckRate: 30}
      county: {consultations: 500, residentAidRate: 13}
      stations:
        - {station: "140581000", consultations: 300}
        - {station: "140581101", consultations: 200}
    """

    @Test("内置泽州分配表：中心760，乡镇240/220，合计4400；满意率95%，特殊群体135件") func bundledZezhou() throws {
        let table = try #require(library.targetTable(region: "140525", year: 2026))
        #expect(table.id == "zezhou-2026" && table.archiveLimitDays == 30)
        #expect(table.target(.consultations, station: "140525000") == 760)
        #expect(table.target(.consultations, station: "140525101") == 240)
        #expect(table.target(.consultations, station: "140525116") == 220)
        #expect(table.stations.count == 17)
        #expect(table.stations.values.filter { $0[.consultations] == 240 }.count == 6)
        #expect(table.stations.values.filter { $0[.consultations] == 220 }.count == 10)
        #expect(table.target(.consultations, station: nil) == 4400)
        #expect(table.target(.satisfactionRate, station: "140525107") == 95)
        #expect(table.target(.specialGroupCases, station: nil) == 135)
        #expect(library.targetTable(region: "140525", year: 2025) == nil)
        #expect(library.targetTable(region: "320707", year: 2026) == nil)
    }

    @Test("另一县的站点文件：不重新编译即可设目标；全县咨询数缺省取各站之和") func siteFile() throws {
        let loaded = try RuleLibrary.load(extraSources: [RuleSource(path: "site/gaoping.yaml", text: Self.other, origin: 1)])
        let table = try #require(loaded.targetTable(region: "140581", year: 2026))
        #expect(table.archiveLimitDays == 20)
        #expect(table.target(.consultations, station: nil) == 500)
        #expect(table.target(.spotCheckRate, station: "140581101") == 30)
        #expect(table.target(.residentAidRate, station: nil) == 13)
        let sumOnly = Self.other.replacingOccurrences(of: "consultations: 500, ", with: "")
        let summed = try RuleLibrary.load(extraSources: [RuleSource(path: "s.yaml", text: sumOnly, origin: 1)])
        #expect(summed.targetTable(region: "140581", year: 2026)?.target(.consultations, station: nil) == 500)
    }

    @Test("错误指出文件、行号和字段", arguments: [
        ("satisfactionRate: 90", "satisfactionRate: 190", 7, "百分比，应为 0 到 100"),
        ("satisfactionRate: 90", "consultations: 90", 7, "未知字段“consultations”"),
        ("consultations: 500", "consultations: 600", 8, "与各站点分配之和 500 不一致"),
        ("consultations: 300", "consultations: 3.5", 10, "应为非负整数"),
        ("\"140581101\"", "\"14058A\"", 11, "站点代码应为数字"),
        ("\"140581101\"", "\"140581000\"", 11, "站点“140581000”重复"),
        ("year: 2026", "year: 26", 4, "year 应为 2000 到 2100"),
        ("archiveLimitDays: 20", "archiveLimitDay: 20", 6, "未知字段“archiveLimitDay”"),
    ]) func errors(from: String, to: String, line: Int, message: String) {
        let text = Self.other.replacingOccurrences(of: from, with: to)
        do {
            _ = try RuleLibrary.load(extraSources: [RuleSource(path: "site/bad.yaml", text: text, origin: 1)])
            Issue.record("应报错：\(to)")
        } catch {
            #expect(error.file == "site/bad.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }
}

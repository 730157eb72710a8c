import FayuanCore
@testable import FayuanRules
import Foundation
import Testing

@Suite("值班与补贴规则数据") struct RosterRulesTests {
    /// A site file for another county, written from the bundled one with a few figures changed.
    static let other = """
    roster:
      id: other-140581
      region: "140581"
      source: 高平市值班方案（测试）
      centre: {minHours: 8, start: "08:00", end: "17:00", rate: 250, spotCheckAbsent: 120}
      township: {frequency: weekly, times: 2, minHours: 4, start: "14:00", end: "18:00", rate: 320, spotCheckAbsent: 160}
      stations:
        - {station: "140581105", frequency: monthly, times: 1}
      providers:
        eligible: [lawyer, grassroots_worker]
        subsidised: [lawyer]
      deductions: {recordIncomplete: 20, lateOrEarly: 60, dissatisfied: 40, complaint: 80, forfeitAbsences: 2}
      caseSubsidy: 1200
    """

    @Test("内置泽州数据：费率、扣款、频次、谁领补贴") func bundledZezhou() throws {
        let policy = try #require(library.rosterPolicy(region: "140525102"))
        #expect(policy.id == "zezhou-140525")
        #expect(policy.centre.rateFen == 20_000 && policy.township.rateFen == 30_000)
        #expect(policy.centre.frequency == .everyWorkingDay && policy.township.frequency == .weekly(1))
        #expect(policy.centre.minimumMinutes == 480 && policy.township.minimumMinutes == 240)
        #expect(policy.centre.spotCheckAbsentFen == 10_000 && policy.township.spotCheckAbsentFen == 15_000)
        #expect([Int]([policy.recordIssueFen, policy.lateOrEarlyFen, policy.dissatisfiedFen, policy.complaintFen])
            == [1_000, 5_000, 5_000, 5_000])
        #expect(policy.forfeitAbsences == 3 && policy.caseSubsidyFen == 100_000)
        #expect(policy.eligibleKinds.contains("public_lawyer") && !policy.subsidisedKinds.contains("public_lawyer"))
        #expect(library.rosterPolicy(region: "320707") == nil)
    }

    @Test("另一县的站点文件：不重新编译即可改费率和频次") func siteFileOtherCounty() throws {
        let loaded = try RuleLibrary.load(extraSources: [RuleSource(path: "site/gaoping.yaml", text: Self.other, origin: 1)])
        let policy = try #require(loaded.rosterPolicy(region: "140581"))
        #expect(policy.township.frequency == .weekly(2) && policy.township.rateFen == 32_000)
        #expect(policy.frequency(stationCode: "140581105", kind: .township) == .monthly(1))
        #expect(policy.forfeitAbsences == 2 && policy.caseSubsidyFen == 120_000)
        #expect(loaded.rosterPolicy(region: "140525")?.id == "zezhou-140525")
    }

    @Test("同一 id 的站点文件覆盖内置数据") func siteOverride() throws {
        let text = Self.other.replacingOccurrences(of: "other-140581", with: "zezhou-140525")
            .replacingOccurrences(of: "\"140581\"", with: "\"140525\"")
        let loaded = try RuleLibrary.load(extraSources: [RuleSource(path: "site/zezhou.yaml", text: text, origin: 1)])
        #expect(loaded.rosterPolicies.filter { $0.id == "zezhou-140525" }.count == 1)
        #expect(loaded.rosterPolicy(region: "140525")?.centre.rateFen == 25_000)
    }

    @Test("错误指出文件、行号和字段", arguments: [
        ("rate: 320", "rate: 很多", 6, "应为数值"),
        ("times: 2, minHours: 4", "times: 9, minHours: 4", 6, "每周值班次数应为 1 到 5"),
        ("start: \"14:00\", end: \"18:00\"", "start: \"14:00\", end: \"16:00\"", 6, "短于每次至少 4 小时"),
        ("frequency: monthly", "frequency: yearly", 8, "未知的值班频次“yearly”"),
        ("subsidised: [lawyer]", "subsidised: [lawyer, judge]", 11, "未知的人员类别“judge”"),
        ("subsidised: [lawyer]", "subsidised: [lawyer, volunteer]", 11, "不在可值班人员"),
        ("forfeitAbsences: 2", "forfeitAbsences: 0", 12, "forfeitAbsences 至少为 1"),
        ("caseSubsidy: 1200", "caseSubsidie: 1200", 13, "未知字段“caseSubsidie”"),
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

    @Test("同一来源中重复的 id 报错") func duplicateID() {
        #expect(throws: RuleFileError.self) {
            try RuleLibrary.load(extraSources: [RuleSource(path: "a.yaml", text: Self.other, origin: 1),
                                                RuleSource(path: "b.yaml", text: Self.other, origin: 1)])
        }
    }
}

/// The case subsidy tables (rules/case-subsidy/): Shanxi carries only the figures the sources give;
/// a site file with the same id replaces it.
@Suite("办案补贴标准表") struct CaseSubsidyRulesTests {
    @Test("山西只有资料给出的两项；江苏、安徽没有金额并说明") func bundled() throws {
        let library = try RuleLibrary.bundled()
        let shanxi = try #require(library.caseSubsidyRates(region: "140525"))
        #expect(shanxi.id == "shanxi-14")
        #expect(shanxi.rate(kind: "civil", stage: "litigation")?.fen == 100_000)
        #expect(shanxi.rate(kind: "criminal", stage: "trial")?.fen == 100_000)
        #expect(shanxi.rate(kind: "criminal", stage: "investigation") == nil)
        #expect(shanxi.note.contains("资料中没有"))
        #expect(library.caseSubsidyRates(region: "320100")?.rates.isEmpty == true)
        #expect(library.caseSubsidyRates(region: "340100")?.rates.isEmpty == true)
    }

    @Test("站点文件覆盖：泽州县补充侦查阶段并提高民事诉讼标准") func siteOverride() throws {
        let text = """
        caseSubsidy:
          id: shanxi-14
          region: "14"
          source: 泽州县法律援助补贴实施细则（本地）
          rates:
            - {kind: civil, stage: litigation, amount: 1500}
            - {kind: criminal, stage: investigation, amount: 800}
        """
        let library = try RuleLibrary.load(extraSources: [RuleSource(path: "site/办案补贴.yaml", text: text, origin: 1)])
        let rates = try #require(library.caseSubsidyRates(region: "140525"))
        #expect(library.caseSubsidyTables.filter { $0.id == "shanxi-14" }.count == 1)
        #expect(rates.rate(kind: "civil", stage: "litigation")?.fen == 150_000)
        #expect(rates.rate(kind: "criminal", stage: "investigation")?.fen == 80_000)
        #expect(rates.source == "泽州县法律援助补贴实施细则（本地）")
    }

    @Test("阶段与案件类型不符、金额无效：指出文件和行") func errors() throws {
        let text = """
        caseSubsidy:
          id: bad-14
          region: "14"
          source: 测试
          rates:
            - {kind: civil, stage: trial, amount: 1000}
        """
        do {
            _ = try RuleLibrary.load(extraSources: [RuleSource(path: "site/坏.yaml", text: text, origin: 1)])
            Issue.record("应报错")
        } catch {
            #expect(error.file == "site/坏.yaml")
            #expect(error.line == 6)
            #expect(error.message.contains("办案阶段“trial”不适用于 civil 案件"))
        }
    }
}

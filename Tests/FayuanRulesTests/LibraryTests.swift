import FayuanCore
@testable import FayuanRules
import Foundation
import Testing

@Suite("规则库：加载、嵌入、站点文件、错误定位") struct LibraryTests {
    @Test("内置规则与 rules/ 目录一致（嵌入不漂移）") func embeddingMatchesDisk() throws {
        let rulesDirectory = repositoryRoot.appendingPathComponent("rules").resolvingSymlinksInPath()
        let enumerator = FileManager.default.enumerator(atPath: rulesDirectory.path)
        var onDisk: [String] = []
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix(".yaml") { onDisk.append("rules/" + name) }
        }
        #expect(onDisk.sorted() == BundledRules.sources.map(\.path).sorted(), "请运行 scripts/embed-rules.sh")
        for source in BundledRules.sources {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent(source.path), encoding: .utf8)
            #expect(source.text + "\n" == text, "\(source.path) 与嵌入内容不同，请运行 scripts/embed-rules.sh")
        }
    }

    @Test("内置库包含各层与代码表") func bundledContents() {
        let ids = Set(library.layers.map(\.id))
        #expect(ids == ["cn-national", "js", "sx", "ah", "js-lyg-gy", "js-cz", "ah-hn", "sx-jc-zz"])
        #expect(library.layers.filter { $0.id == "sx" }.count == 2)
        #expect(library.groups.contains { $0.code == "migrant_worker" && $0.label.contains("进城务工") })
        #expect(library.causes.contains { $0.code == "labor_remuneration" && $0.label.contains("劳动报酬") })
        #expect(library.rule(id: "cn.info.49")?.days == 5)
        #expect(library.calendar.coveredYears == [2025, 2026])
    }

    @Test("每条规则都有中文说明与出处") func everyRuleExplained() {
        for rule in library.allRules {
            #expect(rule.explanation.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(rule.id)")
            #expect(!rule.citation.law.isEmpty, "\(rule.id)")
        }
    }

    static let vectors: [(String, Int, String, String)] = [
        ("2025-01-24", 7, "2025-02-05", "2025-02-10"), ("2025-04-25", 7, "2025-05-06", "2025-05-08"),
        ("2025-09-26", 7, "2025-10-09", "2025-10-13"), ("2025-09-30", 3, "2025-10-09", "2025-10-11"),
        ("2026-02-12", 7, "2026-02-24", "2026-02-28"), ("2026-02-21", 7, "2026-02-28", "2026-03-03"),
        ("2026-02-13", 3, "2026-02-24", "2026-02-25"), ("2026-04-30", 7, "2026-05-07", "2026-05-13"),
        ("2026-09-18", 7, "2026-09-28", "2026-09-29"), ("2026-09-24", 7, "2026-10-08", "2026-10-12"),
        ("2026-09-30", 3, "2026-10-08", "2026-10-10"), ("2026-05-06", 7, "2026-05-13", "2026-05-14"),
    ]

    @Test("期限计算对照表（rules-reference §4.1）", arguments: vectors)
    func deadlineVectors(received: String, days: Int, calendarDue: String, workingDue: String) throws {
        #expect(try library.calendar.due(from: date(received), days: days, rule: .calendar).iso == calendarDue)
        #expect(try library.calendar.due(from: date(received), days: days, rule: .working).iso == workingDue)
    }

    @Test("2025、2026年各248个工作日") func workingDayCounts() throws {
        #expect(try library.calendar.workingDays(inYear: 2025) == 248)
        #expect(try library.calendar.workingDays(inYear: 2026) == 248)
        // 2027 has no notice: the provisional year (13 statutory days, 补假, no 调休) answers, marked.
        #expect(try library.calendar.workingDays(inYear: 2027) == 248)
        #expect(library.calendar.isProvisional(year: 2027))
        #expect(!library.calendar.isProvisional(year: 2026))
        #expect(throws: CalendarYearNotCovered.self) { try library.calendar.workingDays(inYear: 2101) }
    }

    @Test("站点目录改动规则文件即改变结论，无需重新编译") func siteDirectoryChangesDecision() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = civil("forest_rights", region: "320707", on: "2026-06-08", income: 2300)
        #expect(try library.screen(input).economicResult == .unknown)

        // 管理员填入2026年二类地区标准。
        try """
        # 站点文件：赣榆区核实后的最低工资标准
        tables:
          - id: js-minimum-wage
            base: minimum_wage
            name: 江苏省月最低工资标准（站点核实）
            series:
              - name: 二类地区
                regions: ["320707"]
                values:
                  - {from: 2026-01-01, yuan: 2450, confidence: V, source: 站点核实的通知}
        """.write(to: directory.appendingPathComponent("thresholds.yaml"), atomically: true, encoding: .utf8)
        let site = try RuleLibrary.load(siteDirectories: [directory.path])
        let passed = try site.screen(input)
        #expect(passed.economicResult == .pass)
        #expect(passed.explains("2450"))

        // 再停用赣榆的劳动报酬免审规则：同一申请由免审变为审查。
        let wages = civil("labor_remuneration", region: "320707", on: "2026-06-08", income: 3000)
        #expect(try site.screen(wages).economicCheck == .exempt)
        try """
        rules:
          - {id: js-lyg-gy.exempt.causes, disabled: true}
        """.write(to: directory.appendingPathComponent("zz-patch.yaml"), atomically: true, encoding: .utf8)
        let patched = try RuleLibrary.load(siteDirectories: [directory.path])
        let changed = try patched.screen(wages)
        #expect(changed.economicCheck == .required)
        #expect(changed.decision == .ineligible)
        #expect(changed.ruleSet.version != passed.ruleSet.version)
    }

    @Test("站点文件新增地方层，同编号规则覆盖内置规则") func siteLayerOverrides() throws {
        let site = """
        layer:
          id: js-nj
          name: 南京市试行办法（测试用）
          region: "320100"
          effective: {from: 2025-01-01}
          law: 宁司〔2025〕1号
        rules:
          - id: js-nj.matter.contract
            kind: matter
            when: {causes: [contract_dispute]}
            cite: {section: 一}
            explanation: 合同纠纷纳入南京市法律援助事项范围（宁司〔2025〕1号 一）
          - id: cn.priority.veteran
            kind: priority
            level: statutory
            when: {groupsAny: [veteran]}
            cite: {law: 测试覆盖}
            explanation: 退役军人优先（测试覆盖）
        """
        let loaded = try RuleLibrary.load(extraSources: [RuleSource(path: "site/nanjing.yaml", text: site, origin: 1)])
        let result = try loaded.screen(civil("contract_dispute", region: "320102", on: "2025-09-01",
                                            groups: ["veteran"], income: 100))
        #expect(result.inScope)
        #expect(result.cites("宁司〔2025〕1号", section: "一"))
        #expect(result.priority == .statutory)
        #expect(result.ruleSet.id == "cn-national+js+js-nj")
        #expect(loaded.allRules.filter { $0.id == "cn.priority.veteran" }.count == 1)
    }

    @Test("损坏的规则文件被拒绝并指出 文件:行", arguments: [
        ("rules:\n  - {id: cn.matter.31-1, kind: matter, colour: red}\n", 2, "未知字段“colour”"),
        ("layer: {id: x, region: \"32\", law: 测试}\nrules:\n  - id: x.1\n    kind: matter\n    when: {causes: [labor_remuneration, foo]}\n    cite: {article: 1}\n    explanation: 测试\n", 5, "未知的案由代码“foo”"),
        ("layer: {id: x, region: \"32\", law: 测试, effective: {from: 2025-02-30}}\n", 1, "日期无效"),
        ("layer: {id: x, region: \"32\", law: 测试}\nrules:\n  - id: x.2\n    kind: magic\n", 4, "未知的规则类型“magic”"),
        ("layer: [unclosed\n", 2, "YAML 语法错误"),
        ("year: 2027\nholidays:\n  - {name: 元旦, off: [2027-01-01], makeUp: [2027-01-05]}\n", 3, "应为周六或周日"),
    ])
    func brokenFiles(text: String, line: Int, message: String) {
        do {
            _ = try RuleLibrary.load(extraSources: [RuleSource(path: "site/坏文件.yaml", text: text, origin: 1)])
            Issue.record("应拒绝：\(message)")
        } catch {
            #expect(error.file == "site/坏文件.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("site/坏文件.yaml:\(line):"))
        }
    }

    /// The rules are parsed without Yams's type guessing (Resolver.basic, issue 22 start-up):
    /// a key given twice is still refused, and a value that looks like a number or a boolean in
    /// YAML is still read as the text the file has.
    @Test("不猜类型解析：重复的键仍被拒绝，值按原文读取") func duplicateKeysAndPlainText() throws {
        do {
            _ = try RuleLibrary.load(extraSources: [RuleSource(path: "site/重复.yaml",
                text: "layer: {id: x, region: \"32\", law: 测试}\nlayer: {id: y, region: \"33\", law: 测试二}\n", origin: 1)])
            Issue.record("应拒绝重复的键 layer")
        } catch {
            #expect(error.message.contains("重复的键 layer"), "\(error)")
        }
        let year = "year: 2027\nsource: 0x1F\nholidays:\n  - {name: 元旦, off: [2027-01-01]}\n"
        let loaded = try RuleLibrary.load(extraSources: [RuleSource(path: "site/2027.yaml", text: year, origin: 1)])
        #expect(try loaded.calendar.due(from: date("2026-12-28"), days: 7, rule: .calendar).iso == "2027-01-04")
    }

    @Test("站点文件可载入2027年节假日表") func siteCalendarYear() throws {
        let year = "year: 2027\nsource: 测试用2027年安排\nholidays:\n  - {name: 元旦, off: [2027-01-01]}\n"
        let loaded = try RuleLibrary.load(extraSources: [RuleSource(path: "site/2027.yaml", text: year, origin: 1)])
        #expect(try loaded.calendar.due(from: date("2026-12-28"), days: 7, rule: .calendar).iso == "2027-01-04")
    }

    /// Speed is measured and printed, never asserted (a loaded CI machine is no benchmark);
    /// what is asserted is that repeated screening gives the same answer.
    @Test("重复筛查结果一致（并打印单次耗时）") func evaluationIsRepeatable() throws {
        let input = civil("labor_remuneration", region: "320707", on: "2026-06-08", groups: ["migrant_worker"], income: 3100)
        let first = try library.screen(input)
        let clock = ContinuousClock()
        let runs = 500
        let elapsed = try clock.measure {
            for _ in 0..<runs where try library.screen(input) != first { Issue.record("同一输入得到不同结果") }
        }
        print("筛查耗时：平均 \(elapsed / runs)（\(runs) 次）")
    }
}

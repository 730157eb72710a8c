import Foundation
import Testing

/// 问题19：评查抽样在真实终端（80×24）里——案件看板 F7 进入，抽中的案件列在画面内可滚动的
/// “待评查”清单里，Tab 进入清单，回车打开该案的评查表。画面不溢出：最后一行仍是功能键栏。
@Suite(.serialized) struct QualitySampleEndToEndTests {
    @Test func reviewerDrawsASampleAndOpensASampledCaseFromTheList() throws {
        let tmux = try TmuxSession.loggedIn(name: "孙评查", role: "reviewer", pin: "135791") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "300", "--cases", "600", "--seed", "5"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
        }
        try tmux.type("4")
        try tmux.waitFor("案件看板")
        _ = try tmux.waitFor("7抽样")
        try tmux.press("F7")
        try tmux.waitFor("F2 抽样")
        // 结案日期自 2020-01-01，比例 100%：抽中的案件远多于一屏。
        for _ in 0..<12 { try tmux.press("BSpace") }
        try tmux.type("2020-01-01")
        try tmux.press("Tab", "Tab")
        for _ in 0..<4 { try tmux.press("BSpace") }
        try tmux.type("100")
        try tmux.press("F2")
        var screen = try tmux.waitFor("待评查（已抽中、未评分）")
        var lines = screen.components(separatedBy: "\n")
        #expect(lines.count >= 24 && lines[23].hasPrefix("1帮助"), "\(screen)")
        #expect(screen.contains("已列入下方待评查清单"), "\(screen)")
        // Into the list, to its end (it scrolls), and open the last sampled case's score sheet.
        try tmux.press("Tab", "Tab")
        func selectedRow(_ screen: String) -> String? {
            screen.components(separatedBy: "\n").first { $0.contains("▶ 〔") }
        }
        let top = try selectedRow(tmux.waitUntil("清单中选中第一件") { selectedRow($0) != nil })
        try tmux.press("End")
        screen = try tmux.waitUntil("清单滚动到最后一件") { selectedRow($0) != nil && selectedRow($0) != top }
        lines = screen.components(separatedBy: "\n")
        #expect(lines.count >= 24 && lines[23].hasPrefix("1帮助"), "\(screen)")
        let selected = try #require(lines.first { $0.contains("▶ 〔") }, "清单中应有选中的案件：\(screen)")
        let number = try #require(selected.range(of: #"〔\d{4}〕[^字]+字第\d{4}号"#, options: .regularExpression).map { String(selected[$0]) })
        try tmux.press("Enter")
        screen = try tmux.waitFor("案件质量评查")
        #expect(screen.contains(number), "\(screen)")
    }
}

/// 问题19：`fayuan screen` 的更正答复（真实二进制）。
@Suite struct ScreenCommandIssue19Tests {
    static func answer(_ json: String) throws -> [String: Any] {
        let r = try runFayuan(["screen", "-"], stdin: json)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    static func cites(_ a: [String: Any], article: Int) -> Bool {
        (a["citations"] as? [[String: Any]] ?? []).contains { ($0["law"] as? String) == "法律援助法" && ($0["article"] as? Int) == article }
    }

    @Test func correctedAnswers() throws {
        // 泽州县被告人人均月收入10000元：申请途径、不予援助；值班律师帮助另列。
        let rich = try Self.answer("""
            {"region": "140525", "applicationDate": "2026-12-03",
             "applicant": {"birthDate": "1981-03-02", "gender": "M", "householdIncomePerCapitaMonthly": 10000},
             "matter": {"kind": "criminal", "criminal": {"role": "suspect_defendant", "stage": "trial", "hasDefender": false}}}
            """)
        #expect(rich["decision"] as? String == "ineligible")
        #expect(rich["route"] as? String == "application")
        #expect(rich["economicResult"] as? String == "fail")
        let duty = try #require(rich["dutyLawyer"] as? [String: Any])
        #expect((duty["citation"] as? [String: Any])?["article"] as? Int == 30)
        // 可能判处死刑：引用第二十六条，法定从速。
        let death = try Self.answer("""
            {"region": "140525", "applicationDate": "2026-12-03", "applicant": {"birthDate": "1970-01-01", "gender": "M"},
             "matter": {"kind": "criminal", "criminal": {"role": "suspect_defendant", "stage": "trial", "hasDefender": false,
                        "possibleLifeOrDeathSentence": true}}}
            """)
        #expect(Self.cites(death, article: 26) && Self.cites(death, article: 25))
        #expect(death["priority"] as? String == "statutory")
        #expect(death["dutyLawyer"] is NSNull)
        // 先行提供：法定从速。
        let first = try Self.answer("""
            {"region": "110105", "applicationDate": "2026-12-03", "applicant": {"birthDate": "1981-03-02", "gender": "M", "groups": ["migrant_worker"]},
             "matter": {"kind": "civil", "cause": "labor_remuneration", "daysToLimitationDeadline": 3}}
            """)
        #expect(first["provideFirst"] as? Bool == true && first["priority"] as? String == "statutory")
    }
}

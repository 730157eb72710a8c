import FayuanCore
@testable import FayuanRules
import Testing

@Suite("screen 的 JSON 输入输出") struct ScreeningJSONTests {
    static let contractExample = """
    {
      "region": "320707",
      "applicationDate": "2026-06-08",
      "applicant": {
        "birthDate": "1981-03-02",
        "gender": "M",
        "groups": ["migrant_worker"],
        "householdIncomePerCapitaMonthly": 3100,
        "hardshipEvidence": "commitment"
      },
      "matter": {"kind": "civil", "cause": "labor_remuneration", "daysToLimitationDeadline": 30,
                 "needsUrgentPreservation": false},
      "hardshipThreshold": 2280
    }
    """

    func parse(_ text: String) throws(ScreeningInputError) -> ScreeningInput {
        try ScreeningInput(json: try JSONValue.parse(text), library: library)
    }

    func inputError(_ text: String) -> ScreeningInputError? {
        do throws(ScreeningInputError) {
            _ = try library.screen(try parse(text))
            return nil
        } catch {
            return error
        }
    }

    @Test("合同示例：赣榆区农民工追索劳动报酬") func contractExampleOutput() throws {
        let result = try library.screen(try parse(Self.contractExample))
        let json = result.json
        #expect(json["decision"] == .string("eligible"))
        #expect(json["route"] == .string("application"))
        #expect(json["economicCheck"] == .string("exempt"))
        #expect(json["economicResult"] == .string("n/a"))
        #expect(json["priority"] == .string("policy"))
        #expect(json["provideFirst"] == .bool(false))
        #expect(json["ruleSet"]?["id"] == .string("cn-national+js+js-lyg-gy"))
        #expect(json["deadlines"]?["reviewDue"] == .string("2026-06-15"))
        #expect(json["deadlines"]?["rule"] == .string("calendar"))
        #expect(result.citations.first == Citation(law: "法律援助法", article: 31, item: 5))
        #expect(result.explanation.first == "请求确认劳动关系或者支付劳动报酬属于法律援助事项（法律援助法第三十一条第五项）")
        guard case .object(let pairs) = json else { Issue.record("应为对象"); return }
        #expect(pairs.map(\.0) == ["decision", "inScope", "route", "economicCheck", "economicResult", "priority",
                                   "provideFirst", "citations", "explanation", "ruleSet", "deadlines", "dutyLawyer"])
        let text = json.rendered()
        #expect(text.contains("\"law\": \"赣司〔2021〕7号\""))
        #expect(try JSONValue.parse(text) == json)
    }

    @Test("由身份证号读出出生日期与性别") func idNumberInput() throws {
        let input = try parse("""
        {"region": "110105", "applicationDate": "2026-03-02",
         "applicant": {"idNumber": "11010519491231002x"},
         "matter": {"kind": "civil", "cause": "support_payment"}}
        """)
        #expect(input.applicant.idNumber == "11010519491231002X")
        let result = try library.screen(input)
        #expect(result.economicResult == .unknown)
        #expect(try library.screen(try parse("""
        {"region": "340400", "applicationDate": "2026-03-02",
         "applicant": {"idNumber": "11010519491231002X"},
         "matter": {"kind": "civil", "cause": "support_payment"}}
        """)).priority == .policy)   // 女性、老年人走淮南绿色通道
    }

    @Test("错误指出字段", arguments: [
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{"groups":["migrant_worker","foo"]},"matter":{"kind":"civil","cause":"labor_remuneration"}}"#,
         "applicant.groups[1]", "未知的群体代码“foo”"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{"groups":["elderly"]},"matter":{"kind":"civil","cause":"labor_remuneration"}}"#,
         "applicant.groups[0]", "由出生日期和性别推算"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{},"matter":{"kind":"civil","cause":"赔钱"}}"#,
         "matter.cause", "未知的案由代码"),
        (#"{"region":"320707","applicationDate":"2026-02-30","applicant":{},"matter":{"kind":"civil","cause":"other"}}"#,
         "applicationDate", "日期"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{"nickname":"老张"},"matter":{"kind":"civil","cause":"other"}}"#,
         "applicant.nickname", "未知字段"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{"idNumber":"110105194912310021"},"matter":{"kind":"civil","cause":"other"}}"#,
         "applicant.idNumber", "校验码"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{},"matter":{"kind":"civil"}}"#,
         "matter.cause", "须填写案由"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{},"matter":{"kind":"criminal","criminal":{"role":"judge","stage":"trial","hasDefender":false}}}"#,
         "matter.criminal.role", "无效的值"),
        (#"{"region":"99","applicationDate":"2026-06-08","applicant":{},"matter":{"kind":"civil","cause":"other"}}"#,
         "region", "地区代码"),
        (#"{"region":"320707","applicationDate":"2026-06-08","applicant":{"gender":"M","householdIncomePerCapitaMonthly":"很多"},"matter":{"kind":"civil","cause":"other"}}"#,
         "applicant.householdIncomePerCapitaMonthly", "数值"),
    ])
    func fieldErrors(text: String, field: String, message: String) {
        let error = inputError(text)
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("JSON 语法错误给出行列") func malformed() {
        do {
            _ = try JSONValue.parse("{\n  \"region\": 320707,\n  \"applicant\": }")
            Issue.record("应报错")
        } catch {
            #expect(error.message.contains("第3行"))
        }
    }

    @Test("中文与转义往返") func roundTrip() throws {
        let value = JSONValue.object([("说明", .string("引号\"与\\反斜杠\n换行")), ("数", .number(1234.5))])
        #expect(try JSONValue.parse(value.rendered()) == value)
        #expect(try JSONValue.parse(#"{"a":"\u6cd5\u63f4"}"#)["a"] == .string("法援"))
    }
}

@Suite("场景文件（rules test）") struct ScenarioFileTests {
    @Test("问题19的更正场景：第二十六条、法定从速、收入超标的被告人、泽州经济困难标准") func issue19Scenarios() throws {
        let text = """
        scenarios:
          - name: 可能判处死刑的被告人（通知辩护）
            input:
              region: "140525"
              applicationDate: 2026-06-08
              applicant: {birthDate: 1970-01-01, gender: M}
              matter: {kind: criminal, criminal: {role: suspect_defendant, stage: trial, hasDefender: false, possibleLifeOrDeathSentence: true}}
            expect:
              route: notification
              priority: statutory
              cites: [法律援助法第二十五条第一款第四项, 法律援助法第二十六条, 法律援助法第三十六条]
          - name: 死刑复核案件被告人
            input:
              region: "140525"
              applicationDate: 2026-06-08
              applicant: {birthDate: 1970-01-01, gender: M}
              matter: {kind: criminal, criminal: {role: suspect_defendant, stage: death_penalty_review, hasDefender: false}}
            expect:
              priority: statutory
              cites: [法律援助法第二十五条第一款第五项, 法律援助法第二十六条]
          - name: 农民工追索劳动报酬，时效不足七日（先行提供）
            input:
              region: "110105"
              applicationDate: 2026-06-08
              applicant: {birthDate: 1981-03-02, gender: M, groups: [migrant_worker]}
              matter: {kind: civil, cause: labor_remuneration, daysToLimitationDeadline: 3}
            expect:
              provideFirst: true
              priority: statutory
              cites: [法律援助法第四十四条第一款第一项]
          - name: 被羁押的犯罪嫌疑人申请（二十四小时转交）
            input:
              region: "110105"
              applicationDate: 2026-06-08
              applicant: {birthDate: 1981-03-02, gender: M, householdIncomePerCapitaMonthly: 800}
              matter: {kind: criminal, criminal: {role: suspect_defendant, stage: investigation, hasDefender: false, detained: true}}
              hardshipThreshold: 2000
            expect:
              priority: statutory
              cites: [法律援助法第三十九条]
          - name: 泽州县被告人人均月收入10000元
            input:
              region: "140525"
              applicationDate: 2026-06-08
              applicant: {birthDate: 1981-03-02, gender: M, householdIncomePerCapitaMonthly: 10000}
              matter: {kind: criminal, criminal: {role: suspect_defendant, stage: trial, hasDefender: false}}
            expect:
              decision: ineligible
              route: application
              economicResult: fail
              explains: [另：不符合指派辩护条件时，值班律师]
        """
        let file = try ScenarioFile(text: text, file: "问题19场景.yaml")
        let outcomes = file.run(with: library)
        for outcome in outcomes { #expect(outcome.passed, "\(outcome.failures)") }
        #expect(outcomes.count == 5)
        // JSON：值班律师帮助另列一行。
        let rich = try library.screen(ScreeningInput(json: try JSONValue.parse("""
            {"region": "140525", "applicationDate": "2026-06-08",
             "applicant": {"birthDate": "1981-03-02", "gender": "M", "householdIncomePerCapitaMonthly": 10000},
             "matter": {"kind": "criminal", "criminal": {"role": "suspect_defendant", "stage": "trial", "hasDefender": false}}}
            """), library: library)).json
        guard case .object(let pairs) = rich, case .object(let duty)? = pairs.first(where: { $0.0 == "dutyLawyer" })?.1 else {
            Issue.record("应有 dutyLawyer 对象"); return
        }
        #expect(duty.first { $0.0 == "citation" }?.1 == Citation(law: "法律援助法", article: 30).json)
    }

    @Test("通过与失败的场景分别报告") func runScenarios() throws {
        let text = """
        scenarios:
          - name: 赣榆区农民工追索劳动报酬
            input:
              region: "320707"
              applicationDate: 2026-06-08
              applicant: {birthDate: 1981-03-02, gender: M, groups: [migrant_worker]}
              matter: {kind: civil, cause: labor_remuneration}
            expect:
              decision: eligible
              economicCheck: exempt
              reviewDue: 2026-06-15
              cites: [法律援助法第四十二条第三项]
              explains: [免予核查]
              rules: [js-lyg-gy.exempt.causes]
          - name: 故意写错的期望
            input:
              region: "110105"
              applicationDate: 2026-06-08
              applicant: {}
              matter: {kind: civil, cause: contract_dispute}
            expect:
              decision: eligible
          - name: 未知代码应被拒绝
            input:
              region: "110105"
              applicationDate: 2026-06-08
              applicant: {groups: [foo]}
              matter: {kind: civil, cause: other}
            expect:
              error: 未知的群体代码
        """
        let file = try ScenarioFile(text: text, file: "场景.yaml")
        let outcomes = file.run(with: library)
        #expect(outcomes.map(\.passed) == [true, false, true])
        #expect(outcomes[1].failures.first?.contains("decision: 期望 \"eligible\"，实际 \"ineligible\"") == true)
        #expect(outcomes[1].line == 15)
    }

    @Test("场景文件的未知字段指出行号") func brokenScenarioFile() {
        do {
            _ = try ScenarioFile(text: "scenarios:\n  - name: 测试\n    input: {}\n    expect: {verdict: ok}\n", file: "场景.yaml")
            Issue.record("应报错")
        } catch {
            #expect(error.line == 4)
            #expect(error.message.contains("verdict"))
        }
    }
}

import FayuanCore
@testable import FayuanRules
import Testing

/// 国家层：北京（110105，无省级规则）以输入的经济困难标准检验每一条国家规则。
@Suite("国家规则：法律援助法") struct NationalRuleTests {
    static let article31: [(CauseCode, Int, String)] = [
        ("state_compensation", 1, "国家赔偿"), ("social_insurance", 2, "社会保险待遇"),
        ("social_assistance_benefit", 2, "社会救助"), ("survivor_pension", 3, "抚恤金"),
        ("support_payment", 4, "赡养费"), ("labor_relationship", 5, "劳动关系"),
        ("labor_remuneration", 5, "劳动报酬"), ("capacity_determination", 6, "民事行为能力"),
        ("work_injury", 7, "工伤事故"), ("traffic_accident", 7, "交通事故"),
        ("food_drug_accident", 7, "食品药品安全事故"), ("medical_accident", 7, "医疗事故"),
        ("environmental_damage", 8, "环境污染"),
    ]

    @Test("第三十一条各项：属于事项范围，须审查经济状况", arguments: article31)
    func article31Items(cause: CauseCode, item: Int, wording: String) throws {
        let result = try screen(civil(cause, income: 1500, threshold: 2000))
        #expect(result.decision == .eligible)
        #expect(result.inScope)
        #expect(result.route == .application)
        #expect(result.economicCheck == .required)
        #expect(result.economicResult == .pass)
        #expect(result.cites("法律援助法", article: 31, item: item))
        #expect(result.explains(wording))
        #expect(result.explains("第三十一条"))
        let refused = try screen(civil(cause, income: 2500, threshold: 2000))
        #expect(refused.decision == .ineligible)
        #expect(refused.economicResult == .fail)
        #expect(refused.inScope)
    }

    @Test("第三十一条以外的事项：不属于范围") func outOfScope() throws {
        let result = try screen(civil("contract_dispute", income: 1000, threshold: 2000))
        #expect(result.decision == .ineligible)
        #expect(!result.inScope)
        #expect(result.route == .none)
        #expect(result.explains("合同纠纷"))
        #expect(result.explains("不在法律援助事项范围内"))
    }

    static let article32: [(CauseCode, Int, String)] = [
        ("hero_martyr_rights", 1, "英雄烈士"), ("good_samaritan", 2, "见义勇为"),
        ("wrongful_conviction_compensation", 3, "再审改判无罪"), ("domestic_violence", 4, "家庭暴力"),
    ]

    @Test("第三十二条各项：不受经济困难条件限制", arguments: article32)
    func article32Items(cause: CauseCode, item: Int, wording: String) throws {
        let result = try screen(civil(cause, income: 50_000, threshold: 2000))
        #expect(result.decision == .eligible)
        #expect(result.economicCheck == .notApplicable)
        #expect(result.economicResult == .notApplicable)
        #expect(result.cites("法律援助法", article: 32, item: item))
        #expect(result.explains(wording))
        #expect(result.explains("不受经济困难条件的限制"))
    }

    @Test("第四十二条第一项：无固定生活来源的老年人免予核查") func article42Item1() throws {
        let result = try screen(civil("support_payment", born: "1950-01-01", groups: ["no_fixed_income"]))
        #expect(result.decision == .eligible)
        #expect(result.economicCheck == .exempt)
        #expect(result.cites("法律援助法", article: 42, item: 1))
        #expect(result.explains("无固定生活来源"))
        // 有收入来源的老年人不免核查：未填收入时需人工审查。
        let withIncome = try screen(civil("support_payment", born: "1950-01-01"))
        #expect(withIncome.economicCheck == .required)
        #expect(withIncome.decision == .needsReview)
    }

    @Test("第四十二条第二项：社会救助、司法救助、优抚对象", arguments: [
        GroupCode("subsistence_allowance"), "extreme_poverty", "judicial_aid", "veteran", "military_family",
    ])
    func article42Item2(group: GroupCode) throws {
        let result = try screen(civil("traffic_accident", groups: [group], income: 9000, threshold: 2000))
        #expect(result.decision == .eligible)
        #expect(result.economicCheck == .exempt)
        #expect(result.cites("法律援助法", article: 42, item: 2))
    }

    @Test("第四十二条第三项：进城务工人员追索劳动报酬、工伤赔偿") func article42Item3() throws {
        for cause: CauseCode in ["labor_remuneration", "work_injury"] {
            let result = try screen(civil(cause, groups: ["migrant_worker"]))
            #expect(result.economicCheck == .exempt)
            #expect(result.cites("法律援助法", article: 42, item: 3))
            #expect(result.explains("进城务工人员"))
        }
        // 进城务工人员的交通事故不在第三项内：仍须审查。
        let traffic = try screen(civil("traffic_accident", groups: ["migrant_worker"], income: 2500, threshold: 2000))
        #expect(traffic.economicCheck == .required)
        #expect(traffic.decision == .ineligible)
    }

    @Test("免予核查不扩大事项范围") func exemptionNeverWidensScope() throws {
        let result = try screen(civil("contract_dispute", groups: ["subsistence_allowance"]))
        #expect(result.economicCheck == .exempt)
        #expect(!result.inScope)
        #expect(result.decision == .ineligible)
    }

    @Test("低保边缘家庭自2026年7月1日起属社会救助对象（社会救助法第十三条）") func marginalFromJuly2026() throws {
        let before = try screen(civil("traffic_accident", on: "2026-06-30", groups: ["subsistence_marginal"]))
        #expect(before.economicCheck == .required)
        let after = try screen(civil("traffic_accident", on: "2026-07-01", groups: ["subsistence_marginal"]))
        #expect(after.economicCheck == .exempt)
        #expect(after.explains("社会救助法第十三条"))
    }

    @Test("第二十五条第一款各项：应当通知辩护", arguments: [1, 2, 3, 4, 5, 6])
    func article25Items(item: Int) throws {
        let input: ScreeningInput
        switch item {
        case 1: input = criminal(.suspectDefendant, born: "2010-01-01")
        case 2: input = criminal(.suspectDefendant, groups: ["disabled_hearing"])
        case 3: input = criminal(.suspectDefendant, cannotRecognize: true)
        case 4: input = criminal(.suspectDefendant, lifeOrDeath: true)
        case 5: input = criminal(.suspectDefendant, stage: .deathPenaltyReview)
        default: input = criminal(.suspectDefendant, absentia: true)
        }
        let result = try screen(input)
        #expect(result.decision == .eligible)
        #expect(result.route == .notification)
        #expect(result.economicCheck == .notApplicable)
        #expect(result.cites("法律援助法", article: 25, paragraph: 1, item: item))
        #expect(result.explains("应当通知"))
        #expect(result.deadlines?.reviewDue == date("2026-03-05"))
        #expect(result.cites("法律援助法", article: 36))
    }

    @Test("可能判处无期徒刑、死刑：须三年以上执业经历的律师（第二十六条）") func article26() throws {
        #expect(try screen(criminal(.suspectDefendant, lifeOrDeath: true)).explains("三年以上相关执业经历"))
    }

    @Test("已委托辩护人：不通知、不援助") func hasDefender() throws {
        let result = try screen(criminal(.suspectDefendant, born: "2010-01-01", hasDefender: true))
        #expect(result.route == .none)
        #expect(result.decision == .ineligible)
    }

    @Test("审判时年满十八周岁的界限：十八岁生日当天仍为未成年人") func turningEighteenAtTrial() throws {
        let onBirthday = try screen(criminal(.suspectDefendant, on: "2026-06-08", born: "2008-06-08"))
        #expect(onBirthday.route == .notification)
        #expect(onBirthday.cites("法律援助法", article: 25, paragraph: 1, item: 1))
        let dayAfter = try screen(criminal(.suspectDefendant, on: "2026-06-09", born: "2008-06-08",
                                           income: 1000, threshold: 2000))
        #expect(dayAfter.route == .application)
        #expect(dayAfter.cites("法律援助法", article: 24))
        #expect(!dayAfter.cites("法律援助法", article: 25, paragraph: 1, item: 1))
    }

    @Test("第二十八条：强制医疗案件") func article28() throws {
        let result = try screen(criminal(.compulsoryMedicalRespondent))
        #expect(result.route == .notification)
        #expect(result.cites("法律援助法", article: 28))
        #expect(result.explains("强制医疗"))
    }

    @Test("第二十九条：被害人、自诉人、附带民事诉讼原告人依申请并审查经济状况",
          arguments: [CriminalRole.victim, .privateProsecutor, .civilPlaintiff])
    func article29(role: CriminalRole) throws {
        let result = try screen(criminal(role, income: 1000, threshold: 2000))
        #expect(result.route == .application)
        #expect(result.economicCheck == .required)
        #expect(result.decision == .eligible)
        #expect(result.cites("法律援助法", article: 29))
        let richer = try screen(criminal(role, income: 3000, threshold: 2000))
        #expect(richer.decision == .ineligible)
    }

    @Test("第二十四条经济不困难：申请途径不予援助，值班律师法律帮助（第三十条）另列一行") func dutyLawyer() throws {
        let result = try screen(criminal(.suspectDefendant, stage: .investigation, income: 9000, threshold: 2000))
        #expect(result.route == .application)
        #expect(result.decision == .ineligible)
        #expect(result.economicResult == .fail)
        #expect(result.cites("法律援助法", article: 24))
        #expect(!result.cites("法律援助法", article: 30), "第三十条是另列的帮助，不是不予援助的依据")
        #expect(result.dutyLawyer?.citation == Citation(law: "法律援助法", article: 30))
        #expect(result.dutyLawyer?.explanation.contains("值班律师") == true)
        #expect(result.explains("另：不符合指派辩护条件时，值班律师"))
        // 经济困难的被告人：依申请给予，没有另列的值班律师帮助。
        let poor = try screen(criminal(.suspectDefendant, stage: .investigation, income: 1000, threshold: 2000))
        #expect(poor.decision == .eligible && poor.route == .application && poor.dutyLawyer == nil)
    }

    @Test("可能判处无期徒刑、死刑与死刑复核：引用第二十六条", arguments: [false, true])
    func article26Cited(deathReview: Bool) throws {
        let input = deathReview ? criminal(.suspectDefendant, stage: .deathPenaltyReview)
                                : criminal(.suspectDefendant, lifeOrDeath: true)
        let result = try screen(input)
        #expect(result.route == .notification)
        #expect(result.cites("法律援助法", article: 25, paragraph: 1, item: deathReview ? 5 : 4))
        #expect(result.cites("法律援助法", article: 26))
        #expect(result.explains("三年以上相关执业经历"))
        // 普通的通知辩护（未成年人）不引用第二十六条。
        #expect(try !screen(criminal(.suspectDefendant, born: "2010-01-01")).cites("法律援助法", article: 26))
    }

    @Test("法定从速：通知辩护（第三十六条）、先行提供（第四十四条）、被羁押转交（第三十九条）") func statutoryUrgency() throws {
        let notified = try screen(criminal(.suspectDefendant, born: "2010-01-01"))
        #expect(notified.priority == .statutory)
        #expect(notified.cites("法律援助法", article: 36))
        let first = try screen(civil("labor_remuneration", groups: ["migrant_worker"], daysToDeadline: 3))
        #expect(first.provideFirst && first.priority == .statutory)
        var detained = criminal(.suspectDefendant, stage: .investigation, income: 1000, threshold: 2000)
        detained.matter.criminal?.detained = true
        let held = try screen(detained)
        #expect(held.priority == .statutory)
        #expect(held.cites("法律援助法", article: 39))
        // 同样的申请人未被羁押：没有法定从速。
        #expect(try screen(criminal(.suspectDefendant, stage: .investigation, income: 1000, threshold: 2000)).priority == .none)
        #expect(try screen(civil("labor_remuneration", groups: ["migrant_worker"], daysToDeadline: 9)).priority == .none)
    }

    @Test("第二十五条第二款：普通程序审理的提示") func article25Paragraph2() throws {
        let result = try screen(criminal(.suspectDefendant, income: 1000, threshold: 2000, ordinary: true))
        #expect(result.cites("法律援助法", article: 25, paragraph: 2))
        #expect(result.route == .application)
    }

    @Test("第四十四条先行提供：距期限届满六日适用，七日不适用") func provideFirst() throws {
        let six = try screen(civil("labor_remuneration", groups: ["migrant_worker"], daysToDeadline: 6))
        #expect(six.provideFirst)
        #expect(six.cites("法律援助法", article: 44, paragraph: 1, item: 1))
        #expect(six.explains("不足七日"))
        let seven = try screen(civil("labor_remuneration", groups: ["migrant_worker"], daysToDeadline: 7))
        #expect(!seven.provideFirst)
        let urgent = try screen(civil("traffic_accident", income: 100, threshold: 2000, urgent: true))
        #expect(urgent.provideFirst)
        #expect(urgent.cites("法律援助法", article: 44, paragraph: 1, item: 2))
        // 不属于范围的事项不先行提供。
        #expect(try !screen(civil("contract_dispute", daysToDeadline: 2)).provideFirst)
    }

    @Test("个人诚信承诺（第四十一条）：未填收入按承诺认定") func commitment() throws {
        let result = try screen(civil("traffic_accident", evidence: .commitment, threshold: 2000))
        #expect(result.economicResult == .pass)
        #expect(result.cites("法律援助法", article: 41, paragraph: 2))
        #expect(result.explains("个人诚信承诺"))
    }

    @Test("军人军属法定优先，退役军人政策优先") func priorities() throws {
        #expect(try screen(civil("traffic_accident", groups: ["serviceman"])).priority == .statutory)
        #expect(try screen(civil("traffic_accident", groups: ["veteran"])).priority == .policy)
        #expect(try screen(civil("traffic_accident", income: 1, threshold: 2)).priority == .none)
    }

    @Test("审查期限：第四十三条七日，自然日顺延") func reviewDeadline() throws {
        let result = try screen(civil("traffic_accident", on: "2025-09-26", income: 1, threshold: 2))
        #expect(result.deadlines?.reviewDue == date("2025-10-09"))
        #expect(result.deadlines?.rule == .calendar)
        #expect(result.cites("法律援助法", article: 43, paragraph: 1))
    }

    @Test("尚无通知的年份：期限按暂定日历计算并标明暂定") func deadlineProvisional() throws {
        let result = try screen(civil("traffic_accident", on: "2026-12-28", income: 1, threshold: 2))
        #expect(result.deadlines?.reviewDue == date("2027-01-04"))
        #expect(result.deadlines?.provisional == true)
        #expect(result.decision == .eligible)
        #expect(result.explains("暂定"))
        #expect(result.json["deadlines"]?["provisional"] == .bool(true))
        // A year with a notice carries no mark.
        let settled = try screen(civil("traffic_accident", on: "2026-06-01", income: 1, threshold: 2))
        #expect(settled.deadlines?.provisional == false)
        #expect(settled.json["deadlines"]?["provisional"] == nil)
    }

    @Test("2022年以前没有生效规则：拒绝并指出字段") func beforeTheLaw() {
        #expect(throws: ScreeningInputError.self) { try screen(civil("traffic_accident", on: "2021-12-31")) }
    }

    @Test("没有本地标准数值的地区：经济状况 unknown") func noStandard() throws {
        let result = try screen(civil("traffic_accident", income: 1000))
        #expect(result.economicResult == .unknown)
        #expect(result.decision == .needsReview)
        #expect(result.explains("经济困难标准未载入"))
    }
}

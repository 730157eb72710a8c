import FayuanCore
@testable import FayuanRules
import Testing

@Suite("省级与地方规则") struct LocalRuleTests {
    // MARK: 赣榆区 320707（赣司〔2021〕7号）

    @Test("赣榆：追索劳动报酬的所有困难人群免于经济状况审查") func ganyuWages() throws {
        let result = try screen(civil("labor_remuneration", region: "320707", on: "2025-09-01"))
        #expect(result.economicCheck == .exempt)
        #expect(result.decision == .eligible)
        #expect(result.cites("赣司〔2021〕7号", section: "二（一）"))
        #expect(result.explains("追索劳动报酬的所有困难人群"))
        #expect(result.ruleSet.id == "cn-national+js+js-lyg-gy")
        // 同一申请在南京（320100）不免核查。
        let nanjing = try screen(civil("labor_remuneration", region: "320100", on: "2025-09-01"))
        #expect(nanjing.economicCheck == .required)
    }

    @Test("赣榆：重病患者不受事项范围限制并免于审查") func ganyuSpecialGroups() throws {
        let result = try screen(civil("contract_dispute", region: "320707", on: "2025-09-01", groups: ["serious_illness"]))
        #expect(result.inScope)
        #expect(result.economicCheck == .exempt)
        #expect(result.decision == .eligible)
        #expect(result.cites("赣司〔2021〕7号", section: "二（三）"))
        #expect(result.explains("取消法律援助事项范围限制"))
    }

    @Test("赣榆：涉农事项纳入范围，按最低工资标准审查") func ganyuRuralMatters() throws {
        let result = try screen(civil("forest_rights", region: "320707", on: "2025-09-01", income: 2260))
        #expect(result.inScope)
        #expect(result.economicResult == .pass)
        #expect(result.explains("2260"))
        #expect(result.cites("赣司〔2021〕7号", section: "二（二）"))
        let over = try screen(civil("forest_rights", region: "320707", on: "2025-09-01", income: 2261))
        #expect(over.economicResult == .fail)
    }

    @Test("赣榆：2026年二类地区标准未知，结果为 unknown，不猜测") func ganyuUnknown2026() throws {
        let result = try screen(civil("forest_rights", region: "320707", on: "2026-06-08", income: 1000))
        #expect(result.economicResult == .unknown)
        #expect(result.decision == .needsReview)
        #expect(result.explains("数值未载入"))
    }

    @Test("赣榆：申请执行须人工核实执行事项") func ganyuEnforcement() throws {
        let result = try screen(civil("enforcement_support", region: "320707", on: "2025-09-01", income: 1000))
        #expect(result.decision == .needsReview)
        #expect(result.explains("需人工核实"))
        #expect(result.explains("赡养费"))
    }

    // MARK: 常州市 320400

    @Test("常州：空巢独居老人、留守儿童不受范围限制并免予核查") func changzhou() throws {
        for group: GroupCode in ["elderly_alone", "left_behind_child"] {
            let result = try screen(civil("contract_dispute", region: "320412", on: "2025-09-01", groups: [group]))
            #expect(result.inScope)
            #expect(result.economicCheck == .exempt)
            #expect(result.decision == .eligible)
            #expect(result.ruleSet.id == "cn-national+js+js-cz")
            #expect(result.explains("常州市"))
        }
        // 2023-05-08 之前没有常州层。
        let before = try screen(civil("contract_dispute", region: "320412", on: "2023-05-07", groups: ["elderly_alone"]))
        #expect(!before.inScope)
    }

    @Test("常州：收入等于标准通过，高一元不通过（江苏“不超过”）") func thresholdBoundary() throws {
        let equal = try screen(civil("traffic_accident", region: "320400", on: "2026-03-02", income: 2660))
        #expect(equal.economicResult == .pass)
        #expect(equal.explains("不超过标准"))
        let above = try screen(civil("traffic_accident", region: "320400", on: "2026-03-02", income: 2661))
        #expect(above.economicResult == .fail)
        #expect(above.decision == .ineligible)
        let earlier = try screen(civil("traffic_accident", region: "320400", on: "2025-03-02", income: 2281))
        #expect(earlier.economicResult == .fail)
        #expect(earlier.explains("2280"))
    }

    @Test("江苏第十九条：低收入人口不受范围限制，但仍须符合经济困难条件") func jiangsuScopeWaiver() throws {
        let poor = try screen(civil("contract_dispute", region: "320400", on: "2026-03-02", groups: ["low_income"], income: 2000))
        #expect(poor.inScope)
        #expect(poor.economicCheck == .required)
        #expect(poor.decision == .eligible)
        #expect(poor.cites("江苏省法律援助条例", article: 19, item: 1))
        let richer = try screen(civil("contract_dispute", region: "320400", on: "2026-03-02", groups: ["low_income"], income: 3000))
        #expect(richer.decision == .ineligible)
        #expect(richer.inScope)
    }

    @Test("江苏第二十条第四项：刑事案件的未成年被害人不受经济困难条件限制") func jiangsuMinorVictim() throws {
        let result = try screen(criminal(.victim, region: "320400", on: "2026-03-02", born: "2012-01-01"))
        #expect(result.economicCheck == .notApplicable)
        #expect(result.decision == .eligible)
        #expect(result.cites("江苏省法律援助条例", article: 20, item: 4))
    }

    // MARK: 淮南市 340400

    @Test("淮南：妇女、老年人走绿色通道") func huainanGreenChannel() throws {
        let woman = try screen(civil("support_payment", region: "340400", on: "2026-03-02", gender: .female))
        #expect(woman.priority == .policy)
        #expect(woman.cites("淮南市“法援惠民生 扶贫奔小康”实施细则（2020）", section: "三（三）8"))
        let man = try screen(civil("support_payment", region: "340400", on: "2026-03-02"))
        #expect(man.priority == .none)
        #expect(man.economicResult == .unknown)   // 淮南低保标准未载入
    }

    @Test("老年人界限：六十周岁生日当天不算，次日算") func elderlyBoundary() throws {
        let birthday = try screen(civil("support_payment", region: "340400", on: "2026-06-08", born: "1966-06-08"))
        #expect(birthday.priority == .none)
        let next = try screen(civil("support_payment", region: "340400", on: "2026-06-09", born: "1966-06-08"))
        #expect(next.priority == .policy)
    }

    @Test("淮南：因疫情的房屋租赁纠纷须人工核实") func huainanTenancy() throws {
        let result = try screen(civil("tenancy", region: "340400", on: "2026-03-02", evidence: .certificate))
        #expect(result.decision == .needsReview)
        #expect(result.explains("疫情"))
        let elsewhere = try screen(civil("tenancy", region: "340100", on: "2026-03-02", evidence: .certificate))
        #expect(elsewhere.decision == .ineligible)
    }

    @Test("安徽新旧条例按日期切换：2025年7月1日起困境儿童不受范围限制") func anhuiEditions() throws {
        let old = try screen(civil("contract_dispute", region: "340400", on: "2025-06-30", groups: ["child_in_distress"], evidence: .certificate))
        #expect(!old.inScope)
        let new = try screen(civil("contract_dispute", region: "340400", on: "2025-07-01", groups: ["child_in_distress"], evidence: .certificate))
        #expect(new.inScope)
        #expect(new.cites("安徽省法律援助条例", article: 13, item: 3))
        #expect(old.ruleSet.version != new.ruleSet.version)
    }

    // MARK: 泽州县 140525

    @Test("泽州：2022年八类特殊群体走绿色通道，按山西2015年修订文本") func zezhou2022() throws {
        let result = try screen(civil("labor_remuneration", region: "140525", on: "2022-06-01", groups: ["farmer", "migrant_worker"]))
        #expect(result.priority == .policy)
        #expect(result.ruleSet.id == "cn-national+sx+sx-jc-zz")
        #expect(result.economicCheck == .exempt)
        #expect(result.cites("山西省法律援助条例（2015年修订）", article: 16, item: 5))
        #expect(result.explains("惠民工程"))
        // 2022 has no notice loaded: the deadline is computed on the provisional year and says so.
        #expect(result.deadlines?.provisional == true)
    }

    @Test("泽州：2025年起山西新条例，农民工追索劳动报酬不受经济困难条件限制") func shanxi2025() throws {
        let result = try screen(civil("labor_remuneration", region: "140525", on: "2025-03-03", groups: ["migrant_worker"]))
        #expect(result.economicCheck == .notApplicable)
        #expect(result.cites("山西省法律援助条例", article: 12, item: 6))
        #expect(result.ruleSet.id == "cn-national+sx")
        #expect(result.deadlines?.reviewDue == date("2025-03-06"))
        // 山西低保标准未载入：需审查的事项结果为 unknown。
        let other = try screen(civil("traffic_accident", region: "140525", on: "2025-03-03", income: 500))
        #expect(other.economicResult == .unknown)
    }

    @Test("泽州经济困难标准：人均月收入10000元确定不符合，1000元仍需人工核实，上限4300元") func zezhouHardshipCeiling() throws {
        let rich = try screen(civil("traffic_accident", region: "140525", on: "2026-06-08", income: 10000))
        #expect(rich.economicResult == .fail)
        #expect(rich.decision == .ineligible)
        #expect(rich.explains("4300"))
        #expect(rich.explains("2150"))
        #expect(rich.cites("山西省法律援助条例", article: 16))
        // 上限本身：等于4300也确定超过“低于二倍低保”的标准；4299不能断定。
        #expect(try screen(civil("traffic_accident", region: "140525", on: "2026-06-08", income: 4300)).economicResult == .fail)
        let modest = try screen(civil("traffic_accident", region: "140525", on: "2026-06-08", income: 1000))
        #expect(modest.economicResult == .unknown)
        #expect(modest.decision == .needsReview)
        // 上限自2025年7月1日起有出处；此前仍为 unknown。
        #expect(try screen(civil("traffic_accident", region: "140525", on: "2025-03-03", income: 10000)).economicResult == .unknown)
    }

    @Test("泽州刑事被告人收入超标：申请途径不予援助，值班律师帮助另列") func zezhouDefendantOverThreshold() throws {
        let result = try screen(criminal(.suspectDefendant, stage: .prosecution, region: "140525", on: "2026-06-08", income: 10000))
        #expect(result.route == .application)
        #expect(result.decision == .ineligible)
        #expect(result.dutyLawyer != nil)
    }

    @Test("山西审查期限：三日，重大疑难延长为七日（第二十一条）") func shanxiMajorExtension() throws {
        let period = library.reviewPeriod(region: "140525", on: date("2026-06-08"))
        #expect(period.days == 3 && period.majorDays == 7)
        #expect(period.rule?.id == "sx-2025.deadline.21")
        // 国家层（北京）没有延长。
        #expect(library.reviewPeriod(region: "110105", on: date("2026-06-08")).majorDays == nil)
        // 山西异议期限十五日（第二十九条）；国家层没有期限。
        #expect(library.objectionTerm(region: "140525", on: date("2026-06-08"))?.days == 15)
        #expect(library.objectionTerm(region: "110105", on: date("2026-06-08")) == nil)
    }

    @Test("山西“低于”：收入等于标准不通过") func shanxiLessThan() throws {
        let equal = try screen(civil("traffic_accident", region: "140525", on: "2025-03-03", income: 1000, threshold: 1000))
        #expect(equal.economicResult == .fail)
        #expect(equal.explains("不低于标准"))
        let below = try screen(civil("traffic_accident", region: "140525", on: "2025-03-03", income: 999, threshold: 1000))
        #expect(below.economicResult == .pass)
    }
}

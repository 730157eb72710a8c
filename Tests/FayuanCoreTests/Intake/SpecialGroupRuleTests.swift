import FayuanCore
import Testing

/// 泽州县惠民工程的八类特殊群体（农民工、农民、残疾人、老年人（60周岁以上）、未成年人、妇女、
/// 困难职工、军人军属）由一条规则推定。
@Suite("特殊群体规则") struct SpecialGroupRuleTests {
    static let day = LocalDate(iso: "2026-12-03")!
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    @Test("76岁的男性新申请人，没有填写任何群体：属于老年人") func seventySixYearOld() {
        let groups = SpecialGroupRule.groups(entered: [GroupCode](), birthDate: Self.d("1950-05-01"), gender: .male, on: Self.day)
        #expect(groups == [.elderly])
        #expect(SpecialGroup.elderly.label == "老年人（60周岁以上）")
    }

    @Test("年龄按申请日计算（周岁自生日次日起算，与 Age 一致）") func ageOnApplicationDate() {
        #expect(SpecialGroupRule.isSpecialGroup(entered: [GroupCode](), birthDate: Self.d("1966-12-02"), gender: .male, on: Self.day))
        #expect(!SpecialGroupRule.isSpecialGroup(entered: [GroupCode](), birthDate: Self.d("1966-12-03"), gender: .male, on: Self.day))
        #expect(SpecialGroupRule.groups(entered: [GroupCode](), birthDate: Self.d("2008-12-03"), gender: .male, on: Self.day) == [.minor])
        #expect(SpecialGroupRule.groups(entered: [GroupCode](), birthDate: Self.d("2008-12-02"), gender: .male, on: Self.day).isEmpty)
    }

    @Test("妇女由性别推定；八类以外的群体（低保、退役军人）本身不算特殊群体") func womanAndOutsiders() {
        #expect(SpecialGroupRule.groups(entered: [GroupCode](), birthDate: Self.d("1990-01-01"), gender: .female, on: Self.day) == [.woman])
        #expect(!SpecialGroupRule.isSpecialGroup(entered: ["subsistence_allowance", "veteran", "low_income"],
                                                 birthDate: Self.d("1990-01-01"), gender: .male, on: Self.day))
        #expect(SpecialGroupRule.groups(entered: ["farmer", "disabled_severe", "military_family", "hardship_worker", "migrant_worker"],
                                        birthDate: Self.d("1990-01-01"), gender: .male, on: Self.day)
                == [.migrantWorker, .farmer, .disabled, .hardshipWorker, .military])
    }

    @Test("只描述年龄的代码：有出生日期时以年龄为准，没有时作为年龄的证据") func ageCodes() {
        #expect(!SpecialGroupRule.isSpecialGroup(entered: ["elderly_alone"], birthDate: Self.d("1990-01-01"), gender: .male, on: Self.day))
        #expect(SpecialGroupRule.groups(entered: ["elderly_alone"], birthDate: nil, gender: .male, on: Self.day) == [.elderly])
        // 已存的推定代码（elderly）不作数，重新按出生日期推定。
        #expect(!SpecialGroupRule.isSpecialGroup(entered: ["elderly"], birthDate: Self.d("1990-01-01"), gender: .male, on: Self.day))
    }

    @Test("库中的形式：出生日期、性别缺失时从身份证号读取") func storedForm() {
        // 140525 1950-05-01 男（顺序码 011）：只登记了身份证号的76岁申请人。
        let id = "140525195005010119"
        #expect(SpecialGroupRule.isSpecialGroup(storedGroups: [], birthDate: nil, gender: nil, idNumber: id, appliedOn: "2026-12-03"))
        #expect(!SpecialGroupRule.isSpecialGroup(storedGroups: [], birthDate: "1990-01-01", gender: "M", idNumber: nil, appliedOn: "2026-12-03"))
        #expect(SpecialGroupRule.isSpecialGroup(storedGroups: ["farmer"], birthDate: nil, gender: nil, idNumber: nil, appliedOn: "2026-12-03"))
    }
}

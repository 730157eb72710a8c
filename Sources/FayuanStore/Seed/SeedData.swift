/// Data the seed generator draws from. Station names and consultation targets are those of the
/// Zezhou county programme (泽州县免费法律咨询和特殊群体法律援助惠民工程, 2022). Resident
/// populations and the six-digit township suffixes are demo approximations, not census
/// figures; replace them with official figures before reporting aid rates.
enum SeedData {
    struct StationSeed {
        let code: String
        let name: String
        let kind: StationKind
        let population: Int
        let consultationTarget: Int
    }

    static let countyCode = "140525"

    /// The county centre and the 16 township stations (17 in all).
    static let zezhouStations: [StationSeed] = [
        StationSeed(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre, population: 478_000, consultationTarget: 760),
        StationSeed(code: "140525101", name: "北石店镇公共法律服务工作站", kind: .township, population: 62_000, consultationTarget: 240),
        StationSeed(code: "140525102", name: "巴公镇公共法律服务工作站", kind: .township, population: 68_000, consultationTarget: 240),
        StationSeed(code: "140525103", name: "高都镇公共法律服务工作站", kind: .township, population: 31_000, consultationTarget: 240),
        StationSeed(code: "140525104", name: "金村镇公共法律服务工作站", kind: .township, population: 36_000, consultationTarget: 240),
        StationSeed(code: "140525105", name: "山河镇公共法律服务工作站", kind: .township, population: 22_000, consultationTarget: 240),
        StationSeed(code: "140525106", name: "大箕镇公共法律服务工作站", kind: .township, population: 25_000, consultationTarget: 240),
        StationSeed(code: "140525107", name: "周村镇公共法律服务工作站", kind: .township, population: 23_000, consultationTarget: 220),
        StationSeed(code: "140525108", name: "北义城镇公共法律服务工作站", kind: .township, population: 20_000, consultationTarget: 220),
        StationSeed(code: "140525109", name: "大阳镇公共法律服务工作站", kind: .township, population: 30_000, consultationTarget: 220),
        StationSeed(code: "140525110", name: "下村镇公共法律服务工作站", kind: .township, population: 25_000, consultationTarget: 220),
        StationSeed(code: "140525111", name: "大东沟镇公共法律服务工作站", kind: .township, population: 20_000, consultationTarget: 220),
        StationSeed(code: "140525112", name: "犁川镇公共法律服务工作站", kind: .township, population: 25_000, consultationTarget: 220),
        StationSeed(code: "140525113", name: "晋庙铺镇公共法律服务工作站", kind: .township, population: 18_000, consultationTarget: 220),
        StationSeed(code: "140525114", name: "柳树口镇公共法律服务工作站", kind: .township, population: 15_000, consultationTarget: 220),
        StationSeed(code: "140525115", name: "南岭镇公共法律服务工作站", kind: .township, population: 18_000, consultationTarget: 220),
        StationSeed(code: "140525116", name: "川底镇公共法律服务工作站", kind: .township, population: 17_000, consultationTarget: 220),
    ]

    /// Surnames with their share of the population in ‱ (2020 census ranking), compound ones included.
    static let surnames: [(String, Int)] = [
        ("王", 712), ("李", 700), ("张", 674), ("刘", 510), ("陈", 461), ("杨", 322), ("黄", 245), ("赵", 229),
        ("吴", 205), ("周", 197), ("徐", 164), ("孙", 152), ("马", 149), ("朱", 136), ("胡", 130), ("郭", 117),
        ("何", 115), ("林", 106), ("罗", 97), ("高", 94), ("郑", 86), ("梁", 84), ("谢", 79), ("宋", 66),
        ("唐", 65), ("许", 62), ("韩", 60), ("冯", 59), ("邓", 58), ("曹", 56), ("彭", 55), ("曾", 54),
        ("肖", 52), ("田", 51), ("董", 50), ("潘", 48), ("袁", 47), ("蔡", 44), ("蒋", 44), ("余", 43),
        ("于", 43), ("杜", 42), ("叶", 41), ("程", 40), ("魏", 38), ("苏", 37), ("吕", 37), ("丁", 36),
        ("任", 36), ("卢", 35), ("姚", 34), ("沈", 34), ("钟", 33), ("姜", 32), ("崔", 32), ("谭", 31),
        ("陆", 30), ("范", 29), ("汪", 29), ("廖", 28), ("石", 28), ("金", 27), ("韦", 26), ("贾", 26),
        ("夏", 25), ("付", 25), ("方", 24), ("邹", 24), ("熊", 23), ("白", 23), ("孟", 22), ("秦", 22),
        ("邱", 22), ("侯", 21), ("江", 21), ("尹", 21), ("薛", 20), ("闫", 20), ("段", 19), ("雷", 19),
        ("龙", 18), ("黎", 18), ("史", 18), ("陶", 17), ("贺", 17), ("毛", 16), ("郝", 16), ("顾", 16),
        ("龚", 16), ("邵", 15), ("万", 15), ("覃", 14), ("武", 14), ("钱", 14), ("戴", 14), ("严", 14),
        ("莫", 13), ("孔", 13), ("向", 13), ("常", 13), ("单", 5), ("仇", 3), ("欧阳", 3), ("司马", 1),
        ("上官", 1), ("诸葛", 1),
    ]

    static let maleGiven = Array("伟强磊军勇杰涛明超斌鹏辉刚平建华国峰波飞林晨宇浩俊鑫文博志海东亮成江永福贵生忠庆小")
    static let femaleGiven = Array("芳娜敏静丽艳秀英霞燕玲桂兰萍红娟梅婷雪琳慧颖倩洁丹佳欣悦晶凤琴翠花云荣小")

    /// Home areas: Zezhou mostly, then the rest of Jincheng and a few migrant workers' provinces.
    static let areas: [String] = ["140525", "140525", "140525", "140525", "140502", "140581", "140521", "140524",
                                  "410881", "130104"]

    static let phonePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                                "155", "156", "158", "159", "177", "180", "182", "183", "185", "186", "187", "188", "189"]

    static let villages = Array("东西南北上下前后大小")
    static let villageSuffixes = ["庄村", "沟村", "河村", "岭村", "坡村", "头村", "窑村", "店村", "堡村", "峪村"]

    static let groups: [(String, Int)] = [
        ("farmer", 40), ("migrant_worker", 15), ("disabled", 4), ("elderly_alone", 3), ("low_income", 5),
        ("subsistence_allowance", 4), ("veteran", 2), ("hardship_worker", 2), ("left_behind_child", 1),
        ("serious_illness", 1),
    ]

    static let civilCauses: [(String, Int)] = [
        ("labor_remuneration", 30), ("labor_relationship", 8), ("work_injury", 8), ("traffic_accident", 10),
        ("support_payment", 8), ("divorce_property", 8), ("loan_dispute", 6), ("land_contract", 5),
        ("domestic_violence", 3), ("medical_accident", 2), ("contract_dispute", 5), ("tenancy", 2),
        ("social_insurance", 2), ("enforcement_support", 3),
    ]
    static let administrativeCauses: [(String, Int)] = [
        ("social_insurance", 3), ("land_expropriation", 3), ("state_compensation", 1), ("social_assistance_benefit", 2),
    ]
    static let criminalRoles: [(String, Int)] = [
        ("suspect_defendant", 80), ("victim", 12), ("private_prosecutor", 4), ("civil_plaintiff", 4),
    ]

    static let topics: [(String, Int)] = [
        ("劳动争议", 25), ("婚姻家庭", 20), ("土地权属", 10), ("征地拆迁", 5), ("交通事故", 8), ("借贷纠纷", 10),
        ("社会保障", 6), ("入学就医", 3), ("邻里纠纷", 8), ("继承", 5),
    ]
    static let referrals = ["人民调解委员会", "劳动人事争议仲裁委员会", "人民法院", "民政局", "人力资源和社会保障局"]

    static let firms = ["山西晋城律师事务所", "泽州县法律服务所", "山西太行律师事务所", "晋城市丹河律师事务所", "山西凤城律师事务所"]
}

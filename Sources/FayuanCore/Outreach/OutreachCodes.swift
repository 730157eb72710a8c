/// 政策找人 (round2-capabilities §2): the code lists of the outreach register — group tags and
/// their evidence, risk levels, visit modes, signature modes, need channels, types and urgency.
/// Raw values are the stored and JSON codes; labels are what the console and ledgers print.

/// 群体类别: one special-group tag of a person on the register. Each carries, as data, the
/// screening group codes it stands for (the rule library decides the legal effect of those codes
/// with its own citations) and the national effect to print beside it.
public enum OutreachGroup: String, Sendable, Codable, CaseIterable, Comparable {
    case DB, DBBY, ZCX, TK, WB, GL, KGDJ, SN, SD, KJET, ZDCJ, ZB, SCJR, JLS, TPBW, KNZG, SFJZ

    public static func < (lhs: OutreachGroup, rhs: OutreachGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var label: String {
        switch self {
        case .DB: return "低保对象"
        case .DBBY: return "低保边缘家庭成员"
        case .ZCX: return "支出型困难家庭成员"
        case .TK: return "特困人员"
        case .WB: return "五保户"
        case .GL: return "高龄老人"
        case .KGDJ: return "孤寡/空巢独居老人"
        case .SN: return "失能/失智老人"
        case .SD: return "失独/计划生育特殊家庭"
        case .KJET: return "困境儿童"
        case .ZDCJ: return "重度残疾人"
        case .ZB: return "重病患者"
        case .SCJR: return "伤残军人"
        case .JLS: return "军烈属"
        case .TPBW: return "脱贫不稳定/边缘易致贫户"
        case .KNZG: return "困难职工"
        case .SFJZ: return "司法救助对象"
        }
    }

    /// The `fayuan screen` group codes this tag gives the applicant while it is valid and proven.
    /// 孤寡/空巢独居 maps to 空巢独居 only: a lone elderly person may still have children (王桂英's
    /// son), so 孤寡 is not implied. 脱贫不稳定户 is a monitoring flag with no screening effect.
    public var screeningGroups: [GroupCode] {
        switch self {
        case .DB: return ["subsistence_allowance"]
        case .DBBY: return ["subsistence_marginal"]
        case .ZCX: return ["expenditure_hardship"]
        case .TK, .WB: return ["extreme_poverty"]
        case .GL: return ["elderly_advanced"]
        case .KGDJ: return ["elderly_alone"]
        case .SN: return ["elderly_incapacitated"]
        case .SD: return ["bereaved_parent"]
        case .KJET: return ["child_in_distress"]
        case .ZDCJ: return ["disabled_severe"]
        case .ZB: return ["serious_illness"]
        case .SCJR: return ["veteran", "disabled"]
        case .JLS: return ["martyr_family", "military_family"]
        case .TPBW: return []
        case .KNZG: return ["hardship_worker"]
        case .SFJZ: return ["judicial_aid"]
        }
    }

    /// The national effect (法律援助法第四十二条第二项) when the tag is proven, cited; nil when the
    /// effect, if any, is local (scope waivers and local exemptions come from the rule library).
    public var nationalEffect: String? {
        switch self {
        case .DB, .TK, .WB:
            return "社会救助对象，有材料证明的免予核查经济困难状况（法律援助法第四十二条第二项）"
        case .SFJZ:
            return "司法救助对象，有材料证明的免予核查经济困难状况（法律援助法第四十二条第二项）"
        case .SCJR, .JLS:
            return "优抚对象，有材料证明的免予核查经济困难状况（法律援助法第四十二条第二项）"
        default:
            return nil
        }
    }

    /// What the evidence number is called on this tag's documents.
    public var evidenceNumberLabel: String {
        switch self {
        case .DB, .DBBY: return "低保证号"
        case .TK, .WB: return "特困供养证号"
        case .ZDCJ: return "残疾人证号"
        case .SCJR, .JLS: return "优抚证号"
        case .SFJZ: return "司法救助决定书号"
        default: return "证明编号"
        }
    }
}

/// 证明依据: how a tag is proven. Art 42 wants proof (“有材料证明”); a self-declared tag is
/// recorded to be verified and never exempts anyone.
public enum TagEvidenceKind: String, Sendable, Codable, CaseIterable {
    case civilAffairsData = "civil_affairs_data"
    case disabilityCertificate = "disability_certificate"
    case preferentialCertificate = "preferential_certificate"
    case judicialAidDecision = "judicial_aid_decision"
    case courtNotice = "court_notice"
    case selfDeclared = "self_declared"

    public var label: String {
        switch self {
        case .civilAffairsData: return "民政数据"
        case .disabilityCertificate: return "残疾人证"
        case .preferentialCertificate: return "优抚证"
        case .judicialAidDecision: return "司法救助决定"
        case .courtNotice: return "法院告知"
        case .selfDeclared: return "自述待核实"
        }
    }

    /// Counts as 有材料证明.
    public var isProof: Bool { self != .selfDeclared }
}

/// 风险等级: drives the revisit cycle.
public enum OutreachRiskLevel: String, Sendable, Codable, CaseIterable {
    case high, medium, low

    public var label: String {
        switch self {
        case .high: return "高"
        case .medium: return "中"
        case .low: return "低"
        }
    }

    public init?(label: String) {
        guard let found = Self.allCases.first(where: { $0.label == label || $0.rawValue == label }) else { return nil }
        self = found
    }
}

/// 在册状态 of a household.
public enum OutreachHouseholdStatus: String, Sendable, Codable, CaseIterable {
    case active, suspended, movedOut = "moved_out", deceased, withdrawn

    public var label: String {
        switch self {
        case .active: return "在册"
        case .suspended: return "暂停"
        case .movedOut: return "迁出"
        case .deceased: return "死亡"
        case .withdrawn: return "退出"
        }
    }
}

/// Where a list or a person came from (来源).
public enum OutreachSource: String, Sendable, Codable, CaseIterable {
    case civilAffairsList = "civil_affairs_list"
    case disabledFederationList = "disabled_federation_list"
    case civilAffairsCounter = "civil_affairs_counter"
    case courtNotice = "court_notice"
    case gridSurvey = "grid_survey"
    case legalLiaison = "legal_liaison"
    case homeVisit = "home_visit"
    case hotline = "hotline"
    case station = "station"
    case socialOrganisation = "social_organisation"
    case selfReferral = "self_referral"

    public var label: String {
        switch self {
        case .civilAffairsList: return "民政推送"
        case .disabledFederationList: return "残联推送"
        case .civilAffairsCounter: return "民政柜台登记"
        case .courtNotice: return "法院涉诉告知"
        case .gridSurvey: return "网格排查"
        case .legalLiaison: return "法律明白人报送"
        case .homeVisit: return "入户走访"
        case .hotline: return "来电/12348"
        case .station: return "工作站发现"
        case .socialOrganisation: return "社会组织"
        case .selfReferral: return "自荐"
        }
    }

    /// Counter registrations at partner bodies run the first-contact clock (宿迁 “第一时间”).
    public var isPartnerCounter: Bool { self == .civilAffairsCounter || self == .courtNotice }

    /// The audit wording of an import of this source's list.
    public var importAction: String {
        switch self {
        case .disabledFederationList: return "导入残联名单"
        default: return "导入民政名单"
        }
    }
}

/// 走访方式.
public enum OutreachVisitMode: String, Sendable, Codable, CaseIterable {
    case home, phone, video, meeting, viaVillage = "via_village"

    public var label: String {
        switch self {
        case .home: return "上门"
        case .phone: return "电话"
        case .video: return "视频"
        case .meeting: return "集中座谈"
        case .viaVillage: return "委托村居"
        }
    }
}

/// 签名方式 on a visit sheet. People who cannot write press a thumbprint and a proxy signs and
/// leaves a copy of their ID (黑龙江 诚信承诺 practice, round2 S18).
public enum VisitSignatureMode: String, Sendable, Codable, CaseIterable {
    case signed, thumbprint
    case thumbprintWithProxy = "thumbprint_proxy"
    case refused, unable

    public var label: String {
        switch self {
        case .signed: return "签名"
        case .thumbprint: return "按手印"
        case .thumbprintWithProxy: return "按手印并由代签人签名"
        case .refused: return "拒签"
        case .unable: return "无法签"
        }
    }

    /// A proxy's name and ID are required.
    public var needsProxy: Bool { self == .thumbprintWithProxy }
    /// A note saying why is required.
    public var needsNote: Bool { self == .refused || self == .unable }
}

/// 联系卡发放方式.
public enum ContactCardMethod: String, Sendable, Codable, CaseIterable {
    case home, window, mail, viaVillage = "via_village"

    public var label: String {
        switch self {
        case .home: return "上门"
        case .window: return "窗口"
        case .mail: return "邮寄"
        case .viaVillage: return "村居代发"
        }
    }
}

/// 需求类型, each mapped to the matter-scope cause code the screening uses.
public enum NeedType: String, Sendable, Codable, CaseIterable {
    case support, wages, workInjury = "work_injury", familyViolence = "family_violence", land, inheritance
    case socialBenefit = "social_benefit", personalInjury = "personal_injury", other

    public var label: String {
        switch self {
        case .support: return "赡养/抚养/扶养"
        case .wages: return "劳动报酬"
        case .workInjury: return "工伤"
        case .familyViolence: return "婚姻家庭/家暴"
        case .land: return "土地承包/宅基地/征地"
        case .inheritance: return "继承/遗赠扶养"
        case .socialBenefit: return "社会保险/救助待遇"
        case .personalInjury: return "人身损害"
        case .other: return "其他"
        }
    }

    public var cause: CauseCode {
        switch self {
        case .support: return "support_payment"
        case .wages: return "labor_remuneration"
        case .workInjury: return "work_injury"
        case .familyViolence: return "domestic_violence"
        case .land: return "land_contract"
        case .inheritance: return "other"
        case .socialBenefit: return "social_insurance"
        case .personalInjury: return "other"
        case .other: return "other"
        }
    }
}

/// 需求去向.
public enum NeedDisposition: String, Sendable, Codable, CaseIterable {
    case consultation, application, referral, noNeed = "no_need", lostContact = "lost_contact"

    public var label: String {
        switch self {
        case .consultation: return "已解答"
        case .application: return "转申请"
        case .referral: return "转部门"
        case .noNeed: return "无需求"
        case .lostContact: return "失联"
        }
    }
}

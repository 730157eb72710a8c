/// 咨询事项: the topic of a consultation, from the code list the monthly report counts by.
/// Data, defined once here; `cause` is the application cause a consultation on this topic most
/// often becomes, so turning a consultation into an application needs no retyping.
public struct ConsultationTopic: Hashable, Sendable, Identifiable {
    public let id: String
    public let label: String
    /// Pinyin initials of the label, so a clerk can filter by typing "ldbc".
    public let initials: String
    /// The civil/administrative cause code it maps to (`CauseCode`), nil when none fits.
    public let cause: String?

    public static let all: [ConsultationTopic] = [
        ConsultationTopic(id: "land_expropriation", label: "征地拆迁", initials: "zdcq", cause: "land_expropriation"),
        ConsultationTopic(id: "land_rights", label: "土地权属", initials: "tdqs", cause: "land_contract"),
        ConsultationTopic(id: "marriage_family", label: "婚姻家庭", initials: "hyjt", cause: "divorce_property"),
        ConsultationTopic(id: "support", label: "赡养抚养", initials: "syfy", cause: "support_payment"),
        ConsultationTopic(id: "inheritance", label: "继承纠纷", initials: "jcjf", cause: "other"),
        ConsultationTopic(id: "labor_remuneration", label: "劳动报酬", initials: "ldbc", cause: "labor_remuneration"),
        ConsultationTopic(id: "labor_relationship", label: "劳动关系", initials: "ldgx", cause: "labor_relationship"),
        ConsultationTopic(id: "work_injury", label: "工伤赔偿", initials: "gspc", cause: "work_injury"),
        ConsultationTopic(id: "school_medical", label: "入学就医", initials: "rxjy", cause: "other"),
        ConsultationTopic(id: "social_security", label: "社会保障", initials: "shbz", cause: "social_insurance"),
        ConsultationTopic(id: "traffic_accident", label: "交通事故", initials: "jtsg", cause: "traffic_accident"),
        ConsultationTopic(id: "medical_dispute", label: "医疗纠纷", initials: "yljf", cause: "medical_accident"),
        ConsultationTopic(id: "contract_debt", label: "合同债务", initials: "htzw", cause: "contract_dispute"),
        ConsultationTopic(id: "neighbour", label: "邻里纠纷", initials: "lljf", cause: "other"),
        ConsultationTopic(id: "domestic_violence", label: "家庭暴力", initials: "jtbl", cause: "domestic_violence"),
        ConsultationTopic(id: "consumer", label: "消费维权", initials: "xfwq", cause: "other"),
        ConsultationTopic(id: "criminal", label: "刑事案件", initials: "xsaj", cause: nil),
        ConsultationTopic(id: "administrative", label: "行政争议", initials: "xzzy", cause: nil),
        ConsultationTopic(id: "other", label: "其他", initials: "qt", cause: "other"),
    ]

    public static func topic(id: String) -> ConsultationTopic? { all.first { $0.id == id } }
}

/// 引导: where the person was sent after the consultation.
public enum ReferralKind: String, Sendable, CaseIterable {
    case none
    case aidApplication = "aid_application"
    case mediation
    case otherDepartment = "other_department"

    public var label: String {
        switch self {
        case .none: return "无需引导"
        case .aidApplication: return "申请法律援助"
        case .mediation: return "引导调解"
        case .otherDepartment: return "转其他部门"
        }
    }

    /// The stored referral text: the code, and for another department its name ("other_department:县人社局").
    public static func stored(_ kind: ReferralKind, department: String) -> String? {
        switch kind {
        case .none: return nil
        case .otherDepartment:
            let name = department.trimmingSpaces()
            return name.isEmpty ? kind.rawValue : kind.rawValue + ":" + name
        default: return kind.rawValue
        }
    }
}

/// 不予受理 reasons recorded at the window (nobody leaves unrecorded).
public enum WindowRefusalReason: String, Sendable, CaseIterable {
    case outOfScope = "out_of_scope"
    case notInHardship = "not_in_hardship"
    case notOurJurisdiction = "not_our_jurisdiction"
    case duplicate
    case withdrawn
    case other

    public var label: String {
        switch self {
        case .outOfScope: return "不属于法律援助事项范围"
        case .notInHardship: return "经济状况不符合条件"
        case .notOurJurisdiction: return "不属于本中心管辖"
        case .duplicate: return "同一事项已在办理"
        case .withdrawn: return "申请人放弃申请"
        case .other: return "其他原因"
        }
    }
}

import Foundation

/// 人员库: the pools an aid provider belongs to (the register of aid providers by category and
/// specialty, 江苏省法律援助条例第十五条, published; the volunteer lawyer pool, the leading lawyers,
/// the duty lawyers, the quality-review expert pool and the special teams the seeds name).
/// Codes are stable (stored, exported, on the command line); labels are what people read.
public enum PoolCode: String, Sendable, Codable, CaseIterable, Hashable {
    case volunteerLawyers = "volunteer_lawyers"
    case leadingLawyers = "leading_lawyers"
    case dutyLawyers = "duty_lawyers"
    case reviewExperts = "review_experts"
    case militaryTalent = "military_talent"
    case newEconomyTeam = "new_economy_team"

    public var label: String {
        switch self {
        case .volunteerLawyers: return "志愿律师库"
        case .leadingLawyers: return "名优律师团"
        case .dutyLawyers: return "值班律师库"
        case .reviewExperts: return "评查专家库"
        case .militaryTalent: return "军人军属人才库"
        case .newEconomyTeam: return "新业态团队"
        }
    }

    /// A code or its Chinese label ("志愿律师库"), as typed on the command line.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let code = PoolCode(rawValue: t) { self = code; return }
        guard let byLabel = PoolCode.allCases.first(where: { $0.label == t }) else { return nil }
        self = byLabel
    }
}

/// A membership's state. Removal is a decision a person records (年终检查 only proposes it).
public enum PoolMemberStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case active, suspended, removed, expired

    public var label: String {
        switch self {
        case .active: return "在库"
        case .suspended: return "暂停"
        case .removed: return "已清退"
        case .expired: return "期满"
        }
    }
}

/// 专业领域: the specialties the published register is organised by (江苏条例第十五条、第三十四条;
/// seed-000 L65; seed-002 L47 军人军属; seed-003 L43 海事). Distinct from the cause codes the wheel's
/// profile holds: a specialty covers several causes (`covers(cause:)`).
public enum ProviderSpecialty: String, Sendable, Codable, CaseIterable, Hashable {
    case criminal
    case marriageFamily = "marriage_family"
    case labor
    case workInjury = "work_injury"
    case traffic
    case medical
    case land
    case administrative
    case minors
    case domesticViolence = "domestic_violence"
    case military
    case newEconomy = "new_economy"
    case maritime

    public var label: String {
        switch self {
        case .criminal: return "刑事"
        case .marriageFamily: return "婚姻家庭"
        case .labor: return "劳动"
        case .workInjury: return "工伤"
        case .traffic: return "交通"
        case .medical: return "医疗"
        case .land: return "土地"
        case .administrative: return "行政"
        case .minors: return "未成年人"
        case .domesticViolence: return "反家暴"
        case .military: return "军人军属"
        case .newEconomy: return "新业态"
        case .maritime: return "海事"
        }
    }

    /// A code or its Chinese label.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let code = ProviderSpecialty(rawValue: t) { self = code; return }
        guard let byLabel = ProviderSpecialty.allCases.first(where: { $0.label == t }) else { return nil }
        self = byLabel
    }

    /// Whether a case of this cause code (the rule library's civil/administrative causes) falls in
    /// the specialty; a criminal case is `criminal` whatever its cause.
    public func covers(cause: String) -> Bool { Self.specialties(forCause: cause).contains(self) }

    /// The specialties a cause code belongs to.
    public static func specialties(forCause cause: String) -> Set<ProviderSpecialty> {
        switch cause {
        case "labor_remuneration", "labor_relationship", "social_insurance": return [.labor]
        case "work_injury", "work_safety_accident": return [.workInjury, .labor]
        case "traffic_accident": return [.traffic]
        case "medical_accident", "food_drug_accident": return [.medical]
        case "land_contract", "forest_rights", "collective_membership", "land_expropriation": return [.land]
        case "support_payment", "divorce_property": return [.marriageFamily]
        case "domestic_violence": return [.domesticViolence, .marriageFamily]
        case "school_bullying": return [.minors]
        case "state_compensation", "social_assistance_benefit", "survivor_pension", "wrongful_conviction_compensation":
            return [.administrative]
        case "hero_martyr_rights": return [.military]
        default: return []
        }
    }

    /// Parses a comma-separated list ("minors,劳动"); an unknown entry is returned as the error.
    public static func parseList(_ text: String) -> Result<[ProviderSpecialty], PoolInputError> {
        var out: [ProviderSpecialty] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            guard let s = ProviderSpecialty(text: item) else {
                return .failure(PoolInputError(field: "specialties", message: "未知的专业领域“\(item)”（可用：\(allCases.map(\.label).joined(separator: "、"))）"))
            }
            if !out.contains(s) { out.append(s) }
        }
        return .success(out)
    }
}

/// Bad input to a pool rule, naming the field (the store turns it into its own invalid-input error).
public struct PoolInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
    public var description: String { message }
}

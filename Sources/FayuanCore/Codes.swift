/// An applicant group code (`groups` in the screening contract), e.g. "migrant_worker".
/// The list of valid codes and their Chinese labels is data in the rule library.
public struct GroupCode: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: GroupCode, rhs: GroupCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Derived from birth date and gender on the application date; never entered.
    public static let elderly: GroupCode = "elderly"
    public static let minor: GroupCode = "minor"
    public static let woman: GroupCode = "woman"
    public static let derived: Set<GroupCode> = [.elderly, .minor, .woman]
}

/// A civil/administrative cause code (`matter.cause`), e.g. "labor_remuneration".
public struct CauseCode: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: CauseCode, rhs: CauseCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// civil | administrative | criminal
public enum MatterKind: String, Sendable, Codable, CaseIterable {
    case civil, administrative, criminal

    public var label: String {
        switch self {
        case .civil: return "民事"
        case .administrative: return "行政"
        case .criminal: return "刑事"
        }
    }
}

/// The applicant's role in a criminal matter.
public enum CriminalRole: String, Sendable, Codable, CaseIterable {
    case suspectDefendant = "suspect_defendant"
    case victim
    case privateProsecutor = "private_prosecutor"
    case civilPlaintiff = "civil_plaintiff"
    case compulsoryMedicalRespondent = "compulsory_medical_respondent"

    public var label: String {
        switch self {
        case .suspectDefendant: return "犯罪嫌疑人、被告人"
        case .victim: return "公诉案件被害人"
        case .privateProsecutor: return "自诉人"
        case .civilPlaintiff: return "附带民事诉讼原告人"
        case .compulsoryMedicalRespondent: return "强制医疗被申请人或被告人"
        }
    }
}

/// investigation | prosecution | trial | death_penalty_review
public enum CriminalStage: String, Sendable, Codable, CaseIterable {
    case investigation, prosecution, trial
    case deathPenaltyReview = "death_penalty_review"

    public var label: String {
        switch self {
        case .investigation: return "侦查阶段"
        case .prosecution: return "审查起诉阶段"
        case .trial: return "审判阶段"
        case .deathPenaltyReview: return "死刑复核阶段"
        }
    }
}

/// How the applicant shows economic hardship.
public enum HardshipEvidence: String, Sendable, Codable, CaseIterable {
    /// A certificate from civil affairs or another department.
    case certificate
    /// 告知承诺 / 个人诚信承诺: a signed commitment instead of proof (法律援助法 Art 41).
    case commitment
    case none

    public var label: String {
        switch self {
        case .certificate: return "证明材料"
        case .commitment: return "个人诚信承诺"
        case .none: return "无"
        }
    }
}

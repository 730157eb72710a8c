import FayuanCore

/// What a rule does when its condition holds.
public enum RuleKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 应当通知辩护 (Art 25 ¶1, Art 28): route notification, no application, no economic test.
    case notification
    /// A matter in scope that needs economic hardship (Art 31, Arts 24/29, provincial lists).
    case matter
    /// In scope and not limited by economic hardship (Art 32 and provincial equivalents).
    case unrestricted
    /// Certain persons are not limited by the matter list (Jiangsu Art 19, local policies).
    case scopeWaiver = "scope_waiver"
    /// Exempt from verifying economic hardship (Art 42); never widens scope.
    case exempt
    /// Duty-lawyer help when aid by application fails (Art 30).
    case dutyLawyer = "duty_lawyer"
    /// The hardship standard: a base table, a multiple and the comparison of the text.
    case hardshipStandard = "hardship_standard"
    /// Green channel.
    case priority
    /// 先行提供 (Art 44).
    case provideFirst = "provide_first"
    /// Review period and how it is counted.
    case reviewDeadline = "review_deadline"
    /// Adds its citation and explanation when it applies; decides nothing.
    case advisory
    /// Procedure text for browsing; never evaluated.
    case info
    /// 异议期限: the days an applicant has to object to a refusal, where the province sets one
    /// (Shanxi Art 29: 十五日); printed on the refusal letter. Never evaluated in screening.
    case objectionTerm = "objection_term"

    public var label: String {
        switch self {
        case .notification: return "通知辩护"
        case .matter: return "事项范围"
        case .unrestricted: return "不受经济困难条件限制"
        case .scopeWaiver: return "不受事项范围限制"
        case .exempt: return "免予核查经济困难状况"
        case .dutyLawyer: return "值班律师法律帮助"
        case .hardshipStandard: return "经济困难标准"
        case .priority: return "优先（绿色通道）"
        case .provideFirst: return "先行提供"
        case .reviewDeadline: return "审查期限"
        case .advisory: return "提示"
        case .info: return "程序规定"
        case .objectionTerm: return "异议期限"
        }
    }
}

public enum Route: String, Sendable, Hashable, CaseIterable, Codable {
    case application, notification
    case dutyLawyer = "duty_lawyer"
    case none
}

public enum Decision: String, Sendable, Hashable, CaseIterable, Codable {
    case eligible, ineligible
    case needsReview = "needs_review"

    public var label: String {
        switch self {
        case .eligible: return "符合法律援助条件"
        case .ineligible: return "不符合法律援助条件"
        case .needsReview: return "需人工审查"
        }
    }
}

public enum EconomicCheck: String, Sendable, Hashable, CaseIterable, Codable {
    case required, exempt
    case notApplicable = "not_applicable"
}

public enum EconomicResult: String, Sendable, Hashable, CaseIterable, Codable {
    case pass, fail
    case notApplicable = "n/a"
    case unknown
}

public enum Priority: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case none, policy, statutory

    public static func < (lhs: Priority, rhs: Priority) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How income is compared with the threshold, as the local text words it.
public enum Comparison: String, Sendable, Hashable, CaseIterable, Codable {
    /// 不超过 / 以下: equal passes (民法典 Art 1259).
    case le
    /// 低于 / 不满: equal fails.
    case lt

    func passes(_ income: Double, _ threshold: Double) -> Bool {
        self == .le ? income <= threshold : income < threshold
    }
}

/// Where a rule comes from: a law and article, or a local document and its section.
public struct Citation: Sendable, Hashable, Codable {
    public var law: String
    public var article: Int?
    public var paragraph: Int?
    public var item: Int?
    /// Section of a local document, e.g. "二（三）".
    public var section: String?

    public init(law: String, article: Int? = nil, paragraph: Int? = nil, item: Int? = nil,
                section: String? = nil) {
        self.law = law
        self.article = article
        self.paragraph = paragraph
        self.item = item
        self.section = section
    }

    /// 法律援助法第三十一条第五项
    public var label: String {
        var text = law
        if let article { text += "第\(ChineseNumber.text(article))条" }
        if let paragraph { text += "第\(ChineseNumber.text(paragraph))款" }
        if let item { text += "第\(ChineseNumber.text(item))项" }
        if let section { text += " " + section }
        return text
    }
}

/// An inclusive range of dates; an open end is nil.
public struct DateRange: Sendable, Hashable {
    public var from: LocalDate?
    public var to: LocalDate?

    public init(from: LocalDate? = nil, to: LocalDate? = nil) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: LocalDate) -> Bool {
        if let from, date < from { return false }
        if let to, date > to { return false }
        return true
    }

    public var label: String {
        "\(from?.iso ?? "……")至\(to?.iso ?? "今")"
    }
}

/// When a rule applies. Every present field must hold; absent fields do not constrain.
public struct RuleCondition: Sendable, Hashable {
    public var matterKinds: Set<MatterKind>?
    public var causes: Set<CauseCode>?
    /// At least one of these groups.
    public var groupsAny: Set<GroupCode>?
    /// All of these groups.
    public var groupsAll: Set<GroupCode>?
    public var ageBelow: Int?
    public var ageAtLeast: Int?
    public var roles: Set<CriminalRole>?
    public var stages: Set<CriminalStage>?
    public var hasDefender: Bool?
    public var possibleLifeOrDeathSentence: Bool?
    public var trialInAbsentia: Bool?
    public var cannotFullyRecognizeConduct: Bool?
    public var ordinaryProcedure: Bool?
    public var needsUrgentPreservation: Bool?
    /// 被羁押 (Art 39).
    public var detained: Bool?
    /// 不足N日: the remaining days are fewer than this.
    public var daysToLimitationDeadlineBelow: Int?
    public var hardshipEvidence: Set<HardshipEvidence>?
    /// Checked after scope and route are known (deadlines, advisories).
    public var routes: Set<Route>?
    public var economicCheck: Set<EconomicCheck>?

    public init() {}
}

/// One rule of the library.
public struct Rule: Sendable, Hashable, Identifiable {
    public var id: String
    public var kind: RuleKind
    /// The key of the layer the rule belongs to.
    public var layerKey: String
    public var condition: RuleCondition
    public var citation: Citation
    /// Chinese text a clerk can read aloud.
    public var explanation: String
    /// Narrower than the layer's range when present.
    public var effective: DateRange?
    /// A rule whose facts the input cannot express: applying it makes the decision needs_review
    /// with this note.
    public var needsReview: String?
    /// V / S / M as in the reference; nil means verified text.
    public var confidence: String?
    public var level: Priority?
    public var base: String?
    public var multiple: Double?
    public var comparison: Comparison?
    public var days: Int?
    public var counting: DeadlineCounting?
    /// review_deadline only: the longer period the province allows for a case marked 重大疑难
    /// (e.g. Shanxi Art 21: 3 日, 疑难事项需要调查核实的 7 日); nil where no extension exists.
    public var majorDays: Int?
    /// Where the rule was read, for `rules show` and error messages.
    public var file: String
    public var line: Int
}

/// A layer: national law, a provincial regulation (one edition), or a local policy.
public struct RuleLayer: Sendable, Hashable {
    /// Short id used in `ruleSet.id`, e.g. "js"; editions of one regulation share it.
    public var id: String
    /// Unique: id plus start date.
    public var key: String
    public var name: String
    /// GB/T 2260 prefix: "" national, "32" Jiangsu, "3204" Changzhou, "320707" Ganyu.
    public var regionPrefix: String
    public var effective: DateRange
    public var law: String
    public var confidence: String?
    public var file: String
    public var rules: [Rule]
}

/// A code with its Chinese label (groups, causes).
public struct CodeEntry: Sendable, Hashable {
    public var code: String
    public var label: String
    /// Derived from birth date and gender; never entered.
    public var derived: Bool
}

/// A date-versioned base for the hardship standard (minimum wage, 低保 line), per region.
public struct ThresholdTable: Sendable, Hashable {
    public struct Value: Sendable, Hashable {
        public var from: LocalDate
        /// nil: unknown from this date on.
        public var yuan: Double?
        public var confidence: String?
        public var source: String
        /// Where the value is written (a bundled file or a site file), for the Rules screen.
        public var file: String = ""
        public var line: Int = 0
        /// When the exact figure is unknown but a documented upper bound exists ("the local 低保
        /// line is at most X"): an income at or above `multiple × atMost` fails the test for
        /// certain; below it the result stays unknown. Never used when `yuan` is known.
        public var atMost: Double? = nil
    }

    public struct Series: Sendable, Hashable {
        public var name: String
        public var regionPrefixes: [String]
        public var values: [Value]
    }

    public var id: String
    public var base: String
    public var name: String
    public var series: [Series]
    /// Load order: a table read later (a site file) wins a tie with an earlier one.
    public var sequence: Int = 0
}

enum ChineseNumber {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1 → 一, 10 → 十, 15 → 十五, 31 → 三十一, 264 → 二百六十四.
    static func text(_ value: Int) -> String {
        guard value > 0 else { return String(value) }
        if value < 10 { return digits[value] }
        if value < 20 { return "十" + (value % 10 == 0 ? "" : digits[value % 10]) }
        if value < 100 { return digits[value / 10] + "十" + (value % 10 == 0 ? "" : digits[value % 10]) }
        if value < 1000 {
            let rest = value % 100
            let restText = rest == 0 ? "" : (rest < 10 ? "零" + digits[rest]
                : (rest < 20 ? "一" + text(rest) : text(rest)))
            return digits[value / 100] + "百" + restText
        }
        return String(value)
    }
}

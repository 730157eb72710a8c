/// Ordinary case subsidies (办案补贴) by case type and stage, one table per province (法律援助法
/// Art 52: the province sets the standards). Loaded from rules/case-subsidy/*.yaml and site files.
/// A type or stage the sources give no figure for has no rate: the statement says so, nothing is
/// invented.
public struct CaseSubsidyRates: Sendable, Hashable {
    public struct Rate: Sendable, Hashable {
        /// civil | criminal | administrative.
        public var kind: String
        /// CaseServiceStage code.
        public var stage: String
        public var fen: Int
        public init(kind: String, stage: String, fen: Int) { self.kind = kind; self.stage = stage; self.fen = fen }
    }

    public var id: String
    /// GB/T 2260 prefix ("14" for Shanxi, "140525" for a county's own table).
    public var regionPrefix: String
    /// The document the figures come from.
    public var source: String
    /// What the sources do not give (shown when a case has no rate).
    public var note: String
    public var rates: [Rate]

    public init(id: String, regionPrefix: String, source: String, note: String, rates: [Rate]) {
        self.id = id; self.regionPrefix = regionPrefix; self.source = source; self.note = note; self.rates = rates
    }

    public func rate(kind: String, stage: String?) -> Rate? {
        guard let stage else { return nil }
        return rates.first { $0.kind == kind && $0.stage == stage }
    }

    /// "民事诉讼案件" / "审判阶段刑事案件".
    public static func stageLabel(kind: String, stage: String?) -> String {
        let kindLabel = ["civil": "民事", "criminal": "刑事", "administrative": "行政"][kind] ?? kind
        guard let stage, let s = CaseServiceStage(rawValue: stage) else { return kindLabel + "案件（未登记阶段）" }
        return kind == "criminal" ? "\(s.label)刑事案件" : "\(kindLabel)\(s.label)案件"
    }
}

/// The stage a case's aid covered, for the case subsidy table: litigation or not for civil and
/// administrative matters, the criminal stages for criminal ones.
public enum CaseServiceStage: String, Sendable, Hashable, Codable, CaseIterable {
    case litigation
    case nonLitigation = "non_litigation"
    case investigation, prosecution, trial
    case deathPenaltyReview = "death_penalty_review"

    public var label: String {
        switch self {
        case .litigation: return "诉讼"
        case .nonLitigation: return "非诉讼"
        case .investigation: return "侦查阶段"
        case .prosecution: return "审查起诉阶段"
        case .trial: return "审判阶段"
        case .deathPenaltyReview: return "死刑复核阶段"
        }
    }

    /// Whether the stage fits the case type.
    public func fits(kind: String) -> Bool {
        switch self {
        case .litigation, .nonLitigation: return kind == "civil" || kind == "administrative"
        default: return kind == "criminal"
        }
    }
}

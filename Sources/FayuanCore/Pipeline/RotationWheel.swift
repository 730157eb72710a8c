/// 轮案: the rotation wheel that suggests the next lawyer for a case, per station and cause, and
/// says why. Fair (whoever has waited longest in this wheel is next) and explainable (every
/// candidate carries the reasons for its place or its exclusion). The reviewer may override the
/// suggestion with a reason; both are kept in the wheel's history.
public enum RotationWheel {
    public struct Candidate: Sendable, Hashable {
        public var providerID: Int64
        public var name: String
        public var isLawyer: Bool
        /// 名优律师.
        public var isLeading: Bool
        /// Cause codes the provider has registered as specialties.
        public var specialties: Set<String>
        /// Years of relevant (criminal defence) practice, for Art 26.
        public var relevantPracticeYears: Int?
        /// Cases the provider is handling now.
        public var currentLoad: Int
        /// Most the provider takes at once (nil: no limit).
        public var maxLoad: Int?
        /// The wheel position of the provider's last turn in this wheel (nil: never had one).
        public var lastTurn: Int?
        /// Why the provider must not act (利益冲突), nil if none known.
        public var conflict: String?
        /// Specialties in the published register (人员名册), by which a familiarity rule sorts.
        public var registerSpecialties: Set<ProviderSpecialty>
        /// Why the pools keep the provider off the wheel (清退 from the duty or volunteer pool), nil if none.
        public var poolExclusion: String?

        public init(providerID: Int64, name: String, isLawyer: Bool = true, isLeading: Bool = false,
                    specialties: Set<String> = [], relevantPracticeYears: Int? = nil, currentLoad: Int = 0,
                    maxLoad: Int? = nil, lastTurn: Int? = nil, conflict: String? = nil,
                    registerSpecialties: Set<ProviderSpecialty> = [], poolExclusion: String? = nil) {
            self.providerID = providerID; self.name = name; self.isLawyer = isLawyer; self.isLeading = isLeading
            self.specialties = specialties; self.relevantPracticeYears = relevantPracticeYears
            self.currentLoad = currentLoad; self.maxLoad = maxLoad; self.lastTurn = lastTurn; self.conflict = conflict
            self.registerSpecialties = registerSpecialties; self.poolExclusion = poolExclusion
        }
    }

    public struct Request: Sendable, Hashable {
        public var cause: String
        public var causeLabel: String
        /// 重大疑难: leading lawyers first.
        public var isMajor: Bool
        /// Art 26 applies.
        public var possibleLifeOrDeath: Bool
        /// A recipient who needs a lawyer familiar with them (未成年人, 家庭暴力受害人: 江苏条例第三十四条,
        /// 山西条例第二十四条): providers with that register specialty come first, and the reason is kept.
        public var familiarity: Familiarity?

        public init(cause: String, causeLabel: String, isMajor: Bool = false, possibleLifeOrDeath: Bool = false,
                    familiarity: Familiarity? = nil) {
            self.cause = cause; self.causeLabel = causeLabel; self.isMajor = isMajor
            self.possibleLifeOrDeath = possibleLifeOrDeath; self.familiarity = familiarity
        }
    }

    public struct Familiarity: Sendable, Hashable {
        public var specialty: ProviderSpecialty
        /// The rule and its source, as stored with the assignment ("未成年受援人：…（《江苏省法律援助条例》第34条）").
        public var reason: String
        public init(specialty: ProviderSpecialty, reason: String) { self.specialty = specialty; self.reason = reason }
    }

    public struct Ranked: Sendable, Hashable {
        public var candidate: Candidate
        /// Position in the suggestion (1 = suggested).
        public var place: Int
        public var reasons: [String]
    }

    public struct Excluded: Sendable, Hashable {
        public var candidate: Candidate
        public var reasons: [String]
    }

    public struct Suggestion: Sendable, Hashable {
        public var ranked: [Ranked]
        public var excluded: [Excluded]
        public var suggested: Ranked? { ranked.first }

        /// One line for the timeline and the wheel's history.
        public var explanation: String {
            guard let s = suggested else { return "轮案无可指派人选" }
            return "轮案建议 \(s.candidate.name)：" + s.reasons.joined(separator: "；")
        }
    }

    public static func suggest(_ request: Request, candidates: [Candidate]) -> Suggestion {
        var excluded: [Excluded] = []
        var eligible: [Candidate] = []
        for c in candidates {
            var why: [String] = []
            if let conflict = c.conflict { why.append("利益冲突：\(conflict)") }
            if let pool = c.poolExclusion { why.append(pool) }
            if let refusal = Article26.refusal(appliesToCase: request.possibleLifeOrDeath, isLawyer: c.isLawyer,
                                               relevantPracticeYears: c.relevantPracticeYears) {
                why.append(refusal)
            }
            if why.isEmpty { eligible.append(c) } else { excluded.append(Excluded(candidate: c, reasons: why)) }
        }
        func full(_ c: Candidate) -> Bool { c.maxLoad.map { c.currentLoad >= $0 } ?? false }
        func specialist(_ c: Candidate) -> Bool { c.specialties.contains(request.cause) }
        func familiar(_ c: Candidate) -> Bool { request.familiarity.map { c.registerSpecialties.contains($0.specialty) } ?? false }
        let ordered = eligible.sorted { a, b in
            if full(a) != full(b) { return !full(a) }
            if familiar(a) != familiar(b) { return familiar(a) }
            if request.isMajor, a.isLeading != b.isLeading { return a.isLeading }
            if specialist(a) != specialist(b) { return specialist(a) }
            switch (a.lastTurn, b.lastTurn) {
            case (nil, .some): return true
            case (.some, nil): return false
            case let (x?, y?) where x != y: return x < y
            default: break
            }
            if a.currentLoad != b.currentLoad { return a.currentLoad < b.currentLoad }
            return a.providerID < b.providerID
        }
        let ranked = ordered.enumerated().map { i, c in
            Ranked(candidate: c, place: i + 1, reasons: reasons(for: c, request: request, full: full(c)))
        }
        return Suggestion(ranked: ranked, excluded: excluded)
    }

    static func reasons(for c: Candidate, request: Request, full: Bool) -> [String] {
        var out: [String] = []
        if let f = request.familiarity, c.registerSpecialties.contains(f.specialty) {
            out.append("熟悉\(f.specialty.label)（\(f.reason)）")
        }
        if request.isMajor && c.isLeading { out.append("名优律师（重大疑难案件优先）") }
        out.append(c.lastTurn.map { "轮次：上次轮到在第 \($0) 轮" } ?? "轮次：本轮盘尚未轮到")
        if c.specialties.contains(request.cause) { out.append("专长：\(request.causeLabel)") }
        out.append("在办 \(c.currentLoad) 件" + (c.maxLoad.map { "（上限 \($0)）" } ?? ""))
        if full { out.append("在办已满，排在最后") }
        if request.possibleLifeOrDeath, let y = c.relevantPracticeYears {
            out.append("相关执业 \(y) 年，符合\(Article26.citation)")
        }
        out.append("无利益冲突")
        return out
    }
}

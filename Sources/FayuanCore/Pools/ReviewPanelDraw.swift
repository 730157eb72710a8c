import Foundation

/// 评查组抽取: a quality-review panel drawn at random from the expert pool, reproducibly — the
/// same pool, size and seed always give the same panel, and the seed is recorded with it, so
/// anyone can replay the draw. Recusal (回避) comes first: the handling lawyer, everyone of the
/// handling lawyer's firm, the handler's "1+1" partner and whoever else is named are taken out
/// of the pool before the draw, each with the reason, and can never be drawn.
public enum ReviewPanelDraw {
    public struct Expert: Sendable, Hashable {
        public var providerID: Int64
        public var name: String
        /// 执业机构 (律师事务所), compared after trimming.
        public var firm: String?
        public init(providerID: Int64, name: String, firm: String?) {
            self.providerID = providerID; self.name = name; self.firm = firm
        }
    }

    /// Who handled the case, as the recusal needs it.
    public struct Handler: Sendable, Hashable {
        public var providerID: Int64?
        public var name: String
        public var firm: String?
        /// The handler's "1+1" partners (mentor or mentee).
        public var partnerIDs: Set<Int64>
        public init(providerID: Int64?, name: String, firm: String?, partnerIDs: Set<Int64> = []) {
            self.providerID = providerID; self.name = name; self.firm = firm; self.partnerIDs = partnerIDs
        }
    }

    public struct Recusal: Sendable, Hashable {
        public var expert: Expert
        public var reason: String
    }

    public struct Panel: Sendable, Hashable {
        public var seed: UInt64
        public var size: Int
        /// Drawn members in draw order (the first is the panel's lead).
        public var members: [Expert]
        public var recused: [Recusal]
        /// Experts left after recusal (the population the draw used).
        public var eligibleCount: Int
    }

    public enum DrawError: Error, Sendable, Equatable, CustomStringConvertible {
        case sizeOutOfRange(Int)
        case notEnoughExperts(needed: Int, eligible: Int, recused: Int)
        public var description: String {
            switch self {
            case .sizeOutOfRange(let n): return "评查组人数应在 1–15 之间：\(n)"
            case let .notEnoughExperts(needed, eligible, recused):
                return "评查专家不足：需要 \(needed) 人，回避 \(recused) 人后只剩 \(eligible) 人"
            }
        }
    }

    static func norm(_ firm: String?) -> String? {
        guard let f = firm?.trimmingCharacters(in: .whitespaces), !f.isEmpty else { return nil }
        return f
    }

    /// The recusal reason for one expert, nil when the expert may sit.
    public static func recusalReason(_ e: Expert, handler: Handler, others: [Int64: String] = [:]) -> String? {
        if let id = handler.providerID, e.providerID == id { return "本案承办律师" }
        if let f = norm(handler.firm), norm(e.firm) == f { return "与承办律师同所（\(f)）" }
        if handler.partnerIDs.contains(e.providerID) { return "与承办律师为“1+1”结对" }
        if let why = others[e.providerID] { return why }
        return nil
    }

    /// Draws `size` members. The pool is sorted by provider id first, so the order it arrives in
    /// does not change the panel; a partial Fisher–Yates with SplitMix64(seed) picks the members.
    public static func draw(pool: [Expert], size: Int, seed: UInt64, handler: Handler,
                            otherRecusals: [Int64: String] = [:]) throws(DrawError) -> Panel {
        guard (1...15).contains(size) else { throw .sizeOutOfRange(size) }
        var seen = Set<Int64>()
        let sorted = pool.sorted { $0.providerID < $1.providerID }.filter { seen.insert($0.providerID).inserted }
        var recused: [Recusal] = []
        var eligible: [Expert] = []
        for e in sorted {
            if let why = recusalReason(e, handler: handler, others: otherRecusals) {
                recused.append(Recusal(expert: e, reason: why))
            } else {
                eligible.append(e)
            }
        }
        guard eligible.count >= size else {
            throw .notEnoughExperts(needed: size, eligible: eligible.count, recused: recused.count)
        }
        var rng = SplitMix64(seed: seed)
        var picked = eligible
        for i in 0..<size {
            let j = i + Int(rng.next() % UInt64(picked.count - i))
            picked.swapAt(i, j)
        }
        return Panel(seed: seed, size: size, members: Array(picked.prefix(size)), recused: recused,
                     eligibleCount: eligible.count)
    }

    /// A fresh seed when the operator gives none (recorded with the panel, so the draw stays
    /// replayable): the system generator, used only to pick the seed.
    public static func freshSeed() -> UInt64 {
        var g = SystemRandomNumberGenerator()
        return g.next() % 1_000_000_000_000
    }

    /// The seed of the panel for one case of a sampling campaign: derived from the campaign's
    /// seed and the case, so each case's panel replays on its own.
    public static func caseSeed(campaignSeed: UInt64, caseID: Int64) -> UInt64 {
        var rng = SplitMix64(seed: campaignSeed ^ (UInt64(bitPattern: caseID) &* 0x9E37_79B9_7F4A_7C15))
        return rng.next()
    }
}

extension QualitySampling {
    /// 分层抽样: each stratum (民事/刑事/行政…) sampled at the same rate with the same seed
    /// scheme, so the sample keeps the mix of the population. Strata are taken in name order and
    /// each gets its own derived seed; the result is every drawn id, ascending, with the count
    /// per stratum.
    public static func drawStratified(strata: [String: [Int64]], ratePercent: Int,
                                      seed: UInt64) -> (caseIDs: [Int64], perStratum: [String: Int]) {
        var all: [Int64] = []
        var counts: [String: Int] = [:]
        for (index, key) in strata.keys.sorted().enumerated() {
            var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
            let drawn = draw(population: strata[key] ?? [], ratePercent: ratePercent, seed: rng.next())
            counts[key] = drawn.count
            all += drawn
        }
        return (all.sorted(), counts)
    }
}

import FayuanCore
import Foundation

/// The rule library: layers of rules (national, provincial editions, local policies), the code
/// lists, the hardship-standard tables and the holiday calendar, all read from data.
public struct RuleLibrary: Sendable {
    /// Ordered from national to most local.
    public let layers: [RuleLayer]
    public let groups: [CodeEntry]
    public let causes: [CodeEntry]
    public let calendar: HolidayCalendar
    public let thresholdTables: [ThresholdTable]
    /// Duty programmes (rates, frequencies, deductions) by id; see `rosterPolicy(region:)`.
    public internal(set) var rosterPolicies: [RosterPolicy] = []
    /// Ordinary case subsidy tables by province or county; see `caseSubsidyRates(region:)`.
    public internal(set) var caseSubsidyTables: [CaseSubsidyRates] = []
    /// Yearly targets by region (rules/targets/); see `targetTable(region:year:)`.
    public internal(set) var targetTables: [TargetTable] = []
    /// Where each target table is written ("file:line"), by id, for the Rules screen.
    public internal(set) var targetPlaces: [String: String] = [:]
    let groupIndex: [String: CodeEntry]
    let causeIndex: [String: CodeEntry]
    /// FNV-1a of each layer's rules by layer key, computed once so a screening stays cheap — on
    /// the first screening, not at load: printing every rule (`"\(rule)"`) was half of loading
    /// the library, which every console start and `fayuan case …` pays (BENCHMARKS.md, start-up).
    var layerDigests: [String: UInt64] { layerDigestCache.digests(of: layers) }
    private let layerDigestCache = LayerDigestCache()

    init(layers: [RuleLayer], groups: [CodeEntry], causes: [CodeEntry], calendar: HolidayCalendar,
         thresholdTables: [ThresholdTable]) {
        self.layers = layers
        self.groups = groups
        self.causes = causes
        self.calendar = calendar
        self.thresholdTables = thresholdTables
        groupIndex = Dictionary(uniqueKeysWithValues: groups.map { ($0.code, $0) })
        causeIndex = Dictionary(uniqueKeysWithValues: causes.map { ($0.code, $0) })
    }

    /// The library from the bundled files only.
    public static func bundled() throws(RuleFileError) -> RuleLibrary {
        try RuleLoader.load(BundledRules.sources)
    }

    /// The bundled files followed by extra files (site files, tests). Later files override:
    /// a rule with the same id, a layer with the same id and start date, a calendar year, a table.
    public static func load(extraSources: [RuleSource]) throws(RuleFileError) -> RuleLibrary {
        try RuleLoader.load(BundledRules.sources + extraSources)
    }

    /// Every rule, in layer order.
    public var allRules: [Rule] { layers.flatMap(\.rules) }

    public func rule(id: String) -> Rule? { allRules.first { $0.id == id } }

    public func layer(key: String) -> RuleLayer? { layers.first { $0.key == key } }

    /// Layers that apply to a receiving centre's region on a date, national first.
    public func layers(region: String, on date: LocalDate) -> [RuleLayer] {
        layers.filter { region.hasPrefix($0.regionPrefix) && $0.effective.contains(date) }
    }

    /// The application review period of a region on a date (the most local `review_deadline`
    /// rule for the application route): days, the longer period for a case marked 重大疑难 where
    /// the province allows one (`majorDays`), and how days are counted.
    public func reviewPeriod(region: String, on date: LocalDate) -> (days: Int, majorDays: Int?, counting: DeadlineCounting, rule: Rule?) {
        let review = layers(region: region, on: date).flatMap(\.rules)
            .last { $0.kind == .reviewDeadline && $0.condition.routes?.contains(.application) != false
                && ($0.effective?.contains(date) ?? true) }
        return (review?.days ?? 7, review?.majorDays, review?.counting ?? .calendar, review)
    }

    /// 异议期限: the province's term for objecting to a refusal (Shanxi Art 29: 十五日), or nil
    /// where the law sets none (法律援助法 Art 49 gives no term).
    public func objectionTerm(region: String, on date: LocalDate) -> Rule? {
        layers(region: region, on: date).flatMap(\.rules)
            .last { $0.kind == .objectionTerm && ($0.effective?.contains(date) ?? true) }
    }

    public func groupLabel(_ code: GroupCode) -> String { groupIndex[code.rawValue]?.label ?? code.rawValue }

    public func causeLabel(_ code: CauseCode) -> String { causeIndex[code.rawValue]?.label ?? code.rawValue }

    public func isKnownGroup(_ code: String) -> Bool { groupIndex[code] != nil }

    public func isDerivedGroup(_ code: String) -> Bool { groupIndex[code]?.derived ?? false }

    public func isKnownCause(_ code: String) -> Bool { causeIndex[code] != nil }

    /// The base value for a hardship standard on a date in a region, or why it is unknown.
    /// The series with the longest matching region prefix apply; when several tables have one
    /// (a bundled table and a site file's, say), their values are read as one list: the latest
    /// `from` on or before the date, and on the same date the table loaded later (the site file).
    public func thresholdBase(base: String, region: String,
                              on date: LocalDate) -> (value: ThresholdTable.Value?, series: String?) {
        var bestLength = -1
        var candidates: [(series: ThresholdTable.Series, sequence: Int)] = []
        for table in thresholdTables where table.base == base {
            for series in table.series {
                guard let prefix = series.regionPrefixes.filter({ region.hasPrefix($0) }).max(by: { $0.count < $1.count })
                else { continue }
                if prefix.count > bestLength { bestLength = prefix.count; candidates = [] }
                if prefix.count == bestLength { candidates.append((series, table.sequence)) }
            }
        }
        guard !candidates.isEmpty else { return (nil, nil) }
        var best: (value: ThresholdTable.Value, series: String, sequence: Int)?
        for candidate in candidates {
            guard let value = candidate.series.values.last(where: { $0.from <= date }) else { continue }
            if best == nil || value.from > best!.value.from
                || (value.from == best!.value.from && candidate.sequence > best!.sequence) {
                best = (value, candidate.series.name, candidate.sequence)
            }
        }
        if let best { return (best.value, best.series) }
        return (nil, candidates.max { $0.sequence < $1.sequence }?.series.name)
    }
}

/// FNV-1a 64-bit: a stable digest for rule-set versions (not for security).
enum FNV {
    static func hash(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// The layer digests of one library, made on first use. `layers` never change after loading, so
/// the first answer stands; the lock makes the first use from two threads safe.
final class LayerDigestCache: @unchecked Sendable {
    private let lock = NSLock()
    private var digests: [String: UInt64]?

    func digests(of layers: [RuleLayer]) -> [String: UInt64] {
        lock.lock()
        defer { lock.unlock() }
        if let digests { return digests }
        let made = Dictionary(uniqueKeysWithValues: layers.map { layer in
            (layer.key, FNV.hash(layer.key + layer.rules.map { "\($0)" }.joined(separator: "\n")))
        })
        digests = made
        return made
    }
}

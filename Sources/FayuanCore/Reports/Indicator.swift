/// The figures a centre is judged by (local-policies.md "Figures the product should compute").
/// Each has one definition, written here and in docs/indicators.md; the screen, the CLI and the
/// exports all read `IndicatorFigures.value(_:)`, so they cannot disagree.
public enum IndicatorID: String, Sendable, Hashable, Codable, CaseIterable {
    case consultations
    case satisfactionRate
    case casesAccepted
    case aidedPersons
    case residentAidRate
    case casesClosed
    case timelyArchiveRate
    case returnVisitRate
    case spotCheckRate
    case averageReviewDays
    case averageAssignmentDays
    case specialGroupCases
    case queueWaitMinutes

    public var label: String {
        switch self {
        case .consultations: return "法律咨询"
        case .satisfactionRate: return "咨询满意率"
        case .casesAccepted: return "受理案件"
        case .aidedPersons: return "受援人数"
        case .residentAidRate: return "常住人口受援率"
        case .casesClosed: return "结案"
        case .timelyArchiveRate: return "及时结案归档率"
        case .returnVisitRate: return "回访率"
        case .spotCheckRate: return "评查抽查率"
        case .averageReviewDays: return "平均审查用时"
        case .averageAssignmentDays: return "平均指派用时"
        case .specialGroupCases: return "特殊群体案件"
        case .queueWaitMinutes: return "平均排队等候"
        }
    }

    /// A short label for narrow layouts (the 80-column dashboard).
    public var shortLabel: String {
        switch self {
        case .consultations: return "咨询"
        case .satisfactionRate: return "满意率"
        case .casesAccepted: return "受理"
        case .aidedPersons: return "受援人数"
        case .residentAidRate: return "受援率"
        case .casesClosed: return "结案"
        case .timelyArchiveRate: return "及时归档"
        case .returnVisitRate: return "回访率"
        case .spotCheckRate: return "抽查率"
        case .averageReviewDays: return "审查用时"
        case .averageAssignmentDays: return "指派用时"
        case .specialGroupCases: return "特殊群体"
        case .queueWaitMinutes: return "排队等候"
        }
    }

    public enum Kind: String, Sendable, Codable { case count, rate, perTenThousand, average }

    public var kind: Kind {
        switch self {
        case .consultations, .casesAccepted, .aidedPersons, .casesClosed, .specialGroupCases: return .count
        case .satisfactionRate, .timelyArchiveRate, .returnVisitRate, .spotCheckRate: return .rate
        case .residentAidRate: return .perTenThousand
        case .averageReviewDays, .averageAssignmentDays, .queueWaitMinutes: return .average
        }
    }

    /// Averages of elapsed time are better when lower; everything else when higher.
    public var higherIsBetter: Bool { kind != .average }

    /// Counts and per-10,000 rates accumulate over the year: their targets are yearly and a part
    /// of the year is judged against its share (pro rata by days).
    public var accumulates: Bool { kind == .count || kind == .perTenThousand }

    public var unit: String {
        switch self {
        case .consultations, .casesAccepted, .casesClosed, .specialGroupCases: return "件"
        case .aidedPersons: return "人"
        case .satisfactionRate, .timelyArchiveRate, .returnVisitRate, .spotCheckRate: return "%"
        case .residentAidRate: return "‱"
        case .averageReviewDays, .averageAssignmentDays: return "日"
        case .queueWaitMinutes: return "分钟"
        }
    }

    /// The definition a centre can check its own figure against (docs/indicators.md repeats it).
    public var definition: String {
        switch self {
        case .consultations:
            return "期间内登记的法律咨询条数（consultation.day 在期间内；窗口、12348 电话、网上、上门都计）。"
        case .satisfactionRate:
            return "期间内有评价的咨询中，评价为“满意”或“基本满意”的比例；未评价的不计入分母。"
        case .casesAccepted:
            return "受理日期（accepted_on）在期间内的法律援助案件数。"
        case .aidedPersons:
            return "决定给予法律援助（decided_on 在期间内，且案件未被不予援助或撤回）的案件的不同受援人数，同一人多件只计一人。"
        case .residentAidRate:
            return "受援人数 ÷ 辖区常住人口 × 10000（全县用县中心登记的常住人口，站点用站点的常住人口）。"
        case .casesClosed:
            return "结案日期（closed_on）在期间内、现处于已结案或已归档的案件数。"
        case .timelyArchiveRate:
            return "期间内结案的案件中，结案后规定日数内归档的比例；未归档且已超过期限的计入分母，未到期限的不计。"
        case .returnVisitRate:
            return "期间内结案的案件中，有结案回访记录（回访阶段为“结案回访”）的比例。"
        case .spotCheckRate:
            return "期间内结案的案件中，有质量评查记录（行政评查、同行评估或抽查）的比例。"
        case .averageReviewDays:
            return "期间内作出给予或不予决定的案件，从申请日到决定日的平均自然日数（法律援助法第四十三条：七日内）。"
        case .averageAssignmentDays:
            return "期间内指派的案件，从决定日到指派日的平均自然日数（法律援助法第四十三条第一款：决定给予之日起三日内指派）。"
        case .specialGroupCases:
            return "期间内结案的特殊群体案件数：申请人按申请日属于八类特殊群体之一（农民工、农民、残疾人、老年人（60周岁以上）、未成年人、妇女、困难职工、军人军属；按群体、申请日年龄、性别由同一规则推定）。"
        case .queueWaitMinutes:
            return "期间内叫过号的排队号，从取号到第一次叫号的平均分钟数；从未叫号的不计。"
        }
    }
}

/// An indicator's value with its parts, so a report shows "12/15（80.0%）" and a centre can redo it.
public enum IndicatorValue: Sendable, Hashable {
    case count(Int)
    case rate(CaseFigures.Rate)
    /// persons ÷ population × 10,000; population nil or 0 means unknown.
    case perTenThousand(persons: Int, population: Int?)
    /// total ÷ count, in the indicator's unit (days, minutes).
    case average(total: Double, count: Int)

    /// The number charts and targets compare: a count, a percentage, a ‱ rate, an average.
    public var number: Double? {
        switch self {
        case .count(let n): return Double(n)
        case .rate(let r): return r.perMille.map { Double($0) / 10 }
        case .perTenThousand(let persons, let population):
            guard let population, population > 0 else { return nil }
            return Double(persons) * 10_000 / Double(population)
        case .average(let total, let count): return count == 0 ? nil : total / Double(count)
        }
    }

    /// The figure alone: "1234", "95.2%", "13.05‱", "4.3日".
    public func short(_ unit: String) -> String {
        switch self {
        case .count(let n): return String(n)
        case .rate(let r): return r.perMille.map { "\($0 / 10).\($0 % 10)%" } ?? "—"
        case .perTenThousand: return number.map { Self.fixed($0, 2) + "‱" } ?? "—"
        case .average: return number.map { Self.fixed($0, 1) + unit } ?? "—"
        }
    }

    /// The figure with its parts: "1234件", "1180/1240（95.2%）", "624人 ÷ 478000 × 10000 = 13.05‱".
    public func detailed(_ unit: String) -> String {
        switch self {
        case .count(let n): return "\(n)\(unit)"
        case .rate(let r): return r.perMille == nil ? "—（无数据）" : r.text
        case .perTenThousand(let persons, let population):
            guard let population, population > 0 else { return "\(persons)人（缺常住人口数）" }
            return "\(persons)人 ÷ \(population) × 10000 = \(short(unit))"
        case .average(let total, let count):
            return count == 0 ? "—（无数据）" : "\(Self.fixed(total, 0))\(unit) ÷ \(count) = \(short(unit))"
        }
    }

    /// Fixed-point text without Foundation: rounded half away from zero.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let frac = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let f = String(frac)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
    }
}

/// The raw counts behind every indicator for one period and one scope (a station or the county).
/// The store fills it with range queries; `value(_:)` turns it into indicators.
public struct IndicatorFigures: Sendable, Hashable, Codable {
    public var period: ReportPeriod
    /// Station code, or nil for the whole county.
    public var stationCode: String?
    public var population: Int?
    public var archiveLimitDays: Int

    public var consultations = 0
    public var consultationsRated = 0
    public var consultationsSatisfied = 0
    public var casesAccepted = 0
    public var aidedPersons = 0
    public var casesClosed = 0
    public var archiveDue = 0
    public var archivedInTime = 0
    public var returnVisited = 0
    public var spotChecked = 0
    public var reviewDays = 0
    public var reviewed = 0
    public var assignmentDays = 0
    public var assigned = 0
    public var specialGroupCases = 0
    public var queueCalled = 0
    public var queueWaitSeconds = 0.0
    /// Cases accepted in the period by cause code, and by applicant group code.
    public var acceptedByCause: [String: Int] = [:]
    public var acceptedByGroup: [String: Int] = [:]

    public init(period: ReportPeriod, stationCode: String?, population: Int?, archiveLimitDays: Int) {
        self.period = period
        self.stationCode = stationCode
        self.population = population
        self.archiveLimitDays = archiveLimitDays
    }

    public func value(_ id: IndicatorID) -> IndicatorValue {
        switch id {
        case .consultations: return .count(consultations)
        case .satisfactionRate: return .rate(.init(numerator: consultationsSatisfied, denominator: consultationsRated))
        case .casesAccepted: return .count(casesAccepted)
        case .aidedPersons: return .count(aidedPersons)
        case .residentAidRate: return .perTenThousand(persons: aidedPersons, population: population)
        case .casesClosed: return .count(casesClosed)
        case .timelyArchiveRate: return .rate(.init(numerator: archivedInTime, denominator: archiveDue))
        case .returnVisitRate: return .rate(.init(numerator: returnVisited, denominator: casesClosed))
        case .spotCheckRate: return .rate(.init(numerator: spotChecked, denominator: casesClosed))
        case .averageReviewDays: return .average(total: Double(reviewDays), count: reviewed)
        case .averageAssignmentDays: return .average(total: Double(assignmentDays), count: assigned)
        case .specialGroupCases: return .count(specialGroupCases)
        case .queueWaitMinutes: return .average(total: queueWaitSeconds / 60, count: queueCalled)
        }
    }
}

/// How often a station is staffed (值班频次).
public enum DutyFrequency: Sendable, Hashable, CustomStringConvertible {
    /// Every working day (the county centre).
    case everyWorkingDay
    /// N duties per calendar week (Monday to Sunday); a week belongs to the month its station's
    /// preferred weekday falls in, so a week is never counted in two months.
    case weekly(Int)
    /// N duties per month (remote, sparse stations: at least once a month).
    case monthly(Int)

    public var description: String {
        switch self {
        case .everyWorkingDay: return "每个工作日"
        case .weekly(let n): return n == 1 ? "每周一次" : "每周\(n)次"
        case .monthly(let n): return n == 1 ? "每月一次" : "每月\(n)次"
        }
    }
}

/// Whether a station is the county centre or a township station: rates and hours differ.
public enum DutyStationKind: String, Sendable, Hashable, Codable {
    case centre, township

    public var label: String { self == .centre ? "县中心" : "乡镇工作站" }
}

/// The default duty of one kind of station: hours, frequency, people per duty, rate.
public struct DutyStandard: Sendable, Hashable {
    public var frequency: DutyFrequency
    /// Minimum length of one duty in minutes (8 h at the centre, 4 h at townships).
    public var minimumMinutes: Int
    public var startsAt: ClockTime
    public var endsAt: ClockTime
    /// People on duty at the same time.
    public var people: Int
    /// Subsidy for one duty (per person per day at the centre, per duty at townships), in fen.
    public var rateFen: Int
    /// Deducted for each roll-call spot check that found the person away without reason, in fen.
    public var spotCheckAbsentFen: Int

    public init(frequency: DutyFrequency, minimumMinutes: Int, startsAt: ClockTime, endsAt: ClockTime,
                people: Int, rateFen: Int, spotCheckAbsentFen: Int) {
        self.frequency = frequency; self.minimumMinutes = minimumMinutes; self.startsAt = startsAt
        self.endsAt = endsAt; self.people = people; self.rateFen = rateFen; self.spotCheckAbsentFen = spotCheckAbsentFen
    }
}

/// A county's duty programme as data (泽州县 2022 is the model): who may serve, who is paid,
/// how often stations are staffed, rates and every deduction. Loaded from rules/roster/*.yaml
/// and site files, so another county changes it without a rebuild.
public struct RosterPolicy: Sendable, Hashable {
    public var id: String
    /// GB/T 2260 prefix the policy applies to ("140525").
    public var regionPrefix: String
    /// The document the figures come from, shown in every explanation.
    public var source: String
    public var centre: DutyStandard
    public var township: DutyStandard
    /// Per-station frequency by station code (remote stations monthly, busy ones twice a week).
    public var stationFrequencies: [String: DutyFrequency]
    /// Provider kinds that may be on duty, and those that are paid for it (公职律师 serve unpaid).
    public var eligibleKinds: Set<String>
    public var subsidisedKinds: Set<String>
    /// Deductions in fen.
    public var recordIssueFen: Int
    public var lateOrEarlyFen: Int
    public var dissatisfiedFen: Int
    public var complaintFen: Int
    /// This many spot-check absences in a month (or more) forfeit the whole month.
    public var forfeitAbsences: Int
    /// Minutes after the start (or before the end) still counted as on time.
    public var graceMinutes: Int
    /// The special-group case subsidy per qualifying closed case, in fen.
    public var caseSubsidyFen: Int
    /// Months of history the planner looks back over to spread duties evenly.
    public var lookBackMonths: Int

    public init(id: String, regionPrefix: String, source: String, centre: DutyStandard, township: DutyStandard,
                stationFrequencies: [String: DutyFrequency] = [:], eligibleKinds: Set<String>,
                subsidisedKinds: Set<String>, recordIssueFen: Int, lateOrEarlyFen: Int, dissatisfiedFen: Int,
                complaintFen: Int, forfeitAbsences: Int, graceMinutes: Int = 0, caseSubsidyFen: Int,
                lookBackMonths: Int = 3) {
        self.id = id; self.regionPrefix = regionPrefix; self.source = source; self.centre = centre
        self.township = township; self.stationFrequencies = stationFrequencies; self.eligibleKinds = eligibleKinds
        self.subsidisedKinds = subsidisedKinds; self.recordIssueFen = recordIssueFen
        self.lateOrEarlyFen = lateOrEarlyFen; self.dissatisfiedFen = dissatisfiedFen; self.complaintFen = complaintFen
        self.forfeitAbsences = forfeitAbsences; self.graceMinutes = graceMinutes
        self.caseSubsidyFen = caseSubsidyFen; self.lookBackMonths = lookBackMonths
    }

    public func standard(_ kind: DutyStationKind) -> DutyStandard { kind == .centre ? centre : township }

    /// The frequency of one station: its own entry, else its kind's default.
    public func frequency(stationCode: String, kind: DutyStationKind) -> DutyFrequency {
        stationFrequencies[stationCode] ?? standard(kind).frequency
    }

    /// Chinese labels of provider kinds (the stored codes), for explanations.
    public static let kindLabels: [String: String] = [
        "lawyer": "律师", "grassroots_worker": "基层法律服务工作者", "retired_official": "退休政法干警",
        "law_teacher": "法学教师", "volunteer": "志愿者", "public_lawyer": "公职律师",
    ]
}

/// A time of day, minutes since midnight ("08:30").
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        minutes = h * 60 + m
    }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
}

/// Amounts are kept in fen (分); shown as yuan.
public enum Money {
    public static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "−" : ""
        let a = abs(fen)
        return a % 100 == 0 ? "\(sign)\(a / 100)" : "\(sign)\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
    }
}

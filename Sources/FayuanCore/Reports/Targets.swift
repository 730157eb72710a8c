/// A year's targets for a region, read from data (rules/targets/*.yaml): yearly counts for the
/// county and per station, and rates that apply everywhere. Missing means "no target".
public struct TargetTable: Sendable, Hashable {
    public var id: String
    public var regionPrefix: String
    public var year: Int
    public var source: String
    /// 及时结案归档: days after closing within which the file must be archived.
    public var archiveLimitDays: Int
    /// Targets for every scope (rates such as 95% satisfaction).
    public var common: [IndicatorID: Double]
    /// Targets for the whole county (e.g. 4400 consultations, 135 special-group cases).
    public var county: [IndicatorID: Double]
    /// Targets per station code (the allocation table: 760, 240, 220 …).
    public var stations: [String: [IndicatorID: Double]]

    public init(id: String, regionPrefix: String, year: Int, source: String, archiveLimitDays: Int,
                common: [IndicatorID: Double], county: [IndicatorID: Double], stations: [String: [IndicatorID: Double]]) {
        self.id = id; self.regionPrefix = regionPrefix; self.year = year; self.source = source
        self.archiveLimitDays = archiveLimitDays; self.common = common; self.county = county; self.stations = stations
    }

    /// The target of one indicator for a station (nil: the county), station entries first.
    public func target(_ id: IndicatorID, station code: String?) -> Double? {
        if let code { return stations[code]?[id] ?? common[id] }
        return county[id] ?? common[id]
    }
}

/// Where a figure stands against its target.
public enum TargetStatus: String, Sendable, Hashable, Codable {
    /// The whole target is reached.
    case met
    /// At or above the share expected by this date.
    case onTrack
    /// Below the share expected by this date (or a rate below its floor).
    case behind
    /// No target, or no figure to judge.
    case none

    /// A word as well as a colour: meaning never by colour alone.
    public var label: String {
        switch self {
        case .met: return "已完成"
        case .onTrack: return "进度正常"
        case .behind: return "落后"
        case .none: return "—"
        }
    }

    public var mark: String {
        switch self {
        case .met: return "✓"
        case .onTrack: return "○"
        case .behind: return "▼"
        case .none: return " "
        }
    }
}

/// One indicator against its target for a period, with the pace needed for the rest of the year.
public struct TargetProgress: Sendable, Hashable {
    public var indicator: IndicatorID
    public var value: IndicatorValue
    /// The yearly target (counts, ‱) or the floor/ceiling (rates, averages); nil without one.
    public var target: Double?
    /// For accumulating indicators: the share of the yearly target due by the end of the
    /// elapsed part of the period (pro rata by days).
    public var expected: Double?
    public var status: TargetStatus
    /// For accumulating indicators over a year: what is still to do and how much a month.
    public var pace: Pace?

    /// How far the figure is towards the target (0…∞); nil without target or figure.
    public var fraction: Double? {
        guard let target, target > 0, let v = value.number else { return nil }
        return indicator.higherIsBetter ? v / target : (v == 0 ? 1 : target / v)
    }
}

/// What is still to do for a yearly target, and the monthly rate that would reach it.
public struct Pace: Sendable, Hashable, Codable {
    public var target: Double
    public var done: Double
    public var remaining: Double
    /// Days left in the year after `asOf`.
    public var daysLeft: Int
    /// Months left in the year, counting the rest of the current month as a fraction.
    public var monthsLeft: Double
    /// Needed per remaining month (rounded up); nil when done or no time is left.
    public var perMonth: Int?

    /// `done` by the end of `asOf` against a yearly `target` for `asOf`'s year.
    public static func compute(target: Double, done: Double, asOf: LocalDate) -> Pace {
        let last = LocalDate(year: asOf.year, month: 12, day: 31)!
        let daysLeft = max(0, asOf.days(to: last))
        let remaining = max(0, target - done)
        let monthsLeft = Double(daysLeft) * 12 / Double(asOf.daysInYear)
        let perMonth: Int? = remaining > 0 && monthsLeft > 0 ? Int((remaining / max(monthsLeft, 1.0 / 31)).rounded(.up)) : nil
        return Pace(target: target, done: done, remaining: remaining, daysLeft: daysLeft, monthsLeft: monthsLeft, perMonth: perMonth)
    }

    /// "还需 2210 件，余 6.8 个月，每月需 326 件" / "已完成".
    public func text(_ unit: String) -> String {
        guard remaining > 0 else { return "全年目标已完成" }
        guard let perMonth else { return "还差 \(IndicatorValue.fixed(remaining, 0))\(unit)，本年已结束" }
        return "还需 \(IndicatorValue.fixed(remaining, unit == "‱" ? 2 : 0))\(unit)，余 \(IndicatorValue.fixed(monthsLeft, 1)) 个月，每月需 \(perMonth)\(unit)"
    }
}

extension TargetProgress {
    /// Judges `value` for `period` (its part up to `asOf`) against `table`'s target for `station`.
    /// Counts are judged against the share of the yearly target due by then; a period outside
    /// the table's year still uses the yearly figure pro rata.
    public static func evaluate(_ id: IndicatorID, value: IndicatorValue, period: ReportPeriod, asOf: LocalDate,
                                table: TargetTable?, station: String?) -> TargetProgress {
        let target = table?.target(id, station: station)
        guard let target, let v = value.number else {
            return TargetProgress(indicator: id, value: value, target: target, expected: nil, status: .none, pace: nil)
        }
        guard id.accumulates else {
            let ok = id.higherIsBetter ? v >= target : v <= target
            return TargetProgress(indicator: id, value: value, target: target, expected: nil, status: ok ? .met : .behind, pace: nil)
        }
        guard let elapsed = period.elapsed(asOf: asOf) else {
            return TargetProgress(indicator: id, value: value, target: target, expected: 0, status: .none, pace: nil)
        }
        // A year's target spread evenly over its days; the elapsed days of the period are due.
        let expected = target * Double(elapsed.days) / Double(period.from.daysInYear)
        let share = period.kind == .year ? target : target * Double(period.days) / Double(period.from.daysInYear)
        let status: TargetStatus = v >= share ? .met : (v >= expected ? .onTrack : .behind)
        let pace = period.kind == .year && asOf <= period.to ? Pace.compute(target: target, done: v, asOf: asOf) : nil
        return TargetProgress(indicator: id, value: value, target: period.kind == .year ? target : share,
                              expected: expected, status: status, pace: pace)
    }
}

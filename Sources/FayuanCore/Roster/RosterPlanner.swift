/// A station as the planner sees it.
public struct RosterStation: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: DutyStationKind
    /// Position in the county list: spreads township duties over the weekdays.
    public var index: Int

    public init(id: Int64, code: String, name: String, kind: DutyStationKind, index: Int) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.index = index
    }

    /// The name without the long suffix, for grids and reasons ("巴公镇").
    public var shortName: String {
        for suffix in ["公共法律服务工作站", "公共法律服务中心"] where name.hasSuffix(suffix) {
            let short = String(name.dropLast(suffix.count))
            return kind == .centre ? "县中心" : short
        }
        return name
    }
}

/// A period of leave, both days inclusive.
public struct LeavePeriod: Sendable, Hashable {
    public var from: LocalDate
    public var to: LocalDate
    public var reason: String

    public init(from: LocalDate, to: LocalDate, reason: String = "") {
        self.from = from; self.to = to; self.reason = reason
    }

    public func contains(_ day: LocalDate) -> Bool { from <= day && day <= to }
}

/// A duty provider as the planner sees them.
public struct RosterProvider: Sendable, Hashable {
    public var id: Int64
    public var name: String
    /// Stored provider kind code ("lawyer", "public_lawyer"…).
    public var kind: String
    /// Stations this person serves at (their home station and any extra ones).
    public var stationIDs: Set<Int64>
    /// Weekdays they cannot serve.
    public var unavailableWeekdays: Set<Weekday>
    public var leave: [LeavePeriod]
    /// Duties served in the look-back window before the month (fairness).
    public var recentDuties: Int
    public var specialties: [String]
    public var active: Bool

    public init(id: Int64, name: String, kind: String, stationIDs: Set<Int64>, unavailableWeekdays: Set<Weekday> = [],
                leave: [LeavePeriod] = [], recentDuties: Int = 0, specialties: [String] = [], active: Bool = true) {
        self.id = id; self.name = name; self.kind = kind; self.stationIDs = stationIDs
        self.unavailableWeekdays = unavailableWeekdays; self.leave = leave; self.recentDuties = recentDuties
        self.specialties = specialties; self.active = active
    }

    public func leave(on day: LocalDate) -> LeavePeriod? { leave.first { $0.contains(day) } }
}

/// One planned duty with the planner's reasons (Chinese), why this day and why this person.
public struct PlannedDuty: Sendable, Hashable {
    public var stationID: Int64
    public var providerID: Int64
    public var day: LocalDate
    public var startsAt: ClockTime
    public var endsAt: ClockTime
    public var reason: String

    public init(stationID: Int64, providerID: Int64, day: LocalDate, startsAt: ClockTime, endsAt: ClockTime,
                reason: String = "") {
        self.stationID = stationID; self.providerID = providerID; self.day = day; self.startsAt = startsAt
        self.endsAt = endsAt; self.reason = reason
    }
}

/// A duty the planner could not staff, and why.
public struct UnfilledDuty: Sendable, Hashable {
    public var stationID: Int64
    public var day: LocalDate
    public var reason: String
}

public struct RosterPlan: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var duties: [PlannedDuty]
    public var unfilled: [UnfilledDuty]
}

/// A month outside the holiday tables, or another reason the month cannot be planned.
public struct RosterPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Plans a month's duties. Pure and deterministic: the same inputs give the same roster.
///
/// Days: the centre every working day (calendar with 调休); a weekly station on its preferred
/// weekday (spread by station position) or the nearest working day of that week; a monthly
/// station on evenly spaced working days. People: among those who serve at the station, are
/// eligible, not on leave, available that weekday and not already on duty that day, the one with
/// the fewest duties (look-back window plus this month so far), then by id.
public enum RosterPlanner {
    public static func plan(year: Int, month: Int, stations: [RosterStation], providers: [RosterProvider],
                            calendar: HolidayCalendar, policy: RosterPolicy) throws(RosterPlanError) -> RosterPlan {
        guard (1...12).contains(month), let first = LocalDate(year: year, month: month, day: 1) else {
            throw RosterPlanError("月份无效：\(year)-\(month)")
        }
        let length = LocalDate.daysIn(month: month, year: year)
        let days = (0..<length).map { first.adding(days: $0) }
        var working: [LocalDate] = []
        for day in days {
            do {
                if try calendar.isWorkingDay(day) { working.append(day) }
            } catch {
                throw RosterPlanError("节假日表未包含 \(year) 年，无法排班（已有：\(calendar.coveredYears.map(String.init).joined(separator: "、"))）")
            }
        }
        let workingSet = Set(working)

        // 1. Which days each station is staffed, with the reason for the day.
        var slots: [(station: RosterStation, day: LocalDate, why: String)] = []
        for station in stations {
            let frequency = policy.frequency(stationCode: station.code, kind: station.kind)
            for (day, why) in dutyDays(station: station, frequency: frequency, days: days, working: working,
                                       workingSet: workingSet, calendar: calendar) {
                slots.append((station, day, why))
            }
        }
        slots.sort { ($0.day, $0.station.kind == .centre ? 0 : 1, $0.station.index) < ($1.day, $1.station.kind == .centre ? 0 : 1, $1.station.index) }

        // 2. Who, fairly.
        var load: [Int64: Int] = [:]
        var busy: [LocalDate: Set<Int64>] = [:]
        var duties: [PlannedDuty] = []
        var unfilled: [UnfilledDuty] = []
        for slot in slots {
            let standard = policy.standard(slot.station.kind)
            for seat in 0..<max(1, standard.people) {
                var excluded: [String: Int] = [:]
                var candidates: [RosterProvider] = []
                for p in providers where p.stationIDs.contains(slot.station.id) {
                    if let problem = unfitness(p, day: slot.day, policy: policy, busy: busy[slot.day] ?? []) {
                        excluded[problem.word, default: 0] += 1
                    } else {
                        candidates.append(p)
                    }
                }
                let ranked = candidates.sorted {
                    ($0.recentDuties + load[$0.id, default: 0], load[$0.id, default: 0], $0.id)
                        < ($1.recentDuties + load[$1.id, default: 0], load[$1.id, default: 0], $1.id)
                }
                guard let chosen = ranked.first else {
                    let why = excluded.isEmpty ? "本站没有登记值班人员"
                        : "无可排人员：" + excluded.sorted { $0.key < $1.key }.map { "\($0.value)人\($0.key)" }.joined(separator: "，")
                    unfilled.append(UnfilledDuty(stationID: slot.station.id, day: slot.day,
                                                 reason: seat == 0 ? why : "第\(seat + 1)人：" + why))
                    continue
                }
                let total = chosen.recentDuties + load[chosen.id, default: 0]
                var reason = slot.why + "；" + chosen.name + "：本站可排\(candidates.count)人中累计值班最少（近\(policy.lookBackMonths)个月\(chosen.recentDuties)次，本月已排\(load[chosen.id, default: 0])次）"
                if let runnerUp = ranked.dropFirst().first {
                    let other = runnerUp.recentDuties + load[runnerUp.id, default: 0]
                    reason += other == total ? "，与\(runnerUp.name)相同时按登记先后" : ""
                }
                let skipped = excluded.sorted { $0.key < $1.key }.map { "\($0.value)人\($0.key)" }
                if !skipped.isEmpty { reason += "；未排：" + skipped.joined(separator: "，") }
                duties.append(PlannedDuty(stationID: slot.station.id, providerID: chosen.id, day: slot.day,
                                          startsAt: standard.startsAt, endsAt: standard.endsAt, reason: reason))
                load[chosen.id, default: 0] += 1
                busy[slot.day, default: []].insert(chosen.id)
            }
        }
        return RosterPlan(year: year, month: month, duties: duties, unfilled: unfilled)
    }

    /// Why a person cannot take a duty on a day (nil when they can).
    static func unfitness(_ p: RosterProvider, day: LocalDate, policy: RosterPolicy,
                          busy: Set<Int64>) -> RosterViolation.Kind? {
        if !p.active { return .inactive }
        if !policy.eligibleKinds.contains(p.kind) { return .notEligible }
        if p.leave(on: day) != nil { return .onLeave }
        if p.unavailableWeekdays.contains(day.weekday) { return .unavailable }
        if busy.contains(p.id) { return .twiceOnDay }
        return nil
    }

    static func dutyDays(station: RosterStation, frequency: DutyFrequency, days: [LocalDate], working: [LocalDate],
                         workingSet: Set<LocalDate>, calendar: HolidayCalendar) -> [(LocalDate, String)] {
        func note(_ day: LocalDate) -> String {
            (try? calendar.isWorkingDay(day)) == true && day.weekday.isWeekend ? "（\(day.iso)为调休上班日）" : ""
        }
        switch frequency {
        case .everyWorkingDay:
            return working.map { ($0, "县中心每个工作日值班" + note($0)) }
        case .weekly(let n):
            // Preferred weekdays: spread stations over Monday–Friday by their position.
            let preferred = (0..<max(1, n)).map { (station.index + $0 * 2) % 5 }   // 0 = Monday
            guard let first = days.first, let last = days.last else { return [] }
            let mondayOffset = first.weekday.rawValue - 1   // Monday is 1
            var monday = first.adding(days: -mondayOffset)
            var result: [(LocalDate, String)] = []
            while monday <= last {
                let week = (0..<7).map { monday.adding(days: $0) }
                var taken = Set<LocalDate>()
                for want in preferred {
                    let wanted = week[want]
                    guard wanted >= first && wanted <= last else { continue }   // the week belongs to the other month
                    // The preferred day if it is a working day, else the nearest working day of the same week.
                    let choices = week.filter { workingSet.contains($0) && !taken.contains($0) }
                        .sorted { (abs($0.dayNumber - wanted.dayNumber), $0) < (abs($1.dayNumber - wanted.dayNumber), $1) }
                    guard let day = choices.first else { continue }
                    taken.insert(day)
                    let why = day == wanted ? "\(frequency)，本站固定\(wanted.weekday.label)" + note(day)
                        : "\(frequency)，本站固定\(wanted.weekday.label)，\(wanted.iso)不是工作日，改在本周\(day.weekday.label)" + note(day)
                    result.append((day, why))
                }
                monday = monday.adding(days: 7)
            }
            return result.sorted { $0.0 < $1.0 }
        case .monthly(let n):
            guard !working.isEmpty else { return [] }
            let count = min(max(1, n), working.count)
            var result: [(LocalDate, String)] = []
            for k in 0..<count {
                // Evenly spaced, shifted by the station's position so remote stations do not all share a day.
                let segment = max(1, working.count / count)
                let index = min(working.count - 1, k * segment + station.index % segment)
                let day = working[index]
                if !result.contains(where: { $0.0 == day }) {
                    result.append((day, "\(frequency)（偏远站点，每月至少一次）" + note(day)))
                }
            }
            return result
        }
    }
}

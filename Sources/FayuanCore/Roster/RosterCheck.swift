/// A broken roster constraint, named by a mark and a word (never by colour alone).
public struct RosterViolation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case twiceOnDay, onLeave, unavailable, notEligible, inactive, notAtStation, notWorkingDay, tooShort, uncovered

        /// The word shown in grids ("✗ 同日两班").
        public var word: String {
            switch self {
            case .twiceOnDay: return "同日两班"
            case .onLeave: return "请假"
            case .unavailable: return "当日不可值班"
            case .notEligible: return "无值班资格"
            case .inactive: return "已停用"
            case .notAtStation: return "非本站人员"
            case .notWorkingDay: return "非工作日"
            case .tooShort: return "时长不足"
            case .uncovered: return "缺班"
            }
        }

        /// One-cell mark for the grid.
        public var mark: String { self == .uncovered ? "!" : "✗" }
    }

    public var kind: Kind
    public var stationID: Int64
    public var day: LocalDate
    public var providerID: Int64?
    /// Chinese, naming the person, day and rule.
    public var message: String

    public var description: String { "\(kind.mark) \(kind.word)：\(message)" }
}

/// What the checks need to know besides the duties.
public struct RosterContext: Sendable {
    public var stations: [RosterStation]
    public var providers: [RosterProvider]
    public var calendar: HolidayCalendar
    public var policy: RosterPolicy
    let stationIndex: [Int64: RosterStation]
    let providerIndex: [Int64: RosterProvider]

    public init(stations: [RosterStation], providers: [RosterProvider], calendar: HolidayCalendar, policy: RosterPolicy) {
        self.stations = stations; self.providers = providers; self.calendar = calendar; self.policy = policy
        stationIndex = Dictionary(stations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        providerIndex = Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func station(_ id: Int64) -> RosterStation? { stationIndex[id] }
    public func provider(_ id: Int64) -> RosterProvider? { providerIndex[id] }
    func name(_ id: Int64) -> String { providerIndex[id]?.name ?? "#\(id)" }
    func stationName(_ id: Int64) -> String { stationIndex[id]?.shortName ?? "#\(id)" }
}

/// Every roster constraint, checked on a whole month or on one edit.
public enum RosterCheck {
    /// The problems of each duty, in duty order.
    public static func dutyViolations(_ duties: [PlannedDuty], context: RosterContext) -> [RosterViolation] {
        var result: [RosterViolation] = []
        var byPersonDay: [String: [PlannedDuty]] = [:]
        for d in duties { byPersonDay["\(d.providerID)|\(d.day.iso)", default: []].append(d) }
        for d in duties {
            let who = context.name(d.providerID)
            func add(_ kind: RosterViolation.Kind, _ text: String) {
                result.append(RosterViolation(kind: kind, stationID: d.stationID, day: d.day, providerID: d.providerID,
                                              message: text))
            }
            let same = byPersonDay["\(d.providerID)|\(d.day.iso)"] ?? []
            if same.count > 1 {
                let others = same.filter { $0 != d }.map { context.stationName($0.stationID) }
                add(.twiceOnDay, "\(who) \(d.day.iso) 已在\(others.joined(separator: "、"))值班，同一人一天只能值一班")
            }
            if let p = context.provider(d.providerID) {
                if !p.active { add(.inactive, "\(who)已停用，不能排班") }
                if !context.policy.eligibleKinds.contains(p.kind) {
                    add(.notEligible, "\(who)（\(RosterPolicy.kindLabels[p.kind] ?? p.kind)）不在可值班人员范围内（\(context.policy.source)）")
                }
                if let leave = p.leave(on: d.day) {
                    add(.onLeave, "\(who) \(leave.from.iso) 至 \(leave.to.iso) 请假" + (leave.reason.isEmpty ? "" : "（\(leave.reason)）"))
                }
                if p.unavailableWeekdays.contains(d.day.weekday) { add(.unavailable, "\(who)登记为\(d.day.weekday.label)不能值班") }
                if !p.stationIDs.contains(d.stationID) {
                    add(.notAtStation, "\(who)不是\(context.stationName(d.stationID))的值班人员")
                }
            } else {
                add(.inactive, "值班人员 #\(d.providerID) 不存在")
            }
            if let working = try? context.calendar.isWorkingDay(d.day), !working {
                add(.notWorkingDay, "\(d.day.iso)（\(d.day.weekday.label)）不是工作日")
            }
            if let station = context.station(d.stationID) {
                let minimum = context.policy.standard(station.kind).minimumMinutes
                let length = d.endsAt.minutes - d.startsAt.minutes
                if length < minimum {
                    add(.tooShort, "\(d.startsAt)–\(d.endsAt) 共\(hours(length))，\(station.kind.label)每次值班不少于\(hours(minimum))")
                }
            }
        }
        return result
    }

    /// Stations not staffed as often as their frequency asks (the centre on a working day with
    /// nobody, a weekly station with a week without duty, a monthly one with no duty).
    public static func coverageViolations(_ duties: [PlannedDuty], year: Int, month: Int,
                                          context: RosterContext) -> [RosterViolation] {
        guard let expected = try? RosterPlanner.plan(year: year, month: month, stations: context.stations,
                                                     providers: [], calendar: context.calendar, policy: context.policy)
        else { return [] }
        // With no providers every expected duty comes back unfilled: that is the list of slots.
        var result: [RosterViolation] = []
        var staffed: [Int64: [LocalDate]] = [:]
        for d in duties { staffed[d.stationID, default: []].append(d.day) }
        for slot in expected.unfilled where !slot.reason.hasPrefix("第") {
            guard let station = context.station(slot.stationID) else { continue }
            let frequency = context.policy.frequency(stationCode: station.code, kind: station.kind)
            let days = staffed[station.id] ?? []
            let covered: Bool
            switch frequency {
            case .everyWorkingDay: covered = days.contains(slot.day)
            case .weekly:
                let monday = slot.day.adding(days: -(slot.day.weekday.rawValue - 1))
                covered = days.contains { $0 >= monday && $0 < monday.adding(days: 7) }
            case .monthly: covered = !days.isEmpty
            }
            if !covered {
                result.append(RosterViolation(kind: .uncovered, stationID: station.id, day: slot.day, providerID: nil,
                                              message: "\(station.shortName) \(slot.day.iso) 所在\(frequency == .everyWorkingDay ? "工作日" : "周期")无人值班（\(frequency)）"))
            }
        }
        return result
    }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60)小时" : "\(minutes / 60)小时\(minutes % 60)分"
    }
}

/// An edit the checks refused, with every constraint it would break.
public struct RosterEditRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public let violations: [RosterViolation]
    public var description: String {
        "不能这样改：" + violations.map { "\($0.kind.mark) \($0.kind.word)（\($0.message)）" }.joined(separator: "；")
    }
}

/// Manual edits and swaps: every constraint is re-checked and an edit that breaks one is refused,
/// naming it. Problems the roster already had before the edit do not block it.
public enum RosterEditor {
    /// Exchanges the people of two duties.
    public static func swap(_ duties: [PlannedDuty], _ a: Int, _ b: Int,
                            context: RosterContext) -> Result<[PlannedDuty], RosterEditRefused> {
        guard duties.indices.contains(a), duties.indices.contains(b), a != b else {
            return .failure(RosterEditRefused(violations: []))
        }
        var edited = duties
        edited[a].providerID = duties[b].providerID
        edited[b].providerID = duties[a].providerID
        edited[a].reason = "人工对调：原为\(context.name(duties[a].providerID))，与 \(duties[b].day.iso) \(context.stationName(duties[b].stationID)) 对调"
        edited[b].reason = "人工对调：原为\(context.name(duties[b].providerID))，与 \(duties[a].day.iso) \(context.stationName(duties[a].stationID)) 对调"
        return accept(before: duties, after: edited, context: context)
    }

    /// Gives a duty to someone else.
    public static func reassign(_ duties: [PlannedDuty], _ index: Int, to providerID: Int64,
                                context: RosterContext) -> Result<[PlannedDuty], RosterEditRefused> {
        guard duties.indices.contains(index) else { return .failure(RosterEditRefused(violations: [])) }
        var edited = duties
        edited[index].providerID = providerID
        edited[index].reason = "人工调整：原为\(context.name(duties[index].providerID))"
        return accept(before: duties, after: edited, context: context)
    }

    /// Moves a duty to another day (same station and person).
    public static func move(_ duties: [PlannedDuty], _ index: Int, to day: LocalDate,
                            context: RosterContext) -> Result<[PlannedDuty], RosterEditRefused> {
        guard duties.indices.contains(index) else { return .failure(RosterEditRefused(violations: [])) }
        var edited = duties
        edited[index].day = day
        edited[index].reason = "人工调整：原定 \(duties[index].day.iso)"
        return accept(before: duties, after: edited, context: context)
    }

    /// Adds a duty.
    public static func add(_ duties: [PlannedDuty], _ duty: PlannedDuty,
                           context: RosterContext) -> Result<[PlannedDuty], RosterEditRefused> {
        accept(before: duties, after: duties + [duty], context: context)
    }

    static func accept(before: [PlannedDuty], after: [PlannedDuty],
                       context: RosterContext) -> Result<[PlannedDuty], RosterEditRefused> {
        func key(_ v: RosterViolation) -> String { "\(v.kind)|\(v.stationID)|\(v.day.iso)|\(v.providerID ?? 0)" }
        let old = Set(RosterCheck.dutyViolations(before, context: context).map(key))
        var seen = Set<String>()
        let new = RosterCheck.dutyViolations(after, context: context).filter { !old.contains(key($0)) && seen.insert(key($0)).inserted }
        return new.isEmpty ? .success(after) : .failure(RosterEditRefused(violations: new))
    }
}

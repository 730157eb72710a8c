import Foundation

/// 转交单 (hand-over): one application moved between two bodies — a station and its centre, two
/// centres, a custody facility and the centre — with the clock its kind implies, the 首问 owner
/// until the receiver accepts, the materials line by line and the receiver's outcome. Pure types
/// and rules; the store keeps the records and the events (round2-capabilities.md §4).

/// A local wall-clock time to the minute ("2026-02-12T09:30"). Hand-over times are the centre's
/// local time: the 24-hour rule of Art 39 is counted on the clock, not in days.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    /// Minutes since midnight, 0..<1440.
    public let minuteOfDay: Int

    public init(date: LocalDate, minuteOfDay: Int) {
        let total = date.dayNumber * 1440 + minuteOfDay
        self.date = LocalDate(dayNumber: Self.floorDiv(total, 1440))
        self.minuteOfDay = total - Self.floorDiv(total, 1440) * 1440
    }

    public init?(date: LocalDate, hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.init(date: date, minuteOfDay: hour * 60 + minute)
    }

    /// "2026-02-12T09:30", "2026-02-12 09:30" (seconds, if any, are ignored).
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count >= 16, let d = LocalDate(iso: String(t.prefix(10))) else { return nil }
        let sep = t[t.index(t.startIndex, offsetBy: 10)]
        guard sep == "T" || sep == " " else { return nil }
        let parts = t.dropFirst(11).prefix(5).split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(date: d, hour: h, minute: m)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }
    public var totalMinutes: Int { date.dayNumber * 1440 + minuteOfDay }

    public func adding(minutes: Int) -> LocalDateTime { LocalDateTime(date: date, minuteOfDay: minuteOfDay + minutes) }

    /// Minutes from `self` to `other` (negative when `other` is earlier).
    public func minutes(to other: LocalDateTime) -> Int { other.totalMinutes - totalMinutes }

    /// "2026-02-12T09:30", the stored form.
    public var iso: String { date.iso + "T" + Self.two(hour) + ":" + Self.two(minute) }
    /// "2026-02-12 09:30", the shown form.
    public var text: String { date.iso + " " + Self.two(hour) + ":" + Self.two(minute) }
    public var description: String { iso }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.totalMinutes < b.totalMinutes }
}

/// What kind of hand-over it is; the kind decides the clock (Art 39 kinds: 24 hours).
public enum HandOverKind: String, Sendable, Codable, CaseIterable {
    /// 乡镇工作站 / 法律援助工作站 → 本中心.
    case stationToCentre = "station_to_centre"
    /// 村（社区）联络点 → 本中心.
    case liaisonToCentre = "liaison_to_centre"
    /// 本中心 → 异地中心（转出）.
    case centreOut = "centre_out"
    /// 异地中心 → 本中心（转入）.
    case centreIn = "centre_in"
    /// 看守所、强制隔离戒毒所等监管场所或办案机关 → 本中心 (Art 39: 24 小时).
    case custody
    /// 值班律师 → 本中心 (Art 39: 24 小时).
    case dutyLawyer = "duty_lawyer"
    /// 住所地中心代收转交 (江苏条例第二十四条: 行动不便者向住所地中心申请，由其转交).
    case residenceCentre = "residence_centre"
    /// 民政、残联等合作柜台 → 本中心 (一门受理).
    case partnerCounter = "partner_counter"

    public var label: String {
        switch self {
        case .stationToCentre: return "站点→本中心"
        case .liaisonToCentre: return "联络点→本中心"
        case .centreOut: return "本中心→异地中心（转出）"
        case .centreIn: return "异地中心→本中心（转入）"
        case .custody: return "监管场所/办案机关→本中心"
        case .dutyLawyer: return "值班律师→本中心"
        case .residenceCentre: return "住所地中心代收转交"
        case .partnerCounter: return "民政/残联柜台→本中心"
        }
    }

    /// The clock the kind implies: Art 39's 24 hours for custody and duty-lawyer transfers, the
    /// local working-day setting for every other kind (no statute fixes one, §4.4).
    public var legalClock: HandOverClockKind {
        switch self {
        case .custody, .dutyLawyer: return .hours24
        default: return .localWorkingDays
        }
    }

    /// Which working-day setting applies (station-side kinds vs centre-to-centre kinds).
    var usesCentreSetting: Bool { [.centreOut, .centreIn, .residenceCentre].contains(self) }
}

/// The clock a hand-over runs on.
public enum HandOverClockKind: String, Sendable, Codable, CaseIterable {
    /// 24 hours counted in hours, holidays included (Art 39).
    case hours24 = "hours_24"
    /// The local setting in working days (HolidayCalendar).
    case localWorkingDays = "local_working_days"
    /// No limit (a setting of 0 days).
    case none

    public var label: String {
        switch self {
        case .hours24: return "24小时（法律援助法第三十九条）"
        case .localWorkingDays: return "本地时限（工作日）"
        case .none: return "无时限"
        }
    }
}

/// Where a hand-over stands.
public enum HandOverStatus: String, Sendable, Codable, CaseIterable {
    /// Sent, not yet signed for (在途).
    case inTransit = "in_transit"
    /// Signed for by the receiver (已签收).
    case received
    /// The receiver asked for 补正; the review clock is paused.
    case needsSupplement = "needs_supplement"
    /// Accepted: the application is a case of the receiving centre (已受理).
    case accepted
    /// Forwarded to the competent centre (改转), on its way there.
    case rerouted
    /// Two centres disagree; the common upper level designates (争议待指定).
    case awaitingDesignation = "awaiting_designation"
    /// Withdrawn by the sender with a reason (撤回), e.g. another centre received it first.
    case withdrawn

    public var label: String {
        switch self {
        case .inTransit: return "在途"
        case .received: return "已签收"
        case .needsSupplement: return "需补正"
        case .accepted: return "已受理"
        case .rerouted: return "改转"
        case .awaitingDesignation: return "争议待指定"
        case .withdrawn: return "撤回"
        }
    }

    /// Still someone's work: the timer runs and the 首问 owner answers for it.
    public var isOpen: Bool { ![.accepted, .withdrawn].contains(self) }
}

/// What the receiver may decide. There is deliberately no "return to the applicant": a centre
/// that lacks jurisdiction forwards or asks the upper level to designate (Hefei: 不得直接将申请
/// 材料退回).
public enum ReceiverDecision: String, Sendable, Codable, CaseIterable {
    case accept
    case acceptAfterSupplement = "accept_after_supplement"
    case reroute
    case askDesignation = "ask_designation"

    public var label: String {
        switch self {
        case .accept: return "接收"
        case .acceptAfterSupplement: return "补正后接收"
        case .reroute: return "转他中心"
        case .askDesignation: return "报请指定"
        }
    }
}

/// How the papers travel.
public enum DispatchMethod: String, Sendable, Codable, CaseIterable {
    case system
    case courier
    case post
    case scanFirst = "scan_first"

    public var label: String {
        switch self {
        case .system: return "系统流转"
        case .courier: return "专人送达"
        case .post: return "邮寄"
        case .scanFirst: return "扫描先行+原件后寄"
        }
    }
}

/// One line of the materials list (mirrored on the 收件凭证 the applicant keeps).
public struct MaterialItem: Sendable, Hashable, Codable {
    public var name: String
    public var count: Int
    public var pages: Int?
    public var original: Bool

    public init(name: String, count: Int = 1, pages: Int? = nil, original: Bool = false) {
        self.name = name; self.count = count; self.pages = pages; self.original = original
    }

    /// "申请表 1件 原件 2页".
    public var text: String {
        "\(name) \(count)件 \(original ? "原件" : "复印件")" + (pages.map { " \($0)页" } ?? "")
    }

    /// Parses "名称:件数:原件|复印件:页数" (the last three optional), as the command line takes it.
    public static func parse(_ text: String) -> MaterialItem? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty else { return nil }
        var item = MaterialItem(name: name)
        if parts.count > 1, !parts[1].isEmpty { guard let n = Int(parts[1]), n > 0 else { return nil }; item.count = n }
        if parts.count > 2, !parts[2].isEmpty {
            switch parts[2] { case "原件": item.original = true; case "复印件": item.original = false; default: return nil }
        }
        if parts.count > 3, !parts[3].isEmpty { guard let p = Int(parts[3]), p > 0 else { return nil }; item.pages = p }
        return parts.count > 4 ? nil : item
    }
}

/// A document still missing (容缺受理) and when the applicant promised it.
public struct MissingItem: Sendable, Hashable, Codable {
    public var name: String
    public var promisedBy: LocalDate?

    public init(name: String, promisedBy: LocalDate? = nil) { self.name = name; self.promisedBy = promisedBy }

    public var text: String { name + (promisedBy.map { "（承诺\($0.iso)前补交）" } ?? "") }

    /// "名称" or "名称:YYYY-MM-DD".
    public static func parse(_ text: String) -> MissingItem? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 2 {
            guard let d = LocalDate(iso: parts[1]) else { return nil }
            return MissingItem(name: name, promisedBy: d)
        }
        return MissingItem(name: name)
    }
}

/// Why the receiving centre is not the competent one (Art 38): litigation matters go to the
/// centre where the case-handling organ sits; non-litigation ones to where the dispute organ
/// sits or the matter arose.
public struct CompetenceReason: Sendable, Hashable, Codable {
    public enum Ground: String, Sendable, Codable, CaseIterable {
        case litigation
        case disputeOrgan = "dispute_organ"
        case matterArose = "matter_arose"

        public var label: String {
            switch self {
            case .litigation: return "诉讼事项，办案机关所在地"
            case .disputeOrgan: return "非诉讼事项，争议处理机关所在地"
            case .matterArose: return "非诉讼事项，事由发生地"
            }
        }
    }

    public var ground: Ground
    public var place: String
    public var note: String

    public init(ground: Ground, place: String, note: String = "") {
        self.ground = ground; self.place = place; self.note = note
    }

    public static let citation = "法律援助法第三十八条"

    /// "诉讼事项，办案机关所在地为海州区（法律援助法第三十八条）".
    public var text: String {
        "\(ground.label)为\(place)" + (note.isEmpty ? "" : "，\(note)") + "（\(Self.citation)）"
    }
}

/// How the review deadline is chosen between the station's receipt and the centre's (§4.4).
public enum ReviewClockBasis: String, Sendable, Codable, CaseIterable {
    /// The earlier of the two deadlines (default: never later than the law could be read).
    case earlier
    case stationReceipt = "station_receipt"
    case centreReceipt = "centre_receipt"

    public var label: String {
        switch self {
        case .earlier: return "取较早期限"
        case .stationReceipt: return "自站点收件起算"
        case .centreReceipt: return "自中心收件起算"
        }
    }
}

/// Why the review clock stood still.
public enum ClockPauseReason: String, Sendable, Codable, CaseIterable {
    /// 补正: waiting for missing materials (all three provinces).
    case supplement
    /// 异地协作核查: another centre verifies for us (安徽条例第二十二条).
    case remoteVerification = "remote_verification"

    public var label: String { self == .supplement ? "补正材料" : "异地协作核查" }
}

/// A stretch of time that does not count against the review (data, not a rule in code).
public struct ClockPause: Sendable, Hashable, Codable {
    public var reason: ClockPauseReason
    public var from: LocalDate
    /// nil while the pause lasts.
    public var to: LocalDate?

    public init(reason: ClockPauseReason, from: LocalDate, to: LocalDate? = nil) {
        self.reason = reason; self.from = from; self.to = to
    }

    /// Calendar days the pause covers up to `today` (an open pause keeps growing).
    public func days(today: LocalDate) -> Int { max(0, from.days(to: to ?? max(today, from))) }
}

/// The local settings a region gives hand-overs. Every number the law does not fix is a setting
/// here ([I] in §4.4), chosen per region by `forRegion` and editable.
public struct HandOverPolicy: Sendable, Hashable, Codable {
    /// 站点/联络点/合作柜台 → 本中心: working days (default 1).
    public var stationWorkingDays: Int
    /// 中心之间、住所地中心代收转交: working days (default 2).
    public var centreWorkingDays: Int
    /// Art 39: hours for custody and duty-lawyer transfers.
    public var custodyHours: Int
    /// 报请指定: days the upper level has to designate (山西条例第十八条: 3 日); nil: no limit set.
    public var designationDays: Int?
    /// 安徽条例第十七条: notify the near relatives within 3 days of a custody request; nil: not required.
    public var familyNoticeDays: Int?
    /// How the family-notice days are counted.
    public var familyNoticeCounting: DeadlineCounting
    /// Which review deadline the console shows (default: the earlier, labelled).
    public var reviewBasis: ReviewClockBasis
    /// 安徽条例第二十二条: time while another centre verifies does not count.
    public var pauseForRemoteVerification: Bool

    public init(stationWorkingDays: Int = 1, centreWorkingDays: Int = 2, custodyHours: Int = 24,
                designationDays: Int? = nil, familyNoticeDays: Int? = nil,
                familyNoticeCounting: DeadlineCounting = .calendar, reviewBasis: ReviewClockBasis = .earlier,
                pauseForRemoteVerification: Bool = false) {
        self.stationWorkingDays = stationWorkingDays; self.centreWorkingDays = centreWorkingDays
        self.custodyHours = custodyHours; self.designationDays = designationDays
        self.familyNoticeDays = familyNoticeDays; self.familyNoticeCounting = familyNoticeCounting
        self.reviewBasis = reviewBasis; self.pauseForRemoteVerification = pauseForRemoteVerification
    }

    /// The settings of a region (GB/T 2260 code): 山西 (14…) designates within 3 days; 安徽
    /// (34…) adds the 3-day family notice and pauses for remote verification; elsewhere the
    /// defaults. `basis` overrides the review-clock choice (the per-region setting).
    public static func forRegion(_ code: String, basis: ReviewClockBasis? = nil) -> HandOverPolicy {
        var p = HandOverPolicy()
        switch code.prefix(2) {
        case "14": p.designationDays = 3
        case "34": p.familyNoticeDays = 3; p.pauseForRemoteVerification = true
        default: break
        }
        if let basis { p.reviewBasis = basis }
        return p
    }

    /// Checks the numbers a person typed; the message names the field.
    public func validate() throws(HandOverError) {
        guard (0...30).contains(stationWorkingDays) else { throw HandOverError(field: "stationWorkingDays", message: "站点转交时限应为 0–30 个工作日") }
        guard (0...30).contains(centreWorkingDays) else { throw HandOverError(field: "centreWorkingDays", message: "中心间转交时限应为 0–30 个工作日") }
        guard (1...72).contains(custodyHours) else { throw HandOverError(field: "custodyHours", message: "羁押转交时限应为 1–72 小时") }
    }
}

/// A refusal of the hand-over rules, naming the field.
public struct HandOverError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
    public var description: String { message }
}

/// When a hand-over must be done by.
public enum HandOverDeadline: Sendable, Hashable {
    /// An instant (24 hours from the custody facility's receipt).
    case instant(LocalDateTime)
    /// By the end of a working day.
    case endOfDay(LocalDate)
    /// No limit.
    case none

    /// The first minute that is late.
    var lateFrom: LocalDateTime? {
        switch self {
        case .instant(let t): return t
        case .endOfDay(let d): return LocalDateTime(date: d.adding(days: 1), minuteOfDay: 0)
        case .none: return nil
        }
    }

    /// "2025-10-01 10:00" or "2026-02-13 下班前".
    public var text: String {
        switch self {
        case .instant(let t): return t.text
        case .endOfDay(let d): return d.iso + " 当日内"
        case .none: return "无时限"
        }
    }
}

/// A hand-over's timer at a moment: running, or stopped at acceptance; on time or late.
public struct HandOverTimer: Sendable, Hashable {
    public var deadline: HandOverDeadline
    /// From the start (first receipt, or the custody facility's receipt) to the stop or now.
    public var elapsedMinutes: Int
    /// Stopped: the receiver accepted (or the sender withdrew).
    public var stopped: Bool
    /// Minutes past the deadline (0 when on time or still in time).
    public var overdueMinutes: Int
    /// Minutes left while running and in time.
    public var minutesLeft: Int?
    /// For working-day deadlines: calendar days past the due date (0 when in time).
    public var overdueDays: Int

    public var isOverdue: Bool { overdueMinutes > 0 }

    /// "5 小时 50 分", "1 小时", "2 天 3 小时".
    public static func duration(_ minutes: Int) -> String {
        let m = max(0, minutes)
        let d = m / 1440, h = (m % 1440) / 60, mm = m % 60
        var parts: [String] = []
        if d > 0 { parts.append("\(d) 天") }
        if h > 0 { parts.append("\(h) 小时") }
        if mm > 0 || parts.isEmpty { parts.append("\(mm) 分") }
        return parts.joined(separator: " ")
    }

    /// Symbol and words, never colour alone: "✗ 超时 1 小时", "⚠ 剩 3 小时 10 分", "✓ 按时".
    public var text: String {
        if isOverdue {
            switch deadline {
            case .endOfDay: return "✗ 超时 \(max(1, overdueDays)) 天"
            default: return "✗ 超时 " + Self.duration(overdueMinutes)
            }
        }
        if stopped { return deadline == .none ? "✓ 已办结" : "✓ 按时" }
        guard let left = minutesLeft else { return "· 无时限" }
        switch deadline {
        case .endOfDay(let d):
            return left <= 24 * 60 ? "⚠ 今日到期" : "· \(String(d.iso.dropFirst(5)))前"
        default:
            return (left <= 6 * 60 ? "⚠ 剩 " : "· 剩 ") + Self.duration(left)
        }
    }

    /// Lower sorts first: overdue (most first), then least time left, then stopped.
    public var urgency: (Int, Int) {
        if isOverdue && !stopped { return (0, -overdueMinutes) }
        if let left = minutesLeft, !stopped { return (1, left) }
        if !stopped { return (2, 0) }
        return (3, isOverdue ? -overdueMinutes : 0)
    }
}

/// The review deadline with both starting points kept (§4.4): from the station's first receipt
/// and from the centre's receipt, paused time added, and the one shown labelled.
public struct ReviewClockDecision: Sendable, Hashable {
    public var stationDue: LocalDate?
    public var centreDue: LocalDate?
    /// Calendar days the clock stood still (补正, 异地协作核查).
    public var pausedDays: Int
    public var basis: ReviewClockBasis
    /// The deadline shown (nil: the chosen basis cannot be computed yet, e.g. no centre receipt).
    public var shown: LocalDate?
    /// "保守期限（自站点收件起算）" or "自中心收件起算".
    public var label: String
    /// A due date rests on a provisional holiday year.
    public var provisional: Bool

    /// "2026-02-24 保守期限（自站点收件起算）；暂停 6 天".
    public var text: String {
        guard let shown else { return "未定（\(label)）" }
        return shown.iso + (provisional ? "（暂定）" : "") + " " + label + (pausedDays > 0 ? "；暂停 \(pausedDays) 天" : "")
    }
}

/// The actions a hand-over knows; each appends one event.
public enum HandOverAction: String, Sendable, Codable, CaseIterable {
    case send, receive, requestSupplement = "request_supplement", accept, reroute
    case askDesignation = "ask_designation", designate, withdraw, familyNotified = "family_notified", note

    public var label: String {
        switch self {
        case .send: return "发出"
        case .receive: return "签收"
        case .requestSupplement: return "要求补正"
        case .accept: return "接收受理"
        case .reroute: return "改转"
        case .askDesignation: return "报请上级指定"
        case .designate: return "上级指定"
        case .withdraw: return "撤回"
        case .familyNotified: return "已通知近亲属"
        case .note: return "备注"
        }
    }
}

public enum HandOverRules {
    /// When the hand-over must be done by. Art 39 kinds: `custodyReceivedAt` (else the first
    /// receipt) plus the hours, holidays included; other kinds: the working-day setting counted
    /// from the first receipt's day, due by the end of that working day.
    public static func deadline(kind: HandOverKind, firstReceivedAt: LocalDateTime, custodyReceivedAt: LocalDateTime?,
                                policy: HandOverPolicy, calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> HandOverDeadline {
        switch kind.legalClock {
        case .hours24:
            return .instant((custodyReceivedAt ?? firstReceivedAt).adding(minutes: policy.custodyHours * 60))
        case .localWorkingDays:
            let days = kind.usesCentreSetting ? policy.centreWorkingDays : policy.stationWorkingDays
            guard days > 0 else { return .none }
            return .endOfDay(try calendar.due(from: firstReceivedAt.date, days: days, rule: .working))
        case .none:
            return .none
        }
    }

    /// The timer at `now`, or stopped at `stoppedAt` (acceptance).
    public static func timer(deadline: HandOverDeadline, start: LocalDateTime, stoppedAt: LocalDateTime?,
                             now: LocalDateTime) -> HandOverTimer {
        let end = stoppedAt ?? now
        let elapsed = max(0, start.minutes(to: end))
        guard let late = deadline.lateFrom else {
            return HandOverTimer(deadline: deadline, elapsedMinutes: elapsed, stopped: stoppedAt != nil,
                                 overdueMinutes: 0, minutesLeft: nil, overdueDays: 0)
        }
        let overdue = max(0, late.minutes(to: end))
        var overdueDays = 0
        if case .endOfDay(let d) = deadline, overdue > 0 { overdueDays = d.days(to: end.date) }
        let left = stoppedAt == nil && overdue == 0 ? end.minutes(to: late) : nil
        return HandOverTimer(deadline: deadline, elapsedMinutes: elapsed, stopped: stoppedAt != nil,
                             overdueMinutes: overdue, minutesLeft: left, overdueDays: overdueDays)
    }

    /// The two review deadlines and the one to show. Paused days push both deadlines back (the
    /// start moves by the paused calendar days, so a 6-day pause moves a calendar-rule due date
    /// by 6 days); the earlier is shown by default, labelled as the conservative reading.
    public static func reviewClock(firstReceived: LocalDate, centreReceived: LocalDate?, pauses: [ClockPause],
                                   basis: ReviewClockBasis, planner: DeadlinePlanner, today: LocalDate) -> ReviewClockDecision {
        let paused = pauses.reduce(0) { $0 + $1.days(today: today) }
        var provisional = false
        func due(_ start: LocalDate) -> LocalDate? {
            switch planner.dueDate(from: start.adding(days: paused), days: planner.policy.reviewDays) {
            case .success(let d): if d.provisional { provisional = true }; return d.date
            case .failure: return nil
            }
        }
        let station = due(firstReceived)
        let centre = centreReceived.flatMap(due)
        let shown: LocalDate?
        let label: String
        switch basis {
        case .earlier:
            if let s = station, let c = centre, c < s {
                shown = c; label = "自中心收件起算（较早）"
            } else {
                shown = station; label = "保守期限（自站点收件起算）"
            }
        case .stationReceipt: shown = station; label = "自站点收件起算"
        case .centreReceipt: shown = centre; label = centre == nil ? "自中心收件起算（中心尚未收件）" : "自中心收件起算"
        }
        return ReviewClockDecision(stationDue: station, centreDue: centre, pausedDays: paused, basis: basis,
                                   shown: shown, label: label, provisional: provisional)
    }

    /// The last day the upper level has to designate (山西: 3 日, calendar rule), nil without a limit.
    public static func designationDue(askedOn: LocalDate, policy: HandOverPolicy,
                                      calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> LocalDate? {
        guard let days = policy.designationDays else { return nil }
        return try calendar.due(from: askedOn, days: days, rule: .calendar)
    }

    /// 安徽: the day by which the near relatives must be told of a custody request, nil elsewhere.
    public static func familyNoticeDue(kind: HandOverKind, custodyReceivedAt: LocalDateTime?, policy: HandOverPolicy,
                                       calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> LocalDate? {
        guard kind == .custody, let days = policy.familyNoticeDays, let start = custodyReceivedAt else { return nil }
        return try calendar.due(from: start.date, days: days, rule: policy.familyNoticeCounting)
    }

    /// The statuses an action may start from. Nothing goes back to the applicant.
    public static func allowedFrom(_ action: HandOverAction) -> Set<HandOverStatus> {
        switch action {
        case .send: return []
        case .receive: return [.inTransit, .rerouted]
        case .requestSupplement: return [.inTransit, .rerouted, .received]
        case .accept: return [.inTransit, .rerouted, .received, .needsSupplement]
        case .reroute, .askDesignation: return [.inTransit, .rerouted, .received, .needsSupplement]
        case .designate: return [.awaitingDesignation]
        case .withdraw: return [.inTransit, .rerouted, .received, .needsSupplement, .awaitingDesignation]
        case .familyNotified, .note: return Set(HandOverStatus.allCases)
        }
    }

    /// Checks that `action` may be taken now; the message says what the status allows instead.
    public static func check(_ action: HandOverAction, from status: HandOverStatus) throws(HandOverError) {
        guard allowedFrom(action).contains(status) else {
            let options = receiverOptions(status).map(\.label).joined(separator: "、")
            throw HandOverError(field: "status", message: "转交单当前为“\(status.label)”，不能\(action.label)"
                                + (options.isEmpty ? "" : "；可选：\(options)"))
        }
    }

    /// What the receiver may decide in a status — never a plain return to the applicant.
    public static func receiverOptions(_ status: HandOverStatus) -> [ReceiverDecision] {
        switch status {
        case .inTransit, .rerouted, .received: return [.accept, .acceptAfterSupplement, .reroute, .askDesignation]
        case .needsSupplement: return [.acceptAfterSupplement, .reroute, .askDesignation]
        default: return []
        }
    }

    /// Two centres received the same application: the first to receive it accepts it (江苏条例
    /// 第二十四条、安徽条例第十五条、山西条例第十八条). Returns the index of the earliest receipt.
    public static func firstReceiver(_ receipts: [LocalDateTime]) -> Int? {
        receipts.indices.min { receipts[$0] < receipts[$1] }
    }

    public static let firstReceiverRule = "最先收到申请的法律援助机构受理（江苏省法律援助条例第二十四条、安徽省法律援助条例第十五条、山西省法律援助条例第十八条）"
}


/// A hand-over action refused because of who is acting (the wrong unit, not the role): exit 4
/// on the command line, with the reason in Chinese.
public struct HandOverRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "无权操作：\(reason)" }
}

import Foundation

/// 法律援助志愿者 (法律援助志愿者管理办法, 司法部、中央文明办 2021, Arts 13–21): the rules the
/// volunteer register applies. Numbers the source does not fix (star thresholds) are parameters
/// with the usual national defaults, so a centre's setting can change them.
public enum VolunteerStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// 已申请: the application form is in, not yet registered.
    case applied
    /// 在册: registered (national platform number recorded).
    case registered
    /// 退出中: exit requested, to be completed within 15 working days (Art 19).
    case exiting
    case exited
    /// 已清退 (Art 20).
    case removed

    public var label: String {
        switch self {
        case .applied: return "已申请"
        case .registered: return "在册"
        case .exiting: return "退出中"
        case .exited: return "已退出"
        case .removed: return "已清退"
        }
    }
}

/// Why a volunteer is removed (Art 20).
public enum VolunteerRemovalReason: String, Sendable, Codable, CaseIterable, Hashable {
    /// 以志愿者名义从事营利活动
    case profitMaking = "profit_making"
    /// 收取财物
    case takingMoney = "taking_money"
    /// 一年内三次未履行约定服务
    case missedServices = "missed_services"
    /// 一年内三次以上因服务质量被投诉
    case qualityComplaints = "quality_complaints"
    /// 违反执业或服务规范
    case practiceBreach = "practice_breach"

    public var label: String {
        switch self {
        case .profitMaking: return "以志愿者名义从事营利活动"
        case .takingMoney: return "收取当事人财物"
        case .missedServices: return "一年内三次未履行约定服务"
        case .qualityComplaints: return "一年内三次以上因服务质量被投诉"
        case .practiceBreach: return "违反执业或服务规范"
        }
    }
}

/// What goes wrong in a volunteer's year and counts towards removal.
public enum VolunteerIncidentKind: String, Sendable, Codable, CaseIterable, Hashable {
    case missedService = "missed_service"
    case qualityComplaint = "quality_complaint"

    public var label: String { self == .missedService ? "未履行约定服务" : "服务质量投诉" }
}

public enum VolunteerRules {
    /// Art 17: at most 8 hours of service recorded per day; more needs a separate note.
    public static let dailyCapMinutes = 8 * 60
    /// Art 19: exit completed within 15 working days of the request.
    public static let exitWorkingDays = 15
    /// Art 20: three failures (or three complaints) in a year.
    public static let removalThreshold = 3

    /// One logged service split into what counts for the day and what is kept as overflow.
    public struct HoursSplit: Sendable, Equatable {
        public var countedMinutes: Int
        public var overflowMinutes: Int
        public init(countedMinutes: Int, overflowMinutes: Int) {
            self.countedMinutes = countedMinutes; self.overflowMinutes = overflowMinutes
        }
    }

    /// Splits `minutes` logged on a day that already has `alreadyCounted` minutes counted: the
    /// day's total never passes the cap; the rest is overflow, which must carry a note.
    public static func split(minutes: Int, alreadyCounted: Int, capMinutes: Int = dailyCapMinutes) -> HoursSplit {
        let room = max(0, capMinutes - alreadyCounted)
        let counted = min(max(0, minutes), room)
        return HoursSplit(countedMinutes: counted, overflowMinutes: max(0, minutes) - counted)
    }

    /// Checks a service entry before it is recorded: positive, at most 24 hours, and a note when
    /// any of it overflows the daily cap.
    public static func validateService(minutes: Int, alreadyCounted: Int, overflowNote: String?,
                                       capMinutes: Int = dailyCapMinutes) throws(PoolInputError) -> HoursSplit {
        guard minutes > 0 else { throw PoolInputError(field: "hours", message: "服务时长须大于 0") }
        guard minutes <= 24 * 60 else { throw PoolInputError(field: "hours", message: "一天的服务时长不能超过 24 小时") }
        let s = split(minutes: minutes, alreadyCounted: alreadyCounted, capMinutes: capMinutes)
        if s.overflowMinutes > 0, (overflowNote ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw PoolInputError(field: "overflowNote",
                                 message: "当日记录已超过 \(capMinutes / 60) 小时，超出的 \(hoursText(s.overflowMinutes)) 须另附说明（志愿者管理办法第十七条）")
        }
        return s
    }

    /// "8 小时", "2.5 小时".
    public static func hoursText(_ minutes: Int) -> String {
        if minutes % 60 == 0 { return "\(minutes / 60) 小时" }
        let h = Double(minutes) / 60
        return String(format: "%.1f 小时", h)
    }

    /// Parses "8", "2.5", "7.5h" into minutes (whole minutes, rounded).
    public static func minutes(fromHours text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["小时", "h", "H"] where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)) }
        guard let h = Double(t.trimmingCharacters(in: .whitespaces)), h.isFinite, h >= 0 else { return nil }
        return Int((h * 60).rounded())
    }

    /// Star thresholds in hours (the national volunteer record's usual 100/300/600/1000/1500).
    public static let defaultStarHours = [100, 300, 600, 1000, 1500]

    /// 星级 (Art 18): how many stars the counted hours earn.
    public static func stars(countedMinutes: Int, thresholdsHours: [Int] = defaultStarHours) -> Int {
        thresholdsHours.sorted().filter { countedMinutes >= $0 * 60 }.count
    }

    /// "★★☆☆☆" (always five marks, so the level is read without colour).
    public static func starText(_ stars: Int) -> String {
        String(repeating: "★", count: min(5, stars)) + String(repeating: "☆", count: max(0, 5 - stars))
    }

    /// Art 19: the day the exit must be completed by.
    public static func exitDue(requestedOn: LocalDate, calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> HolidayCalendar.Due {
        try calendar.dueDate(from: requestedOn, days: exitWorkingDays, rule: .working)
    }

    /// Art 20 year-end check: the removal grounds the year's incidents reach (a proposal for the
    /// reviewer; nothing is removed automatically).
    public static func proposedRemoval(missedServices: Int, qualityComplaints: Int) -> [VolunteerRemovalReason] {
        var out: [VolunteerRemovalReason] = []
        if missedServices >= removalThreshold { out.append(.missedServices) }
        if qualityComplaints >= removalThreshold { out.append(.qualityComplaints) }
        return out
    }
}

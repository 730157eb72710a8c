import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// The pipeline's clocks with the region's own counting: the review period and its counting
/// rule are read from the rule library exactly as `fayuan calendar due --region` reads them, so
/// the board and the command line always agree.
public struct CaseDeadlines: Sendable {
    public let planner: DeadlinePlanner

    public init(rules: RuleLibrary, region: String, on day: LocalDate) {
        let review = rules.reviewPeriod(region: region, on: day)
        let deadlines = rules.layers(region: region, on: day).flatMap(\.rules).filter { $0.kind == .reviewDeadline }
        // 通知辩护/代理: the Art 36 rule the intake screening used, so the form and the clock agree.
        let notification = deadlines.last { $0.condition.routes?.contains(.notification) == true }
        let policy = DeadlinePolicy(counting: review.counting, reviewDays: review.days,
                                    notificationDays: notification?.days ?? 3,
                                    notificationCounting: notification?.counting ?? .calendar,
                                    majorReviewDays: review.majorDays)
        planner = DeadlinePlanner(calendar: rules.calendar, policy: policy)
        reviewRule = review.rule
    }

    /// The review_deadline rule read (for its citation when a 重大疑难 mark extends the period).
    let reviewRule: Rule?

    /// The stored review deadline a 重大疑难 mark (or its removal) leads to, with the note for the
    /// timeline; nil when the province allows no extension, the mark does not change, or the
    /// case is past review. Counted from the application date with the province's periods.
    public func reviewDueChange(for c: BoardCase, major: Bool) -> (due: String, note: String)? {
        guard let extended = planner.policy.majorReviewDays, c.major != major, c.route != "notification",
              [.intake, .review].contains(c.stage), let applied = LocalDate(iso: c.appliedOn) else { return nil }
        let days = major ? extended : planner.policy.reviewDays
        guard case .success(let d) = planner.dueDate(from: applied, days: days) else { return nil }
        let cite = reviewRule?.citation.label ?? "省级规定"
        return (d.date.iso, major ? "重大疑难案件审查期限延长为\(extended)日，至\(d.date.iso)（\(cite)）"
                                  : "取消重大疑难标记，审查期限恢复为\(planner.policy.reviewDays)日，至\(d.date.iso)（\(cite)）")
    }

    /// The case's running clocks, most urgent first.
    public func clocks(_ c: BoardCase, now: Date, timeZone: TimeZone) -> [CaseClock] {
        let (today, local) = CaseFormat.localDay(now, timeZone: timeZone)
        return planner.clocks(c.times, today: today, nowLocal: local)
    }

    /// The date a notification case must be assigned by (Art 36), as the board's clock shows it.
    public func notificationDue(_ c: BoardCase) -> String {
        switch planner.notificationDue(c.times) {
        case .success(let d): return d.date.iso + (d.provisional ? "（暂定）" : "")
        case .failure(let e): return "无法计算（\(e.message)）"
        }
    }

    /// The assignment deadline a grant made today starts (shown before deciding).
    func assignmentDue(from day: LocalDate) -> String {
        switch planner.dueDate(from: day, days: planner.policy.assignmentDays) {
        case .success(let d): return d.text
        case .failure(let e): return "无法计算（\(e.message)）"
        }
    }
}

/// Today by the environment's clock, for forms that default their dates (tests fix the clock).
struct TodayIs: Sendable {
    var day: String
    var local: String

    static func fetch() -> Effect {
        .perform { env in
            let (d, l) = CaseFormat.localDay(env.clock(), timeZone: env.timeZone)
            return TodayIs(day: d.iso, local: l)
        }
    }
}

/// Labels and small formatting shared by the case screens (and `fayuan case`).
public enum CaseFormat {
    /// Today in the console's time zone and the local time "YYYY-MM-DDTHH:MM".
    static func localDay(_ now: Date, timeZone: TimeZone) -> (LocalDate, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        let day = LocalDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(year: 2000, month: 1, day: 1)!
        let hh = (c.hour ?? 0) < 10 ? "0\(c.hour ?? 0)" : "\(c.hour ?? 0)"
        let mm = (c.minute ?? 0) < 10 ? "0\(c.minute ?? 0)" : "\(c.minute ?? 0)"
        return (day, "\(day.iso)T\(hh):\(mm)")
    }

    static func today(_ env: AppEnvironment) -> String { localDay(env.clock(), timeZone: env.timeZone).0.iso }

    /// Criminal cases carry the applicant's role as their "cause"; the rule library lists civil
    /// and administrative causes only.
    public static let criminalRoles = [
        "suspect_defendant": "犯罪嫌疑人、被告人", "victim": "被害人", "private_prosecutor": "自诉人",
        "civil_plaintiff": "附带民事诉讼原告人", "compulsory_medical_respondent": "强制医疗被申请人",
    ]

    public static func causeLabel(_ code: String, rules: RuleLibrary) -> String {
        criminalRoles[code] ?? rules.causeLabel(CauseCode(rawValue: code))
    }

    static func kindLabel(_ kind: CaseKind) -> String {
        switch kind {
        case .civil: return "民事"
        case .criminal: return "刑事"
        case .administrative: return "行政"
        }
    }

    public static func eventLabel(_ kind: String) -> String {
        [
            "applied": "申请", "accept": "受理", "grant": "给予援助", "refuse": "不予援助", "assign": "指派",
            "handling": "承办", "progress": "办案进展", "submit_closing": "提交结案", "closed": "结案",
            "closing_returned": "结案退回", "archived": "归档", "return_visit": "回访", "quality_review": "评查",
            "peer_review": "同行评查", "sampled": "抽中评查", "terminate": "终止援助", "objection": "异议",
            "objection_result": "异议结果", "correction": "更正", "flags": "标记", "withdrawn": "撤回",
            "documents": "补交材料",
        ][kind] ?? kind
    }

    /// The route a case came by, when it is not an ordinary application: 通知辩护 (a defendant's
    /// defence, Art 25) or 通知代理 (Art 28 and the other notified representation), 值班律师转交.
    static func routeLabel(_ b: BoardCase) -> String? {
        switch b.route {
        case "notification": return b.cause == "suspect_defendant" ? "通知辩护" : "通知代理"
        case "duty_lawyer": return "值班律师转交"
        default: return nil
        }
    }

    static func priorityLabel(_ code: String) -> String {
        switch code {
        case "statutory": return "法定优先"
        case "policy": return "绿色通道"
        default: return ""
        }
    }

    /// "2026-06-08T01:30:00.000Z" → local "06-08 09:30".
    static func eventTime(_ iso: String, timeZone: TimeZone) -> String {
        guard let date = try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
            return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ")
        }
        let f = DateFormatter()
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    static func clockText(_ clocks: [CaseClock]) -> String {
        guard let first = clocks.first else { return "" }
        return first.summary
    }
}

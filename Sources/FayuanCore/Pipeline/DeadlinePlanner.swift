/// The statutory periods the pipeline watches, as data: how many days each is, counted the way the
/// region's rule set counts (民法典 calendar days or working days). The review period itself comes
/// from the rule library (the same rule screening used), so the board agrees with
/// `fayuan calendar due`.
public struct DeadlinePolicy: Sendable, Hashable {
    public var counting: DeadlineCounting
    /// 审查: days from receiving the application (Art 43 ¶1; some provinces: 3).
    public var reviewDays: Int
    /// 指派: days from the grant (Art 43 ¶1) or from the notification (Art 36).
    public var assignmentDays: Int
    /// 异议审查: days from receiving the objection (Art 49).
    public var objectionDays: Int
    /// 转交: hours a detained applicant's application may take to reach the centre (Art 39).
    public var transferHours: Int
    /// 通知辩护/代理: days from receiving the notice to the assignment (Art 36), and how they are
    /// counted (the rule library's notification rule, which the intake form also used).
    public var notificationDays: Int
    public var notificationCounting: DeadlineCounting
    /// 重大疑难: the longer review period the province allows for a case so marked (Shanxi
    /// Art 21: 7 日 instead of 3); nil where the law allows no extension.
    public var majorReviewDays: Int?

    public init(counting: DeadlineCounting = .calendar, reviewDays: Int = 7, assignmentDays: Int = 3,
                objectionDays: Int = 5, transferHours: Int = 24, notificationDays: Int = 3,
                notificationCounting: DeadlineCounting = .calendar, majorReviewDays: Int? = nil) {
        self.counting = counting; self.reviewDays = reviewDays; self.assignmentDays = assignmentDays
        self.objectionDays = objectionDays; self.transferHours = transferHours
        self.notificationDays = notificationDays; self.notificationCounting = notificationCounting
        self.majorReviewDays = majorReviewDays
    }
}

/// The facts about one case that its clocks depend on.
public struct CaseTimes: Sendable, Hashable {
    public var stage: PipelineStage
    /// "notification" cases (通知辩护) have no review: the assignment clock runs from receipt.
    public var route: String
    public var appliedOn: LocalDate
    public var acceptedOn: LocalDate?
    public var decidedOn: LocalDate?
    /// The review deadline recorded when the case was screened and accepted (preferred: it is
    /// what the applicant was told).
    public var recordedReviewDue: LocalDate?
    /// 被羁押: the application came from a detained person; `receivedAt` is when it was handed in
    /// ("2026-06-08T09:30"), local time.
    public var detained: Bool
    public var receivedAt: String?
    /// 异议: the day an objection to a refusal or termination was received (nil: none, or resolved).
    public var objectionOn: LocalDate?
    /// 容缺受理: the earliest due date of documents still missing.
    public var documentsDue: LocalDate?
    /// 重大疑难: marked as a major or difficult case (extends review where the province allows).
    public var major: Bool = false

    public init(stage: PipelineStage, route: String = "application", appliedOn: LocalDate, acceptedOn: LocalDate? = nil,
                decidedOn: LocalDate? = nil, recordedReviewDue: LocalDate? = nil, detained: Bool = false,
                receivedAt: String? = nil, objectionOn: LocalDate? = nil, documentsDue: LocalDate? = nil,
                major: Bool = false) {
        self.stage = stage; self.route = route; self.appliedOn = appliedOn; self.acceptedOn = acceptedOn
        self.decidedOn = decidedOn; self.recordedReviewDue = recordedReviewDue; self.detained = detained
        self.receivedAt = receivedAt; self.objectionOn = objectionOn; self.documentsDue = documentsDue
        self.major = major
    }
}

/// Computes a case's running clocks for a day. Pure: the calendar and "now" are passed in.
public struct DeadlinePlanner: Sendable {
    public let calendar: HolidayCalendar
    public let policy: DeadlinePolicy

    public init(calendar: HolidayCalendar, policy: DeadlinePolicy) {
        self.calendar = calendar
        self.policy = policy
    }

    /// The last day of `days` days after `start`, or why it cannot be known.
    public func due(from start: LocalDate, days: Int) -> Result<LocalDate, CalendarYearNotCovered> {
        do { return .success(try calendar.due(from: start, days: days, rule: policy.counting)) } catch { return .failure(error) }
    }

    /// As `due`, with the 暂定 mark when the date rests on a provisional holiday year.
    public func dueDate(from start: LocalDate, days: Int) -> Result<HolidayCalendar.Due, CalendarYearNotCovered> {
        do { return .success(try calendar.dueDate(from: start, days: days, rule: policy.counting)) } catch { return .failure(error) }
    }

    func clock(_ kind: CaseClock.Kind, from start: LocalDate, days: Int, today: LocalDate) -> CaseClock {
        switch dueDate(from: start, days: days) {
        case .success(let d):
            return CaseClock(kind: kind, due: d.date, status: CaseClock.status(due: d.date, today: today),
                             provisional: d.provisional)
        case .failure(let e): return CaseClock(kind: kind, due: nil, status: .unknown(reason: e.message))
        }
    }

    /// The review deadline of a case: the one recorded at acceptance, else computed from the day
    /// the application was received; for a case marked 重大疑难 where the province allows a longer
    /// period, never earlier than that period's end.
    public func reviewDue(_ t: CaseTimes) -> Result<LocalDate, CalendarYearNotCovered> {
        var base: LocalDate
        if let recorded = t.recordedReviewDue { base = recorded } else {
            switch due(from: t.appliedOn, days: policy.reviewDays) {
            case .success(let d): base = d
            case .failure(let e): return .failure(e)
            }
        }
        if t.major, let extended = policy.majorReviewDays, case .success(let d) = due(from: t.appliedOn, days: extended), d > base {
            base = d
        }
        return .success(base)
    }

    /// The assignment deadline of a notification case (通知辩护/代理): three days from receiving
    /// the notice (Art 36) — the day recorded at intake when there is one (what the form showed),
    /// else counted from the day the notice was received. One date for the form, the clock and the board.
    public func notificationDue(_ t: CaseTimes) -> Result<HolidayCalendar.Due, CalendarYearNotCovered> {
        if let recorded = t.recordedReviewDue {
            return .success(HolidayCalendar.Due(date: recorded, provisional: calendar.isProvisional(year: recorded.year)))
        }
        do {
            return .success(try calendar.dueDate(from: t.appliedOn, days: policy.notificationDays, rule: policy.notificationCounting))
        } catch { return .failure(error) }
    }

    func notificationClock(_ t: CaseTimes, today: LocalDate) -> CaseClock {
        switch notificationDue(t) {
        case .success(let d):
            return CaseClock(kind: .assignment, due: d.date, status: CaseClock.status(due: d.date, today: today), provisional: d.provisional)
        case .failure(let e): return CaseClock(kind: .assignment, due: nil, status: .unknown(reason: e.message))
        }
    }

    /// Clocks running on the case, most urgent first. `nowMinutes` is the local time of day in
    /// minutes, for the 24-hour transfer.
    public func clocks(_ t: CaseTimes, today: LocalDate, nowLocal: String? = nil) -> [CaseClock] {
        var out: [CaseClock] = []
        switch t.stage {
        case .intake:
            if t.detained, let received = t.receivedAt {
                out.append(transferClock(received: received, nowLocal: nowLocal, today: today))
            }
            if t.route != "notification" {
                out.append(reviewClock(t, today: today))
            } else {
                out.append(notificationClock(t, today: today))
            }
        case .review:
            if t.route == "notification" {
                out.append(notificationClock(t, today: today))
            } else {
                out.append(reviewClock(t, today: today))
            }
        case .assignment:
            if t.route == "notification" {
                out.append(notificationClock(t, today: today))
            } else {
                out.append(clock(.assignment, from: t.decidedOn ?? t.acceptedOn ?? t.appliedOn, days: policy.assignmentDays, today: today))
            }
        case .ended:
            if let objection = t.objectionOn {
                out.append(clock(.objection, from: objection, days: policy.objectionDays, today: today))
            }
        default:
            break
        }
        if let docs = t.documentsDue, [.intake, .review].contains(t.stage) {
            out.append(CaseClock(kind: .documents, due: docs, status: CaseClock.status(due: docs, today: today)))
        }
        return out.sorted { $0.status < $1.status }
    }

    func reviewClock(_ t: CaseTimes, today: LocalDate) -> CaseClock {
        if t.major, let extended = policy.majorReviewDays, case .success(let d) = dueDate(from: t.appliedOn, days: extended),
           t.recordedReviewDue.map({ d.date > $0 }) ?? true {
            // 重大疑难 extends the review period (e.g. Shanxi Art 21: 7 日).
            return CaseClock(kind: .review, due: d.date, status: CaseClock.status(due: d.date, today: today),
                             provisional: d.provisional)
        }
        if let recorded = t.recordedReviewDue {
            // A date recorded in a year that still has no notice was counted on the provisional year.
            return CaseClock(kind: .review, due: recorded, status: CaseClock.status(due: recorded, today: today),
                             provisional: calendar.isProvisional(year: recorded.year))
        }
        switch dueDate(from: t.appliedOn, days: policy.reviewDays) {
        case .success(let d):
            return CaseClock(kind: .review, due: d.date, status: CaseClock.status(due: d.date, today: today),
                             provisional: d.provisional)
        case .failure(let e): return CaseClock(kind: .review, due: nil, status: .unknown(reason: e.message))
        }
    }

    /// 24 hours from hand-in, counted in clock time (not working days).
    func transferClock(received: String, nowLocal: String?, today: LocalDate) -> CaseClock {
        guard let start = LocalMinute(received) else {
            return CaseClock(kind: .transfer, due: nil, status: .unknown(reason: "接收时间格式不对：\(received)"))
        }
        let end = start.adding(minutes: policy.transferHours * 60)
        let now = nowLocal.flatMap(LocalMinute.init) ?? LocalMinute(date: today, minutes: 0)
        let left = end.total - now.total
        let status: CaseClock.Status
        if left < 0 {
            status = .overdue(days: max(1, (-left + 24 * 60 - 1) / (24 * 60)))
        } else if end.date == today || left < 24 * 60 {
            status = .dueToday
        } else {
            status = .running(daysLeft: now.date.days(to: end.date))
        }
        return CaseClock(kind: .transfer, due: end.date, dueTime: end.text, status: status)
    }
}

/// A local date and time to the minute ("2026-06-08T09:30" or "2026-06-08 09:30").
struct LocalMinute {
    let date: LocalDate
    let minutes: Int

    init(date: LocalDate, minutes: Int) { self.date = date; self.minutes = minutes }

    init?(_ text: String) {
        guard text.count >= 16, let d = LocalDate(iso: String(text.prefix(10))) else { return nil }
        let time = text.dropFirst(11).prefix(5).split(separator: ":")
        guard time.count == 2, let h = Int(time[0]), let m = Int(time[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        date = d
        minutes = h * 60 + m
    }

    var total: Int { date.dayNumber * 24 * 60 + minutes }

    func adding(minutes extra: Int) -> LocalMinute {
        let t = total + extra
        return LocalMinute(date: LocalDate(dayNumber: t / (24 * 60)), minutes: t % (24 * 60))
    }

    var text: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return date.iso + " " + two(minutes / 60) + ":" + two(minutes % 60)
    }
}

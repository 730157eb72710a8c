/// What sign-in and sign-out times say about one duty (迟到 / 早退 / 不在岗).
public struct AttendanceOutcome: Sendable, Hashable {
    public var signedIn: Bool
    public var lateMinutes: Int
    public var earlyMinutes: Int

    public var isLate: Bool { lateMinutes > 0 }
    public var leftEarly: Bool { earlyMinutes > 0 }
    /// Never signed in: the day counts as not on duty (不在岗).
    public var isAbsent: Bool { !signedIn }

    /// "迟到 12 分钟，早退 30 分钟" / "按时" / "未签到".
    public var summary: String {
        guard signedIn else { return "未签到（不在岗）" }
        var parts: [String] = []
        if isLate { parts.append("迟到\(lateMinutes)分钟") }
        if leftEarly { parts.append("早退\(earlyMinutes)分钟") }
        return parts.isEmpty ? "按时到岗、离岗" : parts.joined(separator: "，")
    }
}

public enum AttendanceRules {
    /// Late and early leave from the shift times. A missing sign-out is not early leave by itself
    /// (the station may forget to record it); it shows as a record problem instead.
    public static func derive(startsAt: ClockTime, endsAt: ClockTime, signIn: ClockTime?, signOut: ClockTime?,
                              graceMinutes: Int = 0) -> AttendanceOutcome {
        guard let signIn else { return AttendanceOutcome(signedIn: false, lateMinutes: 0, earlyMinutes: 0) }
        let late = signIn.minutes - startsAt.minutes
        let early = signOut.map { endsAt.minutes - $0.minutes } ?? 0
        return AttendanceOutcome(signedIn: true, lateMinutes: late > graceMinutes ? late : 0,
                                 earlyMinutes: early > graceMinutes ? early : 0)
    }
}

/// Whether an attendance time is possible for its duty, judged against the station's clock
/// (issue 19): nothing in the future, no sign-out before the sign-in, no sign-in after the duty
/// has ended, and roll calls only within the duty's hours. Each refusal is a Chinese sentence.
public enum AttendanceValidation {
    /// The local date and time now.
    public struct Now: Sendable, Hashable {
        public var day: LocalDate
        public var time: ClockTime
        public init(day: LocalDate, time: ClockTime) { self.day = day; self.time = time }
    }

    /// nil when `at` is not after now on the duty's day.
    static func notInFuture(day: LocalDate, at: ClockTime, now: Now, what: String) -> String? {
        if day > now.day { return "值班日 \(day.iso) 还没到，不能登记\(what)" }
        if day == now.day && at > now.time { return "\(what)时间 \(at) 晚于现在（\(now.time)），不能预先登记" }
        return nil
    }

    public static func signIn(day: LocalDate, startsAt: ClockTime, endsAt: ClockTime, at: ClockTime, now: Now) -> String? {
        if let problem = notInFuture(day: day, at: at, now: now, what: "签到") { return problem }
        if at >= endsAt { return "签到时间 \(at) 不早于值班结束时间 \(endsAt)，不能签到（未到岗的班次按“待核实”处理）" }
        return nil
    }

    public static func signOut(day: LocalDate, signIn: ClockTime?, at: ClockTime, now: Now) -> String? {
        if let problem = notInFuture(day: day, at: at, now: now, what: "签退") { return problem }
        if let signIn, at <= signIn { return "签退时间 \(at) 不晚于签到时间 \(signIn)" }
        return nil
    }

    public static func spotCheck(day: LocalDate, startsAt: ClockTime, endsAt: ClockTime, at: ClockTime, now: Now) -> String? {
        if let problem = notInFuture(day: day, at: at, now: now, what: "点名抽查") { return problem }
        if at < startsAt || at > endsAt { return "点名抽查时间 \(at) 不在值班时间 \(startsAt)–\(endsAt) 内" }
        return nil
    }
}

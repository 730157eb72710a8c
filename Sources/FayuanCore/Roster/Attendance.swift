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

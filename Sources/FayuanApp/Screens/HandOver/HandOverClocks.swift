import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// The clock context of a hand-over, read the same way by the console and the command line: the
/// receiving centre's region picks the local settings (山西 designation, 安徽 family notice and
/// pauses) and the review period and counting of the rule library; the store's setting picks
/// which review deadline is shown.
public enum HandOverClocks {
    public static func context(rules: RuleLibrary, receiver: Station?, basis: ReviewClockBasis, on day: LocalDate) -> HandOverClockContext {
        let region = receiver.map { String($0.code.prefix(6)) } ?? ""
        let planner = CaseDeadlines(rules: rules, region: region, on: day).planner
        return HandOverClockContext(policy: .forRegion(region, basis: basis), planner: planner)
    }

    /// The local wall-clock minute of `date` in `timeZone`.
    public static func local(_ date: Date, timeZone: TimeZone = .current) -> LocalDateTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = LocalDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(year: 2000, month: 1, day: 1)!
        return LocalDateTime(date: day, minuteOfDay: (c.hour ?? 0) * 60 + (c.minute ?? 0))
    }
}

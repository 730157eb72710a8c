/// Board order: the case whose deadline is most at risk comes first, so nothing statutory is
/// missed. Overdue (longest overdue first) → due today → fewest days left → no clock; within
/// the same urgency the green channel (优先审查、优先指派) goes first, then the older case.
public enum Urgency {
    public struct Key: Sendable, Hashable, Comparable {
        public var clock: CaseClock.Status?
        public var priority: Int
        public var appliedOn: LocalDate
        public var caseID: Int64

        /// `priority`: 2 statutory, 1 policy green channel, 0 none.
        public init(clock: CaseClock.Status?, priority: Int, appliedOn: LocalDate, caseID: Int64) {
            self.clock = clock; self.priority = priority; self.appliedOn = appliedOn; self.caseID = caseID
        }

        public static func < (a: Key, b: Key) -> Bool {
            switch (a.clock, b.clock) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.priority != b.priority { return a.priority > b.priority }
            if a.appliedOn != b.appliedOn { return a.appliedOn < b.appliedOn }
            return a.caseID < b.caseID
        }
    }

    public static func priorityRank(_ code: String) -> Int {
        switch code {
        case "statutory": return 2
        case "policy": return 1
        default: return 0
        }
    }
}

/// 回访: follow-ups with the recipient before, during and after handling.
public enum ReturnVisitPhase: String, Sendable, Hashable, CaseIterable {
    case before, during, after
    public var label: String {
        switch self {
        case .before: return "案前告知"
        case .during: return "案中回访"
        case .after: return "结案回访"
        }
    }
}

/// The figures the pipeline feeds (targets in shared/domain/local-policies.md).
public enum CaseFigures {
    /// 及时结案归档率: of the cases closed, the share archived within `limitDays` of closing.
    /// A case closed but not archived counts against the rate once its limit has passed.
    public static func timelyCloseAndArchiveRate(_ cases: [(closed: LocalDate, archived: LocalDate?)],
                                                 limitDays: Int, today: LocalDate) -> Rate {
        var due = 0, timely = 0
        for c in cases {
            if let archived = c.archived {
                due += 1
                if c.closed.days(to: archived) <= limitDays { timely += 1 }
            } else if c.closed.days(to: today) > limitDays {
                due += 1
            }
        }
        return Rate(numerator: timely, denominator: due)
    }

    /// A share with its parts, so reports can show "12/15 (80.0%)".
    public struct Rate: Sendable, Hashable {
        public var numerator: Int
        public var denominator: Int
        public init(numerator: Int, denominator: Int) { self.numerator = numerator; self.denominator = denominator }

        /// Per mille, rounded (integer arithmetic keeps reports reproducible).
        public var perMille: Int? { denominator == 0 ? nil : (numerator * 1000 + denominator / 2) / denominator }

        public var text: String {
            guard let pm = perMille else { return "—（无案件）" }
            return "\(numerator)/\(denominator)（\(pm / 10).\(pm % 10)%）"
        }
    }
}

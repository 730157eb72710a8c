/// 名优律师团: each member personally handles (亲自办理) at least 5 aid cases a calendar year
/// (seed-000 L61). A "1+1" case counts for the mentor only when the mentor is marked as
/// personally handling it; as mentor only it does not count.
public enum LeadingLawyerQuota {
    /// The default yearly minimum; a centre's setting may change it.
    public static let defaultMinimum = 5

    /// One case as the count reads it.
    public struct CaseCredit: Sendable, Hashable {
        public var caseID: Int64
        /// The case's handling lawyer (aid_case.provider_id).
        public var handlerID: Int64?
        /// When the case is a "1+1" case: the mentor, and whether the mentor handles it personally.
        public var mentorID: Int64?
        public var mentorPersonally: Bool
        public init(caseID: Int64, handlerID: Int64?, mentorID: Int64? = nil, mentorPersonally: Bool = false) {
            self.caseID = caseID; self.handlerID = handlerID; self.mentorID = mentorID; self.mentorPersonally = mentorPersonally
        }
    }

    /// Whether the case counts as personally handled by `lawyer`.
    public static func counts(_ c: CaseCredit, for lawyer: Int64) -> Bool {
        if c.mentorID == lawyer { return c.mentorPersonally }
        return c.handlerID == lawyer
    }

    /// The count for `lawyer` over the year's cases.
    public static func personalCount(_ cases: [CaseCredit], for lawyer: Int64) -> Int {
        cases.filter { counts($0, for: lawyer) }.count
    }

    /// "3/5".
    public static func figure(count: Int, minimum: Int) -> String { "\(count)/\(minimum)" }
}

/// "1+1" 结对 (老带新): rules a pair must meet when it is recorded.
public enum MentorshipRules {
    /// A mentor is a leading lawyer or has at least this many years' practice [I].
    public static let defaultMentorYears = 5

    public static func validate(mentorID: Int64, menteeID: Int64, mentorIsLeading: Bool, mentorPracticeYears: Int?,
                                minimumYears: Int = defaultMentorYears) throws(PoolInputError) {
        guard mentorID != menteeID else { throw PoolInputError(field: "mentee", message: "带教律师和青年律师不能是同一人") }
        if !mentorIsLeading, (mentorPracticeYears ?? 0) < minimumYears {
            throw PoolInputError(field: "mentor",
                                 message: "带教律师须为名优律师或执业满 \(minimumYears) 年（现为 \(mentorPracticeYears.map { "\($0) 年" } ?? "未登记")）")
        }
    }
}

/// 值班律师“一次警告、二次清退” (seed-003 L115): the second warning within a year proposes removal
/// from the duty lawyer pool; the removal itself is a decision a person records.
public enum DutyWarningRule {
    public static let removalAt = 2

    /// Whether `warningsInYear` warnings propose removal.
    public static func proposesRemoval(warningsInYear: Int) -> Bool { warningsInYear >= removalAt }
}

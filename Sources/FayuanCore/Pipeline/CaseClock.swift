/// A statutory clock running on a case: what is due, by when, and how urgent it is today.
public struct CaseClock: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 审查期限 (Art 43 ¶1: decide within seven days of receiving the application).
        case review
        /// 指派期限 (Art 43 ¶1: assign within three days of the grant; Art 36: of the notification).
        case assignment
        /// 转交期限 (Art 39: a detained applicant's application is passed on within 24 hours).
        case transfer
        /// 异议审查 (Art 49: the justice bureau reviews an objection within five days).
        case objection
        /// 补正期限 (容缺受理: missing documents to be supplied by a date).
        case documents

        public var label: String {
            switch self {
            case .review: return "审查期限"
            case .assignment: return "指派期限"
            case .transfer: return "24小时转交"
            case .objection: return "异议审查"
            case .documents: return "补正材料"
            }
        }

        public var shortLabel: String {
            switch self {
            case .review: return "审查"
            case .assignment: return "指派"
            case .transfer: return "转交"
            case .objection: return "异议"
            case .documents: return "补正"
            }
        }
    }

    public enum Status: Sendable, Hashable, Comparable {
        case overdue(days: Int)
        case dueToday
        case running(daysLeft: Int)
        /// The due date could not be computed (no holiday table for the year): shown, never guessed.
        case unknown(reason: String)

        /// Lower is more urgent.
        var rank: (Int, Int) {
            switch self {
            case .overdue(let d): return (0, -d)
            case .dueToday: return (1, 0)
            case .running(let left): return (2, left)
            case .unknown: return (3, 0)
            }
        }

        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }

        /// Symbol and words, never colour alone: "✗ 已超期 3 天", "⚠ 今日到期", "剩 2 天".
        public var text: String {
            switch self {
            case .overdue(let d): return "✗ 已超期 \(d) 天"
            case .dueToday: return "⚠ 今日到期"
            case .running(let left): return left == 1 ? "· 明日到期" : "· 剩 \(left) 天"
            case .unknown: return "? 期限未知"
            }
        }

        public var isOverdue: Bool { if case .overdue = self { return true } else { return false } }
        public var isDueToday: Bool { self == .dueToday }
    }

    public var kind: Kind
    /// The last day of the period (nil when it could not be computed).
    public var due: LocalDate?
    /// For the 24-hour transfer: the moment it runs out, "2026-06-08 15:30".
    public var dueTime: String?
    public var status: Status
    /// The due date rests on a provisional holiday year (no State Council notice yet): 暂定.
    public var provisional: Bool

    public init(kind: Kind, due: LocalDate?, dueTime: String? = nil, status: Status, provisional: Bool = false) {
        self.kind = kind; self.due = due; self.dueTime = dueTime; self.status = status
        self.provisional = provisional
    }

    /// The status of a date-based clock on `today`.
    public static func status(due: LocalDate, today: LocalDate) -> Status {
        let left = today.days(to: due)
        if left < 0 { return .overdue(days: -left) }
        if left == 0 { return .dueToday }
        return .running(daysLeft: left)
    }

    /// "审查 ⚠ 今日到期 06-15".
    public var summary: String {
        let date = due.map { " " + String($0.iso.dropFirst(5)) } ?? ""
        return "\(kind.shortLabel) \(status.text)\(dueTime == nil ? date : " " + dueTime!.suffix(11))\(provisional ? " 暂定" : "")"
    }
}

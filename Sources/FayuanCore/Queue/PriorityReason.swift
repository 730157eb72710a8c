/// Why a ticket goes first (绿色通道 / 优先窗口), as data. Codes are the rule library's applicant
/// group codes where one exists (elderly and minor are the derived groups), so a ticket's reason
/// can be carried into the application; the rest (孕妇…) are queue-only courtesy reasons.
public struct PriorityReason: Sendable, Hashable, Codable {
    public let code: String
    /// What the window and the ticket slip show, short enough for a list column.
    public let label: String
    /// True when the code is a group in the rule library (`GroupCode`).
    public let isApplicantGroup: Bool

    public init(code: String, label: String, isApplicantGroup: Bool) {
        self.code = code; self.label = label; self.isApplicantGroup = isApplicantGroup
    }

    public static let all: [PriorityReason] = [
        PriorityReason(code: GroupCode.elderly.rawValue, label: "老年人", isApplicantGroup: true),
        PriorityReason(code: "disabled", label: "残疾人", isApplicantGroup: true),
        PriorityReason(code: "migrant_worker", label: "农民工讨薪", isApplicantGroup: true),
        PriorityReason(code: "serviceman", label: "军人", isApplicantGroup: true),
        PriorityReason(code: "military_family", label: "军属", isApplicantGroup: true),
        PriorityReason(code: "veteran", label: "退役军人", isApplicantGroup: true),
        PriorityReason(code: "martyr_family", label: "烈士遗属", isApplicantGroup: true),
        PriorityReason(code: GroupCode.minor.rawValue, label: "未成年人", isApplicantGroup: true),
        PriorityReason(code: "serious_illness", label: "重病患者", isApplicantGroup: true),
        PriorityReason(code: "pregnant", label: "孕妇", isApplicantGroup: false),
        PriorityReason(code: "with_infant", label: "怀抱婴儿", isApplicantGroup: false),
        PriorityReason(code: "other_priority", label: "其他优先", isApplicantGroup: false),
    ]

    public static func named(_ code: String) -> PriorityReason? { all.first { $0.code == code } }

    /// The symbol that marks priority beside the word, never colour alone.
    public static let mark = "★"
}

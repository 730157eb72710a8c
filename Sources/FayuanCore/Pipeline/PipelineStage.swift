/// Where a case stands on the pipeline board. The store keeps the statutory step (`CaseStep`);
/// the board groups those steps into what the centre has to do next.
public enum PipelineStage: String, Sendable, Codable, CaseIterable, Comparable {
    /// 受理: received, not yet accepted (24-hour transfer clock for detained applicants).
    case intake
    /// 审查: accepted, the decision is due (Art 43: seven days).
    case review
    /// 指派: aid granted, a lawyer is to be assigned (Art 43: three days).
    case assignment
    /// 办理中: assigned, the lawyer is handling it.
    case handling
    /// 待结案审查: the lawyer has submitted the file for the closing review.
    case closingReview = "closing_review"
    /// 已结案: closed, to be archived.
    case closed
    /// 已归档.
    case archived
    /// Ended early: refused, terminated (Art 48) or withdrawn.
    case ended

    public var label: String {
        switch self {
        case .intake: return "受理"
        case .review: return "审查"
        case .assignment: return "指派"
        case .handling: return "办理中"
        case .closingReview: return "待结案审查"
        case .closed: return "已结案"
        case .archived: return "已归档"
        case .ended: return "已终结"
        }
    }

    /// The stored step code (`aid_case.step`) plus whether the file has been submitted for closing.
    /// A notification case (通知辩护/代理) has no review: once accepted it waits for assignment
    /// (Art 36), so an accepted notification case stands at 指派.
    public init(step: String, closingSubmitted: Bool, route: String = "application") {
        switch step {
        case "applied": self = .intake
        case "accepted": self = route == "notification" ? .assignment : .review
        case "granted": self = .assignment
        case "assigned", "handling": self = closingSubmitted ? .closingReview : .handling
        case "closed": self = .closed
        case "archived": self = .archived
        default: self = .ended
        }
    }

    public static func < (a: PipelineStage, b: PipelineStage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

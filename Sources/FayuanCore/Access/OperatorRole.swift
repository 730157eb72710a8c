/// Who an operator is at the console. Raw values are the stored codes.
public enum OperatorRole: String, Sendable, Codable, CaseIterable {
    case windowClerk = "window_clerk", dutyLawyer = "duty_lawyer", reviewer, admin
    /// 中心主任: sees everything, approves subsidies, signs decisions (v17-admin).
    case centreHead = "centre_head"

    public var label: String {
        switch self {
        case .windowClerk: return "窗口工作人员"
        case .dutyLawyer: return "值班律师"
        case .reviewer: return "审查人员"
        case .admin: return "管理员"
        case .centreHead: return "中心主任"
        }
    }
}

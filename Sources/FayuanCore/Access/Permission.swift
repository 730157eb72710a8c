/// Something an operator may or may not do. Checked in the core and the store (not only by
/// hiding menu items), so a screen that forgets to hide an action still cannot perform it.
public enum Permission: String, Sendable, CaseIterable {
    // Front desk
    case registerConsultation, issueTicket, callTicket, takeApplication, acceptApplication, refuseAtWindow
    // Case pipeline
    case decideApplication, assignLawyer, terminateAid, closeCase, archiveCase, recordReturnVisit, qualityReview
    case recordCaseProgress
    // Duty
    case signInDuty, editRoster, recordSpotCheck, approveSubsidy
    // Figures and data
    case viewReports, exportData
    // Privacy
    case revealIdentity
    // Administration
    case manageOperators, manageSiteRules, manageSettings, viewAudit

    public var label: String {
        switch self {
        case .registerConsultation: return "登记咨询"
        case .issueTicket: return "取号"
        case .callTicket: return "叫号"
        case .takeApplication: return "填写援助申请"
        case .acceptApplication: return "受理申请"
        case .refuseAtWindow: return "窗口不予受理登记"
        case .decideApplication: return "作出给予/不予援助决定"
        case .assignLawyer: return "指派承办人员"
        case .terminateAid: return "终止法律援助"
        case .closeCase: return "结案审查"
        case .archiveCase: return "归档"
        case .recordReturnVisit: return "登记回访"
        case .qualityReview: return "案件质量评查"
        case .recordCaseProgress: return "登记办案进展"
        case .signInDuty: return "值班签到签退"
        case .editRoster: return "编排值班表"
        case .recordSpotCheck: return "登记点名抽查"
        case .approveSubsidy: return "核定补贴"
        case .viewReports: return "查看统计报表"
        case .exportData: return "导出数据"
        case .revealIdentity: return "查看完整证件号码和电话"
        case .manageOperators: return "管理操作员"
        case .manageSiteRules: return "管理本地规则"
        case .manageSettings: return "修改系统设置"
        case .viewAudit: return "查看审计日志"
        }
    }
}

/// The permission matrix: one place, tested cell by cell.
public enum AccessPolicy {
    public static func permissions(of role: OperatorRole) -> Set<Permission> {
        let frontDesk: Set<Permission> = [.registerConsultation, .issueTicket, .callTicket, .takeApplication,
                                          .revealIdentity, .signInDuty]
        switch role {
        case .windowClerk:
            return frontDesk.union([.acceptApplication, .refuseAtWindow, .recordReturnVisit])
        case .dutyLawyer:
            // Duty lawyers advise and forward applications; they neither accept nor decide.
            return frontDesk.union([.recordCaseProgress])
        case .reviewer:
            return frontDesk.union([.acceptApplication, .refuseAtWindow, .decideApplication, .assignLawyer,
                                    .terminateAid, .closeCase, .archiveCase, .recordReturnVisit, .qualityReview,
                                    .recordCaseProgress, .editRoster, .recordSpotCheck, .approveSubsidy,
                                    .viewReports, .exportData])
        case .admin:
            return [.manageOperators, .manageSiteRules, .manageSettings, .viewAudit, .editRoster,
                    .recordSpotCheck, .viewReports, .exportData, .revealIdentity, .issueTicket]
        case .centreHead:
            // 中心主任: everything a reviewer does (decides, approves subsidies, signs), reads the
            // audit and sets the centre's local policy values; people and settings stay with the
            // administrator.
            return permissions(of: .reviewer).union([.viewAudit, .manageSiteRules])
        }
    }

    public static func allows(_ role: OperatorRole, _ permission: Permission) -> Bool {
        permissions(of: role).contains(permission)
    }

    /// Throws a Chinese refusal when the role may not do this.
    public static func require(_ role: OperatorRole, _ permission: Permission) throws(PermissionDenied) {
        guard allows(role, permission) else { throw PermissionDenied(role: role, permission: permission) }
    }
}

public struct PermissionDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public let role: OperatorRole
    public let permission: Permission
    public init(role: OperatorRole, permission: Permission) { self.role = role; self.permission = permission }
    public var description: String { "无权操作：\(role.label)不能\(permission.label)" }
}

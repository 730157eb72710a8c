import Testing
@testable import FayuanCore

/// The permission matrix, cell by cell: a change to the policy must change this table too.
@Suite struct AccessPolicyTests {
    // W = 窗口, L = 值班律师, R = 审查/主任, A = 管理员
    static let expected: [Permission: String] = [
        .registerConsultation: "WLR", .issueTicket: "WLRA", .callTicket: "WLR", .takeApplication: "WLR",
        .acceptApplication: "WR", .refuseAtWindow: "WR",
        .decideApplication: "R", .assignLawyer: "R", .terminateAid: "R", .closeCase: "R", .archiveCase: "R",
        .recordReturnVisit: "WR", .qualityReview: "R", .recordCaseProgress: "LR",
        .signInDuty: "WLR", .editRoster: "RA", .recordSpotCheck: "RA", .approveSubsidy: "R",
        .viewReports: "RA", .exportData: "RA", .revealIdentity: "WLRA",
        .manageOperators: "A", .manageSiteRules: "A", .manageSettings: "A", .viewAudit: "A",
    ]
    static let letter: [OperatorRole: Character] = [.windowClerk: "W", .dutyLawyer: "L", .reviewer: "R", .admin: "A"]

    @Test(arguments: OperatorRole.allCases)
    func everyCellMatchesTheTable(role: OperatorRole) {
        for permission in Permission.allCases {
            let allowed = Self.expected[permission]?.contains(Self.letter[role]!) ?? false
            #expect(AccessPolicy.allows(role, permission) == allowed, "\(role.label) · \(permission.label)")
        }
    }

    @Test func tableCoversEveryPermission() {
        #expect(Set(Self.expected.keys) == Set(Permission.allCases))
    }

    @Test func dutyLawyerCannotDecideOrChangeTheRoster() {
        #expect(throws: PermissionDenied(role: .dutyLawyer, permission: .decideApplication)) {
            try AccessPolicy.require(.dutyLawyer, .decideApplication)
        }
        #expect(throws: PermissionDenied.self) { try AccessPolicy.require(.dutyLawyer, .editRoster) }
        #expect(PermissionDenied(role: .dutyLawyer, permission: .editRoster).description == "无权操作：值班律师不能编排值班表")
    }

    @Test func onlyReviewersDecideAndAssignOnlyAdministratorsManage() {
        for role in OperatorRole.allCases {
            #expect(AccessPolicy.allows(role, .decideApplication) == (role == .reviewer))
            #expect(AccessPolicy.allows(role, .assignLawyer) == (role == .reviewer))
            #expect(AccessPolicy.allows(role, .manageOperators) == (role == .admin))
            #expect(AccessPolicy.allows(role, .manageSiteRules) == (role == .admin))
        }
    }
}

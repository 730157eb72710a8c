import Foundation
import Testing
@testable import FayuanCore

/// The permission matrix, cell by cell: a change to the policy must change this table too.
@Suite struct AccessPolicyTests {
    // W = 窗口, L = 值班律师, R = 审查, H = 中心主任, A = 管理员
    static let expected: [Permission: String] = [
        .registerConsultation: "WLRH", .issueTicket: "WLRHA", .callTicket: "WLRH", .takeApplication: "WLRH",
        .acceptApplication: "WRH", .refuseAtWindow: "WRH",
        .decideApplication: "RH", .assignLawyer: "RH", .terminateAid: "RH", .closeCase: "RH", .archiveCase: "RH",
        .recordReturnVisit: "WRH", .qualityReview: "RH", .recordCaseProgress: "LRH",
        .signInDuty: "WLRH", .editRoster: "RHA", .recordSpotCheck: "RHA", .approveSubsidy: "RH",
        .viewReports: "RHA", .exportData: "RHA", .revealIdentity: "WLRHA",
        .manageOperators: "A", .manageSiteRules: "HA", .manageSettings: "A", .viewAudit: "HA",
    ]
    static let letter: [OperatorRole: Character] = [.windowClerk: "W", .dutyLawyer: "L", .reviewer: "R", .centreHead: "H", .admin: "A"]

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

    @Test func onlyReviewersAndTheHeadDecideOnlyAdministratorsManagePeople() {
        for role in OperatorRole.allCases {
            #expect(AccessPolicy.allows(role, .decideApplication) == (role == .reviewer || role == .centreHead))
            #expect(AccessPolicy.allows(role, .assignLawyer) == (role == .reviewer || role == .centreHead))
            #expect(AccessPolicy.allows(role, .manageOperators) == (role == .admin))
            #expect(AccessPolicy.allows(role, .manageSettings) == (role == .admin))
            #expect(AccessPolicy.allows(role, .manageSiteRules) == (role == .admin || role == .centreHead))
        }
    }

    @Test func theCentreHeadSeesEverythingButPeopleAndSettings() {
        let head = AccessPolicy.permissions(of: .centreHead)
        #expect(head.isSuperset(of: AccessPolicy.permissions(of: .reviewer)))
        #expect(head.contains(.approveSubsidy) && head.contains(.viewAudit) && head.contains(.decideApplication))
        #expect(OperatorRole.centreHead.label == "中心主任")
        #expect(OperatorRole(rawValue: "centre_head") == .centreHead)
    }

    /// docs/permissions.md is generated from the matrix; this fails when the two drift apart.
    /// Regenerate with FAYUAN_WRITE_DOCS=1 swift test --filter AccessPolicyTests.
    @Test func permissionsDocumentMatchesTheMatrix() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/permissions.md").path
        let generated = AccessPolicy.markdown()
        if ProcessInfo.processInfo.environment["FAYUAN_WRITE_DOCS"] == "1" {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(onDisk == generated, "docs/permissions.md 与权限矩阵不一致：请用 FAYUAN_WRITE_DOCS=1 重新生成")
    }
}

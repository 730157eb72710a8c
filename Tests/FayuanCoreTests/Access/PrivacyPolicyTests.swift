import Testing
@testable import FayuanCore

@Suite struct PrivacyPolicyTests {
    @Test func numbersAreMaskedTheSameEverywhere() throws {
        #expect(PrivacyPolicy.maskPhone("13812345678") == "138****5678")
        #expect(PrivacyPolicy.maskPhone("12348") == "12348", "服务热线不是个人号码")
        #expect(PrivacyPolicy.maskIDNumber("11010519491231002X") == "1101**********002X")
        let id = try IDNumber.parse("11010519491231002x").get()
        #expect(id.masked == PrivacyPolicy.maskIDNumber("11010519491231002X"))
    }

    @Test func confidentialCaseHidesContactFromAllButTheAssignedLawyerAndReviewers() {
        func see(_ role: OperatorRole, provider: Int64? = nil, confidential: Bool, assigned: Int64? = 7) -> PrivacyPolicy.ContactVisibility {
            PrivacyPolicy.contact(viewerRole: role, viewerProviderID: provider, confidential: confidential, assignedProviderID: assigned)
        }
        // An ordinary case: everyone who may reveal sees it masked.
        for role in OperatorRole.allCases {
            #expect(see(role, confidential: false) == .maskedRevealable, "\(role.label)")
        }
        // 保密 (domestic violence): only reviewers and the assigned lawyer.
        #expect(see(.reviewer, confidential: true) == .maskedRevealable)
        #expect(see(.dutyLawyer, provider: 7, confidential: true) == .maskedRevealable, "承办律师可见")
        #expect(see(.dutyLawyer, provider: 8, confidential: true) == .hidden, "其他律师不可见")
        #expect(see(.windowClerk, confidential: true) == .hidden)
        #expect(see(.admin, confidential: true) == .hidden, "管理员也不可见")
        #expect(PrivacyPolicy.hiddenText == "（保密）")
    }
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// 保密 cases: the applicant's contact is for the assigned lawyer and reviewers only.
@Suite struct ConfidentialityTests {
    @Test func onlyReviewersAndTheAssignedLawyerSeeTheContact() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let lawyer = try store.addProvider(Provider(name: "赵律师", kind: .lawyer, stationID: centre.id), by: nil)
        let other = try store.addProvider(Provider(name: "钱律师", kind: .lawyer, stationID: centre.id), by: nil)
        let victim = try store.saveApplicant(Applicant(name: "孙秀兰", idType: "resident", idNumber: "11010519491231002X",
                                                      phone: "13912345678", address: "泽州县某村"), by: clerk.id)
        let caseID = try store.write { db -> Int64 in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO aid_case(centre_id, station_id, applicant_id, kind, cause, step, applied_on, provider_id, created_at, updated_at)
                VALUES (?, ?, ?, 'civil', 'domestic_violence', 'assigned', '2026-06-08', ?, '2026-06-08', '2026-06-08')
                """, arguments: [centre.id, centre.id, victim.id, lawyer.id])
            return insertedID
        }
        // Before the mark, a clerk may reveal (audited).
        #expect(try store.revealApplicant(victim.id!, field: "phone", by: clerk) == "13912345678")
        try store.setCaseConfidential(caseID, true, by: clerk)
        #expect(throws: StoreError.self) { try store.revealApplicant(victim.id!, field: "phone", by: clerk) }
        let admin = Operator(id: 99, name: "管理员", role: .admin)
        #expect(throws: StoreError.self) { try store.revealApplicant(victim.id!, field: "phone", by: admin) }
        let reviewer = Operator(id: 98, name: "审查员", role: .reviewer)
        #expect(try store.revealApplicant(victim.id!, field: "phone", by: reviewer) == "13912345678")
        var assigned = Operator(id: 97, name: "赵律师", role: .dutyLawyer)
        assigned.providerID = lawyer.id
        #expect(try store.revealApplicant(victim.id!, field: "phone", by: assigned) == "13912345678")
        var someoneElse = Operator(id: 96, name: "钱律师", role: .dutyLawyer)
        someoneElse.providerID = other.id
        #expect(throws: StoreError.self) { try store.revealApplicant(victim.id!, field: "phone", by: someoneElse) }
        // The full identity number of a 保密 applicant is protected like the contact (issue 17).
        #expect(throws: StoreError.self) { try store.revealApplicant(victim.id!, field: "id_number", by: clerk) }
        #expect(throws: StoreError.self) { try store.revealApplicant(victim.id!, field: "id_number", by: someoneElse) }
        #expect(try store.revealApplicant(victim.id!, field: "id_number", by: assigned) == "11010519491231002X")
        // Masked contact disappears from lists too.
        #expect(try store.searchApplicants("孙秀兰").first?.phoneMasked == "（保密）")
        #expect(try store.pipelineBoard().first { $0.id == caseID }?.phoneMasked == "（保密）")
        // Only a reviewer lifts the mark.
        #expect(throws: PermissionDenied.self) { try store.setCaseConfidential(caseID, false, by: clerk) }
        try store.setCaseConfidential(caseID, false, by: reviewer)
        #expect(try store.searchApplicants("孙秀兰").first?.phoneMasked == "139****5678")
        #expect(try store.verifyAuditChain() == nil)
    }
}

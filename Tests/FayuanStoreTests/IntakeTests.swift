import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

@Suite struct IntakeTests {
    static func applicant(_ store: CaseStore, _ name: String, id: String? = nil) throws -> Applicant {
        try store.saveApplicant(Applicant(name: name, idNumber: id), by: nil)
    }

    static func intake(_ centre: Station, _ person: Applicant, missingDue: String? = "2026-06-23") -> ApplicationIntake {
        ApplicationIntake(applicantID: person.id!, stationID: centre.id!, centreID: centre.id!, kind: .civil,
                          cause: "labor_remuneration", opposingParty: "晋城市 某建筑公司", summary: "拖欠工资三个月",
                          appliedOn: "2026-06-08", economicCheck: "not_applicable", reviewDue: "2026-06-11",
                          householdSize: 3, incomePerCapitaFen: 100_000, hardshipEvidence: .commitment,
                          documents: [CaseDocumentEntry(code: "identity", label: "申请人身份证明", status: .received),
                                      CaseDocumentEntry(code: "household", label: "户口簿或居住证明", status: .missing, dueOn: missingDue)])
    }

    @Test func migrationV4IsApplied() throws {
        let dir = TempDir()
        let (store, _, _) = try makeStoreWithStation(dir)
        #expect(try store.appliedMigrations().contains("v4-intake"))
    }

    @Test func consultationIsAuditedAndNeedsThePermission() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let before = try store.auditCount()
        let c = Consultation(stationID: centre.id!, operatorID: clerk.id, visitorName: "张三丰", channel: .hotline12348,
                             topic: "labor_remuneration", question: "拖欠工资", answer: "可申请仲裁", referral: "aid_application",
                             satisfaction: .satisfied, durationMinutes: 6, day: "2026-06-08")
        let saved = try store.registerConsultation(c, role: .windowClerk)
        #expect(saved.id != nil)
        #expect(try store.auditCount() == before + 1)
        #expect(try store.consultations(stationID: centre.id!, day: "2026-06-08").map(\.visitorName) == ["张三丰"])
        #expect(throws: PermissionDenied.self) { try store.registerConsultation(c, role: .admin) }
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test func acceptingAllocatesNumberAndRecordsClocksAndMissingDocuments() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try Self.applicant(store, "张三丰", id: "11010519491231002X")
        let c = try store.takeApplication(Self.intake(centre, person), accept: true, acceptedOn: "2026-06-08",
                                          role: .windowClerk, by: clerk.id)
        #expect(c.step == .accepted)
        #expect(c.caseNumber == "〔2026〕民援字第0001号")
        #expect(try store.reviewDue(c.id!) == "2026-06-11")
        let docs = try store.caseDocuments(c.id!)
        #expect(docs.map(\.status) == [.received, .missing])
        #expect(docs[1].dueOn == "2026-06-23")
        #expect(try store.caseTimeline(c.id!).map(\.kind) == ["applied", "accept"])
        #expect(try store.findCases("张三丰").map(\.caseNumber) == ["〔2026〕民援字第0001号"])
        #expect(try store.findCases("〔2026〕民援字第0001号").count == 1)
        #expect(try store.openCases(applicantID: person.id!).map(\.caseNumber) == ["〔2026〕民援字第0001号"])
        let second = try store.takeApplication(Self.intake(centre, person), accept: true, acceptedOn: "2026-06-09",
                                               role: .reviewer, by: clerk.id)
        #expect(second.caseNumber == "〔2026〕民援字第0002号")
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test func dutyLawyerRegistersButCannotAccept() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try Self.applicant(store, "李桂英")
        #expect(throws: PermissionDenied.self) {
            try store.takeApplication(Self.intake(centre, person), accept: true, acceptedOn: "2026-06-08", role: .dutyLawyer, by: clerk.id)
        }
        let c = try store.takeApplication(Self.intake(centre, person), accept: false, acceptedOn: nil, role: .dutyLawyer, by: clerk.id)
        #expect(c.step == .applied && c.caseNumber == nil)
        #expect(throws: PermissionDenied.self) {
            try store.takeApplication(Self.intake(centre, person), accept: false, acceptedOn: nil, role: .admin, by: clerk.id)
        }
    }

    @Test func missingDocumentNeedsADueDateAndNothingIsWritten() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try Self.applicant(store, "王五")
        #expect(throws: StoreError.self) {
            try store.takeApplication(Self.intake(centre, person, missingDue: nil), accept: true, acceptedOn: "2026-06-08",
                                      role: .windowClerk, by: clerk.id)
        }
        #expect(try store.findCases("王五").isEmpty)
    }

    @Test func conflictFindsOpposingPartyAmongClientsAndProviderCases() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let lisi = try Self.applicant(store, "李四")
        let c = try store.takeApplication(Self.intake(centre, lisi), accept: true, acceptedOn: "2026-06-08", role: .reviewer, by: clerk.id)
        let lawyer = try store.addProvider(Provider(name: "赵律师", kind: .lawyer), by: nil)
        try store.write { db in try db.execute(sql: "UPDATE aid_case SET provider_id = ? WHERE id = ?", arguments: [lawyer.id, c.id]) }
        var hits = try store.conflictHits(opposingParty: "李 四", applicantName: "张三丰", centreID: centre.id, providerID: nil)
        #expect(hits.map(\.relation) == [.centreClient])
        hits = try store.conflictHits(opposingParty: "李四", applicantName: "张三丰", centreID: centre.id, providerID: lawyer.id)
        #expect(hits.map(\.relation) == [.providerClient])
        // The applicant was the other side of an earlier case (opposing party stored normalized).
        hits = try store.conflictHits(opposingParty: "", applicantName: "晋城市某建筑公司", centreID: centre.id, providerID: nil)
        #expect(hits.map(\.relation) == [.applicantWasOpponent])
        #expect(try store.conflictHits(opposingParty: "王五", applicantName: "", centreID: centre.id, providerID: nil).isEmpty)
    }

    @Test func refusalAtTheWindowIsRecorded() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let r = WindowRefusal(stationID: centre.id!, operatorID: clerk.id, visitorName: "孙六", reason: "out_of_scope",
                              detail: "商业合同纠纷", referral: "mediation", day: "2026-06-08")
        #expect(try store.recordWindowRefusal(r, role: .windowClerk).id != nil)
        #expect(try store.windowRefusals(stationID: centre.id!, day: "2026-06-08").map(\.visitorName) == ["孙六"])
        #expect(throws: PermissionDenied.self) { try store.recordWindowRefusal(r, role: .dutyLawyer) }
        var bad = r
        bad.reason = "nonsense"
        #expect(throws: StoreError.self) { try store.recordWindowRefusal(bad, role: .windowClerk) }
    }

    @Test func intakeContextFindsTheCentreAndDraftsStayWithTheirOperator() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let town = try store.addStation(Station(code: "140525101", name: "南村镇公共法律服务工作站", kind: .township,
                                                parentID: centre.id), by: nil)
        let context = try store.intakeContext(stationID: town.id)
        #expect(context?.station.name == "南村镇公共法律服务工作站")
        #expect(context?.centre.name == "泽州县公共法律服务中心")
        #expect(context?.region == "140525")
        #expect(try store.intakeContext(stationID: nil)?.centre.id == centre.id)
        try store.saveDraft(operator: clerk.id!, form: "application", key: "", payload: "{}")
        #expect(try store.draft(operator: clerk.id!, form: "application", key: "") != nil)
        #expect(try store.draft(operator: clerk.id! + 1, form: "application", key: "") == nil)
    }
}

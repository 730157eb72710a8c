import Foundation
import Testing
@testable import FayuanCore

@Suite struct AidApplicationTests {
    static let day = LocalDate(iso: "2026-12-03")!

    static func sample() -> AidApplication {
        AidApplication(
            applicant: .init(name: "张三丰", identity: .init(typed: "11010519491231002x"), phone: "13812345678",
                             address: "山西省晋城市泽州县南村镇", needs: ["dialect"], groups: ["migrant_worker"]),
            matter: .init(kind: .civil, cause: "labor_remuneration", opposingParty: "晋城市某建筑公司", summary: "拖欠工资三个月"),
            economy: .init(householdSize: 3, monthlyIncomeFen: 300_000, evidence: .commitment),
            documents: .init(received: ["identity", "application_form"]),
            confidential: true, person: .existing(id: 7, acceptedChanges: [.phone]))
    }

    @Test func encodesAndDecodesAsTheDraft() throws {
        let a = Self.sample()
        let data = try JSONEncoder().encode(a)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("11010519491231002X"))   // stored normalised
        #expect(text.contains("张三丰"))
        let back = try JSONDecoder().decode(AidApplication.self, from: data)
        #expect(back == a)
    }

    @Test func invalidIdentityIsKeptAsInvalidNotNone() throws {
        let id = AidApplication.Identity(typed: "110105194912310021")
        guard case .invalid(let text, _) = id else { Issue.record("应为无效号码"); return }
        #expect(text == "110105194912310021")
        #expect(id.summaryText.hasPrefix("证件号码无效"))
        #expect(AidApplication.Identity(typed: "  ").summaryText == "无证件号码")
        var a = Self.sample()
        a.applicant.identity = id
        #expect(a.problems(appliedOn: Self.day).map(\.field).contains("applicant.identity"))
        let back = try JSONDecoder().decode(AidApplication.self, from: JSONEncoder().encode(a))
        #expect(back.applicant.identity == id)
    }

    @Test func documentStatusIsDecidedOnceWithTheDefaultDueDate() {
        let a = Self.sample()
        let statuses = a.documentStatuses(appliedOn: Self.day)
        #expect(statuses.first { $0.document.id == "identity" }?.status == .received)
        let household = statuses.first { $0.document.id == "household" }
        #expect(household?.status == .missing(due: LocalDate(iso: "2026-12-18")!))
        // No economic check: the hardship commitment is not needed.
        let exempt = a.documentStatuses(appliedOn: Self.day, hardshipProofNeeded: false)
        #expect(exempt.first { $0.document.id == "hardship_commitment" }?.status == .notNeeded)
        #expect(!a.missingDocuments(appliedOn: Self.day, hardshipProofNeeded: false).map(\.id).contains("hardship_commitment"))
        var chosen = a
        chosen.documents.dueDate = LocalDate(iso: "2026-12-10")
        #expect(chosen.documentStatuses(appliedOn: Self.day).first { $0.document.id == "household" }?.due == LocalDate(iso: "2026-12-10"))
        chosen.documents.dueDate = LocalDate(iso: "2026-12-01")
        #expect(chosen.problems(appliedOn: Self.day).map(\.field) == ["documents.dueDate"])
    }

    @Test func specialGroupAtTheAgeBoundaries() {
        var a = Self.sample()
        a.applicant.groups = []
        // 60 周岁 is reached the day after the 60th birthday.
        a.applicant.identity = .none
        a.applicant.birthDate = LocalDate(iso: "1966-12-03")
        #expect(!a.isSpecialGroup(on: Self.day))
        #expect(a.isSpecialGroup(on: Self.day.adding(days: 1)))
        // Under 18: special until the day after the 18th birthday.
        a.applicant.birthDate = LocalDate(iso: "2008-12-03")
        #expect(a.isSpecialGroup(on: Self.day))
        #expect(!a.isSpecialGroup(on: Self.day.adding(days: 1)))
        // The ID number's birth date wins over a typed one.
        a.applicant.identity = .init(typed: "11010519491231002X")
        #expect(a.isSpecialGroup(on: Self.day))
        a.applicant.identity = .none
        a.applicant.birthDate = LocalDate(iso: "1990-01-01")
        #expect(!a.isSpecialGroup(on: Self.day))
        a.applicant.groups = ["disabled"]
        #expect(a.isSpecialGroup(on: Self.day))
        a.applicant.groups = ["woman"]     // derived, not by itself special
        #expect(!a.isSpecialGroup(on: Self.day))
    }

    @Test func criminalMatterNeedsRoleAndStageAndStoresTheRole() {
        var a = Self.sample()
        a.matter = .init(kind: .criminal)
        #expect(a.problems(appliedOn: Self.day).map(\.field) == ["matter.criminal"])
        a.matter.criminal = .init(role: .victim, stage: .trial, flags: [.hasDefender])
        #expect(a.problems(appliedOn: Self.day).isEmpty)
        #expect(a.matter.storedCause == "victim")
        #expect(a.checklist.contains { $0.id == "criminal_documents" })
    }

    @Test func addressMasking() {
        #expect(PrivacyPolicy.maskAddress("山西省晋城市泽州县南村镇") == "山西省晋城市****")
        #expect(PrivacyPolicy.maskAddress("南村") == "**")
    }
}

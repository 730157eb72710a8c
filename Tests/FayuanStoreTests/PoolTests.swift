import FayuanCore
import Foundation
import GRDB
import Testing
@testable import FayuanStore

/// The pools in the store (round2-capabilities.md §5.7): the register by category and specialty,
/// memberships, volunteers (hours cap, exit, removal proposal), the 名优 yearly count with "1+1"
/// cases, and quality-review panels drawn reproducibly with recusal — each one transaction with
/// its audit entry.
@Suite struct PoolTests {
    struct World {
        let store: CaseStore
        let centre: Station
        let reviewer: Operator
        let closer: Operator
        /// 陈志远 (江苏连云所, 名优), 刘海燕 (江苏连云所), 孙建国 (赣榆正大所), 周晓梅 (赣榆正大所), 吴国平 (海州明法所), 郑丽君 (东海德衡所)
        let lawyers: [Provider]
    }

    static let firms = ["江苏连云律师事务所", "江苏连云律师事务所", "赣榆正大律师事务所", "赣榆正大律师事务所", "海州明法律师事务所", "东海德衡律师事务所"]

    static func world(_ dir: borrowing TempDir) throws -> World {
        let store = try openStore(dir.file("赣榆法援.db"))
        let centre = try store.addStation(Station(code: "320707000", name: "连云港市赣榆区公共法律服务中心", kind: .countyCentre,
                                                  population: 1_000_000), by: nil)
        let reviewer = try store.addOperator(Operator(name: "审查员徐静", role: .reviewer, stationID: centre.id), by: nil)
        let closer = try store.addOperator(Operator(name: "审查员马骏", role: .reviewer, stationID: centre.id), by: nil)
        var lawyers: [Provider] = []
        for (i, name) in ["陈志远", "刘海燕", "孙建国", "周晓梅", "吴国平", "郑丽君"].enumerated() {
            lawyers.append(try store.addProvider(Provider(name: name, kind: .lawyer, organisation: firms[i], phone: "1390518000\(i)",
                                                          stationID: centre.id), by: nil))
        }
        return World(store: store, centre: centre, reviewer: reviewer, closer: closer, lawyers: lawyers)
    }

    static func grantedCase(_ w: World, name: String, birthDate: String? = nil, kind: CaseKind = .civil,
                            cause: String = "labor_remuneration", applied: String = "2025-03-03") throws -> AidCase {
        let person = try w.store.saveApplicant(Applicant(name: name, birthDate: birthDate, phone: "13812341234"), by: nil)
        let opened = try w.store.openApplication(AidCase(centreID: w.centre.id!, stationID: w.centre.id!, applicantID: person.id!,
                                                         kind: kind, cause: cause, appliedOn: applied), by: w.reviewer.id)
        let accepted = try w.store.acceptCase(opened.id!, on: applied, by: w.reviewer.id)
        return try w.store.decide(accepted.id!, grant: true, reasons: ["in_scope_hardship"], text: "经济困难属实",
                                  on: applied, role: .reviewer, by: w.reviewer.id)
    }

    static func closedCase(_ w: World, name: String, handler: Provider, kind: CaseKind = .civil, day: String = "2025-03-04") throws -> Int64 {
        let c = try grantedCase(w, name: name, kind: kind, cause: kind == .criminal ? "suspect_defendant" : "labor_remuneration", applied: day)
        try w.store.assign(c.id!, to: handler.id!, suggestedID: nil, overrideReason: nil, explanation: "", on: day,
                           role: .reviewer, by: w.reviewer.id)
        try w.store.submitForClosing(c.id!, outcome: "调解结案", on: day, role: .reviewer, by: w.reviewer.id)
        try w.store.reviewClosing(c.id!, approve: true, note: "", on: day, role: .reviewer, by: w.closer.id)
        return c.id!
    }

    @Test func registerListsByPoolSpecialtyAndKindWithPhonesMasked() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        let chen = w.lawyers[0].id!
        #expect(throws: PermissionDenied.self) {
            try s.addToPool(chen, pool: .volunteerLawyers, joinedOn: "2025-01-02", role: .windowClerk, by: nil)
        }
        try s.setRegisterEntry(chen, licenceNo: "13207200810123456", practiceStart: "2008-07-01",
                               specialties: [.labor, .minors], role: .reviewer, by: w.reviewer.id)
        try s.addToPool(chen, pool: .volunteerLawyers, joinedOn: "2025-01-02", validTo: "2027-12-31", role: .reviewer, by: w.reviewer.id)
        try s.addToPool(chen, pool: .leadingLawyers, joinedOn: "2025-01-02", role: .reviewer, by: w.reviewer.id)
        do {
            try s.addToPool(chen, pool: .leadingLawyers, joinedOn: "2025-02-02", role: .reviewer, by: w.reviewer.id)
            Issue.record("重复入库应拒绝")
        } catch let StoreError.invalidInput(field, message) {
            #expect(field == "pool")
            #expect(message == "陈志远已在名优律师团中")
        }
        #expect(throws: StoreError.self) {
            try s.setRegisterEntry(chen, practiceStart: "2008-13-01", role: .reviewer, by: w.reviewer.id)
        }
        let grassroots = try s.enrolProvider(name: "黄德胜", kind: .grassrootsWorker, firm: "青口镇法律服务所", phone: nil, stationID: w.centre.id,
                                             role: .reviewer, by: w.reviewer.id)
        #expect(throws: StoreError.self) {
            try s.addToPool(grassroots, pool: .reviewExperts, joinedOn: "2025-01-02", role: .reviewer, by: w.reviewer.id)
        }
        try s.setRegisterEntry(grassroots, specialties: [.land], published: false, role: .reviewer, by: w.reviewer.id)

        let today = LocalDate(iso: "2026-12-03")!
        let all = try s.poolRegister(on: today)
        #expect(all.count == 7)
        let entry = try #require(all.first { $0.id == chen })
        #expect(entry.isLeading)
        #expect(entry.practiceYears == 18)
        #expect(entry.specialtyLabels == ["劳动", "未成年人"])
        #expect(entry.phoneMasked == "139****0000")
        #expect(entry.pools.map(\.poolLabel) == ["志愿律师库", "名优律师团"])
        #expect(try s.poolRegister(pool: .leadingLawyers, on: today).map(\.name) == ["陈志远"])
        #expect(try s.poolRegister(specialty: .minors, on: today).map(\.name) == ["陈志远"])
        #expect(try s.poolRegister(kind: .grassrootsWorker, on: today).map(\.name) == ["黄德胜"])
        #expect(try s.poolRegister(publishedOnly: true, on: today).map(\.name).contains("黄德胜") == false)
        // A term that ran out reads as 期满.
        #expect(try s.poolRegister(on: LocalDate(iso: "2028-01-01")!).first { $0.id == chen }?.pools.first?.status == "expired")

        // Leaving the 名优律师团 clears the flag the wheel reads; removal needs a reason.
        #expect(throws: StoreError.self) {
            try s.setPoolStatus(chen, pool: .leadingLawyers, status: .removed, on: "2025-12-31", reason: " ", role: .reviewer, by: w.reviewer.id)
        }
        try s.setPoolStatus(chen, pool: .leadingLawyers, status: .removed, on: "2025-12-31", reason: "年度考核不合格",
                            role: .reviewer, by: w.reviewer.id)
        #expect(try s.poolRegister(on: today).first { $0.id == chen }?.isLeading == false)
        #expect(try s.verifyAuditChain() == nil)
        let entities = try s.read { db in try String.fetchAll(db, sql: "SELECT entity FROM audit_log ORDER BY id") }
        #expect(entities.filter { $0 == "pool_member" }.count == 3)
        #expect(entities.filter { $0 == "provider_register" }.count == 2)
    }

    // Scenarios 4 and 5, and the Art 20 proposal.
    @Test func volunteerHoursExitAndRemovalProposal() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        #expect(throws: StoreError.self) {
            try s.applyVolunteer(VolunteerApplication(name: "林小雨", idNumber: "320707199901011234", skills: "手语"), on: "2025-05-01",
                                 role: .reviewer, by: w.reviewer.id)
        }
        let v = try s.applyVolunteer(VolunteerApplication(name: "林小雨", idNumber: "11010519491231002X", phone: "13905180099",
                                                          skills: "手语翻译、法律咨询", availability: "周末"),
                                     on: "2025-05-01", role: .reviewer, by: w.reviewer.id)
        #expect(throws: StoreError.self) {
            try s.logVolunteerService(v, day: "2025-05-03", minutes: 120, activity: "普法宣传", role: .reviewer, by: w.reviewer.id)
        }
        try s.registerVolunteer(v, platformNo: "32070720250001", on: "2025-05-02", role: .reviewer, by: w.reviewer.id)
        do {
            try s.logVolunteerService(v, day: "2025-07-12", minutes: 600, activity: "防汛安置点法律咨询", role: .reviewer, by: w.reviewer.id)
            Issue.record("超出 8 小时未附说明应拒绝")
        } catch let StoreError.invalidInput(field, message) {
            #expect(field == "overflowNote")
            #expect(message.contains("超出的 2 小时 须另附说明"))
        }
        let logged = try s.logVolunteerService(v, day: "2025-07-12", minutes: 600, activity: "防汛安置点法律咨询",
                                               overflowNote: "安置点群众集中，连续服务", role: .reviewer, by: w.reviewer.id)
        #expect(logged.countedMinutes == 480 && logged.overflowMinutes == 120)
        let detail = try s.volunteerDetail(v, year: 2025)
        #expect(detail.volunteer.idMasked == "1101**********002X")
        #expect(detail.volunteer.phoneMasked == "139****0099")
        #expect(detail.services.map(\.countedMinutes) == [480])
        #expect(detail.volunteer.countedMinutes == 480)
        // The service record is append-only.
        #expect(throws: (any Error).self) {
            try s.write { db in try db.execute(sql: "UPDATE volunteer_service SET counted_minutes = 600") }
        }

        for (i, day) in ["2025-03-01", "2025-04-01", "2025-09-01"].enumerated() {
            try s.recordVolunteerIncident(v, kind: .missedService, day: day, note: "约定值班未到（第\(i + 1)次）", role: .reviewer, by: w.reviewer.id)
        }
        try s.recordVolunteerIncident(v, kind: .qualityComplaint, day: "2024-12-30", note: "去年的投诉", role: .reviewer, by: w.reviewer.id)
        #expect(try s.volunteerRemovalProposals(year: 2025).map(\.name) == ["林小雨"])
        #expect(try s.volunteerDetail(v, year: 2025).proposedRemoval == ["一年内三次未履行约定服务"])
        #expect(try s.volunteerRemovalProposals(year: 2024).isEmpty)

        let calendar = HolidayCalendar(years: [HolidayYear(year: 2025, offDays: [LocalDate(iso: "2025-06-02")!], makeUpWorkdays: [],
                                                           source: "国务院办公厅通知（端午节，测试）")])
        let due = try s.requestVolunteerExit(v, on: "2025-06-03", calendar: calendar, role: .reviewer, by: w.reviewer.id)
        #expect(due.date.iso == "2025-06-24")
        let exiting = try s.volunteerDetail(v).volunteer
        #expect(exiting.status == "exiting" && exiting.statusLabel == "退出中" && exiting.exitDueOn == "2025-06-24")
        try s.completeVolunteerExit(v, on: "2025-06-20", role: .reviewer, by: w.reviewer.id)
        #expect(try s.volunteers(status: .exited).map(\.name) == ["林小雨"])
        #expect(throws: StoreError.self) {
            try s.removeVolunteer(v, reason: .missedServices, on: "2025-12-31", note: "", role: .reviewer, by: w.reviewer.id)
        }
        #expect(try s.verifyAuditChain() == nil)
        // The audit keeps no ID number in clear.
        let details = try s.read { db in try String.fetchAll(db, sql: "SELECT detail FROM audit_log") }
        #expect(!details.contains { $0.contains("11010519491231002X") })
    }

    // Scenario 3.
    @Test func leadingLawyerYearlyCountIgnoresMentorOnlyPairCases() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        let chen = w.lawyers[0], liu = w.lawyers[1]
        try s.addToPool(chen.id!, pool: .leadingLawyers, joinedOn: "2024-01-01", role: .reviewer, by: w.reviewer.id)
        try s.addToPool(w.lawyers[2].id!, pool: .leadingLawyers, joinedOn: "2024-01-01", role: .reviewer, by: w.reviewer.id)
        for (i, day) in ["2025-02-10", "2025-06-10", "2025-11-28"].enumerated() {
            let c = try Self.grantedCase(w, name: "受援人\(i)", applied: day)
            try s.assign(c.id!, to: chen.id!, suggestedID: nil, overrideReason: nil, explanation: "", on: day, role: .reviewer, by: w.reviewer.id)
        }
        let pair = try s.addMentorship(mentor: chen.id!, mentee: liu.id!, startedOn: "2025-01-01", role: .reviewer, by: w.reviewer.id)
        #expect(throws: StoreError.self) {
            try s.addMentorship(mentor: liu.id!, mentee: chen.id!, startedOn: "2025-01-01", role: .reviewer, by: w.reviewer.id)
        }
        let paired = try Self.grantedCase(w, name: "受援人甲", applied: "2025-08-01")
        try s.assign(paired.id!, to: liu.id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2025-08-01", role: .reviewer, by: w.reviewer.id)
        try s.pairCase(paired.id!, mentorship: pair, mentorPersonally: false, comment: "指导庭审提纲", role: .reviewer, by: w.reviewer.id)
        let lastYear = try Self.grantedCase(w, name: "受援人乙", applied: "2024-12-30")
        try s.assign(lastYear.id!, to: chen.id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2024-12-30", role: .reviewer, by: w.reviewer.id)

        let year = try s.leadingLawyerYear(2025)
        let row = try #require(year.first { $0.name == "陈志远" })
        #expect(row.personalCount == 3 && row.figure == "3/5" && row.belowMinimum && row.mentorOnlyCount == 1)
        #expect(year.first { $0.name == "孙建国" }?.figure == "0/5")
        #expect(try s.mentorships().first?.caseIDs == [paired.id!])
        #expect(try s.caseDetail(paired.id!).timeline.last?.note == "“1+1”：陈志远带刘海燕，带教律师仅指导")

        // Marked 亲自办理, the pair case counts for the mentor.
        try s.pairCase(paired.id!, mentorship: pair, mentorPersonally: true, role: .reviewer, by: w.reviewer.id)
        #expect(try s.leadingLawyerYear(2025).first { $0.name == "陈志远" }?.figure == "4/5")
        #expect(try s.verifyAuditChain() == nil)
    }

    // "A peer-review panel is drawn reproducibly with the handling lawyer excluded."
    @Test func peerReviewPanelIsReproducibleAndRecusesTheHandlerAndTheirFirm() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        for l in w.lawyers {
            try s.addToPool(l.id!, pool: .reviewExperts, joinedOn: "2025-01-01", role: .reviewer, by: w.reviewer.id)
        }
        let caseID = try Self.closedCase(w, name: "李桂英", handler: w.lawyers[2])  // 孙建国, 赣榆正大所
        #expect(throws: PermissionDenied.self) { try s.drawReviewPanel(caseID, size: 2, seed: 7, role: .windowClerk, by: nil) }
        let first = try s.drawReviewPanel(caseID, size: 3, seed: 20251231, role: .reviewer, by: w.reviewer.id)
        let again = try s.drawReviewPanel(caseID, size: 3, seed: 20251231, role: .reviewer, by: w.reviewer.id)
        #expect(first.seed == "20251231")
        #expect(first.members.map(\.providerID) == again.members.map(\.providerID))
        #expect(first.members.count == 3)
        let banned: Set<Int64> = [w.lawyers[2].id!, w.lawyers[3].id!]
        #expect(Set(first.recusals.map(\.providerID)) == banned)
        #expect(first.recusals.map(\.reason).sorted() == ["与承办律师同所（赣榆正大律师事务所）", "本案承办律师"])
        #expect(first.handlerName == "孙建国" && first.handlerFirm == "赣榆正大律师事务所")
        #expect(try s.verifyReviewPanel(first.id))
        for seed in UInt64(1)...40 {
            let p = try s.drawReviewPanel(caseID, size: 2, seed: seed, role: .reviewer, by: w.reviewer.id)
            #expect(banned.isDisjoint(with: p.members.map(\.providerID)))
        }
        // Recorded draws cannot be edited afterwards.
        #expect(throws: (any Error).self) {
            try s.write { db in try db.execute(sql: "UPDATE review_panel_member SET provider_id = ? WHERE panel_id = ?", arguments: [w.lawyers[2].id!, first.id]) }
        }
        // Too few experts after recusal: refused, nothing written.
        let panelsBefore = try s.reviewPanels(caseID: caseID).count
        #expect(throws: StoreError.self) { try s.drawReviewPanel(caseID, size: 5, seed: 1, role: .reviewer, by: w.reviewer.id) }
        #expect(try s.reviewPanels(caseID: caseID).count == panelsBefore)
        // Only closed cases are reviewed.
        let open = try Self.grantedCase(w, name: "王秀兰")
        #expect(throws: StoreError.self) { try s.drawReviewPanel(open.id!, size: 1, seed: 1, role: .reviewer, by: w.reviewer.id) }
        #expect(try s.caseDetail(caseID).peerReviewer != nil)
        #expect(try s.verifyAuditChain() == nil)
    }

    // Scenario 6 in the store: stratified sample; an expert of the handler's firm is never assigned.
    @Test func reviewCampaignSamplesByStratumAndNeverAssignsTheHandlersFirm() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        for l in w.lawyers {
            try s.addToPool(l.id!, pool: .reviewExperts, joinedOn: "2025-01-01", role: .reviewer, by: w.reviewer.id)
        }
        var handlerOf: [Int64: Provider] = [:]
        for i in 0..<14 {
            let handler = w.lawyers[i % w.lawyers.count]
            let id = try Self.closedCase(w, name: "受援人\(i)", handler: handler, kind: i < 10 ? .civil : .criminal)
            handlerOf[id] = handler
        }
        let campaign = try s.drawReviewCampaign(closedFrom: "2025-01-01", closedTo: "2025-12-31", ratePercent: 30, seed: 2025,
                                                panelSize: 2, role: .reviewer, by: w.reviewer.id)
        #expect(campaign.population == 14)
        #expect(campaign.perStratum == ["civil": 3, "criminal": 2])
        #expect(campaign.caseIDs.count == 5 && campaign.panels.count == 5)
        for panel in campaign.panels {
            let handler = try #require(handlerOf[panel.caseID])
            #expect(!panel.members.contains { $0.providerID == handler.id! })
            #expect(!panel.members.contains { $0.firm == handler.organisation })
            #expect(try s.verifyReviewPanel(panel.id))
        }
        // The same seed on another store with the same cases gives the same sample.
        #expect(QualitySampling.drawStratified(strata: ["civil": Array(handlerOf.keys.sorted().prefix(10)),
                                                        "criminal": Array(handlerOf.keys.sorted().suffix(4))],
                                               ratePercent: 30, seed: 2025).caseIDs == campaign.caseIDs)
        #expect(Set(try s.pipelineBoard(BoardFilter(awaitingReview: true)).map(\.id)) == Set(campaign.caseIDs))
        #expect(try s.verifyAuditChain() == nil)
    }

    // Scenario 2 in the store: the wheel reads the register and the region.
    @Test func wheelPutsMinorSpecialistsFirstAndStoresTheJiangsuArticle() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        try s.setRegisterEntry(w.lawyers[4].id!, specialties: [.minors], role: .reviewer, by: w.reviewer.id)
        try s.addToPool(w.lawyers[5].id!, pool: .dutyLawyers, joinedOn: "2025-01-01", role: .reviewer, by: w.reviewer.id)
        try s.setPoolStatus(w.lawyers[5].id!, pool: .dutyLawyers, status: .removed, on: "2025-06-01", reason: "两次警告",
                            role: .reviewer, by: w.reviewer.id)
        let c = try Self.grantedCase(w, name: "小明", birthDate: "2011-01-15", cause: "support_payment", applied: "2025-05-06")
        let (request, candidates, _) = try s.poolWheel(for: c.id!, causeLabel: "追索抚养费")
        #expect(request.familiarity?.specialty == .minors)
        let suggestion = RotationWheel.suggest(request, candidates: candidates)
        #expect(suggestion.suggested?.candidate.name == "吴国平")
        #expect(suggestion.excluded.first { $0.candidate.name == "郑丽君" }?.reasons == ["已从值班律师库清退：两次警告"])
        let s1 = try #require(suggestion.suggested)
        try s.assign(c.id!, to: s1.candidate.providerID, suggestedID: s1.candidate.providerID, overrideReason: nil,
                     explanation: suggestion.explanation, on: "2025-05-07", role: .reviewer, by: w.reviewer.id)
        let turn = try #require(try s.rotationHistory(stationID: w.centre.id, cause: "support_payment").first)
        #expect(turn.explanation.contains("未成年受援人（14 周岁）"))
        #expect(turn.explanation.contains("《江苏省法律援助条例》第34条"))
    }

    // Scenario 7: a second warning proposes 清退; once confirmed, the roster and the wheel stop offering the lawyer.
    @Test func secondDutyWarningProposesRemovalAndTheRosterStopsOfferingTheLawyer() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let s = w.store
        let zhou = w.lawyers[3]
        #expect(throws: StoreError.self) {
            try s.warnProvider(zhou.id!, on: "2025-03-02", reason: "值班时间脱岗", role: .reviewer, by: w.reviewer.id)
        }
        try s.addToPool(zhou.id!, pool: .dutyLawyers, joinedOn: "2025-01-01", role: .reviewer, by: w.reviewer.id)
        var r = try s.warnProvider(zhou.id!, on: "2025-03-02", reason: "值班时间脱岗", role: .reviewer, by: w.reviewer.id)
        #expect(r.warnings == ["2025-03-02：值班时间脱岗"] && !r.proposesRemoval)
        r = try s.warnProvider(zhou.id!, on: "2025-09-10", reason: "答复群众敷衍", role: .reviewer, by: w.reviewer.id)
        #expect(r.proposesRemoval && r.stillInPool)
        // A warning more than a year old no longer counts.
        #expect(try s.providerWarnings(on: "2026-03-05").first?.warnings == ["2025-09-10：答复群众敷衍"])
        // Nothing is removed automatically: still offered until the decision is recorded.
        #expect(try s.rosterProviders(month: "2025-10", lookBackMonths: 0).first { $0.id == zhou.id }?.active == true)
        try s.setPoolStatus(zhou.id!, pool: .dutyLawyers, status: .removed, on: "2025-09-12", reason: "二次警告，清退",
                            role: .reviewer, by: w.reviewer.id)
        #expect(try s.rosterProviders(month: "2025-10", lookBackMonths: 0).first { $0.id == zhou.id }?.active == false)
        #expect(try s.providerWarnings(on: "2025-09-30").first?.stillInPool == false)
        let c = try Self.grantedCase(w, name: "王二小", applied: "2025-10-08")
        let wheel = try s.poolWheel(for: c.id!, causeLabel: "追索劳动报酬")
        #expect(RotationWheel.suggest(wheel.request, candidates: wheel.candidates).excluded.map(\.candidate.name) == ["周晓梅"])
        #expect(try s.verifyAuditChain() == nil)
    }
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// The case pipeline in the store: permissions, step checks, timeline, audit, wheel history,
/// return visits, sampling and quality review.
@Suite struct PipelineTests {
    struct World {
        let store: CaseStore
        let centre: Station
        let reviewer: Operator
        let lawyers: [Provider]
    }

    static func world(_ dir: borrowing TempDir) throws -> World {
        let (store, centre, _) = try makeStoreWithStation(dir)
        let reviewer = try store.addOperator(Operator(name: "审查员赵刚", role: .reviewer, stationID: centre.id), by: nil)
        var lawyers: [Provider] = []
        for (name, leading) in [("王律师", false), ("李律师", false), ("钱律师", true)] {
            lawyers.append(try store.addProvider(Provider(name: name, kind: .lawyer, organisation: "山西泽州律师事务所",
                                                          isLeading: leading, stationID: centre.id), by: nil))
        }
        return World(store: store, centre: centre, reviewer: reviewer, lawyers: lawyers)
    }

    static func acceptedCase(_ w: World, name: String = "张三丰", cause: String = "labor_remuneration",
                             applied: String = "2026-06-08") throws -> AidCase {
        // Identity numbers are unique (v14): later people of the same test have none.
        let taken = try !w.store.searchApplicants("11010519491231002X", limit: 1).isEmpty
        let person = try w.store.saveApplicant(Applicant(name: name, idNumber: taken ? nil : "11010519491231002X",
                                                         phone: "13812341234"), by: nil)
        let opened = try w.store.openApplication(AidCase(centreID: w.centre.id!, stationID: w.centre.id!, applicantID: person.id!,
                                                         kind: .civil, cause: cause, appliedOn: applied), by: w.reviewer.id)
        return try w.store.acceptCase(opened.id!, on: applied, by: w.reviewer.id)
    }

    @Test func migrationV5IsApplied() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        #expect(try w.store.appliedMigrations().contains("v5-pipeline"))
    }

    @Test func wholePipelineWritesTimelineAuditAndWheelHistory() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let store = w.store
        let c = try Self.acceptedCase(w)
        let audit0 = try store.auditCount()

        #expect(throws: PermissionDenied.self) {
            try store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .dutyLawyer, by: nil)
        }
        #expect(throws: StoreError.self) {
            try store.decide(c.id!, grant: true, reasons: [], text: " ", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        }
        let granted = try store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "拖欠工资属实",
                                       on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        #expect(granted.step == .granted)

        let (request, candidates) = try store.wheelCandidates(for: c.id!)
        #expect(request.cause == "labor_remuneration")
        let suggestion = RotationWheel.suggest(.init(cause: request.cause, causeLabel: "追索劳动报酬"), candidates: candidates)
        #expect(suggestion.suggested?.candidate.name == "王律师")
        #expect(throws: PermissionDenied.self) {
            try store.assign(c.id!, to: w.lawyers[0].id!, suggestedID: w.lawyers[0].id, overrideReason: nil, explanation: "",
                             on: "2026-06-10", role: .dutyLawyer, by: nil)
        }
        // Choosing someone else needs a reason.
        #expect(throws: StoreError.self) {
            try store.assign(c.id!, to: w.lawyers[1].id!, suggestedID: w.lawyers[0].id, overrideReason: "", explanation: "",
                             on: "2026-06-10", role: .reviewer, by: w.reviewer.id)
        }
        let assigned = try store.assign(c.id!, to: w.lawyers[1].id!, suggestedID: w.lawyers[0].id, overrideReason: "申请人要求女律师",
                                        explanation: suggestion.explanation, on: "2026-06-10", role: .reviewer, by: w.reviewer.id)
        #expect(assigned.step == .assigned)
        #expect(assigned.providerID == w.lawyers[1].id)
        let history = try store.rotationHistory(stationID: w.centre.id, cause: "labor_remuneration")
        #expect(history.map(\.turn) == [1])
        #expect(history[0].overrideReason == "申请人要求女律师")
        #expect(history[0].suggestedName == "王律师")
        #expect(history[0].providerName == "李律师")

        // The next case of the same wheel: 李律师 has had a turn, so 王律师 is suggested again.
        let next = try Self.acceptedCase(w, name: "李四", applied: "2026-06-09")
        try store.decide(next.id!, grant: true, reasons: ["exempt_from_check"], text: "", on: "2026-06-10", role: .reviewer, by: w.reviewer.id)
        let again = RotationWheel.suggest(.init(cause: "labor_remuneration", causeLabel: "追索劳动报酬"),
                                          candidates: try store.wheelCandidates(for: next.id!).candidates)
        #expect(again.ranked.map(\.candidate.name) == ["王律师", "钱律师", "李律师"])

        try store.recordProgress(c.id!, note: "会见申请人，调取考勤记录", role: .dutyLawyer, by: nil)
        #expect(try store.aidCase(id: c.id!)?.step == .handling)
        try store.submitForClosing(c.id!, outcome: "调解结案，追回工资 18000 元", on: "2026-07-20", role: .dutyLawyer, by: nil)
        #expect(try store.caseDetail(c.id!).board.stage == .closingReview)
        #expect(throws: PermissionDenied.self) {
            try store.reviewClosing(c.id!, approve: true, note: "", on: "2026-07-21", role: .dutyLawyer, by: nil)
        }
        // 四眼原则: the reviewer who granted and assigned may not pass the closing review; a second one does.
        #expect(throws: SeparationOfDuties.self) {
            try store.reviewClosing(c.id!, approve: true, note: "材料齐全", on: "2026-07-21", role: .reviewer, by: w.reviewer.id)
        }
        let second = try store.addOperator(Operator(name: "审查员周结", role: .reviewer, stationID: w.centre.id), by: nil)
        try store.reviewClosing(c.id!, approve: true, note: "材料齐全", on: "2026-07-21", role: .reviewer, by: second.id)
        #expect(try store.pipelineBoard(BoardFilter(returnVisitDue: true)).map(\.id) == [c.id!])
        try store.archive(c.id!, on: "2026-07-25", role: .reviewer, by: second.id)
        #expect(throws: StoreError.self) {
            try store.recordReturnVisit(c.id!, phase: .after, method: "phone", satisfaction: nil, result: "", on: "2026-07-26",
                                        role: .reviewer, by: w.reviewer.id)
        }
        try store.recordReturnVisit(c.id!, phase: .after, method: "phone", satisfaction: .satisfied, result: "对承办律师满意",
                                    on: "2026-07-26", role: .windowClerk, by: nil)
        #expect(try store.pipelineBoard(BoardFilter(returnVisitDue: true)).isEmpty)

        let detail = try store.caseDetail(c.id!)
        #expect(detail.board.stage == .archived)
        #expect(detail.board.idMasked == "1101**********002X")
        #expect(detail.board.phoneMasked == "138****1234")
        #expect(detail.outcome == "调解结案，追回工资 18000 元")
        #expect(detail.timeline.map(\.kind) == ["applied", "accept", "grant", "assign", "progress", "submit_closing", "closed",
                                                "archived", "return_visit"])
        #expect(detail.timeline[2].operatorName == "审查员赵刚")
        #expect(detail.timeline[3].note.contains("未按建议指派，理由：申请人要求女律师"))
        #expect(detail.visits.first?.phase == .after)
        #expect(detail.decisions.map(\.kind) == ["grant"])
        #expect(try store.auditCount() > audit0 + 8)
        #expect(try store.verifyAuditChain() == nil)
        #expect(try store.returnVisitRate(closedFrom: "2026-01-01", closedTo: "2026-12-31") == .init(numerator: 1, denominator: 1))
        #expect(try store.timelyCloseAndArchiveRate(closedFrom: "2026-01-01", closedTo: "2026-12-31", limitDays: 30,
                                                    today: "2026-08-01") == .init(numerator: 1, denominator: 1))
    }

    @Test func refusalObjectionAndTermination() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let c = try Self.acceptedCase(w)
        try w.store.decide(c.id!, grant: false, reasons: ["not_hardship"], text: "家庭人均收入高于标准", on: "2026-06-10",
                           role: .reviewer, by: w.reviewer.id)
        try w.store.recordObjection(c.id!, on: "2026-06-12", text: "申请人不服", role: .reviewer, by: w.reviewer.id)
        #expect(try w.store.caseDetail(c.id!).board.objectionOn == "2026-06-12")
        try w.store.recordObjectionResult(c.id!, upheld: false, on: "2026-06-15", text: "责令重新审查", role: .reviewer, by: w.reviewer.id)
        let back = try w.store.caseDetail(c.id!)
        #expect(back.board.stage == .review)
        #expect(back.board.objectionOn == nil)

        let t = try Self.acceptedCase(w, name: "王五")
        try w.store.decide(t.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        #expect(throws: StoreError.self) {
            try w.store.terminate(t.id!, grounds: [], text: "", on: "2026-06-20", role: .reviewer, by: w.reviewer.id)
        }
        try w.store.terminate(t.id!, grounds: ["own_lawyer"], text: "", on: "2026-06-20", role: .reviewer, by: w.reviewer.id)
        let ended = try w.store.caseDetail(t.id!)
        #expect(ended.board.stage == .ended)
        #expect(ended.terminatedOn == "2026-06-20")
        #expect(ended.timeline.last?.note.contains("第四十八条第六项") == true)
    }

    @Test func article26IsEnforcedInTheStore() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let c = try Self.acceptedCase(w, cause: "suspect_defendant")
        try w.store.setCaseFlags(c.id!, major: true, lifeOrDeath: true, role: .reviewer, by: w.reviewer.id)
        try w.store.setProviderProfile(ProviderProfile(providerID: w.lawyers[0].id!, practiceYears: 2), by: nil)
        try w.store.setProviderProfile(ProviderProfile(providerID: w.lawyers[2].id!, specialties: ["suspect_defendant"], practiceYears: 10), by: nil)
        try w.store.decide(c.id!, grant: true, reasons: ["not_means_tested"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        let (request, candidates) = try w.store.wheelCandidates(for: c.id!)
        #expect(request.major && request.lifeOrDeath)
        let s = RotationWheel.suggest(.init(cause: request.cause, causeLabel: "犯罪嫌疑人", isMajor: request.major,
                                            possibleLifeOrDeath: request.lifeOrDeath), candidates: candidates)
        #expect(s.suggested?.candidate.name == "钱律师")
        #expect(s.excluded.count == 2)
        #expect(throws: StoreError.self) {
            try w.store.assign(c.id!, to: w.lawyers[0].id!, suggestedID: w.lawyers[2].id, overrideReason: "试一试", explanation: "",
                               on: "2026-06-10", role: .reviewer, by: w.reviewer.id)
        }
        try w.store.assign(c.id!, to: w.lawyers[2].id!, suggestedID: w.lawyers[2].id, overrideReason: nil, explanation: s.explanation,
                           on: "2026-06-10", role: .reviewer, by: w.reviewer.id)
    }

    @Test func conflictWithTheOpposingPartyExcludesTheLawyer() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        // 王律师 once acted for 某建筑公司's owner 刘大成.
        let earlier = try Self.acceptedCase(w, name: "刘大成")
        try w.store.decide(earlier.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        try w.store.assign(earlier.id!, to: w.lawyers[0].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-09",
                           role: .reviewer, by: w.reviewer.id)
        let c = try Self.acceptedCase(w, name: "张三丰")
        try w.store.write { db in try db.execute(sql: "UPDATE aid_case SET opposing_party = '刘大成' WHERE id = ?", arguments: [c.id!]) }
        let candidates = try w.store.wheelCandidates(for: c.id!).candidates
        #expect(candidates.first { $0.name == "王律师" }?.conflict?.contains("曾代理对方当事人“刘大成”") == true)
        #expect(candidates.first { $0.name == "李律师" }?.conflict == nil)
    }

    @Test func timelineIsAppendOnly() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let c = try Self.acceptedCase(w)
        #expect(throws: (any Error).self) {
            try w.store.write { db in try db.execute(sql: "UPDATE case_event SET note = '改过' WHERE case_id = ?", arguments: [c.id!]) }
        }
        let first = try w.store.caseTimeline(c.id!)[0]
        try w.store.recordCorrection(c.id!, correcting: first.id, note: "申请日期应为 6 月 7 日", role: .reviewer, by: w.reviewer.id)
        let timeline = try w.store.caseTimeline(c.id!)
        #expect(timeline.count == 3)
        #expect(timeline[0] == first)
        #expect(timeline[2].note == "更正第 \(first.id) 条：申请日期应为 6 月 7 日")
    }

    @Test func qualitySampleIsRecordedAndReproducibleAndFailWithholdsSubsidy() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        var closed: [Int64] = []
        let closer = try w.store.addOperator(Operator(name: "审查员周结", role: .reviewer, stationID: w.centre.id), by: nil)
        for i in 0..<10 {
            let c = try Self.acceptedCase(w, name: "申请人\(i)")
            try w.store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
            try w.store.assign(c.id!, to: w.lawyers[i % 3].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-10",
                               role: .reviewer, by: w.reviewer.id)
            try w.store.submitForClosing(c.id!, outcome: "判决胜诉", on: "2026-07-01", role: .reviewer, by: w.reviewer.id)
            try w.store.reviewClosing(c.id!, approve: true, note: "", on: "2026-07-02", role: .reviewer, by: closer.id)
            closed.append(c.id!)
        }
        #expect(throws: PermissionDenied.self) {
            try w.store.drawQualitySample(closedFrom: "2026-07-01", closedTo: "2026-07-31", ratePercent: 30, seed: 7, role: .dutyLawyer, by: nil)
        }
        let sample = try w.store.drawQualitySample(closedFrom: "2026-07-01", closedTo: "2026-07-31", ratePercent: 30, seed: 7,
                                                   role: .reviewer, by: w.reviewer.id)
        #expect(sample.population == 10)
        #expect(sample.caseIDs == QualitySampling.draw(population: closed, ratePercent: 30, seed: 7))
        #expect(try w.store.qualitySamples() == [sample])
        #expect(Set(try w.store.pipelineBoard(BoardFilter(awaitingReview: true)).map(\.id)) == Set(sample.caseIDs))

        let target = sample.caseIDs[0]
        // Separation of duties: the peer is not the handling lawyer, and the score sheet is not
        // entered by the reviewer who granted the aid (AdministrationTests checks the refusals).
        let handler = try w.store.aidCase(id: target)?.providerID
        let peer = try #require(w.lawyers.first { $0.id != handler && $0.name == "钱律师" } ?? w.lawyers.first { $0.id != handler })
        let second = try w.store.addOperator(Operator(name: "审查员孙丽", role: .reviewer, stationID: w.centre.id), by: nil)
        try w.store.assignPeerReviewer(target, name: "钱律师", providerID: peer.id, role: .reviewer, by: w.reviewer.id)
        try w.store.write { db in
            try db.execute(sql: "INSERT INTO subsidy(provider_id, month, kind, case_id, amount_fen, status) VALUES (?, '2026-07', 'case', ?, 100000, 'pending')",
                           arguments: [w.lawyers[0].id!, target])
        }
        #expect(throws: StoreError.self) {
            try w.store.recordQualityReview(target, points: [11, 9, 16, 16, 8, 16, 8], kind: "peer", peerName: "钱律师", note: "",
                                            on: "2026-08-01", role: .reviewer, by: second.id)
        }
        let scored = try w.store.recordQualityReview(target, points: [5, 5, 10, 10, 5, 10, 5], kind: "peer", peerName: "钱律师",
                                                     note: "阅卷笔录缺失", on: "2026-08-01", role: .reviewer, by: second.id)
        #expect(scored.grade == .fail)
        #expect(try !w.store.caseSubsidyEligible(target))
        let status = try w.store.read { db in try String.fetchOne(db, sql: "SELECT status FROM subsidy WHERE case_id = ?", arguments: [target]) }
        #expect(status == "withheld")
        let detail = try w.store.caseDetail(target)
        #expect(detail.reviews.first?.items == [5, 5, 10, 10, 5, 10, 5])
        #expect(detail.peerReviewer == "钱律师")
        #expect(detail.timeline.last?.note == "评查 50 分，不合格：不合格案件不予发放补贴")
        #expect(try w.store.verifyAuditChain() == nil)
    }

    @Test func boardFiltersAndRevealIsAudited() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let a = try Self.acceptedCase(w, name: "张三丰", cause: "labor_remuneration")
        _ = try Self.acceptedCase(w, name: "李四", cause: "traffic_accident")
        #expect(try w.store.pipelineBoard().count == 2)
        #expect(try w.store.pipelineBoard(BoardFilter(cause: "traffic_accident")).map(\.applicantName) == ["李四"])
        #expect(try w.store.pipelineBoard(BoardFilter(stages: [.assignment])).isEmpty)
        let audit0 = try w.store.auditCount()
        let phone = try w.store.revealApplicant(a.applicantID, field: "phone", by: w.reviewer)
        #expect(phone == "13812341234")
        #expect(try w.store.auditCount() == audit0 + 1)
    }
}

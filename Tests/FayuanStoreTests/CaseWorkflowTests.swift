import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Issue 19 (cases): a registered application is accepted and decided through the store method the
/// console and the command line share; notification cases (Art 36) skip the review; dates are
/// checked against the case's own history and today; a second person passes the closing review
/// and archives.
@Suite struct CaseWorkflowTests {
    /// A registered application (step 受理 on the board), not yet accepted.
    static func registered(_ w: PipelineTests.World, name: String, cause: String = "labor_remuneration", kind: CaseKind = .civil,
                           route: String = "application", applied: String = "2026-06-08", reviewDue: String? = nil) throws -> AidCase {
        let person = try w.store.saveApplicant(Applicant(name: name, phone: "13912345678"), by: nil)
        return try w.store.takeApplication(
            ApplicationIntake(applicantID: person.id!, stationID: w.centre.id!, centreID: w.centre.id!, kind: kind, cause: cause,
                              summary: "值班律师代为转交的申请", appliedOn: applied, route: route,
                              economicCheck: route == "notification" ? "not_applicable" : "required", reviewDue: reviewDue),
            accept: false, acceptedOn: nil, role: .dutyLawyer, by: nil)
    }

    static func dayField(_ body: () throws -> Void) -> String? {
        do { try body() } catch StoreError.invalidInput(let field, let message) { return field == "day" ? message : "字段 \(field)：\(message)" } catch {
            return "\(error)"
        }
        return nil
    }

    @Test func aRegisteredApplicationIsAcceptedThenDecided() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        let c = try Self.registered(w, name: "陈秀兰")
        #expect(try w.store.caseDetail(c.id!).board.stage == .intake)
        // A duty lawyer registers applications but may not accept them (the console hides the key; the store refuses).
        #expect(throws: PermissionDenied.self) { try w.store.accept(c.id!, on: "2026-06-09", role: .dutyLawyer, by: nil) }
        #expect(throws: StoreError.self) {
            try w.store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        }
        let audit0 = try w.store.auditCount()
        let accepted = try w.store.accept(c.id!, on: "2026-06-09", role: .windowClerk, by: w.reviewer.id)
        #expect(accepted.step == .accepted)
        #expect(accepted.caseNumber == "〔2026〕民援字第0001号")
        // The acceptance and, in its transaction, the papers it hands over (申请表, 接收凭证).
        #expect(try w.store.auditCount() == audit0 + 3)
        #expect(try w.store.issuedDocuments(c.id!).map(\.kind) == [.applicationForm, .receipt])
        let detail = try w.store.caseDetail(c.id!)
        #expect(detail.board.stage == .review)
        #expect(detail.board.acceptedOn == "2026-06-09")
        #expect(detail.timeline.map(\.kind) == ["applied", "accept"])
        // Only once.
        #expect(throws: StoreError.self) { try w.store.accept(c.id!, on: "2026-06-09", role: .reviewer, by: w.reviewer.id) }
        try w.store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "拖欠工资属实", on: "2026-06-10",
                           role: .reviewer, by: w.reviewer.id)
        #expect(try w.store.caseDetail(c.id!).board.stage == .assignment)
        #expect(try w.store.verifyAuditChain() == nil)
    }

    /// Board acceptance with a material missing: the numbered 补充材料通知书 commits with the
    /// acceptance (and is not taken when the acceptance fails); a notification case gets none.
    @Test func acceptingIssuesTheAcceptancePapersInItsTransaction() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        let person = try w.store.saveApplicant(Applicant(name: "孙秀兰", phone: "13912345678"), by: nil)
        let c = try w.store.takeApplication(
            ApplicationIntake(applicantID: person.id!, stationID: w.centre.id!, centreID: w.centre.id!, kind: .civil,
                              cause: "labor_remuneration", summary: "拖欠工资", appliedOn: "2026-06-08", economicCheck: "required",
                              hardshipEvidence: .commitment,
                              documents: [CaseDocumentEntry(code: "id_card", label: "身份证明", status: .received),
                                          CaseDocumentEntry(code: "household", label: "户口簿或居住证明", status: .missing, dueOn: "2026-06-15")]),
            accept: false, acceptedOn: nil, role: .dutyLawyer, by: nil)
        // A date after today fails: no number is taken.
        #expect(throws: StoreError.self) { try w.store.accept(c.id!, on: "2030-01-01", role: .reviewer, by: w.reviewer.id) }
        #expect(try w.store.issuedDocuments(c.id!).isEmpty)
        try w.store.accept(c.id!, on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        let papers = try w.store.issuedDocuments(c.id!)
        #expect(papers.map(\.kind) == [.applicationForm, .receipt, .hardshipStatement, .supplementNotice])
        #expect(papers.last?.number?.hasPrefix("〔2026〕") == true && papers.last?.number?.hasSuffix("援补字第1号") == true, "\(papers)")
        #expect(papers.allSatisfy { $0.issuedOn == "2026-06-09" })
        let n = try Self.registered(w, name: "刘小军", cause: "suspect_defendant", kind: .criminal, route: "notification",
                                    applied: "2026-06-08", reviewDue: "2026-06-11")
        try w.store.accept(n.id!, on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        #expect(try w.store.issuedDocuments(n.id!).isEmpty, "a court's notice has no application form")
    }

    @Test func notificationCaseGoesStraightToAssignmentOnItsOwnClock() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        // 法院 notified on 06-08 (Mon); the intake screening recorded the Art 36 date 06-11.
        let c = try Self.registered(w, name: "刘小军", cause: "suspect_defendant", kind: .criminal, route: "notification",
                                    applied: "2026-06-08", reviewDue: "2026-06-11")
        let accepted = try w.store.accept(c.id!, on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        // No review: accepted is granted (dated the acceptance) and waits for assignment.
        #expect(accepted.step == .granted)
        let detail = try w.store.caseDetail(c.id!)
        #expect(detail.board.stage == .assignment)
        #expect(detail.board.decidedOn == "2026-06-09")
        #expect(detail.timeline.last?.note.contains("无需审查，径行指派（法律援助法第三十六条") == true)
        // The clock reads the date the intake form showed (DeadlinePlannerTests: and counts from the notice without it).
        #expect(detail.board.times.recordedReviewDue == LocalDate(iso: "2026-06-11"))
        #expect(detail.board.times.route == "notification")
        try w.store.assign(c.id!, to: w.lawyers[2].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-10",
                           role: .reviewer, by: w.reviewer.id)
        #expect(try w.store.aidCase(id: c.id!)?.step == .assigned)
    }

    @Test func aNotificationCaseLeftAtReviewIsAssignedNotDecided() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        // As older stores have them: accepted notification cases without a decision.
        let c = try Self.registered(w, name: "赵铁柱", cause: "suspect_defendant", kind: .criminal, route: "notification")
        try w.store.write { db in
            try db.execute(sql: "UPDATE aid_case SET step = 'accepted', accepted_on = '2026-06-08' WHERE id = ?", arguments: [c.id!])
        }
        #expect(try w.store.caseDetail(c.id!).board.stage == .assignment)
        #expect(try w.store.pipelineBoard(BoardFilter(stages: [.assignment])).map(\.id) == [c.id!])
        #expect(try w.store.pipelineBoard(BoardFilter(stages: [.review])).isEmpty)
        #expect(Self.dayField {
            try w.store.decide(c.id!, grant: true, reasons: ["not_means_tested"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        } == "字段 step：通知辩护/代理案件无需审查决定，请直接指派（法律援助法第三十六条）")
        try w.store.assign(c.id!, to: w.lawyers[2].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-09",
                           role: .reviewer, by: w.reviewer.id)
        let after = try w.store.caseDetail(c.id!).board
        #expect(after.step == .assigned)
        #expect(after.decidedOn == "2026-06-08")
        // An application case still needs its decision first.
        let a = try PipelineTests.acceptedCase(w, name: "钱多多")
        #expect(throws: StoreError.self) {
            try w.store.assign(a.id!, to: w.lawyers[0].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-09",
                               role: .reviewer, by: w.reviewer.id)
        }
    }

    @Test func datesAreCheckedAgainstTheCaseAndTodayAndNothingIsWritten() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        let store = w.store
        let c = try PipelineTests.acceptedCase(w, applied: "2026-06-08")
        let audit0 = try store.auditCount()
        // The old bug: a decision dated 2020 on a 2026 application (平均审查用时 −2344 日).
        #expect(Self.dayField {
            try store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2020-01-01", role: .reviewer, by: w.reviewer.id)
        } == "决定日期不能早于本案受理日期（2026-06-08）：2020-01-01")
        #expect(Self.dayField {
            try store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2030-01-01", role: .reviewer, by: w.reviewer.id)
        }?.hasPrefix("决定日期不能晚于今天") == true)
        #expect(try store.aidCase(id: c.id!)?.step == .accepted)
        #expect(try store.auditCount() == audit0)
        #expect(try store.caseTimeline(c.id!).count == 2)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM aid_case WHERE decided_on < applied_on") } == 0)
        // The report of January 2020 has no decision in it (before: one, 审查用时 −2350 日).
        let january2020 = try store.indicatorFigures(period: .month(2020, 1), archiveLimitDays: 30, today: LocalDate(iso: "2026-06-10")!,
                                                     role: .reviewer)
        #expect(january2020.reviewed == 0 && january2020.reviewDays == 0)

        try store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-10", role: .reviewer, by: w.reviewer.id)
        #expect(Self.dayField {
            try store.assign(c.id!, to: w.lawyers[0].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-09",
                             role: .reviewer, by: w.reviewer.id)
        } == "指派日期不能早于本案决定日期（2026-06-10）：2026-06-09")
        try store.assign(c.id!, to: w.lawyers[0].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-11",
                         role: .reviewer, by: w.reviewer.id)
        #expect(Self.dayField {
            try store.submitForClosing(c.id!, outcome: "调解结案", on: "2026-06-01", role: .reviewer, by: w.reviewer.id)
        } == "提交日期不能早于本案指派日期（2026-06-11）：2026-06-01")
        try store.submitForClosing(c.id!, outcome: "调解结案", on: "2026-07-01", role: .reviewer, by: w.reviewer.id)
        let second = try store.addOperator(Operator(name: "审查员周结", role: .reviewer, stationID: w.centre.id), by: nil)
        #expect(Self.dayField {
            try store.reviewClosing(c.id!, approve: true, note: "", on: "2026-06-30", role: .reviewer, by: second.id)
        } == "结案日期不能早于本案提交结案日期（2026-07-01）：2026-06-30")
        try store.reviewClosing(c.id!, approve: true, note: "", on: "2026-07-02", role: .reviewer, by: second.id)
        #expect(Self.dayField { try store.archive(c.id!, on: "2026-07-01", role: .reviewer, by: second.id) }
                == "归档日期不能早于本案结案日期（2026-07-02）：2026-07-01")
        #expect(Self.dayField {
            try store.recordReturnVisit(c.id!, phase: .after, method: "phone", satisfaction: .satisfied, result: "", on: "2026-06-20",
                                        role: .reviewer, by: second.id)
        } == "回访日期不能早于本案结案日期（2026-07-02）：2026-06-20")
        #expect(Self.dayField {
            try store.recordReturnVisit(c.id!, phase: .after, method: "phone", satisfaction: .satisfied, result: "", on: "2031-01-01",
                                        role: .reviewer, by: second.id)
        }?.hasPrefix("回访日期不能晚于今天") == true)
        try store.archive(c.id!, on: "2026-07-03", role: .reviewer, by: second.id)
        #expect(try store.aidCase(id: c.id!)?.step == .archived)

        // Acceptance is checked the same way.
        let r = try Self.registered(w, name: "孙二娘", applied: "2026-06-08")
        #expect(Self.dayField { try store.accept(r.id!, on: "2026-06-07", role: .reviewer, by: w.reviewer.id) }
                == "受理日期不能早于本案申请日期（2026-06-08）：2026-06-07")
    }

    @Test func aSecondPersonPassesTheClosingReviewAndArchives() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        let store = w.store
        let c = try PipelineTests.acceptedCase(w)
        try store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        let assigner = try store.addOperator(Operator(name: "审查员钱指", role: .reviewer, stationID: w.centre.id), by: nil)
        try store.assign(c.id!, to: w.lawyers[0].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-10",
                         role: .reviewer, by: assigner.id)
        try store.submitForClosing(c.id!, outcome: "判决支持全部诉请", on: "2026-07-01", role: .dutyLawyer, by: nil)
        let lawyerOp = try store.addOperator(Operator(name: "审查员王律", role: .reviewer, stationID: w.centre.id), by: nil)
        try store.linkOperator(lawyerOp.id!, toProvider: w.lawyers[0].id, by: .commandLine)
        let audit0 = try store.auditCount()
        // The reviewer who decided, the one who assigned, and the handling lawyer (as a reviewer) are refused.
        let refusals: [(Int64?, String)] = [(w.reviewer.id, "作出给予法律援助决定"), (assigner.id, "指派承办人")]
        for (who, part) in refusals {
            do {
                try store.reviewClosing(c.id!, approve: true, note: "", on: "2026-07-02", role: .reviewer, by: who)
                Issue.record("\(part)的人员不应能结案审查")
            } catch let refused as SeparationOfDuties {
                #expect(refused.earlierPart == part)
                #expect(refused.description.contains("需由第二人办理：\(part)的人员不能对本案结案审查"), "\(refused)")
            }
        }
        #expect(throws: SeparationOfDuties(action: "结案审查", earlierPart: "承办本案")) {
            try store.reviewClosing(c.id!, approve: false, note: "补充庭审笔录", on: "2026-07-02", role: .reviewer, by: lawyerOp.id)
        }
        #expect(try store.auditCount() == audit0, "拒绝时不写入任何记录")
        let head = try store.addOperator(Operator(name: "主任郑明", role: .centreHead, stationID: w.centre.id), by: nil)
        try store.reviewClosing(c.id!, approve: true, note: "材料齐全", on: "2026-07-02", role: .centreHead, by: head.id)
        #expect(throws: SeparationOfDuties(action: "归档", earlierPart: "作出给予法律援助决定")) {
            try store.archive(c.id!, on: "2026-07-03", role: .reviewer, by: w.reviewer.id)
        }
        try store.archive(c.id!, on: "2026-07-03", role: .centreHead, by: head.id)
        let names = try store.caseDetail(c.id!).timeline.suffix(2).map { $0.operatorName }
        #expect(names == ["主任郑明", "主任郑明"])
    }
}

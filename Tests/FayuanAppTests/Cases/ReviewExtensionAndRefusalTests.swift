import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 问题19：重大疑难延长审查期限（山西条例第二十一条：三日，疑难七日），不予法律援助决定书写明
/// 异议的去处（设立本中心的司法局，按地区）与期限（山西条例第二十九条：十五日）。
@Suite(.serialized) struct ReviewExtensionAndRefusalTests {
    @Test func majorMarkExtendsShanxiReviewOnBoardClockAndDeadline() throws {
        let w = try CaseScreenTests.world()
        let store = w.fixture.environment.store
        // 张三丰 applied 2026-06-05: Shanxi's three days end today (06-08).
        let detail = try store.caseDetail(w.accepted)
        let app = App(root: CaseActionScreen(session: w.reviewer, kind: .flags, detail: detail),
                      keymap: try AppFixture.keymap(), environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        app.type(" ")
        app.handle(.function(2))
        let saved = w.fixture.render(app)
        #expect(has(saved, "已更新案件标记"), "\(saved.text)")
        // The stored deadline (deadline lists, My day) moves to seven days from the application.
        #expect(try store.reviewDue(w.accepted) == "2026-06-12")
        let after = try store.caseDetail(w.accepted)
        #expect(after.board.major)
        #expect(after.timeline.contains { $0.note.contains("重大疑难案件审查期限延长为7日，至2026-06-12（山西省法律援助条例第二十一条）") },
                "\(after.timeline.map(\.note))")
        // The board's clock shows the extended deadline instead of "due today".
        let board = App(root: PipelineBoardScreen(session: w.reviewer), keymap: try AppFixture.keymap(),
                        environment: w.fixture.environment, session: w.reviewer)
        board.send(.resumed)
        let grid = w.fixture.render(board)
        #expect(!has(grid, "审查 ⚠ 今日到期"), "\(grid.text)")
        #expect(has(grid, "审查 · 剩 4 天"), "\(grid.text)")
        // Removing the mark restores the three-day period.
        let undo = App(root: CaseActionScreen(session: w.reviewer, kind: .flags, detail: after),
                       keymap: try AppFixture.keymap(), environment: w.fixture.environment, session: w.reviewer)
        undo.send(.resumed)
        undo.type(" ")
        undo.handle(.function(2))
        #expect(try store.reviewDue(w.accepted) == "2026-06-08")
    }

    @Test func deadlinePlannerExtendsOnlyMarkedCasesWhereAllowed() throws {
        let calendar = try RuleLibrary.bundled().calendar
        let shanxi = DeadlinePlanner(calendar: calendar, policy: DeadlinePolicy(reviewDays: 3, majorReviewDays: 7))
        let national = DeadlinePlanner(calendar: calendar, policy: DeadlinePolicy(reviewDays: 7))
        let applied = LocalDate(iso: "2026-06-05")!
        let today = LocalDate(iso: "2026-06-08")!
        var times = CaseTimes(stage: .review, appliedOn: applied, recordedReviewDue: LocalDate(iso: "2026-06-08"))
        #expect(shanxi.clocks(times, today: today).first?.due == LocalDate(iso: "2026-06-08"))
        times.major = true
        #expect(shanxi.clocks(times, today: today).first?.due == LocalDate(iso: "2026-06-12"))
        #expect(try shanxi.reviewDue(times).get() == LocalDate(iso: "2026-06-12"))
        // No extension where the law gives none (national: 7 days, marked or not).
        times.recordedReviewDue = nil
        #expect(national.clocks(times, today: today).first?.due == LocalDate(iso: "2026-06-12"))
    }

    @Test func refusalLetterNamesTheBureauAndTheShanxiTerm() throws {
        let w = try CaseScreenTests.world()
        let detail = try w.fixture.environment.store.caseDetail(w.accepted)
        #expect(detail.justiceBureau == "晋城市泽州县司法局")
        let app = App(root: CaseActionScreen(session: w.reviewer, kind: .decide, detail: detail, note: "2026-06-11"),
                      keymap: try AppFixture.keymap(), environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        app.type("<Down><Tab><Down> <Tab>家庭人均收入高于当地标准<F2>")
        let screen = w.fixture.render(app)
        #expect(has(screen, "已决定不予法律援助"), "\(screen.text)")
        // The 决定书 is numbered in the decision and kept in the case's folder (issue 20).
        let pdf = try #require(try w.fixture.environment.store.issuedDocuments(w.accepted).first { $0.kind == .refusalDecision }?.path)
        let text = try String(contentsOfFile: (pdf as NSString).deletingPathExtension + ".txt", encoding: .utf8)
        let flat = text.replacingOccurrences(of: #"\s+"#, with: "", options: .regularExpression)
        #expect(flat.contains("如对本决定有异议，可以自收到本决定书之日起十五日内向晋城市泽州县司法局（设立本法律援助机构的司法行政部门）提出（法律援助法第四十九条第一款、山西省法律援助条例第二十九条）。"), "\(text)")
        #expect(flat.contains("司法行政部门应当自收到异议之日起五日内进行审查，作出维持法律援助机构决定或者责令法律援助机构改正的决定（法律援助法第四十九条第二款）。"), "\(text)")
        #expect(flat.contains("可以依法申请行政复议或者提起行政诉讼（法律援助法第四十九条第三款）"), "\(text)")
    }

    @Test func objectionNoticeWithoutProvincialTermOrBureau() {
        let lines = DecisionReason.objectionNotice(bureau: "", term: nil)
        #expect(lines[0] == "如对本决定有异议，可以向设立本法律援助机构的司法行政部门提出（法律援助法第四十九条第一款）。")
        #expect(JusticeBureau.defaultName(regionCode: "320400") == "常州市司法局")
        #expect(JusticeBureau.defaultName(regionCode: "320707") == "连云港市赣榆区司法局")
    }
}

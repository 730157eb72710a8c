import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Issue 19 (cases) on the grid backend: a registered application is accepted and decided from
/// the board; a notification case shows its route, has no review form and its one deadline; a
/// wrong date is refused at the field with nothing written.
@Suite(.serialized) struct CaseWorkflowScreenTests {
    struct World {
        let fixture: AppFixture
        let reviewer: Session
        let registered: Int64
        let notified: Int64
    }

    /// The Zezhou centre on 2026-06-08 (Monday) 09:30: 陈秀兰's application registered by a duty
    /// lawyer on 06-05, not yet accepted (Shanxi: decide within three days → due today), and a
    /// court's notice of 06-08 to defend 刘小军 (Art 36: assign by 06-11), not yet accepted.
    static func world() throws -> World {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let reviewer = try store.addOperator(Operator(name: "赵审查", role: .reviewer, stationID: centre.id), by: nil)
        _ = try store.addProvider(Provider(name: "钱律师", kind: .lawyer, organisation: "山西泽州律师事务所", isLeading: true,
                                           stationID: centre.id), by: nil)
        func register(_ name: String, kind: CaseKind, cause: String, route: String, applied: String, due: String) throws -> Int64 {
            let person = try store.saveApplicant(Applicant(name: name, phone: "13912345678"), by: nil)
            return try store.takeApplication(
                ApplicationIntake(applicantID: person.id!, stationID: centre.id!, centreID: centre.id!, kind: kind, cause: cause,
                                  appliedOn: applied, route: route, economicCheck: route == "notification" ? "not_applicable" : "required",
                                  reviewDue: due),
                accept: false, acceptedOn: nil, role: .dutyLawyer, by: nil).id!
        }
        let r = try register("陈秀兰", kind: .civil, cause: "labor_remuneration", route: "application", applied: "2026-06-05", due: "2026-06-08")
        let n = try register("刘小军", kind: .criminal, cause: "suspect_defendant", route: "notification", applied: "2026-06-08", due: "2026-06-11")
        return World(fixture: fixture, reviewer: Session(operatorRecord: reviewer, station: centre), registered: r, notified: n)
    }

    func app(_ w: World, _ root: some Screen) throws -> App {
        let app = App(root: root, keymap: try AppFixture.keymap(), environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        return app
    }

    @Test func boardShowsRegisteredApplicationsAndTheNotificationRoute() throws {
        let w = try Self.world()
        let grid = w.fixture.render(try app(w, PipelineBoardScreen(session: w.reviewer)))
        let expected = """
         法援 · 案件看板                      赵审查（审查人员）  2026-06-08 周一 09:30
          站点 全部站点 ▾           步骤 全部在办 ▾           案由 全部案由 ▾
          群体 全部群体 ▾           承办 全部承办人 ▾         超期 全部 ▾
         受理 2 · 待回访 0
           时限                │步骤      │案号        │申请人  │案由         │承办人
         ▶ 审查 ⚠ 今日到期     │受理      │（未编号）  │陈秀兰  │请求支付劳动…│
           指派 · 剩 3 天      │受理      │（未编号）  │刘小军  │通知辩护·犯… │
















        1帮助   2       3       4       5刷新   6       7抽样   8       9       10退出
        """
        if let diff = ScreenAssertions.diff(grid, expected) { Issue.record("\(diff)") }
    }

    @Test func reviewerAcceptsARegisteredApplicationThenDecidesIt() throws {
        let w = try Self.world()
        let store = w.fixture.environment.store
        let app = try app(w, PipelineBoardScreen(session: w.reviewer))
        app.type("<Enter>")
        var screen = w.fixture.render(app)
        #expect(has(screen, "（未编号） · 受理 · 民事 · 请求支付劳动报酬"), "\(screen.text)")
        #expect(has(screen, "待受理：按 a 受理（受理后分配案号，进入审查；审查期限至 2026-06-08"), "\(screen.text)")
        #expect(!has(screen, "3决定"), "未受理的申请不能直接决定：\(screen.line(23))")
        app.type("a")
        screen = w.fixture.render(app)
        #expect(has(screen, "受理申请") && has(screen, "受理日期"), "\(screen.text)")
        app.handle(.function(2))
        screen = w.fixture.render(app)
        // The acceptance's papers are offered for printing, as at the window's form.
        #expect(app.top is DocumentsScreen, "\(screen.text)")
        #expect(has(screen, "★法律援助申请表") && has(screen, "★法律援助申请材料接收凭证"), "\(screen.text)")
        #expect(!has(screen, "补充材料通知书"), "nothing is missing: \(screen.text)")
        #expect(has(screen, "已受理，编号〔2026〕民援字第0001号，进入审查"), "\(screen.text)")
        app.type("<Esc>")
        screen = w.fixture.render(app)
        #expect(has(screen, "〔2026〕民援字第0001号 · 审查 · 民事"), "\(screen.text)")
        #expect(has(screen, "受理     赵审查"), "\(screen.text)")
        #expect(has(screen, "3决定"), "\(screen.line(23))")
        app.handle(.function(3))
        app.type("<Tab> <F2>")
        screen = w.fixture.render(app)
        #expect(has(screen, "已决定给予法律援助，指派期限开始计算"), "\(screen.text)")
        #expect(try store.aidCase(id: w.registered)?.step == .granted)
        #expect(try store.caseTimeline(w.registered).map(\.kind) == ["applied", "accept", "grant"])
    }

    /// Accepting from the case detail (a) with a material missing offers 申请表, 接收凭证 and the
    /// numbered 补充材料通知书; without a printer F6 writes the PDFs and says where; Esc returns to
    /// the case, whose d lists the same papers for reprint.
    @Test func acceptingWithAMaterialMissingOffersTheSupplementNotice() throws {
        let w = try Self.world()
        let store = w.fixture.environment.store
        let centre = try #require(try store.stations().first)
        let person = try store.saveApplicant(Applicant(name: "孙秀兰", phone: "13912345678"), by: nil)
        let id = try store.takeApplication(
            ApplicationIntake(applicantID: person.id!, stationID: centre.id!, centreID: centre.id!, kind: .civil,
                              cause: "labor_remuneration", summary: "在工地干活被拖欠工资三个月", appliedOn: "2026-06-05",
                              economicCheck: "required", reviewDue: "2026-06-08",
                              documents: [CaseDocumentEntry(code: "id_card", label: "身份证明", status: .received),
                                          CaseDocumentEntry(code: "household", label: "户口簿或居住证明", status: .missing, dueOn: "2026-06-15")]),
            accept: false, acceptedOn: nil, role: .dutyLawyer, by: nil).id!
        let app = try app(w, CaseDetailScreen(session: w.reviewer, caseID: id))
        app.type("a<F2>")
        var screen = w.fixture.render(app)
        #expect(app.top is DocumentsScreen, "\(screen.text)")
        #expect(has(screen, "★法律援助申请表") && has(screen, "★法律援助申请材料接收凭证"), "\(screen.text)")
        #expect(has(screen, "★补充材料通知书") && has(screen, "〔2026〕泽援补字第1号"), "\(screen.text)")
        app.handle(.function(6))
        screen = w.fixture.render(app)
        #expect(has(screen, "未设置打印机（系统设置）：3 份文书的 PDF 已写入"), "\(screen.text)")
        let papers = try store.issuedDocuments(id)
        #expect(papers.count == 3 && papers.allSatisfy { $0.path?.hasSuffix(".pdf") == true }, "\(papers)")
        if let text = try CaseDocumentsTests.pdfText(try #require(papers.last?.path)) {
            #expect(text.contains("孙秀兰") && text.contains("〔2026〕泽援补字第1号") && text.contains("户口簿或居住证明"), "\(text)")
        }
        app.type("<Esc>")
        screen = w.fixture.render(app)
        #expect(app.top is CaseDetailScreen, "\(screen.text)")
        app.type("d")
        screen = w.fixture.render(app)
        #expect(app.top is DocumentsScreen && has(screen, "文书 3 份") && has(screen, "补充材料通知书"), "\(screen.text)")
        #expect(!has(screen, "★"), "a reprint list marks nothing new: \(screen.text)")
        app.type("<Down><Down><Enter>")
        screen = w.fixture.render(app)
        #expect(has(screen, "未设置打印机（系统设置）：补充材料通知书") && has(screen, "补充材料通知书（〔2026〕泽援补字第1号）") && has(screen, "的 PDF"), "\(screen.text)")
        #expect(try store.issuedDocuments(id).last?.printedCount == 0, "no printer: written, not printed")
    }

    @Test func aDecisionDatedBeforeTheCaseIsRefusedAtTheField() throws {
        let w = try Self.world()
        let store = w.fixture.environment.store
        try store.accept(w.registered, on: "2026-06-05", role: .reviewer, by: w.reviewer.operatorID)
        let audit0 = try store.auditCount()
        let app = try app(w, CaseActionScreen(session: w.reviewer, kind: .decide, detail: try store.caseDetail(w.registered)))
        app.type("<Tab> <Tab><Tab><Ctrl-U>20200101<F2>")
        var screen = w.fixture.render(app)
        #expect(has(screen, "决定日期不能早于本案受理日期（2026-06-05）：2020-01-01"), "\(screen.text)")
        #expect(app.top is CaseActionScreen)
        app.type("<Ctrl-U>20260609<F2>")
        screen = w.fixture.render(app)
        #expect(has(screen, "决定日期不能晚于今天（2026-06-08）：2026-06-09"), "\(screen.text)")
        #expect(try store.aidCase(id: w.registered)?.step == .accepted)
        #expect(try store.auditCount() == audit0, "日期有误时不写入任何记录")
        app.type("<Ctrl-U>20260608<F2>")
        #expect(try store.caseDetail(w.registered).board.decidedOn == "2026-06-08")
    }

    @Test func aNotificationCaseIsAcceptedStraightToAssignmentWithOneDeadline() throws {
        let w = try Self.world()
        let store = w.fixture.environment.store
        let app = try app(w, CaseDetailScreen(session: w.reviewer, caseID: w.notified))
        var screen = w.fixture.render(app)
        #expect(has(screen, "（未编号） · 受理 · 通知辩护 · 刑事 · 犯罪嫌疑人、被告人"), "\(screen.text)")
        #expect(has(screen, "期限：指派期限 · 剩 3 天（至 2026-06-11）"), "\(screen.text)")
        app.type("a")
        screen = w.fixture.render(app)
        #expect(has(screen, "通知辩护：无需审查，受理后径行指派；指派期限至 2026-06-11"), "\(screen.text)")
        app.handle(.function(2))
        screen = w.fixture.render(app)
        #expect(has(screen, "已受理，编号〔2026〕刑援字第0001号；通知案件无需审查，径行指派"), "\(screen.text)")
        #expect(has(screen, "〔2026〕刑援字第0001号 · 指派 · 通知辩护 · 刑事"), "\(screen.text)")
        #expect(has(screen, "期限：指派期限 · 剩 3 天（至 2026-06-11）"), "受理后期限不变：\(screen.text)")
        #expect(!has(screen, "3决定") && has(screen, "4指派"), "\(screen.line(23))")
        app.handle(.function(3))
        #expect(!(app.top is CaseActionScreen), "通知案件没有审查表")
        app.handle(.function(4))
        app.handle(.function(2))
        screen = w.fixture.render(app)
        #expect(has(screen, "已指派钱律师"), "\(screen.text)")
        #expect(try store.aidCase(id: w.notified)?.step == .assigned)
    }
}

/// The intake form and the case's clock name the same deadline for a court's notice: the form says
/// 指派期限 (Art 36), not 审查期限, and the date is the one the board's clock shows.
@Suite struct NotificationIntakeFormTests {
    @Test func theFormPromisesTheAssignmentDeadlineTheClockShows() throws {
        let rules = try RuleLibrary.bundled()
        let minor = ScreeningInput(region: "140525", applicationDate: LocalDate(iso: "2026-06-08")!,
                                   applicant: .init(birthDate: LocalDate(iso: "2010-03-02")!, gender: .male),
                                   matter: .init(kind: .criminal, criminal: .init(role: .suspectDefendant, stage: .trial)))
        let r = try rules.screen(minor)
        #expect(r.route == .notification)
        let lines = ScreeningText.lines(r, width: 80).map(\.0)
        #expect(lines.contains("指派期限：2026-06-11 前（收到通知之日起三日内，法律援助法第三十六条）"), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("审查期限") }, "\(lines)")
        let deadlines = CaseDeadlines(rules: rules, region: "140525", on: LocalDate(iso: "2026-06-08")!)
        let times = CaseTimes(stage: .intake, route: "notification", appliedOn: LocalDate(iso: "2026-06-08")!)
        #expect(deadlines.planner.clocks(times, today: LocalDate(iso: "2026-06-08")!).first?.due == LocalDate(iso: "2026-06-11"))
    }
}

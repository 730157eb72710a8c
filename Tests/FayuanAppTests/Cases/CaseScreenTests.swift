import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Whether the screen shows `text` (a Bool, so a failure prints the screen once, as text).
func has(_ grid: GridCanvas, _ text: String) -> Bool { grid.contains(text) }

@Suite(.serialized) struct CaseScreenTests {
    struct World {
        let fixture: AppFixture
        let reviewer: Session
        let lawyer: Session
        let accepted: Int64
        let granted: Int64
    }

    /// The Zezhou centre on 2026-06-08 (Monday) 09:30: an accepted case applied on 06-05 (review
    /// due today: Shanxi's 条例 gives three days), a case granted on 05-28 (assignment overdue since 06-01), three lawyers.
    static func world() throws -> World {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let reviewer = try store.addOperator(Operator(name: "赵审查", role: .reviewer, stationID: centre.id), by: nil)
        let lawyerOp = try store.addOperator(Operator(name: "值班小李", role: .dutyLawyer, stationID: centre.id), by: nil)
        for (name, leading) in [("王律师", false), ("李律师", false), ("钱律师", true)] {
            _ = try store.addProvider(Provider(name: name, kind: .lawyer, organisation: "山西泽州律师事务所", isLeading: leading,
                                               stationID: centre.id), by: nil)
        }
        func accepted(_ name: String, _ id: String, _ cause: String, _ day: String) throws -> Int64 {
            let person = try store.saveApplicant(Applicant(name: name, idNumber: id, phone: "13812341234"), by: nil)
            let c = try store.openApplication(AidCase(centreID: centre.id!, stationID: centre.id!, applicantID: person.id!,
                                                      kind: .civil, cause: cause, appliedOn: day), by: reviewer.id)
            return try store.acceptCase(c.id!, on: day, by: reviewer.id).id!
        }
        let a = try accepted("张三丰", "11010519491231002X", "labor_remuneration", "2026-06-05")
        let g = try accepted("李秀英", "140525195003150026", "support_payment", "2026-05-25")
        try store.decide(g, grant: true, reasons: ["exempt_from_check"], text: "", on: "2026-05-28", role: .reviewer, by: reviewer.id)
        return World(fixture: fixture, reviewer: Session(operatorRecord: reviewer, station: centre),
                     lawyer: Session(operatorRecord: lawyerOp, station: centre), accepted: a, granted: g)
    }

    @Test func boardShowsClocksByUrgencyAt80x24() throws {
        let w = try Self.world()
        let app = App(root: PipelineBoardScreen(session: w.reviewer), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        let grid = w.fixture.render(app)
        let expected = """
         法援 · 案件看板                      赵审查（审查人员）  2026-06-08 周一 09:30
          站点 全部站点 ▾           步骤 全部在办 ▾           案由 全部案由 ▾
          群体 全部群体 ▾           承办 全部承办人 ▾         超期 全部 ▾
         审查 1 · 指派 1(✗1) · 待回访 0
           时限                │步骤      │案号        │申请人  │案由         │承办人
         ▶ 指派 ✗ 已超期 7 天  │指派      │2026民援0002│李秀英  │请求给付赡养…│
           审查 ⚠ 今日到期     │审查      │2026民援0001│张三丰  │请求支付劳动…│
















        1帮助   2       3       4       5刷新   6       7抽样   8       9       10退出
        """
        if let diff = ScreenAssertions.diff(grid, expected) { Issue.record("\(diff)") }
    }

    @Test func reviewerDecidesAndAssignsWithTheWheelExplained() throws {
        let w = try Self.world()
        let store = w.fixture.environment.store
        let app = App(root: PipelineBoardScreen(session: w.reviewer), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        app.type("<Down><Enter>")
        var screen = w.fixture.render(app)
        #expect(has(screen, "〔2026〕民援字第0001号 · 审查 · 民事 · 请求支付劳动报酬"), "\(screen.text)")
        #expect(has(screen, "申请人 张三丰　证件 1101**********002X　电话 138****1234"))
        #expect(has(screen, "期限：审查期限 ⚠ 今日到期（至 2026-06-08）"), "\(screen.text)")
        #expect(has(screen, "3决定") && !has(screen, "4指派"), "\(screen.line(23))")

        // Full ID number on request, audited.
        let audit0 = try store.auditCount()
        app.type("i")
        screen = w.fixture.render(app)
        #expect(has(screen, "证件 11010519491231002X"), "\(screen.text)")
        #expect(try store.auditCount() == audit0 + 1)

        app.handle(.function(3))
        screen = w.fixture.render(app)
        #expect(has(screen, "审查决定"))
        #expect(has(screen, "今日决定则指派期限至") && has(screen, "2026-06-11"), "\(screen.text)")
        app.type("<Tab> <F2>")
        screen = w.fixture.render(app)
        #expect(has(screen, "已决定给予法律援助，指派期限开始计算"), "\(screen.text)")
        // The 决定书 is offered for printing; Esc returns to the case.
        #expect(has(screen, "▶★给予法律援助决定书"), "\(screen.text)")
        app.type("<Esc>")
        screen = w.fixture.render(app)
        #expect(has(screen, "〔2026〕民援字第0001号 · 指派"), "\(screen.text)")
        #expect(has(screen, "给予援助 赵审查"), "\(screen.text)")
        #expect(has(screen, "指派期限 · 剩 3 天（至 2026-06-11）"), "\(screen.text)")

        app.handle(.function(4))
        screen = w.fixture.render(app)
        #expect(has(screen, "★ 轮案建议：王律师（轮次：本轮盘尚未轮到；在办 0 件；无利益冲突）"), "\(screen.text)")
        // Choosing someone else needs a reason.
        app.type("<Down><F2>")
        screen = w.fixture.render(app)
        #expect(has(screen, "另行指派理由：未按轮案建议指派，须说明理由"), "\(screen.text)")
        app.type("申请人要求")
        app.handle(.function(2))
        screen = w.fixture.render(app)
        #expect(has(screen, "已指派李律师；已生成 2026-06-08-指派通知书-2026-泽援指字第1号.pdf"), "\(screen.text)")
        #expect(has(screen, "▶★指派通知书"), "\(screen.text)")
        #expect(try store.caseTimeline(w.accepted).last?.note.contains("未按建议指派，理由：申请人要求") == true)
        let pdf = try #require(try store.issuedDocuments(w.accepted).first { $0.kind == .assignmentNotice }?.path)
        let notice = try String(contentsOfFile: (pdf as NSString).deletingPathExtension + ".txt", encoding: .utf8)
        let lines = notice.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("承办人员：") && $0.hasSuffix("李律师") }, "\(notice)")
        #expect(lines.contains { $0.hasPrefix("另行指派理由：") && $0.hasSuffix("申请人要求") }, "\(notice)")
        #expect(notice.contains("〔2026〕泽援指字第1号"), "\(notice)")
        #expect(try store.rotationHistory(stationID: w.reviewer.station?.id, cause: "labor_remuneration").map(\.providerName) == ["李律师"])
    }

    @Test func refusalPrintsTheDecisionWithTheObjectionPath() throws {
        let w = try Self.world()
        let detail = try w.fixture.environment.store.caseDetail(w.accepted)
        let app = App(root: CaseActionScreen(session: w.reviewer, kind: .decide, detail: detail, note: "2026-06-11"),
                      keymap: try AppFixture.keymap(), environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        app.type("<Down>")
        var screen = w.fixture.render(app)
        #expect(has(screen, "保存后生成《不予法律援助决定书》"), "\(screen.text)")
        #expect(has(screen, "不符合经济困难标准"), "\(screen.text)")
        app.type("<Tab><Down> <Tab>家庭人均收入高于当地标准<F2>")
        screen = w.fixture.render(app)
        #expect(has(screen, "已决定不予法律援助"), "\(screen.text)")
        #expect(has(screen, "▶★不予法律援助决定书"), "\(screen.text)")
        let pdf = try #require(try w.fixture.environment.store.issuedDocuments(w.accepted).first { $0.kind == .refusalDecision }?.path)
        let text = try String(contentsOfFile: (pdf as NSString).deletingPathExtension + ".txt", encoding: .utf8)
        #expect(text.contains("不予法律援助决定书"))
        #expect(text.contains("〔2026〕泽援不决字第1号"), "\(text)")
        #expect(text.contains("（1）不符合经济困难标准（法律援助法第三十四条）"), "\(text)")
        #expect(text.contains("（2）家庭人均收入高于当地标准"), "\(text)")
        #expect(text.contains("法律援助法第四十九条"))
        #expect(!text.contains("11010519491231002X"), "决定书中证件号码应遮蔽")
    }

    @Test func dutyLawyerCannotDecideOrAssign() throws {
        let w = try Self.world()
        for (id, key, words) in [(w.accepted, 3, "无权操作：值班律师不能作出给予/不予援助决定"), (w.granted, 4, "无权操作：值班律师不能指派承办人员")] {
            let app = App(root: CaseDetailScreen(session: w.lawyer, caseID: id), keymap: try AppFixture.keymap(),
                          environment: w.fixture.environment, session: w.lawyer)
            app.send(.resumed)
            #expect(!has(w.fixture.render(app), "3决定"))
            #expect(!has(w.fixture.render(app), "4指派"))
            app.handle(.function(key))
            let screen = w.fixture.render(app)
            #expect(has(screen, words), "\(screen.text)")
            #expect(app.top is CaseDetailScreen)
        }
        #expect(try w.fixture.environment.store.aidCase(id: w.accepted)?.step == .accepted)
    }

    @Test func qualityReviewScoresAndFailWithholdsSubsidy() throws {
        let w = try Self.world()
        let store = w.fixture.environment.store
        let id = w.granted
        try store.assign(id, to: 1, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-01", role: .reviewer, by: nil)
        try store.submitForClosing(id, outcome: "调解结案", on: "2026-06-05", role: .reviewer, by: nil)
        try store.reviewClosing(id, approve: true, note: "", on: "2026-06-06", role: .reviewer, by: nil)
        // Separation of duties (issue 16): 赵审查 granted the aid, so another reviewer scores the file.
        let second = Session(operatorRecord: try store.addOperator(Operator(name: "孙评查", role: .reviewer, stationID: w.reviewer.station?.id), by: nil),
                             station: w.reviewer.station)
        let app = App(root: QualityReviewScreen(session: second, detail: try store.caseDetail(id)), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: second)
        app.send(.resumed)
        app.type("<Tab>钱律师<Tab>5<Tab>5<Tab>10<Tab>10<Tab>5<Tab>10<Tab>5")
        var screen = w.fixture.render(app)
        #expect(has(screen, "合计 50/100 分 · 不合格 · ✗ 不合格案件不予发放补贴"), "\(screen.text)")
        app.handle(.function(2))
        screen = w.fixture.render(app)
        #expect(has(screen, "评查已记录：50 分，不合格；不合格案件不予发放补贴"), "\(screen.text)")
        #expect(try !store.caseSubsidyEligible(id))
    }
}

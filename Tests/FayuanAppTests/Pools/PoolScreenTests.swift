import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 人员库 on the grid backend: the register by category and specialty, the pools (←→), the 名优
/// yearly count, a volunteer's record with the 8-hour cap, and a reproducible panel draw with the
/// handling lawyer and their firm recused.
@Suite(.serialized) struct PoolScreenTests {
    struct World {
        let fixture: AppFixture
        let app: App
        let reviewer: Operator
        let closedCase: Int64
        var store: CaseStore { fixture.environment.store }
    }

    static func world(role: OperatorRole = .reviewer) throws -> World {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "320707000", name: "连云港市赣榆区公共法律服务中心", kind: .countyCentre), by: nil)
        let reviewer = try store.addOperator(Operator(name: "徐静", role: .reviewer, stationID: centre.id), by: nil)
        let closer = try store.addOperator(Operator(name: "马骏", role: .reviewer, stationID: centre.id), by: nil)
        var lawyers: [Provider] = []
        for (name, firm) in [("陈志远", "江苏连云律师事务所"), ("刘海燕", "江苏连云律师事务所"), ("孙建国", "赣榆正大律师事务所"),
                             ("周晓梅", "赣榆正大律师事务所"), ("吴国平", "海州明法律师事务所")] {
            lawyers.append(try store.addProvider(Provider(name: name, kind: .lawyer, organisation: firm, phone: "13905180001",
                                                          stationID: centre.id), by: nil))
        }
        for l in lawyers {
            try store.addToPool(l.id!, pool: .reviewExperts, joinedOn: "2026-01-01", validTo: "2028-12-31", role: .reviewer, by: reviewer.id)
        }
        try store.addToPool(lawyers[0].id!, pool: .leadingLawyers, joinedOn: "2025-01-01", role: .reviewer, by: reviewer.id)
        try store.setRegisterEntry(lawyers[4].id!, specialties: [.labor, .minors], role: .reviewer, by: reviewer.id)
        _ = try store.enrolProvider(name: "黄德胜", kind: .grassrootsWorker, firm: "青口镇法律服务所", phone: nil, stationID: centre.id,
                                    role: .reviewer, by: reviewer.id)
        let person = try store.saveApplicant(Applicant(name: "李桂英", phone: "13812341234"), by: nil)
        let opened = try store.openApplication(AidCase(centreID: centre.id!, stationID: centre.id!, applicantID: person.id!, kind: .civil,
                                                       cause: "labor_remuneration", appliedOn: "2026-03-02"), by: reviewer.id)
        _ = try store.acceptCase(opened.id!, on: "2026-03-02", by: reviewer.id)
        try store.decide(opened.id!, grant: true, reasons: ["in_scope_hardship"], text: "欠薪属实", on: "2026-03-02", role: .reviewer, by: reviewer.id)
        try store.assign(opened.id!, to: lawyers[2].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-03-03",
                         role: .reviewer, by: reviewer.id)
        try store.submitForClosing(opened.id!, outcome: "调解结案", on: "2026-05-04", role: .reviewer, by: reviewer.id)
        try store.reviewClosing(opened.id!, approve: true, note: "", on: "2026-05-05", role: .reviewer, by: closer.id)
        let v = try store.applyVolunteer(VolunteerApplication(name: "林小雨", phone: "13905180099", skills: "手语翻译", availability: "周末"),
                                         on: "2026-05-01", role: .reviewer, by: reviewer.id)
        try store.registerVolunteer(v, platformNo: "32070720260001", on: "2026-05-02", role: .reviewer, by: reviewer.id)
        try store.logVolunteerService(v, day: "2026-06-06", minutes: 600, activity: "防汛安置点法律咨询", overflowNote: "安置点群众集中",
                                      role: .reviewer, by: reviewer.id)
        let op = role == .reviewer ? reviewer : try store.addOperator(Operator(name: "王丽", role: role, stationID: centre.id), by: nil)
        let session = Session(operatorRecord: op, station: centre)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.type("p")
        return World(fixture: fixture, app: app, reviewer: reviewer, closedCase: opened.id!)
    }

    @Test func registerThenPoolsThenLeadingCount() throws {
        let w = try Self.world()
        if let diff = ScreenAssertions.diff(w.fixture.render(w.app), """
         法援 · 人员库                          徐静（审查人员）  2026-06-08 周一 09:30
         【人员名册】 志愿律师库 名优律师团 值班律师库 评查专家库 志愿者 “1+1”结对
         在册 6 人　按类别、专业领域登记，向社会公布　←→ 换清单
           姓名    │类别      │执业机构          │专业领域      │人员库
         ▶ 陈志远  │律师      │江苏连云律师事务所│              │评查专家库、名优律师团
           刘海燕  │律师      │江苏连云律师事务所│              │评查专家库
           孙建国  │律师      │赣榆正大律师事务所│              │评查专家库
           周晓梅  │律师      │赣榆正大律师事务所│              │评查专家库
           吴国平  │律师      │海州明法律师事务所│劳动、未成年人│评查专家库
           黄德胜  │基层法律… │青口镇法律服务所  │              │













        1帮助   2       3评查组 4打印   5       6       7       8       9首页   10退出
        """) {
            Issue.record("\(diff)")
        }
        w.app.type("<Right><Right>")
        let leading = w.fixture.render(w.app).text
        #expect(leading.contains("2026年 成员 1 人，亲自办理不足5件 1 人（仅带教的结对案件不计）"), "\(leading)")
        #expect(leading.contains("陈志远  │江苏连云律师事务所│2025-01-01│       0│     0│0/5 ✗ 不足5件"), "\(leading)")
        w.app.type("<Right><Right>")
        let experts = w.fixture.render(w.app).text
        #expect(experts.contains("【评查专家库】"), "\(experts)")
        #expect(experts.contains("吴国平  │海州明法律师事务所│2026-01-01│2028-12-31│在库  │劳动、未成年人"), "\(experts)")
    }

    @Test func volunteerRecordShowsTheCountedEightHours() throws {
        let w = try Self.world()
        w.app.type("<Left><Left>")
        let list = w.fixture.render(w.app).text
        #expect(list.contains("林小雨  │在册  │手语翻译        │    8 小时│☆☆☆☆☆     │0/0"), "\(list)")
        w.app.type("<Enter>")
        if let diff = ScreenAssertions.diff(w.fixture.render(w.app), """
         法援 · 志愿者 林小雨                   徐静（审查人员）  2026-06-08 周一 09:30
         林小雨　在册　证件 —　电话 139****0099　注册编号 32070720260001
         技能：手语翻译　服务时间：周末
         累计计入 8 小时　星级 ☆☆☆☆☆（0 星）　本年失约 0 次、投诉 0 次
           日期      │计入    │超出    │服务内容            │说明
         ▶ 2026-06-06│  8 小时│  2 小时│防汛安置点法律咨询  │安置点群众集中

















        1帮助   2       3       4打印   5       6       7       8       9首页   10退出
        """) {
            Issue.record("\(diff)")
        }
        // Scenario 4: the certificate shows 8 hours for that day, not 10.
        w.app.handle(.function(4))
        let preview = w.fixture.render(w.app).text
        #expect(preview.contains("法律援助志愿服务记录证明"), "\(preview)")
        let doc = try PoolDocuments.volunteerCertificate(try w.store.volunteerDetail(w.store.volunteers()[0].id),
                                                         issuer: "连云港市赣榆区公共法律服务中心", day: "2026-06-08")
        #expect(doc.text.contains("2026-06-06"))
        #expect(doc.text.contains("2026-06-06  │8 小时"))
        #expect(!doc.text.contains("10 小时"))
        #expect(try doc.pdf().starts(with: Data("%PDF".utf8)))
    }

    @Test func panelDrawIsReproducibleAndRecusesTheHandlersFirm() throws {
        let w = try Self.world()
        w.app.handle(.function(3))
        w.app.type("<C-U>\(w.closedCase)<Tab><C-U>2<Tab><C-U>20251231")
        w.app.handle(.function(2))
        let first = w.fixture.render(w.app)
        if let diff = ScreenAssertions.diff(first, """
         法援 · 抽取评查组                      徐静（审查人员）  2026-06-08 周一 09:30
         随机抽取，同一种子可复现；回避承办律师及其所在所　F2 抽取　Esc 返回
           *案件编号： 1
         *评查组人数： 2
           *随机种子： 20251231

         第 1 次抽取 · 案件 〔2026〕民援字第0001号 · 承办 孙建国（赣榆正大律师事务所）
         专家库 5 人，回避 2 人，可抽 3 人；种子 20251231，按种子重抽结果一致 ✓
         评查组：
           1. 吴国平（海州明法律师事务所）　组长
           2. 陈志远（江苏连云律师事务所）
         回避 2 人：
           ✗ 孙建国：本案承办律师
           ✗ 周晓梅：与承办律师同所（赣榆正大律师事务所）








        ✓ 已抽取评查组：吴国平、陈志远（种子 20251231）
        1帮助   2保存   3       4       5       6       7       8       9首页   10退出
        """) {
            Issue.record("\(diff)")
        }
        // The same seed again: the same members.
        w.app.handle(.function(2))
        let panels = try w.store.reviewPanels(caseID: w.closedCase)
        #expect(panels.count == 2)
        #expect(panels[0].members.map(\.providerID) == panels[1].members.map(\.providerID))
    }

    @Test func windowClerkCannotDrawAPanel() throws {
        let w = try Self.world(role: .windowClerk)
        w.app.handle(.function(3))
        #expect(w.fixture.render(w.app).text.contains("无权操作：窗口工作人员不能案件质量评查"))
    }

    @Test func publishedRegisterAndLeadingYearPrintAsA4() throws {
        let w = try Self.world()
        w.app.handle(.function(4))
        let preview = w.fixture.render(w.app).text
        #expect(preview.contains("法律援助人员名册"), "\(preview)")
        #expect(preview.contains("律师（5 人）"), "\(preview)")
        w.app.handle(.function(5))
        let done = w.fixture.render(w.app).text
        #expect(done.contains("PDF 已写入"), "\(done)")
        let dir = PrintFolder.directory(storePath: w.store.path, year: 2026)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        let pdf = try #require(files.first { $0.hasPrefix("法律援助人员名册") && $0.hasSuffix(".pdf") })
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + pdf))
        #expect(data.starts(with: Data("%PDF".utf8)))
        let text = try String(contentsOfFile: dir + "/" + pdf.replacingOccurrences(of: ".pdf", with: ".txt"), encoding: .utf8)
        #expect(text.contains("吴国平"))
        #expect(text.contains("劳动、未成年"))
        #expect(!text.contains("13905180001"))

        let year = try w.store.leadingLawyerYear(2026)
        let doc = try PoolDocuments.leadingYear(year, year: 2026, issuer: "连云港市赣榆区公共法律服务中心", day: "2026-12-31")
        #expect(doc.paper == .a4)
        #expect(doc.text.contains("陈志远（0/5）"))
        #expect(try doc.pdf().starts(with: Data("%PDF".utf8)))
        #expect(throws: StoreError.self) {
            try PoolDocuments.register([], pool: .reviewExperts, issuer: "连云港市赣榆区公共法律服务中心", day: "2026-12-31")
        }
    }
}

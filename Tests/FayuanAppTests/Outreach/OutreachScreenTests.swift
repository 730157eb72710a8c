import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit
import TerminalKitTesting
import Testing
@testable import FayuanApp

@Suite("政策找人 画面") struct OutreachScreenTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func id(_ birth: String, _ seq: Int) -> String {
        let first17 = "320721" + birth + String(String(seq + 1000).suffix(3))
        return first17 + String(IDNumber.checkCharacter(for: Array(first17)))
    }

    /// 赣榆 centre, a reviewer, 王桂英 (低保 from the 民政 list, 高龄 and 独居 tags) with the need of
    /// the 2026-06-05 visit, and 张建国 registered at a 民政 counter on 2026-06-04 (due 06-08).
    static func world() throws -> (AppFixture, Session) {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "320707000", name: "赣榆区公共法律服务中心", kind: .countyCentre), by: nil)
        let reviewer = try store.addOperator(Operator(name: "周敏", role: .reviewer, stationID: centre.id), by: nil)
        let csv = ["户编号,户主姓名,公民身份号码,与户主关系,家庭住址,低保证号",
                   "QK-001,王桂英,\(id("19420512", 12)),户主,朱堵村3组,GY-DB-2025-0417"].joined(separator: "\n")
        let rows = try Spreadsheet.rows(data: Data(csv.utf8), fileName: "名单.csv")
        let plan = OutreachListPlan.check(rows: Array(rows.dropFirst()), mapping: .detect(header: rows[0].fields),
                                          defaultGroup: .DB, evidenceKind: .civilAffairsData)
        try store.commitOutreachImport(plan, OutreachImportMeta(source: .civilAffairsList, town: "青口镇", regionCode: "320707",
                                                                fileName: "名单.csv", fileDigest: "测试", importedOn: d("2026-01-05")),
                                       role: .reviewer, by: reviewer.id)
        let no = "320707-2026-000001"
        let person = try store.outreachHousehold(no, on: d("2026-06-08")).members[0].applicantID
        try store.addOutreachTag(applicantID: person, GroupTag(code: .GL, evidenceKind: .civilAffairsData, evidenceNo: "高龄津贴 0331",
                                                                validFrom: d("2022-05-12")), source: .civilAffairsList, role: .reviewer, by: reviewer.id)
        try store.setOutreachRisk(no, .high, role: .reviewer, by: reviewer.id)
        try store.recordOutreachVisit(OutreachVisitInput(householdNo: no, visitedOn: d("2026-06-05"), mode: .home, visitors: ["周敏"],
                                                         signature: .thumbprint,
                                                         needs: [NeedInput(person: .applicant(person), channel: .homeVisit,
                                                                           registeredOn: d("2026-06-05"), summary: "儿子拒绝支付赡养费",
                                                                           needType: .support)]),
                                      calendar: fixture.environment.rules.calendar, role: .reviewer, by: reviewer.id)
        try store.registerNeed(NeedInput(person: .identified(name: "张建国", idNumber: id("19680704", 77), phone: nil),
                                         channel: .civilAffairsCounter, registeredOn: d("2026-06-04"), summary: "工伤补助金被拒付",
                                         needType: .workInjury), calendar: fixture.environment.rules.calendar, role: .reviewer, by: reviewer.id)
        let station = try store.stations().first
        return (fixture, Session(operatorRecord: reviewer, station: station))
    }

    @Test("台账 → 户档 → a 转申请：整屏；审查结果（免予核查、第四十二条第二项、赣榆事项范围）显示在需求下")
    func registerDetailAndConversion() throws {
        let (fixture, session) = try Self.world()
        let app = App(root: OutreachScreen(session: session), keymap: try AppFixture.keymap(), environment: fixture.environment)
        app.tick()
        let list = fixture.render(app)
        let expectedList = """
         法援 · 政策找人 · 建档立卡台账                           2026-06-08 周一 09:30
         建档立卡 1 户
           户档编号          │户主    │乡镇    │群体              │风险│下次随访  │需求
         ▶ 320707-2026-000001│王桂英  │青口镇  │低保对象、高龄老人│高  │2026-09-05│   1







         待处理需求 2 条：⚠ 今日到期 1 条　‼ 逾期 0 条
           需求编号     │姓名    │来源        │类型          │首次联系
         ▶ XQ-2026-00002│张建国  │民政柜台登记│工伤          │2026-06-08 ⚠ 今日到期
           XQ-2026-00001│王桂英  │入户走访    │赡养/抚养/扶养│2026-06-09 已联系






         ↑↓ 选户　回车 查看成员、群体标签和需求（证件号已打码）　Tab 到需求

        1帮助   2       3       4       5       6       7       8       9       10退出
        """
        if let diff = ScreenAssertions.diff(list, expectedList) { Issue.record("\(diff)") }
        app.type("<Enter>a")
        let converted = fixture.render(app)
        let expectedConverted = """
         法援 · 政策找人 · 户档 320707-2026-000001                2026-06-08 周一 09:30
         青口镇 朱堵村3组　风险 高　联系卡 未发　下次随访 2026-09-05
         王桂英　3207**********0122　户主
           ✓ 低保对象（民政数据，低保证号 GY-DB-2025-0417）
           ✓ 高龄老人（民政数据，证明编号 高龄津贴 0331）


         需求（a 转申请　c 转咨询　d 已联系　Esc 返回台账）
           需求编号     │登记日    │类型          │首次联系                     │去向
         ▶ XQ-2026-00001│2026-06-05│赡养/抚养/扶养│2026-06-09 已联系            │转申请
         经济困难状况：免予核查（依据：低保对象（民政数据，低保证号 GY-DB-2025-0417）；
         高龄老人（民政数据，证明编号 高龄津贴 0331））
         请求给付赡养费、抚养费、扶养费属于法律援助事项（法律援助法第三十一条第四项）
         特困人员、低保对象、低保边缘家庭成员、支出型困难家庭成员等低收入人口申请法律援
         助，不受事项范围限制，但仍须符合经济困难条件（江苏省法律援助条例第十九条第一
         项）
         高龄、失能、计划生育特殊家庭等老年人群体申请法律援助，不受事项范围限制（江苏省
         法律援助条例第十九条第六项）
         高龄、孤寡、失能、失独老人，以及困境儿童、重度残疾人、重病患者等特殊困难群体，
         取消法律援助事项范围限制（赣司〔2021〕7号 二（三））
         申请人是社会救助或者司法救助对象，有材料证明的免予核查经济困难状况（法律援助法
         第四十二条第二项）
        ✓ 需求 XQ-2026-00001 已转申请（案件 #1，待受理）
        1帮助   2       3       4       5       6       7       8       9       10退出
        """
        if let diff = ScreenAssertions.diff(converted, expectedConverted) { Issue.record("\(diff)") }
        // The application on file: exempt, civil 赡养费, waiting for acceptance.
        let need = try fixture.environment.store.need("XQ-2026-00001", today: Self.d("2026-06-08"))
        let facts = try fixture.environment.store.convertedCaseFacts(try #require(need.caseID))
        #expect(facts.economicCheck == "exempt" && facts.cause == "support_payment" && facts.step == "applied")
        // Back to the register: 张建国's counter registration is in the queue; Tab, then c turns it into a consultation.
        app.type("<Esc><Tab>c")
        let after = fixture.render(app)
        #expect(after.contains("需求 XQ-2026-00002 已转咨询"), "\(after.text)")
        #expect(after.contains("待处理需求 0 条"), "\(after.text)")
        #expect(try fixture.environment.store.need("XQ-2026-00002", today: Self.d("2026-06-08")).disposition == "已解答")
    }

    @Test("台账：四种台账为 A4 横向 PDF，证件号打码，每页页脚有“第 x 页 共 y 页”、打印人和时间")
    func ledgers() throws {
        let (fixture, _) = try Self.world()
        let store = fixture.environment.store
        for ledger in OutreachLedger.allCases {
            let doc = try ledger.document(store: store, issuer: "赣榆区公共法律服务中心", town: ledger == .register ? "青口镇" : nil,
                                          on: Self.d("2026-06-08"), printedBy: "周敏", printedAt: "2026-06-08 09:30")
            #expect(doc.paper == .a4Landscape && doc.title == ledger.title)
            #expect(doc.footer == "打印人：周敏　打印时间：2026-06-08 09:30")
            let pdf = try doc.pdf()
            let head = String(decoding: pdf.prefix(4), as: UTF8.self)
            #expect(head == "%PDF")
            // Landscape: the page is 297 mm wide (841.9 pt) and 210 mm high (595.3 pt).
            let text = String(decoding: pdf, as: UTF8.self)
            #expect(text.contains("841.889") && text.contains("595.275"), "\(ledger.title) 应为 A4 横向")
        }
        let register = try OutreachLedger.register.document(store: store, issuer: "赣榆区公共法律服务中心", town: "青口镇",
                                                            on: Self.d("2026-06-08"), printedBy: "周敏", printedAt: "2026-06-08 09:30")
        guard case .table(let table) = register.blocks[1] else { Issue.record("建档立卡台账应有表格"); return }
        #expect(table.rows.count == 1)
        #expect(table.rows[0][1] == "王桂英" && table.rows[0][2] == "3207**********0122")
        #expect(table.rows[0][3].contains("低保对象（民政数据，低保证号 GY-DB-2025-0417）"))
        #expect(!table.rows.flatMap { $0 }.joined().contains("19420512"))
        let needs = try OutreachLedger.needs.document(store: store, issuer: "赣榆", town: nil, on: Self.d("2026-06-09"),
                                                      printedBy: "周敏", printedAt: "2026-06-09 08:00")
        guard case .table(let needTable) = needs.blocks[1] else { Issue.record("需求台账应有表格"); return }
        #expect(needTable.rows.map(\.[0]) == ["XQ-2026-00002", "XQ-2026-00001"])
        #expect(needTable.rows[0][6] == "未联系（逾期）")
    }
}

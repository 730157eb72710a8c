import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Issue 17 (findings 1, 6, 7) and issue 18 at the application screen: a picked person is shown
/// masked, accepting keeps the stored values unless each change is confirmed, a typed number of a
/// registered person is not adopted, F2 暂存, Esc offers 保留草稿 / 放弃 / 取消.
@Suite struct ApplicationPrivacyScreenTests {
    static func registered(_ fixture: AppFixture) throws -> Applicant {
        try fixture.environment.store.saveApplicant(
            Applicant(name: "孙秀兰", idNumber: "11010519491231002X", gender: "F", birthDate: "1949-12-31",
                      phone: "13812345678", address: "山西省晋城市泽州县南村镇东街8号"), by: nil)
    }

    static func screen(_ app: App, _ fixture: AppFixture) -> String { IntakeScreenTests.text(fixture.render(app)) }

    @Test func pickingAHitFillsTheFormMasked() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        _ = try Self.registered(fixture)
        app.type("3孙秀兰<Down><Enter>")
        let grid = fixture.render(app)
        let expected = """
         法援 · 法律援助申请                王丽（窗口工作人员）  2026-06-08 周一 09:30
         ▶①申请人◀  ②事项   ③经济状况   ④审查   ⑤材料   ⑥受理
         已带入登记档案：证件号码、电话、住址已隐藏（与档案不同的项受理时逐项确认）
              *姓名： 孙秀兰
           证件号码： 1101**********002X
               性别： 女 ▾
           出生日期： 年-月-日
               电话： 138****5678
               住址： 山西省晋城市****
         无障碍需求：  [ ] 方言
                       [ ] 手语
                       [ ] 听力
                       [ ] 视力
                       [ ] 行动不便
                       [ ] 识字困难







        ℹ 已带入：孙秀兰
        1帮助   2保存   3上一步 4下一步 5受理   6不受理 7群众看 8       9首页   10退出
        """
        let diff = ScreenAssertions.diff(grid, expected)
        #expect(diff == nil, "\(diff ?? "")")
        let text = grid.lines.joined(separator: "\n")
        #expect(!text.contains("11010519491231002X") && !text.contains("13812345678") && !text.contains("1949-12-31"))
        // The pick is a read of the person: audited.
        let reads = try fixture.environment.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'applicant'")
        }
        #expect(reads == 1)
    }

    @Test func acceptingAPickedPersonUnchangedKeepsTheStoredRecord() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        let person = try Self.registered(fixture)
        app.type("3孙秀兰<Down><Enter><Alt-2><Tab>劳动报酬<Alt-5> <Down> <Down> <Down> <Down> <Down> <F5>y")
        let text = Self.screen(app, fixture)
        #expect(text.contains("已受理 〔2026〕民援字第0001号（孙秀兰）"), "\(text)")
        #expect(try fixture.environment.store.applicant(id: person.id!) == person)
    }

    @Test func aChangedPhoneIsShownBeforeAndAfterAndConfirmedOnItsOwn() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        let person = try Self.registered(fixture)
        app.type("3孙秀兰<Down><Enter><Tab><Tab><Tab><Tab><Ctrl-U>13900001111")
        app.type("<Alt-2><Tab>劳动报酬<Alt-5> <Down> <Down> <Down> <Down> <Down> <F5>y")
        let grid = fixture.render(app)
        let text = grid.lines.joined(separator: "\n")
        // The comparison: the stored phone masked, what was typed as typed, the current field marked.
        let expected = """
         法援 · 法律援助申请                王丽（窗口工作人员）  2026-06-08 周一 09:30
          ①申请人   ②事项   ③经济状况   ④审查  ▶⑤材料◀  ⑥受理
         ✓ 材料齐全
         ┌─ 与档案不同：逐项确认（档案值已隐藏） ─────────────────────────────────────┐
         │ 项目        档案                  本次填写                                 │
         │ ▶ 电话      138****5678           13900001111                              │
         │ 更新档案中的电话？ Y 更新　N 保留档案原值　Esc 取消受理                    │
         └────────────────────────────────────────────────────────────────────────────┘
                    ▶[✓] 与所申请事项相关的证据材料
         补正期限： 2026-06-23













        1帮助   2保存   3上一步 4下一步 5受理   6不受理 7群众看 8       9首页   10退出
        """
        let diff = ScreenAssertions.diff(grid, expected)
        #expect(diff == nil, "\(diff ?? "")")
        #expect(text.contains("138****5678"), "\(text)")
        #expect(text.contains("13900001111"), "\(text)")
        #expect(!text.contains("13812345678"), "\(text)")
        // “否”: the stored phone stays, the case is still accepted.
        app.type("n")
        #expect(Self.screen(app, fixture).contains("已受理 〔2026〕民援字第0001号（孙秀兰）"))
        #expect(try fixture.environment.store.applicant(id: person.id!)?.phone == "13812345678")
    }

    @Test func aConfirmedChangeIsWritten() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        let person = try Self.registered(fixture)
        app.type("3孙秀兰<Down><Enter><Tab><Tab><Tab><Tab><Ctrl-U>13900001111")
        app.type("<Alt-2><Tab>劳动报酬<Alt-5> <Down> <Down> <Down> <Down> <Down> <F5>yy")
        #expect(Self.screen(app, fixture).contains("已受理"))
        let after = try #require(try fixture.environment.store.applicant(id: person.id!))
        #expect(after.phone == "13900001111" && after.idNumber == person.idNumber && after.address == person.address)
    }

    @Test func typingARegisteredNumberWarnsAndDoesNotAdopt() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        let person = try Self.registered(fixture)
        app.type("3张冒名<Tab>11010519491231002X")
        var text = Self.screen(app, fixture)
        #expect(text.contains("⚠ 此证件号码属于已登记的申请人 孙秀兰：按 ↓ 选择带入（不会自动采用）"), "\(text)")
        app.type("<Alt-2><Tab>劳动报酬<Alt-5> <Down> <Down> <Down> <Down> <Down> <F5>y")
        text = Self.screen(app, fixture)
        #expect(text.contains("证件号码属于已登记的申请人：请从查找结果中选择"), "\(text)")
        #expect(try fixture.environment.store.applicant(id: person.id!) == person)
        #expect(try fixture.environment.store.findCases("张冒名").isEmpty)
    }

    @Test func f2SavesTheApplicationForLater() throws {
        let (app, fixture, session) = try IntakeScreenTests.app()
        app.type("3李四<F2>")
        #expect(Self.screen(app, fixture).contains("已暂存（李四）"), "\(Self.screen(app, fixture))")
        #expect(try fixture.environment.store.draft(operator: session.operatorID, form: "application", key: "") != nil)
        #expect(try fixture.environment.store.findCases("李四").isEmpty)
    }

    @Test func theDraftIsTheTypedApplicationAndHoldsNoFullValues() throws {
        let (app, fixture, session) = try IntakeScreenTests.app()
        let person = try Self.registered(fixture)
        app.type("3孙秀兰<Down><Enter><Alt-2><Tab>劳动报酬<Tab>晋城市某建筑公司<F2>")
        let stored = try #require(try fixture.environment.store.draft(operator: session.operatorID, form: "application", key: ""))
        let draft = try #require(ApplicationDraft.decode(stored.payload))
        #expect(draft.application.person == .existing(id: person.id!, acceptedChanges: []))
        #expect(draft.application.matter.cause == "labor_remuneration" && draft.application.matter.opposingParty == "晋城市某建筑公司")
        #expect(draft.application.applicant.phone == nil && draft.application.applicant.identity == .none)
        #expect(!stored.payload.contains("13812345678") && !stored.payload.contains("11010519491231002X")
                && !stored.payload.contains("东街8号"), "\(stored.payload)")
        // Reopened (as after a restart): the same masked form, the person still linked.
        let again = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                        environment: fixture.environment, session: session)
        again.type("3<Alt-1>")
        let text = IntakeScreenTests.text(fixture.render(again))
        #expect(text.contains("证件号码： 1101**********002X") && text.contains("电话： 138****5678"), "\(text)")
        again.type("<Alt-5> <Down> <Down> <Down> <Down> <Down> <F5>y")
        #expect(IntakeScreenTests.text(fixture.render(again)).contains("已受理 〔2026〕民援字第0001号（孙秀兰）"))
        #expect(try fixture.environment.store.applicant(id: person.id!) == person)
    }

    @Test func escOnADirtyFormOffersKeepDiscardCancel() throws {
        let (app, fixture, session) = try IntakeScreenTests.app()
        let store = fixture.environment.store
        app.type("3李四<Esc>")
        #expect(Self.screen(app, fixture).contains("1 保留草稿并返回　2 放弃（删除草稿）　3 取消"))
        app.type("3")
        #expect(app.top.title == "法律援助申请")
        app.type("<Esc>2")
        #expect(Self.screen(app, fixture).contains("放弃这份申请并删除草稿吗"))
        app.type("n")
        #expect(app.top.title == "法律援助申请")
        #expect(try store.draft(operator: session.operatorID, form: "application", key: "") != nil)
        app.type("<Esc>1")
        #expect(app.top.title != "法律援助申请")
        #expect(try store.draft(operator: session.operatorID, form: "application", key: "")?.payload.contains("李四") == true)
    }

    @Test func anInvalidNumberShowsAsInvalidOnTheSummary() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        app.type("3张三丰<Tab>110105194912310021<Alt-6>")
        let text = Self.screen(app, fixture)
        #expect(text.contains("证件号码无效"), "\(text)")
        #expect(!text.contains("无证件号码"), "\(text)")
    }

    @Test func revealNeedsAReasonIsAuditedAndIsRefusedForAConfidentialApplicant() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        let store = fixture.environment.store
        _ = try Self.registered(fixture)
        app.type("3孙秀兰<Down><Enter><Tab><Tab><Tab><Tab><Ctrl-V>")
        #expect(Self.screen(app, fixture).contains("查看完整电话的理由："))
        app.type("<Enter>")
        #expect(Self.screen(app, fixture).contains("请先输入查看理由"))
        app.type("电话回访<Enter>")
        let text = Self.screen(app, fixture)
        #expect(text.contains("电话： 13812345678") && text.contains("已显示完整电话（此次查看已记入审计日志）"), "\(text)")
        let detail = try store.read { db in try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE action = 'reveal' ORDER BY id DESC") }
        #expect(detail == "查看完整电话：电话回访")

        // A 保密 applicant: the clerk is refused and sees nothing more.
        let (app2, fixture2, session2) = try IntakeScreenTests.app()
        let hidden = try Self.registered(fixture2)
        let centre = try #require(try fixture2.environment.store.stations().first)
        var application = AidApplication(applicant: .init(name: "孙秀兰"), matter: .init(kind: .civil, cause: "domestic_violence"),
                                         confidential: true, person: .existing(id: hidden.id!, acceptedChanges: []))
        application.documents.received = []
        try fixture2.environment.store.acceptApplication(application, ApplicationAcceptance(
            stationID: centre.id!, centreID: centre.id!, appliedOn: LocalDate(iso: "2026-06-08")!, acceptedOn: nil),
            by: session2.operatorRecord)
        app2.type("3孙秀兰<Down><Enter>")
        var text2 = Self.screen(app2, fixture2)
        #expect(text2.contains("电话： （保密）") && text2.contains("住址： （保密）"), "\(text2)")
        app2.type("<Tab><Ctrl-V>核对身份<Enter>")
        text2 = Self.screen(app2, fixture2)
        #expect(text2.contains("该申请人有保密案件"), "\(text2)")
        #expect(!text2.contains("11010519491231002X"), "\(text2)")
    }
}

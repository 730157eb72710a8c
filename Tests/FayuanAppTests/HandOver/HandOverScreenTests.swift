import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 申请转交 on the grid (80×24): the centre's inbox with timers, overdue first; accepting with
/// F3; the station's outbox; re-route and 补正 forms; the ledger preview with IDs masked.
@Suite struct HandOverScreenTests {
    final class World {
        let fixture: AppFixture
        let centre: Station, station: Station
        let centreSession: Session, stationSession: Session

        init() throws {
            fixture = try AppFixture()
            let store = fixture.environment.store
            centre = try store.addStation(Station(code: "320412000", name: "武进区法律援助中心", kind: .countyCentre), by: nil)
            station = try store.addStation(Station(code: "320412101", name: "湖塘镇工作站", kind: .township, parentID: centre.id), by: nil)
            _ = try store.addStation(Station(code: "320706000", name: "海州区法律援助中心", kind: .countyCentre), by: nil)
            let centreClerk = try store.addOperator(Operator(name: "王丽", role: .windowClerk, stationID: centre.id), by: nil)
            let stationClerk = try store.addOperator(Operator(name: "刘芳", role: .windowClerk, stationID: station.id), by: nil)
            centreSession = Session(operatorRecord: centreClerk, station: centre)
            stationSession = Session(operatorRecord: stationClerk, station: station)
            let context = HandOverClocks.context(rules: fixture.environment.rules, receiver: centre, basis: .earlier,
                                                 on: LocalDate(iso: "2026-06-08")!)
            func send(_ name: String, id: String?, applied: String, kind: HandOverKind, first: String, sent: String,
                      missing: [MissingItem] = []) throws {
                let person = try store.saveApplicant(Applicant(name: name, idNumber: id, phone: "13812345678"), by: nil)
                let app = try store.takeApplication(
                    ApplicationIntake(applicantID: person.id!, stationID: kind == .custody ? centre.id! : station.id!, centreID: centre.id!,
                                      kind: .civil, cause: "labor_remuneration", summary: "追索劳动报酬", appliedOn: applied),
                    accept: false, acceptedOn: nil, role: .windowClerk, by: nil)
                let custody = kind == .custody
                _ = try store.sendHandOver(HandOverRequest(
                    kind: kind, caseID: app.id!, fromStationID: custody ? nil : station.id, fromUnit: custody ? "淮南市看守所" : nil,
                    toStationID: centre.id!, firstReceivedAt: LocalDateTime(first)!, custodyReceivedAt: custody ? LocalDateTime(first) : nil,
                    sentAt: LocalDateTime(sent)!, scopeOpinion: "属于法律援助事项",
                    materials: [MaterialItem(name: "法律援助申请表", count: 1, pages: 2, original: true), MaterialItem(name: "欠条复印件", count: 2, pages: 2)],
                    missing: missing), context: context, by: custody ? centreClerk : stationClerk)
            }
            try send("李某", id: "11010519491231002X", applied: "2026-06-08", kind: .stationToCentre, first: "2026-06-08T08:30",
                     sent: "2026-06-08T09:00", missing: [MissingItem(name: "户口簿复印件", promisedBy: LocalDate(iso: "2026-06-15"))])
            try send("张某", id: nil, applied: "2026-06-04", kind: .stationToCentre, first: "2026-06-04T10:00", sent: "2026-06-05T16:00")
            try send("王某", id: nil, applied: "2026-06-07", kind: .custody, first: "2026-06-07T15:00", sent: "2026-06-07T18:00")
        }

        /// The home menu, then z (申请转交): the menu entry is part of what is tested.
        func app(_ session: Session) throws -> App {
            let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(), environment: fixture.environment,
                          session: session)
            app.type("j")
            return app
        }
    }

    @Test func inboxShowsTimersOverdueFirstAndF3Accepts() throws {
        let w = try World()
        let app = try w.app(w.centreSession)
        let diff = ScreenAssertions.diff(w.fixture.render(app), """
         法援 · 申请转交 · 转入             王丽（窗口工作人员）  2026-06-08 周一 09:30
         转入未办结 3 件，超时 1 件（超时在前）
           计时          │转交单号              │申请人│来自 → 送往         │状态
         ▶ ✗ 超时3天     │320412101-ZJ-2026-0002│张某  │湖塘镇工作站 →      │在途
           ⚠ 剩5小时30分 │320412000-ZJ-2026-0001│王某  │淮南市看守所 →      │在途
           · 06-09前     │320412101-ZJ-2026-0001│李某  │湖塘镇工作站 →      │在途·缺1











         320412101-ZJ-2026-0002　站点→本中心　期限 2026-06-05 当日内　首问 刘芳
         材料：1.法律援助申请表 1件 原件 2页；2.欠条复印件 2件 复印件 2页
         缺件：无
         申请人 张某 138****5678　收件 2026-06-04 10:00


        1帮助   2       3接收   4补正   5转入出 6改转   7报指定 8       9首页   10退出
        """)
        #expect(diff == nil, "\(diff ?? "")")
        // The missing item of 李某's hand-over is shown line by line.
        app.type("<Down><Down>")
        var text = w.fixture.render(app).text
        #expect(text.contains("缺件：户口簿复印件（承诺2026-06-15前补交）"), "\(text)")
        #expect(text.contains("申请人 李某 证件尾号002X 138****5678"), "\(text)")
        #expect(!text.contains("11010519491231002X"))
        // F3 on the overdue one, confirmed: accepted through the pipeline, with its case number.
        app.type("<Up><Up>")
        app.handle(.function(3))
        #expect(w.fixture.render(app).text.contains("接收 320412101-ZJ-2026-0002（张某），材料已按清单逐项核对，受理本申请？"))
        app.type("y")
        text = w.fixture.render(app).text
        #expect(text.contains("✓ 已受理，案号〔2026〕民援字第0001号（转交单 320412101-ZJ-2026-0002）"), "\(text)")
        #expect(text.contains("转入未办结 2 件，超时 0 件"), "\(text)")
        #expect(!text.contains("张某"))
    }

    @Test func stationOutboxHasNoReceiverKeysAndPrintsTheLedgerMasked() throws {
        let w = try World()
        let app = try w.app(w.stationSession)
        let diff = ScreenAssertions.diff(w.fixture.render(app), """
         法援 · 申请转交 · 转出             刘芳（窗口工作人员）  2026-06-08 周一 09:30
         转出未办结 2 件，超时 1 件（超时在前）
           计时          │转交单号              │申请人│来自 → 送往         │状态
         ▶ ✗ 超时3天     │320412101-ZJ-2026-0002│张某  │→ 武进区法律援助中心│在途
           · 06-09前     │320412101-ZJ-2026-0001│李某  │→ 武进区法律援助中心│在途·缺1












         320412101-ZJ-2026-0002　站点→本中心　期限 2026-06-05 当日内　首问 刘芳
         材料：1.法律援助申请表 1件 原件 2页；2.欠条复印件 2件 复印件 2页
         缺件：无
         申请人 张某 138****5678　收件 2026-06-04 10:00


        1帮助   2       3       4       5转入出 6       7       8       9首页   10退出
        """)
        #expect(diff == nil, "\(diff ?? "")")
        // F3 does nothing useful at the sender: it says so instead of accepting.
        app.handle(.function(3))
        #expect(w.fixture.render(app).text.contains("请先在转入列表选中待接收的转交单"))
        // p: the month's ledger, IDs masked to the last four, printed as an A4 landscape PDF.
        app.type("p")
        let preview = w.fixture.render(app).text
        #expect(preview.contains("申请转交工作台账（2026年6月）"), "\(preview)")
        #expect(preview.contains("收件转交 2 件，已受理 0 件，超时 1 件"), "\(preview)")
        #expect(preview.contains("号002X"), "\(preview)")
        #expect(!preview.contains("11010519491231002X"))
        app.type("<Enter>")
        let status = w.fixture.render(app).text
        #expect(status.contains("申请转交工作台账的 PDF 已写入"), "\(status)")
        let dir = PrintFolder.directory(storePath: w.fixture.environment.store.path, year: 2026) + "/转交"
        let pdf = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".pdf") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + pdf))
        let head = String(decoding: bytes, as: UTF8.self)
        #expect(head.contains("841.889764 595.275591"), "横向 A4")
        let txt = try String(contentsOfFile: dir + "/" + pdf.replacingOccurrences(of: ".pdf", with: ".txt"), encoding: .utf8)
        #expect(txt.contains("负责人签字"))
        #expect(!txt.contains("11010519491231002X"))
        #expect(try w.fixture.environment.store.recentAudit(limit: 5).contains { $0.entity == "hand_over_ledger" })
    }

    @Test func rerouteFormForwardsToTheCompetentCentreAndThereIsNoReturnAction() throws {
        let w = try World()
        let app = try w.app(w.centreSession)
        app.type("<Down><Down>")
        app.handle(.function(6))
        #expect(w.fixture.render(app).text.contains("不得退回申请人"))
        app.type("<Tab><Tab>海州区<F2>")
        let text = w.fixture.render(app).text
        #expect(text.contains("已改转：诉讼事项，办案机关所在地为海州区（法律援助法第三十八条）"), "\(text)")
        #expect(text.contains("转入未办结 2 件"), "\(text)")
        #expect(!AppActions.specs.contains { $0.label.contains("退回申请人") && !$0.label.contains("不") })
        // 补正 on the custody transfer: the one-time notice with the items typed.
        app.handle(.function(4))
        app.type("<Ctrl-U>会见笔录<F2>")
        #expect(w.fixture.render(app).text.contains("已一次性告知补正"), "\(w.fixture.render(app).text)")
        app.handle(.function(4))
        #expect(w.fixture.render(app).text.contains("补正材料已送达，补正后接收并受理？"))
    }
}

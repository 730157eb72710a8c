import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 补交材料 from the case detail: which document, when, by whom; the last one ends the 补正 clock.
@Suite struct SupplementScreenTests {
    @Test func aDocumentBroughtLaterIsRecordedFromTheCaseDetail() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let clerk = try store.addOperator(Operator(name: "窗口王丽", role: .windowClerk, stationID: centre.id), by: nil)
        let day = LocalDate(iso: "2026-06-08")!
        var app = AidApplication(applicant: .init(name: "张三丰"),
                                 matter: .init(kind: .civil, cause: "labor_remuneration"),
                                 documents: .init(received: ["identity", "application_form", "labor_proof", "wage_arrears", "dispute_evidence"]))
        app.economy.evidence = HardshipEvidence.none
        let c = try store.acceptApplication(app, ApplicationAcceptance(stationID: centre.id!, centreID: centre.id!, appliedOn: day,
                                                                       acceptedOn: day), by: clerk)
        let session = Session(operatorRecord: clerk)
        let shell = App(root: CaseDetailScreen(session: session, caseID: c.id!), keymap: try AppFixture.keymap(),
                        environment: fixture.environment, session: session)
        shell.send(.resumed)
        func text() -> String { fixture.render(shell).lines.joined(separator: "\n") }
        var t = text()
        #expect(t.contains("✗户口簿或居住证明（补正至 2026-06-23）"), "\(t)")
        shell.type("b")
        shell.send(.resumed)
        t = text()
        #expect(t.contains("补交的材料： 户口簿或居住证明（补正至 2026-06-23）"), "\(t)")
        #expect(t.contains("交材料的人： 本人"), "\(t)")
        shell.type("<Tab><Tab><Ctrl-U>女儿张小红代交<F2>")
        t = text()
        #expect(t.contains("已登记补交：户口簿或居住证明（女儿张小红代交，2026-06-08）；材料已补齐"), "\(t)")
        #expect(t.contains("补交材料 窗口王丽 补交材料：户口簿或居住证明"), "\(t)")
        #expect(t.contains("✓户口簿或居住证明"), "\(t)")
        #expect(try store.supplementRecord(caseID: c.id!, code: "household")?.broughtBy == "女儿张小红代交")
    }
}

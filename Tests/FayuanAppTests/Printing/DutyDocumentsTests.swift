import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Issue 20's duty papers from the console: the roster's n previews the station's 值班表公示 and
/// prints it (PDF under 值班/, the message saying where without a printer); the subsidy screen's
/// F6 does the same for the 值班补贴发放表, which lists only approved lines with a signature column
/// and refuses before anything is approved. pdftotext has the names, dates and sums; pdffonts
/// shows embedded CJK subsets; every output is audited.
@Suite(.serialized) struct DutyDocumentsTests {
    static func fonts(_ pdf: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdffonts") else { return nil }
        return try CaseDocumentsTests.run("/usr/bin/pdffonts", [pdf])
    }

    /// The PDF's text is in Noto CJK subsets, and every font (a symbol's fallback too) is an
    /// embedded subset ("ABCDEF+Noto… yes yes").
    static func expectEmbeddedCJKSubsets(_ pdf: String) throws {
        guard let fonts = try fonts(pdf) else { return }
        let rows = fonts.split(separator: "\n").dropFirst(2)
        #expect(rows.contains { $0.contains("+NotoSerifCJK") } && rows.allSatisfy { $0.contains("+") }, "\(fonts)")
        #expect(rows.allSatisfy { $0.split(separator: " ").filter { $0 == "yes" }.count >= 2 }, "\(fonts)")
    }

    @Test func rosterNoticeIsPreviewedThenPrintedWithoutAPrinter() throws {
        let c = try RosterScreenTests.county()
        let store = c.fixture.environment.store
        // No duties yet: n says so at once, nothing is written.
        c.app.type("n")
        var screen = c.fixture.render(c.app)
        #expect(has(screen, "还没有排班，不能出具值班表公示"), "\(screen.text)")
        c.fixture.clock.advance(seconds: -14 * 86_400)
        c.app.handle(.function(3))
        c.app.type("y")
        c.fixture.clock.advance(seconds: 14 * 86_400)
        c.app.type("n")
        screen = c.fixture.render(c.app)
        #expect(c.app.top is PaperPreviewScreen, "\(screen.text)")
        #expect(has(screen, "泽州县公共法律服务中心 2026-06 值班表公示"), "\(screen.text)")
        #expect(has(screen, "2026年6月值班表公示"), "预览：\(screen.text)")
        #expect(has(screen, "6月1日") && has(screen, "李明"), "预览：\(screen.text)")
        // 大字模式 on a 48×14 terminal: the keys keep their own row, the text is wrapped, not cut.
        c.app.handle(.function(11))
        var small = GridCanvas(width: 48, height: 14)
        c.app.render(into: &small)
        #expect(small.contains("Enter/F5 打印　Esc 返回"), "\(small.text)")
        #expect(small.contains("2026年6月值班表公示"), "\(small.text)")
        c.app.handle(.function(11))
        c.app.handle(.function(5))
        screen = c.fixture.render(c.app)
        #expect(has(screen, "未设置打印机（系统设置）：2026年6月值班表公示 的 PDF 已写入"), "\(screen.text)")
        let pdf = PrintFolder.directory(storePath: store.path, year: 2026) + "/值班/值班表公示-2026-06-泽州县公共法律服务中心.pdf"
        var st = stat()
        #expect(lstat(pdf, &st) == 0 && st.st_mode & 0o777 == 0o600, "PDF 仅本人可读写：\(pdf)")
        if let text = try CaseDocumentsTests.pdfText(pdf) {
            #expect(text.contains("2026年6月值班表公示") && text.contains("泽州县公共法律服务中心"), "\(text)")
            #expect(text.contains("6月1日") && text.contains("李明") && text.contains("08:30—17:30"), "\(text)")
            #expect(!text.contains("巴公镇"), "one station's notice: \(text)")
            #expect(text.contains("12348"), "\(text)")
        }
        try Self.expectEmbeddedCJKSubsets(pdf)
        let admin = try store.addOperator(Operator(name: "张敏", role: .admin), by: nil)
        let audit = try store.auditEntries(AuditFilter(entity: "roster_notice"), by: admin)
        #expect(audit.count == 1 && audit[0].action == "print" && audit[0].detail.contains("未送打印机"), "\(audit)")
    }

    @Test func payrollListsApprovedLinesWithASignatureColumn() throws {
        let c = try RosterScreenTests.county()
        let store = c.fixture.environment.store
        let people = try store.rosterProviders(month: "2026-05", lookBackMonths: 0)
        let li = people.first { $0.name == "李明" }!.id, wang = people.first { $0.name == "王芳" }!.id
        var ids: [Int64] = []
        for (who, day) in [(li, "2026-05-06"), (wang, "2026-05-07")] {
            ids.append(try store.addShift(DutyShift(stationID: c.stations[0].id!, providerID: who, day: day, startsAt: "08:30",
                                                    endsAt: "17:30", status: "planned"), by: c.reviewer.id).id!)
        }
        for id in ids {
            try store.signIn(shift: id, at: ClockTime("08:30")!, by: c.reviewer)
            try store.signOut(shift: id, at: ClockTime("17:30")!, by: c.reviewer)
        }
        c.app.type(",")
        c.app.type("s")
        // Nothing approved yet: F6 refuses and says what to do.
        c.app.handle(.function(6))
        var screen = c.fixture.render(c.app)
        #expect(has(screen, "还没有核定的补贴，先核定（F3/F4）再打印发放表"), "\(screen.text)")
        #expect(!(c.app.top is PaperPreviewScreen))
        let policy = try #require(c.fixture.environment.rules.rosterPolicy(region: "140525"))
        try store.approveSubsidies(month: "2026-05", policy: policy, provider: li, by: c.reviewer)
        c.app.send(.resumed)
        c.app.handle(.function(6))
        screen = c.fixture.render(c.app)
        #expect(c.app.top is PaperPreviewScreen, "\(screen.text)")
        #expect(has(screen, "2026年5月法律援助值班补贴发放表"), "预览：\(screen.text)")
        #expect(has(screen, "领取人签名"), "预览：\(screen.text)")
        c.app.type("<Enter>")
        screen = c.fixture.render(c.app)
        #expect(has(screen, "未设置打印机（系统设置）"), "\(screen.text)")
        let pdf = PrintFolder.directory(storePath: store.path, year: 2026) + "/值班/值班补贴发放表-2026-05.pdf"
        if let text = try CaseDocumentsTests.pdfText(pdf) {
            let compact = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
            #expect(compact.contains("2026年5月法律援助值班补贴发放表") && compact.contains("领取人签名"), "\(text)")
            #expect(compact.contains("李明") && compact.contains("200.00"), "the approved line: \(text)")
            // 王芳's line is still to approve: not on the sheet, counted in the note under it.
            #expect(!compact.contains("王芳"), "\(text)")
            #expect(compact.contains("待核定1行共200.00元"), "\(text)")
            #expect(compact.contains("合计人民币200.00元"), "\(text)")
        }
        try Self.expectEmbeddedCJKSubsets(pdf)
        // A role that may not approve subsidies may not print the payroll either (store check).
        let clerk = try store.addOperator(Operator(name: "王丽", role: .windowClerk), by: nil)
        let doc = try DutyDocuments.subsidyPayroll(month: "2026-05", accounts: try store.subsidyAccounts(month: "2026-05", policy: policy),
                                                   providers: try store.pipelineProviders(), issuer: "泽州县法律援助中心", day: "2026-06-08")
        #expect(throws: PermissionDenied.self) {
            try DutyDocuments.output(doc, paper: .subsidyPayroll, month: "2026-05", scope: "", store: store, print: true, by: clerk)
        }
    }

    /// The window's 不予受理登记表 is a typeset document too (it was a 72-column text file only).
    @Test func windowRefusalRecordIsAPDF() throws {
        let doc = IntakeDocuments.refusalRecordDocument(centre: "泽州县法律援助中心", station: "巴公镇公共法律服务工作站", name: "孙六",
                                                        day: "2026-06-08", reason: "不属于法律援助事项范围", detail: "买卖合同纠纷",
                                                        referral: "人民调解", operatorName: "王丽", number: "不予受理登记第3号")
        #expect(doc.kind == .windowRefusal && doc.title == "法律援助窗口不予受理登记表")
        let dir = NSTemporaryDirectory() + "fayuan-不予受理-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdf = dir + "/登记表.pdf"
        try SafeFile.write(try doc.pdf(), to: pdf)
        if let text = try CaseDocumentsTests.pdfText(pdf) {
            let compact = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
            for key in ["法律援助窗口不予受理登记表", "孙六", "不予受理登记第3号", "2026年6月8日", "不属于法律援助事项范围", "人民调解",
                        "可以向设立本法律援助机构的司法行政部门提出", "来访人（签名）"] {
                #expect(compact.contains(key), "\(key): \(text)")
            }
        }
        try Self.expectEmbeddedCJKSubsets(pdf)
        #expect(doc.largePrinted().largePrint)
    }
}

/// `report --format pdf`: the columns are as wide as what they hold, so a formula stays on one line
/// (equal widths broke "1/1（100.0%）" into four lines, one of them a lone "）").
@Suite struct ReportPDFLayoutTests {
    @Test func formulaColumnKeepsItsFigureWhole() throws {
        let report = ReportDocument(title: "泽州县（全县）2026年6月法律援助工作月报", lines: ["统计期间：2026-06-01 至 2026-06-30"], tables: [
            ReportTable(title: "主要指标", columns: ["指标", "本期", "算式", "本期目标", "状态", "本年累计", "全年目标", "全年进度"], rows: [
                ["咨询满意率", "100.0%", "1/1（100.0%）", "95.0%", "√ 已完成", "97.7%", "95.0%", "√ 已完成"],
                ["常住人口受援率", "0.00‱", "0人 ÷ 478000 × 10000 = 0.00‱", "—", "—", "0.21‱", "—", "—"],
            ]),
        ], notes: [])
        let dir = NSTemporaryDirectory() + "fayuan-月报-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdf = dir + "/月报.pdf"
        try ReportOutput.writePDF(report, issuer: "泽州县法律援助中心", to: pdf)
        guard let text = try CaseDocumentsTests.pdfText(pdf) else { return }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // pdftotext puts a row's cells on one line when they fit: each figure is whole on some line.
        for figure in ["1/1（100.0%）", "0.00‱", "√ 已完成", "0.21‱"] {
            #expect(lines.contains { $0.contains(figure) }, "\(figure): \(text)")
        }
        #expect(!lines.contains { $0.hasPrefix("）") || $0.hasPrefix("%") || $0.hasPrefix("‱") || $0 == "成" }, "\(text)")
        #expect(!lines.contains("标"), "header split as 本期目/标: \(text)")
        #expect(text.contains("478000"), "\(text)")
        try DutyDocumentsTests.expectEmbeddedCJKSubsets(pdf)
    }
}

import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Every case document renders for a demo case: numbered in the action's transaction, the PDF
/// carries the applicant's name, the number and the key sentences (pdftotext), with embedded
/// CJK subsets (pdffonts); the console offers them for printing and reprints them unchanged.
@Suite(.serialized) struct CaseDocumentsTests {
    /// Another accepted case in the world (applied and accepted 2026-06-05).
    static func acceptedCase(_ w: CaseScreenTests.World, _ name: String, _ id: String) throws -> Int64 {
        let store = w.fixture.environment.store
        let centre = try #require(try store.stations().first)
        let person = try store.saveApplicant(Applicant(name: name, idNumber: id, phone: "13812340000"), by: nil)
        let c = try store.openApplication(AidCase(centreID: centre.id!, stationID: centre.id!, applicantID: person.id!,
                                                  kind: .civil, cause: "labor_remuneration", appliedOn: "2026-06-05"), by: w.reviewer.operatorID)
        return try store.acceptCase(c.id!, on: "2026-06-05", by: w.reviewer.operatorID).id!
    }

    /// A stand-in `lp` that can be executed now: a script just written may be briefly held open
    /// by a process forked meanwhile by a parallel test (exec then fails with ETXTBSY), so it
    /// is run once (no arguments: it records nothing) until that passes.
    static func readyRecorder(_ dir: String, log: String) throws -> String {
        let lp = try PrintSettingsTests.recorder(dir, name: "lp", log: log)
        for _ in 0..<100 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: lp)
            if (try? p.run()) != nil { p.waitUntilExit(); if p.terminationStatus == 0 { return lp } }
            usleep(10_000)
        }
        return lp
    }

    static func pdfText(_ path: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            print("跳过 PDF 内容检查：未安装 poppler-utils（pdftotext）")
            return nil
        }
        return try run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"])
    }

    static func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func decisionAndAssignmentAreNumberedWithTheActionAndRenderToPDF() throws {
        let w = try CaseScreenTests.world()
        let env = w.fixture.environment
        let store = env.store
        try store.decide(w.accepted, grant: false, reasons: ["not_hardship"], text: "家庭人均收入高于当地标准", on: "2026-06-08",
                         role: .reviewer, by: w.reviewer.operatorID)
        let granted = try store.caseDetail(w.granted)
        let lawyer = try #require(try store.pipelineProviders().first { $0.name == "王律师" })
        try store.assign(w.granted, to: lawyer.id!, suggestedID: lawyer.id, overrideReason: nil, explanation: "轮案第一轮",
                         on: "2026-06-08", role: .reviewer, by: w.reviewer.operatorID)
        let refusal = try store.issuedDocuments(w.accepted)
        #expect(refusal.map(\.kind) == [.refusalDecision])
        #expect(refusal.first?.number == "〔2026〕泽援不决字第1号")
        let assigned = try store.issuedDocuments(w.granted).filter { $0.kind != .grantDecision }
        #expect(assigned.map(\.kind) == [.assignmentNotice], "a civil case has no 公函")
        #expect(assigned.first?.number == "〔2026〕泽援指字第1号")
        _ = granted

        let out = try CaseDocuments.renderIssued(w.accepted, env: env, role: .reviewer, by: w.reviewer.operatorID)
        #expect(out.count == 1)
        let pdf = out[0].pdfPath
        var st = stat()
        #expect(lstat(pdf, &st) == 0 && st.st_mode & 0o777 == 0o600, "PDF 仅本人可读写")
        #expect(lstat((pdf as NSString).deletingLastPathComponent, &st) == 0 && st.st_mode & 0o777 == 0o700, "案件文件夹仅本人可进入")
        if let text = try Self.pdfText(pdf) {
            #expect(text.contains("张三丰"))
            #expect(text.contains("〔2026〕泽援不决字第1号"))
            #expect(text.contains("决定不予法律援助"))
            #expect(text.contains("第四十九条"))
            #expect(!text.contains("11010519491231002X"))
            let fonts = try Self.run("/usr/bin/pdffonts", [pdf])
            #expect(fonts.contains("NotoSerifCJK") && fonts.contains("+"), "\(fonts)")
        }
        // The register keeps the model; a reprint is the same text with the same number.
        let entry = try #require(try store.issuedDocuments(w.accepted).first)
        #expect(entry.body != nil)
        let first = try String(contentsOfFile: out[0].textPath, encoding: .utf8)
        let again = try CaseDocuments.output(entry, detail: try store.caseDetail(w.accepted), env: env, print: true,
                                             role: .reviewer, by: w.reviewer.operatorID)
        #expect(try String(contentsOfFile: again.textPath, encoding: .utf8) == first)
        #expect(again.message.contains("未设置打印机") && again.message.contains(again.pdfPath), "\(again.message)")
    }

    @Test(arguments: CaseDocuments.caseKinds) func everyCaseDocumentRendersForTheDemoCase(kind: DocumentKind) throws {
        let w = try CaseScreenTests.world()
        let env = w.fixture.environment
        let detail = try env.store.caseDetail(w.granted)
        let doc = try CaseDocuments.build(kind, number: "〔2026〕泽援测字第7号", day: "2026-06-08", detail: detail, env: env)
        #expect(doc.text.contains("李秀英"), "\(kind)")
        #expect(doc.text.contains("〔2026〕泽援测字第7号") || doc.text.contains(detail.board.caseNumber ?? "—"), "\(kind)")
        let path = w.fixture.directory + "/\(kind.rawValue).pdf"
        try SafeFile.write(try doc.pdf(), to: path, force: true)
        if let text = try Self.pdfText(path) {
            #expect(text.contains("李秀英"), "\(kind): \(text)")
            #expect(text.contains(doc.title.prefix(6)), "\(kind): \(text)")
            // The number whole on one line, and the kind's key sentence (pdftotext breaks lines
            // where the PDF does: compared without them).
            #expect(text.contains(doc.number ?? "—"), "\(kind): \(text)")
            let compact = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
            for key in Self.keySentences[kind] ?? [] {
                #expect(compact.contains(key), "\(kind) 缺少“\(key)”：\(text)")
            }
            #expect(!text.contains("140525195003150026"), "ID masked on paper")
        }
        try DutyDocumentsTests.expectEmbeddedCJKSubsets(path)
    }

    /// What each document must say (the sentence that makes it that document).
    static let keySentences: [DocumentKind: [String]] = [
        .applicationForm: ["一、申请人基本情况", "本人保证以上所填内容真实", "申请人（签名）"],
        .hardshipStatement: ["个人诚信承诺书", "收入和财产情况真实、完整", "承诺人（签名）"],
        .receipt: ["已收到的材料", "审查并告知您是否给予法律援助"],
        .supplementNotice: ["一次性告知", "视为撤回申请"],
        .grantDecision: ["决定给予法律援助", "第四十三条", "（盖章）"],
        .refusalDecision: ["决定不予法律援助", "异议途径", "法律援助法第四十九条第一款", "五日内进行审查", "行政复议或者提起行政诉讼"],
        .assignmentNotice: ["现指派", "承办人员"],
        .officialLetter: ["特此函告"],
        .terminationDecision: ["终止", "异议途径", "法律援助法第四十九条第一款"],
        .serviceReceipt: ["受送达人（签名）", "送达人（签名）"],
        .closingReview: ["办案过程", "审查人（签名）"],
    ]

    @Test func documentsScreenPreviewsThenPrintsWithoutAPrinter() throws {
        let w = try CaseScreenTests.world()
        let env = w.fixture.environment
        try env.store.decide(w.accepted, grant: true, reasons: [], text: "符合条件", on: "2026-06-08", role: .reviewer, by: w.reviewer.operatorID)
        let issued = try env.store.issuedDocuments(w.accepted)
        let app = App(root: DocumentsScreen(session: w.reviewer, caseID: w.accepted, fresh: Set(issued.map(\.id))),
                      keymap: try AppFixture.keymap(), environment: env, session: w.reviewer)
        app.send(.resumed)
        var screen = w.fixture.render(app)
        #expect(screen.text.contains("▶★给予法律援助决定书"), "\(screen.text)")
        #expect(issued.last?.number?.hasPrefix("〔2026〕泽援决字第") == true)
        #expect(screen.text.contains(issued.last?.number ?? "—"), "\(screen.text)")
        #expect(has(screen, "张三丰："), "预览：\(screen.text)")
        app.handle(.function(5))
        screen = w.fixture.render(app)
        #expect(has(screen, "未设置打印机"), "\(screen.text)")
        #expect(has(screen, "已打印") || has(screen, "已生成 PDF"), "\(screen.text)")
        #expect(try env.store.issuedDocuments(w.accepted).first?.path?.hasSuffix(".pdf") == true)
    }

    @Test func printsToTheChosenPrinterWithLpAndSaysWhenItCannot() throws {
        let w = try CaseScreenTests.world()
        let env = w.fixture.environment
        let store = env.store
        try store.decide(w.accepted, grant: false, reasons: ["not_hardship"], text: "", on: "2026-06-08", role: .reviewer,
                         by: w.reviewer.operatorID)
        let admin = try store.addOperator(Operator(name: "张敏", role: .admin), by: nil)
        var settings = try store.consoleSettings()
        settings.printer = "窗口打印机"
        try store.setConsoleSettings(settings, by: .operatorRecord(admin))
        let log = w.fixture.directory + "/lp.log"
        let lp = try Self.readyRecorder(w.fixture.directory, log: log)
        let entry = try #require(try store.issuedDocuments(w.accepted).first { $0.kind == .refusalDecision })
        let detail = try store.caseDetail(w.accepted)
        let sent = try CaseDocuments.output(entry, detail: detail, env: env, print: true, role: .reviewer, by: w.reviewer.operatorID, lp: lp)
        #expect(sent.printer == "窗口打印机" && !sent.printFailed)
        #expect(sent.message.contains("已送打印机 窗口打印机"), "\(sent.message)")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "-d\n窗口打印机\n\(sent.pdfPath)\n")
        #expect(try store.issuedDocuments(w.accepted).first { $0.id == entry.id }?.printedCount == 1)
        // CUPS missing: the PDF is written, the message says so and where.
        let failed = try CaseDocuments.output(entry, detail: detail, env: env, print: true, role: .reviewer, by: w.reviewer.operatorID,
                                              lp: w.fixture.directory + "/没有lp")
        #expect(failed.printFailed && failed.message.contains("不可用") && failed.message.contains(failed.pdfPath), "\(failed.message)")
        #expect(FileManager.default.fileExists(atPath: failed.pdfPath))
        // A window clerk may print the front desk's papers; a role with no case work may not.
        #expect(throws: PermissionDenied.self) {
            try store.recordDocumentOutput(entry.id, body: "{}", path: failed.pdfPath, printedTo: nil, role: .admin, by: admin.id)
        }
    }

    @Test func numbersArePerKindAndNotTakenWhenTheActionFails() throws {
        let w = try CaseScreenTests.world()
        let store = w.fixture.environment.store
        // A decision that fails (the case is not under review) takes no number.
        #expect(throws: StoreError.self) {
            try store.decide(w.granted, grant: true, reasons: [], text: "重复决定", on: "2026-06-08", role: .reviewer, by: w.reviewer.operatorID)
        }
        let before = try store.issuedDocuments(w.granted).count
        try store.decide(w.accepted, grant: true, reasons: [], text: "符合条件", on: "2026-06-08", role: .reviewer, by: w.reviewer.operatorID)
        let next = try #require(try store.issuedDocuments(w.accepted).last)
        // The world's granted case holds 第1号; the failed decision took none: this is 第2号.
        #expect(try store.issuedDocuments(w.granted).first { $0.kind == .grantDecision }?.number == "〔2026〕泽援决字第1号")
        #expect(next.number == "〔2026〕泽援决字第2号", "gapless: a failed decision takes no number")
        #expect(try store.issuedDocuments(w.granted).count == before)
        // Another kind has its own series.
        try store.decide(try CaseDocumentsTests.acceptedCase(w, "赵小兰", "140525198801010021"), grant: false, reasons: ["not_hardship"],
                         text: "", on: "2026-06-08", role: .reviewer, by: w.reviewer.operatorID)
        let admin = try store.addOperator(Operator(name: "张敏", role: .admin), by: nil)
        let audit = try store.auditEntries(AuditFilter(entity: "document"), by: admin)
        #expect(audit.contains { $0.action == "issue" && $0.detail.contains("〔2026〕泽援决字第2号") }, "\(audit)")
        #expect(audit.contains { $0.action == "issue" && $0.detail.contains("〔2026〕泽援不决字第1号") }, "\(audit)")
    }

    @Test func largePrintWhenTheApplicantRecordedASightNeed() throws {
        let w = try CaseScreenTests.world()
        let env = w.fixture.environment
        let detail = try env.store.caseDetail(w.granted)
        var person = try #require(try env.store.applicant(id: detail.board.applicantID))
        #expect(try !CaseDocuments.build(.grantDecision, number: nil, day: "2026-06-08", detail: detail, env: env).largePrint)
        person.needs = [.sight]
        _ = try env.store.saveApplicant(person, by: nil)
        let doc = try CaseDocuments.build(.grantDecision, number: nil, day: "2026-06-08", detail: detail, env: env)
        #expect(doc.largePrint)
        #expect(try doc.pdf().count > 1000)
    }
}

/// 排队小票 on the receipt printer: 80 mm wide, one page, the number and the station in its text.
@Suite struct TicketSlipPrintTests {
    @Test func slipIsPrintedOnlyWhenAPrinterIsSet() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let issued = try store.issueTicket(station: station.id!, service: .application, on: "2026-06-08")
        let slip = TicketSlip(ticket: issued, station: station, waitingAhead: 2, timeZone: .current)
        let log = fixture.directory + "/lp.log"
        let lp = try CaseDocumentsTests.readyRecorder(fixture.directory, log: log)
        #expect(try slip.print(store: store, day: "2026-06-08", code: issued.code, lp: lp) == nil, "no printer: nothing printed")
        #expect(try String(contentsOfFile: log, encoding: .utf8).isEmpty)
        let admin = try store.addOperator(Operator(name: "张敏", role: .admin), by: nil)
        var settings = try store.consoleSettings()
        settings.printer = "小票机"
        try store.setConsoleSettings(settings, by: .operatorRecord(admin))
        let said = try slip.print(store: store, day: "2026-06-08", code: issued.code, lp: lp)
        #expect(said == "小票已送打印机 小票机")
        let pdf = PrintFolder.directory(storePath: store.path, year: 2026) + "/排队小票/2026-06-08-\(issued.code).pdf"
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "-d\n小票机\n\(pdf)\n")
        if let text = try CaseDocumentsTests.pdfText(pdf) {
            #expect(text.contains(issued.code) && text.contains("泽州县公共法律服务中心") && text.contains("前面还有 2 人等候"), "\(text)")
            #expect(!text.contains("\u{0C}\u{0C}"), "one page")
        }
        let size = try CaseDocumentsTests.run("/usr/bin/pdfinfo", [pdf])
        #expect(size.contains("226.77") && size.contains("Pages:           1"), "80 mm wide, one page: \(size)")
    }
}

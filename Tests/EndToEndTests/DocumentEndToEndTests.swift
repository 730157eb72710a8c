import Foundation
import Testing

/// `fayuan document` against the real binary: a refused case's 不予法律援助决定书 as PDF (the
/// applicant's name, the number and the objection route in pdftotext, embedded CJK subsets in
/// pdffonts), the same document again on reprint, `--print` without CUPS, and the contract's exit
/// codes for an unknown kind (2) and a role that may not (4).
@Suite(.serialized) struct DocumentEndToEndTests {
    @Test func refusalDecisionFromTheCommandLine() throws {
        let dir = NSTemporaryDirectory() + "fayuan-文书-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/案件库.db"
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        try addOperator(db: db, name: "赵审查", role: "reviewer", pin: "135790")
        let seeded = try runFayuan(["seed", "--db", db, "--persons", "200", "--cases", "120", "--seed", "3"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let refused = try IntakeEndToEndTests.sql(db, "SELECT c.id || '|' || a.name FROM aid_case c JOIN applicant a ON a.id = c.applicant_id WHERE c.step = 'refused' ORDER BY c.id LIMIT 1")
        let parts = refused.split(separator: "|").map(String.init)
        try #require(parts.count == 2, "示例数据中应有不予援助的案件")
        let (caseID, name) = (parts[0], parts[1])

        let out = dir + "/决定书.pdf"
        let made = try runFayuan(as: "赵审查", pin: "135790", ["document", "refusal-decision", "--db", db, "--case", caseID,
                                                             "--out", out, "--print", "--day", "2026-12-03"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("未设置打印机") && made.stderr.contains(".pdf"), "\(made.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
        #expect(json["number"] as? String == "〔2026〕泽援不决字第1号", "\(json)")
        #expect(json["printed"] as? Bool == false)
        let kept = try #require(json["pdf"] as? String)
        let attributes = try FileManager.default.attributesOfItem(atPath: kept)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
            let text = try spawn(["pdftotext", "-enc", "UTF-8", out, "-"]).stdout
            #expect(text.contains(name), "\(text)")
            #expect(text.contains("〔2026〕泽援不决字第1号"), "\(text)")
            #expect(text.contains("决定不予法律援助"), "\(text)")
            #expect(text.contains("司法行政部门"), "\(text)")
            let fonts = try spawn(["pdffonts", out]).stdout
            #expect(fonts.contains("+NotoSerifCJK") && fonts.contains("+NotoSansCJK"), "\(fonts)")
        } else {
            print("跳过 PDF 内容检查：未安装 poppler-utils")
        }

        // Reprint: the same number, no second number taken.
        let again = try runFayuan(as: "赵审查", pin: "135790", ["document", "refusal-decision", "--db", db, "--case", caseID])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("〔2026〕泽援不决字第1号"), "\(again.stdout)")
        #expect(try IntakeEndToEndTests.sql(db, "SELECT count(*) FROM document_register WHERE case_id = \(caseID)") == "1")

        // A decision taken before the register existed: its 决定书 is numbered in the decision's year
        // and dated the decision's day, not today's (it said 〔2026〕 and today for a 2021 decision).
        let old = try IntakeEndToEndTests.sql(db, """
            SELECT id || '|' || decided_on FROM aid_case WHERE decided_on < '2026-01-01' AND step <> 'refused'
            AND route = 'application' ORDER BY id LIMIT 1
            """).split(separator: "|").map(String.init)
        try #require(old.count == 2, "示例数据中应有往年决定的案件")
        let oldOut = dir + "/往年决定书.pdf"
        let grant = try runFayuan(as: "赵审查", pin: "135790", ["document", "grant-decision", "--db", db, "--case", old[0], "--out", oldOut])
        #expect(grant.status == 0, "\(grant.stderr)")
        let year = String(old[1].prefix(4))
        #expect(grant.stdout.contains("〔\(year)〕泽援决字第1号"), "\(grant.stdout)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
            let text = try spawn(["pdftotext", "-enc", "UTF-8", oldOut, "-"]).stdout
            let parts = old[1].split(separator: "-").compactMap { Int($0) }
            #expect(text.contains("\(parts[0])年\(parts[1])月\(parts[2])日"), "\(text)")
        }

        let unknown = try runFayuan(as: "赵审查", pin: "135790", ["document", "没有这种文书", "--db", db, "--case", caseID])
        #expect(unknown.status == 2 && unknown.stderr.contains("KIND"), "\(unknown.stderr)")
        let admin = try runFayuan(as: "张敏", pin: "246810", ["document", "refusal-decision", "--db", db, "--case", caseID])
        #expect(admin.status == 4, "\(admin.stderr)")
    }
    /// Issue 20's console flow from the board: an application registered with a material missing
    /// is accepted (a) from its detail; 申请表, 接收凭证 and the numbered 补充材料通知书 are offered;
    /// F6 without CUPS writes the PDFs and says where; Esc returns to the case; d reprints.
    @Test func boardAcceptanceWithAMaterialMissingOffersThePapersAndReprints() throws {
        let tmux = try TmuxSession.loggedIn(name: "赵审查", role: "reviewer", pin: "135790") { db in
            try IntakeEndToEndTests.sql(db, """
                INSERT INTO station(code, name, kind, created_at)
                VALUES ('140525000', '泽州县公共法律服务中心', 'county_centre', '2026-01-01T00:00:00.000Z')
                """)
            try IntakeEndToEndTests.registerSunXiulan(db)
        }
        let db = tmux.storePath
        let registered = try runFayuan(as: "赵审查", pin: "135790", ["case", "register", "--db", db, "--applicant", "1", "--kind", "civil",
                                                                   "--cause", "labor_remuneration", "--summary", "追索三个月工资"])
        #expect(registered.status == 0, "\(registered.stderr)")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(registered.stdout.utf8)) as? [String: Any])?["id"] as? Int)
        // The station forwarded the application without the 户口簿 (容缺: to be brought by 12-10).
        try IntakeEndToEndTests.sql(db, """
            INSERT INTO case_document(case_id, code, label, status, due_on) VALUES (\(id), 'household', '户口簿或居住证明', 'missing', '2026-12-10')
            """)

        try PipelineEndToEndTests.openFromIntake(tmux, id: Int64(id))
        try tmux.waitFor("待受理：按 a 受理")
        try tmux.type("a")
        try tmux.waitFor("受理日期")
        try tmux.press("F2")
        var screen = try tmux.waitFor("★补充材料通知书")
        #expect(screen.contains("★法律援助申请表") && screen.contains("★法律援助申请材料接收凭证"), "\(screen)")
        #expect(screen.contains("〔2026〕泽援补字第1号") && screen.contains("进入审查"), "\(screen)")
        // No printer in 系统设置 and no CUPS here: F6 writes the PDFs and the message says where.
        try tmux.press("F6")
        screen = try tmux.waitFor("份文书的 PDF 已写入")
        #expect(screen.contains("未设置打印机") && screen.contains("3 份文书") && screen.contains("民援字第0001号/"), "\(screen)")
        let printDir = (db as NSString).deletingLastPathComponent + "/print"
        let files = (FileManager.default.enumerator(atPath: printDir)?.allObjects as? [String]) ?? []
        #expect(files.contains { $0.contains("民援字第0001号/") && $0.hasSuffix("-补充材料通知书-2026-泽援补字第1号.pdf") }, "\(files)")
        #expect(files.contains { $0.contains("民援字第0001号/") && $0.hasSuffix("-法律援助申请表.pdf") }, "\(files)")
        #expect(files.contains { $0.contains("民援字第0001号/") && $0.hasSuffix("-法律援助申请材料接收凭证.pdf") }, "\(files)")

        // Back to the case, now under review; d lists the same papers for reprint.
        try tmux.press("Escape")
        try tmux.waitFor(" · 审查 · 民事")
        try tmux.type("d")
        screen = try tmux.waitFor("文书 3 份")
        #expect(!screen.contains("★"), "\(screen)")
        try tmux.press("Down", "Down")
        try tmux.waitFor("一次性告知")
        try tmux.press("Enter")
        screen = try tmux.waitFor("补充材料通知书（〔2026〕泽援补字第1号） 的")
        #expect(screen.contains("未设置打印机"), "\(screen)")
        let actions = try IntakeEndToEndTests.sql(db, "SELECT group_concat(action) FROM (SELECT action FROM audit_log WHERE entity = 'document' ORDER BY id)")
        #expect(actions == "issue,issue,issue,render,render,render,print,print,print,reprint", "\(actions)")
    }
}


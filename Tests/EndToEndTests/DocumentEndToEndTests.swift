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

        let unknown = try runFayuan(as: "赵审查", pin: "135790", ["document", "没有这种文书", "--db", db, "--case", caseID])
        #expect(unknown.status == 2 && unknown.stderr.contains("KIND"), "\(unknown.stderr)")
        let admin = try runFayuan(as: "张敏", pin: "246810", ["document", "refusal-decision", "--db", db, "--case", caseID])
        #expect(admin.status == 4, "\(admin.stderr)")
    }
}

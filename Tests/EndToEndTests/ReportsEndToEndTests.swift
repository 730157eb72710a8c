import Foundation
import Testing

/// The real binary: the Reports screen in tmux shows the same figures as `fayuan report`, and the
/// monthly report opens as a spreadsheet with Chinese intact.
@Suite("Reports 端到端", .serialized) struct ReportsEndToEndTests {
    static let labels: [(id: String, short: String)] = [
        ("consultations", "咨询"), ("satisfactionRate", "满意率"), ("casesAccepted", "受理"), ("aidedPersons", "受援人数"),
        ("residentAidRate", "受援率"), ("casesClosed", "结案"), ("timelyArchiveRate", "及时归档"), ("returnVisitRate", "回访率"),
        ("spotCheckRate", "抽查率"), ("averageReviewDays", "审查用时"), ("averageAssignmentDays", "指派用时"),
        ("specialGroupCases", "特殊群体"), ("queueWaitMinutes", "排队等候"),
    ]

    @Test("画面上每个指标等于 CLI 的同一指标（全年 2026，全县）") func screenEqualsCLI() throws {
        let tmux = try TmuxSession.loggedIn(name: "李审查", role: "reviewer", pin: "135790") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "2000", "--cases", "3000", "--consultations", "4000"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed: \(seeded.stderr)") }
        }
        try tmux.type("6")
        try tmux.waitFor("截至")
        try tmux.press("F3")
        try tmux.waitFor("（季）")
        try tmux.press("F3")
        let year = try tmux.waitFor("◀ 2026年 ▶（年）")
        let cli = try runFayuan(as: "李审查", pin: "135790", ["report", "monthly", "--db", tmux.storePath, "--period", "2026", "--format", "json"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as! [String: Any]
        let indicators = json["indicators"] as! [[String: Any]]
        let rows = year.split(separator: "\n").map(String.init)
        for (id, short) in Self.labels {
            let line = try #require(indicators.first { $0["id"] as? String == id })
            let row = try #require(rows.first { $0.dropFirst(2).hasPrefix(short) }, "\(short)")
            let shown = row.dropFirst(2).dropFirst(short.count).split(separator: " ").first.map(String.init)
            #expect(shown == line["text"] as? String, "\(id): 画面 \(shown ?? "nil")，CLI \(line["text"] ?? "nil")")
        }
        // Enter on the first figure lists its records; the count is the CLI's figure.
        try tmux.press("Enter")
        let drill = try tmux.waitFor("共 ")
        let consultations = indicators.first { $0["id"] as? String == "consultations" }!["text"] as! String
        #expect(drill.contains("共 \(consultations) 条"), "\(drill)")
    }

    @Test("月报 XLSX 中文完好、CSV 带 BOM；省级导出先校验") func exports() throws {
        let dir = NSTemporaryDirectory() + "fayuan-report-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = dir + "/报表.db"
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        #expect(try runFayuan(["seed", "--db", db, "--persons", "1000", "--cases", "1500", "--consultations", "2000"]).status == 0)
        let xlsx = dir + "/月报.xlsx"
        let written = try runFayuan(as: "张敏", pin: "246810", ["report", "monthly", "--db", db, "--period", "2026-05", "--today", "2026-06-08",
                                     "--format", "xlsx", "--out", xlsx])
        #expect(written.status == 0, "\(written.stderr)")
        let shared = try spawn(["/usr/bin/unzip", "-p", xlsx, "xl/sharedStrings.xml"])
        #expect(shared.stdout.contains("泽州县（全县）2026年5月法律援助工作月报"))
        #expect(shared.stdout.contains("柳树口镇") && shared.stdout.contains("请求支付劳动报酬"))
        let book = try spawn(["/usr/bin/unzip", "-p", xlsx, "xl/workbook.xml"])
        #expect(book.stdout.contains("各站点法律咨询（任务分配表）"))
        let csv = try runFayuan(as: "张敏", pin: "246810", ["report", "quarterly", "--db", db, "--period", "2026-Q2", "--today", "2026-06-08", "--format", "csv",
                                 "--out", dir + "/季度.csv"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/季度.csv"))
        #expect(csv.status == 0 && Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF] && String(decoding: bytes, as: UTF8.self).contains("专项资金"))
        let text = try runFayuan(as: "张敏", pin: "246810", ["report", "targets", "--db", db, "--period", "2026", "--today", "2026-06-08", "--format", "text"])
        #expect(text.stdout.contains("余下每月需") && text.stdout.contains("4400"))
        #expect(try runFayuan(as: "张敏", pin: "246810", ["report", "monthly", "--db", db, "--period", "2026-13"]).status == 2)
        let noOut = try runFayuan(as: "张敏", pin: "246810", ["report", "monthly", "--db", db, "--period", "2026-05", "--format", "pdf"])
        #expect(noOut.status == 2 && noOut.stderr.contains("--out"), "\(noOut.stderr)")
        // PDF: the same report, typeset (issue 20); its text is the report's.
        let pdf = dir + "/月报.pdf"
        let made = try runFayuan(as: "张敏", pin: "246810", ["report", "monthly", "--db", db, "--period", "2026-05", "--today", "2026-06-08",
                                                            "--format", "pdf", "--out", pdf])
        #expect(made.status == 0, "\(made.stderr)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
            let text = try spawn(["/usr/bin/pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout
            #expect(text.contains("2026年5月法律援助工作月报") && text.contains("柳树口镇"), "\(text)")
        }
        // The case export: all seeded cases are complete; one made incomplete is listed, exit 1.
        let out = dir + "/案件.csv"
        let ok = try runFayuan(as: "张敏", pin: "246810", ["report", "cases", "--db", db, "--period", "2025", "--out", out])
        #expect(ok.status == 0, "\(ok.stderr)")
        // (sqlite3 cannot write a sealed case: the seal trigger is dropped first, as a raw edit must.)
        _ = try spawn(["/usr/bin/sqlite3", db, "DROP TRIGGER aid_case_seal_update; UPDATE aid_case SET provider_id = NULL WHERE id = (SELECT min(id) FROM aid_case WHERE step = 'archived' AND accepted_on LIKE '2025%')"])
        let bad = try runFayuan(as: "张敏", pin: "246810", ["report", "cases", "--db", db, "--period", "2025", "--check"])
        #expect(bad.status == 1 && bad.stderr.contains("缺 承办人、承办机构"), "\(bad.stderr)")
    }
}

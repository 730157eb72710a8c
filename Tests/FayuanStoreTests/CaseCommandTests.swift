import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Issue 19 (cases) through the real binary: every step of `fayuan case` with the console's
/// checks — acceptance of a registered application, documents from `decide --refuse` and
/// `assign` (their paths in the JSON), `--day` checked against the case (exit 2 naming it), the
/// second person at the closing review and archive (exit 4), the notification path.
@Suite(.serialized) struct CaseCommandTests {
    final class Setup {
        let dir = TempDir()
        let binary: String
        var db: String { dir.file("流程.db") }
        var application: Int64 = 0
        var refused: Int64 = 0
        var notified: Int64 = 0

        init?() throws {
            guard let binary = FayuanBinary.locate() else { return nil }
            self.binary = binary
            let store = try openStore(db)
            let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
            _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
            _ = try store.createOperator(name: "孙丽", role: .reviewer, pin: "135790", by: .commandLine, kdfRounds: 1000)
            _ = try store.createOperator(name: "周结", role: .reviewer, pin: "246813", by: .commandLine, kdfRounds: 1000)
            _ = try store.addProvider(Provider(name: "钱律师", kind: .lawyer, organisation: "山西泽州律师事务所", isLeading: true,
                                               stationID: centre.id), by: nil)
            func register(_ name: String, kind: CaseKind, cause: String, route: String) throws -> Int64 {
                let person = try store.saveApplicant(Applicant(name: name, phone: "13912345678"), by: nil)
                return try store.takeApplication(
                    ApplicationIntake(applicantID: person.id!, stationID: centre.id!, centreID: centre.id!, kind: kind, cause: cause,
                                      appliedOn: "2026-06-08", route: route,
                                      economicCheck: route == "notification" ? "not_applicable" : "required"),
                    accept: false, acceptedOn: nil, role: .dutyLawyer, by: nil).id!
            }
            application = try register("陈秀兰", kind: .civil, cause: "labor_remuneration", route: "application")
            refused = try register("王大富", kind: .civil, cause: "loan_dispute", route: "application")
            notified = try register("刘小军", kind: .criminal, cause: "suspect_defendant", route: "notification")
            try store.close()
        }

        func run(_ who: String, _ pin: String, _ args: [String]) throws -> FayuanBinary.Run {
            try FayuanBinary.runAs(binary, who, pin: pin, ["case"] + args + ["--db", db], in: dir.path)
        }

        func json(_ r: FayuanBinary.Run) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    @Test func everyStepFromTheCommandLineWithDocumentsDatesAndASecondPerson() throws {
        guard let s = try Setup() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let a = String(s.application)
        // 申请 from the command line: a court's notice dated in the future is refused naming --day; today's is registered.
        var r = try s.run("孙丽", "135790", ["register", "--applicant", "1", "--kind", "criminal", "--cause", "suspect_defendant",
                                             "--route", "notification", "--day", "2099-01-01"])
        #expect(r.status == 2 && r.stderr.contains("--day: 收到日期不能晚于今天"), "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["register", "--applicant", "1", "--kind", "civil", "--cause", "suspect_defendant"])
        #expect(r.status == 2 && r.stderr.contains("--cause: 未知的案由代码"), "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["register", "--applicant", "1", "--kind", "criminal", "--cause", "suspect_defendant",
                                         "--route", "notification", "--summary", "人民法院通知辩护"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "intake" && s.json(r)["dueKind"] as? String == "assignment", "\(r.stderr)")
        // 受理 a registered application; a date before the application is exit 2 naming --day.
        r = try s.run("孙丽", "135790", ["accept", a, "--day", "2026-06-07"])
        #expect(r.status == 2 && r.stderr.contains("--day: 受理日期不能早于本案申请日期（2026-06-08）：2026-06-07"), "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["accept", a, "--day", "2026-06-08"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.json(r)["stage"] as? String == "review")
        #expect(s.json(r)["caseNumber"] as? String == "〔2026〕民援字第0001号")
        // The old bug: a decision dated 2020. Exit 2, named, nothing written.
        r = try s.run("孙丽", "135790", ["decide", a, "--grant", "--reason", "in_scope_hardship", "--day", "2020-01-01"])
        #expect(r.status == 2 && r.stderr.contains("--day: 决定日期不能早于本案受理日期（2026-06-08）：2020-01-01"), "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["decide", a, "--grant", "--reason", "in_scope_hardship", "--day", "2099-01-01"])
        #expect(r.status == 2 && r.stderr.contains("--day: 决定日期不能晚于今天"), "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["decide", a, "--grant", "--reason", "in_scope_hardship", "--day", "2026-06-09"])
        #expect(r.status == 0, "\(r.stderr)")
        // 指派 writes the 指派通知书 as the console does, and says where.
        r = try s.run("孙丽", "135790", ["assign", a, "--day", "2026-06-10"])
        #expect(r.status == 0, "\(r.stderr)")
        let notice = try #require(s.json(r)["document"] as? String, "\(r.stdout)")
        #expect(notice.hasSuffix("2026-民援字第0001号/2026-06-10-指派通知书-2026-泽援指字第1号.txt"), "\(notice)")
        let noticeText = try String(contentsOfFile: notice, encoding: .utf8)
        #expect(noticeText.contains("指派通知书") && noticeText.contains("承办人员：钱律师") && noticeText.contains("受援人：陈秀兰"), "\(noticeText)")
        r = try s.run("孙丽", "135790", ["progress", a, "--note", "会见受援人，调取考勤记录"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "handling", "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["submit-closing", a, "--outcome", "调解结案，追回工资一万二千元", "--day", "2026-07-01"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "closing_review", "\(r.stderr)")
        // 四眼原则: the reviewer who decided and assigned may not pass the closing review (exit 4).
        r = try s.run("孙丽", "135790", ["close", a, "--day", "2026-07-02"])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("需由第二人办理：作出给予法律援助决定的人员不能对本案结案审查"), "\(r.stderr)")
        r = try s.run("周结", "246813", ["close", a, "--day", "2026-07-02"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "closed", "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["archive", a, "--day", "2026-07-03"])
        #expect(r.status == 4 && r.stderr.contains("不能对本案归档"), "\(r.stderr)")
        r = try s.run("周结", "246813", ["archive", a, "--day", "2026-07-01"])
        #expect(r.status == 2 && r.stderr.contains("--day: 归档日期不能早于本案结案日期（2026-07-02）"), "\(r.stderr)")
        r = try s.run("周结", "246813", ["archive", a, "--day", "2026-07-03"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "archived", "\(r.stderr)")
        r = try s.run("周结", "246813", ["visit", a, "--phase", "after", "--satisfaction", "satisfied", "--result", "对律师满意", "--day", "2026-07-05"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try s.run("周结", "246813", ["review", a, "--points", "9,9,18,18,9,18,9", "--day", "2026-07-10"])
        #expect(r.status == 0 && s.json(r)["total"] as? Int == 90, "\(r.stderr)")

        // A refusal writes the 不予法律援助决定书 with the objection path.
        let b = String(s.refused)
        #expect(try s.run("孙丽", "135790", ["accept", b, "--day", "2026-06-08"]).status == 0)
        r = try s.run("孙丽", "135790", ["decide", b, "--refuse", "--reason", "not_hardship", "--text", "家庭人均收入高于标准", "--day", "2026-06-09"])
        #expect(r.status == 0, "\(r.stderr)")
        let letter = try #require(s.json(r)["document"] as? String, "\(r.stdout)")
        let letterText = try String(contentsOfFile: letter, encoding: .utf8)
        #expect(letterText.contains("不予法律援助决定书") && letterText.contains("家庭人均收入高于标准") && letterText.contains("第四十九条"), "\(letterText)")
        #expect(letterText.contains("自收到本决定书之日起十五日内"), "山西的异议期限应与窗口打印的一样写入：\(letterText)")
        // The objection path (Art 49) from the command line: received, then corrected → back to review.
        r = try s.run("孙丽", "135790", ["objection", b, "--text", "申请人不服", "--day", "2026-06-08"])
        #expect(r.status == 2 && r.stderr.contains("--day: 收到日期不能早于本案决定日期（2026-06-09）"), "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["objection", b, "--text", "申请人不服", "--day", "2026-06-10"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["objection", b, "--corrected", "--text", "责令重新审查", "--day", "2026-06-12"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "review", "\(r.stderr)")

        // 通知辩护: accepted straight to assignment; there is no review decision.
        let n = String(s.notified)
        r = try s.run("孙丽", "135790", ["accept", n, "--day", "2026-06-08"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "assignment", "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["decide", n, "--grant", "--reason", "not_means_tested", "--day", "2026-06-09"])
        #expect(r.status == 2, "\(r.stderr)")
        r = try s.run("孙丽", "135790", ["assign", n, "--day", "2026-06-09"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((s.json(r)["document"] as? String)?.contains("指派通知书") == true, "\(r.stdout)")
        r = try s.run("孙丽", "135790", ["terminate", n, "--ground", "own_lawyer", "--day", "2026-06-20"])
        #expect(r.status == 0 && s.json(r)["stage"] as? String == "ended", "\(r.stderr)")

        let store = try openStore(s.db)
        #expect(try store.verifyAuditChain() == nil)
        let channels = try store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT channel FROM audit_log WHERE entity_id = ? AND action = 'accept'", arguments: [a]) }
        #expect(channels == ["command_line"])
    }
}

import Foundation
import Testing

/// Issue 8's acceptance in the real binary: a reviewer takes an accepted case through grant,
/// assignment (the wheel's suggestion explained), closing, archive and return visit, and is refused
/// the quality review of a case they decided; the deadline shown matches `fayuan calendar due`; a duty lawyer cannot decide or assign.
@Suite(.serialized) struct PipelineEndToEndTests {
    struct Listed: Decodable {
        struct Clock: Decodable { var kind: String; var due: String? }
        var id: Int64
        var caseNumber: String?
        var appliedOn: String
        var clocks: [Clock]
    }

    /// A seeded Zezhou store (cases in every step), a reviewer and a duty lawyer.
    static func start() throws -> (TmuxSession, Listed) {
        let tmux = try TmuxSession.loggedIn(name: "赵审查", role: "reviewer", pin: "135790") { db in
            try addOperator(db: db, name: "值班小李", role: "duty_lawyer", pin: "246813")
            try addOperator(db: db, name: "周结", role: "reviewer", pin: "975310")
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "300", "--cases", "2000", "--seed", "11"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
        }
        let listed = try runFayuan(as: "赵审查", pin: "135790", ["case", "list", "--db", tmux.storePath, "--stage", "review"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let cases = try JSONDecoder().decode(ListedPage.self, from: Data(listed.stdout.utf8)).cases
        let first = try #require(cases.first, "示例数据中应有待审查的案件")
        return (tmux, first)
    }

    @Test func reviewerTakesAnAcceptedCaseThroughTheWholePipeline() throws {
        let (tmux, c) = try Self.start()
        // The review deadline the console computes is the calendar command's (Zezhou is in Shanxi,
        // whose 条例 gives three days).
        let due = try runFayuan(["calendar", "due", "--from", c.appliedOn, "--days", "3", "--region", "140525"])
        #expect(due.status == 0, "\(due.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [String: Any]
        let expectedDue = try #require(answer?["due"] as? String)
        #expect(c.clocks.first?.kind == "review")
        #expect(c.clocks.first?.due == expectedDue)

        // Board → step filter 审查 → the most urgent case under review (the same order as `case list`).
        try tmux.type("4")
        try tmux.waitFor("案件看板")
        try tmux.waitFor("待回访")
        try tmux.press("Tab", "Tab", "Down", "Down")
        try tmux.waitFor("步骤 审查")
        try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab")
        try tmux.press("Enter")
        let number = try #require(c.caseNumber)
        // Wait for the whole detail (a capture may catch the terminal half-way through the redraw).
        var screen = try tmux.waitUntil("案件详情与审查期限") { $0.contains("\(number) · 审查") && $0.contains("审查期限 ") }
        #expect(screen.contains("审查期限 ✗ 已超期") && screen.contains("（至 \(expectedDue)）"), "\(screen)")

        // Grant.
        try tmux.press("F3")
        try tmux.waitFor("给予后自决定之日起三日内指派")
        try tmux.press("Tab")
        try tmux.type(" ")
        try tmux.press("F2")
        try tmux.waitFor("已决定给予法律援助")
        // The 给予法律援助决定书 is offered for printing; Esc returns to the case.
        try tmux.waitFor("★给予法律援助决定书")
        try tmux.press("Escape")
        screen = try tmux.waitFor("\(number) · 指派")
        #expect(screen.contains("指派期限 · 剩"), "\(screen)")

        // Assignment: the wheel says whom and why.
        try tmux.press("F4")
        screen = try tmux.waitFor("★ 轮案建议：")
        #expect(screen.contains("轮次：") && screen.contains("在办") && screen.contains("无利益冲突"), "\(screen)")
        try tmux.press("F2")
        screen = try tmux.waitFor("★指派通知书")
        #expect(screen.contains("已指派") && screen.contains("已生成") && screen.contains("泽援指字第"), "\(screen)")
        try tmux.press("Escape")
        try tmux.waitFor("\(number) · 办理中")

        // Handling, closing, archive.
        try tmux.press("F5")
        try tmux.waitFor("办案进展")
        try tmux.type("会见受援人，调取工资发放记录")
        try tmux.press("F2")
        try tmux.waitFor("已记录办案进展")
        try tmux.press("F6")
        try tmux.waitFor("办理结果")
        try tmux.type("调解结案，追回工资一万八千元")
        try tmux.press("F2")
        try tmux.waitFor("\(number) · 待结案审查")
        try tmux.press("F6")
        try tmux.waitFor("承办人提交的办理结果：调解结案")
        // 四眼原则 (issue 19): the reviewer who granted and assigned may not pass the closing
        // review nor archive; a second reviewer does (here from the command line, same store rule).
        try tmux.press("F2")
        try tmux.waitFor("需由第二人办理：作出给予法律援助决定的人员不能对本案结案审查")
        let closed = try runFayuan(as: "周结", pin: "975310", ["case", "close", String(c.id), "--db", tmux.storePath])
        #expect(closed.status == 0, "\(closed.stderr)")
        try tmux.press("Escape")
        try tmux.waitFor("\(number) · 已结案")
        try tmux.press("F6")
        try tmux.waitFor("归档日期")
        try tmux.press("F2")
        try tmux.waitFor("需由第二人办理：作出给予法律援助决定的人员不能对本案归档")
        let archived = try runFayuan(as: "周结", pin: "975310", ["case", "archive", String(c.id), "--db", tmux.storePath])
        #expect(archived.status == 0, "\(archived.stderr)")
        try tmux.press("Escape")
        try tmux.waitFor("\(number) · 已归档")

        // Return visit and quality review.
        try tmux.press("F7")
        try tmux.waitFor("回访目标：结案案件 100% 回访")
        try tmux.press("F2")
        try tmux.waitFor("已登记结案回访")
        try tmux.type("r")
        try tmux.waitFor("案件质量评查")
        try tmux.press("Tab")
        try tmux.type("钱律师")
        for points in ["9", "9", "18", "18", "9", "18", "9"] {
            try tmux.press("Tab")
            try tmux.type(points)
        }
        try tmux.waitFor("合计 90/100 分 · 优秀")
        try tmux.press("F2")
        // Separation of duties (issue 16): the reviewer who granted the aid may not review the
        // file; another reviewer does (AdministrationTests, CaseScreenTests).
        try tmux.waitFor("作出给予法律援助决定的人员不能评查本案")

        let shown = try runFayuan(as: "赵审查", pin: "135790", ["case", "show", String(c.id), "--db", tmux.storePath])
        #expect(shown.status == 0, "\(shown.stderr)")
        for kind in ["\"grant\"", "\"assign\"", "\"progress\"", "\"submit_closing\"", "\"closed\"", "\"archived\"",
                     "\"return_visit\""] {
            #expect(shown.stdout.contains("\"kind\" : \(kind)"), "时间线缺少 \(kind)：\(shown.stdout)")
        }
        #expect(shown.stdout.contains("\"operatorName\" : \"赵审查\""))
        #expect(shown.stdout.contains("\"operatorName\" : \"周结\""), "结案审查和归档由第二人办理")
        #expect(!shown.stdout.contains("\"kind\" : \"quality_review\""), "决定给予援助的人不能评查本案")
        let audit = try runFayuan(["audit", "verify", "--db", tmux.storePath])
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    /// `case list` answers {"count": N, "cases": [...]}.
    struct ListedPage: Decodable { var count: Int; var cases: [Listed] }

    struct Registered: Decodable { var id: Int64; var due: String?; var appliedOn: String }

    /// Board → step 受理 → the row of case `id` (the board's order is `case list`'s) → its detail.
    static func openFromIntake(_ tmux: TmuxSession, id: Int64) throws {
        let listed = try runFayuan(as: "赵审查", pin: "135790", ["case", "list", "--db", tmux.storePath, "--stage", "intake"])
        let rows = try JSONDecoder().decode(ListedPage.self, from: Data(listed.stdout.utf8)).cases
        let index = try #require(rows.firstIndex { $0.id == id }, "看板“受理”中应有案件 \(id)")
        try tmux.type("4")
        try tmux.waitFor("待回访")
        try tmux.press("Tab", "Tab", "Down")
        try tmux.waitFor("步骤 受理")
        try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab")
        for _ in 0..<index { try tmux.press("Down") }
        try tmux.press("Enter")
    }

    @Test func registeredApplicationAndNotificationAreAcceptedFromTheBoard() throws {
        let (tmux, _) = try Self.start()
        // 申请 from the command line: an application and a court's notice, both received today.
        let app = try runFayuan(as: "赵审查", pin: "135790", ["case", "register", "--db", tmux.storePath, "--applicant", "3",
                                                            "--kind", "civil", "--cause", "labor_remuneration", "--summary", "追索三个月工资"])
        #expect(app.status == 0, "\(app.stderr)")
        let application = try JSONDecoder().decode(Registered.self, from: Data(app.stdout.utf8))
        let note = try runFayuan(as: "赵审查", pin: "135790", ["case", "register", "--db", tmux.storePath, "--applicant", "4",
                                                             "--kind", "criminal", "--cause", "suspect_defendant", "--route", "notification",
                                                             "--summary", "人民法院通知辩护"])
        #expect(note.status == 0, "\(note.stderr)")
        let notice = try JSONDecoder().decode(Registered.self, from: Data(note.stdout.utf8))
        let noticeDue = try #require(notice.due)

        // The application: accepted (受理) and decided from the board.
        try Self.openFromIntake(tmux, id: application.id)
        var screen = try tmux.waitFor("待受理：按 a 受理")
        #expect(screen.contains("（未编号） · 受理 · 民事"), "\(screen)")
        try tmux.type("a")
        try tmux.waitFor("受理日期")
        try tmux.press("F2")
        screen = try tmux.waitFor("已受理，编号")
        #expect(screen.contains("已受理，编号"), "\(screen)")
        // The acceptance's papers are offered for printing (nothing missing: no 补充材料通知书).
        screen = try tmux.waitFor("★法律援助申请材料接收凭证")
        #expect(screen.contains("★法律援助申请表") && !screen.contains("补充材料通知书"), "\(screen)")
        try tmux.press("Escape")
        try tmux.waitUntil("详情转为审查") { $0.contains(" · 审查 · 民事") && $0.contains("3决定") }
        try tmux.press("F3")
        try tmux.waitFor("给予后自决定之日起三日内指派")
        try tmux.press("Tab")
        try tmux.type(" ")
        try tmux.press("F2")
        try tmux.waitFor("已决定给予法律援助")
        // The 决定书 is offered for printing first; Esc returns to the case.
        try tmux.waitFor("★给予法律援助决定书")
        try tmux.press("Escape")
        try tmux.waitFor(" · 指派 · 民事")

        // The notification: its route and its one deadline on the row and the detail; no review; assigned in time.
        try tmux.press("Escape")
        try tmux.waitFor("案件看板")
        try tmux.press("Escape")
        try tmux.waitFor("法援 · 首页")
        try Self.openFromIntake(tmux, id: notice.id)
        screen = try tmux.waitFor("· 受理 · 通知辩护 · 刑事")
        try tmux.waitFor("（至 \(noticeDue)）")
        try tmux.type("a")
        screen = try tmux.waitFor("无需审查，受理后径行指派；指派期限至 \(noticeDue)")
        try tmux.press("F2")
        try tmux.waitFor("通知案件无需审查，径行指派")
        screen = try tmux.waitUntil("详情转为指派") { $0.contains(" · 指派 · 通知辩护 · 刑事") && $0.contains("4指派") }
        #expect(!screen.contains("3决定"), "通知案件没有审查决定：\(screen)")
        #expect(screen.contains("（至 \(noticeDue)）"), "受理后指派期限不变：\(screen)")
        try tmux.press("F4")
        try tmux.waitFor("★ 轮案建议：")
        try tmux.press("F2")
        screen = try tmux.waitFor("已指派")
        #expect(screen.contains("指派通知书"), "\(screen)")
        // A criminal case: the 公函 is issued with the 指派通知书, both offered for printing.
        screen = try tmux.waitFor("★法律援助公函")
        #expect(screen.contains("★指派通知书") && screen.contains("泽援函字第"), "\(screen)")

        let shown = try runFayuan(as: "赵审查", pin: "135790", ["case", "list", "--db", tmux.storePath, "--stage", "handling"])
        let handling = try JSONDecoder().decode(ListedPage.self, from: Data(shown.stdout.utf8)).cases
        #expect(handling.contains { $0.id == notice.id }, "通知案件应已指派")
        let detail = try runFayuan(as: "赵审查", pin: "135790", ["case", "show", String(notice.id), "--db", tmux.storePath])
        let assigned = try #require((try JSONSerialization.jsonObject(with: Data(detail.stdout.utf8)) as? [String: Any])?["case"] as? [String: Any])
        let assignedOn = try #require(assigned["assignedOn"] as? String)
        #expect(assignedOn <= noticeDue, "在指派期限 \(noticeDue) 内指派：\(assignedOn)")
        #expect(assigned["route"] as? String == "notification")
    }

    @Test func dutyLawyerCannotDecideOrAssign() throws {
        let (tmux, c) = try Self.start()
        // Hand the terminal over to the duty lawyer.
        try tmux.press("F12")
        try tmux.waitFor("本终端已由 赵审查 锁定")
        try tmux.handOver(typing: "值", shown: "值班小李（值班律师）", pin: "246813")
        try tmux.waitFor("值班小李（值班律师）已登录")
        try tmux.type("4")
        try tmux.waitFor("待回访")
        try tmux.press("Tab", "Tab", "Down", "Down")
        try tmux.waitFor("步骤 审查")
        try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab", "Enter")
        var screen = try tmux.waitFor("\(c.caseNumber ?? "") · 审查")
        #expect(!screen.contains("3决定"), "值班律师的功能键栏不应有决定：\(screen)")
        try tmux.press("F3")
        screen = try tmux.waitFor("无权操作：值班律师不能作出给予/不予援助决定")
        try tmux.press("F4")
        try tmux.waitFor("无权操作：值班律师不能指派承办人员")

        // The command line refuses the same way, and nothing changed.
        let decided = try runFayuan(as: "值班小李", pin: "246813", ["case", "decide", String(c.id), "--db", tmux.storePath, "--grant",
                                                                 "--reason", "in_scope_hardship"])
        #expect(decided.status == 4, "角色不允许是拒绝（4）")
        #expect(decided.stderr.contains("无权操作：值班律师不能作出给予/不予援助决定"), "\(decided.stderr)")
        let assigned = try runFayuan(as: "值班小李", pin: "246813", ["case", "assign", String(c.id), "--db", tmux.storePath])
        #expect(assigned.status == 4)
        #expect(assigned.stderr.contains("无权操作：值班律师不能指派承办人员"), "\(assigned.stderr)")
        let listed = try runFayuan(as: "赵审查", pin: "135790", ["case", "list", "--db", tmux.storePath, "--stage", "review"])
        #expect(listed.stdout.contains("\"id\" : \(c.id)"), "案件应仍在审查中")
    }
}

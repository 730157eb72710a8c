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
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "300", "--cases", "2000", "--seed", "11"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
        }
        let listed = try runFayuan(as: "赵审查", pin: "135790", ["case", "list", "--db", tmux.storePath, "--stage", "review"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let cases = try JSONDecoder().decode([Listed].self, from: Data(listed.stdout.utf8))
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
        try tmux.press("F2")
        try tmux.waitFor("结案审查通过，已结案")
        try tmux.waitFor("\(number) · 已结案")
        try tmux.press("F6")
        try tmux.waitFor("归档日期")
        try tmux.press("F2")
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
        #expect(!shown.stdout.contains("\"kind\" : \"quality_review\""), "决定给予援助的人不能评查本案")
        let audit = try runFayuan(["audit", "verify", "--db", tmux.storePath])
        #expect(audit.status == 0, "\(audit.stderr)")
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

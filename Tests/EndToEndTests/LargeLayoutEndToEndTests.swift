import Foundation
import Testing

/// 大字模式 layouts in the real binary at 48×14 (issue 21): the queue window with the called
/// number in big letters, a wrong and a Chinese answer to the transfer question, Esc half-way;
/// the case board with its overdue count and the case opened from it.
@Suite(.serialized) struct LargeLayoutEndToEndTests {
    static let blocks = Set<Character>("▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")

    static func bigRows(_ screen: String) -> Int {
        screen.components(separatedBy: "\n").filter { $0.contains { blocks.contains($0) } }.count
    }

    @Test func queueWindowAt48x14() throws {
        let tmux = try IntakeEndToEndTests.clerk()
        for (service, reason) in [("consultation", nil), ("application", nil), ("consultation", "elderly")] as [(String, String?)] {
            var args = ["queue", "issue", "--db", tmux.storePath, "--station", QueueEndToEndTests.station, "--service", service]
            if let reason { args += ["--priority-reason", reason] }
            let r = try runFayuan(as: "王丽", pin: "246810", args)
            #expect(r.status == 0, "\(r.stderr)")
        }
        try tmux.resize(width: 48, height: 14)
        try tmux.waitFor("窗口太小")
        try tmux.press("F11")
        try tmux.waitFor("请按数字选择：")
        try tmux.type("1")
        var screen = try tmux.waitFor("本窗口现在没有号码")
        #expect(screen.contains("等候 3 人") && screen.contains("A001 咨询"), "\(screen)")
        #expect(screen.contains("F3 叫号"), "the key that calls, in the bar\n\(screen)")
        try tmux.press("F3")
        // The elderly person's priority ticket is called first: big letters, state and priority beside.
        screen = try tmux.waitUntil("A002 叫号") { $0.contains("【已叫号】") && Self.bigRows($0) >= 2 }
        #expect(screen.contains("★优先·老年人") && screen.contains("已叫 A002"), "\(screen)")
        #expect(screen.contains("F4 重呼") && screen.contains("F11 大字"), "\(screen)")
        // Transfer: a Chinese answer is refused at the field, then Esc half-way cancels.
        try tmux.type("t")
        try tmux.waitFor("转到（窗口号或业务")
        try tmux.type("二号")
        try tmux.waitFor("二号")
        try tmux.press("Enter")
        screen = try tmux.waitFor("请输入窗口号（数字）")
        #expect(screen.contains("【已叫号】"), "the call stays on screen\n\(screen)")
        try tmux.press("Escape")
        screen = try tmux.waitFor("已取消")
        #expect(!screen.contains("转到（窗口号或业务") && screen.contains("排队叫号"), "\(screen)")
        // Still the window screen (Esc closed the question, not the screen): F7 starts service
        // and opens the consultation for the person called.
        try tmux.press("F7")
        try tmux.waitFor("开始办理")
    }

    @Test func caseBoardAndCaseAt48x14() throws {
        let tmux = try TmuxSession.loggedIn(name: "赵审查", role: "reviewer", pin: "135790") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "300", "--cases", "2000", "--seed", "11"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
        }
        try tmux.press("F11")
        try tmux.waitFor("请按数字选择：")
        try tmux.resize(width: 48, height: 14)
        try tmux.type("4")
        // The seeded cases are from June: the board must say how many are overdue, in words.
        var screen = try tmux.waitUntil("看板") { $0.contains("共 ") && $0.contains("✗ 超期") && $0.contains("▶ ") }
        #expect(screen.contains("F5 刷新") && screen.contains("Esc 返回"), "\(screen)")
        #expect(!screen.contains("窗口太小"), "\(screen)")
        // Tab to the filters: the one being changed is shown with its value.
        try tmux.press("Tab")
        try tmux.waitFor("▶ 筛选·站点：")
        try tmux.press("Tab")
        try tmux.waitFor("▶ 筛选·步骤：")
        try tmux.press("BTab", "BTab")
        screen = try tmux.waitFor("筛选（Tab）")
        // Open the most urgent case: number, step, the overdue clock in words.
        try tmux.press("Enter")
        screen = try tmux.waitUntil("案件详情") { $0.contains("案件详情") && $0.contains("〔") && $0.contains("✗") }
        #expect(screen.contains("民援字第") || screen.contains("刑援字第") || screen.contains("行援字第"), "\(screen)")
        try tmux.press("Escape")
        try tmux.waitFor("筛选（Tab）")
    }
}

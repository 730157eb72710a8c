import Foundation
import Testing

/// Issue 16's acceptance in the real binary: a fresh store → the administrator → the centre and
/// its windows → a clerk added from the console → the clerk logs in, issues and calls the first
/// ticket, reading nothing but the screen. And `demo --reset` never touches a real store.
@Suite(.serialized) struct FirstRunEndToEndTests {
    @Test func freshStoreToTheFirstCalledTicket() throws {
        let tmux = try TmuxSession(arguments: [], width: 80, height: 24)
        try tmux.waitFor("首次使用：设置管理员")
        try tmux.type("王建国")
        try tmux.press("Tab")
        try tmux.type("135790")
        try tmux.press("Tab")
        try tmux.type("135790")
        try tmux.press("Enter")
        // The centre: name, region shown back, kind, windows.
        try tmux.waitFor("首次使用：设置本中心")
        try tmux.press("Tab")
        try tmux.type("泽州县公共法律服务中心")
        try tmux.press("Tab")
        try tmux.type("140525")
        try tmux.waitFor("→ 山西省 晋城市 泽州县")
        try tmux.press("Tab", "Tab", "Tab")
        try tmux.press("Enter")
        var screen = try tmux.waitFor("✓ 本中心已设置：泽州县公共法律服务中心")
        #expect(screen.contains("下一步：添加窗口工作人员"), "\(screen)")
        // Follow the steps on screen: 8 管理 → 2 操作员 → F3 新增.
        try tmux.press("Enter")
        try tmux.waitFor("请选择要办理的事项")
        try tmux.type("8")
        try tmux.waitFor("请选择管理项")
        try tmux.type("2")
        try tmux.waitFor("管理 · 操作员")
        try tmux.press("F3")
        try tmux.waitFor("新增操作员")
        try tmux.type("李娜")
        try tmux.press("Tab", "Tab", "Tab")
        try tmux.type("482615")
        try tmux.press("Tab")
        try tmux.type("482615")
        screen = try tmux.screen()
        #expect(!screen.contains("482615"), "PIN 不显示在屏幕上：\(screen)")
        try tmux.press("F2")
        try tmux.waitFor("已添加操作员 李娜（窗口工作人员）")
        // Hand the terminal to the clerk.
        try tmux.press("F12")
        try tmux.waitFor("本终端已由 王建国 锁定")
        try tmux.handOver(typing: "李", shown: "李娜（窗口工作人员）", pin: "482615")
        try tmux.waitFor("李娜（窗口工作人员）已登录")
        // 1 排队叫号: the empty window says which keys issue and call.
        try tmux.type("1")
        screen = try tmux.waitFor("（无）按 n 取号，按 F3 叫下一位")
        #expect(screen.contains("泽州县公共法律服务中心　本终端：1号窗口"), "\(screen)")
        try tmux.type("n")
        try tmux.waitFor("优先原因（绿色通道）")
        try tmux.press("F2")
        try tmux.waitFor("已取号 A001")
        try tmux.press("Escape")
        try tmux.waitFor("等候 1 人")
        try tmux.press("F3")
        screen = try tmux.waitFor("已叫 A001")
        #expect(screen.contains("【已叫号】"), "\(screen)")
        let audit = try runFayuan(["audit", "verify", "--db", tmux.storePath])
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    @Test func demoResetRefusesAStoreThatIsNotADemoStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-demo-refusal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("中心案件库.db").path
        let seeded = try runFayuan(["seed", "--db", path, "--persons", "20", "--cases", "0"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let before = try runFayuan(["check", "--db", path])
        #expect(before.status == 0, "\(before.stderr)")
        let reset = try runFayuan(["demo", "--reset", "--db", path])
        #expect(reset.status == 4, "\(reset.stderr)")
        #expect(reset.stderr.contains("拒绝重置") && reset.stderr.contains("不是演示案件库"), "\(reset.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
        // Still the same store: its audit trail (the seed's entry) is intact.
        let after = try runFayuan(["check", "--db", path])
        #expect(after.status == 0 && after.stdout == before.stdout.replacingOccurrences(of: secondsLine(before.stdout), with: secondsLine(after.stdout)),
                "案件库未被改动：\(before.stdout) → \(after.stdout)")
        #expect(after.stdout.contains("\"auditEntries\" : 1"), "\(after.stdout)")
    }

    @Test func demoNamesItsOperatorsAndPINOnTheLockScreen() throws {
        let tmux = try TmuxSession(arguments: ["demo", "--db", FileManager.default.temporaryDirectory
                                                .appendingPathComponent("fayuan-demo-\(UUID().uuidString).db").path])
        try tmux.waitFor("请选择要办理的事项", timeout: 120)
        try tmux.press("F12")
        let locked = try tmux.waitFor("本终端已由 演示审查员 锁定")
        #expect(locked.contains("PIN 均为 246810"), "\(locked)")
        #expect(locked.contains("演示管理员") && locked.contains("演示窗口"), "\(locked)")
    }
}

/// The timing line of `fayuan check` (differs run to run).
private func secondsLine(_ json: String) -> String {
    json.split(separator: "\n").first { $0.contains("\"seconds\"") }.map(String.init) ?? ""
}

import Foundation
import Testing

/// The platform issue's acceptance checks, against the real binary in tmux.
@Suite(.serialized) struct ConsolePlatformTests {
    @Test func opensHomeAt80x24WithKeyBarHelpAndQuit() throws {
        let tmux = try TmuxSession.loggedIn()
        let home = try tmux.waitFor("请选择要办理的事项")
        let lines = home.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix(" 法援 · 首页") == true, "标题栏：\(lines.first ?? "")")
        // The F-key bar is the last row and follows the default keymap.
        let bar = lines.last { !$0.isEmpty } ?? ""
        #expect(bar.hasPrefix("1帮助"), "功能键栏：\(bar)")
        #expect(bar.contains("10退出"), "功能键栏：\(bar)")
        #expect(bar.contains("5配色"), "功能键栏：\(bar)")

        try tmux.press("F1")
        try tmux.waitFor("帮助 · 首页")
        try tmux.waitFor("显示帮助（当前画面的按键）")
        try tmux.press("Escape")
        try tmux.waitForAbsence("帮助 · 首页")

        try tmux.press("F10")
        let end = try tmux.waitFor("STTY-END")
        #expect(end.contains("EXITED rc=0"))
        // Cooked mode is back: canonical input, echo and signals on.
        #expect(end.contains("icanon") && !end.contains("-icanon"), "\(end)")
        #expect(end.contains("echo") && !end.contains("-echo "), "\(end)")
        #expect(try tmux.paneFormat("#{cursor_flag}") == "1")
        #expect(try tmux.paneFormat("#{alternate_on}") == "0")
    }

    @Test func tooSmallWindowAndBack() throws {
        let tmux = try TmuxSession.loggedIn()
        try tmux.waitFor("请选择要办理的事项")
        try tmux.resize(width: 40, height: 10)
        let small = try tmux.waitFor("窗口太小")
        #expect(small.contains("40×10"), "\(small)")
        try tmux.resize(width: 100, height: 30)
        let big = try tmux.waitFor("请选择要办理的事项")
        #expect(!big.contains("窗口太小"))
        // The clock sits at the right edge of a 100-column title bar.
        let title = big.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.hasPrefix(" 法援 · 首页"))
        try tmux.press("F10")
        try tmux.waitFor("EXITED rc=0")
    }

    @Test func chineseShowsWithLangUnset() throws {
        let tmux = try TmuxSession(arguments: [], width: 80, height: 24, unset: ["LANG", "LC_ALL", "LC_CTYPE"], langUTF8: false) { db in
            try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        }
        try tmux.logIn(name: "张敏", pin: "246810")
        let screen = try tmux.waitFor("请选择要办理的事项")
        #expect(screen.contains("10退出"))
        try tmux.press("F10")
        try tmux.waitFor("EXITED rc=0")
    }

    @Test func userKeymapRemapsKeyAndBar() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-keymap-\(getpid())-\(Int.random(in: 0...1_000_000))")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("fayuan"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: config) }
        try """
        # 个人键位：退出改到 F8（测试用）
        [app]
        quit = ["F8"]
        """.write(to: config.appendingPathComponent("fayuan/keymap.toml"), atomically: true, encoding: .utf8)
        let tmux = try TmuxSession.loggedIn(environment: ["XDG_CONFIG_HOME": config.path])
        let home = try tmux.waitFor("请选择要办理的事项")
        let bar = home.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("8退出"), "功能键栏：\(bar)")
        #expect(!bar.contains("10退出"), "功能键栏：\(bar)")
        try tmux.press("F10")     // no longer quits
        try tmux.press("F1")
        try tmux.waitFor("帮助 · 首页")
        #expect(!(try tmux.screen()).contains("EXITED"))
        try tmux.press("Escape")
        try tmux.waitForAbsence("帮助 · 首页")
        try tmux.press("F8")
        try tmux.waitFor("EXITED rc=0")
    }

    @Test func brokenKeymapNamesFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-badkeymap-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("坏键位.toml")
        try "# 测试：第三行按键名写错\n[app]\nsave = [\"F99\"]\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try runFayuan(["--keymap", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("坏键位.toml:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("无法识别的按键"), "\(result.stderr)")

        let print = try runFayuan(["keymap", "--print", "--keymap", "nofkeys"])
        #expect(print.status == 0)
        #expect(print.stdout.contains("Ctrl-G / F1"), "\(print.stdout)")
    }

    /// TERM and HUP end the session cleanly; SEGV stands for a crash (the handler restores the
    /// terminal, then dies of the signal as it would have).
    @Test(arguments: ["TERM", "HUP", "SEGV"])
    func signalLeavesTerminalUsable(signal: String) throws {
        let tmux = try TmuxSession.loggedIn()
        try tmux.waitFor("请选择要办理的事项")
        let pid = try tmux.appPID()
        let number: Int32 = ["TERM": SIGTERM, "HUP": SIGHUP, "SEGV": SIGSEGV][signal]!
        #expect(kill(pid, number) == 0)
        let end = try tmux.waitFor("STTY-END")
        #expect(end.contains("EXITED rc=\(128 + number)"), "\(end)")
        #expect(!end.contains("-icanon") && !end.contains("-echo "), "\(end)")
        #expect(try tmux.paneFormat("#{cursor_flag}") == "1")
        #expect(try tmux.paneFormat("#{alternate_on}") == "0")
    }
}

import Foundation
import Testing

/// Issue 17: on a terminal the command line asks for the PIN with echo off (never on argv, never
/// on screen), restores the terminal afterwards, and asks for a new PIN twice.
@Suite(.serialized) struct CommandLineIdentityEndToEndTests {
    @Test func pinIsReadFromTheTerminalWithoutEcho() throws {
        let tmux = try TmuxSession(arguments: ["search", "张三丰", "--operator", "张敏"]) { db in
            try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        }
        try tmux.waitFor("张敏 的 PIN：")
        // While it waits, the process's argv holds no secret (what `ps` shows).
        let argv = try String(contentsOfFile: "/proc/\(try tmux.appPID())/cmdline", encoding: .utf8)
        #expect(!argv.contains("246810") && argv.contains("--operator"), "\(argv)")
        try tmux.type("246810")
        try tmux.press("Enter")
        let end = try tmux.waitFor("STTY-END")
        #expect(end.contains("没有找到匹配“张三丰”的申请人"), "\(end)")
        #expect(end.contains("EXITED rc=0"))
        #expect(!end.contains("246810"), "PIN 不得回显：\(end)")
        #expect(end.contains(" echo") && !end.contains("-echo"), "终端回显应已恢复：\(end)")
    }

    @Test func ctrlCAtThePINPromptRestoresEcho() throws {
        let tmux = try TmuxSession(arguments: ["case", "list", "--operator", "张敏"]) { db in
            try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        }
        try tmux.waitFor("张敏 的 PIN：")
        try tmux.type("24")
        try tmux.press("C-c")
        let end = try tmux.waitFor("STTY-END")
        #expect(end.contains("EXITED rc=130"), "\(end)")
        #expect(end.contains(" echo") && !end.contains("-echo"), "中断后终端回显应已恢复：\(end)")
    }

    @Test func aNewPINIsAskedTwiceAndAMismatchChangesNothing() throws {
        let tmux = try TmuxSession(arguments: ["user", "add", "--name", "李娜", "--role", "window_clerk", "--operator", "张敏",
                                               "--kdf-rounds", "1000"]) { db in
            try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        }
        try tmux.waitFor("张敏 的 PIN：")
        try tmux.type("246810")
        try tmux.press("Enter")
        try tmux.waitFor("李娜 的新 PIN：")
        try tmux.type("482615")
        try tmux.press("Enter")
        try tmux.waitFor("再输入一次新 PIN：")
        try tmux.type("482616")
        try tmux.press("Enter")
        let end = try tmux.waitFor("STTY-END")
        #expect(end.contains("两次输入不一致") && end.contains("EXITED rc=2"), "\(end)")
        #expect(!end.contains("482615") && !end.contains("246810"), "\(end)")
        let list = try runFayuan(as: "张敏", pin: "246810", ["user", "list", "--db", tmux.storePath])
        #expect(list.status == 0 && !list.stdout.contains("李娜"), "\(list.stdout)\(list.stderr)")
    }

    @Test func aKeymapThatUnbindsQuitIsRefusedWithFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-keymap-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("我的键位.toml").path
        try "# 去掉退出键\n[app]\nquit = []\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try runFayuan(["--keymap", file, "--db", dir.appendingPathComponent("k.db").path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(file):3: 不能解除 app.quit（退出）的按键绑定"), "\(r.stderr)")
    }
}

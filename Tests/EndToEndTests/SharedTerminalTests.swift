import Foundation
import Testing

/// The shared-terminal issue's acceptance checks: first run, login, lock and hand-over, lockout.
@Suite(.serialized) struct SharedTerminalTests {
    @Test func newStoreAsksForTheAdministratorFirst() throws {
        let tmux = try TmuxSession(arguments: [], width: 80, height: 24)
        try tmux.waitFor("首次使用：设置管理员")
        try tmux.type("王建国")
        try tmux.press("Tab")
        try tmux.type("135790")
        try tmux.press("Tab")
        try tmux.type("135791")          // mismatch first
        try tmux.press("Enter")
        try tmux.waitFor("两次输入的 PIN 不一致")
        try tmux.type("135790")
        try tmux.press("Enter")
        // Then the centre (issue 16): here the demo region's stations, the quickest way home.
        try tmux.waitFor("首次使用：设置本中心")
        try tmux.press("Down", "Enter")
        try tmux.waitFor("✓ 本中心已设置：泽州县公共法律服务中心")
        try tmux.press("Enter")
        let home = try tmux.waitFor("请选择要办理的事项")
        #expect(home.contains("王建国（管理员）"))
        let users = try runFayuan(as: "王建国", pin: "135790", ["user", "list", "--db", tmux.storePath])
        #expect(users.status == 0)
        #expect(users.stdout.contains("\"name\" : \"王建国\""), "\(users.stdout)")
        #expect(users.stdout.contains("\"role\" : \"admin\""))
        #expect(!users.stdout.contains("135790"), "PIN 不得以明文出现")
    }

    @Test func lockAndHandOverWithoutSeeingTheOthersWork() throws {
        let tmux = try TmuxSession.loggedIn(name: "李娜", role: "window_clerk", pin: "482615") { db in
            try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        }
        // 李娜 opens a screen, then locks the terminal.
        try tmux.type("9")
        try tmux.waitFor("法援键位表")
        try tmux.press("F12")
        let locked = try tmux.waitFor("本终端已由 李娜 锁定")
        #expect(!locked.contains("法援键位表"), "锁屏后不能看到原画面：\(locked)")
        // 张敏 picks herself from the list (type-to-filter) and logs in.
        try tmux.handOver(typing: "张", shown: "张敏（管理员）", pin: "246810")
        let hers = try tmux.waitFor("张敏（管理员）已登录")
        #expect(hers.contains("请选择要办理的事项"))
        #expect(!hers.contains("法援键位表"), "新操作员不应看到上一位的画面")
        // She locks; 李娜 unlocks and finds her screen as she left it.
        try tmux.press("F12")
        try tmux.waitFor("本终端已由 张敏 锁定")
        try tmux.handOver(typing: "李", shown: "李娜（窗口工作人员）", pin: "482615")
        let back = try tmux.waitFor("李娜（窗口工作人员）已解锁")
        #expect(back.contains("法援键位表"), "\(back)")
        let audit = try runFayuan(["audit", "verify", "--db", tmux.storePath])
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    @Test func fiveWrongPINsLockTheOperator() throws {
        let tmux = try TmuxSession(arguments: [], width: 80, height: 24) { db in
            try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
            try addOperator(db: db, name: "王建国", role: "admin", pin: "135790")
        }
        try tmux.waitFor("输入 PIN")
        try tmux.press("Tab")
        for attempt in 1...4 {
            try tmux.type("111111")
            try tmux.press("Enter")
            try tmux.waitFor("还可再试 \(5 - attempt) 次")
        }
        try tmux.type("111111")
        try tmux.press("Enter")
        try tmux.waitFor("错误次数过多，该操作员已锁定")
        // Even the right PIN is refused while locked.
        try tmux.type("246810")
        try tmux.press("Enter")
        try tmux.waitUntil("锁定中仍拒绝正确 PIN") { $0.contains("已锁定至") && !$0.contains("已登录") }
        // Another administrator's reset at the command line lifts the lock (their PIN, then the
        // new one, on standard input).
        let reset = try runFayuan(as: "王建国", pin: "135790", ["user", "reset-pin", "张敏", "--db", tmux.storePath, "--kdf-rounds", "1000"],
                                  moreStdin: "975318\n")
        #expect(reset.status == 0, "\(reset.stderr)")
        try tmux.type("975318")
        try tmux.press("Enter")
        try tmux.waitFor("张敏（管理员）已登录")
    }
}

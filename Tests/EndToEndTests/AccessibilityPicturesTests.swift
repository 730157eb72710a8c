import Foundation
import Testing

/// The screens docs/accessibility.md shows, in the real binary in tmux, with the checks the
/// pictures illustrate. With FAYUAN_PICTURES=DIR each screen is also saved as DIR/NAME.ansi
/// (tmux capture-pane -e) for scripts/accessibility-pictures.sh to turn into PNGs.
@Suite(.serialized) struct AccessibilityPicturesTests {
    static let blocks = Set<Character>("▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")

    static func save(_ tmux: TmuxSession, _ name: String) throws {
        guard let dir = ProcessInfo.processInfo.environment["FAYUAN_PICTURES"], !dir.isEmpty else { return }
        let r = try spawn(["tmux", "-L", tmux.socket, "-f", "/dev/null", "capture-pane", "-p", "-e", "-t", tmux.session])
        try r.stdout.write(toFile: dir + "/" + name + ".ansi", atomically: true, encoding: .utf8)
    }

    /// Rows of the first run of rows holding block-character ink: the current number's glyphs.
    static func firstInkRun(_ screen: String) -> Int {
        var run = 0, started = false
        for line in screen.components(separatedBy: "\n") {
            let ink = line.contains { blocks.contains($0) }
            if ink { run += 1; started = true } else if started { break }
        }
        return run
    }

    @Test func hallDisplayAt40x12And120x40And200x60() throws {
        let queue = QueueEndToEndTests()
        let (dir, db) = try queue.makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        for _ in 0..<4 { _ = try queue.issue(db, "consultation") }
        // A001 called and served at window 1, A002 called at window 2, then window 1 calls A003
        // (A001 done: a recent call). Two windows are calling at once.
        for step in [["call", "--window", "1"], ["serve", "--window", "1"], ["call", "--window", "2"], ["call", "--window", "1"]] {
            let r = try runFayuan(as: "王丽", pin: "246810", ["queue", step[0], "--db", db, "--station", QueueEndToEndTests.station] + step.dropFirst())
            #expect(r.status == 0, "\(step) \(r.stderr)")
        }
        let display = try TmuxSession(arguments: ["display", "--station", QueueEndToEndTests.station], width: 40, height: 12,
                                      environment: ["FAYUAN_DB": db])
        var screen = try display.waitFor("同时叫号：A002→2号窗口")
        #expect(screen.contains("等候人数：1 人") && !screen.contains("显示区域太小"), "\(screen)")
        try Self.save(display, "hall-40x12")
        for (width, height) in [(120, 40), (200, 60)] {
            try display.resize(width: width, height: height)
            screen = try display.waitUntil("\(width)×\(height) 画面") { s in
                s.components(separatedBy: "\n").first.map { $0.displayWidthForTest >= width - 1 } ?? false
                    && Self.firstInkRun(s) >= height * 2 / 5
            }
            let rows = Self.firstInkRun(screen)
            print("hall display \(width)×\(height): number glyphs \(rows) rows = \(rows * 100 / height)% of the height")
            #expect(rows * 10 >= height * 4, "\(width)×\(height): \(rows) rows")
            #expect(screen.contains("请 A003 号到 1 号窗口"), "the sentence, also as text")
            try Self.save(display, "hall-\(width)x\(height)")
        }
    }

    @Test func largeModeFormReadBackAndQueueWindowAt80x24And48x14And40x12() throws {
        let tmux = try IntakeEndToEndTests.clerk()
        try tmux.press("F11")
        try tmux.waitFor("请按数字选择：")
        try tmux.type("3")
        try tmux.waitFor("第①步 申请人")
        try tmux.type("王小明")
        try tmux.waitFor("王小明")
        let sizes = [(80, 24), (48, 14), (40, 12)]
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            let form = try tmux.waitUntil("申请表 \(width)×\(height)") { $0.contains("第①步 申请人") && $0.contains("王小明")
                && $0.components(separatedBy: "\n").count >= height }
            #expect(!form.contains("窗口太小"), "\(width)×\(height)\n\(form)")
            try Self.save(tmux, "form-large-\(width)x\(height)")
        }
        try tmux.resize(width: 80, height: 24)
        try tmux.press("F7")
        try tmux.waitFor("请核对您的姓名")
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            let page = try tmux.waitUntil("给群众看 \(width)×\(height)") { s in
                s.contains("请核对您的姓名") && s.filter { Self.blocks.contains($0) }.count > 20
            }
            #expect(!page.contains("显示区域太小"), "\(width)×\(height)\n\(page)")
            try Self.save(tmux, "readback-\(width)x\(height)")
        }
    }

    @Test func largeModeQueueWindowAt80x24And48x14And40x12() throws {
        let tmux = try IntakeEndToEndTests.clerk()
        for (service, reason) in [("consultation", nil), ("application", nil), ("consultation", "elderly"), ("consultation", nil)] as [(String, String?)] {
            var args = ["queue", "issue", "--db", tmux.storePath, "--station", QueueEndToEndTests.station, "--service", service]
            if let reason { args += ["--priority-reason", reason] }
            let r = try runFayuan(as: "王丽", pin: "246810", args)
            #expect(r.status == 0, "\(r.stderr)")
        }
        try tmux.press("F11")
        try tmux.waitFor("请按数字选择：")
        try tmux.type("1")
        try tmux.waitFor("本窗口现在没有号码")
        try tmux.press("F3")
        try tmux.waitFor("【已叫号】")
        for (width, height) in [(80, 24), (48, 14), (40, 12)] {
            try tmux.resize(width: width, height: height)
            let screen = try tmux.waitUntil("叫号窗口 \(width)×\(height)") {
                $0.contains("【已叫号】") && $0.contains("A001 咨询") && $0.components(separatedBy: "\n").count >= height
                    && ($0.components(separatedBy: "\n").first?.displayWidthForTest ?? 0) <= width
            }
            #expect(!screen.contains("窗口太小") && Self.firstInkRun(screen) >= 2, "\(width)×\(height)\n\(screen)")
            try Self.save(tmux, "queue-large-\(width)x\(height)")
        }
    }

    /// The other large layouts at 48×14: ticket issue, consultation (with the duplicate
    /// warning), case board and case, roster (today's duty), reports.
    @Test func largeLayoutsAt48x14() throws {
        let clerk = try IntakeEndToEndTests.clerk()
        let db = clerk.storePath
        try IntakeEndToEndTests.registerSunXiulan(db)
        try clerk.resize(width: 48, height: 14)
        try clerk.press("F11")
        try clerk.waitFor("请按数字选择：")
        try clerk.type("1")
        try clerk.waitFor("本窗口现在没有号码")
        try clerk.type("n")
        try clerk.waitFor("① 业务类型")
        try clerk.press("Tab", "Down", "F2")
        let ticket = try clerk.waitUntil("取号") { $0.contains("已取号：") && $0.contains("前面还有") }
        #expect(Self.firstInkRun(ticket) >= 2, "\(ticket)")
        try Self.save(clerk, "large-ticket-48x14")
        // Two Esc keys in one burst read as Alt-Esc: one at a time.
        try clerk.press("Escape")
        try clerk.waitFor("本窗口现在没有号码")
        try clerk.press("Escape")
        try clerk.waitFor("请按数字选择：")
        try clerk.type("2")
        try clerk.waitFor("来访人：")
        try clerk.type("孙秀兰")
        let consult = try clerk.waitFor("⚠ 已登记 1 人")
        #expect(consult.contains("1101"), "the registered person, masked\n\(consult)")
        try Self.save(clerk, "large-consultation-48x14")

        let reviewer = try TmuxSession.loggedIn(name: "赵审查", role: "reviewer", pin: "135790") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "300", "--cases", "2000", "--seed", "11"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
        }
        try reviewer.press("F11")
        try reviewer.waitFor("请按数字选择：")
        try reviewer.resize(width: 48, height: 14)
        try reviewer.type("4")
        try reviewer.waitUntil("看板") { $0.contains("✗ 超期") && $0.contains("▶ ") }
        try Self.save(reviewer, "large-board-48x14")
        try reviewer.press("Enter")
        try reviewer.waitUntil("案件") { $0.contains("〔") && $0.contains("✗") && Self.firstInkRun($0) >= 2 }
        try Self.save(reviewer, "large-case-48x14")
        try reviewer.press("Escape")
        try reviewer.waitFor("筛选（Tab）")
        try reviewer.press("Escape")
        try reviewer.waitFor("请按数字选择：")
        try reviewer.type("5")
        try reviewer.waitFor("◀ ")
        // This month is generated if the seed left it empty, so today's duty shows.
        if (try? reviewer.waitFor("本月尚未排班", timeout: 2)) != nil {
            try reviewer.press("F3")
            try reviewer.waitFor("请确认")
            try reviewer.type("y")
        }
        try reviewer.waitUntil("值班") { $0.contains("今日值班") || $0.contains("今日本站无人值班") }
        try Self.save(reviewer, "large-roster-48x14")
        try reviewer.press("Escape")
        try reviewer.waitFor("请按数字选择：")
        try reviewer.type("6")
        try reviewer.waitUntil("报表") { $0.contains("◀ ") && Self.firstInkRun($0) >= 2 }
        try Self.save(reviewer, "large-reports-48x14")
    }
}

private extension String {
    /// Display columns (CJK counts two), for telling whether a resize has reached the screen.
    var displayWidthForTest: Int {
        unicodeScalars.reduce(0) { w, s in
            w + ((0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value)
                 || (0xF900...0xFAFF).contains(s.value) || (0xFF00...0xFF60).contains(s.value) ? 2 : 1)
        }
    }
}

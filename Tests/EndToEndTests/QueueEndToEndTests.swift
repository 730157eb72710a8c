import Foundation
import Testing

/// The queue issue's acceptance check: one store, two window consoles and one hall display in
/// tmux. Tickets issued with the CLI are called by both windows without duplicates, priority
/// first; the display shows each call (latency measured and printed); recall and no-show work.
@Suite(.serialized) struct QueueEndToEndTests {
    static let station = "140525000"

    /// A store with a window clerk and the county centre (imported as CSV, as a site would).
    func makeStore() throws -> (dir: URL, db: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-queue-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("排队.db").path
        try addOperator(db: db, name: "王丽", role: "window_clerk", pin: "246810")
        let csv = dir.appendingPathComponent("station.csv").path
        try "code,name,kind,created_at\n\(Self.station),泽州县公共法律服务中心,county_centre,2026-01-01T00:00:00.000Z\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try runFayuanAsAdmin(db: db, ["import", "--db", db, "station", csv])
        guard imported.status == 0 else { throw TmuxSession.Failure(description: "导入站点失败：\(imported.stderr)") }
        return (dir, db)
    }

    func issue(_ db: String, _ service: String, reason: String? = nil) throws -> String {
        var args = ["queue", "issue", "--db", db, "--station", Self.station, "--service", service]
        if let reason { args += ["--priority-reason", reason] }
        let run = try runFayuan(as: "王丽", pin: "246810", args)
        #expect(run.status == 0, "取号失败：\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return ((json?["ticket"] as? [String: Any])?["code"] as? String) ?? ""
    }

    /// Opens the queue screen of a window console already logged in.
    func openQueue(_ tmux: TmuxSession, window: String) throws {
        try tmux.type("1")
        try tmux.waitFor("排队叫号 · \(window)号窗口")
        try tmux.waitFor("本终端：\(window)号窗口")
    }

    /// Presses call-next and returns the code the window says it called.
    func callNext(_ tmux: TmuxSession) throws -> String {
        // The status line keeps the last message until the next one: wait for a different code
        // (the same code twice would be the duplicate this test looks for, and times out).
        let before = Self.calledCode(in: try tmux.screen())
        try tmux.press("F3")
        let screen = try tmux.waitUntil("叫号结果") { screen in
            let code = Self.calledCode(in: screen)
            return (code != nil && code != before) || screen.contains("没有等候的号码")
        }
        return screen.contains("没有等候的号码") ? "" : Self.calledCode(in: screen) ?? ""
    }

    static func calledCode(in screen: String) -> String? {
        guard let range = screen.range(of: #"已叫 [A-E][0-9]{3}"#, options: .regularExpression) else { return nil }
        return String(screen[range].suffix(4))
    }

    /// Waits for the display to show `text`; returns the seconds it took from `start`.
    func displayLatency(_ display: TmuxSession, _ text: String, since start: Date) throws -> Double {
        try display.waitFor(text, timeout: 5)
        return Date().timeIntervalSince(start)
    }

    @Test func twoWindowsAndHallDisplayOnOneStore() throws {
        let (dir, db) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["FAYUAN_DB": db]
        let display = try TmuxSession(arguments: ["display", "--station", Self.station], width: 80, height: 24, environment: env)
        try display.waitFor("请取号等候叫号")
        var w1env = env, w2env = env
        w1env["FAYUAN_WINDOW"] = "1"
        w2env["FAYUAN_WINDOW"] = "2"
        let w1 = try TmuxSession(arguments: [], environment: w1env)
        try w1.logIn(name: "王丽", pin: "246810")
        let w2 = try TmuxSession(arguments: [], environment: w2env)
        try w2.logIn(name: "王丽", pin: "246810")
        try openQueue(w1, window: "1")
        try openQueue(w2, window: "2")

        // Issued at the reception desk (CLI): four normal tickets and one for an elderly person.
        let issued = try ["consultation", "consultation", "application", "consultation"].map { try issue(db, $0) }
            + [try issue(db, "consultation", reason: "elderly")]
        #expect(issued == ["A001", "A002", "B001", "A003", "A004"])   // a series per letter
        try display.waitFor("等候人数：5 人")
        try w1.waitFor("等候 5 人（优先 1 人）")

        var latencies: [Double] = []
        // Window 1 calls first: the priority ticket, though issued last.
        var start = Date()
        let first = try callNext(w1)
        #expect(first == "A004", "优先号应先叫")
        latencies.append(try displayLatency(display, "请 A004 号到 1 号窗口", since: start))
        #expect(try display.screen().contains("★优先"))

        // Window 2 calls the oldest normal ticket.
        start = Date()
        let second = try callNext(w2)
        #expect(second == "A001")
        latencies.append(try displayLatency(display, "请 A001 号到 2 号窗口", since: start))

        // Recall at window 1: the display shows the call again.
        start = Date()
        try w1.press("F4")
        try w1.waitFor("已重呼 A004（第 1 次）")
        latencies.append(try displayLatency(display, "请 A004 号到 1 号窗口（重呼）", since: start))

        // No-show at window 2 (asks first).
        try w2.press("F6")
        try w2.waitFor("确定将 A001 记为未到吗？")
        try w2.type("y")            // the dialog's default answer is 否
        try w2.waitFor("A001 已记为未到")

        // Both windows call at the same moment, then call until the queue is empty.
        try w1.press("F3")
        try w2.press("F3")
        let s1 = try w1.waitUntil("窗口1叫号") { Self.calledCode(in: $0).map { $0 != "A004" } ?? false }
        let s2 = try w2.waitUntil("窗口2叫号") { Self.calledCode(in: $0).map { $0 != "A001" } ?? false }
        var called = [first, second, Self.calledCode(in: s1)!, Self.calledCode(in: s2)!]
        for _ in 0..<3 {
            for window in [w1, w2] {
                let code = try callNext(window)
                if !code.isEmpty { called.append(code) }
            }
        }
        let distinct = Set(called)
        #expect(called.count == distinct.count, "重复叫号：\(called)")
        #expect(distinct == Set(issued), "叫到的号码：\(called)")
        try w1.waitFor("没有等候的号码")
        try display.waitFor("等候人数：0 人")

        // The store agrees: every ticket called once, A001 a no-show.
        let list = try runFayuan(as: "王丽", pin: "246810", ["queue", "list", "--db", db, "--station", Self.station])
        let json = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
        let tickets = (json?["tickets"] as? [[String: Any]]) ?? []
        #expect(tickets.count == 5)
        #expect(tickets.first { $0["code"] as? String == "A001" }?["status"] as? String == "no_show")
        #expect(tickets.allSatisfy { $0["calledAt"] is String }, "\(tickets)")

        let figures = latencies.map { String(format: "%.0f ms", $0 * 1000) }.joined(separator: ", ")
        print("叫号到大厅屏显示的时间（按键到画面，含 tmux 轮询）：\(figures)")
        #expect(latencies.allSatisfy { $0 < 2 }, "显示延迟：\(figures)")

        // The display quits cleanly on F10 and leaves the terminal usable.
        try display.press("F10")
        let end = try display.waitFor("STTY-END")
        #expect(end.contains("EXITED rc=0"))
        #expect(end.contains("icanon") && !end.contains("-icanon"), "\(end)")
    }

    @Test func displayRefusesUnknownStationAndQuitsOnSIGTERM() throws {
        let (dir, db) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = try runFayuan(["display", "--db", db, "--station", "999999"])
        #expect(unknown.status == 2 && unknown.stderr.contains("找不到站点：999999"), "\(unknown)")
        let display = try TmuxSession(arguments: ["display", "--station", Self.station], environment: ["FAYUAN_DB": db])
        try display.waitFor("请取号等候叫号")
        kill(try display.appPID(), SIGTERM)
        let end = try display.waitFor("STTY-END")
        #expect(end.contains("EXITED rc=143"), "\(end)")
        #expect(end.contains("icanon") && !end.contains("-icanon"), "\(end)")
    }

    @Test func cliReportsBadInputWithExitCodes() throws {
        let (dir, db) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let badService = try runFayuan(as: "王丽", pin: "246810", ["queue", "issue", "--db", db, "--station", Self.station, "--service", "lunch"])
        #expect(badService.status == 2 && badService.stderr.contains("service"), "\(badService)")
        let badReason = try runFayuan(as: "王丽", pin: "246810", ["queue", "issue", "--db", db, "--station", Self.station, "--service", "pickup", "--priority-reason", "vip"])
        #expect(badReason.status == 2 && badReason.stderr.contains("priority-reason"), "\(badReason)")
        let empty = try runFayuan(as: "王丽", pin: "246810", ["queue", "call", "--db", db, "--station", Self.station, "--window", "2"])
        #expect(empty.status == 1 && empty.stdout.contains("\"ticket\" : null"), "\(empty)")
        _ = try issue(db, "pickup", reason: "pregnant")
        let call = try runFayuan(as: "王丽", pin: "246810", ["queue", "call", "--db", db, "--station", Self.station, "--window", "2"])
        #expect(call.status == 0 && call.stdout.contains("\"code\" : \"E001\""), "\(call)")
        let finish = try runFayuan(as: "王丽", pin: "246810", ["queue", "finish", "--db", db, "--station", Self.station, "--window", "2"])
        #expect(finish.status == 0 && finish.stdout.contains("\"status\" : \"done\""), "\(finish)")
        let stats = try runFayuan(as: "王丽", pin: "246810", ["queue", "stats", "--db", db, "--station", Self.station])
        #expect(stats.status == 0 && stats.stdout.contains("\"served\" : 1"), "\(stats)")
    }
}

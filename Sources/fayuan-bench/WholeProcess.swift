import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// Whole `fayuan` processes, each timed from spawn to exit (median of `runs` after one warm-up),
/// beside the `sqlite3` CLI doing the same indexed look-up on the same file: the floor a command
/// that starts a process, opens the store and answers one question cannot go much below.
extension Bench {
    func wholeProcess(_ p: PreparedStore) throws -> [Figure] {
        note("整进程：fayuan --version、search、case show、queue call 对照 sqlite3；终端首屏……")
        var figures: [Figure] = []
        let sqlite = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if sqlite == nil { note("没有 sqlite3 命令行（apt-get install sqlite3）：不比较 sqlite3 下限") }

        func timed(_ argv: [String], token: String? = nil) throws -> [Double] {
            let env = token.map { ["FAYUAN_TOKEN": $0] } ?? [:]
            let warm = try Spawn.run(argv, environment: env, stderr: .file("/tmp/fayuan-bench-\(getpid()).err"))
            if warm.status != 0 {
                let message = (try? String(contentsOfFile: "/tmp/fayuan-bench-\(getpid()).err", encoding: .utf8)) ?? ""
                note("注意：\(argv.joined(separator: " ")) 退出码 \(warm.status)：\(message)")
            }
            var times: [Double] = []
            for _ in 0..<runCount { times.append(try Spawn.run(argv, environment: env).ms) }
            unlink("/tmp/fayuan-bench-\(getpid()).err")
            return times
        }
        func add(_ name: String, _ label: String, _ times: [Double], floor: (String, [Double])? = nil) {
            figures.append(summary(name, label, times))
            guard let floor else { return }
            figures.append(summary(name + "_sqlite3", "　对照：sqlite3 命令行 " + floor.0, floor.1))
            let ours = Self.percentile(times.sorted(), 0.5) ?? 0, theirs = Self.percentile(floor.1.sorted(), 0.5) ?? 1
            figures.append(Figure(name: name + "_over_sqlite3", label: "　中位数之比（目标 ≤ 2×）", unit: "×", value: ours / max(theirs, 0.001)))
        }

        add("process_version_ms", "整进程：fayuan --version", try timed([fayuanBinary, "--version"]))

        let id = p.sampleIDNumber
        add("process_search_id_ms", "整进程：fayuan search 完整证件号（核验并记审计）",
            try timed([fayuanBinary, "search", id, "--db", p.path], token: p.adminToken),
            floor: try sqlite.map { ("按证件号索引查一人", try timed([$0, p.path, "SELECT id, name FROM applicant WHERE id_number = '\(id)';"])) })

        let caseID = p.sampleCaseID
        add("process_case_show_ms", "整进程：fayuan case show（详情与时间线）",
            try timed([fayuanBinary, "case", "show", String(caseID), "--db", p.path], token: p.adminToken),
            floor: try sqlite.map { ("按主键查案件与时间线", try timed([$0, p.path,
                "SELECT * FROM aid_case WHERE id = \(caseID); SELECT * FROM case_event WHERE case_id = \(caseID) ORDER BY at;"])) })

        // Tickets to call: issued in a day of their own, one per run plus the warm-up.
        let day = "2031-06-04"
        do {
            let store = try CaseStore.open(StoreLocation(path: p.path))
            for _ in 0...(runCount + 1) { _ = try store.issueTicket(station: p.station, service: QueueService.all[0], priorityReason: nil, on: day) }
            try store.close()
        }
        let stationID = p.station.id ?? 0
        add("process_queue_call_ms", "整进程：fayuan queue call（叫下一位，写库）",
            try timed([fayuanBinary, "queue", "call", "--station", p.station.code, "--window", "7", "--day", day, "--db", p.path],
                      token: p.clerkToken),
            floor: try sqlite.map { ("查下一位等候的号", try timed([$0, p.path,
                "SELECT id FROM queue_ticket WHERE station_id = \(stationID) AND day = '\(day)' AND status IN ('waiting', 'skipped') ORDER BY seq LIMIT 1;"])) })

        var firstScreen: [Double] = []
        for i in 0...min(runCount, 11) {
            let t = try consoleFirstScreen(path: p.path)
            if i > 0 { firstScreen.append(t) }
        }
        figures.append(summary("console_first_screen_ms", "整进程：终端界面启动到首屏（pty，80×24，目标 < 50 ms）", firstScreen))
        return figures
    }

    /// `fayuan --db PATH` on a new pseudo-terminal: milliseconds from spawn until the login screen's
    /// title has been written to the terminal. The process is then ended (SIGTERM).
    func consoleFirstScreen(path: String) throws -> Double {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw ValidationError("openpty 失败：errno \(errno)") }
        defer { close(master) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        posix_spawn_file_actions_addclose(&actions, master)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, 0x80)  // POSIX_SPAWN_SETSID (glibc; not exported to Swift): a session of its own
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        let argv = [fayuanBinary, "--db", path]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, &cArgs, &cEnv)
        close(slave)
        guard rc == 0 else { throw ValidationError("无法启动 fayuan：errno \(rc)") }
        defer {
            kill(pid, SIGTERM)
            // Drain so the child is not blocked writing, then reap it.
            var buffer = [UInt8](repeating: 0, count: 4096)
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            while poll(&pfd, 1, 200) > 0, read(master, &buffer, buffer.count) > 0 {}
            _ = Spawn.wait(pid)
        }
        let wanted = Array("登录".utf8)
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = clock.now + .seconds(20)
        while clock.now < deadline {
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 100) >= 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                seen += buffer[0..<n]
                if seen.count >= wanted.count, (0...(seen.count - wanted.count)).contains(where: { seen[$0..<($0 + wanted.count)].elementsEqual(wanted) }) {
                    return ms(clock.now - start)
                }
            } else if n < 0 && errno != EAGAIN && errno != EINTR {
                break
            }
        }
        throw ValidationError("终端界面 20 秒内没有显示登录画面（收到 \(seen.count) 字节）")
    }
}

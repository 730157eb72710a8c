import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// Several windows at once: `windows` console processes on one store, each a clerk typing
/// applications at a clerk's pace (the key loop of the console: handle, hand over finished
/// background work, draw; drafts through the per-terminal journal) and saving (F2 暂存), plus
/// `ticketProcesses` processes issuing and calling tickets, for `loadSeconds`. Each worker is this
/// program again (`--worker window|tickets`) with its own store connection, as each console is.
/// Afterwards the store is counted: every ticket issued and every call made is there, and every
/// window's draft reached it.
extension Bench {
    struct WorkerReport: Codable {
        var keys: [Double] = []
        var saves: [Double] = []
        var issues: [Double] = []
        var calls: [Double] = []
        var issued = 0
        var called = 0
        var errors: [String] = []
    }

    func loadTest(_ p: PreparedStore) throws -> [Figure] {
        note("负载测试：\(windows) 个窗口进程（每 \(Int(keyInterval)) ms 左右一键，每 40 键 F2 暂存）+ \(ticketProcesses) 个取号叫号进程（每 0.5 秒左右取一号叫一号），同一案件库，\(Int(loadDuration)) 秒……")
        let work = dir + "/load-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let day = "2031-06-03"
        // All start together: the deadline is absolute (after every worker has had time to start).
        let until = Date().timeIntervalSince1970 + 5 + loadDuration
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
        var workers: [(pid: pid_t, out: String, err: String)] = []
        for (i, op) in p.windowOperators.prefix(windows).enumerated() {
            let station = p.stations.first { $0.id == op.stationID } ?? p.station
            let out = work + "/window-\(i).json", err = work + "/window-\(i).err"
            workers.append((try Spawn.start([me, "--db", p.path, "--worker", "window", "--worker-index", String(i),
                                             "--worker-operator", String(op.id ?? 0), "--worker-station", station.code,
                                             "--worker-until", String(until), "--key-interval", String(keyInterval), "--dir", work],
                                            stdout: out, stderr: err), out, err))
        }
        for i in 0..<ticketProcesses {
            let out = work + "/tickets-\(i).json", err = work + "/tickets-\(i).err"
            workers.append((try Spawn.start([me, "--db", p.path, "--worker", "tickets", "--worker-index", String(i),
                                             "--worker-station", p.station.code, "--worker-day", day,
                                             "--worker-until", String(until), "--dir", work],
                                            stdout: out, stderr: err), out, err))
        }
        var reports: [WorkerReport] = []
        var failures: [String] = []
        for w in workers {
            let status = Spawn.wait(w.pid)
            if status != 0 {
                failures.append("进程退出码 \(status)：" + ((try? String(contentsOfFile: w.err, encoding: .utf8)) ?? "").suffix(300))
                continue
            }
            guard let data = FileManager.default.contents(atPath: w.out), let report = try? JSONDecoder().decode(WorkerReport.self, from: data) else {
                failures.append("没有读到结果：\(w.out)")
                continue
            }
            reports.append(report)
        }
        let keys = reports.flatMap(\.keys), saves = reports.flatMap(\.saves)
        let issues = reports.flatMap(\.issues), calls = reports.flatMap(\.calls)
        let issued = reports.reduce(0) { $0 + $1.issued }, called = reports.reduce(0) { $0 + $1.called }
        let errors = reports.flatMap(\.errors) + failures
        for e in errors.prefix(10) { note("负载测试错误：\(e)") }

        // Nothing lost: count what the store has against what the workers say they did.
        let store = try CaseStore.open(StoreLocation(path: p.path))
        defer { try? store.close() }
        let stored = try store.queueTickets(station: p.station, on: day)
        let storedTickets = stored.count, storedCalls = stored.filter { $0.callSeq != nil }.count
        var missingDrafts = 0
        for op in p.windowOperators.prefix(windows) where try store.drafts(for: op.id ?? 0).isEmpty { missingDrafts += 1 }
        let lost = abs(storedTickets - issued) + abs(storedCalls - called) + missingDrafts
        if lost > 0 {
            note("负载测试：库中号码 \(storedTickets)（取号 \(issued)），已叫 \(storedCalls)（叫号 \(called)），缺草稿的窗口 \(missingDrafts)")
        }
        let busy = errors.filter { $0.contains("lock") || $0.contains("busy") || $0.contains("锁") || $0.contains("忙") }.count
        let prefix = "负载："
        return [
            summary("load_keystroke_ms", prefix + "按键（目标 p99 < 5 ms）", keys),
            summary("load_save_ms", prefix + "F2 暂存到写入完成（目标 p99 < 50 ms）", saves),
            summary("load_ticket_issue_ms", prefix + "取号", issues),
            summary("load_ticket_call_ms", prefix + "叫号", calls),
            Figure(name: "load_errors", label: prefix + "错误（目标 0）", unit: "个", value: Double(errors.count)),
            Figure(name: "load_busy_errors", label: prefix + "忙/锁错误", unit: "个", value: Double(busy)),
            Figure(name: "load_lost", label: prefix + "丢失：号码、叫号、草稿（目标 0）", unit: "个", value: Double(lost)),
            Figure(name: "load_tickets", label: prefix + "取号/叫号次数", unit: "次", value: Double(issued + called)),
        ]
    }

    func runWorker(_ kind: String) throws {
        var report = WorkerReport()
        let store = try CaseStore.open(StoreLocation(path: db ?? ""), channel: .console)
        let station = try store.station(code: workerStation)
        var rng = SplitMix64(seed: seed &+ UInt64(workerIndex) &* 7919)
        let clock = ContinuousClock()
        func pause(_ milliseconds: Double) {
            let jitter = Double.random(in: 0.5...1.5, using: &rng)
            usleep(useconds_t(max(0, milliseconds * jitter) * 1000))
        }
        switch kind {
        case "window":
            guard let op = try store.operators().first(where: { $0.id == workerOperator }) else {
                throw ValidationError("没有编号为 \(workerOperator) 的操作员")
            }
            let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
            let env = AppEnvironment(store: store, rules: try RuleLibrary.bundled())
            let session = Session(operatorRecord: op, station: station)
            let app = App(root: Console.homeScreen(session: session), keymap: keymap, environment: env, session: session)
            app.runEffectsInBackground(journalDirectory: dir + "/journal-\(workerIndex)")
            app.type("3")
            app.settle()
            var grid = GridCanvas(width: 80, height: 24)
            app.render(into: &grid)
            let script = KeyScript.parse(Self.applicationScript)
            let save = KeyScript.parse("<F2>")[0]
            // Wait for the common start, then type until the deadline.
            while Date().timeIntervalSince1970 < workerUntil - loadDuration { usleep(10_000) }
            var i = 0
            while Date().timeIntervalSince1970 < workerUntil {
                pause(keyInterval)
                let key = script[i % script.count]
                i += 1
                report.keys.append(ms(clock.measure {
                    app.handle(key)
                    app.deliverCompleted()
                    grid.reset()
                    app.render(into: &grid)
                }))
                if let status = app.status, status.severity == .error { report.errors.append(status.text) }
                if i % 40 == 0 {
                    // F2 暂存 every 40 keys: from the key until its store write has come back to the screen.
                    let start = clock.now
                    app.handle(save)
                    // Hand over whatever finishes (the key loop does) until nothing is pending:
                    // the save, and any search still running from the last keys (an upper bound).
                    while clock.now - start < .seconds(30) {
                        app.deliverCompleted()
                        if !app.hasPendingWork { break }
                        usleep(100)
                    }
                    grid.reset()
                    app.render(into: &grid)
                    report.saves.append(ms(clock.now - start))
                    if let status = app.status, status.severity == .error { report.errors.append(status.text) }
                }
            }
            app.settle(timeout: 60)
            app.shutDown(timeout: 10)
        case "tickets":
            let window = String(8 + workerIndex)
            while Date().timeIntervalSince1970 < workerUntil - loadDuration { usleep(10_000) }
            while Date().timeIntervalSince1970 < workerUntil {
                pause(500)
                do {
                    var start = clock.now
                    _ = try store.issueTicket(station: station, service: QueueService.all[0], priorityReason: nil, on: workerDay)
                    report.issues.append(ms(clock.now - start))
                    report.issued += 1
                    start = clock.now
                    let call = try store.callNextTicket(station: station, window: window, on: workerDay)
                    report.calls.append(ms(clock.now - start))
                    if call != nil { report.called += 1 }
                } catch {
                    report.errors.append("\(error)")
                }
            }
        default:
            throw ValidationError("--worker：window 或 tickets")
        }
        try store.close()
        FileHandle.standardOutput.write(try JSONEncoder().encode(report))
    }
}

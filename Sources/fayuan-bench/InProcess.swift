import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
@_spi(Benchmark) import FayuanStore
import Foundation
import TerminalKit

/// Figures measured inside this process: start-up work, store searches, keystrokes on the grid,
/// the queue window and the case board.
extension Bench {
    func inProcess(path db: String) throws -> [Figure] {
        var figures: [Figure] = []
        let clock = ContinuousClock()
        note("进程内：启动、检索、按键、排队、看板……")

        // Start-up: what the console does before its first frame.
        let startup = try clock.measure {
            let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
            let rules = try RuleLibrary.bundled()
            let store = try CaseStore.open(StoreLocation(path: db))
            let app = try Console.makeApp(keymap: keymap, theme: .standard, environment: AppEnvironment(store: store, rules: rules))
            var grid = GridCanvas(width: 80, height: 24)
            app.render(into: &grid)
        }
        figures.append(Figure(name: "startup_to_first_frame_ms", label: "进程内：键位+规则+开库+登录画面", unit: "ms", value: ms(startup)))

        var opens: [Double] = []
        for _ in 0..<5 {
            opens.append(ms(try clock.measure { _ = try CaseStore.open(StoreLocation(path: db)) }))
        }
        figures.append(summary("store_open_ms", "打开案件库", opens))

        let store = try CaseStore.open(StoreLocation(path: db))
        let found = try store.benchmarkSamples(count: queryCount, seed: seed)
        guard !found.isEmpty else { throw ValidationError("--db：案件库中没有申请人，请先运行 fayuan seed") }
        let samples: [(name: String, id: String?, phone: String?)] = found.map { ($0.name, $0.idNumber, $0.phone) }
        let kinds: [(String, String, ((name: String, id: String?, phone: String?)) -> String?)] = [
            ("search_name_substring", "姓名片段（2字）", { $0.name.count >= 2 ? String($0.name.suffix(2)) : nil }),
            ("search_name_full", "完整姓名", { $0.name }),
            ("search_pinyin_initials", "拼音首字母", { s in
                let initials = s.name.compactMap { PinyinTable.readings(of: $0).first?.first }
                return initials.count == s.name.count ? String(initials) : nil
            }),
            ("search_id_full", "完整证件号", { $0.id }),
            ("search_id_last6", "证件号后6位", { $0.id.map { String($0.suffix(6)) } }),
            ("search_phone_last4", "电话后4位", { $0.phone.map { String($0.suffix(4)) } }),
        ]
        for (name, label, make) in kinds {
            var times: [Double] = []
            for s in samples {
                guard let q = make(s) else { continue }
                times.append(ms(try clock.measure { _ = try store.searchApplicants(q, limit: 20) }))
            }
            figures.append(summary(name, "检索：" + label, times))
        }

        if naive, FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let q = samples.first.map { String($0.name.suffix(2)) } ?? "秀英"
            let indexed = ms(try clock.measure { _ = try store.searchApplicants(q, limit: 20) })
            let scan = try Spawn.run(["/usr/bin/sqlite3", db,
                                      "SELECT id, name FROM applicant WHERE name LIKE '%\(q)%' LIMIT 20 OFFSET 0; SELECT count(*) FROM applicant WHERE name LIKE '%\(q)%';"]).ms
            figures.append(Figure(name: "naive_like_scan_ms", label: "对照：sqlite3 全表 LIKE 扫描“\(q)”", unit: "ms", value: scan))
            figures.append(Figure(name: "naive_over_indexed_ratio", label: "全表扫描 / 索引检索 耗时比", unit: "×", value: scan / max(indexed, 0.001)))
        }

        figures += try keystrokes(store: store)
        figures += try keystrokesWhileOthersWrite(store: store, db: db)
        figures.append(try queueView(store: store))
        figures.append(try boardView(store: store))
        return figures
    }

    /// Update + draw on the grid backend per key, typing a legal-aid application (step ① with the
    /// applicant search as you type against the whole store, then ② and ③) and the Rules screen's
    /// scenario form, which re-screens on every key. Chinese included.
    func keystrokes(store: CaseStore) throws -> [Figure] {
        let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
        let env = AppEnvironment(store: store, rules: try RuleLibrary.bundled())
        let clerk = try store.operators().first { $0.role == .windowClerk } ?? Operator(id: 1, name: "基准测试", role: .windowClerk)
        let station = try store.stations().first { $0.id == clerk.stationID } ?? store.stations().first
        let session = Session(operatorRecord: clerk, station: station)
        let scripts: [(String, String, String, String)] = [
            ("keystroke_application_ms", "按键处理+绘制：援助申请表（含边输边查全库）", "3", Self.applicationScript),
            ("keystroke_rules_form_ms", "按键处理+绘制：规则试算表单（每键重新审查）", "7<F5>",
             "<Tab><Tab>1949-12-31<Tab>女<Tab>民<Tab>劳动<Tab><Tab><Tab><Tab><Tab>2300<Tab>承诺<Tab>5<Tab>否<Tab><Shift-Tab><Shift-Tab>"),
        ]
        var figures: [Figure] = []
        let clock = ContinuousClock()
        for (name, label, open, text) in scripts {
            let app = App(root: Console.homeScreen(session: session), keymap: keymap, environment: env, session: session)
            app.type(open)
            var grid = GridCanvas(width: 80, height: 24)
            app.render(into: &grid)
            let script = KeyScript.parse(text)
            var times: [Double] = []
            times.reserveCapacity(keyCount)
            var i = 0
            while times.count < keyCount {
                let key = script[i % script.count]
                i += 1
                times.append(ms(clock.measure {
                    app.handle(key)
                    grid.reset()
                    app.render(into: &grid)
                }))
            }
            figures.append(summary(name, label, times))
        }
        return figures
    }

    /// A legal-aid application typed at the window: step ① with the search as you type, ② and ③.
    static let applicationScript = "张三丰<Backspace><Backspace><Backspace>王秀英<Tab>11010519491231002X<Tab><Tab>1949-12-31<Tab>13812345678<Tab>山西省晋城市泽州县巴公镇<Alt-2>民<Tab>劳动<Tab>晋城某建筑公司<Tab><Tab>拖欠工资三个月<Alt-3>3<Tab>2300<Tab>承诺<Alt-1><Ctrl-U>"

    /// The application form typed as on a real terminal (effects off the key loop, drafts through
    /// the journal) while `writers` other processes write the same store: issuing tickets,
    /// recording consultations and saving drafts in a loop, each holding the write lock in turn.
    /// Per key: handle, hand over finished background work, draw — what the key loop does.
    func keystrokesWhileOthersWrite(store: CaseStore, db: String) throws -> [Figure] {
        guard writers > 0 else { return [] }
        var pids: [pid_t] = []
        defer {
            for pid in pids { kill(pid, SIGTERM); _ = Spawn.wait(pid) }
        }
        for worker in 0..<writers {
            pids.append(try Spawn.start([fayuanBinary, "_stress-writer", "--db", db, "--seconds", "600", "--worker", String(worker + 100)],
                                        stdout: "/dev/null", stderr: "/dev/null"))
        }
        let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
        let env = AppEnvironment(store: store, rules: try RuleLibrary.bundled())
        let clerk = try store.operators().first { $0.role == .windowClerk } ?? Operator(id: 1, name: "基准测试", role: .windowClerk)
        let station = try store.stations().first { $0.id == clerk.stationID } ?? store.stations().first
        let session = Session(operatorRecord: clerk, station: station)
        let journal = NSTemporaryDirectory() + "fayuan-bench-journal-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let app = App(root: Console.homeScreen(session: session), keymap: keymap, environment: env, session: session)
        app.runEffectsInBackground(journalDirectory: journal)
        app.type("3")
        app.settle()
        var grid = GridCanvas(width: 80, height: 24)
        app.render(into: &grid)
        let script = KeyScript.parse(Self.applicationScript)
        let clock = ContinuousClock()
        var times: [Double] = []
        let count = min(keyCount, 3000)
        var i = 0
        while times.count < count {
            let key = script[i % script.count]
            i += 1
            times.append(ms(clock.measure {
                app.handle(key)
                app.deliverCompleted()
                grid.reset()
                app.render(into: &grid)
            }))
        }
        app.settle(timeout: 60)
        app.shutDown(timeout: 10)
        return [summary("keystroke_application_\(writers)writers_ms", "按键处理+绘制：援助申请表，另有 \(writers) 个进程同时写库", times)]
    }

    /// Building the case pipeline board (clocks of every open case, by urgency) as on opening it.
    func boardView(store: CaseStore) throws -> Figure {
        let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
        let env = AppEnvironment(store: store, rules: try RuleLibrary.bundled())
        let reviewer = try store.operators().first { $0.role == .reviewer } ?? Operator(id: 1, name: "基准测试", role: .reviewer)
        let session = Session(operatorRecord: reviewer, station: try store.stations().first)
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<(quick ? 5 : 20) {
            let app = App(root: Console.homeScreen(session: session), keymap: keymap, environment: env, session: session)
            var grid = GridCanvas(width: 80, height: 24)
            times.append(ms(clock.measure {
                app.handle(.character("4"))
                app.render(into: &grid)
            }))
        }
        return summary("board_view_ms", "案件看板画面：读取并绘制", times)
    }

    /// Building the queue window (waiting list, current ticket) from the store, as on opening it.
    func queueView(store: CaseStore) throws -> Figure {
        let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
        let env = AppEnvironment(store: store, rules: try RuleLibrary.bundled())
        let clerk = try store.operators().first { $0.role == .windowClerk } ?? Operator(id: 1, name: "基准测试", role: .windowClerk)
        let station = try store.stations().first
        let session = Session(operatorRecord: clerk, station: station)
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<50 {
            let app = App(root: Console.homeScreen(session: session), keymap: keymap, environment: env, session: session)
            var grid = GridCanvas(width: 80, height: 24)
            times.append(ms(clock.measure {
                app.handle(.character("1"))
                app.render(into: &grid)
            }))
        }
        return summary("queue_view_ms", "排队叫号画面：读取并绘制", times)
    }

    func summary(_ name: String, _ label: String, _ values: [Double]) -> Figure {
        let sorted = values.sorted()
        return Figure(name: name, label: label, unit: "ms", p50: Self.percentile(sorted, 0.5), p95: Self.percentile(sorted, 0.95),
                      p99: Self.percentile(sorted, 0.99), samples: values.count)
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        sorted.isEmpty ? nil : sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }

    func ms(_ d: Duration) -> Double { Self.milliseconds(d) }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    func printTable(_ figures: [Figure]) {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "-" }
        var lines = ["项目".padded(toWidth: 60) + "p50".padded(toWidth: 10, alignment: .right)
                     + "p95".padded(toWidth: 10, alignment: .right) + "p99".padded(toWidth: 10, alignment: .right)
                     + "值".padded(toWidth: 12, alignment: .right) + "  单位"]
        for fig in figures {
            lines.append(fig.label.padded(toWidth: 60) + f(fig.p50).padded(toWidth: 10, alignment: .right)
                         + f(fig.p95).padded(toWidth: 10, alignment: .right) + f(fig.p99).padded(toWidth: 10, alignment: .right)
                         + f(fig.value).padded(toWidth: 12, alignment: .right) + "  " + fig.unit)
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

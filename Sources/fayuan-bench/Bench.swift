import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
@_spi(Benchmark) import FayuanStore
import Foundation
import TerminalKit

/// `fayuan-bench`: figures for BENCHMARKS.md. Prints a table (stderr, Chinese) and one JSON
/// document (stdout). Timings are wall-clock on whatever the machine is doing: run it on an
/// otherwise idle machine, pinned to one core (`taskset -c 0`), on a release build.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fayuan-bench",
        abstract: "法援性能基准：检索延迟、按键处理、启动、内存（结果见 BENCHMARKS.md）")

    @Option(help: "已填充数据的案件库（例如 fayuan seed --persons 1000000 --cases 1000000 生成的库）")
    var db: String

    @Option(help: "每类检索的次数")
    var queries: Int = 300

    @Option(help: "按键次数")
    var keys: Int = 10_000

    @Option(help: "随机种子")
    var seed: UInt64 = 7

    @Flag(help: "与 sqlite3 命令行的全表 LIKE 扫描比较（慢）")
    var naive = false

    @Option(help: "按键基准中同时写同一案件库的其他进程数（fayuan _stress-writer；0 为不测）")
    var writers: Int = 4

    @Option(help: "fayuan 可执行文件（默认与本程序同目录）")
    var fayuan: String?

    struct Figure: Encodable {
        var name: String
        var label: String
        var unit: String
        var p50: Double?
        var p95: Double?
        var p99: Double?
        var value: Double?
        var samples: Int?
    }

    func run() throws {
        var figures: [Figure] = []
        let clock = ContinuousClock()

        // Start-up: what the console does before its first frame.
        let startup = try clock.measure {
            let keymap = try KeymapLoader.load(selection: nil, systemPath: "/nonexistent", userPath: "/nonexistent")
            let rules = try RuleLibrary.bundled()
            let store = try CaseStore.open(StoreLocation(path: db))
            let app = try Console.makeApp(keymap: keymap, theme: .standard, environment: AppEnvironment(store: store, rules: rules))
            var grid = GridCanvas(width: 80, height: 24)
            app.render(into: &grid)
        }
        figures.append(Figure(name: "startup_to_first_frame_ms", label: "启动到首屏（键位+规则+开库+登录画面）", unit: "ms", value: ms(startup)))

        var opens: [Double] = []
        for _ in 0..<5 {
            opens.append(ms(try clock.measure { _ = try CaseStore.open(StoreLocation(path: db)) }))
        }
        figures.append(summary("store_open_ms", "打开案件库", opens))

        let store = try CaseStore.open(StoreLocation(path: db))
        let found = try store.benchmarkSamples(count: queries, seed: seed)
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

        if naive {
            let q = samples.first.map { String($0.name.suffix(2)) } ?? "秀英"
            let indexed = ms(try clock.measure { _ = try store.searchApplicants(q, limit: 20) })
            let start = clock.now
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [db, "SELECT id, name FROM applicant WHERE name LIKE '%\(q)%' LIMIT 20 OFFSET 0; SELECT count(*) FROM applicant WHERE name LIKE '%\(q)%';"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let scan = ms(clock.now - start)
            figures.append(Figure(name: "naive_like_scan_ms", label: "对照：sqlite3 全表 LIKE 扫描“\(q)”", unit: "ms", value: scan))
            figures.append(Figure(name: "naive_over_indexed_ratio", label: "全表扫描 / 索引检索 耗时比", unit: "×", value: scan / max(indexed, 0.001)))
        }

        figures += try keystrokes(store: store)
        figures += try keystrokesWhileOthersWrite(store: store)
        figures.append(try queueView(store: store))
        figures.append(try boardView(store: store))

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        figures.append(Figure(name: "peak_rss_mb", label: "峰值内存（RSS）", unit: "MB", value: Double(usage.ru_maxrss) / 1024))

        printTable(figures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(["figures": figures]))
        FileHandle.standardOutput.write(Data("\n".utf8))
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
            ("keystroke_application_ms", "按键处理+绘制：援助申请表（含边输边查 100 万人）", "3",
             "张三丰<Backspace><Backspace><Backspace>王秀英<Tab>11010519491231002X<Tab><Tab>1949-12-31<Tab>13812345678<Tab>山西省晋城市泽州县巴公镇<Alt-2>民<Tab>劳动<Tab>晋城某建筑公司<Tab><Tab>拖欠工资三个月<Alt-3>3<Tab>2300<Tab>承诺<Alt-1><Ctrl-U>"),
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
            times.reserveCapacity(keys)
            var i = 0
            while times.count < keys {
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

    /// The application form typed as on a real terminal (effects off the key loop, drafts through
    /// the journal) while `writers` other processes write the same store: issuing tickets,
    /// recording consultations and saving drafts in a loop, each holding the write lock in turn.
    /// Per key: handle, hand over finished background work, draw — what the key loop does.
    func keystrokesWhileOthersWrite(store: CaseStore) throws -> [Figure] {
        guard writers > 0 else { return [] }
        let binary = fayuan ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fayuan").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("--fayuan：找不到 fayuan 可执行文件：\(binary)")
        }
        var processes: [Process] = []
        defer { for p in processes where p.isRunning { p.terminate(); p.waitUntilExit() } }
        for worker in 0..<writers {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["_stress-writer", "--db", db, "--seconds", "600", "--worker", String(worker + 100)]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            processes.append(p)
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
        let script = KeyScript.parse("张三丰<Backspace><Backspace><Backspace>王秀英<Tab>11010519491231002X<Tab><Tab>1949-12-31<Tab>13812345678<Tab>山西省晋城市泽州县巴公镇<Alt-2>民<Tab>劳动<Tab>晋城某建筑公司<Tab><Tab>拖欠工资三个月<Alt-3>3<Tab>2300<Tab>承诺<Alt-1><Ctrl-U>")
        let clock = ContinuousClock()
        var times: [Double] = []
        let count = min(keys, 3000)
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
        for _ in 0..<20 {
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
        func pct(_ p: Double) -> Double? {
            sorted.isEmpty ? nil : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        return Figure(name: name, label: label, unit: "ms", p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), samples: values.count)
    }

    func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    func printTable(_ figures: [Figure]) {
        func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "-" }
        var lines = ["项目".padded(toWidth: 52) + "p50".padded(toWidth: 10, alignment: .right)
                     + "p95".padded(toWidth: 10, alignment: .right) + "p99".padded(toWidth: 10, alignment: .right)
                     + "值".padded(toWidth: 12, alignment: .right) + "  单位"]
        for fig in figures {
            lines.append(fig.label.padded(toWidth: 52) + f(fig.p50).padded(toWidth: 10, alignment: .right)
                         + f(fig.p95).padded(toWidth: 10, alignment: .right) + f(fig.p99).padded(toWidth: 10, alignment: .right)
                         + f(fig.value).padded(toWidth: 12, alignment: .right) + "  " + fig.unit)
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

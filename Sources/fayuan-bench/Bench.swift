import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// `fayuan-bench`: figures for BENCHMARKS.md. Prints a table (stderr, Chinese) and one JSON
/// document (stdout). By default it seeds a FRESH store first (`fayuan seed`, the size given by
/// --persons/--cases, 1 000 000 each) so figures never depend on a store's history or on the
/// statistics an old ANALYZE left; `--db` runs on an existing store instead and says exactly which.
/// Besides the in-process figures it times whole `fayuan` processes against the `sqlite3` CLI doing
/// the same indexed look-up on the same file (the floor), console start to first screen on a pty,
/// and a load test of 30 console windows and 4 ticket processes on one store.
/// `--quick` (CI): a fresh 100 000-case store and shorter runs; it prints, it does not judge.
/// Timings are wall-clock on whatever the machine is doing: quote medians and ratios of one run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fayuan-bench",
        abstract: "法援性能基准：新建案件库后测检索、按键、启动、整进程命令（对照 sqlite3）、多窗口负载（结果见 BENCHMARKS.md）")

    @Option(help: "在已有的案件库上运行（不新建；输出中写明库的路径、大小和数量）")
    var db: String?

    @Option(help: "新建库的申请人数（默认 1000000；--quick 为 100000）")
    var persons: Int?

    @Option(help: "新建库的案件数（默认 1000000；--quick 为 100000）")
    var cases: Int?

    @Option(help: "新建库所在目录")
    var dir: String = "/tmp/fayuan-bench"

    @Flag(help: "保留新建的库（默认运行结束后删除）")
    var keep = false

    @Flag(help: "快速模式（CI）：新建 10 万案件的库，各项次数减少，只输出不判定")
    var quick = false

    @Option(help: "每类检索的次数")
    var queries: Int?

    @Option(help: "按键次数")
    var keys: Int?

    @Option(help: "随机种子")
    var seed: UInt64 = 7

    @Flag(help: "与 sqlite3 命令行的全表 LIKE 扫描比较（慢）")
    var naive = false

    @Option(help: "按键基准中同时写同一案件库的其他进程数（fayuan _stress-writer；0 为不测）")
    var writers: Int = 4

    @Option(help: "整进程计时的重复次数（取中位数）")
    var runs: Int?

    @Option(help: "负载测试：同时打开的终端窗口进程数（0 为不测）")
    var windows: Int = 30

    @Option(name: .customLong("ticket-processes"), help: "负载测试：同时取号叫号的进程数")
    var ticketProcesses: Int = 4

    @Option(name: .customLong("load-seconds"), help: "负载测试时长（秒；默认 120，--quick 为 20）")
    var loadSeconds: Double?

    @Option(name: .customLong("key-interval"), help: "负载测试中窗口人员的按键间隔（毫秒，约每分钟 300 键）")
    var keyInterval: Double = 200

    @Option(help: "fayuan 可执行文件（默认与本程序同目录）")
    var fayuan: String?

    @Option(help: .hidden) var worker: String?
    @Option(name: .customLong("worker-index"), help: .hidden) var workerIndex: Int = 0
    @Option(name: .customLong("worker-operator"), help: .hidden) var workerOperator: Int64 = 0
    @Option(name: .customLong("worker-station"), help: .hidden) var workerStation: String = ""
    @Option(name: .customLong("worker-day"), help: .hidden) var workerDay: String = "2031-06-03"
    @Option(name: .customLong("worker-until"), help: .hidden) var workerUntil: Double = 0

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

    var build: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    var queryCount: Int { queries ?? (quick ? 100 : 300) }
    var keyCount: Int { keys ?? (quick ? 2_000 : 10_000) }
    var runCount: Int { runs ?? (quick ? 11 : 31) }
    var loadDuration: Double { loadSeconds ?? (quick ? 20 : 120) }

    var fayuanBinary: String {
        fayuan ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("fayuan").path
    }

    func run() throws {
        if let worker {
            try runWorker(worker)
            return
        }
        guard FileManager.default.isExecutableFile(atPath: fayuanBinary) else {
            throw ValidationError("--fayuan：找不到 fayuan 可执行文件：\(fayuanBinary)")
        }
        var figures: [Figure] = []
        let prepared = try prepareStore(into: &figures)
        defer {
            if prepared.fresh && !keep {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: prepared.path + suffix) }
            }
        }
        note("构建：\(build)\(build == "debug" ? "（调试构建，数字偏大，仅供参考；正式数字用 swift build -c release）" : "")")
        note("案件库：\(prepared.description)")
        figures += try inProcess(path: prepared.path)
        figures += try wholeProcess(prepared)
        if windows > 0 || ticketProcesses > 0 {
            figures += try loadTest(prepared)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        figures.append(Figure(name: "peak_rss_mb", label: "本基准进程峰值内存（RSS）", unit: "MB", value: Double(usage.ru_maxrss) / 1024))

        printTable(figures)
        struct Output: Encodable {
            var build: String
            var store: String
            var fresh: Bool
            var persons: Int
            var cases: Int
            var figures: [Figure]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(Output(
            build: build, store: prepared.description, fresh: prepared.fresh, persons: prepared.persons,
            cases: prepared.cases, figures: figures)))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Progress and notes on stderr (the table goes there too; stdout is the JSON only).
    func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

import ArgumentParser
import FayuanCore
@_spi(Benchmark) import FayuanStore
import Foundation

/// The store a run measures: freshly seeded (the default) or given with --db, with the operators
/// and tokens the whole-process and load figures act as.
struct PreparedStore {
    var path: String
    var fresh: Bool
    var persons: Int
    var cases: Int
    var description: String
    var adminToken: String
    var clerkToken: String
    var clerk: Operator
    var station: Station
    var stations: [Station]
    var windowOperators: [Operator]
    var sampleCaseID: Int64
    var sampleIDNumber: String
}

extension Bench {
    static let pin = "246810"

    func prepareStore(into figures: inout [Figure]) throws -> PreparedStore {
        let wantedPersons = persons ?? (quick ? 100_000 : 1_000_000)
        let wantedCases = cases ?? (quick ? 100_000 : 1_000_000)
        let path: String
        var seeded: (seconds: Double, rssMB: Double)?
        if let db {
            guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("--db：找不到案件库 \(db)") }
            path = db
        } else {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            path = dir + "/fresh-\(wantedPersons)-\(wantedCases)-\(getpid()).db"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            // The administrator first (seeded operators have no PIN), then `fayuan seed` in a
            // process of its own (its time and memory are its own, not this one's).
            let store = try CaseStore.open(StoreLocation(path: path))
            try store.createOperator(name: "基准管理员", role: .admin, pin: Self.pin, by: .firstRun, kdfRounds: 1000)
            try store.close()
            note("正在新建案件库：fayuan seed --db \(path) --persons \(wantedPersons) --cases \(wantedCases)")
            let run = try Spawn.run([fayuanBinary, "seed", "--db", path, "--persons", String(wantedPersons), "--cases", String(wantedCases)],
                                    stderr: .inherit)
            guard run.status == 0 else { throw ValidationError("fayuan seed 失败（退出码 \(run.status)）") }
            seeded = (run.ms / 1000, run.maxRSSKB / 1024)
            figures.append(Figure(name: "seed_seconds", label: "新建库：fayuan seed（整进程）", unit: "s", value: run.ms / 1000))
            figures.append(Figure(name: "seed_peak_rss_mb", label: "新建库：fayuan seed 峰值内存", unit: "MB", value: run.maxRSSKB / 1024))
        }
        let store = try CaseStore.open(StoreLocation(path: path))
        defer { try? store.close() }
        let stations = try store.stations()
        guard let station = stations.first else { throw ValidationError("案件库中没有站点，请先运行 fayuan seed") }
        let known = try store.operators()
        func ensure(_ name: String, _ role: OperatorRole, _ stationID: Int64?) throws -> Operator {
            if let op = known.first(where: { $0.name == name && !$0.disabled }) { return op }
            return try store.createOperator(name: name, role: role, pin: Self.pin, stationID: stationID, by: .commandLine, kdfRounds: 1000)
        }
        let admin = try ensure("基准管理员", .admin, nil)
        let clerk = try ensure("基准窗口00", .windowClerk, station.id)
        var windowOperators: [Operator] = []
        for i in 0..<windows {
            windowOperators.append(try ensure(String(format: "基准窗口%02d", i + 1), .windowClerk, stations[i % stations.count].id))
        }
        let adminToken = try store.createToken(for: admin.id!, label: "基准测试", by: admin).1
        let clerkToken = try store.createToken(for: clerk.id!, label: "基准测试", by: admin).1
        let (applicants, caseCount) = try store.benchmarkCounts()
        guard applicants > 0, caseCount > 0 else { throw ValidationError("案件库中没有申请人或案件，请先运行 fayuan seed") }
        guard let sampleIDNumber = try store.benchmarkSamples(count: 20, seed: seed).compactMap(\.idNumber).first,
              let sampleCaseID = try store.benchmarkCaseID(seed: seed) else {
            throw ValidationError("案件库中没有带证件号的申请人或案件")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        let counts = "申请人 \(applicants)，案件 \(caseCount)，文件 \(String(format: "%.0f", Double(size) / 1_048_576)) MB"
        let description: String
        if let seeded {
            description = "\(path)（本次新建：fayuan seed --persons \(wantedPersons) --cases \(wantedCases)，"
                + "\(String(format: "%.0f", seeded.seconds)) 秒；\(counts)）"
        } else {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date).flatMap { $0 }
            description = "\(path)（已有的库，非本次新建；\(counts)；修改于 \(modified.map { "\($0)" } ?? "?")）"
        }
        return PreparedStore(path: path, fresh: seeded != nil, persons: applicants, cases: caseCount, description: description,
                             adminToken: adminToken, clerkToken: clerkToken, clerk: clerk, station: station, stations: stations,
                             windowOperators: windowOperators, sampleCaseID: sampleCaseID, sampleIDNumber: sampleIDNumber)
    }
}

/// Child processes with posix_spawn (lighter than Process, so the timing is the child's), timed
/// from spawn to reaped, with the child's peak RSS from wait4.
enum Spawn {
    enum Stream { case null, inherit, file(String) }

    struct Result {
        var status: Int32
        var ms: Double
        var maxRSSKB: Double
    }

    static func run(_ argv: [String], environment: [String: String] = [:], stdout: Stream = .null, stderr: Stream = .null) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (fd, stream) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch stream {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .inherit: break
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            }
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
        guard rc == 0 else { throw ValidationError("无法启动 \(argv[0])：errno \(rc)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = clock.now - start
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, ms: Bench.milliseconds(elapsed), maxRSSKB: Double(usage.ru_maxrss))
    }

    /// Starts a child without waiting (the load test's workers).
    static func start(_ argv: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw ValidationError("无法启动 \(argv[0])：errno \(rc)") }
        return pid
    }

    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan demo`: the console on a ready demo store next to the default store, logged in as a
/// demo operator, so a newcomer sees a working centre at once (cli.md). The login and lock
/// screens name the demo operators and their PIN; `--reset` refuses any store not made here.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "在演示案件库上打开终端界面（首次运行时自动生成泽州县示例数据，以演示操作员登录）"
    )

    @Option(name: .long, help: "演示案件库文件（默认在默认案件库旁，名为 demo.db）")
    var db: String?

    @Flag(name: .long, help: "删除并重新生成演示案件库（只对 fayuan demo 生成的案件库有效）")
    var reset = false

    @OptionGroup var options: ConsoleOptions

    static let operatorName = "演示审查员"
    static let pin = "246810"
    /// Every demo operator, one per role, all with `pin`.
    static let operators: [(name: String, role: OperatorRole)] = [
        ("演示管理员", .admin), ("演示主任", .centreHead), (operatorName, .reviewer), ("演示窗口", .windowClerk), ("演示律师", .dutyLawyer),
    ]
    static var loginNote: String {
        "演示库：下列操作员的 PIN 均为 \(pin)——" + operators.map(\.name).joined(separator: "、")
    }

    func run() throws {
        let defaultStore = StoreLocation.resolve(explicit: nil).path
        let path = db ?? ((defaultStore as NSString).deletingLastPathComponent + "/demo.db")
        if reset, FileManager.default.fileExists(atPath: path) {
            // Only a store this command made may be deleted: a real centre's store is never touched.
            let isDemo: Bool
            do {
                isDemo = try CaseStore.open(StoreLocation(path: path)).isDemoStore()
            } catch {
                printError("拒绝重置：无法确认 \(path) 是演示案件库（\(error)）。未做任何修改。")
                throw ExitCode(4)
            }
            guard isDemo else {
                printError("拒绝重置：\(path) 不是演示案件库（不是由 fayuan demo 生成的），未做任何修改。")
                throw ExitCode(4)
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try options.launch(store: StoreLocation(path: path)) { store in
            if try store.needsFirstAdministrator() {
                printError("正在生成演示数据（泽州县 17 个站点、申请人、咨询、案件、排队号、值班）……")
                try Self.populate(store)
                printError(Self.loginNote)
            }
            guard let op = try store.operators(includeDisabled: false).first(where: { $0.name == Self.operatorName }) else {
                throw StoreError.notFound(entity: "演示操作员", id: Self.operatorName)
            }
            let station = try store.stations().first { $0.id == op.stationID } ?? store.stations().first
            return Session(operatorRecord: op, station: station)
        }
    }

    /// Generates the demo data, marks the store as a demo store, and adds the demo operators.
    static func populate(_ store: CaseStore, today: String = today(), rules: RuleLibrary? = nil) throws {
        let library = try rules ?? RuleLibrary.bundled()
        let (off, extra) = SeedOptions.daysOff(around: today, calendar: library.calendar)
        _ = try store.seed(SeedOptions(persons: 3000, cases: 800, consultations: 1500, seed: 1, today: today,
                                       offDays: off, extraWorkdays: extra)) { _ in }
        try store.markDemoStore(loginNote: loginNote)
        let centre = try store.stations().first { $0.kind == .countyCentre }
        var lawyer: Operator?
        for (name, role) in operators {
            let op = try store.createOperator(name: name, role: role, pin: pin, stationID: centre?.id, by: .commandLine)
            if role == .dutyLawyer { lawyer = op }
        }
        if let lawyer, let provider = try store.pipelineProviders().first(where: { $0.kind == .lawyer }) {
            try store.linkOperator(lawyer.id ?? 0, toProvider: provider.id, by: .commandLine)
        }
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 2026, c.month ?? 1, c.day ?? 1)
    }
}

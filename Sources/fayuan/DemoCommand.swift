import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanStore
import Foundation

/// `fayuan demo`: the console on a ready demo store next to the default store, logged in as a
/// demo operator, so a newcomer sees a working centre at once (cli.md).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "在演示案件库上打开终端界面（首次运行时自动生成泽州县示例数据，以演示操作员登录）"
    )

    @Option(name: .long, help: "演示案件库文件（默认在默认案件库旁，名为 demo.db）")
    var db: String?

    @Flag(name: .long, help: "删除并重新生成演示案件库")
    var reset = false

    @OptionGroup var options: ConsoleOptions

    static let operatorName = "演示审查员"
    static let pin = "246810"

    func run() throws {
        let defaultStore = StoreLocation.resolve(explicit: nil).path
        let path = db ?? ((defaultStore as NSString).deletingLastPathComponent + "/demo.db")
        if reset {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try options.launch(store: StoreLocation(path: path)) { store in
            if try store.needsFirstAdministrator() {
                printError("正在生成演示数据（泽州县 17 个站点、申请人、咨询、案件、排队号、值班）……")
                let today = Self.today()
                _ = try store.seed(SeedOptions(persons: 3000, cases: 800, consultations: 1500, seed: 1, today: today)) { _ in }
                _ = try store.createOperator(name: "演示管理员", role: .admin, pin: Self.pin, by: .commandLine)
                _ = try store.createOperator(name: Self.operatorName, role: .reviewer, pin: Self.pin, by: .commandLine)
                printError("演示操作员：\(Self.operatorName)、演示管理员，PIN 均为 \(Self.pin)")
            }
            guard let op = try store.operators(includeDisabled: false).first(where: { $0.name == Self.operatorName }) else {
                throw StoreError.notFound(entity: "演示操作员", id: Self.operatorName)
            }
            let station = try store.stations().first { $0.id == op.stationID } ?? store.stations().first
            return Session(operatorRecord: op, station: station)
        }
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 2026, c.month ?? 1, c.day ?? 1)
    }
}

import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan backup PATH`: a consistent copy while other windows keep working.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "在线备份案件库到新文件（其他窗口可继续办理业务）")

    @OptionGroup var store: StoreOptions
    @OptionGroup var identity: IdentityOptions

    @Argument(help: "备份文件路径（不能已存在）")
    var path: String

    struct Output: Encodable {
        var path: String
        var bytes: Int
        var seconds: Double
    }

    func run() throws {
        // A backup copies every personal record: administrators only, and audited once made.
        let (caseStore, op) = try identity.open(store)
        try IdentityOptions.require(op, .manageSettings)
        let start = Date()
        try StoreCommand.run { try caseStore.backup(to: path) }
        try StoreCommand.run { try caseStore.recordCommandLineAccess(action: "backup", entity: "store", detail: "备份案件库到 \(path)", by: op) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        printError("备份完成：\(path)")
        try StoreCommand.printJSON(Output(path: path, bytes: size, seconds: Date().timeIntervalSince(start)))
    }
}

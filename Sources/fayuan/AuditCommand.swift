import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan audit verify`: walks the hash chain and reports the first broken link.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "审计日志", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "校验审计链；断开时报告第一条被改动的记录（退出码 3）")

        @OptionGroup var store: StoreOptions

        struct Output: Encodable {
            var ok: Bool
            var entries: Int
            var firstBrokenEntry: Int64?
        }

        func run() throws {
            let caseStore = try store.openExisting(readOnly: true)
            let (entries, broken) = try StoreCommand.run { (try caseStore.auditCount(), try caseStore.verifyAuditChain()) }
            try StoreCommand.printJSON(Output(ok: broken == nil, entries: entries, firstBrokenEntry: broken))
            if let broken {
                printError("审计链在第 \(broken) 条记录处断开：该记录或其之前的记录被改动或删除")
                throw ExitCode(3)
            }
            printError("审计链完好，共 \(entries) 条")
        }
    }
}

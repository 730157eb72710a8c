import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan audit verify`: walks the hash chain, checks it extends the newest anchor kept outside
/// the store (or one given with --anchor / --head), and recomputes every case seal.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "审计日志", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "校验审计链、库外锚点和案件封签；发现截断、改写或库外修改案件时报告（退出码 3）")

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "用指定的锚点文件核对（如备份旁的 .anchor 文件）；默认为本库的锚点文件")
        var anchor: String?

        @Option(name: .long, help: "用报表上印的审计链头核对，格式 序号:哈希（如 1234:3fa2…）")
        var head: String?

        func validate() throws {
            if anchor != nil, head != nil { throw ValidationError("--anchor 和 --head 只能选一个") }
            if let head, Self.parseHead(head) == nil {
                throw ValidationError("--head：格式应为 序号:哈希（64 位十六进制）：“\(head)”")
            }
            if let anchor, !FileManager.default.fileExists(atPath: anchor) {
                throw ValidationError("--anchor：文件不存在：\(anchor)")
            }
        }

        static func parseHead(_ text: String) -> AuditHead? {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = Int64(parts[0]), id > 0, parts[1].count == 64,
                  parts[1].allSatisfy({ $0.isHexDigit }) else { return nil }
            return AuditHead(id: id, hash: parts[1].lowercased())
        }

        func run() throws {
            let caseStore = try store.openExisting(readOnly: true)
            let result = try StoreCommand.run {
                try caseStore.verifyAudit(anchorFile: anchor, head: head.flatMap(Self.parseHead))
            }
            try StoreCommand.printJSON(result)
            for warning in result.warnings { printError("警告：" + warning) }
            var failed = false
            if let broken = result.firstBrokenEntry {
                printError("审计链在第 \(broken) 条记录处断开：该记录或其之前的记录被改动或删除")
                failed = true
            }
            if let problem = result.anchorProblem {
                printError("审计日志与锚点不符：" + problem)
                failed = true
            }
            if !result.caseSealMismatches.isEmpty {
                let ids = result.caseSealMismatches.prefix(50).map(String.init).joined(separator: "、")
                printError("\(result.caseSealMismatches.count) 件案件的受保护字段与封签不符（在程序之外被修改）：案件 id \(ids)")
                failed = true
            }
            if failed { throw ExitCode(3) }
            let anchored = result.anchor.map { "，延续锚点第 \($0.id) 条" } ?? ""
            printError("审计链完好，共 \(result.entries) 条\(anchored)；案件封签全部相符")
        }
    }
}

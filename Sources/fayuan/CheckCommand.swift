import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan check`: integrity, foreign keys, audit chain. Exit 3 when anything is wrong.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "检查案件库：完整性、外键、审计链")

    @OptionGroup var store: StoreOptions

    struct Output: Encodable {
        var ok: Bool
        var integrity: [String]
        var foreignKeyViolations: Int
        var auditEntries: Int
        var auditFirstBrokenEntry: Int64?
        var seconds: Double
    }

    func run() throws {
        // Read-only: never creates a store at a mistyped path, never writes to a damaged one.
        let caseStore = try store.openExisting(readOnly: true)
        let start = Date()
        let report = try StoreCommand.run { try caseStore.check() }
        try StoreCommand.printJSON(Output(
            ok: report.ok, integrity: report.integrity, foreignKeyViolations: report.foreignKeyViolations,
            auditEntries: report.auditEntries, auditFirstBrokenEntry: report.auditFirstBrokenEntry,
            seconds: Date().timeIntervalSince(start)))
        if report.ok {
            printError("检查通过")
        } else {
            if report.integrity != ["ok"] { printError("完整性检查未通过：\(report.integrity.joined(separator: "；"))") }
            if report.foreignKeyViolations > 0 { printError("有 \(report.foreignKeyViolations) 处外键引用不存在的记录") }
            if let id = report.auditFirstBrokenEntry { printError("审计链在第 \(id) 条记录处断开，可能被篡改") }
            throw ExitCode(3)
        }
    }
}

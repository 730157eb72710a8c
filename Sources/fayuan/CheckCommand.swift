import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan check`: structure (quick_check, or integrity_check with --full), foreign keys, audit
/// chain. Exit 3 when anything is wrong.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "检查案件库：完整性、外键、审计链、报表汇总",
        discussion: "默认做快速结构检查（quick_check：每一页、排序、非空和取值约束），外键、整条审计链和报表汇总（与案件逐条复算比对）都检查；"
            + "--full 另外逐条核对索引与数据行（integrity_check，百万件的库需要更长时间）。")

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "完整检查：另外逐条核对每个索引与数据行（integrity_check）")
    var full = false

    struct Output: Encodable {
        var ok: Bool
        var integrity: [String]
        var foreignKeyViolations: Int
        var auditEntries: Int
        var auditFirstBrokenEntry: Int64?
        /// Rows of the report tally that differ from a recomputation (0 when right).
        var reportTallyMismatches: Int
        /// true: integrity_check (--full); false: quick_check.
        var full: Bool
        var seconds: Double
    }

    func run() throws {
        // Read-only: never creates a store at a mistyped path, never writes to a damaged one.
        let caseStore = try store.openExisting(readOnly: true)
        let start = Date()
        let report = try StoreCommand.run { try caseStore.check(full: full) }
        try StoreCommand.printJSON(Output(
            ok: report.ok, integrity: report.integrity, foreignKeyViolations: report.foreignKeyViolations,
            auditEntries: report.auditEntries, auditFirstBrokenEntry: report.auditFirstBrokenEntry,
            reportTallyMismatches: report.reportTallyMismatches, full: report.full, seconds: Date().timeIntervalSince(start)))
        if report.ok {
            printError("检查通过")
        } else {
            if report.integrity != ["ok"] { printError("完整性检查未通过：\(report.integrity.joined(separator: "；"))") }
            if report.foreignKeyViolations > 0 { printError("有 \(report.foreignKeyViolations) 处外键引用不存在的记录") }
            if let id = report.auditFirstBrokenEntry { printError("审计链在第 \(id) 条记录处断开，可能被篡改") }
            if report.reportTallyMismatches > 0 {
                printError("报表汇总有 \(report.reportTallyMismatches) 行与案件逐条复算不符（报表可能不准，请联系管理员）")
            }
            throw ExitCode(3)
        }
    }
}

import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan import TABLE FILE`: validates every row, then writes all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "从 CSV 导入数据：逐行校验，全部通过才写入，否则一行也不写并报告 行:列 错误")

    @OptionGroup var store: StoreOptions
    @OptionGroup var identity: IdentityOptions

    @Argument(help: "目标表：\(CaseStore.labelledTables(CaseStore.importableTables))（操作员只能用 fayuan user add 添加）")
    var table: String

    @Argument(help: "CSV 文件（UTF-8，可带 BOM；第一行为列名）")
    var file: String

    struct Output: Encodable {
        var table: String
        var rows: Int
    }

    func run() throws {
        // Every imported record's audit entry records the import channel and the operator.
        let (caseStore, op) = try identity.open(store, channel: .importFile)
        try IdentityOptions.require(op, .manageSettings)
        let rows = try StoreCommand.run { try caseStore.importCSV(table: table, from: file, by: op.id) }
        printError("已导入 \(rows) 行到 \(table)")
        try StoreCommand.printJSON(Output(table: table, rows: rows))
    }
}

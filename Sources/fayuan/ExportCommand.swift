import ArgumentParser
import FayuanApp
import FayuanStore
import Foundation

/// `fayuan export --tables a,b --out DIR [--format csv|xlsx]`: CSV, UTF-8 with BOM (Excel/WPS open
/// it directly), one file per table; or one XLSX workbook with a sheet per table.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出数据表为 CSV（UTF-8 带 BOM）或 XLSX（每表一个工作表），Excel/WPS 可直接打开")

    /// Excel's row limit, header row included.
    static let xlsxRowLimit = 1_048_576

    @OptionGroup var store: StoreOptions
    @OptionGroup var identity: IdentityOptions

    @Option(name: .long, help: "要导出的表，逗号分隔；默认全部。可选：\(CaseStore.labelledTables(CaseStore.exportableTables))")
    var tables: String?

    @Option(name: .long, help: "输出目录（每表一个 表名.csv）")
    var out: String

    @Option(name: .long, help: "格式：csv（每表一个文件）或 xlsx（一个工作簿，文件名 fayuan-export.xlsx）")
    var format: String = "csv"

    @Flag(name: .long, help: "导出完整证件号（默认打码；须同时有导出数据和查看完整证件号权限的操作员，记入审计）")
    var clearIdNumbers = false

    @Flag(name: .long, help: "覆盖已存在的输出文件（默认不覆盖；符号链接始终拒绝）")
    var force = false

    struct Output: Encodable {
        var table: String
        var path: String
        var rows: Int
    }

    func validate() throws {
        guard ["csv", "xlsx"].contains(format) else { throw ValidationError("--format：只支持 csv 或 xlsx") }
        for table in selected where !CaseStore.exportableTables.contains(table) {
            throw ValidationError("--tables：未知的表 “\(table)”")
        }
    }

    var selected: [String] {
        tables.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? CaseStore.exportableTables
    }

    func run() throws {
        let (caseStore, op) = try identity.open(store)
        try IdentityOptions.require(op, .exportData)
        if clearIdNumbers { try IdentityOptions.require(op, .revealIdentity) }
        // Full ID numbers: the proven operator, checked again by the store and named in the
        // audit entry written with the file's name and row count.
        let actor: Operator? = op
        try StoreCommand.run { try CaseStore.requireFullIdentifierExport(clearIdNumbers, actor) }
        try StoreCommand.run {
            try caseStore.recordCommandLineAccess(
                action: "export", entity: "store",
                detail: "导出 \(selected.joined(separator: ",")) 到 \(out)（\(format)，\(clearIdNumbers ? "完整证件号" : "证件号打码")）", by: op)
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            printError("无法创建输出目录：\(out)")
            throw ExitCode(3)
        }
        var results: [Output] = []
        if format == "xlsx" {
            let path = out + "/fayuan-export.xlsx"
            var sheets: [(title: String, columns: [String], rows: [[String]])] = []
            for table in selected {
                var columns: [String] = []
                var rows: [[String]] = []
                _ = try StoreCommand.run {
                    try caseStore.exportRows(table: table, clearIDNumbers: clearIdNumbers, header: { columns = $0 }) { values in
                        guard rows.count + 1 < Self.xlsxRowLimit else {
                            throw StoreError.invalidInput(field: "tables", message: "表 \(table) 超过 XLSX 的 \(Self.xlsxRowLimit) 行上限，请改用 --format csv")
                        }
                        rows.append(values)
                    }
                }
                sheets.append(("\(CaseStore.tableLabels[table] ?? table)（\(table)）", columns, rows))
                results.append(Output(table: table, path: path, rows: rows.count))
            }
            do {
                try StoreCommand.run { try ReportOutput.writeXLSX(sheets: sheets, to: path, force: force) }
            } catch let error as ReportOutput.XLSXError {
                printError("无法写入 XLSX：\(error)")
                throw ExitCode(3)
            }
            if clearIdNumbers, let actor {
                try StoreCommand.run {
                    do {
                        try caseStore.recordFullIdentifierExport(file: path, what: selected.joined(separator: ","),
                                                                 rows: results.map(\.rows).reduce(0, +), by: actor)
                    } catch {
                        unlink(path)
                        throw error
                    }
                }
            }
            try StoreCommand.printJSON(results)
            return
        }
        for table in selected {
            let path = out + "/" + table + ".csv"
            let rows = try StoreCommand.run { try caseStore.exportCSV(table: table, to: path, clearIDNumbers: clearIdNumbers, by: actor, force: force) }
            results.append(Output(table: table, path: path, rows: rows))
        }
        try StoreCommand.printJSON(results)
    }
}

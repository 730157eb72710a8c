import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan export --tables a,b --out DIR`: CSV, UTF-8 with BOM (Excel/WPS open it directly).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出数据表为 CSV（UTF-8 带 BOM，Excel/WPS 可直接打开）")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "要导出的表，逗号分隔；默认全部。可选：\(CaseStore.exportableTables.joined(separator: ","))")
    var tables: String?

    @Option(name: .long, help: "输出目录（每表一个 表名.csv）")
    var out: String

    @Option(name: .long, help: "格式：csv")
    var format: String = "csv"

    @Flag(name: .long, help: "导出完整证件号（默认打码）")
    var clearIdNumbers = false

    struct Output: Encodable {
        var table: String
        var path: String
        var rows: Int
    }

    func validate() throws {
        guard format == "csv" else { throw ValidationError("--format：目前只支持 csv（xlsx 尚未实现）") }
        for table in selected where !CaseStore.exportableTables.contains(table) {
            throw ValidationError("--tables：未知的表 “\(table)”")
        }
    }

    var selected: [String] {
        tables.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? CaseStore.exportableTables
    }

    func run() throws {
        let caseStore = try store.open()
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            printError("无法创建输出目录：\(out)")
            throw ExitCode(3)
        }
        var results: [Output] = []
        for table in selected {
            let path = out + "/" + table + ".csv"
            let rows = try StoreCommand.run { try caseStore.exportCSV(table: table, to: path, clearIDNumbers: clearIdNumbers) }
            results.append(Output(table: table, path: path, rows: rows))
        }
        try StoreCommand.printJSON(results)
    }
}

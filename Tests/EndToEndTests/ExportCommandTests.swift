import Foundation
import Testing

/// `fayuan export --format xlsx`: one workbook, a sheet per table, Chinese intact, ID numbers masked.
@Suite struct ExportCommandTests {
    @Test func xlsxWorkbookOpensWithChineseIntact() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-export-\(getpid())-\(Int.random(in: 0...999_999))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("导出.db").path
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        #expect(try runFayuan(["seed", "--db", db, "--persons", "30", "--cases", "5"]).status == 0)
        let out = dir.appendingPathComponent("表格").path
        let result = try runFayuan(as: "张敏", pin: "246810", ["export", "--db", db, "--tables", "station,applicant", "--out", out, "--format", "xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"rows\" : 30"), "\(result.stdout)")
        let book = out + "/fayuan-export.xlsx"
        let strings = try spawn(["unzip", "-p", book, "xl/sharedStrings.xml"])
        #expect(strings.status == 0, "不是有效的 XLSX（zip）文件：\(strings.stderr)")
        #expect(strings.stdout.contains("泽州县公共法律服务中心"), "中文应完整保存")
        let ids = strings.stdout.components(separatedBy: "<t>").compactMap { $0.components(separatedBy: "</t>").first }
            .filter { $0.count == 18 && $0.hasPrefix("14") && !$0.contains("*") }
        #expect(ids.isEmpty, "证件号默认应打码：\(ids.prefix(3))")
        #expect(strings.stdout.contains("1405**********"), "打码后的证件号应在表中")
        let workbook = try spawn(["unzip", "-p", book, "xl/workbook.xml"])
        #expect(workbook.stdout.contains("name=\"站点（station）\"") && workbook.stdout.contains("name=\"申请人（applicant）\""), "\(workbook.stdout)")
        #expect(strings.stdout.contains("证件号码（id_number）"), "列名应为中文并附代码")
        let bad = try runFayuan(["export", "--db", db, "--out", out, "--format", "pdf"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--format"))
    }
}

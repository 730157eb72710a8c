import Foundation
import Testing
@testable import FayuanStore

/// Issue 26: exported files name their columns in Chinese ("姓名（name）"), and import reads them
/// back in any of the three forms.
@Suite struct ColumnLabelTests {
    @Test func everyExportedColumnHasAChineseName() throws {
        let dir = TempDir()
        let (store, _, _) = try makeStoreWithStation(dir)
        var missing: [String] = []
        try store.read { db in
            for table in CaseStore.exportableTables {
                for column in try db.columnNames(in: table) where ColumnLabels.label(table: table, column: column) == nil {
                    missing.append("\(table).\(column)")
                }
            }
        }
        #expect(missing.isEmpty, "这些列没有中文名（在 ColumnLabels 补上）：\(missing)")
        for table in CaseStore.exportableTables { #expect(CaseStore.tableLabels[table] != nil, "\(table) 没有中文名") }
    }

    @Test func exportHeadersAreChineseWithTheCodeAndImportReadsEveryForm() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        try store.saveApplicant(Applicant(name: "张三丰", idNumber: "11010519491231002X", address: "泽州县巴公镇"), by: clerk.id)
        let path = dir.file("申请人.csv")
        #expect(try store.exportCSV(table: "applicant", to: path) == 1)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = try CSV.parse(text)[0].fields
        #expect(header.contains("姓名（name）"))
        #expect(header.contains("证件号码（id_number）"))
        #expect(!header.contains("name"))

        let forms = dir.file("三种列名.csv")
        try "姓名（name）,性别,phone\n李四,M,13800001111\n王五,F,\n".write(toFile: forms, atomically: true, encoding: .utf8)
        #expect(try store.importCSV(table: "applicant", from: forms, by: clerk.id) == 2)
        #expect(try store.searchApplicants("lisi").map(\.name) == ["李四"])

        let wrong = dir.file("错列名.csv")
        try "姓名（name）,民族\n李四,汉\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        #expect(throws: ImportFailure(issues: [ImportIssue(line: 1, column: "民族", message: "未知的列")])) {
            try store.importCSV(table: "applicant", from: wrong, by: clerk.id)
        }
    }
}

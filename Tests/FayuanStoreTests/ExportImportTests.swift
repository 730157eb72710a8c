import Foundation
import Testing
@testable import FayuanStore

@Suite struct ExportImportTests {
    @Test func csvExportHasBOMAndMasksIDNumbers() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        try store.saveApplicant(Applicant(name: "张三丰", idNumber: "11010519491231002X", address: "泽州县巴公镇,东村"), by: clerk.id)
        let path = dir.file("申请人.csv")
        #expect(try store.exportCSV(table: "applicant", to: path) == 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("1101**********002X"))
        #expect(!text.contains("11010519491231002X"))
        #expect(text.contains("\"泽州县巴公镇,东村\""))
        let records = try CSV.parse(text)
        #expect(records[1].fields[1] == "张三丰")
    }

    @Test func importWritesAllOrNothingAndNamesLineAndColumn() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        let bad = dir.file("坏数据.csv")
        try (CSV.bom + "name,gender,birth_date,township_id\r\n李四,M,1980-01-01,\r\n王五,男,1981-02-02,\r\n,F,1982-03-03,\r\n赵六,F,1983-04-04,abc\r\n")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            try store.importCSV(table: "applicant", from: bad, by: clerk.id)
            Issue.record("应拒绝导入")
        } catch let failure as ImportFailure {
            let described = failure.issues.map(\.description)
            #expect(failure.issues.map(\.line) == [3, 4, 5], "\(described)")
            #expect(failure.issues[0].column == "gender")
            #expect(failure.issues[1].column == "name")
            #expect(failure.issues[2].column == "township_id")
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM applicant") } == 0)

        let good = dir.file("好数据.csv")
        try "name,gender,phone\n李四,M,13800001111\n\"王,五\",F,\n".write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try store.importCSV(table: "applicant", from: good, by: clerk.id) == 2)
        #expect(try store.searchApplicants("lisi").map(\.name) == ["李四"])
        #expect(try store.verifyAuditChain() == nil)

        let unknown = dir.file("未知列.csv")
        try "name,民族\n李四,汉\n".write(toFile: unknown, atomically: true, encoding: .utf8)
        #expect(throws: ImportFailure(issues: [ImportIssue(line: 1, column: "民族", message: "未知的列")])) {
            try store.importCSV(table: "applicant", from: unknown, by: clerk.id)
        }
    }
}

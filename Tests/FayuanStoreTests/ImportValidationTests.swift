import Foundation
import Testing
@testable import FayuanStore

/// Finding 3 (issue 17): import goes through the domain rules, never creates operators, and
/// audits every record it writes.
@Suite struct ImportValidationTests {
    func file(_ dir: borrowing TempDir, _ name: String, _ text: String) throws -> String {
        let path = dir.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func applicants(_ store: CaseStore) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM applicant") ?? 0 }
    }

    @Test func theOperatorTableIsRefused() throws {
        let dir = TempDir()
        let (store, _, _) = try makeStoreWithStation(dir)
        let before = try store.operators(includeDisabled: true).count
        let path = try file(dir, "操作员.csv", "name,role,pin_hash,pin_salt\n黑客管理员,admin,00,00\n")
        #expect(throws: StoreError.self) { try store.importCSV(table: "operator", from: path, by: nil) }
        for table in ["audit_log", "case_event", "aid_case"] {
            #expect(throws: StoreError.self) { try store.importCSV(table: table, from: path, by: nil) }
        }
        #expect(try store.operators(includeDisabled: true).count == before)
    }

    func expectRefused(_ text: String, line: Int, column: String, containing: String) throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        try store.saveApplicant(Applicant(name: "库中已有", idNumber: "11010519491231002X"), by: clerk.id)
        let audit = try store.auditCount()
        let path = try file(dir, "申请人.csv", text)
        do {
            try store.importCSV(table: "applicant", from: path, by: clerk.id)
            Issue.record("应拒绝：\(text)")
        } catch let failure as ImportFailure {
            #expect(failure.issues.contains { $0.line == line && $0.column == column && $0.message.contains(containing) },
                    "\(failure.issues.map(\.description))")
        }
        #expect(try applicants(store) == 1)
        #expect(try store.auditCount() == audit)
    }

    @Test func aBadIDNumberIsRefusedWithLineAndColumn() throws {
        try expectRefused("name,id_number\n张三,140525198001010010\n李四,110105194912310021\n", line: 3, column: "id_number", containing: "证件号码无效")
    }

    @Test func aBadDateIsRefusedWithLineAndColumn() throws {
        try expectRefused("name,birth_date\n张三,1980-02-30\n", line: 2, column: "birth_date", containing: "日期")
    }

    @Test func aDuplicateIDNumberIsRefused() throws {
        // Twice in the file, and once already on file under someone else.
        try expectRefused("name,id_number\n张三,140525198001010019\n张三丰,140525198001010019\n", line: 3, column: "id_number", containing: "第2行重复")
        try expectRefused("name,id_number\n王五,11010519491231002x\n", line: 2, column: "id_number", containing: "已登记")
    }

    @Test func aNULByteIsRefused() throws {
        try expectRefused("name,address\n张三,泽州县\u{0}巴公镇\n", line: 2, column: "address", containing: "控制字符")
    }

    @Test func everyImportedRecordHasItsOwnAuditEntryOnTheImportChannel() throws {
        let dir = TempDir()
        let (console, _, clerk) = try makeStoreWithStation(dir)
        try console.close()
        let store = try openStore(dir.file("法援.db"), channel: .importFile)
        let good = try file(dir, "申请人2.csv", "name,id_number,phone,created_at\n张三,140525198001010019,13800001111,2001-01-01T00:00:00Z\n\"王,五\",,,\n李四,,,\n")
        #expect(try store.importCSV(table: "applicant", from: good, by: clerk.id) == 3)
        let entries = try store.recentAudit(limit: 3)
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.action == "import" && $0.entity == "applicant" && $0.channel == "import" && $0.afterDigest != nil })
        #expect(Set(entries.map(\.entityID)).count == 3)
        #expect(entries.map(\.detail).sorted() == ["从 申请人2.csv 第2行导入", "从 申请人2.csv 第3行导入", "从 申请人2.csv 第4行导入"])
        // When a record was made is the store's to say, not the file's.
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT created_at FROM applicant") }.allSatisfy { !$0.hasPrefix("2001") })
        #expect(try store.verifyAudit().ok)
    }
}

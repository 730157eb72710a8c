import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

@Suite struct RepositoryTests {
    @Test func ticketsAreNumberedPerStationPerDay() throws {
        let dir = TempDir()
        let (store, centre, _) = try makeStoreWithStation(dir)
        let town = try store.addStation(Station(code: "140525101", name: "巴公镇工作站", kind: .township), by: nil)
        let a1 = try store.issueTicket(station: centre.id!, service: .consultation, on: "2026-06-08")
        let a2 = try store.issueTicket(station: centre.id!, service: .application, on: "2026-06-08")
        let b1 = try store.issueTicket(station: town.id!, service: .consultation, on: "2026-06-08")
        let a3 = try store.issueTicket(station: centre.id!, service: .consultation, on: "2026-06-09")
        #expect([a1.seq, a2.seq, b1.seq, a3.seq] as [Int] == [1, 2, 1, 1])
        #expect(a1.code == "A001" && a2.code == "B001")   // a number series per service letter (v16-queue-series)
        #expect(throws: StoreError.invalidInput(field: "day", message: "日期应为 YYYY-MM-DD 格式：六月八日")) {
            try store.issueTicket(station: centre.id!, service: .consultation, on: "六月八日")
        }
    }

    @Test func concurrentTicketsInOneProcessAreGapless() async throws {
        let dir = TempDir()
        let (store, centre, _) = try makeStoreWithStation(dir)
        let station = centre.id!
        let seqs = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try (0..<25).map { _ in try store.issueTicket(station: station, service: .consultation, on: "2026-06-08").seq }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        #expect(seqs.sorted() == Array(1...100))
    }

    @Test func caseLifecycleAllocatesNumbersAndAudits() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try store.saveApplicant(Applicant(name: "李秀英", idNumber: "14052519800101002x", gender: "F",
                                                       birthDate: "1980-01-01", phone: "13912345678",
                                                       groups: ["farmer"]), by: clerk.id)
        #expect(person.idNumber == "14052519800101002X")
        var numbers: [String] = []
        for _ in 0..<2 {
            let c = try store.openApplication(AidCase(centreID: centre.id!, applicantID: person.id!, kind: .civil,
                                                      cause: "labor_remuneration", appliedOn: "2026-06-08",
                                                      summary: "追索劳动报酬"), by: clerk.id)
            let accepted = try store.acceptCase(c.id!, on: "2026-06-09", by: clerk.id)
            numbers.append(accepted.caseNumber ?? "")
        }
        #expect(numbers == ["〔2026〕民援字第0001号", "〔2026〕民援字第0002号"])
        let lawyer = try store.addProvider(Provider(name: "赵律师", kind: .lawyer, organisation: "山西晋城律师事务所"), by: nil)
        _ = try store.decideCase(1, grant: true, on: "2026-06-10", reason: "", by: clerk.id)
        _ = try store.assignCase(1, to: lawyer.id!, on: "2026-06-11", by: clerk.id)
        // 四眼原则: whoever granted and assigned may not close; another operator does.
        #expect(throws: SeparationOfDuties.self) { try store.advanceCase(1, to: .closed, on: "2026-09-01", by: clerk.id) }
        let head = try store.addOperator(Operator(name: "主任郑明", role: .centreHead, stationID: centre.id), by: nil)
        let closed = try store.advanceCase(1, to: .closed, on: "2026-09-01", by: head.id)
        #expect(closed.step == .closed)
        #expect(throws: StoreError.self) { try store.acceptCase(1, on: "2026-09-02", by: clerk.id) }
        #expect(try store.caseTimeline(1).map(\.kind) == ["applied", "accept", "grant", "assign", "closed"])
        #expect(try store.verifyAuditChain() == nil)
        // ID numbers never appear in the audit log in clear.
        let auditText = try store.read { db in
            try String.fetchAll(db, sql: "SELECT detail || before_digest || after_digest FROM audit_log WHERE before_digest IS NOT NULL")
        }.joined()
        #expect(!auditText.contains("14052519800101002X"))
    }

    @Test func auditChainReportsTheFirstBrokenLink() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        for name in ["王芳", "刘伟", "陈静"] {
            try store.saveApplicant(Applicant(name: name), by: clerk.id)
        }
        #expect(try store.verifyAuditChain() == nil)
        let count = try store.auditCount()
        #expect(count == 5)
        // The store refuses to edit or delete audit rows (v12); an attacker drops the triggers first.
        #expect(throws: StoreError.self) { try store.write { db in try db.execute(sql: "UPDATE audit_log SET detail = '篡改' WHERE id = 4") } }
        #expect(throws: StoreError.self) { try store.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE id = 3") } }
        try store.write { db in try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete") }
        try store.write { db in try db.execute(sql: "UPDATE audit_log SET detail = '篡改' WHERE id = 4") }
        #expect(try store.verifyAuditChain() == 4)
        try store.write { db in try db.execute(sql: "UPDATE audit_log SET detail = '' WHERE id = 4") }
        #expect(try store.verifyAuditChain() == nil)
        try store.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE id = 3") }
        #expect(try store.verifyAuditChain() == 4)
    }

    @Test func redactionMasksIDNumbersInText() {
        #expect(Redaction.redactIDNumbers("申请人11010519491231002X已受理") == "申请人1101**********002X已受理")
        #expect(Redaction.redactIDNumbers("电话13812345678") == "电话13812345678")
    }

    @Test func draftsSurviveReopenAndCanBeDeleted() throws {
        let dir = TempDir()
        let path = dir.file("草稿.db")
        let store = try openStore(path)
        try store.saveDraft(operator: 7, form: "application", key: "new", payload: #"{"name":"张"}"#)
        try store.saveDraft(operator: 7, form: "application", key: "new", payload: #"{"name":"张三"}"#)
        try store.saveDraft(operator: 8, form: "consultation", key: "new", payload: #"{"topic":"婚姻"}"#)
        try store.close()
        let reopened = try openStore(path)
        let drafts = try reopened.drafts(for: 7)
        #expect(drafts.map(\.payload) == [#"{"name":"张三"}"#])
        try reopened.deleteDraft(operator: 7, form: "application", key: "new")
        #expect(try reopened.drafts(for: 7).isEmpty)
        #expect(try reopened.drafts(for: 8).count == 1)
    }
}

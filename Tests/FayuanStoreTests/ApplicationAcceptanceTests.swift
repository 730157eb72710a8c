import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

struct InjectedCrash: Error {}

@Suite struct ApplicationAcceptanceTests {
    static let day = LocalDate(iso: "2026-12-03")!

    static func application(_ person: PersonResolution = .new, id: String = "11010519491231002X",
                            phone: String? = "13812345678", confidential: Bool = false) -> AidApplication {
        AidApplication(
            applicant: .init(name: "张三丰", identity: .init(typed: id), phone: phone, address: "泽州县南村镇东街 8 号",
                             groups: ["migrant_worker"]),
            matter: .init(kind: .civil, cause: "labor_remuneration", opposingParty: "晋城市某建筑公司", summary: "拖欠工资三个月"),
            economy: .init(householdSize: 3, monthlyIncomeFen: 300_000, evidence: .commitment),
            documents: .init(received: ["identity", "application_form", "hardship_commitment"]),
            confidential: confidential, person: person)
    }

    static func acceptance(_ centre: Station) -> ApplicationAcceptance {
        ApplicationAcceptance(stationID: centre.id!, centreID: centre.id!, appliedOn: day, acceptedOn: day,
                              screening: ApplicationScreening(economicCheck: "required", reviewDue: "2026-12-10",
                                  snapshot: ScreeningSnapshot(ruleSetID: "national", ruleSetVersion: "2026.1", effectiveOn: "2026-01-01",
                                                              decision: "eligible", summary: "符合条件")),
                              draft: (form: "application", key: ""))
    }

    static func counts(_ store: CaseStore) throws -> [Int] {
        try store.read { db in
            try ["aid_case", "case_document", "case_screening", "case_event", "applicant", "audit_log", "draft"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1
            }
        }
    }

    @Test func acceptsInOneTransactionWithEverything() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        try store.saveDraft(operator: clerk.id!, form: "application", key: "", payload: "{}")
        let c = try store.acceptApplication(Self.application(confidential: true), Self.acceptance(centre), by: clerk)
        #expect(c.caseNumber == "〔2026〕民援字第0001号")
        #expect(try store.read { db in try Bool.fetchOne(db, sql: "SELECT special_group FROM aid_case WHERE id = ?", arguments: [c.id!]) } == true)
        let docs = try store.caseDocuments(c.id!)
        #expect(docs.first { $0.code == "household" }?.status == .missing)
        #expect(docs.first { $0.code == "household" }?.dueOn == "2026-12-18")
        #expect(docs.first { $0.code == "hardship_commitment" }?.status == .committed)
        #expect(try store.read { db in try Bool.fetchOne(db, sql: "SELECT confidential FROM aid_case WHERE id = ?", arguments: [c.id!]) } == true)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM case_screening") } == 1)
        #expect(try store.draft(operator: clerk.id!, form: "application", key: "") == nil)
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test(arguments: AcceptanceStep.allCases)
    func aCrashAfterAnyStepLeavesNothing(step: AcceptanceStep) throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try store.saveApplicant(Applicant(name: "张三丰", idNumber: "11010519491231002X", phone: "13900001111"), by: nil)
        try store.saveDraft(operator: clerk.id!, form: "application", key: "", payload: "{\"草稿\":1}")
        let before = try Self.counts(store)
        let app = Self.application(.existing(id: person.id!, acceptedChanges: [.phone, .address]), confidential: true)
        #expect(throws: InjectedCrash.self) {
            try store.acceptApplication(app, Self.acceptance(centre), by: clerk, failAfter: { if $0 == step { throw InjectedCrash() } })
        }
        #expect(try Self.counts(store) == before)
        #expect(try store.applicant(id: person.id!) == person)
        #expect(try store.draft(operator: clerk.id!, form: "application", key: "") != nil)
        // And without the crash the whole case is there.
        let c = try store.acceptApplication(app, Self.acceptance(centre), by: clerk)
        #expect(try store.caseDocuments(c.id!).count == 7)
        #expect(try store.applicant(id: person.id!)?.phone == "13812345678")
    }

    @Test func neverOverwritesAStoredFieldWithoutConfirmation() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try store.saveApplicant(Applicant(name: "李桂英", idNumber: "11010519491231002X", phone: "13900001111",
                                                       address: nil), by: nil)
        var app = Self.application(.existing(id: person.id!, acceptedChanges: []))
        app.applicant.name = "李桂英"
        // The phone differs: refused, naming the field; nothing written.
        let before = try Self.counts(store)
        #expect(throws: StoreError.invalidInput(field: "applicant.phone", message: "电话与档案不同：需经办人逐项确认后才能更改档案")) {
            try store.acceptApplication(app, Self.acceptance(centre), by: clerk)
        }
        #expect(try Self.counts(store) == before)
        // The comparison shows it masked.
        let changes = try store.personComparison(applicantID: person.id!, app, by: clerk)
        #expect(changes == [PersonChange(field: .phone, before: "139****1111", after: "13812345678")])
        // Blank phone: keeps the stored one; the empty address is filled without a question.
        app.applicant.phone = nil
        _ = try store.acceptApplication(app, Self.acceptance(centre), by: clerk)
        let after = try store.applicant(id: person.id!)!
        #expect(after.phone == "13900001111")
        #expect(after.address == "泽州县南村镇东街 8 号")
    }

    @Test func typingARegisteredNumberDoesNotAdoptThePerson() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try store.saveApplicant(Applicant(name: "王秀兰", idNumber: "11010519491231002X", phone: "13900001111"), by: nil)
        #expect(throws: StoreError.self) { try store.acceptApplication(Self.application(.new), Self.acceptance(centre), by: clerk) }
        #expect(try store.applicant(id: person.id!) == person)
        // Picking another person and typing this one's number is refused too.
        let other = try store.saveApplicant(Applicant(name: "赵四"), by: nil)
        #expect(throws: StoreError.self) {
            try store.acceptApplication(Self.application(.existing(id: other.id!, acceptedChanges: Set(PersonField.allCases))),
                                        Self.acceptance(centre), by: clerk)
        }
        #expect(try store.applicant(id: person.id!) == person)
    }

    @Test func identityNumbersAreUnique() throws {
        let dir = TempDir()
        let (store, _, _) = try makeStoreWithStation(dir)
        _ = try store.saveApplicant(Applicant(name: "张三", idNumber: "11010519491231002X"), by: nil)
        #expect(throws: (any Error).self) { try store.saveApplicant(Applicant(name: "张三（重复）", idNumber: "11010519491231002x"), by: nil) }
        _ = try store.saveApplicant(Applicant(name: "无证件甲", idType: "none"), by: nil)
        _ = try store.saveApplicant(Applicant(name: "无证件乙", idType: "none"), by: nil)
    }

    @Test func migrationMergesDuplicatesIntoTheOldest() throws {
        let dir = TempDir()
        let path = dir.file("旧库.db")
        do {
            let old = try CaseStore.open(StoreLocation(path: path), clock: fixedClock, migrateUpTo: "v10-audit-channel")
            let centre = try old.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre, population: 1), by: nil)
            let a = try old.saveApplicant(Applicant(name: "张三", idNumber: "11010519491231002X"), by: nil)
            let b = try old.saveApplicant(Applicant(name: "张三", idNumber: " 11010519491231002x", phone: "13812345678"), by: nil)
            try old.write { db in
                try db.execute(sql: "UPDATE applicant SET id_number = ' 11010519491231002x' WHERE id = ?", arguments: [b.id!])
            }
            let c = try old.takeApplication(IntakeTests.intake(centre, b), accept: false, acceptedOn: nil, role: .windowClerk, by: nil)
            #expect(a.id! < b.id! && c.applicantID == b.id)
            try old.close()
        }
        let store = try openStore(path)
        let people = try store.read { db in try SQLRow.fetchAll(db, sql: "SELECT id, phone FROM applicant") }
        #expect(people.count == 1)
        let kept: Int64 = people[0]["id"]
        #expect(people[0]["phone"] as String? == "13812345678")
        #expect(try store.read { db in try Int64.fetchOne(db, sql: "SELECT applicant_id FROM aid_case") } == kept)
        let merge = try store.read { db in try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE action = 'merge'") }
        #expect(merge?.contains("已并入较早登记的 #\(kept)") == true)
        #expect(try store.verifyAuditChain() == nil)
        #expect(try store.appliedMigrations().contains("v14-intake-identity"))
    }

    @Test func confidentialRevealIsRefusedForClerkAndUnassignedDutyLawyer() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let c = try store.acceptApplication(Self.application(confidential: true), Self.acceptance(centre), by: clerk)
        let duty = try store.addOperator(Operator(name: "值班刘律师", role: .dutyLawyer, stationID: centre.id), by: nil)
        let reviewer = try store.addOperator(Operator(name: "审查陈芳", role: .reviewer, stationID: centre.id), by: nil)
        let audits = try store.auditCount()
        for op in [clerk, duty] {
            #expect(throws: StoreError.self) { try store.revealPersonField(c.applicantID, .phone, reason: "回访", by: op) }
            #expect(throws: StoreError.self) { try store.revealPersonField(c.applicantID, .idNumber, reason: "核对", by: op) }
            #expect(throws: StoreError.self) { try store.personRecord(c.applicantID, reason: "核对", by: op) }
            let masked = try store.maskedPerson(c.applicantID, by: op)
            #expect(masked.phoneMasked == "（保密）" && masked.addressMasked == "（保密）")
            #expect(masked.idNumberMasked == "1101**********002X")
        }
        #expect(try store.auditCount() == audits + 2)   // the two masked reads
        #expect(throws: StoreError.self) { try store.revealPersonField(c.applicantID, .phone, reason: "  ", by: reviewer) }
        #expect(try store.revealPersonField(c.applicantID, .phone, reason: "电话回访", by: reviewer) == "13812345678")
        let last = try store.read { db in try SQLRow.fetchOne(db, sql: "SELECT action, detail, operator_id FROM audit_log ORDER BY id DESC LIMIT 1") }
        #expect(last?["action"] as String? == "reveal")
        #expect(last?["detail"] as String? == "查看完整电话：电话回访")
        #expect(last?["operator_id"] as Int64? == reviewer.id)
    }

    @Test func readingAFullRecordIsAudited() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        let p = try store.saveApplicant(Applicant(name: "孙秀兰", idNumber: "11010519491231002X", phone: "13812345678"), by: nil)
        let n = try store.auditCount()
        let full = try store.personRecord(p.id!, reason: "核对户籍", by: clerk)
        #expect(full.idNumber == "11010519491231002X")
        #expect(try store.auditCount() == n + 1)
        let row = try store.read { db in try SQLRow.fetchOne(db, sql: "SELECT action, entity, entity_id, operator_id, detail, at FROM audit_log ORDER BY id DESC LIMIT 1") }!
        #expect(row["action"] as String == "read" && row["entity"] as String == "applicant")
        #expect(row["entity_id"] as String == String(p.id!) && row["operator_id"] as Int64? == clerk.id)
        #expect((row["detail"] as String).contains("核对户籍"))
    }

    @Test func fullNumberSearchAnswersByRoleAndIsAudited() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        _ = try store.saveApplicant(Applicant(name: "周桂芝", idNumber: "11010519491231002X", phone: "13812345678"), by: nil)
        let n = try store.auditCount()
        #expect(try store.searchPeople("11010519491231002X", by: nil) == .identityCheck(found: true))
        #expect(try store.searchPeople("440308199901101512", by: nil) == .identityCheck(found: false))
        guard case .hits(let hits) = try store.searchPeople("11010519491231002x", by: clerk) else { Issue.record("应返回结果"); return }
        #expect(hits.map(\.name) == ["周桂芝"])
        #expect(try store.auditCount() == n + 3)
        let details = try store.read { db in try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'search' ORDER BY id") }
        #expect(details == ["按完整证件号码查询：找到（仅答复是否找到）", "按完整证件号码查询：未找到（仅答复是否找到）", "按完整证件号码查询：找到"])
        #expect(!details.joined().contains("11010519491231002X"))
        // Partial searches are not whole-number look-ups: hits, no audit entry, no birth date.
        guard case .hits(let partial) = try store.searchPeople("002X", by: nil) else { Issue.record("应返回结果"); return }
        #expect(partial.first?.idNumberMasked == "1101**********002X")
        let json = String(decoding: try JSONEncoder().encode(partial), as: UTF8.self)
        #expect(!json.contains("1949"))
        #expect(try store.auditCount() == n + 3)
    }

    @Test func supplementedDocumentsEndTheSupplementClock() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        var app = Self.application()
        app.documents.received = ["identity", "application_form", "hardship_commitment", "labor_proof", "wage_arrears"]
        let c = try store.acceptApplication(app, Self.acceptance(centre), by: clerk)
        #expect(try store.caseDocuments(c.id!).filter { $0.status == .missing }.map(\.code) == ["household", "dispute_evidence"])
        #expect(throws: StoreError.self) {
            try store.recordSupplementedDocument(caseID: c.id!, code: "household", on: Self.day, broughtBy: " ", by: clerk)
        }
        // Not on a day still to come (issue 19: every date entered is checked against today).
        #expect(throws: StoreError.self) {
            try store.recordSupplementedDocument(caseID: c.id!, code: "household", on: LocalDate(iso: "2099-01-01")!, broughtBy: "本人", by: clerk)
        }
        let first = try store.recordSupplementedDocument(caseID: c.id!, code: "household", on: Self.day,
                                                         broughtBy: "女儿张小红代交", by: clerk)
        #expect(first.remaining == 1 && !first.complete)
        #expect(throws: StoreError.self) {
            try store.recordSupplementedDocument(caseID: c.id!, code: "household", on: Self.day, broughtBy: "本人", by: clerk)
        }
        let last = try store.recordSupplementedDocument(caseID: c.id!, code: "dispute_evidence", on: Self.day,
                                                        broughtBy: "本人", by: clerk)
        #expect(last.complete)
        #expect(try store.supplementRecord(caseID: c.id!, code: "household")?.broughtBy == "女儿张小红代交")
        #expect(try store.supplementRecord(caseID: c.id!, code: "household")?.day == "2026-12-03")
        #expect(try store.caseTimeline(c.id!).last?.note.contains("材料已补齐，补正期限结束") == true)
        // The 补正 clock is gone from the case's clocks; the review clock stays as recorded.
        #expect(try store.reviewDue(c.id!) == "2026-12-10")
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT min(due_on) FROM case_document WHERE case_id = ? AND status = 'missing'", arguments: [c.id!]) } == nil)
    }
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// 特殊群体标记由申请人按一条规则（SpecialGroupRule）推定：受理、改档、导入、造数、升级都用它。
@Suite struct SpecialGroupTests {
    static func flag(_ store: CaseStore, _ caseID: Int64) throws -> Bool {
        try store.read { db in try Bool.fetchOne(db, sql: "SELECT special_group FROM aid_case WHERE id = ?", arguments: [caseID])! }
    }

    static func application(id: String, groups: Set<GroupCode> = [], person: PersonResolution = .new) -> AidApplication {
        AidApplication(
            applicant: .init(name: "赵大爷", identity: .init(typed: id), phone: "13812345678", address: "泽州县巴公镇西街 3 号",
                             groups: groups),
            matter: .init(kind: .civil, cause: "support_payment", opposingParty: "赵某某", summary: "子女不付赡养费"),
            economy: .init(householdSize: 1, monthlyIncomeFen: 80_000, evidence: .commitment),
            documents: .init(received: ["identity", "application_form", "hardship_commitment"]), person: person)
    }

    @Test("76岁的新申请人（男，未填群体）受理后计入特殊群体") func seventySixYearOldIsFlagged() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        // 140525 1950-05-01 男：2026-12-03 申请时76周岁。
        let c = try store.acceptApplication(Self.application(id: "140525195005010119"),
                                            ApplicationAcceptanceTests.acceptance(centre), by: clerk)
        #expect(try Self.flag(store, c.id!))
    }

    @Test("已登记（只有身份证号）的76岁申请人再次申请：同样计入") func registeredWithIDOnly() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try store.saveApplicant(Applicant(name: "赵大爷", idNumber: "140525195005010119"), by: nil)
        let intake = ApplicationIntake(applicantID: person.id!, stationID: centre.id!, centreID: centre.id!, kind: .civil,
                                       cause: "support_payment", appliedOn: "2026-12-03")
        let c = try store.takeApplication(intake, accept: true, acceptedOn: "2026-12-03", role: .reviewer, by: clerk.id)
        #expect(try Self.flag(store, c.id!))
    }

    @Test("八类以外：30岁男性低保对象不计入；30岁女性计入（妇女）") func outsidersAndWomen() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let man = try store.saveApplicant(Applicant(name: "钱建国", idNumber: SeedIDNumber.make(area: "140525", birth: "1996-03-02", seq: 31),
                                                    groups: ["subsistence_allowance"]), by: nil)
        let woman = try store.saveApplicant(Applicant(name: "孙丽娟", idNumber: SeedIDNumber.make(area: "140525", birth: "1996-03-02", seq: 32)), by: nil)
        func take(_ p: Applicant) throws -> AidCase {
            try store.takeApplication(ApplicationIntake(applicantID: p.id!, stationID: centre.id!, centreID: centre.id!, kind: .civil,
                                                        cause: "loan_dispute", appliedOn: "2026-12-03"),
                                      accept: false, acceptedOn: nil, role: .reviewer, by: clerk.id)
        }
        #expect(try !Self.flag(store, take(man).id!))
        let hers = try take(woman)
        #expect(try Self.flag(store, hers.id!))
        // 改档后标记随之更新，并留审计。
        var edited = try store.applicant(id: man.id!)!
        edited.groups = ["subsistence_allowance", "farmer"]
        _ = try store.saveApplicant(edited, by: clerk.id)
        #expect(try store.specialGroupMismatches() == 0)
        #expect(try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE entity = 'aid_case' AND detail LIKE '认定为特殊群体案件%'")
        } == 1)
    }

    @Test("导入群体（农民）后，该申请人的案件改为特殊群体") func importedGroups() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let man = try store.saveApplicant(Applicant(name: "李国强", idNumber: SeedIDNumber.make(area: "140525", birth: "1980-07-09", seq: 51)), by: nil)
        let c = try store.takeApplication(ApplicationIntake(applicantID: man.id!, stationID: centre.id!, centreID: centre.id!, kind: .civil,
                                                            cause: "land_contract", appliedOn: "2026-12-03"),
                                          accept: false, acceptedOn: nil, role: .reviewer, by: clerk.id)
        #expect(try !Self.flag(store, c.id!))
        let csv = dir.file("群体.csv")
        try "applicant_id,code\n\(man.id!),farmer\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try store.importCSV(table: "applicant_group", from: csv, by: clerk.id) == 1)
        #expect(try Self.flag(store, c.id!))
    }

    @Test("造数（演示库）与八类特殊群体一致：没有一件矛盾") func seededStoreAgrees() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("演示.db"))
        _ = try store.seed(SeedOptions(persons: 400, cases: 136, consultations: 0, seed: 7, today: "2026-12-03"))
        #expect(try store.specialGroupMismatches() == 0)
        let flagged = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM aid_case WHERE special_group = 1")! }
        #expect(flagged > 0 && flagged < 136)
    }

    @Test("升级 v18-special-group：旧库中随机的标记按规则重算，并记一条审计") func migrationRecomputes() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("旧库.db"))
        _ = try store.seed(SeedOptions(persons: 200, cases: 60, consultations: 0, seed: 3, today: "2026-12-03"))
        // 模拟规则之前写入的库：标记全部取反。
        try store.write { db in try db.execute(sql: "UPDATE aid_case SET special_group = 1 - special_group") }
        #expect(try store.specialGroupMismatches() == 60)
        try store.write { db in try V18SpecialGroup.migrate(db) }
        #expect(try store.specialGroupMismatches() == 0)
        #expect(try store.read { db in
            try String.fetchOne(db, sql: "SELECT detail FROM audit_log WHERE detail LIKE '升级 v18-special-group%'")
        }?.contains("重新认定 60 件") == true)
        #expect(try store.verifyAuditChain() == nil)
    }
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore
import GRDB

/// Issue 16's store methods: each change audited, bad input refused at the field with nothing
/// written, permissions and separation of duties enforced in the store.
@Suite struct AdministrationTests {
    static func admin(_ store: CaseStore) throws -> Operator {
        try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
    }

    static func audits(_ store: CaseStore, _ entity: String, _ action: String? = nil) throws -> Int {
        try store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE entity = ? AND (? IS NULL OR action = ?)",
                             arguments: [entity, action, action]) ?? 0
        }
    }

    static func field(_ body: () throws -> Void) -> String? {
        do { try body() } catch StoreError.invalidInput(let field, _) { return field } catch { return "\(error)" }
        return nil
    }

    @Test func migrationWidensRolesAndKindsAndKeepsForeignKeys() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        #expect(try store.appliedMigrations().contains("v17-admin"))
        let admin = try Self.admin(store)
        let head = try store.createOperator(name: "主任刘强", role: .centreHead, pin: "135790", by: .commandLine, kdfRounds: 1000)
        #expect(head.role == .centreHead)
        let point = try store.saveStation(Station(code: "140525101201", name: "北石店村联络点", kind: .liaisonPoint,
                                                  address: "北石店村委会", dutyPattern: .onCall), by: .operatorRecord(admin))
        #expect(try store.allStations().first { $0.id == point.id }?.kind == .liaisonPoint)
        #expect(try store.allStations().first { $0.id == point.id }?.address == "北石店村委会")
        // The rebuilt operator table keeps v8's provider link and every reference to it.
        let lawyer = try store.addProvider(Provider(name: "王律师", kind: .lawyer), by: nil)
        try store.linkOperator(head.id!, toProvider: lawyer.id, by: .commandLine)
        #expect(try store.operatorRecord(id: head.id!)?.providerID == lawyer.id)
        let problems = try store.read { db in try SQLRow.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(problems.isEmpty)
    }

    @Test func stationsAreValidatedAtTheFieldAndAudited() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let admin = try Self.admin(store)
        let actor = Actor.operatorRecord(admin)
        #expect(Self.field { try store.saveStation(Station(code: "14052", name: "泽州县中心", kind: .countyCentre), by: actor) } == "代码")
        #expect(Self.field { try store.saveStation(Station(code: "140525000", name: "  ", kind: .countyCentre), by: actor) } == "名称")
        #expect(try store.allStations().isEmpty, "拒绝时什么也不写")
        var centre = try store.saveStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: actor)
        #expect(Self.field { try store.saveStation(Station(code: "140525000", name: "重复的中心", kind: .township), by: actor) } == "代码")
        centre.address = "泽州县丹河路 1 号"
        centre.dutyPattern = .workdays
        try store.saveStation(centre, by: actor)
        #expect(try store.allStations().first?.address == "泽州县丹河路 1 号")
        #expect(try Self.audits(store, "station", "create") == 1)
        #expect(try Self.audits(store, "station", "update") == 1)
        // The last open station cannot be closed; a second one can.
        #expect(Self.field { try store.setStationDisabled(centre.id!, true, by: actor) } == "站点")
        let town = try store.saveStation(Station(code: "140525102", name: "巴公镇公共法律服务工作站", kind: .township,
                                                 parentID: centre.id, dutyPattern: .tuesday), by: actor)
        try store.setStationDisabled(town.id!, true, by: actor)
        #expect(try store.allStations().first { $0.id == town.id }?.disabled == true)
        #expect(try Self.audits(store, "station", "disable") == 1)
        // A clerk may not.
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: actor, kdfRounds: 1000)
        #expect(throws: PermissionDenied(role: .windowClerk, permission: .manageSettings)) {
            try store.saveStation(Station(code: "140525103", name: "高都镇工作站", kind: .township), by: .operatorRecord(clerk))
        }
    }

    @Test func windowsServeChosenServicesAndNumbersAreUnique() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let actor = Actor.operatorRecord(try Self.admin(store))
        let centre = try store.saveStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: actor)
        let one = try store.saveServiceWindow(ServiceWindow(stationID: centre.id!, number: "1", services: ["consultation", "application"]), by: actor)
        #expect(Self.field { try store.saveServiceWindow(ServiceWindow(stationID: centre.id!, number: "1", services: ["document"]), by: actor) } == "窗口号")
        #expect(Self.field { try store.saveServiceWindow(ServiceWindow(stationID: centre.id!, number: "2", services: []), by: actor) } == "业务")
        #expect(Self.field { try store.saveServiceWindow(ServiceWindow(stationID: centre.id!, number: "二", services: ["document"]), by: actor) } == "窗口号")
        #expect(Self.field { try store.saveServiceWindow(ServiceWindow(stationID: centre.id!, number: "2", services: ["咨询"]), by: actor) } == "业务")
        var edited = one
        edited.services = ["consultation"]
        try store.saveServiceWindow(edited, by: actor)
        try store.setServiceWindowDisabled(one.id!, true, by: actor)
        let windows = try store.serviceWindows(stationID: centre.id!)
        #expect(windows.map(\.number) == ["1"])
        #expect(windows.first?.services == ["consultation"] && windows.first?.disabled == true)
        #expect(try Self.audits(store, "service_window") == 3)
    }

    @Test func firstRunCentreIsOneTransaction() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let admin = try Self.admin(store)
        let actor = Actor.operatorRecord(admin)
        #expect(Self.field { try store.setUpCentre(CentreSetup(name: "泽州县中心", regionCode: "1405", kind: .countyCentre,
                                                                 windows: [("1", ["consultation"])]), by: actor) } == "地区代码")
        // A bad window rolls the station back too.
        #expect(Self.field { try store.setUpCentre(CentreSetup(name: "泽州县中心", regionCode: "140525", kind: .countyCentre,
                                                                 windows: [("1", ["consultation"]), ("1", ["application"])]), by: actor) } == "窗口号")
        #expect(try store.allStations().isEmpty)
        let centre = try store.setUpCentre(CentreSetup(name: "泽州县公共法律服务中心", regionCode: "140525", kind: .countyCentre,
                                                       windows: [("1", ["consultation", "application"]), ("2", ["document"])]), by: actor)
        #expect(centre.code == "140525000")
        #expect(try store.serviceWindows(stationID: centre.id!).map(\.number) == ["1", "2"])
        #expect(try store.operatorRecord(id: admin.id!)?.stationID == centre.id)
        #expect(Self.field { try store.loadDemoStations(by: actor) } == "站点")
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test func demoStationsLoadTheZezhouCentreWithThreeWindows() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let stations = try store.loadDemoStations(by: .operatorRecord(try Self.admin(store)))
        #expect(stations.count == SeedData.zezhouStations.count)
        let centre = try #require(stations.first { $0.kind == .countyCentre })
        #expect(centre.name == "泽州县公共法律服务中心")
        #expect(try store.serviceWindows(stationID: centre.id!).count == 3)
        #expect(stations.filter { $0.kind == .township }.allSatisfy { $0.parentID == centre.id })
    }

    @Test func operatorsChangeRoleUnlockAndTheLastAdministratorStays() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let admin = try Self.admin(store)
        let actor = Actor.operatorRecord(admin)
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: actor, kdfRounds: 1000)
        #expect(Self.field { try store.updateOperator(admin.id!, name: "张敏", role: .reviewer, stationID: nil, by: actor) } == "角色")
        #expect(Self.field { try store.updateOperator(clerk.id!, name: "张敏", role: .reviewer, stationID: nil, by: actor) } == "姓名")
        let promoted = try store.updateOperator(clerk.id!, name: "李娜", role: .centreHead, stationID: nil, by: actor)
        #expect(promoted.role == .centreHead)
        for _ in 0..<5 { _ = try store.login(operatorID: clerk.id!, pin: "000000") }
        #expect(try store.operatorRecord(id: clerk.id!)?.lockedUntil != nil)
        try store.unlockOperator(clerk.id!, by: actor)
        #expect(try store.operatorRecord(id: clerk.id!)?.lockedUntil == nil)
        if case .success = try store.login(operatorID: clerk.id!, pin: "482615") {} else { Issue.record("解锁后应能登录") }
        #expect(try Self.audits(store, "operator", "unlock") == 1)
        #expect(try Self.audits(store, "operator", "update") == 1)
        #expect(throws: PermissionDenied(role: .centreHead, permission: .manageOperators)) {
            try store.unlockOperator(admin.id!, by: .operatorRecord(promoted))
        }
    }

    @Test func providersWithProfileAndStatus() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let actor = Actor.operatorRecord(try Self.admin(store))
        #expect(Self.field { try store.saveProvider(ProviderEdit(name: "王律师", kind: .lawyer, practiceYears: 80), by: actor) } == "执业年限")
        #expect(Self.field { try store.saveProvider(ProviderEdit(name: "王律师", kind: .lawyer, phone: "138"), by: actor) } == "电话")
        #expect(Self.field { try store.saveProvider(ProviderEdit(name: "", kind: .lawyer), by: actor) } == "姓名")
        #expect(try store.providerEdits().isEmpty)
        let id = try store.saveProvider(ProviderEdit(name: "王律师", kind: .lawyer, organisation: "山西泽州律师事务所", phone: "13800000001",
                                                     specialties: ["labor_remuneration"], practiceYears: 5, maxLoad: 8), by: actor)
        try store.saveProvider(ProviderEdit(id: id, name: "王律师", kind: .lawyer, isLeading: true, specialties: ["labor_remuneration", "work_injury"],
                                            practiceYears: 6, maxLoad: 10), by: actor)
        try store.setProviderActive(id, false, by: actor)
        let listed = try #require(try store.providerEdits().first)
        #expect(listed.edit.isLeading && listed.edit.practiceYears == 6 && listed.edit.maxLoad == 10 && !listed.active)
        #expect(listed.edit.specialties == ["labor_remuneration", "work_injury"])
        #expect(try store.providerListings().first?.practiceYears == 6, "fayuan provider 读到同样的资料")
        #expect(try Self.audits(store, "provider") == 3)
    }

    @Test func settingsAuditOneEntryPerChangedValue() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        let actor = Actor.operatorRecord(try Self.admin(store))
        #expect(try store.consoleSettings() == ConsoleSettings())
        var s = ConsoleSettings()
        s.idleLockMinutes = 10
        s.voice = "window"
        s.printer = "前台打印机"
        try store.setConsoleSettings(s, by: actor)
        #expect(try store.consoleSettings() == s)
        #expect(try store.securitySettings().idleLockMinutes == 10)
        #expect(try Self.audits(store, "setting") == 3)
        s.voice = "loud"
        #expect(Self.field { try store.setConsoleSettings(s, by: actor) } == "语音叫号")
        s.voice = "off"
        s.printFolder = "相对/目录"
        #expect(Self.field { try store.setConsoleSettings(s, by: actor) } == "打印目录")
        #expect(try Self.audits(store, "setting") == 3, "拒绝时什么也不写")
    }

    @Test func demoStoresAreMarked() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("法援.db"))
        #expect(try !store.isDemoStore())
        #expect(try store.demoLoginNote() == nil)
        try store.markDemoStore(loginNote: "演示库：下列操作员的 PIN 均为 246810——演示管理员")
        #expect(try store.isDemoStore())
        #expect(try store.demoLoginNote()?.contains("演示管理员") == true)
    }

    @Test func qualityReviewIsNotByTheHandlingLawyerNorTheDecider() throws {
        let dir = TempDir()
        let w = try PipelineTests.world(dir)
        let c = try PipelineTests.acceptedCase(w)
        let lawyer = w.lawyers[0]
        try w.store.decide(c.id!, grant: true, reasons: ["in_scope_hardship"], text: "", on: "2026-06-09", role: .reviewer, by: w.reviewer.id)
        try w.store.assign(c.id!, to: lawyer.id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-10",
                           role: .reviewer, by: w.reviewer.id)
        try w.store.submitForClosing(c.id!, outcome: "调解结案", on: "2026-07-01", role: .reviewer, by: w.reviewer.id)
        // 四眼原则: the closing review is a second person's.
        let closer = try w.store.addOperator(Operator(name: "审查员周结", role: .reviewer, stationID: w.centre.id), by: nil)
        try w.store.reviewClosing(c.id!, approve: true, note: "", on: "2026-07-02", role: .reviewer, by: closer.id)
        let points = [9, 9, 18, 18, 9, 18, 9]
        // The reviewer who granted the aid.
        #expect(Self.field {
            try w.store.recordQualityReview(c.id!, points: points, kind: "administrative", peerName: "", note: "", on: "2026-08-01",
                                            role: .reviewer, by: w.reviewer.id)
        } == "评查人")
        // A reviewer who is the handling lawyer (operator linked to the provider).
        let lawyerReviewer = try w.store.addOperator(Operator(name: "审查员王律", role: .reviewer, stationID: w.centre.id), by: nil)
        try w.store.linkOperator(lawyerReviewer.id!, toProvider: lawyer.id, by: .commandLine)
        #expect(Self.field {
            try w.store.recordQualityReview(c.id!, points: points, kind: "administrative", peerName: "", note: "", on: "2026-08-01",
                                            role: .reviewer, by: lawyerReviewer.id)
        } == "评查人")
        // The handling lawyer as peer reviewer.
        #expect(Self.field {
            try w.store.assignPeerReviewer(c.id!, name: lawyer.name, providerID: lawyer.id, role: .reviewer, by: w.reviewer.id)
        } == "评查人")
        // Someone independent may.
        let other = try w.store.addOperator(Operator(name: "审查员孙丽", role: .reviewer, stationID: w.centre.id), by: nil)
        let scored = try w.store.recordQualityReview(c.id!, points: points, kind: "administrative", peerName: "", note: "",
                                                     on: "2026-08-01", role: .reviewer, by: other.id)
        #expect(scored.total == 90)
    }
}

/// The demo's data obey the program's own calendar (issue 16): no tickets or duty on a holiday.
@Suite struct DemoSeedCalendarTests {
    @Test func noDutyOrTicketsOnHolidaysAndNewYearOfAnUncoveredYear() throws {
        // 2026's calendar as the rule library has it for these days: 元旦 off, 国庆 off, 10-10 (Sat) 调休 working.
        let d = { (s: String) in LocalDate(iso: s)! }
        let calendar = HolidayCalendar(years: [HolidayYear(year: 2026, offDays: [d("2026-10-01"), d("2026-10-02"), d("2026-10-05")],
                                                           makeUpWorkdays: [d("2026-10-10")], source: "国务院办公厅通知（测试）")])
        let (off, extra) = SeedOptions.daysOff(around: "2026-12-03", calendar: calendar)
        #expect(off.contains("2026-10-01") && off.contains("2026-10-05"))
        #expect(extra == ["2026-10-10"])
        #expect(off.contains("2027-01-01"), "未收录的年份也不在元旦排班")
        let dir = TempDir()
        let store = try openStore(dir.file("演示.db"))
        _ = try store.seed(SeedOptions(persons: 50, cases: 0, consultations: 0, seed: 1, today: "2026-12-03", offDays: off, extraWorkdays: extra))
        let onHolidays = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM duty_shift WHERE day IN ('2026-10-01', '2026-10-02', '2026-10-05', '2027-01-01')") ?? -1
        }
        #expect(onHolidays == 0)
        let tickets = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_ticket WHERE day = '2026-11-30'") ?? 0 }
        #expect(tickets > 0, "普通工作日照常有排队号")
        let makeUp = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM duty_shift WHERE day = '2026-10-10'") ?? 0 }
        #expect(makeUp > 0, "调休上班的周六有值班")
    }
}

/// v17-admin on a store that already has data: the operator and station tables are rebuilt with
/// every row, column and reference kept.
@Suite struct V17MigrationTests {
    @Test func rebuildKeepsRowsAndReferences() throws {
        let dir = TempDir()
        let path = dir.file("旧案件库.db")
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v10-audit-channel")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO station(id, code, name, kind, created_at) VALUES (1, '140525000', '泽州县公共法律服务中心', 'county_centre', 'x')")
            try db.execute(sql: "INSERT INTO station(id, code, name, kind, parent_id, created_at) VALUES (2, '140525101', '北石店镇工作站', 'township', 1, 'x')")
            try db.execute(sql: "INSERT INTO provider(id, name, kind, created_at) VALUES (7, '王律师', 'lawyer', 'x')")
            try db.execute(sql: """
                INSERT INTO operator(id, name, role, station_id, pin_hash, failed_attempts, disabled, created_at, provider_id)
                VALUES (3, '王丽', 'window_clerk', 2, 'hash', 2, 0, 'x', 7)
                """)
            try db.execute(sql: "INSERT INTO queue_ticket(station_id, day, seq, code, service, priority, status, issued_at) VALUES (2, '2026-06-08', 1, 'A001', 'consultation', 'normal', 'waiting', 'x')")
        }
        try queue.close()
        let store = try openStore(path)
        #expect(try store.appliedMigrations().contains("v17-admin"))   // later migrations (v18-…) follow it
        let clerk = try #require(try store.operatorRecord(id: 3))
        #expect(clerk.name == "王丽" && clerk.stationID == 2 && clerk.providerID == 7 && clerk.failedAttempts == 2)
        let stations = try store.allStations()
        #expect(stations.map(\.name) == ["泽州县公共法律服务中心", "北石店镇工作站"])
        #expect(stations[1].parentID == 1 && stations[1].dutyPattern == .workdays && !stations[1].disabled)
        let problems = try store.read { db in try SQLRow.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(problems.isEmpty)
        // The widened checks: a centre head and a liaison point are accepted, an unknown role is not.
        try store.write { db in
            try db.execute(sql: "UPDATE operator SET role = 'centre_head' WHERE id = 3")
            try db.execute(sql: "UPDATE station SET kind = 'liaison_point' WHERE id = 2")
        }
        #expect(throws: StoreError.self) {
            try store.write { db in try db.execute(sql: "UPDATE operator SET role = 'boss' WHERE id = 3") }
        }
    }
}

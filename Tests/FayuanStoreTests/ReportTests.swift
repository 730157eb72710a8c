import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Every indicator from the store against a recomputation that reads the raw rows and applies the
/// written definitions (docs/indicators.md) by hand, on a seeded store, for several periods and
/// scopes. The store's SQL and this loop share nothing but the data.
@Suite("Reports 指标查询与独立复算", .serialized) struct ReportTests {
    static let today = LocalDate(iso: "2026-06-08")!

    /// One seeded store for the suite (seeding is the slow part), with some tickets called.
    static let seeded: (dir: String, store: CaseStore) = {
        let dir = NSTemporaryDirectory() + "fayuan-report-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try! openStore(dir + "/报表.db")
        _ = try! store.seed(SeedOptions(persons: 3000, cases: 5000, consultations: 6000))
        try! store.write { db in
            try db.execute(sql: """
                UPDATE queue_ticket SET called_at = strftime('%Y-%m-%dT%H:%M:%S.000Z', julianday(issued_at) + (id % 30) / 1440.0)
                WHERE id % 3 = 0
                """)
        }
        return (dir, store)
    }()

    struct CaseRow {
        var id: Int64, station: Int64?, applicant: Int64, cause: String, step: String, special: Bool
        var applied: String, accepted: String?, decided: String?, assigned: String?, closed: String?, archived: String?
    }

    /// The independent recomputation.
    static func recompute(_ store: CaseStore, period: ReportPeriod, stationCode: String?, limit: Int) throws -> IndicatorFigures {
        try store.read { db in
            let stations = try SQLRow.fetchAll(db, sql: "SELECT id, code, kind, population FROM station")
            let stationID: Int64? = stationCode.flatMap { code in stations.first { $0["code"] == code }?["id"] }
            let population: Int? = stationCode == nil
                ? stations.first { $0["kind"] == "county_centre" }?["population"]
                : stations.first { $0["code"] == stationCode }?["population"]
            var f = IndicatorFigures(period: period, stationCode: stationCode, population: population, archiveLimitDays: limit)
            let from = period.from.iso, to = period.to.iso
            func within(_ day: String?) -> Bool { day.map { $0 >= from && $0 <= to } ?? false }
            func here(_ s: Int64?) -> Bool { stationID == nil || s == stationID }
            func days(_ a: String, _ b: String) -> Int { LocalDate(iso: a)!.days(to: LocalDate(iso: b)!) }

            for r in try SQLRow.fetchAll(db, sql: "SELECT station_id, day, satisfaction FROM consultation") where within(r["day"]) && here(r["station_id"]) {
                f.consultations += 1
                if let s: String = r["satisfaction"] {
                    f.consultationsRated += 1
                    if s == "satisfied" || s == "basically_satisfied" { f.consultationsSatisfied += 1 }
                }
            }
            let cases = try SQLRow.fetchAll(db, sql: "SELECT * FROM aid_case").map { r in
                CaseRow(id: r["id"], station: r["station_id"], applicant: r["applicant_id"], cause: r["cause"], step: r["step"],
                        special: r["special_group"], applied: r["applied_on"], accepted: r["accepted_on"], decided: r["decided_on"],
                        assigned: r["assigned_on"], closed: r["closed_on"], archived: r["archived_on"])
            }.filter { here($0.station) }
            var groupsOf: [Int64: [String]] = [:]
            for r in try SQLRow.fetchAll(db, sql: "SELECT applicant_id, code FROM applicant_group") { groupsOf[r["applicant_id"], default: []].append(r["code"]) }
            var visits: [Int64: [String]] = [:]
            for r in try SQLRow.fetchAll(db, sql: "SELECT case_id, phase FROM return_visit") { visits[r["case_id"], default: []].append(r["phase"]) }
            let reviewed = Set(try Int64.fetchAll(db, sql: "SELECT case_id FROM quality_review"))
            var persons = Set<Int64>()
            for c in cases {
                if within(c.accepted) {
                    f.casesAccepted += 1
                    f.acceptedByCause[c.cause, default: 0] += 1
                    for g in groupsOf[c.applicant] ?? [] { f.acceptedByGroup[g, default: 0] += 1 }
                }
                if within(c.decided) {
                    f.reviewed += 1
                    f.reviewDays += days(c.applied, c.decided!)
                    if ["granted", "assigned", "handling", "closed", "archived"].contains(c.step) { persons.insert(c.applicant) }
                }
                if within(c.assigned), let decided = c.decided {
                    f.assigned += 1
                    f.assignmentDays += days(decided, c.assigned!)
                }
                if within(c.closed), c.step == "closed" || c.step == "archived", let closed = c.closed {
                    f.casesClosed += 1
                    if let archived = c.archived {
                        f.archiveDue += 1
                        if days(closed, archived) <= limit { f.archivedInTime += 1 }
                    } else if days(closed, today.iso) > limit {
                        f.archiveDue += 1
                    }
                    if (visits[c.id] ?? []).contains("after") { f.returnVisited += 1 }
                    if reviewed.contains(c.id) { f.spotChecked += 1 }
                    if c.special { f.specialGroupCases += 1 }
                }
            }
            f.aidedPersons = persons.count
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            for r in try SQLRow.fetchAll(db, sql: "SELECT station_id, day, issued_at, called_at FROM queue_ticket WHERE called_at IS NOT NULL")
                where within(r["day"]) && here(r["station_id"]) {
                f.queueCalled += 1
                f.queueWaitSeconds += formatter.date(from: r["called_at"])!.timeIntervalSince(formatter.date(from: r["issued_at"])!)
            }
            return f
        }
    }

    static let periods = ["2026", "2025", "2026-05", "2026-Q1", "2025-Q4", "2026-06-01..2026-06-08", "2021"]

    @Test("每个指标等于独立复算（全县与单个站点，年、季、月、区间）", arguments: periods)
    func matchesRecomputation(code: String) throws {
        let store = Self.seeded.store
        let period = try #require(ReportPeriod(parsing: code))
        for scope in [nil, "140525000", "140525107"] as [String?] {
            let got = try store.indicatorFigures(period: period, scope: ReportScope(stationCode: scope), archiveLimitDays: 30,
                                                 today: Self.today, role: .reviewer)
            var want = try Self.recompute(store, period: period, stationCode: scope, limit: 30)
            // Seconds summed in a different order differ in the last bits.
            #expect(abs(got.queueWaitSeconds - want.queueWaitSeconds) < 0.01)
            want.queueWaitSeconds = got.queueWaitSeconds
            #expect(got == want, "\(code) \(scope ?? "全县")")
            for id in IndicatorID.allCases { #expect(got.value(id) == want.value(id), "\(id) \(code) \(scope ?? "全县")") }
        }
    }

    @Test("种子数据有可算的数：各项非零，受援率有常住人口") func seededFiguresAreNonTrivial() throws {
        let f = try Self.seeded.store.indicatorFigures(period: .year(2025), archiveLimitDays: 30, today: Self.today, role: .admin)
        #expect(f.consultations > 0 && f.consultationsRated > 0 && f.casesAccepted > 0 && f.aidedPersons > 0)
        #expect(f.casesClosed > 0 && f.archiveDue > 0 && f.returnVisited > 0 && f.spotChecked > 0 && f.specialGroupCases > 0)
        #expect(f.population == 478_000 && f.value(.residentAidRate).number != nil)
        #expect(!f.acceptedByCause.isEmpty && !f.acceptedByGroup.isEmpty)
        let y = try Self.seeded.store.indicatorFigures(period: .year(2026), archiveLimitDays: 30, today: Self.today, role: .admin)
        #expect(y.queueCalled > 0)
    }

    @Test("按月序列逐月等于单月查询；各站咨询之和等于全县") func monthlyAndStations() throws {
        let store = Self.seeded.store
        let months = try store.monthlyFigures(period: .year(2026), archiveLimitDays: 30, today: Self.today, role: .reviewer)
        #expect(months.count == 12)
        let may = try store.indicatorFigures(period: .month(2026, 5), archiveLimitDays: 30, today: Self.today, role: .reviewer)
        #expect(months[4] == may)
        let year = try store.indicatorFigures(period: .year(2026), archiveLimitDays: 30, today: Self.today, role: .reviewer)
        #expect(months.map(\.consultations).reduce(0, +) == year.consultations)
        let byStation = try store.consultationsByStation(period: .year(2026), role: .reviewer)
        #expect(byStation.count == 17 && byStation[0].code == "140525000")
        #expect(byStation.map(\.consultations).reduce(0, +) == year.consultations)
    }

    @Test("无权查看报表的角色被拒绝（在库里，不只是菜单）") func permissions() throws {
        let store = Self.seeded.store
        for role in [OperatorRole.windowClerk, .dutyLawyer] {
            #expect(throws: PermissionDenied.self) {
                try store.indicatorFigures(period: .year(2026), archiveLimitDays: 30, today: Self.today, role: role)
            }
            #expect(throws: PermissionDenied.self) {
                try store.drillDown(.consultations, period: .year(2026), archiveLimitDays: 30, today: Self.today, role: role)
            }
            #expect(throws: PermissionDenied.self) {
                try store.provincialCases(period: .year(2026), role: role, clearIDNumbers: false)
            }
        }
        #expect(throws: StoreError.self) {
            try store.indicatorFigures(period: .year(2026), scope: ReportScope(stationCode: "999999999"), archiveLimitDays: 30,
                                       today: Self.today, role: .admin)
        }
    }

    @Test("下钻：记录数等于图上的数，拖后腿的排在前面", arguments: IndicatorID.allCases)
    func drillDownMatchesFigure(id: IndicatorID) throws {
        let store = Self.seeded.store
        let period = ReportPeriod.year(2025)
        let f = try store.indicatorFigures(period: period, archiveLimitDays: 30, today: Self.today, role: .reviewer)
        let d = try store.drillDown(id, period: period, archiveLimitDays: 30, today: Self.today, role: .reviewer, limit: 100_000)
        #expect(d.rows.count == d.total && d.rows.allSatisfy { $0.count == d.columns.count })
        let expected: Int
        switch id {
        case .consultations: expected = f.consultations
        case .satisfactionRate: expected = f.consultationsRated
        case .casesAccepted: expected = f.casesAccepted
        case .aidedPersons, .residentAidRate:
            expected = try store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM aid_case WHERE decided_on BETWEEN '2025-01-01' AND '2025-12-31' AND step IN ('granted','assigned','handling','closed','archived')")!
            }
            #expect(Set(d.rows.map { $0[1] }).count <= expected)
        case .casesClosed, .returnVisitRate, .spotCheckRate: expected = f.casesClosed
        case .timelyArchiveRate:
            expected = f.archiveDue
            #expect(d.rows.filter { $0.last!.hasPrefix("✓") }.count == f.archivedInTime)
            // Late ones first.
            if f.archivedInTime < f.archiveDue { #expect(d.rows.first?.last?.hasPrefix("✗") == true) }
        case .averageReviewDays: expected = f.reviewed
        case .averageAssignmentDays: expected = f.assigned
        case .specialGroupCases: expected = f.specialGroupCases
        case .queueWaitMinutes: expected = f.queueCalled
        }
        #expect(d.total == expected, "\(id)")
        if id == .returnVisitRate {
            #expect(d.rows.filter { $0.last == "✓ 已回访" }.count == f.returnVisited)
            #expect(d.rows.first?.last == "✗ 未回访")
        }
        if id == .spotCheckRate { #expect(d.rows.filter { $0.last == "✓ 已评查" }.count == f.spotChecked) }
        // A cut list still reports the full total.
        let cut = try store.drillDown(id, period: period, archiveLimitDays: 30, today: Self.today, role: .reviewer, limit: 3)
        #expect(cut.total == d.total && cut.rows.count == min(3, d.total))
    }

    @Test("报表查询走索引：不全表扫描案件和咨询") func queryPlans() throws {
        let store = Self.seeded.store
        let statements = [
            "SELECT count(*) FROM consultation WHERE day BETWEEN '2026-01-01' AND '2026-12-31'",
            "SELECT cause, count(*) FROM aid_case WHERE accepted_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY cause",
            "SELECT count(DISTINCT applicant_id) FROM aid_case WHERE decided_on BETWEEN '2026-01-01' AND '2026-12-31'",
            "SELECT count(*) FROM aid_case WHERE assigned_on BETWEEN '2026-01-01' AND '2026-12-31' AND decided_on IS NOT NULL",
            "SELECT count(*), sum(special_group) FROM aid_case c WHERE closed_on BETWEEN '2026-01-01' AND '2026-12-31' AND step IN ('closed','archived')",
        ]
        try store.read { db in
            for sql in statements {
                let details = try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
                #expect(details.contains("USING COVERING INDEX"), "\(sql): \(details)")
                #expect(!details.contains("SCAN aid_case") && !details.contains("SCAN consultation") && !details.contains("SCAN c "), "\(sql): \(details)")
            }
        }
    }

    @Test("省级案件系统导出：每案一行，按步骤校验必填项，证件号默认打码") func provincialExport() throws {
        let store = Self.seeded.store
        let rows = try store.provincialCases(period: .year(2025), role: .admin, clearIDNumbers: false)
        let expected = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM aid_case WHERE accepted_on BETWEEN '2025-01-01' AND '2025-12-31' AND step NOT IN ('refused','withdrawn')")!
        }
        #expect(rows.count == expected && rows.allSatisfy { $0.values.count == ProvincialExport.columns.count })
        #expect(Set(rows.map(\.caseID)).count == rows.count)
        #expect(rows.allSatisfy { $0.values[10].contains("*") })
        let clear = try store.provincialCases(period: .year(2025), role: .admin, clearIDNumbers: true)
        #expect(clear.allSatisfy { $0.values[10].count == 18 && !$0.values[10].contains("*") })
        // Seeded applicants without a phone still have an address, so contact is complete;
        // an archived case loses its archive date and its lawyer: both are named.
        let archived = try #require(clear.first { $0.values[25] == "已归档" })
        #expect(archived.isComplete, "\(archived.missing)")
        let provider = try store.read { db in try Int64.fetchOne(db, sql: "SELECT provider_id FROM aid_case WHERE id = ?", arguments: [archived.caseID]) }
        try store.write { db in
            try db.execute(sql: "UPDATE aid_case SET archived_on = NULL, provider_id = NULL WHERE id = ?", arguments: [archived.caseID])
        }
        defer {
            _ = try? store.write { db in
                try db.execute(sql: "UPDATE aid_case SET archived_on = ?, provider_id = ? WHERE id = ?",
                               arguments: [archived.values[24], provider, archived.caseID])
            }
        }
        let again = try store.provincialCases(period: .year(2025), role: .admin, clearIDNumbers: true)
        let broken = try #require(again.first { $0.caseID == archived.caseID })
        #expect(broken.missing == ["承办人", "承办机构", "归档日期"])
    }
}

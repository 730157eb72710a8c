import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Issue 22: the report tally (v19-speed) is kept by triggers in the same transaction as every
/// change; these tests change cases, visits, reviews, groups and consultations in every way the
/// triggers cover and require the tally to equal a recomputation, and the reports read from it to
/// equal ReportTests' independent recomputation from the raw rows.
@Suite("报表汇总与逐条复算一致", .serialized) struct ReportTallyTests {
    static let today = LocalDate(iso: "2026-06-08")!

    static func seeded(_ dir: borrowing TempDir, persons: Int = 1200, cases: Int = 2000) throws -> CaseStore {
        let store = try openStore(dir.file("汇总.db"))
        _ = try store.seed(SeedOptions(persons: persons, cases: cases, consultations: 1500))
        return store
    }

    static func expectReportsMatch(_ store: CaseStore, _ label: String) throws {
        for code in ["2026", "2025", "2026-05", "2026-Q1", "2026-02-11..2026-04-03", "2025-12-31..2026-01-01"] {
            let period = try #require(ReportPeriod(parsing: code))
            for scope in [nil, "140525000", "140525107"] as [String?] {
                let got = try store.indicatorFigures(period: period, scope: ReportScope(stationCode: scope), archiveLimitDays: 30,
                                                     today: Self.today, role: .reviewer)
                var want = try ReportTests.recompute(store, period: period, stationCode: scope, limit: 30)
                #expect(abs(got.queueWaitSeconds - want.queueWaitSeconds) < 0.01)
                want.queueWaitSeconds = got.queueWaitSeconds
                #expect(got == want, "\(label) \(code) \(scope ?? "全县")")
            }
        }
    }

    @Test("种子数据：汇总等于复算，报表等于独立复算") func seededTallyIsRight() throws {
        let dir = TempDir()
        let store = try Self.seeded(dir)
        #expect(try store.read { db in try ReportTally.mismatches(db) } == 0)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM report_tally") ?? 0 } > 100)
        let check = try store.check()
        #expect(check.ok && check.reportTallyMismatches == 0, "\(check)")
        try Self.expectReportsMatch(store, "种子")
    }

    @Test("改案件、回访、评查、群体、咨询之后：汇总仍等于复算") func triggersKeepTheTally() throws {
        let dir = TempDir()
        let store = try Self.seeded(dir)
        try store.write { db in
            // A case moves on: accepted, decided, assigned, closed, archived (dates across months).
            let applied = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM aid_case WHERE step = 'applied' ORDER BY id LIMIT 1"))
            try db.execute(sql: "UPDATE aid_case SET step = 'accepted', accepted_on = '2026-05-30' WHERE id = ?", arguments: [applied])
            try db.execute(sql: "UPDATE aid_case SET step = 'granted', decided_on = '2026-06-02' WHERE id = ?", arguments: [applied])
            try db.execute(sql: "UPDATE aid_case SET step = 'assigned', assigned_on = '2026-06-03', provider_id = 1 WHERE id = ?", arguments: [applied])
            try db.execute(sql: "UPDATE aid_case SET step = 'closed', closed_on = '2026-06-05' WHERE id = ?", arguments: [applied])
            try db.execute(sql: "UPDATE aid_case SET step = 'archived', archived_on = '2026-06-07' WHERE id = ?", arguments: [applied])
            // Another case changes station, cause and special-group flag; one is withdrawn.
            try db.execute(sql: """
                UPDATE aid_case SET station_id = (SELECT max(id) FROM station), cause = 'work_injury', special_group = 1 - special_group
                WHERE id = (SELECT min(id) FROM aid_case WHERE step = 'archived' AND closed_on >= '2026-01-01')
                """)
            try db.execute(sql: "UPDATE aid_case SET step = 'withdrawn' WHERE id = (SELECT min(id) FROM aid_case WHERE step = 'closed')")
            // An unrelated column: no change to the tally.
            try db.execute(sql: "UPDATE aid_case SET summary = '申请人张桂兰称工资拖欠三个月' WHERE id = ?", arguments: [applied])
            // Return visits and quality reviews added, moved and removed.
            let closed = try Int64.fetchAll(db, sql: """
                SELECT id FROM aid_case c WHERE step IN ('closed', 'archived') AND closed_on >= '2026-01-01'
                AND NOT EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id) ORDER BY id LIMIT 3
                """)
            try #require(closed.count == 3)
            for id in closed {
                try db.execute(sql: """
                    INSERT INTO return_visit(case_id, at, operator_id, method, satisfaction, note, phase, result)
                    VALUES (?, '2026-06-08T01:00:00.000Z', 1, 'phone', 'satisfied', '回访：对律师很满意', 'after', '')
                    """, arguments: [id])
                try db.execute(sql: """
                    INSERT INTO quality_review(case_id, at, kind, result, score, note) VALUES (?, '2026-06-08T02:00:00.000Z', 'peer', 'good', 92, '卷宗齐全')
                    """, arguments: [id])
            }
            try db.execute(sql: "UPDATE return_visit SET phase = 'during' WHERE case_id = ?", arguments: [closed[0]])
            try db.execute(sql: "UPDATE return_visit SET case_id = ? WHERE case_id = ?", arguments: [closed[0], closed[1]])
            try db.execute(sql: "DELETE FROM return_visit WHERE case_id = ? AND phase = 'during'", arguments: [closed[0]])
            try db.execute(sql: "DELETE FROM quality_review WHERE case_id = ?", arguments: [closed[2]])
            try db.execute(sql: "UPDATE quality_review SET case_id = ? WHERE case_id = ?", arguments: [closed[2], closed[1]])
            // An applicant with accepted cases gains and loses groups.
            let person = try #require(try Int64.fetchOne(db, sql: """
                SELECT applicant_id FROM aid_case WHERE accepted_on >= '2026-01-01' GROUP BY applicant_id ORDER BY count(*) DESC, applicant_id LIMIT 1
                """))
            try db.execute(sql: "DELETE FROM applicant_group WHERE applicant_id = ?", arguments: [person])
            try db.execute(sql: "INSERT INTO applicant_group(applicant_id, code) VALUES (?, 'veteran'), (?, 'disabled')", arguments: [person, person])
            try db.execute(sql: "UPDATE applicant_group SET code = 'elderly_alone' WHERE applicant_id = ? AND code = 'veteran'", arguments: [person])
            // Consultations: a new one, a rating changed, a day moved, one removed.
            try db.execute(sql: """
                INSERT INTO consultation(station_id, operator_id, visitor_name, channel, topic, question, answer, satisfaction, day, created_at)
                VALUES (1, 1, '王秀英', 'window', '劳动争议', '被拖欠工资怎么办', '可申请劳动仲裁', 'satisfied', '2026-05-31', '2026-05-31T02:00:00.000Z')
                """)
            try db.execute(sql: "UPDATE consultation SET satisfaction = 'dissatisfied' WHERE id = (SELECT min(id) FROM consultation WHERE satisfaction = 'satisfied')")
            try db.execute(sql: "UPDATE consultation SET day = '2026-04-30', station_id = 2 WHERE id = (SELECT max(id) FROM consultation WHERE day < '2026-04-01')")
            try db.execute(sql: "DELETE FROM consultation WHERE id = (SELECT min(id) FROM consultation WHERE day >= '2026-02-01')")
            // A case entered whole (closed and archived, with a visit and a review), then removed
            // (its visit and review go with it by ON DELETE CASCADE).
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO aid_case(centre_id, station_id, applicant_id, kind, cause, route, step, applied_on, accepted_on,
                    decided_on, assigned_on, closed_on, archived_on, special_group, summary, created_at, updated_at)
                VALUES (1, 2, ?, 'civil', 'labor_remuneration', 'application', 'archived', '2026-03-01', '2026-03-02',
                    '2026-03-05', '2026-03-06', '2026-04-20', '2026-05-28', 1, '追索劳动报酬（李桂芳）', '2026-03-01T01:00:00.000Z', '2026-05-28T01:00:00.000Z')
                """, arguments: [person])
            let added = insertedID
            try db.execute(sql: """
                INSERT INTO return_visit(case_id, at, operator_id, method, satisfaction, note, phase, result)
                VALUES (?, '2026-05-29T01:00:00.000Z', 1, 'visit', 'satisfied', '上门回访', 'after', '')
                """, arguments: [added])
            try db.execute(sql: """
                INSERT INTO quality_review(case_id, at, kind, result, score, note) VALUES (?, '2026-05-30T02:00:00.000Z', 'spot_check', 'pass', 75, '抽查')
                """, arguments: [added])
            #expect(try ReportTally.mismatches(db) == 0)
            try db.execute(sql: "DELETE FROM case_seal WHERE case_id = ?", arguments: [added])
            try db.execute(sql: "DELETE FROM aid_case WHERE id = ?", arguments: [added])
        }
        #expect(try store.read { db in try ReportTally.mismatches(db) } == 0)
        try Self.expectReportsMatch(store, "改动之后")
    }

    @Test("汇总被改动时 fayuan check 报告不符") func checkFindsATamperedTally() throws {
        let dir = TempDir()
        let store = try Self.seeded(dir, persons: 300, cases: 400)
        try store.write { db in
            try db.execute(sql: """
                UPDATE report_tally SET n = n + 1 WHERE (month, station_id, measure, key) =
                    (SELECT month, station_id, measure, key FROM report_tally WHERE measure = 'accepted' LIMIT 1)
                """)
        }
        let report = try store.check()
        #expect(report.reportTallyMismatches > 0)
        #expect(!report.ok)
    }

    @Test("v19 迁移：旧库的案件与咨询补算进汇总") func migrationBackfills() throws {
        let dir = TempDir()
        let path = dir.file("旧库.db")
        do {
            let old = try CaseStore.open(StoreLocation(path: path), clock: fixedClock, migrateUpTo: "v18-document-register")
            _ = try old.seed(SeedOptions(persons: 600, cases: 900, consultations: 700))
            #expect(try old.read { db in try db.tableExists("report_tally") } == false)
        }
        let store = try openStore(path)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM report_tally") ?? 0 } > 50)
        #expect(try store.read { db in try ReportTally.mismatches(db) } == 0)
        try Self.expectReportsMatch(store, "迁移")
    }
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Issue 22: the pipeline board's plan must not depend on the planner's guess. With the
/// statistics a fresh seed of a million cases leaves, SQLite chose the plain `aid_case_step` index
/// and sorted every archived case (3.3 s). Each stage's query now names its partial index; these
/// tests read EXPLAIN QUERY PLAN on a seeded store after ANALYZE, and again with sqlite_stat1 set
/// to what ANALYZE wrote on the 1M store, and require the stage's own index in board order.
@Suite("看板查询计划不依赖统计信息", .serialized) struct BoardPlanTests {
    /// sqlite_stat1 rows of aid_case as `ANALYZE` (analysis_limit 1000) wrote them after
    /// `fayuan seed --persons 1000000 --cases 1000000` (v18 schema, 2026-12-03).
    static let millionStats: [(String, String)] = BoardPlanStats.aidCase

    /// A seeded store (ANALYZE ran at the end of the seed) with a peer-review assignment.
    static func seededStore(_ dir: borrowing TempDir) throws -> CaseStore {
        let store = try openStore(dir.file("看板计划.db"))
        _ = try store.seed(SeedOptions(persons: 1500, cases: 2500, consultations: 100))
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO review_assignment(case_id, peer_name, assigned_at) SELECT id, '评查员李明', '2026-06-01T01:00:00.000Z'
                FROM aid_case c WHERE step = 'archived' AND NOT EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id) ORDER BY id LIMIT 3
                """)
            // 异议: an objection open on an old refusal puts it first in 已终止.
            try db.execute(sql: "UPDATE aid_case SET objection_on = '2026-06-01' WHERE id = (SELECT min(id) FROM aid_case WHERE step = 'refused')")
        }
        return store
    }

    /// Every stage under each kind of filter the board offers.
    static let filterSets: [(String, [String], Bool)] = [
        ("无筛选", [], false),
        ("站点", ["c.station_id = ?"], false),
        ("案由与承办人", ["c.cause = ?", "c.provider_id = ?"], false),
        ("群体", ["EXISTS (SELECT 1 FROM applicant_group g WHERE g.applicant_id = c.applicant_id AND g.code = ?)"], false),
        ("待回访", ["c.step IN ('closed', 'archived') AND NOT EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')"], false),
    ]

    static func plan(_ store: CaseStore, _ sql: String) throws -> [String] {
        // Parameters left unbound (NULL): the plan does not depend on their values.
        let unbound = SQLArguments([String?](repeating: nil, count: sql.filter { $0 == "?" }.count))
        return try store.read { db in
            try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: unbound).map { $0["detail"] as String }
        }
    }

    /// The stage walks its own index in board order: no sort over the cases of the step.
    static func expectForced(_ store: CaseStore, label: String) throws {
        for stage in CaseStore.boardStages {
            for (name, filters, _) in filterSets {
                let sql = CaseStore.boardSQL(condition: stage.condition, filters: filters, order: stage.order,
                                             index: stage.index, fromReviewAssignments: false)
                let plan = try plan(store, sql)
                // SCAN, or SEARCH when the index's first column bounds the walk (IS NOT NULL).
                let first = plan.first ?? ""
                #expect(first == "SCAN c USING INDEX \(stage.index)" || first.hasPrefix("SEARCH c USING INDEX \(stage.index) "),
                        "\(label) \(stage.stage) \(name): \(plan)")
                // No sort — except that SQLite may sort the 待指派 queue (an expression index, a
                // queue the law empties within three days) when the statistics say it holds at
                // most one case; the walk above still bounds that sort to the queue's rows.
                if stage.stage != .assignment || label == "百万件统计" {
                    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(label) \(stage.stage) \(name): \(plan)")
                }
            }
            // 待评查: the few cases with a reviewer lead; only they are sorted.
            let sql = CaseStore.boardSQL(condition: stage.condition, filters: [], order: stage.order, index: stage.index,
                                         fromReviewAssignments: true)
            let plan = try plan(store, sql)
            #expect(plan.contains { $0.hasPrefix("SCAN ra") } && plan.contains { $0.hasPrefix("SEARCH c USING INTEGER PRIMARY KEY") },
                    "\(label) \(stage.stage) 待评查: \(plan)")
        }
    }

    static func setStats(_ store: CaseStore, _ rows: [(String, String)]) throws {
        try store.write { db in
            try db.execute(sql: "DELETE FROM sqlite_stat1 WHERE tbl = 'aid_case'")
            for (index, stat) in rows {
                try db.execute(sql: "INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES ('aid_case', ?, ?)", arguments: [index, stat])
            }
        }
    }

    @Test("种子数据 ANALYZE 之后：每个阶段走自己的部分索引，不排序") func plansAfterAnalyze() throws {
        let dir = TempDir()
        let path: String
        do {
            let store = try Self.seededStore(dir)
            try store.write { db in try db.execute(sql: "ANALYZE") }
            path = store.path
            try store.close()
        }
        // A new connection reads the statistics.
        try Self.expectForced(try openStore(path), label: "ANALYZE")
    }

    @Test("统计信息与新生成的百万件库相同：仍走部分索引（旧查询在此会用 aid_case_step 并排序）")
    func plansWithMillionCaseStatistics() throws {
        let dir = TempDir()
        let path: String
        do {
            let store = try Self.seededStore(dir)
            try store.write { db in try db.execute(sql: "ANALYZE") }
            try Self.setStats(store, Self.millionStats)
            path = store.path
            try store.close()
        }
        let store = try openStore(path)
        try Self.expectForced(store, label: "百万件统计")
        // The statistics are the ones that misled the old query: without INDEXED BY the archived
        // stage is read through aid_case_step and sorted (what the board did before v19-speed).
        let archived = try #require(CaseStore.boardStages.first { $0.stage == .archived })
        let unforced = CaseStore.boardSQL(condition: archived.condition, filters: [], order: archived.order,
                                          index: archived.index, fromReviewAssignments: false)
            .replacingOccurrences(of: " INDEXED BY \(archived.index)", with: "")
        let plan = try Self.plan(store, unforced)
        #expect(plan.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") }, "\(plan)")
    }

    @Test("统计信息过时（库还小时做的 ANALYZE，每个阶段只有一件）：仍走部分索引") func plansWithStaleStatistics() throws {
        let dir = TempDir()
        let path: String
        do {
            let store = try Self.seededStore(dir)
            try store.write { db in try db.execute(sql: "ANALYZE") }
            let indexes = try store.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'aid_case' AND sql IS NOT NULL")
            }
            try Self.setStats(store, indexes.map { ($0, $0.hasPrefix("aid_case_board") ? "1 1 1" : "20 20 1 1 1 1") })
            path = store.path
            try store.close()
        }
        try Self.expectForced(try openStore(path), label: "过时统计")
    }

    @Test("看板结果：各阶段、筛选、待回访、待评查与逐条比对一致（中文站点与承办人）") func boardMatchesAPlainReading() throws {
        let dir = TempDir()
        let store = try Self.seededStore(dir)
        let station = try #require(try store.stations().first { $0.name.contains("金村") } ?? store.stations().last)
        let filters: [BoardFilter] = [
            BoardFilter(limitPerStage: 40),
            BoardFilter(stationID: station.id, limitPerStage: 40),
            BoardFilter(cause: "labor_remuneration", limitPerStage: 40),
            BoardFilter(group: "farmer", limitPerStage: 40),
            BoardFilter(returnVisitDue: true, limitPerStage: 40),
            BoardFilter(awaitingReview: true),
            BoardFilter(stages: [.closed, .ended], limitPerStage: 40),
        ]
        for filter in filters {
            let got = try store.pipelineBoard(filter).map(\.id)
            // The same stages read with no index at all (a full scan and a sort): the forced
            // index walk must find the same cases in the same order.
            var want: [Int64] = []
            var conditions: [String] = [], args: [(any SQLValueConvertible)?] = []
            if let s = filter.stationID { conditions.append("c.station_id = ?"); args.append(s) }
            if let c = filter.cause { conditions.append("c.cause = ?"); args.append(c) }
            if let g = filter.group { conditions.append(Self.filterSets[3].1[0]); args.append(g) }
            if filter.returnVisitDue { conditions.append(Self.filterSets[4].1[0]) }
            if filter.awaitingReview {
                conditions.append("EXISTS (SELECT 1 FROM review_assignment r WHERE r.case_id = c.id) AND NOT EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id)")
            }
            var taken: [PipelineStage: Int] = [:]
            for stage in CaseStore.boardStages {
                if let stages = filter.stages, !stages.contains(stage.stage) { continue }
                let limit = filter.limitPerStage - taken[stage.stage, default: 0]
                let sql = CaseStore.boardSQL(condition: stage.condition, filters: conditions, order: stage.order,
                                             index: stage.index, fromReviewAssignments: false)
                    .replacingOccurrences(of: "INDEXED BY \(stage.index)", with: "NOT INDEXED")
                let ids = try store.read { db in
                    try Int64.fetchAll(db, sql: "SELECT id FROM (\(sql))", arguments: SQLArguments(args + [limit]))
                }
                taken[stage.stage, default: 0] += ids.count
                want += ids
            }
            #expect(got == want, "\(filter)")
            if filter.stationID != nil { #expect(!got.isEmpty, "站点 \(station.name) 有案件") }
        }
        #expect(try store.pipelineBoard(BoardFilter(awaitingReview: true)).count == 3)
        // 已终止 in the order the single query before v19 gave: open objections first, newest decision first.
        let ended = try store.pipelineBoard(BoardFilter(stages: [.ended], limitPerStage: 25)).map(\.id)
        let before = try store.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM aid_case WHERE step IN ('refused', 'withdrawn')
                ORDER BY objection_on IS NULL, decided_on DESC, id DESC, id LIMIT 25
                """)
        }
        #expect(ended == before && ended.count == 25)
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT objection_on FROM aid_case WHERE id = ?", arguments: [ended[0]]) } != nil)
    }
}

/// sqlite_stat1 of aid_case after `fayuan seed --persons 1000000 --cases 1000000` (ANALYZE with
/// analysis_limit 1000, before v19-speed). "aid_case_step 960000 1001" — about a thousand cases
/// per step — is what made the planner sort the archived step through aid_case_step.
enum BoardPlanStats {
    static let aidCase: [(String, String)] = [
        ("aid_case_applicant", "1102464 2"),
        ("aid_case_board_accepted", "1416 167 1"),
        ("aid_case_board_applied", "2301 251 1"),
        ("aid_case_board_archived", "961155 30 1"),
        ("aid_case_board_closed", "58286 7 1"),
        ("aid_case_board_granted", "885 72 1"),
        ("aid_case_board_handling", "26727 28 1"),
        ("aid_case_number", "4224924 2"),
        ("aid_case_opposing_party", "1008678 1001"),
        ("aid_case_provider", "1234576 1001"),
        ("aid_case_report_accepted", "1095160 501 37 4 1"),
        ("aid_case_report_assigned", "4302870 251 22 10"),
        ("aid_case_report_closed", "2862000 75 6 6 3 3"),
        ("aid_case_report_decided", "1046892 286 23 15 1 1"),
        ("aid_case_step", "960000 1001"),
        ("sqlite_autoindex_aid_case_1", "1149540 1001 1001 501 501"),
    ]
}

import FayuanCore
import Foundation

/// Which part of the county a report covers: one station (cases received there, its
/// consultations, its population) or the whole county.
public struct ReportScope: Sendable, Hashable, Codable {
    /// nil: the whole county.
    public var stationCode: String?
    public init(stationCode: String? = nil) { self.stationCode = stationCode }
    public static let county = ReportScope()
}

/// The records behind one figure (drill-down): columns and rows as shown, with the total.
public struct DrillDown: Sendable, Equatable, Codable {
    public var indicator: IndicatorID
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
    /// Rows in the figure (rows may be cut to `limit`).
    public var total: Int
}

/// Consultations of one station in a period (the allocation table's unit).
public struct StationConsultations: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var consultations: Int
    public var rated: Int
    public var satisfied: Int
}

extension CaseStore {
    /// Every indicator's raw figures for `period` and `scope` — the one definition the screen, the
    /// CLI and the exports read (docs/indicators.md). `today` decides whether an unarchived
    /// closed case is already late. Needs `viewReports`.
    public func indicatorFigures(period: ReportPeriod, scope: ReportScope = .county, archiveLimitDays: Int,
                                 today: LocalDate, role: OperatorRole) throws -> IndicatorFigures {
        try AccessPolicy.require(role, .viewReports)
        return try read { db in
            try Self.figures(db, period: period, scope: scope, archiveLimitDays: archiveLimitDays, today: today)
        }
    }

    /// The figures month by month (each month clipped to the period) — the sparklines.
    public func monthlyFigures(period: ReportPeriod, scope: ReportScope = .county, archiveLimitDays: Int,
                               today: LocalDate, role: OperatorRole) throws -> [IndicatorFigures] {
        try AccessPolicy.require(role, .viewReports)
        return try read { db in
            try period.months.map { try Self.figures(db, period: $0, scope: scope, archiveLimitDays: archiveLimitDays, today: today) }
        }
    }

    /// Consultations per station in the period, every station listed (zero when none): whole
    /// months from the tally, the days of partly covered months from the consultations.
    public func consultationsByStation(period: ReportPeriod, role: OperatorRole) throws -> [StationConsultations] {
        try AccessPolicy.require(role, .viewReports)
        return try read { db in
            var counts: [Int64: (n: Int, rated: Int, ok: Int)] = [:]
            var wholeFirst: String?, wholeLast: String?
            for month in period.months {
                if month.kind == .month {
                    let code = String(month.from.iso.prefix(7))
                    if wholeFirst == nil { wholeFirst = code }
                    wholeLast = code
                    continue
                }
                for row in try SQLRow.fetchAll(db, sql: """
                    SELECT station_id, count(*) AS n, count(satisfaction) AS rated,
                           coalesce(sum(CASE WHEN satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END), 0) AS ok
                    FROM consultation\(db.dialect.indexedBy("consultation_report_day")) WHERE day BETWEEN ? AND ? GROUP BY station_id
                    """, arguments: [month.from.iso, month.to.iso]) {
                    let id: Int64 = row["station_id"]
                    counts[id, default: (0, 0, 0)].n += row["n"] as Int
                    counts[id, default: (0, 0, 0)].rated += row["rated"] as Int
                    counts[id, default: (0, 0, 0)].ok += row["ok"] as Int
                }
            }
            if let wholeFirst, let wholeLast {
                for row in try SQLRow.fetchAll(db, sql: """
                    SELECT station_id, measure, sum(n) AS n FROM report_tally
                    WHERE month BETWEEN ? AND ? AND measure IN ('consultations', 'consultations_rated', 'consultations_satisfied')
                    GROUP BY station_id, measure
                    """, arguments: [wholeFirst, wholeLast]) {
                    let id: Int64 = row["station_id"], n: Int = row["n"]
                    switch row["measure"] as String {
                    case "consultations": counts[id, default: (0, 0, 0)].n += n
                    case "consultations_rated": counts[id, default: (0, 0, 0)].rated += n
                    default: counts[id, default: (0, 0, 0)].ok += n
                    }
                }
            }
            let stations = try SQLRow.fetchAll(db, sql: "SELECT id, code, name FROM station ORDER BY kind != 'county_centre', code")
            return stations.map { s in
                let c = counts[s["id"] as Int64] ?? (0, 0, 0)
                return StationConsultations(code: s["code"], name: s["name"], consultations: c.n, rated: c.rated, satisfied: c.ok)
            }
        }
    }

    /// The county centre (its population is the county's resident population).
    public func countyCentre() throws -> Station? {
        try read { db in try Station.fetchOne(db, sql: "SELECT * FROM station WHERE kind = 'county_centre' ORDER BY id LIMIT 1") }
    }

    // MARK: the definitions

    /// A station filter: `station_id = ?` or nothing. The id is bound, never spliced.
    private static func stationFilter(_ db: any SQLSession, _ scope: ReportScope, column: String)
        throws -> (sql: String, id: Int64?, population: Int?) {
        guard let code = scope.stationCode else {
            let population = try Int.fetchOne(db, sql: "SELECT population FROM station WHERE kind = 'county_centre' ORDER BY id LIMIT 1")
            return ("", nil, population)
        }
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT id, population FROM station WHERE code = ?", arguments: [code]) else {
            throw StoreError.notFound(entity: "站点", id: code)
        }
        return (" AND \(column) = ?3", row["id"], row["population"])
    }

    static func figures(_ db: any SQLSession, period: ReportPeriod, scope: ReportScope, archiveLimitDays: Int,
                        today: LocalDate) throws -> IndicatorFigures {
        let (caseFilter, stationID, population) = try stationFilter(db, scope, column: "station_id")
        var f = IndicatorFigures(period: period, stationCode: scope.stationCode, population: population,
                                 archiveLimitDays: archiveLimitDays)
        let from = period.from.iso, to = period.to.iso
        let args: SQLArguments = stationID.map { [from, to, $0] } ?? [from, to]

        // The additive figures: whole months from the tally (v19-speed, kept by triggers with
        // every change), the days of a month the period only partly covers from the cases.
        var wholeFirst: String?, wholeLast: String?
        for month in period.months {
            if month.kind == .month {
                let code = String(month.from.iso.prefix(7))
                if wholeFirst == nil { wholeFirst = code }
                wholeLast = code
            } else {
                try addCounted(db, &f, from: month.from.iso, to: month.to.iso, stationID: stationID, limit: archiveLimitDays)
            }
        }
        if let wholeFirst, let wholeLast {
            try addTallied(db, &f, fromMonth: wholeFirst, toMonth: wholeLast, stationID: stationID, limit: archiveLimitDays)
        }
        f.casesAccepted = f.acceptedByCause.values.reduce(0, +)

        // 受援人数 (distinct persons over the whole period: not a sum of months).
        f.aidedPersons = try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT CASE WHEN step IN ('granted', 'assigned', 'handling', 'closed', 'archived') THEN applicant_id END)
            FROM aid_case\(db.dialect.indexedBy("aid_case_report_decided")) WHERE decided_on BETWEEN ?1 AND ?2\(caseFilter)
            """, arguments: args) ?? 0

        // 应归档: the archived ones (counted above) and the closed ones still unarchived past the
        // limit today — which depends on the day asked, so it is counted here.
        f.archiveDue += try Int.fetchOne(db, sql: """
            SELECT count(*) FROM aid_case\(db.dialect.indexedBy("aid_case_report_unarchived"))
            WHERE archived_on IS NULL AND step IN ('closed', 'archived') AND closed_on BETWEEN ?1 AND ?2
              AND \(db.dialect.daysBetween("closed_on", "?4")) > ?5\(stationID == nil ? "" : " AND station_id = ?3")
            """, arguments: [from, to, stationID, today.iso, archiveLimitDays]) ?? 0

        // 排队等候: the queue's own definition (TicketFacts.wait), summed here.
        let tickets = try QueueTicket.fetchAll(db, sql: """
            SELECT * FROM queue_ticket WHERE day BETWEEN ?1 AND ?2\(caseFilter) AND called_at IS NOT NULL
            """, arguments: args)
        for t in tickets {
            if let wait = facts(t, today: today.iso).wait { f.queueCalled += 1; f.queueWaitSeconds += wait }
        }
        return f
    }

    /// The additive figures of whole months [fromMonth, toMonth] from `report_tally`.
    static func addTallied(_ db: any SQLSession, _ f: inout IndicatorFigures, fromMonth: String, toMonth: String,
                           stationID: Int64?, limit: Int) throws {
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT measure, key, sum(n) AS n FROM report_tally
            WHERE month BETWEEN ?1 AND ?2\(stationID == nil ? "" : " AND station_id = ?3")
            GROUP BY measure, key
            """, arguments: stationID.map { [fromMonth, toMonth, $0] } ?? [fromMonth, toMonth])
        for row in rows {
            let n: Int = row["n"], key: String = row["key"]
            guard n != 0 else { continue }
            switch row["measure"] as String {
            case "consultations": f.consultations += n
            case "consultations_rated": f.consultationsRated += n
            case "consultations_satisfied": f.consultationsSatisfied += n
            case "accepted": f.acceptedByCause[key, default: 0] += n
            case "accepted_group": f.acceptedByGroup[key, default: 0] += n
            case "decided": f.reviewed += n
            case "review_days": f.reviewDays += n
            case "assigned": f.assigned += n
            case "assignment_days": f.assignmentDays += n
            case "closed": f.casesClosed += n
            case "closed_special": f.specialGroupCases += n
            case "closed_visited": f.returnVisited += n
            case "closed_reviewed": f.spotChecked += n
            case "archive_lag":
                f.archiveDue += n
                if let days = Int(key), days <= limit { f.archivedInTime += n }
            default: break
            }
        }
    }

    /// The same additive figures counted from the cases and consultations of [from, to] (the
    /// days of a partly covered month). Each query names its covering report index (v7): with a
    /// fresh seed's statistics SQLite took `aid_case_step` for the closed cases and read every
    /// closed case of five years for a week's figures.
    static func addCounted(_ db: any SQLSession, _ f: inout IndicatorFigures, from: String, to: String,
                           stationID: Int64?, limit: Int) throws {
        let caseFilter = stationID == nil ? "" : " AND station_id = ?3"
        let args: SQLArguments = stationID.map { [from, to, $0] } ?? [from, to]

        // 咨询 and 满意率
        if let row = try SQLRow.fetchOne(db, sql: """
            SELECT count(*) AS n, count(satisfaction) AS rated,
                   coalesce(sum(CASE WHEN satisfaction IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END), 0) AS ok
            FROM consultation\(db.dialect.indexedBy("consultation_report_day")) WHERE day BETWEEN ?1 AND ?2\(caseFilter)
            """, arguments: args) {
            f.consultations += row["n"]; f.consultationsRated += row["rated"]; f.consultationsSatisfied += row["ok"]
        }

        // 受理, by cause and by applicant group
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT cause, count(*) AS n FROM aid_case\(db.dialect.indexedBy("aid_case_report_accepted"))
            WHERE accepted_on BETWEEN ?1 AND ?2\(caseFilter) GROUP BY cause
            """, arguments: args) {
            f.acceptedByCause[row["cause"], default: 0] += row["n"] as Int
        }
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT g.code, count(*) AS n FROM aid_case c\(db.dialect.indexedBy("aid_case_report_accepted"))
            CROSS JOIN applicant_group g ON g.applicant_id = c.applicant_id
            WHERE c.accepted_on BETWEEN ?1 AND ?2\(caseFilter.replacingOccurrences(of: "station_id", with: "c.station_id"))
            GROUP BY g.code
            """, arguments: args) {
            f.acceptedByGroup[row["code"], default: 0] += row["n"] as Int
        }

        // 审查用时 (every decision, granted or refused)
        if let row = try SQLRow.fetchOne(db, sql: """
            SELECT count(*) AS decided,
                   coalesce(sum(\(db.dialect.daysBetween("applied_on", "decided_on"))), 0) AS days
            FROM aid_case\(db.dialect.indexedBy("aid_case_report_decided")) WHERE decided_on BETWEEN ?1 AND ?2\(caseFilter)
            """, arguments: args) {
            f.reviewed += row["decided"]; f.reviewDays += row["days"] as Int
        }

        // 指派用时
        if let row = try SQLRow.fetchOne(db, sql: """
            SELECT count(*) AS n, coalesce(sum(\(db.dialect.daysBetween("decided_on", "assigned_on"))), 0) AS days
            FROM aid_case\(db.dialect.indexedBy("aid_case_report_assigned"))
            WHERE assigned_on BETWEEN ?1 AND ?2 AND decided_on IS NOT NULL\(caseFilter)
            """, arguments: args) {
            f.assigned += row["n"]; f.assignmentDays += row["days"] as Int
        }

        // 结案: archived (due) and in time, return visits, quality reviews, special-group cases
        if let row = try SQLRow.fetchOne(db, sql: """
            SELECT count(*) AS closed,
                   coalesce(sum(CASE WHEN archived_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS archived,
                   coalesce(sum(CASE WHEN archived_on IS NOT NULL
                       AND \(db.dialect.daysBetween("closed_on", "archived_on")) <= ?4 THEN 1 ELSE 0 END), 0) AS timely,
                   coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after') THEN 1 ELSE 0 END), 0) AS visited,
                   coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id) THEN 1 ELSE 0 END), 0) AS reviewed,
                   coalesce(sum(special_group), 0) AS special
            FROM aid_case c\(db.dialect.indexedBy("aid_case_report_closed"))
            WHERE closed_on BETWEEN ?1 AND ?2 AND step IN ('closed', 'archived')\(caseFilter)
            """, arguments: [from, to, stationID, limit]) {
            f.casesClosed += row["closed"]; f.archiveDue += row["archived"]; f.archivedInTime += row["timely"]
            f.returnVisited += row["visited"]; f.spotChecked += row["reviewed"]; f.specialGroupCases += row["special"]
        }
    }
}

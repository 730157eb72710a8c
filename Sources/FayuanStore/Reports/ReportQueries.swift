import FayuanCore
import Foundation
internal import GRDB

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

    /// Consultations per station in the period, every station listed (zero when none).
    public func consultationsByStation(period: ReportPeriod, role: OperatorRole) throws -> [StationConsultations] {
        try AccessPolicy.require(role, .viewReports)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.code, s.name,
                       (SELECT count(*) FROM consultation c WHERE c.day BETWEEN ?1 AND ?2 AND c.station_id = s.id) AS n,
                       (SELECT count(satisfaction) FROM consultation c WHERE c.day BETWEEN ?1 AND ?2 AND c.station_id = s.id) AS rated,
                       (SELECT count(*) FROM consultation c WHERE c.day BETWEEN ?1 AND ?2 AND c.station_id = s.id
                            AND c.satisfaction IN ('satisfied', 'basically_satisfied')) AS ok
                FROM station s ORDER BY s.kind != 'county_centre', s.code
                """, arguments: [period.from.iso, period.to.iso])
            return rows.map { StationConsultations(code: $0["code"], name: $0["name"], consultations: $0["n"],
                                                   rated: $0["rated"], satisfied: $0["ok"]) }
        }
    }

    /// The county centre (its population is the county's resident population).
    public func countyCentre() throws -> Station? {
        try read { db in try Station.fetchOne(db, sql: "SELECT * FROM station WHERE kind = 'county_centre' ORDER BY id LIMIT 1") }
    }

    // MARK: the definitions

    /// A station filter: `station_id = ?` or nothing. The id is bound, never spliced.
    private static func stationFilter(_ db: Database, _ scope: ReportScope, column: String)
        throws -> (sql: String, id: Int64?, population: Int?) {
        guard let code = scope.stationCode else {
            let population = try Int.fetchOne(db, sql: "SELECT population FROM station WHERE kind = 'county_centre' ORDER BY id LIMIT 1")
            return ("", nil, population)
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT id, population FROM station WHERE code = ?", arguments: [code]) else {
            throw StoreError.notFound(entity: "站点", id: code)
        }
        return (" AND \(column) = ?3", row["id"], row["population"])
    }

    static func figures(_ db: Database, period: ReportPeriod, scope: ReportScope, archiveLimitDays: Int,
                        today: LocalDate) throws -> IndicatorFigures {
        let (caseFilter, stationID, population) = try stationFilter(db, scope, column: "station_id")
        var f = IndicatorFigures(period: period, stationCode: scope.stationCode, population: population,
                                 archiveLimitDays: archiveLimitDays)
        let from = period.from.iso, to = period.to.iso
        let args: StatementArguments = stationID.map { [from, to, $0] } ?? [from, to]

        // 咨询 and 满意率
        if let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, count(satisfaction) AS rated,
                   coalesce(sum(satisfaction IN ('satisfied', 'basically_satisfied')), 0) AS ok
            FROM consultation WHERE day BETWEEN ?1 AND ?2\(caseFilter)
            """, arguments: args) {
            f.consultations = row["n"]; f.consultationsRated = row["rated"]; f.consultationsSatisfied = row["ok"]
        }

        // 受理, by cause and by applicant group
        let causes = try Row.fetchAll(db, sql: """
            SELECT cause, count(*) AS n FROM aid_case WHERE accepted_on BETWEEN ?1 AND ?2\(caseFilter) GROUP BY cause
            """, arguments: args)
        for row in causes { f.acceptedByCause[row["cause"]] = row["n"] }
        f.casesAccepted = f.acceptedByCause.values.reduce(0, +)
        let groups = try Row.fetchAll(db, sql: """
            SELECT g.code, count(*) AS n FROM aid_case c JOIN applicant_group g ON g.applicant_id = c.applicant_id
            WHERE c.accepted_on BETWEEN ?1 AND ?2\(caseFilter.replacingOccurrences(of: "station_id", with: "c.station_id"))
            GROUP BY g.code
            """, arguments: args)
        for row in groups { f.acceptedByGroup[row["code"]] = row["n"] }

        // 受援人数 (granted) and 审查用时 (every decision, granted or refused)
        if let row = try Row.fetchOne(db, sql: """
            SELECT count(DISTINCT CASE WHEN step IN ('granted', 'assigned', 'handling', 'closed', 'archived') THEN applicant_id END) AS persons,
                   count(*) AS decided,
                   coalesce(sum(julianday(decided_on) - julianday(applied_on)), 0) AS days
            FROM aid_case WHERE decided_on BETWEEN ?1 AND ?2\(caseFilter)
            """, arguments: args) {
            f.aidedPersons = row["persons"]; f.reviewed = row["decided"]; f.reviewDays = Int((row["days"] as Double).rounded())
        }

        // 指派用时
        if let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, coalesce(sum(julianday(assigned_on) - julianday(decided_on)), 0) AS days
            FROM aid_case WHERE assigned_on BETWEEN ?1 AND ?2 AND decided_on IS NOT NULL\(caseFilter)
            """, arguments: args) {
            f.assigned = row["n"]; f.assignmentDays = Int((row["days"] as Double).rounded())
        }

        // 结案: timely archive, return visits, quality reviews, special-group cases
        var closedArgs = args
        closedArgs += [today.iso, archiveLimitDays]
        if let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS closed,
                   coalesce(sum(archived_on IS NOT NULL OR julianday(?4) - julianday(closed_on) > ?5), 0) AS due,
                   coalesce(sum(archived_on IS NOT NULL AND julianday(archived_on) - julianday(closed_on) <= ?5), 0) AS timely,
                   coalesce(sum(EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')), 0) AS visited,
                   coalesce(sum(EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id)), 0) AS reviewed,
                   coalesce(sum(special_group), 0) AS special
            FROM aid_case c WHERE closed_on BETWEEN ?1 AND ?2 AND step IN ('closed', 'archived')\(stationID == nil ? "" : " AND c.station_id = ?3")
            """, arguments: stationID == nil ? [from, to, nil, today.iso, archiveLimitDays] : closedArgs) {
            f.casesClosed = row["closed"]; f.archiveDue = row["due"]; f.archivedInTime = row["timely"]
            f.returnVisited = row["visited"]; f.spotChecked = row["reviewed"]; f.specialGroupCases = row["special"]
        }

        // 排队等候: the queue's own definition (TicketFacts.wait), summed here.
        let tickets = try QueueTicket.fetchAll(db, sql: """
            SELECT * FROM queue_ticket WHERE day BETWEEN ?1 AND ?2\(caseFilter) AND called_at IS NOT NULL
            """, arguments: args)
        for t in tickets {
            if let wait = facts(t, today: today.iso).wait { f.queueCalled += 1; f.queueWaitSeconds += wait }
        }
        return f
    }
}

import FayuanCore
import Foundation

extension CaseStore {
    /// The records behind one figure: the same selection as `indicatorFigures`, row by row, the
    /// ones that count against the figure first (not archived in time, no return visit…).
    /// ID numbers never appear; names do (the viewer may see reports). Needs `viewReports`.
    public func drillDown(_ indicator: IndicatorID, period: ReportPeriod, scope: ReportScope = .county,
                          archiveLimitDays: Int, today: LocalDate, role: OperatorRole, limit: Int = 500) throws -> DrillDown {
        try AccessPolicy.require(role, .viewReports)
        return try read { db in
            var stationID: Int64?
            if let code = scope.stationCode {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM station WHERE code = ?", arguments: [code]) else {
                    throw StoreError.notFound(entity: "站点", id: code)
                }
                stationID = id
            }
            let filter = stationID == nil ? "" : " AND c.station_id = ?3"
            let all: [(any SQLValueConvertible)?] = [period.from.iso, period.to.iso, stationID, today.iso, archiveLimitDays, limit]
            // GRDB wants exactly as many values as the statement has parameters (?1…?n).
            func args(_ sql: String) -> SQLArguments {
                var highest = 0
                var chars = sql.makeIterator()
                while let c = chars.next() {
                    if c == "?", let d = chars.next(), let n = d.wholeNumberValue { highest = max(highest, n) }
                }
                return SQLArguments(Array(all.prefix(highest)))
            }
            let caseColumns = ["案号", "受援人", "案由", "受理站点"]
            let caseSelect = """
                SELECT c.id, coalesce(c.case_number, '#' || c.id) AS number, a.name, c.cause, s.name AS station,
                       c.applied_on, c.accepted_on, c.decided_on, c.assigned_on, c.closed_on, c.archived_on, c.step,
                       EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after') AS visited,
                       EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id) AS checked
                FROM aid_case c JOIN applicant a ON a.id = c.applicant_id LEFT JOIN station s ON s.id = c.station_id
                """
            // Each selection walks its covering report index (v7), named so that the plan does not
            // depend on the statistics; the rows are chosen and sorted on the index alone, and only
            // the chosen ones are read whole.
            func cases(_ whereSQL: String, index: String, order: String, extra: (SQLRow) -> [String]) throws -> (rows: [[String]], total: Int) {
                let countSQL = "SELECT count(*) FROM aid_case c\(db.dialect.indexedBy(index)) WHERE \(whereSQL)\(filter)"
                let total = try Int.fetchOne(db, sql: countSQL, arguments: args(countSQL)) ?? 0
                let chosen = "SELECT c.id FROM aid_case c\(db.dialect.indexedBy(index)) WHERE \(whereSQL)\(filter) ORDER BY \(order) LIMIT ?6"
                let rowsSQL = "\(caseSelect) WHERE c.id IN (\(chosen)) ORDER BY \(order)"
                let rows = try SQLRow.fetchAll(db, sql: rowsSQL, arguments: args(rowsSQL))
                return (rows.map { r in [r["number"], r["name"], r["cause"], r["station"] ?? ""] + extra(r) }, total)
            }
            let closedWhere = "c.closed_on BETWEEN ?1 AND ?2 AND c.step IN ('closed', 'archived')"
            let title = "\(indicator.label)（\(period.label)）"
            func result(_ columns: [String], _ r: (rows: [[String]], total: Int)) -> DrillDown {
                DrillDown(indicator: indicator, title: title, columns: columns, rows: r.rows, total: r.total)
            }
            switch indicator {
            case .consultations, .satisfactionRate:
                let rated = indicator == .satisfactionRate ? " AND c.satisfaction IS NOT NULL" : ""
                let whereSQL = "c.day BETWEEN ?1 AND ?2\(rated)\(filter)"
                let countSQL = "SELECT count(*) FROM consultation c\(db.dialect.indexedBy("consultation_report_day")) WHERE \(whereSQL)"
                let total = try Int.fetchOne(db, sql: countSQL, arguments: args(countSQL)) ?? 0
                let rowsSQL = """
                    SELECT c.day, s.name AS station, coalesce(a.name, c.visitor_name, '') AS who, c.channel, c.topic, c.satisfaction
                    FROM consultation c\(db.dialect.indexedBy("consultation_report_day")) JOIN station s ON s.id = c.station_id
                    LEFT JOIN applicant a ON a.id = c.applicant_id
                    WHERE \(whereSQL)
                    ORDER BY \(indicator == .satisfactionRate ? "c.satisfaction = 'dissatisfied' DESC, " : "")c.day, c.id LIMIT ?6
                    """
                let rows = try SQLRow.fetchAll(db, sql: rowsSQL, arguments: args(rowsSQL))
                return DrillDown(indicator: indicator, title: title, columns: ["日期", "站点", "来访人", "方式", "事项", "评价"],
                                 rows: rows.map { r in
                                     [r["day"], r["station"], r["who"], Self.channelLabels[r["channel"] as String] ?? r["channel"],
                                      r["topic"], Self.satisfactionLabels[(r["satisfaction"] as String?) ?? ""] ?? "未评价"]
                                 }, total: total)
            case .casesAccepted:
                return result(caseColumns + ["受理日期"], try cases("c.accepted_on BETWEEN ?1 AND ?2", index: "aid_case_report_accepted", order: "c.accepted_on, c.id") { r in
                    [r["accepted_on"]]
                })
            case .aidedPersons, .residentAidRate:
                return result(caseColumns + ["决定日期"], try cases(
                    "c.decided_on BETWEEN ?1 AND ?2 AND c.step IN ('granted', 'assigned', 'handling', 'closed', 'archived')",
                    index: "aid_case_report_decided", order: "c.applicant_id, c.decided_on") { r in [r["decided_on"]] })
            case .casesClosed, .specialGroupCases:
                let special = indicator == .specialGroupCases ? " AND c.special_group = 1" : ""
                return result(caseColumns + ["结案日期", "归档日期"], try cases(closedWhere + special, index: "aid_case_report_closed", order: "c.closed_on, c.id") { r in
                    [r["closed_on"], r["archived_on"] ?? "未归档"]
                })
            case .timelyArchiveRate:
                // Late first: archived after the limit, or still unarchived past it.
                let late = "(CASE WHEN c.archived_on IS NULL THEN \(db.dialect.daysBetween("c.closed_on", "?4")) > ?5 ELSE \(db.dialect.daysBetween("c.closed_on", "c.archived_on")) > ?5 END)"
                return result(caseColumns + ["结案日期", "归档日期", "判定"], try cases(
                    closedWhere + " AND (c.archived_on IS NOT NULL OR \(db.dialect.daysBetween("c.closed_on", "?4")) > ?5)",
                    index: "aid_case_report_closed", order: "\(late) DESC, c.closed_on, c.id") { r in
                        let closed = LocalDate(iso: r["closed_on"])!
                        let archived = (r["archived_on"] as String?).flatMap(LocalDate.init(iso:))
                        let days = closed.days(to: archived ?? today)
                        let verdict = days <= archiveLimitDays ? "✓ 及时（\(days)日）" : (archived == nil ? "✗ 逾期未归档（已\(days)日）" : "✗ 逾期归档（\(days)日）")
                        return [r["closed_on"], r["archived_on"] ?? "未归档", verdict]
                    })
            case .returnVisitRate:
                let visited = "EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')"
                return result(caseColumns + ["结案日期", "回访"], try cases(closedWhere, index: "aid_case_report_closed", order: "\(visited), c.closed_on, c.id") { r in
                    [r["closed_on"], r["visited"] as Bool ? "✓ 已回访" : "✗ 未回访"]
                })
            case .spotCheckRate:
                let checked = "EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id)"
                return result(caseColumns + ["结案日期", "评查"], try cases(closedWhere, index: "aid_case_report_closed", order: "\(checked), c.closed_on, c.id") { r in
                    [r["closed_on"], r["checked"] as Bool ? "✓ 已评查" : "未评查"]
                })
            case .averageReviewDays:
                return result(caseColumns + ["申请日期", "决定日期", "用时"], try cases(
                    "c.decided_on BETWEEN ?1 AND ?2", index: "aid_case_report_decided", order: "\(db.dialect.daysBetween("c.applied_on", "c.decided_on")) DESC, c.id") { r in
                        [r["applied_on"], r["decided_on"], "\(LocalDate(iso: r["applied_on"])!.days(to: LocalDate(iso: r["decided_on"])!))日"]
                    })
            case .averageAssignmentDays:
                return result(caseColumns + ["决定日期", "指派日期", "用时"], try cases(
                    "c.assigned_on BETWEEN ?1 AND ?2 AND c.decided_on IS NOT NULL",
                    index: "aid_case_report_assigned", order: "\(db.dialect.daysBetween("c.decided_on", "c.assigned_on")) DESC, c.id") { r in
                        [r["decided_on"], r["assigned_on"], "\(LocalDate(iso: r["decided_on"])!.days(to: LocalDate(iso: r["assigned_on"])!))日"]
                    })
            case .queueWaitMinutes:
                let whereSQL = "c.day BETWEEN ?1 AND ?2 AND c.called_at IS NOT NULL\(filter)"
                let ticketSQL = "SELECT c.* FROM queue_ticket c WHERE \(whereSQL) ORDER BY c.day, c.id"
                let tickets = try QueueTicket.fetchAll(db, sql: ticketSQL, arguments: args(ticketSQL))
                let names = Dictionary(uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: "SELECT id, name FROM station").map { ($0["id"] as Int64, $0["name"] as String) })
                let rows = tickets.map { t -> (Double, [String]) in
                    let wait = Self.facts(t, today: today.iso).wait ?? 0
                    return (wait, [t.day, names[t.stationID] ?? "", t.code, IndicatorValue.fixed(wait / 60, 1) + "分钟"])
                }.sorted { $0.0 > $1.0 }
                return DrillDown(indicator: indicator, title: title, columns: ["日期", "站点", "号码", "等候"],
                                 rows: rows.prefix(limit).map(\.1), total: rows.count)
            }
        }
    }

    static let channelLabels = ["window": "窗口", "hotline12348": "12348电话", "online": "网上", "home_visit": "上门"]
    static let satisfactionLabels = ["satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意"]
}

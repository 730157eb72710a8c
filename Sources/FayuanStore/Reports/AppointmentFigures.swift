import FayuanCore

/// The monthly figures of §3.6: bookings by channel and mode (counted on the service day),
/// completion / no-show / cancellation, average days from booking to service, home visits by
/// group (elderly ≥ 60 derived from the birth date, disabled, seriously ill), remote sessions per
/// station. Computed in Swift from the period's rows (portable SQL, no date functions).
public struct AppointmentFigures: Sendable, Equatable, Codable {
    public var bookings = 0
    public var byChannel: [String: Int] = [:]
    public var byMode: [String: Int] = [:]
    public var done = 0
    public var noShow = 0
    public var cancelled = 0
    /// Days from booking to the booked day, averaged over served bookings (nil: none served).
    public var averageDaysToService: Double?
    public var homeVisits = 0
    /// Group code → visits ("elderly" is derived: 60 or older on the visit day).
    public var homeVisitsByGroup: [String: Int] = [:]
    public var remoteByStation: [String: Int] = [:]

    public init() {}

    /// A share of all bookings in per cent, one decimal (nil when there were none).
    public func rate(_ n: Int) -> Double? { bookings == 0 ? nil : (Double(n) * 1000 / Double(bookings)).rounded() / 10 }
}

extension CaseStore {
    /// The period's appointment figures, for the whole county or one station (needs `viewReports`).
    public func appointmentFigures(period: ReportPeriod, scope: ReportScope = .county, role: OperatorRole) throws -> AppointmentFigures {
        try AccessPolicy.require(role, .viewReports)
        let from = period.from.iso, to = period.to.iso
        return try read { db in
            var stationID: Int64?
            if let code = scope.stationCode {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM station WHERE code = ?", arguments: [code]) else {
                    throw StoreError.notFound(entity: "站点", id: code)
                }
                stationID = id
            }
            var f = AppointmentFigures()
            var sql = "SELECT channel, mode, status, booked_on, day FROM appointment WHERE day >= ? AND day <= ?"
            var args: [(any SQLValueConvertible)?] = [from, to]
            if let stationID { sql += " AND station_id = ?"; args.append(stationID) }
            var waits: [Int] = []
            for row in try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(args)) {
                f.bookings += 1
                f.byChannel[row["channel"], default: 0] += 1
                f.byMode[row["mode"], default: 0] += 1
                switch row["status"] as String {
                case "done":
                    f.done += 1
                    if let b = LocalDate(iso: row["booked_on"]), let d = LocalDate(iso: row["day"]) { waits.append(b.days(to: d)) }
                case "no_show": f.noShow += 1
                case "cancelled": f.cancelled += 1
                default: break
                }
            }
            if !waits.isEmpty { f.averageDaysToService = Double(waits.reduce(0, +)) / Double(waits.count) }
            var visitSQL = "SELECT v.day, v.applicant_id, a.birth_date FROM home_visit v LEFT JOIN applicant a ON a.id = v.applicant_id WHERE v.day >= ? AND v.day <= ?"
            var visitArgs: [(any SQLValueConvertible)?] = [from, to]
            if let stationID { visitSQL += " AND v.station_id = ?"; visitArgs.append(stationID) }
            let counted: Set<String> = ["disabled", "disabled_severe", "serious_illness"]
            for row in try SQLRow.fetchAll(db, sql: visitSQL, arguments: SQLArguments(visitArgs)) {
                f.homeVisits += 1
                if let birth = (row["birth_date"] as String?).flatMap(LocalDate.init(iso:)), let day = LocalDate(iso: row["day"]),
                   Age.years(bornOn: birth, on: day) >= 60 {
                    f.homeVisitsByGroup["elderly", default: 0] += 1
                }
                if let applicantID: Int64 = row["applicant_id"] {
                    let codes = try String.fetchAll(db, sql: "SELECT code FROM applicant_group WHERE applicant_id = ?", arguments: [applicantID])
                    for code in Set(codes).intersection(counted) { f.homeVisitsByGroup[code, default: 0] += 1 }
                }
            }
            var remoteSQL = "SELECT s.name FROM remote_session r JOIN station s ON s.id = r.station_id WHERE r.day >= ? AND r.day <= ?"
            var remoteArgs: [(any SQLValueConvertible)?] = [from, to]
            if let stationID { remoteSQL += " AND r.station_id = ?"; remoteArgs.append(stationID) }
            for name in try String.fetchAll(db, sql: remoteSQL, arguments: SQLArguments(remoteArgs)) {
                f.remoteByStation[name, default: 0] += 1
            }
            return f
        }
    }
}

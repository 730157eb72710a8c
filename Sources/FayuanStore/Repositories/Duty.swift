import FayuanCore
import Foundation

/// The duty roster, attendance and subsidies (issue 9). Every method checks the operator's
/// permission and audits its write in the same transaction.
extension CaseStore {
    // MARK: inputs of the planner

    /// Stations in county order as the planner sees them.
    public func rosterStations() throws -> [RosterStation] {
        try stations().enumerated().compactMap { index, s in
            guard let id = s.id, s.kind != .workstation else { return nil }
            return RosterStation(id: id, code: s.code, name: s.name, kind: s.kind == .countyCentre ? .centre : .township,
                                 index: index)
        }
    }

    /// Active providers with their stations, availability, leave and duties in the look-back window.
    public func rosterProviders(month: String, lookBackMonths: Int) throws -> [RosterProvider] {
        let (first, _) = try Self.monthRange(month)
        let since = Self.monthsBefore(first, lookBackMonths)
        return try read { db in
            var leave: [Int64: [LeavePeriod]] = [:]
            for row in try SQLRow.fetchAll(db, sql: "SELECT provider_id, from_day, to_day, reason FROM provider_leave") {
                if let from = LocalDate(iso: row["from_day"]), let to = LocalDate(iso: row["to_day"]) {
                    leave[row["provider_id"], default: []].append(LeavePeriod(from: from, to: to, reason: row["reason"]))
                }
            }
            var history: [Int64: Int] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT provider_id, count(*) AS n FROM duty_shift WHERE day >= ? AND day < ? AND status != 'cancelled'
                GROUP BY provider_id
                """, arguments: [since.iso, first.iso]) {
                history[row["provider_id"]] = row["n"]
            }
            // 清退 from the duty lawyer pool (issue 24 part 2): no longer offered by the roster generator.
            let removed = Set(try Int64.fetchAll(db, sql: "SELECT provider_id FROM pool_member WHERE pool = 'duty_lawyers' AND status = 'removed'"))
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT p.id, p.name, p.kind, p.station_id, p.active, d.stations, d.unavailable_weekdays, d.specialties
                FROM provider p LEFT JOIN duty_profile d ON d.provider_id = p.id ORDER BY p.id
                """)
            return rows.map { row in
                let id: Int64 = row["id"]
                var stations = Set<Int64>()
                if let home: Int64 = row["station_id"] { stations.insert(home) }
                for part in ((row["stations"] as String?) ?? "").split(separator: ",") {
                    if let s = Int64(part.trimmingCharacters(in: .whitespaces)) { stations.insert(s) }
                }
                let weekdays = ((row["unavailable_weekdays"] as String?) ?? "").split(separator: ",")
                    .compactMap { Int($0.trimmingCharacters(in: .whitespaces)).flatMap(Weekday.init(rawValue:)) }
                let specialties = ((row["specialties"] as String?) ?? "").split(separator: ",").map(String.init)
                return RosterProvider(id: id, name: row["name"], kind: row["kind"], stationIDs: stations,
                                      unavailableWeekdays: Set(weekdays), leave: leave[id] ?? [],
                                      recentDuties: history[id] ?? 0, specialties: specialties,
                                      active: (row["active"] as Bool) && !removed.contains(id))
            }
        }
    }

    /// Sets where else a provider serves and the weekdays they cannot (audited).
    public func setDutyProfile(provider providerID: Int64, extraStations: [Int64], unavailable: [Weekday],
                               specialties: [String] = [], by op: Operator) throws {
        try AccessPolicy.require(op.role, .editRoster)
        let now = timestamp()
        try write { db in
            try requireProvider(db, providerID)
            let stations = extraStations.map(String.init).joined(separator: ",")
            let weekdays = unavailable.map { String($0.rawValue) }.joined(separator: ",")
            try db.execute(sql: """
                INSERT INTO duty_profile(provider_id, stations, unavailable_weekdays, specialties) VALUES (?,?,?,?)
                ON CONFLICT(provider_id) DO UPDATE SET stations = excluded.stations,
                    unavailable_weekdays = excluded.unavailable_weekdays, specialties = excluded.specialties
                """, arguments: [providerID, stations, weekdays, specialties.joined(separator: ",")])
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "provider",
                                entityID: String(providerID), before: nil,
                                after: AuditDigest.of([("stations", stations), ("unavailable", weekdays)], secret: try storeSecret(db)),
                                detail: "值班资料")
        }
    }

    /// Records leave (audited).
    @discardableResult
    public func addLeave(provider providerID: Int64, from: String, to: String, reason: String,
                         by op: Operator) throws -> Int64 {
        try AccessPolicy.require(op.role, .editRoster)
        try StoreDate.validate(from, field: "from")
        try StoreDate.validate(to, field: "to")
        guard from <= to else { throw StoreError.invalidInput(field: "to", message: "请假结束日期早于开始日期") }
        let now = timestamp()
        return try write { db in
            try requireProvider(db, providerID)
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO provider_leave(provider_id, from_day, to_day, reason, operator_id, created_at) VALUES (?,?,?,?,?,?)
                """, arguments: [providerID, from, to, reason, op.id, now])
            let id = insertedID
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "provider_leave",
                                entityID: String(id), before: nil,
                                after: AuditDigest.of([("provider_id", String(providerID)), ("from", from), ("to", to)],
                                                      secret: try storeSecret(db)), detail: "请假 \(from)—\(to)")
            return id
        }
    }

    // MARK: the roster

    /// The month's shifts with names and attendance, by day then station order.
    public func dutyShifts(month: String, stationID: Int64? = nil) throws -> [DutyShiftView] {
        let (first, next) = try Self.monthRange(month)
        return try read { db in
            var sql = """
                SELECT s.*, p.name AS provider_name, p.kind AS provider_kind, st.name AS station_name, st.code AS station_code,
                       st.kind AS station_kind
                FROM duty_shift s JOIN provider p ON p.id = s.provider_id JOIN station st ON st.id = s.station_id
                WHERE s.day >= ? AND s.day < ?
                """
            var arguments: [(any SQLValueConvertible)?] = [first.iso, next.iso]
            if let stationID { sql += " AND s.station_id = ?"; arguments.append(stationID) }
            sql += " ORDER BY s.day, st.id, s.id"
            let rows = try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(arguments))
            var verification: [Int64: String] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT v.shift_id, v.decision FROM duty_verification v JOIN duty_shift s ON s.id = v.shift_id
                WHERE s.day >= ? AND s.day < ?
                """, arguments: [first.iso, next.iso]) {
                verification[row["shift_id"]] = row["decision"]
            }
            var attendance: [Int64: [SQLRow]] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT a.shift_id, a.kind, a.at, a.result FROM attendance a JOIN duty_shift s ON s.id = a.shift_id
                WHERE s.day >= ? AND s.day < ? ORDER BY a.id
                """, arguments: [first.iso, next.iso]) {
                attendance[row["shift_id"], default: []].append(row)
            }
            return try rows.map { row in
                let shift = try DutyShift(row: row)
                let marks = attendance[shift.id!] ?? []
                func localTime(_ kind: String) -> String? {
                    guard let at: String = marks.last(where: { $0["kind"] == kind })?["at"] else { return nil }
                    return at.hasSuffix("Z") ? nil : String(at.suffix(5))
                }
                let signIn = marks.last { $0["kind"] == "sign_in" }
                let signOut = marks.last { $0["kind"] == "sign_out" }
                let spots = marks.filter { $0["kind"] == "spot_check" }
                return DutyShiftView(
                    shift: shift, providerName: row["provider_name"], providerKind: row["provider_kind"],
                    stationName: row["station_name"], stationCode: row["station_code"], stationKind: row["station_kind"],
                    signIn: localTime("sign_in") ?? (signIn == nil ? nil : "已签到"),
                    signOut: localTime("sign_out") ?? (signOut == nil ? nil : "已签退"),
                    late: signIn?["result"] == "late", leftEarly: signOut?["result"] == "early_leave",
                    spotChecks: spots.count, spotAbsences: spots.filter { $0["result"] == "absent" }.count,
                    verification: verification[shift.id!])
            }
        }
    }

    /// Replaces the month's planned shifts (those with no attendance yet) with `duties` (audited
    /// per shift). Shifts already signed in stay as they are.
    @discardableResult
    public func saveRoster(month: String, duties: [PlannedDuty], by op: Operator) throws -> Int {
        try AccessPolicy.require(op.role, .editRoster)
        let (first, next) = try Self.monthRange(month)
        for d in duties where !(d.day >= first && d.day < next) {
            throw StoreError.invalidInput(field: "day", message: "\(d.day.iso) 不在 \(month) 内")
        }
        // Issue 19: a month that has ended (or that has approved subsidy) is history, not a plan:
        // re-planning it would invent duties nobody was asked to serve and then call them absent.
        // In the current month only the days still to come are planned.
        let today = localNow().day
        if next <= today {
            throw StoreError.invalidInput(field: "month", message: "\(month) 已经结束，不能重新排班（过去的值班以当时的记录为准）")
        }
        let now = timestamp()
        return try write { db in
            let secret = try storeSecret(db)
            if let status = try String.fetchOne(db, sql: """
                SELECT status FROM subsidy WHERE month = ? AND status IN ('approved', 'paid') ORDER BY status = 'paid' DESC LIMIT 1
                """, arguments: [month]) {
                throw StoreError.invalidInput(field: "month", message: "\(month) 的补贴\(status == "paid" ? "已发放" : "已核定")，不能重新排班")
            }
            let old = try Int64.fetchAll(db, sql: """
                SELECT id FROM duty_shift s WHERE day >= ? AND day < ? AND status = 'planned'
                AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.shift_id = s.id)
                AND NOT EXISTS (SELECT 1 FROM subsidy b WHERE b.shift_id = s.id)
                AND NOT EXISTS (SELECT 1 FROM duty_complaint c WHERE c.shift_id = s.id)
                """, arguments: [max(first, today).iso, next.iso])
            for id in old {
                try db.execute(sql: "DELETE FROM duty_mark WHERE shift_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM duty_shift WHERE id = ?", arguments: [id])
                try AuditLog.append(db, at: now, operatorID: op.id, action: "delete", entity: "duty_shift",
                                    entityID: String(id), before: nil, after: nil, detail: "重新排班 \(month)")
            }
            var count = 0
            for d in duties where d.day >= today {
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM duty_shift WHERE station_id = ? AND provider_id = ? AND day = ?",
                                               arguments: [d.stationID, d.providerID, d.day.iso]) ?? false
                if exists { continue }
                let insertedID = try db.insertReturningID(sql: """
                    INSERT INTO duty_shift(station_id, provider_id, day, starts_at, ends_at, status, reason)
                    VALUES (?,?,?,?,?,'planned',?)
                    """, arguments: [d.stationID, d.providerID, d.day.iso, d.startsAt.description, d.endsAt.description, d.reason])
                let id = insertedID
                try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "duty_shift",
                                    entityID: String(id), before: nil,
                                    after: AuditDigest.of([("station_id", String(d.stationID)), ("provider_id", String(d.providerID)),
                                                           ("day", d.day.iso)], secret: secret),
                                    detail: "排班 \(month)")
                count += 1
            }
            return count
        }
    }

    /// The month's shifts as planner duties (for checks and edits), with their ids in the same order.
    public func plannedDuties(month: String) throws -> (ids: [Int64], duties: [PlannedDuty]) {
        let shifts = try dutyShifts(month: month)
        var ids: [Int64] = []
        var duties: [PlannedDuty] = []
        for v in shifts where v.shift.status != "cancelled" {
            guard let day = LocalDate(iso: v.shift.day), let start = ClockTime(v.shift.startsAt),
                  let end = ClockTime(v.shift.endsAt) else { continue }
            ids.append(v.shift.id!)
            duties.append(PlannedDuty(stationID: v.shift.stationID, providerID: v.shift.providerID, day: day,
                                      startsAt: start, endsAt: end, reason: v.shift.reason))
        }
        return (ids, duties)
    }

    /// Exchanges the people of two shifts after re-checking every constraint; a swap that breaks one
    /// is refused with the reason (`StoreError.invalidInput(field: "swap", …)`), nothing written.
    public func swapDuties(_ a: Int64, _ b: Int64, context: RosterContext, by op: Operator) throws {
        try AccessPolicy.require(op.role, .editRoster)
        try editRoster(shiftIDs: [a, b], context: context, by: op, field: "swap") { duties, index in
            RosterEditor.swap(duties, index[0], index[1], context: context)
        }
    }

    /// Gives a shift to someone else after re-checking every constraint.
    public func reassignDuty(_ shiftID: Int64, to providerID: Int64, context: RosterContext, by op: Operator) throws {
        try AccessPolicy.require(op.role, .editRoster)
        try editRoster(shiftIDs: [shiftID], context: context, by: op, field: "provider") { duties, index in
            RosterEditor.reassign(duties, index[0], to: providerID, context: context)
        }
    }

    private func editRoster(shiftIDs: [Int64], context: RosterContext, by op: Operator, field: String,
                            _ edit: ([PlannedDuty], [Int]) -> Result<[PlannedDuty], RosterEditRefused>) throws {
        let month = try read { db in
            try String.fetchOne(db, sql: "SELECT substr(day, 1, 7) FROM duty_shift WHERE id = ?", arguments: [shiftIDs[0]])
        }
        guard let month else { throw StoreError.notFound(entity: "duty_shift", id: String(shiftIDs[0])) }
        let (ids, duties) = try plannedDuties(month: month)
        var index: [Int] = []
        for id in shiftIDs {
            guard let i = ids.firstIndex(of: id) else {
                throw StoreError.invalidInput(field: field, message: "值班 #\(id) 不在 \(month) 的排班中（跨月请分别调整）")
            }
            index.append(i)
        }
        let edited: [PlannedDuty]
        switch edit(duties, index) {
        case .success(let result): edited = result
        case .failure(let refused): throw StoreError.invalidInput(field: field, message: refused.description)
        }
        let now = timestamp()
        try write { db in
            let secret = try storeSecret(db)
            for i in index {
                let signed = try Bool.fetchOne(db, sql: "SELECT 1 FROM attendance WHERE shift_id = ?", arguments: [ids[i]]) ?? false
                if signed { throw StoreError.invalidInput(field: field, message: "值班 #\(ids[i]) 已有签到记录，不能再调整") }
                try db.execute(sql: "UPDATE duty_shift SET provider_id = ?, day = ?, reason = ? WHERE id = ?",
                               arguments: [edited[i].providerID, edited[i].day.iso, edited[i].reason, ids[i]])
                try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "duty_shift",
                                    entityID: String(ids[i]),
                                    before: AuditDigest.of([("provider_id", String(duties[i].providerID)), ("day", duties[i].day.iso)], secret: secret),
                                    after: AuditDigest.of([("provider_id", String(edited[i].providerID)), ("day", edited[i].day.iso)], secret: secret),
                                    detail: edited[i].reason)
            }
        }
    }

    /// Records a publication (公示) of a month (audited); the files are written by the caller.
    public func recordPublication(month: String, duties: Int, textPath: String, csvPath: String, by op: Operator) throws {
        try AccessPolicy.require(op.role, .editRoster)
        let now = timestamp()
        try write { db in
            try db.execute(sql: """
                INSERT INTO roster_publication(month, duties, text_path, csv_path, operator_id, published_at) VALUES (?,?,?,?,?,?)
                """, arguments: [month, duties, textPath, csvPath, op.id, now])
            try AuditLog.append(db, at: now, operatorID: op.id, action: "publish", entity: "roster", entityID: month,
                                before: nil, after: nil, detail: "公示 \(month) 值班表 \(duties) 班：\(textPath)")
        }
    }

    public func publications(month: String) throws -> [RosterPublication] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM roster_publication WHERE month = ? ORDER BY id", arguments: [month]).map {
                RosterPublication(month: $0["month"], duties: $0["duties"], textPath: $0["text_path"], csvPath: $0["csv_path"],
                                  publishedAt: $0["published_at"])
            }
        }
    }

    // MARK: attendance

    /// Sign-in at the station terminal at local time `at`; late is judged from the shift's start.
    @discardableResult
    public func signIn(shift shiftID: Int64, at: ClockTime, graceMinutes: Int = 0, by op: Operator) throws -> AttendanceOutcome {
        try attendance(shiftID, kind: "sign_in", at: at, graceMinutes: graceMinutes, by: op)
    }

    /// Sign-out; early leave is judged from the shift's end.
    @discardableResult
    public func signOut(shift shiftID: Int64, at: ClockTime, graceMinutes: Int = 0, by op: Operator) throws -> AttendanceOutcome {
        try attendance(shiftID, kind: "sign_out", at: at, graceMinutes: graceMinutes, by: op)
    }

    private func attendance(_ shiftID: Int64, kind: String, at: ClockTime, graceMinutes: Int,
                            by op: Operator) throws -> AttendanceOutcome {
        try AccessPolicy.require(op.role, .signInDuty)
        let now = timestamp()
        return try write { db in
            guard let shift = try DutyShift.fetchOne(db, sql: "SELECT * FROM duty_shift WHERE id = ?", arguments: [shiftID]) else {
                throw StoreError.notFound(entity: "duty_shift", id: String(shiftID))
            }
            guard shift.status != "cancelled" else { throw StoreError.invalidInput(field: "shift", message: "该班次已取消") }
            let rows = try SQLRow.fetchAll(db, sql: "SELECT kind, at FROM attendance WHERE shift_id = ? ORDER BY id", arguments: [shiftID])
            let hasIn = rows.contains { $0["kind"] == "sign_in" }
            if kind == "sign_in" && hasIn { throw StoreError.invalidInput(field: "sign_in", message: "已签到，不能重复签到") }
            if kind == "sign_out" && !hasIn { throw StoreError.invalidInput(field: "sign_out", message: "尚未签到，不能签退") }
            if kind == "sign_out" && rows.contains(where: { $0["kind"] == "sign_out" }) {
                throw StoreError.invalidInput(field: "sign_out", message: "已签退")
            }
            let signInTime = rows.first { $0["kind"] == "sign_in" }.flatMap { ($0["at"] as String?).flatMap { ClockTime(String($0.suffix(5))) } }
            if let decision = try String.fetchOne(db, sql: "SELECT decision FROM duty_verification WHERE shift_id = ?", arguments: [shiftID]) {
                throw StoreError.invalidInput(field: kind, message: "该班次已核实为“\(decision == "absent" ? "不在岗" : "已说明")”，不能再登记签到签退")
            }
            guard let day = LocalDate(iso: shift.day), let starts = ClockTime(shift.startsAt), let ends = ClockTime(shift.endsAt) else {
                throw StoreError.invalidInput(field: "shift", message: "班次日期或时间有误")
            }
            let problem = kind == "sign_in"
                ? AttendanceValidation.signIn(day: day, startsAt: starts, endsAt: ends, at: at, now: localNow())
                : AttendanceValidation.signOut(day: day, signIn: signInTime, at: at, now: localNow())
            if let problem { throw StoreError.invalidInput(field: kind == "sign_in" ? "sign_in" : "sign_out", message: problem) }
            let outcome = AttendanceRules.derive(startsAt: ClockTime(shift.startsAt) ?? at, endsAt: ClockTime(shift.endsAt) ?? at,
                                                 signIn: kind == "sign_in" ? at : (signInTime ?? at),
                                                 signOut: kind == "sign_out" ? at : nil, graceMinutes: graceMinutes)
            let result = kind == "sign_in" ? (outcome.isLate ? "late" : "present") : (outcome.leftEarly ? "early_leave" : "present")
            let note = kind == "sign_in" ? (outcome.isLate ? "迟到\(outcome.lateMinutes)分钟" : "")
                : (outcome.leftEarly ? "早退\(outcome.earlyMinutes)分钟" : "")
            let insertedID = try db.insertReturningID(sql: "INSERT INTO attendance(shift_id, kind, at, result, note, operator_id) VALUES (?,?,?,?,?,?)",
                           arguments: [shiftID, kind, shift.day + "T" + at.description, result, note, op.id])
            let id = insertedID
            if kind == "sign_in" { try db.execute(sql: "UPDATE duty_shift SET status = 'done' WHERE id = ?", arguments: [shiftID]) }
            try AuditLog.append(db, at: now, operatorID: op.id, action: kind, entity: "attendance", entityID: String(id),
                                before: nil, after: AuditDigest.of([("shift_id", String(shiftID)), ("at", at.description),
                                                                    ("result", result)], secret: try storeSecret(db)),
                                detail: (kind == "sign_in" ? "签到 " : "签退 ") + at.description + (note.isEmpty ? "" : "，" + note))
            return outcome
        }
    }

    /// A roll-call spot check by the centre: present, or away without good reason (audited).
    public func recordSpotCheck(shift shiftID: Int64, at: ClockTime, present: Bool, note: String = "", by op: Operator) throws {
        try AccessPolicy.require(op.role, .recordSpotCheck)
        let now = timestamp()
        try write { db in
            guard let shift = try DutyShift.fetchOne(db, sql: "SELECT * FROM duty_shift WHERE id = ?", arguments: [shiftID]) else {
                throw StoreError.notFound(entity: "duty_shift", id: String(shiftID))
            }
            guard let day = LocalDate(iso: shift.day), let starts = ClockTime(shift.startsAt), let ends = ClockTime(shift.endsAt) else {
                throw StoreError.invalidInput(field: "shift", message: "班次日期或时间有误")
            }
            if let problem = AttendanceValidation.spotCheck(day: day, startsAt: starts, endsAt: ends, at: at, now: localNow()) {
                throw StoreError.invalidInput(field: "time", message: problem)
            }
            let insertedID = try db.insertReturningID(sql: "INSERT INTO attendance(shift_id, kind, at, result, note, operator_id) VALUES (?,?,?,?,?,?)",
                           arguments: [shiftID, "spot_check", shift.day + "T" + at.description, present ? "present" : "absent", note, op.id])
            let id = insertedID
            try AuditLog.append(db, at: now, operatorID: op.id, action: "spot_check", entity: "attendance", entityID: String(id),
                                before: nil, after: AuditDigest.of([("shift_id", String(shiftID)), ("present", present ? "1" : "0")],
                                                                   secret: try storeSecret(db)),
                                detail: "点名抽查 \(at)：" + (present ? "在岗" : "无正当理由脱岗") + (note.isEmpty ? "" : "，" + note))
        }
    }

    /// A finding that costs subsidy: incomplete service record, verified complaint (linked to the
    /// consultation), false duty (audited).
    @discardableResult
    public func addDutyMark(shift shiftID: Int64, kind: DutyMarkKind, consultation: Int64? = nil, note: String = "",
                            by op: Operator) throws -> Int64 {
        try AccessPolicy.require(op.role, .recordSpotCheck)
        if kind == .complaint {
            throw StoreError.invalidInput(field: "kind", message: "投诉须先登记、受理、核实属实后才扣减（fayuan duty complaint，或值班画面的投诉处理）")
        }
        let now = timestamp()
        return try write { db in
            try insertDutyMark(db, shift: shiftID, kind: kind, consultation: consultation, note: note, by: op, at: now)
        }
    }

    /// The write of one finding (shared by addDutyMark and the complaint workflow's deduction).
    func insertDutyMark(_ db: any SQLSession, shift shiftID: Int64, kind: DutyMarkKind, consultation: Int64?, note: String,
                        by op: Operator, at now: String) throws -> Int64 {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM duty_shift WHERE id = ?", arguments: [shiftID]) == true else {
            throw StoreError.notFound(entity: "duty_shift", id: String(shiftID))
        }
        if let consultation, try Bool.fetchOne(db, sql: "SELECT 1 FROM consultation WHERE id = ?", arguments: [consultation]) != true {
            throw StoreError.invalidInput(field: "consultation", message: "咨询记录 #\(consultation) 不存在")
        }
        let insertedID = try db.insertReturningID(sql: """
            INSERT INTO duty_mark(shift_id, kind, consultation_id, note, operator_id, created_at) VALUES (?,?,?,?,?,?)
            """, arguments: [shiftID, kind.rawValue, consultation, note, op.id, now])
        let id = insertedID
        try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "duty_mark", entityID: String(id),
                            before: nil, after: AuditDigest.of([("shift_id", String(shiftID)), ("kind", kind.rawValue)],
                                                               secret: try storeSecret(db)),
                            detail: kind.label + (note.isEmpty ? "" : "：" + note))
        return id
    }

    // MARK: subsidies

    /// Each provider's duties of the month as the subsidy sees them. A past shift with no sign-in
    /// is 待核实 until decided (不在岗 or 已说明); a past shift signed in but never signed out
    /// counts one early leave; "dissatisfied" ratings come from the consultations the person
    /// answered at that station that day.
    public func dutyRecords(month: String, today: String) throws -> [Int64: [DutyRecord]] {
        let (first, next) = try Self.monthRange(month)
        let shifts = try dutyShifts(month: month)
        return try read { db in
            var marks: [Int64: [String]] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT m.shift_id, m.kind FROM duty_mark m JOIN duty_shift s ON s.id = m.shift_id WHERE s.day >= ? AND s.day < ?
                """, arguments: [first.iso, next.iso]) {
                marks[row["shift_id"], default: []].append(row["kind"])
            }
            var reasons: [Int64: String] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT v.shift_id, v.reason FROM duty_verification v JOIN duty_shift s ON s.id = v.shift_id
                WHERE s.day >= ? AND s.day < ? AND v.decision = 'excused'
                """, arguments: [first.iso, next.iso]) {
                reasons[row["shift_id"]] = row["reason"]
            }
            var dissatisfied: [String: Int] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT provider_id, station_id, day, count(*) AS n FROM consultation
                WHERE day >= ? AND day < ? AND satisfaction = 'dissatisfied' AND provider_id IS NOT NULL
                GROUP BY provider_id, station_id, day
                """, arguments: [first.iso, next.iso]) {
                dissatisfied["\(row["provider_id"] as Int64)|\(row["station_id"] as Int64)|\(row["day"] as String)"] = row["n"]
            }
            var result: [Int64: [DutyRecord]] = [:]
            for v in shifts where v.shift.status != "cancelled" {
                guard let day = LocalDate(iso: v.shift.day) else { continue }
                let m = marks[v.shift.id!] ?? []
                let signedIn = v.signIn != nil
                let past = v.shift.day < today
                // A duty still to come (or today's, not yet signed in) is not served yet: no line.
                if !signedIn && !past { continue }
                let absent = v.shift.status == "absent" || v.verification == "absent"
                let excused = v.verification == "excused" ? reasons[v.shift.id!] ?? "" : nil
                let record = DutyRecord(
                    shiftID: v.shift.id, day: day, stationName: RosterStation(id: 0, code: v.stationCode, name: v.stationName,
                        kind: v.stationKind == "county_centre" ? .centre : .township, index: 0).shortName,
                    stationKind: v.stationKind == "county_centre" ? .centre : .township,
                    absent: absent,
                    falseDuty: m.contains("false_duty"), late: v.late, leftEarly: v.leftEarly,
                    recordIssues: m.filter { $0 == "record_incomplete" }.count,
                    dissatisfied: dissatisfied["\(v.shift.providerID)|\(v.shift.stationID)|\(v.shift.day)"] ?? 0,
                    complaints: m.filter { $0 == "complaint" }.count, spotCheckAbsences: v.spotAbsences,
                    unverified: !signedIn && past && !absent && excused == nil, excusedReason: excused,
                    missingSignOut: signedIn && v.signOut == nil && past)
                result[v.shift.providerID, default: []].append(record)
            }
            return result
        }
    }

    /// Closed cases of each provider in the month (special-group or not), with quality review,
    /// case type and stage, and whether the 惠民工程 subsidy was paid for it under another month.
    /// A case counts as passing review when its latest review is not "fail".
    public func caseSubsidyCandidates(month: String) throws -> [Int64: [CaseSubsidyCandidate]] {
        let (first, next) = try Self.monthRange(month)
        return try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT c.id, c.case_number, c.special_group, c.closed_on, c.provider_id, c.kind, c.service_stage,
                    (SELECT q.result FROM quality_review q WHERE q.case_id = c.id ORDER BY q.at DESC, q.id DESC LIMIT 1) AS review,
                    EXISTS (SELECT 1 FROM subsidy s WHERE s.case_id = c.id AND s.kind = 'case' AND s.fund = 'huimin'
                            AND s.month != ? AND s.status IN ('approved', 'paid')) AS paid
                FROM aid_case c
                WHERE c.provider_id IS NOT NULL AND c.closed_on >= ? AND c.closed_on < ?
                ORDER BY c.id
                """, arguments: [month, first.iso, next.iso])
            var result: [Int64: [CaseSubsidyCandidate]] = [:]
            for row in rows {
                let review: String? = row["review"]
                result[row["provider_id"], default: []].append(CaseSubsidyCandidate(
                    caseID: row["id"], caseNumber: (row["case_number"] as String?) ?? "#\(row["id"] as Int64)",
                    specialGroup: row["special_group"], closedOn: (row["closed_on"] as String?).flatMap(LocalDate.init(iso:)),
                    passedQualityReview: review != nil && review != "fail", alreadyPaid: row["paid"],
                    kind: row["kind"], stage: row["service_stage"]))
            }
            return result
        }
    }

    /// Monthly statements of everyone with a duty or a closed case (computed, not written): what is
    /// owed by the rules today. `subsidyAccounts` compares them with what was approved.
    public func subsidyStatements(month: String, policy: RosterPolicy, rates: CaseSubsidyRates? = nil, today: String,
                                  provider: Int64? = nil) throws -> [SubsidyStatement] {
        let duties = try dutyRecords(month: month, today: today)
        let cases = try caseSubsidyCandidates(month: month)
        let people = try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT id, name, kind FROM provider").reduce(into: [Int64: (String, String)]()) {
                $0[$1["id"]] = ($1["name"], $1["kind"])
            }
        }
        let ids = Set(duties.keys).union(cases.keys).filter { provider == nil || $0 == provider }
        return ids.sorted().map { id in
            let (name, kind) = people[id] ?? ("#\(id)", "lawyer")
            return SubsidyCalculator.statement(providerID: id, providerName: name, providerKind: kind, month: month,
                                               duties: duties[id] ?? [], cases: cases[id] ?? [], policy: policy, rates: rates)
        }
    }


    /// The quarterly fund report: approved or paid subsidy by month, and the cases paid from the fund.
    public func fundReport(quarter: String) throws -> FundReport {
        guard let months = SubsidyCalculator.months(ofQuarter: quarter) else {
            throw StoreError.invalidInput(field: "quarter", message: "季度应为 YYYY-Q1…Q4：\(quarter)")
        }
        return try read { db in
            var lines: [FundReport.MonthLine] = []
            for month in months {
                let row = try SQLRow.fetchOne(db, sql: """
                    SELECT count(DISTINCT CASE WHEN kind = 'duty' THEN shift_id END) AS duties, coalesce(sum(CASE WHEN kind = 'duty' THEN amount_fen END), 0) AS duty_fen,
                           count(DISTINCT CASE WHEN kind = 'case' THEN case_id END) AS cases, coalesce(sum(CASE WHEN kind = 'case' THEN amount_fen END), 0) AS case_fen
                    FROM subsidy WHERE month = ? AND status IN ('approved', 'paid') AND fund = 'huimin'
                    """, arguments: [month])
                lines.append(FundReport.MonthLine(month: month, duties: row?["duties"] ?? 0, dutyFen: row?["duty_fen"] ?? 0,
                                                  cases: row?["cases"] ?? 0, caseFen: row?["case_fen"] ?? 0))
            }
            let numbers = try String.fetchAll(db, sql: """
                SELECT coalesce(c.case_number, '#' || c.id) FROM subsidy s JOIN aid_case c ON c.id = s.case_id
                WHERE s.kind = 'case' AND s.fund = 'huimin' AND s.entry = 'original' AND s.month IN (?, ?, ?) AND s.status IN ('approved', 'paid') ORDER BY c.id
                """, arguments: SQLArguments(months))
            let last = LocalDate(iso: months[2] + "-01")!
            let due = last.adding(days: LocalDate.daysIn(month: last.month, year: last.year) - 1 + 15)
            return FundReport(quarter: quarter, months: lines, dutyFen: lines.reduce(0) { $0 + $1.dutyFen },
                              caseFen: lines.reduce(0) { $0 + $1.caseFen }, caseNumbers: numbers, dueOn: due.iso)
        }
    }

    // MARK: helpers

    /// "2026-05" → (2026-05-01, 2026-06-01).
    public static func monthRange(_ month: String) throws -> (LocalDate, LocalDate) {
        guard month.count == 7, let first = LocalDate(iso: month + "-01") else {
            throw StoreError.invalidInput(field: "month", message: "月份应为 YYYY-MM：\(month)")
        }
        return (first, first.adding(days: LocalDate.daysIn(month: first.month, year: first.year)))
    }

    static func monthsBefore(_ first: LocalDate, _ n: Int) -> LocalDate {
        var y = first.year, m = first.month - n
        while m < 1 { m += 12; y -= 1 }
        while m > 12 { m -= 12; y += 1 }
        return LocalDate(year: y, month: m, day: 1)!
    }

    private func requireProvider(_ db: any SQLSession, _ id: Int64) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM provider WHERE id = ?", arguments: [id]) == true else {
            throw StoreError.notFound(entity: "provider", id: String(id))
        }
    }
}

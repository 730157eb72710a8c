import FayuanCore
import Foundation

/// Issue 19: subsidies as a ledger, the decision on duties with no sign-in, and complaints about a
/// duty. One use case = one method = one transaction with its audit entries; the console and the
/// CLI call the same methods.
extension CaseStore {
    /// The station's local date and time now (the store's clock in `timeZone`).
    public func localNow() -> AttendanceValidation.Now {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: clock())
        return AttendanceValidation.Now(day: LocalDate(year: c.year!, month: c.month!, day: c.day!)!,
                                        time: ClockTime(minutes: c.hour! * 60 + c.minute!))
    }

    // MARK: the ledger

    /// The lines written for a month, by provider.
    func postedLines(_ db: any SQLSession, month: String) throws -> [Int64: [PostedSubsidyLine]] {
        var result: [Int64: [PostedSubsidyLine]] = [:]
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT id, provider_id, kind, shift_id, case_id, fund, entry, status, amount_fen, note, approved_at, paid_at
            FROM subsidy WHERE month = ? ORDER BY id
            """, arguments: [month]) {
            let kind: String = row["kind"]
            let key = kind == "duty" ? "duty:\((row["shift_id"] as Int64?) ?? 0)"
                : "case:\((row["case_id"] as Int64?) ?? 0):\(row["fund"] as String)"
            result[row["provider_id"], default: []].append(PostedSubsidyLine(
                id: row["id"], key: key, entry: SubsidyEntry(rawValue: row["entry"]) ?? .original,
                status: SubsidyLineStatus(rawValue: row["status"]) ?? .pending, amountFen: row["amount_fen"],
                note: row["note"], approvedAt: row["approved_at"], paidAt: row["paid_at"]))
        }
        return result
    }

    /// Whether the month has ended by the store's clock (only then can it be approved).
    public func monthEnded(_ month: String) throws -> Bool {
        let (_, next) = try Self.monthRange(month)
        return next <= localNow().day
    }

    /// Each person's month as a ledger: what the rules say is owed now, what was approved and paid,
    /// and the lines that can be approved (the differences, as adjustments once the month was
    /// approved). Duties are judged as of today by the store's clock.
    public func subsidyAccounts(month: String, policy: RosterPolicy, rates: CaseSubsidyRates? = nil,
                                provider: Int64? = nil, today: String? = nil) throws -> [SubsidyAccount] {
        let today = today ?? localNow().day.iso
        let statements = try subsidyStatements(month: month, policy: policy, rates: rates, today: today)
        let (posted, names) = try read { db in
            (try postedLines(db, month: month),
             try SQLRow.fetchAll(db, sql: "SELECT id, name FROM provider").reduce(into: [Int64: String]()) { $0[$1["id"]] = $1["name"] })
        }
        var byProvider = Dictionary(uniqueKeysWithValues: statements.map { ($0.providerID, $0) })
        // People with lines written but nothing owed any more still appear (their lines are reversed).
        for id in posted.keys where byProvider[id] == nil {
            byProvider[id] = SubsidyStatement(providerID: id, providerName: names[id] ?? "#\(id)", month: month, lines: [],
                                              notes: [], forfeited: false, dutyFen: 0, caseFen: 0)
        }
        return byProvider.keys.sorted().filter { provider == nil || $0 == provider }.map { id in
            // Once a person's month was approved, anything approved for them later is an adjustment.
            SubsidyLedger.account(byProvider[id]!, posted: posted[id] ?? [],
                                  monthApproved: (posted[id] ?? []).contains(where: \.counts))
        }
    }

    /// What an approval wrote.
    public struct SubsidyApproval: Sendable, Equatable {
        public var lines: Int
        public var adjustments: Int
        public var amountFen: Int
        public var people: Int
    }

    /// Approves lines of an ended month (核定), each as its own ledger line; `only` limits it to
    /// some line keys ("duty:12", "case:5:huimin") and `provider` to one person. Lines held as
    /// 待核实 are never approved. Refused before the month ends and when nothing is due.
    @discardableResult
    public func approveSubsidies(month: String, policy: RosterPolicy, rates: CaseSubsidyRates? = nil,
                                 provider: Int64? = nil, only: Set<String>? = nil, by op: Operator) throws -> SubsidyApproval {
        try AccessPolicy.require(op.role, .approveSubsidy)
        let (_, next) = try Self.monthRange(month)
        guard try monthEnded(month) else {
            throw StoreError.invalidInput(field: "month", message: "\(month) 还没有结束（\(next.iso) 起才能核定），补贴按月在月末之后核定")
        }
        let accounts = try subsidyAccounts(month: month, policy: policy, rates: rates, provider: provider)
        if let only {
            let known = Set(accounts.flatMap { $0.due.map(\.key) })
            if let stray = only.subtracting(known).sorted().first {
                let held = accounts.contains { $0.unverified.contains { $0.key == stray } }
                throw StoreError.invalidInput(field: "line", message: held ? "\(stray) 待核实，核实前不能核定" : "\(stray) 没有待核定的金额")
            }
        }
        let now = timestamp()
        return try write { db in
            let secret = try storeSecret(db)
            // Someone may have approved in between: approving the same difference twice would pay it twice.
            let current = try postedLines(db, month: month)
            var result = SubsidyApproval(lines: 0, adjustments: 0, amountFen: 0, people: 0)
            for account in accounts {
                let id = account.statement.providerID
                guard (current[id] ?? []) == account.posted else {
                    throw StoreError.invalidInput(field: "month", message: "补贴明细刚被他人改动，请重新打开后再核定")
                }
                let lines = account.due.filter { only == nil || only!.contains($0.key) }
                guard !lines.isEmpty else { continue }
                result.people += 1
                for due in lines {
                    let line = due.line
                    let note = (due.explanation + (line.kind == .duty && due.entry == .original ? account.statement.notes : []))
                        .joined(separator: "；")
                    let insertedID = try db.insertReturningID(sql: """
                        INSERT INTO subsidy(provider_id, month, kind, shift_id, case_id, amount_fen, deductions_fen, status, note,
                                            entry, fund, approved_at, approved_by)
                        VALUES (?,?,?,?,?,?,?,'approved',?,?,?,?,?)
                        """, arguments: [id, month, line.kind.rawValue, line.shiftID, line.caseID, due.amountFen,
                                         due.entry == .original ? line.deductionsFen : 0, note, due.entry.rawValue,
                                         line.fund.rawValue, now, op.id])
                    try AuditLog.append(db, at: now, operatorID: op.id, action: "approve", entity: "subsidy",
                                        entityID: String(insertedID), before: nil,
                                        after: AuditDigest.of([("provider_id", String(id)), ("month", month), ("key", due.key),
                                                               ("entry", due.entry.rawValue), ("amount_fen", String(due.amountFen))],
                                                              secret: secret),
                                        detail: "\(account.statement.providerName) \(line.label) \(due.entry.label) \(Money.yuan(due.amountFen))元")
                    result.lines += 1
                    if due.entry == .adjustment { result.adjustments += 1 }
                    result.amountFen += due.amountFen
                }
            }
            guard result.lines > 0 else {
                throw StoreError.invalidInput(field: "month", message: "\(month) 没有待核定的补贴（待核实的班次须先核实）")
            }
            return result
        }
    }

    /// Marks the month's approved lines paid (发放), optionally for one person; returns the lines
    /// and the amount. Only approved lines can be paid.
    @discardableResult
    public func paySubsidies(month: String, provider: Int64? = nil, by op: Operator) throws -> (lines: Int, amountFen: Int) {
        try AccessPolicy.require(op.role, .approveSubsidy)
        _ = try Self.monthRange(month)
        let now = timestamp()
        return try write { db in
            var sql = "SELECT id, provider_id, amount_fen FROM subsidy WHERE month = ? AND status = 'approved'"
            var arguments: [(any SQLValueConvertible)?] = [month]
            if let provider { sql += " AND provider_id = ?"; arguments.append(provider) }
            let rows = try SQLRow.fetchAll(db, sql: sql + " ORDER BY id", arguments: SQLArguments(arguments))
            guard !rows.isEmpty else {
                throw StoreError.invalidInput(field: "month", message: "\(month) 没有已核定未发放的补贴")
            }
            var total = 0
            for row in rows {
                let id: Int64 = row["id"]
                try db.execute(sql: "UPDATE subsidy SET status = 'paid', paid_at = ?, paid_by = ? WHERE id = ?",
                               arguments: [now, op.id, id])
                try AuditLog.append(db, at: now, operatorID: op.id, action: "pay", entity: "subsidy", entityID: String(id),
                                    before: nil, after: nil, detail: "发放 \(month) \(Money.yuan(row["amount_fen"]))元")
                total += row["amount_fen"] as Int
            }
            return (rows.count, total)
        }
    }

    // MARK: duties with no sign-in

    /// Decides a past duty with no sign-in: not on duty (不在岗, the day's subsidy is cancelled and
    /// reported) or explained (已说明, paid as served). Needs a reason; audited; taken once.
    public func decideUnverifiedDuty(shift shiftID: Int64, absent: Bool, reason: String, by op: Operator) throws {
        try AccessPolicy.require(op.role, .recordSpotCheck)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.invalidInput(field: "reason", message: "请写明核实情况") }
        let today = localNow().day.iso
        let now = timestamp()
        try write { db in
            guard let shift = try DutyShift.fetchOne(db, sql: "SELECT * FROM duty_shift WHERE id = ?", arguments: [shiftID]) else {
                throw StoreError.notFound(entity: "duty_shift", id: String(shiftID))
            }
            guard shift.day < today else {
                throw StoreError.invalidInput(field: "shift", message: "值班日 \(shift.day) 还没过去，不能核实缺勤")
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM attendance WHERE shift_id = ? AND kind = 'sign_in'", arguments: [shiftID]) == true {
                throw StoreError.invalidInput(field: "shift", message: "该班次已签到，不是待核实的班次")
            }
            if shift.status == "absent" {
                throw StoreError.invalidInput(field: "shift", message: "该班次已记为不在岗")
            }
            if let decision = try String.fetchOne(db, sql: "SELECT decision FROM duty_verification WHERE shift_id = ?", arguments: [shiftID]) {
                throw StoreError.invalidInput(field: "shift", message: "该班次已核实为“\(decision == "absent" ? "不在岗" : "已说明")”")
            }
            try db.execute(sql: "INSERT INTO duty_verification(shift_id, decision, reason, operator_id, decided_at) VALUES (?,?,?,?,?)",
                           arguments: [shiftID, absent ? "absent" : "excused", reason, op.id, now])
            if absent { try db.execute(sql: "UPDATE duty_shift SET status = 'absent' WHERE id = ?", arguments: [shiftID]) }
            try AuditLog.append(db, at: now, operatorID: op.id, action: "verify", entity: "duty_shift", entityID: String(shiftID),
                                before: nil, after: AuditDigest.of([("decision", absent ? "absent" : "excused")], secret: try storeSecret(db)),
                                detail: (absent ? "核实不在岗：" : "核实已说明：") + reason)
        }
    }

    // MARK: complaints

    static let complaintSelect = """
        SELECT c.*, s.day AS shift_day, s.provider_id, p.name AS provider_name, st.name AS station_name
        FROM duty_complaint c JOIN duty_shift s ON s.id = c.shift_id JOIN provider p ON p.id = s.provider_id
        JOIN station st ON st.id = s.station_id
        """

    static func complaint(_ row: SQLRow, calendar: HolidayCalendar) -> DutyComplaint {
        let received: String = row["received_on"]
        let accepted: String? = row["accepted_on"]
        func due(_ from: String, _ days: Int, _ rule: DeadlineCounting) -> String {
            guard let day = LocalDate(iso: from) else { return "" }
            return (try? calendar.dueDate(from: day, days: days, rule: rule).text) ?? day.adding(days: days).iso + "（无节假日表）"
        }
        return DutyComplaint(
            id: row["id"], shiftID: row["shift_id"], shiftDay: row["shift_day"], stationName: row["station_name"],
            providerID: row["provider_id"], providerName: row["provider_name"], consultationID: row["consultation_id"],
            complainant: row["complainant"], summary: row["summary"], receivedOn: received,
            status: DutyComplaintStatus(rawValue: row["status"]) ?? .registered, acceptedOn: accepted,
            finishedOn: row["finished_on"], finding: row["finding"],
            acceptBy: due(received, 5, .working), finishBy: due(accepted ?? received, 60, .calendar))
    }

    /// Complaints about duties of a month (by duty day), or all open ones when `month` is nil.
    public func dutyComplaints(month: String?, calendar: HolidayCalendar) throws -> [DutyComplaint] {
        try read { db in
            if let month {
                let (first, next) = try Self.monthRange(month)
                return try SQLRow.fetchAll(db, sql: Self.complaintSelect + " WHERE s.day >= ? AND s.day < ? ORDER BY c.id",
                                        arguments: [first.iso, next.iso]).map { Self.complaint($0, calendar: calendar) }
            }
            return try SQLRow.fetchAll(db, sql: Self.complaintSelect + " WHERE c.status IN ('registered', 'accepted', 'upheld') ORDER BY c.id")
                .map { Self.complaint($0, calendar: calendar) }
        }
    }

    /// Registers a complaint about a duty. A second complaint about the same duty from the same
    /// complainant (or about the same consultation) while the first stands is refused, naming it.
    @discardableResult
    public func registerDutyComplaint(shift shiftID: Int64, complainant: String, summary: String, receivedOn: String,
                                      consultation: Int64? = nil, by op: Operator) throws -> Int64 {
        try AccessPolicy.require(op.role, .recordSpotCheck)
        let complainant = complainant.trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !complainant.isEmpty else { throw StoreError.invalidInput(field: "complainant", message: "请填写投诉人") }
        guard !summary.isEmpty else { throw StoreError.invalidInput(field: "summary", message: "请填写投诉内容") }
        try StoreDate.validate(receivedOn, field: "received")
        guard let received = LocalDate(iso: receivedOn) else {
            throw StoreError.invalidInput(field: "received", message: "收到日期无效：\(receivedOn)")
        }
        let today = localNow().day
        guard received <= today else { throw StoreError.invalidInput(field: "received", message: "收到日期 \(receivedOn) 晚于今天") }
        let now = timestamp()
        return try write { db in
            guard let shift = try DutyShift.fetchOne(db, sql: "SELECT * FROM duty_shift WHERE id = ?", arguments: [shiftID]) else {
                throw StoreError.notFound(entity: "duty_shift", id: String(shiftID))
            }
            guard shift.day <= receivedOn else {
                throw StoreError.invalidInput(field: "received", message: "收到日期 \(receivedOn) 早于值班日 \(shift.day)")
            }
            if let consultation, try Bool.fetchOne(db, sql: "SELECT 1 FROM consultation WHERE id = ?", arguments: [consultation]) != true {
                throw StoreError.invalidInput(field: "consultation", message: "咨询记录 #\(consultation) 不存在")
            }
            if let same = try Int64.fetchOne(db, sql: """
                SELECT id FROM duty_complaint WHERE shift_id = ? AND status != 'rejected'
                AND (complainant = ? OR (consultation_id IS NOT NULL AND consultation_id = ?)) ORDER BY id LIMIT 1
                """, arguments: [shiftID, complainant, consultation]) {
                throw StoreError.invalidInput(field: "complainant", message: "重复投诉：\(complainant)对该班次的投诉已登记为 #\(same)，不再重复登记")
            }
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO duty_complaint(shift_id, consultation_id, complainant, summary, received_on, registered_by, created_at)
                VALUES (?,?,?,?,?,?,?)
                """, arguments: [shiftID, consultation, complainant, summary, receivedOn, op.id, now])
            let id = insertedID
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "duty_complaint", entityID: String(id),
                                before: nil, after: AuditDigest.of([("shift_id", String(shiftID)), ("complainant", complainant)],
                                                                   secret: try storeSecret(db)),
                                detail: "登记投诉（值班 \(shift.day)）")
            return id
        }
    }

    /// One step of the complaint workflow: accept (受理), verify (属实 / 不属实, with the finding),
    /// deduct (an upheld complaint becomes the duty's deduction). Dates are checked against the
    /// complaint's own history and today.
    public enum ComplaintStep: Sendable, Equatable {
        case accept(on: String)
        case verify(upheld: Bool, finding: String, on: String)
        case deduct
    }

    public func advanceDutyComplaint(_ id: Int64, _ step: ComplaintStep, by op: Operator) throws {
        try AccessPolicy.require(op.role, .recordSpotCheck)
        let today = localNow().day.iso
        let now = timestamp()
        try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM duty_complaint WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "duty_complaint", id: String(id))
            }
            let status = DutyComplaintStatus(rawValue: row["status"]) ?? .registered
            func date(_ text: String, after earliest: String, what: String) throws {
                try StoreDate.validate(text, field: "date")
                guard LocalDate(iso: text) != nil else { throw StoreError.invalidInput(field: "date", message: "日期无效：\(text)") }
                guard text <= today else { throw StoreError.invalidInput(field: "date", message: "\(what)日期 \(text) 晚于今天") }
                guard text >= earliest else { throw StoreError.invalidInput(field: "date", message: "\(what)日期 \(text) 早于 \(earliest)") }
            }
            let detail: String
            switch step {
            case .accept(let on):
                guard status == .registered else {
                    throw StoreError.invalidInput(field: "status", message: "投诉 #\(id) 当前为“\(status.label)”，不能受理")
                }
                try date(on, after: row["received_on"], what: "受理")
                try db.execute(sql: "UPDATE duty_complaint SET status = 'accepted', accepted_on = ? WHERE id = ?", arguments: [on, id])
                detail = "受理投诉 \(on)"
            case .verify(let upheld, let finding, let on):
                guard status == .accepted else {
                    throw StoreError.invalidInput(field: "status", message: "投诉 #\(id) 当前为“\(status.label)”，须先受理再核实")
                }
                let finding = finding.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !finding.isEmpty else { throw StoreError.invalidInput(field: "finding", message: "请写明核实情况") }
                try date(on, after: row["accepted_on"] ?? row["received_on"], what: "核实")
                try db.execute(sql: "UPDATE duty_complaint SET status = ?, finding = ?, finished_on = ? WHERE id = ?",
                               arguments: [upheld ? "upheld" : "rejected", finding, upheld ? nil : on, id])
                detail = (upheld ? "核实属实：" : "核实不属实：") + finding
            case .deduct:
                guard status == .upheld else {
                    throw StoreError.invalidInput(field: "status", message: "投诉 #\(id) 当前为“\(status.label)”，只有经核实属实的投诉才扣减")
                }
                let mark = try insertDutyMark(db, shift: row["shift_id"], kind: .complaint, consultation: row["consultation_id"],
                                              note: "投诉 #\(id)：\(row["finding"] as String)", by: op, at: now)
                try db.execute(sql: "UPDATE duty_complaint SET status = 'deducted', mark_id = ?, finished_on = ? WHERE id = ?",
                               arguments: [mark, today, id])
                detail = "投诉属实，扣减值班补贴"
            }
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "duty_complaint", entityID: String(id),
                                before: nil, after: nil, detail: detail)
        }
    }

    // MARK: case stage

    /// Records the stage a case's aid covered (for the ordinary case subsidy table); audited.
    public func setCaseServiceStage(_ caseID: Int64, stage: CaseServiceStage, by op: Operator) throws {
        try AccessPolicy.require(op.role, .approveSubsidy)
        let now = timestamp()
        try write { db in
            guard let kind = try String.fetchOne(db, sql: "SELECT kind FROM aid_case WHERE id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "aid_case", id: String(caseID))
            }
            guard stage.fits(kind: kind) else {
                throw StoreError.invalidInput(field: "stage", message: "“\(stage.label)”不适用于\(CaseSubsidyRates.stageLabel(kind: kind, stage: nil).prefix(2))案件")
            }
            let before = try String.fetchOne(db, sql: "SELECT service_stage FROM aid_case WHERE id = ?", arguments: [caseID])
            try db.execute(sql: "UPDATE aid_case SET service_stage = ? WHERE id = ?", arguments: [stage.rawValue, caseID])
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "aid_case", entityID: String(caseID),
                                before: nil, after: nil, detail: "办案阶段：\(before ?? "未登记") → \(stage.rawValue)（\(stage.label)）")
        }
    }
}

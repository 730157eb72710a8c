import FayuanCore

/// 预约服务, 上门服务, 远程视频 (round2-capabilities.md §3). One use case = one method = one
/// transaction with its audit entry. Permissions: booking and the board are front-desk work
/// (`registerConsultation`); a home visit or remote session that takes an application needs
/// `takeApplication` (and `acceptApplication` to accept it); the call list shows whole phone
/// numbers and is an audited reveal (`revealIdentity`).
extension CaseStore {
    static let openStatusSQL = "('pending', 'confirmed', 'moved')"

    // MARK: Slots

    /// Opens bookable slots at a station on a day (one per time range), audited. A slot that
    /// already exists (same station, day, start and mode) is bad input naming it; nothing is written.
    @discardableResult
    public func openAppointmentSlots(stationID: Int64, day: String, times: [(start: String, end: String)],
                                     mode: AppointmentMode, capacity: Int = 1, staffOperatorID: Int64? = nil,
                                     by op: Operator) throws -> [AppointmentSlot] {
        try AccessPolicy.require(op.role, .registerConsultation)
        try StoreDate.validate(day, field: "day")
        guard capacity > 0 else { throw StoreError.invalidInput(field: "可约人数", message: "每个时段可约人数须大于 0") }
        guard !times.isEmpty else { throw StoreError.invalidInput(field: "时段", message: "请至少给出一个时段") }
        for t in times { try Self.validateTimes(t.start, t.end) }
        let now = timestamp()
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM station WHERE id = ?", arguments: [stationID]) == 1 else {
                throw StoreError.notFound(entity: "站点", id: String(stationID))
            }
            var ids: [Int64] = []
            for t in times {
                let exists = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM appointment_slot WHERE station_id = ? AND day = ? AND start_time = ? AND mode = ?
                    """, arguments: [stationID, day, t.start, mode.rawValue]) ?? 0
                if exists > 0 {
                    throw StoreError.invalidInput(field: "时段", message: "\(day) \(t.start) 的“\(mode.label)”时段已开设")
                }
                ids.append(try Int64.fetchOne(db, sql: """
                    INSERT INTO appointment_slot(station_id, day, start_time, end_time, mode, capacity, staff_operator_id,
                        created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id
                    """, arguments: [stationID, day, t.start, t.end, mode.rawValue, capacity, staffOperatorID, op.id, now])!)
            }
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "appointment_slot",
                                entityID: ids.map(String.init).joined(separator: ","), before: nil,
                                after: AuditDigest.of([("station_id", String(stationID)), ("day", day), ("mode", mode.rawValue),
                                                       ("times", times.map { "\($0.start)-\($0.end)" }.joined(separator: ",")),
                                                       ("capacity", String(capacity))], secret: try storeSecret(db)),
                                detail: "开设预约时段 \(day) \(times.count) 个（\(mode.label)）")
            return try Self.slots(db, stationID: stationID, from: day, to: day).filter { ids.contains($0.id!) }
        }
    }

    /// The slots of a station between two days, with how many open bookings hold each.
    public func appointmentSlots(stationID: Int64, from: String, to: String) throws -> [AppointmentSlot] {
        try StoreDate.validate(from, field: "from")
        try StoreDate.validate(to, field: "to")
        return try read { db in try Self.slots(db, stationID: stationID, from: from, to: to) }
    }

    static func slots(_ db: any SQLSession, stationID: Int64, from: String, to: String?, mode: AppointmentMode? = nil) throws -> [AppointmentSlot] {
        var sql = """
            SELECT s.*, (SELECT count(*) FROM appointment a WHERE a.slot_id = s.id AND a.status IN \(openStatusSQL)) AS booked
            FROM appointment_slot s WHERE s.station_id = ? AND s.day >= ?
            """
        var args: [(any SQLValueConvertible)?] = [stationID, from]
        if let to { sql += " AND s.day <= ?"; args.append(to) }
        if let mode { sql += " AND s.mode = ?"; args.append(mode.rawValue) }
        sql += " ORDER BY s.day, s.start_time, s.id"
        return try AppointmentSlot.fetchAll(db, sql: sql, arguments: SQLArguments(args))
    }

    static func validateTimes(_ start: String, _ end: String) throws {
        guard let s = ClockTime(start) else { throw StoreError.invalidInput(field: "开始时间", message: "时间应为 HH:MM：\(start)") }
        guard let e = ClockTime(end) else { throw StoreError.invalidInput(field: "结束时间", message: "时间应为 HH:MM：\(end)") }
        guard s < e else { throw StoreError.invalidInput(field: "结束时间", message: "结束时间 \(end) 应晚于开始时间 \(start)") }
    }

    // MARK: Booking

    /// Books an appointment (预约登记), audited. With no slot given, takes the first free slot of the
    /// mode that the rules allow (a green-channel reason moves it forward); a stated limitation date
    /// refuses later slots unless `overrideReason` is given, and flags 先行提供 (Art 44) when fewer
    /// than 7 days remain; two earlier no-shows tag the booking “需前一日电话确认”.
    @discardableResult
    public func bookAppointment(_ request: AppointmentRequest, calendar: HolidayCalendar,
                                policy: BookingPolicy = .standard, by op: Operator) throws -> Appointment {
        try AccessPolicy.require(op.role, .registerConsultation)
        let name = request.personName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.invalidInput(field: "name", message: "预约人姓名不能为空") }
        if let phone = request.phone, !phone.isEmpty, !phone.allSatisfy({ $0.isNumber || $0 == "-" }) {
            throw StoreError.invalidInput(field: "phone", message: "电话只能含数字和“-”：\(phone)")
        }
        if request.mode == .home, request.place.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalidInput(field: "上门地址", message: "上门服务须填写上门地址")
        }
        try Self.validateProxy(request.proxy)
        let bookedOn: LocalDate
        if let text = request.bookedOn {
            try StoreDate.validate(text, field: "预约登记日期")
            guard let d = LocalDate(iso: text) else { throw StoreError.invalidInput(field: "预约登记日期", message: "日期无效：\(text)") }
            bookedOn = d
        } else {
            bookedOn = today()
        }
        var limitation: LocalDate?
        if let text = request.limitationOn {
            try StoreDate.validate(text, field: "时效或期限届满日")
            guard let d = LocalDate(iso: text) else { throw StoreError.invalidInput(field: "时效或期限届满日", message: "日期无效：\(text)") }
            guard d >= bookedOn else {
                throw StoreError.invalidInput(field: "时效或期限届满日", message: "所述时效/期限 \(text) 已早于预约日 \(bookedOn.iso)")
            }
            limitation = d
        }
        let override = request.overrideReason.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false
        let priority = !request.priorityReasons.isEmpty
        let now = timestamp()
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM station WHERE id = ?", arguments: [request.stationID]) == 1 else {
                throw StoreError.notFound(entity: "站点", id: String(request.stationID))
            }
            if let applicantID = request.applicantID, try Self.applicant(db, id: applicantID) == nil {
                throw StoreError.notFound(entity: "申请人", id: String(applicantID))
            }
            let slots = try Self.slots(db, stationID: request.stationID, from: bookedOn.iso, to: nil, mode: request.mode)
            let chosen = try Self.chooseSlot(slots, slotID: request.slotID, mode: request.mode, bookedOn: bookedOn,
                                             priority: priority, limitation: limitation, override: override,
                                             policy: policy, calendar: calendar)
            let provideFirst = BookingRules.provideFirst(serviceDay: LocalDate(iso: chosen.day)!, limitation: limitation,
                                                         policy: policy)
            let noShows = try Self.previousNoShows(db, applicantID: request.applicantID, phone: request.phone)
            let phoneConfirm = BookingRules.needsPhoneConfirmation(previousNoShows: noShows, policy: policy)
            let seq = (try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE booked_on = ?",
                                        arguments: [bookedOn.iso]) ?? 0) + 1
            let number = ServiceNumber.appointment(bookedOn: bookedOn, sequence: seq)
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO appointment(appt_no, station_id, slot_id, day, start_time, end_time, place, channel, purpose, mode,
                    applicant_id, person_name, phone, proxy_name, proxy_relation, proxy_id_number, proxy_phone,
                    matter_summary, priority_reasons, accessibility, staff_operator_id, lawyer_provider_id, status,
                    limitation_on, provide_first, phone_confirm, override_reason, booked_on, booked_by, created_at, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'pending',?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: SQLArguments([
                    number, request.stationID, chosen.id, chosen.day, chosen.start, chosen.end,
                    request.place.trimmingCharacters(in: .whitespaces), request.channel.rawValue, request.purpose.rawValue,
                    request.mode.rawValue, request.applicantID, name, request.phone.flatMap { $0.isEmpty ? nil : $0 },
                    request.proxy?.name, request.proxy?.relation, request.proxy?.idNumber, request.proxy?.phone,
                    request.matterSummary, request.priorityReasons.map(\.rawValue).joined(separator: ","),
                    request.accessibility, request.staffOperatorID ?? chosen.staffOperatorID, request.lawyerProviderID,
                    limitation?.iso, provideFirst ? 1 : 0, phoneConfirm ? 1 : 0,
                    override ? request.overrideReason : nil, bookedOn.iso, op.id, now, now,
                ] as [(any SQLValueConvertible)?]))!
            var notes = ["预约 \(chosen.day) \(chosen.start)–\(chosen.end)（\(request.mode.label)，\(request.purpose.label)）"]
            if provideFirst { notes.append("先行提供：所述期限 \(limitation!.iso) 距服务日不足\(policy.provideFirstDays)日（法律援助法第四十四条第一项）") }
            if phoneConfirm { notes.append("此前爽约\(noShows)次，\(BookingRules.phoneConfirmationTag)") }
            if override { notes.append("超过安全日期预约，理由：\(request.overrideReason!)") }
            try Self.appointmentEvent(db, id, at: now, kind: "book", day: chosen.day, start: chosen.start,
                                      note: notes.joined(separator: "；"), operatorID: op.id)
            let saved = try Self.appointment(db, id: id)!
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "appointment", entityID: String(id),
                                before: nil, after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)),
                                detail: "预约登记 \(number)")
            return saved
        }
    }

    /// The slot a booking or a move takes: the one named (checked against the rules) or the first free one.
    static func chooseSlot(_ slots: [AppointmentSlot], slotID: Int64?, mode: AppointmentMode, bookedOn: LocalDate,
                           priority: Bool, limitation: LocalDate?, override: Bool, policy: BookingPolicy,
                           calendar: HolidayCalendar) throws -> AppointmentSlot {
        let candidates = slots.compactMap { s -> CandidateSlot? in
            guard let day = LocalDate(iso: s.day), let start = ClockTime(s.start), let end = ClockTime(s.end) else { return nil }
            return CandidateSlot(id: s.id!, day: day, start: start, end: end, free: s.free)
        }
        do {
            if let slotID {
                guard let candidate = candidates.first(where: { $0.id == slotID }) else {
                    throw StoreError.invalidInput(field: "预约时段", message: "时段 \(slotID) 不存在、不是“\(mode.label)”时段，或早于预约日")
                }
                try BookingRules.check(slot: candidate, bookedOn: bookedOn, priority: priority, limitation: limitation,
                                       override: override, policy: policy, calendar: calendar)
                return slots.first { $0.id == slotID }!
            }
            let first = try BookingRules.firstFree(candidates, bookedOn: bookedOn, priority: priority, limitation: limitation,
                                                   policy: policy, calendar: calendar)
            return slots.first { $0.id == first.id }!
        } catch let refusal as BookingRefusal {
            throw StoreError.invalidInput(field: "预约时段", message: refusal.description)
        } catch let uncovered as CalendarYearNotCovered {
            throw StoreError.invalidInput(field: "day", message: uncovered.message)
        }
    }

    static func validateProxy(_ proxy: AppointmentProxy?) throws {
        guard let proxy else { return }
        guard !proxy.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "代理人姓名", message: "代理人/代签人姓名不能为空")
        }
        guard !proxy.relation.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "代理人关系", message: "请填写代理人与当事人的关系")
        }
        if let id = proxy.idNumber, !id.isEmpty {
            if case .failure(let error) = IDNumber.parse(id) {
                throw StoreError.invalidInput(field: "代理人身份证号码", message: "代理人身份证号码无效：\(error.reason)")
            }
        }
    }

    static func previousNoShows(_ db: any SQLSession, applicantID: Int64?, phone: String?) throws -> Int {
        if let applicantID {
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE status = 'no_show' AND applicant_id = ?",
                                    arguments: [applicantID]) ?? 0
        }
        if let phone, !phone.isEmpty {
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE status = 'no_show' AND phone = ?",
                                    arguments: [phone]) ?? 0
        }
        return 0
    }

    static func appointmentEvent(_ db: any SQLSession, _ id: Int64, at: String, kind: String, day: String? = nil,
                                 start: String? = nil, note: String, operatorID: Int64?) throws {
        try db.execute(sql: """
            INSERT INTO appointment_event(appointment_id, at, kind, day, start_time, note, operator_id) VALUES (?,?,?,?,?,?,?)
            """, arguments: [id, at, kind, day, start, note, operatorID])
    }

    static func appointment(_ db: any SQLSession, id: Int64) throws -> Appointment? {
        try Appointment.fetchOne(db, sql: "SELECT * FROM appointment WHERE id = ?", arguments: [id])
    }

    /// An appointment by its number (YY-…) or id.
    public func appointment(_ reference: String) throws -> Appointment {
        try read { db in try Self.appointment(db, reference: reference) }
    }

    static func appointment(_ db: any SQLSession, reference: String) throws -> Appointment {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        if let found = try Appointment.fetchOne(db, sql: "SELECT * FROM appointment WHERE appt_no = ?", arguments: [ref]) {
            return found
        }
        if let id = Int64(ref), let found = try appointment(db, id: id) { return found }
        throw StoreError.notFound(entity: "预约", id: ref)
    }

    /// The history of a booking, oldest first.
    public func appointmentEvents(_ id: Int64) throws -> [AppointmentEvent] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM appointment_event WHERE appointment_id = ? ORDER BY id", arguments: [id]).map {
                AppointmentEvent(at: $0["at"], kind: $0["kind"], day: $0["day"], start: $0["start_time"], note: $0["note"],
                                 operatorID: $0["operator_id"])
            }
        }
    }

    // MARK: Changes to a booking

    /// Moves an open booking to another slot of the station (改约), audited; the rules are those of
    /// a new booking made today, the limitation date included.
    @discardableResult
    public func moveAppointment(_ reference: String, toSlot slotID: Int64?, reason: String, overrideReason: String? = nil,
                                calendar: HolidayCalendar, policy: BookingPolicy = .standard, by op: Operator) throws -> Appointment {
        try AccessPolicy.require(op.role, .registerConsultation)
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "reason", message: "请填写改约原因")
        }
        let today = today()
        let now = timestamp()
        let override = overrideReason.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false
        return try write { db in
            let before = try Self.appointment(db, reference: reference)
            try Self.requireOpen(before)
            let mode: AppointmentMode
            if let slotID {
                guard let m = try String.fetchOne(db, sql: "SELECT mode FROM appointment_slot WHERE id = ? AND station_id = ?",
                                                  arguments: [slotID, before.stationID]) else {
                    throw StoreError.invalidInput(field: "预约时段", message: "时段 \(slotID) 不是本站点的预约时段")
                }
                mode = AppointmentMode(rawValue: m) ?? before.mode
            } else {
                mode = before.mode
            }
            // The booking's own place does not count against the slot it leaves.
            let slots = try Self.slots(db, stationID: before.stationID, from: today.iso, to: nil, mode: mode)
                .filter { $0.id != before.slotID }
            let chosen = try Self.chooseSlot(slots, slotID: slotID, mode: mode, bookedOn: today,
                                             priority: !before.priorityReasons.isEmpty,
                                             limitation: before.limitationOn.flatMap(LocalDate.init(iso:)), override: override,
                                             policy: policy, calendar: calendar)
            let provideFirst = BookingRules.provideFirst(serviceDay: LocalDate(iso: chosen.day)!,
                                                         limitation: before.limitationOn.flatMap(LocalDate.init(iso:)), policy: policy)
            try db.execute(sql: """
                UPDATE appointment SET slot_id = ?, day = ?, start_time = ?, end_time = ?, mode = ?, status = 'moved',
                    provide_first = ?, override_reason = coalesce(?, override_reason), updated_at = ? WHERE id = ?
                """, arguments: [chosen.id, chosen.day, chosen.start, chosen.end, mode.rawValue, provideFirst || before.provideFirst ? 1 : 0,
                                 override ? overrideReason : nil, now, before.id])
            try Self.appointmentEvent(db, before.id, at: now, kind: "move", day: chosen.day, start: chosen.start,
                                      note: "由 \(before.day) \(before.start) 改约至 \(chosen.day) \(chosen.start)：\(reason)",
                                      operatorID: op.id)
            let saved = try Self.appointment(db, id: before.id)!
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "appointment",
                                entityID: String(before.id), before: AuditDigest.of(before.auditFields(), secret: secret),
                                after: AuditDigest.of(saved.auditFields(), secret: secret), detail: "改约 \(saved.number)")
            return saved
        }
    }

    /// Cancels an open booking (取消), audited; the reason is kept.
    @discardableResult
    public func cancelAppointment(_ reference: String, reason: String, by op: Operator) throws -> Appointment {
        try endAppointment(reference, status: .cancelled, kind: "cancel", note: reason, requireNote: "请填写取消原因", by: op)
    }

    /// Records that the person did not come (爽约), on or after the booked day, audited.
    @discardableResult
    public func markAppointmentNoShow(_ reference: String, note: String = "", by op: Operator) throws -> Appointment {
        try endAppointment(reference, status: .noShow, kind: "no_show", note: note, requireNote: nil, by: op)
    }

    /// Marks a booking served (已完成), linking what it produced (a consultation, a case), audited.
    @discardableResult
    public func completeAppointment(_ reference: String, consultationID: Int64? = nil, caseID: Int64? = nil,
                                    note: String = "", by op: Operator) throws -> Appointment {
        try endAppointment(reference, status: .done, kind: "done", note: note, requireNote: nil, consultationID: consultationID,
                           caseID: caseID, by: op)
    }

    /// Confirms a booking (已确认) — after the reminder call, say — audited.
    @discardableResult
    public func confirmAppointment(_ reference: String, note: String = "", by op: Operator) throws -> Appointment {
        try AccessPolicy.require(op.role, .registerConsultation)
        let now = timestamp()
        return try write { db in
            let before = try Self.appointment(db, reference: reference)
            try Self.requireOpen(before)
            try db.execute(sql: "UPDATE appointment SET status = 'confirmed', updated_at = ? WHERE id = ?", arguments: [now, before.id])
            try Self.appointmentEvent(db, before.id, at: now, kind: "confirm", note: note.isEmpty ? "已确认" : note, operatorID: op.id)
            let saved = try Self.appointment(db, id: before.id)!
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "appointment", entityID: String(before.id),
                                before: AuditDigest.of(before.auditFields(), secret: secret),
                                after: AuditDigest.of(saved.auditFields(), secret: secret), detail: "确认预约 \(saved.number)")
            return saved
        }
    }

    static func requireOpen(_ a: Appointment) throws {
        guard a.status.isOpen else {
            throw StoreError.invalidInput(field: "预约状态", message: "预约 \(a.number) 已\(a.status.label.replacingOccurrences(of: "已", with: ""))，不能再更改")
        }
    }

    func endAppointment(_ reference: String, status: AppointmentStatus, kind: String, note: String, requireNote: String?,
                        consultationID: Int64? = nil, caseID: Int64? = nil, by op: Operator) throws -> Appointment {
        try AccessPolicy.require(op.role, .registerConsultation)
        if let requireNote, note.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalidInput(field: "reason", message: requireNote)
        }
        let today = today()
        let now = timestamp()
        return try write { db in
            let before = try Self.appointment(db, reference: reference)
            try Self.requireOpen(before)
            if status == .noShow, let day = LocalDate(iso: before.day), day > today {
                throw StoreError.invalidInput(field: "预约状态", message: "预约日 \(before.day) 尚未到，不能记爽约")
            }
            if let caseID, try Int.fetchOne(db, sql: "SELECT count(*) FROM aid_case WHERE id = ?", arguments: [caseID]) != 1 {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            if let consultationID,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM consultation WHERE id = ?", arguments: [consultationID]) != 1 {
                throw StoreError.notFound(entity: "咨询记录", id: String(consultationID))
            }
            try db.execute(sql: """
                UPDATE appointment SET status = ?, end_note = ?, consultation_id = coalesce(?, consultation_id),
                    case_id = coalesce(?, case_id), updated_at = ? WHERE id = ?
                """, arguments: [status.rawValue, note, consultationID, caseID, now, before.id])
            try Self.appointmentEvent(db, before.id, at: now, kind: kind, note: note.isEmpty ? status.label : "\(status.label)：\(note)",
                                      operatorID: op.id)
            let saved = try Self.appointment(db, id: before.id)!
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "appointment", entityID: String(before.id),
                                before: AuditDigest.of(before.auditFields(), secret: secret),
                                after: AuditDigest.of(saved.auditFields(), secret: secret), detail: "\(status.label) \(saved.number)")
            return saved
        }
    }

    /// Records a reminder given (短信 by another system, or a phone call from the call list).
    public func recordAppointmentReminder(_ reference: String, method: String, result: String, by op: Operator) throws {
        try AccessPolicy.require(op.role, .registerConsultation)
        guard method == "sms" || method == "phone" else {
            throw StoreError.invalidInput(field: "method", message: "提醒方式应为 sms（短信）或 phone（电话）：\(method)")
        }
        let now = timestamp()
        try write { db in
            let a = try Self.appointment(db, reference: reference)
            try db.execute(sql: "INSERT INTO appointment_reminder(appointment_id, at, method, result, operator_id) VALUES (?,?,?,?,?)",
                           arguments: [a.id, now, method, result, op.id])
            try Self.appointmentEvent(db, a.id, at: now, kind: "remind", note: (method == "sms" ? "短信提醒" : "电话提醒") + "：\(result)",
                                      operatorID: op.id)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "appointment", entityID: String(a.id),
                                before: nil, after: nil, detail: "预约提醒 \(a.number)")
        }
    }

    // MARK: Board and lists

    /// Bookings between two days (inclusive), by day and time; one station or all (nil).
    /// `openOnly` leaves out cancelled, no-show and done bookings.
    public func appointments(stationID: Int64?, from: String, to: String, openOnly: Bool = false) throws -> [Appointment] {
        try StoreDate.validate(from, field: "from")
        try StoreDate.validate(to, field: "to")
        return try read { db in
            var sql = "SELECT * FROM appointment WHERE day >= ? AND day <= ?"
            var args: [(any SQLValueConvertible)?] = [from, to]
            if let stationID { sql += " AND station_id = ?"; args.append(stationID) }
            if openOnly { sql += " AND status IN \(Self.openStatusSQL)" }
            sql += " ORDER BY day, start_time, id"
            return try Appointment.fetchAll(db, sql: sql, arguments: SQLArguments(args))
        }
    }

    /// The day/week board of a station: its slots and its bookings between two days.
    public func appointmentBoard(stationID: Int64, from: String, to: String) throws -> AppointmentBoard {
        AppointmentBoard(slots: try appointmentSlots(stationID: stationID, from: from, to: to),
                         appointments: try appointments(stationID: stationID, from: from, to: to))
    }

    /// Tomorrow's (or any day's) call list: open bookings with whole phone numbers, so staff can
    /// ring them (the console sends no SMS). An audited reveal.
    public func appointmentCallList(day: String, stationID: Int64?, by op: Operator) throws -> [CallListEntry] {
        try AccessPolicy.require(op.role, .revealIdentity)
        try StoreDate.validate(day, field: "day")
        let now = timestamp()
        return try write { db in
            var sql = "SELECT * FROM appointment WHERE day = ? AND status IN \(Self.openStatusSQL)"
            var args: [(any SQLValueConvertible)?] = [day]
            if let stationID { sql += " AND station_id = ?"; args.append(stationID) }
            sql += " ORDER BY start_time, id"
            let list = try Appointment.fetchAll(db, sql: sql, arguments: SQLArguments(args))
            let entries = try list.map { a -> CallListEntry in
                var phone = a.phone ?? ""
                if phone.isEmpty, let applicantID = a.applicantID {
                    phone = try String.fetchOne(db, sql: "SELECT phone FROM applicant WHERE id = ?", arguments: [applicantID]) ?? ""
                }
                return CallListEntry(number: a.number, day: a.day, start: a.start, end: a.end, mode: a.mode, purpose: a.purpose,
                                     personName: a.personName, phone: phone, proxyName: a.proxy?.name, proxyPhone: a.proxy?.phone,
                                     place: a.place, accessibility: a.accessibility, tags: a.tags)
            }
            try AuditLog.append(db, at: now, operatorID: op.id, action: "reveal", entity: "appointment_call_list",
                                entityID: day, before: nil, after: nil,
                                detail: "预约电话提醒名单 \(day)，\(entries.count) 人（含完整电话）")
            return entries
        }
    }
}

/// The day/week board's data.
public struct AppointmentBoard: Sendable, Equatable {
    public var slots: [AppointmentSlot]
    public var appointments: [Appointment]
}

extension Appointment {
    /// The fields the audit digest covers (phones and ID numbers only inside the keyed digest).
    func auditFields() -> [(String, String?)] {
        [("appt_no", number), ("station_id", String(stationID)), ("slot_id", slotID.map(String.init)), ("day", day),
         ("start", start), ("end", end), ("place", place), ("channel", channel.rawValue), ("purpose", purpose.rawValue),
         ("mode", mode.rawValue), ("applicant_id", applicantID.map(String.init)), ("person_name", personName),
         ("phone", phone), ("proxy_name", proxy?.name), ("proxy_id_number", proxy?.idNumber),
         ("priority", priorityReasons.map(\.rawValue).joined(separator: ",")), ("status", status.rawValue),
         ("limitation_on", limitationOn), ("provide_first", provideFirst ? "1" : "0"),
         ("phone_confirm", phoneConfirm ? "1" : "0"), ("override", overrideReason),
         ("consultation_id", consultationID.map(String.init)), ("case_id", caseID.map(String.init))]
    }
}

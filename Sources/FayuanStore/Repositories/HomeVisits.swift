import FayuanCore

/// 上门服务 and 远程视频 records (round2-capabilities.md §3.3–3.5). An application taken at a
/// home visit or in a remote session goes through the intake path (`insertCase`,
/// `insertDocuments`, the same audit entry as `takeApplication`) in the same transaction as the
/// visit record, with its receipt day = the visit day: the Art 43 review clock runs from there.
extension CaseStore {
    /// Keys in a home visit on return, with the application it took (if any), audited.
    /// The application's receipt day is the visit day whatever `application.appliedOn` says; its
    /// review deadline is the caller's (screening with the rule library, as at the window).
    @discardableResult
    public func recordHomeVisit(_ visit: HomeVisitRecord, application: ApplicationIntake? = nil, accept: Bool = false,
                                by op: Operator) throws -> (visit: HomeVisit, aidCase: AidCase?) {
        if application != nil { try AccessPolicy.require(op.role, .takeApplication) } else {
            try AccessPolicy.require(op.role, .registerConsultation)
        }
        if accept { try AccessPolicy.require(op.role, .acceptApplication) }
        try StoreDate.validate(visit.day, field: "day")
        try Self.validateTimes(visit.start, visit.end)
        guard let visitDay = LocalDate(iso: visit.day) else { throw StoreError.invalidInput(field: "day", message: visit.day) }
        if visitDay > today() {
            throw StoreError.invalidInput(field: "day", message: "上门日期不能晚于今天（\(today().iso)）：\(visit.day)")
        }
        guard !visit.personName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "name", message: "当事人姓名不能为空")
        }
        guard !visit.address.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "address", message: "请填写上门地址")
        }
        let staff = visit.staff.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !staff.isEmpty else { throw StoreError.invalidInput(field: "上门工作人员", message: "请填写上门工作人员") }
        var services = visit.services
        if application != nil, !services.contains(.intake) { services.append(.intake) }
        guard !services.isEmpty else { throw StoreError.invalidInput(field: "服务事项", message: "请至少选择一项服务事项") }
        for m in visit.materials {
            guard !m.name.trimmingCharacters(in: .whitespaces).isEmpty, m.count > 0 else {
                throw StoreError.invalidInput(field: "收件材料", message: "收件材料须有名称，份数大于 0")
            }
        }
        if visit.signatureMode.needsProxy {
            guard let proxy = visit.proxy, let id = proxy.idNumber, !id.isEmpty else {
                throw StoreError.invalidInput(field: "代签人", message: "按手印+代签须登记代签人姓名、关系和身份证号码（复印件附卷）")
            }
            _ = id
        }
        try Self.validateProxy(visit.proxy)
        if let due = visit.followUpDue { try StoreDate.validate(due, field: "回访期限") }
        if let application { try Self.validateIntake(application) }
        let now = timestamp()
        return try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM station WHERE id = ?", arguments: [visit.stationID]) == 1 else {
                throw StoreError.notFound(entity: "站点", id: String(visit.stationID))
            }
            var appointment: Appointment?
            if let appointmentID = visit.appointmentID {
                guard let a = try Self.appointment(db, id: appointmentID) else {
                    throw StoreError.notFound(entity: "预约", id: String(appointmentID))
                }
                try Self.requireOpen(a)
                appointment = a
            }
            let seq = (try Int.fetchOne(db, sql: "SELECT count(*) FROM home_visit WHERE day = ?", arguments: [visit.day]) ?? 0) + 1
            let number = ServiceNumber.homeVisit(on: visitDay, sequence: seq)
            let visitID = try Int64.fetchOne(db, sql: """
                INSERT INTO home_visit(visit_no, appointment_id, station_id, applicant_id, person_name, day, start_time, end_time,
                    address, staff, partner, services, signature_mode, proxy_name, proxy_relation, proxy_id_number, photos_taken,
                    consent_to_record, travel_km, follow_up, follow_up_due, operator_id, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: SQLArguments([
                    number, visit.appointmentID, visit.stationID, visit.applicantID ?? application?.applicantID,
                    visit.personName, visit.day, visit.start, visit.end, visit.address, staff.joined(separator: "、"),
                    visit.partner, services.map(\.rawValue).joined(separator: ","), visit.signatureMode.rawValue,
                    visit.proxy?.name, visit.proxy?.relation, visit.proxy?.idNumber, visit.photosTaken ? 1 : 0,
                    visit.consentToRecord ? 1 : 0, visit.travelKm, visit.followUp, visit.followUpDue, op.id, now,
                ] as [(any SQLValueConvertible)?]))!
            for m in visit.materials {
                try db.execute(sql: "INSERT INTO home_visit_material(home_visit_id, name, count, original) VALUES (?,?,?,?)",
                               arguments: [visitID, m.name, m.count, m.original ? 1 : 0])
            }
            var aidCase: AidCase?
            if var intake = application {
                intake.appliedOn = visit.day
                aidCase = try Self.intakeFromService(db, intake, accept: accept, by: op.id, at: now,
                                                     note: "上门服务收件：\(visit.day) \(visit.start)，\(visit.address)（\(number)，签字方式：\(visit.signatureMode.label)）")
                try db.execute(sql: "UPDATE home_visit SET case_id = ? WHERE id = ?", arguments: [aidCase!.id, visitID])
            }
            let saved = try Self.homeVisit(db, id: visitID)!
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "home_visit", entityID: String(visitID),
                                before: nil, after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)),
                                detail: "上门服务记录 \(number)")
            if let appointment {
                try Self.closeAppointmentByService(db, appointment, caseID: aidCase?.id, column: "home_visit_id", serviceID: visitID,
                                                   note: "上门服务 \(number)", by: op.id, at: now)
            }
            return (saved, aidCase)
        }
    }

    /// Records a remote video session between a station operator and the centre, with the
    /// application it took (if any), audited. A remote intake's hand-over materials follow from
    /// the signature mode (paper at the station: the signed originals travel to the centre).
    @discardableResult
    public func recordRemoteSession(_ session: RemoteSessionRecord, application: ApplicationIntake? = nil, accept: Bool = false,
                                    by op: Operator) throws -> (session: RemoteSession, aidCase: AidCase?) {
        if application != nil { try AccessPolicy.require(op.role, .takeApplication) } else {
            try AccessPolicy.require(op.role, .registerConsultation)
        }
        if accept { try AccessPolicy.require(op.role, .acceptApplication) }
        try StoreDate.validate(session.day, field: "day")
        try Self.validateTimes(session.start, session.end)
        guard let day = LocalDate(iso: session.day) else { throw StoreError.invalidInput(field: "day", message: session.day) }
        if day > today() { throw StoreError.invalidInput(field: "day", message: "视频日期不能晚于今天（\(today().iso)）：\(session.day)") }
        guard !session.centreStaff.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "中心端人员", message: "请填写中心端律师或工作人员")
        }
        guard !session.personName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "name", message: "当事人姓名不能为空")
        }
        if application != nil, session.kind != .intake {
            throw StoreError.invalidInput(field: "kind", message: "只有“受理申请”类远程视频才能生成援助申请")
        }
        if let application { try Self.validateIntake(application) }
        let materials = session.signatureMode.handOverMaterials(kind: session.kind)
        let now = timestamp()
        return try write { db in
            for (id, what) in [(session.stationID, "站点"), (session.centreID, "中心")] {
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM station WHERE id = ?", arguments: [id]) == 1 else {
                    throw StoreError.notFound(entity: what, id: String(id))
                }
            }
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM operator WHERE id = ?", arguments: [session.stationOperatorID]) == 1 else {
                throw StoreError.notFound(entity: "站点操作员", id: String(session.stationOperatorID))
            }
            var appointment: Appointment?
            if let appointmentID = session.appointmentID {
                guard let a = try Self.appointment(db, id: appointmentID) else {
                    throw StoreError.notFound(entity: "预约", id: String(appointmentID))
                }
                try Self.requireOpen(a)
                appointment = a
            }
            let seq = (try Int.fetchOne(db, sql: "SELECT count(*) FROM remote_session WHERE day = ?", arguments: [session.day]) ?? 0) + 1
            let number = ServiceNumber.remoteSession(on: day, sequence: seq)
            let sessionID = try Int64.fetchOne(db, sql: """
                INSERT INTO remote_session(session_no, appointment_id, station_id, station_operator_id, centre_id, centre_staff,
                    centre_provider_id, day, start_time, end_time, kind, recording_consent, recording_ref, documents_scanned,
                    signature_mode, hand_over_materials, hand_over_no, applicant_id, person_name, consultation_id, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: SQLArguments([
                    number, session.appointmentID, session.stationID, session.stationOperatorID, session.centreID,
                    session.centreStaff, session.centreProviderID, session.day, session.start, session.end, session.kind.rawValue,
                    session.recordingConsent ? 1 : 0, session.recordingRef, session.documentsScanned.joined(separator: "\n"),
                    session.signatureMode.rawValue, materials.joined(separator: "\n"), session.handOverNumber,
                    session.applicantID ?? application?.applicantID, session.personName, session.consultationID, now,
                ] as [(any SQLValueConvertible)?]))!
            var aidCase: AidCase?
            if var intake = application {
                intake.appliedOn = session.day
                aidCase = try Self.intakeFromService(db, intake, accept: accept, by: op.id, at: now,
                                                     note: "远程视频受理：\(session.day) \(session.start)–\(session.end)（\(number)，中心端 \(session.centreStaff)）")
                try db.execute(sql: "UPDATE remote_session SET case_id = ? WHERE id = ?", arguments: [aidCase!.id, sessionID])
            }
            let saved = try Self.remoteSession(db, id: sessionID)!
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "remote_session", entityID: String(sessionID),
                                before: nil, after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)),
                                detail: "远程视频记录 \(number)")
            if let appointment {
                try Self.closeAppointmentByService(db, appointment, caseID: aidCase?.id, column: "remote_session_id",
                                                   serviceID: sessionID, note: "远程视频 \(number)", by: op.id, at: now)
            }
            return (saved, aidCase)
        }
    }

    /// Links a remote session to the hand-over (转交单) its materials travel under, audited.
    public func linkRemoteSessionHandOver(_ sessionNumber: String, handOverNumber: String, by op: Operator) throws -> RemoteSession {
        try AccessPolicy.require(op.role, .takeApplication)
        guard !handOverNumber.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "转交单编号", message: "转交单编号不能为空")
        }
        let now = timestamp()
        return try write { db in
            guard let before = try RemoteSession.fetchOne(db, sql: "SELECT * FROM remote_session WHERE session_no = ?",
                                                         arguments: [sessionNumber]) else {
                throw StoreError.notFound(entity: "远程视频记录", id: sessionNumber)
            }
            try db.execute(sql: "UPDATE remote_session SET hand_over_no = ? WHERE id = ?", arguments: [handOverNumber, before.id])
            let saved = try Self.remoteSession(db, id: before.id)!
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "remote_session", entityID: String(before.id),
                                before: AuditDigest.of(before.auditFields(), secret: secret),
                                after: AuditDigest.of(saved.auditFields(), secret: secret), detail: "关联转交单 \(handOverNumber)")
            return saved
        }
    }

    /// The checks `takeApplication` makes on an intake, for the same intake taken elsewhere.
    static func validateIntake(_ intake: ApplicationIntake) throws {
        if let due = intake.reviewDue { try StoreDate.validate(due, field: "reviewDue") }
        guard !intake.cause.isEmpty else { throw StoreError.invalidInput(field: "cause", message: "案由不能为空") }
        for d in intake.documents where d.status == .missing {
            guard let due = d.dueOn else {
                throw StoreError.invalidInput(field: "documents.\(d.code)", message: "缺少的材料“\(d.label)”需要补正期限")
            }
            try StoreDate.validate(due, field: "documents.\(d.code)")
        }
    }

    /// The intake path of the window (case row, documents, timeline, the same audit entry),
    /// plus a timeline note saying where the application was received.
    static func intakeFromService(_ db: any SQLSession, _ intake: ApplicationIntake, accept: Bool, by operatorID: Int64?, at now: String,
                                  note: String) throws -> AidCase {
        guard try applicant(db, id: intake.applicantID) != nil else {
            throw StoreError.notFound(entity: "申请人", id: String(intake.applicantID))
        }
        let (caseID, acceptNote) = try insertCase(db, intake, accept: accept, day: intake.appliedOn, operatorID: operatorID, at: now)
        try insertDocuments(db, caseID: caseID, intake.documents, receivedOn: intake.appliedOn)
        try addEvent(db, caseID: caseID, at: now, kind: "received_at_service", operatorID: operatorID, note: note)
        let saved = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID])!
        try AuditLog.append(db, at: now, operatorID: operatorID, action: accept ? "accept" : "create",
                            entity: "aid_case", entityID: String(caseID), before: nil,
                            after: AuditDigest.of(saved.auditFields(), secret: try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""),
                            detail: acceptNote)
        return saved
    }

    static func closeAppointmentByService(_ db: any SQLSession, _ a: Appointment, caseID: Int64?, column: String, serviceID: Int64,
                                          note: String, by operatorID: Int64?, at now: String) throws {
        try db.execute(sql: """
            UPDATE appointment SET status = 'done', \(column) = ?, case_id = coalesce(?, case_id), end_note = ?, updated_at = ? WHERE id = ?
            """, arguments: [serviceID, caseID, note, now, a.id])
        try appointmentEvent(db, a.id, at: now, kind: "done", note: "已完成：\(note)", operatorID: operatorID)
    }

    static func homeVisit(_ db: any SQLSession, id: Int64) throws -> HomeVisit? {
        guard var v = try HomeVisit.fetchOne(db, sql: "SELECT * FROM home_visit WHERE id = ?", arguments: [id]) else { return nil }
        v.materials = try SQLRow.fetchAll(db, sql: "SELECT * FROM home_visit_material WHERE home_visit_id = ? ORDER BY id",
                                       arguments: [id]).map {
            ReceivedMaterial(name: $0["name"], count: $0["count"], original: $0["original"])
        }
        return v
    }

    static func remoteSession(_ db: any SQLSession, id: Int64) throws -> RemoteSession? {
        try RemoteSession.fetchOne(db, sql: "SELECT * FROM remote_session WHERE id = ?", arguments: [id])
    }

    /// A home visit by its number (SM-…).
    public func homeVisit(number: String) throws -> HomeVisit {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM home_visit WHERE visit_no = ?", arguments: [number]),
                  let v = try Self.homeVisit(db, id: id) else { throw StoreError.notFound(entity: "上门服务记录", id: number) }
            return v
        }
    }

    /// Home visits between two days, one station or all.
    public func homeVisits(stationID: Int64?, from: String, to: String) throws -> [HomeVisit] {
        try StoreDate.validate(from, field: "from")
        try StoreDate.validate(to, field: "to")
        return try read { db in
            var sql = "SELECT id FROM home_visit WHERE day >= ? AND day <= ?"
            var args: [(any SQLValueConvertible)?] = [from, to]
            if let stationID { sql += " AND station_id = ?"; args.append(stationID) }
            sql += " ORDER BY day, start_time, id"
            return try Int64.fetchAll(db, sql: sql, arguments: SQLArguments(args)).compactMap { try Self.homeVisit(db, id: $0) }
        }
    }

    /// Remote sessions between two days, one station or all.
    public func remoteSessions(stationID: Int64?, from: String, to: String) throws -> [RemoteSession] {
        try StoreDate.validate(from, field: "from")
        try StoreDate.validate(to, field: "to")
        return try read { db in
            var sql = "SELECT * FROM remote_session WHERE day >= ? AND day <= ?"
            var args: [(any SQLValueConvertible)?] = [from, to]
            if let stationID { sql += " AND station_id = ?"; args.append(stationID) }
            sql += " ORDER BY day, start_time, id"
            return try RemoteSession.fetchAll(db, sql: sql, arguments: SQLArguments(args))
        }
    }
}

extension HomeVisit {
    func auditFields() -> [(String, String?)] {
        [("visit_no", number), ("appointment_id", appointmentID.map(String.init)), ("station_id", String(stationID)),
         ("applicant_id", applicantID.map(String.init)), ("person_name", personName), ("day", day), ("start", start),
         ("end", end), ("address", address), ("staff", staff.joined(separator: "、")), ("partner", partner),
         ("services", services.map(\.rawValue).joined(separator: ",")), ("signature_mode", signatureMode.rawValue),
         ("proxy_name", proxyName), ("proxy_id_number", proxyIDNumber), ("case_id", caseID.map(String.init)),
         ("materials", materials.map { "\($0.name)×\($0.count)\($0.original ? "原件" : "复印件")" }.joined(separator: ","))]
    }
}

extension RemoteSession {
    func auditFields() -> [(String, String?)] {
        [("session_no", number), ("station_id", String(stationID)), ("station_operator_id", String(stationOperatorID)),
         ("centre_id", String(centreID)), ("centre_staff", centreStaff), ("day", day), ("start", start), ("end", end),
         ("kind", kind.rawValue), ("signature_mode", signatureMode.rawValue), ("hand_over_no", handOverNumber),
         ("applicant_id", applicantID.map(String.init)), ("case_id", caseID.map(String.init))]
    }
}

import FayuanCore

/// 转交单: sending, signing for, the receiver's outcome, designation, withdrawal; outbox, inbox
/// and the 申请转交工作台账. Each use case is one method and one transaction, with its event in
/// the append-only thread and its audit entry. Accepting goes through the pipeline's own
/// acceptance (number, papers, timeline, audit), so a handed-over application becomes a case
/// exactly as one accepted at the window.
extension CaseStore {
    // MARK: Sending

    /// Sends a registered application (step 申请) to the receiving centre. The operator is the
    /// 首问责任人 until the receiver accepts. Other applications of the same person for the
    /// same matter are returned as duplicates (the first centre to receive one accepts it).
    @discardableResult
    public func sendHandOver(_ request: HandOverRequest, context: HandOverClockContext, by op: Operator) throws -> HandOverSendResult {
        try AccessPolicy.require(op.role, .takeApplication)
        let r = request
        let materials = r.materials.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !materials.isEmpty else { throw StoreError.invalidInput(field: "materials", message: "请逐项登记收到的材料（至少一项，如申请表）") }
        for m in materials where m.count < 1 {
            throw StoreError.invalidInput(field: "materials", message: "“\(m.name)”的件数应为正整数")
        }
        for m in r.missing where m.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalidInput(field: "missing", message: "缺件名称不能为空")
        }
        if r.kind == .custody && r.custodyReceivedAt == nil {
            throw StoreError.invalidInput(field: "custodyReceivedAt", message: "羁押转交需填写监管场所或办案机关收到书面申请的时间（法律援助法第三十九条）")
        }
        if [.stationToCentre, .liaisonToCentre].contains(r.kind) && r.fromStationID == nil {
            throw StoreError.invalidInput(field: "fromStation", message: "\(r.kind.label)需指明发出的站点")
        }
        if r.kind == .centreOut && r.competence == nil {
            throw StoreError.invalidInput(field: "reason", message: "转出至异地中心需说明管辖理由（法律援助法第三十八条）")
        }
        if r.sentAt < r.firstReceivedAt {
            throw StoreError.invalidInput(field: "sentAt", message: "发出时间不能早于收件时间 \(r.firstReceivedAt.text)")
        }
        if let custody = r.custodyReceivedAt, custody > r.sentAt {
            throw StoreError.invalidInput(field: "custodyReceivedAt", message: "监管场所收到时间不能晚于发出时间 \(r.sentAt.text)")
        }
        if r.fromStationID == r.toStationID {
            throw StoreError.invalidInput(field: "to", message: "接收单位不能与发出单位相同")
        }
        if let from = r.fromStationID, let mine = op.stationID, from != mine {
            throw HandOverRefused("只能以本站（操作员所在站点）名义发出转交单")
        }
        let deadline: HandOverDeadline
        let familyDue: LocalDate?
        do {
            deadline = try HandOverRules.deadline(kind: r.kind, firstReceivedAt: r.firstReceivedAt, custodyReceivedAt: r.custodyReceivedAt,
                                                  policy: context.policy, calendar: context.calendar)
            familyDue = try HandOverRules.familyNoticeDue(kind: r.kind, custodyReceivedAt: r.custodyReceivedAt,
                                                          policy: context.policy, calendar: context.calendar)
        } catch {
            throw StoreError.invalidInput(field: "firstReceivedAt", message: "无法计算转交期限：\(error.message)")
        }
        let now = timestamp()
        return try write { db in
            guard let aidCase = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [r.caseID]) else {
                throw StoreError.notFound(entity: "申请", id: String(r.caseID))
            }
            guard aidCase.step == .applied else {
                throw StoreError.invalidInput(field: "case", message: "申请当前为“\(aidCase.step.label)”，只有待受理的申请可以转交")
            }
            if let open = try String.fetchOne(db, sql: """
                SELECT number FROM hand_over WHERE case_id = ? AND status NOT IN ('accepted', 'withdrawn')
                """, arguments: [r.caseID]) {
                throw StoreError.invalidInput(field: "case", message: "该申请已有未办结的转交单 \(open)")
            }
            guard let to = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [r.toStationID]) else {
                throw StoreError.notFound(entity: "接收单位", id: String(r.toStationID))
            }
            var fromStation: Station?
            if let fromID = r.fromStationID {
                guard let s = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [fromID]) else {
                    throw StoreError.notFound(entity: "发出站点", id: String(fromID))
                }
                fromStation = s
            }
            let fromUnit = (r.fromUnit?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? fromStation?.name
            guard let fromUnit else {
                throw StoreError.invalidInput(field: "from", message: "请填写发出单位（如淮南市看守所）")
            }
            let year = r.firstReceivedAt.date.year
            let code = (fromStation ?? to).code
            let seq = try Counters.next(db, scope: "handover:\(code)", period: String(year))
            let number = "\(code)-ZJ-\(year)-" + String(format: "%04d", seq)
            var dueAt: String?, dueOn: String?
            switch deadline {
            case .instant(let t): dueAt = t.iso
            case .endOfDay(let d): dueOn = d.iso
            case .none: break
            }
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO hand_over(number, kind, legal_clock, case_id, from_station_id, from_unit, first_owner_id,
                    first_owner_name, first_owner_phone, to_station_id, to_person, first_received_at, custody_received_at,
                    matter_summary, scope_opinion, competence_reason, prior_contact, prior_contact_note, interview_record,
                    signature_mode, dispatch_method, tracking_no, sent_at, due_at, due_on, family_notice_due, status,
                    created_at, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'in_transit',?,?) RETURNING id
                """, arguments: [
                    number, r.kind.rawValue, r.kind.legalClock.rawValue, r.caseID, r.fromStationID, fromUnit, op.id,
                    op.name, r.firstOwnerPhone, r.toStationID, r.toPerson, r.firstReceivedAt.iso, r.custodyReceivedAt?.iso,
                    r.matterSummary.isEmpty ? aidCase.summary : r.matterSummary, r.scopeOpinion, r.competence?.text ?? "",
                    r.priorContact ? 1 : 0, r.priorContactNote, r.interviewRecord, r.signatureMode.rawValue,
                    r.dispatch.rawValue, r.trackingNo, r.sentAt.iso, dueAt, dueOn, familyDue?.iso, now, now,
                ])!
            var line = 0
            for m in materials {
                line += 1
                try db.execute(sql: """
                    INSERT INTO hand_over_material(hand_over_id, line, name, item_count, pages, is_original, missing, promised_by)
                    VALUES (?,?,?,?,?,?,0,NULL)
                    """, arguments: [id, line, m.name.trimmingCharacters(in: .whitespaces), m.count, m.pages, m.original ? 1 : 0])
            }
            for m in r.missing {
                line += 1
                try db.execute(sql: """
                    INSERT INTO hand_over_material(hand_over_id, line, name, item_count, pages, is_original, missing, promised_by)
                    VALUES (?,?,?,0,NULL,0,1,?)
                    """, arguments: [id, line, m.name.trimmingCharacters(in: .whitespaces), m.promisedBy?.iso])
            }
            let missingText = r.missing.isEmpty ? "" : "；缺件：" + r.missing.map(\.text).joined(separator: "、")
            let note = "\(r.kind.label)：\(fromUnit) → \(to.name)；\(r.dispatch.label)"
                + (r.trackingNo.isEmpty ? "" : "（单号\(r.trackingNo)）") + "；材料\(materials.count)项" + missingText
                + "；期限 \(deadline.text)" + (familyDue.map { "；通知近亲属期限 \($0.iso)（安徽省法律援助条例第十七条）" } ?? "")
            try Self.addHandOverEvent(db, id: id, at: r.sentAt, action: .send, operatorID: op.id, from: r.fromStationID,
                                      to: r.toStationID, note: note, now: now)
            try Self.addEvent(db, caseID: r.caseID, at: now, kind: "handover", operatorID: op.id,
                              note: "申请转交 \(number)：\(fromUnit) → \(to.name)（首问责任人 \(op.name)）")
            let saved = try Self.handOverRecord(db, id)
            try AuditLog.append(db, at: now, operatorID: op.id, action: "create", entity: "hand_over", entityID: String(id),
                                before: nil, after: AuditDigest.of(saved.auditFields(), secret: try storeSecret(db)),
                                detail: "发出转交单 \(number)")
            // 两个中心: another application of this person for the same matter.
            let duplicates = try SQLRow.fetchAll(db, sql: """
                SELECT c.id, c.applied_on, c.case_number, c.step, s.name AS centre_name FROM aid_case c
                JOIN station s ON s.id = c.centre_id
                WHERE c.applicant_id = ? AND c.cause = ? AND c.id <> ? AND c.step NOT IN ('refused', 'closed', 'archived', 'withdrawn')
                ORDER BY c.applied_on, c.id
                """, arguments: [aidCase.applicantID, aidCase.cause, r.caseID]).map {
                DuplicateReceipt(caseID: $0["id"], centreName: $0["centre_name"], appliedOn: $0["applied_on"],
                                 caseNumber: $0["case_number"], step: $0["step"])
            }
            return HandOverSendResult(record: saved, duplicates: duplicates)
        }
    }

    // MARK: Receiving and deciding

    /// 签收: the receiver signs for the papers (the centre's receipt time, one of the two
    /// starting points of the review clock).
    @discardableResult
    public func receiveHandOver(_ id: Int64, at: LocalDateTime, by op: Operator) throws -> HandOverRecord {
        try AccessPolicy.require(op.role, .acceptApplication)
        let now = timestamp()
        return try write { db in
            let before = try Self.handOverRecord(db, id)
            try Self.requireReceiver(before, op)
            try Self.check(.receive, before)
            try Self.requireNotBefore(at, before.sentAt, field: "at", what: "发出时间")
            try db.execute(sql: "UPDATE hand_over SET status = 'received', received_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [at.iso, now, id])
            try Self.addHandOverEvent(db, id: id, at: at, action: .receive, operatorID: op.id, from: before.fromStationID,
                                      to: before.toStationID, note: "签收（\(op.name)）", now: now)
            return try Self.auditHandOver(db, before: before, action: "receive", operatorID: op.id, now: now, detail: "签收转交单 \(before.number)")
        }
    }

    /// The receiver's outcome, in one transaction: accept (the case is accepted through the
    /// pipeline's acceptance), request 补正 (the review clock pauses), accept after 补正 (the
    /// pause ends), re-route to the competent centre (Art 38 reason), or ask the upper level to
    /// designate. Never a plain return to the applicant.
    @discardableResult
    public func decideHandOver(_ id: Int64, _ decision: HandOverDecision, at: LocalDateTime, note: String = "",
                               context: HandOverClockContext, by op: Operator) throws -> HandOverRecord {
        try AccessPolicy.require(op.role, .acceptApplication)
        let now = timestamp()
        let extra = note.trimmingCharacters(in: .whitespaces)
        return try write { db in
            let before = try Self.handOverRecord(db, id)
            try Self.requireReceiver(before, op)
            try Self.requireNotBefore(at, before.sentAt, field: "at", what: "发出时间")
            switch decision {
            case .accept(let checks):
                try Self.check(.accept, before)
                if before.status == .needsSupplement {
                    throw StoreError.invalidInput(field: "outcome", message: "已要求补正：材料补齐后请选“补正后接收”")
                }
                return try Self.acceptHandOver(db, before, decision: .accept, checks: checks, at: at, note: extra,
                                               context: context, op: op, now: now)
            case .acceptAfterSupplement(let suppliedOn, let checks):
                try Self.check(.accept, before)
                let supplied = suppliedOn ?? at.date
                if let open = try String.fetchOne(db, sql: "SELECT from_on FROM hand_over_pause WHERE hand_over_id = ? AND to_on IS NULL",
                                                  arguments: [id]), let from = LocalDate(iso: open) {
                    guard supplied >= from else {
                        throw StoreError.invalidInput(field: "suppliedOn", message: "补正材料送达日期不能早于补正通知日期 \(open)")
                    }
                    try db.execute(sql: "UPDATE hand_over_pause SET to_on = ? WHERE hand_over_id = ? AND to_on IS NULL",
                                   arguments: [supplied.iso, id])
                }
                try db.execute(sql: "UPDATE hand_over_material SET checked_count = item_count WHERE hand_over_id = ? AND missing = 1",
                               arguments: [id])
                return try Self.acceptHandOver(db, before, decision: .acceptAfterSupplement, checks: checks, at: at,
                                               note: "补正材料于\(supplied.iso)送达" + (extra.isEmpty ? "" : "；\(extra)"),
                                               context: context, op: op, now: now)
            case .requestSupplement(let items):
                try Self.check(.requestSupplement, before)
                let listed = try HandOverMaterialLine.fetchAll(db, sql: "SELECT * FROM hand_over_material WHERE hand_over_id = ? AND missing = 1 ORDER BY line",
                                                               arguments: [id])
                var line = try Int.fetchOne(db, sql: "SELECT coalesce(max(line), 0) FROM hand_over_material WHERE hand_over_id = ?", arguments: [id]) ?? 0
                for item in items where !listed.contains(where: { $0.item.name == item.name }) {
                    guard !item.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw StoreError.invalidInput(field: "missing", message: "缺件名称不能为空")
                    }
                    line += 1
                    try db.execute(sql: """
                        INSERT INTO hand_over_material(hand_over_id, line, name, item_count, pages, is_original, missing, promised_by)
                        VALUES (?,?,?,0,NULL,0,1,?)
                        """, arguments: [id, line, item.name, item.promisedBy?.iso])
                }
                let all = listed.map(\.item.name) + items.map(\.name).filter { n in !listed.contains { $0.item.name == n } }
                guard !all.isEmpty else {
                    throw StoreError.invalidInput(field: "missing", message: "要求补正需一次性列明全部缺件（法律援助法第四十三条第二款）")
                }
                try db.execute(sql: "INSERT INTO hand_over_pause(hand_over_id, reason, from_on, to_on) VALUES (?, 'supplement', ?, NULL)",
                               arguments: [id, at.date.iso])
                try db.execute(sql: """
                    UPDATE hand_over SET status = 'needs_supplement', received_at = coalesce(received_at, ?), receiver_note = ?, updated_at = ? WHERE id = ?
                    """, arguments: [at.iso, extra, now, id])
                let text = "一次性告知补正：" + all.joined(separator: "、") + "；审查期限自\(at.date.iso)起暂停" + (extra.isEmpty ? "" : "；\(extra)")
                try Self.addHandOverEvent(db, id: id, at: at, action: .requestSupplement, operatorID: op.id, from: before.fromStationID,
                                          to: before.toStationID, note: text, now: now)
                return try Self.auditHandOver(db, before: before, action: "request_supplement", operatorID: op.id, now: now,
                                              detail: "转交单 \(before.number) 要求补正")
            case .reroute(let target, let reason, let priorContact):
                try Self.check(.reroute, before)
                guard target != before.toStationID else {
                    throw StoreError.invalidInput(field: "to", message: "改转的中心不能是本中心")
                }
                guard reason.place.trimmingCharacters(in: .whitespaces).count > 0 else {
                    throw StoreError.invalidInput(field: "reason", message: "请写明有管辖权的地方（法律援助法第三十八条）")
                }
                guard let to = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [target]) else {
                    throw StoreError.notFound(entity: "接收中心", id: String(target))
                }
                try db.execute(sql: """
                    UPDATE hand_over SET status = 'rerouted', to_station_id = ?, to_person = '', received_at = NULL,
                        receiver_decision = 'reroute', competence_reason = ?, prior_contact = ?, receiver_note = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [target, reason.text, priorContact ? 1 : 0, extra, now, id])
                try db.execute(sql: "UPDATE hand_over_pause SET to_on = ? WHERE hand_over_id = ? AND to_on IS NULL", arguments: [at.date.iso, id])
                let text = "改转至\(to.name)：\(reason.text)" + (priorContact ? "；已电话联系受理机构" : "")
                    + "；已告知原收件单位（\(before.fromUnit)）和申请人，申请无需重新提交" + (extra.isEmpty ? "" : "；\(extra)")
                try Self.addHandOverEvent(db, id: id, at: at, action: .reroute, operatorID: op.id, from: before.toStationID,
                                          to: target, note: text, now: now)
                try Self.addEvent(db, caseID: before.caseID, at: now, kind: "handover", operatorID: op.id, note: "转交单 \(before.number) \(text)")
                return try Self.auditHandOver(db, before: before, action: "reroute", operatorID: op.id, now: now,
                                              detail: "转交单 \(before.number) 改转至\(to.name)")
            case .askDesignation:
                try Self.check(.askDesignation, before)
                let due: LocalDate?
                do throws(CalendarYearNotCovered) {
                    due = try HandOverRules.designationDue(askedOn: at.date, policy: context.policy, calendar: context.calendar)
                } catch {
                    throw StoreError.invalidInput(field: "at", message: "无法计算指定期限：\(error.message)")
                }
                try db.execute(sql: """
                    UPDATE hand_over SET status = 'awaiting_designation', receiver_decision = 'ask_designation', designation_due = ?,
                        receiver_note = ?, updated_at = ? WHERE id = ?
                    """, arguments: [due?.iso, extra, now, id])
                let text = "管辖有争议，报请共同的上一级司法行政部门指定" + (due.map { "，应于\($0.iso)前指定（山西省法律援助条例第十八条）" } ?? "")
                    + (extra.isEmpty ? "" : "；\(extra)")
                try Self.addHandOverEvent(db, id: id, at: at, action: .askDesignation, operatorID: op.id, from: before.fromStationID,
                                          to: before.toStationID, note: text, now: now)
                return try Self.auditHandOver(db, before: before, action: "ask_designation", operatorID: op.id, now: now,
                                              detail: "转交单 \(before.number) 报请指定")
            }
        }
    }

    /// The upper level designates the centre that accepts (reviewer or centre head).
    @discardableResult
    public func designateHandOver(_ id: Int64, toStationID: Int64, at: LocalDateTime, note: String, by op: Operator) throws -> HandOverRecord {
        try AccessPolicy.require(op.role, .decideApplication)
        let now = timestamp()
        return try write { db in
            let before = try Self.handOverRecord(db, id)
            try Self.check(.designate, before)
            guard let to = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [toStationID]) else {
                throw StoreError.notFound(entity: "指定中心", id: String(toStationID))
            }
            let same = toStationID == before.toStationID
            try db.execute(sql: """
                UPDATE hand_over SET status = ?, to_station_id = ?, received_at = ?, updated_at = ? WHERE id = ?
                """, arguments: [same ? "received" : "rerouted", toStationID, same ? before.receivedAt : nil, now, id])
            let late = before.designationDue.flatMap(LocalDate.init(iso:)).map { at.date > $0 } ?? false
            let text = "上级指定由\(to.name)受理" + (late ? "（已超过指定期限 \(before.designationDue!)）" : "")
                + (note.isEmpty ? "" : "；\(note)")
            try Self.addHandOverEvent(db, id: id, at: at, action: .designate, operatorID: op.id, from: before.toStationID,
                                      to: toStationID, note: text, now: now)
            return try Self.auditHandOver(db, before: before, action: "designate", operatorID: op.id, now: now,
                                          detail: "转交单 \(before.number) \(text)")
        }
    }

    /// 撤回 with a reason (e.g. another centre received the application first): the hand-over
    /// closes and the application, still unaccepted here, is marked withdrawn.
    @discardableResult
    public func withdrawHandOver(_ id: Int64, reason: String, at: LocalDateTime, by op: Operator) throws -> HandOverRecord {
        try AccessPolicy.require(op.role, .takeApplication)
        let why = reason.trimmingCharacters(in: .whitespaces)
        guard !why.isEmpty else { throw StoreError.invalidInput(field: "reason", message: "撤回转交单需说明理由") }
        let now = timestamp()
        return try write { db in
            let before = try Self.handOverRecord(db, id)
            try Self.check(.withdraw, before)
            if let from = before.fromStationID, let mine = op.stationID, from != mine {
                throw HandOverRefused("只有发出单位可以撤回转交单")
            }
            try db.execute(sql: "UPDATE hand_over SET status = 'withdrawn', withdrawn_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [at.iso, now, id])
            try db.execute(sql: "UPDATE hand_over_pause SET to_on = ? WHERE hand_over_id = ? AND to_on IS NULL", arguments: [at.date.iso, id])
            try Self.addHandOverEvent(db, id: id, at: at, action: .withdraw, operatorID: op.id, from: before.fromStationID,
                                      to: before.toStationID, note: "撤回：\(why)", now: now)
            if let step = try String.fetchOne(db, sql: "SELECT step FROM aid_case WHERE id = ?", arguments: [before.caseID]), step == "applied" {
                let caseBefore = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [before.caseID])!
                try db.execute(sql: "UPDATE aid_case SET step = 'withdrawn', updated_at = ? WHERE id = ?", arguments: [now, before.caseID])
                try Self.addEvent(db, caseID: before.caseID, at: now, kind: "withdrawn", operatorID: op.id,
                                  note: "转交单 \(before.number) 撤回：\(why)")
                let caseAfter = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [before.caseID])!
                let secret = try storeSecret(db)
                try AuditLog.append(db, at: now, operatorID: op.id, action: "withdraw", entity: "aid_case", entityID: String(before.caseID),
                                    before: AuditDigest.of(caseBefore.auditFields(), secret: secret),
                                    after: AuditDigest.of(caseAfter.auditFields(), secret: secret), detail: "转交单撤回：\(why)")
            }
            return try Self.auditHandOver(db, before: before, action: "withdraw", operatorID: op.id, now: now,
                                          detail: "撤回转交单 \(before.number)：\(why)")
        }
    }

    /// 安徽: the near relatives were told of a custody request (条例第十七条).
    @discardableResult
    public func recordFamilyNotice(_ id: Int64, at: LocalDateTime, note: String, by op: Operator) throws -> HandOverRecord {
        try AccessPolicy.require(op.role, .takeApplication)
        let now = timestamp()
        return try write { db in
            let before = try Self.handOverRecord(db, id)
            guard before.kind == .custody else {
                throw StoreError.invalidInput(field: "kind", message: "只有羁押转交需要通知近亲属")
            }
            try db.execute(sql: "UPDATE hand_over SET family_notified_at = ?, updated_at = ? WHERE id = ?", arguments: [at.iso, now, id])
            let late = before.familyNoticeDue.flatMap(LocalDate.init(iso:)).map { at.date > $0 } ?? false
            try Self.addHandOverEvent(db, id: id, at: at, action: .familyNotified, operatorID: op.id, from: before.fromStationID,
                                      to: before.toStationID, note: "已通知近亲属" + (late ? "（超过期限 \(before.familyNoticeDue!)）" : "")
                                        + (note.isEmpty ? "" : "：\(note)"), now: now)
            return try Self.auditHandOver(db, before: before, action: "family_notified", operatorID: op.id, now: now,
                                          detail: "转交单 \(before.number) 已通知近亲属")
        }
    }

    // MARK: Lists

    /// Which side of the hand-over a station is on.
    public enum HandOverBox: String, Sendable, CaseIterable {
        case outbox, inbox

        public var label: String { self == .outbox ? "转出" : "转入" }
    }

    /// A station's outbox (sent by it) or inbox (to be received by it), open ones by default,
    /// overdue first, then by time left; with `includeClosed` the accepted and withdrawn ones
    /// follow. Personal data masked.
    public func handOvers(_ box: HandOverBox, stationID: Int64?, now: LocalDateTime, includeClosed: Bool = false) throws -> [HandOverSummary] {
        try read { db in
            let open = includeClosed ? "" : " AND h.status NOT IN ('accepted', 'withdrawn')"
            let rows: [HandOverRecord]
            if let stationID {
                let side = box == .outbox ? "h.from_station_id" : "h.to_station_id"
                rows = try HandOverRecord.fetchAll(db, sql: "SELECT h.* FROM hand_over h WHERE \(side) = ?\(open) ORDER BY h.id",
                                                   arguments: [stationID])
            } else {
                rows = try HandOverRecord.fetchAll(db, sql: "SELECT h.* FROM hand_over h WHERE 1 = 1\(open) ORDER BY h.id")
            }
            return try rows.map { try Self.summary(db, $0, now: now) }.sorted { a, b in
                a.timer.urgency != b.timer.urgency ? a.timer.urgency < b.timer.urgency : a.record.id < b.record.id
            }
        }
    }

    /// One hand-over with its thread, materials, pauses and the review clock decision.
    public func handOverDetail(_ id: Int64, now: LocalDateTime, context: HandOverClockContext?) throws -> HandOverDetail {
        try read { db in
            let record = try Self.handOverRecord(db, id)
            let events = try HandOverEvent.fetchAll(db, sql: """
                SELECT e.*, o.name AS operator_name FROM hand_over_event e LEFT JOIN operator o ON o.id = e.operator_id
                WHERE e.hand_over_id = ? ORDER BY e.id
                """, arguments: [id])
            let pauses = try Self.pauses(db, id)
            var clock: ReviewClockDecision?
            if let context, let first = LocalDateTime(record.firstReceivedAt) {
                clock = HandOverRules.reviewClock(firstReceived: first.date, centreReceived: record.receivedAt.flatMap(LocalDateTime.init)?.date,
                                                  pauses: pauses, basis: context.policy.reviewBasis, planner: context.planner, today: now.date)
            }
            return HandOverDetail(summary: try Self.summary(db, record, now: now), events: events, pauses: pauses, reviewClock: clock)
        }
    }

    /// 申请转交工作台账: every hand-over a station sent or received whose first receipt falls in
    /// [from, to] (days), in order of receipt. Personal data masked.
    public func handOverLedger(stationID: Int64?, from: LocalDate, to: LocalDate, now: LocalDateTime) throws -> [HandOverSummary] {
        try read { db in
            let records: [HandOverRecord]
            if let stationID {
                records = try HandOverRecord.fetchAll(db, sql: """
                    SELECT h.* FROM hand_over h WHERE h.first_received_at >= ? AND h.first_received_at < ?
                    AND (h.from_station_id = ? OR h.to_station_id = ?
                         OR h.id IN (SELECT hand_over_id FROM hand_over_event WHERE to_station_id = ? OR from_station_id = ?))
                    ORDER BY h.first_received_at, h.id
                    """, arguments: [from.iso, to.adding(days: 1).iso, stationID, stationID, stationID, stationID])
            } else {
                records = try HandOverRecord.fetchAll(db, sql: """
                    SELECT h.* FROM hand_over h WHERE h.first_received_at >= ? AND h.first_received_at < ?
                    ORDER BY h.first_received_at, h.id
                    """, arguments: [from.iso, to.adding(days: 1).iso])
            }
            return try records.map { try Self.summary(db, $0, now: now) }
        }
    }

    // MARK: Internals

    /// The store's audit key, for the static helpers (as `storeSecret`).
    static func secret(_ db: any SQLSession) throws -> String {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""
    }

    static func handOverRecord(_ db: any SQLSession, _ id: Int64) throws -> HandOverRecord {
        guard let r = try HandOverRecord.fetchOne(db, sql: "SELECT * FROM hand_over WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(entity: "转交单", id: String(id))
        }
        return r
    }

    static func pauses(_ db: any SQLSession, _ id: Int64) throws -> [ClockPause] {
        try SQLRow.fetchAll(db, sql: "SELECT reason, from_on, to_on FROM hand_over_pause WHERE hand_over_id = ? ORDER BY id", arguments: [id]).compactMap {
            guard let from = LocalDate(iso: $0["from_on"]) else { return nil }
            return ClockPause(reason: ClockPauseReason(rawValue: $0["reason"]) ?? .supplement, from: from,
                              to: ($0["to_on"] as String?).flatMap(LocalDate.init(iso:)))
        }
    }

    static func summary(_ db: any SQLSession, _ r: HandOverRecord, now: LocalDateTime) throws -> HandOverSummary {
        let row = try SQLRow.fetchOne(db, sql: """
            SELECT a.name, a.id_number, a.phone, c.cause, c.case_number, c.confidential,
                   t.name AS to_name FROM aid_case c
            JOIN applicant a ON a.id = c.applicant_id
            LEFT JOIN station t ON t.id = ?
            WHERE c.id = ?
            """, arguments: [r.toStationID, r.caseID])
        let receivedBy = try String.fetchOne(db, sql: """
            SELECT o.name FROM hand_over_event e JOIN operator o ON o.id = e.operator_id
            WHERE e.hand_over_id = ? AND e.action IN ('receive', 'accept', 'request_supplement') ORDER BY e.id DESC LIMIT 1
            """, arguments: [r.id])
        let materials = try HandOverMaterialLine.fetchAll(db, sql: "SELECT * FROM hand_over_material WHERE hand_over_id = ? ORDER BY line",
                                                          arguments: [r.id])
        let id: String? = row?["id_number"]
        let phone: String? = row?["phone"]
        let confidential = (row?["confidential"] as Int?) == 1
        return HandOverSummary(
            record: r, fromName: r.fromUnit, toName: row?["to_name"] ?? "", applicantName: row?["name"] ?? "",
            idLast4: id.map { String($0.suffix(4)) },
            phoneMasked: confidential ? (phone == nil ? nil : PrivacyPolicy.hiddenText) : phone.map(PrivacyPolicy.maskPhone),
            cause: row?["cause"] ?? "", caseNumber: row?["case_number"], receivedBy: receivedBy, materials: materials,
            timer: r.timer(now: now))
    }

    static func check(_ action: HandOverAction, _ r: HandOverRecord) throws {
        do { try HandOverRules.check(action, from: r.status) } catch {
            throw StoreError.invalidInput(field: error.field, message: error.message)
        }
    }

    /// Only the receiving unit's people act for it (an operator without a station — a
    /// single-centre install, maintenance — is not checked).
    static func requireReceiver(_ r: HandOverRecord, _ op: Operator) throws {
        if let mine = op.stationID, mine != r.toStationID {
            throw HandOverRefused("转交单 \(r.number) 的接收单位不是操作员所在单位")
        }
    }

    static func requireNotBefore(_ at: LocalDateTime, _ earlier: String, field: String, what: String) throws {
        if let e = LocalDateTime(earlier), at < e {
            throw StoreError.invalidInput(field: field, message: "时间不能早于\(what) \(e.text)")
        }
    }

    static func addHandOverEvent(_ db: any SQLSession, id: Int64, at: LocalDateTime, action: HandOverAction, operatorID: Int64?,
                                 from: Int64?, to: Int64?, note: String, now: String) throws {
        try db.execute(sql: """
            INSERT INTO hand_over_event(hand_over_id, at, recorded_at, action, operator_id, from_station_id, to_station_id, note)
            VALUES (?,?,?,?,?,?,?,?)
            """, arguments: [id, at.iso, now, action.rawValue, operatorID, from, to, note])
    }

    static func auditHandOver(_ db: any SQLSession, before: HandOverRecord, action: String, operatorID: Int64?, now: String,
                              detail: String) throws -> HandOverRecord {
        let after = try handOverRecord(db, before.id)
        let secret = try secret(db)
        try AuditLog.append(db, at: now, operatorID: operatorID, action: action, entity: "hand_over", entityID: String(before.id),
                            before: AuditDigest.of(before.auditFields(), secret: secret),
                            after: AuditDigest.of(after.auditFields(), secret: secret), detail: detail)
        return after
    }

    /// Acceptance: material lines checked, the case moved to the receiving centre and accepted
    /// by the pipeline's own acceptance (number, papers, timeline, audit), the review deadline
    /// set from the review clock decision, the hand-over closed.
    static func acceptHandOver(_ db: any SQLSession, _ before: HandOverRecord, decision: ReceiverDecision, checks: [MaterialCheck],
                               at: LocalDateTime, note: String, context: HandOverClockContext, op: Operator,
                               now: String) throws -> HandOverRecord {
        let lines = try HandOverMaterialLine.fetchAll(db, sql: "SELECT * FROM hand_over_material WHERE hand_over_id = ? ORDER BY line",
                                                      arguments: [before.id])
        var mismatches: [String] = []
        for c in checks {
            guard let line = lines.first(where: { $0.line == c.line }) else {
                throw StoreError.invalidInput(field: "checks", message: "材料清单没有第\(c.line)项")
            }
            guard c.receivedCount >= 0 else { throw StoreError.invalidInput(field: "checks", message: "第\(c.line)项的件数不能为负") }
            try db.execute(sql: "UPDATE hand_over_material SET checked_count = ?, check_note = ? WHERE hand_over_id = ? AND line = ?",
                           arguments: [c.receivedCount, c.note, before.id, c.line])
            if c.receivedCount != line.item.count && !line.missing {
                mismatches.append("\(line.item.name) 清单\(line.item.count)件、实收\(c.receivedCount)件" + (c.note.isEmpty ? "" : "（\(c.note)）"))
            }
        }
        // Lines not checked one by one are taken as received as listed.
        try db.execute(sql: "UPDATE hand_over_material SET checked_count = item_count WHERE hand_over_id = ? AND missing = 0 AND checked_count IS NULL",
                       arguments: [before.id])
        guard var aidCase = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [before.caseID]) else {
            throw StoreError.notFound(entity: "申请", id: String(before.caseID))
        }
        guard aidCase.step == .applied else {
            throw StoreError.invalidInput(field: "case", message: "申请当前为“\(aidCase.step.label)”，不能再受理")
        }
        if let applied = LocalDate(iso: aidCase.appliedOn), at.date < applied {
            throw StoreError.invalidInput(field: "at", message: "受理时间不能早于申请日期 \(aidCase.appliedOn)")
        }
        let caseBefore = aidCase
        if aidCase.centreID != before.toStationID {
            try db.execute(sql: "UPDATE aid_case SET centre_id = ? WHERE id = ?", arguments: [before.toStationID, before.caseID])
            aidCase.centreID = before.toStationID
        }
        let centreReceived = before.receivedAt.flatMap(LocalDateTime.init) ?? at
        var caseNote = try acceptRow(db, caseID: before.caseID, before: aidCase, day: at.date.iso)
        let pauses = try pauses(db, before.id)
        let clock = HandOverRules.reviewClock(firstReceived: LocalDateTime(before.firstReceivedAt)?.date ?? at.date,
                                              centreReceived: centreReceived.date, pauses: pauses,
                                              basis: context.policy.reviewBasis, planner: context.planner, today: at.date)
        if let shown = clock.shown {
            try db.execute(sql: "UPDATE aid_case SET review_due = ? WHERE id = ?", arguments: [shown.iso, before.caseID])
            caseNote += "；审查期限 \(clock.text)"
        }
        try registerAcceptancePapers(db, caseID: before.caseID, day: at.date.iso, operatorID: op.id, at: now)
        caseNote += "（经转交单 \(before.number) 自\(before.fromUnit)转来）"
        try db.execute(sql: "UPDATE aid_case SET updated_at = ? WHERE id = ?", arguments: [now, before.caseID])
        try addEvent(db, caseID: before.caseID, at: now, kind: "accept", operatorID: op.id, note: caseNote)
        let caseAfter = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [before.caseID])!
        let secret = try secret(db)
        try AuditLog.append(db, at: now, operatorID: op.id, action: "accept", entity: "aid_case", entityID: String(before.caseID),
                            before: AuditDigest.of(caseBefore.auditFields(), secret: secret),
                            after: AuditDigest.of(caseAfter.auditFields() + [("note", caseNote)], secret: secret), detail: caseNote)
        try db.execute(sql: """
            UPDATE hand_over SET status = 'accepted', received_at = coalesce(received_at, ?), accepted_at = ?, receiver_decision = ?,
                receiver_note = ?, updated_at = ? WHERE id = ?
            """, arguments: [at.iso, at.iso, decision.rawValue, note, now, before.id])
        let timer = HandOverRules.timer(deadline: before.deadline, start: before.timerStart, stoppedAt: at, now: at)
        let text = "\(decision.label)，案号\(caseAfter.caseNumber ?? "")；用时 \(HandOverTimer.duration(timer.elapsedMinutes))"
            + (timer.isOverdue ? "，\(timer.text)" : "，按时") + "；审查期限 \(clock.text)"
            + (mismatches.isEmpty ? "；材料逐项核对无误" : "；材料不符：" + mismatches.joined(separator: "；"))
            + (note.isEmpty ? "" : "；\(note)")
        try addHandOverEvent(db, id: before.id, at: at, action: .accept, operatorID: op.id, from: before.fromStationID,
                             to: before.toStationID, note: text, now: now)
        return try auditHandOver(db, before: before, action: "accept", operatorID: op.id, now: now,
                                 detail: "接收转交单 \(before.number)，受理为\(caseAfter.caseNumber ?? "")")
    }
}

extension CaseStore {
    /// The setting key of the review-clock choice (§4.4: a per-region setting).
    static let handOverBasisKey = "handover.review_basis"

    /// Which review deadline this store's region shows (default: the earlier one, labelled).
    public func handOverReviewBasis() throws -> ReviewClockBasis {
        try read { db in
            (try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.handOverBasisKey]))
                .flatMap(ReviewClockBasis.init(rawValue:)) ?? .earlier
        }
    }

    /// Switches the review-clock choice (who may set local policy values), audited.
    public func setHandOverReviewBasis(_ basis: ReviewClockBasis, by op: Operator) throws {
        try AccessPolicy.require(op.role, .manageSiteRules)
        let now = timestamp()
        try write { db in
            let before = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.handOverBasisKey])
            guard (before ?? ReviewClockBasis.earlier.rawValue) != basis.rawValue else { return }
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.handOverBasisKey, basis.rawValue])
            try AuditLog.append(db, at: now, operatorID: op.id, action: "update", entity: "setting", entityID: Self.handOverBasisKey,
                                before: before, after: basis.rawValue,
                                detail: "转交审查期限起算：\((before.flatMap(ReviewClockBasis.init(rawValue:)) ?? .earlier).label) → \(basis.label)")
        }
    }
}

extension CaseStore {
    /// Records that a month's 申请转交工作台账 was written to `path` (and sent to `printer`): the
    /// ledger carries names and masked contacts, so every writing is audited like a document's.
    public func recordHandOverLedger(month: String, unit: String, path: String, printRequested: Bool, printedTo printer: String?,
                                     by op: Operator) throws {
        try AccessPolicy.require(op.role, .takeApplication)
        let now = timestamp()
        try write { db in
            let what = printer.map { "送打印机 \($0)" } ?? (printRequested ? "未送打印机，写入 PDF" : "写入 PDF")
            try AuditLog.append(db, at: now, operatorID: op.id, action: printRequested ? "print" : "render", entity: "hand_over_ledger",
                                entityID: month, before: nil, after: nil, detail: "\(month) 申请转交工作台账（\(unit)）\(what)：\(path)")
        }
    }
}

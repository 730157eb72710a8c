import FayuanCore

/// Who the consultation was with, as the screen knows it.
public enum ConsultationPerson: Sendable, Equatable {
    /// Anonymous: no person record (the phone, if any, stays on the consultation).
    case anonymous
    /// Picked from the search: linked, never changed.
    case existing(Int64)
    /// Typed in (the screen said 将登记为新申请人): created, or linked when a stored person has
    /// the same name and phone (then nothing of theirs is changed).
    case new(name: String)
}

extension CaseStore {
    /// Records a consultation.
    @discardableResult
    public func recordConsultation(_ consultation: Consultation) throws -> Consultation {
        try StoreDate.validate(consultation.day, field: "day")
        guard !consultation.topic.isEmpty else {
            throw StoreError.invalidInput(field: "topic", message: "咨询事项不能为空")
        }
        let now = timestamp()
        return try write { db in try Self.recordConsultation(db, consultation, at: now) }
    }

    static func recordConsultation(_ db: any SQLSession, _ c: Consultation, at now: String) throws -> Consultation {
        let insertedID = try db.insertReturningID(sql: """
            INSERT INTO consultation(station_id, operator_id, provider_id, applicant_id, visitor_name, channel,
                topic, question, answer, referral, satisfaction, duration_minutes, day, created_at, visitor_phone)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [c.stationID, c.operatorID, c.providerID, c.applicantID, c.visitorName,
                             c.channel.rawValue, c.topic, c.question, c.answer, c.referral,
                             c.satisfaction?.rawValue, c.durationMinutes, c.day, now, c.visitorPhone])
        var saved = c
        saved.id = insertedID
        return saved
    }

    /// 咨询登记 as one use case, one transaction: the person is linked (picked), created (new:
    /// name and call-back phone, audited) or, when anonymous, left out; the consultation keeps
    /// the visitor's phone for call-backs; the ticket is linked; audit entries for all of it.
    /// A stored person's fields are never overwritten here.
    public func registerConsultationVisit(_ consultation: Consultation, person: ConsultationPerson, ticketID: Int64? = nil,
                                          role: OperatorRole) throws -> Consultation {
        try AccessPolicy.require(role, .registerConsultation)
        try StoreDate.validate(consultation.day, field: "day")
        guard !consultation.topic.isEmpty else {
            throw StoreError.invalidInput(field: "topic", message: "咨询事项不能为空")
        }
        let phone = consultation.visitorPhone?.filter { !$0.isWhitespace }
        if let phone, !phone.isEmpty, !(5...20).contains(phone.count) || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) {
            throw StoreError.invalidInput(field: "phone", message: "电话应为 5–20 位数字：\(phone)")
        }
        let now = timestamp()
        return try write { db in
            var c = consultation
            c.visitorPhone = (phone?.isEmpty ?? true) ? nil : phone
            let secret = try storeSecret(db)
            switch person {
            case .anonymous:
                c.applicantID = nil
            case .existing(let id):
                guard try Self.applicant(db, id: id) != nil else { throw StoreError.notFound(entity: "申请人", id: String(id)) }
                c.applicantID = id
            case .new(let typed):
                let name = typed.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw StoreError.invalidInput(field: "name", message: "登记新申请人需填写姓名") }
                c.visitorName = name
                if let phone = c.visitorPhone, let same = try Int64.fetchOne(db, sql: """
                    SELECT id FROM applicant WHERE name = ? AND phone = ? ORDER BY id LIMIT 1
                    """, arguments: [name, phone]) {
                    c.applicantID = same
                } else {
                    let person = Applicant(name: name, idType: "none", phone: c.visitorPhone)
                    let insertedID = try db.insertReturningID(sql: """
                        INSERT INTO applicant(name, id_type, phone, created_at, updated_at) VALUES (?, 'none', ?, ?, ?)
                        """, arguments: [name, c.visitorPhone, now, now])
                    let id = insertedID
                    try PersonSearchIndex.insert(db, applicantID: id,
                                                 keys: PersonSearchIndex.keys(name: name, idNumber: nil, phone: c.visitorPhone))
                    try AuditLog.append(db, at: now, operatorID: c.operatorID, action: "create", entity: "applicant",
                                        entityID: String(id), before: nil, after: AuditDigest.of(person.auditFields(), secret: secret))
                    c.applicantID = id
                }
            }
            let saved = try Self.recordConsultation(db, c, at: now)
            if let ticketID {
                try db.execute(sql: "UPDATE consultation SET ticket_id = ? WHERE id = ?", arguments: [ticketID, saved.id])
                if let person = saved.applicantID {
                    try db.execute(sql: "UPDATE queue_ticket SET applicant_id = coalesce(applicant_id, ?) WHERE id = ?",
                                   arguments: [person, ticketID])
                }
            }
            try AuditLog.append(db, at: now, operatorID: c.operatorID, action: "create", entity: "consultation",
                                entityID: String(saved.id!), before: nil,
                                after: AuditDigest.of([("station_id", String(saved.stationID)), ("topic", saved.topic),
                                                       ("channel", saved.channel.rawValue),
                                                       ("applicant_id", saved.applicantID.map(String.init)),
                                                       ("visitor_phone", saved.visitorPhone),
                                                       ("referral", saved.referral)], secret: secret))
            return saved
        }
    }

    /// How many consultations an operator registered on a day (the screen's "今日已登记 N 条").
    public func consultationCount(operatorID: Int64, day: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM consultation WHERE operator_id = ? AND day = ?",
                             arguments: [operatorID, day]) ?? 0
        }
    }
}

extension CaseStore {
    /// One consultation by id.
    public func consultation(id: Int64) throws -> Consultation {
        let found = try read { db in try Consultation.fetchOne(db, sql: "SELECT * FROM consultation WHERE id = ?", arguments: [id]) }
        guard let found else { throw StoreError.notFound(entity: "咨询登记", id: String(id)) }
        return found
    }

    /// One queue ticket by id.
    public func queueTicket(id: Int64) throws -> QueueTicket {
        try read { db in try Self.ticket(db, id: id) }
    }
}

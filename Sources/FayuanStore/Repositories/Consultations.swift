import GRDB

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

    static func recordConsultation(_ db: Database, _ c: Consultation, at now: String) throws -> Consultation {
        try db.execute(sql: """
            INSERT INTO consultation(station_id, operator_id, provider_id, applicant_id, visitor_name, channel,
                topic, question, answer, referral, satisfaction, duration_minutes, day, created_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [c.stationID, c.operatorID, c.providerID, c.applicantID, c.visitorName,
                             c.channel.rawValue, c.topic, c.question, c.answer, c.referral,
                             c.satisfaction?.rawValue, c.durationMinutes, c.day, now])
        var saved = c
        saved.id = db.lastInsertedRowID
        return saved
    }
}

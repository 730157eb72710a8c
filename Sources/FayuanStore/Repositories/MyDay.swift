import FayuanCore

/// 我的今天: one clerk's day at a glance — tickets served, consultations (call-back phones
/// masked), applications waiting for documents they took, and their deadlines within a week.
/// Every row names the record it opens.
public struct MyDay: Sendable, Equatable {
    public struct TicketRow: Sendable, Equatable {
        public var ticketID: Int64
        public var code: String
        public var service: String
        public var status: String
        public var window: String?
        public var applicantID: Int64?
    }
    public struct ConsultationRow: Sendable, Equatable {
        public var consultationID: Int64
        public var visitor: String
        public var topic: String
        /// Masked (138****5678); nil when none was given.
        public var phone: String?
        public var applicantID: Int64?
    }
    public struct CaseRow: Sendable, Equatable {
        public var caseID: Int64
        /// 〔2026〕民援字第0012号, or nil before acceptance.
        public var caseNumber: String?
        public var applicantName: String
        /// What is due: a document's name, or 审查期限.
        public var what: String
        public var dueOn: String
    }
    public var tickets: [TicketRow]
    public var consultations: [ConsultationRow]
    /// Applications I took whose documents are still missing (容缺受理), earliest due first.
    public var awaitingDocuments: [CaseRow]
    /// Review deadlines and document due dates of cases I took, accepted or handle, within
    /// `horizon` days (overdue included), earliest first.
    public var deadlines: [CaseRow]
}

extension CaseStore {
    /// The operator's day. Reads only; phones leave masked.
    public func myDay(operator op: Operator, day: String, horizonDays: Int = 7) throws -> MyDay {
        try StoreDate.validate(day, field: "day")
        guard let opID = op.id else { return MyDay(tickets: [], consultations: [], awaitingDocuments: [], deadlines: []) }
        let until = LocalDate(iso: day).map { $0.adding(days: horizonDays).iso } ?? day
        return try read { db in
            let tickets = try QueueTicket.fetchAll(db, sql: """
                SELECT * FROM queue_ticket WHERE operator_id = ? AND day = ? AND status IN ('serving', 'done')
                ORDER BY coalesce(finished_at, serving_at, called_at, issued_at)
                """, arguments: [opID, day]).map {
                MyDay.TicketRow(ticketID: $0.id, code: $0.code, service: $0.queueService.label, status: $0.statusLabel,
                                window: $0.window, applicantID: $0.applicantID)
            }
            let consultations = try Consultation.fetchAll(db, sql: """
                SELECT * FROM consultation WHERE operator_id = ? AND day = ? ORDER BY id
                """, arguments: [opID, day]).map { c in
                MyDay.ConsultationRow(consultationID: c.id ?? 0, visitor: c.visitorName ?? "匿名",
                                      topic: ConsultationTopic.topic(id: c.topic)?.label ?? c.topic,
                                      phone: c.visitorPhone.map(PrivacyPolicy.maskPhone), applicantID: c.applicantID)
            }
            // Cases this operator took (applied), accepted, or handles as the provider.
            // Positional `?` only (both engines); the provider clause only when the operator is one.
            let mine = """
                SELECT c.id FROM aid_case c WHERE c.id IN (SELECT case_id FROM case_event WHERE operator_id = ?
                    AND kind IN ('applied', 'accepted'))
                """ + (op.providerID == nil ? "" : " OR c.provider_id = ?")
            let mineArgs: SQLArguments = op.providerID.map { [opID, $0] } ?? [opID]
            let docRows = try SQLRow.fetchAll(db, sql: """
                SELECT c.id, c.case_number, a.name, d.label, d.due_on FROM case_document d
                JOIN aid_case c ON c.id = d.case_id JOIN applicant a ON a.id = c.applicant_id
                WHERE d.status = 'missing' AND c.step NOT IN ('closed', 'archived', 'withdrawn', 'refused')
                    AND c.id IN (\(mine))
                ORDER BY coalesce(d.due_on, '9999'), c.id
                """, arguments: mineArgs)
            let awaiting = docRows.map { row in
                MyDay.CaseRow(caseID: row[0], caseNumber: row[1], applicantName: row[2], what: "补交：" + (row[3] as String),
                              dueOn: row[4] ?? "")
            }
            let reviewRows = try SQLRow.fetchAll(db, sql: """
                SELECT c.id, c.case_number, a.name, c.review_due FROM aid_case c JOIN applicant a ON a.id = c.applicant_id
                WHERE c.step IN ('applied', 'accepted') AND c.review_due IS NOT NULL AND c.review_due <= ?
                    AND c.id IN (\(mine))
                """, arguments: [until] + mineArgs)
            var deadlines = reviewRows.map { row in
                MyDay.CaseRow(caseID: row[0], caseNumber: row[1], applicantName: row[2], what: "审查期限", dueOn: row[3])
            }
            deadlines += awaiting.filter { !$0.dueOn.isEmpty && $0.dueOn <= until }
            deadlines.sort { ($0.dueOn, $0.caseID) < ($1.dueOn, $1.caseID) }
            return MyDay(tickets: tickets, consultations: consultations, awaitingDocuments: awaiting, deadlines: deadlines)
        }
    }
}

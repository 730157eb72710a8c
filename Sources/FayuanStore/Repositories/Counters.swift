
/// Gapless sequences (tickets per station per day, case numbers per centre per year and kind).
/// Called only inside a write transaction, which is IMMEDIATE: the increment and the row that
/// uses it commit together or not at all, so numbers are never skipped or repeated.
enum Counters {
    static func next(_ db: any SQLSession, scope: String, period: String) throws -> Int {
        guard let value = try Int.fetchOne(db, sql: """
            INSERT INTO counter(scope, period, value) VALUES (?, ?, 1)
            ON CONFLICT(scope, period) DO UPDATE SET value = value + 1
            RETURNING value
            """, arguments: [scope, period]) else {
            throw StoreError.unavailable(path: "counter", detail: "计数器未返回值")
        }
        return value
    }
}

extension CaseStore {
    /// Issues the next queue ticket of a station for a day; the number is unique and gapless
    /// per station and day even with several processes issuing at once.
    public func issueTicket(
        station: Int64, service: TicketService, priority: TicketPriority = .normal, on day: String
    ) throws -> QueueTicket {
        try StoreDate.validate(day, field: "day")
        let now = timestamp()
        return try write { db in
            try Self.issueTicket(db, station: station, service: service, priority: priority, on: day, at: now)
        }
    }

    static func issueTicket(
        _ db: any SQLSession, station: Int64, service: TicketService, priority: TicketPriority, on day: String, at now: String
    ) throws -> QueueTicket {
        let (seq, number) = try allocateTicketNumber(db, station: station, day: day, letter: service.letter)
        let code = service.letter + String(format: "%03d", number)
        let insertedID = try db.insertReturningID(sql: """
            INSERT INTO queue_ticket(station_id, day, seq, code, service, priority, issued_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [station, day, seq, code, service.rawValue, priority.rawValue, now])
        let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM queue_ticket WHERE id = ?", arguments: [insertedID])!
        return try QueueTicket(row: row)
    }

    /// Allocates the next case number of a centre for a year and kind, in its own transaction.
    /// Accepting a case allocates inside the acceptance transaction instead (`acceptCase`).
    public func allocateCaseNumber(centre: Int64, year: Int, kind: CaseKind) throws -> CaseNumber {
        try write { db in try Self.allocateCaseNumber(db, centre: centre, year: year, kind: kind) }
    }

    static func allocateCaseNumber(_ db: any SQLSession, centre: Int64, year: Int, kind: CaseKind) throws -> CaseNumber {
        let seq = try Counters.next(db, scope: "case:\(centre):\(kind.rawValue)", period: String(year))
        return CaseNumber(year: year, kind: kind, seq: seq)
    }
}

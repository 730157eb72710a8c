import FayuanCore
import Foundation

/// Who acts on the queue: an operator at a window (permission-checked), or a script (nil role),
/// which the command line is (cli.md: the scripting face of the same core).
public struct QueueActor: Sendable, Equatable {
    public var operatorID: Int64?
    public var role: OperatorRole?
    public init(operatorID: Int64?, role: OperatorRole?) { self.operatorID = operatorID; self.role = role }
    public static let script = QueueActor(operatorID: nil, role: nil)

    func require(_ permission: Permission) throws {
        guard let role else { return }
        guard AccessPolicy.allows(role, permission) else {
            throw StoreError.invalidInput(field: "operator", message: "\(role.label)无权\(permission.label)")
        }
    }
}

/// A ticket just issued, with what its slip says.
public struct IssuedTicket: Sendable, Equatable {
    public var ticket: QueueTicket
    /// Tickets the calling rule would call before this one (priority first, 过号 tickets
    /// behind): 0 when it is next.
    public var waitingAhead: Int
}

/// The result of "call next".
public struct QueueCall: Sendable, Equatable {
    public var ticket: QueueTicket
    public var reason: CallReason
    /// The window's previous ticket, closed by this call (叫下一位 ends the current one): 办结
    /// when its service had started, 叫号未办理 (`closedUnserved`) when it was only called.
    public var finished: QueueTicket?
}

/// What the hall display shows: the latest calls (newest first) and how many are waiting.
public struct HallBoard: Sendable, Equatable {
    public struct Call: Sendable, Equatable {
        public var code: String
        public var window: String
        public var calledAt: String
        public var recallCount: Int
        public var isPriority: Bool
        /// called or serving: still at the window (shown as a current call); done: recent only.
        public var status: TicketStatus
        public init(code: String, window: String, calledAt: String, recallCount: Int, isPriority: Bool,
                    status: TicketStatus = .called) {
            self.code = code; self.window = window; self.calledAt = calledAt
            self.recallCount = recallCount; self.isPriority = isPriority; self.status = status
        }
        /// The person is (or should be) at the window now.
        public var isActive: Bool { status == .called || status == .serving }
    }
    public var calls: [Call]
    public var waiting: Int
    public init(calls: [Call], waiting: Int) { self.calls = calls; self.waiting = waiting }
}

/// Queue operations: issuing, calling (atomic across processes), recall, 过号, 未到, transfer,
/// service start and finish, walk-aways, the hall board and statistics. Every state change is a
/// conditional UPDATE inside one IMMEDIATE transaction, so two windows never take the same ticket
/// and a stale screen cannot act on a ticket another window has already moved on.
extension CaseStore {
    // MARK: stations and settings

    public func station(code: String) throws -> Station {
        let found = try read { db in try Station.fetchOne(db, sql: "SELECT * FROM station WHERE code = ?", arguments: [code]) }
        guard let found else { throw StoreError.notFound(entity: "站点", id: code) }
        return found
    }

    /// The calling rule for a station from the `setting` table (queue.* and station.CODE.queue.*),
    /// with any setting that could not be used named in `problems`.
    public func callPolicy(station: Station) throws -> (policy: CallPolicy, problems: [String]) {
        try read { db in try Self.callPolicy(db, station: station.code) }
    }

    static func callPolicy(_ db: any SQLSession, station code: String) throws -> (policy: CallPolicy, problems: [String]) {
        CallPolicy.from(settings: try queueSettings(db, station: code), station: code)
    }

    static func queueSettings(_ db: any SQLSession, station code: String) throws -> [String: String] {
        let rows = try SQLRow.fetchAll(db, sql: "SELECT key, value FROM setting WHERE key LIKE 'queue.%' OR key LIKE ?",
                                    arguments: ["station.\(code).queue.%"])
        return Dictionary(rows.map { ($0["key"], $0["value"]) }, uniquingKeysWith: { a, _ in a })
    }

    /// A queue setting for a station (`station.CODE.queue.KEY` over `queue.KEY`), e.g. "voice".
    public func queueSetting(_ key: String, station: Station) throws -> String? {
        try read { db in
            let settings = try Self.queueSettings(db, station: station.code)
            return settings["station.\(station.code).queue.\(key)"] ?? settings["queue.\(key)"]
        }
    }

    /// Sets `queue.KEY` (all stations) or, with a station, `station.CODE.queue.KEY`. Audited.
    public func setQueueSetting(_ key: String, value: String, station: Station?, by actor: QueueActor) throws {
        if let role = actor.role, !AccessPolicy.allows(role, .manageSettings) {
            throw StoreError.invalidInput(field: "operator", message: "\(role.label)无权\(Permission.manageSettings.label)")
        }
        let fullKey = station.map { "station.\($0.code).queue.\(key)" } ?? "queue.\(key)"
        let now = timestamp()
        try write { db in
            let before = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [fullKey])
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [fullKey, value])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "setting",
                                entityID: fullKey, before: before, after: value)
        }
    }

    // MARK: issuing

    /// Issues a ticket: a number series per service letter (A001, B001, A002), gapless per
    /// station and day; priority when a reason is given (a code from `PriorityReason.all`).
    public func issueTicket(station: Station, service: QueueService, priorityReason: String?, on day: String,
                            by actor: QueueActor = .script) throws -> IssuedTicket {
        try StoreDate.validate(day, field: "day")
        try actor.require(.issueTicket)
        if let priorityReason, PriorityReason.named(priorityReason) == nil {
            throw StoreError.invalidInput(field: "priority-reason", message: "未知的优先原因代码：\(priorityReason)（可用：\(PriorityReason.all.map(\.code).joined(separator: "、"))）")
        }
        guard let stationID = station.id else { throw StoreError.notFound(entity: "站点", id: station.code) }
        let now = timestamp()
        return try write { db in
            let (seq, number) = try Self.allocateTicketNumber(db, station: stationID, day: day, letter: service.letter)
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO queue_ticket(station_id, day, seq, code, service, service_detail, priority, priority_reason,
                    issued_at, operator_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [stationID, day, seq, service.ticketCode(seq: number), service.storedService, service.storedDetail,
                                 priorityReason == nil ? "normal" : "priority", priorityReason, now, actor.operatorID])
            let id = insertedID
            let policy = try Self.callPolicy(db, station: station.code).policy
            let ahead = policy.ahead(of: id, in: try Self.candidates(db, station: stationID, day: day),
                                     recentCalls: try Self.recentCalls(db, station: stationID, day: day, limit: policy.maxPriorityStreak),
                                     now: StoreTime.seconds(now))
            return IssuedTicket(ticket: try Self.ticket(db, id: id), waitingAhead: ahead)
        }
    }

    // MARK: calling

    /// Calls the next ticket to `window` by the station's rule, in one IMMEDIATE transaction:
    /// the choice and the UPDATE that marks it called commit together, so windows calling at the
    /// same moment (in any process) get different tickets. The window's current ticket, if any,
    /// is closed as served first. Returns nil when nobody is waiting.
    public func callNextTicket(station: Station, window: String, on day: String,
                               by actor: QueueActor = .script) throws -> QueueCall? {
        try StoreDate.validate(day, field: "day")
        try actor.require(.callTicket)
        let window = try Self.validWindow(window)
        guard let stationID = station.id else { throw StoreError.notFound(entity: "站点", id: station.code) }
        let nowDate = clock()
        let now = StoreTime.format(nowDate)
        return try write { db in
            let policy = try Self.callPolicy(db, station: station.code).policy
            let candidates = try Self.candidates(db, station: stationID, day: day)
            let recent = try Self.recentCalls(db, station: stationID, day: day, limit: policy.maxPriorityStreak)
            guard let choice = policy.next(from: candidates, recentCalls: recent, window: window,
                                           now: nowDate.timeIntervalSince1970) else { return nil }
            let finished = try Self.finishCurrent(db, station: stationID, window: window, day: day, at: now, by: actor)
            let callSeq = try Counters.next(db, scope: "call:\(stationID)", period: day)
            let changed = try db.execute(sql: """
                UPDATE queue_ticket SET status = 'called', window = ?, called_at = coalesce(called_at, ?),
                    last_called_at = ?, call_seq = coalesce(call_seq, ?), target_window = NULL, operator_id = ?
                WHERE id = ? AND status IN ('waiting', 'skipped')
                """, arguments: [window, now, now, callSeq, actor.operatorID, choice.ticket.id])
            guard changed == 1 else {
                throw StoreError.unavailable(path: path, detail: "叫号冲突：号码已被其他窗口叫走")
            }
            return QueueCall(ticket: try Self.ticket(db, id: choice.ticket.id), reason: choice.reason, finished: finished)
        }
    }

    /// The next ticket's place in the day (`seq`, gapless per station and day, the issue order)
    /// and its number in its letter's own series (A001, B001, A002). The letter counters were
    /// seeded from existing tickets by v16-queue-series, so a store upgraded mid-day goes on
    /// from its highest number; the unique index on (station, day, code) backs it.
    static func allocateTicketNumber(_ db: any SQLSession, station: Int64, day: String, letter: String) throws -> (seq: Int, number: Int) {
        let seq = try Counters.next(db, scope: "ticket:\(station)", period: day)
        let number = try Counters.next(db, scope: "ticket:\(station):\(letter)", period: day)
        return (seq, number)
    }

    /// Tickets a window may call now, as the calling rule sees them.
    static func candidates(_ db: any SQLSession, station: Int64, day: String) throws -> [QueueCandidate] {
        try SQLRow.fetchAll(db, sql: """
            SELECT id, seq, priority, issued_at, requeued_at, target_window, skip_count FROM queue_ticket
            WHERE station_id = ? AND day = ? AND status IN ('waiting', 'skipped')
            """, arguments: [station, day]).map { row in
            QueueCandidate(id: row["id"], seq: row["seq"], isPriority: row["priority"] == "priority",
                           queuedAt: StoreTime.seconds(row["requeued_at"] ?? row["issued_at"]),
                           targetWindow: row["target_window"], wasPassed: (row["skip_count"] as Int? ?? 0) > 0)
        }
    }

    /// Whether each of the day's latest first calls was a priority ticket, most recent first.
    static func recentCalls(_ db: any SQLSession, station: Int64, day: String, limit: Int) throws -> [Bool] {
        try String.fetchAll(db, sql: """
            SELECT priority FROM queue_ticket WHERE station_id = ? AND day = ? AND call_seq IS NOT NULL
            ORDER BY call_seq DESC LIMIT ?
            """, arguments: [station, day, limit]).map { $0 == "priority" }
    }

    /// The ticket at `window` now (called or being served), if any.
    public func currentTicket(station: Station, window: String, on day: String) throws -> QueueTicket? {
        guard let stationID = station.id else { return nil }
        return try read { db in try Self.current(db, station: stationID, window: window, day: day) }
    }

    static func current(_ db: any SQLSession, station: Int64, window: String, day: String) throws -> QueueTicket? {
        try QueueTicket.fetchOne(db, sql: """
            SELECT * FROM queue_ticket WHERE station_id = ? AND day = ? AND window = ? AND status IN ('called', 'serving')
            ORDER BY last_called_at DESC LIMIT 1
            """, arguments: [station, day, window])
    }

    private static func finishCurrent(_ db: any SQLSession, station: Int64, window: String, day: String, at now: String,
                                      by actor: QueueActor) throws -> QueueTicket? {
        guard let current = try current(db, station: station, window: window, day: day) else { return nil }
        if current.ticketStatus == .serving {
            try db.execute(sql: """
                UPDATE queue_ticket SET status = 'done', end_reason = 'done', finished_at = ?, operator_id = ? WHERE id = ?
                """, arguments: [now, actor.operatorID, current.id])
        } else {
            // Called but service never started: not 办结 — its own outcome (叫号未办理).
            try db.execute(sql: """
                UPDATE queue_ticket SET status = 'no_show', end_reason = NULL, closed_unserved = 1, finished_at = ?,
                    operator_id = ? WHERE id = ?
                """, arguments: [now, actor.operatorID, current.id])
        }
        return try ticket(db, id: current.id)
    }

    // MARK: acting on one ticket

    /// 重呼: calls the ticket again (the hall display shows it anew), up to the station's limit.
    public func recallTicket(_ id: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        return try change(id, allowed: [.called], verb: "重呼") { db, t, now in
            let policy = try Self.callPolicy(db, station: try Self.stationCode(db, t.stationID)).policy
            guard t.recallCount < policy.maxRecalls else {
                throw StoreError.invalidInput(field: "recall", message: "\(t.code) 已重呼 \(t.recallCount) 次（上限 \(policy.maxRecalls) 次），请按过号或未到处理")
            }
            try db.execute(sql: "UPDATE queue_ticket SET last_called_at = ?, recall_count = recall_count + 1, operator_id = ? WHERE id = ?",
                           arguments: [now, actor.operatorID, id])
        }
    }

    /// 过号: the called person is not here; the ticket goes back in the queue behind those waiting.
    /// Past the station's limit of passes it is closed as 未到 instead.
    public func skipTicket(_ id: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        return try change(id, allowed: [.called], verb: "过号") { db, t, now in
            let policy = try Self.callPolicy(db, station: try Self.stationCode(db, t.stationID)).policy
            if t.skipCount >= policy.maxSkips {
                try db.execute(sql: """
                    UPDATE queue_ticket SET status = 'no_show', end_reason = 'no_show', finished_at = ?,
                        skip_count = skip_count + 1, operator_id = ? WHERE id = ?
                    """, arguments: [now, actor.operatorID, id])
            } else {
                try db.execute(sql: """
                    UPDATE queue_ticket SET status = 'skipped', window = NULL, requeued_at = ?, skip_count = skip_count + 1,
                        operator_id = ? WHERE id = ?
                    """, arguments: [now, actor.operatorID, id])
            }
        }
    }

    /// 未到: called and did not come; the ticket is closed.
    public func markNoShow(_ id: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        return try change(id, allowed: [.called, .skipped], verb: "记未到") { db, _, now in
            try db.execute(sql: """
                UPDATE queue_ticket SET status = 'no_show', end_reason = 'no_show', finished_at = ?, operator_id = ? WHERE id = ?
                """, arguments: [now, actor.operatorID, id])
        }
    }

    /// 离开: the person left without being served (counted as a walk-away).
    public func markWalkedAway(_ id: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        return try change(id, allowed: [.waiting, .skipped, .called], verb: "记离开") { db, _, now in
            try db.execute(sql: """
                UPDATE queue_ticket SET status = 'no_show', end_reason = 'walked_away', finished_at = ?, operator_id = ? WHERE id = ?
                """, arguments: [now, actor.operatorID, id])
        }
    }

    /// Transfers a called or served ticket to another window and/or service. It keeps its
    /// number and its place (issue time); a target window calls it before its own queue.
    public func transferTicket(_ id: Int64, toWindow: String?, toService: QueueService?,
                               by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        let target = try toWindow.map(Self.validWindow)
        guard target != nil || toService != nil else {
            throw StoreError.invalidInput(field: "to", message: "请指定转到的窗口或业务")
        }
        return try change(id, allowed: [.called, .serving], verb: "转移") { db, t, _ in
            if let target, target == t.window {
                throw StoreError.invalidInput(field: "to-window", message: "\(t.code) 已在 \(target) 号窗口")
            }
            let service = toService ?? t.queueService
            try db.execute(sql: """
                UPDATE queue_ticket SET status = 'waiting', window = NULL, target_window = ?, service = ?, service_detail = ?,
                    serving_at = NULL, transfer_count = transfer_count + 1, operator_id = ? WHERE id = ?
                """, arguments: [target, service.storedService, service.storedDetail, actor.operatorID, id])
        }
    }

    /// Service starts at the window (the consultation or application screen opens).
    public func startServing(_ id: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        return try change(id, allowed: [.called], verb: "开始办理") { db, _, now in
            try db.execute(sql: "UPDATE queue_ticket SET status = 'serving', serving_at = ?, operator_id = ? WHERE id = ?",
                           arguments: [now, actor.operatorID, id])
        }
    }

    /// Service is finished (办结).
    public func finishServing(_ id: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try actor.require(.callTicket)
        return try change(id, allowed: [.called, .serving], verb: "办结") { db, _, now in
            try db.execute(sql: """
                UPDATE queue_ticket SET status = 'done', end_reason = 'done', serving_at = coalesce(serving_at, called_at),
                    finished_at = ?, operator_id = ? WHERE id = ?
                """, arguments: [now, actor.operatorID, id])
        }
    }

    /// Links the person being served to the ticket (set by the consultation or application screen).
    public func linkTicket(_ id: Int64, applicant: Int64, by actor: QueueActor = .script) throws -> QueueTicket {
        try change(id, allowed: TicketStatus.allCases, verb: "关联申请人") { db, _, _ in
            try db.execute(sql: "UPDATE queue_ticket SET applicant_id = ? WHERE id = ?", arguments: [applicant, id])
        }
    }

    /// Reads the ticket inside the write transaction, checks its status is one of `allowed`
    /// (another window may have moved it on since the screen last looked), applies `body`.
    private func change(_ id: Int64, allowed: [TicketStatus], verb: String,
                        _ body: (any SQLSession, QueueTicket, String) throws -> Void) throws -> QueueTicket {
        let now = timestamp()
        return try write { db in
            let t = try Self.ticket(db, id: id)
            guard allowed.contains(t.ticketStatus) else {
                throw StoreError.invalidInput(field: "ticket", message: "\(t.code) 当前状态为“\(t.ticketStatus.label)”，不能\(verb)")
            }
            try body(db, t, now)
            return try Self.ticket(db, id: id)
        }
    }

    static func ticket(_ db: any SQLSession, id: Int64) throws -> QueueTicket {
        guard let t = try QueueTicket.fetchOne(db, sql: "SELECT * FROM queue_ticket WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(entity: "排队号", id: String(id))
        }
        return t
    }

    private static func stationCode(_ db: any SQLSession, _ id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT code FROM station WHERE id = ?", arguments: [id]) ?? ""
    }

    /// Window names are short labels ("2", "3号", "A"): 1–8 characters, no spaces.
    static func validWindow(_ text: String) throws -> String {
        let w = text.trimmingCharacters(in: .whitespaces)
        guard (1...8).contains(w.count), !w.contains(" ") else {
            throw StoreError.invalidInput(field: "window", message: "窗口号应为 1–8 个字符，如 2")
        }
        return w
    }

    // MARK: reading

    /// The ticket of a station and day by its code (A012).
    public func ticket(station: Station, code: String, on day: String) throws -> QueueTicket {
        let found = try read { db in
            try QueueTicket.fetchOne(db, sql: "SELECT * FROM queue_ticket WHERE station_id = ? AND day = ? AND code = ?",
                                     arguments: [station.id, day, code.uppercased()])
        }
        guard let found else { throw StoreError.notFound(entity: "排队号", id: code) }
        return found
    }

    /// All tickets of a station for a day, in issue order.
    public func queueTickets(station: Station, on day: String) throws -> [QueueTicket] {
        try read { db in
            try QueueTicket.fetchAll(db, sql: "SELECT * FROM queue_ticket WHERE station_id = ? AND day = ? ORDER BY seq",
                                     arguments: [station.id, day])
        }
    }

    /// The hall display's query: the latest `recent` calls and the number waiting. Two indexed
    /// lookups, cheap enough to poll several times a second.
    public func hallBoard(station: Station, on day: String, recent: Int = 6) throws -> HallBoard {
        try read { db in
            let calls = try SQLRow.fetchAll(db, sql: """
                SELECT code, window, last_called_at, recall_count, priority, status FROM queue_ticket
                WHERE station_id = ? AND day = ? AND last_called_at IS NOT NULL AND window IS NOT NULL
                  AND status NOT IN ('no_show', 'skipped')
                ORDER BY last_called_at DESC LIMIT ?
                """, arguments: [station.id, day, recent]).map { row in
                // 未到 and 过号 leave the board: the hall must not keep calling someone who is not there.
                HallBoard.Call(code: row["code"], window: row["window"], calledAt: row["last_called_at"],
                               recallCount: row["recall_count"], isPriority: row["priority"] == "priority",
                               status: TicketStatus(rawValue: row["status"]) ?? .called)
            }
            let waiting = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM queue_ticket WHERE station_id = ? AND day = ? AND status IN ('waiting', 'skipped')
                """, arguments: [station.id, day]) ?? 0
            return HallBoard(calls: calls, waiting: waiting)
        }
    }

    /// Statistics for a station from `from` to `to` (inclusive). Tickets still waiting on a day
    /// before `today` count as walk-aways (the person left when the centre closed).
    public func queueStatistics(station: Station, from: String, to: String, today: String) throws -> QueueStatistics {
        try StoreDate.validate(from, field: "from")
        try StoreDate.validate(to, field: "to")
        guard from <= to else { throw StoreError.invalidInput(field: "from", message: "开始日期 \(from) 晚于结束日期 \(to)") }
        let tickets = try read { db in
            try QueueTicket.fetchAll(db, sql: "SELECT * FROM queue_ticket WHERE station_id = ? AND day BETWEEN ? AND ?",
                                     arguments: [station.id, from, to])
        }
        return QueueStatistics(tickets.map { Self.facts($0, today: today) })
    }

    static func facts(_ t: QueueTicket, today: String) -> TicketFacts {
        let past = t.day < today
        let outcome: TicketFacts.Outcome
        switch t.ticketStatus {
        case .done: outcome = .served
        case .noShow where t.closedUnserved: outcome = .notServed
        case .noShow: outcome = t.endReason == "walked_away" ? .walkedAway : .noShow
        case .serving: outcome = past ? .served : .open
        case .called: outcome = past ? .noShow : .open
        case .waiting, .skipped, .transferred: outcome = past ? .walkedAway : .open
        }
        return TicketFacts(service: t.queueService.code, isPriority: t.isPriority, priorityReason: t.priorityReason,
                           outcome: outcome, issuedAt: StoreTime.seconds(t.issuedAt),
                           firstCalledAt: t.calledAt.map(StoreTime.seconds), servingAt: t.servingAt.map(StoreTime.seconds),
                           finishedAt: t.finishedAt.map(StoreTime.seconds))
    }
}

extension StoreTime {
    /// Seconds since 1970 of a stored timestamp (0 for text that is not one).
    static func seconds(_ iso: String) -> Double {
        (try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))?.timeIntervalSince1970 ?? 0
    }
}

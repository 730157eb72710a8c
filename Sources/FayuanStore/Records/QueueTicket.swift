import FayuanCore

/// A walk-in queue ticket (叫号). `seq` is gapless per station per day.
public struct QueueTicket: Sendable, Equatable, Codable {
    public var id: Int64
    public var stationID: Int64
    public var day: String
    public var seq: Int
    /// What is printed and called: service letter + number, e.g. "A012".
    public var code: String
    public var service: TicketService
    public var priority: TicketPriority
    public var status: String
    public var issuedAt: String
    // v3-queue
    /// The queue service (咨询, 取件…): `service` plus the v3 detail column.
    public var queueService: QueueService
    public var priorityReason: String?
    public var window: String?
    public var applicantID: Int64?
    /// First call (waiting time ends here); `lastCalledAt` moves with every recall.
    public var calledAt: String?
    public var lastCalledAt: String?
    public var callSeq: Int?
    public var recallCount: Int
    public var skipCount: Int
    public var requeuedAt: String?
    public var servingAt: String?
    public var finishedAt: String?
    public var targetWindow: String?
    public var transferCount: Int
    public var endReason: String?
    // v16-queue-series
    /// Closed when the window called the next ticket though service had not started
    /// (叫号未办理): neither 办结 nor 未到.
    public var closedUnserved: Bool

    init(row: SQLRow) throws {
        id = row["id"]; stationID = row["station_id"]; day = row["day"]; seq = row["seq"]; code = row["code"]
        service = TicketService(rawValue: row["service"]) ?? .other
        priority = TicketPriority(rawValue: row["priority"]) ?? .normal
        status = row["status"]; issuedAt = row["issued_at"]
        queueService = QueueService.stored(service: row["service"], detail: row["service_detail"])
        priorityReason = row["priority_reason"]; window = row["window"]; applicantID = row["applicant_id"]
        calledAt = row["called_at"]; lastCalledAt = row["last_called_at"]; callSeq = row["call_seq"]
        recallCount = row["recall_count"] ?? 0; skipCount = row["skip_count"] ?? 0
        requeuedAt = row["requeued_at"]; servingAt = row["serving_at"]; finishedAt = row["finished_at"]
        targetWindow = row["target_window"]; transferCount = row["transfer_count"] ?? 0; endReason = row["end_reason"]
        closedUnserved = (row["closed_unserved"] as Int? ?? 0) != 0
    }

    /// The status as the clerk reads it (叫号未办理 for a ticket closed unserved).
    public var statusLabel: String { closedUnserved ? "叫号未办理" : ticketStatus.label }

    public var ticketStatus: TicketStatus { TicketStatus(rawValue: status) ?? .waiting }
    public var isPriority: Bool { priority == .priority }
    /// When it joined the queue: issued, or put back after 过号.
    public var queuedAt: String { requeuedAt ?? issuedAt }
}

/// The life of a ticket. Raw values are v1's stored codes.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    /// In the queue (also after a transfer).
    case waiting
    /// Called to a window, not yet started.
    case called
    case serving
    case done
    /// Passed over (过号) and put back in the queue, behind those waiting.
    case skipped
    /// Ended without service: called and did not come (未到), or left (end_reason walked_away).
    case noShow = "no_show"
    /// v1 code, not written by v3 (a transfer keeps the ticket and its number).
    case transferred

    public var label: String {
        switch self {
        case .waiting: return "等候"
        case .called: return "已叫号"
        case .serving: return "办理中"
        case .done: return "已办结"
        case .skipped: return "过号待叫"
        case .noShow: return "未到"
        case .transferred: return "已转移"
        }
    }

    /// Tickets a window may call.
    public static let callable: [TicketStatus] = [.waiting, .skipped]
}

extension QueueTicket: StoreRecord {}

import GRDB

/// A walk-in queue ticket (叫号). `seq` is gapless per station per day.
public struct QueueTicket: Sendable, Equatable, Codable, FetchableRecord {
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

    public init(row: Row) throws {
        id = row["id"]; stationID = row["station_id"]; day = row["day"]; seq = row["seq"]; code = row["code"]
        service = TicketService(rawValue: row["service"]) ?? .other
        priority = TicketPriority(rawValue: row["priority"]) ?? .normal
        status = row["status"]; issuedAt = row["issued_at"]
    }
}

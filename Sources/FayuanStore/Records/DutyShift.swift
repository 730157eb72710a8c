
/// One provider's duty at one station on one day (值班).
public struct DutyShift: Sendable, Equatable, Codable {
    public var id: Int64?
    public var stationID: Int64
    public var providerID: Int64
    public var day: String
    public var startsAt: String
    public var endsAt: String
    public var status: String
    /// Why this person on this day (the planner's or an editor's words; v6-roster).
    public var reason: String

    public init(id: Int64? = nil, stationID: Int64, providerID: Int64, day: String, startsAt: String,
                endsAt: String, status: String = "planned", reason: String = "") {
        self.id = id; self.stationID = stationID; self.providerID = providerID; self.day = day
        self.startsAt = startsAt; self.endsAt = endsAt; self.status = status; self.reason = reason
    }

    init(row: SQLRow) throws {
        id = row["id"]; stationID = row["station_id"]; providerID = row["provider_id"]; day = row["day"]
        startsAt = row["starts_at"]; endsAt = row["ends_at"]; status = row["status"]
        reason = row["reason"] ?? ""
    }
}

extension DutyShift: StoreRecord {}

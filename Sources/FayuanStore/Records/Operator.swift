import FayuanCore

/// Someone who logs into the console. PIN and lockout fields are used by the shared-terminal
/// login; they are here from v1 so that needs no schema change.
public struct Operator: Sendable, Equatable, Codable {
    public var id: Int64?
    public var name: String
    public var role: OperatorRole
    public var stationID: Int64?
    public var failedAttempts: Int
    public var lockedUntil: String?
    public var disabled: Bool
    /// The aid-provider record this operator is (a duty lawyer), if linked.
    public var providerID: Int64?

    public init(id: Int64? = nil, name: String, role: OperatorRole, stationID: Int64? = nil) {
        self.id = id; self.name = name; self.role = role; self.stationID = stationID
        failedAttempts = 0; lockedUntil = nil; disabled = false
    }

    init(row: SQLRow) throws {
        id = row["id"]; name = row["name"]; role = OperatorRole(rawValue: row["role"]) ?? .windowClerk
        stationID = row["station_id"]; failedAttempts = row["failed_attempts"]
        lockedUntil = row["locked_until"]; disabled = row["disabled"]
        providerID = row.hasColumn("provider_id") ? row["provider_id"] : nil
    }
}

extension Operator: StoreRecord {}

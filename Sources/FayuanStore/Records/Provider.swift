
/// A lawyer or other aid provider (法律援助人员).
public struct Provider: Sendable, Equatable, Codable {
    public var id: Int64?
    public var name: String
    public var kind: ProviderKind
    public var organisation: String?
    public var phone: String?
    public var isLeading: Bool
    public var stationID: Int64?

    public init(id: Int64? = nil, name: String, kind: ProviderKind, organisation: String? = nil,
                phone: String? = nil, isLeading: Bool = false, stationID: Int64? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.organisation = organisation; self.phone = phone
        self.isLeading = isLeading; self.stationID = stationID
    }

    init(row: SQLRow) throws {
        id = row["id"]; name = row["name"]; kind = ProviderKind(rawValue: row["kind"]) ?? .lawyer
        organisation = row["organisation"]; phone = row["phone"]; isLeading = row["is_leading"]
        stationID = row["station_id"]
    }
}

extension Provider: StoreRecord {}

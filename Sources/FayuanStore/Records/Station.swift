import GRDB

/// A place that serves the public: the county centre, a township station, a workstation.
public struct Station: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64?
    public var code: String
    public var name: String
    public var kind: StationKind
    public var parentID: Int64?
    public var population: Int?
    public var consultationTarget: Int?

    public init(id: Int64? = nil, code: String, name: String, kind: StationKind, parentID: Int64? = nil,
                population: Int? = nil, consultationTarget: Int? = nil) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.parentID = parentID
        self.population = population; self.consultationTarget = consultationTarget
    }

    public init(row: Row) throws {
        id = row["id"]; code = row["code"]; name = row["name"]
        kind = StationKind(rawValue: row["kind"]) ?? .workstation
        parentID = row["parent_id"]; population = row["population"]; consultationTarget = row["consultation_target"]
    }
}

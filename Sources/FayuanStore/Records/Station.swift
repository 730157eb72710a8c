
/// A place that serves the public: the county centre, a township station, a workstation, a
/// village liaison point.
public struct Station: Sendable, Equatable, Codable {
    public var id: Int64?
    public var code: String
    public var name: String
    public var kind: StationKind
    public var parentID: Int64?
    public var population: Int?
    public var consultationTarget: Int?
    /// Street address (v17-admin).
    public var address: String = ""
    /// When lawyers are on duty here (v17-admin; a `DutyPattern` code).
    public var dutyPattern: DutyPattern = .workdays
    /// Closed stations stay for their history but take no tickets or duty.
    public var disabled: Bool = false

    public init(id: Int64? = nil, code: String, name: String, kind: StationKind, parentID: Int64? = nil,
                population: Int? = nil, consultationTarget: Int? = nil, address: String = "",
                dutyPattern: DutyPattern = .workdays, disabled: Bool = false) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.parentID = parentID
        self.population = population; self.consultationTarget = consultationTarget
        self.address = address; self.dutyPattern = dutyPattern; self.disabled = disabled
    }

    init(row: SQLRow) throws {
        id = row["id"]; code = row["code"]; name = row["name"]
        kind = StationKind(rawValue: row["kind"]) ?? .workstation
        parentID = row["parent_id"]; population = row["population"]; consultationTarget = row["consultation_target"]
        if row.hasColumn("address") {
            address = row["address"]
            dutyPattern = DutyPattern(rawValue: row["duty_pattern"]) ?? .workdays
            disabled = row["disabled"]
        }
    }
}

/// When a station has lawyers on duty: every working day (the county centre), one day a week
/// (a township station: 每周一天), on call only (a liaison point), or none.
public enum DutyPattern: String, Sendable, Codable, CaseIterable {
    case workdays, monday, tuesday, wednesday, thursday, friday, onCall = "on_call", none

    public var label: String {
        switch self {
        case .workdays: return "每个工作日"
        case .monday: return "每周一"
        case .tuesday: return "每周二"
        case .wednesday: return "每周三"
        case .thursday: return "每周四"
        case .friday: return "每周五"
        case .onCall: return "预约上门"
        case .none: return "不排班"
        }
    }
}

/// A numbered service window of a station and the services it serves (v17-admin).
public struct ServiceWindow: Sendable, Equatable, Codable {
    public var id: Int64?
    public var stationID: Int64
    public var number: String
    /// QueueService codes ("consultation", "application", …).
    public var services: [String]
    public var disabled: Bool

    public init(id: Int64? = nil, stationID: Int64, number: String, services: [String], disabled: Bool = false) {
        self.id = id; self.stationID = stationID; self.number = number; self.services = services; self.disabled = disabled
    }

    init(row: SQLRow) throws {
        id = row["id"]; stationID = row["station_id"]; number = row["number"]
        services = (row["services"] as String).split(separator: ",").map(String.init)
        disabled = row["disabled"]
    }
}

extension Station: StoreRecord {}

extension ServiceWindow: StoreRecord {}

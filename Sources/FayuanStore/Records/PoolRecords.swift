import FayuanCore

/// One provider's pool membership as lists and the register show it.
public struct PoolMembership: Sendable, Equatable, Encodable {
    public var pool: String
    public var poolLabel: String
    public var joinedOn: String
    public var validTo: String?
    public var status: String
    public var statusLabel: String
    public var statusOn: String?
    public var statusReason: String
}

/// 法律援助人员名册: one provider in the register, by category (kind) and specialty, with the
/// pools. The phone leaves the store masked (the published list is read by anyone).
public struct RegisterEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var kindLabel: String
    public var firm: String?
    public var phoneMasked: String?
    public var licenceNo: String?
    public var practiceStart: String?
    /// Whole years since practiceStart, on the day asked.
    public var practiceYears: Int?
    public var specialties: [String]
    public var specialtyLabels: [String]
    public var pools: [PoolMembership]
    public var isLeading: Bool
    public var published: Bool
    public var active: Bool

    /// Active in `pool` (on the register's day).
    public func isActive(in pool: PoolCode) -> Bool {
        pools.contains { $0.pool == pool.rawValue && $0.status == PoolMemberStatus.active.rawValue }
    }
}

/// What a volunteer applies with (志愿者申请表, Art 14).
public struct VolunteerApplication: Sendable, Equatable {
    public var name: String
    public var idNumber: String?
    public var phone: String?
    public var skills: String
    public var availability: String
    public var stationID: Int64?
    public init(name: String, idNumber: String? = nil, phone: String? = nil, skills: String, availability: String = "",
                stationID: Int64? = nil) {
        self.name = name; self.idNumber = idNumber; self.phone = phone; self.skills = skills
        self.availability = availability; self.stationID = stationID
    }
}

/// A volunteer as lists show them: numbers masked, the year's figures computed.
public struct VolunteerEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var name: String
    public var idMasked: String?
    public var phoneMasked: String?
    public var skills: String
    public var availability: String
    public var stationID: Int64?
    public var platformNo: String?
    public var status: String
    public var statusLabel: String
    public var appliedOn: String
    public var registeredOn: String?
    public var exitRequestedOn: String?
    public var exitDueOn: String?
    public var exitedOn: String?
    public var removedOn: String?
    public var removalReason: String?
    /// All counted minutes (the star rating reads these).
    public var countedMinutes: Int
    public var stars: Int
    public var starText: String
    /// This year's 未履行约定服务 and 服务质量投诉.
    public var missedServicesThisYear: Int
    public var complaintsThisYear: Int
}

/// One logged service (志愿服务记录): counted minutes never pass 8 hours a day; the rest is overflow with its note.
public struct VolunteerServiceEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var volunteerID: Int64
    public var day: String
    public var countedMinutes: Int
    public var overflowMinutes: Int
    public var overflowNote: String
    public var activity: String
    public var evaluation: String
}

public struct VolunteerIncidentEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var day: String
    public var kind: String
    public var kindLabel: String
    public var note: String
}

public struct VolunteerDetail: Sendable, Equatable, Encodable {
    public var volunteer: VolunteerEntry
    public var services: [VolunteerServiceEntry]
    public var incidents: [VolunteerIncidentEntry]
    /// The reasons the year's incidents reach (a proposal: nothing is removed automatically).
    public var proposedRemoval: [String]
}

/// "1+1" 结对.
public struct MentorshipEntry: Sendable, Equatable, Encodable {
    public var id: Int64
    public var mentorID: Int64
    public var mentorName: String
    public var menteeID: Int64
    public var menteeName: String
    public var startedOn: String
    public var endedOn: String?
    public var evaluation: String
    public var caseIDs: [Int64]
}

/// 名优律师年度办案: the calendar year's 亲自办理 count against the minimum.
public struct LeadingYearEntry: Sendable, Equatable, Encodable {
    public var providerID: Int64
    public var name: String
    public var firm: String?
    public var year: Int
    public var personalCount: Int
    /// "1+1" cases in the year where the lawyer was mentor only (not counted).
    public var mentorOnlyCount: Int
    public var minimum: Int
    public var figure: String
    public var belowMinimum: Bool
}

/// A quality-review panel as drawn and recorded.
public struct ReviewPanelRecord: Sendable, Equatable, Encodable {
    public struct Member: Sendable, Equatable, Encodable {
        public var position: Int
        public var providerID: Int64
        public var name: String
        public var firm: String
    }
    public struct Recusal: Sendable, Equatable, Encodable {
        public var providerID: Int64
        public var name: String
        public var reason: String
    }
    public var id: Int64
    public var caseID: Int64
    public var caseNumber: String?
    public var campaignID: Int64?
    public var size: Int
    /// Decimal, as recorded (a UInt64 does not survive every JSON reader).
    public var seed: String
    public var poolSize: Int
    public var eligibleCount: Int
    public var handlerID: Int64?
    public var handlerName: String?
    public var handlerFirm: String
    public var members: [Member]
    public var recusals: [Recusal]
    public var createdAt: String
}

/// A review campaign: the stratified sample and a panel per sampled case.
public struct ReviewCampaignRecord: Sendable, Equatable, Encodable {
    public var id: Int64
    public var closedFrom: String
    public var closedTo: String
    public var ratePercent: Int
    public var seed: String
    public var population: Int
    /// Drawn per stratum (民事/刑事/行政 by code).
    public var perStratum: [String: Int]
    public var sampleID: Int64
    public var caseIDs: [Int64]
    public var panelSize: Int
    public var panels: [ReviewPanelRecord]
}

/// A duty lawyer's warnings in the year before a day, and whether they propose 清退.
public struct ProviderWarnings: Sendable, Equatable, Encodable {
    public var providerID: Int64
    public var name: String
    public var pool: String
    /// Warnings in the 12 months up to the day asked, oldest first ("2026-03-02：脱岗").
    public var warnings: [String]
    public var proposesRemoval: Bool
    /// Still active in the pool (a proposal is still open).
    public var stillInPool: Bool
}

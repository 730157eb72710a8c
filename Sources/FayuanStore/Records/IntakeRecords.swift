import FayuanCore

/// Where the front desk works: the station receiving people and the aid centre it belongs to
/// (whose region picks the rule set and whose counter numbers the cases).
public struct IntakeContext: Sendable, Equatable {
    public var station: Station
    public var centre: Station
    /// GB/T 2260 county code of the centre (first six digits of its station code).
    public var region: String { String(centre.code.prefix(6)) }
}

/// A case of an applicant that is still being handled (for the duplicate warning).
public struct OpenCaseSummary: Sendable, Equatable {
    public var caseID: Int64
    public var caseNumber: String?
    public var step: CaseStep
    public var cause: String
}

/// A person found while typing at the front desk, with the cases still open for them.
public struct IntakePersonHit: Sendable, Equatable {
    public var hit: SearchHit
    public var openCases: [OpenCaseSummary]
}

/// A document of the checklist as recorded with the case (容缺受理: `missing` with a due date).
public struct CaseDocumentEntry: Sendable, Equatable {
    public enum Status: String, Sendable { case received, missing, committed, waived }
    public var code: String
    public var label: String
    public var status: Status
    public var dueOn: String?

    public init(code: String, label: String, status: Status, dueOn: String? = nil) {
        self.code = code; self.label = label; self.status = status; self.dueOn = dueOn
    }
}

/// Everything the application wizard hands the store to register (and, for those allowed, accept)
/// an application in one transaction.
public struct ApplicationIntake: Sendable {
    public var applicantID: Int64
    public var stationID: Int64
    public var centreID: Int64
    public var kind: CaseKind
    public var cause: String
    public var opposingParty: String
    public var summary: String
    public var appliedOn: String
    /// The outcome of screening at the window.
    public var route: String
    public var priority: String
    public var provideFirst: Bool
    public var economicCheck: String?
    // The 特殊群体 flag is not passed in: the store derives it from the applicant on file
    // (SpecialGroupRule), whoever registers the case.
    public var reviewDue: String?
    public var householdSize: Int?
    public var incomePerCapitaFen: Int?
    public var hardshipEvidence: HardshipEvidence?
    public var documents: [CaseDocumentEntry]
    public var consultationID: Int64?
    public var ticketID: Int64?

    public init(applicantID: Int64, stationID: Int64, centreID: Int64, kind: CaseKind, cause: String,
                opposingParty: String = "", summary: String = "", appliedOn: String, route: String = "application",
                priority: String = "none", provideFirst: Bool = false, economicCheck: String? = nil,
                reviewDue: String? = nil, householdSize: Int? = nil,
                incomePerCapitaFen: Int? = nil, hardshipEvidence: HardshipEvidence? = nil,
                documents: [CaseDocumentEntry] = [], consultationID: Int64? = nil, ticketID: Int64? = nil) {
        self.applicantID = applicantID; self.stationID = stationID; self.centreID = centreID; self.kind = kind
        self.cause = cause; self.opposingParty = opposingParty; self.summary = summary; self.appliedOn = appliedOn
        self.route = route; self.priority = priority; self.provideFirst = provideFirst
        self.economicCheck = economicCheck; self.reviewDue = reviewDue
        self.householdSize = householdSize; self.incomePerCapitaFen = incomePerCapitaFen
        self.hardshipEvidence = hardshipEvidence; self.documents = documents
        self.consultationID = consultationID; self.ticketID = ticketID
    }
}

/// A refusal recorded at the window (不予受理登记).
public struct WindowRefusal: Sendable, Equatable {
    public var id: Int64?
    public var stationID: Int64
    public var operatorID: Int64?
    public var applicantID: Int64?
    public var visitorName: String
    public var reason: String
    public var detail: String
    public var referral: String?
    public var ticketID: Int64?
    public var day: String

    public init(id: Int64? = nil, stationID: Int64, operatorID: Int64?, applicantID: Int64? = nil, visitorName: String,
                reason: String, detail: String = "", referral: String? = nil, ticketID: Int64? = nil, day: String) {
        self.id = id; self.stationID = stationID; self.operatorID = operatorID; self.applicantID = applicantID
        self.visitorName = visitorName; self.reason = reason; self.detail = detail; self.referral = referral
        self.ticketID = ticketID; self.day = day
    }
}

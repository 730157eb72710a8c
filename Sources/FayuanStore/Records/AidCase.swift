
/// A legal-aid application and, once accepted, the case it becomes (案件).
public struct AidCase: Sendable, Equatable, Codable {
    public var id: Int64?
    public var centreID: Int64
    public var stationID: Int64?
    public var applicantID: Int64
    public var kind: CaseKind
    public var cause: String
    public var step: CaseStep
    public var caseNumber: String?
    public var appliedOn: String
    public var providerID: Int64?
    public var summary: String

    public init(id: Int64? = nil, centreID: Int64, stationID: Int64? = nil, applicantID: Int64, kind: CaseKind,
                cause: String, step: CaseStep = .applied, caseNumber: String? = nil, appliedOn: String,
                providerID: Int64? = nil, summary: String = "") {
        self.id = id; self.centreID = centreID; self.stationID = stationID; self.applicantID = applicantID
        self.kind = kind; self.cause = cause; self.step = step; self.caseNumber = caseNumber
        self.appliedOn = appliedOn; self.providerID = providerID; self.summary = summary
    }

    init(row: SQLRow) throws {
        id = row["id"]; centreID = row["centre_id"]; stationID = row["station_id"]; applicantID = row["applicant_id"]
        kind = CaseKind(rawValue: row["kind"]) ?? .civil; cause = row["cause"]
        step = CaseStep(rawValue: row["step"]) ?? .applied; caseNumber = row["case_number"]
        appliedOn = row["applied_on"]; providerID = row["provider_id"]; summary = row["summary"]
    }

    func auditFields() -> [(String, String?)] {
        [("centre_id", String(centreID)), ("applicant_id", String(applicantID)), ("kind", kind.rawValue),
         ("cause", cause), ("step", step.rawValue), ("case_number", caseNumber),
         ("provider_id", providerID.map(String.init)), ("summary", summary)]
    }
}

/// A case number as allocated: 〔2026〕民援字第0012号.
public struct CaseNumber: Sendable, Equatable, Codable {
    public var year: Int
    public var kind: CaseKind
    public var seq: Int

    public var text: String {
        "〔\(year)〕\(kind.numberWord)字第\(String(format: "%04d", seq))号"
    }
}

extension AidCase: StoreRecord {}

import FayuanCore

/// What an import of a 民政 / 残联 list says about itself (the checked rows are an `OutreachListPlan`).
public struct OutreachImportMeta: Sendable, Hashable {
    public var source: OutreachSource
    public var evidenceKind: TagEvidenceKind
    /// The town the list covers (青口镇): tags of people in other towns are never ended by it.
    public var town: String?
    /// GB/T 2260 code for new household numbers (320707-2025-000123).
    public var regionCode: String
    public var stationID: Int64?
    public var fileName: String
    /// SHA-256 of the file's bytes, recorded with the batch.
    public var fileDigest: String
    /// The import date: new tags start, lapsed tags end, on this day.
    public var importedOn: LocalDate

    public init(source: OutreachSource, evidenceKind: TagEvidenceKind = .civilAffairsData, town: String? = nil,
                regionCode: String, stationID: Int64? = nil, fileName: String, fileDigest: String, importedOn: LocalDate) {
        self.source = source; self.evidenceKind = evidenceKind; self.town = town; self.regionCode = regionCode
        self.stationID = stationID; self.fileName = fileName; self.fileDigest = fileDigest; self.importedOn = importedOn
    }
}

/// One line of an import's diff (names shown, ID numbers masked).
public struct OutreachDiffEntry: Sendable, Hashable, Codable {
    public var rowNumber: Int?
    public var name: String
    public var idMasked: String
    public var group: String
    /// What changed, or why the tag ends.
    public var detail: String
}

/// new / changed / gone, with the rows held and rejected. Nothing is stored by a preview.
public struct OutreachImportDiff: Sendable, Hashable, Codable {
    public var totalRows = 0
    public var imported = 0
    public var new: [OutreachDiffEntry] = []
    public var changed: [OutreachDiffEntry] = []
    public var unchanged = 0
    public var gone: [OutreachDiffEntry] = []
    public var held: [OutreachListIssue] = []
    public var rejected: [OutreachListIssue] = []
    public var mergedRepeats = 0
    /// Set once committed.
    public var batchID: Int64?
}

/// A household as the register grid lists it.
public struct OutreachHouseholdListing: Sendable, Hashable, Codable {
    public var householdNo: String
    public var town: String
    public var village: String
    public var address: String
    public var headName: String
    public var headIDMasked: String
    public var members: Int
    /// Codes of the tags valid on the day asked, e.g. ["DB", "GL"].
    public var groups: [String]
    public var risk: String
    public var status: String
    public var consentRecorded: Bool
    public var cardNo: String?
    public var lastVisitOn: String?
    public var nextVisitDue: String?
    public var openNeeds: Int
}

/// A member with the tags on file (evidence shown masked where it holds an ID).
public struct OutreachMemberDetail: Sendable, Hashable, Codable {
    public var applicantID: Int64
    public var name: String
    public var idMasked: String
    public var relation: String
    public var tags: [OutreachTagListing]
}

public struct OutreachTagListing: Sendable, Hashable, Codable {
    public var code: String
    public var label: String
    public var evidence: String
    public var validFrom: String
    public var validTo: String?
    public var valid: Bool
}

public struct OutreachHouseholdDetail: Sendable, Hashable, Codable {
    public var listing: OutreachHouseholdListing
    public var members: [OutreachMemberDetail]
    public var cards: [ContactCardListing]
    public var visits: [OutreachVisitListing]
    public var needs: [NeedListing]
}

public struct ContactCardListing: Sendable, Hashable, Codable {
    public var cardNo: String
    public var householdNo: String
    public var issuedOn: String
    public var method: String
    public var recipient: String
    public var printedContent: String
    public var reissuedOf: String?
}

/// A visit to record. `needs` found during it are registered with it (first contact = the visit).
public struct OutreachVisitInput: Sendable {
    public var householdNo: String
    public var visitedOn: LocalDate
    public var mode: OutreachVisitMode
    public var visitors: [String]
    public var legalEducation: String
    public var knowsLegalAid: Bool?
    public var firstChoice: String
    public var signature: VisitSignatureMode
    public var signatureNote: String
    public var proxyName: String?
    public var proxyIDNumber: String?
    public var needs: [NeedInput]

    public init(householdNo: String, visitedOn: LocalDate, mode: OutreachVisitMode, visitors: [String],
                legalEducation: String = "", knowsLegalAid: Bool? = nil, firstChoice: String = "",
                signature: VisitSignatureMode, signatureNote: String = "", proxyName: String? = nil,
                proxyIDNumber: String? = nil, needs: [NeedInput] = []) {
        self.householdNo = householdNo; self.visitedOn = visitedOn; self.mode = mode; self.visitors = visitors
        self.legalEducation = legalEducation; self.knowsLegalAid = knowsLegalAid; self.firstChoice = firstChoice
        self.signature = signature; self.signatureNote = signatureNote; self.proxyName = proxyName
        self.proxyIDNumber = proxyIDNumber; self.needs = needs
    }
}

public struct OutreachVisitListing: Sendable, Hashable, Codable {
    public var visitNo: String
    public var householdNo: String
    public var visitedOn: String
    public var mode: String
    public var visitors: [String]
    public var signature: String
    public var proxy: String?
    public var nextVisitDue: String
    public var needNos: [String]
}

/// Who a need is for: a person already on file, or one named with an identity number (created
/// when new, found when the number is known).
public enum NeedPerson: Sendable, Hashable {
    case applicant(Int64)
    case identified(name: String, idNumber: String, phone: String?)
}

public struct NeedInput: Sendable {
    public var person: NeedPerson
    public var channel: OutreachSource
    public var registeredOn: LocalDate
    /// The partner counter or person who registered it (民政救助中心窗口 …).
    public var registeredBy: String
    public var summary: String
    public var needType: NeedType
    public var urgency: NeedUrgency
    /// A tag shown at the counter (残疾人证 …), recorded with the need.
    public var tag: GroupTag?

    public init(person: NeedPerson, channel: OutreachSource, registeredOn: LocalDate, registeredBy: String = "",
                summary: String, needType: NeedType, urgency: NeedUrgency = .normal, tag: GroupTag? = nil) {
        self.person = person; self.channel = channel; self.registeredOn = registeredOn; self.registeredBy = registeredBy
        self.summary = summary; self.needType = needType; self.urgency = urgency; self.tag = tag
    }
}

public struct NeedListing: Sendable, Hashable, Codable {
    public var needNo: String
    public var name: String
    public var idMasked: String
    public var householdNo: String?
    public var channel: String
    public var registeredOn: String
    public var registeredBy: String
    public var summary: String
    public var needType: String
    public var urgency: String
    /// ‼ wording for escalated needs (never colour alone).
    public var flag: String?
    public var firstContactDue: String
    public var firstContactOn: String?
    /// 剩 N 天 / ⚠ 今日到期 / ‼ 逾期 N 天 / 已联系, on the day asked.
    public var clock: String
    public var overdue: Bool
    public var dueToday: Bool
    public var disposition: String?
    public var consultationID: Int64?
    public var caseID: Int64?
    public var screeningNote: String
}

/// What a need becomes.
public enum NeedTarget: Sendable, Hashable {
    case consultation(stationID: Int64)
    case application(stationID: Int64, centreID: Int64, kind: CaseKind)
}

/// What the screening of a converted need sees: identity, the tags valid and proven on the day,
/// the cause and the urgency. The caller runs the rule library on it.
public struct NeedPrefill: Sendable, Hashable {
    public var needNo: String
    public var applicantID: Int64
    public var name: String
    public var idNumber: String?
    public var birthDate: LocalDate?
    public var gender: Gender?
    public var basis: OutreachScreeningBasis
    public var cause: CauseCode
    public var urgency: NeedUrgency
    public var summary: String
    public var on: LocalDate
}

/// The screening's answer as the store records it.
public struct NeedScreening: Sendable, Hashable {
    public var route: String
    public var inScope: Bool
    /// required | exempt | not_applicable
    public var economicCheck: String
    public var priority: String
    public var provideFirst: Bool
    public var reviewDue: String?
    /// Sentences with their citations, in Chinese.
    public var explanation: [String]

    public init(route: String, inScope: Bool, economicCheck: String, priority: String, provideFirst: Bool,
                reviewDue: String? = nil, explanation: [String]) {
        self.route = route; self.inScope = inScope; self.economicCheck = economicCheck; self.priority = priority
        self.provideFirst = provideFirst; self.reviewDue = reviewDue; self.explanation = explanation
    }
}

/// The result of converting a need.
public struct NeedConversion: Sendable, Hashable {
    public var need: NeedListing
    public var consultationID: Int64?
    public var caseID: Int64?
    public var prefill: NeedPrefill
    public var screening: NeedScreening?
    /// 先行提供 candidate (Art 44) from the need's urgency or the screening.
    public var provideFirstCandidate: Bool
}

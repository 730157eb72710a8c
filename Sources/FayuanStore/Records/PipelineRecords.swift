import FayuanCore

/// One case as the pipeline board shows it: the facts its clocks need, and who and what it is
/// about with the applicant's numbers already masked (the board is seen over shoulders).
public struct BoardCase: Sendable, Equatable {
    public var id: Int64
    public var caseNumber: String?
    public var step: CaseStep
    public var stage: PipelineStage
    public var kind: CaseKind
    public var cause: String
    public var route: String
    public var priority: String
    public var specialGroup: Bool
    public var centreID: Int64
    public var stationID: Int64?
    public var stationName: String
    public var applicantID: Int64
    public var applicantName: String
    public var applicantGroups: [String]
    public var idMasked: String
    public var phoneMasked: String
    public var providerID: Int64?
    public var providerName: String?
    public var appliedOn: String
    public var acceptedOn: String?
    public var decidedOn: String?
    public var assignedOn: String?
    public var closedOn: String?
    public var archivedOn: String?
    public var reviewDue: String?
    public var detained: Bool
    public var receivedAt: String?
    public var objectionOn: String?
    public var documentsDue: String?
    public var closingSubmittedOn: String?
    public var major: Bool
    public var lifeOrDeath: Bool
    /// A 结案回访 (after-phase return visit) is on record.
    public var visitedAfter: Bool
    /// The latest quality-review grade, if reviewed.
    public var qualityGrade: String?
    /// Drawn in a quality-review sample and not yet scored.
    public var awaitingReview: Bool

    /// The facts the deadline planner reads.
    public var times: CaseTimes {
        CaseTimes(stage: stage, route: route, appliedOn: LocalDate(iso: appliedOn) ?? LocalDate(year: 2000, month: 1, day: 1)!,
                  acceptedOn: acceptedOn.flatMap(LocalDate.init(iso:)), decidedOn: decidedOn.flatMap(LocalDate.init(iso:)),
                  recordedReviewDue: reviewDue.flatMap(LocalDate.init(iso:)), detained: detained, receivedAt: receivedAt,
                  objectionOn: objectionOn.flatMap(LocalDate.init(iso:)), documentsDue: documentsDue.flatMap(LocalDate.init(iso:)),
                  major: major)
    }

    /// Closed or archived, with no 结案回访 yet: the return-visit list.
    public var returnVisitDue: Bool { (stage == .closed || stage == .archived) && !visitedAfter }
}

/// What the board asks for. Overdue is decided by the caller, which knows the calendar.
public struct BoardFilter: Sendable, Equatable {
    public var stationID: Int64?
    public var stages: Set<PipelineStage>?
    public var cause: String?
    public var group: String?
    public var providerID: Int64?
    public var returnVisitDue = false
    public var awaitingReview = false
    /// Most rows per stage (closed and archived cases accumulate for years).
    public var limitPerStage = 300

    public init(stationID: Int64? = nil, stages: Set<PipelineStage>? = nil, cause: String? = nil, group: String? = nil,
                providerID: Int64? = nil, returnVisitDue: Bool = false, awaitingReview: Bool = false,
                limitPerStage: Int = 300) {
        self.stationID = stationID; self.stages = stages; self.cause = cause; self.group = group
        self.providerID = providerID; self.returnVisitDue = returnVisitDue; self.awaitingReview = awaitingReview
        self.limitPerStage = limitPerStage
    }
}

/// One line of the timeline with the operator's name.
public struct TimelineEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var kind: String
    public var operatorName: String?
    public var note: String
}

public struct DecisionRecord: Sendable, Equatable {
    public var kind: String
    public var day: String
    public var reasons: [String]
    public var text: String
    public var operatorName: String?
}

public struct ReturnVisitRecord: Sendable, Equatable {
    public var day: String
    public var phase: ReturnVisitPhase
    public var method: String
    public var satisfaction: Satisfaction?
    public var result: String
    public var operatorName: String?
}

public struct QualityReviewRecord: Sendable, Equatable {
    public var day: String
    public var kind: String
    public var grade: ScoreSheet.Grade
    public var score: Int?
    public var items: [Int]
    public var peerName: String
    public var note: String
}

/// The rotation wheel's record of one assignment.
public struct RotationTurnRecord: Sendable, Equatable {
    public var turn: Int
    public var stationID: Int64?
    public var cause: String
    public var caseID: Int64
    public var caseNumber: String?
    public var providerID: Int64
    public var providerName: String
    public var suggestedID: Int64?
    public var suggestedName: String?
    public var overrideReason: String?
    public var explanation: String
    public var day: String
    public var operatorName: String?
}

/// The screening result as it stood when the case was accepted.
public struct ScreeningSnapshot: Sendable, Equatable {
    public var ruleSetID: String
    public var ruleSetVersion: String
    public var effectiveOn: String
    public var decision: String
    public var summary: String

    public init(ruleSetID: String, ruleSetVersion: String, effectiveOn: String, decision: String, summary: String) {
        self.ruleSetID = ruleSetID; self.ruleSetVersion = ruleSetVersion; self.effectiveOn = effectiveOn
        self.decision = decision; self.summary = summary
    }
}

/// Everything the case detail screen shows.
public struct CaseDetail: Sendable, Equatable {
    public var board: BoardCase
    public var centreName: String
    public var opposingParty: String
    public var summary: String
    public var economicCheck: String?
    public var provideFirst: Bool
    public var hardshipEvidence: String?
    public var outcome: String?
    public var terminatedOn: String?
    public var screening: ScreeningSnapshot?
    public var documents: [CaseDocumentEntry]
    public var timeline: [TimelineEntry]
    public var decisions: [DecisionRecord]
    public var visits: [ReturnVisitRecord]
    public var reviews: [QualityReviewRecord]
    public var wheel: [RotationTurnRecord]
    public var peerReviewer: String?
    /// The centre's region (GB/T 2260, six digits), for the rules that apply to its documents.
    public var regionCode: String = ""
    /// The justice bureau that set up the centre (setting `centre.justice_bureau`, filled at
    /// centre set-up from the region): where an objection to a refusal goes (Art 49).
    public var justiceBureau: String = ""
}

/// A lawyer's profile for the rotation wheel.
public struct ProviderProfile: Sendable, Equatable {
    public var providerID: Int64
    public var specialties: [String]
    public var practiceYears: Int?
    public var maxLoad: Int?

    public init(providerID: Int64, specialties: [String] = [], practiceYears: Int? = nil, maxLoad: Int? = nil) {
        self.providerID = providerID; self.specialties = specialties; self.practiceYears = practiceYears
        self.maxLoad = maxLoad
    }
}

/// A drawn quality-review sample.
public struct QualitySample: Sendable, Equatable {
    public var id: Int64
    public var closedFrom: String
    public var closedTo: String
    public var ratePercent: Int
    public var seed: UInt64
    public var population: Int
    public var caseIDs: [Int64]
}

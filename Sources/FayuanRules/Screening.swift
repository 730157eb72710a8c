import FayuanCore

/// One legal-aid application as the screening sees it (the `fayuan screen` input).
public struct ScreeningInput: Sendable, Hashable {
    public struct Applicant: Sendable, Hashable {
        public var birthDate: LocalDate?
        /// Normalized number when one was given; birth date and gender are read from it.
        public var idNumber: String?
        public var gender: Gender?
        public var groups: [GroupCode]
        /// Yuan per person per month; nil when unknown.
        public var householdIncomePerCapitaMonthly: Double?
        public var hardshipEvidence: HardshipEvidence?

        public init(birthDate: LocalDate? = nil, idNumber: String? = nil, gender: Gender? = nil,
                    groups: [GroupCode] = [], householdIncomePerCapitaMonthly: Double? = nil,
                    hardshipEvidence: HardshipEvidence? = nil) {
            self.birthDate = birthDate
            self.idNumber = idNumber
            self.gender = gender
            self.groups = groups
            self.householdIncomePerCapitaMonthly = householdIncomePerCapitaMonthly
            self.hardshipEvidence = hardshipEvidence
        }
    }

    public struct Criminal: Sendable, Hashable {
        public var role: CriminalRole
        public var stage: CriminalStage
        public var hasDefender: Bool
        public var possibleLifeOrDeathSentence: Bool
        public var trialInAbsentia: Bool
        public var cannotFullyRecognizeConduct: Bool
        public var ordinaryProcedure: Bool
        /// 被羁押: the application comes from a detained person (Art 39: handed to the centre
        /// within 24 hours).
        public var detained: Bool

        public init(role: CriminalRole, stage: CriminalStage, hasDefender: Bool = false,
                    possibleLifeOrDeathSentence: Bool = false, trialInAbsentia: Bool = false,
                    cannotFullyRecognizeConduct: Bool = false, ordinaryProcedure: Bool = false,
                    detained: Bool = false) {
            self.role = role
            self.stage = stage
            self.hasDefender = hasDefender
            self.possibleLifeOrDeathSentence = possibleLifeOrDeathSentence
            self.trialInAbsentia = trialInAbsentia
            self.cannotFullyRecognizeConduct = cannotFullyRecognizeConduct
            self.ordinaryProcedure = ordinaryProcedure
            self.detained = detained
        }
    }

    public struct Matter: Sendable, Hashable {
        public var kind: MatterKind
        public var cause: CauseCode?
        public var criminal: Criminal?
        public var daysToLimitationDeadline: Int?
        public var needsUrgentPreservation: Bool

        public init(kind: MatterKind, cause: CauseCode? = nil, criminal: Criminal? = nil,
                    daysToLimitationDeadline: Int? = nil, needsUrgentPreservation: Bool = false) {
            self.kind = kind
            self.cause = cause
            self.criminal = criminal
            self.daysToLimitationDeadline = daysToLimitationDeadline
            self.needsUrgentPreservation = needsUrgentPreservation
        }
    }

    /// GB/T 2260 code of the receiving centre.
    public var region: String
    public var applicationDate: LocalDate
    public var applicant: Applicant
    public var matter: Matter
    /// Overrides the region's table, yuan per person per month.
    public var hardshipThreshold: Double?

    public init(region: String, applicationDate: LocalDate, applicant: Applicant, matter: Matter,
                hardshipThreshold: Double? = nil) {
        self.region = region
        self.applicationDate = applicationDate
        self.applicant = applicant
        self.matter = matter
        self.hardshipThreshold = hardshipThreshold
    }
}

/// The screening answer (the `fayuan screen` output).
public struct ScreeningResult: Sendable, Hashable {
    public struct RuleSetInfo: Sendable, Hashable {
        /// Layer ids joined with "+", e.g. "cn-national+js+js-lyg-gy".
        public var id: String
        /// Digest of the rules applied, so a site change shows.
        public var version: String
        public var effectiveOn: LocalDate
    }

    public struct Deadlines: Sendable, Hashable {
        public var reviewDue: LocalDate
        public var rule: DeadlineCounting
        /// The date rests on a provisional holiday year (no notice yet): 暂定.
        public var provisional: Bool = false
    }

    public var decision: Decision
    public var inScope: Bool
    public var route: Route
    public var economicCheck: EconomicCheck
    public var economicResult: EconomicResult
    public var priority: Priority
    public var provideFirst: Bool
    public var citations: [Citation]
    /// Sentences a clerk can read aloud, in order.
    public var explanation: [String]
    public var ruleSet: RuleSetInfo
    /// nil when no holiday table covers the dates.
    public var deadlines: Deadlines?
    /// Ids of the rules that shaped the answer (for `rules test` and the Rules screen).
    public var appliedRules: [String]
    /// 值班律师法律帮助 (Art 30) offered beside the answer: a suspect or defendant whose
    /// application fails (e.g. the means test) still gets a duty lawyer's help. A separate line:
    /// it never turns an `ineligible` application into `eligible`.
    public var dutyLawyer: DutyLawyerHelp? = nil

    public struct DutyLawyerHelp: Sendable, Hashable {
        public var citation: Citation
        public var explanation: String
    }
}

/// Input the screening cannot evaluate: the field and a Chinese message.
public struct ScreeningInputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// e.g. `applicant.groups[1]`
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

/// 法律援助申请 as one typed value: what the front desk takes down, what a draft holds, and what
/// the store accepts. The screens map their form fields to and from this value in one place;
/// every domain decision about an application (document status and due dates, the special-group
/// flag, whether it is complete enough to accept) is made here, once.
public struct AidApplication: Sendable, Equatable, Codable {
    public var applicant: ApplicantPart
    public var matter: MatterPart
    public var economy: EconomyPart
    public var documents: DocumentsPart
    /// 保密 (domestic violence and the like): address and contact only for the assigned lawyer and reviewers.
    public var confidential: Bool
    /// Who the applicant is: a registered person (with the changes the clerk confirmed) or a new one.
    public var person: PersonResolution

    public init(applicant: ApplicantPart = ApplicantPart(), matter: MatterPart = MatterPart(),
                economy: EconomyPart = EconomyPart(), documents: DocumentsPart = DocumentsPart(),
                confidential: Bool = false, person: PersonResolution = .new) {
        self.applicant = applicant; self.matter = matter; self.economy = economy; self.documents = documents
        self.confidential = confidential; self.person = person
    }

    // MARK: Parts

    /// The identity number as typed: none, a valid number, or text that is not a valid number
    /// (kept so the summary can say 证件号码无效 instead of pretending there is none).
    public enum Identity: Sendable, Equatable, Codable {
        case none
        case valid(IDNumber)
        case invalid(String, reason: String)

        /// Parses what the clerk typed: blank is `.none`.
        public init(typed text: String) {
            let t = Self.trimmed(text)
            if t.isEmpty { self = .none; return }
            switch IDNumber.parse(t) {
            case .success(let id): self = .valid(id)
            case .failure(let e): self = .invalid(t, reason: e.reason)
            }
        }

        static func trimmed(_ text: String) -> String {
            String(text.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
        }

        public var number: IDNumber? { if case .valid(let id) = self { return id } else { return nil } }

        /// What the summary shows: the masked number, 证件号码无效, or 无证件号码.
        public var summaryText: String {
            switch self {
            case .none: return "无证件号码"
            case .valid(let id): return "证件 \(id.masked)"
            case .invalid(_, let reason): return "证件号码无效（\(reason)）"
            }
        }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            self.init(typed: text)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .none: try c.encode("")
            case .valid(let id): try c.encode(id.normalized)
            case .invalid(let text, _): try c.encode(text)
            }
        }
    }

    public struct ApplicantPart: Sendable, Equatable, Codable {
        public var name: String
        public var identity: Identity
        public var gender: Gender?
        public var birthDate: LocalDate?
        /// nil: not given (for a registered person: keep what is stored).
        public var phone: String?
        public var address: String?
        /// 无障碍需求 codes (the store's AccessibilityNeed raw values).
        public var needs: [String]
        /// Special groups entered by the clerk (never the derived ones: elderly, minor, woman).
        public var groups: Set<GroupCode>

        public init(name: String = "", identity: Identity = .none, gender: Gender? = nil, birthDate: LocalDate? = nil,
                    phone: String? = nil, address: String? = nil, needs: [String] = [], groups: Set<GroupCode> = []) {
            self.name = name; self.identity = identity; self.gender = gender; self.birthDate = birthDate
            self.phone = phone; self.address = address; self.needs = needs; self.groups = groups
        }

        /// The birth date that counts: the ID number's when it is valid, else the one entered.
        public var effectiveBirthDate: LocalDate? { identity.number?.birthDate ?? birthDate }
        public var effectiveGender: Gender? { identity.number?.gender ?? gender }
    }

    public enum CriminalFlag: String, Sendable, Codable, CaseIterable {
        case hasDefender, possibleLifeOrDeathSentence, trialInAbsentia, cannotFullyRecognizeConduct, ordinaryProcedure

        public var label: String {
            switch self {
            case .hasDefender: return "已委托辩护人"
            case .possibleLifeOrDeathSentence: return "可能判处无期徒刑、死刑"
            case .trialInAbsentia: return "缺席审判"
            case .cannotFullyRecognizeConduct: return "尚未完全丧失辨认或控制能力的精神病人"
            case .ordinaryProcedure: return "适用普通程序"
            }
        }
    }

    public struct CriminalDetails: Sendable, Equatable, Codable {
        public var role: CriminalRole?
        public var stage: CriminalStage?
        public var flags: Set<CriminalFlag>
        public init(role: CriminalRole? = nil, stage: CriminalStage? = nil, flags: Set<CriminalFlag> = []) {
            self.role = role; self.stage = stage; self.flags = flags
        }
    }

    public struct MatterPart: Sendable, Equatable, Codable {
        public var kind: MatterKind
        public var cause: CauseCode?
        public var criminal: CriminalDetails
        public var opposingParty: String
        public var providerID: Int64?
        public var summary: String
        public var daysToLimitation: Int?
        public var urgentPreservation: Bool

        public init(kind: MatterKind = .civil, cause: CauseCode? = nil, criminal: CriminalDetails = CriminalDetails(),
                    opposingParty: String = "", providerID: Int64? = nil, summary: String = "",
                    daysToLimitation: Int? = nil, urgentPreservation: Bool = false) {
            self.kind = kind; self.cause = cause; self.criminal = criminal; self.opposingParty = opposingParty
            self.providerID = providerID; self.summary = summary; self.daysToLimitation = daysToLimitation
            self.urgentPreservation = urgentPreservation
        }

        /// The cause as the case records it: the cause code, or for a criminal matter the role.
        public var storedCause: String? {
            kind == .criminal ? criminal.role?.rawValue : cause?.rawValue
        }
    }

    public struct EconomyPart: Sendable, Equatable, Codable {
        public var householdSize: Int?
        /// 家庭月收入合计, in fen.
        public var monthlyIncomeFen: Int?
        public var evidence: HardshipEvidence?
        public init(householdSize: Int? = nil, monthlyIncomeFen: Int? = nil, evidence: HardshipEvidence? = nil) {
            self.householdSize = householdSize; self.monthlyIncomeFen = monthlyIncomeFen; self.evidence = evidence
        }

        public var household: HouseholdIncome? {
            guard let householdSize, let monthlyIncomeFen, householdSize > 0 else { return nil }
            return HouseholdIncome(householdSize: householdSize, monthlyTotalFen: monthlyIncomeFen)
        }
    }

    /// What was brought: the ids of the checklist documents received, and the date by which the
    /// missing ones are due (nil: the default, `supplementDays` after the application date).
    public struct DocumentsPart: Sendable, Equatable, Codable {
        public var received: Set<String>
        public var dueDate: LocalDate?
        public init(received: Set<String> = [], dueDate: LocalDate? = nil) {
            self.received = received; self.dueDate = dueDate
        }
    }

    // MARK: Decisions (made here only)

    /// The checklist for this matter (DocumentChecklist).
    public var checklist: [RequiredDocument] {
        DocumentChecklist.documents(kind: matter.kind, cause: matter.kind == .criminal ? nil : matter.cause?.rawValue,
                                    hardshipEvidence: economy.evidence)
    }

    /// The default 补正期限 for an application taken on `day`.
    public static func defaultDueDate(appliedOn day: LocalDate) -> LocalDate {
        day.adding(days: DocumentChecklist.supplementDays)
    }

    /// Each checklist document's status. `hardshipProofNeeded` is false when screening says no
    /// economic check applies (免予核查 / 不受经济困难条件限制): hardship documents are then not needed.
    public func documentStatuses(appliedOn day: LocalDate, hardshipProofNeeded: Bool = true) -> [DocumentStatus] {
        let due = documents.dueDate ?? Self.defaultDueDate(appliedOn: day)
        let hardship: Set<String> = [DocumentChecklist.hardshipCertificate.id, DocumentChecklist.commitment.id]
        return checklist.map { doc in
            if documents.received.contains(doc.id) { return DocumentStatus(document: doc, status: .received) }
            if !hardshipProofNeeded && hardship.contains(doc.id) { return DocumentStatus(document: doc, status: .notNeeded) }
            return DocumentStatus(document: doc, status: .missing(due: due))
        }
    }

    public func missingDocuments(appliedOn day: LocalDate, hardshipProofNeeded: Bool = true) -> [RequiredDocument] {
        documentStatuses(appliedOn: day, hardshipProofNeeded: hardshipProofNeeded).filter(\.isMissing).map(\.document)
    }

    /// 特殊群体 (the case's special-group flag) by `SpecialGroupRule`: the eight groups of seed 004,
    /// age on the application date, gender. (The store applies the same rule to the person on
    /// file when it saves the case.)
    public func isSpecialGroup(on day: LocalDate) -> Bool {
        SpecialGroupRule.isSpecialGroup(entered: applicant.groups, birthDate: applicant.effectiveBirthDate,
                                        gender: applicant.effectiveGender, on: day)
    }

    /// The problems that stop acceptance, each naming its field (Chinese messages).
    public func problems(appliedOn day: LocalDate) -> [ApplicationProblem] {
        var out: [ApplicationProblem] = []
        if applicant.name.allSatisfy({ $0 == " " || $0 == "\u{3000}" }) {
            out.append(ApplicationProblem(field: "applicant.name", message: "姓名不能为空"))
        }
        if case .invalid(_, let reason) = applicant.identity {
            out.append(ApplicationProblem(field: "applicant.identity", message: "证件号码无效：\(reason)"))
        }
        switch matter.kind {
        case .criminal:
            if matter.criminal.role == nil || matter.criminal.stage == nil {
                out.append(ApplicationProblem(field: "matter.criminal", message: "刑事案件请选择申请人身份和诉讼阶段"))
            }
        case .civil, .administrative:
            if matter.cause == nil { out.append(ApplicationProblem(field: "matter.cause", message: "请选择案由")) }
        }
        if let due = documents.dueDate, due < day, !missingDocuments(appliedOn: day).isEmpty {
            out.append(ApplicationProblem(field: "documents.dueDate", message: "补正期限不能早于申请日期"))
        }
        return out
    }

    /// Throws the first problem (used by the store; the screen lists them at the fields).
    public func validate(appliedOn day: LocalDate) throws(ApplicationProblem) {
        if let first = problems(appliedOn: day).first { throw first }
    }
}

/// A checklist document and what happened to it at the window.
public struct DocumentStatus: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case received
        /// 容缺受理: to be brought by `due`.
        case missing(due: LocalDate)
        /// Not required for this application (e.g. hardship proof when no economic check applies).
        case notNeeded
    }

    public var document: RequiredDocument
    public var status: Status
    public init(document: RequiredDocument, status: Status) { self.document = document; self.status = status }

    public var isMissing: Bool { if case .missing = status { return true } else { return false } }
    public var due: LocalDate? { if case .missing(let d) = status { return d } else { return nil } }
}

/// How the applicant was resolved: a registered person (with the fields whose differing values
/// the clerk chose to write over the stored ones), or a new person.
public enum PersonResolution: Sendable, Equatable, Codable {
    case existing(id: Int64, acceptedChanges: Set<PersonField>)
    case new

    public var existingID: Int64? { if case .existing(let id, _) = self { return id } else { return nil } }
}

/// The fields of a person record the application may change (each only with the clerk's consent).
public enum PersonField: String, Sendable, Codable, CaseIterable, Comparable {
    case name, idNumber, gender, birthDate, phone, address, needs, groups

    public var label: String {
        switch self {
        case .name: return "姓名"
        case .idNumber: return "证件号码"
        case .gender: return "性别"
        case .birthDate: return "出生日期"
        case .phone: return "电话"
        case .address: return "住址"
        case .needs: return "无障碍需求"
        case .groups: return "特殊群体"
        }
    }

    /// Shown masked in the comparison (the full values stay in the store).
    public var isSensitive: Bool { self == .idNumber || self == .phone || self == .address }

    public static func < (a: PersonField, b: PersonField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A reason an application cannot be accepted, naming the field.
public struct ApplicationProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
    public var description: String { message }
}

extension IDNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        switch IDNumber.parse(text) {
        case .success(let id): self = id
        case .failure(let e):
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "证件号码无效：\(e.reason)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(normalized)
    }
}

/// Masking a person's address for display: the first six characters (province, city, county as a
/// rule), the rest hidden. Full addresses only through an audited reveal.
extension PrivacyPolicy {
    public static func maskAddress(_ address: String) -> String {
        let chars = Array(address)
        guard chars.count > 6 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(6)) + "****"
    }
}

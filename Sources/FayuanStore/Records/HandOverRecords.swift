import FayuanCore

/// How the applicant confirmed the interview record (谈话笔录): signed, read aloud to them,
/// thumbprint, or a proxy signed (Heilongjiang commitment rules; Hefei).
public enum InterviewSignatureMode: String, Sendable, Codable, CaseIterable {
    case signed, readAloud = "read_aloud", thumbprint, proxy

    public var label: String {
        switch self {
        case .signed: return "本人签名"
        case .readAloud: return "宣读后签名"
        case .thumbprint: return "按手印"
        case .proxy: return "代签（附代签人身份证明）"
        }
    }
}

/// What a station (or a facility) sends: the application already registered through the
/// intake path (`caseID`, step 申请) and everything the hand-over itself adds.
public struct HandOverRequest: Sendable {
    public var kind: HandOverKind
    public var caseID: Int64
    /// The sending station in this store; nil for a body outside it (看守所, 民政柜台).
    public var fromStationID: Int64?
    /// The sender's name when it is not a station of this store ("淮南市看守所").
    public var fromUnit: String?
    public var firstOwnerPhone: String
    public var toStationID: Int64
    public var toPerson: String
    /// When the applicant handed in anything: the start of 首问.
    public var firstReceivedAt: LocalDateTime
    /// Art 39: when the facility or organ received the written request.
    public var custodyReceivedAt: LocalDateTime?
    public var sentAt: LocalDateTime
    public var matterSummary: String
    /// 初审意见 (JS Art 12(三) 协助审查; seed-000 “初审”).
    public var scopeOpinion: String
    /// Why the receiver is the competent centre (Art 38), required when leaving this centre.
    public var competence: CompetenceReason?
    /// Hefei: the receiving body phoned the competent centre first.
    public var priorContact: Bool
    public var priorContactNote: String
    public var interviewRecord: String
    public var signatureMode: InterviewSignatureMode
    public var dispatch: DispatchMethod
    public var trackingNo: String
    public var materials: [MaterialItem]
    public var missing: [MissingItem]

    public init(kind: HandOverKind, caseID: Int64, fromStationID: Int64?, fromUnit: String? = nil,
                firstOwnerPhone: String = "", toStationID: Int64, toPerson: String = "",
                firstReceivedAt: LocalDateTime, custodyReceivedAt: LocalDateTime? = nil, sentAt: LocalDateTime,
                matterSummary: String = "", scopeOpinion: String = "", competence: CompetenceReason? = nil,
                priorContact: Bool = false, priorContactNote: String = "", interviewRecord: String = "",
                signatureMode: InterviewSignatureMode = .signed, dispatch: DispatchMethod = .system, trackingNo: String = "",
                materials: [MaterialItem], missing: [MissingItem] = []) {
        self.kind = kind; self.caseID = caseID; self.fromStationID = fromStationID; self.fromUnit = fromUnit
        self.firstOwnerPhone = firstOwnerPhone; self.toStationID = toStationID; self.toPerson = toPerson
        self.firstReceivedAt = firstReceivedAt; self.custodyReceivedAt = custodyReceivedAt; self.sentAt = sentAt
        self.matterSummary = matterSummary; self.scopeOpinion = scopeOpinion; self.competence = competence
        self.priorContact = priorContact; self.priorContactNote = priorContactNote
        self.interviewRecord = interviewRecord; self.signatureMode = signatureMode; self.dispatch = dispatch
        self.trackingNo = trackingNo; self.materials = materials; self.missing = missing
    }
}

/// The clock settings and the review planner a hand-over action needs (the region's rules, read
/// by the caller from the rule library, so the store never guesses a calendar).
public struct HandOverClockContext: Sendable {
    public var policy: HandOverPolicy
    public var planner: DeadlinePlanner

    public init(policy: HandOverPolicy, planner: DeadlinePlanner) { self.policy = policy; self.planner = planner }

    public var calendar: HolidayCalendar { planner.calendar }
}

/// The receiver checking one material line: how many arrived, and what differs.
public struct MaterialCheck: Sendable, Hashable {
    public var line: Int
    public var receivedCount: Int
    public var note: String

    public init(line: Int, receivedCount: Int, note: String = "") {
        self.line = line; self.receivedCount = receivedCount; self.note = note
    }
}

/// The receiver's outcome. There is no "send back to the applicant" (Hefei: 不得直接退回).
public enum HandOverDecision: Sendable {
    /// 接收: the case is accepted at the receiving centre (number, papers, audit as at the window).
    case accept(checks: [MaterialCheck])
    /// 要求补正: one-time notice of every missing item; the review clock pauses from `at`.
    case requestSupplement(items: [MissingItem])
    /// 补正后接收: the pause ends on `suppliedOn` (default: the day of acceptance), then accept.
    case acceptAfterSupplement(suppliedOn: LocalDate?, checks: [MaterialCheck])
    /// 转他中心: forward to the competent centre with the Art 38 reason.
    case reroute(toStationID: Int64, reason: CompetenceReason, priorContact: Bool)
    /// 报请指定: the common upper level designates (山西: within 3 days).
    case askDesignation
}

/// One material line as stored.
public struct HandOverMaterialLine: Sendable, Equatable {
    public var line: Int
    public var item: MaterialItem
    public var missing: Bool
    public var promisedBy: String?
    public var checkedCount: Int?
    public var checkNote: String

    /// The receiver counted fewer (or more) than listed.
    public var mismatch: Bool { checkedCount.map { $0 != item.count } ?? false }
}

extension HandOverMaterialLine: StoreRecord {
    init(row: SQLRow) throws {
        line = row["line"]
        item = MaterialItem(name: row["name"], count: row["item_count"], pages: row["pages"], original: (row["is_original"] as Int) == 1)
        missing = (row["missing"] as Int) == 1
        promisedBy = row["promised_by"]; checkedCount = row["checked_count"]; checkNote = row["check_note"]
    }
}

/// One entry of the hand-over's thread (append-only).
public struct HandOverEvent: Sendable, Equatable {
    public var id: Int64
    /// Local time of the action ("2026-02-12T11:00").
    public var at: String
    public var action: HandOverAction
    public var operatorID: Int64?
    public var operatorName: String?
    public var fromStationID: Int64?
    public var toStationID: Int64?
    public var note: String
}

extension HandOverEvent: StoreRecord {
    init(row: SQLRow) throws {
        id = row["id"]; at = row["at"]; action = HandOverAction(rawValue: row["action"]) ?? .note
        operatorID = row["operator_id"]; operatorName = row["operator_name"]
        fromStationID = row["from_station_id"]; toStationID = row["to_station_id"]; note = row["note"]
    }
}

/// A hand-over as stored.
public struct HandOverRecord: Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var kind: HandOverKind
    public var legalClock: HandOverClockKind
    public var caseID: Int64
    public var fromStationID: Int64?
    public var fromUnit: String
    public var firstOwnerID: Int64?
    public var firstOwnerName: String
    public var firstOwnerPhone: String
    public var toStationID: Int64
    public var toPerson: String
    public var firstReceivedAt: String
    public var custodyReceivedAt: String?
    public var matterSummary: String
    public var scopeOpinion: String
    public var competenceReason: String
    public var priorContact: Bool
    public var priorContactNote: String
    public var interviewRecord: String
    public var signatureMode: InterviewSignatureMode
    public var dispatch: DispatchMethod
    public var trackingNo: String
    public var sentAt: String
    public var receivedAt: String?
    public var acceptedAt: String?
    public var withdrawnAt: String?
    /// Art 39 kinds: the instant ("2025-10-01T10:00"); working-day kinds: `dueOn`.
    public var dueAt: String?
    public var dueOn: String?
    public var receiverDecision: ReceiverDecision?
    public var receiverNote: String
    public var familyNoticeDue: String?
    public var familyNotifiedAt: String?
    public var designationDue: String?
    public var status: HandOverStatus

    /// The deadline as the core rules see it.
    public var deadline: HandOverDeadline {
        if let dueAt, let t = LocalDateTime(dueAt) { return .instant(t) }
        if let dueOn, let d = LocalDate(iso: dueOn) { return .endOfDay(d) }
        return .none
    }

    /// Where the timer starts: the facility's receipt for Art 39 kinds, else the first receipt.
    public var timerStart: LocalDateTime {
        // Written by the store from a parsed time; a damaged value counts from the send time.
        let first = LocalDateTime(firstReceivedAt) ?? LocalDateTime(sentAt) ?? LocalDateTime(date: LocalDate(dayNumber: 0), minuteOfDay: 0)
        guard legalClock == .hours24 else { return first }
        return custodyReceivedAt.flatMap(LocalDateTime.init) ?? first
    }

    /// The moment the timer stopped (accepted or withdrawn), nil while it runs.
    public var stoppedAt: LocalDateTime? {
        (acceptedAt ?? withdrawnAt).flatMap(LocalDateTime.init)
    }

    public func timer(now: LocalDateTime) -> HandOverTimer {
        HandOverRules.timer(deadline: deadline, start: timerStart, stoppedAt: stoppedAt, now: now)
    }
}

extension HandOverRecord: StoreRecord {
    init(row: SQLRow) throws {
        id = row["id"]; number = row["number"]
        kind = HandOverKind(rawValue: row["kind"]) ?? .stationToCentre
        legalClock = HandOverClockKind(rawValue: row["legal_clock"]) ?? .localWorkingDays
        caseID = row["case_id"]; fromStationID = row["from_station_id"]; fromUnit = row["from_unit"]
        firstOwnerID = row["first_owner_id"]; firstOwnerName = row["first_owner_name"]; firstOwnerPhone = row["first_owner_phone"]
        toStationID = row["to_station_id"]; toPerson = row["to_person"]
        firstReceivedAt = row["first_received_at"]; custodyReceivedAt = row["custody_received_at"]
        matterSummary = row["matter_summary"]; scopeOpinion = row["scope_opinion"]; competenceReason = row["competence_reason"]
        priorContact = (row["prior_contact"] as Int) == 1; priorContactNote = row["prior_contact_note"]
        interviewRecord = row["interview_record"]
        signatureMode = InterviewSignatureMode(rawValue: row["signature_mode"]) ?? .signed
        dispatch = DispatchMethod(rawValue: row["dispatch_method"]) ?? .system
        trackingNo = row["tracking_no"]; sentAt = row["sent_at"]; receivedAt = row["received_at"]
        acceptedAt = row["accepted_at"]; withdrawnAt = row["withdrawn_at"]
        dueAt = row["due_at"]; dueOn = row["due_on"]
        receiverDecision = (row["receiver_decision"] as String?).flatMap(ReceiverDecision.init(rawValue:))
        receiverNote = row["receiver_note"]
        familyNoticeDue = row["family_notice_due"]; familyNotifiedAt = row["family_notified_at"]
        designationDue = row["designation_due"]
        status = HandOverStatus(rawValue: row["status"]) ?? .inTransit
    }

    func auditFields() -> [(String, String?)] {
        [("number", number), ("kind", kind.rawValue), ("case_id", String(caseID)),
         ("from_station_id", fromStationID.map(String.init)), ("from_unit", fromUnit),
         ("to_station_id", String(toStationID)), ("status", status.rawValue),
         ("first_received_at", firstReceivedAt), ("sent_at", sentAt), ("received_at", receivedAt),
         ("accepted_at", acceptedAt), ("receiver_decision", receiverDecision?.rawValue)]
    }
}

/// A hand-over as a list or the ledger shows it: personal data masked (name, the last four of
/// the identity number, the phone masked; a 保密 case's phone hidden).
public struct HandOverSummary: Sendable, Equatable {
    public var record: HandOverRecord
    public var fromName: String
    public var toName: String
    public var applicantName: String
    /// "1234" — the last four characters only.
    public var idLast4: String?
    public var phoneMasked: String?
    public var cause: String
    public var caseNumber: String?
    public var receivedBy: String?
    public var materials: [HandOverMaterialLine]
    public var timer: HandOverTimer
}

/// A hand-over with its thread, materials and review clock.
public struct HandOverDetail: Sendable, Equatable {
    public var summary: HandOverSummary
    public var events: [HandOverEvent]
    public var pauses: [ClockPause]
    public var reviewClock: ReviewClockDecision?
}

/// Another application of the same person for the same matter (两个中心都收到申请).
public struct DuplicateReceipt: Sendable, Equatable {
    public var caseID: Int64
    public var centreName: String
    public var appliedOn: String
    public var caseNumber: String?
    public var step: String
}

/// What sending answers: the record and any duplicate applications found.
public struct HandOverSendResult: Sendable, Equatable {
    public var record: HandOverRecord
    public var duplicates: [DuplicateReceipt]
}

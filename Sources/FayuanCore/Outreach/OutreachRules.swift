/// The rules of the outreach register (round2-capabilities §2.3–2.5), pure: group tags and their
/// validity, the 残疾人证 number, the revisit cycle, the first-contact clock of needs registered at
/// partner counters, urgency escalation, and which tags a screening may see.

/// A field and a Chinese message, for input the outreach rules refuse.
public struct OutreachInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
    public var description: String { "\(field)：\(message)" }
}

/// 残疾人证号: the holder's 18-character ID number, then the category digit, then the grade
/// digit (round2 S29). “…41” = 肢体一级.
public struct DisabilityCertificateNumber: Sendable, Hashable {
    public enum Category: Int, Sendable, CaseIterable {
        case visual = 1, hearing, speech, physical, intellectual, mental, multiple
        public var label: String {
            switch self {
            case .visual: return "视力"
            case .hearing: return "听力"
            case .speech: return "言语"
            case .physical: return "肢体"
            case .intellectual: return "智力"
            case .mental: return "精神"
            case .multiple: return "多重"
            }
        }
    }

    public let idNumber: IDNumber
    public let category: Category
    /// 1–4, 一级 the most severe.
    public let grade: Int

    public var normalized: String { idNumber.normalized + String(category.rawValue) + String(grade) }
    /// “肢体一级”.
    public var label: String { category.label + ["一", "二", "三", "四"][grade - 1] + "级" }
    /// 重度: grade 1 or 2 (the usual reading, round2 §2.3 ZDCJ).
    public var isSevere: Bool { grade <= 2 }
    /// The ID kept to its region and last four digits, with the two certificate digits.
    public var masked: String { idNumber.masked + String(category.rawValue) + String(grade) }

    public static func parse(_ input: String) -> Result<DisabilityCertificateNumber, OutreachInputError> {
        let text = input.trimmingSpaces().uppercased()
        let chars = Array(text)
        guard chars.count == 20 else {
            return .failure(.init(field: "evidenceNo", message: "残疾人证号应为 20 位（18 位身份证号 + 类别 + 等级），实际 \(chars.count) 位"))
        }
        let id: IDNumber
        switch IDNumber.parse(String(chars.prefix(18))) {
        case .success(let parsed): id = parsed
        case .failure(let error): return .failure(.init(field: "evidenceNo", message: "残疾人证号前 18 位不是有效身份证号：\(error.reason)"))
        }
        guard let c = Int(String(chars[18])), let category = Category(rawValue: c) else {
            return .failure(.init(field: "evidenceNo", message: "残疾类别应为 1–7（视力、听力、言语、肢体、智力、精神、多重），实际“\(chars[18])”"))
        }
        guard let grade = Int(String(chars[19])), (1...4).contains(grade) else {
            return .failure(.init(field: "evidenceNo", message: "残疾等级应为 1–4，实际“\(chars[19])”"))
        }
        return .success(DisabilityCertificateNumber(idNumber: id, category: category, grade: grade))
    }
}

/// One group tag of a person. `validTo` is the day the status ended (终止日): a tag ended by the
/// re-import of 2025-06-30 no longer holds on 2025-06-30.
public struct GroupTag: Sendable, Hashable, Codable {
    public var code: OutreachGroup
    public var evidenceKind: TagEvidenceKind
    public var evidenceNo: String?
    public var validFrom: LocalDate
    public var validTo: LocalDate?
    public var lastVerifiedOn: LocalDate?

    public init(code: OutreachGroup, evidenceKind: TagEvidenceKind, evidenceNo: String? = nil, validFrom: LocalDate,
                validTo: LocalDate? = nil, lastVerifiedOn: LocalDate? = nil) {
        self.code = code
        self.evidenceKind = evidenceKind
        self.evidenceNo = evidenceNo
        self.validFrom = validFrom
        self.validTo = validTo
        self.lastVerifiedOn = lastVerifiedOn
    }

    public func isValid(on day: LocalDate) -> Bool {
        validFrom <= day && (validTo.map { day < $0 } ?? true)
    }

    /// Valid and proven on `day`: what a screening may see.
    public func counts(on day: LocalDate) -> Bool { isValid(on: day) && evidenceKind.isProof }

    /// Refuses a tag whose evidence does not fit it: a proven tag needs its number, a 残疾人证 must
    /// parse (and for 重度残疾人 be grade 1–2), and the dates must be in order.
    public func validate(holderID: String? = nil) throws(OutreachInputError) {
        if let validTo, validTo < validFrom {
            throw OutreachInputError(field: "validTo", message: "终止日期（\(validTo.iso)）早于起始日期（\(validFrom.iso)）")
        }
        let number = evidenceNo?.trimmingSpaces() ?? ""
        if evidenceKind.isProof && number.isEmpty {
            throw OutreachInputError(field: "evidenceNo", message: "\(code.label)（\(evidenceKind.label)）须填写\(code.evidenceNumberLabel)")
        }
        if evidenceKind == .disabilityCertificate {
            switch DisabilityCertificateNumber.parse(number) {
            case .failure(let error): throw error
            case .success(let cert):
                if let holderID, cert.idNumber.normalized != holderID.uppercased() {
                    throw OutreachInputError(field: "evidenceNo", message: "残疾人证号中的身份证号与本人身份证号不一致")
                }
                if code == .ZDCJ && !cert.isSevere {
                    throw OutreachInputError(field: "evidenceNo", message: "重度残疾人须为一级或二级残疾，此证为\(cert.label)")
                }
            }
        }
    }

    /// “低保对象（民政数据，低保证号 DB2025-0001）”; a 残疾人证 shows category and grade, masked.
    public var evidenceText: String {
        var text = code.label + "（" + evidenceKind.label
        if let no = evidenceNo, !no.isEmpty {
            if evidenceKind == .disabilityCertificate, case .success(let cert) = DisabilityCertificateNumber.parse(no) {
                text += "，\(cert.label)，残疾人证号 \(cert.masked)"
            } else {
                text += "，\(code.evidenceNumberLabel) \(no)"
            }
        }
        return text + "）"
    }
}

/// What the tags of a person give a screening on a day.
public struct OutreachScreeningBasis: Sendable, Hashable {
    /// The `fayuan screen` group codes of the valid, proven tags, sorted, without repeats.
    public var groups: [GroupCode]
    /// The valid, proven tags (in code order), to copy onto the application.
    public var tags: [GroupTag]
    /// One line per proven tag: the evidence and, when national, its effect with the citation.
    public var evidence: [String]
    /// Tags recorded but not counted: self-declared (to verify) or no longer valid.
    public var notCounted: [String]

    public init(tags all: [GroupTag], on day: LocalDate) {
        let counted = all.filter { $0.counts(on: day) }.sorted { $0.code < $1.code }
        tags = counted
        groups = Array(Set(counted.flatMap(\.code.screeningGroups))).sorted()
        evidence = counted.map { tag in
            tag.evidenceText + (tag.code.nationalEffect.map { "：" + $0 } ?? "")
        }
        notCounted = all.filter { !$0.counts(on: day) }.sorted { $0.code < $1.code }.map { tag in
            if !tag.isValid(on: day) {
                return "\(tag.code.label)已于\(tag.validTo?.iso ?? tag.validFrom.iso)\(tag.validTo == nil ? "起" : "终止")，不作为依据"
            }
            return "\(tag.code.label)为自述待核实，须核实后方可作为免予核查依据（法律援助法第四十二条：有材料证明）"
        }
    }

    /// At least one tag exempts from the hardship check under Art 42(二) by itself.
    public var nationalExemption: Bool { tags.contains { $0.code.nationalEffect != nil } }
}

/// The outreach settings (round2 §2.5: no statutory deadlines; all [I], editable).
public struct OutreachPolicy: Sendable, Hashable, Codable {
    /// Counter registration → first contact, in working days.
    public var firstContactWorkingDays: Int = 2
    /// First contact → home visit when the person cannot come, in working days.
    public var homeVisitWorkingDays: Int = 5
    /// Revisit cycle in months per risk level.
    public var revisitMonthsHigh: Int = 3
    public var revisitMonthsMedium: Int = 6
    public var revisitMonthsLow: Int = 12

    public init() {}

    public func revisitMonths(_ risk: OutreachRiskLevel) -> Int {
        switch risk {
        case .high: return revisitMonthsHigh
        case .medium: return revisitMonthsMedium
        case .low: return revisitMonthsLow
        }
    }

    /// The next visit after one on `visitedOn`: the cycle's months later (a 31st lands on the
    /// month's last day).
    public func nextVisitDue(after visitedOn: LocalDate, risk: OutreachRiskLevel) -> LocalDate {
        visitedOn.adding(months: revisitMonths(risk))
    }
}

extension LocalDate {
    /// Same day `months` later, clamped to the month's last day.
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return LocalDate(year: y, month: m, day: Swift.min(day, LocalDate.daysIn(month: m, year: y)))!
    }
}

/// 紧急程度 of a need: an Art 44 pre-flag.
public enum NeedUrgency: String, Sendable, Codable, CaseIterable {
    case limitationExpiring = "limitation_expiring"
    case preservation
    case normal

    public var label: String {
        switch self {
        case .limitationExpiring: return "时效将届满"
        case .preservation: return "需保全"
        case .normal: return "一般"
        }
    }

    /// Escalated the same day to a reviewer (round2 §2.5): the first contact is due the day it was
    /// registered, and the need is flagged in words (never by colour alone).
    public var isEscalated: Bool { self != .normal }

    /// The Art 44 item that makes the application a 先行提供 candidate.
    public var provideFirstItem: Int? {
        switch self {
        case .limitationExpiring: return 1
        case .preservation: return 2
        case .normal: return nil
        }
    }

    /// The flag printed on lists and the ledger.
    public var flag: String? {
        switch self {
        case .limitationExpiring: return "‼ 紧急：时效将届满，当日报审查人员（可先行提供，法律援助法第四十四条第一项）"
        case .preservation: return "‼ 紧急：需立即保全，当日报审查人员（可先行提供，法律援助法第四十四条第二项）"
        case .normal: return nil
        }
    }
}

/// The first-contact clock of a need.
public enum FirstContactClock {
    public enum Status: Sendable, Hashable {
        case contacted(onTime: Bool)
        case running(daysLeft: Int)
        case dueToday
        case overdue(days: Int)

        public var text: String {
            switch self {
            case .contacted(let onTime): return onTime ? "已联系" : "已联系（超期）"
            case .running(let left): return "剩 \(left) 天"
            case .dueToday: return "⚠ 今日到期"
            case .overdue(let days): return "‼ 逾期 \(days) 天"
            }
        }

        public var isOverdue: Bool { if case .overdue = self { return true } else { return false } }
    }

    /// The day the first contact is due. A partner-counter registration gets `firstContactWorkingDays`
    /// working days counted from the day after (a 调休 make-up working day counts); an escalated
    /// need is due the same day whatever its channel. Other channels get the same working days.
    public static func due(registeredOn: LocalDate, urgency: NeedUrgency, policy: OutreachPolicy,
                           calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> LocalDate {
        if urgency.isEscalated { return registeredOn }
        return try calendar.due(from: registeredOn, days: policy.firstContactWorkingDays, rule: .working)
    }

    public static func status(due: LocalDate, contactedOn: LocalDate?, today: LocalDate) -> Status {
        if let contactedOn { return .contacted(onTime: contactedOn <= due) }
        if today == due { return .dueToday }
        if today > due { return .overdue(days: due.days(to: today)) }
        return .running(daysLeft: today.days(to: due))
    }
}

/// The dates a case already has, for checking a new one against them (issue 19: a decision dated
/// 2020 on a 2026 application made the monthly report show 平均审查用时 −2344 日).
public struct CaseHistory: Sendable, Hashable {
    public var appliedOn: LocalDate
    public var acceptedOn: LocalDate?
    public var decidedOn: LocalDate?
    public var assignedOn: LocalDate?
    public var closingSubmittedOn: LocalDate?
    public var closedOn: LocalDate?
    public var terminatedOn: LocalDate?
    public var objectionOn: LocalDate?

    public init(appliedOn: LocalDate, acceptedOn: LocalDate? = nil, decidedOn: LocalDate? = nil, assignedOn: LocalDate? = nil,
                closingSubmittedOn: LocalDate? = nil, closedOn: LocalDate? = nil, terminatedOn: LocalDate? = nil,
                objectionOn: LocalDate? = nil) {
        self.appliedOn = appliedOn; self.acceptedOn = acceptedOn; self.decidedOn = decidedOn; self.assignedOn = assignedOn
        self.closingSubmittedOn = closingSubmittedOn; self.closedOn = closedOn; self.terminatedOn = terminatedOn
        self.objectionOn = objectionOn
    }

    /// From the stored "YYYY-MM-DD" texts (nil or unreadable: not yet happened).
    public init?(appliedOn: String, acceptedOn: String? = nil, decidedOn: String? = nil, assignedOn: String? = nil,
                 closingSubmittedOn: String? = nil, closedOn: String? = nil, terminatedOn: String? = nil,
                 objectionOn: String? = nil) {
        guard let applied = LocalDate(iso: appliedOn) else { return nil }
        func d(_ s: String?) -> LocalDate? { s.flatMap(LocalDate.init(iso:)) }
        self.init(appliedOn: applied, acceptedOn: d(acceptedOn), decidedOn: d(decidedOn), assignedOn: d(assignedOn),
                  closingSubmittedOn: d(closingSubmittedOn), closedOn: d(closedOn), terminatedOn: d(terminatedOn),
                  objectionOn: d(objectionOn))
    }
}

/// Which date a user is entering. Each one may not be before the step it follows, nor after
/// today: one rule, used by the store (so the console and the command line refuse alike) and by
/// the forms (so the message stands at the field before anything is sent).
public enum CaseDateKind: Sendable, Hashable {
    case accept, decide, assign, submitClosing, closingReview, archive, terminate, objection, objectionResult, qualityReview
    case returnVisit(ReturnVisitPhase)

    /// The field's name as the form shows it.
    public var label: String {
        switch self {
        case .accept: return "受理日期"
        case .decide: return "决定日期"
        case .assign: return "指派日期"
        case .submitClosing: return "提交日期"
        case .closingReview: return "结案日期"
        case .archive: return "归档日期"
        case .terminate: return "终止日期"
        case .objection: return "收到日期"
        case .objectionResult: return "决定日期"
        case .qualityReview: return "评查日期"
        case .returnVisit: return "回访日期"
        }
    }

    /// The latest earlier step the date may not precede, with its name.
    public func earliest(_ h: CaseHistory) -> (date: LocalDate, what: String) {
        let applied = (h.appliedOn, "申请日期")
        func first(_ options: [(LocalDate?, String)]) -> (LocalDate, String) {
            for (d, w) in options { if let d { return (d, w) } }
            return applied
        }
        switch self {
        case .accept: return applied
        case .decide: return first([(h.acceptedOn, "受理日期")])
        case .assign: return first([(h.decidedOn, "决定日期"), (h.acceptedOn, "受理日期")])
        case .submitClosing: return first([(h.assignedOn, "指派日期")])
        case .closingReview: return first([(h.closingSubmittedOn, "提交结案日期"), (h.assignedOn, "指派日期")])
        case .archive, .qualityReview: return first([(h.closedOn, "结案日期")])
        case .terminate: return first([(h.assignedOn, "指派日期"), (h.decidedOn, "决定日期"), (h.acceptedOn, "受理日期")])
        case .objection: return first([(h.terminatedOn, "终止日期"), (h.decidedOn, "决定日期")])
        case .objectionResult: return first([(h.objectionOn, "收到异议日期")])
        case .returnVisit(let phase):
            switch phase {
            case .before: return first([(h.acceptedOn, "受理日期")])
            case .during: return first([(h.assignedOn, "指派日期")])
            case .after: return first([(h.closedOn, "结案日期")])
            }
        }
    }

    /// Why `day` cannot be this date (nil: it can).
    public func problem(_ day: LocalDate, history: CaseHistory, today: LocalDate) -> String? {
        if day > today { return "\(label)不能晚于今天（\(today.iso)）：\(day.iso)" }
        let (earliest, what) = earliest(history)
        if day < earliest { return "\(label)不能早于本案\(what)（\(earliest.iso)）：\(day.iso)" }
        return nil
    }
}

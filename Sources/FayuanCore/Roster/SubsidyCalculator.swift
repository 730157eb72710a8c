/// One duty as the subsidy sees it: where, whether the person was there, and what was found.
public struct DutyRecord: Sendable, Hashable {
    public var shiftID: Int64?
    public var day: LocalDate
    public var stationName: String
    public var stationKind: DutyStationKind
    /// Never signed in, or found absent all day (不在岗).
    public var absent: Bool
    /// Verified false duty (虚假值班).
    public var falseDuty: Bool
    public var late: Bool
    public var leftEarly: Bool
    /// Incomplete or non-standard service records (服务记录缺项、不规范).
    public var recordIssues: Int
    /// "Dissatisfied" ratings (服务对象评价为不满意).
    public var dissatisfied: Int
    /// Verified complaints (被投诉经核实属实).
    public var complaints: Int
    /// Roll-call spot checks that found the person away without reason (点名抽查脱岗).
    public var spotCheckAbsences: Int

    public init(shiftID: Int64? = nil, day: LocalDate, stationName: String, stationKind: DutyStationKind,
                absent: Bool = false, falseDuty: Bool = false, late: Bool = false, leftEarly: Bool = false,
                recordIssues: Int = 0, dissatisfied: Int = 0, complaints: Int = 0, spotCheckAbsences: Int = 0) {
        self.shiftID = shiftID; self.day = day; self.stationName = stationName; self.stationKind = stationKind
        self.absent = absent; self.falseDuty = falseDuty; self.late = late; self.leftEarly = leftEarly
        self.recordIssues = recordIssues; self.dissatisfied = dissatisfied; self.complaints = complaints
        self.spotCheckAbsences = spotCheckAbsences
    }
}

/// A closed case that may earn the special-group case subsidy (以案定补).
public struct CaseSubsidyCandidate: Sendable, Hashable {
    public var caseID: Int64
    public var caseNumber: String
    public var specialGroup: Bool
    public var closedOn: LocalDate?
    /// A quality review of the closed file passed (合格及以上).
    public var passedQualityReview: Bool
    /// Already paid from the fund (never paid twice).
    public var alreadyPaid: Bool

    public init(caseID: Int64, caseNumber: String, specialGroup: Bool, closedOn: LocalDate?, passedQualityReview: Bool,
                alreadyPaid: Bool) {
        self.caseID = caseID; self.caseNumber = caseNumber; self.specialGroup = specialGroup; self.closedOn = closedOn
        self.passedQualityReview = passedQualityReview; self.alreadyPaid = alreadyPaid
    }
}

/// One line of a statement: the amount and, in words, how it was reached.
public struct SubsidyLine: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case duty, `case` }
    public var kind: Kind
    public var shiftID: Int64?
    public var caseID: Int64?
    public var day: LocalDate?
    public var label: String
    public var baseFen: Int
    public var deductionsFen: Int
    public var amountFen: Int { baseFen - deductionsFen }
    /// Every rule applied to this line, in Chinese.
    public var explanation: [String]
}

/// A person's monthly statement (补贴明细).
public struct SubsidyStatement: Sendable, Hashable {
    public var providerID: Int64
    public var providerName: String
    public var month: String
    public var lines: [SubsidyLine]
    /// Month-level notes (forfeit, public servant…).
    public var notes: [String]
    /// The whole month's duty subsidy is forfeit (3 or more spot-check absences).
    public var forfeited: Bool
    public var dutyFen: Int
    public var caseFen: Int
    public var totalFen: Int { dutyFen + caseFen }
}

/// The subsidy arithmetic of the duty programme (seed 004), every figure from the policy data.
public enum SubsidyCalculator {
    public static func statement(providerID: Int64, providerName: String, providerKind: String, month: String,
                                 duties: [DutyRecord], cases: [CaseSubsidyCandidate] = [],
                                 policy: RosterPolicy) -> SubsidyStatement {
        var lines: [SubsidyLine] = []
        var notes: [String] = []
        let paid = policy.subsidisedKinds.contains(providerKind)
        let kindLabel = RosterPolicy.kindLabels[providerKind] ?? providerKind
        let absences = duties.reduce(0) { $0 + $1.spotCheckAbsences }
        let forfeited = paid && absences >= policy.forfeitAbsences
        if !paid {
            notes.append("\(kindLabel)值班不予发放补贴（\(policy.source)）")
        }
        if forfeited {
            notes.append("本月点名抽查脱岗\(absences)次（\(policy.forfeitAbsences)次及以上），当月值班补贴不予发放")
        }
        for d in duties.sorted(by: { $0.day < $1.day }) {
            let standard = policy.standard(d.stationKind)
            let unit = d.stationKind == .centre ? "每人每天" : "每人次"
            var why = ["\(d.stationName)值班，\(d.stationKind.label)\(unit)\(Money.yuan(standard.rateFen))元"]
            var base = standard.rateFen
            var cut = 0
            if !paid {
                why.append("\(kindLabel)不予补贴")
                base = 0
            } else if d.falseDuty || d.absent {
                why.append(d.falseDuty ? "经核实虚假值班，取消当天补贴并通报" : "值班日不在岗，取消当天补贴并通报")
                base = 0
            } else if forfeited {
                why.append("当月脱岗\(absences)次，补贴不予发放")
                base = 0
            } else {
                func deduct(_ count: Int, _ each: Int, _ what: String) {
                    guard count > 0 else { return }
                    cut += count * each
                    why.append("\(what)\(count)次，每次扣\(Money.yuan(each))元，共扣\(Money.yuan(count * each))元")
                }
                deduct(d.recordIssues, policy.recordIssueFen, "服务记录缺项或不规范")
                deduct((d.late ? 1 : 0), policy.lateOrEarlyFen, "迟到")
                deduct((d.leftEarly ? 1 : 0), policy.lateOrEarlyFen, "早退")
                deduct(d.dissatisfied, policy.dissatisfiedFen, "服务对象评价“不满意”")
                deduct(d.complaints, policy.complaintFen, "被投诉经核实属实")
                deduct(d.spotCheckAbsences, standard.spotCheckAbsentFen, "点名抽查无正当理由脱岗（\(d.stationKind.label)）")
                if cut > base {
                    why.append("扣减超过当日补贴，以当日补贴\(Money.yuan(base))元为限")
                    cut = base
                }
            }
            lines.append(SubsidyLine(kind: .duty, shiftID: d.shiftID, caseID: nil, day: d.day,
                                     label: "\(d.day.iso) \(d.stationName)", baseFen: base, deductionsFen: cut,
                                     explanation: why))
        }
        for c in cases.sorted(by: { $0.caseID < $1.caseID }) {
            var why: [String] = []
            var base = policy.caseSubsidyFen
            if !c.specialGroup { why.append("不是特殊群体案件"); base = 0 }
            else if c.closedOn == nil { why.append("尚未结案"); base = 0 }
            else if !c.passedQualityReview { why.append("结案卷宗尚未通过质量评查，评查合格后发放"); base = 0 }
            else if c.alreadyPaid { why.append("已发放过惠民工程补贴，不重复发放"); base = 0 }
            else {
                why.append("特殊群体案件 \(c.closedOn!.iso) 结案，评查合格，以案定补\(Money.yuan(policy.caseSubsidyFen))元")
                why.append("不与法律援助办案补贴重复发放")
            }
            lines.append(SubsidyLine(kind: .case, shiftID: nil, caseID: c.caseID, day: c.closedOn,
                                     label: "案件 \(c.caseNumber)", baseFen: base, deductionsFen: 0, explanation: why))
        }
        let dutyFen = lines.filter { $0.kind == .duty }.reduce(0) { $0 + $1.amountFen }
        let caseFen = lines.filter { $0.kind == .case }.reduce(0) { $0 + $1.amountFen }
        return SubsidyStatement(providerID: providerID, providerName: providerName, month: month, lines: lines,
                                notes: notes, forfeited: forfeited, dutyFen: dutyFen, caseFen: caseFen)
    }

    /// "2026-Q2" for a month "2026-05".
    public static func quarter(ofMonth month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return month }
        return "\(y)-Q\((m - 1) / 3 + 1)"
    }

    /// The months of a quarter "2026-Q2" → ["2026-04", "2026-05", "2026-06"].
    public static func months(ofQuarter quarter: String) -> [String]? {
        let parts = quarter.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()),
              (1...4).contains(q) else { return nil }
        return (1...3).map { let m = (q - 1) * 3 + $0; return "\(y)-\(m < 10 ? "0" : "")\(m)" }
    }
}

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
    /// A past duty with no sign-in that nobody has decided on yet (待核实): no payment either way
    /// until someone with the right role confirms 不在岗 or accepts the explanation.
    public var unverified: Bool
    /// No sign-in, and the centre accepted the explanation (已说明): paid as served, not reported.
    public var excusedReason: String?
    /// Signed in but never signed out on a past duty: the full length cannot be shown, counted as
    /// one early leave (see docs/roster.md) until a late sign-out is recorded.
    public var missingSignOut: Bool

    public init(shiftID: Int64? = nil, day: LocalDate, stationName: String, stationKind: DutyStationKind,
                absent: Bool = false, falseDuty: Bool = false, late: Bool = false, leftEarly: Bool = false,
                recordIssues: Int = 0, dissatisfied: Int = 0, complaints: Int = 0, spotCheckAbsences: Int = 0,
                unverified: Bool = false, excusedReason: String? = nil, missingSignOut: Bool = false) {
        self.shiftID = shiftID; self.day = day; self.stationName = stationName; self.stationKind = stationKind
        self.absent = absent; self.falseDuty = falseDuty; self.late = late; self.leftEarly = leftEarly
        self.recordIssues = recordIssues; self.dissatisfied = dissatisfied; self.complaints = complaints
        self.spotCheckAbsences = spotCheckAbsences; self.unverified = unverified; self.excusedReason = excusedReason
        self.missingSignOut = missingSignOut
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
    /// Already paid from the fund under another month (never paid twice).
    public var alreadyPaid: Bool
    /// civil | criminal | administrative.
    public var kind: String
    /// The stage the aid covered (CaseServiceStage code), when recorded.
    public var stage: String?

    public init(caseID: Int64, caseNumber: String, specialGroup: Bool, closedOn: LocalDate?, passedQualityReview: Bool,
                alreadyPaid: Bool, kind: String = "civil", stage: String? = nil) {
        self.caseID = caseID; self.caseNumber = caseNumber; self.specialGroup = specialGroup; self.closedOn = closedOn
        self.passedQualityReview = passedQualityReview; self.alreadyPaid = alreadyPaid; self.kind = kind; self.stage = stage
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
    /// Which money pays it: the 惠民工程 fund (duty and special-group case subsidy) or the ordinary
    /// legal-aid budget (ordinary case subsidy and the top-up above 1 000 元).
    public var fund: SubsidyFund = .huimin
    /// 待核实: not payable and not approvable until decided.
    public var unverified = false

    /// The ledger key: one duty, or one case from one fund.
    public var key: String {
        kind == .duty ? "duty:\(shiftID ?? 0)" : "case:\(caseID ?? 0):\(fund.rawValue)"
    }
}

/// Where a subsidy line is paid from.
public enum SubsidyFund: String, Sendable, Hashable, Codable, CaseIterable {
    case huimin
    case legalAid = "legal_aid"

    public var label: String { self == .huimin ? "惠民工程专项资金" : "法律援助业务经费" }
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

    public init(providerID: Int64, providerName: String, month: String, lines: [SubsidyLine], notes: [String],
                forfeited: Bool, dutyFen: Int, caseFen: Int) {
        self.providerID = providerID; self.providerName = providerName; self.month = month; self.lines = lines
        self.notes = notes; self.forfeited = forfeited; self.dutyFen = dutyFen; self.caseFen = caseFen
    }
}

/// The subsidy arithmetic of the duty programme (seed 004), every figure from the policy data.
public enum SubsidyCalculator {
    public static func statement(providerID: Int64, providerName: String, providerKind: String, month: String,
                                 duties: [DutyRecord], cases: [CaseSubsidyCandidate] = [],
                                 policy: RosterPolicy, rates: CaseSubsidyRates? = nil) -> SubsidyStatement {
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
            } else if d.unverified {
                why.append("未签到，待核实：确认不在岗则取消当天补贴并通报，已说明则照常发放；核实前不予核定")
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
                if let reason = d.excusedReason {
                    why.append("未签到，经核实已说明（\(reason)），不按不在岗处理")
                }
                deduct(d.recordIssues, policy.recordIssueFen, "服务记录缺项或不规范")
                deduct((d.late ? 1 : 0), policy.lateOrEarlyFen, "迟到")
                deduct((d.leftEarly ? 1 : 0), policy.lateOrEarlyFen, "早退")
                deduct((d.missingSignOut ? 1 : 0), policy.lateOrEarlyFen, "未签退（不能证明值满规定时长，按早退计）")
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
                                     explanation: why, unverified: paid && d.unverified && !d.falseDuty && !d.absent))
        }
        for c in cases.sorted(by: { $0.caseID < $1.caseID }) {
            lines += caseLines(c, policy: policy, rates: rates)
        }
        let dutyFen = lines.filter { $0.kind == .duty }.reduce(0) { $0 + $1.amountFen }
        let caseFen = lines.filter { $0.kind == .case }.reduce(0) { $0 + $1.amountFen }
        return SubsidyStatement(providerID: providerID, providerName: providerName, month: month, lines: lines,
                                notes: notes, forfeited: forfeited, dutyFen: dutyFen, caseFen: caseFen)
    }

    /// The case lines of one closed case. A special-group case earns the 惠民工程 case subsidy
    /// (1 000 元) and never the ordinary case subsidy as well: where the province's ordinary rate
    /// for its type and stage is higher, only the part above 1 000 元 is paid, from the legal-aid
    /// budget (seed 004 五（二）2: “超过部分由法律援助业务经费补足…不得与法律援助补贴重复发放”).
    /// An ordinary case earns the ordinary rate from the legal-aid budget.
    static func caseLines(_ c: CaseSubsidyCandidate, policy: RosterPolicy, rates: CaseSubsidyRates?) -> [SubsidyLine] {
        func line(_ fund: SubsidyFund, _ base: Int, _ why: [String]) -> SubsidyLine {
            SubsidyLine(kind: .case, shiftID: nil, caseID: c.caseID, day: c.closedOn, label: "案件 \(c.caseNumber)",
                        baseFen: base, deductionsFen: 0, explanation: why, fund: fund)
        }
        let fund: SubsidyFund = c.specialGroup ? .huimin : .legalAid
        guard let closedOn = c.closedOn else { return [line(fund, 0, ["尚未结案"])] }
        guard c.passedQualityReview else { return [line(fund, 0, ["结案卷宗尚未通过质量评查，评查合格后发放"])] }
        let stageLabel = CaseSubsidyRates.stageLabel(kind: c.kind, stage: c.stage)
        let ordinary = rates?.rate(kind: c.kind, stage: c.stage)
        let missing: String
        if rates == nil { missing = "本地区没有办案补贴标准表（rules/case-subsidy/）" }
        else if c.stage == nil { missing = "未登记办案阶段，不能套用\(rates!.source)的标准" }
        else { missing = "\(rates!.source)没有“\(stageLabel)”的标准（\(rates!.note)）" }
        if !c.specialGroup {
            guard let ordinary else { return [line(.legalAid, 0, ["普通案件办案补贴：" + missing])] }
            return [line(.legalAid, ordinary.fen, [
                "\(closedOn.iso) 结案，评查合格；\(stageLabel)办案补贴\(Money.yuan(ordinary.fen))元（\(rates!.source)）"])]
        }
        if c.alreadyPaid { return [line(.huimin, 0, ["已发放过惠民工程补贴，不重复发放"])] }
        var why = ["特殊群体案件 \(closedOn.iso) 结案，评查合格，以案定补\(Money.yuan(policy.caseSubsidyFen))元",
                   "不与法律援助办案补贴重复发放"]
        var result: [SubsidyLine] = []
        if let ordinary, ordinary.fen > policy.caseSubsidyFen {
            let extra = ordinary.fen - policy.caseSubsidyFen
            why.append("办案补贴标准\(Money.yuan(ordinary.fen))元高于\(Money.yuan(policy.caseSubsidyFen))元，超过部分另由法律援助业务经费补足")
            result.append(line(.legalAid, extra, [
                "特殊群体案件：\(stageLabel)办案补贴标准\(Money.yuan(ordinary.fen))元，已由惠民工程补贴\(Money.yuan(policy.caseSubsidyFen))元，超过部分\(Money.yuan(extra))元由法律援助业务经费补足"]))
        } else if let ordinary {
            why.append("办案补贴标准\(Money.yuan(ordinary.fen))元不高于\(Money.yuan(policy.caseSubsidyFen))元，不另发办案补贴")
        }
        return [line(.huimin, policy.caseSubsidyFen, why)] + result
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

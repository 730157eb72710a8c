import Foundation

/// The kinds of documents the centre issues (司法部《法律援助文书格式》 as far as it is known; see
/// docs/documents.md). `numberWord` is the word in a document's own number (〔2026〕泽援决字第12号);
/// nil for documents that carry the case number instead.
public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case applicationForm = "application_form"
    case hardshipStatement = "hardship_statement"
    case receipt = "material_receipt"
    case supplementNotice = "supplement_notice"
    case grantDecision = "grant_decision"
    case refusalDecision = "refusal_decision"
    case assignmentNotice = "assignment_notice"
    case officialLetter = "official_letter"
    case terminationDecision = "termination_decision"
    case serviceReceipt = "service_receipt"
    case closingReview = "closing_review"
    case rosterNotice = "roster_notice"
    case subsidyPayroll = "subsidy_payroll"
    case report
    case queueTicket = "queue_ticket"
    /// 不予受理登记表: an application turned away at the window (no case; kept in the print folder).
    case windowRefusal = "window_refusal"
    /// 申请转交工作台账 (a station's monthly hand-over ledger, A4 landscape).
    case handOverLedger = "hand_over_ledger"

    public var title: String {
        switch self {
        case .applicationForm: "法律援助申请表"
        case .hardshipStatement: "经济困难状况说明表"
        case .receipt: "法律援助申请材料接收凭证"
        case .supplementNotice: "补充材料通知书"
        case .grantDecision: "给予法律援助决定书"
        case .refusalDecision: "不予法律援助决定书"
        case .assignmentNotice: "指派通知书"
        case .officialLetter: "法律援助公函"
        case .terminationDecision: "终止法律援助决定书"
        case .serviceReceipt: "送达回证"
        case .closingReview: "法律援助案件结案审查表"
        case .rosterNotice: "值班表公示"
        case .subsidyPayroll: "法律援助补贴发放表"
        case .report: "法律援助工作统计报表"
        case .queueTicket: "排队小票"
        case .windowRefusal: "法律援助窗口不予受理登记表"
        case .handOverLedger: "申请转交工作台账"
        }
    }

    /// The word of the kind's own number series, or nil when it carries the case number.
    public var numberWord: String? {
        switch self {
        case .supplementNotice: "补"
        case .grantDecision: "决"
        case .refusalDecision: "不决"
        case .assignmentNotice: "指"
        case .officialLetter: "函"
        case .terminationDecision: "终"
        default: nil
        }
    }

    /// The `fayuan document KIND` name.
    public var commandName: String { rawValue.replacingOccurrences(of: "_", with: "-") }

    public init?(commandName: String) {
        self.init(rawValue: commandName.replacingOccurrences(of: "-", with: "_"))
    }
}

/// 〔2026〕泽援决字第12号: the centre's one-character abbreviation + 援, the kind's word, the
/// year's running number (no leading zeros, as GB/T 9704 asks).
public enum DocumentNumber {
    public static func format(year: Int, centreAbbreviation: String, word: String, sequence: Int) -> String {
        "〔\(year)〕\(centreAbbreviation)援\(word)字第\(sequence)号"
    }

    /// The abbreviation of a centre's name: its first character that is not a province or city
    /// word (泽州县法律援助中心 → 泽). "法" when the name is empty.
    public static func abbreviation(ofCentre name: String) -> String {
        var n = name
        for prefix in ["山西省", "晋城市"] where n.hasPrefix(prefix) { n.removeFirst(prefix.count) }
        return n.first.map(String.init) ?? "法"
    }
}

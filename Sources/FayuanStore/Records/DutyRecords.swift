import FayuanCore

/// A duty shift with the names the roster shows.
public struct DutyShiftView: Sendable, Equatable, Codable {
    public var shift: DutyShift
    public var providerName: String
    public var providerKind: String
    public var stationName: String
    public var stationCode: String
    public var stationKind: String
    /// Local sign-in / sign-out times ("08:42"), when recorded at a terminal.
    public var signIn: String?
    public var signOut: String?
    public var late: Bool
    public var leftEarly: Bool
    public var spotChecks: Int
    public var spotAbsences: Int
    /// The decision on a duty with no sign-in: "absent" (不在岗) or "excused" (已说明); nil when
    /// none was taken (a past duty with no sign-in is then 待核实).
    public var verification: String? = nil
}

/// One leave period of a provider.
public struct ProviderLeave: Sendable, Equatable, Codable {
    public var id: Int64?
    public var providerID: Int64
    public var from: String
    public var to: String
    public var reason: String
}

/// What lowers a duty's subsidy besides attendance (seed 004 五（二）1).
public enum DutyMarkKind: String, Sendable, Codable, CaseIterable {
    case recordIncomplete = "record_incomplete", complaint, falseDuty = "false_duty"

    public var label: String {
        switch self {
        case .recordIncomplete: return "服务记录缺项或不规范"
        case .complaint: return "被投诉经核实属实"
        case .falseDuty: return "虚假值班"
        }
    }
}

/// A published month (公示) and where its files are.
public struct RosterPublication: Sendable, Equatable, Codable {
    public var month: String
    public var duties: Int
    public var textPath: String
    public var csvPath: String
    public var publishedAt: String
}

/// The quarterly fund report (惠民工程专项资金使用情况).
public struct FundReport: Sendable, Equatable, Codable {
    public struct MonthLine: Sendable, Equatable, Codable {
        public var month: String
        public var duties: Int
        public var dutyFen: Int
        public var cases: Int
        public var caseFen: Int
    }
    public var quarter: String
    public var months: [MonthLine]
    public var dutyFen: Int
    public var caseFen: Int
    public var totalFen: Int { dutyFen + caseFen }
    /// Special-group cases paid from the fund in the quarter.
    public var caseNumbers: [String]
    /// The report is due within 15 days after the quarter ends.
    public var dueOn: String
}

/// A complaint about a duty (法律援助投诉处理办法, 司法部令第149号): registered, accepted within 5
/// working days of receipt, verified, and — when upheld — deducted from that duty's subsidy; the
/// whole within 60 days of acceptance.
public enum DutyComplaintStatus: String, Sendable, Codable, CaseIterable {
    case registered, accepted, upheld, rejected, deducted

    public var label: String {
        switch self {
        case .registered: return "已登记"
        case .accepted: return "已受理"
        case .upheld: return "经核实属实"
        case .rejected: return "经核实不属实"
        case .deducted: return "已扣减"
        }
    }

    /// Still being handled (the clocks run).
    public var isOpen: Bool { self == .registered || self == .accepted || self == .upheld }
}

public struct DutyComplaint: Sendable, Equatable, Codable {
    public var id: Int64
    public var shiftID: Int64
    public var shiftDay: String
    public var stationName: String
    public var providerID: Int64
    public var providerName: String
    public var consultationID: Int64?
    public var complainant: String
    public var summary: String
    public var receivedOn: String
    public var status: DutyComplaintStatus
    public var acceptedOn: String?
    public var finishedOn: String?
    public var finding: String
    /// Last day to accept: 5 working days after receipt.
    public var acceptBy: String
    /// Last day to finish: 60 days after acceptance (after receipt while not yet accepted).
    public var finishBy: String
}

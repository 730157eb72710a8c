import FayuanCore
import GRDB

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

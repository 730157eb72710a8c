import FayuanCore
import Foundation

/// The duty programme's papers (值班表公示, 值班补贴发放表) are not case documents: no register row,
/// but every writing and printing of one is audited like a case document's (who, when, which
/// file, which printer) — the payroll carries names and sums.
extension CaseStore {
    public enum DutyPaper: String, Sendable {
        case rosterNotice = "roster_notice"
        case subsidyPayroll = "subsidy_payroll"

        var permission: Permission { self == .rosterNotice ? .editRoster : .approveSubsidy }
        public var title: String { self == .rosterNotice ? "值班表公示" : "值班补贴发放表" }
    }

    /// Checks the role before anything is written (the caller writes the file only after this).
    public func requireDutyPaper(_ paper: DutyPaper, by op: Operator) throws {
        try AccessPolicy.require(op.role, paper.permission)
    }

    /// Records that a duty paper of `month` was written to `path` and, when `printer` is set,
    /// sent to it. One audit entry (render, or print when printing was asked for).
    public func recordDutyPaper(_ paper: DutyPaper, month: String, scope: String, path: String, printRequested: Bool,
                                printedTo printer: String?, by op: Operator) throws {
        try AccessPolicy.require(op.role, paper.permission)
        let now = timestamp()
        try write { db in
            let what = printer.map { "送打印机 \($0)" } ?? (printRequested ? "未送打印机，写入 PDF" : "写入 PDF")
            try AuditLog.append(db, at: now, operatorID: op.id, action: printRequested ? "print" : "render", entity: paper.rawValue,
                                entityID: month, before: nil, after: nil,
                                detail: "\(month) \(paper.title)（\(scope)）\(what)：\(path)")
        }
    }
}

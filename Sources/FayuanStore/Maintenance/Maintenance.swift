import Foundation
import GRDB

/// Result of `fayuan check`.
public struct CheckReport: Sendable, Codable, Equatable {
    public var integrity: [String]
    public var foreignKeyViolations: Int
    public var auditEntries: Int
    public var auditFirstBrokenEntry: Int64?
    public var ok: Bool { integrity == ["ok"] && foreignKeyViolations == 0 && auditFirstBrokenEntry == nil }
}

extension CaseStore {
    /// A consistent copy of the store at `destination` while other processes keep writing
    /// (VACUUM INTO reads one snapshot). The copy is created owner-only (0600).
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError.invalidInput(field: "PATH", message: "目标文件已存在：\(destination)")
        }
        let fd = Foundation.open(destination, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.unavailable(path: destination, detail: String(cString: strerror(errno)))
        }
        Glibc.close(fd)
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw StoreFile.translate(error, path: destination)
        }
    }

    /// integrity_check, foreign_key_check and the audit chain.
    public func check() throws -> CheckReport {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
            let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            return CheckReport(integrity: integrity, foreignKeyViolations: violations, auditEntries: entries,
                               auditFirstBrokenEntry: try AuditLog.firstBrokenLink(db))
        }
    }

    /// Tables that can be exported or imported (the data tables; not internal counters or secrets).
    public static let exportableTables = [
        "station", "operator", "applicant", "applicant_group", "provider", "consultation", "queue_ticket",
        "aid_case", "case_event", "duty_shift", "attendance", "subsidy", "return_visit", "quality_review",
        "case_document", "audit_log",
    ]

    /// Columns never exported in clear unless asked: ID numbers (masked), PIN material (dropped).
    static let secretColumns: Set<String> = ["pin_hash", "pin_salt"]
}

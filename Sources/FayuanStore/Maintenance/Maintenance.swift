import Foundation
internal import GRDB

/// Result of `fayuan check`.
public struct CheckReport: Sendable, Codable, Equatable {
    public var integrity: [String]
    public var foreignKeyViolations: Int
    public var auditEntries: Int
    public var auditFirstBrokenEntry: Int64?
    /// Rows of the report tally (v19-speed) that differ from a recomputation from the cases.
    public var reportTallyMismatches: Int = 0
    /// integrity_check (true) or quick_check (false) read the structure.
    public var full: Bool = false
    public var ok: Bool {
        integrity == ["ok"] && foreignKeyViolations == 0 && auditFirstBrokenEntry == nil && reportTallyMismatches == 0
    }
}

extension CaseStore {
    /// A consistent copy of the store at `destination` while other processes keep writing
    /// (VACUUM INTO reads one snapshot). Written through `SafeFile`: a private 0600 temporary file
    /// beside the destination takes its name only when complete (an existing file or a symlink
    /// there is refused). The copy's audit head is recorded inside it (setting `backup.anchor`)
    /// and in `<destination>.anchor` next to it, so `fayuan audit verify --anchor` can later check
    /// the live store still extends what was backed up. Returns that anchor.
    @discardableResult
    public func backup(to destination: String) throws -> AuditAnchor? {
        var anchor: AuditAnchor?
        do {
            try SafeFile.write(to: destination, force: false, byName: { tmp in
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "VACUUM INTO ?", arguments: [tmp])
                }
                // The head of the copy itself (not of the live store, which may have moved on).
                let copy = try DatabaseQueue(path: tmp)
                try copy.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                    let session = SQLiteSession(db)
                    if let head = try Self.auditHead(session) {
                        let a = AuditAnchor(store: try Self.storeIdentity(session), id: head.id, hash: head.hash, at: timestamp())
                        try db.execute(sql: "INSERT OR REPLACE INTO setting(key, value) VALUES ('backup.anchor', ?)",
                                       arguments: [a.line.trimmingCharacters(in: .newlines)])
                        anchor = a
                    }
                }
                try copy.close()
            })
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreFile.translate(error, path: destination)
        }
        if let anchor {
            try SafeFile.write(anchor.line, to: destination + ".anchor", force: false)
            if let anchorDirectory { AuditAnchors.append(anchor, directory: anchorDirectory) }
        }
        return anchor
    }

    /// The structure check, foreign_key_check and the audit chain.
    ///
    /// By default the structure is read with `PRAGMA quick_check`: every page of every table and
    /// index, the b-tree order, free-list, NOT NULL and CHECK constraints — all that
    /// integrity_check reads except whether each index entry matches its table row, which is an
    /// index lookup per row and index (30 s of 44 s on the 1M store). `full` runs integrity_check
    /// for that too. The foreign keys, the whole audit chain and the report tally (against a
    /// recomputation from the cases) are always checked.
    public func check(full: Bool = false) throws -> CheckReport {
        try sqliteRead { grdb in
            let db = SQLiteSession(grdb)
            // A larger page cache for this one pass (the connection goes back to the pool with
            // the usual size).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            defer { _ = try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let integrity = try String.fetchAll(db, sql: full ? "PRAGMA integrity_check(20)" : "PRAGMA quick_check(20)")
            let violations = try SQLRow.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            return CheckReport(integrity: integrity, foreignKeyViolations: violations, auditEntries: entries,
                               auditFirstBrokenEntry: try AuditLog.firstBrokenLink(db),
                               reportTallyMismatches: try ReportTally.mismatches(db), full: full)
        }
    }

    /// Tables that can be exported or imported (the data tables; not internal counters or secrets).
    public static let exportableTables = [
        "station", "operator", "applicant", "applicant_group", "provider", "consultation", "queue_ticket",
        "aid_case", "case_event", "duty_shift", "attendance", "subsidy", "return_visit", "quality_review",
        "case_document", "audit_log",
    ]

    /// The Chinese name of each exportable table, shown beside its code wherever a table is named.
    public static let tableLabels: [String: String] = [
        "station": "站点", "operator": "操作员", "applicant": "申请人", "applicant_group": "申请人所属群体",
        "provider": "承办人员", "consultation": "咨询", "queue_ticket": "排队号", "aid_case": "案件",
        "case_event": "案件经过", "duty_shift": "值班班次", "attendance": "考勤", "subsidy": "补贴",
        "return_visit": "回访", "quality_review": "质量评查", "case_document": "案件文书", "audit_log": "审计日志",
    ]

    /// "station（站点）、operator（操作员）…" for help texts and messages.
    public static func labelledTables(_ tables: [String]) -> String {
        tables.map { "\($0)（\(tableLabels[$0] ?? $0)）" }.joined(separator: "、")
    }

    /// Columns never exported in clear unless asked: ID numbers (masked), PIN material (dropped).
    static let secretColumns: Set<String> = ["pin_hash", "pin_salt"]
}

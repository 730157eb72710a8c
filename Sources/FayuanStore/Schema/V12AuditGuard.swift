/// v12: the audit log is append-only in the store itself: UPDATE and DELETE on its rows are
/// refused by triggers. (Someone with sqlite3 can drop the triggers; that is what the anchors
/// kept outside the store file are for — see AuditAnchor.swift.)
enum V12AuditGuard {
    static let sql = """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, '审计日志只能追加：不能修改已有记录'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, '审计日志只能追加：不能删除记录'); END;
    """
}

/// v13: every aid case carries a seal — an HMAC (keyed with the store secret) over the fields
/// whose silent edit matters (who applied, the matter, each step and its date, the decision, the
/// assigned provider, the case number, 保密). Triggers recompute it in the same statement as
/// every insert or update, through `fayuan_case_seal()`, a function only the Fayuan program
/// registers: an edit with the sqlite3 tool fails ("no such function"), and one made after
/// dropping the triggers leaves a seal that `fayuan audit verify` finds does not match.
/// A deleted case leaves its seal behind (no foreign key on purpose), which verify also reports.
enum V13CaseSeal {
    /// The sealed columns, in order. Changing this list needs a new migration (and a re-seal).
    static let fields = ["applicant_id", "kind", "cause", "step", "case_number", "accepted_on", "decided_on",
                         "assigned_on", "provider_id", "closed_on", "archived_on", "terminated_on", "confidential"]

    static func sealExpression(_ row: String) -> String {
        "fayuan_case_seal((SELECT value FROM setting WHERE key = 'store.secret'), \(row).id, "
            + fields.map { "\(row).\($0)" }.joined(separator: ", ") + ")"
    }

    static var sql: String {
        """
        CREATE TABLE case_seal (
            case_id INTEGER PRIMARY KEY,
            digest TEXT NOT NULL
        );
        CREATE TRIGGER aid_case_seal_insert AFTER INSERT ON aid_case
        BEGIN INSERT OR REPLACE INTO case_seal(case_id, digest) VALUES (NEW.id, \(sealExpression("NEW"))); END;
        CREATE TRIGGER aid_case_seal_update AFTER UPDATE ON aid_case
        BEGIN INSERT OR REPLACE INTO case_seal(case_id, digest) VALUES (NEW.id, \(sealExpression("NEW"))); END;
        INSERT INTO case_seal(case_id, digest) SELECT c.id, \(sealExpression("c")) FROM aid_case c;
        """
    }
}


/// v14-intake-identity: one person per identity number. Numbers are normalised (trimmed,
/// upper-case, blank → NULL) and a unique partial index backs `acceptApplication`, so two windows
/// can no longer register the same person twice.
///
/// A store that already holds duplicates is merged, not refused (a front desk cannot stop work
/// on an upgrade): for each number the OLDEST record (lowest id) is kept; every row referring to
/// a newer duplicate (cases, consultations, tickets, refusals — found through the foreign keys,
/// so later tables are covered too) is relinked to it; empty fields of the kept record are filled
/// from the newer ones (never overwritten); groups are united; the newer record is deleted; and an
/// audit entry per merged record names both ids. docs/store.md describes this.
enum V14IntakeIdentity {
    static func migrate(_ db: any SQLSession, now: String) throws {
        try db.execute(sql: """
            UPDATE applicant SET id_number = NULLIF(upper(trim(id_number)), '') WHERE id_number IS NOT NULL;
            UPDATE applicant SET id_type = 'none' WHERE id_number IS NULL AND id_type <> 'none';
            """)
        let groups = try SQLRow.fetchAll(db, sql: """
            SELECT id_number, group_concat(id) AS ids FROM (SELECT id_number, id FROM applicant
                WHERE id_number IS NOT NULL ORDER BY id) GROUP BY id_number HAVING count(*) > 1
            """)
        if !groups.isEmpty {
            let references = try referencingColumns(db)
            for row in groups {
                let ids = (row["ids"] as String).split(separator: ",").compactMap { Int64($0) }.sorted()
                let keep = ids[0]
                for dup in ids.dropFirst() {
                    try merge(db, keep: keep, duplicate: dup, references: references, now: now)
                }
            }
        }
        try db.execute(sql: """
            CREATE UNIQUE INDEX applicant_id_number_unique ON applicant(id_number) WHERE id_number IS NOT NULL;
            """)
    }

    /// Every (table, column) with a foreign key to applicant(id), except the applicant's own
    /// search keys and groups (rebuilt by the merge).
    static func referencingColumns(_ db: any SQLSession) throws -> [(String, String)] {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        var out: [(String, String)] = []
        for table in tables where table != "person_search" && table != "applicant_group" {
            let rows = try SQLRow.fetchAll(db, sql: "SELECT \"table\" AS target, \"from\" AS col FROM pragma_foreign_key_list(?)",
                                        arguments: [table])
            for r in rows where (r["target"] as String) == "applicant" { out.append((table, r["col"])) }
        }
        return out
    }

    static func merge(_ db: any SQLSession, keep: Int64, duplicate: Int64, references: [(String, String)], now: String) throws {
        var relinked: [String] = []
        for (table, column) in references {
            let changed = try db.execute(sql: "UPDATE \"\(table)\" SET \"\(column)\" = ? WHERE \"\(column)\" = ?", arguments: [keep, duplicate])
            if changed > 0 { relinked.append("\(table) \(changed) 行") }
        }
        for column in ["gender", "birth_date", "phone", "address", "township_id"] {
            try db.execute(sql: """
                UPDATE applicant SET \(column) = (SELECT \(column) FROM applicant WHERE id = ?)
                WHERE id = ? AND (\(column) IS NULL OR \(column) = '')
                """, arguments: [duplicate, keep])
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO applicant_group(applicant_id, code) SELECT ?, code FROM applicant_group WHERE applicant_id = ?
            """, arguments: [keep, duplicate])
        try db.execute(sql: "DELETE FROM person_search WHERE applicant_id IN (?, ?)", arguments: [keep, duplicate])
        try db.execute(sql: "DELETE FROM applicant_group WHERE applicant_id = ?", arguments: [duplicate])
        try db.execute(sql: "DELETE FROM applicant WHERE id = ?", arguments: [duplicate])
        if let row = try SQLRow.fetchOne(db, sql: "SELECT name, id_number, phone FROM applicant WHERE id = ?", arguments: [keep]) {
            try PersonSearchIndex.insert(db, applicantID: keep,
                                         keys: PersonSearchIndex.keys(name: row["name"], idNumber: row["id_number"], phone: row["phone"]))
        }
        try AuditLog.append(db, at: now, operatorID: nil, action: "merge", entity: "applicant", entityID: String(keep),
                            before: nil, after: nil,
                            detail: "升级 v14：申请人 #\(duplicate) 与 #\(keep) 证件号码相同，已并入较早登记的 #\(keep)"
                                + (relinked.isEmpty ? "" : "（改挂：" + relinked.joined(separator: "，") + "）"))
    }
}

/// v15-intake-documents: who brought a document after acceptance (补交材料) and which operator
/// recorded it.
enum V15IntakeDocuments {
    static let sql = """
        ALTER TABLE case_document ADD COLUMN brought_by TEXT;
        ALTER TABLE case_document ADD COLUMN recorded_by INTEGER REFERENCES operator(id);
        """
}


/// v19-speed (issue 22).
///
/// 1. The board stages v9 left without an index of their own, so that every stage of the
///    pipeline board is a walk of one partial index in board order (the board query names it with
///    INDEXED BY; BoardPlanTests checks the plans under fresh ANALYZE statistics):
///    待指派 (granted, and accepted notification cases, by decision else application day),
///    结案审查 (submitted for closing), 已终止 (refused and withdrawn: those with an open
///    objection first, then the rest — two indexes on plain columns, newest decision first).
///    The partial indexes' WHERE clauses are repeated word for word by the board query.
/// 2. `report_tally`: the report's additive figures per month and receiving station, kept by
///    triggers in the same transaction as every change to a case, its return visits, quality
///    reviews, its applicant's groups or a consultation — whatever writes them (the console,
///    the command line, an import). A report of whole months reads these rows instead of every
///    case; days at the edges of a period, the distinct aided persons and what depends on today
///    are still counted from the cases (ReportQueries). `ReportTally.rebuild` backfills it here
///    and after a seed; `fayuan check` compares it with a recomputation.
/// Frozen once committed: never edit; add a new migration instead.
enum V19Speed {
    static let indexSQL = """
    CREATE INDEX aid_case_board_assignment ON aid_case(coalesce(decided_on, applied_on), id)
        WHERE (step = 'granted' OR (step = 'accepted' AND route = 'notification'));
    CREATE INDEX aid_case_board_closing ON aid_case(closing_submitted_on, id)
        WHERE step IN ('assigned', 'handling') AND closing_submitted_on IS NOT NULL;
    CREATE INDEX aid_case_board_objection ON aid_case(decided_on, id)
        WHERE step IN ('refused', 'withdrawn') AND objection_on IS NOT NULL;
    CREATE INDEX aid_case_board_ended ON aid_case(decided_on, id)
        WHERE step IN ('refused', 'withdrawn') AND objection_on IS NULL;
    -- Closed cases not archived yet, for "archive due by today" (it depends on the day asked).
    CREATE INDEX aid_case_report_unarchived ON aid_case(closed_on, station_id)
        WHERE archived_on IS NULL AND step IN ('closed', 'archived');
    """

    static let tallySQL = """
    CREATE TABLE report_tally (
        month TEXT NOT NULL,            -- YYYY-MM of the day the measure is counted on
        station_id INTEGER NOT NULL,    -- receiving station (0: none recorded)
        measure TEXT NOT NULL,
        key TEXT NOT NULL,              -- cause, group code, days for 'archive_lag'; '' otherwise
        n INTEGER NOT NULL,
        PRIMARY KEY (month, station_id, measure, key)
    ) WITHOUT ROWID;

    -- What one case adds to the tally (docs/indicators.md; the same selections as ReportQueries).
    CREATE VIEW report_case_tally AS
        SELECT id AS case_id, substr(accepted_on, 1, 7) AS month, coalesce(station_id, 0) AS station_id,
               'accepted' AS measure, cause AS key, 1 AS n
        FROM aid_case WHERE accepted_on IS NOT NULL
        UNION ALL
        SELECT c.id, substr(c.accepted_on, 1, 7), coalesce(c.station_id, 0), 'accepted_group', g.code, 1
        FROM aid_case c JOIN applicant_group g ON g.applicant_id = c.applicant_id WHERE c.accepted_on IS NOT NULL
        UNION ALL
        SELECT id, substr(decided_on, 1, 7), coalesce(station_id, 0), 'decided', '', 1
        FROM aid_case WHERE decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(decided_on, 1, 7), coalesce(station_id, 0), 'review_days', '',
               CAST(round(julianday(decided_on) - julianday(applied_on)) AS INTEGER)
        FROM aid_case WHERE decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(assigned_on, 1, 7), coalesce(station_id, 0), 'assigned', '', 1
        FROM aid_case WHERE assigned_on IS NOT NULL AND decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(assigned_on, 1, 7), coalesce(station_id, 0), 'assignment_days', '',
               CAST(round(julianday(assigned_on) - julianday(decided_on)) AS INTEGER)
        FROM aid_case WHERE assigned_on IS NOT NULL AND decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(closed_on, 1, 7), coalesce(station_id, 0), 'closed', '', 1
        FROM aid_case WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived')
        UNION ALL
        SELECT id, substr(closed_on, 1, 7), coalesce(station_id, 0), 'closed_special', '', 1
        FROM aid_case WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived') AND special_group = 1
        UNION ALL
        SELECT id, substr(closed_on, 1, 7), coalesce(station_id, 0), 'archive_lag',
               CAST(CAST(round(julianday(archived_on) - julianday(closed_on)) AS INTEGER) AS TEXT), 1
        FROM aid_case WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived') AND archived_on IS NOT NULL
        UNION ALL
        SELECT c.id, substr(c.closed_on, 1, 7), coalesce(c.station_id, 0), 'closed_visited', '', 1
        FROM aid_case c WHERE c.closed_on IS NOT NULL AND c.step IN ('closed', 'archived')
            AND EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')
        UNION ALL
        SELECT c.id, substr(c.closed_on, 1, 7), coalesce(c.station_id, 0), 'closed_reviewed', '', 1
        FROM aid_case c WHERE c.closed_on IS NOT NULL AND c.step IN ('closed', 'archived')
            AND EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id);

    CREATE VIEW report_consultation_tally AS
        SELECT id AS consultation_id, substr(day, 1, 7) AS month, station_id, 'consultations' AS measure, '' AS key, 1 AS n
        FROM consultation
        UNION ALL
        SELECT id, substr(day, 1, 7), station_id, 'consultations_rated', '', 1 FROM consultation WHERE satisfaction IS NOT NULL
        UNION ALL
        SELECT id, substr(day, 1, 7), station_id, 'consultations_satisfied', '', 1 FROM consultation
        WHERE satisfaction IN ('satisfied', 'basically_satisfied');
    """

    /// The triggers: before a change, the affected cases' (or consultation's) share is taken out;
    /// after it, the new share is put in. Both in the statement's transaction.
    static var triggerSQL: String {
        func cases(_ sign: String, _ which: String) -> String {
            """
            INSERT INTO report_tally(month, station_id, measure, key, n)
                SELECT month, station_id, measure, key, \(sign)n FROM report_case_tally WHERE case_id IN (\(which)) AND 1
                ON CONFLICT(month, station_id, measure, key) DO UPDATE SET n = n + excluded.n;
            """
        }
        func consultation(_ sign: String, _ id: String) -> String {
            """
            INSERT INTO report_tally(month, station_id, measure, key, n)
                SELECT month, station_id, measure, key, \(sign)n FROM report_consultation_tally WHERE consultation_id = \(id) AND 1
                ON CONFLICT(month, station_id, measure, key) DO UPDATE SET n = n + excluded.n;
            """
        }
        let caseColumns = "station_id, cause, step, applicant_id, applied_on, accepted_on, decided_on, assigned_on, closed_on, archived_on, special_group"
        return """
        CREATE TRIGGER report_tally_case_insert AFTER INSERT ON aid_case
        BEGIN \(cases("", "NEW.id")) END;
        CREATE TRIGGER report_tally_case_before_update BEFORE UPDATE OF \(caseColumns) ON aid_case
        BEGIN \(cases("-", "OLD.id")) END;
        CREATE TRIGGER report_tally_case_after_update AFTER UPDATE OF \(caseColumns) ON aid_case
        BEGIN \(cases("", "NEW.id")) END;
        CREATE TRIGGER report_tally_case_delete BEFORE DELETE ON aid_case
        BEGIN \(cases("-", "OLD.id")) END;

        CREATE TRIGGER report_tally_visit_before_insert BEFORE INSERT ON return_visit
        BEGIN \(cases("-", "NEW.case_id")) END;
        CREATE TRIGGER report_tally_visit_after_insert AFTER INSERT ON return_visit
        BEGIN \(cases("", "NEW.case_id")) END;
        CREATE TRIGGER report_tally_visit_before_update BEFORE UPDATE OF case_id, phase ON return_visit
        BEGIN \(cases("-", "OLD.case_id, NEW.case_id")) END;
        CREATE TRIGGER report_tally_visit_after_update AFTER UPDATE OF case_id, phase ON return_visit
        BEGIN \(cases("", "OLD.case_id, NEW.case_id")) END;
        CREATE TRIGGER report_tally_visit_before_delete BEFORE DELETE ON return_visit
        BEGIN \(cases("-", "OLD.case_id")) END;
        CREATE TRIGGER report_tally_visit_after_delete AFTER DELETE ON return_visit
        BEGIN \(cases("", "OLD.case_id")) END;

        CREATE TRIGGER report_tally_review_before_insert BEFORE INSERT ON quality_review
        BEGIN \(cases("-", "NEW.case_id")) END;
        CREATE TRIGGER report_tally_review_after_insert AFTER INSERT ON quality_review
        BEGIN \(cases("", "NEW.case_id")) END;
        CREATE TRIGGER report_tally_review_before_update BEFORE UPDATE OF case_id ON quality_review
        BEGIN \(cases("-", "OLD.case_id, NEW.case_id")) END;
        CREATE TRIGGER report_tally_review_after_update AFTER UPDATE OF case_id ON quality_review
        BEGIN \(cases("", "OLD.case_id, NEW.case_id")) END;
        CREATE TRIGGER report_tally_review_before_delete BEFORE DELETE ON quality_review
        BEGIN \(cases("-", "OLD.case_id")) END;
        CREATE TRIGGER report_tally_review_after_delete AFTER DELETE ON quality_review
        BEGIN \(cases("", "OLD.case_id")) END;

        CREATE TRIGGER report_tally_group_before_insert BEFORE INSERT ON applicant_group
        BEGIN \(cases("-", "SELECT id FROM aid_case WHERE applicant_id = NEW.applicant_id")) END;
        CREATE TRIGGER report_tally_group_after_insert AFTER INSERT ON applicant_group
        BEGIN \(cases("", "SELECT id FROM aid_case WHERE applicant_id = NEW.applicant_id")) END;
        CREATE TRIGGER report_tally_group_before_update BEFORE UPDATE ON applicant_group
        BEGIN \(cases("-", "SELECT id FROM aid_case WHERE applicant_id IN (OLD.applicant_id, NEW.applicant_id)")) END;
        CREATE TRIGGER report_tally_group_after_update AFTER UPDATE ON applicant_group
        BEGIN \(cases("", "SELECT id FROM aid_case WHERE applicant_id IN (OLD.applicant_id, NEW.applicant_id)")) END;
        CREATE TRIGGER report_tally_group_before_delete BEFORE DELETE ON applicant_group
        BEGIN \(cases("-", "SELECT id FROM aid_case WHERE applicant_id = OLD.applicant_id")) END;
        CREATE TRIGGER report_tally_group_after_delete AFTER DELETE ON applicant_group
        BEGIN \(cases("", "SELECT id FROM aid_case WHERE applicant_id = OLD.applicant_id")) END;

        CREATE TRIGGER report_tally_consultation_insert AFTER INSERT ON consultation
        BEGIN \(consultation("", "NEW.id")) END;
        CREATE TRIGGER report_tally_consultation_before_update BEFORE UPDATE OF station_id, day, satisfaction ON consultation
        BEGIN \(consultation("-", "OLD.id")) END;
        CREATE TRIGGER report_tally_consultation_after_update AFTER UPDATE OF station_id, day, satisfaction ON consultation
        BEGIN \(consultation("", "NEW.id")) END;
        CREATE TRIGGER report_tally_consultation_delete BEFORE DELETE ON consultation
        BEGIN \(consultation("-", "OLD.id")) END;
        """
    }

    static func migrate(_ db: any SQLSession) throws {
        try db.execute(sql: indexSQL)
        try db.execute(sql: tallySQL)
        try ReportTally.rebuild(db)
        try db.execute(sql: triggerSQL)
    }
}

/// The report tally (v19-speed): rebuilt from the cases and consultations, and compared with them.
enum ReportTally {
    /// The tally computed afresh from the cases and consultations in one grouped pass per
    /// measure, each over its covering report index (v7). Written apart from the per-case view the
    /// triggers use, so the check compares two formulations of docs/indicators.md.
    static let recomputeSQL = """
        WITH decided AS (
            SELECT substr(decided_on, 1, 7) AS month, coalesce(station_id, 0) AS station_id, count(*) AS n,
                   sum(CAST(round(julianday(decided_on) - julianday(applied_on)) AS INTEGER)) AS days
            FROM aid_case INDEXED BY aid_case_report_decided WHERE decided_on IS NOT NULL GROUP BY 1, 2),
        assigned AS (
            SELECT substr(assigned_on, 1, 7) AS month, coalesce(station_id, 0) AS station_id, count(*) AS n,
                   sum(CAST(round(julianday(assigned_on) - julianday(decided_on)) AS INTEGER)) AS days
            FROM aid_case INDEXED BY aid_case_report_assigned WHERE assigned_on IS NOT NULL AND decided_on IS NOT NULL GROUP BY 1, 2),
        closed AS (
            SELECT substr(closed_on, 1, 7) AS month, coalesce(station_id, 0) AS station_id, count(*) AS n,
                   sum(special_group = 1) AS special,
                   sum(EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')) AS visited,
                   sum(EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id)) AS reviewed
            FROM aid_case c INDEXED BY aid_case_report_closed WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived') GROUP BY 1, 2),
        consulted AS (
            SELECT substr(day, 1, 7) AS month, station_id, count(*) AS n, count(satisfaction) AS rated,
                   sum(satisfaction IN ('satisfied', 'basically_satisfied')) AS ok
            FROM consultation INDEXED BY consultation_report_day GROUP BY 1, 2),
        measures AS (
            SELECT substr(accepted_on, 1, 7) AS month, coalesce(station_id, 0) AS station_id, 'accepted' AS measure,
                   cause AS key, count(*) AS n
            FROM aid_case INDEXED BY aid_case_report_accepted WHERE accepted_on IS NOT NULL GROUP BY 1, 2, 4
            UNION ALL
            SELECT substr(c.accepted_on, 1, 7), coalesce(c.station_id, 0), 'accepted_group', g.code, count(*)
            FROM aid_case c JOIN applicant_group g ON g.applicant_id = c.applicant_id WHERE c.accepted_on IS NOT NULL
            GROUP BY 1, 2, 4
            UNION ALL SELECT month, station_id, 'decided', '', n FROM decided
            UNION ALL SELECT month, station_id, 'review_days', '', days FROM decided
            UNION ALL SELECT month, station_id, 'assigned', '', n FROM assigned
            UNION ALL SELECT month, station_id, 'assignment_days', '', days FROM assigned
            UNION ALL SELECT month, station_id, 'closed', '', n FROM closed
            UNION ALL SELECT month, station_id, 'closed_special', '', special FROM closed
            UNION ALL SELECT month, station_id, 'closed_visited', '', visited FROM closed
            UNION ALL SELECT month, station_id, 'closed_reviewed', '', reviewed FROM closed
            UNION ALL
            SELECT substr(closed_on, 1, 7), coalesce(station_id, 0), 'archive_lag',
                   CAST(CAST(round(julianday(archived_on) - julianday(closed_on)) AS INTEGER) AS TEXT), count(*)
            FROM aid_case INDEXED BY aid_case_report_closed
            WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived') AND archived_on IS NOT NULL
            GROUP BY 1, 2, 4
            UNION ALL SELECT month, station_id, 'consultations', '', n FROM consulted
            UNION ALL SELECT month, station_id, 'consultations_rated', '', rated FROM consulted
            UNION ALL SELECT month, station_id, 'consultations_satisfied', '', ok FROM consulted)
        SELECT month, station_id, measure, key, n FROM measures WHERE n <> 0
        """

    /// Replaces the tally with a recomputation (migration backfill, after a bulk seed).
    static func rebuild(_ db: any SQLSession) throws {
        try db.execute(sql: "DELETE FROM report_tally")
        try db.execute(sql: "INSERT INTO report_tally(month, station_id, measure, key, n) " + recomputeSQL)
    }

    /// Rows where the kept tally and a recomputation differ (zero rows left by removals are equal
    /// to no row). 0 when the tally is right.
    static func mismatches(_ db: any SQLSession) throws -> Int {
        // The recomputation runs once; both sides (about 20 000 rows for a million cases) are
        // compared here.
        struct Key: Hashable { var month: String, station: Int64, measure: String, key: String }
        func read(_ sql: String) throws -> [Key: Int] {
            var out: [Key: Int] = [:]
            try SQLRow.forEach(db, sql: sql) { r in
                out[Key(month: r[0], station: r[1], measure: r[2], key: r[3])] = r[4]
            }
            return out
        }
        let fresh = try read(recomputeSQL)
        let kept = try read("SELECT month, station_id, measure, key, n FROM report_tally WHERE n <> 0")
        return fresh.filter { kept[$0.key] != $0.value }.count + kept.filter { fresh[$0.key] == nil }.count
    }

    /// The names of the tally's triggers (the seeder drops them while loading and rebuilds).
    static let triggerPrefix = "report_tally_"
}

/// v19-speed on PostgreSQL: the board indexes, `report_tally`, its two views and the triggers that
/// keep it (SQLite: V19Speed).
///
/// SQLite keeps the tally with a BEFORE trigger that takes a case's share out and an AFTER trigger
/// that puts the new share in; SQLite fires the pair row by row. PostgreSQL fires AFTER row
/// triggers only at the end of the statement, so a statement touching several rows (two groups of
/// one person inserted by one INSERT … SELECT) would count the final state several times. Here
/// each row's change is therefore accounted for in ONE BEFORE row trigger: it computes the share of
/// the affected cases as they are now (earlier rows of the same statement included) and as they
/// will be once this row is written (this row's NEW put in place of its OLD), and adds the
/// difference — the same running result as SQLite's pair, for one row or many.
enum PostgresTally {
    /// SQLite: `CAST(round(julianday(a) - julianday(b)) AS INTEGER)`.
    static func dayDifference(_ a: String, _ b: String) -> String {
        "CAST(round(EXTRACT(EPOCH FROM (CAST(\(a) AS TIMESTAMP) - CAST(\(b) AS TIMESTAMP))) / 86400) AS BIGINT)"
    }

    /// What cases add to the tally (the SQLite view `report_case_tally`, word for word apart from
    /// the day arithmetic), over the given relations so a trigger can ask "as it will be".
    static func caseShare(cases: String, groups: String = "applicant_group", visits: String = "return_visit",
                          reviews: String = "quality_review") -> String {
        """
        SELECT id AS case_id, substr(accepted_on, 1, 7) AS month, coalesce(station_id, 0) AS station_id,
               CAST('accepted' AS TEXT) AS measure, cause AS key, CAST(1 AS BIGINT) AS n
        FROM \(cases) c0 WHERE accepted_on IS NOT NULL
        UNION ALL
        SELECT c.id, substr(c.accepted_on, 1, 7), coalesce(c.station_id, 0), 'accepted_group', g.code, 1
        FROM \(cases) c JOIN \(groups) g ON g.applicant_id = c.applicant_id WHERE c.accepted_on IS NOT NULL
        UNION ALL
        SELECT id, substr(decided_on, 1, 7), coalesce(station_id, 0), 'decided', '', 1
        FROM \(cases) c1 WHERE decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(decided_on, 1, 7), coalesce(station_id, 0), 'review_days', '',
               \(dayDifference("decided_on", "applied_on"))
        FROM \(cases) c2 WHERE decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(assigned_on, 1, 7), coalesce(station_id, 0), 'assigned', '', 1
        FROM \(cases) c3 WHERE assigned_on IS NOT NULL AND decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(assigned_on, 1, 7), coalesce(station_id, 0), 'assignment_days', '',
               \(dayDifference("assigned_on", "decided_on"))
        FROM \(cases) c4 WHERE assigned_on IS NOT NULL AND decided_on IS NOT NULL
        UNION ALL
        SELECT id, substr(closed_on, 1, 7), coalesce(station_id, 0), 'closed', '', 1
        FROM \(cases) c5 WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived')
        UNION ALL
        SELECT id, substr(closed_on, 1, 7), coalesce(station_id, 0), 'closed_special', '', 1
        FROM \(cases) c6 WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived') AND special_group = 1
        UNION ALL
        SELECT id, substr(closed_on, 1, 7), coalesce(station_id, 0), 'archive_lag',
               CAST(\(dayDifference("archived_on", "closed_on")) AS TEXT), 1
        FROM \(cases) c7 WHERE closed_on IS NOT NULL AND step IN ('closed', 'archived') AND archived_on IS NOT NULL
        UNION ALL
        SELECT c.id, substr(c.closed_on, 1, 7), coalesce(c.station_id, 0), 'closed_visited', '', 1
        FROM \(cases) c WHERE c.closed_on IS NOT NULL AND c.step IN ('closed', 'archived')
            AND EXISTS (SELECT 1 FROM \(visits) v WHERE v.case_id = c.id AND v.phase = 'after')
        UNION ALL
        SELECT c.id, substr(c.closed_on, 1, 7), coalesce(c.station_id, 0), 'closed_reviewed', '', 1
        FROM \(cases) c WHERE c.closed_on IS NOT NULL AND c.step IN ('closed', 'archived')
            AND EXISTS (SELECT 1 FROM \(reviews) q WHERE q.case_id = c.id)
        """
    }

    static func consultationShare(_ consultations: String) -> String {
        """
        SELECT id AS consultation_id, substr(day, 1, 7) AS month, station_id, CAST('consultations' AS TEXT) AS measure,
               CAST('' AS TEXT) AS key, CAST(1 AS BIGINT) AS n
        FROM \(consultations) c0
        UNION ALL
        SELECT id, substr(day, 1, 7), station_id, 'consultations_rated', '', 1 FROM \(consultations) c1 WHERE satisfaction IS NOT NULL
        UNION ALL
        SELECT id, substr(day, 1, 7), station_id, 'consultations_satisfied', '', 1 FROM \(consultations) c2
        WHERE satisfaction IN ('satisfied', 'basically_satisfied')
        """
    }

    /// Adds (after − before) to the tally. PostgreSQL refuses to update one row twice in one
    /// INSERT … ON CONFLICT, so the difference is summed per key first.
    static func addDifference(after: String, before: String) -> String {
        """
        INSERT INTO report_tally(month, station_id, measure, key, n)
            SELECT month, station_id, measure, key, sum(n) FROM (
                SELECT month, station_id, measure, key, n FROM (\(after)) a
                UNION ALL
                SELECT month, station_id, measure, key, -n FROM (\(before)) b
            ) d GROUP BY month, station_id, measure, key
            ON CONFLICT (month, station_id, measure, key) DO UPDATE SET n = report_tally.n + excluded.n;
        """
    }

    static let nothing = "SELECT * FROM (SELECT CAST(NULL AS TEXT) AS month, CAST(NULL AS BIGINT) AS station_id, CAST(NULL AS TEXT) AS measure, CAST(NULL AS TEXT) AS key, CAST(0 AS BIGINT) AS n) z WHERE false"

    /// One trigger function per table; `body(op)` gives the (after, before) share pair for INSERT,
    /// UPDATE or DELETE.
    static func triggerFunction(_ name: String, _ body: (String) -> (String, String)) -> String {
        func branch(_ op: String) -> String {
            let (after, before) = body(op)
            return addDifference(after: after, before: before)
        }
        return """
        CREATE OR REPLACE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                \(branch("INSERT"))
                RETURN NEW;
            ELSIF TG_OP = 'UPDATE' THEN
                \(branch("UPDATE"))
                RETURN NEW;
            ELSE
                \(branch("DELETE"))
                RETURN OLD;
            END IF;
        END $$
        """
    }

    static let caseColumns = "station_id, cause, step, applicant_id, applied_on, accepted_on, decided_on, assigned_on, closed_on, archived_on, special_group"

    static var triggers: [String] {
        // aid_case: the case's share from its OLD and NEW row (the dependent tables do not change).
        let cases = triggerFunction("report_tally_case") { op in
            let after = op == "DELETE" ? nothing : "SELECT month, station_id, measure, key, n FROM (\(caseShare(cases: "(SELECT (NEW).*)"))) s"
            let before = op == "INSERT" ? nothing : "SELECT month, station_id, measure, key, n FROM (\(caseShare(cases: "(SELECT (OLD).*)"))) s"
            return (after, before)
        }
        // A dependent row (visit, review, group): the affected cases' share with the table as it is,
        // and as it will be with this row's change.
        func dependent(_ name: String, table: String, casesOf: (String) -> String, key: (String) -> String,
                       share: (String) -> String) -> String {
            triggerFunction(name) { op in
                let affected: String
                switch op {
                case "INSERT": affected = casesOf("NEW")
                case "DELETE": affected = casesOf("OLD")
                default: affected = casesOf("OLD") + " OR " + casesOf("NEW")
                }
                let cases = "(SELECT * FROM aid_case WHERE \(affected))"
                let future: String
                switch op {
                case "INSERT": future = "(SELECT * FROM \(table) UNION ALL SELECT (NEW).*)"
                case "DELETE": future = "(SELECT * FROM \(table) WHERE \(key("OLD")))"
                default: future = "(SELECT * FROM \(table) WHERE \(key("OLD")) UNION ALL SELECT (NEW).*)"
                }
                return ("SELECT month, station_id, measure, key, n FROM (\(share(cases).replacingOccurrences(of: "@T", with: future))) s",
                        "SELECT month, station_id, measure, key, n FROM (\(share(cases).replacingOccurrences(of: "@T", with: table))) s")
            }
        }
        let visits = dependent("report_tally_visit", table: "return_visit", casesOf: { "id = \($0).case_id" },
                               key: { "id <> \($0).id" }, share: { caseShare(cases: $0, visits: "@T") })
        let reviews = dependent("report_tally_review", table: "quality_review", casesOf: { "id = \($0).case_id" },
                                key: { "id <> \($0).id" }, share: { caseShare(cases: $0, reviews: "@T") })
        let groups = dependent("report_tally_group", table: "applicant_group", casesOf: { "applicant_id = \($0).applicant_id" },
                               key: { "NOT (applicant_id = \($0).applicant_id AND code = \($0).code)" },
                               share: { caseShare(cases: $0, groups: "@T") })
        let consultations = triggerFunction("report_tally_consultation") { op in
            let after = op == "DELETE" ? nothing : "SELECT month, station_id, measure, key, n FROM (\(consultationShare("(SELECT (NEW).*)"))) s"
            let before = op == "INSERT" ? nothing : "SELECT month, station_id, measure, key, n FROM (\(consultationShare("(SELECT (OLD).*)"))) s"
            return (after, before)
        }
        return [
            cases,
            "CREATE TRIGGER report_tally_case_insert BEFORE INSERT ON aid_case FOR EACH ROW EXECUTE FUNCTION report_tally_case()",
            "CREATE TRIGGER report_tally_case_update BEFORE UPDATE OF \(caseColumns) ON aid_case FOR EACH ROW EXECUTE FUNCTION report_tally_case()",
            "CREATE TRIGGER report_tally_case_delete BEFORE DELETE ON aid_case FOR EACH ROW EXECUTE FUNCTION report_tally_case()",
            visits,
            "CREATE TRIGGER report_tally_visit_insert BEFORE INSERT ON return_visit FOR EACH ROW EXECUTE FUNCTION report_tally_visit()",
            "CREATE TRIGGER report_tally_visit_update BEFORE UPDATE OF case_id, phase ON return_visit FOR EACH ROW EXECUTE FUNCTION report_tally_visit()",
            "CREATE TRIGGER report_tally_visit_delete BEFORE DELETE ON return_visit FOR EACH ROW EXECUTE FUNCTION report_tally_visit()",
            reviews,
            "CREATE TRIGGER report_tally_review_insert BEFORE INSERT ON quality_review FOR EACH ROW EXECUTE FUNCTION report_tally_review()",
            "CREATE TRIGGER report_tally_review_update BEFORE UPDATE OF case_id ON quality_review FOR EACH ROW EXECUTE FUNCTION report_tally_review()",
            "CREATE TRIGGER report_tally_review_delete BEFORE DELETE ON quality_review FOR EACH ROW EXECUTE FUNCTION report_tally_review()",
            groups,
            "CREATE TRIGGER report_tally_group_insert BEFORE INSERT ON applicant_group FOR EACH ROW EXECUTE FUNCTION report_tally_group()",
            "CREATE TRIGGER report_tally_group_update BEFORE UPDATE ON applicant_group FOR EACH ROW EXECUTE FUNCTION report_tally_group()",
            "CREATE TRIGGER report_tally_group_delete BEFORE DELETE ON applicant_group FOR EACH ROW EXECUTE FUNCTION report_tally_group()",
            consultations,
            "CREATE TRIGGER report_tally_consultation_insert BEFORE INSERT ON consultation FOR EACH ROW EXECUTE FUNCTION report_tally_consultation()",
            "CREATE TRIGGER report_tally_consultation_update BEFORE UPDATE OF station_id, day, satisfaction ON consultation FOR EACH ROW EXECUTE FUNCTION report_tally_consultation()",
            "CREATE TRIGGER report_tally_consultation_delete BEFORE DELETE ON consultation FOR EACH ROW EXECUTE FUNCTION report_tally_consultation()",
        ]
    }

    static var v19Speed: [String] {
        [
            """
            CREATE INDEX aid_case_board_assignment ON aid_case((coalesce(decided_on, applied_on)), id)
                WHERE (step = 'granted' OR (step = 'accepted' AND route = 'notification'))
            """,
            """
            CREATE INDEX aid_case_board_closing ON aid_case(closing_submitted_on, id)
                WHERE step IN ('assigned', 'handling') AND closing_submitted_on IS NOT NULL
            """,
            """
            CREATE INDEX aid_case_board_objection ON aid_case(decided_on, id)
                WHERE step IN ('refused', 'withdrawn') AND objection_on IS NOT NULL
            """,
            """
            CREATE INDEX aid_case_board_ended ON aid_case(decided_on, id)
                WHERE step IN ('refused', 'withdrawn') AND objection_on IS NULL
            """,
            """
            CREATE INDEX aid_case_report_unarchived ON aid_case(closed_on, station_id)
                WHERE archived_on IS NULL AND step IN ('closed', 'archived')
            """,
            """
            CREATE TABLE report_tally (
                month TEXT NOT NULL,
                station_id BIGINT NOT NULL,
                measure TEXT NOT NULL,
                key TEXT NOT NULL,
                n BIGINT NOT NULL,
                PRIMARY KEY (month, station_id, measure, key)
            )
            """,
            "CREATE VIEW report_case_tally AS " + caseShare(cases: "aid_case"),
            "CREATE VIEW report_consultation_tally AS " + consultationShare("consultation"),
            // Backfill (empty on a new store), then the triggers.
            """
            INSERT INTO report_tally(month, station_id, measure, key, n)
                SELECT month, station_id, measure, key, sum(n) FROM (
                    SELECT month, station_id, measure, key, n FROM report_case_tally
                    UNION ALL SELECT month, station_id, measure, key, n FROM report_consultation_tally) t
                GROUP BY month, station_id, measure, key HAVING sum(n) <> 0
            """,
        ] + triggers
    }
}

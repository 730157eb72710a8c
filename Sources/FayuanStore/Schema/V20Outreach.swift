/// v20-outreach: the proactive outreach register (政策找人, round2-capabilities §2). People on it are
/// `applicant` rows (one identity model: ID validation, masking, search, audited reveal); the
/// household, its members, group tags with evidence and validity, import batches and the rows they
/// held or rejected, contact cards, visits and needs are new. Portable SQL (SQLite and PostgreSQL).
/// Frozen once committed: never edit; add a new migration instead.
enum V20Outreach {
    static func sql(_ d: SQLDialect) -> String {
        let statements = [
            """
            CREATE TABLE outreach_batch (
                id \(d.autoIncrementPrimaryKey),
                source TEXT NOT NULL,
                group_code TEXT,
                town TEXT,
                file_name TEXT NOT NULL,
                file_digest TEXT NOT NULL,
                imported_on TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                operator_id INTEGER REFERENCES operator(id),
                rows_total INTEGER NOT NULL,
                imported INTEGER NOT NULL,
                held INTEGER NOT NULL,
                rejected INTEGER NOT NULL,
                new_count INTEGER NOT NULL,
                changed_count INTEGER NOT NULL,
                gone_count INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE outreach_household (
                id \(d.autoIncrementPrimaryKey),
                household_no TEXT NOT NULL UNIQUE,
                source_ref TEXT,
                region_code TEXT NOT NULL DEFAULT '',
                town TEXT NOT NULL DEFAULT '',
                village TEXT NOT NULL DEFAULT '',
                grid TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                head_applicant_id INTEGER REFERENCES applicant(id),
                risk_level TEXT NOT NULL DEFAULT 'medium' CHECK (risk_level IN ('high', 'medium', 'low')),
                sources TEXT NOT NULL DEFAULT '',
                station_id INTEGER REFERENCES station(id),
                staff_operator_id INTEGER REFERENCES operator(id),
                status TEXT NOT NULL DEFAULT 'active'
                    CHECK (status IN ('active', 'suspended', 'moved_out', 'deceased', 'withdrawn')),
                consent_recorded INTEGER NOT NULL DEFAULT 0 CHECK (consent_recorded IN (0, 1)),
                consent_on TEXT,
                consent_note TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX outreach_household_source_ref ON outreach_household(source_ref) WHERE source_ref IS NOT NULL",
            "CREATE INDEX outreach_household_town ON outreach_household(town)",
            """
            CREATE TABLE outreach_member (
                applicant_id INTEGER NOT NULL PRIMARY KEY REFERENCES applicant(id),
                household_id INTEGER NOT NULL REFERENCES outreach_household(id),
                relation TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX outreach_member_household ON outreach_member(household_id)",
            """
            CREATE TABLE outreach_tag (
                id \(d.autoIncrementPrimaryKey),
                applicant_id INTEGER NOT NULL REFERENCES applicant(id),
                code TEXT NOT NULL,
                evidence_kind TEXT NOT NULL CHECK (evidence_kind IN ('civil_affairs_data', 'disability_certificate',
                    'preferential_certificate', 'judicial_aid_decision', 'court_notice', 'self_declared')),
                evidence_no TEXT,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                last_verified_on TEXT,
                source TEXT NOT NULL DEFAULT '',
                source_batch_id INTEGER REFERENCES outreach_batch(id),
                ended_batch_id INTEGER REFERENCES outreach_batch(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX outreach_tag_open ON outreach_tag(applicant_id, code) WHERE valid_to IS NULL",
            "CREATE INDEX outreach_tag_code ON outreach_tag(code, valid_to)",
            """
            CREATE TABLE outreach_import_issue (
                id \(d.autoIncrementPrimaryKey),
                batch_id INTEGER NOT NULL REFERENCES outreach_batch(id),
                row_no INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('held', 'rejected')),
                name TEXT NOT NULL,
                id_masked TEXT NOT NULL,
                reason TEXT NOT NULL
            )
            """,
            "CREATE INDEX outreach_import_issue_batch ON outreach_import_issue(batch_id)",
            """
            CREATE TABLE contact_card (
                id \(d.autoIncrementPrimaryKey),
                card_no TEXT NOT NULL UNIQUE,
                household_id INTEGER NOT NULL REFERENCES outreach_household(id),
                issued_on TEXT NOT NULL,
                issued_by INTEGER REFERENCES operator(id),
                method TEXT NOT NULL CHECK (method IN ('home', 'window', 'mail', 'via_village')),
                recipient TEXT NOT NULL DEFAULT '',
                printed_content TEXT NOT NULL,
                reissued_of INTEGER REFERENCES contact_card(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX contact_card_household ON contact_card(household_id)",
            """
            CREATE TABLE outreach_visit (
                id \(d.autoIncrementPrimaryKey),
                visit_no TEXT NOT NULL UNIQUE,
                household_id INTEGER NOT NULL REFERENCES outreach_household(id),
                visited_on TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN ('home', 'phone', 'video', 'meeting', 'via_village')),
                visitors TEXT NOT NULL,
                legal_education TEXT NOT NULL DEFAULT '',
                knows_legal_aid INTEGER CHECK (knows_legal_aid IN (0, 1)),
                first_choice TEXT NOT NULL DEFAULT '',
                signature TEXT NOT NULL CHECK (signature IN ('signed', 'thumbprint', 'thumbprint_proxy', 'refused', 'unable')),
                signature_note TEXT NOT NULL DEFAULT '',
                proxy_name TEXT,
                proxy_id_masked TEXT,
                next_visit_due TEXT NOT NULL,
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX outreach_visit_household ON outreach_visit(household_id, visited_on)",
            """
            CREATE TABLE need_record (
                id \(d.autoIncrementPrimaryKey),
                need_no TEXT NOT NULL UNIQUE,
                applicant_id INTEGER NOT NULL REFERENCES applicant(id),
                household_id INTEGER REFERENCES outreach_household(id),
                visit_id INTEGER REFERENCES outreach_visit(id),
                channel TEXT NOT NULL,
                registered_on TEXT NOT NULL,
                registered_by TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id),
                summary TEXT NOT NULL,
                need_type TEXT NOT NULL,
                urgency TEXT NOT NULL CHECK (urgency IN ('limitation_expiring', 'preservation', 'normal')),
                first_contact_due TEXT NOT NULL,
                first_contact_on TEXT,
                disposition TEXT CHECK (disposition IN ('consultation', 'application', 'referral', 'no_need', 'lost_contact')),
                consultation_id INTEGER REFERENCES consultation(id),
                case_id INTEGER REFERENCES aid_case(id),
                screening_note TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX need_record_open ON need_record(disposition, first_contact_due)",
            "CREATE INDEX need_record_applicant ON need_record(applicant_id)",
        ]
        return statements.joined(separator: ";\n") + ";\n"
    }
}

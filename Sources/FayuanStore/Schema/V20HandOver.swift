/// v20-handover: 转交单 (round2-capabilities.md §4.3). One row per application moved between two
/// bodies, its materials line by line, the pauses of the review clock as data, and an
/// append-only event thread (chain of custody: a re-route or a designation stays in one thread).
/// Times the people involved state ("09:30 收件") are local wall-clock text 'YYYY-MM-DDTHH:MM';
/// `created_at`/`recorded_at` are the store's own UTC timestamps.
enum V20HandOver {
    static let kinds = "'station_to_centre', 'liaison_to_centre', 'centre_out', 'centre_in', 'custody', 'duty_lawyer', 'residence_centre', 'partner_counter'"
    static let statuses = "'in_transit', 'received', 'needs_supplement', 'accepted', 'rerouted', 'awaiting_designation', 'withdrawn'"

    static func sql(_ d: SQLDialect) -> String {
        var statements = [
            """
            CREATE TABLE hand_over (
                id \(d.autoIncrementPrimaryKey),
                number TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN (\(kinds))),
                legal_clock TEXT NOT NULL CHECK (legal_clock IN ('hours_24', 'local_working_days', 'none')),
                case_id INTEGER NOT NULL REFERENCES aid_case(id),
                from_station_id INTEGER REFERENCES station(id),
                from_unit TEXT NOT NULL,
                first_owner_id INTEGER REFERENCES operator(id),
                first_owner_name TEXT NOT NULL,
                first_owner_phone TEXT NOT NULL DEFAULT '',
                to_station_id INTEGER NOT NULL REFERENCES station(id),
                to_person TEXT NOT NULL DEFAULT '',
                first_received_at TEXT NOT NULL,
                custody_received_at TEXT,
                matter_summary TEXT NOT NULL DEFAULT '',
                scope_opinion TEXT NOT NULL DEFAULT '',
                competence_reason TEXT NOT NULL DEFAULT '',
                prior_contact INTEGER NOT NULL DEFAULT 0 CHECK (prior_contact IN (0, 1)),
                prior_contact_note TEXT NOT NULL DEFAULT '',
                interview_record TEXT NOT NULL DEFAULT '',
                signature_mode TEXT NOT NULL DEFAULT 'signed' CHECK (signature_mode IN ('signed', 'read_aloud', 'thumbprint', 'proxy')),
                dispatch_method TEXT NOT NULL CHECK (dispatch_method IN ('system', 'courier', 'post', 'scan_first')),
                tracking_no TEXT NOT NULL DEFAULT '',
                sent_at TEXT NOT NULL,
                received_at TEXT,
                accepted_at TEXT,
                withdrawn_at TEXT,
                due_at TEXT,
                due_on TEXT,
                receiver_decision TEXT CHECK (receiver_decision IS NULL OR receiver_decision IN ('accept', 'accept_after_supplement', 'reroute', 'ask_designation')),
                receiver_note TEXT NOT NULL DEFAULT '',
                family_notice_due TEXT,
                family_notified_at TEXT,
                designation_due TEXT,
                status TEXT NOT NULL CHECK (status IN (\(statuses))),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX hand_over_to ON hand_over(to_station_id, status)",
            "CREATE INDEX hand_over_from ON hand_over(from_station_id, status)",
            "CREATE INDEX hand_over_case ON hand_over(case_id)",
            """
            CREATE TABLE hand_over_material (
                id \(d.autoIncrementPrimaryKey),
                hand_over_id INTEGER NOT NULL REFERENCES hand_over(id),
                line INTEGER NOT NULL,
                name TEXT NOT NULL,
                item_count INTEGER NOT NULL DEFAULT 1 CHECK (item_count >= 0),
                pages INTEGER,
                is_original INTEGER NOT NULL DEFAULT 0 CHECK (is_original IN (0, 1)),
                missing INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1)),
                promised_by TEXT,
                checked_count INTEGER,
                check_note TEXT NOT NULL DEFAULT '',
                UNIQUE (hand_over_id, line)
            )
            """,
            """
            CREATE TABLE hand_over_pause (
                id \(d.autoIncrementPrimaryKey),
                hand_over_id INTEGER NOT NULL REFERENCES hand_over(id),
                reason TEXT NOT NULL CHECK (reason IN ('supplement', 'remote_verification')),
                from_on TEXT NOT NULL,
                to_on TEXT
            )
            """,
            "CREATE INDEX hand_over_pause_hand_over ON hand_over_pause(hand_over_id)",
            """
            CREATE TABLE hand_over_event (
                id \(d.autoIncrementPrimaryKey),
                hand_over_id INTEGER NOT NULL REFERENCES hand_over(id),
                at TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('send', 'receive', 'request_supplement', 'accept', 'reroute', 'ask_designation', 'designate', 'withdraw', 'family_notified', 'note')),
                operator_id INTEGER REFERENCES operator(id),
                from_station_id INTEGER REFERENCES station(id),
                to_station_id INTEGER REFERENCES station(id),
                note TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX hand_over_event_hand_over ON hand_over_event(hand_over_id, id)",
        ]
        statements += d.appendOnlyGuard(table: "hand_over_event", message: "转交单事件只能追加，不能修改或删除")
        return statements.joined(separator: ";\n") + ";"
    }
}

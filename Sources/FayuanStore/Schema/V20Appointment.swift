/// v20-appointment (issue 23 part 2, round2-capabilities.md §3): appointment slots and bookings
/// with their append-only history and reminder log, home-visit records with the materials taken
/// in, and remote video sessions between a station and the centre. Portable SQL (SQLite and
/// PostgreSQL 15): dates are ISO text computed in Swift, booleans INTEGER 0/1.
/// Frozen once committed: never edit; add a new migration instead.
enum V20Appointment {
    static func sql(_ d: SQLDialect) -> String {
        let modes = "'centre', 'station', 'home', 'video', 'phone'"
        var statements = [
            """
            CREATE TABLE appointment_slot (
                id \(d.autoIncrementPrimaryKey),
                station_id INTEGER NOT NULL REFERENCES station(id),
                day TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN (\(modes))),
                capacity INTEGER NOT NULL CHECK (capacity > 0),
                staff_operator_id INTEGER REFERENCES operator(id),
                created_by INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL,
                CHECK (start_time < end_time),
                UNIQUE (station_id, day, start_time, mode)
            )
            """,
            "CREATE INDEX appointment_slot_day ON appointment_slot(station_id, day, start_time)",
            """
            CREATE TABLE appointment (
                id \(d.autoIncrementPrimaryKey),
                appt_no TEXT NOT NULL UNIQUE,
                station_id INTEGER NOT NULL REFERENCES station(id),
                slot_id INTEGER REFERENCES appointment_slot(id),
                day TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                place TEXT NOT NULL DEFAULT '',
                channel TEXT NOT NULL,
                purpose TEXT NOT NULL,
                mode TEXT NOT NULL CHECK (mode IN (\(modes))),
                applicant_id INTEGER REFERENCES applicant(id),
                person_name TEXT NOT NULL,
                phone TEXT,
                proxy_name TEXT,
                proxy_relation TEXT,
                proxy_id_number TEXT,
                proxy_phone TEXT,
                matter_summary TEXT NOT NULL DEFAULT '',
                priority_reasons TEXT NOT NULL DEFAULT '',
                accessibility TEXT NOT NULL DEFAULT '',
                staff_operator_id INTEGER REFERENCES operator(id),
                lawyer_provider_id INTEGER REFERENCES provider(id),
                status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'moved', 'cancelled', 'no_show', 'done')),
                limitation_on TEXT,
                provide_first INTEGER NOT NULL DEFAULT 0 CHECK (provide_first IN (0, 1)),
                phone_confirm INTEGER NOT NULL DEFAULT 0 CHECK (phone_confirm IN (0, 1)),
                override_reason TEXT,
                booked_on TEXT NOT NULL,
                booked_by INTEGER REFERENCES operator(id),
                end_note TEXT NOT NULL DEFAULT '',
                consultation_id INTEGER REFERENCES consultation(id),
                case_id INTEGER REFERENCES aid_case(id),
                home_visit_id INTEGER,
                remote_session_id INTEGER,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX appointment_board ON appointment(station_id, day, start_time)",
            "CREATE INDEX appointment_slot_use ON appointment(slot_id, status)",
            "CREATE INDEX appointment_person ON appointment(applicant_id, status)",
            "CREATE INDEX appointment_phone ON appointment(phone, status)",
            """
            CREATE TABLE appointment_event (
                id \(d.autoIncrementPrimaryKey),
                appointment_id INTEGER NOT NULL REFERENCES appointment(id),
                at TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('book', 'confirm', 'move', 'cancel', 'no_show', 'done', 'remind')),
                day TEXT,
                start_time TEXT,
                note TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id)
            )
            """,
            "CREATE INDEX appointment_event_appt ON appointment_event(appointment_id, id)",
            """
            CREATE TABLE appointment_reminder (
                id \(d.autoIncrementPrimaryKey),
                appointment_id INTEGER NOT NULL REFERENCES appointment(id),
                at TEXT NOT NULL,
                method TEXT NOT NULL CHECK (method IN ('sms', 'phone')),
                result TEXT NOT NULL DEFAULT '',
                operator_id INTEGER REFERENCES operator(id)
            )
            """,
            """
            CREATE TABLE home_visit (
                id \(d.autoIncrementPrimaryKey),
                visit_no TEXT NOT NULL UNIQUE,
                appointment_id INTEGER REFERENCES appointment(id),
                station_id INTEGER NOT NULL REFERENCES station(id),
                applicant_id INTEGER REFERENCES applicant(id),
                person_name TEXT NOT NULL,
                day TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                address TEXT NOT NULL,
                staff TEXT NOT NULL,
                partner TEXT NOT NULL DEFAULT '',
                services TEXT NOT NULL,
                signature_mode TEXT NOT NULL CHECK (signature_mode IN ('self', 'thumbprint_proxy', 'read_aloud', 'refused')),
                proxy_name TEXT,
                proxy_relation TEXT,
                proxy_id_number TEXT,
                photos_taken INTEGER NOT NULL DEFAULT 0 CHECK (photos_taken IN (0, 1)),
                consent_to_record INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_record IN (0, 1)),
                travel_km REAL,
                follow_up TEXT NOT NULL DEFAULT '',
                follow_up_due TEXT,
                case_id INTEGER REFERENCES aid_case(id),
                consultation_id INTEGER REFERENCES consultation(id),
                operator_id INTEGER REFERENCES operator(id),
                created_at TEXT NOT NULL,
                CHECK (start_time < end_time)
            )
            """,
            "CREATE INDEX home_visit_day ON home_visit(station_id, day)",
            """
            CREATE TABLE home_visit_material (
                id \(d.autoIncrementPrimaryKey),
                home_visit_id INTEGER NOT NULL REFERENCES home_visit(id),
                name TEXT NOT NULL,
                count INTEGER NOT NULL CHECK (count > 0),
                original INTEGER NOT NULL CHECK (original IN (0, 1))
            )
            """,
            "CREATE INDEX home_visit_material_visit ON home_visit_material(home_visit_id, id)",
            """
            CREATE TABLE remote_session (
                id \(d.autoIncrementPrimaryKey),
                session_no TEXT NOT NULL UNIQUE,
                appointment_id INTEGER REFERENCES appointment(id),
                station_id INTEGER NOT NULL REFERENCES station(id),
                station_operator_id INTEGER NOT NULL REFERENCES operator(id),
                centre_id INTEGER NOT NULL REFERENCES station(id),
                centre_staff TEXT NOT NULL,
                centre_provider_id INTEGER REFERENCES provider(id),
                day TEXT NOT NULL,
                start_time TEXT NOT NULL,
                end_time TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('consultation', 'intake', 'supplement', 'return_visit')),
                recording_consent INTEGER NOT NULL DEFAULT 0 CHECK (recording_consent IN (0, 1)),
                recording_ref TEXT NOT NULL DEFAULT '',
                documents_scanned TEXT NOT NULL DEFAULT '',
                signature_mode TEXT NOT NULL CHECK (signature_mode IN ('paper_scanned', 'paper_with_original', 'electronic')),
                hand_over_materials TEXT NOT NULL DEFAULT '',
                hand_over_no TEXT,
                applicant_id INTEGER REFERENCES applicant(id),
                person_name TEXT NOT NULL,
                case_id INTEGER REFERENCES aid_case(id),
                consultation_id INTEGER REFERENCES consultation(id),
                created_at TEXT NOT NULL,
                CHECK (start_time < end_time)
            )
            """,
            "CREATE INDEX remote_session_day ON remote_session(station_id, day)",
        ]
        statements += d.appendOnlyGuard(table: "appointment_event", message: "预约记录只能追加，不能修改或删除")
        return statements.joined(separator: ";\n") + ";\n"
    }
}

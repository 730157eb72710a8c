/// v1-core: the case data. Column codes follow shared/contracts/cli.md and the glossary.
/// Frozen: never edit; add a new migration instead.
enum V1Core {
    static let sql = """
    CREATE TABLE station (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,                 -- region code (GB/T 2260 + township digits)
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('county_centre', 'township', 'workstation')),
        parent_id INTEGER REFERENCES station(id),
        population INTEGER,                        -- resident population (常住人口)
        consultation_target INTEGER,               -- yearly consultations target
        created_at TEXT NOT NULL
    );

    CREATE TABLE operator (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('window_clerk', 'duty_lawyer', 'reviewer', 'admin')),
        station_id INTEGER REFERENCES station(id),
        pin_hash TEXT,
        pin_salt TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );

    CREATE TABLE applicant (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        id_type TEXT NOT NULL DEFAULT 'resident' CHECK (id_type IN
            ('resident', 'resident15', 'hk_permit', 'macao_permit', 'taiwan_permit',
             'foreign_pr', 'foreign_pr_old', 'passport', 'other', 'none')),
        id_number TEXT,
        gender TEXT CHECK (gender IN ('M', 'F')),
        birth_date TEXT,
        phone TEXT,
        address TEXT,
        township_id INTEGER REFERENCES station(id),
        needs TEXT NOT NULL DEFAULT '',            -- accessibility: dialect,sign_language,hearing,sight,mobility,literacy
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX applicant_name ON applicant(name);
    CREATE INDEX applicant_id_number ON applicant(id_number);
    CREATE INDEX applicant_phone ON applicant(phone);

    CREATE TABLE applicant_group (
        applicant_id INTEGER NOT NULL REFERENCES applicant(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        PRIMARY KEY (applicant_id, code)
    ) WITHOUT ROWID;

    CREATE TABLE provider (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('lawyer', 'grassroots_worker', 'retired_official',
            'law_teacher', 'volunteer', 'public_lawyer')),
        organisation TEXT,
        phone TEXT,
        is_leading INTEGER NOT NULL DEFAULT 0,
        station_id INTEGER REFERENCES station(id),
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );

    CREATE TABLE consultation (
        id INTEGER PRIMARY KEY,
        station_id INTEGER NOT NULL REFERENCES station(id),
        operator_id INTEGER REFERENCES operator(id),
        provider_id INTEGER REFERENCES provider(id),
        applicant_id INTEGER REFERENCES applicant(id),
        visitor_name TEXT,
        channel TEXT NOT NULL CHECK (channel IN ('window', 'hotline12348', 'online', 'home_visit')),
        topic TEXT NOT NULL,
        question TEXT NOT NULL DEFAULT '',
        answer TEXT NOT NULL DEFAULT '',
        referral TEXT,
        satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
        duration_minutes INTEGER,
        day TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX consultation_station_day ON consultation(station_id, day);
    CREATE INDEX consultation_applicant ON consultation(applicant_id);

    CREATE TABLE queue_ticket (
        id INTEGER PRIMARY KEY,
        station_id INTEGER NOT NULL REFERENCES station(id),
        day TEXT NOT NULL,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        service TEXT NOT NULL CHECK (service IN ('consultation', 'application', 'document', 'other')),
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'priority')),
        status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN
            ('waiting', 'called', 'serving', 'done', 'skipped', 'no_show', 'transferred')),
        window TEXT,
        applicant_id INTEGER REFERENCES applicant(id),
        issued_at TEXT NOT NULL,
        called_at TEXT,
        finished_at TEXT,
        UNIQUE (station_id, day, seq)
    );

    CREATE TABLE aid_case (
        id INTEGER PRIMARY KEY,
        centre_id INTEGER NOT NULL REFERENCES station(id),
        station_id INTEGER REFERENCES station(id),  -- where it was received (异地受理 / 就近受理)
        applicant_id INTEGER NOT NULL REFERENCES applicant(id),
        kind TEXT NOT NULL CHECK (kind IN ('civil', 'criminal', 'administrative')),
        cause TEXT NOT NULL,
        route TEXT NOT NULL DEFAULT 'application' CHECK (route IN ('application', 'notification', 'duty_lawyer')),
        step TEXT NOT NULL CHECK (step IN ('applied', 'accepted', 'granted', 'refused', 'assigned',
            'handling', 'closed', 'archived', 'withdrawn')),
        priority TEXT NOT NULL DEFAULT 'none' CHECK (priority IN ('statutory', 'policy', 'none')),
        provide_first INTEGER NOT NULL DEFAULT 0,
        economic_check TEXT CHECK (economic_check IN ('required', 'exempt', 'not_applicable')),
        special_group INTEGER NOT NULL DEFAULT 0,   -- counted against the special-group target and fund
        year INTEGER,
        seq INTEGER,
        case_number TEXT,                           -- 〔2026〕民援字第0012号, allocated at acceptance
        applied_on TEXT NOT NULL,
        accepted_on TEXT,
        decided_on TEXT,
        assigned_on TEXT,
        closed_on TEXT,
        archived_on TEXT,
        provider_id INTEGER REFERENCES provider(id),
        summary TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (centre_id, year, kind, seq)
    );
    CREATE INDEX aid_case_step ON aid_case(step);
    CREATE INDEX aid_case_applicant ON aid_case(applicant_id);
    CREATE INDEX aid_case_provider ON aid_case(provider_id);
    CREATE INDEX aid_case_number ON aid_case(case_number);

    CREATE TABLE case_event (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES aid_case(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,                        -- applied, accepted, granted, assigned, closed, note…
        operator_id INTEGER REFERENCES operator(id),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX case_event_case ON case_event(case_id, at);

    CREATE TABLE duty_shift (
        id INTEGER PRIMARY KEY,
        station_id INTEGER NOT NULL REFERENCES station(id),
        provider_id INTEGER NOT NULL REFERENCES provider(id),
        day TEXT NOT NULL,
        starts_at TEXT NOT NULL,                   -- HH:MM
        ends_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'absent', 'cancelled')),
        UNIQUE (station_id, provider_id, day)
    );
    CREATE INDEX duty_shift_day ON duty_shift(day, station_id);

    CREATE TABLE attendance (
        id INTEGER PRIMARY KEY,
        shift_id INTEGER NOT NULL REFERENCES duty_shift(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'sign_out', 'spot_check')),
        at TEXT NOT NULL,
        result TEXT CHECK (result IN ('present', 'late', 'early_leave', 'absent')),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX attendance_shift ON attendance(shift_id);

    CREATE TABLE subsidy (
        id INTEGER PRIMARY KEY,
        provider_id INTEGER NOT NULL REFERENCES provider(id),
        month TEXT NOT NULL,                       -- YYYY-MM
        kind TEXT NOT NULL CHECK (kind IN ('duty', 'case')),
        shift_id INTEGER REFERENCES duty_shift(id),
        case_id INTEGER REFERENCES aid_case(id),
        amount_fen INTEGER NOT NULL,
        deductions_fen INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'paid', 'withheld')),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX subsidy_provider_month ON subsidy(provider_id, month);

    CREATE TABLE return_visit (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES aid_case(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        operator_id INTEGER REFERENCES operator(id),
        method TEXT NOT NULL CHECK (method IN ('phone', 'visit', 'online')),
        satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX return_visit_case ON return_visit(case_id);

    CREATE TABLE quality_review (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES aid_case(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        reviewer_id INTEGER REFERENCES operator(id),
        kind TEXT NOT NULL CHECK (kind IN ('administrative', 'peer', 'spot_check')),
        result TEXT NOT NULL CHECK (result IN ('excellent', 'good', 'pass', 'fail')),
        score INTEGER,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX quality_review_case ON quality_review(case_id);

    CREATE TABLE case_document (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES aid_case(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('required', 'received', 'missing', 'waived', 'committed')),
        due_on TEXT,                               -- 容缺受理: documents supplied later
        received_on TEXT,
        UNIQUE (case_id, code)
    );

    CREATE TABLE draft (
        operator_id INTEGER NOT NULL,
        form TEXT NOT NULL,
        key TEXT NOT NULL,
        payload TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (operator_id, form, key)
    ) WITHOUT ROWID;

    CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Ticket and case-number sequences, bumped in the same IMMEDIATE transaction as the insert.
    CREATE TABLE counter (
        scope TEXT NOT NULL,
        period TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (scope, period)
    ) WITHOUT ROWID;

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator_id INTEGER,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        before_digest TEXT,
        after_digest TEXT,
        detail TEXT NOT NULL DEFAULT '',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    """
}

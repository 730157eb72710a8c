/// v5-pipeline: what the case pipeline records after acceptance — the decision with its reasons,
/// objections, termination, the rotation wheel's history and the lawyers' profiles it reads,
/// closing review, return-visit phases, quality-review samples, score sheets and peer-review
/// assignments, and the screening snapshot as decided. The timeline (case_event) becomes
/// append-only: a correction is a new event.
/// Frozen once committed: never edit; add a new migration instead.
enum V5Pipeline {
    static let sql = """
    ALTER TABLE aid_case ADD COLUMN detained INTEGER NOT NULL DEFAULT 0;      -- 被羁押: 24-hour transfer
    ALTER TABLE aid_case ADD COLUMN received_at TEXT;                         -- local "YYYY-MM-DDTHH:MM" handed in
    ALTER TABLE aid_case ADD COLUMN major INTEGER NOT NULL DEFAULT 0;         -- 重大疑难: leading lawyers first
    ALTER TABLE aid_case ADD COLUMN life_or_death INTEGER NOT NULL DEFAULT 0; -- Art 26: ≥ 3 years' practice
    ALTER TABLE aid_case ADD COLUMN closing_submitted_on TEXT;                -- 待结案审查
    ALTER TABLE aid_case ADD COLUMN outcome TEXT;                             -- 办理结果, as submitted for closing
    ALTER TABLE aid_case ADD COLUMN terminated_on TEXT;                       -- Art 48
    ALTER TABLE aid_case ADD COLUMN objection_on TEXT;                        -- Art 49, open objection

    CREATE TABLE case_decision (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES aid_case(id),
        kind TEXT NOT NULL CHECK (kind IN ('grant', 'refuse', 'terminate', 'objection', 'objection_result')),
        day TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '',           -- DecisionReason codes, comma-separated
        text TEXT NOT NULL DEFAULT '',
        operator_id INTEGER REFERENCES operator(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX case_decision_case ON case_decision(case_id);

    CREATE TABLE provider_profile (
        provider_id INTEGER PRIMARY KEY REFERENCES provider(id),
        specialties TEXT NOT NULL DEFAULT '',       -- cause codes, comma-separated
        practice_years INTEGER,                     -- relevant (criminal) practice, Art 26
        max_load INTEGER
    );

    -- The rotation wheel's history: one row per assignment, suggested and chosen, with the reasons.
    CREATE TABLE rotation_turn (
        id INTEGER PRIMARY KEY,
        station_id INTEGER REFERENCES station(id),
        cause TEXT NOT NULL,
        turn INTEGER NOT NULL,                      -- position in this wheel (station, cause)
        case_id INTEGER NOT NULL REFERENCES aid_case(id),
        provider_id INTEGER NOT NULL REFERENCES provider(id),
        suggested_id INTEGER REFERENCES provider(id),
        override_reason TEXT,                       -- set when the reviewer chose someone else
        explanation TEXT NOT NULL DEFAULT '',
        day TEXT NOT NULL,
        operator_id INTEGER REFERENCES operator(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX rotation_turn_wheel ON rotation_turn(station_id, cause, turn);

    ALTER TABLE return_visit ADD COLUMN phase TEXT NOT NULL DEFAULT 'after' CHECK (phase IN ('before', 'during', 'after'));
    ALTER TABLE return_visit ADD COLUMN result TEXT NOT NULL DEFAULT '';

    CREATE TABLE quality_sample (
        id INTEGER PRIMARY KEY,
        closed_from TEXT NOT NULL,
        closed_to TEXT NOT NULL,
        rate_percent INTEGER NOT NULL,
        seed TEXT NOT NULL,                          -- decimal UInt64: replays the draw
        population INTEGER NOT NULL,
        case_ids TEXT NOT NULL,                      -- drawn ids, comma-separated
        operator_id INTEGER REFERENCES operator(id),
        created_at TEXT NOT NULL
    );

    CREATE TABLE review_assignment (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES aid_case(id),
        sample_id INTEGER REFERENCES quality_sample(id),
        peer_provider_id INTEGER REFERENCES provider(id),
        peer_name TEXT NOT NULL DEFAULT '',
        assigned_at TEXT NOT NULL,
        operator_id INTEGER REFERENCES operator(id)
    );
    CREATE INDEX review_assignment_case ON review_assignment(case_id);

    ALTER TABLE quality_review ADD COLUMN items TEXT NOT NULL DEFAULT '';   -- points per score-sheet item
    ALTER TABLE quality_review ADD COLUMN sample_id INTEGER REFERENCES quality_sample(id);
    ALTER TABLE quality_review ADD COLUMN peer_name TEXT NOT NULL DEFAULT '';

    CREATE TABLE case_screening (
        case_id INTEGER PRIMARY KEY REFERENCES aid_case(id),
        rule_set_id TEXT NOT NULL,
        rule_set_version TEXT NOT NULL,
        effective_on TEXT NOT NULL,
        decision TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',            -- explanation lines as read to the applicant
        recorded_at TEXT NOT NULL
    );

    CREATE TRIGGER case_event_append_only BEFORE UPDATE ON case_event
    BEGIN SELECT RAISE(ABORT, '案件时间线只能追加：更正请另记一条'); END;
    """
}

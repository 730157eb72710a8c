/// v4-intake: what the front desk records beyond v1 — the application's matter and economic
/// facts and its screening outcome on the case, which consultation or ticket it came from, and
/// refusals at the window (不予受理登记) so nobody leaves unrecorded.
/// Frozen once committed: never edit; add a new migration instead.
enum V4Intake {
    static let sql = """
    ALTER TABLE aid_case ADD COLUMN opposing_party TEXT NOT NULL DEFAULT '';
    ALTER TABLE aid_case ADD COLUMN review_due TEXT;              -- statutory review deadline (Art 43)
    ALTER TABLE aid_case ADD COLUMN household_size INTEGER;
    ALTER TABLE aid_case ADD COLUMN income_per_capita_fen INTEGER; -- monthly, per person
    ALTER TABLE aid_case ADD COLUMN hardship_evidence TEXT CHECK (hardship_evidence IN ('certificate', 'commitment', 'none'));
    ALTER TABLE aid_case ADD COLUMN consultation_id INTEGER REFERENCES consultation(id);
    ALTER TABLE aid_case ADD COLUMN ticket_id INTEGER REFERENCES queue_ticket(id);
    CREATE INDEX aid_case_opposing_party ON aid_case(opposing_party);

    ALTER TABLE consultation ADD COLUMN ticket_id INTEGER REFERENCES queue_ticket(id);

    CREATE TABLE window_refusal (
        id INTEGER PRIMARY KEY,
        station_id INTEGER NOT NULL REFERENCES station(id),
        operator_id INTEGER REFERENCES operator(id),
        applicant_id INTEGER REFERENCES applicant(id),
        visitor_name TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL,                      -- WindowRefusalReason code
        detail TEXT NOT NULL DEFAULT '',
        referral TEXT,                             -- as for consultations: mediation, other_department:名称
        ticket_id INTEGER REFERENCES queue_ticket(id),
        day TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX window_refusal_station_day ON window_refusal(station_id, day);
    """
}

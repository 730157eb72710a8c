/// v6-roster: what the duty roster needs beyond v1's duty_shift / attendance / subsidy — where
/// else a provider serves and when they cannot, leave, the planner's reason on each shift, who
/// recorded an attendance, findings that cost subsidy (record problems, verified complaints,
/// false duty), publications (公示), and a guard that a case subsidy is never paid twice.
/// Attendance written by the console stores `at` as local "YYYY-MM-DDTHH:MM" (the station's clock,
/// which is what late and early are judged by); seeded rows keep their UTC form.
/// Frozen once committed: never edit; add a new migration instead.
enum V6Roster {
    static let sql = """
    CREATE TABLE duty_profile (
        provider_id INTEGER PRIMARY KEY REFERENCES provider(id),
        stations TEXT NOT NULL DEFAULT '',           -- extra station ids served besides provider.station_id
        unavailable_weekdays TEXT NOT NULL DEFAULT '',  -- 1 = Monday … 7 = Sunday, comma-separated
        specialties TEXT NOT NULL DEFAULT '',        -- free words (婚姻家庭, 劳动争议…), comma-separated
        qualification TEXT NOT NULL DEFAULT ''       -- e.g. retired staff: years of judicial work
    );

    CREATE TABLE provider_leave (
        id INTEGER PRIMARY KEY,
        provider_id INTEGER NOT NULL REFERENCES provider(id),
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        operator_id INTEGER REFERENCES operator(id),
        created_at TEXT NOT NULL,
        CHECK (from_day <= to_day)
    );
    CREATE INDEX provider_leave_provider ON provider_leave(provider_id, from_day);

    ALTER TABLE duty_shift ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    ALTER TABLE attendance ADD COLUMN operator_id INTEGER REFERENCES operator(id);

    CREATE TABLE duty_mark (
        id INTEGER PRIMARY KEY,
        shift_id INTEGER NOT NULL REFERENCES duty_shift(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('record_incomplete', 'complaint', 'false_duty')),
        consultation_id INTEGER REFERENCES consultation(id),
        note TEXT NOT NULL DEFAULT '',
        operator_id INTEGER REFERENCES operator(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX duty_mark_shift ON duty_mark(shift_id);

    CREATE TABLE roster_publication (
        id INTEGER PRIMARY KEY,
        month TEXT NOT NULL,
        duties INTEGER NOT NULL,
        text_path TEXT NOT NULL,
        csv_path TEXT NOT NULL,
        operator_id INTEGER REFERENCES operator(id),
        published_at TEXT NOT NULL
    );

    CREATE UNIQUE INDEX subsidy_case_once ON subsidy(case_id) WHERE kind = 'case';
    CREATE INDEX duty_shift_provider ON duty_shift(provider_id, day);
    """
}

/// v16-queue-series: each service letter has its own number series per station and day
/// (A001, B001, A002 instead of one counter shared by all letters), and a ticket the window
/// moved on from without starting service gets its own outcome instead of 办结.
///
/// The letter counters (`counter.scope = 'ticket:<station>:<letter>'`) are seeded from the
/// tickets already issued, so a store upgraded in the middle of a day goes on from each letter's
/// highest number and never issues a code twice; the unique index makes that a guarantee.
/// Only a column and an index are added: v3 readers keep working.
/// Frozen: never edit; add a new migration instead.
enum V16QueueSeries {
    static let sql = """
    ALTER TABLE queue_ticket ADD COLUMN closed_unserved INTEGER NOT NULL DEFAULT 0;  -- 1: 叫号未办理 (status no_show)
    INSERT INTO counter(scope, period, value)
        SELECT 'ticket:' || station_id || ':' || substr(code, 1, 1), day, max(CAST(substr(code, 2) AS INTEGER))
        FROM queue_ticket WHERE true GROUP BY station_id, day, substr(code, 1, 1)
        ON CONFLICT(scope, period) DO UPDATE SET value = max(value, excluded.value);
    CREATE UNIQUE INDEX queue_ticket_code ON queue_ticket(station_id, day, code);
    """
}

/// v16-consultation-phone: a consultation keeps the visitor's phone, for call-backs (shown
/// masked; the person record, created or linked in the same transaction, is never overwritten).
/// Frozen: never edit; add a new migration instead.
enum V16ConsultationPhone {
    static let sql = """
    ALTER TABLE consultation ADD COLUMN visitor_phone TEXT;
    """
}

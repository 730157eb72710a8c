/// v3-queue: what the walk-in queue needs beyond v1's `queue_ticket`.
///
/// v1's CHECK on `service` allows consultation/application/document/other. SQLite cannot alter a
/// CHECK in place, and a 12-step table rebuild of a table several processes are writing is more
/// risk than a new service is worth. So services beyond the four (取件 "pickup") are stored as
/// `service = 'other'` with their own code in `service_detail`; FayuanCore's `QueueService`
/// maps both ways and gives each its own ticket letter. Only columns are added (ALTER TABLE ADD
/// COLUMN), so v1 rows stay valid and older readers of the v1 columns keep working.
/// Frozen: never edit; add a new migration instead.
enum V3Queue {
    static let sql = """
    ALTER TABLE queue_ticket ADD COLUMN service_detail TEXT;          -- e.g. 'pickup' (取件), stored under 'other'
    ALTER TABLE queue_ticket ADD COLUMN priority_reason TEXT;         -- FayuanCore.PriorityReason code (elderly, pregnant…)
    ALTER TABLE queue_ticket ADD COLUMN call_seq INTEGER;             -- order of first calls per station and day
    ALTER TABLE queue_ticket ADD COLUMN last_called_at TEXT;          -- latest call or recall (the hall display follows it)
    ALTER TABLE queue_ticket ADD COLUMN recall_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE queue_ticket ADD COLUMN skip_count INTEGER NOT NULL DEFAULT 0;   -- 过号 passes
    ALTER TABLE queue_ticket ADD COLUMN requeued_at TEXT;             -- put back in the queue after 过号
    ALTER TABLE queue_ticket ADD COLUMN serving_at TEXT;              -- service started
    ALTER TABLE queue_ticket ADD COLUMN target_window TEXT;           -- transferred to one window: only it calls the ticket
    ALTER TABLE queue_ticket ADD COLUMN transfer_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE queue_ticket ADD COLUMN end_reason TEXT
        CHECK (end_reason IN ('done', 'no_show', 'walked_away'));    -- walked_away: left without service (status no_show)
    ALTER TABLE queue_ticket ADD COLUMN operator_id INTEGER REFERENCES operator(id);  -- who last acted on it

    CREATE INDEX queue_ticket_waiting ON queue_ticket(station_id, day, status);
    CREATE INDEX queue_ticket_calls ON queue_ticket(station_id, day, last_called_at);
    """
}

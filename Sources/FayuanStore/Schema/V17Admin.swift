
/// v17-admin: what a centre needs to administer itself from the console.
/// - `operator.role` also allows 中心主任 (`centre_head`); `station.kind` also allows 联络点
///   (`liaison_point`). SQLite cannot change a CHECK constraint in place, so both tables are
///   rebuilt from their own stored definition (whatever columns earlier migrations added are
///   kept) with only the CHECK list widened; foreign keys are checked after the migration.
/// - stations get an address, a duty pattern and a disabled flag;
/// - `service_window`: the numbered windows of a station and the services each one serves.
/// Frozen once committed: never edit; add a new migration instead.
enum V17Admin {
    static func migrate(_ db: any SQLSession) throws {
        try widenCheck(db, table: "operator",
                       from: "CHECK (role IN ('window_clerk', 'duty_lawyer', 'reviewer', 'admin'))",
                       to: "CHECK (role IN ('window_clerk', 'duty_lawyer', 'reviewer', 'admin', 'centre_head'))")
        try widenCheck(db, table: "station",
                       from: "CHECK (kind IN ('county_centre', 'township', 'workstation'))",
                       to: "CHECK (kind IN ('county_centre', 'township', 'workstation', 'liaison_point'))")
        try db.execute(sql: sql)
    }

    static let sql = """
    ALTER TABLE station ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE station ADD COLUMN duty_pattern TEXT NOT NULL DEFAULT 'workdays';  -- DutyPattern code
    ALTER TABLE station ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE service_window (
        id INTEGER PRIMARY KEY,
        station_id INTEGER NOT NULL REFERENCES station(id),
        number TEXT NOT NULL,                      -- what is called out: "请 A001 号到 2 号窗口"
        services TEXT NOT NULL DEFAULT '',         -- QueueService codes, comma-separated
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        UNIQUE (station_id, number)
    );
    """

    /// Rebuilds `table` with one CHECK clause replaced (SQLite's documented procedure for a
    /// schema change ALTER TABLE cannot make: new table, copy, drop, rename).
    static func widenCheck(_ db: any SQLSession, table: String, from: String, to: String) throws {
        guard let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                               arguments: [table]) else { return }
        guard create.contains(from) else { return }
        let temporary = table + "_v17"
        guard let nameRange = create.range(of: "CREATE TABLE \(table)") else { return }
        var rebuilt = create.replacingCharacters(in: nameRange, with: "CREATE TABLE \(temporary)")
        rebuilt = rebuilt.replacingOccurrences(of: from, with: to)
        let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                          arguments: [table])
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO \(temporary) SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(temporary) RENAME TO \(table)")
        for index in indexes { try db.execute(sql: index) }
    }
}

/// The places where SQLite and PostgreSQL disagree, each named and tested (EngineTests), so the
/// store's SQL is written once and only these fragments differ.
enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite
    case postgres

    /// The statement as the engine wants it. The store writes `?` placeholders (SQLite's); for
    /// PostgreSQL they become `$1`, `$2`, … — outside string literals, quoted identifiers and
    /// comments, so a `?` inside '法援?' stays text.
    func prepare(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var n = 0
        var chars = Array(sql)
        var i = 0
        chars.append("\0")
        while i < chars.count - 1 {
            let c = chars[i]
            switch c {
            case "'", "\"":
                // A literal or quoted identifier runs to the matching quote; doubled quotes escape.
                out.append(c); i += 1
                while i < chars.count - 1 {
                    out.append(chars[i])
                    if chars[i] == c {
                        if chars[i + 1] == c { out.append(c); i += 2; continue }
                        i += 1; break
                    }
                    i += 1
                }
                continue
            case "-" where chars[i + 1] == "-":
                while i < chars.count - 1 && chars[i] != "\n" { out.append(chars[i]); i += 1 }
                continue
            case "/" where chars[i + 1] == "*":
                while i < chars.count - 1 && !(chars[i] == "*" && chars[i + 1] == "/") { out.append(chars[i]); i += 1 }
                if i < chars.count - 1 { out.append("*/"); i += 2 }
                continue
            case "?" where chars[i + 1].isASCII && chars[i + 1].isNumber:
                // SQLite's numbered form ?N is PostgreSQL's $N.
                out.append("$"); i += 1
                while chars[i].isASCII && chars[i].isNumber { out.append(chars[i]); i += 1 }
                continue
            case "?":
                n += 1
                out.append("$\(n)")
            default:
                out.append(c)
            }
            i += 1
        }
        return out
    }

    /// A script of several statements as single statements (PostgreSQL's extended protocol takes
    /// one at a time): split at `;` outside literals, quoted names, comments and `$$` bodies.
    static func splitStatements(_ script: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(script) + ["\0"]
        var i = 0
        func flush() {
            let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty && s.contains(where: { !$0.isWhitespace }) { out.append(s) }
            current = ""
        }
        while i < chars.count - 1 {
            let c = chars[i]
            if c == "'" || c == "\"" {
                current.append(c); i += 1
                while i < chars.count - 1 {
                    current.append(chars[i])
                    if chars[i] == c { if chars[i + 1] == c { current.append(c); i += 2; continue }; i += 1; break }
                    i += 1
                }
                continue
            }
            if c == "-" && chars[i + 1] == "-" {
                while i < chars.count - 1 && chars[i] != "\n" { current.append(chars[i]); i += 1 }
                continue
            }
            if c == "$" && chars[i + 1] == "$" {
                current.append("$$"); i += 2
                while i < chars.count - 1 && !(chars[i] == "$" && chars[i + 1] == "$") { current.append(chars[i]); i += 1 }
                if i < chars.count - 1 { current.append("$$"); i += 2 }
                continue
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c); i += 1
        }
        flush()
        // A piece holding only comments is no statement.
        return out.filter { piece in
            piece.split(separator: "\n").contains { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    /// `FROM t INDEXED BY i`: SQLite's planner is told which partial index to walk (its choice
    /// depends on ANALYZE statistics); PostgreSQL's planner chooses on its own.
    func indexedBy(_ index: String) -> String { self == .sqlite ? " INDEXED BY \(index)" : "" }

    /// `NOT INDEXED` (SQLite: only the primary key look-up); nothing on PostgreSQL.
    var notIndexed: String { self == .sqlite ? " NOT INDEXED" : "" }

    /// Whether the text `needle` occurs in `haystack` (both SQL expressions).
    func contains(_ haystack: String, _ needle: String) -> String {
        self == .sqlite ? "instr(\(haystack), \(needle)) > 0" : "strpos(\(haystack), \(needle)) > 0"
    }

    /// An integer key the engine assigns (SQLite's rowid alias; PostgreSQL's identity column).
    var autoIncrementPrimaryKey: String {
        switch self {
        case .sqlite: "INTEGER PRIMARY KEY AUTOINCREMENT"
        case .postgres: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        }
    }

    /// `INSERT … ` that leaves an existing row alone (SQLite's OR IGNORE; PostgreSQL's ON CONFLICT
    /// DO NOTHING, appended after the values by `insertIgnoringSuffix`).
    var insertIgnoringPrefix: String { self == .sqlite ? "INSERT OR IGNORE INTO" : "INSERT INTO" }
    var insertIgnoringSuffix: String { self == .sqlite ? "" : " ON CONFLICT DO NOTHING" }

    /// Joins `expression` over a group with `separator` (a literal without quotes).
    func stringAggregate(_ expression: String, separator: String) -> String {
        let sep = "'" + separator.replacingOccurrences(of: "'", with: "''") + "'"
        switch self {
        case .sqlite: return "group_concat(\(expression), \(sep))"
        case .postgres: return "string_agg(CAST(\(expression) AS TEXT), \(sep))"
        }
    }

    /// Whole days from the ISO date text `from` to `to` (both 'YYYY-MM-DD…' strings). Every
    /// fragment keeps its operands in parameter order, so `?` placeholders bind in that order.
    func daysBetween(_ from: String, _ to: String) -> String {
        switch self {
        case .sqlite: "CAST(-(julianday(substr(\(from), 1, 10)) - julianday(substr(\(to), 1, 10))) AS INTEGER)"
        case .postgres: "(-(CAST(substr(\(from), 1, 10) AS DATE) - CAST(substr(\(to), 1, 10) AS DATE)))"
        }
    }

    /// The ISO date text `days` days after the ISO date text `date`.
    func addDays(_ date: String, _ days: String) -> String {
        switch self {
        case .sqlite: "date(substr(\(date), 1, 10), printf('%+d days', \(days)))"
        case .postgres: "to_char(CAST(substr(\(date), 1, 10) AS DATE) + CAST(\(days) AS INTEGER), 'YYYY-MM-DD')"
        }
    }

    /// A statement that refuses to change a row of an append-only table (the timeline, the audit
    /// log): a trigger on SQLite, and on PostgreSQL a trigger plus a role without UPDATE/DELETE.
    func appendOnlyGuard(table: String, message: String) -> [String] {
        let msg = message.replacingOccurrences(of: "'", with: "''")
        switch self {
        case .sqlite:
            return ["UPDATE", "DELETE"].map { op in
                "CREATE TRIGGER IF NOT EXISTS \(table)_no_\(op.lowercased()) BEFORE \(op) ON \(table) BEGIN SELECT RAISE(ABORT, '\(msg)'); END"
            }
        case .postgres:
            return [
                """
                CREATE OR REPLACE FUNCTION \(table)_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '\(msg)' USING ERRCODE = 'P0001'; END $$
                """,
                "DROP TRIGGER IF EXISTS \(table)_append_only ON \(table)",
                "CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION \(table)_append_only()",
            ]
        }
    }
}

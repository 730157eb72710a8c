import Crypto
import Foundation

/// What an audit entry records. Entities: applicant, aid_case, decision, assignment, duty_shift,
/// subsidy, operator, station, provider, consultation, store.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var at: String
    public var operatorID: Int64?
    public var action: String
    public var entity: String
    public var entityID: String
    public var beforeDigest: String?
    public var afterDigest: String?
    public var detail: String
    public var prevHash: String
    public var hash: String
    /// How the change reached the store: `console`, `command_line` or `import` (nil on entries
    /// written before v10, whose canonical form then stays what it was).
    public var channel: String?

    enum CodingKeys: String, CodingKey {
        case id, at, action, entity, detail, hash
        case operatorID = "operator_id", entityID = "entity_id"
        case beforeDigest = "before_digest", afterDigest = "after_digest", prevHash = "prev_hash"
        case channel
    }

    /// The bytes the chain hashes: every field but the hashes, unit-separated, fixed order.
    var canonical: String {
        [String(id), at, operatorID.map(String.init) ?? "", action, entity, entityID,
         beforeDigest ?? "", afterDigest ?? "", detail].joined(separator: "\u{1F}")
            + (channel.map { "\u{1F}channel=" + $0 } ?? "")
    }
}

/// The hash-chained audit log. Appends happen inside the caller's write transaction, so an
/// entry exists if and only if the change it describes was committed.
/// How a change reached the store; recorded in every audit entry written by this store value.
public enum AuditChannel: String, Sendable, CaseIterable {
    case console
    case commandLine = "command_line"
    case importFile = "import"

    public var label: String {
        switch self {
        case .console: return "终端界面"
        case .commandLine: return "命令行"
        case .importFile: return "导入"
        }
    }
}

enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    static func chainHash(previous: String, canonical: String) -> String {
        let digest = SHA256.hash(data: Data((previous + "\n" + canonical).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    @discardableResult
    static func append(
        _ db: any SQLSession, at: String, operatorID: Int64?, action: String, entity: String, entityID: String,
        before: String?, after: String?, detail: String = ""
    ) throws -> AuditEntry {
        let last = try SQLRow.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
        let id: Int64 = (last?["id"] ?? 0) + 1
        let prev: String = last?["hash"] ?? genesis
        var entry = AuditEntry(
            id: id, at: at, operatorID: operatorID, action: action, entity: entity, entityID: entityID,
            beforeDigest: before, afterDigest: after, detail: Redaction.redactIDNumbers(detail),
            prevHash: prev, hash: "", channel: nil)
        // Stores not yet at v10 (only seen part-way through a migration) have no channel column.
        let hasChannel = try db.columnNames(in: "audit_log").contains("channel")
        if hasChannel { entry.channel = try String.fetchOne(db, sql: "SELECT fayuan_channel()") }
        entry.hash = chainHash(previous: prev, canonical: entry.canonical)
        try db.execute(
            sql: """
            INSERT INTO audit_log(id, at, operator_id, action, entity, entity_id, before_digest,
                after_digest, detail, prev_hash, hash\(hasChannel ? ", channel" : "")) VALUES (?,?,?,?,?,?,?,?,?,?,?\(hasChannel ? ",?" : ""))
            """,
            arguments: {
                var args: SQLArguments = [entry.id, entry.at, entry.operatorID, entry.action, entry.entity, entry.entityID,
                                                entry.beforeDigest, entry.afterDigest, entry.detail, entry.prevHash, entry.hash]
                if hasChannel { args += [entry.channel] }
                return args
            }())
        return entry
    }

    /// The id of the first entry whose link is broken (edited, deleted before it, reordered), or nil.
    static func firstBrokenLink(_ db: any SQLSession) throws -> Int64? {
        var previous = genesis
        var expectedID: Int64 = 1
        var broken: Int64?
        try db.forEachRow("SELECT * FROM audit_log ORDER BY id", []) { row in
            let entry = try AuditEntry(row: row)
            if entry.id != expectedID || entry.prevHash != previous
                || chainHash(previous: previous, canonical: entry.canonical) != entry.hash {
                broken = entry.id
                return false
            }
            previous = entry.hash
            expectedID += 1
            return true
        }
        return broken
    }
}

/// Digests of a record's state for the audit log. ID numbers enter only as a keyed tag
/// (HMAC with the store's secret), never in clear and never as a plain hash someone could
/// brute-force over the small space of valid ID numbers.
enum AuditDigest {
    static func of(_ fields: [(String, String?)], secret: String) -> String {
        let text = fields
            .map { "\($0.0)=\($0.1 ?? "∅")" }
            .joined(separator: "\n")
        let digest = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(digest).map { String(format: "%02x", $0) }.joined()
    }
}

/// Scrubs anything that looks like a resident ID number from free text bound for the audit
/// log or a log line.
public enum Redaction {
    public static func redactIDNumbers(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            let isIDLike = (run.count == 18 || run.count == 15)
            out += isIDLike ? Masking.idNumber(run) : run
            run = ""
        }
        for c in text {
            if c.isASCII && (c.isNumber || ((c == "X" || c == "x") && run.count == 17)) {
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }
}

extension AuditEntry: StoreRecord {
    init(row: SQLRow) throws {
        id = row["id"]; at = row["at"]; operatorID = row["operator_id"]; action = row["action"]
        entity = row["entity"]; entityID = row["entity_id"]; beforeDigest = row["before_digest"]
        afterDigest = row["after_digest"]; detail = row["detail"]; prevHash = row["prev_hash"]; hash = row["hash"]
        channel = row.hasColumn("channel") ? row["channel"] : nil
    }
}

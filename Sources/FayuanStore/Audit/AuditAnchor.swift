import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The newest audit entry: its id and chained hash. Because every hash covers the one before,
/// this pair commits to the whole log up to `id`.
public struct AuditHead: Sendable, Codable, Equatable {
    public var id: Int64
    public var hash: String
    public init(id: Int64, hash: String) { self.id = id; self.hash = hash }
}

/// A copy of the chain head kept OUTSIDE the store file, so that deleting the newest entries or
/// rewriting the chain with recomputed hashes no longer matches it. One JSON object per line.
public struct AuditAnchor: Sendable, Codable, Equatable {
    /// The store's identity (derived from its secret; a backup has the same one).
    public var store: String
    public var id: Int64
    public var hash: String
    public var at: String

    public var head: AuditHead { AuditHead(id: id, hash: hash) }

    public var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

/// Where anchors live and how they are written and read.
///
/// Default: `$FAYUAN_ANCHOR_DIR`, else `$XDG_STATE_HOME/fayuan/anchors`, else
/// `~/.local/state/fayuan/anchors` — apart from the store's directory (`~/.local/share/fayuan`),
/// so that copying, replacing or restoring the store file does not carry its anchors along.
/// Files are `<store-id>.anchors`, 0600 in a 0700 directory, opened O_APPEND|O_NOFOLLOW.
/// Appends are not fsync-ed one by one (a write transaction must stay cheap): a power cut can
/// lose the last few anchors, which only means the check covers a slightly older head.
public enum AuditAnchors {
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["FAYUAN_ANCHOR_DIR"], !dir.isEmpty { return dir }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/fayuan/anchors" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/fayuan/anchors"
    }

    public static func file(directory: String, storeID: String) -> String {
        directory + "/" + storeID + ".anchors"
    }

    /// Appends one anchor line. Best effort by design: the transaction it describes is already
    /// committed; a failure shows up later as a stale or missing anchor in `audit verify`.
    @discardableResult
    public static func append(_ anchor: AuditAnchor, directory: String) -> Bool {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        let path = file(directory: directory, storeID: anchor.store)
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        // One write(2) per line on an O_APPEND file: lines from several processes never interleave.
        let bytes = Array(anchor.line.utf8)
        return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    /// The newest anchor in `path` (the highest id; lines for other stores are skipped when
    /// `storeID` is given). Only the file's tail is read: it grows by one line per write.
    /// Returns nil when the file does not exist; throws when it exists but holds no anchor.
    public static func newest(in path: String, storeID: String?) throws -> AuditAnchor? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 65_536 ? size - 65_536 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // a partial line
        let decoder = JSONDecoder()
        let anchors = lines.compactMap { try? decoder.decode(AuditAnchor.self, from: Data($0.utf8)) }
            .filter { storeID == nil || $0.store == storeID }
        return anchors.max { $0.id < $1.id }
    }
}

/// Result of `fayuan audit verify`.
public struct AuditVerification: Sendable, Codable, Equatable {
    public var entries: Int
    public var head: AuditHead?
    /// First entry whose hash link is broken.
    public var firstBrokenEntry: Int64?
    /// The anchor file consulted and the newest anchor found in it.
    public var anchorFile: String
    public var anchor: AuditAnchor?
    /// Why the log does not extend the anchor (nil: it does, or there was no anchor).
    public var anchorProblem: String?
    /// Cases whose sealed fields no longer match their seal (edited outside the program).
    public var caseSealMismatches: [Int64]
    /// Problems that do not prove tampering but must not pass silently (no anchor file…).
    public var warnings: [String]
    /// No broken link, the newest anchor extended, every seal matching.
    public var ok: Bool

    init(entries: Int, head: AuditHead?, firstBrokenEntry: Int64?, anchorFile: String, anchor: AuditAnchor?,
         anchorProblem: String?, caseSealMismatches: [Int64], warnings: [String]) {
        self.entries = entries; self.head = head; self.firstBrokenEntry = firstBrokenEntry; self.anchorFile = anchorFile
        self.anchor = anchor; self.anchorProblem = anchorProblem; self.caseSealMismatches = caseSealMismatches
        self.warnings = warnings
        ok = firstBrokenEntry == nil && anchorProblem == nil && caseSealMismatches.isEmpty
    }
}

enum CaseSeal {
    /// HMAC-SHA256 (store secret) over the case id and the sealed fields, as hex.
    static func digest(secret: String, values: [SQLValue]) -> String {
        let text = values.map { value -> String in
            switch value {
            case .null: return "∅"
            case .integer(let n): return String(n)
            case .real(let d): return String(d)
            case .text(let s): return "s:" + s
            case .blob(let b): return "b:" + Data(b).base64EncodedString()
            }
        }.joined(separator: "\u{1F}")
        let mac = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }
}

extension CaseStore {
    /// The store's identity for anchors: derived from its secret, so it is stable, the same in a
    /// backup, and reveals nothing about the secret.
    static func storeIdentity(_ db: any SQLSession) throws -> String {
        let secret = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""
        let digest = SHA256.hash(data: Data(("fayuan-store-id\n" + secret).utf8))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    public func storeIdentity() throws -> String { try read { db in try Self.storeIdentity(db) } }

    static func auditHead(_ db: any SQLSession) throws -> AuditHead? {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1") else { return nil }
        return AuditHead(id: row["id"], hash: row["hash"])
    }

    /// The newest audit entry (for reports, which print it so a paper copy anchors the log too).
    public func auditHead() throws -> AuditHead? { try read { db in try Self.auditHead(db) } }

    /// The anchor file for this store.
    public func anchorFile() throws -> String? {
        guard let anchorDirectory else { return nil }
        return AuditAnchors.file(directory: anchorDirectory, storeID: try storeIdentity())
    }

    /// Appends the current head to the anchor file (on close, and after writes that added entries).
    func anchorCurrentHead() {
        guard let anchorDirectory,
              let (head, storeID) = try? read({ db in (try Self.auditHead(db), try Self.storeIdentity(db)) }),
              let head else { return }
        AuditAnchors.append(AuditAnchor(store: storeID, id: head.id, hash: head.hash, at: timestamp()),
                            directory: anchorDirectory)
    }

    /// Walks the chain, checks it extends the newest anchor (`anchorFile`, default this store's
    /// anchor file; or an explicit `head` such as one printed on a monthly report), and
    /// recomputes every case seal.
    public func verifyAudit(anchorFile explicitFile: String? = nil, head explicitHead: AuditHead? = nil) throws -> AuditVerification {
        try read { db in
            let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            let head = try Self.auditHead(db)
            let broken = try AuditLog.firstBrokenLink(db)
            let storeID = try Self.storeIdentity(db)
            var warnings: [String] = []
            let file = explicitFile ?? anchorDirectory.map { AuditAnchors.file(directory: $0, storeID: storeID) } ?? ""
            var anchor: AuditAnchor?
            var problem: String?
            if let explicitHead {
                anchor = AuditAnchor(store: storeID, id: explicitHead.id, hash: explicitHead.hash, at: "")
            } else if file.isEmpty {
                warnings.append("未配置锚点目录：无法确认审计日志没有被截断或整体改写")
            } else {
                do {
                    anchor = try AuditAnchors.newest(in: file, storeID: explicitFile == nil ? storeID : nil)
                    if anchor == nil {
                        warnings.append("没有找到锚点文件 \(file)：无法确认审计日志没有被截断或整体改写（新库或锚点被删除）")
                    }
                } catch {
                    problem = "锚点文件无法读取：\(file)"
                }
            }
            if let a = anchor {
                if a.store != storeID {
                    problem = "锚点属于另一个案件库（\(a.store)），本库为 \(storeID)"
                } else if a.id > (head?.id ?? 0) {
                    problem = "审计日志只到第 \(head?.id ?? 0) 条，锚点记录到第 \(a.id) 条：最新的记录被删除，或案件库被换成了旧副本"
                } else {
                    let hash = try String.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE id = ?", arguments: [a.id])
                    if hash != a.hash {
                        problem = "第 \(a.id) 条审计记录与锚点不符：审计链被改写（哈希重新计算过）"
                    }
                }
            }
            return AuditVerification(entries: entries, head: head, firstBrokenEntry: broken, anchorFile: file,
                                     anchor: anchor, anchorProblem: problem,
                                     caseSealMismatches: try Self.caseSealMismatches(db), warnings: warnings)
        }
    }

    /// Cases whose stored seal is missing or differs from one recomputed now, and seals whose case
    /// was deleted.
    static func caseSealMismatches(_ db: any SQLSession) throws -> [Int64] {
        guard try db.tableExists("case_seal") else { return [] }
        let secret = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'store.secret'") ?? ""
        let columns = (["id"] + V13CaseSeal.fields).map { "c.\($0)" }.joined(separator: ", ")
        var bad: [Int64] = []
        try SQLRow.forEach(db, sql: "SELECT \(columns), s.digest AS seal FROM aid_case c LEFT JOIN case_seal s ON s.case_id = c.id ORDER BY c.id") { row in
            let values = (0...V13CaseSeal.fields.count).map { row[$0] as SQLValue }
            if (row["seal"] as String?) != CaseSeal.digest(secret: secret, values: values) { bad.append(row["id"]) }
        }
        bad += try Int64.fetchAll(db, sql: "SELECT case_id FROM case_seal WHERE case_id NOT IN (SELECT id FROM aid_case)")
        return bad.sorted()
    }
}

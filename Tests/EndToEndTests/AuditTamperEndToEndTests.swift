import Foundation
import Testing

/// Finding 4 (issue 17) against the real binary: someone with the sqlite3 tool deletes the newest
/// audit row, rewrites the whole chain with recomputed hashes, or edits a decided case — and
/// `fayuan audit verify` exits non-zero each time.
@Suite struct AuditTamperEndToEndTests {
    struct Store {
        let dir: String
        let db: String
        var env: [String: String] { ["FAYUAN_ANCHOR_DIR": dir + "/锚点"] }
    }

    /// A seeded store (cases at every step) with an operator added afterwards, anchored in its own directory.
    func makeStore() throws -> Store {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-audit-e2e-\(getpid())-\(Int.random(in: 0...999_999))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = Store(dir: dir, db: dir + "/审计.db")
        try addOperator(db: store.db, name: "管理员张敏", role: "admin", pin: "246810")
        let seeded = try runFayuan(["seed", "--db", store.db, "--persons", "20", "--cases", "12"], environment: store.env)
        try #require(seeded.status == 0, "\(seeded.stderr)")
        // A write on this store's anchor directory after the operator was added.
        let added = try admin(store, ["backup", "--db", store.db, dir + "/起始备份.db"])
        try #require(added.status == 0, "\(added.stderr)")
        let verified = try verify(store)
        try #require(verified.status == 0, "未篡改的库应通过校验：\(verified.stderr)")
        #expect(!verified.stderr.contains("警告"), "锚点应已写入：\(verified.stderr)")
        return store
    }

    func admin(_ store: Store, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runFayuan(as: "管理员张敏", pin: "246810", arguments, environment: store.env)
    }

    func verify(_ store: Store, _ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        try runFayuan(["audit", "verify", "--db", store.db] + extra, environment: store.env)
    }

    func sqlite(_ store: Store, _ sql: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try spawn(["sqlite3", store.db, sql])
    }

    @Test func deletingTheLastAuditRowFailsVerify() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.dir) }
        // The store itself refuses; an attacker drops the guard first.
        #expect(try sqlite(store, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)").status != 0)
        let deleted = try sqlite(store, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let result = try verify(store)
        #expect(result.status == 3)
        #expect(result.stderr.contains("锚点"), "\(result.stderr)")
    }

    @Test func aChainRewrittenWithRecomputedHashesFailsVerify() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.dir) }
        let dump = try spawn(["sqlite3", "-json", store.db, "SELECT * FROM audit_log ORDER BY id;"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [[String: Any]])
        try #require(rows.count >= 2)
        var previous = String(repeating: "0", count: 64)
        var sql = "DROP TRIGGER audit_log_no_update;\n"
        for var row in rows {
            if (row["id"] as? Int) == 1 { row["detail"] = "伪造：从未生成示例数据" }
            func text(_ key: String) -> String {
                switch row[key] {
                case let n as Int: return String(n)
                case let s as String: return s
                default: return ""
                }
            }
            var canonical = ["id", "at", "operator_id", "action", "entity", "entity_id", "before_digest", "after_digest", "detail"]
                .map(text).joined(separator: "\u{1F}")
            if let channel = row["channel"] as? String { canonical += "\u{1F}channel=" + channel }
            let hash = try sha256(previous + "\n" + canonical)
            sql += "UPDATE audit_log SET detail = '\(text("detail"))', prev_hash = '\(previous)', hash = '\(hash)' WHERE id = \(text("id"));\n"
            previous = hash
        }
        let rewritten = try sqlite(store, sql)
        #expect(rewritten.status == 0, "\(rewritten.stderr)")
        let result = try verify(store)
        #expect(result.status == 3)
        #expect(result.stdout.contains("\"firstBrokenEntry\"") == false, "链本身重新计算过，应只由锚点发现：\(result.stdout)")
        #expect(result.stderr.contains("改写"), "\(result.stderr)")
    }

    @Test func editingADecidedCaseInSqliteFailsVerify() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.dir) }
        let id = try sqlite(store, "SELECT id FROM aid_case WHERE decided_on IS NOT NULL ORDER BY id LIMIT 1;").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!id.isEmpty)
        let refused = try sqlite(store, "UPDATE aid_case SET step = 'refused' WHERE id = \(id);")
        #expect(refused.status != 0 && refused.stderr.contains("fayuan_case_seal"), "\(refused.stderr)")
        let edited = try sqlite(store, "DROP TRIGGER aid_case_seal_update; UPDATE aid_case SET step = 'refused', decided_on = '2026-12-01' WHERE id = \(id);")
        #expect(edited.status == 0, "\(edited.stderr)")
        let result = try verify(store)
        #expect(result.status == 3)
        #expect(result.stderr.contains("封签不符") && result.stderr.contains(id), "\(result.stderr)")
    }

    @Test func backupAnchorAndMonthlyReportHeadVerify() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.dir) }
        let backup = store.dir + "/备份.db"
        let made = try admin(store, ["backup", "--db", store.db, backup])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: backup + ".anchor"))
        #expect(try admin(store, ["backup", "--db", store.db, backup]).status == 2)
        let report = try admin(store, ["report", "monthly", "--db", store.db, "--period", "2026-11"])
        #expect(report.stdout.contains("\"auditHead\""), "\(report.stdout.prefix(400))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let head = try #require(json["auditHead"] as? [String: Any])
        let pair = "\(head["id"] ?? ""):\(head["hash"] ?? "")"
        #expect(try verify(store, ["--anchor", backup + ".anchor"]).status == 0)
        #expect(try verify(store, ["--head", pair]).status == 0)
        // Lose everything from the backed-up head on (the backup's own access entry comes after it).
        let anchorLine = try String(contentsOfFile: backup + ".anchor", encoding: .utf8)
        let anchorID = try #require((try JSONSerialization.jsonObject(with: Data(anchorLine.utf8)) as? [String: Any])?["id"] as? Int)
        _ = try sqlite(store, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= \(anchorID);")
        #expect(try verify(store, ["--anchor", backup + ".anchor"]).status == 3)
        #expect(try verify(store, ["--head", pair]).status == 3)
        #expect(try verify(store, ["--head", "不是哈希"]).status == 2)
    }

    @Test func exportRefusesAPlantedSymlink() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(atPath: store.dir) }
        let out = store.dir + "/导出"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let victim = store.dir + "/别人的文件"
        try "原有内容".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out + "/applicant.csv", withDestinationPath: victim)
        let result = try admin(store, ["export", "--db", store.db, "--tables", "applicant", "--out", out])
        #expect(result.status == 2)
        #expect(result.stderr.contains("符号链接"), "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "原有内容")
    }

    func sha256(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-sha-\(getpid())-\(Int.random(in: 0...999_999))").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let out = try spawn(["sha256sum", path])
        return String(out.stdout.prefix(64))
    }
}

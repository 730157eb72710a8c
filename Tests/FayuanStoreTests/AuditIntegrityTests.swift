import Foundation
import Testing
@testable import FayuanStore
import GRDB

/// Finding 4 (issue 17): the audit notices truncation, a rewritten chain and case rows edited
/// outside the program.
@Suite struct AuditIntegrityTests {
    /// A store with a clerk, two applicants and one decided (granted) case, anchored.
    func decidedCase(_ dir: borrowing TempDir) throws -> (CaseStore, Int64) {
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let person = try store.saveApplicant(Applicant(name: "李秀英", idNumber: "11010519491231002X", phone: "13812345678",
                                                       address: "泽州县巴公镇东村"), by: clerk.id)
        try store.saveApplicant(Applicant(name: "王建国"), by: clerk.id)
        let caseID = try store.write { db -> Int64 in
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO aid_case(centre_id, applicant_id, kind, cause, step, case_number, applied_on, accepted_on,
                                     decided_on, confidential, created_at, updated_at)
                VALUES (?, ?, 'civil', '劳动争议', 'granted', '〔2026〕民援字第0001号', '2026-11-02', '2026-11-02',
                        '2026-11-05', 1, '2026-11-02T00:00:00Z', '2026-11-05T00:00:00Z')
                """, arguments: [centre.id, person.id])
            let id = insertedID
            try AuditLog.append(db, at: "2026-11-05T00:00:00Z", operatorID: clerk.id, action: "decide", entity: "aid_case",
                                entityID: String(id), before: nil, after: nil, detail: "给予法律援助")
            return id
        }
        return (store, caseID)
    }

    /// What an attacker with the sqlite3 tool can do: a plain connection without Fayuan's functions.
    func raw(_ store: CaseStore, _ sql: String) throws {
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test func untouchedStoreVerifiesAgainstItsAnchor() throws {
        let dir = TempDir()
        let (store, _) = try decidedCase(dir)
        let result = try store.verifyAudit()
        #expect(result.ok, "\(result)")
        #expect(result.warnings.isEmpty)
        #expect(result.anchor?.id == result.head?.id)
        #expect(result.caseSealMismatches.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: result.anchorFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func auditRowsCannotBeUpdatedOrDeletedThroughTheStore() throws {
        let dir = TempDir()
        let (store, _) = try decidedCase(dir)
        #expect(throws: StoreError.self) { try store.write { db in try db.execute(sql: "DELETE FROM audit_log") } }
        #expect(throws: StoreError.self) { try store.write { db in try db.execute(sql: "UPDATE audit_log SET detail = '改'") } }
        #expect(throws: DatabaseError.self) { try raw(store, "DELETE FROM audit_log WHERE id = 1") }
    }

    @Test func deletingTheLastAuditRowIsDetected() throws {
        let dir = TempDir()
        let (store, _) = try decidedCase(dir)
        try raw(store, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
        let result = try store.verifyAudit()
        #expect(result.firstBrokenEntry == nil)  // the chain alone cannot see it…
        #expect(result.anchorProblem?.contains("被删除") == true)  // …the anchor can
        #expect(!result.ok)
    }

    @Test func aChainRewrittenWithRecomputedHashesIsDetected() throws {
        let dir = TempDir()
        let (store, _) = try decidedCase(dir)
        try raw(store, "DROP TRIGGER audit_log_no_update")
        // Rewrite entry 2 and recompute every hash after it, as someone who read the code would.
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE audit_log SET detail = '伪造的记录' WHERE id = 2")
            var previous = AuditLog.genesis
            for var entry in try AuditEntry.fetchAll(SQLiteSession(db), sql: "SELECT * FROM audit_log ORDER BY id") {
                entry.prevHash = previous
                entry.hash = AuditLog.chainHash(previous: previous, canonical: entry.canonical)
                try db.execute(sql: "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                               arguments: [entry.prevHash, entry.hash, entry.id])
                previous = entry.hash
            }
        }
        try queue.close()
        let result = try store.verifyAudit()
        #expect(result.firstBrokenEntry == nil)
        #expect(result.anchorProblem?.contains("改写") == true, "\(result)")
        #expect(!result.ok)
    }

    @Test func editingADecidedCaseOutsideTheProgramIsDetected() throws {
        let dir = TempDir()
        let (store, caseID) = try decidedCase(dir)
        // Without Fayuan's seal function the edit itself fails…
        #expect(throws: DatabaseError.self) { try raw(store, "UPDATE aid_case SET step = 'refused' WHERE id = \(caseID)") }
        #expect(try store.verifyAudit().ok)
        // …and after dropping the trigger it leaves a seal that no longer matches.
        try raw(store, "DROP TRIGGER aid_case_seal_update; UPDATE aid_case SET step = 'refused', decided_on = '2026-11-06' WHERE id = \(caseID)")
        let result = try store.verifyAudit()
        #expect(result.caseSealMismatches == [caseID])
        #expect(!result.ok)
        // Updates through the program keep the seal in step.
        let (other, otherCase) = try decidedCase(TempDir())
        try other.write { db in try db.execute(sql: "UPDATE aid_case SET provider_id = NULL, step = 'closed' WHERE id = ?", arguments: [otherCase]) }
        #expect(try other.verifyAudit().caseSealMismatches.isEmpty)
    }

    @Test func aMissingAnchorIsAWarningNotASilentPass() throws {
        let dir = TempDir()
        let (store, _) = try decidedCase(dir)
        try FileManager.default.removeItem(atPath: dir.file("anchors"))
        let result = try store.verifyAudit()
        #expect(result.ok)
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].contains("没有找到锚点文件"))
    }

    @Test func aBackupCarriesItsAnchorInsideAndBesideIt() throws {
        let dir = TempDir()
        let (store, _) = try decidedCase(dir)
        let path = dir.file("备份.db")
        let anchor = try #require(try store.backup(to: path))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let beside = try String(contentsOfFile: path + ".anchor", encoding: .utf8)
        #expect(beside == anchor.line)
        let inside = try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'backup.anchor'")
        }
        #expect(inside.map { $0 + "\n" } == anchor.line)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        // The live store extends the backup's anchor; after losing its newest entries it does not.
        #expect(try store.verifyAudit(anchorFile: path + ".anchor").ok)
        try raw(store, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
        #expect(try store.verifyAudit(anchorFile: path + ".anchor").anchorProblem != nil)
        // A head printed on a report works the same way.
        #expect(try store.verifyAudit(head: anchor.head).anchorProblem != nil)
        // No second backup over the first.
        #expect(throws: StoreError.self) { try store.backup(to: path) }
    }
}

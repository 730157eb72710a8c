import Foundation
import Testing

/// `fayuan store info` (issue 25): which engine, version and migrations — for a SQLite file and for
/// a PostgreSQL server (the throw-away one `make test` starts); and a reader that stops early
/// (`| head`) ends the command quietly instead of crashing it.
@Suite struct StoreInfoTests {
    static func scratch() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("法援库信息-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("泽州县中心.db").path)
    }

    @Test func sqliteStoreSaysEngineVersionAndMigrations() throws {
        let (dir, db) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        let result = try runFayuan(["store", "info", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(json["engine"] as? String == "sqlite")
        #expect((json["engine_version"] as? String ?? "").hasPrefix("3."))
        #expect((json["migrations_pending"] as? [String]) == [])
        #expect(((json["migrations_applied"] as? [String]) ?? []).contains("v1-core"))
        #expect(result.stderr.contains("SQLite") && result.stderr.contains("已是最新"), "\(result.stderr)")

        let missing = try runFayuan(["store", "info", "--db", dir.appendingPathComponent("没有这个库.db").path])
        #expect(missing.status == 3 && missing.stdout.isEmpty && missing.stderr.contains("没有这个库.db"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("没有这个库.db").path))
    }

    @Test func aPostgresAddressIsNeverTakenForAFile() throws {
        let (dir, _) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try runFayuan(["case", "list", "--db", "postgres://fayuan@127.0.0.1:1/泽州"], environment: ["HOME": dir.path])
        #expect(result.status == 3 && result.stderr.contains("PostgreSQL"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
        let info = try runFayuan(["store", "info", "--db", "postgres://fayuan@127.0.0.1:1/泽州"])
        #expect(info.status == 3 && info.stderr.contains("连接 PostgreSQL 服务器失败"), "\(info.stderr)")
    }

    @Test func postgresServerSaysItsVersion() throws {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["FAYUAN_TEST_POSTGRES"], !url.isEmpty else {
            if env["FAYUAN_REQUIRE_POSTGRES"] == "1" { Issue.record("FAYUAN_REQUIRE_POSTGRES=1 但没有 FAYUAN_TEST_POSTGRES") }
            return
        }
        let result = try runFayuan(["store", "info", "--db", url])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(json["engine"] as? String == "postgresql")
        #expect((json["engine_version"] as? String ?? "").hasPrefix("1"))
        #expect(json["has_store"] as? Bool == false)
        #expect(result.stderr.contains("还没有案件库"))
    }

    @Test func aReaderThatStopsEarlyEndsTheCommandQuietly() throws {
        let (dir, db) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        let binary = try TmuxSession.binaryPath()
        // `head -c 1` closes the pipe after one byte. With SIGPIPE ignored (as under some session
        // managers and services), the write fails with EPIPE; Foundation's FileHandle trapped on it.
        let result = try spawn(["/bin/bash", "-c", "trap '' PIPE; '\(binary)' store info --db '\(db)' | head -c 1 >/dev/null; echo \"状态=${PIPESTATUS[0]}\" >&2"],
                               environment: [:], stdin: nil)
        #expect(result.stderr.contains("状态=0"), "\(result.stderr)")
        #expect(!result.stderr.contains("crashed") && !result.stderr.contains("Fatal error"), "\(result.stderr)")
    }
}

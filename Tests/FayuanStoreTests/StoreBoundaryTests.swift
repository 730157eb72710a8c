import Foundation
import Testing

/// Issue 25's first step: the store is sealed. Nothing outside FayuanStore imports GRDB, writes SQL
/// or holds a database handle; every caller (console, command line, import, benchmark) goes
/// through typed store methods, so a second engine can stand behind the same methods.
@Suite struct StoreBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// (file, line number, line) for every Swift line under Sources/ outside FayuanStore that matches.
    static func offending(_ pattern: String, except: (String) -> Bool = { _ in false }) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        let sources = root.appendingPathComponent("Sources")
        var hits: [String] = []
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(sources.path.count + 1))
            if relative.hasPrefix("FayuanStore/") || except(relative) { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let s = String(line)
                if regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil {
                    hits.append("\(relative):\(number + 1): \(s.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        return hits
    }

    @Test func noTargetButTheStoreSeesGRDB() throws {
        let hits = try Self.offending(#"\bGRDB\b|\bDatabase(Queue|Pool)\b|\bdb in\b|\.(read|write)\s*[({]\s*\{?\s*db\b"#)
        #expect(hits.isEmpty, "库边界之外出现了 GRDB 或数据库句柄：\n\(hits.joined(separator: "\n"))")
    }

    @Test func noTargetButTheStoreWritesSQL() throws {
        // The benchmark hands SQL to the separate sqlite3 program as its comparison floor; that is a
        // measurement of SQLite itself, not a way into the store.
        let hits = try Self.offending(#"(?<![A-Za-z])sql:|\bSELECT\b.*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b|\bPRAGMA\b"#,
                                      except: { $0.hasPrefix("fayuan-bench/") })
        #expect(hits.isEmpty, "库边界之外出现了 SQL：\n\(hits.joined(separator: "\n"))")
    }

    @Test func theCheckCatchesAViolation() throws {
        // The scanner itself must be able to fail: it finds the store's own SQL when not excluded.
        let regex = try NSRegularExpression(pattern: #"sql:"#)
        let line = #"try String.fetchOne(db, sql: "SELECT 1 -- 申请人")"#
        #expect(regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil)
        let store = try String(contentsOf: Self.root.appendingPathComponent("Sources/FayuanStore/Repositories/SmallLookups.swift"), encoding: .utf8)
        #expect(store.contains("sql:"))
    }
}

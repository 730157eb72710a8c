import Foundation
import TerminalKit

/// Whole-screen assertions for grid-backend tests.
///
/// Screens are compared as text, one row per line with trailing spaces trimmed; a mismatch
/// returns a readable diff (expected/actual row by row, with column rulers) for the test to
/// report: `#expect(ScreenAssertions.diff(grid, expected) == nil)` or via `Comment`.
public enum ScreenAssertions {
    /// nil when the grid shows exactly `expected` (a multi-line string), else a diff.
    public static func diff(_ grid: GridCanvas, _ expected: String) -> String? {
        diff(actual: grid.lines, expected: expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    public static func diff(actual: [String], expected rawExpected: [String]) -> String? {
        let expected = rawExpected.map { line -> String in
            var s = line
            while s.last == " " { s.removeLast() }
            return s
        }
        var actualTrimmed = actual
        while actualTrimmed.last == "" && actualTrimmed.count > expected.count { actualTrimmed.removeLast() }
        if actualTrimmed == expected { return nil }
        var out = ["画面不一致 (screen mismatch): - expected, + actual"]
        for i in 0..<max(expected.count, actualTrimmed.count) {
            let e = i < expected.count ? expected[i] : "⟨无⟩"
            let a = i < actualTrimmed.count ? actualTrimmed[i] : "⟨无⟩"
            let row = String(format: "%02d", i)
            if e == a { out.append("  \(row)|\(a)") } else {
                out.append("- \(row)|\(e)")
                out.append("+ \(row)|\(a)")
            }
        }
        return out.joined(separator: "\n")
    }

    /// Compares with a stored snapshot `__Snapshots__/<name>.txt` beside the calling test file.
    /// Set FAYUAN_RECORD_SNAPSHOTS=1 to (re-)record. A missing snapshot is a failure otherwise,
    /// so a test can never pass by recording itself on CI.
    public static func snapshotDiff(_ grid: GridCanvas, named name: String, file: StaticString = #filePath) -> String? {
        let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let url = dir.appendingPathComponent("\(name).txt")
        let header = "# \(grid.size.width)x\(grid.size.height) cursor=\(grid.cursor.map { "\($0.x),\($0.y)" } ?? "hidden")"
        let body = ([header] + grid.lines).joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["FAYUAN_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try? body.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
            return "缺少画面快照 \(url.path)；用 FAYUAN_RECORD_SNAPSHOTS=1 录制。(missing snapshot)"
        }
        let storedLines = stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let actualLines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return diff(actual: actualLines, expected: storedLines)
    }
}

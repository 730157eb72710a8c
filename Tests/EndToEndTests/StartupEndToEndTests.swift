import Foundation
import Testing

/// Issue 22, start-up: `fayuan --version` answers before the command tree is built, the Swift
/// runtime and Foundation are linked in, and Pango/Cairo and libxlsxwriter are loaded only when a
/// PDF or a spreadsheet is made (DocumentEndToEndTests and ExportCommandTests check that those
/// still come out right through the lazily loaded libraries).
@Suite struct StartupEndToEndTests {
    /// The version line is the one FayuanCore declares, alone on stdout, nothing on stderr.
    @Test func versionIsTheDeclaredOneAndNothingElse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("Sources/FayuanCore/FayuanCore.swift"), encoding: .utf8)
        let declared = try #require(source.firstMatch(of: /static let version = "([^"]+)"/)).1
        let result = try runFayuan(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == declared + "\n")
        #expect(result.stderr.isEmpty, "标准错误应为空：\(result.stderr)")
        // Everything else still goes through the parser.
        let help = try runFayuan(["--help"])
        #expect(help.status == 0 && help.stdout.contains("法援"), "帮助输出异常：\(help.stderr)")
    }

    /// What the dynamic loader maps at start: no Pango/Cairo/glib/fontconfig, no libxlsxwriter (and
    /// its minizip/libcrypto), no shared Swift runtime or Foundation (before: 63 libraries).
    @Test func startUpLoadsNoDocumentOrSpreadsheetLibraries() throws {
        let ldd = try spawn(["ldd", try TmuxSession.binaryPath()])
        #expect(ldd.status == 0, "ldd 失败：\(ldd.stderr)")
        let loaded = ldd.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let forbidden = ["libpango", "libcairo", "libglib", "libgobject", "libfontconfig", "libharfbuzz",
                         "libxlsxwriter", "libminizip", "libcrypto", "libswiftCore", "libFoundation"]
        let offending = loaded.filter { line in forbidden.contains { line.hasPrefix($0) } }
        #expect(offending.isEmpty, "启动时不应加载：\(offending)")
        #expect(loaded.contains { $0.hasPrefix("libsqlite3") }, "应动态链接 SQLite：\(loaded)")
    }
}

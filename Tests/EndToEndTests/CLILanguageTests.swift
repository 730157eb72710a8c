import Foundation
import Testing

/// Issue 26: every word the command line prints is Chinese, and every exit code follows
/// shared/contracts/cli.md. Walks every subcommand the binary defines (read from its own
/// `--experimental-dump-help`, so a new subcommand is walked without editing this test): its
/// `--help` must exit 0 with no English word outside codes, option names and paths, and a call with
/// an unknown option must exit 2 (bad input), saying so in Chinese on stderr with nothing on stdout.
@Suite struct CLILanguageTests {
    struct CommandInfo {
        var path: [String]
        var optionValues: Set<String>
    }

    static func commands() throws -> [CommandInfo] {
        let dump = try runFayuan(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [CommandInfo] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            var values = Set<String>()
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for value in argument["allValues"] as? [String] ?? [] { values.insert(value) }
                for value in argument["allValueStrings"] as? [String] ?? [] { values.insert(value) }
                if let value = argument["defaultValue"] as? String { values.insert(value) }
            }
            found.append(CommandInfo(path: path, optionValues: values))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }

    /// Words allowed though written in Latin letters: product and format names, and the units of
    /// date patterns. Codes (a subcommand's or an option's own names and values, words joined by
    /// `_`) and paths are recognised structurally, not listed here.
    static let allowed: Set<String> = [
        "PIN", "JSON", "CSV", "XLSX", "UTF", "BOM", "PDF", "CUPS", "TOML", "YAML", "SQLite", "PostgreSQL",
        "Excel", "WPS", "ID", "YYYY", "MM", "DD", "HH", "GB", "GBT", "T", "XDG", "DATA", "HOME", "STATE", "CONFIG",
        "FAYUAN", "TOKEN", "DB", "ANCHOR", "DIR", "espeak", "ng", "lp", "tmux", "Unifont", "ncursesw", "PNG",
        "LANG", "TERM", "A", "B", "C", "D", "E", "F", "Ctrl", "Esc", "Tab", "Enter", "F1", "F2", "F5", "cmn",
        "zh", "bash", "zsh", "fish", "man", "sqlite", "postgres", "stdin", "stdout", "fayuan", "help", "Qn", "N",
        "zsf", "zhangsanfeng", "X",   // pinyin, the search's own example input
    ]

    /// The English words left in `text` after codes, options, placeholders and paths are taken out.
    static func englishWords(in text: String, codes: Set<String>) -> [String] {
        // Examples are shell command lines: only their comments (after #) are prose.
        var prose: [String] = []
        var inExamples = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("示例：") { inExamples = true; continue }
            if inExamples, line.hasPrefix("  ") {
                if let hash = line.firstIndex(of: "#") { prose.append(String(line[line.index(after: hash)...])) }
                continue
            }
            inExamples = false
            prose.append(String(line))
        }
        var cleaned = prose.joined(separator: "\n")
        let structural = [
            #"\$[A-Z_]+"#,                                     // environment variables
            #"[A-Za-z0-9_.~-]*/[^\s，。；：（）、“”]*"#,            // paths
            #"[^\s，。；：（）、“”]*\.(db|toml|yaml|csv|xlsx|pdf|txt|json|anchors?|hex)\b"#,  // file names
            #"(^|[^A-Za-z0-9])--?[a-z][a-z0-9-]*"#,            // option names
            #"(^|[^A-Za-z0-9])_[a-z][a-z-]*"#,                 // internal subcommands (_docs)
            #"\b\d{4}-Q\d?n?\b"#,                             // quarters (2026-Q2, YYYY-Qn)
            #"\b[a-z]+(\.[a-z0-9-]+)+\b"#,                     // dotted identifiers (rule ids cn.notify.25-1-1)
            #"<[^>]*>"#,                                       // placeholders
            #"\b[a-z0-9]+(_[a-z0-9]+)+\b"#,                    // codes with underscores
            #"`[^`]*`"#,
            #"\b[a-z]+(-[a-z]+)+\b"#,                         // hyphenated command names (sign-in)
            #"\b[a-z][A-Za-z0-9]*\s*[（(][^）)]{0,3}\p{Han}"#,  // a code followed by its Chinese label
            #"\b[a-z][a-z_]* \p{Han}"#,                        // … or by its label after a space (civil 民事)
            #"\"[A-Za-z_]+\""#, #"\b(true|false|null)\b"#,       // JSON keys, code values and literals
            #"\b[A-Za-z0-9]+:[A-Za-z0-9…]+"#,                 // formats such as 1234:3fa2…
            #"postgres://\S*"#,
        ]
        for pattern in structural {
            cleaned = cleaned.replacing(try! Regex(pattern), with: " ")
        }
        var words: [String] = []
        for match in cleaned.matches(of: try! Regex(#"[A-Za-z][A-Za-z]*"#)) {
            let word = String(cleaned[match.range])
            if allowed.contains(word) || codes.contains(word) { continue }
            words.append(word)
        }
        return words
    }

    @Test func everySubcommandsHelpIsChineseAndExitsZero() throws {
        let commands = try Self.commands()
        #expect(commands.count > 40, "子命令应全部走到（实际 \(commands.count) 个）")
        let names = Set(commands.flatMap(\.path))
        var failures: [String] = []
        for command in commands {
            let result = try runFayuan(command.path + ["--help"], environment: ["COLUMNS": "10000"])
            let shown = (["fayuan"] + command.path).joined(separator: " ")
            if result.status != 0 { failures.append("\(shown) --help 退出码 \(result.status)") }
            if !result.stderr.isEmpty { failures.append("\(shown) --help 在标准错误输出了：\(result.stderr)") }
            let english = Self.englishWords(in: result.stdout, codes: names.union(command.optionValues))
            if !english.isEmpty { failures.append("\(shown) --help 含英文：\(Set(english).sorted())") }
            for match in result.stdout.matches(of: try! Regex(#"<[a-z][a-z0-9-]*>"#)) {
                failures.append("\(shown) --help 的占位符没有中文名：\(result.stdout[match.range])（在 ParserChinese.placeholders 补上）")
            }
            for heading in ["用法：", "选项："] where !result.stdout.contains(heading) {
                failures.append("\(shown) --help 缺少“\(heading)”")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func anUnknownOptionIsBadInputInChineseEverywhere() throws {
        let commands = try Self.commands()
        let names = Set(commands.flatMap(\.path))
        var failures: [String] = []
        for command in commands where !command.path.isEmpty {
            let result = try runFayuan(command.path + ["--没有这个选项"])
            let shown = (["fayuan"] + command.path).joined(separator: " ")
            if result.status != 2 { failures.append("\(shown) 未知选项 退出码 \(result.status)（应为 2）") }
            if !result.stdout.isEmpty { failures.append("\(shown) 未知选项 在标准输出写了内容") }
            if !result.stderr.contains("未知选项") && !result.stderr.contains("缺少参数") && !result.stderr.contains("多余的参数") {
                failures.append("\(shown) 未知选项 的提示不是中文：\(result.stderr)")
            }
            let english = Self.englishWords(in: result.stderr, codes: names.union(command.optionValues))
            if !english.isEmpty { failures.append("\(shown) 错误提示含英文：\(Set(english).sorted())") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func theParsersOwnErrorsAreChinese() throws {
        let missing = try runFayuan(["case", "show"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("错误：缺少参数“<编号>”"))
        let bad = try runFayuan(["id", "check"])
        #expect(bad.status == 2)
        #expect(!bad.stderr.contains("Missing"))
        let value = try runFayuan(["calendar", "due", "--from", "2026-10-01", "--days", "三天"])
        #expect(value.status == 2)
        #expect(value.stderr.contains("的值“三天”无效"), "\(value.stderr)")
        let flag = try runFayuan(["search", "--json=是", "张三"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("不带值"), "\(flag.stderr)")
    }

    @Test func aMissingFileIsNamedInChinese() throws {
        let result = try runFayuan(["screen", "/没有/这个/申请.json"])
        #expect(result.status != 0)
        #expect(!result.stderr.contains("No such file"), "\(result.stderr)")
    }
}

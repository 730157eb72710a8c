import ArgumentParser
import FayuanCore
import Foundation

/// The `fayuan` executable. With no subcommand it opens the terminal UI; the subcommands are the
/// scripting face of the same core (../shared/contracts/cli.md is their contract).
@main
struct Fayuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fayuan",
        abstract: "法援：公共法律服务中心窗口终端（无子命令时打开终端界面）",
        version: FayuanCore.version,
        subcommands: [
            ConsoleCommand.self,
            KeymapCommand.self,
            UserCommand.self,
            DemoCommand.self,
            ProviderCommand.self,
            SearchCommand.self,
            SeedCommand.self,
            BackupCommand.self,
            StoreGroupCommand.self,
            CheckCommand.self,
            AuditCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            StressWriterCommand.self,
            DocsCommand.self,
            ScreenCommand.self,
            IDCommand.self,
            CalendarCommand.self,
            RulesCommand.self,
            QueueCommand.self,
            DisplayCommand.self,
            CaseCommand.self,
            DutyCommand.self,
            ReportCommand.self,
            DocumentCommand.self,
            HandoverCommand.self,
            OutreachCommand.self,
            AppointmentCommand.self,
            PoolCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}

extension Fayuan {
    /// As ArgumentParser's, except that bad command-line input (an unknown option, a value that
    /// fails validation) exits 2 as cli.md requires, not ArgumentParser's 64.
    static func main() {
        // No secret on argv (it would show in `ps` and the shell history): refuse any --pin.
        if CommandLine.arguments.dropFirst().contains(where: { $0 == "--pin" || $0.hasPrefix("--pin=") }) {
            printError("--pin：出于安全考虑，PIN 不能写在命令行上（会出现在进程列表和命令历史里）。"
                + "请去掉 --pin：程序会从终端读取（不回显），或在标准输入不是终端时读一行。")
            Foundation.exit(2)
        }
        // Completion scripts and the machine-readable help dump are for programs: untouched.
        let arguments = CommandLine.arguments.dropFirst()
        // The version before ArgumentParser builds its tree of ~90 commands (start-up, BENCHMARKS.md);
        // the same line the parser prints.
        if arguments.elementsEqual(["--version"]) {
            FileHandle.standardOutput.write(Data((FayuanCore.version + "\n").utf8))
            return
        }
        if arguments.contains(where: { $0.hasPrefix("--generate-completion-script") || $0 == "--experimental-dump-help" }) {
            do {
                var command = try parseAsRoot()
                try command.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // The parser's own words (help, usage, its errors) in Chinese; bad input exits 2 (cli.md),
            // not the parser's 64.
            let code = exitCode(for: error)
            if code == .success {
                let raw = fullMessage(for: error, columns: 100_000)
                let path = helpPath(Array(arguments))
                let message = ParserChinese.translateHelp(raw, width: terminalColumns())
                    + (raw.hasPrefix("OVERVIEW") || raw.hasPrefix("USAGE") ? CommandExamples.section(for: path) : "")
                if !message.isEmpty { Stdout.write(Data((message + "\n").utf8)) }
                Foundation.exit(0)
            }
            let message = ParserChinese.translate(fullMessage(for: error))
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

extension Fayuan {
    /// The subcommand path a help request names ("fayuan help case decide", "fayuan case decide -h").
    static func helpPath(_ arguments: [String]) -> [String] {
        var words = arguments.prefix(while: { !$0.hasPrefix("-") })
        if words.first == "help" { words = words.dropFirst() }
        var path: [String] = []
        for word in words {
            let candidate = path + [word]
            if CommandExamples.byPath[candidate.joined(separator: " ")] != nil || commandExists(candidate) {
                path = candidate
            } else {
                break
            }
        }
        return path
    }

    static func commandExists(_ path: [String]) -> Bool {
        var type: ParsableCommand.Type = Fayuan.self
        for name in path {
            guard let next = type.configuration.subcommands.first(where: { $0._commandName == name }) else { return false }
            type = next
        }
        return true
    }

    /// Columns to wrap help to: the terminal's width, else $COLUMNS, else 80.
    static func terminalColumns() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}

/// Writes a line to stderr (human messages go there; JSON goes to stdout).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((ParserChinese.translate(message) + "\n").utf8))
}

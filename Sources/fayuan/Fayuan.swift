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
            CheckCommand.self,
            AuditCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            StressWriterCommand.self,
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
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Writes a line to stderr (human messages go there; JSON goes to stdout).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

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
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}

extension Fayuan {
    /// As ArgumentParser's, except that bad command-line input (an unknown option, a value that
    /// fails validation) exits 2 as cli.md requires, not ArgumentParser's 64.
    static func main() {
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

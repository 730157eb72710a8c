import ArgumentParser
import FayuanCore

/// The `fayuan` executable. With no subcommand it opens the terminal UI; the subcommands are the
/// scripting face of the same core (../shared/contracts/cli.md is their contract).
@main
struct Fayuan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fayuan",
        abstract: "法援：公共法律服务中心窗口终端（无子命令时打开终端界面）",
        version: FayuanCore.version,
        subcommands: [
            // Each subcommand lives in its own file in this folder; add new ones to this list.
        ]
    )

    func run() throws {
        throw CleanExit.helpRequest(self)
    }
}

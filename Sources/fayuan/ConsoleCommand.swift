import ArgumentParser
import FayuanApp
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// Options of the terminal UI, shared by `fayuan` (console) and `fayuan demo`.
struct ConsoleOptions: ParsableArguments {
    @Option(name: .long, help: "键位：内置名称 default（标准）、nofkeys（不用功能键）、vi（字母键移动光标）或键位文件路径")
    var keymap: String?

    @Option(name: .long, help: "配色：default（默认）、high-contrast（高对比度）、monochrome（单色）")
    var theme: String = "default"

    @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则）")
    var rulesDir: String?

    func validate() throws {
        guard Theme.named(theme) != nil else {
            throw ValidationError("--theme：未知的配色 “\(theme)”，可选 default、high-contrast、monochrome")
        }
    }

    /// Loads keymap, rules and store, then runs the UI. Everything that can fail is checked
    /// before the terminal enters curses mode, so the message lands on a normal screen.
    /// `prepare` may seed the store and returns a session to start logged in (the demo), or nil
    /// for the login gate.
    func launch(store location: StoreLocation, prepare: (CaseStore) throws -> Session? = { _ in nil }) throws {
        let keymap: Keymap
        do {
            keymap = try KeymapLoader.load(selection: self.keymap)
        } catch {
            printError("键位文件有误，拒绝启动：\(error)")
            throw ExitCode(2)
        }
        let rules: RuleLibrary
        do {
            rules = try RuleLibrary.load(siteDirectories: SiteRules.directories(
                flag: rulesDir, environment: ProcessInfo.processInfo.environment))
        } catch {
            printError("规则文件有误，拒绝启动：\(error)")
            throw ExitCode(2)
        }
        let app: App
        do {
            let store = try CaseStore.open(location)
            let session = try prepare(store)
            var environment = AppEnvironment(store: store, rules: rules)
            environment.siteRules = SiteRuleLocation(flag: rulesDir, environment: ProcessInfo.processInfo.environment)
            app = try Console.makeApp(keymap: keymap, theme: Theme.named(theme) ?? .standard,
                                      environment: environment, session: session)
        } catch {
            printError("\(error)")
            throw ExitCode(3)
        }
        let terminal: Terminal
        do {
            terminal = try Terminal(useColor: theme != "monochrome")
        } catch {
            printError("\(error)")
            throw ExitCode(3)
        }
        let status = AppRunner.run(app, terminal: terminal)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `fayuan` with no subcommand (or `fayuan console`): the terminal UI.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "打开终端界面（默认）"
    )

    @Option(name: .long, help: "案件库文件（默认 $FAYUAN_DB，或 ~/.local/share/fayuan/fayuan.db）")
    var db: String?

    @OptionGroup var options: ConsoleOptions

    func run() throws {
        try options.launch(store: StoreLocation.resolve(explicit: db))
    }
}

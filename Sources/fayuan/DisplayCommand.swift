import ArgumentParser
import FayuanApp
import FayuanStore
import Foundation
import TerminalKit

/// `fayuan display --station CODE [--db PATH]`: the hall display (叫号屏) for a second terminal or
/// a TV. No login: it only reads today's calls. Exits on F10/Ctrl-Q, SIGTERM or SIGHUP.
struct DisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display",
        abstract: "大厅叫号屏：大字显示正在叫的号码和窗口、最近叫号和等候人数（无需登录）")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "站点代码，如 140525000")
    var station: String

    @Option(name: .long, help: "键位：内置名称或键位文件（决定退出键）")
    var keymap: String?

    @Option(name: .long, help: "配色：default（标准）、high-contrast（高对比度，默认，远处更易看清）、monochrome（单色）")
    var theme: String = "high-contrast"

    @Option(name: .customLong("poll-ms"), help: "查询案件库的间隔（毫秒，100–5000，默认 250）")
    var pollMs: Int = 250

    func validate() throws {
        guard Theme.named(theme) != nil else {
            throw ValidationError("--theme：未知的配色 “\(theme)”，可选 default、high-contrast、monochrome")
        }
        guard (100...5000).contains(pollMs) else { throw ValidationError("--poll-ms：应在 100 到 5000 之间") }
    }

    func run() throws {
        let keys: Keymap
        do {
            keys = try KeymapLoader.load(selection: keymap)
        } catch {
            printError("键位文件有误，拒绝启动：\(error)")
            throw ExitCode(2)
        }
        // Store problems are reported before the terminal enters curses mode.
        let caseStore = try store.openExisting(readOnly: true)
        let found = try StoreCommand.run { try caseStore.station(code: station) }
        let terminal: Terminal
        do {
            terminal = try Terminal(useColor: theme != "monochrome")
        } catch {
            printError("\(error)")
            throw ExitCode(3)
        }
        let status = HallDisplayRunner.run(store: caseStore, station: found, terminal: terminal, keymap: keys,
                                           theme: Theme.named(theme) ?? .highContrast, pollMilliseconds: pollMs)
        if status != 0 { throw ExitCode(status) }
    }
}

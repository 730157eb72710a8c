import ArgumentParser
import FayuanApp
import TerminalKit

/// `fayuan keymap --print`: the effective keymap as a Chinese cheat-sheet; `--check FILE` validates a file.
struct KeymapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keymap",
        abstract: "查看或检查键位（打印生效的键位表）"
    )

    @Flag(name: .long, help: "打印生效的键位表")
    var print = false

    @Option(name: .long, help: "叠加的键位：内置名称 default（标准）、nofkeys（不用功能键）、vi（字母键移动光标）或文件路径")
    var keymap: String?

    @Option(name: .long, help: "案件库文件（本命令不使用，为与其他命令一致而接受）")
    var db: String?

    func run() throws {
        let map: Keymap
        do {
            map = try KeymapLoader.load(selection: keymap)
        } catch {
            printError("键位文件有误：\(error)")
            throw ExitCode(2)
        }
        Swift.print(map.cheatSheet(names: AppActions.sectionNames))
    }
}

import ArgumentParser
import FayuanStore
import Foundation

/// The `--db` option every store subcommand takes (cli.md: default $FAYUAN_DB, then
/// $XDG_DATA_HOME/fayuan/fayuan.db, then ~/.local/share/fayuan/fayuan.db).
/// (The root command declares no options of its own — the console is its default subcommand —
/// so each subcommand's `--db` is really its own.)
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "案件库文件（默认 $FAYUAN_DB，或 ~/.local/share/fayuan/fayuan.db）")
    var db: String?

    var location: StoreLocation { StoreLocation.resolve(explicit: db) }

    /// Opens the store; a store problem prints its Chinese message and exits 3.
    func open() throws -> CaseStore {
        try StoreCommand.run { try CaseStore.open(location) }
    }
}

/// Maps store errors to the contract's exit codes: 3 store/environment, 2 bad input.
enum StoreCommand {
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            printError(error.description)
            throw ExitCode(error.isStoreProblem ? 3 : 2)
        } catch let failure as ImportFailure {
            for issue in failure.issues.prefix(200) { printError(issue.description) }
            if failure.issues.count > 200 { printError("……共\(failure.issues.count)处错误") }
            printError("导入未执行：没有写入任何数据。")
            throw ExitCode(2)
        }
    }

    /// One JSON document on stdout.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

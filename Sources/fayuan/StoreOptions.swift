import ArgumentParser
import FayuanCore
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

    /// Opens the store, creating and migrating it when needed (`user add` of the first
    /// administrator, `seed`); a store problem prints its Chinese message and exits 3.
    func open(channel: AuditChannel = .commandLine) throws -> CaseStore {
        try StoreCommand.run { try CaseStore.open(location, channel: channel) }
    }

    /// Opens a store that must exist (a mistyped path is exit 3, nothing created). `readOnly`
    /// for commands that must never write (check, audit verify, the hall display).
    func openExisting(readOnly: Bool, channel: AuditChannel = .commandLine) throws -> CaseStore {
        try StoreCommand.run { try CaseStore.openExisting(location, readOnly: readOnly, channel: channel) }
    }
}

/// Maps store errors to the contract's exit codes: 3 store/environment, 2 bad input, 4 refused
/// (the operator's role does not allow it, a wrong PIN, a locked or disabled operator).
enum StoreCommand {
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let denied as PermissionDenied {
            printError(denied.description)
            throw ExitCode(4)
        } catch let failure as AuthenticationFailure {
            printError(failure.description)
            throw ExitCode(4)
        } catch let refused as SeparationOfDuties {
            // 四眼原则: allowed by role, refused because this operator took an earlier part.
            printError(refused.description)
            throw ExitCode(4)
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
        Stdout.write(data)
        Stdout.write(Data("\n".utf8))
    }
}

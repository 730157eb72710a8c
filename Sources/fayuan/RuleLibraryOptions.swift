import ArgumentParser
import FayuanRules
import Foundation

/// Options shared by the commands that use the rule library.
struct RuleLibraryOptions: ParsableArguments {
    @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则），优先于 $FAYUAN_RULES_DIR 等默认目录")
    var rulesDir: String?

    @Option(name: .customLong("db"), help: "案件库路径（本命令不使用案件库）")
    var db: String?

    /// Loads the library, or prints the broken file:line and exits 2.
    func library() throws -> RuleLibrary {
        do {
            let directories = SiteRules.directories(flag: rulesDir, environment: ProcessInfo.processInfo.environment)
            return try RuleLibrary.load(siteDirectories: directories)
        } catch {
            throw CLIOutput.failure("规则文件有误：\(error)")
        }
    }
}

/// stdout for JSON, stderr for Chinese messages.
enum CLIOutput {
    static func print(_ text: String) {
        Stdout.write(Data((text + "\n").utf8))
    }

    static func message(_ text: String) { printError(text) }

    /// Prints the message to stderr; throw the result to exit with status 2 (bad input).
    static func failure(_ text: String, code: Int32 = 2) -> ExitCode {
        message(text)
        return ExitCode(code)
    }
}

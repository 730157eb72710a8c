import ArgumentParser
import FayuanCore
import FayuanRules

/// `fayuan id check NUMBER...`
struct IDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "身份证件号码工具",
        subcommands: [IDCheckCommand.self])
}

struct IDCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "校验身份证件号码（居民身份证、15位旧号码、港澳台居民居住证、外国人永久居留身份证），每个号码输出一行 JSON")

    @Argument(help: "一个或多个号码")
    var numbers: [String]

    @Option(name: .customLong("db"), help: "案件库路径（本命令不使用案件库）")
    var db: String?

    func validate() throws {
        if numbers.isEmpty { throw ValidationError("请至少给出一个号码") }
    }

    func run() throws {
        var allValid = true
        for number in numbers {
            let result = IDNumber.parse(number)
            CLIOutput.print(Self.json(input: number, result: result).compactRendered())
            if case .failure(let error) = result {
                allValid = false
                CLIOutput.message("\(number)：\(error.reason)")
            }
        }
        if !allValid { throw ExitCode(1) }
    }

    static func json(input: String, result: Result<IDNumber, IDNumberError>) -> JSONValue {
        switch result {
        case .success(let id):
            return .object([
                ("input", .string(input)), ("valid", .bool(true)), ("kind", .string(id.kind.rawValue)),
                ("normalized", .string(id.normalized)), ("birthDate", .string(id.birthDate.iso)),
                ("gender", .string(id.gender.rawValue)), ("province", .string(id.provinceCode)),
                ("reason", .null),
            ])
        case .failure(let error):
            return .object([
                ("input", .string(input)), ("valid", .bool(false)),
                ("kind", error.kind.map { .string($0.rawValue) } ?? .null),
                ("normalized", .null), ("birthDate", .null), ("gender", .null), ("province", .null),
                ("reason", .string(error.reason)),
            ])
        }
    }
}

import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// `fayuan user add|list|disable|enable|reset-pin`: operators for scripts. The command line acts
/// as the store file's owner (the file is 0600); every change is audited as made from the command line.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "管理操作员（添加、列出、停用、重置 PIN）",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPIN.self])

    /// Reads the PIN from `--pin`, or one line of standard input (so it stays out of `ps`).
    static func readPIN(_ flag: String?) throws -> String {
        if let flag { return flag }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            printError("--pin：请在命令行给出 PIN，或从标准输入送入一行 PIN")
            throw ExitCode(2)
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    static func role(_ code: String) throws -> OperatorRole {
        guard let role = OperatorRole(rawValue: code) else {
            printError("--role：未知的角色 “\(code)”，可选 window_clerk（窗口）、duty_lawyer（值班律师）、reviewer（审查）、centre_head（中心主任）、admin（管理员）")
            throw ExitCode(2)
        }
        return role
    }

    static func find(_ caseStore: CaseStore, _ name: String) throws -> Operator {
        let matches = try StoreCommand.run { try caseStore.operators() }.filter { $0.name == name || String($0.id ?? 0) == name }
        guard let op = matches.first else {
            printError("找不到操作员 “\(name)”（可用姓名或编号）")
            throw ExitCode(2)
        }
        return op
    }

    struct Row: Encodable {
        var id: Int64
        var name: String
        var role: String
        var roleLabel: String
        var stationID: Int64?
        var disabled: Bool
        var lockedUntil: String?
        init(_ op: Operator) {
            id = op.id ?? 0; name = op.name; role = op.role.rawValue; roleLabel = op.role.label
            stationID = op.stationID; disabled = op.disabled; lockedUntil = op.lockedUntil
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "添加操作员")
        @OptionGroup var store: StoreOptions
        @Option(help: "姓名") var name: String
        @Option(help: "角色：window_clerk、duty_lawyer、reviewer、centre_head、admin") var role: String
        @Option(help: "所在站点代码（可选）") var station: String?
        @Option(help: "该操作员对应的承办人员编号（值班律师；保密案件据此识别承办律师）") var provider: Int64?
        @Option(help: "PIN（省略时从标准输入读一行）") var pin: String?
        @Option(name: .customLong("kdf-rounds"), help: .hidden) var kdfRounds: Int = PINHash.defaultRounds

        func run() throws {
            let role = try UserCommand.role(self.role)
            let pin = try UserCommand.readPIN(self.pin)
            let caseStore = try store.open()
            var stationID: Int64?
            if let station {
                guard let found = try StoreCommand.run({ try caseStore.stations() }).first(where: { $0.code == station }) else {
                    printError("--station：找不到站点代码 “\(station)”")
                    throw ExitCode(2)
                }
                stationID = found.id
            }
            let first = try StoreCommand.run { try caseStore.needsFirstAdministrator() }
            let op = try StoreCommand.run {
                try caseStore.createOperator(name: name, role: role, pin: pin, stationID: stationID,
                                             by: first && role == .admin ? .firstRun : .commandLine, kdfRounds: kdfRounds)
            }
            if let provider {
                try StoreCommand.run { try caseStore.linkOperator(op.id!, toProvider: provider, by: .commandLine) }
            }
            try StoreCommand.printJSON(Row(op))
            printError("已添加操作员 \(op.name)（\(op.role.label)）")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出操作员")
        @OptionGroup var store: StoreOptions
        func run() throws {
            let caseStore = try store.open()
            try StoreCommand.printJSON(try StoreCommand.run { try caseStore.operators() }.map(Row.init))
        }
    }

    /// Disables or re-enables an operator named on the command line (audited as the command line).
    static func setDisabled(_ disabled: Bool, store: StoreOptions, name: String) throws {
        let caseStore = try store.open()
        let op = try find(caseStore, name)
        try StoreCommand.run { try caseStore.setOperatorDisabled(op.id!, disabled, by: .commandLine) }
        printError("已\(disabled ? "停用" : "启用")操作员 \(op.name)")
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "停用操作员")
        @OptionGroup var store: StoreOptions
        @Argument(help: "操作员姓名或编号") var name: String
        func run() throws { try UserCommand.setDisabled(true, store: store, name: name) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "重新启用操作员")
        @OptionGroup var store: StoreOptions
        @Argument(help: "操作员姓名或编号") var name: String
        func run() throws { try UserCommand.setDisabled(false, store: store, name: name) }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-pin", abstract: "重置 PIN 并解除锁定")
        @OptionGroup var store: StoreOptions
        @Argument(help: "操作员姓名或编号") var name: String
        @Option(help: "新 PIN（省略时从标准输入读一行）") var pin: String?
        @Option(name: .customLong("kdf-rounds"), help: .hidden) var kdfRounds: Int = PINHash.defaultRounds
        func run() throws {
            let newPIN = try UserCommand.readPIN(pin)
            let caseStore = try store.open()
            let op = try UserCommand.find(caseStore, name)
            try StoreCommand.run { try caseStore.resetPIN(operatorID: op.id!, newPIN: newPIN, by: .commandLine, kdfRounds: kdfRounds) }
            printError("已重置 \(op.name) 的 PIN")
        }
    }
}

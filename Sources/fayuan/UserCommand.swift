import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// `fayuan user add|list|disable|enable|reset-pin|token`: operators for scripts. Every subcommand
/// acts as a proven operator (administrators manage operators; anyone manages their own tokens),
/// except `user add --role admin` on a store with no operator at all — the first administrator,
/// exactly like the console's first run. Every change is audited with the command-line channel.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "管理操作员（添加、列出、停用、重置 PIN、接口令牌）",
        discussion: """
            身份：--operator 姓名（PIN 从终端读取，不回显；标准输入不是终端时读一行），或 FAYUAN_TOKEN / --token-file 接口令牌。
            PIN 一律不能写在命令行上。add 和 reset-pin 还要读新 PIN：在终端上提示输入两次；从标准输入送入时，
            第一行是执行者本人的 PIN，第二行是新 PIN（用令牌证明身份时只送新 PIN 一行）。
            新案件库还没有任何操作员时，user add --role admin（管理员）无需身份即可设置首位管理员（审计记为首次使用）。
            """,
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPIN.self, TokenCommand.self])

    /// Reads a new PIN: twice from the terminal (echo off), or one line of standard input.
    static func readNewPIN(for name: String) throws -> String {
        let pin = try Secret.read(prompt: "\(name) 的新 PIN：", field: "新 PIN")
        if isatty(STDIN_FILENO) == 1 {
            let again = try Secret.read(prompt: "再输入一次新 PIN：", field: "新 PIN")
            guard again == pin else { throw CLIOutput.failure("新 PIN：两次输入不一致，未做任何修改") }
        }
        return pin
    }

    static func role(_ code: String) throws -> OperatorRole {
        guard let role = OperatorRole(rawValue: code) else {
            printError("--role：未知的角色 “\(code)”，可选 window_clerk（窗口）、duty_lawyer（值班律师）、reviewer（审查）、centre_head（中心主任）、admin（管理员）")
            throw ExitCode(2)
        }
        return role
    }

    static func find(_ caseStore: CaseStore, _ name: String, field: String = "操作员") throws -> Operator {
        let matches = try StoreCommand.run { try caseStore.operators() }.filter { $0.name == name || String($0.id ?? 0) == name }
        guard let op = matches.first(where: { !$0.disabled }) ?? matches.first else {
            printError("\(field)：找不到操作员 “\(name)”（可用姓名或编号）")
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
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "添加操作员（须管理员身份；新库的首位管理员除外）",
            discussion: "新 PIN 从终端读取（输入两次）；从标准输入送入时第一行为执行者的 PIN，第二行为新 PIN。")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: "姓名") var name: String
        @Option(help: ArgumentHelp("角色：" + OperatorRole.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))) var role: String
        @Option(help: "所在站点代码（可选）") var station: String?
        @Option(help: "该操作员对应的承办人员编号（值班律师；保密案件据此识别承办律师）") var provider: Int64?
        @Option(name: .customLong("kdf-rounds"), help: .hidden) var kdfRounds: Int = PINHash.defaultRounds

        func run() throws {
            let role = try UserCommand.role(self.role)
            let caseStore = try store.open()
            let first = try StoreCommand.run { try caseStore.needsFirstAdministrator() }
            let actor: Actor
            if first && !identity.isGiven {
                guard role == .admin else {
                    printError("新案件库还没有操作员：请先添加管理员（--role admin），再由管理员添加其他操作员")
                    throw ExitCode(4)
                }
                actor = .firstRun
            } else {
                actor = .operatorRecord(try identity.authenticate(caseStore))
                if case .operatorRecord(let op) = actor { try IdentityOptions.require(op, .manageOperators) }
            }
            var stationID: Int64?
            if let station {
                guard let found = try StoreCommand.run({ try caseStore.stations() }).first(where: { $0.code == station }) else {
                    printError("--station：找不到站点代码 “\(station)”")
                    throw ExitCode(2)
                }
                stationID = found.id
            }
            let pin = try UserCommand.readNewPIN(for: name)
            let op = try StoreCommand.run {
                try caseStore.createOperator(name: name, role: role, pin: pin, stationID: stationID, by: actor, kdfRounds: kdfRounds)
            }
            if let provider {
                try StoreCommand.run { try caseStore.linkOperator(op.id!, toProvider: provider, by: actor) }
            }
            try StoreCommand.printJSON(Row(op))
            printError("已添加操作员 \(op.name)（\(op.role.label)）")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出操作员（须管理员身份）")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        func run() throws {
            let (caseStore, op) = try identity.open(store, readOnly: true)
            try IdentityOptions.require(op, .manageOperators)
            try StoreCommand.printList(try StoreCommand.run { try caseStore.operators() }.map(Row.init), key: "operators")
        }
    }

    /// Disables or re-enables an operator (administrators; audited).
    static func setDisabled(_ disabled: Bool, store: StoreOptions, identity: IdentityOptions, name: String) throws {
        let (caseStore, acting) = try identity.open(store)
        let op = try find(caseStore, name, field: "姓名")
        try StoreCommand.run { try caseStore.setOperatorDisabled(op.id!, disabled, by: .operatorRecord(acting)) }
        printError("已\(disabled ? "停用" : "启用")操作员 \(op.name)")
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "停用操作员（须管理员身份）")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "操作员姓名或编号") var name: String
        func run() throws { try UserCommand.setDisabled(true, store: store, identity: identity, name: name) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "重新启用操作员（须管理员身份）")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "操作员姓名或编号") var name: String
        func run() throws { try UserCommand.setDisabled(false, store: store, identity: identity, name: name) }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin", abstract: "重置 PIN 并解除锁定（须管理员身份）",
            discussion: "新 PIN 从终端读取（输入两次）；从标准输入送入时第一行为执行者的 PIN，第二行为新 PIN。")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "操作员姓名或编号") var name: String
        @Option(name: .customLong("kdf-rounds"), help: .hidden) var kdfRounds: Int = PINHash.defaultRounds
        func run() throws {
            let (caseStore, acting) = try identity.open(store)
            try IdentityOptions.require(acting, .manageOperators)
            let op = try UserCommand.find(caseStore, name, field: "姓名")
            let newPIN = try UserCommand.readNewPIN(for: op.name)
            try StoreCommand.run {
                try caseStore.resetPIN(operatorID: op.id!, newPIN: newPIN, by: .operatorRecord(acting), kdfRounds: kdfRounds)
            }
            printError("已重置 \(op.name) 的 PIN")
        }
    }
}

/// `fayuan user token create|list|revoke`: per-operator tokens for integrations. A token proves
/// its operator to the command line (`FAYUAN_TOKEN` or `--token-file`); only its SHA-256 is
/// stored and it is printed once.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "接口令牌：新建（只显示一次）、列出、撤销",
        subcommands: [Create.self, List.self, Revoke.self])

    struct TokenJSON: Encodable {
        var id: Int64
        var operatorID: Int64
        var operatorName: String
        var label: String
        var createdAt: String
        var revokedAt: String?
        var lastUsedAt: String?
        var token: String?
        init(_ t: OperatorToken, token: String? = nil) {
            id = t.id; operatorID = t.operatorID; operatorName = t.operatorName; label = t.label; createdAt = t.createdAt
            revokedAt = t.revokedAt; lastUsedAt = t.lastUsedAt; self.token = token
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "为自己（管理员可用 --for 为他人）新建接口令牌；令牌只显示这一次")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Option(help: "用途说明，例如 热线平台") var label: String
        @Option(name: .customLong("for"), help: "为哪位操作员新建（姓名或编号；须管理员身份）") var forOperator: String?
        func run() throws {
            let (caseStore, acting) = try identity.open(store)
            let target = try forOperator.map { try UserCommand.find(caseStore, $0, field: "--for") } ?? acting
            let (record, token) = try StoreCommand.run { try caseStore.createToken(for: target.id!, label: label, by: acting) }
            try StoreCommand.printJSON(TokenJSON(record, token: token))
            printError("已为 \(record.operatorName) 新建接口令牌 #\(record.id)（\(record.label)）。令牌只显示这一次，请妥善保存；不用时请撤销。")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出接口令牌（本人的；管理员列出全部）")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        func run() throws {
            let (caseStore, acting) = try identity.open(store, readOnly: true)
            try StoreCommand.printList(try StoreCommand.run { try caseStore.tokens(by: acting) }.map { TokenJSON($0) }, key: "tokens")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "撤销接口令牌（本人的；管理员可撤销任何人的）")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "令牌编号") var id: Int64
        func run() throws {
            let (caseStore, acting) = try identity.open(store)
            try StoreCommand.run { try caseStore.revokeToken(id, by: acting) }
            try StoreCommand.printJSON(["revoked": id])
            printError("已撤销接口令牌 #\(id)")
        }
    }
}

import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// Who is acting (cli.md "Who is acting"): every subcommand that writes, or that shows personal
/// data, proves an operator — `--operator NAME|ID` plus the PIN, read from the terminal with echo
/// off or, when standard input is not a terminal, as one line of it; or a per-operator token from
/// `$FAYUAN_TOKEN` or `--token-file`. The store checks the PIN or token with the console's lockout
/// and returns the operator; the role comes only from there. No secret is accepted on argv.
struct IdentityOptions: ParsableArguments {
    @Option(name: .customLong("operator"),
            help: ArgumentHelp("以哪位操作员身份执行（姓名或编号）。PIN 从终端读取（不回显）；标准输入不是终端时读标准输入的一行",
                               valueName: "姓名|编号"))
    var operatorName: String?

    @Option(name: .customLong("token-file"), help: ArgumentHelp("含本人接口令牌的文件（也可用环境变量 FAYUAN_TOKEN）", valueName: "文件"))
    var tokenFile: String?

    func validate() throws {
        if operatorName != nil, tokenFile != nil {
            throw ValidationError("--operator / --token-file：只能用其中一种方式证明身份")
        }
        if let operatorName, operatorName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--operator：请给出操作员姓名或编号")
        }
    }

    /// The token from `--token-file`, else `$FAYUAN_TOKEN` (only when `--operator` is not given).
    func token() throws -> String? {
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile),
                  let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
            else { throw CLIOutput.failure("--token-file：无法读取令牌文件 \(tokenFile)") }
            return text
        }
        if operatorName == nil, let env = ProcessInfo.processInfo.environment["FAYUAN_TOKEN"],
           !env.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return env.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }

    /// Whether any proof of identity was offered.
    var isGiven: Bool {
        operatorName != nil || tokenFile != nil
            || !(ProcessInfo.processInfo.environment["FAYUAN_TOKEN"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Proves the operator against `store` (exit 4 when refused, with the reason in Chinese).
    func authenticate(_ store: CaseStore) throws -> Operator {
        if let name = operatorName {
            let pin = try Secret.read(prompt: "\(name) 的 PIN：", field: "--operator")
            return try StoreCommand.run { try store.authenticate(operator: name, pin: pin) }
        }
        if let token = try token() {
            return try StoreCommand.run { try store.authenticate(token: token) }
        }
        printError("此命令须证明操作员身份：请加 --operator 姓名（PIN 从终端或标准输入读取），或设置 FAYUAN_TOKEN / --token-file 接口令牌")
        throw ExitCode(4)
    }

    /// Opens the existing store (never creating one) and proves the operator. `readOnly` for
    /// subcommands that only look: the file is then left as it was unless something must be
    /// recorded (a failed PIN, an audit entry). An older store is migrated first either way.
    func open(_ options: StoreOptions, readOnly: Bool = false, channel: AuditChannel = .commandLine) throws -> (CaseStore, Operator) {
        let store = try Self.openExisting(options.location, readOnly: readOnly, channel: channel)
        return (store, try authenticate(store))
    }

    static func openExisting(_ location: StoreLocation, readOnly: Bool, channel: AuditChannel = .commandLine) throws -> CaseStore {
        try StoreCommand.run {
            if readOnly {
                let store = try CaseStore.openExisting(location, readOnly: true, channel: channel)
                guard try store.needsMigration() else { return store }
                try store.close()
            }
            return try CaseStore.openExisting(location, readOnly: false, channel: channel)
        }
    }

    /// Refuses (exit 4) when the operator's role lacks the permission.
    static func require(_ op: Operator, _ permission: Permission) throws {
        try StoreCommand.run { try AccessPolicy.require(op.role, permission) }
    }
}

/// Reading secrets (PINs) without their ever being on argv or echoed.
enum Secret {
    /// One secret: from the controlling terminal with echo off when standard input is a terminal,
    /// else one line of standard input (scripts: `printf '%s\n' "$PIN" | fayuan …`).
    static func read(prompt: String, field: String) throws -> String {
        let text: String?
        if isatty(STDIN_FILENO) == 1 {
            text = fromTerminal(prompt: prompt)
        } else {
            text = readLine(strippingNewline: true)
        }
        guard let value = text?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw CLIOutput.failure("\(field)：没有读到 PIN（请在终端输入，或从标准输入送入一行）")
        }
        return value
    }

    /// Prompts on /dev/tty (else standard input's terminal) and reads a line with echo off.
    private static func fromTerminal(prompt: String) -> String? {
        var fd = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC)
        let owned = fd >= 0
        if !owned { fd = STDIN_FILENO }
        defer { if owned { Glibc.close(fd) } }
        _ = prompt.withCString { Glibc.write(owned ? fd : STDERR_FILENO, $0, strlen($0)) }
        var saved = termios()
        let canHide = tcgetattr(fd, &saved) == 0
        if canHide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ICANON)
            // Ctrl-C at the prompt must not leave the terminal without echo.
            Interrupted.terminal = (fd, saved)
            signal(SIGINT, Interrupted.restore)
            signal(SIGTERM, Interrupted.restore)
            _ = tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer {
            if canHide {
                _ = tcsetattr(fd, TCSAFLUSH, &saved)
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                Interrupted.terminal = nil
            }
            _ = "\n".withCString { Glibc.write(owned ? fd : STDERR_FILENO, $0, 1) }
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
            if bytes.count > 256 { break }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

/// Restores the terminal's echo when the PIN prompt is interrupted, then exits as the signal would.
private enum Interrupted {
    /// Set only while the prompt waits on the main thread; read by the signal handler.
    nonisolated(unsafe) static var terminal: (fd: Int32, saved: termios)?

    static let restore: @convention(c) (Int32) -> Void = { signalNumber in
        if var t = Interrupted.terminal?.saved, let fd = Interrupted.terminal?.fd {
            _ = tcsetattr(fd, TCSANOW, &t)
            _ = Glibc.write(fd, "\n", 1)
        }
        _exit(128 + signalNumber)
    }
}

/// Dates and months given on the command line: the shape, a real day, and a year the program can
/// count with (1900–2999); anything else is bad input (exit 2) naming the field, never a crash.
enum CLIDate {
    static let years = 1900...2999

    static func day(_ text: String) -> LocalDate? {
        guard let d = LocalDate(iso: text), years.contains(d.year) else { return nil }
        return d
    }

    /// "YYYY-MM" in range.
    static func month(_ text: String) -> Bool {
        text.count == 7 && day(text + "-01") != nil
    }
}

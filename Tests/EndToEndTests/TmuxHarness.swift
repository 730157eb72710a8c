import Foundation

/// Drives the real `fayuan` binary in a private tmux server: fixed size, LANG=C.UTF-8 unless told
/// otherwise, keys sent by name or literally (Chinese with -l), and waits for text on screen with
/// a deadline — never a fixed sleep. (../shared/design/ncurses-notes.md §8.)
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let socket: String
    let session = "e2e"
    let workDir: URL

    /// Starts `fayuan ARGS` in a new tmux server. `environment` is set for the app; `unset` names
    /// variables removed from its environment (e.g. LANG to test the locale repair).
    /// `setUp` runs before the app starts, with the store path (e.g. to add operators with the CLI).
    /// `program` runs another program instead of fayuan (e.g. bash, to try the shell completion).
    init(arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:],
         unset: [String] = [], langUTF8: Bool = true, program: String? = nil,
         setUp: ((String) throws -> Void)? = nil) throws {
        socket = "fayuan-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        let binary = try program ?? Self.binaryPath()
        var env = environment
        if env["FAYUAN_DB"] == nil { env["FAYUAN_DB"] = workDir.appendingPathComponent("e2e.db").path }
        if env["XDG_CONFIG_HOME"] == nil { env["XDG_CONFIG_HOME"] = workDir.appendingPathComponent("config").path }
        let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let unsets = unset.map { "-u \($0)" }.joined(separator: " ")
        try setUp?(env["FAYUAN_DB"]!)
        let pidFile = workDir.appendingPathComponent("pid").path
        let command = "env \(unsets) \(exports) sh -c 'echo $$ > \(pidFile); exec \"$0\" \"$@\"' "
            + ([binary] + arguments).map(Self.quote).joined(separator: " ")
            + "; echo EXITED rc=$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo STTY-END; sleep 120"
        var args = ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        if langUTF8 { args += ["-e", "LANG=C.UTF-8"] }
        args.append(command)
        try tmux(args)
    }

    /// The store this session's app uses.
    var storePath: String { workDir.appendingPathComponent("e2e.db").path }

    /// Starts the console on a store with one operator and logs in through the login screen.
    /// Fewer KDF rounds keep the test fast; the login path is the real one.
    static func loggedIn(name: String = "张敏", role: String = "admin", pin: String = "246810",
                         arguments: [String] = [], width: Int = 80, height: Int = 24,
                         environment: [String: String] = [:], setUp: ((String) throws -> Void)? = nil) throws -> TmuxSession {
        let tmux = try TmuxSession(arguments: arguments, width: width, height: height, environment: environment) { db in
            try addOperator(db: db, name: name, role: role, pin: pin)
            try setUp?(db)
        }
        try tmux.logIn(name: name, pin: pin)
        return tmux
    }

    /// Picks the operator by typing their name into the list (when given; else the one already
    /// selected), types the PIN and waits for the home screen.
    func logIn(name: String? = nil, pin: String) throws {
        try waitFor("输入 PIN")
        if let name { try type(name) }
        try press("Tab")
        try type(pin)
        try press("Enter")
        try waitFor("已登录")
    }

    /// On the lock screen (focus on the PIN): picks another operator by the first characters of
    /// their name, waits until the list shows `shown`, and enters their PIN. The caller waits for
    /// what follows (已登录 or 已解锁).
    func handOver(typing prefix: String, shown: String, pin: String) throws {
        try press("BTab")
        try type(prefix)
        try waitFor("操作员  " + shown)
        try press("Tab")
        try type(pin)
        try press("Enter")
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: workDir)
    }

    /// The pid of the fayuan process (the shell execs into it).
    func appPID(timeout: Double = 10) throws -> pid_t {
        let path = workDir.appendingPathComponent("pid").path
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
            usleep(10_000)
        }
        throw Failure(description: "没有得到进程号 (no pid file)")
    }

    /// Sends tmux key names: "F1", "Tab", "BTab", "Enter", "Escape", "C-u".
    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", session, key]) }
    }

    /// Types literal text (UTF-8, so Chinese arrives as typed through an input method).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen as text, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    /// A tmux format value of the pane, e.g. "#{cursor_flag}", "#{alternate_on}".
    func paneFormat(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until `text` is on screen; returns that screen, or throws with the screen it saw.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `text` is gone from the screen.
    @discardableResult
    func waitForAbsence(_ text: String, timeout: Double = 15) throws -> String {
        try waitUntil("不再显示“\(text)”", timeout: timeout) { !$0.contains(text) }
    }

    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var previous: String?
        while Date() < deadline {
            last = try screen()
            // The condition must hold on two identical captures in a row: a capture can catch the
            // terminal half-way through a redraw (new header, old body) on a loaded machine.
            if condition(last) {
                if previous == last { return last }
                previous = last
            } else {
                previous = nil
            }
            usleep(10_000)
        }
        throw Failure(description: "等待超时：\(what)\n画面如下：\n\(last)")
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let result = try spawn(["tmux", "-L", socket, "-f", "/dev/null"] + args)
        guard result.status == 0 || args.first == "kill-server" else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) 失败 (rc=\(result.status))")
        }
        return result.stdout
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The binary under test: $FAYUAN_BIN, else .build/debug/fayuan of this package.
    static func binaryPath() throws -> String {
        if let env = ProcessInfo.processInfo.environment["FAYUAN_BIN"], !env.isEmpty { return env }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.appendingPathComponent(".build/debug/fayuan").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else {
            throw Failure(description: "找不到 fayuan 可执行文件：请先运行 swift build（make test 会自动构建），或设置 FAYUAN_BIN")
        }
        return candidate
    }
}

/// Runs a program and waits for it with posix_spawn/waitpid. (Foundation's Process can wait
/// forever on Linux when the child leaves a daemon behind, as `tmux new-session` does.) Output
/// goes through temporary files, never pipes a daemon could hold open.
func spawn(_ argv: [String], environment: [String: String]? = nil, stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let dir = FileManager.default.temporaryDirectory
    let outPath = dir.appendingPathComponent("spawn-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out").path
    let errPath = outPath + ".err"
    let inPath = outPath + ".in"
    defer { unlink(outPath); unlink(errPath); unlink(inPath) }
    if let stdin {
        guard FileManager.default.createFile(atPath: inPath, contents: Data(stdin.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw TmuxSession.Failure(description: "无法写入标准输入文件")
        }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin == nil ? "/dev/null" : inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment ?? [:] { env[k] = v }
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    var cEnv: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    // The test runner's threads block signals; a child (and the tmux server it may start, and the
    // app under test) would inherit that mask. Start children with a clean mask and defaults.
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigdefault(&attr, &all)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, argv[0], &actions, &attr, &cArgs, &cEnv)
    guard rc == 0 else { throw TmuxSession.Failure(description: "无法启动 \(argv[0])：errno \(rc)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return (exit, out, err)
}

/// The administrator the harness adds itself when a test's first operator is not one (the
/// command line lets only an administrator be the first operator of a store).
let harnessAdmin = (name: "测试管理员", pin: "135792")

/// Which administrator (name, PIN) each test store can be managed as, so later `addOperator`
/// calls can prove one. Tests run in parallel: guarded by a lock.
final class AdminBook: @unchecked Sendable {
    private let lock = NSLock()
    private var admins: [String: (name: String, pin: String)] = [:]
    subscript(db: String) -> (name: String, pin: String)? {
        get { lock.lock(); defer { lock.unlock() }; return admins[db] }
        set { lock.lock(); admins[db] = newValue; lock.unlock() }
    }
}
let adminBook = AdminBook()

/// Adds an operator to a store through the CLI (`fayuan user add`), the way an administrator
/// would: the first administrator of an empty store needs no identity; everyone else is added by
/// an administrator proving themself (`--operator`, their PIN then the new PIN on stdin). When the
/// store has no administrator yet, the harness makes `harnessAdmin` first. Add operators before
/// `seed` (seeded operators have no PIN and cannot act).
func addOperator(db: String, name: String, role: String, pin: String) throws {
    let add = ["user", "add", "--db", db, "--name", name, "--role", role, "--kdf-rounds", "1000"]
    if role == "admin", adminBook[db] == nil {
        let first = try runFayuan(add, stdin: pin + "\n")
        if first.status == 0 { adminBook[db] = (name, pin); return }
    }
    if adminBook[db] == nil {
        let made = try runFayuan(["user", "add", "--db", db, "--name", harnessAdmin.name, "--role", "admin", "--kdf-rounds", "1000"],
                                 stdin: harnessAdmin.pin + "\n")
        guard made.status == 0 else { throw TmuxSession.Failure(description: "添加测试管理员失败：\(made.stderr)") }
        adminBook[db] = harnessAdmin
    }
    let admin = adminBook[db]!
    let result = try runFayuan(as: admin.name, pin: admin.pin, add, moreStdin: pin + "\n")
    guard result.status == 0 else {
        throw TmuxSession.Failure(description: "添加操作员失败：\(result.stderr)")
    }
}

/// Runs the fayuan binary without a terminal (for subcommands and start-up errors). `stdin` is
/// what the program reads on standard input (a file, so it is not a terminal).
func runFayuan(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    try spawn([try TmuxSession.binaryPath()] + arguments, environment: environment, stdin: stdin)
}

/// Runs a subcommand as an operator: `--operator NAME` on the command line, the PIN as the first
/// line of standard input (never on argv), then `moreStdin` (e.g. a new PIN).
func runFayuan(as name: String, pin: String, _ arguments: [String], environment: [String: String] = [:],
               moreStdin: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
    try runFayuan(arguments + ["--operator", name], environment: environment, stdin: pin + "\n" + moreStdin)
}

/// Runs a subcommand as the administrator the harness knows for `db` (see `addOperator`).
func runFayuanAsAdmin(db: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    guard let admin = adminBook[db] else { throw TmuxSession.Failure(description: "该测试库还没有管理员：\(db)") }
    return try runFayuan(as: admin.name, pin: admin.pin, arguments)
}

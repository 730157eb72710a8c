import Foundation

/// Voice call-out through espeak-ng ("请 A012 号到 2 号窗口"), optional per station and off by
/// default. The speech process is started and never waited for, so a slow or missing speaker
/// never blocks a window or the display; finished children are reaped on the next call.
public final class CallAnnouncer: @unchecked Sendable {  // `running` is guarded by `lock`
    /// The `queue.voice` setting: where calls are spoken.
    public enum Mode: String, Sendable, CaseIterable {
        case off, window, display
    }

    private let program: String
    private var running: [pid_t] = []
    private let lock = NSLock()

    public init(program: String = "espeak-ng") { self.program = program }

    /// The full path of the speech program, or nil when it is not installed.
    public func executable() -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts speaking `text` in Chinese with the espeak-ng voice `voice` (the `queue.voice_name`
    /// setting, chosen in 管理 → 系统设置) and returns at once; false when espeak-ng is missing.
    @discardableResult
    public func speak(_ text: String, voice: String = "zh") -> Bool {
        reap()
        guard let path = executable() else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Its output must not land on the curses screen.
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = [path, "-v", voice.isEmpty ? "zh" : voice, text]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, &cArgs, environ) == 0 else { return false }
        lock.withLock { running.append(pid) }
        return true
    }

    private func reap() {
        lock.lock()
        defer { lock.unlock() }
        running.removeAll { pid in
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) != 0
        }
    }
}

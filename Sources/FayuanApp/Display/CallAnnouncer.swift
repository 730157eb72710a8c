import Foundation

/// Voice call-out through espeak-ng's Mandarin voice ("请 A 零五零 号，到 二 号窗口"), optional
/// per station and off by default.
///
/// Announcements are queued and spoken one after another by one background thread, which waits
/// for each espeak-ng to finish before starting the next: six calls in three seconds are six
/// announcements in order, never six voices at once. `speak` itself returns at once, so a slow
/// speaker never blocks a window or the display. One shared announcer per process (`shared`)
/// so every screen's calls go through the same queue.
public final class CallAnnouncer: @unchecked Sendable {  // mutable state is guarded by `lock`
    /// The `queue.voice` setting: where calls are spoken.
    public enum Mode: String, Sendable, CaseIterable {
        case off, window, display
    }

    /// The voice used when the setting is empty or names espeak-ng's "zh" (mb-cn1, an MBROLA voice
    /// that is not installed, with which espeak-ng spelled Hanzi as English pinyin: "king three").
    public static let defaultVoice = "cmn"

    /// The process-wide announcer (espeak-ng from PATH).
    public static let shared = CallAnnouncer()

    private let program: String
    private let lock = NSCondition()
    private var pending: [(text: String, voice: String)] = []
    private var worker: Thread?
    private var speaking = false
    private var missingReported = false

    private let searchPath: String?

    /// `searchPath` (a PATH-style list) replaces $PATH for finding `program`; tests put a
    /// recording stand-in for espeak-ng there.
    public init(program: String = "espeak-ng", searchPath: String? = nil) {
        self.program = program
        self.searchPath = searchPath
    }

    /// The full path of the speech program, or nil when it is not installed.
    public func executable() -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The espeak-ng voice for a setting value: the Mandarin voice unless another is named.
    public static func voiceName(_ setting: String?) -> String {
        let v = (setting ?? "").trimmingCharacters(in: .whitespaces)
        return v.isEmpty || v == "zh" || v == "zh-cn" ? defaultVoice : v
    }

    /// Queues `text` (made speakable with `spokenText`) and returns at once; false when
    /// espeak-ng is missing (nothing is queued).
    @discardableResult
    public func speak(_ text: String, voice: String = CallAnnouncer.defaultVoice) -> Bool {
        guard let path = executable() else { return false }
        let spoken = Self.spokenText(text)
        guard !spoken.isEmpty else { return true }
        lock.lock()
        pending.append((spoken, Self.voiceName(voice)))
        if worker == nil {
            // The thread keeps the announcer alive until its queue is spoken (a screen may
            // create one, queue a call and let go of it).
            let thread = Thread { self.drain(path: path) }
            thread.name = "法援语音播报"
            worker = thread
            thread.start()
        }
        lock.signal()
        lock.unlock()
        return true
    }

    /// Queues a call: "请 A050 号到 2 号窗口" read as a caller reads it.
    @discardableResult
    public func announceCall(code: String, window: String, voice: String = CallAnnouncer.defaultVoice) -> Bool {
        speak("请 \(code) 号到 \(window) 号窗口", voice: voice)
    }

    /// True the first time it is asked after espeak-ng was found missing: the screen says so in
    /// words once, not on every call.
    public func missingNoticeDue() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard executable() == nil, !missingReported else { return false }
        missingReported = true
        return true
    }

    /// Blocks until everything queued has been spoken (for tests and an orderly exit).
    public func waitUntilIdle(timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while !pending.isEmpty || speaking {
            if !lock.wait(until: deadline) { return false }
        }
        return true
    }

    private func drain(path: String) {
        while true {
            lock.lock()
            while pending.isEmpty { lock.wait() }
            let next = pending.removeFirst()
            speaking = true
            lock.unlock()
            Self.run(path: path, voice: next.voice, text: next.text)
            lock.lock()
            speaking = false
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Starts espeak-ng and waits for it (on the announcer's own thread).
    private static func run(path: String, voice: String, text: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Its output must not land on the curses screen.
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = [path, "-v", voice, text]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, &cArgs, environ) == 0 else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    // MARK: - What is said

    static let digitNames: [Character: String] = [
        "0": "零", "1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六", "7": "七", "8": "八", "9": "九",
    ]

    /// Text as it should be read aloud:
    /// - runs of digits are read digit by digit in Chinese, as a caller reads a queue number
    ///   (A050 → "A 零五零", never 零五十 or "fifty"); a letter prefix is set apart;
    /// - masked values (any word containing * or ＊, e.g. 1405**********1234) are never read:
    ///   they become "（已隐去）";
    /// - "号" after a number is kept, so "请 A050 号到 2 号窗口" → "请 A 零五零 号，到 二 号窗口".
    public static func spokenText(_ text: String) -> String {
        var words: [String] = []
        let unmasked = text.replacingOccurrences(of: "[0-9A-Za-z]*[*＊•]+[0-9A-Za-z*＊•]*", with: " （已隐去） ",
                                                 options: .regularExpression)
        for word in unmasked.split(whereSeparator: { $0 == " " || $0 == "　" }) {
            var out = ""
            var previousWasDigit = false, previousWasLetter = false
            for ch in word {
                if let name = digitNames[ch] {
                    if previousWasLetter { out += " " }
                    out += name
                    previousWasDigit = true; previousWasLetter = false
                } else {
                    if previousWasDigit { out += " " }
                    out.append(ch)
                    previousWasDigit = false
                    previousWasLetter = ch.isASCII && ch.isLetter
                }
            }
            words.append(out)
        }
        // A pause after "号" when a window follows reads more naturally: "号，到".
        return words.joined(separator: " ").replacingOccurrences(of: " 号到 ", with: " 号，到 ")
            .replacingOccurrences(of: "号到", with: "号，到")
    }
}

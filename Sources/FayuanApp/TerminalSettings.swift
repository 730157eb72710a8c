import Foundation

/// What this terminal is, remembered across starts: which service window it serves. Kept per
/// terminal (host and tty), not per operator — whoever logs in at window 2 is at window 2 — in
/// $XDG_CONFIG_HOME/fayuan/terminal.toml (or ~/.config/fayuan/terminal.toml):
///
///     ["窗口机-1:/dev/pts/3"]
///     window = "2"
public struct TerminalSettings: Sendable, Equatable {
    public let path: String
    /// "host:tty"; nil when standard input is not a terminal (tests, pipes): nothing is remembered.
    public let key: String?

    public init(path: String, key: String?) { self.path = path; self.key = key }

    /// This process's terminal and settings file.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalSettings {
        let dir: String
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { dir = xdg } else { dir = NSHomeDirectory() + "/.config" }
        var key: String?
        if isatty(0) == 1, let tty = ttyname(0) {
            key = ProcessInfo.processInfo.hostName + ":" + String(cString: tty)
        }
        return TerminalSettings(path: dir + "/fayuan/terminal.toml", key: key)
    }

    /// Every terminal's window, by key.
    func entries() -> [(key: String, window: String)] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var out: [(String, String)] = []
        var section: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[\""), line.hasSuffix("\"]") {
                section = String(line.dropFirst(2).dropLast(2))
            } else if let section, line.hasPrefix("window"), let eq = line.firstIndex(of: "=") {
                let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if !value.isEmpty { out.append((section, value)) }
            }
        }
        return out
    }

    /// The window this terminal was last set to.
    public var window: String? {
        guard let key else { return nil }
        return entries().last { $0.key == key }?.window
    }

    /// Remembers this terminal's window (other terminals' lines are kept). Written whole to a
    /// temporary file and renamed, so a crash never leaves half a file.
    public func remember(window: String) throws {
        guard let key else { return }
        var all = entries().filter { $0.key != key }
        all.append((key, window))
        var text = "# 法援：各终端的窗口号（按主机和终端区分，在排队叫号画面按 w 设置）\n"
        for entry in all { text += "\n[\"\(entry.key)\"]\nwindow = \"\(entry.window)\"\n" }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

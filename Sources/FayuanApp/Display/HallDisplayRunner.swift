import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// Runs the hall display on a real terminal: no login, no operator. Polls the store every
/// `pollMilliseconds` (two indexed queries on today's tickets) and redraws; quits on the
/// keymap's quit keys (F10, Ctrl-Q), SIGTERM or SIGHUP. Speaks each new call when the station's
/// `queue.voice` setting is "display".
public enum HallDisplayRunner {
    public static func run(store: CaseStore, station: Station, terminal: Terminal, keymap: Keymap, theme: Theme,
                           timeZone: TimeZone = .current, pollMilliseconds: Int = 250,
                           announcer: CallAnnouncer = .shared, clock: () -> Date = { Date() }) -> Int32 {
        var display = HallDisplay(stationName: station.name)
        var frame = GridCanvas(width: terminal.size.width, height: terminal.size.height)
        let quitKey = keymap.keys(for: StandardAction.quit).first?.label ?? "F10"
        var tracker = CallTracker()
        var voice = CallAnnouncer.Mode.off
        var voiceName = CallAnnouncer.defaultVoice
        var polls = 0
        while true {
            if let signal = terminal.takePendingSignal() {
                terminal.stop()
                return 128 + signal
            }
            let now = clock()
            let day = QueueFormat.day(now, timeZone: timeZone)
            do {
                if polls % 40 == 0 {   // settings change rarely: every ~10 s
                    voice = CallAnnouncer.Mode(rawValue: try store.queueSetting("voice", station: station) ?? "off") ?? .off
                    voiceName = CallAnnouncer.voiceName(try store.queueSetting("voice_name", station: station))
                }
                let board = try store.hallBoard(station: station, on: day)
                display.board = board
                display.problem = nil
                // Speak every call that appears while running, oldest first, even several
                // within one poll (not the ones already on the board at start).
                if let missing = announceNewCalls(board, tracker: &tracker, announcer: announcer, voice: voice,
                                                  voiceName: voiceName) {
                    display.notice = missing
                }
            } catch {
                display.problem = "读取案件库失败，正在重试：\(error)"
            }
            polls += 1
            if frame.size != terminal.size {
                frame.resize(width: terminal.size.width, height: terminal.size.height)
                terminal.invalidate()
            }
            frame.reset()
            display.view(&frame, now: now, timeZone: timeZone, theme: theme, quitKey: quitKey)
            terminal.present(frame)
            if let key = terminal.readKey(timeoutMs: pollMilliseconds) {
                switch keymap.action(for: key, screen: "display") {
                case StandardAction.quit?:
                    terminal.stop()
                    return 0
                case StandardAction.redraw?:
                    terminal.invalidate()
                default:
                    break
                }
            }
        }
    }
}

/// Which calls on the hall board are new since the last poll. A call is its number and the time
/// it was called, so a recall (重呼) is announced again and a call is never announced twice.
/// The board as first seen is taken as already announced.
extension HallDisplayRunner {
    /// Shown (once, it stays in the footer) when calls should be spoken and espeak-ng is missing.
    public static let speechMissingNotice = "语音叫号已开启，但本机没有安装 espeak-ng（语音合成），叫号只显示不播报"

    /// Queues every call new on `board` (oldest first) when the station speaks at the display;
    /// returns the notice to show when the speech program is missing.
    public static func announceNewCalls(_ board: HallBoard, tracker: inout CallTracker, announcer: CallAnnouncer,
                                        voice: CallAnnouncer.Mode, voiceName: String) -> String? {
        var missing = false
        for call in tracker.newCalls(in: board) where voice == .display {
            if !announcer.announceCall(code: call.code, window: call.window, voice: voiceName) { missing = true }
        }
        return missing ? speechMissingNotice : nil
    }
}

public struct CallTracker: Sendable {
    private var seen: Set<String> = []
    private var primed = false

    public init() {}

    /// New calls, oldest first (the order they were made).
    public mutating func newCalls(in board: HallBoard) -> [HallBoard.Call] {
        let keyed = board.calls.map { ("\($0.code)@\($0.calledAt)", $0) }
        defer { primed = true; seen.formUnion(keyed.map(\.0)) }
        guard primed else { return [] }
        return keyed.filter { !seen.contains($0.0) }.map(\.1).sorted { $0.calledAt < $1.calledAt }
    }
}

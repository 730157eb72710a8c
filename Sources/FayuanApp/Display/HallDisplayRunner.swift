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
                           announcer: CallAnnouncer = CallAnnouncer(), clock: () -> Date = { Date() }) -> Int32 {
        var display = HallDisplay(stationName: station.name)
        var frame = GridCanvas(width: terminal.size.width, height: terminal.size.height)
        let quitKey = keymap.keys(for: StandardAction.quit).first?.label ?? "F10"
        var lastAnnounced: String?
        var voice = CallAnnouncer.Mode.off
        var voiceName = "zh"
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
                    voiceName = try store.queueSetting("voice_name", station: station) ?? "zh"
                }
                let board = try store.hallBoard(station: station, on: day)
                display.board = board
                display.problem = nil
                // Speak calls that appear while running (not the ones already on the board at start).
                let newest = board.calls.first.map { "\($0.code)@\($0.calledAt)" }
                if polls > 0, voice == .display, let call = board.calls.first, newest != lastAnnounced {
                    if !announcer.speak(QueueFormat.callSentence(code: call.code, window: call.window), voice: voiceName) {
                        display.notice = "语音叫号已开启，但本机没有安装 espeak-ng"
                    }
                }
                lastAnnounced = newest
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

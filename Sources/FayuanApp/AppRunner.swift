import Foundation
import TerminalKit

/// Runs an `App` on the real terminal until it quits or a termination signal arrives.
public enum AppRunner {
    /// Returns the process exit status: 0 after a normal quit, 128+signal after SIGTERM/SIGHUP.
    public static func run(_ app: App, terminal: Terminal) -> Int32 {
        var frame = GridCanvas(width: terminal.size.width, height: terminal.size.height)
        // Store and rule work off the key loop; drafts through this terminal's journal.
        app.runEffectsInBackground(journalDirectory: DraftJournal.directory())
        var lastTick = Date()
        var exitStatus: Int32 = 0
        draw(app, &frame, terminal)
        while !app.shouldQuit {
            if let signal = terminal.takePendingSignal() {
                app.hangUp()
                exitStatus = 128 + signal
                break
            }
            // While work is out, wake often to hand its results over; otherwise wait for a key.
            if let key = terminal.readKey(timeoutMs: app.hasPendingWork ? 10 : 1000) {
                app.handle(key)
            }
            app.deliverCompleted()
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                app.tick()
            }
            if app.shouldQuit { break }
            draw(app, &frame, terminal)
            // The key's effect is on screen; give the work it started a moment (reads take
            // milliseconds) so the next key acts on its result, but never longer than a second.
            if app.hasPendingWork {
                app.awaitPending(timeout: 1)
                if app.shouldQuit { break }
                draw(app, &frame, terminal)
            }
        }
        terminal.stop()
        app.shutDown(timeout: 2)
        return exitStatus
    }

    private static func draw(_ app: App, _ frame: inout GridCanvas, _ terminal: Terminal) {
        if frame.size != terminal.size || app.needsFullRedraw {
            frame.resize(width: terminal.size.width, height: terminal.size.height)
            terminal.invalidate()
            app.needsFullRedraw = false
        }
        frame.reset()
        app.render(into: &frame)
        terminal.present(frame)
    }
}

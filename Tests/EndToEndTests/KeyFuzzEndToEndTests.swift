import Foundation
import Testing

/// A short fuzz run against the real binary: random keys (Chinese, function keys, stray escape
/// sequences, control characters) and resizes from 10×3 to 200×60; the console must still be
/// there and quit cleanly afterwards. The long variant is KeyFuzzTests on the grid backend.
@Suite struct KeyFuzzEndToEndTests {
    @Test func randomKeysAndResizesInTmux() throws {
        let tmux = try TmuxSession.loggedIn()
        var rng = SystemRandomNumberGenerator()
        var seed: UInt64 = 0x00F0_0D5E_ED00
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        _ = rng.next()
        let named = ["Up", "Down", "Left", "Right", "Tab", "BTab", "Enter", "Escape", "BSpace", "DC", "Home", "End",
                     "PPage", "NPage", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F9", "F11", "C-u", "C-a", "C-e", "M-2"]
        let text = ["张三丰", "李", "劳动报酬", "a", "1", "；", "\u{1b}[99~", "\u{1b}O", "\u{7}", "zsf"]
        let steps = Int(ProcessInfo.processInfo.environment["FAYUAN_E2E_FUZZ_KEYS"] ?? "") ?? 250
        for step in 0..<steps {
            switch next(10) {
            case 0..<5: try tmux.press(named[next(named.count)])
            case 5..<9: try tmux.type(text[next(text.count)])
            default:
                try tmux.resize(width: 10 + next(190), height: 3 + next(57))
            }
            if step % 50 == 49 {
                // Still alive and drawing: the pane has not fallen back to the shell.
                #expect(!(try tmux.screen()).contains("EXITED"), "程序在第 \(step) 步退出了")
            }
        }
        try tmux.resize(width: 80, height: 24)
        // Close whatever the fuzz left open (help, a question), then lock: a known state.
        try tmux.press("Escape", "Escape", "Escape")
        try tmux.press("F12")
        try tmux.waitFor("已锁屏")
        try tmux.press("F10")
        let end = try tmux.waitFor("STTY-END")
        #expect(end.contains("EXITED rc=0"), "\(end)")
    }
}

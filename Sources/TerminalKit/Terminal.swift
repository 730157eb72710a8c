import CNcursesw

/// Why the terminal could not be started.
public enum TerminalError: Error, CustomStringConvertible {
    case noUTF8Locale
    case notATerminal
    case initFailed

    public var description: String {
        switch self {
        case .noUTF8Locale:
            return "无法启用 UTF-8 字符集，中文无法显示。请设置 LANG=C.UTF-8 后重试。(No UTF-8 locale available; set LANG=C.UTF-8.)"
        case .notATerminal:
            return "标准输入或输出不是终端，无法打开界面。请在终端中运行，或使用子命令。(stdin/stdout is not a terminal.)"
        case .initFailed:
            return "终端初始化失败（TERM 设置有误？）。(Terminal initialisation failed; check TERM.)"
        }
    }
}

/// The real terminal through ncursesw: the backend behind the grid.
///
/// A frame is drawn into a `GridCanvas`; `present` sends ncurses only the rows that changed
/// since the previous frame, and ncurses in turn sends the terminal only the changed cells.
public final class Terminal {
    public private(set) var size: Size
    private var previous: GridCanvas?
    private var colorPairs: [Int: Int16] = [:]
    private let colorsEnabled: Bool
    private var running = true

    /// Repairs the locale, saves the tty state, enters raw mode and installs signal handlers
    /// that restore the terminal on SIGTERM, SIGHUP and crashes.
    public init(useColor: Bool = true) throws {
        guard Locale.ensureUTF8() else { throw TerminalError.noUTF8Locale }
        guard cn_is_tty(0) != 0, cn_is_tty(1) != 0 else { throw TerminalError.notATerminal }
        cn_save_termios()
        guard initscr() != nil else { throw TerminalError.initFailed }
        cn_install_signal_handlers()
        raw()                 // Ctrl-C/S/Q reach the app instead of the tty driver
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        set_escdelay(25)      // Esc answers at once instead of after 1 s
        if useColor && has_colors() {
            start_color()
            use_default_colors()
            colorsEnabled = true
        } else {
            colorsEnabled = false
        }
        size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
    }

    deinit { stop() }

    /// Leaves curses mode; the terminal is as it was before start. Safe to call twice.
    public func stop() {
        guard running else { return }
        running = false
        curs_set(1)
        endwin()
    }

    /// A termination signal received since the last call (SIGTERM, SIGHUP, SIGINT), or nil.
    public func takePendingSignal() -> Int32? {
        let s = cn_take_pending_signal()
        return s == 0 ? nil : s
    }

    /// Waits up to `timeoutMs` for a key (nil on time-out or interruption by a signal).
    public func readKey(timeoutMs: Int) -> Key? {
        wtimeout(cn_stdscr(), Int32(timeoutMs))
        var code: UInt32 = 0
        let rc = cn_get_wch(&code)
        if rc == ERR { return nil }
        if rc == KEY_CODE_YES {
            let key = KeyDecoder.functionKey(Int32(bitPattern: code))
            if key == .resize { size = Size(width: Int(cn_cols()), height: Int(cn_lines())); previous = nil }
            return key
        }
        if code == 27 {
            // What follows at once decides: nothing → Esc; a character → Alt-<char>; the rest of
            // an escape sequence ncurses did not recognise → dropped whole (see KeyDecoder.escape).
            wtimeout(cn_stdscr(), 0)
            return KeyDecoder.escape {
                var next: UInt32 = 0
                let rc2 = cn_get_wch(&next)
                if rc2 == OK { return .character(next) }
                if rc2 == KEY_CODE_YES { return .keyCode(Int32(bitPattern: next)) }
                return .none
            }
        }
        return KeyDecoder.character(code)
    }

    /// Draws a frame. Rows equal to the previous frame are skipped.
    public func present(_ frame: GridCanvas) {
        let w = min(frame.size.width, size.width), h = min(frame.size.height, size.height)
        let sameShape = previous?.size == frame.size
        for y in 0..<h {
            if sameShape, let prev = previous, rowEqual(prev, frame, y) { continue }
            var x = 0
            while x < w {
                let cell = frame[x, y]
                if cell.isContinuation { x += 1; continue }
                let (attrs, pair) = curses(cell.style)
                let width = TextWidth.of(cell.character)
                if width == 2 && x + 1 >= w {
                    _ = cn_put_cell(Int32(y), Int32(x), 0x20, attrs, pair)
                } else {
                    let scalars = Array(cell.character.unicodeScalars)
                    _ = cn_put_cell(Int32(y), Int32(x), scalars.first?.value ?? 0x20, attrs, pair)
                }
                x += max(1, width)
            }
        }
        if let c = frame.cursor, c.x >= 0, c.y >= 0, c.x < w, c.y < h {
            wmove(cn_stdscr(), Int32(c.y), Int32(c.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(cn_stdscr())
        previous = frame
    }

    /// Forces the next `present` to redraw everything (after Ctrl-L or a resize).
    public func invalidate() {
        previous = nil
        clearok(cn_stdscr(), true)
    }

    private func rowEqual(_ a: GridCanvas, _ b: GridCanvas, _ y: Int) -> Bool {
        let start = y * a.size.width
        return a.cells[start..<(start + a.size.width)] == b.cells[start..<(start + b.size.width)]
    }

    private func curses(_ style: Style) -> (UInt32, Int16) {
        var attrs = cn_a_normal()
        if style.attributes.contains(.bold) { attrs |= cn_a_bold() }
        if style.attributes.contains(.reverse) { attrs |= cn_a_reverse() }
        if style.attributes.contains(.underline) { attrs |= cn_a_underline() }
        if style.attributes.contains(.dim) { attrs |= cn_a_dim() }
        guard colorsEnabled, style.foreground != .default || style.background != .default else { return (attrs, 0) }
        let key = (style.foreground.rawValue + 1) * 16 + (style.background.rawValue + 1)
        if let pair = colorPairs[key] { return (attrs, pair) }
        let next = Int16(colorPairs.count + 1)
        guard Int32(next) < cn_color_pairs() else { return (attrs, 0) }
        init_pair(next, Int16(style.foreground.rawValue), Int16(style.background.rawValue))
        colorPairs[key] = next
        return (attrs, next)
    }
}

/// Turns ncurses key codes and characters into `Key`s.
public enum KeyDecoder {
    public static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            for n in 1...24 where cn_key_f(Int32(n)) == code { return .function(n) }
            return .unknown(Int(code))
        }
    }

    /// What `get_wch` gave right after an Esc.
    public enum Follower: Sendable, Equatable {
        case none
        case character(UInt32)
        case keyCode(Int32)
    }

    /// Decodes what follows an Esc. Esc alone is Esc; Esc + a printable character is Alt-<char>.
    /// Esc + "[" or "O" followed by more is an escape sequence ncurses has no entry for (a key
    /// this terminal's terminfo does not describe, e.g. ESC [ 1 ~ or ESC [ 1 ; 9 A): it is read to
    /// its final byte and dropped whole, so its tail ("1~") never lands in a field as text.
    public static func escape(_ read: () -> Follower) -> Key {
        switch read() {
        case .none:
            return .escape
        case .keyCode(let code):
            return functionKey(code)
        case .character(let first):
            guard first == 0x5B || first == 0x4F else {
                guard first >= 0x20, first != 0x7F, let scalar = Unicode.Scalar(first) else { return .escape }
                return .alt(Character(scalar))
            }
            let introducer = Character(Unicode.Scalar(UInt8(first)))
            guard case .character(let second) = read() else { return .alt(introducer) }
            if first == 0x4F { return .unknown(Int(second)) }          // SS3 + one final character
            // CSI: parameter bytes 0x30–0x3F and intermediate bytes 0x20–0x2F, then a final byte
            // 0x40–0x7E. Bounded, so a stray Esc-[ followed by typing cannot swallow much.
            var byte = second
            for _ in 0..<32 {
                if (0x40...0x7E).contains(byte) { return .unknown(Int(byte)) }
                guard (0x20...0x3F).contains(byte), case .character(let more) = read() else { break }
                byte = more
            }
            return .unknown(0)
        }
    }

    /// A character code from get_wch (not a function key).
    public static func character(_ code: UInt32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard code >= 0x20, let scalar = Unicode.Scalar(code) else { return .unknown(Int(code)) }
            return .character(Character(scalar))
        }
    }
}

/// A key press, decoded from the terminal. Screens never see these directly: the keymap turns
/// them into action ids, and only text fields read the characters typed.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case function(Int)          // F1…F24
    case ctrl(Character)        // Ctrl-A … Ctrl-Z (lower-case letter)
    case alt(Character)         // Esc-prefixed character
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete, backspace
    case enter, tab, backTab, escape
    case resize
    /// A terminal code the decoder does not know; ignored by everything.
    case unknown(Int)

    /// The key's name as written in keymap files ("F2", "Ctrl-S", "Shift-Tab", "a").
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .alt(let c): return "Alt-\(c)"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Insert"
        case .delete: return "Delete"
        case .backspace: return "Backspace"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .resize: return "Resize"
        case .unknown(let n): return "Code\(n)"
        }
    }

    /// Parses a key name as written in keymap files. Case-insensitive for named keys.
    public init?(name raw: String) {
        let name = raw.trimmingSpaces
        guard !name.isEmpty else { return nil }
        let lower = name.lowercased()
        let named: [String: Key] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "insert": .insert, "ins": .insert, "delete": .delete, "del": .delete,
            "backspace": .backspace, "enter": .enter, "return": .enter, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "esc": .escape, "escape": .escape, "space": .character(" "),
        ]
        if let k = named[lower] { self = k; return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { self = .function(n); return }
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
            let rest = lower.hasPrefix("ctrl-") ? lower.dropFirst(5) : lower.dropFirst(2)
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
            self = .ctrl(c); return
        }
        if lower.hasPrefix("alt-") || lower.hasPrefix("m-") {
            let rest = name.dropFirst(lower.hasPrefix("alt-") ? 4 : 2)
            guard rest.count == 1, let c = rest.first else { return nil }
            self = .alt(c); return
        }
        if name.count == 1, let c = name.first, TextWidth.of(c) > 0 { self = .character(c); return }
        return nil
    }

    /// The name shown to users in the function-key bar and help ("F2", "Ctrl-S").
    public var label: String { description }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

/// A stable name for something the user can do ("app.save", "nav.next_field"). Keys map to
/// actions through the keymap; screens and widgets handle actions, never raw key codes, so a
/// remapped key works everywhere and help text is generated from the keymap.
public struct ActionID: Hashable, Sendable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    /// The keymap section the action belongs to: the part before the first dot.
    public var section: String { String(rawValue.prefix { $0 != "." }) }
    public static func < (a: ActionID, b: ActionID) -> Bool { a.rawValue < b.rawValue }
}

/// What a widget or screen receives: an action resolved from the keymap, or typed text.
public enum Input: Hashable, Sendable {
    case action(ActionID)
    case text(Character)
}

/// The actions TerminalKit's widgets understand. Their default keys are in keymaps/default.toml.
public enum StandardAction {
    public static let help: ActionID = "app.help"
    public static let save: ActionID = "app.save"
    public static let quit: ActionID = "app.quit"
    public static let lock: ActionID = "app.lock"
    public static let redraw: ActionID = "app.redraw"

    public static let up: ActionID = "nav.up"
    public static let down: ActionID = "nav.down"
    public static let left: ActionID = "nav.left"
    public static let right: ActionID = "nav.right"
    public static let pageUp: ActionID = "nav.page_up"
    public static let pageDown: ActionID = "nav.page_down"
    public static let home: ActionID = "nav.home"
    public static let end: ActionID = "nav.end"
    public static let nextField: ActionID = "nav.next_field"
    public static let previousField: ActionID = "nav.prev_field"
    public static let confirm: ActionID = "nav.confirm"
    public static let back: ActionID = "nav.back"

    public static let backspace: ActionID = "edit.backspace"
    public static let delete: ActionID = "edit.delete"
    public static let clearLine: ActionID = "edit.clear_line"
    public static let newline: ActionID = "edit.newline"
}

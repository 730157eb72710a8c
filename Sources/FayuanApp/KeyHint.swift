import TerminalKit

extension Keymap {
    /// The key a screen names in its own text for an action ("F2", or "Ctrl-S" under nofkeys):
    /// the first key the active keymap binds, so the words never name a key that does nothing.
    public func hint(_ action: ActionID) -> String {
        keys(for: action).first?.label ?? "（未绑定）"
    }
}

/// A widget that takes input. Widgets are values holding their own state (text, cursor,
/// selection, scroll offset); the screen owns them and passes each input to the focused one.
///
/// Conventions every widget follows:
/// - `handle` returns true when the widget used the input (even if nothing changed, e.g. Left at
///   the start of a field), false when the screen should act on it instead.
/// - `render(in:on:theme:focused:)` draws within the rectangle only, lays out in display columns,
///   and, when focused, puts `canvas.cursor` at the insertion point. It is `mutating` for widgets
///   that keep a scroll offset, since how far to scroll depends on the size they are given.
public protocol InteractiveWidget: Sendable {
    mutating func handle(_ input: Input) -> Bool
}

extension InteractiveWidget {
    /// Types each character of `text`, as a paste or a test would. Returns how many were used.
    @discardableResult
    public mutating func type(_ text: String) -> Int {
        var used = 0
        for scalar in text.unicodeScalars where handle(.text(Character(scalar))) { used += 1 }
        return used
    }

    /// Sends an action; true when the widget used it.
    @discardableResult
    public mutating func perform(_ action: ActionID) -> Bool { handle(.action(action)) }
}

extension TextField: InteractiveWidget {}
extension NumberField: InteractiveWidget {}
extension DateField: InteractiveWidget {}
extension SelectList: InteractiveWidget {}
extension CheckboxGroup: InteractiveWidget {}
extension NoteField: InteractiveWidget {}
extension Table: InteractiveWidget {}
extension ConfirmDialog: InteractiveWidget {}
extension HelpOverlay: InteractiveWidget {}
extension Form: InteractiveWidget {}
extension FormFieldWidget: InteractiveWidget {}

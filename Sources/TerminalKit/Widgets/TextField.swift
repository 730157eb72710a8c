/// A single-line text field: insert anywhere, move by grapheme, Home/End, Backspace/Delete,
/// clear line, horizontal scrolling by columns so the cursor is always visible.
///
/// `render` is `mutating` because it keeps the horizontal scroll offset, which depends on the
/// width the field is given; every widget that scrolls follows that rule.
public struct TextField: Hashable, Sendable {
    private var buffer: EditableText
    /// The value the field started with (or was last marked clean at), for `isDirty`.
    public private(set) var initialText: String
    /// Placeholder shown dimmed while the field is empty and not focused.
    public var placeholder: String
    /// Maximum length in characters (graphemes), nil for no limit.
    public var maxLength: Int?
    public var filter: CharacterFilter
    /// First visible column; kept by `render`.
    public private(set) var scrollOffset: Int = 0

    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil, filter: CharacterFilter = .any) {
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.filter = filter
        var initial = ""
        for ch in text { if let a = filter.accept(ch) { initial.append(a) } }
        if let maxLength { initial = String(initial.prefix(maxLength)) }
        buffer = EditableText(initial)
        initialText = initial
    }

    public var text: String {
        get { buffer.text }
        set { buffer.setText(newValue) }
    }

    /// Insertion point in characters.
    public var cursorIndex: Int { buffer.cursor }
    /// Insertion point in display columns from the start of the text.
    public var cursorColumn: Int { buffer.cursorColumn }
    public var isEmpty: Bool { buffer.isEmpty }
    public var isDirty: Bool { text != initialText }

    /// Accepts the current text as the new baseline (after a save).
    public mutating func markClean() { initialText = text }

    /// Handles editing actions and typed characters. Movement at either end still counts as
    /// consumed so the cursor never leaves the field by surprise; typed characters refused by the
    /// filter or the length limit are swallowed too (nothing else should act on them).
    public mutating func handle(_ input: Input) -> Bool {
        switch input {
        case .text(let c):
            if EditableText.isControl(c) { return false }
            insert(c)
            return true
        case .action(let id):
            switch id {
            case StandardAction.left: buffer.moveLeft()
            case StandardAction.right: buffer.moveRight()
            case StandardAction.home: buffer.moveHome()
            case StandardAction.end: buffer.moveEnd()
            case StandardAction.backspace: buffer.deleteBackward()
            case StandardAction.delete: buffer.deleteForward()
            case StandardAction.clearLine: buffer.clear()
            default: return false
            }
            return true
        }
    }

    /// Inserts one character at the cursor if the filter and length limit allow it; returns
    /// whether the text changed.
    @discardableResult
    public mutating func insert(_ c: Character) -> Bool {
        if EditableText.isCombining(c) {
            // A mark joins the previous character; only free text can carry one.
            guard filter == .any, buffer.cursor > 0 else { return false }
            buffer.insert(c)
            return true
        }
        guard let accepted = filter.accept(c) else { return false }
        let next = buffer.inserting(accepted)
        if let maxLength, next.characters.count > maxLength { return false }
        buffer = next
        return true
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        let style = theme[focused ? .fieldFocused : .field]
        canvas.fill(row, with: " ", style: style)
        if buffer.isEmpty && !focused && !placeholder.isEmpty {
            scrollOffset = 0
            canvas.draw(placeholder.truncated(toWidth: row.width, ellipsis: true), at: Point(x: row.x, y: row.y),
                        style: theme[.placeholder], clip: row)
            return
        }
        if !focused {
            // Without a cursor to follow, show the beginning, and say with "…" that there is more.
            scrollOffset = 0
            canvas.draw(buffer.text.truncated(toWidth: row.width, ellipsis: true), at: Point(x: row.x, y: row.y), style: style, clip: row)
            return
        }
        scrollOffset = HorizontalScroll.offset(current: scrollOffset, characters: buffer.characters,
                                               cursor: buffer.cursor, width: row.width)
        canvas.draw(HorizontalScroll.visible(buffer.characters, from: scrollOffset),
                    at: Point(x: row.x, y: row.y), style: style, clip: row)
        canvas.cursor = Point(x: row.x + buffer.cursorColumn - scrollOffset, y: row.y)
    }
}

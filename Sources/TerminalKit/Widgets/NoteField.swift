/// Multi-line free text (案情摘要, 答复意见): wraps by columns, moves by visual lines keeping the
/// column, scrolls vertically, keeps the cursor at the insertion point.
///
/// Whether Enter (nav.confirm) inserts a newline or leaves the field is the form's decision:
/// `enterInsertsNewline`. The newline action (edit.newline) always inserts one.
public struct NoteField: Hashable, Sendable {
    private var characters: [Character]
    /// Insertion point in characters, 0...characters.count.
    public private(set) var cursorIndex: Int
    public private(set) var initialText: String
    public var placeholder: String
    public var enterInsertsNewline: Bool
    public var maxLength: Int?
    /// First visible visual line; kept by `render`.
    public private(set) var scrollRow: Int = 0
    /// Width of the last render; up/down need the wrapping it implies.
    public private(set) var wrapWidth: Int = 40
    public private(set) var pageSize: Int = 5
    /// Column kept across consecutive up/down moves so passing a short line does not lose it.
    private var goalColumn: Int?

    public init(text: String = "", placeholder: String = "", enterInsertsNewline: Bool = true, maxLength: Int? = nil) {
        characters = Array(text)
        cursorIndex = characters.count
        initialText = text
        self.placeholder = placeholder
        self.enterInsertsNewline = enterInsertsNewline
        self.maxLength = maxLength
    }

    public var text: String {
        get { String(characters) }
        set { characters = Array(newValue); cursorIndex = characters.count; goalColumn = nil }
    }
    public var isEmpty: Bool { characters.isEmpty }
    public var isDirty: Bool { text != initialText }
    public mutating func markClean() { initialText = text }

    /// A visual line: characters [start, end) of one wrapped row, not including a newline.
    /// `isHardEnd` is true when it ends a paragraph (so the position `end` belongs to it).
    struct VisualLine: Hashable { var start: Int; var end: Int; var isHardEnd: Bool }

    /// Wraps by columns, character by character: in an editor the text must not jump around
    /// while typing, which word-keeping would cause. A row that fills the width exactly is followed
    /// by an empty row so the cursor after it has a cell.
    func visualLines(width: Int) -> [VisualLine] {
        let w = max(1, width)
        var lines: [VisualLine] = []
        var start = 0
        var col = 0
        var i = 0
        while i < characters.count {
            let ch = characters[i]
            if ch == "\n" || ch == "\r\n" {
                lines.append(VisualLine(start: start, end: i, isHardEnd: true))
                start = i + 1; col = 0; i += 1
                continue
            }
            let cw = TextWidth.of(ch)
            if col + cw > w && i > start {
                lines.append(VisualLine(start: start, end: i, isHardEnd: false))
                start = i; col = 0
            }
            col += cw; i += 1
        }
        if col >= w && start < characters.count {
            lines.append(VisualLine(start: start, end: characters.count, isHardEnd: false))
            start = characters.count
        }
        lines.append(VisualLine(start: start, end: characters.count, isHardEnd: true))
        return lines
    }

    /// (visual row, column) of the insertion point.
    func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let lines = visualLines(width: width)
        for (r, line) in lines.enumerated() where cursorIndex >= line.start && (cursorIndex < line.end || (cursorIndex == line.end && line.isHardEnd)) {
            return (r, columns(from: line.start, to: cursorIndex))
        }
        return (lines.count - 1, 0)
    }

    private func columns(from a: Int, to b: Int) -> Int {
        var w = 0
        for ch in characters[a..<b] { w += TextWidth.of(ch) }
        return w
    }

    public mutating func handle(_ input: Input) -> Bool {
        switch input {
        case .text(let c):
            if EditableText.isControl(c) { return false }
            if EditableText.isCombining(c) && cursorIndex == 0 { return true }
            insert(c)
            return true
        case .action(let id):
            var keepsGoal = false
            switch id {
            case StandardAction.newline: insert("\n")
            case StandardAction.confirm:
                guard enterInsertsNewline else { return false }
                insert("\n")
            case StandardAction.left: cursorIndex = max(0, cursorIndex - 1)
            case StandardAction.right: cursorIndex = min(characters.count, cursorIndex + 1)
            case StandardAction.up: moveVertically(by: -1); keepsGoal = true
            case StandardAction.down: moveVertically(by: 1); keepsGoal = true
            case StandardAction.pageUp: moveVertically(by: -max(1, pageSize - 1)); keepsGoal = true
            case StandardAction.pageDown: moveVertically(by: max(1, pageSize - 1)); keepsGoal = true
            case StandardAction.home:
                let lines = visualLines(width: wrapWidth)
                cursorIndex = lines[cursorPosition(width: wrapWidth).row].start
            case StandardAction.end:
                let lines = visualLines(width: wrapWidth)
                let line = lines[cursorPosition(width: wrapWidth).row]
                cursorIndex = line.isHardEnd ? line.end : max(line.start, line.end - 1)
            case StandardAction.backspace:
                if cursorIndex > 0 { characters.remove(at: cursorIndex - 1); cursorIndex -= 1 }
            case StandardAction.delete:
                if cursorIndex < characters.count { characters.remove(at: cursorIndex) }
            case StandardAction.clearLine: clearParagraph()
            default: return false
            }
            if !keepsGoal { goalColumn = nil }
            return true
        }
    }

    private mutating func insert(_ c: Character) {
        // Re-segment around the insertion point so a combining mark joins the character before it.
        let head = String(characters[0..<cursorIndex]) + String(c)
        let next = Array(head + String(characters[cursorIndex...]))
        if let maxLength, next.count > maxLength { return }
        cursorIndex = min(Array(head).count, next.count)
        characters = next
    }

    /// Ctrl-U in a note clears the paragraph the cursor is in, not the whole note: a long note
    /// should not vanish with one key.
    private mutating func clearParagraph() {
        var a = cursorIndex
        while a > 0 && characters[a - 1] != "\n" { a -= 1 }
        var b = cursorIndex
        while b < characters.count && characters[b] != "\n" { b += 1 }
        characters.removeSubrange(a..<b)
        cursorIndex = a
    }

    private mutating func moveVertically(by delta: Int) {
        let lines = visualLines(width: wrapWidth)
        let here = cursorPosition(width: wrapWidth)
        let goal = goalColumn ?? here.column
        goalColumn = goal
        let target = min(max(0, here.row + delta), lines.count - 1)
        if target == here.row {
            cursorIndex = delta < 0 ? 0 : characters.count
            return
        }
        let line = lines[target]
        // The last position on a soft-wrapped row belongs to the next row, so stop before it.
        let last = line.isHardEnd ? line.end : max(line.start, line.end - 1)
        var index = line.start
        var col = 0
        while index < last {
            let w = TextWidth.of(characters[index])
            if col + w > goal { break }
            col += w; index += 1
        }
        cursorIndex = index
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        wrapWidth = rect.width
        pageSize = rect.height
        let style = theme[focused ? .fieldFocused : .field]
        canvas.fill(rect, with: " ", style: style)
        if characters.isEmpty && !focused && !placeholder.isEmpty {
            scrollRow = 0
            Label(placeholder, role: .placeholder, wraps: true).render(in: rect, on: &canvas, theme: theme)
            return
        }
        let lines = visualLines(width: rect.width)
        let here = cursorPosition(width: rect.width)
        scrollRow = ScrollIndicator.offset(keeping: here.row, visible: rect.height, current: scrollRow, count: lines.count)
        for r in 0..<min(rect.height, lines.count - scrollRow) {
            let line = lines[scrollRow + r]
            canvas.draw(String(characters[line.start..<line.end]), at: Point(x: rect.x, y: rect.y + r), style: style, clip: rect.row(r))
        }
        if focused { canvas.cursor = Point(x: rect.x + min(here.column, rect.width - 1), y: rect.y + here.row - scrollRow) }
    }
}

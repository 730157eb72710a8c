/// The editing core shared by the single-line fields: text as grapheme clusters plus an insertion
/// point. Indices count `Character`s, so left/right, Backspace and Delete act on whole graphemes.
struct EditableText: Hashable, Sendable {
    private(set) var characters: [Character]
    /// Insertion point, 0...characters.count.
    private(set) var cursor: Int

    init(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }
    var isEmpty: Bool { characters.isEmpty }

    /// Columns from the start of the text to the insertion point.
    var cursorColumn: Int { columns(upTo: cursor) }

    func columns(upTo index: Int) -> Int {
        var w = 0
        for ch in characters[0..<index] { w += TextWidth.of(ch) }
        return w
    }

    mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Inserts at the insertion point. The text is re-segmented around it because a combining mark
    /// arrives from the terminal as its own code point and must join the character before it
    /// (e + ◌́ is one grapheme é, not two). Returns the resulting character count change.
    @discardableResult
    mutating func insert(_ c: Character) -> Int {
        let before = characters.count
        let head = String(characters[0..<cursor]) + String(c)
        let joinedHead = Array(head)
        characters = Array(head + String(characters[cursor...]))
        cursor = min(joinedHead.count, characters.count)
        return characters.count - before
    }

    /// What the text would be after inserting `c`, without changing anything.
    func inserting(_ c: Character) -> EditableText {
        var copy = self
        copy.insert(c)
        return copy
    }

    @discardableResult
    mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    @discardableResult
    mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    mutating func clear() {
        characters = []
        cursor = 0
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    mutating func moveHome() { cursor = 0 }
    mutating func moveEnd() { cursor = characters.count }

    /// True for a character that should join the one before it rather than stand alone.
    static func isCombining(_ c: Character) -> Bool {
        guard let first = c.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return first.value == 0x200D || (0xFE00...0xFE0F).contains(first.value)
        }
    }

    /// Control characters (newline, tab, Esc…) are never text; keys like that arrive as actions.
    static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
    }
}

/// Horizontal scrolling by columns for a one-row text view.
enum HorizontalScroll {
    /// The first visible column: always at a character boundary (so a wide glyph is never cut on
    /// the left), moved as little as possible from `current` so that the cursor cell is visible,
    /// and pulled back when the text no longer fills the field.
    static func offset(current: Int, characters: [Character], cursor: Int, width: Int) -> Int {
        guard width > 0 else { return 0 }
        var boundaries: [Int] = [0]
        var total = 0
        for ch in characters { total += TextWidth.of(ch); boundaries.append(total) }
        let cursorColumn = boundaries[cursor]
        // The cursor needs the cell of the glyph under it (two for a Hanzi), or one past the end.
        let cursorCells = cursor < characters.count ? max(1, TextWidth.of(characters[cursor])) : 1
        var offset = min(current, cursorColumn)
        // Do not leave the field half empty when the text would fit from an earlier boundary.
        offset = min(offset, max(0, total + 1 - width))
        if cursorColumn + cursorCells > offset + width {
            offset = cursorColumn + cursorCells - width
        }
        // Snap to the next boundary so no wide glyph straddles the left edge.
        let snapped = boundaries.first { $0 >= offset } ?? cursorColumn
        return min(snapped, cursorColumn)
    }

    /// The characters shown from column `offset` on.
    static func visible(_ characters: [Character], from offset: Int) -> String {
        var col = 0
        var out = ""
        for ch in characters {
            if col >= offset { out.append(ch) }
            col += TextWidth.of(ch)
        }
        return out
    }
}

/// One terminal cell. A wide glyph occupies its cell and marks the next one as `continuation`.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    /// True for the right half of a wide glyph; such a cell is never drawn on its own.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character; self.style = style; self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// What screens draw on. Both backends (the real terminal and the in-memory grid used by tests and
/// benchmarks) share `GridCanvas`'s wide-character rules: the ncurses backend draws a frame into a
/// grid and sends the terminal only the difference.
public protocol Canvas {
    var size: Size { get }
    /// Writes text starting at (x, y), clipped to `clip` (default: the whole canvas).
    /// Returns the number of columns written.
    @discardableResult
    mutating func draw(_ text: String, at point: Point, style: Style, clip: Rect?) -> Int
    /// Fills a rectangle with one character.
    mutating func fill(_ rect: Rect, with character: Character, style: Style)
    /// Where the hardware cursor should be after the frame (nil hides it). Screens put it at the
    /// insertion point of the focused field so an input method's candidate window appears there.
    var cursor: Point? { get set }
}

extension Canvas {
    @discardableResult
    public mutating func draw(_ text: String, at point: Point, style: Style = .plain) -> Int {
        draw(text, at: point, style: style, clip: nil)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    /// Clears a rectangle to blanks in `style`.
    public mutating func clear(_ rect: Rect, style: Style = .plain) { fill(rect, with: " ", style: style) }

    /// Draws `text` padded or cut to exactly the width of the row `rect` (its first row).
    public mutating func drawLine(_ text: String, in rect: Rect, style: Style = .plain, alignment: TextAlignment = .left) {
        guard !rect.isEmpty else { return }
        draw(text.padded(toWidth: rect.width, alignment: alignment), at: Point(x: rect.x, y: rect.y), style: style, clip: rect)
    }

    /// A single-line box border (Unicode box drawing) with an optional title in the top edge.
    public mutating func drawBox(_ rect: Rect, style: Style = .plain, title: String? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        draw("┌" + horizontal + "┐", at: Point(x: rect.x, y: rect.y), style: style, clip: rect)
        for dy in 1..<(rect.height - 1) {
            draw("│", at: Point(x: rect.x, y: rect.y + dy), style: style, clip: rect)
            draw("│", at: Point(x: rect.maxX - 1, y: rect.y + dy), style: style, clip: rect)
        }
        draw("└" + horizontal + "┘", at: Point(x: rect.x, y: rect.maxY - 1), style: style, clip: rect)
        if let title, rect.width > 4 {
            let t = " " + title.truncated(toWidth: rect.width - 4) + " "
            draw(t, at: Point(x: rect.x + 2, y: rect.y), style: style.adding(.bold), clip: rect)
        }
    }
}

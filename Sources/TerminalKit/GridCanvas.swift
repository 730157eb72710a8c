/// The in-memory cell grid: the test and benchmark backend, and the frame buffer that the
/// ncurses backend diffs against the previous frame.
///
/// Wide characters: a Hanzi takes two cells (the second marked `isContinuation`); a wide glyph
/// that does not fit before the clip edge is dropped, not split; writing over either half of a
/// wide glyph blanks the other half.
public struct GridCanvas: Canvas, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    public var cursor: Point?

    public init(width: Int, height: Int) {
        size = Size(width: max(0, width), height: max(0, height))
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
    }

    public mutating func resize(width: Int, height: Int) {
        self = GridCanvas(width: width, height: height)
    }

    public mutating func reset() {
        for i in cells.indices { cells[i] = .blank }
        cursor = nil
    }

    @discardableResult
    public mutating func draw(_ text: String, at point: Point, style: Style, clip: Rect?) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return 0 }
        var x = point.x
        for ch in text {
            let w = TextWidth.of(ch)
            if w == 0 {
                // A combining mark joins the glyph before it; a control character is not drawn.
                if ch.unicodeScalars.first.map({ $0.value >= 0x20 }) == true, x > area.x, x - 1 < area.maxX {
                    attachCombining(ch, atX: x - 1, y: point.y)
                }
                continue
            }
            if x + w > area.maxX { break }
            if x >= area.x { put(ch, width: w, x: x, y: point.y, style: style) }
            else if x + w > area.x {
                // The left half of a wide glyph is clipped away: show a blank rather than half.
                put(" ", width: 1, x: area.x, y: point.y, style: style)
            }
            x += w
        }
        return max(0, x - max(point.x, area.x))
    }

    public mutating func fill(_ rect: Rect, with character: Character, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let w = max(1, TextWidth.of(character))
        for y in area.y..<area.maxY {
            var x = area.x
            while x + w <= area.maxX {
                put(character, width: w, x: x, y: y, style: style)
                x += w
            }
            if x < area.maxX { put(" ", width: 1, x: x, y: y, style: style) }
        }
    }

    private mutating func put(_ ch: Character, width: Int, x: Int, y: Int, style: Style) {
        let row = y * size.width
        // Writing over a continuation cell destroys the wide glyph to its left.
        if cells[row + x].isContinuation, x > 0 {
            cells[row + x - 1] = Cell(" ", style: cells[row + x - 1].style)
        }
        // Writing over the left half of a wide glyph destroys its right half.
        let end = x + width
        if end < size.width, cells[row + end].isContinuation {
            cells[row + end] = Cell(" ", style: cells[row + end].style)
        }
        cells[row + x] = Cell(ch, style: style)
        if width == 2 { cells[row + x + 1] = Cell(" ", style: style, isContinuation: true) }
    }

    private mutating func attachCombining(_ mark: Character, atX x: Int, y: Int) {
        var base = x
        if cells[y * size.width + base].isContinuation, base > 0 { base -= 1 }
        let i = y * size.width + base
        var s = String(cells[i].character)
        s.append(mark)
        if s.count == 1, let merged = s.first { cells[i].character = merged }
    }

    /// The text of one row as a terminal shows it (continuation cells omitted).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width {
            let c = self[x, y]
            if !c.isContinuation { s.append(c.character) }
        }
        return s
    }

    /// All rows, trailing spaces trimmed — the form screen snapshots compare.
    public var lines: [String] {
        (0..<size.height).map { y in
            var s = line(y)
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// The whole screen as text, one row per line.
    public var text: String { lines.joined(separator: "\n") }

    /// True when any row contains `needle`.
    public func contains(_ needle: String) -> Bool { lines.contains { $0.contains(needle) } }

    /// The first cell position where `needle` starts, in columns.
    public func find(_ needle: String) -> Point? {
        for y in 0..<size.height {
            let row = Array(line(y))
            let target = Array(needle)
            guard !target.isEmpty, row.count >= target.count else { continue }
            for start in 0...(row.count - target.count) where Array(row[start..<(start + target.count)]) == target {
                return Point(x: String(row[0..<start]).displayWidth, y: y)
            }
        }
        return nil
    }
}

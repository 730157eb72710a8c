import Foundation

/// Big text at any height: a line of text `rows` terminal rows tall (2 and up), the glyphs scaled
/// from their 16-pixel bitmaps to fit, so a hall display at 200×60 gets 24-row numbers and a
/// read-back at 48×14 still gets 3-row Hanzi instead of falling back to normal size.
///
/// Geometry. A terminal cell is about twice as tall as wide; call it 1 unit wide and 2 tall. A
/// line of `rows` rows is 2·rows units tall and the ink's pixel rows are spread over it, so one
/// source pixel is `u = 2·rows / pixelRows` units square. Each glyph is given a box of its ink
/// columns × u, and the box is sampled on a grid of sub-cells:
///
///     sampling     sub-cells per cell    sub-cell (units)   chosen
///     half blocks  1 × 2  (▀ ▄ █)        1 × 1              6 rows and up
///     quadrants    2 × 2  (▘ ▝ ▖ ▗ …)    ½ × 1              2–5 rows (twice the detail across,
///                                                           which is what keeps 0, 6, 8 apart)
///     ascii        1 × 1  (#)            1 × 2              when the terminal needs it
///
/// A sub-cell is inked when enough of the source pixels under it are (area coverage; the
/// threshold drops as the scale shrinks so a one-pixel stroke of a Hanzi survives halving).
/// Between two glyphs there is always a blank gap of at least one sub-cell that sampling never
/// touches, so digits never run together ("2026" stays four digits, A069 never reads A869).
/// Digits and Latin share one box width (the union of their ink columns), so numbers line up.
extension BigText {
    /// Fewest rows per line drawn as big text; below this `draw` falls back to normal size.
    public static let minimumRows = 2

    /// The block characters used at `rows` rows per line for a configured style: the default
    /// half-block style switches to quadrants at small sizes (more detail across); an explicit
    /// quadrant or ascii choice is kept at every size.
    public static func sampling(rows: Int, blocks: BlockStyle) -> BlockStyle {
        switch blocks {
        case .ascii: return .ascii
        case .quadrants: return .quadrants
        case .halfBlocks: return rows <= 5 ? .quadrants : .halfBlocks
        }
    }

    /// Renders `text` with each line `rows` terminal rows tall (wrapped to `maxWidth` if given).
    /// Falls back to normal-size text (with a notice) when a glyph is missing.
    public static func render(_ text: String, rows: Int, maxWidth: Int? = nil, alignment: TextAlignment = .left,
                              options: Options = .standard) -> Rendering {
        let missing = missingCharacters(in: text, font: options.font)
        if !missing.isEmpty {
            return render(text, size: .large, maxWidth: maxWidth, alignment: alignment, options: options)
        }
        return ScaledLayout(text, rows: max(1, rows), maxWidth: maxWidth, options: options).rasterize(alignment: alignment)
    }

    /// The cell size `render(_:rows:…)` would produce; nil when a glyph is missing.
    public static func measure(_ text: String, rows: Int, maxWidth: Int? = nil, options: Options = .standard) -> Size? {
        guard missingCharacters(in: text, font: options.font).isEmpty else { return nil }
        let layout = ScaledLayout(text, rows: max(1, rows), maxWidth: maxWidth, options: options)
        return Size(width: layout.width, height: layout.height)
    }

    /// The most rows per line (from `minimumRows` up to `maxRows`) at which `text` fits `space`,
    /// wrapping lines if `wrapping`; nil when none does or a glyph is missing.
    public static func bestRows(_ text: String, in space: Size, wrapping: Bool = true, maxRows: Int = 200,
                                options: Options = .standard) -> Int? {
        guard missingCharacters(in: text, font: options.font).isEmpty, space.width > 0 else { return nil }
        var rows = min(maxRows, space.height)
        while rows >= minimumRows {
            let layout = ScaledLayout(text, rows: rows, maxWidth: wrapping ? space.width : nil, options: options)
            if layout.fitsWidth, layout.width <= space.width, layout.height <= space.height { return rows }
            rows -= 1
        }
        return nil
    }

    /// Clears `rect` and draws `text` in it at `rows` rows per line, or (nil) the most rows that
    /// fit, up to `maxRows`; centred vertically, aligned horizontally. Falls back to normal-size
    /// bold text (with the notice) only when a glyph is missing or not even 2 rows fit.
    @discardableResult
    public static func draw<C: Canvas>(_ text: String, in rect: Rect, on canvas: inout C, style: Style = .plain,
                                       alignment: TextAlignment = .center, rows: Int?, maxRows: Int = 200,
                                       wrapping: Bool = true, options: Options = .standard) -> Rendering {
        let space = Size(width: rect.width, height: rect.height)
        if let chosen = rows ?? bestRows(text, in: space, wrapping: wrapping, maxRows: maxRows, options: options) {
            canvas.clear(rect, style: style)
            let rendering = render(text, rows: chosen, maxWidth: wrapping ? rect.width : nil, alignment: alignment,
                                   options: options)
            place(rendering, in: rect, on: &canvas, style: rendering.isBig ? style : style.adding(.bold), alignment: alignment)
            return rendering
        }
        // Nothing fits (or a glyph is missing): the fixed-size path gives the normal-size text and notice.
        return drawFixed(text, in: rect, on: &canvas, style: style, alignment: alignment, size: nil, options: options)
    }

    static func place<C: Canvas>(_ rendering: Rendering, in rect: Rect, on canvas: inout C, style: Style,
                                 alignment: TextAlignment) {
        let x: Int
        switch alignment {
        case .left: x = rect.x
        case .center: x = rect.x + max(0, rect.width - rendering.width) / 2
        case .right: x = rect.x + max(0, rect.width - rendering.width)
        }
        let y = rect.y + max(0, rect.height - rendering.height) / 2
        for (i, line) in rendering.lines.enumerated() where y + i < rect.maxY {
            canvas.draw(line, at: Point(x: x, y: y + i), style: style, clip: rect)
        }
    }

    /// The sub-cell bitmap of one glyph at `rows` rows per line, as `render` samples it (rows of
    /// booleans, top first), with the glyph's blank rows trimmed as a lone glyph would be. For
    /// tests that compare the scaled bitmap with the source glyph.
    public static func scaledBitmap(of character: Character, rows: Int, options: Options = .standard) -> [[Bool]]? {
        guard options.font.glyph(for: character) != nil else { return nil }
        let layout = ScaledLayout(String(character), rows: rows, maxWidth: nil, options: options)
        guard let item = layout.lines.first?.first else { return nil }
        return layout.sample(item.glyph, boxWidth: layout.boxWidth(item))
    }

    /// The sub-cells across and down one character cell holds at `rows` rows per line.
    public static func subcellsPerCell(rows: Int, blocks: BlockStyle) -> (x: Int, y: Int) {
        sampling(rows: rows, blocks: blocks).subcells
    }

    /// Text broken into lines for one height; sizes are known without drawing.
    struct ScaledLayout {
        let lines: [[Item]]
        let rows: Int
        let blocks: BlockStyle
        let top: Int
        let pixelRows: Int
        /// One source pixel, in units (a cell is 1 unit wide, 2 tall).
        let unit: Double
        /// Ink columns [lo, hi) shared by all glyphs of each width in the text.
        let narrowInk: (lo: Int, hi: Int)
        let wideInk: (lo: Int, hi: Int)
        let lineSpacing: Int
        let fitsWidth: Bool

        var sub: (x: Int, y: Int) { blocks.subcells }

        init(_ text: String, rows: Int, maxWidth: Int?, options: Options) {
            self.rows = rows
            blocks = BigText.sampling(rows: rows, blocks: options.blocks)
            lineSpacing = options.lineSpacing
            let font = options.font
            let paragraphs = text.allSatisfy(\.isWhitespace) ? [] : text.split(separator: "\n", omittingEmptySubsequences: false)
            var all: [[Item]] = []
            for paragraph in paragraphs {
                all.append(paragraph.compactMap { ch in
                    if ch.isWhitespace { return Item(character: " ", glyph: .blank(width: TextWidth.of(ch) == 2 ? 16 : 8)) }
                    if BigText.isControl(ch) { return nil }
                    return font.glyph(for: ch).map { Item(character: ch, glyph: $0) }
                })
            }
            // Vertical ink extent over the whole text (one baseline for every line), and the
            // horizontal ink extent per glyph width.
            var inkRows: UInt16 = 0
            var narrowColumns: UInt16 = 0, wideColumns: UInt16 = 0
            for items in all {
                for item in items where !item.isSpace {
                    var columns: UInt16 = 0
                    for (y, row) in item.glyph.rows.enumerated() where row != 0 {
                        inkRows |= 1 << UInt16(y)
                        columns |= row
                    }
                    if item.glyph.width == 8 { narrowColumns |= columns } else { wideColumns |= columns }
                }
            }
            if !options.trimsBlankRows || inkRows == 0 {
                top = 0; pixelRows = BitmapGlyph.height
            } else {
                top = inkRows.trailingZeroBitCount
                pixelRows = BitmapGlyph.height - inkRows.leadingZeroBitCount - top
            }
            func extent(_ columns: UInt16, width: Int) -> (lo: Int, hi: Int) {
                guard columns != 0 else { return (0, width) }
                // Bit width-1 is the leftmost pixel.
                let lo = width - 1 - (15 - columns.leadingZeroBitCount)
                let hi = width - columns.trailingZeroBitCount
                return (lo, hi)
            }
            narrowInk = extent(narrowColumns & 0xFF, width: 8)
            wideInk = extent(wideColumns, width: 16)
            unit = 2 * Double(rows) / Double(max(1, pixelRows))
            var fits = true
            var lines: [[Item]] = []
            let measure = Self.measurer(unit: unit, sub: blocks.subcells, narrowInk: narrowInk, wideInk: wideInk)
            for items in all {
                lines.append(contentsOf: Layout.wrap(items, maxWidth: maxWidth, cellWidth: measure, fits: &fits))
            }
            while lines.last?.isEmpty == true { lines.removeLast() }
            self.lines = lines
            fitsWidth = fits
        }

        /// Width in sub-cells of one glyph's box.
        static func boxWidth(_ item: Item, unit: Double, sub: (x: Int, y: Int), narrowInk: (lo: Int, hi: Int),
                             wideInk: (lo: Int, hi: Int)) -> Int {
            let pixels: Double
            if item.isSpace { pixels = item.glyph.width == 16 ? 8 : 4 } else {
                let ink = item.glyph.width == 8 ? narrowInk : wideInk
                pixels = Double(ink.hi - ink.lo)
            }
            return max(1, Int((pixels * unit * Double(sub.x)).rounded()))
        }

        /// Blank sub-cells between two glyphs: one source pixel's worth, never less than one.
        static func gap(unit: Double, sub: (x: Int, y: Int)) -> Int { max(1, Int((unit * Double(sub.x)).rounded())) }

        static func measurer(unit: Double, sub: (x: Int, y: Int), narrowInk: (lo: Int, hi: Int),
                             wideInk: (lo: Int, hi: Int)) -> ([Item]) -> Int {
            { items in
                guard !items.isEmpty else { return 0 }
                let subcells = items.reduce(0) { $0 + boxWidth($1, unit: unit, sub: sub, narrowInk: narrowInk, wideInk: wideInk) }
                    + gap(unit: unit, sub: sub) * (items.count - 1)
                return (subcells + sub.x - 1) / sub.x
            }
        }

        func boxWidth(_ item: Item) -> Int {
            Self.boxWidth(item, unit: unit, sub: sub, narrowInk: narrowInk, wideInk: wideInk)
        }

        func cellWidth(_ items: [Item]) -> Int {
            Self.measurer(unit: unit, sub: sub, narrowInk: narrowInk, wideInk: wideInk)(items)
        }

        var width: Int { lines.map(cellWidth).max() ?? 0 }
        var height: Int { lines.isEmpty ? 0 : lines.count * rows + (lines.count - 1) * lineSpacing }

        /// The glyph's ink box sampled onto `boxWidth` × (rows · sub.y) sub-cells.
        func sample(_ glyph: BitmapGlyph, boxWidth: Int) -> [[Bool]] {
            let height = rows * sub.y
            let ink = glyph.width == 8 ? narrowInk : wideInk
            let kx = Double(ink.hi - ink.lo) / Double(boxWidth)
            let ky = Double(pixelRows) / Double(height)
            // Upscaled: a sub-cell lies within about one pixel, so take the majority. Downscaled:
            // a stroke of s pixels covers s/k of a sub-cell; keep it. Hanzi strokes are one pixel,
            // the built-in digits and letters two (a lower threshold would fill the counters of 0 6 8 9).
            let stroke = glyph.width == 8 ? 2.0 : 1.0
            let threshold = min(0.5, 0.9 * stroke / max(kx, ky))
            var out = [[Bool]](repeating: [Bool](repeating: false, count: boxWidth), count: height)
            guard !glyph.isBlank else { return out }
            for ty in 0..<height {
                let y0 = Double(top) + Double(ty) * ky, y1 = y0 + ky
                for tx in 0..<boxWidth {
                    let x0 = Double(ink.lo) + Double(tx) * kx, x1 = x0 + kx
                    var covered = 0.0
                    var py = Int(y0.rounded(.down))
                    while Double(py) < y1 {
                        let oy = min(y1, Double(py + 1)) - max(y0, Double(py))
                        if oy > 0 {
                            var px = Int(x0.rounded(.down))
                            while Double(px) < x1 {
                                let ox = min(x1, Double(px + 1)) - max(x0, Double(px))
                                if ox > 0, glyph.isSet(x: px, y: py) { covered += ox * oy }
                                px += 1
                            }
                        }
                        py += 1
                    }
                    out[ty][tx] = covered / (kx * ky) >= threshold - 1e-9
                }
            }
            return out
        }

        func rasterize(alignment: TextAlignment) -> Rendering {
            let width = self.width
            let gap = Self.gap(unit: unit, sub: sub)
            var out: [String] = []
            out.reserveCapacity(height)
            for (n, line) in lines.enumerated() {
                if n > 0 { for _ in 0..<lineSpacing { out.append(String(repeating: " ", count: width)) } }
                // The line's sub-cell bitmap, glyph boxes separated by blank gaps.
                var bitmap = [[Bool]](repeating: [], count: rows * sub.y)
                for (i, item) in line.enumerated() {
                    if i > 0 { for r in bitmap.indices { bitmap[r] += [Bool](repeating: false, count: gap) } }
                    let box = sample(item.glyph, boxWidth: boxWidth(item))
                    for r in bitmap.indices { bitmap[r] += box[r] }
                }
                let cells = cellWidth(line)
                for r in bitmap.indices where bitmap[r].count < cells * sub.x {
                    bitmap[r] += [Bool](repeating: false, count: cells * sub.x - bitmap[r].count)
                }
                let gapCells = width - cells
                let left: Int
                switch alignment {
                case .left: left = 0
                case .center: left = gapCells / 2
                case .right: left = gapCells
                }
                let lead = String(repeating: " ", count: left), trail = String(repeating: " ", count: gapCells - left)
                for r in 0..<rows {
                    var row = ""
                    row.reserveCapacity(cells * 3)
                    for c in 0..<cells {
                        var mask = 0
                        for j in 0..<sub.y {
                            for i in 0..<sub.x where bitmap[r * sub.y + j][c * sub.x + i] {
                                let across = sub.x == 1 ? 0b11 : 1 << i
                                mask |= sub.y == 1 ? across | across << 2 : across << (2 * j)
                            }
                        }
                        row.append(blocks.character(mask: mask))
                    }
                    out.append(lead + row + trail)
                }
            }
            return Rendering(lines: out, width: width, size: nil, notice: nil, missingCharacters: [],
                             fitsWidth: fitsWidth, rowsPerLine: rows)
        }
    }
}

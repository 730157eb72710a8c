import Foundation

/// How big: each size is a number of glyph pixels per terminal cell.
///
/// Cells per glyph (columns × rows), for a wide glyph (Hanzi, 16 px) / a narrow one (digit, 8 px):
///
///     size     half / quadrant blocks     ascii ("#", one pixel row per cell)
///     large    16×8  /  8×8               16×16 / 8×16
///     medium    8×8  /  4×8                8×16 / 4×16
///     small     8×4  /  4×4                8×8  / 4×8
///
/// large is exact (1×2 pixels per cell: ▀ ▄ █). medium is exact with quadrants (2×2 pixels per
/// cell); with half blocks each pair of pixel columns is merged. small halves the glyph in both
/// directions, which thickens strokes: fine for numbers, dense Hanzi get hard to read.
/// A terminal cell is about twice as tall as wide, so large Hanzi come out square.
public enum BigTextSize: Int, Sendable, CaseIterable, Comparable {
    case small, medium, large

    /// The order `BigText.bestFit` tries.
    public static let largestFirst: [BigTextSize] = [.large, .medium, .small]

    public static func < (a: BigTextSize, b: BigTextSize) -> Bool { a.rawValue < b.rawValue }

    /// For a settings screen.
    public var displayName: String {
        switch self {
        case .large: return "大"
        case .medium: return "中"
        case .small: return "小"
        }
    }

    /// Glyph pixels per cell (columns, rows). ASCII shows one pixel row per cell, so half as many rows.
    func pixelsPerCell(_ blocks: BlockStyle) -> (x: Int, y: Int) {
        let ascii = blocks == .ascii
        switch self {
        case .large: return (1, ascii ? 1 : 2)
        case .medium: return (2, ascii ? 1 : 2)
        case .small: return (2, ascii ? 2 : 4)
        }
    }

    /// Cells one glyph of `pixelWidth` (8 or 16) takes, before blank rows are trimmed.
    public func cellsPerGlyph(pixelWidth: Int, blocks: BlockStyle) -> Size {
        let p = pixelsPerCell(blocks)
        return Size(width: pixelWidth / p.x, height: BitmapGlyph.height / p.y)
    }
}

/// Text drawn large with block characters from a bitmap font: called numbers on the hall
/// display, read-back of an applicant's details in 大字模式, anything that must read from afar.
///
///     let r = BigText.render("请 A012 号到 2 号窗口", size: .large, maxWidth: 80)
///     BigText.draw("A012", in: area, on: &canvas, style: theme[.title])   // picks the size
///
/// Every character needs a glyph (built-in for digits and Latin, else the Unifont file; see
/// `BitmapFont`). If one has none, the whole text is shown at normal size instead and the
/// rendering carries a Chinese `notice` for the screen to show (e.g. in its status line):
/// mixing sizes within one text would read worse than either.
public enum BigText {
    /// Shown when Chinese cannot be drawn large because the font package is not installed.
    public static let fontMissingNotice = "未安装大字字库（unifont），中文以普通字号显示"
    /// Shown when the text does not fit the area even at the smallest size.
    public static let tooSmallNotice = "显示区域太小，以普通字号显示"

    /// How big text is drawn. `standard` reads the environment once (FAYUAN_UNIFONT, FAYUAN_BLOCKS).
    public struct Options: Sendable {
        public var font: BitmapFont
        public var blocks: BlockStyle
        /// Blank columns between glyphs (the glyphs carry their own side bearing; 0 is normal).
        public var letterSpacing: Int
        /// Blank rows between lines of big text.
        public var lineSpacing: Int
        /// Drop pixel rows that are blank in every glyph of the text (e.g. above capitals and
        /// below digits), so "A012" takes 5 rows at large size instead of 8.
        public var trimsBlankRows: Bool

        public init(font: BitmapFont = .shared, blocks: BlockStyle = .configured(), letterSpacing: Int = 0,
                    lineSpacing: Int = 1, trimsBlankRows: Bool = true) {
            self.font = font; self.blocks = blocks
            self.letterSpacing = max(0, letterSpacing); self.lineSpacing = max(0, lineSpacing)
            self.trimsBlankRows = trimsBlankRows
        }

        public static let standard = Options()
    }

    /// A rendered text: a rectangle of rows, each exactly `width` columns (trailing blanks kept).
    public struct Rendering: Sendable, Equatable {
        /// The rows, top first. Big text contains only one-column characters; the normal-size
        /// fallback may contain Chinese (two columns each).
        public var lines: [String]
        /// Columns of every row.
        public var width: Int
        public var height: Int { lines.count }
        /// The size drawn, or nil when the text is shown at normal size (see `notice`).
        public var size: BigTextSize?
        /// Why the text is not big (Chinese), for the screen to show; nil when all is well.
        public var notice: String?
        /// Characters without a glyph, in order of appearance.
        public var missingCharacters: [Character]
        /// False when a single character is wider than `maxWidth` (it is cut off when drawn).
        public var fitsWidth: Bool
        /// Rows per line of a scaled rendering (`render(_:rows:)`); nil for the fixed sizes.
        public var rowsPerLine: Int? = nil

        public var isBig: Bool { size != nil || rowsPerLine != nil }
    }

    // MARK: - Rendering

    /// Renders `text` at `size`. With `maxWidth`, lines are wrapped to it (Latin words kept
    /// whole where possible, Chinese broken anywhere but before closing punctuation); "\n"
    /// always breaks. Rows are aligned within the widest line by `alignment`.
    public static func render(_ text: String, size: BigTextSize, maxWidth: Int? = nil,
                              alignment: TextAlignment = .left, options: Options = .standard) -> Rendering {
        let missing = missingCharacters(in: text, font: options.font)
        if !missing.isEmpty {
            return fallback(text, maxWidth: maxWidth, alignment: alignment,
                            notice: notice(forMissing: missing, font: options.font), missing: missing)
        }
        let layout = Layout(text, size: size, maxWidth: maxWidth, options: options)
        return layout.rasterize(alignment: alignment)
    }

    /// The cell size `render` would produce, without drawing; nil when a glyph is missing.
    public static func measure(_ text: String, size: BigTextSize, maxWidth: Int? = nil,
                               options: Options = .standard) -> Size? {
        guard missingCharacters(in: text, font: options.font).isEmpty else { return nil }
        let layout = Layout(text, size: size, maxWidth: maxWidth, options: options)
        return Size(width: layout.width, height: layout.height)
    }

    /// The largest size, up to `largest`, at which `text` fits in `space` (wrapping lines if
    /// `wrapping`), or nil when none does or a glyph is missing — then show it at normal size.
    public static func bestFit(_ text: String, in space: Size, wrapping: Bool = true, largest: BigTextSize = .large,
                               options: Options = .standard) -> BigTextSize? {
        guard missingCharacters(in: text, font: options.font).isEmpty else { return nil }
        for size in BigTextSize.largestFirst where size <= largest {
            let layout = Layout(text, size: size, maxWidth: wrapping ? space.width : nil, options: options)
            if layout.fitsWidth, layout.width <= space.width, layout.height <= space.height { return size }
        }
        return nil
    }

    /// Clears `rect` and draws `text` in it, centred vertically and aligned horizontally, at
    /// `size` or (nil) the largest size that fits. Falls back to normal-size bold text when a
    /// glyph is missing or nothing fits; the returned rendering says which and why.
    @discardableResult
    public static func draw<C: Canvas>(_ text: String, in rect: Rect, on canvas: inout C, style: Style = .plain,
                                       alignment: TextAlignment = .center, size: BigTextSize? = nil,
                                       options: Options = .standard) -> Rendering {
        // No size asked for: scale to the space (2 rows per line and up), see BigTextScaled.swift.
        if size == nil { return draw(text, in: rect, on: &canvas, style: style, alignment: alignment, rows: nil, options: options) }
        return drawFixed(text, in: rect, on: &canvas, style: style, alignment: alignment, size: size, options: options)
    }

    /// A fixed size, or (nil) the largest fixed size that fits, else normal-size text with a notice.
    static func drawFixed<C: Canvas>(_ text: String, in rect: Rect, on canvas: inout C, style: Style,
                                     alignment: TextAlignment, size: BigTextSize?, options: Options) -> Rendering {
        canvas.clear(rect, style: style)
        let rendering: Rendering
        if let chosen = size ?? bestFit(text, in: Size(width: rect.width, height: rect.height), options: options) {
            rendering = render(text, size: chosen, maxWidth: rect.width, alignment: alignment, options: options)
        } else if missingCharacters(in: text, font: options.font).isEmpty {
            // The glyphs exist but the area is too small even for the smallest size.
            rendering = fallback(text, maxWidth: rect.width, alignment: alignment, notice: tooSmallNotice, missing: [])
        } else {
            // render produces the normal-size text with the missing-glyph notice.
            rendering = render(text, size: .small, maxWidth: rect.width, alignment: alignment, options: options)
        }
        let textStyle = rendering.isBig ? style : style.adding(.bold)
        let x: Int
        switch alignment {
        case .left: x = rect.x
        case .center: x = rect.x + max(0, rect.width - rendering.width) / 2
        case .right: x = rect.x + max(0, rect.width - rendering.width)
        }
        let y = rect.y + max(0, rect.height - rendering.height) / 2
        for (i, line) in rendering.lines.enumerated() where y + i < rect.maxY {
            canvas.draw(line, at: Point(x: x, y: y + i), style: textStyle, clip: rect)
        }
        return rendering
    }

    // MARK: - Fallback

    static func missingCharacters(in text: String, font: BitmapFont) -> [Character] {
        var missing: [Character] = []
        for ch in text where !ch.isWhitespace && !isControl(ch) && font.glyph(for: ch) == nil {
            if !missing.contains(ch) { missing.append(ch) }
        }
        return missing
    }

    private static func notice(forMissing missing: [Character], font: BitmapFont) -> String {
        if case .loaded = font.load() {
            return "“" + String(missing.prefix(5)) + "”没有大字字形，以普通字号显示"
        }
        return fontMissingNotice
    }

    private static func fallback(_ text: String, maxWidth: Int?, alignment: TextAlignment, notice: String?,
                                 missing: [Character]) -> Rendering {
        var lines: [String]
        if let maxWidth { lines = maxWidth > 0 ? text.wrapped(toWidth: maxWidth) : [] } else {
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let width = lines.map(\.displayWidth).max() ?? 0
        return Rendering(lines: lines.map { $0.padded(toWidth: width, alignment: alignment) }, width: width,
                         size: nil, notice: notice, missingCharacters: missing, fitsWidth: true)
    }

    static func isControl(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } ?? true
    }
}

// MARK: - Layout and rasterizing

extension BigText {
    /// A glyph placed in a line.
    struct Item {
        let character: Character
        let glyph: BitmapGlyph
        var isSpace: Bool { character.isWhitespace }
    }

    /// Text broken into lines of glyphs for one size; knows its cell size before any drawing,
    /// which is what `bestFit` and `measure` need.
    struct Layout {
        let lines: [[Item]]
        let size: BigTextSize
        let blocks: BlockStyle
        let pixelsPerCell: (x: Int, y: Int)
        let letterSpacing: Int
        let lineSpacing: Int
        /// Pixel rows drawn: [top, top + rowCount).
        let top: Int
        let pixelRows: Int
        let fitsWidth: Bool

        init(_ text: String, size: BigTextSize, maxWidth: Int?, options: Options) {
            self.size = size
            blocks = options.blocks
            let pixelsPerCell = size.pixelsPerCell(options.blocks)
            self.pixelsPerCell = pixelsPerCell
            letterSpacing = options.letterSpacing
            lineSpacing = options.lineSpacing
            var fits = true
            var lines: [[Item]] = []
            let font = options.font
            // Blank text has nothing to draw (and must not be "too wide" for a tiny area).
            let paragraphs = text.allSatisfy(\.isWhitespace) ? [] : text.split(separator: "\n", omittingEmptySubsequences: false)
            for paragraph in paragraphs {
                let items: [Item] = paragraph.compactMap { ch in
                    if ch.isWhitespace {
                        // Wide spaces (U+3000) keep their width; tabs and the like become one space.
                        return Item(character: " ", glyph: .blank(width: TextWidth.of(ch) == 2 ? 16 : 8))
                    }
                    if BigText.isControl(ch) { return nil }
                    return font.glyph(for: ch).map { Item(character: ch, glyph: $0) }
                }
                let cellWidth = { (items: [Item]) in
                    Self.cellWidth(of: items, pixelsPerCell: pixelsPerCell.x, spacing: options.letterSpacing)
                }
                lines.append(contentsOf: Self.wrap(items, maxWidth: maxWidth, cellWidth: cellWidth, fits: &fits))
            }
            while lines.last?.isEmpty == true { lines.removeLast() }
            self.lines = lines
            fitsWidth = fits
            // The ink's vertical extent over the whole text, so every line has the same height
            // and the baseline stays put from line to line.
            var inkRows: UInt16 = 0
            for line in lines { for item in line { for (y, row) in item.glyph.rows.enumerated() where row != 0 { inkRows |= 1 << UInt16(y) } } }
            if !options.trimsBlankRows { top = 0; pixelRows = BitmapGlyph.height } else if inkRows == 0 {
                top = 0; pixelRows = 0
            } else {
                top = inkRows.trailingZeroBitCount
                pixelRows = BitmapGlyph.height - inkRows.leadingZeroBitCount - top
            }
        }

        var rowsPerLine: Int { (pixelRows + pixelsPerCell.y - 1) / pixelsPerCell.y }
        var width: Int { lines.map { Self.cellWidth(of: $0, pixelsPerCell: pixelsPerCell.x, spacing: letterSpacing) }.max() ?? 0 }
        var height: Int { lines.isEmpty ? 0 : lines.count * rowsPerLine + (lines.count - 1) * lineSpacing }

        static func cellWidth(of items: some Collection<Item>, pixelsPerCell: Int, spacing: Int) -> Int {
            guard !items.isEmpty else { return 0 }
            return items.reduce(0) { $0 + $1.glyph.width / pixelsPerCell } + spacing * (items.count - 1)
        }

        /// Greedy line filling, as `String.wrapped(toWidth:)` does for normal text: runs of ASCII
        /// letters and digits ("A012") stay together, a space at a break is dropped, closing
        /// punctuation never starts a line. A run wider than a line is broken into characters;
        /// a single glyph wider than a line is kept (and clipped) and `fits` set to false.
        static func wrap(_ items: [Item], maxWidth: Int?, cellWidth: ([Item]) -> Int, fits: inout Bool) -> [[Item]] {
            guard let maxWidth else { return [items] }
            var tokens: [[Item]] = []
            var word: [Item] = []
            func flush() {
                guard !word.isEmpty else { return }
                if cellWidth(word) > maxWidth { tokens.append(contentsOf: word.map { [$0] }) } else { tokens.append(word) }
                word = []
            }
            for item in items {
                if item.character.isASCII && (item.character.isLetter || item.character.isNumber) { word.append(item) } else {
                    flush()
                    tokens.append([item])
                }
            }
            flush()
            var lines: [[Item]] = []
            var line: [Item] = []
            for token in tokens {
                if line.isEmpty, token.count == 1, token[0].isSpace, !lines.isEmpty { continue }
                if !line.isEmpty, cellWidth(line + token) > maxWidth {
                    if token.count == 1, noLineStart.contains(token[0].character), line.count > 1 {
                        let carried = line.removeLast()
                        lines.append(trimmed(line))
                        line = [carried]
                    } else {
                        lines.append(trimmed(line))
                        line = []
                        if token.count == 1, token[0].isSpace { continue }
                    }
                }
                line += token
                if cellWidth(trimmed(line)) > maxWidth { fits = false }
            }
            lines.append(trimmed(line))
            return lines
        }

        private static func trimmed(_ line: [Item]) -> [Item] {
            var line = line
            while line.last?.isSpace == true { line.removeLast() }
            return line
        }

        func rasterize(alignment: TextAlignment) -> Rendering {
            let width = self.width
            var out: [String] = []
            out.reserveCapacity(height)
            for (n, line) in lines.enumerated() {
                if n > 0 { for _ in 0..<lineSpacing { out.append(String(repeating: " ", count: width)) } }
                var rows = [String](repeating: "", count: rowsPerLine)
                for (i, item) in line.enumerated() {
                    if i > 0, letterSpacing > 0 {
                        for r in rows.indices { rows[r] += String(repeating: " ", count: letterSpacing) }
                    }
                    draw(item.glyph, into: &rows)
                }
                let gap = width - Self.cellWidth(of: line, pixelsPerCell: pixelsPerCell.x, spacing: letterSpacing)
                let left: Int
                switch alignment {
                case .left: left = 0
                case .center: left = gap / 2
                case .right: left = gap
                }
                let lead = String(repeating: " ", count: left), trail = String(repeating: " ", count: gap - left)
                out.append(contentsOf: rows.map { lead + $0 + trail })
            }
            return Rendering(lines: out, width: width, size: size, notice: nil, missingCharacters: [], fitsWidth: fitsWidth)
        }

        /// Appends one glyph's cells to each row. A cell covers pixelsPerCell pixels; the block
        /// style splits it into at most 2×2 sub-cells, each inked if any of its pixels is.
        private func draw(_ glyph: BitmapGlyph, into rows: inout [String]) {
            let (bx, by) = pixelsPerCell
            let sub = blocks.subcells
            let sx = min(sub.x, bx), sy = min(sub.y, by)
            let sw = bx / sx, sh = by / sy
            let columns = glyph.width / bx
            let subcellBits = UInt16((1 << sw) - 1)
            for r in rows.indices {
                var row = ""
                row.reserveCapacity(columns * 3)
                for c in 0..<columns {
                    var mask = 0 // bit 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right
                    for j in 0..<sy {
                        for i in 0..<sx {
                            let x0 = c * bx + i * sw, y0 = top + r * by + j * sh
                            let shift = UInt16(glyph.width - x0 - sw)
                            let on = (y0..<min(y0 + sh, BitmapGlyph.height)).contains { glyph.rows[$0] >> shift & subcellBits != 0 }
                            guard on else { continue }
                            // One sub-cell across or down stands for both halves of the mask.
                            let across = sx == 1 ? 0b11 : 1 << i
                            mask |= sy == 1 ? across | across << 2 : across << (2 * j)
                        }
                    }
                    row.append(blocks.character(mask: mask))
                }
                rows[r] += row
            }
        }
    }
}

/// Characters that must not start a line (避头点), as in `String.wrapped(toWidth:)`.
private let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "〉", "”", "’", ",", ".", ";", ":", "!", "?", ")", "]", "…"]

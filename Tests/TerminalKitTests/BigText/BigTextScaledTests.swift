import Foundation
import Testing
import TerminalKit
import TerminalKitTesting

/// Scaled big text (2 rows per character and up): measured against the source bitmaps.
@Suite struct BigTextScaledTests {
    /// The sub-cells a rendered row of block characters shows (inverse of the renderer's mapping).
    static func subcells(_ lines: [String], sub: (x: Int, y: Int)) -> [[Bool]] {
        let quadrant: [Character] = [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]
        var out: [[Bool]] = []
        for line in lines {
            var rows = [[Bool]](repeating: [], count: sub.y)
            for ch in line {
                let mask: Int
                if let m = quadrant.firstIndex(of: ch) { mask = m } else { mask = ch == "#" ? 15 : 0 }
                for j in 0..<sub.y {
                    for i in 0..<sub.x {
                        let bit = sub.x == 1 ? (sub.y == 1 ? 15 : 3 << (2 * j)) : 1 << (i + 2 * j)
                        rows[j].append(mask & bit != 0)
                    }
                }
            }
            out += rows
        }
        return out
    }

    /// Runs of columns holding ink, left to right: one per glyph when glyphs never touch.
    static func inkRuns(_ bitmap: [[Bool]]) -> Int {
        guard let width = bitmap.first?.count else { return 0 }
        var runs = 0, inRun = false
        for x in 0..<width {
            let ink = bitmap.contains { $0[x] }
            if ink && !inRun { runs += 1 }
            inRun = ink
        }
        return runs
    }

    /// Fraction of the source glyph's ink-box pixels whose scaled sub-cell (at the pixel's centre)
    /// agrees with it, and of the scaled sub-cells whose source area agrees by majority.
    static func agreement(_ glyph: BitmapGlyph, _ scaled: [[Bool]]) -> Double {
        var ink = (0..<16).filter { y in (0..<glyph.width).contains { glyph.isSet(x: $0, y: y) } }
        if ink.isEmpty { ink = [0] }
        let cols = (0..<glyph.width).filter { x in (0..<16).contains { glyph.isSet(x: x, y: $0) } }
        let top = ink.first!, bottom = ink.last! + 1, left = cols.first ?? 0, right = (cols.last ?? 0) + 1
        let h = scaled.count, w = scaled.first?.count ?? 0
        var same = 0, total = 0
        for y in top..<bottom {
            for x in left..<right {
                let sy = Int((Double(y - top) + 0.5) / Double(bottom - top) * Double(h))
                let sx = Int((Double(x - left) + 0.5) / Double(right - left) * Double(w))
                total += 1
                if scaled[min(h - 1, sy)][min(w - 1, sx)] == glyph.isSet(x: x, y: y) { same += 1 }
            }
        }
        return Double(same) / Double(total)
    }

    static let digits = Array("0123456789")

    @Test func scaledGlyphsMatchTheSourceBitmapsAtEveryHeight() throws {
        // Measured agreement (source pixel vs the sub-cell under its centre), Unifont 15 glyphs:
        // digits and Latin 0.76–0.87 at 2 rows, ≥ 0.94 from 4 rows, 1.00 from 7; Hanzi 0.47–0.77 at
        // 2–3 rows (a 16-pixel Hanzi in 4–6 sub-cell rows loses strokes), ≥ 0.74 from 4, 1.00 at 8.
        let options = BigTextFixtures.options()
        for rows in 2...12 {
            for ch in Self.digits + ["A", "Z"] {
                let glyph = try #require(options.font.glyph(for: ch))
                let scaled = try #require(BigText.scaledBitmap(of: ch, rows: rows, options: options))
                let sub = BigText.subcellsPerCell(rows: rows, blocks: .halfBlocks)
                #expect(scaled.count == rows * sub.y, "one line is exactly \(rows) rows")
                let floor = rows >= 7 ? 0.95 : rows >= 4 ? 0.9 : 0.75
                #expect(Self.agreement(glyph, scaled) >= floor, "\(ch) at \(rows) rows: \(Self.agreement(glyph, scaled))")
            }
            for ch: Character in ["请", "号", "窗", "张", "到"] {
                let glyph = try #require(options.font.glyph(for: ch))
                let scaled = try #require(BigText.scaledBitmap(of: ch, rows: rows, options: options))
                let floor = rows >= 7 ? 0.9 : rows >= 4 ? 0.7 : 0.45
                #expect(Self.agreement(glyph, scaled) >= floor, "\(ch) at \(rows) rows: \(Self.agreement(glyph, scaled))")
            }
        }
    }

    @Test func digitsNeverMergeAndStayDistinctFrom2To12Rows() {
        // The old fixed "small" size turned 2026 into one blob and A069 into A869.
        let options = BigTextFixtures.options()
        for rows in 2...12 {
            let sub = BigText.subcellsPerCell(rows: rows, blocks: .halfBlocks)
            for text in ["2026", "A069", "A869", "1111", "B808"] {
                let r = BigText.render(text, rows: rows, options: options)
                #expect(r.height == rows && r.rowsPerLine == rows)
                // Merged glyphs would share a run of inked columns: the text has exactly as many
                // runs as its characters drawn one by one.
                let alone = text.map { Self.inkRuns(Self.subcells(BigText.render(String($0), rows: rows, options: options).lines, sub: sub)) }
                #expect(Self.inkRuns(Self.subcells(r.lines, sub: sub)) == alone.reduce(0, +),
                        "\(text) at \(rows) rows:\n\(r.lines.joined(separator: "\n"))")
            }
            #expect(BigText.render("A069", rows: rows, options: options).lines != BigText.render("A869", rows: rows, options: options).lines)
            let bitmaps = Self.digits.map { BigText.scaledBitmap(of: $0, rows: rows, options: options) }
            for i in bitmaps.indices {
                for j in bitmaps.indices where j > i {
                    #expect(bitmaps[i] != bitmaps[j], "\(Self.digits[i]) and \(Self.digits[j]) look alike at \(rows) rows")
                }
            }
        }
    }

    @Test func halfBlocksFromSixRowsQuadrantsBelowAsciiWhenAsked() {
        let options = BigTextFixtures.options()
        let quadrant = Set<Character>(" ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")
        let half = Set<Character>(" ▀▄█")
        for rows in 2...5 { #expect(BigText.render("号A0", rows: rows, options: options).lines.joined().allSatisfy(quadrant.contains)) }
        for rows in 6...12 { #expect(BigText.render("号A0", rows: rows, options: options).lines.joined().allSatisfy(half.contains)) }
        let ascii = BigText.render("号A0", rows: 4, options: BigTextFixtures.options(blocks: .ascii))
        #expect(ascii.lines.joined().allSatisfy { $0 == " " || $0 == "#" })
    }

    @Test func drawScalesToTheSpaceInsteadOfFallingBack() {
        // 48×14 (the read-back's size in large mode): a 3-character name is drawn big, not as
        // normal text with 显示区域太小.
        let options = BigTextFixtures.options()
        var grid = GridCanvas(width: 48, height: 9)
        let name = BigText.draw("张叫号", in: grid.bounds, on: &grid, options: options)
        #expect(name.isBig && name.notice == nil)
        #expect((name.rowsPerLine ?? 0) >= 8, "\(String(describing: name.rowsPerLine))")
        #expect(name.width <= 48)
        // A date in a 40×4 strip: still big (2 rows), never 显示区域太小.
        var small = GridCanvas(width: 40, height: 4)
        let date = BigText.draw("2026-12-03", in: small.bounds, on: &small, options: options)
        #expect(date.isBig && date.width <= 40 && date.notice == nil, "\(date.lines.joined(separator: "\n"))")
        // The best height grows with the space.
        let a = BigText.bestRows("A050", in: Size(width: 120, height: 40), wrapping: false, options: options) ?? 0
        let b = BigText.bestRows("A050", in: Size(width: 200, height: 60), wrapping: false, options: options) ?? 0
        #expect(a >= 16 && b > a, "\(a) \(b)")
        #expect(BigText.bestRows("A050", in: Size(width: 6, height: 1), options: options) == nil)
    }

    @Test func theCallSentenceDrawsLargeWithoutTheFontPackage() {
        // No unifont.hex: the embedded Hanzi of the call sentence still draw big; other Hanzi do not.
        let options = BigTextFixtures.options(BigTextFixtures.fontWithMissingFile())
        let sentence = BigText.render("请 A050 号到 2 号窗口", rows: 4, options: options)
        #expect(sentence.isBig && sentence.notice == nil)
        #expect(BigText.render("请取号等候叫号", rows: 4, options: options).isBig)
        #expect(!BigText.render("张", rows: 4, options: options).isBig)
        #expect(BitmapFont.builtInOnly.glyph(for: Character("窗")) == options.font.glyph(for: Character("窗")))
        #expect(BigTextFixtures.options().font.glyph(for: Character("窗")) == options.font.glyph(for: Character("窗")),
                "the embedded bitmap is Unifont's")
    }
}

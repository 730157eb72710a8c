/// One glyph of a bitmap font: 16 pixel rows, 8 (narrow: digits, Latin) or 16 (wide: Hanzi)
/// pixels across — the GNU Unifont geometry, so its .hex lines load without conversion.
public struct BitmapGlyph: Hashable, Sendable {
    /// Every glyph is 16 pixels tall; the renderer's sizes are all fractions of this.
    public static let height = 16

    /// 8 or 16.
    public let width: Int
    /// One value per pixel row, top first; the leftmost pixel is bit `width - 1` (as in .hex).
    public let rows: [UInt16]

    /// `rows` must hold 16 values; bits beyond `width` are dropped so equality means "looks the same".
    public init(width: Int, rows: [UInt16]) {
        precondition(width == 8 || width == 16, "glyph width must be 8 or 16")
        precondition(rows.count == Self.height, "glyph must have 16 rows")
        self.width = width
        let mask: UInt16 = width == 16 ? 0xFFFF : 0x00FF
        self.rows = rows.map { $0 & mask }
    }

    /// Parses the bitmap part of a Unifont .hex line: 32 hex digits (8×16) or 64 (16×16).
    /// Other lengths (Unifont's rare 24- and 32-pixel glyphs) are not supported: nil.
    public init?<S: StringProtocol>(hex: S) {
        var digits: [UInt8] = []
        digits.reserveCapacity(64)
        for byte in hex.utf8 {
            guard let d = hexDigitValue(byte) else { return nil }
            digits.append(d)
        }
        self.init(hexDigits: digits)
    }

    /// From already-decoded hex digit values (0–15); used by the .hex loader to avoid a String.
    init?(hexDigits digits: [UInt8]) {
        let perRow: Int
        switch digits.count {
        case 32: perRow = 2
        case 64: perRow = 4
        default: return nil
        }
        var rows: [UInt16] = []
        rows.reserveCapacity(Self.height)
        for r in 0..<Self.height {
            var v: UInt16 = 0
            for d in digits[(r * perRow)..<(r * perRow + perRow)] { v = v << 4 | UInt16(d) }
            rows.append(v)
        }
        self.init(width: perRow * 4, rows: rows)
    }

    /// Builds a glyph from pixel art: one string per row, "#" for ink, anything else blank.
    /// Rows beyond the given ones are blank; `top` is the first row the art occupies.
    init(width: Int, art: [Substring], top: Int = 0) {
        var rows = [UInt16](repeating: 0, count: Self.height)
        for (i, line) in art.enumerated() where top + i < Self.height {
            var v: UInt16 = 0
            for (x, ch) in line.prefix(width).enumerated() where ch == "#" { v |= 1 << UInt16(width - 1 - x) }
            rows[top + i] = v
        }
        self.init(width: width, rows: rows)
    }

    /// A blank glyph (spaces of either width).
    public static func blank(width: Int) -> BitmapGlyph {
        BitmapGlyph(width: width, rows: [UInt16](repeating: 0, count: height))
    }

    @inline(__always)
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < Self.height else { return false }
        return rows[y] >> UInt16(width - 1 - x) & 1 == 1
    }

    public var isBlank: Bool { rows.allSatisfy { $0 == 0 } }

    /// The glyph as .hex digits (uppercase), the inverse of `init(hex:)`.
    public var hexString: String {
        let digitsPerRow = width / 4
        var s = ""
        for row in rows {
            let h = String(row, radix: 16, uppercase: true)
            s += String(repeating: "0", count: digitsPerRow - h.count) + h
        }
        return s
    }

    /// Pixel art ("#" / "."), one line per row — for test failure messages and reviews.
    public var art: String {
        (0..<Self.height).map { y in String((0..<width).map { isSet(x: $0, y: y) ? "#" : "." }) }
            .joined(separator: "\n")
    }
}

@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    default: return nil
    }
}

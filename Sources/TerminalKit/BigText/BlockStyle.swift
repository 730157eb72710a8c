import CNcursesw
import Foundation

/// Which characters big text is drawn with.
///
/// The block characters (▀ ▄ █ and the quadrants ▘ ▝ ▖ ▗ ▚ ▞ ▙ ▛ ▜ ▟ ▌ ▐) are East Asian
/// *Ambiguous* width: a terminal configured for CJK (e.g. "ambiguous width = wide" in a Chinese
/// PuTTY or a GBK console font) draws each two cells wide, and the picture falls apart. The
/// terminal cannot be asked reliably, so the style is configured:
///
///     FAYUAN_BLOCKS=half       ▀ ▄ █ (default; present in nearly every font, even the Linux console)
///     FAYUAN_BLOCKS=quadrant   adds the quarter blocks: sharper medium and small sizes, but some
///                              fonts (the Linux console's) lack them
///     FAYUAN_BLOCKS=ascii      "#" and space only, one pixel row per cell: twice as tall, but
///                              reads on any terminal, any font, any width setting
///
/// Unset (or `auto`): half blocks, unless wcwidth(3) under the current locale says "▀" is two
/// cells wide, in which case ASCII. glibc always says one, so on Linux the variable is the
/// reliable switch; the check helps on systems whose C library follows the CJK convention.
public enum BlockStyle: String, Sendable, CaseIterable {
    case halfBlocks = "half"
    case quadrants = "quadrant"
    case ascii = "ascii"

    public static let environmentVariable = "FAYUAN_BLOCKS"

    /// The configured style (see the type's documentation); unknown values mean `auto`.
    public static func configured(environment: [String: String] = ProcessInfo.processInfo.environment) -> BlockStyle {
        if let value = environment[environmentVariable]?.lowercased() {
            switch value {
            case "half", "halfblocks", "half-blocks": return .halfBlocks
            case "quadrant", "quadrants": return .quadrants
            case "ascii": return .ascii
            default: break
            }
        }
        return detected()
    }

    /// `.ascii` when the C library reports the upper half block as double width, else `.halfBlocks`.
    public static func detected() -> BlockStyle {
        _ = Locale.ensureUTF8()
        return cn_wcwidth(0x2580) == 2 ? .ascii : .halfBlocks
    }

    /// The Chinese name, for a settings screen.
    public var displayName: String {
        switch self {
        case .halfBlocks: return "半格方块"
        case .quadrants: return "四分方块"
        case .ascii: return "井号（兼容）"
        }
    }

    /// Pixels one character cell can show separately: (columns, rows).
    var subcells: (x: Int, y: Int) {
        switch self {
        case .halfBlocks: return (1, 2)
        case .quadrants: return (2, 2)
        case .ascii: return (1, 1)
        }
    }

    /// The character for a 2×2 sub-cell mask: bit 0 top-left, 1 top-right, 2 bottom-left,
    /// 3 bottom-right. Styles with fewer sub-cells are given masks with the halves equal.
    @inline(__always)
    func character(mask: Int) -> Character {
        switch self {
        case .quadrants: return Self.quadrantCharacters[mask & 15]
        case .halfBlocks:
            let top = mask & 3 != 0, bottom = mask & 12 != 0
            return top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ")
        case .ascii: return mask == 0 ? " " : "#"
        }
    }

    private static let quadrantCharacters: [Character] = [
        " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]
}

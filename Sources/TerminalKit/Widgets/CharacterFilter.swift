/// Which characters a text field accepts. An enum rather than a closure so fields stay plain
/// `Sendable` values that can be compared and stored in form definitions.
public enum CharacterFilter: Hashable, Sendable {
    case any
    case digits
    /// Resident ID numbers: digits and the check character X (either case).
    case idNumber
    /// Telephone numbers: digits, "-" and "+" (for 0571-8888xxxx or +86…).
    case phone

    /// The character to store for `c`, or nil when it is refused. A Chinese input method in
    /// full-width mode types "１２３" and "－"; those become their ASCII forms instead of being lost.
    public func accept(_ c: Character) -> Character? {
        let c = CharacterFilter.halfWidth(c)
        switch self {
        case .any: return c
        case .digits: return c.isASCII && c.isNumber ? c : nil
        case .idNumber:
            if c.isASCII && c.isNumber { return c }
            return c == "X" || c == "x" ? "X" : nil
        case .phone: return (c.isASCII && c.isNumber) || c == "-" || c == "+" ? c : nil
        }
    }

    static func halfWidth(_ c: Character) -> Character {
        guard c.unicodeScalars.count == 1, let s = c.unicodeScalars.first else { return c }
        // U+FF01…U+FF5E are the full-width forms of ASCII 0x21…0x7E.
        if (0xFF01...0xFF5E).contains(s.value), let ascii = Unicode.Scalar(s.value - 0xFEE0) {
            return Character(ascii)
        }
        return c
    }
}

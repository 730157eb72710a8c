import CNcursesw

/// Display width in terminal columns, as wcwidth(3) reports it under a UTF-8 locale.
///
/// All layout in Fayuan is in columns: a Hanzi takes two, ASCII one, combining marks zero.
/// wcwidth depends on LC_CTYPE, so the first use makes sure a UTF-8 locale is active
/// (the same repair `Terminal` performs before initscr).
public enum TextWidth {
    /// Evaluated once: selects the environment's locale and repairs a non-UTF-8 one.
    private static let localeReady: Bool = Locale.ensureUTF8()

    /// Columns taken by one Unicode scalar; control characters count as zero.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        _ = localeReady
        let w = Int(cn_wcwidth(v))
        if w >= 0 { return w }
        // wcwidth gives -1 for unassigned code points; treat CJK ranges as wide so a new
        // glyph is never split, everything else as narrow.
        return isLikelyWide(v) ? 2 : 1
    }

    /// Columns taken by one grapheme cluster: its first scalar decides (combining marks add 0).
    @inline(__always)
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        var width = 0
        var first = true
        for scalar in character.unicodeScalars {
            if first { width = of(scalar); first = false }
            else if scalar.value == 0xFE0F { width = max(width, 2) } // emoji presentation selector
        }
        return width
    }

    /// Columns taken by a string.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for ch in text { total += of(ch) }
        return total
    }

    private static func isLikelyWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v)
    }
}

extension StringProtocol {
    /// Width in terminal columns.
    public var displayWidth: Int { TextWidth.of(self) }

    /// Cut to at most `width` columns; a wide character that would straddle the edge is left out.
    /// With `ellipsis`, a cut string ends in "…" (one column) so the reader sees it continues.
    public func truncated(toWidth width: Int, ellipsis: Bool = false) -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return String(self) }
        let limit = ellipsis ? width - 1 : width
        var out = ""
        var used = 0
        for ch in self {
            let w = TextWidth.of(ch)
            if used + w > limit { break }
            out.append(ch)
            used += w
        }
        if ellipsis { out.append("…") }
        return out
    }

    /// Pad with spaces (or cut) to exactly `width` columns.
    public func padded(toWidth width: Int, alignment: TextAlignment = .left) -> String {
        let cut = truncated(toWidth: width)
        let gap = Swift.max(0, width - cut.displayWidth)
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Break into lines of at most `width` columns. Latin words are kept whole where they fit;
    /// Chinese may break between any two characters (but never before closing punctuation).
    public func wrapped(toWidth width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in self.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: wrapParagraph(Substring(paragraph), width: width))
        }
        return lines
    }
}

public enum TextAlignment: Sendable { case left, center, right }

/// Characters that must not start a line (避头点 in Chinese typesetting).
private let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "〉", "”", "’", ",", ".", ";", ":", "!", "?", ")", "]", "…"]

private func wrapParagraph(_ text: Substring, width: Int) -> [String] {
    if text.isEmpty { return [""] }
    // Tokens: a run of ASCII letters/digits is kept whole; anything else is one character.
    // A token wider than the line is broken into single characters.
    var tokens: [String] = []
    var word = ""
    func flushWord() {
        guard !word.isEmpty else { return }
        if word.displayWidth > width { tokens.append(contentsOf: word.map { String($0) }) } else { tokens.append(word) }
        word = ""
    }
    for ch in text {
        if ch.isASCII && (ch.isLetter || ch.isNumber) { word.append(ch) } else { flushWord(); tokens.append(String(ch)) }
    }
    flushWord()

    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    for token in tokens {
        let w = token.displayWidth
        if w > width { continue } // a glyph wider than the whole line cannot be shown
        if lineWidth + w > width {
            if let c = token.first, token.count == 1, noLineStart.contains(c), line.count > 1, let last = line.popLast() {
                // Carry the previous character down so the punctuation does not start a line.
                lines.append(line.trailingSpacesRemoved)
                line = String(last)
                lineWidth = TextWidth.of(last)
            } else {
                lines.append(line.trailingSpacesRemoved)
                line = ""
                lineWidth = 0
                if token == " " { continue }
            }
        }
        line += token
        lineWidth += w
    }
    lines.append(line)
    return lines
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

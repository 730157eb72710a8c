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

    /// Break into lines of at most `width` columns. Latin words, numbers and whole dates
    /// (2026年12月3日) are kept whole where they fit; Chinese may break between any two
    /// characters, but no line starts with closing punctuation (，。、；：？！）」』…) and none
    /// ends with an opening bracket.
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
private let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "》", "〉", "】", "”", "’", "…", "·", "％",
                                           ",", ".", ";", ":", "!", "?", ")", "]", "}", "%"]
/// Characters that must not end a line (避尾点): opening brackets and quotes.
private let noLineEnd: Set<Character> = ["（", "「", "『", "《", "〈", "【", "“", "‘", "(", "["]
/// Units that belong to the number before them: a date or an amount is never broken
/// ("2026年12月3日", "2300元", "15:30").
private let numberUnits: Set<Character> = ["年", "月", "日", "时", "分", "秒", "号", "元", "角", "岁", "人", "条", "天", "周", "次", "%", "％"]

/// Splits a paragraph into pieces that may not be broken: Latin words, numbers with their units
/// (a whole date), and punctuation glued to the word it belongs to.
private func unbreakablePieces(_ text: Substring) -> [String] {
    let chars = Array(text)
    var atoms: [String] = []
    var i = 0
    func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    while i < chars.count {
        let ch = chars[i]
        if isDigit(ch) {
            var atom = ""
            while i < chars.count {
                let c = chars[i]
                if isDigit(c) || (c.isASCII && c.isLetter) {
                    atom.append(c); i += 1
                } else if ".,:/-".contains(c), i + 1 < chars.count, isDigit(chars[i + 1]), !atom.isEmpty {
                    atom.append(c); i += 1
                } else if numberUnits.contains(c), !atom.isEmpty, atom.last.map(isDigit) == true {
                    atom.append(c); i += 1
                    // A date goes on: 2026年 + 12月 + 3日.
                    guard i < chars.count, isDigit(chars[i]) else { break }
                } else {
                    break
                }
            }
            atoms.append(atom)
        } else if ch.isASCII && (ch.isLetter || ((ch == "$" || ch == "~" || ch == "/") && i + 1 < chars.count
                                                  && chars[i + 1].isASCII && (chars[i + 1].isLetter || chars[i + 1] == "/"))) {
            // A Latin word, a code (in_scope_hardship), a path (~/.local/share/fayuan) or a variable
            // ($FAYUAN_DB) is one piece: "_", "/", "$", "~" inside it, and "." or "-" followed by
            // more of it, never start a new line.
            var atom = ""
            func inWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "_/$~".contains(c)) }
            while i < chars.count {
                let c = chars[i]
                if inWord(c) {
                    atom.append(c); i += 1
                } else if c.isASCII, ".-".contains(c), i + 1 < chars.count, inWord(chars[i + 1]) {
                    atom.append(c); i += 1
                } else {
                    break
                }
            }
            atoms.append(atom)
        } else {
            atoms.append(String(ch)); i += 1
        }
    }
    // Closing punctuation joins the piece before it; opening punctuation the piece after it.
    var pieces: [String] = []
    var opening = ""
    for atom in atoms {
        if atom.count == 1, let c = atom.first, noLineStart.contains(c), !pieces.isEmpty, opening.isEmpty {
            pieces[pieces.count - 1] += atom
        } else if atom.count == 1, let c = atom.first, noLineEnd.contains(c) {
            opening += atom
        } else {
            pieces.append(opening + atom)
            opening = ""
        }
    }
    if !opening.isEmpty { pieces.append(opening) }
    return pieces
}

private func wrapParagraph(_ text: Substring, width: Int) -> [String] {
    if text.isEmpty { return [""] }
    // A piece wider than the whole line has to be broken: into single characters.
    var tokens: [String] = []
    for piece in unbreakablePieces(text) {
        if piece.displayWidth > width { tokens.append(contentsOf: piece.map { String($0) }) } else { tokens.append(piece) }
    }
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    for token in tokens {
        let w = token.displayWidth
        if w > width { continue } // a glyph wider than the whole line cannot be shown
        if lineWidth + w > width, !line.isEmpty {
            lines.append(line.trailingSpacesRemoved)
            line = ""
            lineWidth = 0
            if token == " " { continue }
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

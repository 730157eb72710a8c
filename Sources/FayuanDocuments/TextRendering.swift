import Foundation
import TerminalKit

/// Runs that must stay on one line: document and case numbers, dates, ID and phone numbers,
/// sums. The text renderer wraps around them; the PDF renderer joins their characters with
/// WORD JOINER (U+2060) so Pango's line breaking cannot split them either.
public enum NoBreak {
    nonisolated(unsafe) static let pattern = try! Regex(
        #"〔\d{4}〕[^\s〔〕]{1,12}?第\d+号|\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?\s?(?:元|人|件|项|日|天|次|份|页)|[0-9A-Za-z][0-9A-Za-z.:/%*＊×+\-]*"#)

    /// The text cut into atoms: each protected run whole, every other character alone.
    public static func atoms(_ text: String) -> [String] {
        var out: [String] = []
        var index = text.startIndex
        for match in text.matches(of: pattern) {
            while index < match.range.lowerBound { out.append(String(text[index])); index = text.index(after: index) }
            out.append(String(text[match.range]))
            index = match.range.upperBound
        }
        while index < text.endIndex { out.append(String(text[index])); index = text.index(after: index) }
        return out
    }

    /// The UTF-8 byte ranges of the protected runs (for Pango's allow-breaks attribute).
    public static func byteRanges(_ text: String) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var offset = 0
        for atom in atoms(text) {
            let n = atom.utf8.count
            if atom.count > 1 { out.append(offset..<(offset + n)) }
            offset += n
        }
        return out
    }

    /// Characters that must not begin a line (Chinese line-breaking rules, 避头点).
    static let noLineStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〕", "…", ",", ".", ")"]

    /// Wraps to `width` columns without splitting a protected run (a run wider than the line is
    /// cut as a last resort) and without starting a line with closing punctuation.
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        var lines: [String] = []
        var line: [String] = indent > 0 ? [String(repeating: " ", count: indent)] : []
        var used = indent
        func flush() { lines.append(line.joined()); line = []; used = 0 }
        for atom in atoms(text) {
            if atom == "\n" { flush(); continue }
            let w = atom.displayWidth
            if used + w > width && used > 0 {
                let closing = atom.count == 1 && noLineStart.contains(atom.first!)
                // Closing punctuation never starts a line: the atom before it goes down with it.
                let carried = closing && line.count > 1 ? [line.removeLast()] : []
                flush()
                if atom == " " || atom == "　" { continue }
                for c in carried { line.append(c); used += c.displayWidth }
            }
            if w > width {
                for ch in atom {
                    if used + TextWidth.of(ch) > width { flush() }
                    line.append(String(ch)); used += TextWidth.of(ch)
                }
                continue
            }
            line.append(atom); used += w
        }
        flush()
        return lines.map(\.trimmingTrailing)
    }
}

extension String {
    var trimmingTrailing: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// The UTF-8 text of a document: what the screen previews, screen readers read and tests check.
public enum TextRenderer {
    public static func width(for paper: Paper) -> Int { paper == .a4 ? 72 : paper == .a4Landscape ? 110 : 32 }

    public static func render(_ doc: Document) -> String {
        let width = width(for: doc.paper)
        var out: [String] = []
        func centred(_ s: String) { out.append(s.padded(toWidth: width, alignment: .center).trimmingTrailing) }
        if !doc.issuer.isEmpty { centred(doc.issuer) }
        centred(doc.title)
        if let n = doc.number, !n.isEmpty { centred(n) }
        out.append(String(repeating: "─", count: doc.paper.isSheet ? width : width / 2))
        for block in doc.blocks {
            switch block {
            case .paragraph(let p):
                for para in p.split(separator: "\n", omittingEmptySubsequences: false) {
                    out += NoBreak.wrap("　　" + para, width: width)
                }
            case .line(let s):
                out += NoBreak.wrap(s, width: width)
            case .heading(let h):
                out.append("")
                out += NoBreak.wrap(h, width: width)
            case .fields(let fields):
                // "标签：值", the value's further lines hanging under its start (as on the forms).
                for f in fields {
                    let head = f.label.isEmpty ? "" : f.label + "："
                    let indent = min(head.displayWidth, width / 3)
                    let value = f.value.isEmpty ? "——" : f.value
                    let wrapped = value.split(separator: "\n", omittingEmptySubsequences: false)
                        .flatMap { NoBreak.wrap(String($0), width: width - indent) }
                    for (i, l) in wrapped.enumerated() {
                        out.append(((i == 0 ? head : "").padded(toWidth: indent) + l).trimmingTrailing)
                    }
                }
            case .table(let t):
                out += tableLines(t, width: width)
            case .list(let items):
                for (i, item) in items.enumerated() {
                    let head = "（\(i + 1)）"
                    for (j, l) in NoBreak.wrap(item, width: width - head.displayWidth).enumerated() {
                        out.append((j == 0 ? head : String(repeating: " ", count: head.displayWidth)) + l)
                    }
                }
            case .signature(let s):
                out.append("")
                out += NoBreak.wrap(s, width: width)
            case .space(let n):
                out += Array(repeating: "", count: max(0, n))
            }
        }
        if let seal = doc.seal {
            out.append("")
            out.append((seal.issuer + "（盖章）").padded(toWidth: width, alignment: .right).trimmingTrailing)
            out.append(PaperDate.chinese(seal.date).padded(toWidth: width, alignment: .right).trimmingTrailing)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Columns separated by "│", widths in proportion, cells wrapped in their column.
    static func tableLines(_ t: DocumentTable, width: Int) -> [String] {
        let n = max(t.header.count, 1)
        let weights = t.widths.count == n ? t.widths : Array(repeating: 1.0, count: n)
        let total = weights.reduce(0, +)
        let usable = width - (n - 1)
        var cols = weights.map { max(4, Int(Double(usable) * $0 / total)) }
        cols[n - 1] = max(4, usable - cols.dropLast().reduce(0, +))
        func row(_ cells: [String]) -> [String] {
            let wrapped = (0..<n).map { i in NoBreak.wrap(i < cells.count ? cells[i] : "", width: cols[i]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { r in
                (0..<n).map { i in (r < wrapped[i].count ? wrapped[i][r] : "").padded(toWidth: cols[i]) }
                    .joined(separator: "│").trimmingTrailing
            }
        }
        var lines = row(t.header)
        lines.append(cols.map { String(repeating: "─", count: $0) }.joined(separator: "┼"))
        for r in t.rows { lines += row(r) }
        return lines
    }
}

import TerminalKit

/// The building blocks of the 大字模式 layouts (queue window, ticket, consultation, board, case,
/// roster, reports): a column filled top to bottom with few, big cells. The one fact that matters
/// goes in big block letters when they fit, the warnings in words (never cut: wrapped over the
/// rows given), and the rest as a list that scrolls to keep the selected item in view. Every text
/// is cut at a whole character (`truncated`), so a Hanzi is never split at the edge.
struct LargeColumn {
    let area: Rect
    let theme: Theme
    /// The next free row.
    private(set) var y: Int

    init(_ area: Rect, theme: Theme) {
        self.area = area
        self.theme = theme
        y = area.y
    }

    var remaining: Int { max(0, area.maxY - y) }

    /// The row after the next `n` rows, for a layout that keeps rows for what comes below.
    func rect(rows n: Int) -> Rect { Rect(x: area.x, y: y, width: area.width, height: min(n, remaining)) }

    mutating func skip(_ n: Int = 1) { y = min(area.maxY, y + n) }

    /// One line of text, wrapped over at most `maxLines` rows (the last cut with an ellipsis).
    @discardableResult
    mutating func text<C: Canvas>(_ s: String, role: Role = .normal, bold: Bool = false, maxLines: Int = 1,
                                  on canvas: inout C) -> Int {
        guard remaining > 0, !s.isEmpty else { return 0 }
        let lines = Self.wrap(s, width: area.width, lines: min(maxLines, remaining))
        let style = bold ? theme[role].adding(.bold) : theme[role]
        for line in lines {
            canvas.drawLine(line, in: Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            y += 1
        }
        return lines.count
    }

    /// Short phrases packed into lines without breaking one ("✗ 超期 1 件" never splits between
    /// the number and its measure word), at most `maxLines` lines.
    mutating func phrases<C: Canvas>(_ parts: [String], separator: String = " · ", role: Role = .normal, bold: Bool = false,
                                     maxLines: Int = 2, on canvas: inout C) {
        var lines: [String] = []
        for part in parts {
            if let last = lines.last, TextWidth.of(last + separator + part) <= area.width {
                lines[lines.count - 1] = last + separator + part
            } else {
                lines.append(part)
            }
        }
        for line in lines.prefix(maxLines) { text(line, role: role, bold: bold, on: &canvas) }
    }

    /// `s` wrapped the Chinese way to `width`, at most `lines` rows; a longer text ends in "…".
    static func wrap(_ s: String, width: Int, lines: Int) -> [String] {
        guard width > 0, lines > 0 else { return [] }
        let all = s.wrapped(toWidth: width)
        guard all.count > lines else { return all }
        let head = Array(all.prefix(lines - 1))
        let rest = all.dropFirst(lines - 1).joined()
        return head + [rest.truncated(toWidth: width, ellipsis: true)]
    }

    /// Big block letters at most `maxRows` rows tall, left-aligned, with `side` lines of plain
    /// text beside them when there is room (else below). When not even 2-row letters fit the
    /// width the text is drawn bold at normal size: the fact is never dropped.
    /// `minRows`: below it the letters are not drawn big (Hanzi need 4 rows to keep their strokes).
    mutating func big<C: Canvas>(_ s: String, role: Role = .normal, maxRows: Int, minRows: Int = BigText.minimumRows,
                                 side: [(String, Role)] = [], sideWidth: Int = 14, on canvas: inout C) {
        guard remaining > 0 else { return }
        let rowsAvailable = min(maxRows, remaining)
        let sideFits = !side.isEmpty && area.width - sideWidth - 2 >= 8
        let bigWidth = sideFits ? area.width - sideWidth - 2 : area.width
        if rowsAvailable >= max(minRows, BigText.minimumRows),
           let rows = BigText.bestRows(s, in: Size(width: bigWidth, height: rowsAvailable), wrapping: false, maxRows: rowsAvailable),
           rows >= minRows,
           let measured = BigText.measure(s, rows: rows) {
            let height = min(measured.height, rowsAvailable)
            let rect = Rect(x: area.x, y: y, width: bigWidth, height: height)
            BigText.draw(s, in: rect, on: &canvas, style: theme[role].adding(.bold), alignment: .left, rows: rows, wrapping: false)
            // The side lines go beside the letters, starting right after their real width.
            let sideX = area.x + min(bigWidth, measured.width) + 2
            let sideRect = Rect(x: sideX, y: y, width: area.maxX - sideX, height: height)
            if sideFits && sideRect.width >= 8 {
                var r = 0
                for (line, lineRole) in side where r < height {
                    for piece in Self.wrap(line, width: sideRect.width, lines: height - r) {
                        canvas.drawLine(piece, in: Rect(x: sideRect.x, y: sideRect.y + r, width: sideRect.width, height: 1),
                                        style: theme[lineRole])
                        r += 1
                    }
                }
                y += height
                // Side lines that did not fit beside the letters follow below them.
                let shownBeside = min(side.count, height)
                for (line, lineRole) in side.dropFirst(shownBeside) { text(line, role: lineRole, on: &canvas) }
            } else {
                y += height
                for (line, lineRole) in side { text(line, role: lineRole, on: &canvas) }
            }
            return
        }
        // Too small for big letters: the fact and what went beside it share one bold line.
        let plain = ([s] + side.map(\.0)).joined(separator: " ")
        text(plain, role: role, bold: true, maxLines: 2, on: &canvas)
    }

    /// A list of items (each one or more rows) in the rest of the column, less `reserve` rows
    /// kept free below. The selected item is marked ▶ and kept in view; when the items do not
    /// all fit, the last row says where the list stands (第 3/12 项 ↑↓).
    mutating func list<C: Canvas>(_ items: [[String]], roles: [Role] = [], selected: Int?, reserve: Int = 0,
                                  empty: String = "（无）", on canvas: inout C) {
        let height = max(0, remaining - reserve)
        guard height > 0 else { return }
        guard !items.isEmpty else { text(empty, role: .dim, on: &canvas); return }
        let per = max(1, items.map(\.count).max() ?? 1)
        var capacity = max(1, height / per)
        let overflow = items.count > capacity
        if overflow { capacity = max(1, (height - 1) / per) }
        let chosen = min(max(0, selected ?? 0), items.count - 1)
        let first = overflow ? min(max(0, chosen - capacity / 2), items.count - capacity) : 0
        for index in first..<min(items.count, first + capacity) {
            let isSelected = index == selected
            let role = roles.indices.contains(index) ? roles[index] : .normal
            for (k, line) in items[index].enumerated() where y < area.maxY - reserve {
                let mark = k == 0 ? (isSelected ? "▶ " : "  ") : "  "
                canvas.drawLine((mark + line).truncated(toWidth: area.width, ellipsis: true),
                                in: Rect(x: area.x, y: y, width: area.width, height: 1),
                                style: isSelected ? theme[.selection] : theme[role])
                y += 1
            }
        }
        if overflow, y < area.maxY - reserve {
            let position = selected.map { "第 \($0 + 1)/\(items.count) 项" } ?? "共 \(items.count) 项"
            canvas.drawLine("  " + position + "　↑↓ 翻看", in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.dim])
            y += 1
        }
    }
}

/// A column of a table: its title, its width as a layout constraint (`.fixed(10)` cells or
/// `.fill(1)` for a share of what is left) and how its cells are aligned.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: TextAlignment

    public init(_ title: String, width: Constraint, alignment: TextAlignment = .left) {
        self.title = title; self.width = width; self.alignment = alignment
    }
}

/// Rows of strings under a header, one row selected. Columns are laid out in cells, so the
/// separators line up whatever mix of Hanzi and Latin the cells hold; a cell too long for its
/// column ends in "…". The selected row is marked "▶" so it is visible without colour.
public struct Table: Hashable, Sendable {
    public var columns: [TableColumn]
    public private(set) var rows: [[String]]
    public private(set) var selectedRow: Int?
    /// First visible data row; kept by `render`.
    public private(set) var scrollOffset: Int = 0
    public private(set) var pageSize: Int = 10

    /// Drawn between columns.
    public static let separator: Character = "│"
    /// Width of the selection-mark column at the left.
    public static let markWidth = 2

    public init(columns: [TableColumn], rows: [[String]] = [], selectedRow: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = rows.isEmpty ? nil : min(max(0, selectedRow ?? 0), rows.count - 1)
    }

    /// Replaces the rows, keeping the selection on the same index when it still exists.
    public mutating func setRows(_ newRows: [[String]]) {
        rows = newRows
        selectedRow = rows.isEmpty ? nil : min(selectedRow ?? 0, rows.count - 1)
    }

    public mutating func select(row: Int) {
        guard !rows.isEmpty else { return }
        selectedRow = min(max(0, row), rows.count - 1)
    }

    public mutating func handle(_ input: Input) -> Bool {
        guard case .action(let id) = input else { return false }
        let current = selectedRow ?? 0
        switch id {
        case StandardAction.up: select(row: current - 1)
        case StandardAction.down: select(row: current + 1)
        case StandardAction.pageUp: select(row: current - max(1, pageSize - 1))
        case StandardAction.pageDown: select(row: current + max(1, pageSize - 1))
        case StandardAction.home: select(row: 0)
        case StandardAction.end: select(row: rows.count - 1)
        default: return false
        }
        return true
    }

    /// Column rectangles (x and width) for a table drawn in `rect`; separators sit in the one-cell
    /// gaps between them.
    public func columnFrames(in rect: Rect) -> [Rect] {
        let body = rect.inset(left: Table.markWidth)
        return Layout.split(Rect(x: body.x, y: rect.y, width: body.width, height: 1), .horizontal, columns.map(\.width), spacing: 1)
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        canvas.clear(rect, style: theme[.normal])
        let frames = columnFrames(in: rect)
        drawRow(columns.map(\.title), mark: "", y: rect.y, frames: frames, rect: rect, style: theme[.header], alignments: columns.map { _ in .left })
        let body = rect.inset(top: 1)
        guard !body.isEmpty else { return }
        if rows.isEmpty {
            canvas.draw("（无记录）", at: Point(x: body.x + Table.markWidth, y: body.y), style: theme[.dim], clip: body.row(0))
            return
        }
        let overflow = rows.count > body.height && body.height > 1
        let visible = overflow ? body.height - 1 : body.height
        pageSize = visible
        scrollOffset = ScrollIndicator.offset(keeping: selectedRow ?? 0, visible: visible, current: scrollOffset, count: rows.count)
        for r in 0..<min(visible, rows.count - scrollOffset) {
            let i = scrollOffset + r
            let isSelected = i == selectedRow
            let style = isSelected ? theme[focused ? .selection : .selectionUnfocused] : theme[.normal]
            drawRow(rows[i], mark: isSelected ? "▶" : "", y: body.y + r, frames: frames, rect: rect, style: style, alignments: columns.map(\.alignment))
            if isSelected && focused { canvas.cursor = Point(x: rect.x, y: body.y + r) }
        }
        if overflow, let note = ScrollIndicator.text(hiddenAbove: scrollOffset, hiddenBelow: rows.count - scrollOffset - visible) {
            canvas.drawLine(note, in: body.row(body.height - 1), style: theme[.dim], alignment: .right)
        }

        func drawRow(_ cells: [String], mark: String, y: Int, frames: [Rect], rect: Rect, style: Style, alignments: [TextAlignment]) {
            let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            canvas.fill(row, with: " ", style: style)
            canvas.draw(mark, at: Point(x: rect.x, y: y), style: style, clip: row)
            for (c, frame) in frames.enumerated() where frame.width > 0 {
                let text = c < cells.count ? cells[c] : ""
                let cell = text.truncated(toWidth: frame.width, ellipsis: true).padded(toWidth: frame.width, alignment: alignments[c])
                canvas.draw(cell, at: Point(x: frame.x, y: y), style: style, clip: row.intersection(Rect(x: frame.x, y: y, width: frame.width, height: 1)))
                if c < frames.count - 1, frame.maxX < row.maxX {
                    canvas.draw(String(Table.separator), at: Point(x: frame.maxX, y: y), style: style, clip: row)
                }
            }
        }
    }
}

/// One choice in a list: a stable id for storage and a Chinese label for people. `searchKey` is
/// extra text typing can match, such as pinyin initials ("ldbc" for 劳动报酬).
public struct SelectOption: Hashable, Sendable {
    public let id: String
    public let label: String
    public let searchKey: String

    public init(id: String, label: String, searchKey: String = "") {
        self.id = id; self.label = label; self.searchKey = searchKey
    }
}

/// A single choice from a list, with type-to-filter. Moving the highlight selects (like a radio
/// list), so the value is always what the reader sees marked.
///
/// Rendered either compactly on one row ("劳动报酬 ▾", the dropdown look) or expanded as a
/// scrolling list; `render` picks by the height it is given.
public struct SelectList: Hashable, Sendable {
    public let options: [SelectOption]
    public private(set) var filterText: String = ""
    /// Indices into `options` of the entries that match the filter, in option order.
    public private(set) var matches: [Int]
    /// Position in `matches` of the highlighted entry; nil when nothing matches.
    public private(set) var highlight: Int?
    public private(set) var selectedID: String?
    public let initialID: String?
    public var placeholder: String
    public private(set) var scrollOffset: Int = 0
    /// Rows shown at the last render; Page Up/Down move by this much.
    public private(set) var pageSize: Int = 10

    public static let noMatchText = "（无匹配）"

    public init(options: [SelectOption], selectedID: String? = nil, placeholder: String = "（请选择）") {
        self.options = options
        self.placeholder = placeholder
        let valid = selectedID.flatMap { id in options.contains { $0.id == id } ? id : nil }
        self.selectedID = valid
        initialID = valid
        matches = Array(options.indices)
        highlight = valid.flatMap { id in options.firstIndex { $0.id == id } }
    }

    public var selectedOption: SelectOption? { selectedID.flatMap { id in options.first { $0.id == id } } }
    public var isDirty: Bool { selectedID != initialID }
    /// The options currently shown, in order.
    public var visibleOptions: [SelectOption] { matches.map { options[$0] } }

    public mutating func select(id: String?) {
        selectedID = id.flatMap { id in options.contains { $0.id == id } ? id : nil }
        clearFilter()
    }

    /// Drops the filter (e.g. when focus leaves the list) and shows every option again.
    public mutating func clearFilter() {
        filterText = ""
        refilter()
    }

    public mutating func handle(_ input: Input) -> Bool {
        switch input {
        case .text(let c):
            if EditableText.isControl(c) { return false }
            if c == " " && filterText.isEmpty { return true } // a stray space does not start a filter
            filterText = String(Array(filterText + String(c)))
            refilter()
            return true
        case .action(let id):
            switch id {
            case StandardAction.up: move(by: -1)
            case StandardAction.down: move(by: 1)
            case StandardAction.pageUp: move(by: -max(1, pageSize - 1))
            case StandardAction.pageDown: move(by: max(1, pageSize - 1))
            case StandardAction.home: move(to: 0)
            case StandardAction.end: move(to: matches.count - 1)
            case StandardAction.backspace:
                guard !filterText.isEmpty else { return true }
                filterText.removeLast()
                refilter()
            case StandardAction.clearLine: clearFilter()
            default: return false
            }
            return true
        }
    }

    /// Matches by substring of the label or (case-insensitively) of the search key.
    public static func option(_ option: SelectOption, matchesFilter filter: String) -> Bool {
        if filter.isEmpty { return true }
        if option.label.contains(filter) { return true }
        return !option.searchKey.isEmpty && option.searchKey.lowercased().contains(filter.lowercased())
    }

    private mutating func refilter() {
        matches = options.indices.filter { SelectList.option(options[$0], matchesFilter: filterText) }
        // Keep the chosen option highlighted while it still matches; otherwise take the first match.
        if let id = selectedID, let i = matches.firstIndex(where: { options[$0].id == id }) {
            highlight = i
        } else if matches.isEmpty {
            highlight = nil
        } else if filterText.isEmpty {
            highlight = selectedID == nil ? nil : 0
        } else {
            highlight = 0
            selectedID = options[matches[0]].id
        }
    }

    private mutating func move(by delta: Int) {
        guard !matches.isEmpty else { return }
        move(to: (highlight ?? (delta > 0 ? -1 : matches.count)) + delta)
    }

    private mutating func move(to index: Int) {
        guard !matches.isEmpty else { return }
        let i = min(max(0, index), matches.count - 1)
        highlight = i
        selectedID = options[matches[i]].id
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        if rect.height <= 1 { renderCompact(in: rect, on: &canvas, theme: theme, focused: focused) }
        else { renderExpanded(in: rect, on: &canvas, theme: theme, focused: focused) }
    }

    /// One row: the current choice and "▾"; while filtering, the typed filter follows it.
    public func renderCompact(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        let style = theme[focused ? .fieldFocused : .field]
        canvas.fill(row, with: " ", style: style)
        let choice: String
        if !filterText.isEmpty && matches.isEmpty { choice = SelectList.noMatchText }
        else { choice = selectedOption?.label ?? placeholder }
        let head = choice + " ▾"
        let filterPart = filterText.isEmpty ? "" : "  筛选：" + filterText
        // The filter (where the cursor is) must stay visible, so the choice gives way first.
        let headWidth = max(0, min(head.displayWidth, row.width - filterPart.displayWidth))
        let shownHead = head.displayWidth <= headWidth ? head : choice.truncated(toWidth: max(0, headWidth - 2), ellipsis: true) + " ▾"
        let x = row.x + canvas.draw(shownHead, at: Point(x: row.x, y: row.y), style: selectedID == nil && filterText.isEmpty ? theme[.placeholder] : style, clip: row)
        let end = x + canvas.draw(filterPart, at: Point(x: x, y: row.y), style: style, clip: row)
        if focused { canvas.cursor = Point(x: min(end, row.maxX - 1), y: row.y) }
    }

    /// The list: the highlighted row is marked "▶" as well as coloured; a filter row on top while
    /// filtering; "↓ 还有 n 项" on the last row when options are cut off.
    public mutating func renderExpanded(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        canvas.clear(rect, style: theme[.normal])
        var area = rect
        var cursor: Point?
        if !filterText.isEmpty {
            let x = rect.x + canvas.draw("筛选：" + filterText, at: Point(x: rect.x, y: rect.y), style: theme[.label], clip: rect.row(0))
            cursor = Point(x: min(x, rect.maxX - 1), y: rect.y)
            area = rect.inset(top: 1)
        }
        guard !area.isEmpty else { return }
        if matches.isEmpty {
            canvas.draw(SelectList.noMatchText, at: Point(x: area.x + 2, y: area.y), style: theme[.dim], clip: area.row(0))
            if focused { canvas.cursor = cursor ?? Point(x: area.x, y: area.y) }
            return
        }
        let overflow = matches.count > area.height
        let visible = overflow ? max(1, area.height - 1) : area.height
        pageSize = visible
        scrollOffset = ScrollIndicator.offset(keeping: highlight ?? 0, visible: visible, current: scrollOffset, count: matches.count)
        for r in 0..<min(visible, matches.count - scrollOffset) {
            let i = scrollOffset + r
            let isHighlighted = i == highlight
            let style = isHighlighted ? theme[focused ? .selection : .selectionUnfocused] : theme[.normal]
            let line = (isHighlighted ? "▶ " : "  ") + options[matches[i]].label
            canvas.drawLine(line.truncated(toWidth: area.width, ellipsis: true), in: area.row(r), style: style)
            if isHighlighted && cursor == nil { cursor = Point(x: area.x, y: area.y + r) }
        }
        if overflow, area.height > 1, let note = ScrollIndicator.text(hiddenAbove: scrollOffset, hiddenBelow: matches.count - scrollOffset - visible, unit: "项") {
            canvas.drawLine(note, in: area.row(area.height - 1), style: theme[.dim], alignment: .right)
        }
        if focused { canvas.cursor = cursor ?? Point(x: area.x, y: area.y) }
    }
}

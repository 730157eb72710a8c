/// Several independent yes/no choices ("[✓] 身份证明"). The mark, not a colour, says what is
/// ticked; the row with focus is marked "▶".
public struct CheckboxGroup: Hashable, Sendable {
    public let options: [SelectOption]
    public private(set) var checkedIDs: Set<String>
    public let initialIDs: Set<String>
    /// Index into `options` of the row with focus.
    public private(set) var highlight: Int = 0
    public private(set) var scrollOffset: Int = 0

    public init(options: [SelectOption], checked: Set<String> = []) {
        self.options = options
        let valid = checked.filter { id in options.contains { $0.id == id } }
        checkedIDs = valid
        initialIDs = valid
    }

    /// Ticked ids in option order (the order is stable, unlike the set's).
    public var checkedInOrder: [String] { options.map(\.id).filter { checkedIDs.contains($0) } }
    public var isDirty: Bool { checkedIDs != initialIDs }

    public func isChecked(_ id: String) -> Bool { checkedIDs.contains(id) }

    public mutating func setChecked(_ ids: some Sequence<String>) {
        checkedIDs = Set(ids).filter { id in options.contains { $0.id == id } }
    }

    public mutating func toggle(_ id: String) {
        if checkedIDs.contains(id) { checkedIDs.remove(id) } else if options.contains(where: { $0.id == id }) { checkedIDs.insert(id) }
    }

    public mutating func handle(_ input: Input) -> Bool {
        guard !options.isEmpty else { return false }
        switch input {
        case .text(" "):
            toggle(options[highlight].id)
            return true
        case .text:
            return false
        case .action(let id):
            switch id {
            case StandardAction.up: highlight = max(0, highlight - 1)
            case StandardAction.down: highlight = min(options.count - 1, highlight + 1)
            case StandardAction.home: highlight = 0
            case StandardAction.end: highlight = options.count - 1
            default: return false
            }
            return true
        }
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        guard !rect.isEmpty, !options.isEmpty else { return }
        canvas.clear(rect, style: theme[.normal])
        let overflow = options.count > rect.height && rect.height > 1
        let visible = overflow ? rect.height - 1 : rect.height
        scrollOffset = ScrollIndicator.offset(keeping: highlight, visible: visible, current: scrollOffset, count: options.count)
        for r in 0..<min(visible, options.count - scrollOffset) {
            let i = scrollOffset + r
            let option = options[i]
            let isFocusRow = focused && i == highlight
            let line = (isFocusRow ? "▶" : " ") + (checkedIDs.contains(option.id) ? "[✓] " : "[ ] ") + option.label
            canvas.drawLine(line.truncated(toWidth: rect.width, ellipsis: true), in: rect.row(r),
                            style: isFocusRow ? theme[.selection] : theme[.normal])
            // The cursor sits inside the brackets, where Space makes its change.
            if isFocusRow { canvas.cursor = Point(x: rect.x + 2, y: rect.y + r) }
        }
        if overflow, let note = ScrollIndicator.text(hiddenAbove: scrollOffset, hiddenBelow: options.count - scrollOffset - visible, unit: "项") {
            canvas.drawLine(note, in: rect.row(rect.height - 1), style: theme[.dim], alignment: .right)
        }
    }
}

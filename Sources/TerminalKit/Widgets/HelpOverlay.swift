/// A key and what it does, as shown in help ("F2", "保存").
public struct HelpEntry: Hashable, Sendable {
    public var keys: String
    public var description: String
    public init(_ keys: String, _ description: String) { self.keys = keys; self.description = description }
}

public struct HelpSection: Hashable, Sendable {
    public var title: String
    public var entries: [HelpEntry]
    public init(_ title: String, _ entries: [HelpEntry]) { self.title = title; self.entries = entries }
}

/// A centred box listing keys by section, scrollable. Closing it (Esc, F1) is the caller's job:
/// `handle` only scrolls and returns false for everything else.
public struct HelpOverlay: Hashable, Sendable {
    public var title: String
    public var sections: [HelpSection]
    public private(set) var scrollOffset: Int = 0
    public private(set) var pageSize: Int = 10

    public init(title: String = "帮助", sections: [HelpSection]) {
        self.title = title; self.sections = sections
    }

    /// The text lines of the body: section titles, entries with keys in an aligned column, and a
    /// blank line between sections.
    public var lines: [(text: String, isTitle: Bool)] {
        let keyWidth = sections.flatMap(\.entries).map(\.keys.displayWidth).max() ?? 0
        var out: [(String, Bool)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { out.append(("", false)) }
            out.append((section.title, true))
            for e in section.entries { out.append(("  " + e.keys.padded(toWidth: keyWidth) + "  " + e.description, false)) }
        }
        return out
    }

    public mutating func handle(_ input: Input) -> Bool {
        guard case .action(let id) = input else { return false }
        switch id {
        case StandardAction.up: scrollOffset -= 1
        case StandardAction.down: scrollOffset += 1
        case StandardAction.pageUp: scrollOffset -= max(1, pageSize - 1)
        case StandardAction.pageDown: scrollOffset += max(1, pageSize - 1)
        case StandardAction.home: scrollOffset = 0
        case StandardAction.end: scrollOffset = Int.max / 2
        default: return false
        }
        scrollOffset = min(max(0, scrollOffset), max(0, lines.count - pageSize))
        return true
    }

    public mutating func render(in area: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = true) {
        let body = lines
        let contentWidth = max(body.map(\.text.displayWidth).max() ?? 0, title.displayWidth + 4)
        let box = area.centered(width: min(contentWidth + 4, area.width), height: min(body.count + 2, area.height))
        guard box.width >= 4, box.height >= 3 else { return }
        let style = theme[.dialog]
        canvas.fill(box, with: " ", style: style)
        canvas.drawBox(box, style: style, title: title)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        pageSize = inner.height
        scrollOffset = min(max(0, scrollOffset), max(0, body.count - inner.height))
        for r in 0..<min(inner.height, body.count - scrollOffset) {
            let line = body[scrollOffset + r]
            canvas.drawLine(line.text.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(r),
                            style: line.isTitle ? style.adding(.bold) : style)
        }
        // The count of hidden lines sits in the bottom border, where it takes no body row.
        if let note = ScrollIndicator.text(hiddenAbove: scrollOffset, hiddenBelow: body.count - scrollOffset - inner.height) {
            let shown = " " + note.truncated(toWidth: max(0, box.width - 6)) + " "
            canvas.draw(shown, at: Point(x: box.maxX - 2 - shown.displayWidth, y: box.maxY - 1), style: style, clip: box)
        }
    }
}

/// Static text in a role's style, aligned, on one row (cut with "…") or wrapped by columns.
public struct Label: Hashable, Sendable {
    public var text: String
    public var role: Role
    public var alignment: TextAlignment
    public var wraps: Bool

    public init(_ text: String, role: Role = .normal, alignment: TextAlignment = .left, wraps: Bool = false) {
        self.text = text; self.role = role; self.alignment = alignment; self.wraps = wraps
    }

    /// Rows needed at `width`: 1 unless wrapping.
    public func height(forWidth width: Int) -> Int {
        wraps ? max(1, text.wrapped(toWidth: width).count) : 1
    }

    /// Labels take no input; `focused` is accepted so every widget renders the same way.
    public func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = false) {
        guard !rect.isEmpty else { return }
        let style = theme[role]
        var lines = wraps ? text.wrapped(toWidth: rect.width) : [text.replacingNewlines()]
        if lines.count > rect.height {
            lines = Array(lines.prefix(rect.height))
            // Cut text says so on its last visible line.
            lines[lines.count - 1] = lines[lines.count - 1].endingInEllipsis(width: rect.width)
        }
        for (r, line) in lines.enumerated() {
            canvas.drawLine(line.truncated(toWidth: rect.width, ellipsis: true), in: rect.row(r), style: style, alignment: alignment)
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// The line with "…" appended, cut as needed so both fit in `width` columns.
    fileprivate func endingInEllipsis(width: Int) -> String {
        truncated(toWidth: width - 1) + "…"
    }
}

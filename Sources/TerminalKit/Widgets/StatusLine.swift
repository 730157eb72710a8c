/// One row: a message with its severity mark on the left, extra text (operator, station, clock)
/// on the right. When both do not fit, the message keeps at least two thirds of the row.
public struct StatusLine: Hashable, Sendable {
    /// How serious a status message is. Each has a mark as well as a theme role, so the meaning
    /// survives a monochrome screen.
    public enum Severity: Hashable, Sendable, CaseIterable {
        case info, success, warning, error

        public var mark: String {
            switch self {
            case .info: return "ℹ"
            case .success: return "✓"
            case .warning: return "⚠"
            case .error: return "✗"
            }
        }

        public var role: Role {
            switch self {
            case .info: return .info
            case .success: return .success
            case .warning: return .warning
            case .error: return .error
            }
        }
    }

    public var message: String
    public var severity: Severity
    public var trailing: String

    public init(message: String = "", severity: Severity = .info, trailing: String = "") {
        self.message = message; self.severity = severity; self.trailing = trailing
    }

    /// The message as shown, with its mark.
    public var markedMessage: String { message.isEmpty ? "" : severity.mark + " " + message }

    public func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = false) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        let base = theme[.statusLine]
        canvas.fill(row, with: " ", style: base)
        let left = markedMessage
        let width = row.width
        let gap = 2
        var leftBudget = width
        var right = trailing
        if !right.isEmpty && left.displayWidth + gap + right.displayWidth > width {
            leftBudget = min(left.displayWidth, max(width - right.displayWidth - gap, width * 2 / 3))
            let rightBudget = width - leftBudget - gap
            right = rightBudget >= 4 ? right.truncated(toWidth: rightBudget, ellipsis: true) : ""
            if right.isEmpty { leftBudget = width }
        }
        if !right.isEmpty { leftBudget = min(leftBudget, width - right.displayWidth - gap) }
        if !left.isEmpty {
            var style = theme[severity.role]
            // Keep the bar's background so the row reads as one strip.
            if style.background == .default { style.background = base.background }
            canvas.draw(left.truncated(toWidth: leftBudget, ellipsis: true), at: Point(x: row.x, y: row.y), style: style, clip: row)
        }
        if !right.isEmpty {
            canvas.draw(right, at: Point(x: row.maxX - right.displayWidth, y: row.y), style: base, clip: row)
        }
    }
}

/// The roles things on screen play; a theme gives each a style. Meaning is never carried by
/// colour alone: errors also carry a mark (✗) and words, priority a symbol (★) and a word.
public enum Role: Hashable, Sendable, CaseIterable {
    case normal, title, statusLine, functionKeyNumber, functionKeyLabel
    case label, field, fieldFocused, fieldDisabled, placeholder
    case selection, selectionUnfocused, header, border
    case error, warning, success, info, priority, dim, dialog
}

public struct Theme: Sendable {
    public let id: String
    public let name: String
    private let styles: [Role: Style]

    public init(id: String, name: String, styles: [Role: Style]) {
        self.id = id; self.name = name; self.styles = styles
    }

    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// Blue title bar, cyan function keys; the everyday look.
    public static let standard = Theme(id: "default", name: "默认", styles: [
        .normal: .plain,
        .title: Style(foreground: .white, background: .blue, attributes: [.bold]),
        .statusLine: Style(foreground: .black, background: .cyan),
        .functionKeyNumber: Style(foreground: .white, background: .default, attributes: [.bold]),
        .functionKeyLabel: Style(foreground: .black, background: .cyan),
        .label: .plain,
        .field: Style(attributes: [.underline]),
        .fieldFocused: Style(foreground: .black, background: .white, attributes: [.underline]),
        .fieldDisabled: Style(attributes: [.dim]),
        .placeholder: Style(attributes: [.dim]),
        .selection: Style(foreground: .white, background: .blue, attributes: [.bold]),
        .selectionUnfocused: Style(attributes: [.reverse]),
        .header: Style(attributes: [.bold, .underline]),
        .border: Style(foreground: .cyan),
        .error: Style(foreground: .red, attributes: [.bold]),
        .warning: Style(foreground: .yellow, attributes: [.bold]),
        .success: Style(foreground: .green, attributes: [.bold]),
        .info: Style(foreground: .cyan),
        .priority: Style(foreground: .magenta, attributes: [.bold]),
        .dim: Style(attributes: [.dim]),
        .dialog: Style(foreground: .black, background: .white),
    ])

    /// White on black with bold and reverse: for poor sight and washed-out screens.
    public static let highContrast = Theme(id: "high-contrast", name: "高对比度", styles: [
        .normal: Style(foreground: .white, background: .black),
        .title: Style(foreground: .black, background: .yellow, attributes: [.bold]),
        .statusLine: Style(foreground: .black, background: .white, attributes: [.bold]),
        .functionKeyNumber: Style(foreground: .yellow, background: .black, attributes: [.bold]),
        .functionKeyLabel: Style(foreground: .black, background: .white, attributes: [.bold]),
        .label: Style(foreground: .white, background: .black, attributes: [.bold]),
        .field: Style(foreground: .white, background: .black, attributes: [.underline, .bold]),
        .fieldFocused: Style(foreground: .black, background: .yellow, attributes: [.bold]),
        .fieldDisabled: Style(foreground: .white, background: .black),
        .placeholder: Style(foreground: .white, background: .black),
        .selection: Style(foreground: .black, background: .yellow, attributes: [.bold]),
        .selectionUnfocused: Style(foreground: .black, background: .white),
        .header: Style(foreground: .yellow, background: .black, attributes: [.bold, .underline]),
        .border: Style(foreground: .white, background: .black, attributes: [.bold]),
        .error: Style(foreground: .white, background: .red, attributes: [.bold]),
        .warning: Style(foreground: .black, background: .yellow, attributes: [.bold]),
        .success: Style(foreground: .black, background: .green, attributes: [.bold]),
        .info: Style(foreground: .white, background: .black, attributes: [.bold]),
        .priority: Style(foreground: .yellow, background: .black, attributes: [.bold]),
        .dim: Style(foreground: .white, background: .black),
        .dialog: Style(foreground: .black, background: .white, attributes: [.bold]),
    ])

    /// No colour at all: attributes only. For monochrome terminals and printouts of the screen.
    public static let monochrome = Theme(id: "monochrome", name: "单色", styles: [
        .normal: .plain,
        .title: Style(attributes: [.reverse, .bold]),
        .statusLine: Style(attributes: [.reverse]),
        .functionKeyNumber: Style(attributes: [.bold]),
        .functionKeyLabel: Style(attributes: [.reverse]),
        .label: .plain,
        .field: Style(attributes: [.underline]),
        .fieldFocused: Style(attributes: [.reverse]),
        .fieldDisabled: Style(attributes: [.dim]),
        .placeholder: Style(attributes: [.dim]),
        .selection: Style(attributes: [.reverse, .bold]),
        .selectionUnfocused: Style(attributes: [.underline]),
        .header: Style(attributes: [.bold, .underline]),
        .border: .plain,
        .error: Style(attributes: [.bold]),
        .warning: Style(attributes: [.bold]),
        .success: Style(attributes: [.bold]),
        .info: .plain,
        .priority: Style(attributes: [.bold]),
        .dim: Style(attributes: [.dim]),
        .dialog: Style(attributes: [.reverse]),
    ])

    public static let all: [Theme] = [.standard, .highContrast, .monochrome]

    public static func named(_ id: String) -> Theme? { all.first { $0.id == id } }

    /// True when no style uses a colour (the monochrome theme's promise).
    public var usesColor: Bool {
        Role.allCases.contains { self[$0].foreground != .default || self[$0].background != .default }
    }
}

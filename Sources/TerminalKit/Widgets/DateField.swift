/// A date typed as 年-月-日 (YYYY-MM-DD). Typing digits only is enough: the dashes are inserted
/// after the year and the month, which is what people expect from paper forms.
public struct DateField: Hashable, Sendable {
    public private(set) var field: TextField
    /// Optional bounds; outside them the message names the bound.
    public var earliest: CalendarDate?
    public var latest: CalendarDate?

    public static let formatMessage = "日期格式应为 年-月-日，例如 2026-06-08"

    public init(date: CalendarDate? = nil, earliest: CalendarDate? = nil, latest: CalendarDate? = nil,
                placeholder: String = "年-月-日") {
        field = TextField(text: date?.description ?? "", placeholder: placeholder, maxLength: 10, filter: .any)
        self.earliest = earliest
        self.latest = latest
    }

    public var text: String {
        get { field.text }
        set { field.text = newValue }
    }
    public var isDirty: Bool { field.isDirty }
    public var isEmpty: Bool { field.isEmpty }
    public var cursorColumn: Int { field.cursorColumn }
    public mutating func markClean() { field.markClean() }

    /// The date when the text is a complete, existing date.
    public var value: CalendarDate? {
        guard case .valid(let d) = parse() else { return nil }
        return d
    }

    /// A Chinese message for a malformed or non-existent date, nil when valid or empty.
    public var validationMessage: String? {
        if text.isEmpty { return nil }
        switch parse() {
        case .malformed: return DateField.formatMessage
        case .nonexistent(let shown): return "不存在的日期：\(shown)"
        case .valid(let d):
            if let earliest, d < earliest { return "日期不能早于 \(earliest)" }
            if let latest, latest < d { return "日期不能晚于 \(latest)" }
            return nil
        }
    }

    public mutating func handle(_ input: Input) -> Bool {
        guard case .text(let c) = input else { return field.handle(input) }
        let ch = CharacterFilter.halfWidth(c)
        let atEnd = field.cursorIndex == field.text.count
        if ch.isASCII && ch.isNumber {
            if atEnd, field.text.count == 4 || field.text.count == 7, field.text.last != "-" {
                field.insert("-")
            }
            field.insert(ch)
        } else if ch == "-" || ch == "/" || ch == "." || ch == "年" || ch == "月" {
            // Separators people type out of habit; one dash is kept, a doubled one is not.
            if !(atEnd && field.text.last == "-") && field.text.filter({ $0 == "-" }).count < 2 { field.insert("-") }
        } else if EditableText.isControl(c) {
            return false
        }
        return true
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        field.render(in: rect, on: &canvas, theme: theme, focused: focused)
    }

    private enum Parsed { case malformed, nonexistent(String), valid(CalendarDate) }

    private func parse() -> Parsed {
        let s = text
        let parts: [Substring]
        if s.count == 8, s.allSatisfy({ $0.isASCII && $0.isNumber }) {
            parts = [s.prefix(4), s.dropFirst(4).prefix(2), s.suffix(2)]
        } else {
            parts = s.split(separator: "-", omittingEmptySubsequences: false)
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return .malformed }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return .nonexistent(CalendarDate.format(year: y, month: m, day: d))
        }
        return .valid(date)
    }
}

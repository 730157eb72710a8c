/// A text field for whole numbers, or fixed-point numbers with `decimals` places held as a scaled
/// `Int` (e.g. yuan with 2 decimals → fen: "12.5" is 1250). No floating point: amounts of money
/// and counts must round-trip exactly.
public struct NumberField: Hashable, Sendable {
    public private(set) var field: TextField
    /// Digits after the decimal point (0: integers only).
    public let decimals: Int
    public let allowsNegative: Bool
    /// Allowed range of `value` (scaled by 10^decimals).
    public var range: ClosedRange<Int>?

    public init(value: Int? = nil, range: ClosedRange<Int>? = nil, decimals: Int = 0, allowsNegative: Bool = false,
                placeholder: String = "", maxLength: Int? = 15) {
        self.decimals = max(0, decimals)
        self.allowsNegative = allowsNegative
        self.range = range
        field = TextField(text: "", placeholder: placeholder, maxLength: maxLength, filter: .any)
        if let value { field = TextField(text: format(value), placeholder: placeholder, maxLength: maxLength, filter: .any) }
    }

    public var text: String {
        get { field.text }
        set { field.text = newValue }
    }
    public var isDirty: Bool { field.isDirty }
    public var isEmpty: Bool { field.isEmpty }
    public var cursorColumn: Int { field.cursorColumn }
    public mutating func markClean() { field.markClean() }

    /// The number typed, scaled by 10^decimals; nil when empty or incomplete ("-", "3.").
    public var value: Int? { parse(text) }

    public mutating func setValue(_ value: Int?) { field.text = value.map(format) ?? "" }

    /// A Chinese message when the text is not an acceptable number, nil when it is (or is empty:
    /// whether empty is allowed is the form's "required" decision).
    public var validationMessage: String? {
        if text.isEmpty { return nil }
        guard let v = value else { return "请输入数字" }
        if let range, !range.contains(v) {
            return "请输入 \(format(range.lowerBound)) 到 \(format(range.upperBound)) 之间的数字"
        }
        return nil
    }

    /// Typed characters are kept only when the text stays a well-formed (possibly unfinished)
    /// number, so "1-2" or "3.4.5" can never be entered.
    public mutating func handle(_ input: Input) -> Bool {
        if case .text(let c) = input {
            let ch = CharacterFilter.halfWidth(c)
            guard (ch.isASCII && ch.isNumber) || ch == "-" || ch == "." else { return !EditableText.isControl(c) }
            var candidate = field
            candidate.insert(ch)
            if isWellFormedPrefix(candidate.text) { field = candidate }
            return true
        }
        return field.handle(input)
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        field.render(in: rect, on: &canvas, theme: theme, focused: focused)
    }

    func format(_ scaled: Int) -> String {
        guard decimals > 0 else { return String(scaled) }
        var unit = 1
        for _ in 0..<decimals { unit *= 10 }
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        let fraction = String(magnitude % UInt(unit))
        return sign + String(magnitude / UInt(unit)) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private func isWellFormedPrefix(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "-" {
            guard allowsNegative else { return false }
            rest = rest.dropFirst()
        }
        let parts = rest.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        switch parts.count {
        case 1: return true
        case 2: return decimals > 0 && parts[1].count <= decimals
        default: return false
        }
    }

    private func parse(_ s: String) -> Int? {
        guard isWellFormedPrefix(s) else { return nil }
        var rest = Substring(s)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, let w = Int(whole) else { return nil }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if parts.count > 1 && fraction.isEmpty { return nil }
        fraction += String(repeating: "0", count: decimals - fraction.count)
        var scaled = w
        for _ in 0..<decimals { scaled *= 10 }
        if !fraction.isEmpty, let f = Int(fraction) { scaled += f }
        return negative ? -scaled : scaled
    }
}

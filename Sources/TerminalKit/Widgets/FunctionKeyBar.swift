/// One slot of the function-key bar; `label` nil means the key does nothing on this screen.
public struct FunctionKey: Hashable, Sendable {
    public var number: Int
    public var label: String?
    public init(_ number: Int, _ label: String?) { self.number = number; self.label = label }
}

/// The bottom row in the mc/htop manner: "1帮助   2保存   3       …10退出". Every slot keeps its
/// place: an unbound key shows its number and a blank label rather than letting the others shift,
/// so F-keys are found by position. At 80 columns ten slots get 8 cells each; narrower, as many
/// slots as fit (at least `minimumSlotWidth` cells each) are shown, in key order.
public struct FunctionKeyBar: Hashable, Sendable {
    public var keys: [FunctionKey]
    public var slotCount: Int

    /// Room for a two-digit number and two Hanzi.
    public static let minimumSlotWidth = 6

    public init(keys: [FunctionKey], slotCount: Int = 10) {
        self.keys = keys
        self.slotCount = slotCount
    }

    /// From pairs, e.g. `[(1, "帮助"), (2, "保存"), (3, nil), (10, "退出")]`.
    public init(_ pairs: [(Int, String?)], slotCount: Int = 10) {
        self.init(keys: pairs.map { FunctionKey($0.0, $0.1) }, slotCount: slotCount)
    }

    public func label(for number: Int) -> String? { keys.first { $0.number == number }?.label ?? nil }

    /// How many slots are drawn at `width`, and how wide each is.
    public func slotLayout(width: Int) -> (count: Int, width: Int) {
        guard slotCount > 0, width > 0 else { return (0, 0) }
        let even = width / slotCount
        if even >= FunctionKeyBar.minimumSlotWidth { return (slotCount, even) }
        let count = width / FunctionKeyBar.minimumSlotWidth
        return count == 0 ? (0, 0) : (count, width / count)
    }

    public func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = false) {
        let row = rect.row(0)
        guard !row.isEmpty else { return }
        canvas.fill(row, with: " ", style: theme[.normal])
        let layout = slotLayout(width: row.width)
        for i in 0..<layout.count {
            let number = i + 1
            let x = row.x + i * layout.width
            let digits = String(number)
            let slot = Rect(x: x, y: row.y, width: layout.width, height: 1)
            canvas.draw(digits, at: Point(x: x, y: row.y), style: theme[.functionKeyNumber], clip: slot)
            let labelWidth = layout.width - digits.count
            let text = (label(for: number) ?? "").truncated(toWidth: labelWidth).padded(toWidth: labelWidth)
            // An unbound slot stays blank in the plain style so it does not look like a key.
            let style = label(for: number) == nil ? theme[.normal] : theme[.functionKeyLabel]
            canvas.draw(text, at: Point(x: x + digits.count, y: row.y), style: style, clip: slot)
        }
    }
}

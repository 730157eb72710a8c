/// A form as data (Huh-style): fields, which one has focus, per-field errors, dirty tracking.
/// Rendering is separate (`render` for the normal layout, `renderLarge` for large-text mode, one
/// field per screen), so both views show the same model.
///
/// Tab/Shift-Tab (nav.next_field / nav.prev_field) and Enter (nav.confirm) move focus and wrap
/// around; in a note that takes Enter as a newline, only Tab leaves. A field is validated when
/// focus leaves it, and re-validated as it is edited once it shows an error so the message goes
/// away as soon as the value is fixed.
public struct Form: Sendable {
    public private(set) var fields: [FormField]
    public private(set) var focusIndex: Int
    /// Values when the form was created or last marked clean.
    public private(set) var baseline: [String: String]
    /// First content row shown by the normal layout; kept by `render`.
    public private(set) var scrollRow: Int = 0

    public static let errorMark = "✗ "

    public init(fields: [FormField]) {
        self.fields = fields
        focusIndex = 0
        baseline = [:]
        baseline = values
    }

    public var focusedField: FormField? { fields.indices.contains(focusIndex) ? fields[focusIndex] : nil }

    public func field(_ id: String) -> FormField? { fields.first { $0.id == id } }

    /// Replaces a field's widget (e.g. the screen fills in a looked-up value).
    public mutating func update(_ id: String, _ change: (inout FormField) -> Void) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        change(&fields[i])
    }

    // MARK: Values

    /// Every field's value by id: what an autosaved draft stores.
    public var values: [String: String] {
        var out: [String: String] = [:]
        for f in fields { out[f.id] = f.value }
        return out
    }

    /// Puts back values from a draft. Unknown ids are ignored; fields not mentioned keep theirs.
    /// Errors are cleared: they are recomputed when the user moves on or saves.
    public mutating func restore(values: [String: String]) {
        for i in fields.indices {
            if let v = values[fields[i].id] { fields[i].widget.setValue(v); fields[i].error = nil }
        }
    }

    public var isDirty: Bool { !dirtyFieldIDs.isEmpty }
    public var dirtyFieldIDs: [String] { fields.filter { baseline[$0.id] != $0.value }.map(\.id) }

    /// After a save: the current values become the baseline.
    public mutating func markClean() { baseline = values }

    // MARK: Validation

    public var errors: [String: String] {
        var out: [String: String] = [:]
        for f in fields { if let e = f.error { out[f.id] = e } }
        return out
    }

    /// Shows a message the form cannot work out itself (e.g. the store found the ID number already
    /// registered); nil clears it. It stays until the field is validated again.
    public mutating func setError(_ message: String?, for id: String) {
        if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].error = message }
    }

    @discardableResult
    public mutating func validate(fieldAt index: Int) -> Bool {
        guard fields.indices.contains(index) else { return true }
        fields[index].error = fields[index].validationMessage()
        return fields[index].error == nil
    }

    /// Validates every field and focuses the first invalid one. True when all are valid.
    @discardableResult
    public mutating func validateAll() -> Bool {
        var firstInvalid: Int?
        for i in fields.indices where !validate(fieldAt: i) && firstInvalid == nil { firstInvalid = i }
        if let firstInvalid { moveFocus(to: firstInvalid, validatingCurrent: false) }
        return firstInvalid == nil
    }

    // MARK: Focus and input

    public mutating func focus(id: String) {
        if let i = fields.firstIndex(where: { $0.id == id }) { moveFocus(to: i, validatingCurrent: false) }
    }

    public mutating func focusNext() { moveFocus(to: focusIndex + 1, validatingCurrent: true) }
    public mutating func focusPrevious() { moveFocus(to: focusIndex - 1, validatingCurrent: true) }

    private mutating func moveFocus(to index: Int, validatingCurrent: Bool) {
        guard !fields.isEmpty else { return }
        if fields.indices.contains(focusIndex) {
            if validatingCurrent { validate(fieldAt: focusIndex) }
            fields[focusIndex].widget.endEditing()
        }
        focusIndex = ((index % fields.count) + fields.count) % fields.count
    }

    public mutating func handle(_ input: Input) -> Bool {
        guard !fields.isEmpty else { return false }
        if case .action(let id) = input {
            switch id {
            case StandardAction.nextField: focusNext(); return true
            case StandardAction.previousField: focusPrevious(); return true
            case StandardAction.confirm:
                if case .note(let note) = fields[focusIndex].widget, note.enterInsertsNewline { break }
                focusNext()
                return true
            default: break
            }
        }
        let consumed = fields[focusIndex].widget.handle(input)
        if consumed && fields[focusIndex].error != nil { validate(fieldAt: focusIndex) }
        return consumed
    }

    // MARK: Normal layout

    /// Where each field goes in the normal layout, in content rows from the top.
    struct Placement {
        var row: Int
        var height: Int
        var fieldWidth: Int
        var errorBelow: Bool
        var totalHeight: Int { height + (errorBelow ? 1 : 0) }
    }

    /// Width of the label column: the widest label with its "*" and "：".
    public var labelColumnWidth: Int {
        fields.map { ($0.displayLabel + "：").displayWidth }.max() ?? 0
    }

    func placements(width: Int) -> [Placement] {
        let available = max(1, width - labelColumnWidth - 1)
        var row = 0
        var out: [Placement] = []
        for f in fields {
            let fieldWidth = min(f.width ?? available, available)
            let height = f.rows ?? f.widget.preferredHeight
            var below = false
            if let e = f.error {
                // Beside the field when there is room, else on its own row under it.
                below = fieldWidth + 2 + (Form.errorMark + e).displayWidth > available
            }
            let p = Placement(row: row, height: height, fieldWidth: fieldWidth, errorBelow: below)
            out.append(p)
            row += p.totalHeight
        }
        return out
    }

    /// Labels right-aligned in one column, inputs beside them, errors ("✗ 必填") beside or below.
    /// Scrolls so the focused field is whole on screen.
    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = true) {
        guard !rect.isEmpty else { return }
        canvas.clear(rect, style: theme[.normal])
        let labelWidth = labelColumnWidth
        let places = placements(width: rect.width)
        let total = places.last.map { $0.row + $0.totalHeight } ?? 0
        if let p = places.indices.contains(focusIndex) ? places[focusIndex] : nil {
            if p.row < scrollRow { scrollRow = p.row }
            if p.row + p.totalHeight > scrollRow + rect.height { scrollRow = min(p.row, p.row + p.totalHeight - rect.height) }
        }
        scrollRow = max(0, min(scrollRow, max(0, total - rect.height)))
        let fieldX = rect.x + labelWidth + 1
        for i in fields.indices {
            let p = places[i]
            let top = rect.y + p.row - scrollRow
            // Fields cut off at the top or bottom are not drawn half.
            guard top >= rect.y, top + p.height <= rect.maxY else { continue }
            let isFocused = focused && i == focusIndex
            canvas.drawLine(fields[i].displayLabel + "：", in: Rect(x: rect.x, y: top, width: labelWidth, height: 1),
                            style: theme[.label], alignment: .right)
            let area = Rect(x: fieldX, y: top, width: p.fieldWidth, height: p.height)
            fields[i].widget.render(in: area, on: &canvas, theme: theme, focused: isFocused)
            if let e = fields[i].error {
                let at = p.errorBelow ? Point(x: fieldX, y: top + p.height) : Point(x: area.maxX + 2, y: top)
                if at.y < rect.maxY {
                    canvas.draw(Form.errorMark + e, at: at, style: theme[.error], clip: Rect(x: at.x, y: at.y, width: rect.maxX - at.x, height: 1))
                }
            }
        }
    }

    // MARK: Large-text mode

    /// One field per screen: where it is in the form, the label above, the input across the whole
    /// width (a select list expanded), the error under it.
    public mutating func renderLarge(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = true) {
        guard !rect.isEmpty, fields.indices.contains(focusIndex) else { return }
        canvas.clear(rect, style: theme[.normal])
        let i = focusIndex
        canvas.drawLine("第 \(i + 1) 项，共 \(fields.count) 项", in: rect.row(0), style: theme[.dim])
        guard rect.height >= 4 else { return }
        canvas.drawLine(fields[i].displayLabel + "：", in: rect.row(2), style: theme[.label].adding(.bold))
        let errorRows = fields[i].error == nil ? 0 : 2
        let room = max(1, rect.height - 3 - errorRows)
        let height: Int
        switch fields[i].widget {
        case .select(let s): height = min(room, s.options.count + 1)
        case .checkbox(let c): height = min(room, c.options.count)
        case .note: height = room
        default: height = 1
        }
        let area = Rect(x: rect.x, y: rect.y + 3, width: rect.width, height: height)
        fields[i].widget.render(in: area, on: &canvas, theme: theme, focused: focused)
        if let e = fields[i].error, area.maxY + 1 < rect.maxY {
            canvas.drawLine(Form.errorMark + e, in: rect.row(area.maxY + 1 - rect.y), style: theme[.error])
        }
    }
}

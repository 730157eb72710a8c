/// The editing widget behind a form field. An enum of concrete widget values (not a protocol
/// existential) so a form is a plain `Sendable` value that can be copied, compared and restored.
public enum FormFieldWidget: Hashable, Sendable {
    case text(TextField)
    case number(NumberField)
    case date(DateField)
    case select(SelectList)
    case checkbox(CheckboxGroup)
    case note(NoteField)

    /// The value as text, the form's storage format: an option id for a select, the ticked ids
    /// joined by "," for checkboxes, the text otherwise.
    public var value: String {
        switch self {
        case .text(let w): return w.text
        case .number(let w): return w.text
        case .date(let w): return w.text
        case .select(let w): return w.selectedID ?? ""
        case .checkbox(let w): return w.checkedInOrder.joined(separator: ",")
        case .note(let w): return w.text
        }
    }

    public mutating func setValue(_ value: String) {
        switch self {
        case .text(var w): w.text = value; self = .text(w)
        case .number(var w): w.text = value; self = .number(w)
        case .date(var w): w.text = value; self = .date(w)
        case .select(var w): w.select(id: value.isEmpty ? nil : value); self = .select(w)
        case .checkbox(var w): w.setChecked(value.split(separator: ",").map(String.init)); self = .checkbox(w)
        case .note(var w): w.text = value; self = .note(w)
        }
    }

    /// The widget's own complaint about its content (a malformed date, a number out of range).
    public var validationMessage: String? {
        switch self {
        case .number(let w): return w.validationMessage
        case .date(let w): return w.validationMessage
        default: return nil
        }
    }

    public var isNote: Bool { if case .note = self { return true } else { return false } }

    /// Rows the widget takes in the normal form layout.
    public var preferredHeight: Int {
        switch self {
        case .checkbox(let w): return max(1, w.options.count)
        case .note: return 3
        default: return 1
        }
    }

    public mutating func handle(_ input: Input) -> Bool {
        switch self {
        case .text(var w): let r = w.handle(input); self = .text(w); return r
        case .number(var w): let r = w.handle(input); self = .number(w); return r
        case .date(var w): let r = w.handle(input); self = .date(w); return r
        case .select(var w): let r = w.handle(input); self = .select(w); return r
        case .checkbox(var w): let r = w.handle(input); self = .checkbox(w); return r
        case .note(var w): let r = w.handle(input); self = .note(w); return r
        }
    }

    /// Called when focus leaves: a select list drops its filter.
    mutating func endEditing() {
        if case .select(var w) = self { w.clearFilter(); self = .select(w) }
    }

    public mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool) {
        switch self {
        case .text(var w): w.render(in: rect, on: &canvas, theme: theme, focused: focused); self = .text(w)
        case .number(var w): w.render(in: rect, on: &canvas, theme: theme, focused: focused); self = .number(w)
        case .date(var w): w.render(in: rect, on: &canvas, theme: theme, focused: focused); self = .date(w)
        case .select(var w): w.render(in: rect, on: &canvas, theme: theme, focused: focused); self = .select(w)
        case .checkbox(var w): w.render(in: rect, on: &canvas, theme: theme, focused: focused); self = .checkbox(w)
        case .note(var w): w.render(in: rect, on: &canvas, theme: theme, focused: focused); self = .note(w)
        }
    }
}

/// One field of a form: what it is called, how it is edited, whether it must be filled, and an
/// optional validator that returns a Chinese message for a bad value.
public struct FormField: Sendable {
    public typealias Validator = @Sendable (String) -> String?

    public let id: String
    public var label: String
    public var widget: FormFieldWidget
    public var isRequired: Bool
    public var validator: Validator?
    /// Width of the input area in the normal layout, in cells; nil takes the rest of the row.
    public var width: Int?
    /// Rows in the normal layout; nil uses the widget's preferred height.
    public var rows: Int?
    /// The message shown with the field, set by validation.
    public internal(set) var error: String?

    public init(id: String, label: String, widget: FormFieldWidget, isRequired: Bool = false, width: Int? = nil,
                rows: Int? = nil, validator: Validator? = nil) {
        self.id = id; self.label = label; self.widget = widget; self.isRequired = isRequired
        self.width = width; self.rows = rows; self.validator = validator
    }

    public var value: String { widget.value }

    public static let requiredMessage = "必填"

    /// The message for the current value, nil when acceptable. An empty optional field is
    /// acceptable without running the validator: "not given" is not "wrong".
    public func validationMessage() -> String? {
        if value.isEmpty { return isRequired ? FormField.requiredMessage : nil }
        if let m = widget.validationMessage { return m }
        return validator?(value)
    }

    /// The label as shown: required fields are marked "*" so it does not depend on colour.
    public var displayLabel: String { (isRequired ? "*" : "") + label }
}

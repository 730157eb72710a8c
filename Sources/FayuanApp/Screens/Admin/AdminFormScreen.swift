import FayuanStore
import Foundation
import TerminalKit

/// One record's form in the administration area (a station, a window, an operator, a lawyer,
/// the settings): fields checked as they are left, F2 saves through one store method, and a
/// refusal from the store is shown at the field it names.
public struct AdminFormScreen: Screen {
    struct Saved: Sendable { let message: String }
    struct Rejected: Sendable { let field: String; let message: String }
    public typealias Save = @Sendable ([String: String], AppEnvironment) throws -> String

    public let title: String
    public private(set) var form: Form
    /// The store's field names (StoreError.invalidInput) → form field ids.
    let fieldIDs: [String: String]
    let intro: String
    let save: Save
    /// Fields shown as dots (PINs): the administrator's screen may be seen by others.
    let secretFields: Set<String>
    private var busy = false

    public init(title: String, intro: String = "", fields: [FormField], fieldIDs: [String: String] = [:],
                secretFields: Set<String> = [], save: @escaping Save) {
        self.title = title
        self.secretFields = secretFields
        self.intro = intro
        self.form = Form(fields: fields)
        var ids = fieldIDs
        for f in fields where ids[f.label] == nil { ids[f.label] = f.id }
        self.fieldIDs = ids
        self.save = save
    }

    public var keymapSection: String { "admin" }
    public var acceptsText: Bool { true }
    public var isDirty: Bool { form.isDirty }
    public func isEnabled(_ action: ActionID) -> Bool { action == StandardAction.save ? !busy : true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .input(.action(StandardAction.save)):
            guard !busy else { return [] }
            guard form.validateAll() else { return [.status("请先改正标 ✗ 的栏目", .error)] }
            busy = true
            let values = form.values, save = self.save
            return [.perform { env in
                do {
                    return Saved(message: try save(values, env))
                } catch StoreError.invalidInput(let field, let message) {
                    return Rejected(field: field, message: message)
                }
            }]
        case .input(let input):
            _ = form.handle(input)
            return []
        case .result(let saved as Saved):
            busy = false
            form.markClean()
            return [.pop, .status(saved.message, .success)]
        case .result(let rejected as Rejected):
            busy = false
            if let id = fieldIDs[rejected.field] {
                form.setError(rejected.message, for: id)
                form.focus(id: id)
            }
            return [.status("“\(rejected.field)”：\(rejected.message)", .error)]
        case .result(is PerformFailed):
            busy = false
            return []
        default:
            return []
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(top: 1, left: 2, bottom: 0, right: 2)
        var top = 0
        if !intro.isEmpty {
            for line in intro.wrapped(toWidth: inner.width).prefix(2) {
                canvas.drawLine(line, in: inner.row(top), style: theme[.dim]); top += 1
            }
            top += 1
        }
        var f = form
        for id in secretFields {
            let dots = String(repeating: "●", count: form.field(id)?.value.count ?? 0)
            f.update(id) { $0.widget.setValue(dots) }
        }
        f.render(in: Rect(x: inner.x, y: inner.y + top, width: inner.width, height: max(0, inner.height - top - 1)),
                 on: &canvas, theme: theme)
        let save = context.keymap.keys(for: StandardAction.save).first?.label ?? "F2"
        let back = context.keymap.keys(for: StandardAction.back).first?.label ?? "Esc"
        canvas.drawLine("Tab 换栏 · \(save) 保存 · \(back) 返回（未保存先确认）", in: inner.row(inner.height - 1), style: theme[.dim])
    }

    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var f = form
        f.renderLarge(in: area, on: &canvas, theme: context.theme)
    }
}

/// Field builders shared by the administration forms.
enum AdminFields {
    static func text(_ id: String, _ label: String, _ value: String = "", required: Bool = false, max: Int = 40,
                     filter: CharacterFilter = .any, placeholder: String = "", width: Int? = nil,
                     validator: FormField.Validator? = nil) -> FormField {
        FormField(id: id, label: label, widget: .text(TextField(text: value, placeholder: placeholder, maxLength: max, filter: filter)),
                  isRequired: required, width: width, validator: validator)
    }

    static func number(_ id: String, _ label: String, _ value: Int?, range: ClosedRange<Int>, required: Bool = false) -> FormField {
        FormField(id: id, label: label, widget: .number(NumberField(value: value, range: range, maxLength: 5)), isRequired: required, width: 8)
    }

    static func select(_ id: String, _ label: String, _ options: [(String, String)], selected: String?, required: Bool = true) -> FormField {
        FormField(id: id, label: label,
                  widget: .select(SelectList(options: options.map { SelectOption(id: $0.0, label: $0.1) }, selectedID: selected)),
                  isRequired: required, width: 30)
    }

    static func checkboxes(_ id: String, _ label: String, _ options: [(String, String)], checked: [String]) -> FormField {
        FormField(id: id, label: label,
                  widget: .checkbox(CheckboxGroup(options: options.map { SelectOption(id: $0.0, label: $0.1) }, checked: Set(checked))))
    }

    /// A PIN typed in the clear is never shown: the form stores digits only and the list never
    /// displays them.
    static func pin(_ id: String, _ label: String) -> FormField {
        FormField(id: id, label: label, widget: .text(TextField(maxLength: 12, filter: .digits)), isRequired: true, width: 14)
    }
}

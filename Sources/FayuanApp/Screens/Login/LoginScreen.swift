import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// Who is at the keyboard: first-run administrator creation, the login, and the lock screen.
///
/// The lock screen is this screen with the locked operator preselected; it shows nothing of the
/// screen that was locked. Any other operator may log in from it; the locked operator's open
/// screens are kept for them alone.
public struct LoginScreen: Screen {
    public enum Mode: Equatable {
        /// The store has no operator: create the administrator first.
        case firstRun
        /// Choose an operator and enter the PIN.
        case login
        /// Locked by `operatorName` (F12 or idle); their work waits behind the lock.
        case locked(operatorID: Int64, operatorName: String)
    }

    /// The result of a login or creation attempt, carried back from the store.
    struct Attempt: Sendable {
        let outcome: LoginOutcome
        let station: Station?
    }

    public private(set) var mode: Mode
    public private(set) var operators: [Operator]
    private var picker: SelectList
    private var name = TextField(placeholder: "例如：张敏", maxLength: 20)
    private var pin = TextField(maxLength: 12, filter: .digits)
    private var confirmPIN = TextField(maxLength: 12, filter: .digits)
    private var focus = 0
    private var message: (String, Severity)?
    private var busy = false

    public init(mode: Mode, operators: [Operator]) {
        self.mode = mode
        self.operators = operators.filter { !$0.disabled }
        let options = self.operators.map { SelectOption(id: String($0.id ?? 0), label: "\($0.name)（\($0.role.label)）") }
        var preselected: String? = options.first?.id
        if case .locked(let id, _) = mode { preselected = String(id) }
        picker = SelectList(options: options, selectedID: preselected, placeholder: "（请选择操作员）")
        if case .locked = mode { focus = 1 }
    }

    public var keymapSection: String { "login" }
    public var title: String {
        switch mode {
        case .firstRun: return "首次使用：设置管理员"
        case .login: return "登录"
        case .locked: return "已锁屏"
        }
    }
    public var acceptsText: Bool { true }
    public var capturesBack: Bool { true }
    public func isEnabled(_ action: ActionID) -> Bool {
        ![StandardAction.save, "app.menu", "app.lock"].contains(action)
    }

    private var fieldCount: Int { mode == .firstRun ? 3 : 2 }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .input(let input): return handle(input)
        case .result(let value as Attempt): return finish(value)
        case .result(let failure as PerformFailed):
            busy = false
            message = (failure.message, .error)
            return []
        default: return []
        }
    }

    private mutating func handle(_ input: Input) -> [Effect] {
        switch input {
        case .action(StandardAction.nextField):
            focus = (focus + 1) % fieldCount
            return []
        case .action(StandardAction.previousField):
            focus = (focus + fieldCount - 1) % fieldCount
            return []
        case .action(StandardAction.confirm):
            if focus < fieldCount - 1 { focus += 1; return [] }
            return submit()
        case .action(StandardAction.back):
            pin = TextField(maxLength: 12, filter: .digits)
            confirmPIN = TextField(maxLength: 12, filter: .digits)
            message = nil
            return []
        default:
            return route(input)
        }
    }

    private mutating func route(_ input: Input) -> [Effect] {
        switch (mode, focus) {
        case (.firstRun, 0): _ = name.handle(input)
        case (.firstRun, 1): _ = pin.handle(input)
        case (.firstRun, _): _ = confirmPIN.handle(input)
        case (_, 0):
            // Digits typed while the operator list has focus are a PIN typed too early: they go
            // to the PIN field, masked, never into the list's filter where they would show in clear.
            if case .text(let c) = input, c.isASCII, c.isNumber {
                focus = 1
                _ = pin.handle(input)
                message = ("数字已输入 PIN 栏（不显示）；选操作员请用 ↑↓ 或姓名", .info)
            } else {
                _ = picker.handle(input)
            }
        default: _ = pin.handle(input)
        }
        return []
    }

    private mutating func submit() -> [Effect] {
        guard !busy else { return [] }
        let pinText = pin.text
        if mode == .firstRun {
            let nameText = name.text
            guard !nameText.trimmingCharacters(in: .whitespaces).isEmpty else {
                focus = 0; message = ("请填写管理员姓名", .error); return []
            }
            guard pinText == confirmPIN.text else {
                focus = 2; message = ("两次输入的 PIN 不一致，请重新输入确认 PIN", .error)
                confirmPIN = TextField(maxLength: 12, filter: .digits)
                return []
            }
            busy = true
            message = ("正在创建管理员……", .info)
            return [.perform { env in
                let admin = try env.store.createOperator(name: nameText, role: .admin, pin: pinText, by: .firstRun)
                return Attempt(outcome: .success(admin), station: nil)
            }]
        }
        // A filter that matches nobody chooses nobody: the PIN is not tried, so it can count
        // against no one (not against the operator still marked from before the filter).
        if !picker.filterText.isEmpty && picker.matches.isEmpty {
            let filter = picker.filterText
            focus = 0
            pin = TextField(maxLength: 12, filter: .digits)
            message = ("没有与“\(filter)”匹配的操作员：PIN 未验证，不计错误次数", .error)
            return []
        }
        guard let idText = picker.selectedID, let id = Int64(idText) else {
            focus = 0; message = ("请先选择操作员", .error); return []
        }
        guard !pinText.isEmpty else { focus = 1; message = ("请输入 PIN", .error); return [] }
        busy = true
        message = ("正在验证……", .info)
        return [.perform { env in
            let outcome = try env.store.login(operatorID: id, pin: pinText)
            var station: Station?
            if case .success(let op) = outcome, let sid = op.stationID {
                station = try env.store.stations().first { $0.id == sid }
            }
            return Attempt(outcome: outcome, station: station)
        }]
    }

    private mutating func finish(_ attempt: Attempt) -> [Effect] {
        busy = false
        pin = TextField(maxLength: 12, filter: .digits)
        confirmPIN = TextField(maxLength: 12, filter: .digits)
        switch attempt.outcome {
        case .success(let op):
            message = nil
            // First run goes on to the centre (stations and windows) before the home screen.
            if mode == .firstRun { return [.replace(CentreSetupScreen(administrator: op))] }
            return [.login(Session(operatorRecord: op, station: attempt.station))]
        case .locked, .disabled, .unknownOperator:
            message = (attempt.outcome.message, .error)
        case .wrongPIN:
            message = (attempt.outcome.message, .warning)
        }
        focus = fieldCount - 1
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let box = area.centered(width: min(area.width - 4, 64), height: min(area.height, mode == .firstRun ? 15 : 13))
        canvas.drawBox(box, style: theme[.border], title: title)
        let inner = box.inset(top: 1, left: 3, bottom: 1, right: 3)
        var row = 0
        func line(_ text: String, _ role: Role = .normal) {
            canvas.drawLine(text, in: inner.row(row), style: theme[role]); row += 1
        }
        switch mode {
        case .firstRun:
            line("这是一个新的案件库，还没有任何操作员。")
            line("请先设置管理员（姓名和至少 6 位数字的 PIN）。", .dim)
        case .login:
            line("请选择操作员并输入 PIN 登录。")
            line("共用终端：离开座位时请按 \(context.keymap.keyLabel(for: "app.lock")) 锁屏。", .dim)
        case .locked(_, let who):
            line("本终端已由 \(who) 锁定，屏幕内容已隐藏。")
            line("\(who) 输入 PIN 解锁；其他人可在上方选择自己并登录。", .dim)
        }
        row += 1
        let labelWidth = 10
        func field(_ label: String, index: Int, draw: (inout C, Rect, Bool) -> Void) {
            let r = inner.row(row)
            let focused = focus == index
            canvas.drawLine((focused ? "▶ " : "  ") + label, in: Rect(x: r.x, y: r.y, width: labelWidth, height: 1),
                            style: theme[focused ? .header : .label])
            draw(&canvas, Rect(x: r.x + labelWidth, y: r.y, width: r.width - labelWidth, height: 1), focused)
            row += 2
        }
        switch mode {
        case .firstRun:
            var n = name
            field("姓名", index: 0) { c, r, f in n.render(in: r, on: &c, theme: theme, focused: f) }
            field("PIN", index: 1) { c, r, f in Self.drawSecret(pin, in: Self.pinRect(r), on: &c, theme: theme, focused: f) }
            field("确认 PIN", index: 2) { c, r, f in Self.drawSecret(confirmPIN, in: Self.pinRect(r), on: &c, theme: theme, focused: f) }
        default:
            let p = picker
            field("操作员", index: 0) { c, r, f in p.renderCompact(in: r, on: &c, theme: theme, focused: f) }
            field("PIN", index: 1) { c, r, f in Self.drawSecret(pin, in: Self.pinRect(r), on: &c, theme: theme, focused: f) }
        }
        if let message {
            let mark = message.1.mark
            canvas.drawLine(mark + " " + message.0, in: inner.row(row), style: theme[message.1.role])
        }
        if let note = context.environment.loginNote, mode != .firstRun {
            for (i, line) in note.wrapped(toWidth: inner.width).prefix(2).enumerated() {
                canvas.drawLine(line, in: inner.row(inner.height - 3 + i), style: theme[.warning])
            }
        }
        let hintRow = inner.row(inner.height - 1)
        canvas.drawLine("Tab 换栏 · Enter 确定 · ↑↓ 或输入姓名选择操作员", in: hintRow, style: theme[.dim])
    }

    private static func pinRect(_ r: Rect) -> Rect { Rect(x: r.x, y: r.y, width: min(16, r.width), height: 1) }

    /// A PIN shows as dots, one per digit; the cursor stays at the insertion point.
    private static func drawSecret<C: Canvas>(_ field: TextField, in rect: Rect, on canvas: inout C, theme: Theme, focused: Bool) {
        let dots = String(repeating: "●", count: field.text.count)
        canvas.drawLine(dots, in: rect, style: theme[focused ? .fieldFocused : .field])
        if focused { canvas.cursor = Point(x: rect.x + min(field.cursorIndex, rect.width - 1), y: rect.y) }
    }
}

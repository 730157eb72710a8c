import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 预约登记: who, how they reached us, what for, how the service happens, the green-channel reason
/// and a stated limitation date. F2 books the first free slot the rules allow (a green-channel
/// reason moves it forward); a limitation date refuses slots too late to file and flags 先行提供
/// (法律援助法第四十四条第一项) — the refusal is shown here with the article.
public struct AppointmentBookingScreen: Screen {
    struct Saved: Sendable { var appointment: Appointment }

    let session: Session
    let stationID: Int64
    let stationName: String
    private(set) var form: Form
    private(set) var problem: String?
    private var saving = false

    public init(session: Session, stationID: Int64, stationName: String) {
        self.session = session
        self.stationID = stationID
        self.stationName = stationName
        func select(_ options: [(String, String)], _ selected: String?) -> FormFieldWidget {
            .select(SelectList(options: options.map { SelectOption(id: $0.0, label: $0.1) }, selectedID: selected))
        }
        form = Form(fields: [
            FormField(id: "name", label: "预约人", widget: .text(TextField(maxLength: 20)), isRequired: true, width: 16),
            FormField(id: "phone", label: "联系电话", widget: .text(TextField(maxLength: 20, filter: .digits)), width: 14),
            FormField(id: "mode", label: "服务方式", widget: select(AppointmentMode.allCases.map { ($0.rawValue, $0.label) }, "centre"),
                      isRequired: true, width: 14),
            FormField(id: "purpose", label: "预约事项", widget: select(AppointmentPurpose.allCases.map { ($0.rawValue, $0.label) }, "consultation"),
                      isRequired: true, width: 16),
            FormField(id: "channel", label: "预约渠道", widget: select(AppointmentChannel.allCases.map { ($0.rawValue, $0.label) }, "phone"),
                      isRequired: true, width: 14),
            FormField(id: "priority", label: "绿色通道", widget: select([("", "无")] + AppointmentPriorityReason.allCases.map { ($0.rawValue, $0.label) }, ""),
                      width: 14),
            FormField(id: "limitation", label: "期限届满日", widget: .date(DateField()), width: 12),
            FormField(id: "place", label: "上门地址", widget: .text(TextField(maxLength: 60)), width: 40),
            FormField(id: "accessibility", label: "无障碍需求", widget: .text(TextField(placeholder: "手语、轮椅、大字、方言", maxLength: 40)), width: 30),
            FormField(id: "summary", label: "事由摘要", widget: .text(TextField(maxLength: 80)), width: 40),
        ])
    }

    public var keymapSection: String { "appointment_form" }
    public var title: String { "预约登记" }
    public var acceptsText: Bool { true }
    public var isDirty: Bool { form.isDirty && !saving }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .result(let saved as Saved):
            saving = true
            let a = saved.appointment
            var text = "已预约 \(a.number)：\(a.day) \(a.start)–\(a.end)（\(a.mode.label)）"
            if a.provideFirst { text += "；先行提供（法律援助法第四十四条第一项）" }
            if a.phoneConfirm { text += "；\(BookingRules.phoneConfirmationTag)" }
            return [.status(text, a.provideFirst || a.phoneConfirm ? .warning : .success), .pop]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.save)):
            return save()
        case .input(let input):
            _ = form.handle(input)
        default: break
        }
        return []
    }

    private mutating func save() -> [Effect] {
        guard form.validateAll() else {
            problem = "请先改正标有 ✗ 的栏目"
            return [.status(problem!, .error)]
        }
        let v = form.values
        let mode = AppointmentMode(rawValue: v["mode"] ?? "") ?? .centre
        if mode == .home, (v["place"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            form.setError("上门服务须填写上门地址", for: "place")
            problem = "上门服务须填写上门地址"
            return [.status(problem!, .error)]
        }
        problem = nil
        let request = AppointmentRequest(
            stationID: stationID, channel: AppointmentChannel(rawValue: v["channel"] ?? "") ?? .phone,
            purpose: AppointmentPurpose(rawValue: v["purpose"] ?? "") ?? .consultation, mode: mode,
            personName: v["name"] ?? "", phone: (v["phone"] ?? "").isEmpty ? nil : v["phone"],
            matterSummary: v["summary"] ?? "",
            priorityReasons: AppointmentPriorityReason(rawValue: v["priority"] ?? "").map { [$0] } ?? [],
            accessibility: v["accessibility"] ?? "", place: v["place"] ?? "",
            limitationOn: (v["limitation"] ?? "").isEmpty ? nil : v["limitation"])
        let op = session.operatorRecord
        return [.perform { env in
            var r = request
            r.bookedOn = IntakeClock.today(env).iso
            return Saved(appointment: try env.store.bookAppointment(r, calendar: env.rules.calendar, by: op))
        }]
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        canvas.drawLine("\(stationName) · 新预约　\(context.keymap.hint(StandardAction.save)) 预约第一个可约时段，Esc 返回"
                            .truncated(toWidth: inner.width, ellipsis: true), in: inner.row(0), style: theme[.header])
        var f = form
        let formHeight = min(f.fields.count, max(1, inner.height - 4))
        f.render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: formHeight), on: &canvas, theme: theme, focused: true)
        var y = inner.y + 1 + formHeight
        let notes = (problem.map { ["✗ " + $0] } ?? [])
            + ["期限届满日：当事人所述仲裁、起诉等期限；过晚的时段不予预约，不足七日的标记先行提供（法律援助法第四十四条）。"]
        for (i, note) in notes.enumerated() {
            for line in note.wrapped(toWidth: inner.width) where y < inner.maxY {
                canvas.drawLine(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: i == 0 && problem != nil ? theme[.error] : theme[.info])
                y += 1
            }
        }
    }
}

/// 改约 or 取消 one booking: the reason (required), and for a move the new slot (the first free
/// one the rules allow when none is chosen).
public struct AppointmentChangeScreen: Screen {
    public enum Kind: Sendable { case move, cancel }
    struct Saved: Sendable { var message: String }
    struct Slots: Sendable { var slots: [AppointmentSlot] }

    let session: Session
    let appointment: Appointment
    let kind: Kind
    private(set) var form: Form
    private(set) var problem: String?
    private var saving = false

    public init(session: Session, appointment: Appointment, kind: Kind) {
        self.session = session
        self.appointment = appointment
        self.kind = kind
        var fields = [FormField(id: "reason", label: kind == .move ? "改约原因" : "取消原因",
                                widget: .text(TextField(maxLength: 60)), isRequired: true, width: 40)]
        if kind == .move {
            fields.insert(FormField(id: "slot", label: "新时段", widget: .select(SelectList(options: [SelectOption(id: "", label: "第一个可约时段")], selectedID: "")),
                                    width: 36), at: 0)
        }
        form = Form(fields: fields)
    }

    public var keymapSection: String { "appointment_form" }
    public var title: String { kind == .move ? "改约" : "取消预约" }
    public var acceptsText: Bool { true }
    public var isDirty: Bool { form.isDirty && !saving }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where kind == .move:
            let a = appointment
            return [.perform { env in
                let today = IntakeClock.today(env)
                let slots = try env.store.appointmentSlots(stationID: a.stationID, from: today.iso, to: today.adding(days: 60).iso)
                return Slots(slots: slots.filter { $0.free > 0 && $0.id != a.slotID })
            }]
        case .result(let loaded as Slots):
            let options = [SelectOption(id: "", label: "第一个可约时段")] + loaded.slots.map {
                SelectOption(id: String($0.id ?? 0), label: "\($0.day) \($0.start)–\($0.end) \($0.mode.mark) 空\($0.free)")
            }
            form.update("slot") { $0.widget = .select(SelectList(options: options, selectedID: "")) }
            form.markClean()
        case .result(let saved as Saved):
            saving = true
            return [.status(saved.message, .success), .pop]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.save)):
            guard form.validateAll() else {
                problem = "请先填写原因"
                return [.status(problem!, .error)]
            }
            problem = nil
            let v = form.values
            let reason = v["reason"] ?? "", number = appointment.number, op = session.operatorRecord
            let slot = Int64(v["slot"] ?? "")
            if kind == .move {
                return [.perform { env in
                    let a = try env.store.moveAppointment(number, toSlot: slot, reason: reason, calendar: env.rules.calendar, by: op)
                    return Saved(message: "已改约 \(number)：\(a.day) \(a.start)–\(a.end)")
                }]
            }
            return [.perform { env in
                _ = try env.store.cancelAppointment(number, reason: reason, by: op)
                return Saved(message: "已取消 \(number)")
            }]
        case .input(let input):
            _ = form.handle(input)
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let a = appointment
        canvas.drawLine("\(a.number) \(a.personName) \(a.day) \(a.start)（\(a.mode.label)）".truncated(toWidth: inner.width, ellipsis: true),
                        in: inner.row(0), style: theme[.header])
        var f = form
        f.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: min(f.fields.count, max(1, inner.height - 3))),
                 on: &canvas, theme: theme, focused: true)
        if let problem {
            var y = inner.y + 3 + f.fields.count
            for line in ("✗ " + problem).wrapped(toWidth: inner.width) where y < inner.maxY {
                canvas.drawLine(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.error])
                y += 1
            }
        }
    }
}

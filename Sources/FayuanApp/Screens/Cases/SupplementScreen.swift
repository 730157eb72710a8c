import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 补交材料: a document missing at acceptance (容缺受理) is brought in later — which one, on what
/// day, by whom (本人 or who brought it for them). Reached from the case detail; the store records
/// the operator, writes the timeline and ends the 补正 clock when nothing is missing any more.
public struct SupplementScreen: Screen {
    struct Saved: Sendable { var message: String }

    let session: Session
    let caseID: Int64
    let caseNumber: String
    let missing: [CaseDocumentEntry]
    private(set) var form: Form
    private var problem: String?
    private var saving = false

    public init(session: Session, caseID: Int64, caseNumber: String, missing: [CaseDocumentEntry]) {
        self.session = session
        self.caseID = caseID
        self.caseNumber = caseNumber
        self.missing = missing
        form = Form(fields: [
            FormField(id: "code", label: "补交的材料", widget: .select(SelectList(options: missing.map {
                SelectOption(id: $0.code, label: $0.label + ($0.dueOn.map { "（补正至 \($0)）" } ?? ""))
            }, selectedID: missing.first?.code)), isRequired: true, width: 44),
            FormField(id: "day", label: "补交日期", widget: .date(DateField()), isRequired: true, width: 12),
            FormField(id: "broughtBy", label: "交材料的人", widget: .text(TextField(text: "本人", maxLength: 30)),
                      isRequired: true, width: 20),
        ])
    }

    public var keymapSection: String { "case_form" }
    public var title: String { "补交材料" }
    public var acceptsText: Bool { true }
    public var isDirty: Bool { form.isDirty && !saving }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where form.field("day")?.value.isEmpty == true:
            return [TodayIs.fetch()]
        case .result(let today as TodayIs):
            form.update("day") { $0.widget.setValue(today.day) }
            form.markClean()
        case .result(let saved as Saved):
            saving = true
            return [.status(saved.message, .success), .pop]
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
        guard form.validateAll(), let day = LocalDate(iso: form.field("day")?.value ?? "") else {
            problem = "请先改正标有 ✗ 的栏目"
            return [.status(problem!, .error)]
        }
        problem = nil
        let v = form.values
        let code = v["code"] ?? "", who = v["broughtBy"] ?? "", caseID = self.caseID, op = session.operatorRecord
        let label = missing.first { $0.code == code }?.label ?? code
        return [.perform { env in
            let r = try env.store.recordSupplementedDocument(caseID: caseID, code: code, on: day, broughtBy: who, by: op)
            return Saved(message: "已登记补交：\(label)（\(who)，\(day.iso)）"
                         + (r.complete ? "；材料已补齐，补正期限结束" : "；仍缺 \(r.remaining) 项"))
        }]
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        canvas.drawLine("\(caseNumber) · 补交材料　\(context.keymap.hint(StandardAction.save)) 保存，Esc 返回", in: inner.row(0), style: theme[.header])
        var f = form
        f.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: min(5, inner.height - 2)), on: &canvas,
                 theme: theme, focused: true)
        var y = inner.y + 8
        if let problem, y < inner.maxY {
            canvas.drawLine("✗ " + problem, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.error])
            y += 1
        }
        let hint = "最后一项材料补齐时，补正期限即结束；审查期限按法律援助法第四十三条自收到申请之日起计算，不因补正而改变。"
        for line in hint.wrapped(toWidth: inner.width) where y < inner.maxY {
            canvas.drawLine(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.info])
            y += 1
        }
    }
}

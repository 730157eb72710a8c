import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 抽取评查组: a quality-review panel for one closed case, drawn at random from the 评查专家库
/// with the seed shown and recorded (the same seed and pool always give the same panel), and the
/// handling lawyer, everyone of their firm and their "1+1" partner recused — listed with why.
public struct PanelDrawScreen: Screen {
    struct Drawn: Sendable { var panel: ReviewPanelRecord; var reproduced: Bool }

    let session: Session
    private(set) var form: Form
    private(set) var drawn: Drawn?
    private var problem: String?

    public init(session: Session) {
        self.session = session
        form = Form(fields: [
            FormField(id: "case", label: "案件编号", widget: .number(NumberField(range: 1...999_999_999)), isRequired: true, width: 10),
            FormField(id: "size", label: "评查组人数", widget: .number(NumberField(value: 3, range: 1...15)), isRequired: true, width: 4),
            FormField(id: "seed", label: "随机种子", widget: .number(NumberField(range: 0...999_999_999_999)), isRequired: true, width: 14),
        ])
    }

    public var keymapSection: String { "case_form" }
    public var title: String { "抽取评查组" }
    public var acceptsText: Bool { true }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where form.field("seed")?.value.isEmpty == true:
            return [TodayIs.fetch()]
        case .result(let today as TodayIs):
            // A seed anyone can read off the record: the date and time of the draw.
            form.update("seed") { $0.widget.setValue(String(today.local.filter(\.isNumber).suffix(12))) }
            form.markClean()
        case .result(let d as Drawn):
            drawn = d
            problem = nil
            return [.status("已抽取评查组：" + d.panel.members.map(\.name).joined(separator: "、") + "（种子 \(d.panel.seed)）", .success)]
        case .result(let failed as PerformFailed):
            problem = failed.message
            drawn = nil
        case .input(.action(StandardAction.save)):
            guard form.validateAll() else { return [.status("请先改正标有 ✗ 的栏目", .error)] }
            let v = form.values
            guard let caseID = Int64(v["case"] ?? ""), let size = Int(v["size"] ?? ""), let seed = UInt64(v["seed"] ?? "") else {
                return [.status("请填写案件编号、人数和随机种子", .error)]
            }
            let role = session.role, by = session.operatorID
            return [.perform { env in
                let panel = try env.store.drawReviewPanel(caseID, size: size, seed: seed, role: role, by: by)
                return Drawn(panel: panel, reproduced: try env.store.verifyReviewPanel(panel.id))
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
        canvas.drawLine("随机抽取，同一种子可复现；回避承办律师及其所在所　\(context.keymap.hint(StandardAction.save)) 抽取　Esc 返回",
                        in: inner.row(0), style: theme[.header])
        var f = form
        let formRows = min(4, max(0, inner.height - 1))
        f.render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: formRows), on: &canvas, theme: theme, focused: true)
        var y = inner.y + 1 + formRows
        func line(_ text: String, _ role: Role) {
            guard y < inner.maxY else { return }
            canvas.drawLine(text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[role])
            y += 1
        }
        if let problem { line("✗ " + problem, .error) }
        guard let d = drawn else { return }
        let p = d.panel
        line("第 \(p.id) 次抽取 · 案件 \(p.caseNumber ?? "#\(p.caseID)") · 承办 \(p.handlerName ?? "—")（\(p.handlerFirm.isEmpty ? "—" : p.handlerFirm)）", .info)
        line("专家库 \(p.poolSize) 人，回避 \(p.recusals.count) 人，可抽 \(p.eligibleCount) 人；种子 \(p.seed)"
             + (d.reproduced ? "，按种子重抽结果一致 ✓" : "，重抽不一致 ✗"), d.reproduced ? .success : .error)
        line("评查组：", .normal)
        for m in p.members { line("  \(m.position). \(m.name)（\(m.firm)）" + (m.position == 1 ? "　组长" : ""), .normal) }
        if !p.recusals.isEmpty {
            // One line per reason (a whole firm can be many people), the handler first.
            line("回避 \(p.recusals.count) 人：", .normal)
            for group in Self.recusalGroups(p.recusals) {
                let text = group.names.count == 1 ? "  ✗ \(group.names[0])：\(group.reason)"
                    : "  ✗ \(group.reason) \(group.names.count) 人：" + group.names.joined(separator: "、")
                line(text.truncated(toWidth: inner.width), .warning)
            }
        }
    }

    /// Recusals grouped by reason, in the order: the handler, the "1+1" partner, the firm, others.
    static func recusalGroups(_ recusals: [ReviewPanelRecord.Recusal]) -> [(reason: String, names: [String])] {
        var order: [String] = []
        var names: [String: [String]] = [:]
        for r in recusals {
            if names[r.reason] == nil { order.append(r.reason) }
            names[r.reason, default: []].append(r.name)
        }
        func rank(_ reason: String) -> Int {
            reason == "本案承办律师" ? 0 : reason.contains("结对") ? 1 : reason.hasPrefix("与承办律师同所") ? 2 : 3
        }
        return order.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map { ($0.element, names[$0.element]!) }
    }
}

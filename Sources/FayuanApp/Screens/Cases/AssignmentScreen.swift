import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 指派: the rotation wheel's suggestion for this case with its reasons (turn, specialty, load,
/// conflicts, Art 26), every other eligible lawyer in order, and who is excluded and why. ↑↓
/// picks someone else, which needs a reason; F2 assigns and prints the 指派通知书.
public struct AssignmentScreen: Screen {
    struct Loaded: Sendable {
        var suggestion: RotationWheel.Suggestion
        var providers: [Int64: Provider]
        var history: [RotationTurnRecord]
    }

    struct Saved: Sendable {
        var message: String
        var printed: String
        var caseID: Int64 = 0
        var issued: [Int64] = []
    }

    let session: Session
    let detail: CaseDetail
    let causeLabel: String
    private(set) var loaded: Loaded?
    private var table = Table(columns: [
        TableColumn("序", width: .fixed(2), alignment: .right), TableColumn("承办人", width: .fixed(10)),
        TableColumn("轮案理由", width: .fill(1)),
    ])
    private var reason = TextField(placeholder: "未按建议指派时必填")
    /// 0: the list, 1: the reason field.
    private(set) var focus = 0
    private var problem: String?
    private var saved = false

    public init(session: Session, detail: CaseDetail, causeLabel: String) {
        self.session = session
        self.detail = detail
        self.causeLabel = causeLabel
    }

    public var keymapSection: String { "case_form" }
    public var title: String { "指派承办人" }
    public var acceptsText: Bool { focus == 1 }
    public var isDirty: Bool { !saved && (!reason.isEmpty || (table.selectedRow ?? 0) != 0) }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    var chosen: RotationWheel.Ranked? {
        guard let l = loaded, let i = table.selectedRow, l.suggestion.ranked.indices.contains(i) else { return nil }
        return l.suggestion.ranked[i]
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where loaded == nil:
            return [load()]
        case .result(let value as Loaded):
            loaded = value
            table.setRows(value.suggestion.ranked.map { [String($0.place), $0.candidate.name, $0.reasons.joined(separator: "；")] })
            table.select(row: 0)
        case .result(let value as Saved):
            saved = true
            let status = Effect.status(value.message + "；已生成 " + value.printed, .success)
            guard !value.issued.isEmpty else { return [status, .pop] }
            // Offer 指派通知书 (and 公函) for printing in place of this screen.
            return [status, .pop, .push(DocumentsScreen(session: session, caseID: value.caseID, fresh: Set(value.issued), intro: value.message))]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.nextField)), .input(.action(StandardAction.previousField)):
            focus = 1 - focus
        case .input(.action(StandardAction.save)):
            return save()
        case .input(.action(StandardAction.confirm)) where focus == 0:
            focus = 1
        case .input(.action(StandardAction.confirm)):
            return save()
        case .input(let input):
            if focus == 0 { _ = table.handle(input) } else { _ = reason.handle(input) }
        default: break
        }
        return []
    }

    private func load() -> Effect {
        let caseID = detail.board.id
        let label = causeLabel
        return .perform { env in
            // The pools add the register specialties, the familiarity rule (minors, abuse victims) and 清退 exclusions.
            let (request, candidates, stationID) = try env.store.poolWheel(for: caseID, causeLabel: label)
            let suggestion = RotationWheel.suggest(request, candidates: candidates)
            let providers = Dictionary(uniqueKeysWithValues: try env.store.pipelineProviders().compactMap { p in p.id.map { ($0, p) } })
            return Loaded(suggestion: suggestion, providers: providers,
                          history: try env.store.rotationHistory(stationID: stationID, cause: request.cause))
        }
    }

    private mutating func save() -> [Effect] {
        guard let l = loaded, let chosen else {
            problem = "没有可指派的人选"
            return [.status(problem!, .error)]
        }
        let suggested = l.suggestion.suggested?.candidate.providerID
        let why = reason.text.trimmingCharacters(in: .whitespaces)
        if chosen.candidate.providerID != suggested, why.isEmpty {
            focus = 1
            problem = "未按轮案建议指派：请在“另行指派理由”中说明"
            return [.status("另行指派理由：未按轮案建议指派，须说明理由", .error)]
        }
        let role = session.role, by = session.operatorID
        let detail = self.detail, label = causeLabel
        let explanation = l.suggestion.explanation
        guard let provider = l.providers[chosen.candidate.providerID] else { return [] }
        let overrideReason: String? = chosen.candidate.providerID == suggested ? nil : why
        return [.perform { env in
            let day = CaseFormat.today(env)
            try env.store.assign(detail.board.id, to: provider.id!, suggestedID: suggested, overrideReason: overrideReason,
                                 explanation: explanation, on: day, role: role, by: by)
            // 指派通知书 (and 公函 for a criminal case) were numbered with the assignment.
            _ = label
            let outputs = try CaseDocuments.renderIssued(detail.board.id, env: env, role: role, by: by)
            return Saved(message: "已指派\(provider.name)", printed: outputs.map { ($0.pdfPath as NSString).lastPathComponent }.joined(separator: "、"),
                         caseID: detail.board.id, issued: outputs.map(\.registerID))
        }]
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let b = detail.board
        canvas.drawLine("\(b.caseNumber ?? "（未编号）") · \(b.applicantName) · \(causeLabel)"
                        + (b.major ? " · 重大疑难" : "") + (b.lifeOrDeath ? " · 第二十六条" : "") + "　\(context.keymap.hint(StandardAction.save)) 指派，Esc 返回",
                        in: inner.row(0), style: theme[.header])
        guard let l = loaded else {
            canvas.drawLine("正在转动轮盘……", in: inner.row(1), style: theme[.dim])
            return
        }
        let suggestedLine = l.suggestion.suggested.map { "★ 轮案建议：\($0.candidate.name)（\($0.reasons.joined(separator: "；"))）" }
            ?? "✗ 轮案无可指派人选：请先登记承办人员或解除冲突"
        let suggestedLines = suggestedLine.wrapped(toWidth: inner.width).prefix(2)
        for (i, line) in suggestedLines.enumerated() {
            canvas.drawLine(line, in: inner.row(1 + i), style: theme[l.suggestion.suggested == nil ? .error : .success])
        }
        let excluded = l.suggestion.excluded.map { "✗ \($0.candidate.name)：\($0.reasons.joined(separator: "；"))" }
        let historyLine = "轮盘记录：本站点本案由已轮 \(l.history.count) 次" + (l.history.last.map { "，上次 \($0.day) 指派\($0.providerName)" } ?? "")
        let footer = 3 + min(excluded.count, 3)
        let tableRect = Rect(x: inner.x, y: inner.y + 1 + suggestedLines.count, width: inner.width,
                             height: max(2, inner.height - 1 - suggestedLines.count - footer))
        var t = table
        t.render(in: tableRect, on: &canvas, theme: theme, focused: focus == 0)
        var y = tableRect.maxY
        for line in excluded.prefix(3) {
            canvas.drawLine(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.warning])
            y += 1
        }
        canvas.drawLine(historyLine, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.dim])
        y += 1
        let w = canvas.draw((focus == 1 ? "▶" : " ") + "另行指派理由：", at: Point(x: inner.x, y: y), style: theme[focus == 1 ? .header : .label])
        var r = reason
        r.render(in: Rect(x: inner.x + w, y: y, width: inner.width - w, height: 1), on: &canvas, theme: theme, focused: focus == 1)
        y += 1
        if let problem {
            canvas.drawLine("✗ " + problem, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.error])
        } else if let c = chosen, c.candidate.providerID != l.suggestion.suggested?.candidate.providerID {
            canvas.drawLine("⚠ 已选\(c.candidate.name)，与轮案建议不同：须填写理由，记入轮盘记录", in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                            style: theme[.warning])
        } else {
            canvas.drawLine("↑↓ 选择他人（须说明理由）；Tab 到理由栏", in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.dim])
        }
    }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 取号 at a window or the reception desk: choose the service and, for the green channel, the
/// priority reason; save (F2 or Enter on the reason list) issues the ticket and shows its slip.
/// The screen stays open for the next person.
public struct TicketIssueScreen: Screen {
    public let session: Session
    private var services: SelectList
    private var reasons: SelectList
    private var focus = 0
    public private(set) var slip: TicketSlip?

    static let noPriority = "none"

    public init(session: Session) {
        self.session = session
        services = SelectList(options: QueueService.all.map { SelectOption(id: $0.code, label: "\($0.letter)  \($0.label)", searchKey: $0.letter) },
                              selectedID: QueueService.all[0].code)
        reasons = SelectList(options: [SelectOption(id: Self.noPriority, label: "无（普通号）")]
                                + PriorityReason.all.map { SelectOption(id: $0.code, label: PriorityReason.mark + " " + $0.label) },
                             selectedID: Self.noPriority)
    }

    public var keymapSection: String { "ticket" }
    public var title: String { "取号" }
    /// Typing filters the focused list (as in every select list).
    public var acceptsText: Bool { true }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .input(.action(StandardAction.save)):
            return [issue()]
        case .input(.action(StandardAction.nextField)), .input(.action(StandardAction.previousField)):
            focus = 1 - focus
        case .input(.action(StandardAction.confirm)):
            if focus == 0 { _ = services.handle(.action(StandardAction.confirm)); focus = 1; return [] }
            _ = reasons.handle(.action(StandardAction.confirm))
            return [issue()]
        case .input(let input):
            if focus == 0 { _ = services.handle(input) } else { _ = reasons.handle(input) }
        case .result(let value as Issued):
            slip = value.slip
            services.select(id: QueueService.all[0].code)
            reasons.select(id: Self.noPriority)
            services.clearFilter(); reasons.clearFilter()
            focus = 0
            return [.status("已取号 \(value.code)" + (value.printed.map { "；" + $0 } ?? ""), .success)]
        default:
            break
        }
        return []
    }

    struct Issued: Sendable {
        var code: String
        var slip: TicketSlip
        var printed: String? = nil
    }

    private func issue() -> Effect {
        let service = services.selectedID.flatMap(QueueService.named) ?? QueueService.all[0]
        let reason = reasons.selectedID == Self.noPriority ? nil : reasons.selectedID
        let station = session.station
        let actor = QueueActor(operatorID: session.operatorRecord.id, role: session.role)
        return .perform { env in
            guard let station = try station ?? env.store.stations().first else {
                throw StoreError.notFound(entity: "站点", id: "案件库中还没有任何站点")
            }
            let day = QueueFormat.day(env.clock(), timeZone: env.timeZone)
            let issued = try env.store.issueTicket(station: station, service: service, priorityReason: reason, on: day, by: actor)
            let slip = TicketSlip(ticket: issued.ticket, station: station, waitingAhead: issued.waitingAhead, timeZone: env.timeZone)
            // The paper slip, when a receipt printer is set in 系统设置 (issue 20).
            let printed = try slip.print(store: env.store, day: day, code: issued.ticket.code)
            return Issued(code: issued.ticket.code, slip: slip, printed: printed)
        }
    }

    /// 大字模式: the ticket just issued in big letters (with what the person must know beside
    /// it), then one list at a time — the service, then the priority reason — as the clerk goes.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var col = LargeColumn(area, theme: context.theme)
        if let slip, slip.lines.count > 1 {
            let side = slip.lines.dropFirst(2).filter { !$0.hasPrefix("请留意") && !$0.contains(" 取号") }
                .map { ($0, $0.hasPrefix(PriorityReason.mark) ? Role.priority : Role.normal) }
            col.text("已取号：", role: .success, on: &canvas)
            col.big(slip.lines[1], maxRows: max(2, min(5, col.remaining - 5)), side: side, sideWidth: 16, on: &canvas)
            col.skip()
        }
        let save = context.keymap.hint(StandardAction.save)
        col.text(focus == 0 ? "① 业务类型（Tab 换到优先原因）" : "② 优先原因（回车或 \(save) 取号）", role: .header, on: &canvas)
        var list = focus == 0 ? services : reasons
        let rect = col.rect(rows: col.remaining)
        list.renderExpanded(in: rect, on: &canvas, theme: context.theme, focused: true)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(top: 1, left: 2, bottom: 0, right: 2)
        let cols = Layout.split(inner, .horizontal, [.fixed(18), .fixed(2), .fixed(22), .fixed(2), .fill(1)])
        canvas.drawLine("业务类型", in: cols[0].row(0), style: focus == 0 ? theme[.header] : theme[.label])
        canvas.drawLine("优先原因（绿色通道）", in: cols[2].row(0), style: focus == 1 ? theme[.header] : theme[.label])
        var s = services, r = reasons
        s.renderExpanded(in: Rect(x: cols[0].x, y: cols[0].y + 1, width: cols[0].width, height: QueueService.all.count),
                         on: &canvas, theme: theme, focused: focus == 0)
        r.renderExpanded(in: Rect(x: cols[2].x, y: cols[2].y + 1, width: cols[2].width, height: max(1, cols[2].height - 3)),
                         on: &canvas, theme: theme, focused: focus == 1)
        let save = context.keymap.keyLabel(for: StandardAction.save)
        canvas.drawLine("↑↓ 选择，Tab 切换，\(save) 或在优先原因上回车即取号", in: inner.row(inner.height - 1), style: theme[.dim])
        // The slip of the last ticket, for the person to read (or photograph).
        let side = cols[4]
        guard let slip, side.width >= 20 else { return }
        let width = min(side.width, max(22, (slip.lines.map(\.displayWidth).max() ?? 0) + 4))
        let box = Rect(x: side.x, y: side.y, width: width, height: min(side.height - 1, slip.lines.count + 2))
        canvas.drawBox(box, style: theme[.border], title: "排队号")
        for (i, line) in slip.lines.enumerated() where i < box.height - 2 {
            let style = i == 1 ? theme[.title] : (line.hasPrefix(PriorityReason.mark) ? theme[.priority] : theme[.normal])
            let row = Rect(x: box.x + 1, y: box.y + 1 + i, width: box.width - 2, height: 1)
            canvas.drawLine(line.truncated(toWidth: row.width, ellipsis: true), in: row, style: style, alignment: .center)
        }
        // The number again in big block letters, for those who cannot read the small slip.
        if slip.lines.count > 1 {
            let below = Rect(x: side.x, y: box.maxY + 1, width: side.width, height: max(0, side.maxY - box.maxY - 2))
            if BigText.bestFit(slip.lines[1], in: Size(width: below.width, height: below.height), wrapping: false) != nil {
                BigText.draw(slip.lines[1], in: below, on: &canvas, style: theme[.normal].adding(.bold))
            }
        }
    }
}

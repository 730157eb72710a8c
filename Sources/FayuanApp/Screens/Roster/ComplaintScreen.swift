import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 值班投诉 (issue 19): the month's complaints about duties with their two clocks from 法律援助投诉
/// 处理办法 — accept within 5 working days of receipt (holiday calendar), finish within 60 days of
/// acceptance — and the workflow: F3 受理, F4 属实, F5 不属实, F6 扣减 (an upheld complaint becomes
/// that duty's deduction; after approval it is an adjustment line). Complaints are registered from
/// the roster (t on a duty). The same store methods serve `fayuan duty complaint`.
public struct ComplaintScreen: Screen {
    struct Loaded: Sendable { let complaints: [DutyComplaint]; let today: String }
    struct Done: Sendable { let message: String }

    public enum Action {
        public static let accept: ActionID = "complaint.accept"
        public static let uphold: ActionID = "complaint.uphold"
        public static let reject: ActionID = "complaint.reject"
        public static let deduct: ActionID = "complaint.deduct"
    }

    let session: Session
    let month: String
    private var complaints: [DutyComplaint] = []
    private var today = ""
    private var table: Table
    private var problem: String?

    public init(session: Session, month: String) {
        self.session = session
        self.month = month
        table = Table(columns: [
            TableColumn("编号", width: .fixed(4), alignment: .right),
            TableColumn("值班日", width: .fixed(6)),
            TableColumn("被投诉人", width: .fixed(8)),
            TableColumn("收到", width: .fixed(5)),
            TableColumn("状态", width: .fixed(12)),
            TableColumn("期限", width: .fill(1)),
        ])
    }

    public var keymapSection: String { "complaint" }
    public var title: String { "值班投诉 \(month)" }

    var selected: DutyComplaint? { table.selectedRow.flatMap { complaints.indices.contains($0) ? complaints[$0] : nil } }

    public func isEnabled(_ action: ActionID) -> Bool {
        let allowed = AccessPolicy.allows(session.role, .recordSpotCheck)
        switch action {
        case Action.accept: return allowed && selected?.status == .registered
        case Action.uphold, Action.reject: return allowed && selected?.status == .accepted
        case Action.deduct: return allowed && selected?.status == .upheld
        default: return action != StandardAction.save
        }
    }

    /// The clock that matters now: acceptance while registered, completion while being handled.
    static func clock(_ c: DutyComplaint, today: String) -> String {
        func state(_ due: String) -> String {
            let day = String(due.prefix(10))
            if today > day { return "✗ 已超期" }
            if today == day { return "！今天到期" }
            return "剩 \(LocalDate(iso: day).flatMap { d in LocalDate(iso: today).map { d.dayNumber - $0.dayNumber } } ?? 0) 天"
        }
        switch c.status {
        case .registered: return "受理期限 \(c.acceptBy) \(state(c.acceptBy))"
        case .accepted, .upheld: return "办结期限 \(c.finishBy) \(state(c.finishBy))"
        case .rejected, .deducted: return "✓ 已办结 \(c.finishedOn ?? "")"
        }
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .input = msg { problem = nil }
        switch msg {
        case .resumed:
            return reload()
        case .result(let loaded as Loaded):
            complaints = loaded.complaints
            today = loaded.today
            table.setRows(complaints.map { c in
                ["#\(c.id)", String(c.shiftDay.suffix(5)), c.providerName, String(c.receivedOn.suffix(5)),
                 (c.status == .deducted || c.status == .rejected ? "✓ " : "") + c.status.label, Self.clock(c, today: today)]
            })
            return []
        case .result(let done as Done):
            return [.status(done.message, .success)] + reload()
        case .result(let failed as PerformFailed):
            problem = failed.message
            return []
        case .input(.action(Action.accept)):
            guard isEnabled(Action.accept), let c = selected else { return refused("只有已登记的投诉可以受理") }
            let op = session.operatorRecord
            return [.push(AdminFormScreen(
                title: "受理投诉 #\(c.id)", intro: "收到 \(c.receivedOn)，应在 \(c.acceptBy) 前受理（5个工作日）。",
                fields: [AdminFields.text("on", "受理日期", today, required: true, max: 10, width: 12)],
                fieldIDs: ["date": "on"]) { values, env in
                try env.store.advanceDutyComplaint(c.id, .accept(on: values["on"] ?? ""), by: op)
                return "已受理投诉 #\(c.id)"
            })]
        case .input(.action(Action.uphold)), .input(.action(Action.reject)):
            guard case .input(.action(let id)) = msg, isEnabled(id), let c = selected else { return refused("须先受理再核实") }
            let upheld = id == Action.uphold, op = session.operatorRecord
            return [.push(AdminFormScreen(
                title: (upheld ? "核实属实：投诉 #" : "核实不属实：投诉 #") + String(c.id),
                intro: "\(c.complainant)：\(c.summary)",
                fields: [AdminFields.text("finding", "核实情况", required: true, max: 60),
                         AdminFields.text("on", "核实日期", today, required: true, max: 10, width: 12)],
                fieldIDs: ["finding": "finding", "date": "on"]) { values, env in
                try env.store.advanceDutyComplaint(c.id, .verify(upheld: upheld, finding: values["finding"] ?? "",
                                                                 on: values["on"] ?? ""), by: op)
                return upheld ? "已核实：投诉属实，可扣减" : "已核实：投诉不属实，已办结"
            })]
        case .input(.action(Action.deduct)):
            guard isEnabled(Action.deduct), let c = selected else { return refused("只有经核实属实的投诉才扣减") }
            return [.confirm("投诉 #\(c.id) 属实，扣减 \(c.shiftDay) \(c.providerName) 的值班补贴？",
                             onYes: .input(.action("complaint.deduct_confirmed")))]
        case .input(.action("complaint.deduct_confirmed")):
            guard let c = selected else { return [] }
            let op = session.operatorRecord
            return [.perform { env in
                try env.store.advanceDutyComplaint(c.id, .deduct, by: op)
                return Done(message: "已扣减：投诉 #\(c.id)（已核定的月份记为调整行）")
            }]
        case .input(let input):
            _ = table.handle(input)
        default:
            break
        }
        return []
    }

    private func refused(_ text: String) -> [Effect] {
        guard AccessPolicy.allows(session.role, .recordSpotCheck) else {
            return [.status(PermissionDenied(role: session.role, permission: .recordSpotCheck).description, .error)]
        }
        return [.status(text, .error)]
    }

    private func reload() -> [Effect] {
        let month = month
        return [.perform { env in
            Loaded(complaints: try env.store.dutyComplaints(month: month, calendar: env.rules.calendar),
                   today: RosterScreen.today(env))
        }]
    }

    /// 登记投诉 on a duty (from the roster).
    static func registerForm(_ v: DutyShiftView, today: String, by op: Operator) -> AdminFormScreen {
        let shift = v.shift.id ?? 0
        return AdminFormScreen(
            title: "登记投诉",
            intro: "被投诉：\(v.shift.day) \(v.stationName) \(v.providerName)。收到后5个工作日内受理，受理后60日内办结。",
            fields: [AdminFields.text("complainant", "投诉人", required: true, max: 20),
                     AdminFields.text("summary", "投诉内容", required: true, max: 60),
                     AdminFields.text("received", "收到日期", today, required: true, max: 10, width: 12),
                     AdminFields.text("consultation", "咨询记录号", max: 10, filter: .digits, width: 12)],
            fieldIDs: ["complainant": "complainant", "summary": "summary", "received": "received", "consultation": "consultation"]) { values, env in
            let id = try env.store.registerDutyComplaint(
                shift: shift, complainant: values["complainant"] ?? "", summary: values["summary"] ?? "",
                receivedOn: values["received"] ?? "", consultation: Int64(values["consultation"] ?? ""), by: op)
            return "已登记投诉 #\(id)（按 o 查看投诉和期限）"
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let rows = Layout.split(inner, .vertical, [.fixed(1), .fill(1), .fixed(3)])
        let open = complaints.filter { $0.status.isOpen }.count
        if let problem {
            canvas.drawLine("✗ " + problem, in: rows[0], style: theme[.error])
        } else {
            canvas.drawLine("\(month) 值班投诉 \(complaints.count) 件，未办结 \(open) 件　受理限收到后5个工作日，办结限受理后60日",
                            in: rows[0], style: theme[.header])
        }
        var t = table
        t.render(in: rows[1], on: &canvas, theme: theme, focused: true)
        guard let c = selected else {
            if complaints.isEmpty {
                canvas.drawLine("本月没有值班投诉。在值班表选中班次按 t 登记。", in: rows[2], style: theme[.dim])
            }
            return
        }
        var text = "\(c.complainant)：\(c.summary)"
        if !c.finding.isEmpty { text += "　核实：\(c.finding)" }
        for (i, line) in RosterScreen.wrap(text, width: rows[2].width, lines: 3).enumerated() {
            canvas.drawLine(line, in: Rect(x: rows[2].x, y: rows[2].y + i, width: rows[2].width, height: 1), style: theme[.normal])
        }
    }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 补贴明细: each person's monthly duty and case subsidy, and under it every line of the selected
/// person with the rule applied (rate, each deduction, forfeit, cancelled day). F3 approves the
/// month (核定) for those allowed.
public struct SubsidyScreen: Screen {
    struct Loaded: Sendable { let statements: [SubsidyStatement]; let approved: Bool }
    struct Approved: Sendable { let count: Int }

    public enum Action {
        public static let approve: ActionID = "subsidy.approve"
    }

    let session: Session
    let month: String
    private var statements: [SubsidyStatement] = []
    private var approved = false
    private var table: Table
    private var problem: String?

    public init(session: Session, month: String) {
        self.session = session
        self.month = month
        table = Table(columns: [
            TableColumn("值班人员", width: .fixed(10)),
            TableColumn("班次", width: .fixed(4), alignment: .right),
            TableColumn("值班补贴", width: .fixed(8), alignment: .right),
            TableColumn("案件补贴", width: .fixed(8), alignment: .right),
            TableColumn("合计（元）", width: .fixed(10), alignment: .right),
            TableColumn("说明", width: .fill(1)),
        ])
    }

    public var keymapSection: String { "subsidy" }
    public var title: String { "补贴明细 \(month)" }

    public func isEnabled(_ action: ActionID) -> Bool {
        if action == Action.approve { return AccessPolicy.allows(session.role, .approveSubsidy) && !approved && !statements.isEmpty }
        return action != StandardAction.save
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return reload()
        case .result(let loaded as Loaded):
            statements = loaded.statements
            approved = loaded.approved
            table.setRows(statements.map { s in
                let duties = s.lines.filter { $0.kind == .duty }.count
                let note = s.forfeited ? "✗ 当月不予发放" : (s.notes.first ?? (s.lines.contains { $0.deductionsFen > 0 || $0.baseFen == 0 } ? "有扣减" : ""))
                return [s.providerName, String(duties), Money.yuan(s.dutyFen), Money.yuan(s.caseFen), Money.yuan(s.totalFen), note]
            })
            return []
        case .result(let done as Approved):
            return [.status("已核定 \(month) 补贴 \(done.count) 人", .success)] + reload()
        case .result(let failed as PerformFailed):
            problem = failed.message
            return []
        case .input(.action(Action.approve)):
            guard isEnabled(Action.approve) else {
                return [.status(approved ? "本月补贴已核定" : PermissionDenied(role: session.role, permission: .approveSubsidy).description, .error)]
            }
            return [.confirm("核定 \(month) 的值班和案件补贴？核定后每月只能一次。", onYes: .input(.action("subsidy.approve_confirmed")))]
        case .input(.action("subsidy.approve_confirmed")):
            let op = session.operatorRecord, month = month
            return [.perform { env in
                let (_, policy) = try RosterScreen.policy(env)
                let done = try env.store.approveSubsidies(month: month, policy: policy, today: Self.today(env), by: op)
                return Approved(count: done.count)
            }]
        case .input(let input):
            _ = table.handle(input)
        default:
            break
        }
        return []
    }

    static func today(_ env: AppEnvironment) -> String {
        let c = RosterScreen.components(env)
        return String(format: "%04d-%02d-%02d", c.year ?? 2026, c.month ?? 1, c.day ?? 1)
    }

    private func reload() -> [Effect] {
        let month = month
        return [.perform { env in
            let (_, policy) = try RosterScreen.policy(env)
            let statements = try env.store.subsidyStatements(month: month, policy: policy, today: Self.today(env))
            let approved = try env.store.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM subsidy WHERE month = ? AND kind = 'duty' AND status IN ('approved', 'paid')",
                                  arguments: [month]) ?? false
            }
            return Loaded(statements: statements, approved: approved)
        }]
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let detailHeight = max(4, inner.height / 2)
        let rows = Layout.split(inner, .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(detailHeight)])
        let total = statements.reduce(0) { $0 + $1.totalFen }
        let state = approved ? "✓ 已核定" : "未核定"
        if let problem {
            canvas.drawLine("✗ " + problem, in: rows[0], style: theme[.error])
        } else {
            canvas.drawLine("\(month)　\(statements.count) 人　合计 \(Money.yuan(total)) 元　\(state)", in: rows[0], style: theme[.header])
        }
        var t = table
        t.render(in: rows[1], on: &canvas, theme: theme, focused: true)
        guard let index = table.selectedRow, statements.indices.contains(index) else { return }
        let s = statements[index]
        canvas.drawLine("── \(s.providerName) 明细 ──", in: rows[2], style: theme[.label])
        var lines: [String] = s.notes.map { "！" + $0 }
        for line in s.lines {
            lines.append("\(line.label)　\(Money.yuan(line.amountFen))元：" + line.explanation.joined(separator: "；"))
        }
        var y = rows[3].y
        for text in lines {
            for part in RosterScreen.wrap(text, width: rows[3].width, lines: 3) {
                guard y < rows[3].y + rows[3].height else { return }
                canvas.drawLine(part, in: Rect(x: rows[3].x, y: y, width: rows[3].width, height: 1), style: theme[.normal])
                y += 1
            }
        }
    }
}

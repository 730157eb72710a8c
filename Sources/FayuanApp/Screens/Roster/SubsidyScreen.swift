import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 补贴明细 as a ledger (issue 19): each person's month — what the rules say is owed, what was
/// approved (核定) and paid (发放), what is still to approve, and the duties held as 待核实. Under
/// it every line of the selected person with the rule applied and its state. A month is approved
/// only after it ends, line by line (F3 the whole month's due lines, F4 the selected person's);
/// anything found later is approved as an adjustment line (调整). F5 records payment.
/// The header says exactly what was approved: "✓ 已核定" only when nothing is left to approve.
public struct SubsidyScreen: Screen {
    struct Loaded: Sendable { let accounts: [SubsidyAccount]; let monthEnded: Bool }
    struct Approved: Sendable { let approval: CaseStore.SubsidyApproval }
    struct Paid: Sendable { let lines: Int; let amountFen: Int }

    public enum Action {
        public static let approve: ActionID = "subsidy.approve"
        public static let approvePerson: ActionID = "subsidy.approve_person"
        public static let pay: ActionID = "subsidy.pay"
        /// 值班补贴发放表 (the approved lines, a signature column per person) as a PDF.
        public static let printPayroll: ActionID = "subsidy.print_payroll"
    }

    let session: Session
    let month: String
    private var accounts: [SubsidyAccount] = []
    private var monthEnded = false
    private var table: Table
    private var problem: String?

    public init(session: Session, month: String) {
        self.session = session
        self.month = month
        table = Table(columns: [
            TableColumn("值班人员", width: .fixed(10)),
            TableColumn("班次", width: .fixed(4), alignment: .right),
            TableColumn("应发", width: .fixed(7), alignment: .right),
            TableColumn("已核定", width: .fixed(7), alignment: .right),
            TableColumn("待核定", width: .fixed(7), alignment: .right),
            TableColumn("状态", width: .fixed(10)),
            TableColumn("说明", width: .fill(1)),
        ])
    }

    public var keymapSection: String { "subsidy" }
    public var title: String { "补贴明细 \(month)" }

    private var dueLines: Int { accounts.reduce(0) { $0 + $1.due.count } }
    private var selectedAccount: SubsidyAccount? {
        table.selectedRow.flatMap { accounts.indices.contains($0) ? accounts[$0] : nil }
    }

    public func isEnabled(_ action: ActionID) -> Bool {
        switch action {
        case Action.approve: return AccessPolicy.allows(session.role, .approveSubsidy) && monthEnded && dueLines > 0
        case Action.approvePerson:
            return AccessPolicy.allows(session.role, .approveSubsidy) && monthEnded && !(selectedAccount?.due.isEmpty ?? true)
        case Action.pay:
            return AccessPolicy.allows(session.role, .approveSubsidy) && accounts.contains { $0.posted.contains { $0.status == .approved } }
        case Action.printPayroll:
            return AccessPolicy.allows(session.role, .approveSubsidy) && accounts.contains { $0.posted.contains(where: \.counts) }
        default: return action != StandardAction.save
        }
    }

    /// The month as a whole (all people).
    var monthState: SubsidyMonthState {
        SubsidyLedger.state(monthEnded: monthEnded, posted: accounts.flatMap(\.posted), dueCount: dueLines,
                            unverified: accounts.reduce(0) { $0 + $1.unverified.count })
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return reload()
        case .result(let loaded as Loaded):
            accounts = loaded.accounts
            monthEnded = loaded.monthEnded
            problem = nil
            table.setRows(accounts.map { a in
                let s = a.statement
                let duties = s.lines.filter { $0.kind == .duty }.count
                let note = a.unverified.isEmpty ? (s.forfeited ? "✗ 当月不予发放" : (s.notes.first ?? ""))
                    : "? \(a.unverified.count) 班待核实"
                return [s.providerName, String(duties), Money.yuan(s.totalFen), Money.yuan(a.approvedFen),
                        Money.yuan(a.dueFen), a.state(monthEnded: monthEnded).label, note]
            })
            return []
        case .result(let done as Approved):
            let a = done.approval
            return [.status("已核定 \(a.lines) 行" + (a.adjustments > 0 ? "（调整 \(a.adjustments) 行）" : "")
                            + "，共 \(Money.yuan(a.amountFen)) 元", .success)] + reload()
        case .result(let done as Paid):
            return [.status("已发放 \(done.lines) 行，共 \(Money.yuan(done.amountFen)) 元", .success)] + reload()
        case .result(let failed as PerformFailed):
            problem = failed.message
            return []
        case .input(.action(Action.approve)):
            guard isEnabled(Action.approve) else { return [.status(refusal(person: false), .error)] }
            let fen = accounts.reduce(0) { $0 + $1.dueFen }
            return [.confirm("核定 \(month) 待核定的 \(dueLines) 行，共 \(Money.yuan(fen)) 元？已核定的行不再改动。",
                             onYes: .input(.action("subsidy.approve_confirmed")))]
        case .input(.action(Action.approvePerson)):
            guard isEnabled(Action.approvePerson), let a = selectedAccount else { return [.status(refusal(person: true), .error)] }
            return [.confirm("核定 \(a.statement.providerName) 待核定的 \(a.due.count) 行，共 \(Money.yuan(a.dueFen)) 元？",
                             onYes: .input(.action("subsidy.approve_person_confirmed")))]
        case .input(.action("subsidy.approve_confirmed")), .input(.action("subsidy.approve_person_confirmed")):
            guard case .input(.action(let id)) = msg else { return [] }
            let op = session.operatorRecord, month = month
            let person = id == "subsidy.approve_person_confirmed" ? selectedAccount?.statement.providerID : nil
            if id == "subsidy.approve_person_confirmed" && person == nil { return [] }
            return [.perform { env in
                let (_, policy) = try RosterScreen.policy(env)
                let rates = try RosterScreen.caseRates(env)
                return Approved(approval: try env.store.approveSubsidies(month: month, policy: policy, rates: rates,
                                                                         provider: person, by: op))
            }]
        case .input(.action(Action.pay)):
            guard isEnabled(Action.pay) else {
                return [.status(AccessPolicy.allows(session.role, .approveSubsidy) ? "没有已核定未发放的补贴"
                                : PermissionDenied(role: session.role, permission: .approveSubsidy).description, .error)]
            }
            let fen = accounts.flatMap(\.posted).filter { $0.status == .approved }.reduce(0) { $0 + $1.amountFen }
            return [.confirm("\(month) 已核定未发放的补贴共 \(Money.yuan(fen)) 元，记为已发放？",
                             onYes: .input(.action("subsidy.pay_confirmed")))]
        case .input(.action("subsidy.pay_confirmed")):
            let op = session.operatorRecord, month = month
            return [.perform { env in
                let done = try env.store.paySubsidies(month: month, by: op)
                return Paid(lines: done.lines, amountFen: done.amountFen)
            }]
        case .input(.action(Action.printPayroll)):
            guard isEnabled(Action.printPayroll) else {
                return [.status(AccessPolicy.allows(session.role, .approveSubsidy) ? "\(month) 还没有核定的补贴，先核定（F3/F4）再打印发放表"
                                : PermissionDenied(role: session.role, permission: .approveSubsidy).description, .error)]
            }
            return [.push(Self.payrollPreview(month: month, by: session.operatorRecord))]
        case .input(let input):
            _ = table.handle(input)
        default:
            break
        }
        return []
    }

    /// 打印预览 of the month's 值班补贴发放表 from the ledger (approved and paid lines).
    static func payrollPreview(month: String, by op: Operator) -> PaperPreviewScreen {
        PaperPreviewScreen(heading: "\(month) 值班补贴发放表（已核定）", build: { env in
            let (_, policy) = try RosterScreen.policy(env)
            let accounts = try env.store.subsidyAccounts(month: month, policy: policy, rates: try RosterScreen.caseRates(env))
            return try DutyDocuments.subsidyPayroll(month: month, accounts: accounts, providers: try env.store.pipelineProviders(),
                                                    issuer: try DutyDocuments.issuer(env.store), day: RosterScreen.today(env))
        }, output: { env, doc in
            let out = try DutyDocuments.output(doc, paper: .subsidyPayroll, month: month, scope: "", store: env.store, print: true, by: op)
            return (out.message, out.printer == nil)
        })
    }

    private func refusal(person: Bool) -> String {
        guard AccessPolicy.allows(session.role, .approveSubsidy) else {
            return PermissionDenied(role: session.role, permission: .approveSubsidy).description
        }
        if !monthEnded { return "\(month) 还没有结束，月末之后才能核定" }
        let held = accounts.reduce(0) { $0 + $1.unverified.count }
        return (person ? "此人" : "本月") + "没有待核定的补贴" + (held > 0 ? "（\(held) 班待核实，须先在值班表核实）" : "")
    }

    private func reload() -> [Effect] {
        let month = month
        return [.perform { env in
            let (_, policy) = try RosterScreen.policy(env)
            let rates = try RosterScreen.caseRates(env)
            let accounts = try env.store.subsidyAccounts(month: month, policy: policy, rates: rates)
            return Loaded(accounts: accounts, monthEnded: try env.store.monthEnded(month))
        }]
    }

    /// "✓ 已核定 1290 元" means exactly that: the approved lines add up to it and nothing is left.
    var headline: String {
        let owed = accounts.reduce(0) { $0 + $1.statement.totalFen }
        let approved = accounts.reduce(0) { $0 + $1.approvedFen }
        let paid = accounts.reduce(0) { $0 + $1.paidFen }
        let due = accounts.reduce(0) { $0 + $1.dueFen }
        let held = accounts.reduce(0) { $0 + $1.unverified.count }
        var state: String
        switch monthState {
        case .open: state = "本月未结束，月末后核定"
        case .unapproved: state = "未核定：待核定 \(dueLines) 行 \(Money.yuan(due)) 元"
        case .partlyApproved:
            state = "部分核定：已核定 \(Money.yuan(approved)) 元" + (dueLines > 0 ? "，待核定 \(dueLines) 行 \(Money.yuan(due)) 元" : "")
        case .approved: state = "✓ 已核定 \(Money.yuan(approved)) 元" + (paid > 0 ? "，已发放 \(Money.yuan(paid)) 元" : "")
        case .paid: state = "✓ 已发放 \(Money.yuan(paid)) 元"
        }
        if held > 0 { state += "，待核实 \(held) 班" }
        let parts = [month, "\(accounts.count) 人", "应发 \(Money.yuan(owed)) 元", state]
        return parts.joined(separator: "　")
    }

    /// The selected person's lines, each with its state, then the adjustment lines written.
    func detailLines(_ a: SubsidyAccount) -> [String] {
        var lines: [String] = a.statement.notes.map { "！" + $0 }
        var byKey: [String: [PostedSubsidyLine]] = [:]
        for p in a.posted { byKey[p.key, default: []].append(p) }
        let due = Dictionary(a.due.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        for line in a.statement.lines {
            let posted = (byKey[line.key] ?? []).filter(\.counts)
            let mark: String
            if line.unverified && posted.isEmpty { mark = "? 待核实" }
            else if let d = due[line.key] { mark = "○ 待核定" + (d.entry == .adjustment ? "调整 \(Money.yuan(d.amountFen))元" : "") }
            else if !posted.isEmpty && posted.allSatisfy({ $0.status == .paid }) { mark = "✓ 已发放" }
            else { mark = "✓ 已核定" }
            let fund = line.fund == .legalAid ? "（\(line.fund.label)）" : ""
            lines.append("\(mark) \(line.label)　\(Money.yuan(line.amountFen))元\(fund)：" + line.explanation.joined(separator: "；"))
        }
        for p in a.posted where p.entry == .adjustment {
            lines.append("  调整 #\(p.id) \(Money.yuan(p.amountFen))元 \(p.status.label)：\(p.note)")
        }
        return lines
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let detailHeight = max(4, inner.height / 2)
        let rows = Layout.split(inner, .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(detailHeight)])
        if let problem {
            canvas.drawLine("✗ " + problem, in: rows[0], style: theme[.error])
        } else {
            canvas.drawLine(headline.truncated(toWidth: rows[0].width), in: rows[0], style: theme[.header])
        }
        var t = table
        t.render(in: rows[1], on: &canvas, theme: theme, focused: true)
        guard let a = selectedAccount else { return }
        canvas.drawLine("── \(a.statement.providerName) 明细 ──", in: rows[2], style: theme[.label])
        var y = rows[3].y
        for text in detailLines(a) {
            for part in RosterScreen.wrap(text, width: rows[3].width, lines: 3) {
                guard y < rows[3].y + rows[3].height else { return }
                canvas.drawLine(part, in: Rect(x: rows[3].x, y: y, width: rows[3].width, height: 1), style: theme[.normal])
                y += 1
            }
        }
    }
}

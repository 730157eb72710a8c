import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 申请转交: a unit's inbox (转入) and outbox (转出) with their timers, overdue first. The
/// receiver's keys: F3 接收受理, F4 要求补正 / 补正后接收, F6 改转有管辖权的中心 (Art 38 reason),
/// F7 报请上级指定; F5 switches inbox and outbox; p prints the month's 申请转交工作台账 (A4
/// landscape, IDs masked). There is no key that sends an application back to the applicant.
public struct HandOverScreen: Screen {
    public enum Action {
        public static let accept: ActionID = "handover.accept"
        public static let supplement: ActionID = "handover.supplement"
        public static let switchBox: ActionID = "handover.switch_box"
        public static let reroute: ActionID = "handover.reroute"
        public static let designate: ActionID = "handover.designate"
        public static let ledger: ActionID = "handover.ledger"
    }

    struct Loaded: Sendable {
        let items: [HandOverSummary]
        let now: LocalDateTime
        let centres: [Station]
    }
    struct Done: Sendable { let message: String }
    struct Confirmed: Sendable {}

    let session: Session
    private(set) var box: CaseStore.HandOverBox
    private(set) var items: [HandOverSummary] = []
    private(set) var centres: [Station] = []
    private(set) var now: LocalDateTime?
    private var table: Table
    private var problem: String?
    private var pending: ActionID?

    public init(session: Session, box: CaseStore.HandOverBox? = nil) {
        self.session = session
        self.box = box ?? (session.station?.kind == .countyCentre || session.station == nil ? .inbox : .outbox)
        table = Table(columns: [
            TableColumn("计时", width: .fixed(14)),
            TableColumn("转交单号", width: .fixed(22)),
            TableColumn("申请人", width: .fixed(6)),
            TableColumn("来自 → 送往", width: .fill(1)),
            TableColumn("状态", width: .fixed(10)),
        ])
    }

    public var keymapSection: String { "handover" }
    public var title: String { "申请转交 · \(box.label)" }

    var stationID: Int64? { session.station?.id ?? session.operatorRecord.stationID }

    var selected: HandOverSummary? { table.selectedRow.flatMap { items.indices.contains($0) ? items[$0] : nil } }

    public func isEnabled(_ action: ActionID) -> Bool {
        let receiver = box == .inbox && AccessPolicy.allows(session.role, .acceptApplication)
        let status = selected?.record.status
        switch action {
        case Action.accept: return receiver && [.inTransit, .rerouted, .received].contains(status)
        case Action.supplement: return receiver && [.inTransit, .rerouted, .received, .needsSupplement].contains(status)
        case Action.reroute, Action.designate: return receiver && [.inTransit, .rerouted, .received, .needsSupplement].contains(status)
        case Action.switchBox, Action.ledger: return true
        default: return action != StandardAction.save
        }
    }

    /// One table row: timer first (symbol and words, compacted to fit), the number, the
    /// applicant, where from or to, the status with the count of missing items.
    static func row(_ s: HandOverSummary, box: CaseStore.HandOverBox) -> [String] {
        let text = s.timer.text
        let timer = text.prefix(2) + text.dropFirst(2).replacingOccurrences(of: " ", with: "")
        let route = box == .inbox ? "\(s.fromName) →" : "→ \(s.toName)"
        let missing = s.materials.filter(\.missing).count
        return [String(timer), s.record.number, s.applicantName, route, s.record.status.label + (missing > 0 ? "·缺\(missing)" : "")]
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .input = msg { problem = nil }
        switch msg {
        case .resumed, .input(.action("handover.refresh")):
            return reload()
        case .result(let loaded as Loaded):
            items = loaded.items
            now = loaded.now
            centres = loaded.centres
            table.setRows(items.map { Self.row($0, box: box) })
            return []
        case .result(let done as Done):
            return [.status(done.message, .success)] + reload()
        case .result(let failed as PerformFailed):
            problem = failed.message
            return []
        case .input(.action(Action.switchBox)):
            box = box == .inbox ? .outbox : .inbox
            items = []
            table.setRows([])
            return reload()
        case .input(.action(Action.accept)):
            guard isEnabled(Action.accept), let s = selected else { return refused("请先在转入列表选中待接收的转交单") }
            pending = Action.accept
            let missing = s.materials.filter(\.missing).map(\.item.name)
            return [.confirm("接收 \(s.record.number)（\(s.applicantName)），材料已按清单逐项核对，受理本申请？"
                             + (missing.isEmpty ? "" : "（容缺：\(missing.joined(separator: "、"))）"),
                             onYes: .result(Confirmed()))]
        case .input(.action(Action.designate)):
            guard isEnabled(Action.designate), let s = selected else { return refused("请先在转入列表选中转交单") }
            pending = Action.designate
            return [.confirm("\(s.record.number) 管辖有争议，报请共同的上一级司法行政部门指定？", onYes: .result(Confirmed()))]
        case .input(.action(Action.supplement)):
            guard isEnabled(Action.supplement), let s = selected else { return refused("请先在转入列表选中转交单") }
            if s.record.status == .needsSupplement {
                pending = Action.supplement
                return [.confirm("\(s.applicantName) 的补正材料已送达，补正后接收并受理？", onYes: .result(Confirmed()))]
            }
            return [.push(supplementForm(s))]
        case .input(.action(Action.reroute)):
            guard isEnabled(Action.reroute), let s = selected else { return refused("请先在转入列表选中转交单") }
            return [.push(rerouteForm(s))]
        case .result(is Confirmed):
            guard let action = pending, let s = selected else { return [] }
            pending = nil
            return [decide(s, action == Action.accept ? .accept(checks: [])
                                 : action == Action.designate ? .askDesignation
                                 : .acceptAfterSupplement(suppliedOn: nil, checks: []))]
        case .input(.action(Action.ledger)):
            return [.push(HandOverLedgerScreen.make(session: session, month: now.map { String($0.date.iso.prefix(7)) }))]
        case .input(let input):
            _ = table.handle(input)
        default:
            break
        }
        return []
    }

    private func refused(_ text: String) -> [Effect] {
        guard AccessPolicy.allows(session.role, .acceptApplication) else {
            return [.status(PermissionDenied(role: session.role, permission: .acceptApplication).description, .error)]
        }
        return [.status(text, .error)]
    }

    private func reload() -> [Effect] {
        let box = box, stationID = stationID
        return [.perform { env in
            let now = HandOverClocks.local(env.clock(), timeZone: env.timeZone)
            return Loaded(items: try env.store.handOvers(box, stationID: stationID, now: now), now: now,
                          centres: try env.store.stations().filter { $0.kind == .countyCentre && !$0.disabled })
        }]
    }

    /// The store's decision, with the receiving centre's clock context.
    private func decide(_ s: HandOverSummary, _ decision: HandOverDecision) -> Effect {
        let op = session.operatorRecord, id = s.record.id, receiver = s.record.toStationID, number = s.record.number
        return .perform { env in
            let now = HandOverClocks.local(env.clock(), timeZone: env.timeZone)
            let context = try Self.context(env, receiver: receiver, on: now.date)
            let r = try env.store.decideHandOver(id, decision, at: now, context: context, by: op)
            switch r.status {
            case .accepted:
                let number2 = try env.store.handOverDetail(id, now: now, context: nil).summary.caseNumber ?? ""
                return Done(message: "已受理，案号\(number2)（转交单 \(number)）")
            case .awaitingDesignation:
                return Done(message: "已报请上级指定" + (r.designationDue.map { "，应于\($0)前指定" } ?? ""))
            default:
                return Done(message: "转交单 \(number)：\(r.status.label)")
            }
        }
    }

    static func context(_ env: AppEnvironment, receiver: Int64, on day: LocalDate) throws -> HandOverClockContext {
        let station = try env.store.stations().first { $0.id == receiver }
        return HandOverClocks.context(rules: env.rules, receiver: station, basis: try env.store.handOverReviewBasis(), on: day)
    }

    private func supplementForm(_ s: HandOverSummary) -> AdminFormScreen {
        let op = session.operatorRecord, id = s.record.id, receiver = s.record.toStationID
        let listed = s.materials.filter(\.missing).map(\.item.name).joined(separator: "、")
        return AdminFormScreen(
            title: "要求补正：\(s.record.number)",
            intro: "一次性告知全部缺件（法律援助法第四十三条第二款），并电话告知申请人；补正期间审查期限暂停。",
            fields: [AdminFields.text("items", "缺件（用、分隔）", listed, required: true, max: 60),
                     AdminFields.text("note", "说明", max: 40)],
            fieldIDs: ["missing": "items"]) { values, env in
            let items = (values["items"] ?? "").split(whereSeparator: { "、,，".contains($0) })
                .map { MissingItem(name: $0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.name.isEmpty }
            let now = HandOverClocks.local(env.clock(), timeZone: env.timeZone)
            let context = try Self.context(env, receiver: receiver, on: now.date)
            try env.store.decideHandOver(id, .requestSupplement(items: items), at: now, note: values["note"] ?? "", context: context, by: op)
            return "已一次性告知补正，审查期限自今日暂停"
        }
    }

    private func rerouteForm(_ s: HandOverSummary) -> AdminFormScreen {
        let op = session.operatorRecord, id = s.record.id, receiver = s.record.toStationID
        let targets = centres.filter { $0.id != receiver }.map { (String($0.id ?? 0), $0.name) }
        let grounds = CompetenceReason.Ground.allCases.map { ($0.rawValue, $0.label) }
        return AdminFormScreen(
            title: "改转：\(s.record.number)",
            intro: "本中心无管辖权时改转有管辖权的中心（法律援助法第三十八条），不得退回申请人；原收件单位和申请人会收到通知，申请无需重新提交。",
            fields: [AdminFields.select("to", "改转至", targets, selected: targets.first?.0),
                     AdminFields.select("ground", "管辖依据", grounds, selected: CompetenceReason.Ground.litigation.rawValue),
                     AdminFields.text("place", "所在地", required: true, max: 20, placeholder: "如 海州区"),
                     AdminFields.select("contact", "已电话联系", [("yes", "是"), ("no", "否")], selected: "yes")],
            fieldIDs: ["to": "to", "reason": "place"]) { values, env in
            guard let target = Int64(values["to"] ?? "") else {
                throw StoreError.invalidInput(field: "to", message: "请选择有管辖权的中心")
            }
            let reason = CompetenceReason(ground: CompetenceReason.Ground(rawValue: values["ground"] ?? "") ?? .litigation,
                                          place: values["place"] ?? "")
            let now = HandOverClocks.local(env.clock(), timeZone: env.timeZone)
            let context = try Self.context(env, receiver: receiver, on: now.date)
            let r = try env.store.decideHandOver(id, .reroute(toStationID: target, reason: reason, priorContact: values["contact"] == "yes"),
                                                 at: now, context: context, by: op)
            return "已改转：\(r.competenceReason)"
        }
    }

    // MARK: View

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let rows = Layout.split(inner, .vertical, [.fixed(1), .fill(1), .fixed(5)])
        let overdue = items.filter { $0.timer.isOverdue }.count
        if let problem {
            canvas.drawLine("✗ " + problem, in: rows[0], style: theme[.error])
        } else if now == nil {
            canvas.drawLine("正在读取……", in: rows[0], style: theme[.dim])
        } else {
            canvas.drawLine("\(box.label)未办结 \(items.count) 件，超时 \(overdue) 件（超时在前）".truncated(toWidth: rows[0].width, ellipsis: true),
                            in: rows[0], style: overdue > 0 ? theme[.error] : theme[.header])
        }
        var t = table
        t.render(in: rows[1], on: &canvas, theme: theme, focused: true)
        var lines: [String] = []
        if let s = selected {
            let r = s.record
            lines.append("\(r.number)　\(r.kind.label)　期限 \(r.deadline.text)　首问 \(r.firstOwnerName)")
            let received = s.materials.filter { !$0.missing }.map { "\($0.line).\($0.item.text)" }
            lines.append("材料：" + (received.isEmpty ? "（无）" : received.joined(separator: "；")))
            let missing = s.materials.filter(\.missing)
            lines.append("缺件：" + (missing.isEmpty ? "无" : missing.map { $0.item.name + ($0.promisedBy.map { "（承诺\($0)前补交）" } ?? "") }
                .joined(separator: "、")))
            lines.append("申请人 \(s.applicantName)" + (s.idLast4.map { " 证件尾号\($0)" } ?? "") + (s.phoneMasked.map { " \($0)" } ?? "")
                         + "　收件 \(r.firstReceivedAt.replacingOccurrences(of: "T", with: " "))"
                         + (r.competenceReason.isEmpty ? "" : "　\(r.competenceReason)"))
        } else if now != nil && items.isEmpty {
            lines.append(box == .inbox ? "没有待处理的转入申请。" : "没有未办结的转出申请。")
        }
        for (i, line) in lines.prefix(rows[2].height).enumerated() {
            canvas.drawLine(line.truncated(toWidth: rows[2].width, ellipsis: true),
                            in: Rect(x: rows[2].x, y: rows[2].y + i, width: rows[2].width, height: 1),
                            style: i == 2 && line != "缺件：无" ? theme[.warning] : theme[.normal])
        }
    }
}

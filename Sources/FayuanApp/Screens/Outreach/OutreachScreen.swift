import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 政策找人 · 建档立卡 (round2-capabilities §2.4): the register of households (IDs masked) with the
/// needs due today and overdue on top; 回车 opens a household — members with their group tags and
/// evidence, and its needs with the first-contact clock; `a` turns the selected need into an
/// application (pre-filled, screened with the tags: 免予核查 and scope waivers cited), `c` into a
/// consultation, `d` records the first contact.
public struct OutreachScreen: Screen {
    public enum Action {
        public static let toApplication: ActionID = "outreach.to_application"
        public static let toConsultation: ActionID = "outreach.to_consultation"
        public static let contacted: ActionID = "outreach.contacted"
    }

    struct ListLoaded: Sendable {
        var today: LocalDate
        var households: [OutreachHouseholdListing]
        var needs: [NeedListing]
    }
    struct DetailLoaded: Sendable { var detail: OutreachHouseholdDetail }
    struct Converted: Sendable { var message: String; var lines: [String]; var householdNo: String? }

    public let session: Session
    private var today: LocalDate?
    private var households: [OutreachHouseholdListing] = []
    /// Open needs, by first-contact due date (the 待核实 queue: counter registrations land here).
    private var openNeeds: [NeedListing] = []
    private var queueFocused = false
    private var queue = Table(columns: [
        TableColumn("需求编号", width: .fixed(13)), TableColumn("姓名", width: .fixed(8)), TableColumn("来源", width: .fixed(12)),
        TableColumn("类型", width: .fixed(14)), TableColumn("首次联系", width: .fill(1)),
    ])
    private var table = Table(columns: [
        TableColumn("户档编号", width: .fixed(18)), TableColumn("户主", width: .fixed(8)), TableColumn("乡镇", width: .fixed(8)),
        TableColumn("群体", width: .fill(1)), TableColumn("风险", width: .fixed(4)), TableColumn("下次随访", width: .fixed(10)),
        TableColumn("需求", width: .fixed(4), alignment: .right),
    ])
    private var detail: OutreachHouseholdDetail?
    private var needTable = Table(columns: [
        TableColumn("需求编号", width: .fixed(13)), TableColumn("登记日", width: .fixed(10)), TableColumn("类型", width: .fixed(14)),
        TableColumn("首次联系", width: .fill(1)), TableColumn("去向", width: .fixed(6)),
    ])
    private var lastResult: [String] = []
    private var loaded = false

    public init(session: Session) { self.session = session }

    public var keymapSection: String { "outreach" }
    public var title: String { detail == nil ? "政策找人 · 建档立卡台账" : "政策找人 · 户档 \(detail!.listing.householdNo)" }
    public var capturesBack: Bool { detail != nil }

    public func isEnabled(_ action: ActionID) -> Bool {
        switch action {
        case Action.toApplication:
            return selectedOpenNeed != nil && AccessPolicy.allows(session.role, .takeApplication)
        case Action.toConsultation, Action.contacted:
            return selectedOpenNeed != nil && AccessPolicy.allows(session.role, .registerConsultation)
        default:
            return action != StandardAction.save
        }
    }

    private var selectedOpenNeed: NeedListing? {
        guard let detail else {
            guard queueFocused, let row = queue.selectedRow, row < openNeeds.count else { return nil }
            return openNeeds[row]
        }
        guard let row = needTable.selectedRow, row < detail.needs.count else { return nil }
        let need = detail.needs[row]
        return need.disposition == nil ? need : nil
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .tick where !loaded, .resumed:
            loaded = true
            return [loadList()] + (detail.map { [loadDetail($0.listing.householdNo)] } ?? [])
        case .result(let value as ListLoaded):
            today = value.today
            households = value.households
            openNeeds = value.needs
            queue.setRows(openNeeds.map { n in
                [n.needNo, n.name, n.channel, n.needType, (n.flag != nil ? "‼ 紧急 " : "") + n.firstContactDue + " " + n.clock]
            })
            if !openNeeds.isEmpty { queue.select(row: queue.selectedRow ?? 0) }
            table.setRows(households.map { h in
                [h.householdNo, h.headName, h.town, h.groups.compactMap { OutreachGroup(rawValue: $0)?.label }.joined(separator: "、"),
                 h.risk, h.nextVisitDue ?? "未走访", String(h.openNeeds)]
            })
            if table.selectedRow == nil && !households.isEmpty { table.select(row: 0) }
        case .result(let value as DetailLoaded):
            detail = value.detail
            let keep = needTable.selectedRow
            needTable.setRows(value.detail.needs.map { n in
                [n.needNo, n.registeredOn, n.needType, (n.flag != nil ? "‼ " : "") + n.firstContactDue + " " + n.clock, n.disposition ?? "待处理"]
            })
            if !value.detail.needs.isEmpty { needTable.select(row: keep ?? (value.detail.needs.firstIndex { $0.disposition == nil } ?? 0)) }
        case .result(let value as Converted):
            lastResult = value.lines
            return [.status(value.message, .success), loadList()] + (detail != nil ? value.householdNo.map { [loadDetail($0)] } ?? [] : [])
        case .input(.action(StandardAction.back)) where detail != nil:
            detail = nil
            lastResult = []
            return [loadList()]
        case .input(.action(StandardAction.nextField)) where detail == nil,
             .input(.action(StandardAction.previousField)) where detail == nil:
            queueFocused.toggle()
            lastResult = []
        case .input(.action(StandardAction.confirm)) where detail == nil:
            if queueFocused {
                guard let row = queue.selectedRow, row < openNeeds.count, let no = openNeeds[row].householdNo else { return [] }
                return [loadDetail(no)]
            }
            guard let row = table.selectedRow, row < households.count else { return [] }
            return [loadDetail(households[row].householdNo)]
        case .input(.action(Action.toApplication)):
            return convert(application: true)
        case .input(.action(Action.toConsultation)):
            return convert(application: false)
        case .input(.action(Action.contacted)):
            guard isEnabled(Action.contacted), let need = selectedOpenNeed, let today else { return [] }
            let householdNo = detail?.listing.householdNo
            let role = session.role, op = session.operatorID
            return [.perform { env in
                try env.store.recordNeedFirstContact(need.needNo, on: today, role: role, by: op)
                return Converted(message: "已记录需求 \(need.needNo) 首次联系 \(today.iso)", lines: [], householdNo: householdNo)
            }]
        case .input(let input):
            if detail != nil { _ = needTable.handle(input) } else if queueFocused { _ = queue.handle(input) } else { _ = table.handle(input) }
        default:
            break
        }
        return []
    }

    private func convert(application: Bool) -> [Effect] {
        guard isEnabled(application ? Action.toApplication : Action.toConsultation), let need = selectedOpenNeed, let today else { return [] }
        let householdNo = detail?.listing.householdNo
        let role = session.role, op = session.operatorID, stationID = session.station?.id
        return [.perform { env in
            guard let context = try env.store.intakeContext(stationID: stationID) else {
                throw StoreError.notFound(entity: "站点", id: "案件库中还没有任何站点")
            }
            let rules = env.rules, region = context.region
            let target: NeedTarget = application
                ? .application(stationID: context.station.id!, centreID: context.centre.id!, kind: .civil)
                : .consultation(stationID: context.station.id!)
            let done = try env.store.convertNeed(need.needNo, to: target, on: today, screen: { prefill in
                try OutreachScreening.screen(prefill, rules: rules, region: region)
            }, role: role, by: op)
            let message = done.caseID.map { "需求 \(need.needNo) 已转申请（案件 #\($0)，待受理）" + (done.provideFirstCandidate ? "；先行提供候选" : "") }
                ?? "需求 \(need.needNo) 已转咨询（咨询 #\(done.consultationID ?? 0)）"
            return Converted(message: message, lines: done.screening?.explanation ?? done.prefill.basis.evidence, householdNo: householdNo)
        }]
    }

    private func loadList() -> Effect {
        .perform { env in
            let c = Calendar(identifier: .gregorian).dateComponents(in: env.timeZone, from: env.clock())
            let today = LocalDate(year: c.year!, month: c.month!, day: c.day!)!
            return ListLoaded(today: today, households: try env.store.outreachHouseholds(on: today), needs: try env.store.needs(today: today))
        }
    }

    private func loadDetail(_ no: String) -> Effect {
        .perform { env in
            let c = Calendar(identifier: .gregorian).dateComponents(in: env.timeZone, from: env.clock())
            return DetailLoaded(detail: try env.store.outreachHousehold(no, on: LocalDate(year: c.year!, month: c.month!, day: c.day!)!))
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(top: 0, left: 1, bottom: 0, right: 1)
        guard loaded, today != nil else {
            canvas.drawLine("正在读取建档立卡台账……", in: inner.row(1), style: theme[.dim])
            return
        }
        if let detail {
            viewDetail(detail, &canvas, inner, theme)
            return
        }
        canvas.drawLine("建档立卡 \(households.count) 户", in: inner.row(0), style: theme[.header])
        let half = max(3, (inner.height - 4) / 2)
        if households.isEmpty {
            canvas.drawLine("还没有建档立卡的户。用命令 fayuan outreach import 导入民政、残联名单。", in: inner.row(1), style: theme[.dim])
        } else {
            var t = table
            t.render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(half, households.count + 1)),
                     on: &canvas, theme: theme, focused: !queueFocused)
        }
        let dueToday = openNeeds.filter(\.dueToday).count, overdue = openNeeds.filter(\.overdue).count
        let top = 2 + half
        canvas.drawLine("待处理需求 \(openNeeds.count) 条：⚠ 今日到期 \(dueToday) 条　‼ 逾期 \(overdue) 条",
                        in: inner.row(top), style: overdue > 0 ? theme[.error] : dueToday > 0 ? theme[.warning] : theme[.label])
        if !openNeeds.isEmpty {
            var q = queue
            q.render(in: Rect(x: inner.x, y: inner.y + top + 1, width: inner.width, height: max(2, inner.height - top - 3)),
                     on: &canvas, theme: theme, focused: queueFocused)
        }
        canvas.drawLine(queueFocused ? "Tab 回到户档　↑↓ 选需求　回车 打开所属户档　a 转申请　c 转咨询　d 已联系"
                                     : "↑↓ 选户　回车 查看成员、群体标签和需求（证件号已打码）　Tab 到需求",
                        in: inner.row(inner.height - 1), style: theme[.dim])
    }

    private func viewDetail<C: Canvas>(_ d: OutreachHouseholdDetail, _ canvas: inout C, _ inner: Rect, _ theme: Theme) {
        let l = d.listing
        canvas.drawLine("\(l.town) \(l.address)　风险 \(l.risk)　联系卡 \(l.cardNo ?? "未发")　下次随访 \(l.nextVisitDue ?? "未走访")",
                        in: inner.row(0), style: theme[.header])
        var y = 1
        for m in d.members where y < 6 {
            canvas.drawLine("\(m.name)　\(m.idMasked)　\(m.relation)", in: inner.row(y), style: theme[.normal])
            y += 1
            for tag in m.tags where y < 6 {
                canvas.drawLine("  " + (tag.valid ? "✓ " : "✗ ") + tag.evidence + (tag.validTo.map { "（\($0) 终止）" } ?? ""),
                                in: inner.row(y), style: tag.valid ? theme[.normal] : theme[.dim])
                y += 1
            }
        }
        y = max(y, 6)
        canvas.drawLine("需求（a 转申请　c 转咨询　d 已联系　Esc 返回台账）", in: inner.row(y), style: theme[.label])
        var t = needTable
        let tableHeight = max(2, min(d.needs.count + 1, inner.height - y - 1 - min(lastResult.count, 8)))
        t.render(in: Rect(x: inner.x, y: inner.y + y + 1, width: inner.width, height: tableHeight), on: &canvas, theme: theme, focused: true)
        var row = y + 1 + tableHeight
        if let need = selectedOpenNeed, let flag = need.flag, row < inner.height {
            canvas.drawLine(flag, in: inner.row(row), style: theme[.error])
            row += 1
        }
        for line in lastResult.flatMap({ $0.wrapped(toWidth: inner.width) }) where row < inner.height {
            canvas.drawLine(line, in: inner.row(row), style: theme[.info])
            row += 1
        }
    }
}

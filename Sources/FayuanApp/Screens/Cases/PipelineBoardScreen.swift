import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 案件看板: every case by step with its running clock, most urgent first. Overdue and due-today
/// are marked with a symbol and words. Filters: station, step, cause, special group, lawyer,
/// overdue. Enter opens the case.
public struct PipelineBoardScreen: Screen {
    public enum Action {
        public static let refresh: ActionID = "cases.refresh"
        public static let sample: ActionID = "cases.sample"
    }

    struct Row: Sendable {
        var item: BoardCase
        var clocks: [CaseClock]
        var causeLabel: String
    }

    struct Loaded: Sendable {
        var rows: [Row]
        var counts: [PipelineStage: (all: Int, overdue: Int)]
        var returnVisitsDue: Int
        var stations: [Station]
        var providers: [Provider]
        var causes: [(String, String)]
        var groups: [(String, String)]
    }

    /// Step filter choices: the board's stages plus the two work lists.
    static let stepChoices: [(id: String, label: String)] =
        [("", "全部在办")] + PipelineStage.allCases.map { ($0.rawValue, $0.label) } + [("visit_due", "待回访"), ("review_due", "待评查")]
    static let overdueChoices: [(id: String, label: String)] = [("", "全部"), ("overdue", "✗ 仅超期"), ("urgent", "超期及今日到期")]

    let session: Session
    private(set) var rows: [Row] = []
    private var counts: [PipelineStage: (all: Int, overdue: Int)] = [:]
    private var visitsDue = 0
    private var loaded = false
    private var lastLoad: Date?
    private var station: SelectList
    private var step: SelectList
    private var cause: SelectList
    private var group: SelectList
    private var lawyer: SelectList
    private var overdue: SelectList
    private var table: Table
    private(set) var focus = 6
    private var problem: String?

    public init(session: Session, step: String = "") {
        self.session = session
        station = SelectList(options: [SelectOption(id: "", label: "全部站点")], selectedID: "")
        self.step = SelectList(options: Self.stepChoices.map { SelectOption(id: $0.id, label: $0.label) }, selectedID: step)
        cause = SelectList(options: [SelectOption(id: "", label: "全部案由")], selectedID: "")
        group = SelectList(options: [SelectOption(id: "", label: "全部群体")], selectedID: "")
        lawyer = SelectList(options: [SelectOption(id: "", label: "全部承办人")], selectedID: "")
        overdue = SelectList(options: Self.overdueChoices.map { SelectOption(id: $0.id, label: $0.label) }, selectedID: "")
        table = Table(columns: Self.columns(wide: false))
    }

    static func columns(wide: Bool) -> [TableColumn] {
        var c = [TableColumn("时限", width: .fixed(wide ? 26 : 20)), TableColumn("步骤", width: .fixed(10)),
                 TableColumn("案号", width: .fixed(wide ? 22 : 12)), TableColumn("申请人", width: .fixed(wide ? 10 : 8)),
                 TableColumn("案由", width: .fill(1)), TableColumn("承办人", width: .fixed(8))]
        if wide { c += [TableColumn("站点", width: .fixed(16)), TableColumn("电话", width: .fixed(11))] }
        return c
    }

    public var keymapSection: String { "cases" }
    public var title: String { "案件看板" }
    public var acceptsText: Bool { false }

    public func isEnabled(_ action: ActionID) -> Bool {
        switch action {
        case StandardAction.save: return false
        case Action.sample: return AccessPolicy.allows(session.role, .qualityReview)
        default: return true
        }
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return [load()]
        case .tick(let now):
            // Clocks move with the day; a minute is fresh enough for a board.
            if let last = lastLoad, now.timeIntervalSince(last) < 60 { return [] }
            lastLoad = now
            return [load()]
        case .result(let value as Loaded):
            apply(value)
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.nextField)):
            focus = (focus + 1) % 7
        case .input(.action(StandardAction.previousField)):
            focus = (focus + 6) % 7
        case .input(.action(Action.refresh)):
            return [load(), .status("已重新读取案件看板", .info)]
        case .input(.action(Action.sample)):
            guard AccessPolicy.allows(session.role, .qualityReview) else {
                return [.status(PermissionDenied(role: session.role, permission: .qualityReview).description, .error)]
            }
            return [.push(QualitySampleScreen(session: session))]
        case .input(.action(StandardAction.confirm)) where focus == 6:
            guard let i = table.selectedRow, rows.indices.contains(i) else { return [] }
            return [.push(CaseDetailScreen(session: session, caseID: rows[i].item.id))]
        case .input(.action(StandardAction.confirm)):
            focus = 6
            return [load()]
        case .input(let input):
            let before = filterKey
            switch focus {
            case 0: _ = station.handle(input)
            case 1: _ = step.handle(input)
            case 2: _ = cause.handle(input)
            case 3: _ = group.handle(input)
            case 4: _ = lawyer.handle(input)
            case 5: _ = overdue.handle(input)
            default: _ = table.handle(input)
            }
            if filterKey != before { return [load()] }
        default: break
        }
        return []
    }

    private var filterKey: [String?] {
        [station.selectedID, step.selectedID, cause.selectedID, group.selectedID, lawyer.selectedID, overdue.selectedID]
    }

    private mutating func apply(_ value: Loaded) {
        loaded = true
        problem = nil
        rows = value.rows
        counts = value.counts
        visitsDue = value.returnVisitsDue
        if station.options.count == 1, !value.stations.isEmpty {
            station = SelectList(options: [SelectOption(id: "", label: "全部站点")]
                + value.stations.map { SelectOption(id: String($0.id ?? 0), label: $0.name) }, selectedID: station.selectedID)
            lawyer = SelectList(options: [SelectOption(id: "", label: "全部承办人")]
                + value.providers.map { SelectOption(id: String($0.id ?? 0), label: $0.name) }, selectedID: lawyer.selectedID)
            cause = SelectList(options: [SelectOption(id: "", label: "全部案由")]
                + value.causes.map { SelectOption(id: $0.0, label: $0.1, searchKey: $0.0) }, selectedID: cause.selectedID)
            group = SelectList(options: [SelectOption(id: "", label: "全部群体")]
                + value.groups.map { SelectOption(id: $0.0, label: $0.1, searchKey: $0.0) }, selectedID: group.selectedID)
        }
        table.setRows(rows.map { _ in [] })
    }

    private func load() -> Effect {
        var filter = BoardFilter()
        filter.stationID = station.selectedID.flatMap { Int64($0) }
        filter.cause = cause.selectedID.flatMap { $0.isEmpty ? nil : $0 }
        filter.group = group.selectedID.flatMap { $0.isEmpty ? nil : $0 }
        filter.providerID = lawyer.selectedID.flatMap { Int64($0) }
        switch step.selectedID ?? "" {
        case "": filter.stages = [.intake, .review, .assignment, .handling, .closingReview, .closed]
        case "visit_due": filter.returnVisitDue = true
        case "review_due": filter.awaitingReview = true
        case let s: filter.stages = PipelineStage(rawValue: s).map { [$0] }
        }
        let overdueOnly = overdue.selectedID ?? ""
        let needLists = station.options.count == 1
        let query = filter
        return .perform { env in
            let store = env.store
            let cases = try store.pipelineBoard(query)
            let stations = try store.stations()
            let now = env.clock()
            let region = stations.first { $0.kind == .countyCentre }.map { String($0.code.prefix(6)) } ?? ""
            let deadlines = CaseDeadlines(rules: env.rules, region: region, on: CaseFormat.localDay(now, timeZone: env.timeZone).0)
            var rows = cases.map { Row(item: $0, clocks: deadlines.clocks($0, now: now, timeZone: env.timeZone),
                                       causeLabel: CaseFormat.causeLabel($0.cause, rules: env.rules)) }
            var counts: [PipelineStage: (all: Int, overdue: Int)] = [:]
            for r in rows {
                let late = r.clocks.contains { $0.status.isOverdue }
                counts[r.item.stage, default: (0, 0)].all += 1
                if late { counts[r.item.stage, default: (0, 0)].overdue += 1 }
            }
            switch overdueOnly {
            case "overdue": rows = rows.filter { $0.clocks.contains { $0.status.isOverdue } }
            case "urgent": rows = rows.filter { $0.clocks.contains { $0.status.isOverdue || $0.status.isDueToday } }
            default: break
            }
            rows.sort(by: Self.moreUrgent)
            let visitsDue = try store.pipelineBoard(BoardFilter(stationID: query.stationID, returnVisitDue: true)).count
            return Loaded(rows: rows, counts: counts, returnVisitsDue: visitsDue, stations: needLists ? stations : [],
                          providers: needLists ? try store.pipelineProviders() : [],
                          causes: needLists ? env.rules.causes.map { ($0.code, $0.label) } : [],
                          groups: needLists ? env.rules.groups.map { ($0.code, $0.label) } : [])
        }
    }

    /// Running clocks first by urgency; then the cases without a clock in step order.
    static func moreUrgent(_ a: Row, _ b: Row) -> Bool {
        let ka = Urgency.Key(clock: a.clocks.first?.status, priority: Urgency.priorityRank(a.item.priority),
                             appliedOn: a.item.times.appliedOn, caseID: a.item.id)
        let kb = Urgency.Key(clock: b.clocks.first?.status, priority: Urgency.priorityRank(b.item.priority),
                             appliedOn: b.item.times.appliedOn, caseID: b.item.id)
        if ka.clock == nil, kb.clock == nil, a.item.stage != b.item.stage { return a.item.stage < b.item.stage }
        return ka < kb
    }

    static func shortNumber(_ n: String?) -> String {
        guard let n else { return "（未编号）" }
        // 〔2026〕民援字第0012号 → 2026民援0012: fits the narrow board, still unique.
        return n.replacingOccurrences(of: "〔", with: "").replacingOccurrences(of: "〕", with: "")
            .replacingOccurrences(of: "字第", with: "").replacingOccurrences(of: "号", with: "")
    }

    func cells(_ r: Row, wide: Bool) -> [String] {
        let clock = r.clocks.first.map { "\($0.kind.shortLabel) \($0.status.text)" + (wide ? ($0.due.map { " " + $0.iso.dropFirst(5) } ?? "") : "") }
        var stepText = r.item.stage.label
        if r.item.returnVisitDue { stepText += wide ? "·待回访" : "*" }
        var c = [clock ?? (r.item.returnVisitDue ? "○ 待回访" : ""), stepText,
                 wide ? (r.item.caseNumber ?? "（未编号）") : Self.shortNumber(r.item.caseNumber),
                 r.item.applicantName, (CaseFormat.routeLabel(r.item).map { $0 + "·" } ?? "") + r.causeLabel, r.item.providerName ?? ""]
        if wide { c += [r.item.stationName, r.item.phoneMasked] }
        return c
    }

    /// 大字模式: the count of cases and of overdue ones in words first (the warning staff need),
    /// the filter being changed (Tab), then the cases most urgent first, two rows each — the
    /// clock and step, then the case number, applicant and cause — scrolling with the selection.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var col = LargeColumn(area, theme: context.theme)
        if let problem {
            col.text("✗ " + problem, role: .error, maxLines: 2, on: &canvas)
        } else if !loaded {
            col.text("正在读取案件……", role: .dim, on: &canvas)
            return
        }
        let total = counts.values.reduce(0) { $0 + $1.all }
        let late = counts.values.reduce(0) { $0 + $1.overdue }
        let dueToday = rows.filter { $0.clocks.contains { $0.status.isDueToday } }.count
        var summary = ["共 \(total) 件"]
        if late > 0 { summary.append("✗ 超期 \(late) 件") }
        if dueToday > 0 { summary.append("⚠ 今日到期 \(dueToday) 件") }
        if visitsDue > 0 { summary.append("待回访 \(visitsDue)") }
        col.phrases(summary, role: late > 0 ? .error : (dueToday > 0 ? .warning : .info), bold: late > 0, on: &canvas)
        let filters: [(String, SelectList)] = [("站点", station), ("步骤", step), ("案由", cause), ("群体", group), ("承办", lawyer), ("超期", overdue)]
        if focus < 6 {
            let (name, list) = filters[focus]
            let label = "▶ 筛选·\(name)："
            let row = col.rect(rows: 1)
            let w = canvas.draw(label, at: Point(x: row.x, y: row.y), style: context.theme[.header], clip: row)
            list.renderCompact(in: Rect(x: row.x + w, y: row.y, width: max(0, row.width - w), height: 1), on: &canvas,
                            theme: context.theme, focused: true)
            col.skip()
        } else {
            let chosen = filters.filter { !($0.1.selectedID ?? "").isEmpty }.map { "\($0.0) \($0.1.selectedOption?.label ?? "")" }
            col.text("筛选（Tab）：" + (chosen.isEmpty ? "全部在办" : chosen.joined(separator: " · ")), role: .dim, on: &canvas)
        }
        let items = rows.map { r -> [String] in
            let clock = r.clocks.first.map { "\($0.kind.shortLabel) \($0.status.text)" } ?? (r.item.returnVisitDue ? "○ 待回访" : "无期限在计")
            // The step is named once: a clock of the same name already says it.
            let stepName = r.clocks.first?.kind.shortLabel == r.item.stage.label ? "" : " · " + r.item.stage.label
            return [clock + stepName,
                    Self.shortNumber(r.item.caseNumber) + " " + r.item.applicantName + " " + r.causeLabel]
        }
        let roles: [Role] = rows.map { r in
            r.clocks.contains { $0.status.isOverdue } ? .error : (r.clocks.contains { $0.status.isDueToday } ? .warning : .normal)
        }
        col.list(items, roles: roles, selected: focus == 6 ? table.selectedRow : nil, empty: "（没有符合条件的案件）", on: &canvas)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let rowsArea = Layout.split(inner, .vertical, [.fixed(1), .fixed(1), .fixed(1), .fill(1)])
        func filterRow(_ rect: Rect, _ items: [(String, Int)]) -> [Rect] {
            let cells = Layout.split(rect, .horizontal, items.map { _ in .fill(1) }, spacing: 1)
            return zip(items, cells).map { item, cell in
                let focused = focus == item.1
                let w = canvas.draw((focused ? "▶" : " ") + item.0 + " ", at: Point(x: cell.x, y: cell.y),
                                    style: theme[focused ? .header : .label], clip: cell)
                return Rect(x: cell.x + w, y: cell.y, width: max(0, cell.width - w), height: 1)
            }
        }
        let top = filterRow(rowsArea[0], [("站点", 0), ("步骤", 1), ("案由", 2)])
        station.renderCompact(in: top[0], on: &canvas, theme: theme, focused: focus == 0)
        step.renderCompact(in: top[1], on: &canvas, theme: theme, focused: focus == 1)
        cause.renderCompact(in: top[2], on: &canvas, theme: theme, focused: focus == 2)
        let second = filterRow(rowsArea[1], [("群体", 3), ("承办", 4), ("超期", 5)])
        group.renderCompact(in: second[0], on: &canvas, theme: theme, focused: focus == 3)
        lawyer.renderCompact(in: second[1], on: &canvas, theme: theme, focused: focus == 4)
        overdue.renderCompact(in: second[2], on: &canvas, theme: theme, focused: focus == 5)
        if let problem {
            canvas.drawLine("✗ " + problem, in: rowsArea[2], style: theme[.error])
        } else if !loaded {
            canvas.drawLine("正在读取案件……", in: rowsArea[2], style: theme[.dim])
        } else {
            // Only the stages the filter read are counted; the others are not shown as zero.
            let parts = PipelineStage.allCases.filter { counts[$0] != nil }.map { stage -> String in
                let c = counts[stage]!
                return stage.label + " \(c.all)" + (c.overdue > 0 ? "(✗\(c.overdue))" : "")
            }
            canvas.drawLine((parts + ["待回访 \(visitsDue)"]).joined(separator: " · "), in: rowsArea[2], style: theme[.info])
        }
        let wide = inner.width >= 120
        var t = table
        t.columns = Self.columns(wide: wide)
        t.setRows(rows.map { cells($0, wide: wide) })
        t.render(in: rowsArea[3], on: &canvas, theme: theme, focused: focus == 6)
    }
}

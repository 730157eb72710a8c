import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// The dashboard (首页 6 报表): every indicator for a month, quarter or year against its target,
/// with a bar for the year's progress, a word and a mark when behind, and a sparkline of the
/// months. Enter lists the records behind the selected figure. The figures come from
/// `ReportBuilder.load`, the same call `fayuan report` makes.
public struct ReportsScreen: Screen {
    public enum Action {
        public static let periodKind: ActionID = "reports.period_kind"
        public static let scope: ActionID = "reports.scope"
        public static let refresh: ActionID = "reports.refresh"
        public static let export: ActionID = "reports.export"
        public static let stations: ActionID = "reports.stations"
    }

    struct Loaded: Sendable {
        let data: ReportData
        let stations: [Station]
    }

    struct Exported: Sendable { let paths: [String] }

    let session: Session
    /// The reference date for the period shown (nil: today, set on the first load).
    public private(set) var anchor: LocalDate?
    public private(set) var periodKind: ReportPeriod.Kind = .month
    /// nil: the whole county.
    public private(set) var stationCode: String?
    public private(set) var selected = 0
    private var stations: [Station] = []
    private var data: ReportData?
    private var problem: String?

    public init(session: Session, periodKind: ReportPeriod.Kind = .month, anchor: LocalDate? = nil) {
        self.session = session
        self.periodKind = periodKind
        self.anchor = anchor
    }

    public var keymapSection: String { "reports" }
    public var title: String { "统计报表" }

    public func isEnabled(_ action: ActionID) -> Bool {
        if action == Action.export { return AccessPolicy.allows(session.role, .exportData) && data != nil }
        return action != StandardAction.save
    }

    static func period(_ kind: ReportPeriod.Kind, around day: LocalDate) -> ReportPeriod {
        switch kind {
        case .quarter: return .quarter(day.year, (day.month + 2) / 3)
        case .year: return .year(day.year)
        default: return .month(day.year, day.month)
        }
    }

    public var period: ReportPeriod? { anchor.map { Self.period(periodKind, around: $0) } }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return data == nil ? [load()] : []
        case .tick where data == nil && problem == nil:
            return [load()]
        case .result(let loaded as Loaded):
            data = loaded.data
            stations = loaded.stations
            anchor = anchor ?? loaded.data.asOf
            problem = nil
        case .result(let ready as DrillReady):
            return [.push(ready.screen)]
        case .result(let exported as Exported):
            return [.status("已导出：" + exported.paths.map { ($0 as NSString).lastPathComponent }.joined(separator: "、"), .success)]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.up)):
            selected = (selected + IndicatorID.allCases.count - 1) % IndicatorID.allCases.count
        case .input(.action(StandardAction.down)):
            selected = (selected + 1) % IndicatorID.allCases.count
        case .input(.action(StandardAction.home)):
            selected = 0
        case .input(.action(StandardAction.end)):
            selected = IndicatorID.allCases.count - 1
        case .input(.action(StandardAction.left)):
            return step(-1)
        case .input(.action(StandardAction.right)):
            return step(1)
        case .input(.action(Action.periodKind)):
            periodKind = periodKind == .month ? .quarter : (periodKind == .quarter ? .year : .month)
            return [load()]
        case .input(.action(Action.scope)):
            let codes = [nil] + stations.map { Optional($0.code) }
            let i = codes.firstIndex(of: stationCode) ?? 0
            stationCode = codes[(i + 1) % codes.count]
            return [load()]
        case .input(.action(Action.refresh)):
            return [load(), .status("已重新统计", .info)]
        case .input(.action(StandardAction.confirm)):
            return drill()
        case .input(.action(Action.stations)):
            guard let data, let table = data.document.tables.first(where: { $0.title.hasPrefix("各站点") }) else {
                return [.status("范围选全县后可看各站点的任务分配表。", .info)]
            }
            return [.push(ReportTableScreen(title: "\(data.period.label)\(table.title)", table: table, note: "本年累计截至 \(data.yearToDatePeriod.to.iso)"))]
        case .input(.action(Action.export)):
            return export()
        default: break
        }
        return []
    }

    /// Moves the period by one month, quarter or year.
    private mutating func step(_ direction: Int) -> [Effect] {
        guard let p = period else { return [] }
        anchor = direction < 0 ? p.from.adding(days: -1) : p.to.adding(days: 1)
        return [load()]
    }

    private func load() -> Effect {
        let role = session.role, kind = periodKind, anchor = anchor, scope = ReportScope(stationCode: stationCode)
        return .perform { env in
            let today = IntakeClock.today(env)
            let period = Self.period(kind, around: anchor ?? today)
            let data = try ReportBuilder.load(kind == .quarter ? .quarterly : .monthly, period: period, scope: scope,
                                              asOf: today, store: env.store, rules: env.rules, role: role)
            return Loaded(data: data, stations: try env.store.stations())
        }
    }

    private func drill() -> [Effect] {
        guard let data else { return [] }
        let id = IndicatorID.allCases[selected], role = session.role
        let limit = data.targets?.archiveLimitDays ?? 30
        return [.perform { env in
            let d = try env.store.drillDown(id, period: data.period, scope: data.scope, archiveLimitDays: limit,
                                            today: data.asOf, role: role)
            let causes = ReportBuilder.causeLabels(env.rules)
            let causeColumn = d.columns.firstIndex(of: "案由")
            let stationColumn = d.columns.firstIndex(of: "受理站点") ?? d.columns.firstIndex(of: "站点")
            let rows = d.rows.map { row in
                row.enumerated().map { i, cell in
                    if i == causeColumn { return causes[cell] ?? cell }
                    if i == stationColumn { return ReportsScreen.shortStation(cell) }
                    return cell
                }
            }
            let figure = data.figures.value(id).detailed(id.unit)
            return DrillReady(screen: ReportTableScreen(
                title: d.title + "　" + data.scopeName,
                table: ReportTable(title: d.title, columns: d.columns, rows: rows),
                note: "\(id.label)：\(figure)　共 \(d.total) 条\(d.total > d.rows.count ? "（列出前 \(d.rows.count) 条）" : "")"))
        }, ]
    }

    struct DrillReady: Sendable { let screen: ReportTableScreen }

    /// "巴公镇公共法律服务工作站" → "巴公镇", "泽州县公共法律服务中心" → "县中心": narrow tables.
    static func shortStation(_ name: String) -> String {
        name.hasSuffix("公共法律服务中心") ? "县中心" : name.replacingOccurrences(of: "公共法律服务工作站", with: "")
    }

    private func export() -> [Effect] {
        guard let data, AccessPolicy.allows(session.role, .exportData) else {
            return [.status("无权操作：\(session.role.label)不能\(Permission.exportData.label)", .error)]
        }
        return [.perform { env in
            let doc = data.document
            let dir = PrintFolder.directory(storePath: env.storePath, year: data.period.from.year, folder: PrintFolder.settings(env.store).folder)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let base = dir + "/" + (data.kind == .quarterly ? "季度报告-" : "月报-") + data.period.code + (data.scope.stationCode.map { "-" + $0 } ?? "")
            // Exported again, a report replaces its earlier copy (SafeFile: 0600, symlinks refused).
            try ReportOutput.writeXLSX(doc, to: base + ".xlsx", force: true)
            let texts = [(base + ".csv", ReportOutput.csv(doc)), (base + ".txt", ReportOutput.text(doc))]
            for (path, text) in texts {
                try SafeFile.write(text, to: path, force: true)
            }
            // The PDF to file and sign; sent to the printer when one is set in 系统设置.
            try ReportOutput.writePDF(doc, to: base + ".pdf", force: true)
            if let printer = PrintFolder.settings(env.store).printer { PrintFolder.send(base + ".pdf", to: printer) }
            return Exported(paths: [base + ".xlsx"] + texts.map(\.0) + [base + ".pdf"])
        }]
    }

    // MARK: drawing

    /// 大字模式: the period and scope, the selected figure in big letters with its name and
    /// state beside it, the indicators behind target named in words, then every indicator one
    /// row each (↑↓ selects, Enter lists the records behind it).
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var col = LargeColumn(area, theme: context.theme)
        guard let data else {
            col.text(problem.map { "✗ " + $0 } ?? "正在统计……", role: problem == nil ? .dim : .error, maxLines: 2, on: &canvas)
            return
        }
        col.text("◀ \(data.period.label) ▶ \(data.scopeName)", role: .header, on: &canvas)
        let id = IndicatorID.allCases[selected]
        let y = data.yearProgress(id)
        let target = y.target.map { "/" + ReportData.number($0, id) } ?? ""
        var side: [(String, Role)] = [(id.shortLabel, .header)]
        if y.status != .none { side.append(("\(y.status.mark) \(y.status.label)", y.status == .behind ? .warning : .normal)) }
        side.append(("本年 " + data.yearToDate.value(id).short(id.unit) + target, .dim))
        col.big(data.figures.value(id).short(id.unit), maxRows: max(2, min(5, col.remaining - 5)), side: side, sideWidth: 14, on: &canvas)
        let behind = IndicatorID.allCases.filter { data.yearProgress($0).status == .behind }
        if !behind.isEmpty {
            col.text("⚠ 落后 \(behind.count) 项：" + behind.map(\.shortLabel).joined(separator: "、"), role: .warning, bold: true, maxLines: 2, on: &canvas)
        }
        let items = IndicatorID.allCases.map { i -> [String] in
            let p = data.yearProgress(i)
            return [i.shortLabel.padded(toWidth: 8) + " " + data.figures.value(i).short(i.unit)
                    + (p.status == .none ? "" : "  \(p.status.mark) \(p.status.label)")]
        }
        col.list(items, roles: IndicatorID.allCases.map { data.yearProgress($0).status == .behind ? .warning : .normal },
                 selected: selected, on: &canvas)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let a = area.inset(left: 1, right: 1)
        guard let data else {
            canvas.drawLine(problem.map { "✗ " + $0 } ?? "正在统计……", in: a.row(0), style: theme[problem == nil ? .dim : .error])
            return
        }
        let kindWord = ["month": "月", "quarter": "季", "year": "年"][periodKind.rawValue] ?? ""
        let head = "◀ \(data.period.label) ▶（\(kindWord)）  \(data.scopeName)  截至 \(data.asOf.iso)"
        canvas.drawLine(head, in: a.row(0), style: theme[.header])
        canvas.drawLine("指标         本期    本年累计/全年目标   全年进度         状态       1–12月",
                        in: a.row(1), style: theme[.label])
        for (i, id) in IndicatorID.allCases.enumerated() where 2 + i < a.height {
            let row = a.row(2 + i)
            let v = data.figures.value(id)
            let y = data.yearProgress(id)
            let ytd = data.yearToDate.value(id).short(id.unit)
            let target = y.target.map { "/" + ReportData.number($0, id) } ?? ""
            let bar = y.fraction.map { ReportCharts.bar($0, width: 14) } ?? String(repeating: " ", count: 14)
            let status = y.status == .none ? "—" : "\(y.status.mark) \(y.status.label)"
            let sparks = ReportCharts.sparkline(data.series(id))
            let isSelected = i == selected
            let text = (isSelected ? "▶" : " ") + id.shortLabel.padded(toWidth: 8)
                + v.short(id.unit).padded(toWidth: 8, alignment: .right) + "  "
                + (ytd + target).padded(toWidth: 18) + " "
                + bar + " " + status.padded(toWidth: 10) + " " + sparks
            let style: Style = isSelected ? theme[.selection] : (y.status == .behind ? theme[.warning] : theme[.normal])
            canvas.drawLine(text, in: row, style: style)
        }
        let detailTop = 3 + IndicatorID.allCases.count
        guard detailTop < a.height else { return }
        let id = IndicatorID.allCases[selected]
        let p = data.progress(id), y = data.yearProgress(id)
        var lines = ["\(id.label)（\(data.period.label)）：\(data.figures.value(id).detailed(id.unit))"
                     + (p.target.map { "　本期目标 \(ReportData.number($0, id))，\(p.status.label)" } ?? "")]
        if let pace = y.pace { lines.append("全年：\(pace.text(id.unit))") }
        lines.append("口径：" + id.definition)
        var rowIndex = detailTop
        for line in lines {
            var rest = line
            while !rest.isEmpty, rowIndex < a.height {
                let piece = rest.truncated(toWidth: a.width)
                canvas.drawLine(piece, in: a.row(rowIndex), style: theme[rowIndex == detailTop ? .info : .dim])
                rest = String(rest.dropFirst(piece.count))
                rowIndex += 1
            }
        }
    }
}

/// A table of records or figures (the drill-down, the stations' allocation table): ↑↓ to move,
/// PgUp/PgDn to page, Esc to go back.
public struct ReportTableScreen: Screen, Sendable {
    public let title: String
    let note: String
    private var table: Table

    public init(title: String, table: ReportTable, note: String) {
        self.title = title
        self.note = note
        let widths = table.columns.indices.map { i in
            min(i == 0 ? 22 : 14, ([table.columns[i]] + table.rows.prefix(200).map { i < $0.count ? $0[i] : "" }).map(\.displayWidth).max() ?? 4)
        }
        self.table = Table(columns: table.columns.indices.map { i in
            TableColumn(table.columns[i], width: i == table.columns.count - 1 ? .fill(1) : .fixed(widths[i]))
        }, rows: table.rows, selectedRow: table.rows.isEmpty ? nil : 0)
    }

    public var keymapSection: String { "reports" }
    public func isEnabled(_ action: ActionID) -> Bool {
        ![StandardAction.save, ReportsScreen.Action.export, ReportsScreen.Action.periodKind, ReportsScreen.Action.scope,
          ReportsScreen.Action.stations, ReportsScreen.Action.refresh].contains(action)
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .input(let input) = msg { _ = table.handle(input) }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let a = area.inset(left: 1, right: 1)
        canvas.drawLine(note, in: a.row(0), style: context.theme[.header])
        var t = table
        if table.rows.isEmpty {
            canvas.drawLine("（没有记录）", in: a.row(2), style: context.theme[.dim])
        } else {
            t.render(in: Rect(x: a.x, y: a.y + 1, width: a.width, height: a.height - 1), on: &canvas, theme: context.theme, focused: true)
        }
    }
}

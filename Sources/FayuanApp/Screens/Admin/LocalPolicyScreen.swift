import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 本地政策数值: the values the rule library lacks and a centre enters itself — the local hardship
/// threshold (低保 line or minimum wage, yuan per person per month) for a region from a date,
/// with its source document, and the year's targets (the fields of rules/targets/*.yaml). Each
/// part that is filled in is saved (F2) as a site rule file, audited, and the library reloaded,
/// so screening, reports and the Rules screen use it at once (the library stays the one source
/// of truth). The panel on the right shows what the library holds now, with file:line.
public struct LocalPolicyScreen: Screen {
    struct Loaded: Sendable {
        var today: LocalDate
        var library: RuleLibrary
        var region: String
    }

    struct Saved: Sendable {
        var messages: [String]
        var library: RuleLibrary
    }

    let session: Session
    private var loaded: Loaded?
    private var form = Form(fields: [])
    private var saved: [String] = []

    public init(session: Session) { self.session = session }

    public var keymapSection: String { "site_rules" }
    public var title: String { "本地政策数值" }
    public var acceptsText: Bool { loaded != nil }
    public var isDirty: Bool { form.isDirty }

    public func isEnabled(_ action: ActionID) -> Bool {
        if action == StandardAction.save { return loaded != nil && AccessPolicy.allows(session.role, .manageSiteRules) }
        return true
    }

    static let thresholdFields = ["region", "base", "from", "yuan", "source"]
    static let targetCounts: [IndicatorID] = [.consultations, .specialGroupCases, .aidedPersons, .casesAccepted, .casesClosed]

    // MARK: Update

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where loaded == nil:
            let stationRegion = session.station?.code
            return [.perform { env in
                let today = CaseFormat.localDay(env.clock(), timeZone: env.timeZone).0
                let county = try env.store.stations().first { $0.kind == .countyCentre }?.code
                let region = String((county ?? stationRegion ?? "").prefix(6))
                return Loaded(today: today, library: env.rules, region: region)
            }]
        case .result(let l as Loaded):
            loaded = l
            form = Self.makeForm(l)
            return []
        case .result(let s as Saved):
            saved = s.messages
            loaded?.library = s.library
            form.markClean()
            return [.status("已保存：" + s.messages.joined(separator: "；") + "；规则库已重新载入", .success)]
        case .input(.action(StandardAction.save)):
            return save()
        case .input(let input) where loaded != nil:
            _ = form.handle(input)
            saved = []
        default: break
        }
        return []
    }

    static func makeForm(_ l: Loaded) -> Form {
        let rule = l.library.layers(region: l.region.isEmpty ? "140525" : l.region, on: l.today).flatMap(\.rules)
            .last { $0.kind == .hardshipStandard }
        let base = rule?.base ?? "subsistence_line"
        let date = CalendarDate(year: l.today.year + 1, month: 1, day: 1)
        let count = { (id: String, label: String) in
            FormField(id: id, label: label, widget: .number(NumberField(range: 0...10_000_000)), width: 8)
        }
        var fields = [
            FormField(id: "region", label: "地区代码", widget: .text(TextField(text: l.region, maxLength: 6, filter: .digits)),
                      isRequired: true, width: 8, validator: { value in
                          value.count == 6 && value.allSatisfy(\.isNumber) ? nil : "应为6位 GB/T 2260 地区代码"
                      }),
            FormField(id: "base", label: "困难标准基数", widget: .select(SelectList(
                options: HardshipThresholdEntry.bases.map { SelectOption(id: $0.id, label: $0.label, searchKey: $0.id) },
                selectedID: base)), width: 26),
            FormField(id: "from", label: "生效日期", widget: .date(DateField(date: date)), width: 12),
            FormField(id: "yuan", label: "元/人·月", widget: .number(NumberField(range: 1...10_000_000, decimals: 2)), width: 10),
            FormField(id: "source", label: "依据文件", widget: .text(TextField(placeholder: "文件名称和文号", maxLength: 80)), width: 34),
            FormField(id: "tyear", label: "目标年度", widget: .number(NumberField(range: 2000...2100)), width: 6),
            FormField(id: "tsource", label: "目标依据", widget: .text(TextField(placeholder: "实施方案或任务分配表", maxLength: 80)), width: 34),
            FormField(id: "archive", label: "归档时限（日）", widget: .number(NumberField(value: 30, range: 1...365)), width: 5),
            FormField(id: "satisfaction", label: "满意率（%）", widget: .number(NumberField(range: 0...100)), width: 5),
        ]
        for id in targetCounts { fields.append(count("t." + id.rawValue, id.label)) }
        return Form(fields: fields)
    }

    private var region: String { form.field("region")?.value ?? "" }

    private mutating func save() -> [Effect] {
        guard let loaded else { return [] }
        guard AccessPolicy.allows(session.role, .manageSiteRules) else {
            return [.status("只有管理员可以录入本地政策数值", .error)]
        }
        guard form.validateAll() else { return [.status("有填写错误，请按标 ✗ 的提示改正", .error)] }
        let v = form.values
        // The threshold part: all of it or none of it.
        let thresholdGiven = !(v["yuan"] ?? "").isEmpty || !(v["source"] ?? "").isEmpty
        var threshold: HardshipThresholdEntry?
        if thresholdGiven {
            for (id, message) in [("from", "填写生效日期"), ("yuan", "填写金额"), ("source", "填写依据文件")]
            where (v[id] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                form.setError(message, for: id)
                form.focus(id: id)
                return [.status("经济困难标准须同时填写生效日期、金额和依据文件", .error)]
            }
            guard let from = LocalDate(iso: v["from"] ?? ""), case .number(let n) = form.field("yuan")!.widget,
                  let fen = n.value else { return [.status("经济困难标准填写有误", .error)] }
            threshold = HardshipThresholdEntry(region: region, base: v["base"] ?? "subsistence_line", from: from,
                                               yuan: Double(fen) / 100, source: v["source"]!.trimmingCharacters(in: .whitespaces))
        }
        var targets: TargetTable?
        if let year = Int(v["tyear"] ?? "") {
            let source = (v["tsource"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !source.isEmpty else {
                form.setError("填写目标依据", for: "tsource")
                form.focus(id: "tsource")
                return [.status("年度目标须写明依据（实施方案或任务分配表）", .error)]
            }
            var county: [IndicatorID: Double] = [:]
            for id in Self.targetCounts { if let n = Int(v["t." + id.rawValue] ?? "") { county[id] = Double(n) } }
            var common: [IndicatorID: Double] = [:]
            if let s = Int(v["satisfaction"] ?? "") { common[.satisfactionRate] = Double(s) }
            // The station allocation carries over from the region's latest table (沿用).
            let previous = loaded.library.targetTable(region: region, year: year)
                ?? loaded.library.targetTable(region: region, year: year - 1)
            let stations = previous?.stations ?? [:]
            let sum = stations.values.compactMap { $0[.consultations] }.reduce(0, +)
            if let given = county[.consultations], !stations.isEmpty, given != sum {
                form.setError("与各站点分配之和 \(Int(sum)) 不一致（站点分配沿用 \(previous!.year) 年）", for: "t.consultations")
                form.focus(id: "t.consultations")
                return [.status("全县咨询目标须等于各站点分配之和，或留空按分配合计", .error)]
            }
            targets = TargetTable(id: "site-\(region)-\(year)", regionPrefix: region, year: year, source: source,
                                  archiveLimitDays: Int(v["archive"] ?? "") ?? 30, common: common, county: county,
                                  stations: stations)
        }
        guard threshold != nil || targets != nil else {
            form.focus(id: "yuan")
            return [.status("没有要保存的内容：填写经济困难标准或年度目标", .warning)]
        }
        let op = session.operatorRecord
        let today = loaded.today
        let region = self.region
        let (thresholdEntry, targetTable) = (threshold, targets)
        return [.perform { env in
            let threshold = thresholdEntry, targets = targetTable
            var messages: [String] = []
            var library = env.rules
            if let threshold {
                let text = threshold.yaml(existing: library, enteredBy: op.name, on: today)
                let label = HardshipThresholdEntry.baseLabel(threshold.base)
                let written = try SiteRuleWriter.write(fileName: threshold.fileName, text: text, location: env.siteRules) { w in
                    try env.store.recordSiteRuleFile(
                        action: w.before == nil ? "create" : "update", subject: "\(region) 经济困难标准", path: w.path,
                        before: w.before, after: w.after,
                        detail: "\(label) 自 \(threshold.from.iso) 起 \(SiteRuleWriter.number(threshold.yuan)) 元/人·月，依据 \(threshold.source)",
                        by: .operatorRecord(op))
                }
                library = written.library
                messages.append("\(region) \(label) \(SiteRuleWriter.number(threshold.yuan)) 元（\(Self.shortPlace(written.path))）")
            }
            if let targets {
                let text = targets.yaml(region: region, enteredBy: op.name, on: today)
                let written = try SiteRuleWriter.write(fileName: targets.fileName, text: text, location: env.siteRules) { w in
                    try env.store.recordSiteRuleFile(
                        action: w.before == nil ? "create" : "update", subject: "\(region) \(targets.year)年目标任务", path: w.path,
                        before: w.before, after: w.after, detail: "依据 \(targets.source)", by: .operatorRecord(op))
                }
                library = written.library
                messages.append("\(targets.year)年目标（\(Self.shortPlace(written.path))）")
            }
            env.replaceRules(library)
            return Saved(messages: messages, library: library)
        }]
    }

    // MARK: View

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let loaded else {
            canvas.drawLine("正在读取规则库……", in: area.row(0).inset(left: 1), style: theme[.dim])
            return
        }
        let inner = area.inset(left: 1, right: 1)
        canvas.drawLine("录入规则库缺少、须由本中心填写的数值；保存为站点规则文件（\(context.keymap.hint(StandardAction.save))）", in: inner.row(0), style: theme[.header])
        let columns = Layout.split(inner.inset(top: 2), .horizontal, [.fill(1), .fixed(2), .fixed(28)])
        var form = self.form
        form.render(in: Rect(x: columns[0].x, y: columns[0].y, width: columns[0].width, height: columns[0].height - 1),
                    on: &canvas, theme: theme, focused: true)
        let footer = saved.isEmpty ? "金额、依据都填才保存困难标准；填目标年度才保存目标" : "✓ 已保存 " + saved.joined(separator: "；")
        canvas.drawLine(footer, in: inner.row(inner.height - 1), style: theme[saved.isEmpty ? .dim : .success])
        drawCurrent(&canvas, in: columns[2], theme: theme, loaded: loaded)
    }

    /// Large text: one field at a time, as every form screen does.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        guard loaded != nil else { return }
        var form = self.form
        form.renderLarge(in: area, on: &canvas, theme: context.theme, focused: true)
    }

    /// What the library holds now for the region, with the file and line it comes from.
    private func drawCurrent<C: Canvas>(_ canvas: inout C, in rect: Rect, theme: Theme, loaded: Loaded) {
        var lines: [(String, Role)] = [("规则库现有数值（\(region)）", .label)]
        if region.count == 6 {
            for base in HardshipThresholdEntry.bases {
                let (value, series) = loaded.library.thresholdBase(base: base.id, region: region, on: loaded.today)
                guard series != nil || value != nil else { continue }
                lines.append((base.id == "subsistence_line" ? "低保：" : "最低工资：", .normal))
                if let value, let yuan = value.yuan {
                    lines.append(("  \(SiteRuleWriter.number(yuan)) 元，自 \(value.from.iso)", .normal))
                    lines.append(("  " + Self.place(value.file, value.line), .dim))
                } else {
                    lines.append(("  今日未知（无数值）", .warning))
                }
                // A value entered for a later date (next year's line) is shown too.
                let latest = loaded.library.thresholdBase(base: base.id, region: region, on: LocalDate(year: 9999, month: 12, day: 31)!).value
                if let latest, latest.from > loaded.today, let yuan = latest.yuan {
                    lines.append(("  \(latest.from.iso) 起 \(SiteRuleWriter.number(yuan)) 元", .normal))
                    lines.append(("  " + Self.place(latest.file, latest.line), .dim))
                }
            }
            if let table = loaded.library.targetTable(region: region, year: loaded.today.year + 1)
                ?? loaded.library.targetTable(region: region, year: loaded.today.year) {
                lines.append(("\(table.year)年目标：\(table.id)", .normal))
                lines.append(("  " + (loaded.library.targetPlaces[table.id].map { Self.shortPlace($0) } ?? ""), .dim))
            }
        }
        for (i, line) in lines.enumerated() where i < rect.height {
            canvas.drawLine(line.0.truncated(toWidth: rect.width, ellipsis: true), in: rect.row(i), style: theme[line.1])
        }
    }

    static func place(_ file: String, _ line: Int) -> String { shortPlace("\(file):\(line)") }

    /// The file name and line, without the directory (the full path is in the audit entry).
    static func shortPlace(_ place: String) -> String {
        String(place.split(separator: "/").last ?? Substring(place))
    }
}

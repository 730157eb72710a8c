import FayuanCore
import FayuanRules
import Foundation
import TerminalKit

/// The rule library in the console: browse the layers (national law, provincial regulations,
/// local policies) with each rule's source and explanation, and try a scenario on a short form
/// with the screening result updated as the fields change.
public struct RulesScreen: Screen {
    public enum Action {
        public static let switchTab: ActionID = "rules.switch_tab"
    }

    enum Tab { case browse, scenario }

    struct Loaded: Sendable {
        let library: RuleLibrary
        let today: LocalDate
    }

    private var library: RuleLibrary?
    private var tab = Tab.browse
    // Browse
    private var layerList = SelectList(options: [])
    private var ruleTable = Table(columns: [
        TableColumn("规则", width: .fill(3)),
        TableColumn("类别", width: .fill(2)),
        TableColumn("依据", width: .fill(3)),
    ])
    private var browseFocus = 0
    // Scenario
    private var form = Form(fields: [])
    private var outcome: Result<ScreeningResult, ScreeningInputError>?

    public init() {}

    public var keymapSection: String { "rules" }
    public var title: String { tab == .browse ? "规则库 · 浏览" : "规则库 · 试算" }
    public var acceptsText: Bool {
        guard tab == .scenario, let f = form.focusedField else { return tab == .browse && browseFocus == 0 }
        switch f.widget {
        case .text, .number, .date, .select, .checkbox, .note: return true
        }
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where library == nil:
            return [.perform { env in
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = env.timeZone
                let c = calendar.dateComponents([.year, .month, .day], from: env.clock())
                return Loaded(library: env.rules, today: LocalDate(year: c.year ?? 2026, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(year: 2026, month: 1, day: 1)!)
            }]
        case .result(let loaded as Loaded):
            load(loaded.library, today: loaded.today)
        case .input(.action(Action.switchTab)):
            tab = tab == .browse ? .scenario : .browse
        case .input(let input) where library != nil:
            if tab == .browse { browse(input) } else {
                _ = form.handle(input)
                rescreen()
            }
        default: break
        }
        return []
    }

    // MARK: Browse

    private mutating func load(_ library: RuleLibrary, today: LocalDate) {
        self.library = library
        layerList = SelectList(options: library.layers.map { layer in
            SelectOption(id: layer.key, label: "\(layer.name)（\(layer.effective.label)）",
                         searchKey: layer.regionPrefix + " " + layer.id)
        } + [SelectOption(id: Self.localValuesID, label: "本地政策数值（经济困难标准基数、年度目标）", searchKey: "local 本地")],
            selectedID: library.layers.first?.key)
        showRules()
        form = Self.scenarioForm(library, today: today)
        rescreen()
    }

    private mutating func browse(_ input: Input) {
        switch input {
        case .action(StandardAction.nextField), .action(StandardAction.previousField):
            browseFocus = 1 - browseFocus
        case .action(StandardAction.confirm) where browseFocus == 0:
            browseFocus = 1
        default:
            if browseFocus == 0 {
                _ = layerList.handle(input)
                showRules()
            } else {
                _ = ruleTable.handle(input)
            }
        }
    }

    private var selectedLayer: RuleLayer? {
        library?.layers.first { $0.key == layerList.selectedID }
    }

    /// The pseudo-layer listing the values a centre enters itself (thresholds, targets), each with
    /// the file and line it comes from (bundled or a site file written by 本地政策数值).
    static let localValuesID = "__local_values__"

    struct LocalValue {
        var cells: [String]
        var detail: [String]
    }

    private var localValues: [LocalValue] {
        guard let library else { return [] }
        var out: [LocalValue] = []
        for table in library.thresholdTables {
            for series in table.series {
                for value in series.values {
                    let amount = value.yuan.map { SiteRuleWriter.number($0) + " 元" } ?? value.atMost.map { "≤" + SiteRuleWriter.number($0) + " 元" } ?? "未知"
                    out.append(LocalValue(
                        cells: ["\(series.name) \(amount)", HardshipThresholdEntry.baseLabel(table.base), "自 \(value.from.iso)"],
                        detail: ["【\(table.name)】" + (value.confidence.map { " 可信度 \($0)" } ?? ""),
                                 "依据：" + (value.source.isEmpty ? "（未注明）" : value.source),
                                 "来源：\(value.file):\(value.line)"]))
                }
            }
        }
        for table in library.targetTables {
            let county = IndicatorID.allCases.compactMap { id in table.county[id].map { "\(id.label) \(SiteRuleWriter.number($0))" } }
            out.append(LocalValue(
                cells: ["\(table.year)年目标 \(table.regionPrefix)", "年度目标任务", table.source],
                detail: ["【\(table.source)】", "全县：" + county.joined(separator: "、"),
                         "来源：" + (library.targetPlaces[table.id] ?? table.id)]))
        }
        return out
    }

    private mutating func showRules() {
        if layerList.selectedID == Self.localValuesID {
            let values = localValues
            ruleTable = Table(columns: ruleTable.columns, rows: values.map(\.cells), selectedRow: values.isEmpty ? nil : 0)
            return
        }
        let rules = selectedLayer?.rules ?? []
        ruleTable = Table(columns: ruleTable.columns, rows: rules.map { [$0.id, $0.kind.label, $0.citation.label] },
                          selectedRow: rules.isEmpty ? nil : 0)
    }

    // MARK: Scenario

    static let regions: [(String, String)] = [
        ("320707", "连云港市赣榆区"), ("320400", "常州市"), ("320100", "江苏省其他地区（南京市）"),
        ("340400", "淮南市"), ("340100", "安徽省其他地区（合肥市）"),
        ("140525", "晋城市泽州县"), ("140100", "山西省其他地区（太原市）"), ("110000", "其他省份（仅国家法律）"),
    ]

    static func scenarioForm(_ library: RuleLibrary, today: LocalDate) -> Form {
        func select(_ pairs: [(String, String)], _ selected: String?) -> FormFieldWidget {
            .select(SelectList(options: pairs.map { SelectOption(id: $0.0, label: $0.1, searchKey: $0.0) }, selectedID: selected))
        }
        let date = CalendarDate(year: today.year, month: today.month, day: today.day)
        let groups = library.groups.filter { !$0.derived }.map { SelectOption(id: $0.code, label: $0.label, searchKey: $0.code) }
        let causes = library.causes.map { ($0.code, $0.label) }
        return Form(fields: [
            FormField(id: "region", label: "受理地", widget: select(regions.map { ($0.0, "\($0.1) \($0.0)") }, "320707"), isRequired: true),
            FormField(id: "date", label: "申请日期", widget: .date(DateField(date: date)), isRequired: true, width: 12),
            FormField(id: "birth", label: "出生日期", widget: .date(DateField()), width: 12),
            FormField(id: "gender", label: "性别", widget: select([("M", "男"), ("F", "女")], nil), width: 8),
            FormField(id: "kind", label: "案件类别", widget: select(MatterKind.allCases.map { ($0.rawValue, $0.label) }, "civil"), isRequired: true, width: 10),
            FormField(id: "cause", label: "案由", widget: select(causes, "labor_remuneration"), width: 24),
            FormField(id: "role", label: "刑事身份", widget: select(CriminalRole.allCases.map { ($0.rawValue, $0.label) }, "suspect_defendant"), width: 24),
            FormField(id: "stage", label: "诉讼阶段", widget: select(CriminalStage.allCases.map { ($0.rawValue, $0.label) }, "trial"), width: 14),
            FormField(id: "defender", label: "已有辩护人", widget: select([("no", "否"), ("yes", "是")], "no"), width: 6),
            FormField(id: "life", label: "可能判无期死刑", widget: select([("no", "否"), ("yes", "是")], "no"), width: 6),
            FormField(id: "income", label: "人均月收入", widget: .number(NumberField(range: 0...1_000_000)), width: 10),
            FormField(id: "evidence", label: "困难证明", widget: select(HardshipEvidence.allCases.map { ($0.rawValue, $0.label) }, nil), width: 14),
            FormField(id: "days", label: "距时效届满天数", widget: .number(NumberField(range: 0...10_000)), width: 6),
            FormField(id: "urgent", label: "需紧急保全", widget: select([("no", "否"), ("yes", "是")], "no"), width: 6),
            FormField(id: "groups", label: "特殊群体", widget: .checkbox(CheckboxGroup(options: groups))),
        ])
    }

    private mutating func rescreen() {
        guard let library else { return }
        let v = form.values
        guard let date = v["date"].flatMap(LocalDate.init(iso:)) else {
            outcome = .failure(ScreeningInputError(field: "申请日期", message: DateField.formatMessage)); return
        }
        let kind = MatterKind(rawValue: v["kind"] ?? "") ?? .civil
        var criminal: ScreeningInput.Criminal?
        if kind == .criminal {
            criminal = ScreeningInput.Criminal(
                role: CriminalRole(rawValue: v["role"] ?? "") ?? .suspectDefendant,
                stage: CriminalStage(rawValue: v["stage"] ?? "") ?? .trial,
                hasDefender: v["defender"] == "yes", possibleLifeOrDeathSentence: v["life"] == "yes")
        }
        let input = ScreeningInput(
            region: v["region"] ?? "320707", applicationDate: date,
            applicant: ScreeningInput.Applicant(
                birthDate: v["birth"].flatMap(LocalDate.init(iso:)), gender: v["gender"].flatMap { Gender(rawValue: $0) },
                groups: (v["groups"] ?? "").split(separator: ",").map { GroupCode(rawValue: String($0)) },
                householdIncomePerCapitaMonthly: v["income"].flatMap(Double.init),
                hardshipEvidence: v["evidence"].flatMap { HardshipEvidence(rawValue: $0) }),
            matter: ScreeningInput.Matter(
                kind: kind, cause: kind == .criminal ? nil : v["cause"].flatMap { $0.isEmpty ? nil : CauseCode(rawValue: $0) },
                criminal: criminal, daysToLimitationDeadline: v["days"].flatMap { Int($0) },
                needsUrgentPreservation: v["urgent"] == "yes"))
        do {
            outcome = .success(try library.screen(input))
        } catch {
            outcome = .failure(error)
        }
    }

    // MARK: Drawing

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard library != nil else {
            canvas.drawLine("  正在读取规则库……", in: area.row(1), style: theme[.dim])
            return
        }
        let switchKey = context.keymap.keys(for: Action.switchTab).first?.label ?? "F5"
        let tabs = (tab == .browse ? "【浏览】 试算 " : " 浏览 【试算】") + "　（\(switchKey) 切换）"
        canvas.drawLine(" " + tabs, in: area.row(0), style: theme[.header])
        let body = area.inset(top: 1, left: 1, bottom: 0, right: 1)
        if tab == .browse { drawBrowse(&canvas, body, theme) } else { drawScenario(&canvas, body, theme) }
    }

    private func drawBrowse<C: Canvas>(_ canvas: inout C, _ area: Rect, _ theme: Theme) {
        let cols = Layout.split(area, .horizontal, [.percentage(38), .fill(1)], spacing: 1)
        var layers = layerList
        canvas.drawLine((browseFocus == 0 ? "▶" : " ") + "规则层（国家 · 省 · 地方）", in: cols[0].row(0), style: theme[.label])
        layers.renderExpanded(in: cols[0].inset(top: 1), on: &canvas, theme: theme, focused: browseFocus == 0)
        let right = Layout.split(cols[1], .vertical, [.fill(1), .fixed(7)])
        let isLocal = layerList.selectedID == Self.localValuesID
        let heading = isLocal ? "本地政策数值 · \(ruleTable.rows.count) 条" : (selectedLayer.map { "\($0.law) · \($0.rules.count) 条" } ?? "")
        canvas.drawLine((browseFocus == 1 ? "▶" : " ") + heading, in: right[0].row(0), style: theme[.label])
        var table = ruleTable
        table.render(in: right[0].inset(top: 1), on: &canvas, theme: theme, focused: browseFocus == 1)
        if isLocal {
            let values = localValues
            guard let index = ruleTable.selectedRow, values.indices.contains(index) else { return }
            for (i, line) in values[index].detail.flatMap({ $0.wrapped(toWidth: right[1].width) }).prefix(right[1].height).enumerated() {
                canvas.drawLine(line, in: right[1].row(i), style: i == 0 ? theme[.header] : theme[.normal])
            }
            return
        }
        guard let layer = selectedLayer, let index = ruleTable.selectedRow, layer.rules.indices.contains(index) else { return }
        let rule = layer.rules[index]
        var lines = ["【\(rule.citation.label)】" + (rule.confidence.map { " 可信度 \($0)" } ?? "")]
        lines += rule.explanation.wrapped(toWidth: right[1].width)
        lines.append("来源：\(rule.file):\(rule.line)" + (rule.effective.map { " · 有效期 \($0.label)" } ?? ""))
        for (i, line) in lines.prefix(right[1].height).enumerated() {
            canvas.drawLine(line, in: right[1].row(i), style: i == 0 ? theme[.header] : theme[.normal])
        }
    }

    private func drawScenario<C: Canvas>(_ canvas: inout C, _ area: Rect, _ theme: Theme) {
        let cols = Layout.split(area, .horizontal, [.fill(1), .fill(1)], spacing: 1)
        var f = form
        f.render(in: cols[0], on: &canvas, theme: theme, focused: true)
        var lines: [(String, Role)] = []
        switch outcome {
        case .success(let r)?:
            let mark = r.decision == .eligible ? "✓" : (r.decision == .ineligible ? "✗" : "⚠")
            lines.append(("\(mark) \(r.decision.label)", r.decision == .eligible ? .success : (r.decision == .ineligible ? .error : .warning)))
            lines.append(("事项范围：\(r.inScope ? "属于" : "不属于")　途径：\(Self.routeLabel(r.route))", .normal))
            lines.append(("经济困难：\(Self.economicLabel(r.economicCheck, r.economicResult))", .normal))
            lines.append(("优先：\(Self.priorityLabel(r.priority))　先行提供：\(r.provideFirst ? "是" : "否")", .normal))
            lines.append(("审查期限：" + (r.deadlines.map { "\($0.reviewDue.iso) 前作出决定" } ?? "无法计算（无节假日表）"), .normal))
            lines.append(("依据：" + r.citations.map(\.label).joined(separator: "；"), .info))
            for sentence in r.explanation { lines.append(("· " + sentence, .normal)) }
            lines.append(("规则集：\(r.ruleSet.id)", .dim))
        case .failure(let e)?:
            lines.append(("✗ " + e.description, .error))
        case nil:
            break
        }
        var row = 0
        for (text, role) in lines {
            for piece in text.wrapped(toWidth: cols[1].width) where row < cols[1].height {
                canvas.drawLine(piece, in: cols[1].row(row), style: theme[role])
                row += 1
            }
        }
    }

    static func routeLabel(_ r: Route) -> String {
        switch r {
        case .application: return "依申请"
        case .notification: return "通知辩护"
        case .dutyLawyer: return "值班律师法律帮助"
        case .none: return "无"
        }
    }

    static func economicLabel(_ c: EconomicCheck, _ r: EconomicResult) -> String {
        switch c {
        case .exempt: return "免予核查"
        case .notApplicable: return "不受经济困难条件限制"
        case .required:
            switch r {
            case .pass: return "需审查 · 符合标准"
            case .fail: return "需审查 · 超过标准"
            case .unknown: return "需审查 · 标准未知，人工核对"
            case .notApplicable: return "需审查"
            }
        }
    }

    static func priorityLabel(_ p: Priority) -> String {
        switch p {
        case .statutory: return "法定优先"
        case .policy: return "政策优先（绿色通道）"
        case .none: return "无"
        }
    }
}

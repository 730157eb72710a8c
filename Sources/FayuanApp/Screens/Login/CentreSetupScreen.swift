import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// First run, after the administrator: the centre. Either this centre by hand — name, region
/// (GB/T 2260, its Chinese name shown back as it is typed), kind and service windows — or the
/// demo region's stations. Ends on a page that tells the administrator how to add a clerk, then
/// logs the administrator in. Nothing here needs the command line or the README.
public struct CentreSetupScreen: Screen {
    struct Done: Sendable { let station: Station; let windows: [String]; let demo: Bool }

    enum Field: Int, CaseIterable { case mode, name, region, kind, windows, services }

    static let kinds: [StationKind] = [.countyCentre, .township, .liaisonPoint]
    static let modes = ["手工填写本中心", "载入演示地区（泽州县）的站点"]

    public let administrator: Operator
    private var focus: Field = .mode
    private var mode = 0
    private var name = TextField(placeholder: "例如：泽州县公共法律服务中心", maxLength: 40)
    private var region = TextField(placeholder: "如 140525", maxLength: 6, filter: .digits)
    private var kind = 0
    private var windowCount = TextField(text: "2", maxLength: 2, filter: .digits)
    private var services = CheckboxGroup(options: QueueService.all.map { SelectOption(id: $0.code, label: "\($0.letter) \($0.label)") },
                                         checked: Set(QueueService.all.map(\.code)))
    private var message: (String, Severity)?
    private var errorField: Field?
    private var busy = false
    private var done: Done?

    public init(administrator: Operator) { self.administrator = administrator }

    public var keymapSection: String { "login" }
    public var title: String { done == nil ? "首次使用：设置本中心" : "首次使用：设置完成" }
    public var acceptsText: Bool { done == nil && [.name, .region, .windows, .services].contains(focus) && !(mode == 1 && focus != .mode) }
    public var capturesBack: Bool { true }
    public func isEnabled(_ action: ActionID) -> Bool { ![StandardAction.save, "app.menu", "app.lock"].contains(action) }

    private var fields: [Field] { mode == 1 ? [.mode] : Field.allCases }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .result(let d as Done):
            busy = false
            done = d
            message = nil
            return []
        case .result(let failure as PerformFailed):
            busy = false
            message = (failure.message, .error)
            return []
        case .input(let input):
            if let done {
                if input == .action(StandardAction.confirm) {
                    var admin = administrator
                    admin.stationID = done.station.id
                    return [.login(Session(operatorRecord: admin, station: done.station))]
                }
                return []
            }
            return handle(input)
        default:
            return []
        }
    }

    private mutating func move(_ step: Int) {
        let list = fields
        let i = list.firstIndex(of: focus) ?? 0
        focus = list[(i + step + list.count) % list.count]
    }

    private mutating func handle(_ input: Input) -> [Effect] {
        switch input {
        case .action(StandardAction.nextField): move(1); return []
        case .action(StandardAction.previousField): move(-1); return []
        case .action(StandardAction.confirm):
            if focus == fields.last { return submit(confirmedUnknown: false) }
            move(1)
            return []
        case .action("setup.unknown_region_confirmed"):
            return submit(confirmedUnknown: true)
        case .action(StandardAction.back):
            // An escape hatch (e.g. stations were imported first): the home screen, where
            // 8 管理 → 站点与窗口 does the same later.
            return [.login(Session(operatorRecord: administrator, station: nil))]
        case .action(StandardAction.up), .action(StandardAction.down), .action(StandardAction.left), .action(StandardAction.right):
            let step = (input == .action(StandardAction.up) || input == .action(StandardAction.left)) ? -1 : 1
            switch focus {
            case .mode: mode = (mode + step + 2) % 2; return []
            case .kind: kind = (kind + step + Self.kinds.count) % Self.kinds.count; return []
            case .services: _ = services.handle(input); return []
            default: break
            }
        default: break
        }
        switch focus {
        case .mode:
            if case .text(let c) = input, let n = c.wholeNumberValue, (1...2).contains(n) { mode = n - 1 }
        case .name: _ = name.handle(input)
        case .region: _ = region.handle(input)
        case .kind:
            if case .text(let c) = input, let n = c.wholeNumberValue, (1...Self.kinds.count).contains(n) { kind = n - 1 }
        case .windows: _ = windowCount.handle(input)
        case .services: _ = services.handle(input)
        }
        if errorField == focus { errorField = nil; message = nil }
        return []
    }

    private mutating func fail(_ field: Field, _ text: String) -> [Effect] {
        focus = field; errorField = field; message = (text, .error)
        return []
    }

    private mutating func submit(confirmedUnknown: Bool) -> [Effect] {
        guard !busy else { return [] }
        let actor: Actor = .operatorRecord(administrator)
        if mode == 1 {
            busy = true
            message = ("正在载入演示站点……", .info)
            return [.perform { env in
                let stations = try env.store.loadDemoStations(by: actor)
                guard let centre = stations.first(where: { $0.kind == .countyCentre }) ?? stations.first else {
                    throw StoreError.notFound(entity: "站点", id: "演示站点")
                }
                return Done(station: centre, windows: try env.store.serviceWindows(stationID: centre.id ?? 0).map(\.number), demo: true)
            }]
        }
        let nameText = name.text.trimmingCharacters(in: .whitespaces)
        guard !nameText.isEmpty else { return fail(.name, "请填写中心（站点）名称") }
        let code = region.text
        guard code.count == 6 else { return fail(.region, "地区代码应为 6 位数字（GB/T 2260），例如 140525 泽州县") }
        guard let count = Int(windowCount.text), (1...20).contains(count) else { return fail(.windows, "窗口数应为 1–20") }
        let chosen = services.checkedInOrder
        guard !chosen.isEmpty else { return fail(.services, "每个窗口至少办理一项业务：按空格勾选") }
        if RegionTable.name(of: code) == nil && !confirmedUnknown {
            return [.confirm("地区代码 \(code) 不在地区表中（\(RegionTable.unknownName)）。确认无误、仍然使用吗？",
                             onYes: .input(.action("setup.unknown_region_confirmed")))]
        }
        let setup = CentreSetup(name: nameText, regionCode: code, kind: Self.kinds[kind],
                                windows: (1...count).map { (String($0), chosen) })
        busy = true
        message = ("正在保存……", .info)
        return [.perform { env in
            let station = try env.store.setUpCentre(setup, by: actor)
            return Done(station: station, windows: (1...count).map(String.init), demo: false)
        }]
    }

    // MARK: view

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let box = area.centered(width: min(area.width - 2, 76), height: min(area.height, 20))
        canvas.drawBox(box, style: theme[.border], title: title)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        if let done {
            drawDone(done, in: inner, on: &canvas, context: context)
            return
        }
        canvas.drawLine("管理员 \(administrator.name) 已创建。下面设置本中心，设好后窗口工作人员即可取号叫号。", in: inner.row(0), style: theme[.normal])
        let labelWidth = 12
        var row = 2
        func label(_ text: String, _ field: Field) -> Rect {
            let r = inner.row(row)
            let focused = focus == field
            canvas.drawLine((focused ? "▶ " : "  ") + text, in: Rect(x: r.x, y: r.y, width: labelWidth, height: 1),
                            style: theme[focused ? .header : .label])
            return Rect(x: r.x + labelWidth, y: r.y, width: r.width - labelWidth, height: 1)
        }
        func choice(_ options: [String], _ selected: Int, in r: Rect, focused: Bool) {
            var x = r.x
            for (i, option) in options.enumerated() {
                let text = (i == selected ? "◉ " : "○ ") + "\(i + 1) " + option + "  "
                x += canvas.draw(text, at: Point(x: x, y: r.y), style: i == selected && focused ? theme[.selection] : theme[.normal])
            }
        }
        choice(Self.modes, mode, in: label("设置方式", .mode), focused: focus == .mode)
        row += 2
        if mode == 1 {
            for line in ["载入泽州县公共法律服务中心及各乡镇工作站，县中心设 1–3 号窗口。",
                         "以后可在首页“8 管理 → 站点与窗口”中修改、停用或新增站点。",
                         "按 Enter 载入。"] {
                canvas.drawLine(line, in: inner.row(row), style: theme[.dim]); row += 1
            }
        } else {
            var n = name
            n.render(in: label("名称", .name), on: &canvas, theme: theme, focused: focus == .name)
            row += 1
            let regionRect = label("地区代码", .region)
            var r = region
            r.render(in: Rect(x: regionRect.x, y: regionRect.y, width: 10, height: 1), on: &canvas, theme: theme, focused: focus == .region)
            if region.text.count == 6 {
                let known = RegionTable.name(of: region.text)
                canvas.drawLine(known.map { "→ " + $0 } ?? "⚠ \(RegionTable.unknownName)：请核对代码（确认后仍可使用）",
                                in: regionRect.inset(left: 12), style: theme[known == nil ? .warning : .success])
            } else {
                canvas.drawLine("GB/T 2260 行政区划代码", in: regionRect.inset(left: 12), style: theme[.dim])
            }
            row += 1
            choice(Self.kinds.map(\.shortLabel), kind, in: label("类型", .kind), focused: focus == .kind)
            row += 1
            let wr = label("窗口数", .windows)
            var w = windowCount
            w.render(in: Rect(x: wr.x, y: wr.y, width: 4, height: 1), on: &canvas, theme: theme, focused: focus == .windows)
            canvas.drawLine("个服务窗口，编号 1、2、3……", in: wr.inset(left: 6), style: theme[.dim])
            row += 1
            let sr = label("办理业务", .services)
            var s = services
            s.render(in: Rect(x: sr.x, y: sr.y, width: sr.width, height: QueueService.all.count), on: &canvas, theme: theme,
                     focused: focus == .services)
            row += QueueService.all.count
        }
        if let message {
            canvas.drawLine(message.1.mark + " " + message.0, in: inner.row(inner.height - 2), style: theme[message.1.role])
        }
        canvas.drawLine("Tab 换栏 · ↑↓ 选择 · 空格勾选 · 最后一栏按 Enter 保存 · Esc 以后再设", in: inner.row(inner.height - 1), style: theme[.dim])
    }

    private func drawDone<C: Canvas>(_ done: Done, in inner: Rect, on canvas: inout C, context: ViewContext) {
        let theme = context.theme
        let windows = done.windows.map { "\($0) 号" }.joined(separator: "、")
        func key(_ action: ActionID) -> String { context.keymap.keys(for: action).first?.label ?? action.rawValue }
        let lines: [(String, Role)] = [
            ("✓ 本中心已设置：\(done.station.name)", .success),
            ("  地区：\(RegionTable.displayName(of: done.station.code))　窗口：\(windows)", .normal),
            ("", .normal),
            ("下一步：添加窗口工作人员（每人一个账号）", .header),
            ("  1. 按 Enter 进入首页，按 8 进入“管理”，再按 2 进入“操作员”；", .normal),
            ("  2. 按 \(key(AdminListScreen.Action.add("admin_operators"))) 新增：填姓名，角色选“窗口工作人员”，设 PIN，按 \(key(StandardAction.save)) 保存；", .normal),
            ("  3. 按 \(key("app.lock")) 锁屏，工作人员选自己的名字、输入 PIN 登录；", .normal),
            ("  4. 工作人员按 1 进入“排队叫号”：按 \(key(QueueWindowScreen.Action.issue)) 取号，按 \(key(QueueWindowScreen.Action.callNext)) 叫号。", .normal),
            ("", .normal),
            ("律师、站点、系统设置都在“8 管理”中；按 \(key(StandardAction.help)) 查看当前画面的按键。", .dim),
            ("", .normal),
            ("按 Enter 进入首页", .header),
        ]
        for (i, line) in lines.enumerated() { canvas.drawLine(line.0, in: inner.row(i), style: theme[line.1]) }
    }
}

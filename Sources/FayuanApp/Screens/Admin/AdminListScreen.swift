import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// A list in the administration area — stations, one station's windows, operators, lawyers —
/// with add (F3), edit (F4 or Enter), disable/enable (F5) and the list's own actions.
public struct AdminListScreen: Screen {
    public enum Kind: Sendable, Equatable {
        case stations
        case windows(Station)
        case operators
        case providers
    }

    public enum Action {
        public static func add(_ section: String) -> ActionID { ActionID(section + ".add") }
        public static func edit(_ section: String) -> ActionID { ActionID(section + ".edit") }
        public static func toggle(_ section: String) -> ActionID { ActionID(section + ".toggle") }
        public static let windows: ActionID = "admin_stations.windows"
        public static let resetPIN: ActionID = "admin_operators.reset_pin"
        public static let unlock: ActionID = "admin_operators.unlock"
        public static let link: ActionID = "admin_operators.link"
    }

    /// Everything the lists and their forms need, read in one go.
    struct Loaded: Sendable {
        var stations: [Station] = []
        var windows: [ServiceWindow] = []
        var operators: [Operator] = []
        var providers: [ProviderEdit] = []
        var providerActive: [Int64: Bool] = [:]
    }

    struct Done: Sendable { let message: String }

    public let session: Session
    public let kind: Kind
    private var data = Loaded()
    /// Read access for the editors (AdminEditors.swift).
    func data<T>(_ path: KeyPath<Loaded, T>) -> T { data[keyPath: path] }
    private var table: Table

    public init(session: Session, kind: Kind) {
        self.session = session
        self.kind = kind
        switch kind {
        case .stations:
            table = Table(columns: [TableColumn("代码", width: .fixed(10)), TableColumn("名称", width: .fill(2)),
                                    TableColumn("类型", width: .fixed(10)), TableColumn("值班", width: .fixed(10)),
                                    TableColumn("窗口", width: .fixed(4), alignment: .right), TableColumn("状态", width: .fixed(6))])
        case .windows:
            table = Table(columns: [TableColumn("窗口号", width: .fixed(8)), TableColumn("办理业务", width: .fill(1)),
                                    TableColumn("状态", width: .fixed(6))])
        case .operators:
            table = Table(columns: [TableColumn("姓名", width: .fixed(10)), TableColumn("角色", width: .fixed(12)),
                                    TableColumn("站点", width: .fill(1)), TableColumn("关联律师", width: .fixed(10)),
                                    TableColumn("状态", width: .fixed(12))])
        case .providers:
            table = Table(columns: [TableColumn("姓名", width: .fixed(8)), TableColumn("类别", width: .fixed(10)),
                                    TableColumn("专长", width: .fill(1)), TableColumn("年限", width: .fixed(4), alignment: .right),
                                    TableColumn("上限", width: .fixed(4), alignment: .right), TableColumn("状态", width: .fixed(6))])
        }
    }

    public var keymapSection: String {
        switch kind {
        case .stations: return "admin_stations"
        case .windows: return "admin_windows"
        case .operators: return "admin_operators"
        case .providers: return "admin_providers"
        }
    }

    public var title: String {
        switch kind {
        case .stations: return "管理 · 站点与窗口"
        case .windows(let s): return "窗口 · \(s.name)"
        case .operators: return "管理 · 操作员"
        case .providers: return "管理 · 律师与承办人员"
        }
    }

    private var actor: Actor { .operatorRecord(session.operatorRecord) }
    private var rowCount: Int {
        switch kind {
        case .stations: return data.stations.count
        case .windows: return data.windows.count
        case .operators: return data.operators.count
        case .providers: return data.providers.count
        }
    }
    private var selected: Int? { table.selectedRow.flatMap { (0..<rowCount).contains($0) ? $0 : nil } }

    public func isEnabled(_ action: ActionID) -> Bool {
        if action == StandardAction.save { return false }
        if action.rawValue.hasSuffix(".add") { return true }
        if action.rawValue.hasPrefix(keymapSection + ".") { return selected != nil }
        return true
    }

    // MARK: update

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return [load()]
        case .result(let loaded as Loaded):
            apply(loaded)
            return []
        case .result(let done as Done):
            return [.status(done.message, .success), load()]
        case .input(let input):
            if table.handle(input) { return [] }
            guard case .action(let action) = input else { return [] }
            return handle(action)
        default:
            return []
        }
    }

    private mutating func handle(_ action: ActionID) -> [Effect] {
        let section = keymapSection
        switch action {
        case Action.add(section):
            return [.push(editor(for: nil))]
        case Action.edit(section), StandardAction.confirm:
            guard let row = selected else { return [.status("请先选择一行", .warning)] }
            return [.push(editor(for: row))]
        case Action.toggle(section):
            guard let row = selected else { return [.status("请先选择一行", .warning)] }
            let (name, disabled) = describe(row)
            return [.confirm("确定\(disabled ? "启用" : "停用") \(name) 吗？", onYes: .input(.action(ActionID(section + ".toggle_confirmed"))))]
        case ActionID(section + ".toggle_confirmed"):
            guard let row = selected else { return [] }
            return [toggle(row)]
        case Action.windows:
            guard case .stations = kind, let row = selected else { return [] }
            return [.push(AdminListScreen(session: session, kind: .windows(data.stations[row])))]
        case Action.resetPIN:
            guard case .operators = kind, let row = selected else { return [] }
            return [.push(resetPINForm(data.operators[row]))]
        case Action.unlock:
            guard case .operators = kind, let row = selected else { return [] }
            let op = data.operators[row], actor = self.actor
            return [.perform { env in
                try env.store.unlockOperator(op.id ?? 0, by: actor)
                return Done(message: "已解除 \(op.name) 的登录锁定")
            }]
        case Action.link:
            guard case .operators = kind, let row = selected else { return [] }
            return [.push(linkForm(data.operators[row]))]
        default:
            return []
        }
    }

    private func describe(_ row: Int) -> (String, Bool) {
        switch kind {
        case .stations: return (data.stations[row].name, data.stations[row].disabled)
        case .windows: return ("\(data.windows[row].number) 号窗口", data.windows[row].disabled)
        case .operators: return (data.operators[row].name, data.operators[row].disabled)
        case .providers:
            let p = data.providers[row]
            return (p.name, !(data.providerActive[p.id ?? 0] ?? true))
        }
    }

    private func toggle(_ row: Int) -> Effect {
        let actor = self.actor
        let (name, disabled) = describe(row)
        let verb = disabled ? "启用" : "停用"
        switch kind {
        case .stations:
            let id = data.stations[row].id ?? 0
            return .perform { env in try env.store.setStationDisabled(id, !disabled, by: actor); return Done(message: "已\(verb) \(name)") }
        case .windows:
            let id = data.windows[row].id ?? 0
            return .perform { env in try env.store.setServiceWindowDisabled(id, !disabled, by: actor); return Done(message: "已\(verb) \(name)") }
        case .operators:
            let id = data.operators[row].id ?? 0
            return .perform { env in try env.store.setOperatorDisabled(id, !disabled, by: actor); return Done(message: "已\(verb)操作员 \(name)") }
        case .providers:
            let id = data.providers[row].id ?? 0
            return .perform { env in try env.store.setProviderActive(id, disabled, by: actor); return Done(message: "已\(verb)承办人员 \(name)") }
        }
    }

    private func load() -> Effect {
        let kind = self.kind
        return .perform { env in
            var loaded = Loaded()
            loaded.stations = try env.store.allStations()
            switch kind {
            case .windows(let s): loaded.windows = try env.store.serviceWindows(stationID: s.id ?? 0)
            case .stations:
                for s in loaded.stations { loaded.windows += try env.store.serviceWindows(stationID: s.id ?? 0) }
            case .operators, .providers:
                loaded.operators = try env.store.operators()
                let providers = try env.store.providerEdits()
                loaded.providers = providers.map(\.edit)
                loaded.providerActive = Dictionary(providers.map { ($0.edit.id ?? 0, $0.active) }, uniquingKeysWith: { a, _ in a })
            }
            return loaded
        }
    }

    private mutating func apply(_ loaded: Loaded) {
        data = loaded
        table.setRows(Array(repeating: [""], count: rowCount))
        if rowCount > 0, table.selectedRow == nil { table.select(row: 0) }
    }

    // MARK: view

    func rows() -> [[String]] {
        let stationName = Dictionary(data.stations.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        let providerName = Dictionary(data.providers.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        switch kind {
        case .stations:
            return data.stations.map { s in
                let windows = data.windows.filter { $0.stationID == s.id && !$0.disabled }.count
                return [s.code, s.name, s.kind.shortLabel, s.dutyPattern.label, String(windows), s.disabled ? "✗停用" : "在用"]
            }
        case .windows:
            return data.windows.map { w in
                [w.number + " 号", w.services.map { code in QueueService.all.first { $0.code == code }?.label ?? code }.joined(separator: "、"),
                 w.disabled ? "✗停用" : "在用"]
            }
        case .operators:
            return data.operators.map { op in
                var status = op.disabled ? "✗停用" : "在用"
                if let until = op.lockedUntil, !op.disabled { status = "⚠锁定至" + String(until.dropFirst(11).prefix(5)) }
                return [op.name, op.role.label, op.stationID.flatMap { stationName[$0] } ?? "—",
                        op.providerID.flatMap { providerName[$0] } ?? "—", status]
            }
        case .providers:
            return data.providers.map { p in
                [p.name + (p.isLeading ? "★" : ""), p.kind.label, p.specialties.joined(separator: ","),
                 p.practiceYears.map(String.init) ?? "—", p.maxLoad.map(String.init) ?? "—",
                 (data.providerActive[p.id ?? 0] ?? true) ? "在册" : "✗停用"]
            }
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(top: 0, left: 1, bottom: 0, right: 1)
        let k = context.keymap
        var hints = ["\(k.keyLabel(for: Action.add(keymapSection))) 新增", "\(k.keyLabel(for: Action.edit(keymapSection))) 修改",
                     "\(k.keyLabel(for: Action.toggle(keymapSection))) 停用/启用"]
        switch kind {
        case .stations: hints.append("\(k.keyLabel(for: Action.windows)) 窗口")
        case .operators: hints += ["\(k.keyLabel(for: Action.resetPIN)) 重置PIN", "\(k.keyLabel(for: Action.unlock)) 解锁",
                                   "\(k.keyLabel(for: Action.link)) 关联律师"]
        default: break
        }
        canvas.drawLine("共 \(rowCount) 条　" + hints.joined(separator: "　"), in: inner.row(0), style: theme[.header])
        var t = table
        t.setRows(rows())
        t.render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 2)), on: &canvas,
                 theme: theme, focused: true)
        if rowCount == 0 {
            canvas.drawLine("（还没有记录：按 \(k.keyLabel(for: Action.add(keymapSection))) 新增）", in: inner.row(3), style: theme[.dim])
        }
        let note: String
        switch kind {
        case .stations: note = "站点代码：行政区划代码（GB/T 2260）6 位，乡镇 9 位，村（社区）12 位"
        case .windows: note = "排队叫号时，本终端的窗口号在叫号画面按 w 设置，只对本终端生效"
        case .operators: note = "停用的操作员不能登录；最后一位管理员不能停用或改角色"
        case .providers: note = "★ 名优律师；年限指相关执业年限（法律援助法第二十六条要求三年以上）"
        }
        canvas.drawLine(note, in: inner.row(inner.height - 1), style: theme[.dim])
    }
}

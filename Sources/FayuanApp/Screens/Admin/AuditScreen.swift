import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// The audit trail for administrators: who did what to which record, and whether the hash chain
/// is intact. Filters by operator, kind of record and date.
public struct AuditScreen: Screen {
    struct Loaded: Sendable {
        let entries: [AuditEntry]
        let brokenAt: Int64?
        let total: Int
        let operators: [Operator]
        let entityKinds: [String]
    }

    let session: Session
    private var operators: [Operator] = []
    private var operatorFilter: SelectList
    private var entityFilter: SelectList
    private var fromDate = DateField()
    private var toDate = DateField()
    private var table: Table
    private var focus = 4
    private var chain: String?
    private var problem: String?

    /// Chinese names for the audited kinds of record and actions; unknown codes show as stored.
    static let entityLabels: [String: String] = [
        "applicant": "申请人", "aid_case": "案件", "case": "案件", "consultation": "咨询", "operator": "操作员",
        "session": "终端会话", "station": "站点", "provider": "承办人员", "duty_shift": "值班", "subsidy": "补贴",
        "queue_ticket": "排队号", "setting": "设置", "import": "导入", "store": "案件库",
    ]
    static let actionLabels: [String: String] = [
        "create": "新建", "update": "修改", "delete": "删除", "login": "登录", "login_failed": "PIN 错误",
        "login_locked": "锁定", "login_refused": "锁定中拒绝", "lock": "锁屏", "unlock": "解锁",
        "session_start": "开始使用", "hangup": "断线", "reveal": "查看完整信息", "reset_pin": "重置 PIN",
        "disable": "停用", "enable": "启用", "accept": "受理", "decide": "决定", "assign": "指派",
        "advance": "推进", "import": "导入", "export": "导出", "seed": "生成示例数据",
    ]

    public init(session: Session) {
        self.session = session
        operatorFilter = Self.operatorList([], selected: "")
        entityFilter = Self.entityList([], selected: "")
        table = Table(columns: [
            TableColumn("编号", width: .fixed(6), alignment: .right),
            TableColumn("时间（UTC）", width: .fixed(16)),
            TableColumn("操作员", width: .fixed(10)),
            TableColumn("动作", width: .fixed(12)),
            TableColumn("对象", width: .fixed(12)),
            TableColumn("说明", width: .fill(1)),
        ])
    }

    private static func operatorList(_ operators: [Operator], selected: String?) -> SelectList {
        SelectList(options: [SelectOption(id: "", label: "全部操作员")]
            + operators.map { SelectOption(id: String($0.id ?? 0), label: $0.name) }, selectedID: selected ?? "")
    }

    private static func entityList(_ kinds: [String], selected: String?) -> SelectList {
        SelectList(options: [SelectOption(id: "", label: "全部对象")]
            + kinds.map { SelectOption(id: $0, label: entityLabels[$0] ?? $0) }, selectedID: selected ?? "")
    }

    public var keymapSection: String { "audit" }
    public var title: String { "审计日志" }
    public var acceptsText: Bool { focus == 2 || focus == 3 }
    public var capturesBack: Bool { false }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return reload()
        case .result(let result as Loaded):
            problem = nil
            if result.operators != operators {
                operators = result.operators
                operatorFilter = Self.operatorList(operators, selected: operatorFilter.selectedID)
            }
            if result.entityKinds.count + 1 != entityFilter.options.count {
                entityFilter = Self.entityList(result.entityKinds, selected: entityFilter.selectedID)
            }
            table.setRows(result.entries.map(row))
            chain = result.brokenAt.map { "✗ 审计链在第 \($0) 条记录处断开，记录可能被篡改" } ?? "✓ 审计链完整（共 \(result.total) 条记录）"
            return []
        case .input(.action(StandardAction.nextField)):
            focus = (focus + 1) % 5
        case .input(.action(StandardAction.previousField)):
            focus = (focus + 4) % 5
        case .input(.action(StandardAction.confirm)) where focus < 4:
            return reload()
        case .input(.action(Action.refresh)):
            // Said in words: the same list read again looks like nothing happened.
            return reload() + [.status("已按条件重新查询", .info)]
        case .input(let input):
            switch focus {
            case 0: _ = operatorFilter.handle(input)
            case 1: _ = entityFilter.handle(input)
            case 2: _ = fromDate.handle(input)
            case 3: _ = toDate.handle(input)
            default: _ = table.handle(input)
            }
        default: break
        }
        return []
    }

    public enum Action {
        public static let refresh: ActionID = "audit.refresh"
    }

    private mutating func reload() -> [Effect] {
        for (field, name) in [(fromDate, "起始日期"), (toDate, "截止日期")] where !field.isEmpty && field.value == nil {
            problem = "\(name)：\(field.validationMessage ?? DateField.formatMessage)"
            return []
        }
        let filter = AuditFilter(
            operatorID: operatorFilter.selectedID.flatMap { Int64($0) },
            entity: entityFilter.selectedID.flatMap { $0.isEmpty ? nil : $0 },
            from: fromDate.value.map { $0.description }, to: toDate.value.map { $0.description })
        let viewer = session.operatorRecord
        return [.perform { env in
            let entries = try env.store.auditEntries(filter, by: viewer)
            return Loaded(entries: entries, brokenAt: try env.store.verifyAuditChain(), total: try env.store.auditCount(),
                          operators: try env.store.operators(), entityKinds: try env.store.auditEntityKinds())
        }]
    }

    private func row(_ e: AuditEntry) -> [String] {
        let who = e.operatorID.flatMap { id in operators.first { $0.id == id }?.name } ?? (e.operatorID.map { "#\($0)" } ?? "命令行")
        let time = String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let entity = (Self.entityLabels[e.entity] ?? e.entity) + " " + e.entityID
        return [String(e.id), time, who, Self.actionLabels[e.action] ?? e.action, entity, e.detail]
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let rows = Layout.split(area.inset(left: 1, right: 1), .vertical, [.fixed(1), .fixed(1), .fixed(1), .fill(1)])
        let cells = Layout.split(rows[0], .horizontal, [.fixed(24), .fixed(20), .fixed(17), .fixed(17)], spacing: 1)
        func label(_ text: String, _ index: Int, _ rect: Rect) -> Rect {
            let focused = focus == index
            let w = canvas.draw((focused ? "▶" : " ") + text + " ", at: Point(x: rect.x, y: rect.y), style: theme[focused ? .header : .label])
            return Rect(x: rect.x + w, y: rect.y, width: rect.width - w, height: 1)
        }
        operatorFilter.renderCompact(in: label("操作员", 0, cells[0]), on: &canvas, theme: theme, focused: focus == 0)
        entityFilter.renderCompact(in: label("对象", 1, cells[1]), on: &canvas, theme: theme, focused: focus == 1)
        var from = fromDate, to = toDate
        from.render(in: label("自", 2, cells[2]), on: &canvas, theme: theme, focused: focus == 2)
        to.render(in: label("至", 3, cells[3]), on: &canvas, theme: theme, focused: focus == 3)
        if let problem {
            canvas.drawLine("✗ " + problem, in: rows[1], style: theme[.error])
        } else if let chain {
            canvas.drawLine(chain + "　Tab 换栏，Enter 按条件查询", in: rows[1], style: theme[chain.hasPrefix("✗") ? .error : .success])
        } else {
            canvas.drawLine("正在读取审计日志……", in: rows[1], style: theme[.dim])
        }
        var t = table
        t.render(in: rows[3], on: &canvas, theme: theme, focused: focus == 4)
    }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 管理 (home menu 8): the administration area for administrators and the centre head. Each
/// entry appears only to a role that may use it; the store checks the same permissions again.
public struct AdminMenuScreen: Screen {
    public struct Entry {
        public let key: Character
        public let title: String
        public let detail: String
        public let open: () -> any Screen
        public init(key: Character, title: String, detail: String, open: @escaping () -> any Screen) {
            self.key = key; self.title = title; self.detail = detail; self.open = open
        }
    }

    public let session: Session
    public var entries: [Entry]
    private var selected = 0

    public init(session: Session, extra: [Entry] = []) {
        self.session = session
        let role = session.role
        var entries: [Entry] = []
        if AccessPolicy.allows(role, .manageSettings) {
            entries.append(Entry(key: "1", title: "站点与窗口", detail: "县级中心、乡镇工作站、联络点；各站点的服务窗口和办理的业务",
                                 open: { AdminListScreen(session: session, kind: .stations) }))
        }
        if AccessPolicy.allows(role, .manageOperators) {
            entries.append(Entry(key: "2", title: "操作员", detail: "新增、角色、站点、停用启用、重置 PIN、解除锁定、关联律师",
                                 open: { AdminListScreen(session: session, kind: .operators) }))
            entries.append(Entry(key: "3", title: "律师与承办人员", detail: "专长、相关执业年限、办案上限、在册或停用",
                                 open: { AdminListScreen(session: session, kind: .providers) }))
        }
        if AccessPolicy.allows(role, .manageSettings) {
            entries.append(Entry(key: "4", title: "系统设置", detail: "闲置锁屏、PIN 错误锁定、语音叫号、打印目录和打印机",
                                 open: { AdminScreens.settings(session: session) }))
        }
        // Keys 5 (节假日安排, HolidayCalendarScreen) and 6 (本地政策, LocalPolicyScreen) are
        // left for the holiday-calendar and local-policy screens, passed in as `extra`.
        if AccessPolicy.allows(role, .viewAudit) {
            entries.append(Entry(key: "7", title: "审计日志", detail: "谁在何时对哪条记录做了什么；审计链校验",
                                 open: { AuditScreen(session: session) }))
        }
        self.entries = (entries + extra).sorted { $0.key < $1.key }
    }

    public var keymapSection: String { "home" }
    public var title: String { "管理" }

    public mutating func update(_ msg: Msg) -> [Effect] {
        guard case .input(let input) = msg, !entries.isEmpty else { return [] }
        switch input {
        case .action(StandardAction.up): selected = (selected + entries.count - 1) % entries.count
        case .action(StandardAction.down): selected = (selected + 1) % entries.count
        case .action(StandardAction.confirm): return [.push(entries[selected].open())]
        case .text(let c):
            if let i = entries.firstIndex(where: { $0.key == c }) { selected = i; return [.push(entries[i].open())] }
            return [.status("没有编号为 “\(c)” 的管理项，请按 ↑↓ 选择后回车，或按前面的数字。", .warning)]
        default: break
        }
        return []
    }

    public func isEnabled(_ action: ActionID) -> Bool {
        action != StandardAction.save && action != HomeScreen.Action.theme && action != HomeScreen.Action.keymap
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(top: 1, left: 2, bottom: 0, right: 2)
        canvas.drawLine("请选择管理项（按数字，或 ↑↓ 后回车）：", in: inner.row(0), style: theme[.header])
        let titleWidth = (entries.map { $0.title.displayWidth }.max() ?? 0) + 2
        for (i, e) in entries.enumerated() {
            let row = inner.row(2 + i * 2)
            let head = "\(i == selected ? "▶" : " ") \(e.key). " + e.title.padded(toWidth: titleWidth)
            canvas.drawLine(head, in: row, style: i == selected ? theme[.selection] : theme[.normal])
            canvas.drawLine(e.detail.truncated(toWidth: max(0, row.width - head.displayWidth), ellipsis: true),
                            in: row.inset(left: head.displayWidth), style: theme[.dim])
        }
        canvas.drawLine("所有修改都记入审计日志（操作员、时间、修改前后）。", in: inner.row(inner.height - 1), style: theme[.dim])
    }
}

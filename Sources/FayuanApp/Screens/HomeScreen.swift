import Foundation
import TerminalKit

/// The first screen: the menu of everything the console can do, and today at a glance.
public struct HomeScreen: Screen {
    public enum Action {
        public static let theme: ActionID = "home.theme"
        public static let keymap: ActionID = "home.keymap"
    }

    /// One entry of the menu: typed digit or Enter on the selected row opens it.
    public struct MenuItem {
        public let key: Character
        public let title: String
        public let detail: String
        public let open: () -> any Screen

        public init(key: Character, title: String, detail: String, open: @escaping () -> any Screen) {
            self.key = key; self.title = title; self.detail = detail; self.open = open
        }
    }

    public var items: [MenuItem]
    public private(set) var selected = 0
    /// Lines shown under the menu when they apply (e.g. next year's holiday notice is missing);
    /// each returns nil when there is nothing to say.
    public var reminders: [(ViewContext) -> String?] = []

    public init(items: [MenuItem]) { self.items = items }

    public var keymapSection: String { "home" }
    public var title: String { "首页" }

    public mutating func update(_ msg: Msg) -> [Effect] {
        guard case .input(let input) = msg else { return [] }
        switch input {
        case .action(StandardAction.up): selected = (selected + items.count - 1) % max(1, items.count)
        case .action(StandardAction.down): selected = (selected + 1) % max(1, items.count)
        case .action(StandardAction.home): selected = 0
        case .action(StandardAction.end): selected = max(0, items.count - 1)
        case .action(StandardAction.confirm):
            if items.indices.contains(selected) { return [.push(items[selected].open())] }
        case .action(Action.theme): return [.cycleTheme]
        case .action(Action.keymap): return [.push(KeymapScreen())]
        case .text(let c):
            if let i = items.firstIndex(where: { $0.key == c }) {
                selected = i
                return [.push(items[i].open())]
            }
            return [.status("没有编号为 “\(c)” 的功能，请按 ↑↓ 选择后回车，或按功能前的数字。", .warning)]
        default: break
        }
        return []
    }

    /// Large text: only the items, one per line, with room between them.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        canvas.drawLine("请按数字选择：", in: area.row(0), style: theme[.header])
        let spacing = area.height >= items.count * (context.lineSpacing + 1) + 2 ? context.lineSpacing + 1 : 1
        for (i, item) in items.enumerated() {
            let isSelected = i == selected
            canvas.drawLine("\(isSelected ? "▶" : " ") \(item.key)  \(item.title)", in: area.row(2 + i * spacing),
                            style: isSelected ? theme[.selection] : theme[.normal])
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let columns = Layout.split(area.inset(top: 1, left: 2, bottom: 0, right: 2), .horizontal, [.fill(3), .fixed(2), .fill(2)])
        let menu = columns[0], side = columns[2]
        canvas.drawLine("请选择要办理的事项（按数字，或 ↑↓ 后回车）：", in: menu.row(0), style: theme[.header])
        // One row per item: number, title, and what it is for (dimmed), with a blank row between
        // items when the window is tall enough.
        let spacing = menu.height >= items.count * 2 + 2 ? 2 : 1
        let titleWidth = (items.map { $0.title.displayWidth }.max() ?? 0) + 2
        for (i, item) in items.enumerated() {
            let row = menu.row(2 + i * spacing)
            let isSelected = i == selected
            let head = "\(isSelected ? "▶" : " ") \(item.key). " + item.title.padded(toWidth: titleWidth)
            canvas.drawLine(head, in: row, style: isSelected ? theme[.selection] : theme[.normal])
            let used = head.displayWidth
            canvas.drawLine(item.detail.truncated(toWidth: max(0, row.width - used), ellipsis: true),
                            in: row.inset(left: used), style: theme[.dim])
        }
        let notes = reminders.compactMap { $0(context) }
        for (i, note) in notes.enumerated() {
            let row = area.row(area.height - notes.count + i).inset(left: 2, right: 2)
            canvas.drawLine("! " + note, in: row, style: theme[.warning])
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.environment.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .weekday], from: context.now)
        let today = String(format: "%04d年%d月%d日 ", c.year ?? 0, c.month ?? 0, c.day ?? 0) + Chrome.weekdays[((c.weekday ?? 1) - 1) % 7]
        let info: [(String, String)] = [
            ("今天", today),
            ("案件库", context.environment.storePath),
            ("配色", theme.name),
            ("键位", context.keymap.sources.joined(separator: " → ")),
        ]
        canvas.drawBox(Rect(x: side.x, y: side.y, width: side.width, height: min(side.height, info.count * 2 + 3)), style: theme[.border], title: "今日")
        let inner = side.inset(top: 1, left: 2, bottom: 1, right: 2)
        var y = 0
        for (label, value) in info {
            canvas.drawLine(label + "：", in: inner.row(y), style: theme[.label])
            canvas.drawLine(value.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(y + 1).inset(left: 2), style: theme[.normal])
            y += 2
        }
    }
}

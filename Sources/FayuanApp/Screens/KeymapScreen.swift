import TerminalKit

/// The effective keymap as a Chinese cheat-sheet (the same text as `fayuan keymap --print`).
public struct KeymapScreen: Screen {
    public private(set) var scroll = 0
    public init() {}

    public var keymapSection: String { "keymap" }
    public var title: String { "键位表" }

    public mutating func update(_ msg: Msg) -> [Effect] {
        guard case .input(.action(let action)) = msg else { return [] }
        switch action {
        case StandardAction.down: scroll += 1
        case StandardAction.up: scroll = max(0, scroll - 1)
        case StandardAction.pageDown: scroll += 10
        case StandardAction.pageUp: scroll = max(0, scroll - 10)
        case StandardAction.home: scroll = 0
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let lines = context.keymap.cheatSheet(names: AppActions.sectionNames).split(separator: "\n", omittingEmptySubsequences: false)
        let body = area.inset(top: 0, left: 2, bottom: 0, right: 1)
        let first = min(scroll, max(0, lines.count - body.height))
        for (i, line) in lines.dropFirst(first).prefix(body.height).enumerated() {
            canvas.drawLine(String(line), in: body.row(i), style: line.hasPrefix("【") ? context.theme[.header] : context.theme[.normal])
        }
    }
}

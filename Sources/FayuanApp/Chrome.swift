import Foundation
import TerminalKit

/// The parts of the frame around every screen: title bar, status line, function-key bar,
/// help overlay, confirm dialog and the too-small notice.
enum Chrome {
    static let weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"]

    static func drawTitle<C: Canvas>(_ canvas: inout C, in rect: Rect, title: String, context: ViewContext) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.environment.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: context.now)
        let clock = String(format: "%04d-%02d-%02d %@ %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                           weekdays[((c.weekday ?? 1) - 1) % 7], c.hour ?? 0, c.minute ?? 0)
        let left = " 法援 · \(title)"
        let style = context.theme[.title]
        canvas.drawLine(left, in: rect, style: style)
        // The right side shrinks before it disappears: station, then operator, then the clock.
        var candidates: [String] = []
        if let s = context.session {
            let who = "\(s.operatorName)（\(s.role.label)）"
            if let station = s.station { candidates.append(who + " · " + station.name + "  " + clock + " ") }
            candidates.append(who + "  " + clock + " ")
        }
        candidates.append(clock + " ")
        if let right = candidates.first(where: { left.displayWidth + $0.displayWidth + 2 <= rect.width }) {
            canvas.draw(right, at: Point(x: rect.maxX - right.displayWidth, y: rect.y), style: style)
        }
    }

    /// "1帮助  2保存 …10退出" from the active keymap; unbound or disabled slots stay blank. When
    /// the keymap binds no function keys on this screen (the nofkeys map), shows the real keys
    /// of the same actions instead ("^G帮助 ^S保存").
    static func drawFunctionKeys<C: Canvas>(_ canvas: inout C, in rect: Rect, keymap: Keymap, section: String,
                                             theme: Theme, enabled: (ActionID) -> Bool) {
        let slots = keymap.functionKeySlots(screen: section, enabled: enabled)
        // A keymap whose help is not on an F-key (nofkeys) is for terminals where F-keys may not
        // arrive: its bar spells the keys it prefers, never F-keys kept as second choices.
        if !prefersFunctionKeys(keymap) || slots.filter({ $0.1 != nil }).count <= 1 {
            canvas.clear(rect, style: theme[.normal])
            drawKeyHints(&canvas, in: rect, keymap: keymap, section: section, theme: theme, enabled: enabled)
            return
        }
        FunctionKeyBar(slots).render(in: rect, on: &canvas, theme: theme)
    }

    /// Whether the keymap's first key for help is an F-key (default, vi) or not (nofkeys).
    static func prefersFunctionKeys(_ keymap: Keymap) -> Bool {
        if case .function? = keymap.keys(for: StandardAction.help).first { return true }
        return false
    }

    /// A key as the bars spell it: "^N" for Ctrl-N.
    static func keyName(_ key: Key) -> String { key.label.replacingOccurrences(of: "Ctrl-", with: "^") }

    /// The screen's own actions that are on now and bound to a key, in keymap order.
    static func screenActions(keymap: Keymap, section: String, enabled: (ActionID) -> Bool) -> [ActionID] {
        keymap.order.filter { $0.section == section && !keymap.keys(for: $0).isEmpty && enabled($0) }
    }

    private static func drawKeyHints<C: Canvas>(_ canvas: inout C, in rect: Rect, keymap: Keymap, section: String,
                                                 theme: Theme, enabled: (ActionID) -> Bool) {
        let actions: [ActionID] = [StandardAction.help, StandardAction.save, "app.menu"]
            + screenActions(keymap: keymap, section: section, enabled: enabled) + [StandardAction.quit]
        var x = rect.x
        for action in actions where enabled(action) {
            guard let key = keymap.keys(for: action).first, let spec = keymap.specs[action] else { continue }
            let name = keyName(key)
            guard x + name.displayWidth + spec.short.displayWidth + 1 < rect.maxX else { break }
            x += canvas.draw(name, at: Point(x: x, y: rect.y), style: theme[.functionKeyNumber])
            x += canvas.draw(spec.short, at: Point(x: x, y: rect.y), style: theme[.functionKeyLabel])
            x += 1
        }
    }

    static func drawTooSmall<C: Canvas>(_ canvas: inout C, theme: Theme, minimum: Size, largeTextKey: String?) {
        let size = canvas.size
        var message = "窗口太小：当前 \(size.width)×\(size.height)，至少需要 \(minimum.width)×\(minimum.height)。请放大窗口或缩小字体。"
        if let largeTextKey, minimum != App.minimumLargeSize,
           size.width >= App.minimumLargeSize.width, size.height >= App.minimumLargeSize.height {
            message += "也可按 \(largeTextKey) 使用大字模式。"
        }
        let lines = message.wrapped(toWidth: max(1, size.width - 2))
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            canvas.drawLine(line, in: Rect(x: 0, y: top + i, width: size.width, height: 1), style: theme[.warning], alignment: .center)
        }
    }
}

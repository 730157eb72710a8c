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
        let right = clock + " "
        let style = context.theme[.title]
        canvas.drawLine(left, in: rect, style: style)
        let rw = right.displayWidth
        if left.displayWidth + rw + 2 <= rect.width {
            canvas.draw(right, at: Point(x: rect.maxX - rw, y: rect.y), style: style)
        }
    }

    static func drawStatus<C: Canvas>(_ canvas: inout C, in rect: Rect, status: (text: String, severity: Severity)?, theme: Theme) {
        guard let status else { canvas.clear(rect, style: theme[.normal]); return }
        let (mark, role): (String, Role) = switch status.severity {
        case .info: ("ℹ ", .info)
        case .success: ("✓ ", .success)
        case .warning: ("⚠ ", .warning)
        case .error: ("✗ ", .error)
        }
        canvas.drawLine(" " + mark + status.text, in: rect, style: theme[role])
    }

    /// "1帮助  2保存 …10退出" from the active keymap; unbound or disabled slots stay blank. When
    /// the keymap binds no function keys on this screen (the nofkeys map), shows the real keys
    /// of the same actions instead ("^G帮助 ^S保存").
    static func drawFunctionKeys<C: Canvas>(_ canvas: inout C, in rect: Rect, keymap: Keymap, section: String,
                                             theme: Theme, enabled: (ActionID) -> Bool) {
        canvas.clear(rect, style: theme[.normal])
        let slots = keymap.functionKeySlots(screen: section, enabled: enabled)
        let bound = slots.filter { $0.1 != nil }
        if bound.count <= 1 {
            drawKeyHints(&canvas, in: rect, keymap: keymap, section: section, theme: theme, enabled: enabled)
            return
        }
        let slotWidth = max(6, rect.width / slots.count)
        var x = rect.x
        for (n, label) in slots {
            guard x + 2 < rect.maxX else { break }
            let number = String(n)
            canvas.draw(number, at: Point(x: x, y: rect.y), style: theme[.functionKeyNumber])
            let labelWidth = min(slotWidth, rect.maxX - x) - number.displayWidth
            let text = (label ?? "").padded(toWidth: max(0, labelWidth - 1))
            canvas.draw(text, at: Point(x: x + number.displayWidth, y: rect.y), style: theme[.functionKeyLabel])
            x += slotWidth
        }
    }

    private static func drawKeyHints<C: Canvas>(_ canvas: inout C, in rect: Rect, keymap: Keymap, section: String,
                                                 theme: Theme, enabled: (ActionID) -> Bool) {
        let actions: [ActionID] = [StandardAction.help, StandardAction.save, "app.menu"]
            + keymap.specs.keys.filter { $0.section == section }.sorted() + [StandardAction.quit]
        var x = rect.x
        for action in actions where enabled(action) {
            guard let key = keymap.keys(for: action).first, let spec = keymap.specs[action] else { continue }
            let name = key.label.replacingOccurrences(of: "Ctrl-", with: "^")
            guard x + name.displayWidth + spec.short.displayWidth + 1 < rect.maxX else { break }
            x += canvas.draw(name, at: Point(x: x, y: rect.y), style: theme[.functionKeyNumber])
            x += canvas.draw(spec.short, at: Point(x: x, y: rect.y), style: theme[.functionKeyLabel])
            x += 1
        }
    }

    static func drawHelp<C: Canvas>(_ canvas: inout C, scroll: Int, keymap: Keymap, section: String, title: String, theme: Theme) {
        var lines: [(String, Role)] = []
        for group in keymap.helpSections(screen: section, names: AppActions.sectionNames) {
            lines.append(("【\(group.title)】", .header))
            let keyWidth = min(20, group.rows.map { $0.keys.displayWidth }.max() ?? 8)
            for row in group.rows {
                lines.append(("  " + row.keys.padded(toWidth: keyWidth) + "  " + row.label, .dialog))
            }
        }
        let box = canvas.bounds.inset(top: 2, left: 4, bottom: 2, right: 4)
        canvas.clear(box, style: theme[.dialog])
        let closeKeys = keymap.keys(for: StandardAction.back).first.map(\.label) ?? "Esc"
        canvas.drawBox(box, style: theme[.dialog], title: "帮助 · \(title)（\(closeKeys) 关闭，↑↓ 翻看）")
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let first = min(scroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            canvas.drawLine(line.0, in: inner.row(i), style: theme[line.1])
        }
        if first + inner.height < lines.count {
            canvas.draw(" ↓ 还有 \(lines.count - first - inner.height) 行 ", at: Point(x: box.maxX - 16, y: box.maxY - 1), style: theme[.dialog])
        }
    }

    static func drawConfirm<C: Canvas>(_ canvas: inout C, question: String, yesSelected: Bool, theme: Theme) {
        let width = min(canvas.size.width - 4, max(40, question.displayWidth + 6))
        let lines = question.wrapped(toWidth: width - 4)
        let box = canvas.bounds.centered(width: width, height: lines.count + 4)
        canvas.clear(box, style: theme[.dialog])
        canvas.drawBox(box, style: theme[.dialog], title: "请确认")
        for (i, line) in lines.enumerated() {
            canvas.drawLine(line, in: box.inset(top: 1, left: 2, bottom: 1, right: 2).row(i), style: theme[.dialog], alignment: .center)
        }
        let yes = yesSelected ? "▶[是(Y)]" : " [是(Y)]"
        let no = yesSelected ? " [否(N)]" : "▶[否(N)]"
        let buttons = yes + "    " + no
        let bx = box.x + (box.width - buttons.displayWidth) / 2
        canvas.draw(yes, at: Point(x: bx, y: box.maxY - 2), style: yesSelected ? theme[.selection] : theme[.dialog])
        canvas.draw(no, at: Point(x: bx + yes.displayWidth + 4, y: box.maxY - 2), style: yesSelected ? theme[.dialog] : theme[.selection])
    }

    static func drawTooSmall<C: Canvas>(_ canvas: inout C, theme: Theme) {
        let size = canvas.size
        let message = "窗口太小：当前 \(size.width)×\(size.height)，至少需要 \(App.minimumSize.width)×\(App.minimumSize.height)。请放大窗口或缩小字体。"
        let lines = message.wrapped(toWidth: max(1, size.width - 2))
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            canvas.drawLine(line, in: Rect(x: 0, y: top + i, width: size.width, height: 1), style: theme[.warning], alignment: .center)
        }
    }
}

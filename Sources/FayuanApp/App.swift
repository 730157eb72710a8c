import Foundation
import TerminalKit

/// The app loop's state: the screen stack, overlays, status line and theme. Key → action →
/// update → effects → view. Runs headless in tests (feed keys, render into a `GridCanvas`) and
/// under `AppRunner` on a real terminal.
public final class App {
    /// The normal layout needs this much room; below it the console says so instead of drawing.
    public static let minimumSize = Size(width: 80, height: 24)
    /// The large-text layout is made for a terminal whose font was enlarged: 40×12 is enough.
    public static let minimumLargeSize = Size(width: 40, height: 12)

    public private(set) var stack: [any Screen]
    public let keymap: Keymap
    public private(set) var theme: Theme
    public let environment: AppEnvironment
    public private(set) var status: (text: String, severity: Severity)?
    public private(set) var overlay: Overlay?
    public private(set) var shouldQuit = false
    /// Set when the terminal should be repainted from scratch (Ctrl-R, theme change).
    public var needsFullRedraw = false
    /// The operator at the keyboard; nil on the login and lock screens.
    public private(set) var session: Session?
    /// Each operator's screens while someone else has the terminal (or it is locked). Kept in
    /// memory for this process only and never shown to anyone else; drafts reach the store on
    /// `.suspending`.
    private var suspended: [Int64: [any Screen]] = [:]
    private let makeHome: ((Session) -> any Screen)?
    private var lastInput: Date
    /// Lock after this long without a key while someone is logged in (nil: never).
    public var idleLockAfter: TimeInterval?
    /// 大字模式 for this session; F11 toggles it and remembers the choice for the operator.
    public private(set) var largeText = false
    /// A blank line between rows in large views (大字模式 option), remembered per operator.
    public private(set) var wideSpacing = false

    public enum Overlay {
        case help(HelpOverlay)
        case confirm(ConfirmDialog, then: ConfirmAction)
    }

    public enum ConfirmAction {
        case quit
        case pop
        case toRoot
        case message(Msg)
    }

    /// `root` is the first screen (the login gate in the console; any screen in tests).
    /// `makeHome` builds an operator's home screen after login.
    public init(root: any Screen, keymap: Keymap, theme: Theme = .standard, environment: AppEnvironment,
                session: Session? = nil, makeHome: ((Session) -> any Screen)? = nil) {
        self.stack = [root]
        self.keymap = keymap
        self.theme = theme
        self.environment = environment
        self.session = session
        self.makeHome = makeHome
        self.lastInput = environment.clock()
    }

    public var top: any Screen { stack[stack.count - 1] }

    // MARK: Input

    /// Handles one key press.
    public func handle(_ key: Key) {
        if key == .resize { needsFullRedraw = true; return }
        lastInput = environment.clock()
        if let overlay { handleOverlay(key, overlay); return }
        if top.acceptsText, case .character(let c) = key {
            send(.input(.text(c)))
            return
        }
        guard let action = keymap.action(for: key, screen: top.keymapSection) else {
            if case .character(let c) = key { send(.input(.text(c))) }
            return
        }
        handle(action: action)
    }

    /// Feeds a key script ("张三<Tab><F2>") — for tests and benchmarks.
    public func type(_ script: String) {
        for key in KeyScript.parse(script) { handle(key) }
    }

    public func handle(action: ActionID) {
        status = nil
        switch action {
        case StandardAction.help:
            overlay = .help(helpOverlay())
        case StandardAction.quit:
            if stack.contains(where: { $0.isDirty }) {
                overlay = .confirm(ConfirmDialog(question: "有尚未保存的内容，确定要退出吗？"), then: .quit)
            } else {
                shouldQuit = true
            }
        case StandardAction.redraw:
            needsFullRedraw = true
        case "app.lock" where session != nil:
            lock(reason: "按键锁屏")
        case "app.line_spacing":
            wideSpacing.toggle()
            needsFullRedraw = true
            status = (wideSpacing ? "行间距已加大（行与行之间空一行）" : "行间距已恢复", .info)
            if let id = session?.operatorID {
                try? environment.store.setOperatorPreference(id, "line_spacing", wideSpacing ? "2" : "1")
            }
        case "app.large_text":
            largeText.toggle()
            needsFullRedraw = true
            status = (largeText ? "已切换为大字模式（再按一次恢复）" : "已恢复普通字号", .info)
            if let id = session?.operatorID {
                try? environment.store.setOperatorPreference(id, "large_text", largeText ? "1" : "0")
            }
        case "app.menu" where stack.count > 1:
            if stack.dropFirst().contains(where: { $0.isDirty }) {
                overlay = .confirm(ConfirmDialog(question: "有尚未保存的内容，确定放弃并回到首页吗？"), then: .toRoot)
            } else {
                popToRoot()
            }
        case StandardAction.back where stack.count > 1 && !top.capturesBack:
            if top.isDirty {
                overlay = .confirm(ConfirmDialog(question: "有尚未保存的内容，确定放弃并返回吗？"), then: .pop)
            } else {
                pop()
            }
        default:
            send(.input(.action(action)))
        }
    }

    /// Time passes: screens update clocks and poll; an idle terminal locks itself.
    public func tick() {
        let now = environment.clock()
        if let limit = idleLockAfter, session != nil, now.timeIntervalSince(lastInput) >= limit {
            lock(reason: "闲置 \(Int(limit / 60)) 分钟自动锁屏")
            return
        }
        send(.tick(now))
    }

    /// Locks the terminal: every open screen saves its draft, the operator's screens are put
    /// aside, and the lock screen (showing nothing of them) takes over.
    public func lock(reason: String) {
        guard let current = session else { return }
        suspendScreens()
        suspended[current.operatorID] = stack
        overlay = nil
        status = nil
        session = nil
        try? environment.store.recordSessionEvent("lock", detail: reason, operatorID: current.operatorID)
        let operators = (try? environment.store.operators(includeDisabled: false)) ?? [current.operatorRecord]
        stack = [LoginScreen(mode: .locked(operatorID: current.operatorID, operatorName: current.operatorName), operators: operators)]
        needsFullRedraw = true
    }

    /// The connection is gone (SIGHUP) or the process is told to stop: save drafts now.
    public func hangUp() {
        suspendScreens()
        if let current = session {
            try? environment.store.recordSessionEvent("hangup", detail: "终端断开，未保存内容已存为草稿", operatorID: current.operatorID)
        }
    }

    /// Gives every screen on the stack, top first, the chance to save its draft.
    private func suspendScreens() {
        for index in stack.indices.reversed() {
            var screen = stack[index]
            let effects = screen.update(.suspending)
            stack[index] = screen
            for case .perform(let work) in effects { _ = try? work(environment) }
        }
    }

    private func logIn(_ new: Session) {
        let previous = suspended.keys.contains(new.operatorID) ? "解锁" : "登录"
        session = new
        overlay = nil
        status = ("\(new.operatorName)（\(new.role.label)）已\(previous)", .success)
        try? environment.store.recordSessionEvent(previous == "解锁" ? "unlock" : "session_start",
                                                  detail: previous, operatorID: new.operatorID)
        if let saved = suspended.removeValue(forKey: new.operatorID) {
            stack = saved
            send(.resumed)
        } else if let makeHome {
            stack = [makeHome(new)]
        }
        lastInput = environment.clock()
        largeText = (try? environment.store.operatorPreference(new.operatorID, "large_text")) == "1"
        wideSpacing = (try? environment.store.operatorPreference(new.operatorID, "line_spacing")) == "2"
        needsFullRedraw = true
    }

    /// Delivers a message to the top screen and carries out the effects it asks for.
    public func send(_ msg: Msg) {
        var screen = stack.removeLast()
        let effects = screen.update(msg)
        stack.append(screen)
        run(effects)
    }

    func run(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .push(let s):
                stack.append(s)
                send(.resumed)
            case .pop:
                pop()
            case .replace(let s):
                stack[stack.count - 1] = s
            case .quit:
                shouldQuit = true
            case .status(let text, let severity):
                status = (text, severity)
            case .confirm(let question, let onYes):
                overlay = .confirm(ConfirmDialog(question: question), then: .message(onYes))
            case .perform(let work):
                do {
                    let value = try work(environment)
                    send(.result(value))
                } catch {
                    let message = "\(error)"
                    status = (message, .error)
                    send(.result(PerformFailed(message: message)))
                }
            case .login(let new):
                logIn(new)
                return
            case .lock:
                lock(reason: "锁屏")
                return
            case .setTheme(let t):
                theme = t
                needsFullRedraw = true
            case .cycleTheme:
                let all = Theme.all
                let i = all.firstIndex { $0.id == theme.id } ?? 0
                theme = all[(i + 1) % all.count]
                status = ("配色已切换为：\(theme.name)", .info)
                needsFullRedraw = true
            case .redraw:
                needsFullRedraw = true
            }
        }
    }

    private func pop() {
        guard stack.count > 1 else { return }
        stack.removeLast()
        send(.resumed)
    }

    private func popToRoot() {
        guard stack.count > 1 else { return }
        stack.removeSubrange(1...)
        send(.resumed)
    }

    private func handleOverlay(_ key: Key, _ current: Overlay) {
        let action = keymap.action(for: key, screen: nil)
        let input: Input
        if case .character(let c) = key, action == nil { input = .text(c) } else if let action { input = .action(action) } else { return }
        switch current {
        case .help(var help):
            if input == .action(StandardAction.back) || input == .action(StandardAction.help) || input == .action(StandardAction.quit) {
                overlay = nil
            } else {
                _ = help.handle(input)
                overlay = .help(help)
            }
        case .confirm(var dialog, let then):
            _ = dialog.handle(input)
            guard let result = dialog.result else { overlay = .confirm(dialog, then: then); return }
            overlay = nil
            guard result == .yes else { return }
            switch then {
            case .quit: shouldQuit = true
            case .pop: pop()
            case .toRoot: popToRoot()
            case .message(let msg): send(msg)
            }
        }
    }

    /// Help for the top screen, generated from the active keymap.
    private func helpOverlay() -> HelpOverlay {
        let close = keymap.keys(for: StandardAction.back).first.map(\.label) ?? "Esc"
        let sections = keymap.helpSections(screen: top.keymapSection, names: AppActions.sectionNames).map { group in
            HelpSection("【\(group.title)】", group.rows.map { HelpEntry($0.keys, $0.label) })
        }
        return HelpOverlay(title: "帮助 · \(top.title)（\(close) 关闭，↑↓ 翻看）", sections: sections)
    }

    // MARK: Drawing

    /// The large-text frame: a plain title, the screen's large layout, the message in words, and
    /// the few keys that matter, spelled out. Always high contrast.
    private func renderLarge<C: Canvas>(into canvas: inout C) {
        let large = Theme.highContrast
        canvas.clear(canvas.bounds, style: large[.normal])
        var context = ViewContext(theme: large, keymap: keymap, now: environment.clock(), environment: environment, session: session)
        context.largeText = true
        context.lineSpacing = wideSpacing ? 2 : 1
        let rows = Layout.split(canvas.bounds, .vertical, [.fixed(2), .fill(1), .fixed(2), .fixed(1)])
        canvas.drawLine(" " + top.title, in: rows[0].row(0), style: large[.title])
        top.viewLarge(&canvas, area: rows[1].inset(left: 1, right: 1), context: context)
        if let status {
            canvas.drawLine(" " + status.severity.mark + " " + status.text, in: rows[2].row(1), style: large[status.severity.role])
        }
        let screen = top
        let keys: [ActionID] = [StandardAction.help, StandardAction.save, StandardAction.back, "app.large_text", "app.line_spacing"]
        let hints = keys.filter { screen.isEnabled($0) && ($0 != StandardAction.back || stack.count > 1) }.compactMap { action -> String? in
            guard let key = keymap.keys(for: action).first, let spec = keymap.specs[action] else { return nil }
            return key.label + " " + spec.short
        }
        canvas.drawLine(" " + hints.joined(separator: "  "), in: rows[3], style: large[.functionKeyLabel])
        switch overlay {
        case .help(var help)?:
            canvas.cursor = nil
            help.render(in: canvas.bounds, on: &canvas, theme: large)
            overlay = .help(help)
        case .confirm(let dialog, _)?:
            canvas.cursor = nil
            dialog.render(in: canvas.bounds, on: &canvas, theme: large)
        case nil:
            break
        }
    }

    /// Draws the whole frame: title bar, the top screen, status line, function-key bar, overlays.
    public func render<C: Canvas>(into canvas: inout C) {
        let size = canvas.size
        canvas.cursor = nil
        canvas.clear(canvas.bounds, style: theme[.normal])
        let minimum = largeText ? Self.minimumLargeSize : Self.minimumSize
        guard size.width >= minimum.width, size.height >= minimum.height else {
            Chrome.drawTooSmall(&canvas, theme: theme, minimum: minimum,
                                largeTextKey: keymap.keys(for: "app.large_text").first?.label)
            return
        }
        if largeText {
            renderLarge(into: &canvas)
            return
        }
        let context = ViewContext(theme: theme, keymap: keymap, now: environment.clock(), environment: environment, session: session)
        let rows = Layout.split(canvas.bounds, .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        Chrome.drawTitle(&canvas, in: rows[0], title: top.title, context: context)
        top.view(&canvas, area: rows[1], context: context)
        StatusLine(message: status?.text ?? "", severity: status?.severity ?? .info).render(in: rows[2], on: &canvas, theme: theme)
        let screen = top
        let atRoot = stack.count == 1
        let loggedIn = session != nil
        Chrome.drawFunctionKeys(&canvas, in: rows[3], keymap: keymap, section: screen.keymapSection, theme: theme,
                                enabled: { action in
                                    switch action {
                                    case "app.menu": return !atRoot && screen.isEnabled(action)
                                    case "app.lock": return loggedIn
                                    default: return screen.isEnabled(action)
                                    }
                                })
        switch overlay {
        case .help(var help)?:
            canvas.cursor = nil
            help.render(in: canvas.bounds.inset(top: 1, left: 2, bottom: 1, right: 2), on: &canvas, theme: theme)
            overlay = .help(help)
        case .confirm(let dialog, _)?:
            canvas.cursor = nil
            dialog.render(in: canvas.bounds, on: &canvas, theme: theme)
        case nil:
            break
        }
    }
}

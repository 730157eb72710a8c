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

    /// The open screens, bottom first; each with an identity, so a result of work a screen asked
    /// for reaches that screen (wherever it is in the stack) or is dropped once it has closed.
    private var entries: [Entry]
    private var nextScreenID = 0
    public var stack: [any Screen] { entries.map(\.screen) }
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
    private var suspended: [Int64: [Entry]] = [:]
    /// Set by `runEffectsInBackground`: `.perform` work runs on it instead of the key loop.
    private var worker: BackgroundWorker?
    private var drafts: DraftWriter

    struct Entry {
        var id: Int
        var screen: any Screen
    }
    private let makeHome: ((Session) -> any Screen)?
    private var lastInput: Date
    /// Lock after this long without a key while someone is logged in (nil: never).
    public var idleLockAfter: TimeInterval?
    /// 大字模式 for this session; F11 toggles it and remembers the choice for the operator.
    public private(set) var largeText = false
    /// A blank line between rows in large views (大字模式 option), remembered per operator.
    public private(set) var wideSpacing = false
    /// While a screen that holds the idle lock (给群众看) is on top, the terminal locks only after
    /// this long without a key: the applicant is reading, but a terminal left showing a full ID
    /// number must still lock in the end.
    public static let readBackIdleLimit: TimeInterval = 30 * 60
    /// The clerk is warned this long before the idle lock, with a countdown; any key cancels.
    public static let idleWarningLead: TimeInterval = 30
    /// Seconds left before the idle lock while the warning is shown (nil: no warning).
    public private(set) var idleWarning: Int?
    /// The hint to enlarge the terminal font, while shown (大字模式 at a terminal of 80×24 cells or
    /// more: the characters are still normal size). Any key dismisses it.
    public private(set) var fontHint: String?
    /// Operators who were shown the font hint in this process (shown once each).
    private var fontHintShown: Set<Int64> = []

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
        self.entries = [Entry(id: 0, screen: root)]
        self.nextScreenID = 1
        self.drafts = DraftWriter(store: environment.store, journal: nil, worker: nil)
        self.keymap = keymap
        self.theme = theme
        self.environment = environment
        self.session = session
        self.makeHome = makeHome
        self.lastInput = environment.clock()
    }

    public var top: any Screen { entries[entries.count - 1].screen }

    private func newEntry(_ screen: any Screen) -> Entry {
        defer { nextScreenID += 1 }
        return Entry(id: nextScreenID, screen: screen)
    }

    // MARK: Effects off the key loop

    /// From now on `.perform` work runs on a background queue and drafts go through the
    /// per-terminal journal in `journalDirectory` (nil: no journal, drafts written in the
    /// background only). Journals of this store left by dead processes are replayed first.
    /// Call `deliverCompleted()` from the key loop to hand results to their screens.
    public func runEffectsInBackground(journalDirectory: String?) {
        let worker = BackgroundWorker()
        var journal: DraftJournal?
        if let journalDirectory {
            DraftJournal.replay(directory: journalDirectory, storePath: environment.storePath, into: environment.store)
            do {
                journal = try DraftJournal(directory: journalDirectory, storePath: environment.storePath)
            } catch {
                status = ("草稿日志不可用（\(error)），草稿仅写入案件库", .warning)
            }
        }
        self.worker = worker
        self.drafts = DraftWriter(store: environment.store, journal: journal, worker: worker)
    }

    /// Work asked for and not yet delivered (the key loop polls faster while there is some).
    public var hasPendingWork: Bool { worker?.hasPending ?? false }

    /// Hands finished background work to the screens that asked. Returns whether anything came.
    @discardableResult
    public func deliverCompleted() -> Bool {
        guard let worker else { return false }
        let done = worker.takeCompleted()
        for item in done { deliver(item.outcome, to: item.screenID) }
        return !done.isEmpty
    }

    /// Waits (at most `timeout` seconds) for all submitted work, then delivers it — for tests of
    /// the background mode and for an orderly exit.
    public func settle(timeout: TimeInterval = 10) {
        guard let worker else { return }
        repeat {
            worker.drain(timeout: timeout)
            worker.drainDrafts(timeout: timeout)
        } while deliverCompleted()
    }

    /// Gives work still running up to `timeout` seconds to finish, then delivers what finished.
    /// The key loop calls it after drawing a key's effect, so keys typed ahead act on fresh
    /// results (a list reloaded after a filter) — while work held up longer (another process's
    /// write lock) no longer holds the keys: they go on and its result arrives when it comes.
    /// Draft writes are on their own queue and never waited for here.
    public func awaitPending(timeout: TimeInterval) {
        guard let worker, worker.hasPending else { return }
        worker.drain(timeout: timeout)
        deliverCompleted()
    }

    /// At exit: pending drafts to the store (bounded), journal closed.
    public func shutDown(timeout: TimeInterval = 2) {
        worker?.drain(timeout: timeout)
        drafts.close(timeout: timeout)
    }

    private func deliver(_ outcome: Result<any Sendable, any Error>, to screenID: Int) {
        switch outcome {
        case .success(let value):
            send(.result(value), to: screenID)
        case .failure(let error):
            let message = "\(error)"
            status = (message, .error)
            send(.result(PerformFailed(message: message)), to: screenID)
        }
    }

    // MARK: Input

    /// Handles one key press.
    public func handle(_ key: Key) {
        if key == .resize { needsFullRedraw = true; return }
        lastInput = environment.clock()
        if idleWarning != nil {
            // A key cancels the idle lock; the key itself still does what it does.
            idleWarning = nil
            status = nil
        }
        fontHint = nil
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
        case "app.menu" where entries.count > 1:
            if stack.dropFirst().contains(where: { $0.isDirty }) {
                overlay = .confirm(ConfirmDialog(question: "有尚未保存的内容，确定放弃并回到首页吗？"), then: .toRoot)
            } else {
                popToRoot()
            }
        case StandardAction.back where entries.count > 1 && !top.capturesBack:
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
        guard let base = idleLockAfter, session != nil else { send(.tick(now)); return }
        // The applicant reading the read-back is not idleness: it waits up to its own limit.
        let limit = top.holdsIdleLock ? max(base, Self.readBackIdleLimit) : base
        let idle = now.timeIntervalSince(lastInput)
        if idle >= limit {
            idleWarning = nil
            lock(reason: "闲置 \(Int(limit / 60)) 分钟自动锁屏")
            return
        }
        send(.tick(now))
        if limit - idle <= Self.idleWarningLead {
            // Set after the screen's tick, so a screen's own status does not hide the countdown.
            let left = max(1, Int((limit - idle).rounded(.up)))
            idleWarning = left
            status = ("闲置 \(left) 秒后自动锁屏（未保存的内容会存为草稿）；按任意键继续使用", .warning)
        } else if idleWarning != nil {
            idleWarning = nil
            status = nil
        }
    }

    /// The theme of large views: the chosen one, except that the everyday default gives way to
    /// high contrast (large text is for poor sight). Monochrome stays monochrome: a terminal
    /// without colour shows the focused field by reverse video, not by a colour it cannot draw.
    public static func largeTextTheme(for chosen: Theme) -> Theme {
        chosen.id == Theme.standard.id ? .highContrast : chosen
    }

    /// The hint shown once per operator when 大字模式 is on at a terminal of at least 80×24 cells.
    public static let fontHintText = "字还是普通大小：请再放大终端字体（多数终端按 Ctrl 和 + 键），"
        + "放大到一屏约 48×14 个字最合适。按任意键关闭本提示。"

    /// Locks the terminal: every open screen saves its draft, the operator's screens are put
    /// aside, and the lock screen (showing nothing of them) takes over.
    public func lock(reason: String) {
        guard let current = session else { return }
        suspendScreens()
        suspended[current.operatorID] = entries
        overlay = nil
        status = nil
        session = nil
        try? environment.store.recordSessionEvent("lock", detail: reason, operatorID: current.operatorID)
        let operators = (try? environment.store.operators(includeDisabled: false)) ?? [current.operatorRecord]
        entries = [newEntry(LoginScreen(mode: .locked(operatorID: current.operatorID, operatorName: current.operatorName), operators: operators))]
        needsFullRedraw = true
    }

    /// The connection is gone (SIGHUP) or the process is told to stop: save drafts now.
    public func hangUp() {
        suspendScreens()
        drafts.sync()
        if let current = session {
            try? environment.store.recordSessionEvent("hangup", detail: "终端断开，未保存内容已存为草稿", operatorID: current.operatorID)
        }
    }

    /// Gives every screen on the stack, top first, the chance to save its draft.
    private func suspendScreens() {
        for index in entries.indices.reversed() {
            var screen = entries[index].screen
            let effects = screen.update(.suspending)
            entries[index].screen = screen
            // Carried out now, before the lock: the draft must be kept before anyone else types.
            for effect in effects {
                switch effect {
                case .perform(let work): _ = try? work(environment)
                case .saveDraft(let key, let payload): _ = drafts.record(key, payload: payload)
                case .deleteDraft(let key): _ = drafts.record(key, payload: nil)
                default: break
                }
            }
        }
        drafts.sync()
    }

    private func logIn(_ new: Session) {
        let previous = suspended.keys.contains(new.operatorID) ? "解锁" : "登录"
        session = new
        overlay = nil
        status = ("\(new.operatorName)（\(new.role.label)）已\(previous)", .success)
        try? environment.store.recordSessionEvent(previous == "解锁" ? "unlock" : "session_start",
                                                  detail: previous, operatorID: new.operatorID)
        if let saved = suspended.removeValue(forKey: new.operatorID) {
            entries = saved
            send(.resumed)
        } else if let makeHome {
            entries = [newEntry(makeHome(new))]
        }
        lastInput = environment.clock()
        largeText = (try? environment.store.operatorPreference(new.operatorID, "large_text")) == "1"
        wideSpacing = (try? environment.store.operatorPreference(new.operatorID, "line_spacing")) == "2"
        needsFullRedraw = true
    }

    /// Delivers a message to the top screen and carries out the effects it asks for.
    public func send(_ msg: Msg) {
        send(msg, to: entries[entries.count - 1].id)
    }

    /// Delivers a message to one screen by identity (dropped when it has closed). A screen that
    /// is not on top is updated in place; its navigation effects (push, pop, replace, confirm)
    /// are ignored, since it is not the screen the clerk is looking at.
    private func send(_ msg: Msg, to screenID: Int) {
        guard let index = entries.firstIndex(where: { $0.id == screenID }) else { return }
        var screen = entries[index].screen
        let effects = screen.update(msg)
        // The update may not have moved the stack (it is pure), so the index still holds.
        entries[index].screen = screen
        if index == entries.count - 1 {
            run(effects, from: screenID)
        } else {
            run(effects.filter { effect in
                switch effect {
                case .push, .pop, .replace, .confirm, .login, .lock, .quit: return false
                default: return true
                }
            }, from: screenID)
        }
    }

    func run(_ effects: [Effect]) {
        run(effects, from: entries[entries.count - 1].id)
    }

    private func run(_ effects: [Effect], from sender: Int) {
        for effect in effects {
            switch effect {
            case .push(let s):
                entries.append(newEntry(s))
                send(.resumed)
            case .pop:
                pop()
            case .replace(let s):
                entries[entries.count - 1] = newEntry(s)
            case .saveDraft(let key, let payload):
                if let problem = drafts.record(key, payload: payload) { status = (problem, .warning) }
            case .deleteDraft(let key):
                if let problem = drafts.record(key, payload: nil) { status = (problem, .warning) }
            case .quit:
                shouldQuit = true
            case .status(let text, let severity):
                status = (text, severity)
            case .confirm(let question, let onYes):
                overlay = .confirm(ConfirmDialog(question: question), then: .message(onYes))
            case .perform(let work):
                if let worker {
                    let env = environment
                    worker.submit(screenID: sender) { try work(env) }
                } else {
                    let outcome: Result<any Sendable, any Error>
                    do { outcome = .success(try work(environment)) } catch { outcome = .failure(error) }
                    deliver(outcome, to: sender)
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
        guard entries.count > 1 else { return }
        entries.removeLast()
        send(.resumed)
    }

    private func popToRoot() {
        guard entries.count > 1 else { return }
        entries.removeSubrange(1...)
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
    /// the few keys that matter, spelled out. High contrast, unless the operator chose another
    /// theme than the default (monochrome stays monochrome: its marks are what show the focus).
    private func renderLarge<C: Canvas>(into canvas: inout C) {
        let large = Self.largeTextTheme(for: theme)
        if let id = session?.operatorID, !fontHintShown.contains(id),
           canvas.size.width >= Self.minimumSize.width, canvas.size.height >= Self.minimumSize.height {
            // 80×24 cells in large mode: the font was not enlarged. Said once, until a key.
            fontHintShown.insert(id)
            fontHint = Self.fontHintText
        }
        canvas.clear(canvas.bounds, style: large[.normal])
        var context = ViewContext(theme: large, keymap: keymap, now: environment.clock(), environment: environment, session: session)
        context.largeText = true
        context.lineSpacing = wideSpacing ? 2 : 1
        let rows = Layout.split(canvas.bounds, .vertical, [.fixed(2), .fill(1), .fixed(2), .fixed(1)])
        canvas.drawLine(" " + top.title, in: rows[0].row(0), style: large[.title])
        top.viewLarge(&canvas, area: rows[1].inset(left: 1, right: 1), context: context)
        // The idle countdown comes first; otherwise the font hint until a key, then the message.
        let message = idleWarning != nil ? status : (fontHint.map { (text: $0, severity: Severity.info) } ?? status)
        if let status = message {
            // Two rows for the message, wrapped the Chinese way; a one-line message stays on the lower row.
            let area = rows[2]
            let lines = (status.severity.mark + " " + status.text).wrapped(toWidth: max(1, area.width - 1))
            let shown = lines.count > area.height
                ? Array(lines.prefix(area.height - 1)) + [lines[area.height - 1].truncated(toWidth: max(1, area.width - 1), ellipsis: true)]
                : lines
            for (i, line) in shown.enumerated() {
                canvas.drawLine(" " + line, in: area.row(area.height - shown.count + i), style: large[status.severity.role])
            }
        }
        canvas.drawLine(" " + largeKeyBar(width: rows[3].width - 1), in: rows[3], style: large[.functionKeyLabel])
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

    /// The large frame's key bar: help and save, then the screen's own keys that work now (its
    /// main actions first, as the keymap lists them), then back and the large-text key, which are
    /// always kept so the way out is never dropped. Whole hints only: one that does not fit is
    /// left out rather than cut; F1 help lists every key.
    func largeKeyBar(width: Int) -> String {
        let screen = top
        let atRoot = entries.count == 1
        func hint(_ action: ActionID) -> String? {
            guard let key = keymap.keys(for: action).first, let spec = keymap.specs[action] else { return nil }
            return Chrome.keyName(key) + " " + spec.short
        }
        let head = [StandardAction.help, StandardAction.save].filter { screen.isEnabled($0) }.compactMap(hint)
        let tail = ([atRoot ? nil : StandardAction.back, "app.large_text"] as [ActionID?]).compactMap { $0 }.compactMap(hint)
        let own = Chrome.screenActions(keymap: keymap, section: screen.keymapSection, enabled: { screen.isEnabled($0) }).compactMap(hint)
        let extra = ["app.line_spacing"].compactMap(hint)
        func joined(_ parts: [String]) -> String { parts.joined(separator: "  ") }
        var chosen = head
        for h in own where TextWidth.of(joined(chosen + [h] + tail)) <= width { chosen.append(h) }
        chosen += tail
        for h in extra where TextWidth.of(joined(chosen + [h])) <= width { chosen.append(h) }
        // Even the fixed hints are whole: drop from the end until the bar fits.
        while !chosen.isEmpty, TextWidth.of(joined(chosen)) > width { chosen.removeLast() }
        return joined(chosen)
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
        let atRoot = entries.count == 1
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

import Foundation
import TerminalKit

/// Everything that happens to a screen arrives as a message.
public enum Msg {
    /// A key resolved through the keymap, or typed text.
    case input(Input)
    /// Time passes (once a second while idle): clocks, idle lock, polling the store.
    case tick(Date)
    /// The result of an effect the screen asked for.
    case result(any Sendable)
    /// The screen has become the top of the stack: just opened, or uncovered when the screen
    /// above it closed. A good moment to load or refresh from the store.
    case resumed
    /// The terminal is about to be locked, handed over or the session cut off (SSH hang-up):
    /// save unsaved input as a draft now. Effects returned here are carried out before the lock.
    case suspending
}

/// Side effects a screen asks the runtime for; `update` itself stays pure and testable.
public enum Effect {
    case push(any Screen)
    case pop
    case replace(any Screen)
    case quit
    case status(String, Severity)
    /// Ask a yes/no question; on "yes" the screen receives `onYes` as a message.
    case confirm(String, onYes: Msg)
    /// Work with the outside world (store, files, printing). On a real terminal it runs off the
    /// key loop (one serial queue per store); the value it returns comes back as `.result` to the
    /// screen that asked — even if it is no longer on top — and is dropped if that screen has
    /// closed. A thrown error becomes a status message (and `PerformFailed`). Headless apps run
    /// it at once unless `App.runEffectsInBackground` is called.
    case perform(@Sendable (AppEnvironment) throws -> any Sendable)
    /// Keep a draft typed on every key: appended to this terminal's journal file at once (never
    /// waiting on the store's write lock), written to the store in the background, replayed into
    /// the store at the next start if the process dies. No `.result` comes back.
    case saveDraft(DraftKey, payload: String)
    /// Remove a draft (the form was saved or discarded), through the same journal.
    case deleteDraft(DraftKey)
    /// Change the theme for this session.
    case setTheme(Theme)
    /// Switch to the next theme (默认 → 高对比度 → 单色).
    case cycleTheme
    /// Force a full redraw.
    case redraw
    /// Someone has logged in (or unlocked): the app switches to their screens.
    case login(Session)
    /// Lock the terminal now.
    case lock
}

/// Sent to a screen (as `.result`) when its `.perform` work threw; the message is also shown in
/// the status line.
public struct PerformFailed: Sendable, Error {
    public let message: String
    public init(message: String) { self.message = message }
}

/// How serious a status message is (each has a mark as well as a colour).
public typealias Severity = StatusLine.Severity

/// What a screen may read while drawing.
public struct ViewContext {
    public let theme: Theme
    public let keymap: Keymap
    public let now: Date
    public let environment: AppEnvironment
    /// Who is logged in (nil on the login and lock screens).
    public let session: Session?
    /// 大字模式: few columns, one thing at a time, plain words, high contrast.
    public var largeText: Bool = false
    /// Rows per line of text in large views: 2 leaves a blank line between rows.
    public var lineSpacing: Int = 1
}

/// A screen is a value: a model plus `update` and `view` (DESIGN.md "Screens are values").
public protocol Screen {
    /// The keymap section with this screen's own actions ("home", "queue"…).
    var keymapSection: String { get }
    /// Title shown in the title bar.
    var title: String { get }
    /// When true, printable keys are typed text (a text field has focus); otherwise they are looked
    /// up in the keymap (so vi-style j/k work in lists).
    var acceptsText: Bool { get }
    /// Unsaved input on this screen: Esc and F10 ask before discarding it.
    var isDirty: Bool { get }
    /// When true the screen handles Esc itself (e.g. to close a list) instead of being closed.
    var capturesBack: Bool { get }

    mutating func update(_ msg: Msg) -> [Effect]
    func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext)
    /// The large-text layout (about 40–50 × 12–16 cells). Screens built on a `Form` render it
    /// with `renderLarge`; the default draws the normal view, clipped to the smaller area.
    func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext)
    /// Whether an action is available now (disabled ones are left blank in the function-key bar).
    func isEnabled(_ action: ActionID) -> Bool
    /// True while someone other than the clerk is reading the screen (给群众看): the idle lock
    /// waits longer (`App.readBackIdleLimit`) instead of hiding it after the usual minutes.
    var holdsIdleLock: Bool { get }
}

extension Screen {
    public var acceptsText: Bool { false }
    public var isDirty: Bool { false }
    public var capturesBack: Bool { false }
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        view(&canvas, area: area, context: context)
    }
    /// By default everything but saving is available: a screen with something to save says so.
    public func isEnabled(_ action: ActionID) -> Bool { action != StandardAction.save }
    public var holdsIdleLock: Bool { false }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// The window's queue view (排队叫号): the ticket at this window, the waiting list in the order
/// the calling rule will take it, and the actions call next, recall, 过号, 未到, transfer, start and
/// finish service, 离开. The list follows the store (polled every second), so calls made at other
/// windows show up here too.
public struct QueueWindowScreen: Screen {
    public enum Action {
        public static let callNext: ActionID = "queue.call_next"
        public static let recall: ActionID = "queue.recall"
        public static let skip: ActionID = "queue.skip"
        public static let noShow: ActionID = "queue.no_show"
        public static let transfer: ActionID = "queue.transfer"
        public static let serve: ActionID = "queue.serve"
        public static let walkAway: ActionID = "queue.walk_away"
        public static let issue: ActionID = "queue.issue"
        public static let stats: ActionID = "queue.stats"
        public static let setWindow: ActionID = "queue.set_window"
    }

    /// Opens the screen that serves a ticket (consultation, application) when service starts —
    /// the seam where the intake screens plug in (Console passes it). Nil: the ticket is only
    /// marked as being served.
    public typealias ServiceOpener = (QueueTicket, Session) -> (any Screen)?

    /// What one load of the store gives the screen.
    public struct Snapshot: Sendable {
        public var station: Station
        public var day: String
        public var tickets: [QueueTicket]
        public var current: QueueTicket?
        public var policy: CallPolicy
        public var voice: CallAnnouncer.Mode
    }

    /// The result of an action: the fresh snapshot and what to tell the clerk.
    struct Outcome: Sendable {
        var snapshot: Snapshot
        var message: String?
        var severity: Severity = .success
        var started: QueueTicket?
        var voiceMissing = false
    }

    enum Prompt: Equatable {
        case window(TextField)
        case transfer(TextField)
    }

    public let session: Session
    public private(set) var window: String
    public private(set) var snapshot: Snapshot?
    private var table = Table(columns: [
        TableColumn("号码", width: .fixed(6)), TableColumn("业务", width: .fixed(8)),
        TableColumn("优先", width: .fill(1)), TableColumn("状态", width: .fixed(8)),
        TableColumn("取号", width: .fixed(5)), TableColumn("已等", width: .fixed(6), alignment: .right),
    ])
    private var waiting: [QueueTicket] = []
    private var prompt: Prompt?
    private var voiceMissingReported = false
    private let announcer: CallAnnouncer
    private let openService: ServiceOpener?

    /// Where this terminal's window number is remembered (per host and tty, not per operator).
    private let terminal: TerminalSettings

    /// `window` defaults to $FAYUAN_WINDOW (a terminal set up for one window), else the window
    /// this terminal was last set to, else "1"; the clerk changes it with the set-window key.
    public init(session: Session, window: String? = nil, announcer: CallAnnouncer = CallAnnouncer(),
                openService: ServiceOpener? = nil, terminal: TerminalSettings = .current()) {
        self.session = session
        self.terminal = terminal
        let configured = window ?? ProcessInfo.processInfo.environment["FAYUAN_WINDOW"] ?? terminal.window ?? "1"
        self.window = configured.isEmpty ? "1" : configured
        self.announcer = announcer
        self.openService = openService
    }

    public var keymapSection: String { "queue" }
    public var title: String { "排队叫号 · \(window)号窗口" }
    public var acceptsText: Bool { prompt != nil }
    public var capturesBack: Bool { prompt != nil }

    public func isEnabled(_ action: ActionID) -> Bool {
        let status = snapshot?.current?.ticketStatus
        switch action {
        case StandardAction.save: return false
        case Action.recall, Action.skip, Action.noShow: return status == .called
        case Action.transfer, Action.serve: return status == .called || status == .serving
        case Action.walkAway: return !waiting.isEmpty
        default: return true
        }
    }

    // MARK: update

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .tick, .resumed:
            return [load()]
        case .result(let chosen as WindowChosen):
            return chooseWindow(chosen)
        case .result(let value):
            if let snapshot = value as? Snapshot { apply(snapshot); return [] }
            guard let outcome = value as? Outcome else { return [] }
            apply(outcome.snapshot)
            var effects: [Effect] = []
            if let message = outcome.message { effects.append(.status(message, outcome.severity)) }
            if outcome.voiceMissing && !voiceMissingReported {
                voiceMissingReported = true
                effects.append(.status((outcome.message.map { $0 + "；" } ?? "") + "语音叫号已开启，但本机没有安装 espeak-ng，无法播报", .warning))
            }
            if let started = outcome.started, let screen = openService?(started, session) { effects.append(.push(screen)) }
            return effects
        case .input(let input):
            if prompt != nil { return handlePrompt(input) }
            return handle(input)
        default:
            return []
        }
    }

    private mutating func handle(_ input: Input) -> [Effect] {
        guard case .action(let action) = input else { return [] }
        if table.handle(input) { return [] }
        let window = self.window, actor = self.actor
        switch action {
        case Action.callNext:
            return [act { env, station, day in
                guard let call = try env.store.callNextTicket(station: station, window: window, on: day, by: actor) else {
                    return ("没有等候的号码", .info, nil, false)
                }
                var text = "已叫 \(call.ticket.code)（\(call.reason.label)）"
                if let done = call.finished { text = "\(done.code) 已办结；" + text }
                let spoke = Self.speakIfWindowVoice(env, station: station, code: call.ticket.code, window: window)
                return (text, .success, nil, !spoke)
            }]
        case Action.recall:
            guard let current = snapshot?.current, isEnabled(action) else { return notCalled() }
            return [act { env, station, _ in
                let t = try env.store.recallTicket(current.id, by: actor)
                let spoke = Self.speakIfWindowVoice(env, station: station, code: t.code, window: window)
                return ("已重呼 \(t.code)（第 \(t.recallCount) 次）", .success, nil, !spoke)
            }]
        case Action.skip:
            guard let current = snapshot?.current, isEnabled(action) else { return notCalled() }
            return [act { env, _, _ in
                let t = try env.store.skipTicket(current.id, by: actor)
                let text = t.ticketStatus == .noShow ? "\(t.code) 过号已达上限，记为未到" : "\(t.code) 已过号，排到等候队尾"
                return (text, .info, nil, false)
            }]
        case Action.noShow:
            guard let current = snapshot?.current, isEnabled(action) else { return notCalled() }
            return [.confirm("确定将 \(current.code) 记为未到吗？", onYes: .input(.action("queue.no_show_confirmed")))]
        case "queue.no_show_confirmed":
            guard let current = snapshot?.current else { return [] }
            return [act { env, _, _ in
                let t = try env.store.markNoShow(current.id, by: actor)
                return ("\(t.code) 已记为未到", .info, nil, false)
            }]
        case Action.serve:
            guard let current = snapshot?.current, isEnabled(action) else { return notCalled() }
            return [act { env, _, _ in
                if current.ticketStatus == .serving {
                    let t = try env.store.finishServing(current.id, by: actor)
                    return ("\(t.code) 已办结", .success, nil, false)
                }
                let t = try env.store.startServing(current.id, by: actor)
                return ("\(t.code) 开始办理：\(t.queueService.label)", .success, t, false)
            }]
        case Action.transfer:
            guard isEnabled(action) else { return notCalled() }
            prompt = .transfer(TextField(placeholder: "窗口号，或业务字母", maxLength: 8))
            return []
        case Action.walkAway:
            guard let row = table.selectedRow, waiting.indices.contains(row) else {
                return [.status("等候列表中没有选中的号码", .warning)]
            }
            let t = waiting[row]
            return [.confirm("确定 \(t.code) 已离开（未办理）吗？", onYes: .input(.action("queue.walk_away_confirmed")))]
        case "queue.walk_away_confirmed":
            guard let row = table.selectedRow, waiting.indices.contains(row) else { return [] }
            let t = waiting[row]
            return [act { env, _, _ in
                let left = try env.store.markWalkedAway(t.id, by: actor)
                return ("\(left.code) 已记为离开（未办理）", .info, nil, false)
            }]
        case Action.setWindow:
            prompt = .window(TextField(text: window, maxLength: 8, filter: .digits))
            return []
        case Action.issue:
            return [.push(TicketIssueScreen(session: session))]
        case Action.stats:
            return [.push(QueueStatsScreen(session: session))]
        default:
            return []
        }
    }

    private func notCalled() -> [Effect] {
        [.status("本窗口当前没有已叫的号码：请先叫号", .warning)]
    }

    private mutating func handlePrompt(_ input: Input) -> [Effect] {
        guard let prompt else { return [] }
        switch (prompt, input) {
        case (_, .action(StandardAction.back)):
            self.prompt = nil
            return [.status("已取消", .info)]
        case (.window(let field), .action(StandardAction.confirm)):
            let text = field.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return [.status("窗口号不能为空", .error)] }
            // Changing the number moves nothing already called: a ticket called or being served
            // here would be left at a window nobody is at, so it is finished first.
            if let current = snapshot?.current, text != window {
                self.prompt = nil
                return [.status("\(current.code) 仍在本窗口（\(current.ticketStatus.label)）：请先办结、过号或转移，再更换窗口号", .warning)]
            }
            self.prompt = nil
            // The number must be one of the station's windows when the centre has set them up.
            let stationID = snapshot?.station.id ?? session.station?.id
            return [.perform { env in
                guard let stationID else { return WindowChosen(number: text, problem: nil) }
                let open = try env.store.serviceWindows(stationID: stationID).filter { !$0.disabled }.map(\.number)
                guard open.isEmpty || open.contains(text) else {
                    return WindowChosen(number: text, problem: "本站点没有在用的 \(text) 号窗口（在用：\(open.joined(separator: "、"))）；窗口由管理员在“8 管理 → 站点与窗口”中设置")
                }
                return WindowChosen(number: text, problem: nil)
            }]
        case (.transfer(let field), .action(StandardAction.confirm)):
            guard let current = snapshot?.current else { self.prompt = nil; return notCalled() }
            let text = field.text.trimmingCharacters(in: .whitespaces).uppercased()
            let service = QueueService.all.first { $0.letter == text }
            let toWindow: String? = service == nil ? text : nil
            guard service != nil || (!text.isEmpty && text.allSatisfy(\.isNumber)) else {
                return [.status("请输入窗口号（数字），或业务字母 \(QueueService.all.map { "\($0.letter)=\($0.label)" }.joined(separator: " "))", .error)]
            }
            self.prompt = nil
            let actor = self.actor
            return [act { env, _, _ in
                let t = try env.store.transferTicket(current.id, toWindow: toWindow, toService: service, by: actor)
                let target = toWindow.map { "\($0) 号窗口" } ?? "“\(t.queueService.label)”业务"
                return ("\(t.code) 已转到\(target)，保留原排队顺序", .success, nil, false)
            }]
        case (.window(var field), _):
            _ = field.handle(input)
            self.prompt = .window(field)
        case (.transfer(var field), _):
            _ = field.handle(input)
            self.prompt = .transfer(field)
        }
        return []
    }

    /// The checked answer to the set-window prompt.
    struct WindowChosen: Sendable { let number: String; let problem: String? }

    private mutating func chooseWindow(_ chosen: WindowChosen) -> [Effect] {
        if let problem = chosen.problem { return [.status(problem, .error)] }
        window = chosen.number
        do {
            try terminal.remember(window: chosen.number)
        } catch {
            return [.status("本终端现为 \(chosen.number) 号窗口（未能记住：\(error.localizedDescription)）", .warning), load()]
        }
        return [.status("本终端现为 \(chosen.number) 号窗口（下次启动仍是）", .success), load()]
    }

    private var actor: QueueActor { QueueActor(operatorID: session.operatorRecord.id, role: session.role) }

    // MARK: store work

    private func load() -> Effect {
        let station = session.station, window = self.window
        return .perform { env in try Self.snapshot(env, station: station, window: window) }
    }

    /// Runs an action on the store, then reloads; the closure returns the clerk's message, its
    /// severity, a ticket whose service just started, and whether speech was wanted but missing.
    private func act(_ work: @escaping @Sendable (AppEnvironment, Station, String) throws
                        -> (String?, Severity, QueueTicket?, Bool)) -> Effect {
        let station = session.station, window = self.window
        return .perform { env in
            let before = try Self.snapshot(env, station: station, window: window)
            let (message, severity, started, missing) = try work(env, before.station, before.day)
            let after = try Self.snapshot(env, station: before.station, window: window)
            return Outcome(snapshot: after, message: message, severity: severity, started: started, voiceMissing: missing)
        }
    }

    /// The station is the session's, else the first in the store (until every terminal is
    /// assigned one by the login flow).
    static func snapshot(_ env: AppEnvironment, station: Station?, window: String) throws -> Snapshot {
        guard let station = try station ?? env.store.stations().first else {
            throw StoreError.notFound(entity: "站点", id: "案件库中还没有任何站点，请管理员在首页“8 管理 → 站点与窗口”中添加")
        }
        let day = QueueFormat.day(env.clock(), timeZone: env.timeZone)
        let tickets = try env.store.queueTickets(station: station, on: day)
        let current = tickets.filter { $0.window == window && ($0.ticketStatus == .called || $0.ticketStatus == .serving) }
            .max { ($0.lastCalledAt ?? "") < ($1.lastCalledAt ?? "") }
        let policy = try env.store.callPolicy(station: station).policy
        let voice = CallAnnouncer.Mode(rawValue: try env.store.queueSetting("voice", station: station) ?? "off") ?? .off
        return Snapshot(station: station, day: day, tickets: tickets, current: current, policy: policy, voice: voice)
    }

    /// Speaks the call when the station's voice is set to the window; false when it should have
    /// spoken but espeak-ng is missing.
    static func speakIfWindowVoice(_ env: AppEnvironment, station: Station, code: String, window: String) -> Bool {
        guard (try? env.store.queueSetting("voice", station: station)) == CallAnnouncer.Mode.window.rawValue else { return true }
        let voiceName = CallAnnouncer.voiceName(try? env.store.queueSetting("voice_name", station: station))
        return CallAnnouncer.shared.announceCall(code: code, window: window, voice: voiceName)
    }

    private mutating func apply(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        let selectedID = table.selectedRow.flatMap { waiting.indices.contains($0) ? waiting[$0].id : nil }
        waiting = Self.callOrder(snapshot.tickets, window: window)
        // The cells need the clock, so `view` fills them; here the rows only carry the selection.
        table.setRows(waiting.map { [$0.code] })
        if let selectedID, let i = waiting.firstIndex(where: { $0.id == selectedID }) { table.select(row: i) }
    }

    /// Waiting tickets in the order this window would call them: transferred here, then priority,
    /// then by queue time (the calling rule may still take an old normal ticket first).
    static func callOrder(_ tickets: [QueueTicket], window: String) -> [QueueTicket] {
        tickets.filter { TicketStatus.callable.contains($0.ticketStatus) && ($0.targetWindow == nil || $0.targetWindow == window) }
            .sorted { a, b in
                let ta = a.targetWindow != nil, tb = b.targetWindow != nil
                if ta != tb { return ta }
                if a.isPriority != b.isPriority { return a.isPriority }
                return (a.queuedAt, a.seq) < (b.queuedAt, b.seq)
            }
    }

    // MARK: view

    /// 大字模式: the number at this window in big letters with its state beside it, the longest
    /// wait over the rule's limit as a warning in words, then the waiting list (scrolls with the
    /// selection), and the prompt when one is open.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var col = LargeColumn(area, theme: context.theme)
        guard let snapshot else {
            col.text("正在读取排队信息……", role: .dim, on: &canvas)
            return
        }
        let priorityCount = waiting.filter(\.isPriority).count
        col.text("\(window)号窗口 · 等候 \(waiting.count) 人" + (priorityCount > 0 ? "（\(PriorityReason.mark)优先 \(priorityCount)）" : ""),
                 role: .header, on: &canvas)
        let promptRows = prompt == nil ? 0 : 2
        if let t = snapshot.current {
            var side: [(String, Role)] = [("【\(t.statusLabel)】", .header), (t.queueService.label, .normal)]
            if t.isPriority { side.append((QueueFormat.priority(t), .priority)) }
            side.append(("重呼 \(t.recallCount)/\(snapshot.policy.maxRecalls) 过号 \(t.skipCount)/\(snapshot.policy.maxSkips)", .dim))
            col.big(t.code, maxRows: max(2, min(6, col.remaining - 3 - promptRows)), side: side, sideWidth: 16, on: &canvas)
        } else {
            col.text("本窗口现在没有号码", role: .normal, bold: true, on: &canvas)
            col.text("按 \(context.keymap.hint(Action.callNext)) 叫下一位，按 \(context.keymap.hint(Action.issue)) 取号", role: .dim, maxLines: 2, on: &canvas)
        }
        // Someone has waited past the rule's limit: staff must see it even when the list is short.
        let limit = snapshot.policy.normalMaxWaitMinutes
        if let longest = waiting.max(by: { ($0.issuedAt) > ($1.issuedAt) }),
           QueueFormat.minutes(since: longest.issuedAt, now: context.now) >= limit {
            col.text("⚠ \(longest.code) 已等 \(QueueFormat.minutes(since: longest.issuedAt, now: context.now)) 分钟（超过 \(limit) 分钟）",
                     role: .warning, maxLines: 2, on: &canvas)
        }
        let items = waiting.map { t in
            ["\(t.code) \(t.queueService.label) " + (t.targetWindow != nil ? "转入 " : "") + (t.isPriority ? QueueFormat.priority(t) + " " : "")
             + "\(QueueFormat.minutes(since: t.issuedAt, now: context.now))分"]
        }
        col.list(items, roles: waiting.map { $0.isPriority ? .priority : .normal }, selected: items.isEmpty ? nil : table.selectedRow,
                 reserve: promptRows, empty: "（没有等候的号码）", on: &canvas)
        guard let prompt else { return }
        let label: String
        var field: TextField
        switch prompt {
        case .window(let f): label = "本终端窗口号："; field = f
        case .transfer(let f): label = "转到（窗口号或业务 " + QueueService.all.map(\.letter).joined(separator: "/") + "）："; field = f
        }
        let top = area.maxY - 2
        canvas.drawLine(label.truncated(toWidth: area.width, ellipsis: true), in: Rect(x: area.x, y: top, width: area.width, height: 1),
                        style: context.theme[.label].adding(.bold))
        field.render(in: Rect(x: area.x, y: top + 1, width: area.width, height: 1), on: &canvas, theme: context.theme, focused: true)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme, tz = context.environment.timeZone
        let inner = area.inset(top: 0, left: 1, bottom: 0, right: 1)
        guard let snapshot else {
            canvas.drawLine("正在读取排队信息……", in: inner.row(1), style: theme[.dim])
            return
        }
        let priorityCount = waiting.filter(\.isPriority).count
        canvas.drawLine("\(snapshot.station.name)　本终端：\(window)号窗口　等候 \(waiting.count) 人（优先 \(priorityCount) 人）",
                        in: inner.row(0), style: theme[.header])
        // The ticket at this window.
        let box = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 4)
        canvas.drawBox(box, style: theme[.border], title: "本窗口当前号码")
        let boxInner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        if let t = snapshot.current {
            let line1 = "\(t.code)　\(t.queueService.label)　\(QueueFormat.priority(t))　【\(t.statusLabel)】"
            canvas.drawLine(line1, in: boxInner.row(0), style: t.isPriority ? theme[.priority] : theme[.normal].adding(.bold))
            var line2 = "取号 \(QueueFormat.clock(t.issuedAt, timeZone: tz))　叫号 \(QueueFormat.clock(t.calledAt, timeZone: tz))"
            line2 += "　等候 \(QueueFormat.minutes(since: t.issuedAt, now: t.calledAt.flatMap(QueueFormat.date) ?? context.now))分"
            line2 += "　重呼 \(t.recallCount)/\(snapshot.policy.maxRecalls)　过号 \(t.skipCount)/\(snapshot.policy.maxSkips)"
            if let since = t.servingAt { line2 += "　办理 \(QueueFormat.minutes(since: since, now: context.now))分" }
            canvas.drawLine(line2, in: boxInner.row(1), style: theme[.normal])
        } else {
            canvas.drawLine("（无）按 \(context.keymap.keys(for: Action.issue).first?.label ?? "取号键") 取号，按 \(context.keymap.keyLabel(for: Action.callNext)) 叫下一位",
                            in: boxInner.row(0), style: theme[.dim])
        }
        // The waiting list.
        var rows = table
        rows.setRows(waiting.map { t in
            [t.code, t.queueService.label, QueueFormat.priority(t),
             t.targetWindow != nil ? "转入" : t.statusLabel,
             QueueFormat.clock(t.issuedAt, timeZone: tz), "\(QueueFormat.minutes(since: t.issuedAt, now: context.now))分"]
        })
        let listArea = Rect(x: inner.x, y: box.maxY, width: inner.width, height: max(0, inner.maxY - box.maxY - 1))
        rows.render(in: listArea, on: &canvas, theme: theme, focused: prompt == nil)
        // The bottom line: the rule, or the open prompt.
        let bottom = inner.row(inner.height - 1)
        switch prompt {
        case .window(var field)?:
            let label = "本终端窗口号："
            canvas.drawLine(label, in: bottom, style: theme[.label])
            field.render(in: bottom.inset(left: label.displayWidth), on: &canvas, theme: theme, focused: true)
        case .transfer(var field)?:
            let label = "转到（窗口号，或业务 \(QueueService.all.map { "\($0.letter)\($0.label)" }.joined(separator: " "))）："
            canvas.drawLine(label, in: bottom, style: theme[.label])
            field.render(in: bottom.inset(left: label.displayWidth), on: &canvas, theme: theme, focused: true)
        case nil:
            let p = snapshot.policy
            canvas.drawLine("规则：优先号先叫；连续叫 \(p.maxPriorityStreak) 个优先号后，普通号等候满 \(p.normalMaxWaitMinutes) 分钟则先叫普通号",
                            in: bottom, style: theme[.dim])
        }
    }
}

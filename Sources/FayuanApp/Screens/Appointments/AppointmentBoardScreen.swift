import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation
import TerminalKit

/// 预约看板 (round2-capabilities.md §3.4): the day or week of one station's bookings, each slot
/// with its mode mark (中 站 门 视 话 — meaning by a word, never by colour alone) and how many
/// places are taken. ↑↓ choose a booking; keys book, confirm, move, cancel, mark no-show and
/// done; print the home-visit pack, tomorrow's call list and the month's ledgers. Works at 80×24
/// and, narrower (48×14), shows the week as one line a day.
public struct AppointmentBoardScreen: Screen {
    public enum Action {
        public static let new: ActionID = "appointments.new"
        public static let move: ActionID = "appointments.move"
        public static let cancel: ActionID = "appointments.cancel"
        public static let noShow: ActionID = "appointments.no_show"
        public static let done: ActionID = "appointments.done"
        public static let confirm: ActionID = "appointments.confirm"
        public static let week: ActionID = "appointments.week"
        public static let previous: ActionID = "appointments.previous"
        public static let next: ActionID = "appointments.next"
        public static let pack: ActionID = "appointments.pack"
        public static let calls: ActionID = "appointments.calls"
        public static let ledger: ActionID = "appointments.ledger"
    }

    public let session: Session
    private(set) var stationID: Int64?
    private(set) var stationName = ""
    private(set) var anchor: LocalDate?
    private(set) var weekView = false
    private(set) var board: AppointmentBoard?
    private(set) var selected = 0

    public init(session: Session, day: LocalDate? = nil, week: Bool = false) {
        self.session = session
        anchor = day
        weekView = week
    }

    public var keymapSection: String { "appointments" }
    public var title: String { "预约看板" }

    struct Loaded: Sendable {
        var stationID: Int64
        var stationName: String
        var anchor: LocalDate
        var board: AppointmentBoard
    }

    struct Done: Sendable { var message: String }

    var days: [LocalDate] {
        guard let anchor else { return [] }
        return weekView ? (0..<7).map { anchor.adding(days: $0) } : [anchor]
    }

    /// The bookings shown, in day and time order (the selection runs over these).
    var bookings: [Appointment] { board?.appointments ?? [] }
    var current: Appointment? { bookings.indices.contains(selected) ? bookings[selected] : nil }

    func load() -> Effect {
        let stationID = self.stationID ?? session.station?.id
        let anchor = self.anchor
        let week = weekView
        return .perform { env in
            guard let context = try env.store.intakeContext(stationID: stationID), let id = context.station.id else {
                throw PerformFailed(message: "案件库中没有站点：请先在 管理 → 站点 中登记本中心")
            }
            let day = anchor ?? IntakeClock.today(env)
            let to = week ? day.adding(days: 6) : day
            return Loaded(stationID: id, stationName: context.station.name, anchor: day,
                          board: try env.store.appointmentBoard(stationID: id, from: day.iso, to: to.iso))
        }
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return [load()]
        case .result(let loaded as Loaded):
            stationID = loaded.stationID; stationName = loaded.stationName; anchor = loaded.anchor; board = loaded.board
            selected = min(selected, max(0, bookings.count - 1))
            return []
        case .result(let done as Done):
            return [.status(done.message, .success), load()]
        case .input(.action(StandardAction.down)):
            selected = min(selected + 1, max(0, bookings.count - 1))
        case .input(.action(StandardAction.up)):
            selected = max(0, selected - 1)
        case .input(.action(Action.week)):
            weekView.toggle()
            selected = 0
            return [load()]
        case .input(.action(Action.previous)), .input(.action(Action.next)):
            guard let anchor else { return [] }
            let step = weekView ? 7 : 1
            if case .input(.action(Action.previous)) = msg { self.anchor = anchor.adding(days: -step) } else {
                self.anchor = anchor.adding(days: step)
            }
            selected = 0
            return [load()]
        case .input(.action(Action.new)):
            guard let stationID else { return [] }
            return [.push(AppointmentBookingScreen(session: session, stationID: stationID, stationName: stationName))]
        case .input(.action(Action.move)), .input(.action(Action.cancel)):
            guard let a = current, a.status.isOpen else { return [.status("请先用 ↑↓ 选中一条未办结的预约", .warning)] }
            let moving: Bool
            if case .input(.action(Action.move)) = msg { moving = true } else { moving = false }
            return [.push(AppointmentChangeScreen(session: session, appointment: a, kind: moving ? .move : .cancel))]
        case .input(.action(Action.noShow)), .input(.action(Action.done)), .input(.action(Action.confirm)):
            guard let a = current, a.status.isOpen else { return [.status("请先用 ↑↓ 选中一条未办结的预约", .warning)] }
            let op = session.operatorRecord
            let number = a.number
            switch msg {
            case .input(.action(Action.noShow)):
                return [.confirm("记爽约：\(a.number) \(a.personName)（\(a.day) \(a.start)）？", onYes: .result(Pending {
                    env in _ = try env.store.markAppointmentNoShow(number, by: op); return Done(message: "已记爽约：\(number)")
                }))]
            case .input(.action(Action.done)):
                return [.perform { env in _ = try env.store.completeAppointment(number, by: op); return Done(message: "已完成：\(number)") }]
            default:
                return [.perform { env in _ = try env.store.confirmAppointment(number, by: op); return Done(message: "已确认：\(number)") }]
            }
        case .result(let pending as Pending):
            return [.perform(pending.work)]
        case .input(.action(Action.pack)):
            guard let a = current, a.mode == .home else { return [.status("请先选中一条上门服务预约，再打印上门服务包", .warning)] }
            let number = a.number
            let name = session.operatorName
            return [.perform { env in
                let data = try env.store.homeVisitPack(number)
                let docs = AppointmentDocuments.homeVisitPack(data, groupLabel: { env.rules.groupLabel(GroupCode(rawValue: $0)) },
                                                              operatorName: name)
                let paths = try PrintFolder.write(docs, store: env.store, year: Int(a.day.prefix(4)) ?? 2026)
                return Done(message: "上门服务包已打印 \(paths.count) 份：\((paths.first.map { ($0 as NSString).deletingLastPathComponent }) ?? "")")
            }]
        case .input(.action(Action.calls)):
            guard let anchor, let stationID else { return [] }
            let op = session.operatorRecord
            let station = stationName
            return [.perform { env in
                let day = anchor.adding(days: 1).iso
                let list = try env.store.appointmentCallList(day: day, stationID: stationID, by: op)
                let doc = AppointmentDocuments.callList(list, station: station, day: day)
                let paths = try PrintFolder.write([PrintedDocument(fileName: "电话提醒名单-\(day).txt", text: doc.text, document: doc)],
                                                  store: env.store, year: anchor.year)
                return Done(message: "\(day) 电话提醒名单 \(list.count) 人：\(paths.first ?? "")（本程序不发短信，请逐一电话提醒）")
            }]
        case .input(.action(Action.ledger)):
            guard let anchor, let stationID else { return [] }
            let station = stationName
            return [.perform { env in
                let from = LocalDate(year: anchor.year, month: anchor.month, day: 1)!
                let to = LocalDate(year: anchor.year, month: anchor.month, day: LocalDate.daysIn(month: anchor.month, year: anchor.year))!
                let ledgers = [
                    AppointmentDocuments.appointmentLedger(try env.store.appointmentLedger(stationID: stationID, from: from.iso, to: to.iso),
                                                           issuer: station, scope: station, from: from.iso, to: to.iso),
                    AppointmentDocuments.homeVisitLedger(try env.store.homeVisitLedger(stationID: stationID, from: from.iso, to: to.iso,
                                                                                       groupLabel: { env.rules.groupLabel(GroupCode(rawValue: $0)) }),
                                                         issuer: station, scope: station, from: from.iso, to: to.iso),
                    AppointmentDocuments.remoteSessionLedger(try env.store.remoteSessionLedger(stationID: stationID, from: from.iso, to: to.iso),
                                                             issuer: station, scope: station, from: from.iso, to: to.iso),
                ]
                let month = String(from.iso.prefix(7))
                let docs = ledgers.map { PrintedDocument(fileName: "\($0.title)-\(month).txt", text: $0.text, document: $0) }
                let paths = try PrintFolder.write(docs, store: env.store, year: anchor.year)
                return Done(message: "\(month) 台账已打印 \(paths.count) 份（A4 横向 PDF）：\(paths.first.map { ($0 as NSString).deletingLastPathComponent } ?? "")")
            }]
        default:
            break
        }
        return []
    }

    /// Work to run after a yes (the confirm dialog delivers it back as a result).
    struct Pending: Sendable {
        let work: @Sendable (AppEnvironment) throws -> any Sendable
        init(_ work: @escaping @Sendable (AppEnvironment) throws -> any Sendable) { self.work = work }
    }

    // MARK: View

    static func weekdayLabel(_ d: LocalDate) -> String { d.weekday.label }

    static func flags(_ a: Appointment) -> String {
        a.tags.isEmpty ? "" : "［" + a.tags.joined(separator: " ") + "］"
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let anchor, let board else {
            canvas.drawLine(" 正在读取……", in: area.row(0), style: theme[.dim])
            return
        }
        let span = weekView ? "\(anchor.iso)起一周" : "\(anchor.iso) \(Self.weekdayLabel(anchor))"
        canvas.drawLine(" \(stationName) · \(span)".truncated(toWidth: area.width, ellipsis: true), in: area.row(0), style: theme[.header])
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 3))
        var lines: [(String, Style)] = []
        if weekView && area.width >= 70 {
            lines = weekGrid(board, width: area.width, theme: theme)
        } else if weekView {
            for d in days {
                let list = board.appointments.filter { $0.day == d.iso }
                let slots = board.slots.filter { $0.day == d.iso }
                let free = slots.reduce(0) { $0 + $1.free }
                lines.append((" \(d.iso.suffix(5)) \(Self.weekdayLabel(d))  约\(list.filter { $0.status.isOpen }.count) 空\(free)", theme[.normal]))
                for a in list {
                    let index = bookings.firstIndex { $0.id == a.id }
                    let mark = index == selected ? "▶" : " "
                    lines.append(("  \(mark)\(a.start) \(a.mode.mark) \(a.personName) \(a.status.label)", index == selected ? theme[.selection] : theme[.normal]))
                }
            }
        } else {
            lines = dayList(board, day: anchor, theme: theme)
        }
        if lines.isEmpty { lines.append(("   当天没有开设预约时段（可用 fayuan appointment slots 开设）", theme[.dim])) }
        let selectedLine = lines.firstIndex { $0.0.contains("▶") } ?? 0
        let first = max(0, min(selectedLine - body.height + 1, lines.count - body.height))
        for (offset, line) in lines.dropFirst(first).prefix(body.height).enumerated() {
            canvas.drawLine(line.0.truncated(toWidth: body.width, ellipsis: true), in: body.row(offset), style: line.1)
        }
        // The selected booking in full, and the keys.
        let detailRow = area.row(area.height - 2)
        if let a = current {
            var text = " \(a.number) \(a.personName)"
            if let phone = a.maskedPhone { text += " \(phone)" }
            text += " \(a.purpose.label)·\(a.mode.label)"
            if !a.place.isEmpty { text += " \(a.place)" }
            if !a.accessibility.isEmpty { text += " 需：\(a.accessibility)" }
            canvas.drawLine(text.truncated(toWidth: area.width, ellipsis: true), in: detailRow, style: theme[.info])
        }
        // The keys as the keymap binds them (a user keymap may move them).
        let k = context.keymap
        let keys = area.width >= 70
            ? " ↑↓ 选择  \(k.hint(Action.week)) 日/周  \(k.hint(Action.previous)) \(k.hint(Action.next)) 前后  "
                + "\(k.hint(Action.confirm)) 确认  \(k.hint(Action.pack)) 上门服务包  \(k.hint(Action.calls)) 次日电话名单  "
                + "\(k.hint(Action.ledger)) 本月台账"
            : " \(k.hint(Action.week))日/周 \(k.hint(Action.previous))\(k.hint(Action.next))前后 "
                + "\(k.hint(Action.pack))服务包 \(k.hint(Action.calls))电话单 \(k.hint(Action.ledger))台账"
        canvas.drawLine(keys.truncated(toWidth: area.width, ellipsis: true), in: area.row(area.height - 1), style: theme[.dim])
    }

    /// The day: each slot in time order with its mark and places taken, its bookings beneath.
    func dayList(_ board: AppointmentBoard, day: LocalDate, theme: Theme) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        let slots = board.slots.filter { $0.day == day.iso }
        for slot in slots {
            lines.append(("  \(slot.start)–\(slot.end) \(slot.mode.mark) \(slot.mode.label)  已约\(slot.booked)/\(slot.capacity)"
                          + (slot.free > 0 ? "  空\(slot.free)" : "  约满"), theme[.dim]))
            for a in board.appointments where a.slotID == slot.id {
                let index = bookings.firstIndex { $0.id == a.id }
                let mark = index == selected ? " ▶ " : "   "
                let text = "\(mark) \(a.number) \(a.personName) \(a.purpose.label) \(a.status.label)\(Self.flags(a))"
                lines.append((text, index == selected ? theme[.selection] : (a.status.isOpen ? theme[.normal] : theme[.dim])))
            }
        }
        return lines
    }

    /// The week: a grid of start times × days; a cell shows the mode mark and the person, or the
    /// number of bookings, or 空 with the free places.
    func weekGrid(_ board: AppointmentBoard, width: Int, theme: Theme) -> [(String, Style)] {
        let label = 6
        let cell = max(6, (width - label) / 7)
        var header = "时间".padded(toWidth: label)
        for d in days { header += " \(d.iso.suffix(5)) \(Self.weekdayLabel(d).suffix(1))".padded(toWidth: cell) }
        var lines: [(String, Style)] = [(header, theme[.header])]
        let starts = Set(board.slots.map(\.start)).sorted()
        for start in starts {
            var row = start.padded(toWidth: label)
            var selectedHere = false
            for d in days {
                let slots = board.slots.filter { $0.day == d.iso && $0.start == start }
                let open = board.appointments.filter { $0.day == d.iso && $0.start == start && $0.status.isOpen }
                var text = ""
                if slots.isEmpty && open.isEmpty {
                    text = " ·"
                } else if open.count == 1 {
                    let a = open[0]
                    let chosen = bookings.firstIndex { $0.id == a.id } == selected
                    if chosen { selectedHere = true }
                    text = (chosen ? "▶" : " ") + a.mode.mark + a.personName
                } else if open.count > 1 {
                    let chosen = open.contains { a in bookings.firstIndex { $0.id == a.id } == selected }
                    if chosen { selectedHere = true }
                    text = (chosen ? "▶" : " ") + (slots.first?.mode.mark ?? "") + "\(open.count)人"
                } else {
                    let free = slots.reduce(0) { $0 + $1.free }
                    text = " " + (slots.first?.mode.mark ?? "") + "空\(free)"
                }
                row += text.truncated(toWidth: cell - 1, ellipsis: false).padded(toWidth: cell)
            }
            lines.append((row, selectedHere ? theme[.selection] : theme[.normal]))
        }
        return lines
    }
}

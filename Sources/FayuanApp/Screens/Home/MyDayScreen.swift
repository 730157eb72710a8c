import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 我的今天: the operator's own day — tickets served, consultations (call-back phones masked),
/// applications waiting for documents they took, and their deadlines within 7 days. ↑↓ choose a
/// row, Enter opens its record. Refreshed from the store whenever it comes back on top.
public struct MyDayScreen: Screen {
    public enum Action {
        /// 给群众看 for the selected consultation (also on its record screen).
        public static let readBack: ActionID = "myday.read_back"
    }

    public let session: Session
    private(set) var day: MyDay?
    private(set) var today: String = ""
    private(set) var selected = 0

    public init(session: Session) { self.session = session }

    public var keymapSection: String { "myday" }
    public var title: String { "我的今天" }

    /// One selectable line: what it shows and what it opens.
    enum Row: Equatable {
        case ticket(MyDay.TicketRow)
        case consultation(MyDay.ConsultationRow)
        case awaiting(MyDay.CaseRow)
        case deadline(MyDay.CaseRow)
    }

    struct Loaded: Sendable {
        var day: MyDay
        var today: String
    }

    var rows: [Row] {
        guard let day else { return [] }
        return day.tickets.map(Row.ticket) + day.consultations.map(Row.consultation)
            + day.awaitingDocuments.map(Row.awaiting) + day.deadlines.map(Row.deadline)
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            let op = session.operatorRecord
            return [.perform { env in
                let today = IntakeClock.today(env).iso
                return Loaded(day: try env.store.myDay(operator: op, day: today), today: today)
            }]
        case .result(let loaded as Loaded):
            day = loaded.day
            today = loaded.today
            selected = min(selected, max(0, rows.count - 1))
            return []
        case .input(.action(StandardAction.down)):
            selected = min(selected + 1, max(0, rows.count - 1))
            return []
        case .input(.action(StandardAction.up)):
            selected = max(0, selected - 1)
            return []
        case .input(.action(StandardAction.confirm)):
            guard rows.indices.contains(selected) else { return [] }
            return [.push(open(rows[selected]))]
        case .input(.action(Action.readBack)):
            guard rows.indices.contains(selected), case .consultation(let c) = rows[selected] else {
                return [.status("请先用 ↑↓ 选中一条咨询登记，再给群众看", .warning)]
            }
            return [RecordScreen.loadReadBack(c.consultationID)]
        case .result(let ready as RecordScreen.ReadBackReady):
            return [.push(ApplicantViewScreen(readBack: ready.readBack, session: session))]
        default:
            return []
        }
    }

    private func open(_ row: Row) -> any Screen {
        switch row {
        case .ticket(let t): return RecordScreen(session: session, record: .ticket(t.ticketID))
        case .consultation(let c): return RecordScreen(session: session, record: .consultation(c.consultationID))
        case .awaiting(let c), .deadline(let c): return CaseDetailScreen(session: session, caseID: c.caseID)
        }
    }

    // MARK: View

    static func line(_ row: Row) -> String {
        switch row {
        case .ticket(let t):
            return "\(t.code)  \(t.service)  \(t.status)" + (t.window.map { "  \($0)号窗口" } ?? "")
        case .consultation(let c):
            return "\(c.visitor)  \(c.topic)" + (c.phone.map { "  回电 \($0)" } ?? "")
        case .awaiting(let c), .deadline(let c):
            let number = c.caseNumber ?? "（未受理）"
            return "\(c.dueOn.isEmpty ? "无期限" : c.dueOn)  \(c.what)  \(c.applicantName)  \(number)"
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let day else {
            canvas.drawLine(" 正在读取……", in: area.row(0), style: theme[.dim])
            return
        }
        let sections: [(String, [Row], String)] = [
            ("我办理的排队号（\(day.tickets.count)）", day.tickets.map(Row.ticket), "今天还没有办理排队号"),
            ("我的咨询登记（\(day.consultations.count)）", day.consultations.map(Row.consultation), "今天还没有咨询登记"),
            ("待补材料的申请（\(day.awaitingDocuments.count)）", day.awaitingDocuments.map(Row.awaiting), "没有待补材料的申请"),
            ("7 日内到期（\(day.deadlines.count)）", day.deadlines.map(Row.deadline), "7 日内没有到期事项"),
        ]
        // Lay out all lines, then scroll so the selected row is visible.
        var lines: [(text: String, style: Style, index: Int?)] = []
        lines.append((" \(session.operatorName) · \(today)   ↑↓ 选择  Enter 打开记录", theme[.dim], nil))
        var index = 0
        for (header, rows, empty) in sections {
            lines.append((" " + header, theme[.header], nil))
            if rows.isEmpty { lines.append(("   " + empty, theme[.dim], nil)) }
            for row in rows {
                let mark = index == selected ? " ▶ " : "   "
                lines.append((mark + Self.line(row), index == selected ? theme[.selection] : theme[.normal], index))
                index += 1
            }
        }
        let selectedLine = lines.firstIndex { $0.index == selected } ?? 0
        let first = max(0, min(selectedLine - area.height + 2, lines.count - area.height))
        for (offset, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            canvas.drawLine(line.text.truncated(toWidth: area.width, ellipsis: true), in: area.row(offset), style: line.style)
        }
    }
}

/// A ticket or consultation from 我的今天, read-only. Phones are shown masked.
public struct RecordScreen: Screen {
    public enum Record: Sendable, Equatable {
        case ticket(Int64)
        case consultation(Int64)
    }
    public let session: Session
    public let record: Record
    private(set) var lines: [String] = []

    struct ReadBackReady: Sendable { let readBack: ReadBack }

    /// Loads a consultation's read-back; the linked person's ID number leaves the store masked
    /// (the read-back screen reveals it in full through the audited reveal).
    static func loadReadBack(_ id: Int64) -> Effect {
        .perform { env in
            let c = try env.store.consultation(id: id)
            let masked = try c.applicantID.flatMap { try env.store.applicant(id: $0)?.idNumber }.map(PrivacyPolicy.maskIDNumber)
            return ReadBackReady(readBack: .forConsultation(c, idMasked: masked))
        }
    }

    public init(session: Session, record: Record) { self.session = session; self.record = record }

    public var keymapSection: String { "myday" }
    public var title: String {
        switch record {
        case .ticket: return "排队号记录"
        case .consultation: return "咨询登记记录"
        }
    }

    struct Lines: Sendable { var lines: [String] }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            let record = self.record
            return [.perform { env in
                switch record {
                case .ticket(let id):
                    let t = try env.store.queueTicket(id: id)
                    return Lines(lines: ["号码：\(t.code)", "业务：\(t.queueService.label)", "状态：\(t.statusLabel)",
                                         "窗口：\(t.window ?? "—")", "取号：\(IntakeClock.localTime(t.issuedAt, env))",
                                         "叫号：\(t.calledAt.map { IntakeClock.localTime($0, env) } ?? "—")",
                                         "结束：\(t.finishedAt.map { IntakeClock.localTime($0, env) } ?? "—")"])
                case .consultation(let id):
                    let c = try env.store.consultation(id: id)
                    return Lines(lines: ["来访人：\(c.visitorName ?? "匿名")",
                                         "回电电话：\(c.visitorPhone.map(PrivacyPolicy.maskPhone) ?? "（未留）")",
                                         "咨询事项：\(ConsultationTopic.topic(id: c.topic)?.label ?? c.topic)",
                                         "用时：\(c.durationMinutes.map { "\($0) 分钟" } ?? "—")",
                                         "咨询问题：\(c.question)", "答复意见：\(c.answer)"])
                }
            }]
        case .result(let loaded as Lines):
            lines = loaded.lines
            return []
        case .input(.action(MyDayScreen.Action.readBack)):
            guard case .consultation(let id) = record else { return [.status("排队号没有给群众看的内容", .info)] }
            return [Self.loadReadBack(id)]
        case .result(let ready as ReadBackReady):
            return [.push(ApplicantViewScreen(readBack: ready.readBack, session: session))]
        default:
            return []
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var y = 1
        for line in lines {
            for piece in line.wrapped(toWidth: area.width - 2) where y < area.height {
                canvas.drawLine(" " + piece, in: area.row(y), style: context.theme[.normal])
                y += 1
            }
        }
    }
}

import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanStore
import Foundation

/// `fayuan queue issue|call|recall|skip|no-show|serve|finish|transfer|leave|list|stats`: the walk-in
/// queue for scripts, the hotline platform and tests. JSON on stdout; exit 2 bad input, 3 store.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "排队叫号：取号、叫号、重呼、过号、未到、办理、转移、离开、列表、统计",
        subcommands: [Issue.self, Call.self, Recall.self, Skip.self, NoShow.self, Serve.self, Finish.self,
                      Transfer.self, Leave.self, List.self, Stats.self])

    /// Options every queue subcommand takes.
    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions

        @Option(name: .long, help: "站点代码，如 140525000")
        var station: String

        @Option(name: .long, help: "营业日 YYYY-MM-DD（默认今天）")
        var day: String?

        /// The store, the station, the day — as a proven operator whose role must allow
        /// `permission` (nil: any operator may look).
        func open(_ permission: Permission?) throws -> (CaseStore, Station, String) {
            if let day, CLIDate.day(day) == nil { throw CLIOutput.failure("--day: 日期应为有效的 YYYY-MM-DD：“\(day)”") }
            let (caseStore, op) = try identity.open(store, readOnly: permission == nil)
            if let permission { try IdentityOptions.require(op, permission) }
            let found = try StoreCommand.run { try caseStore.station(code: station) }
            return (caseStore, found, day ?? QueueFormat.day(Date(), timeZone: .current))
        }
    }

    /// One ticket as JSON.
    struct TicketJSON: Encodable {
        var id: Int64
        var code: String
        var day: String
        var seq: Int
        var service: String
        var serviceLabel: String
        var priority: String
        var priorityLabel: String
        var priorityReason: String?
        var priorityReasonLabel: String?
        var status: String
        var statusLabel: String
        var window: String?
        var targetWindow: String?
        var issuedAt: String
        var calledAt: String?
        var lastCalledAt: String?
        var servingAt: String?
        var finishedAt: String?
        var recallCount: Int
        var skipCount: Int
        var transferCount: Int
        var endReason: String?
        var endReasonLabel: String?
        /// Closed when the window called the next ticket before service started (叫号未办理).
        var closedUnserved: Bool

        init(_ t: QueueTicket) {
            id = t.id; code = t.code; day = t.day; seq = t.seq; service = t.queueService.code
            serviceLabel = t.queueService.label; priority = t.priority.rawValue; priorityReason = t.priorityReason
            status = t.status; window = t.window; targetWindow = t.targetWindow; issuedAt = t.issuedAt
            calledAt = t.calledAt; lastCalledAt = t.lastCalledAt; servingAt = t.servingAt; finishedAt = t.finishedAt
            recallCount = t.recallCount; skipCount = t.skipCount; transferCount = t.transferCount; endReason = t.endReason
            closedUnserved = t.closedUnserved
            priorityLabel = t.priority == .priority ? "优先" : "普通"
            priorityReasonLabel = t.priorityReason.map { code in PriorityReason.all.first { $0.code == code }?.label ?? code }
            statusLabel = TicketStatus(rawValue: t.status)?.label ?? t.status
            endReasonLabel = t.endReason.map { ["done": "办结", "no_show": "未到", "walked_away": "未办理即离开"][$0] ?? $0 }
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "取号",
            discussion: "业务：\(QueueService.all.map { "\($0.code)（\($0.letter) \($0.label)）" }.joined(separator: "、"))\n优先原因：\(PriorityReason.all.map { "\($0.code)（\($0.label)）" }.joined(separator: "、"))")
        @OptionGroup var common: Common
        @Option(name: .long, help: "业务代码（可选值见上）")
        var service: String
        @Option(name: .customLong("priority-reason"), help: "优先原因代码（可选值见上；不填为普通号）")
        var priorityReason: String?

        struct Output: Encodable {
            var ticket: TicketJSON
            var waitingAhead: Int
            var slip: [String]
        }

        func run() throws {
            guard let queueService = QueueService.named(service) else {
                printError("--service 有误：未知的业务代码 \(service)（可用：\(QueueService.all.map { "\($0.code)（\($0.label)）" }.joined(separator: "、"))）")
                throw ExitCode(2)
            }
            let (store, station, day) = try common.open(.issueTicket)
            let issued = try StoreCommand.run {
                try store.issueTicket(station: station, service: queueService, priorityReason: priorityReason, on: day)
            }
            let slip = TicketSlip(ticket: issued.ticket, station: station, waitingAhead: issued.waitingAhead, timeZone: .current)
            try StoreCommand.printJSON(Output(ticket: TicketJSON(issued.ticket), waitingAhead: issued.waitingAhead, slip: slip.lines))
        }
    }

    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "call", abstract: "为窗口叫下一位（该窗口当前号码随之结束：已开始办理的记办结，未办理的记叫号未办理）；无人等候时输出 {\"ticket\": null} 并以 1 退出")
        @OptionGroup var common: Common
        @Option(name: .long, help: "窗口号，如 2")
        var window: String

        struct Output: Encodable {
            var ticket: TicketJSON?
            var reason: String?
            var reasonLabel: String?
            var finished: TicketJSON?

            enum CodingKeys: String, CodingKey { case ticket, reason, reasonLabel, finished }

            /// Absent values are written as null, so scripts can test `.ticket == null`.
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(ticket, forKey: .ticket)
                try c.encode(reason, forKey: .reason)
                try c.encode(reasonLabel, forKey: .reasonLabel)
                try c.encode(finished, forKey: .finished)
            }
        }

        func run() throws {
            let (store, station, day) = try common.open(.callTicket)
            let call = try StoreCommand.run { try store.callNextTicket(station: station, window: window, on: day) }
            try StoreCommand.printJSON(Output(ticket: call.map { TicketJSON($0.ticket) }, reason: call?.reason.rawValue,
                                              reasonLabel: call?.reason.label,
                                              finished: call?.finished.map(TicketJSON.init)))
            if call == nil {
                printError("没有等候的号码")
                throw ExitCode(1)
            }
        }
    }

    /// Subcommands that act on one ticket: `--code A012`, or the ticket at `--window`.
    struct Target: ParsableArguments {
        @OptionGroup var common: Common
        @Option(name: .long, help: "号码，如 A012")
        var code: String?
        @Option(name: .long, help: "窗口号：对该窗口当前的号码操作")
        var window: String?

        func validate() throws {
            guard (code == nil) != (window == nil) else { throw ValidationError("请指定 --code 或 --window 其中之一") }
        }

        func act(_ body: (CaseStore, QueueTicket) throws -> QueueTicket) throws {
            let (store, station, day) = try common.open(.callTicket)
            let result = try StoreCommand.run { () -> QueueTicket in
                let ticket: QueueTicket
                if let code {
                    ticket = try store.ticket(station: station, code: code, on: day)
                } else {
                    guard let current = try store.currentTicket(station: station, window: window!, on: day) else {
                        throw StoreError.invalidInput(field: "window", message: "\(window!) 号窗口当前没有已叫的号码")
                    }
                    ticket = current
                }
                return try body(store, ticket)
            }
            try StoreCommand.printJSON(TicketJSON(result))
        }
    }

    struct Recall: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "recall", abstract: "重呼")
        @OptionGroup var target: Target
        func run() throws { try target.act { try $0.recallTicket($1.id) } }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "skip", abstract: "过号：排到等候队尾（超过次数记未到）")
        @OptionGroup var target: Target
        func run() throws { try target.act { try $0.skipTicket($1.id) } }
    }

    struct NoShow: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "no-show", abstract: "记为未到")
        @OptionGroup var target: Target
        func run() throws { try target.act { try $0.markNoShow($1.id) } }
    }

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "开始办理")
        @OptionGroup var target: Target
        func run() throws { try target.act { try $0.startServing($1.id) } }
    }

    struct Finish: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "finish", abstract: "办结")
        @OptionGroup var target: Target
        func run() throws { try target.act { try $0.finishServing($1.id) } }
    }

    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "leave", abstract: "记为离开（未办理即离开）")
        @OptionGroup var target: Target
        func run() throws { try target.act { try $0.markWalkedAway($1.id) } }
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "transfer", abstract: "转到其他窗口或业务（保留原排队顺序）")
        @OptionGroup var target: Target
        @Option(name: .customLong("to-window"), help: "转到的窗口号")
        var toWindow: String?
        @Option(name: .customLong("to-service"), help: "转到的业务代码")
        var toService: String?

        func run() throws {
            var service: QueueService?
            if let toService {
                guard let s = QueueService.named(toService) else {
                    printError("--to-service 有误：未知的业务代码 \(toService)")
                    throw ExitCode(2)
                }
                service = s
            }
            try target.act { try $0.transferTicket($1.id, toWindow: toWindow, toService: service) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出当日全部号码（按取号顺序）")
        @OptionGroup var common: Common

        struct Output: Encodable {
            var station: String
            var day: String
            var waiting: Int
            var tickets: [TicketJSON]
        }

        func run() throws {
            let (store, station, day) = try common.open(nil)
            let tickets = try StoreCommand.run { try store.queueTickets(station: station, on: day) }
            let waiting = tickets.filter { TicketStatus.callable.contains($0.ticketStatus) }.count
            try StoreCommand.printJSON(Output(station: station.code, day: day, waiting: waiting, tickets: tickets.map(TicketJSON.init)))
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "统计：取号、办结、平均与90%等候（秒）、办理时长、未到、离开，按业务和优先")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Option(name: .long, help: "站点代码")
        var station: String
        @Option(name: .long, help: "开始日期 YYYY-MM-DD（默认今天）")
        var from: String?
        @Option(name: .long, help: "结束日期 YYYY-MM-DD（默认同开始日期或今天）")
        var to: String?

        struct Output: Encodable {
            var station: String
            var from: String
            var to: String
            var statistics: QueueStatistics
        }

        func run() throws {
            for (field, value) in [("--from", from), ("--to", to)] {
                if let value, CLIDate.day(value) == nil { throw CLIOutput.failure("\(field): 日期应为有效的 YYYY-MM-DD：“\(value)”") }
            }
            let (caseStore, _) = try identity.open(store, readOnly: true)
            let today = QueueFormat.day(Date(), timeZone: .current)
            let from = self.from ?? today, to = self.to ?? (self.from == nil ? today : max(from, today))
            let (found, stats) = try StoreCommand.run { () -> (Station, QueueStatistics) in
                let found = try caseStore.station(code: station)
                return (found, try caseStore.queueStatistics(station: found, from: from, to: to, today: today))
            }
            try StoreCommand.printJSON(Output(station: found.code, from: from, to: to, statistics: stats))
        }
    }
}

import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan case list|show|decide|assign`: the case pipeline for scripts and tests. JSON on
/// stdout. The clocks are the console's (same rule library, same counting). Every subcommand acts
/// as a proven operator (`--operator` + PIN, or a token); decide and assign are checked against
/// that operator's role by the store: a refusal is exit 4 with the Chinese reason.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "案件流程：列表、详情、审查决定、指派",
        subcommands: [List.self, Show.self, Decide.self, Assign.self])

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions

        @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则）")
        var rulesDir: String?

        @Option(name: .long, help: "以哪一天计算期限 YYYY-MM-DD（默认今天）")
        var today: String?

        func library() throws -> RuleLibrary {
            do {
                return try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir,
                                                                                   environment: ProcessInfo.processInfo.environment))
            } catch {
                throw CLIOutput.failure("规则文件有误：\(error)")
            }
        }

        /// Noon of `--today` in the local time zone, or now.
        func now() throws -> Date {
            guard let today else { return Date() }
            guard CLIDate.day(today) != nil, let date = ISO8601DateFormatter.localNoon(today) else {
                throw CLIOutput.failure("--today: 日期应为有效的 YYYY-MM-DD：“\(today)”")
            }
            return date
        }

        func deadlines(_ store: CaseStore, _ rules: RuleLibrary, now: Date) throws -> CaseDeadlines {
            let stations = try StoreCommand.run { try store.stations() }
            let region = stations.first { $0.kind == .countyCentre }.map { String($0.code.prefix(6)) } ?? ""
            return CaseDeadlines(rules: rules, region: region, on: localDay(now))
        }

        func localDay(_ now: Date) -> LocalDate {
            let c = Calendar.current.dateComponents([.year, .month, .day], from: now)
            return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        }
    }

    struct ClockJSON: Encodable {
        var kind: String
        var label: String
        var due: String?
        var dueTime: String?
        var status: String
        var text: String
        /// The due date rests on a provisional holiday year (no notice yet).
        var provisional: Bool

        init(_ c: CaseClock) {
            kind = c.kind.rawValue; label = c.kind.label; due = c.due?.iso; dueTime = c.dueTime; text = c.status.text
            provisional = c.provisional
            switch c.status {
            case .overdue: status = "overdue"
            case .dueToday: status = "due_today"
            case .running: status = "running"
            case .unknown: status = "unknown"
            }
        }
    }

    struct CaseJSON: Encodable {
        var id: Int64
        var caseNumber: String?
        var step: String
        var stage: String
        var stageLabel: String
        var applicant: String
        var idNumber: String
        var phone: String
        var cause: String
        var appliedOn: String
        var station: String
        var provider: String?
        var clocks: [ClockJSON]
        var returnVisitDue: Bool

        init(_ b: BoardCase, clocks: [CaseClock]) {
            id = b.id; caseNumber = b.caseNumber; step = b.step.rawValue; stage = b.stage.rawValue; stageLabel = b.stage.label
            applicant = b.applicantName; idNumber = b.idMasked; phone = b.phoneMasked; cause = b.cause; appliedOn = b.appliedOn
            station = b.stationName; provider = b.providerName; self.clocks = clocks.map(ClockJSON.init)
            returnVisitDue = b.returnVisitDue
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "按看板列出案件（最紧急在前）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "步骤：\(PipelineStage.allCases.map(\.rawValue).joined(separator: "、"))")
        var stage: String?
        @Option(name: .long, help: "每个步骤最多列出几件")
        var limit: Int = 300

        func run() throws {
            var filter = BoardFilter(limitPerStage: limit)
            if let stage {
                guard let s = PipelineStage(rawValue: stage) else { throw CLIOutput.failure("--stage: 未知的步骤“\(stage)”") }
                filter.stages = [s]
            }
            let now = try common.now()
            let (store, _) = try common.identity.open(common.store, readOnly: true)
            let rules = try common.library()
            let deadlines = try common.deadlines(store, rules, now: now)
            let cases = try StoreCommand.run { try store.pipelineBoard(filter) }
            var rows = cases.map { ($0, deadlines.clocks($0, now: now, timeZone: .current)) }
            rows.sort { a, b in
                Urgency.Key(clock: a.1.first?.status, priority: Urgency.priorityRank(a.0.priority), appliedOn: a.0.times.appliedOn, caseID: a.0.id)
                    < Urgency.Key(clock: b.1.first?.status, priority: Urgency.priorityRank(b.0.priority), appliedOn: b.0.times.appliedOn, caseID: b.0.id)
            }
            try StoreCommand.printJSON(rows.map { CaseJSON($0.0, clocks: $0.1) })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件详情与时间线")
        @OptionGroup var common: Common
        @Argument(help: "案件 id") var id: Int64

        struct Output: Encodable {
            var `case`: CaseJSON
            var outcome: String?
            var timeline: [Event]
            var wheel: [Turn]
        }
        struct Event: Encodable { var at: String; var kind: String; var operatorName: String?; var note: String }
        struct Turn: Encodable { var turn: Int; var provider: String; var suggested: String?; var overrideReason: String?; var explanation: String }

        func run() throws {
            let now = try common.now()
            let (store, _) = try common.identity.open(common.store, readOnly: true)
            let rules = try common.library()
            let deadlines = try common.deadlines(store, rules, now: now)
            let d = try StoreCommand.run { try store.caseDetail(id) }
            try StoreCommand.printJSON(Output(
                case: CaseJSON(d.board, clocks: deadlines.clocks(d.board, now: now, timeZone: .current)), outcome: d.outcome,
                timeline: d.timeline.map { Event(at: $0.at, kind: $0.kind, operatorName: $0.operatorName, note: $0.note) },
                wheel: d.wheel.map { Turn(turn: $0.turn, provider: $0.providerName, suggested: $0.suggestedName,
                                          overrideReason: $0.overrideReason, explanation: $0.explanation) }))
        }
    }

    static func permitted<T>(_ body: () throws -> T) throws -> T {
        try StoreCommand.run(body)
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "审查决定：给予或不予法律援助",
            discussion: "给予理由：\(DecisionReason.grant.map(\.code).joined(separator: "、"))\n不予理由：\(DecisionReason.refusal.map(\.code).joined(separator: "、"))")
        @OptionGroup var common: Common
        @Argument(help: "案件 id") var id: Int64
        @Flag(name: .long, help: "给予法律援助") var grant = false
        @Flag(name: .long, help: "不予法律援助") var refuse = false
        @Option(name: .long, help: "理由代码（可多次）") var reason: [String] = []
        @Option(name: .long, help: "说明") var text: String = ""
        @Option(name: .long, help: "决定日期 YYYY-MM-DD（默认今天）") var day: String?

        func run() throws {
            guard grant != refuse else { throw CLIOutput.failure("--grant / --refuse: 请二选一") }
            if let day, CLIDate.day(day) == nil { throw CLIOutput.failure("--day: 日期应为有效的 YYYY-MM-DD：“\(day)”") }
            let date = try day ?? common.localDay(common.now()).iso
            let (store, op) = try common.identity.open(common.store)
            let saved = try CaseCommand.permitted {
                try store.decide(id, grant: grant, reasons: reason, text: text, on: date, role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(["id": String(id), "step": saved.step.rawValue, "decidedOn": date])
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "指派承办人（默认按轮案建议）")
        @OptionGroup var common: Common
        @Argument(help: "案件 id") var id: Int64
        @Option(name: .long, help: "承办人员 id（省略时按轮案建议）") var provider: Int64?
        @Option(name: .customLong("override-reason"), help: "未按建议指派时的理由") var overrideReason: String?
        @Option(name: .long, help: "指派日期 YYYY-MM-DD（默认今天）") var day: String?

        struct Output: Encodable {
            var id: Int64
            var provider: String
            var suggested: String?
            var reasons: [String]
            var assignedOn: String
        }

        func run() throws {
            if let day, CLIDate.day(day) == nil { throw CLIOutput.failure("--day: 日期应为有效的 YYYY-MM-DD：“\(day)”") }
            let date = try day ?? common.localDay(common.now()).iso
            let (store, op) = try common.identity.open(common.store)
            let rules = try common.library()
            try IdentityOptions.require(op, .assignLawyer)
            let (request, candidates) = try StoreCommand.run { try store.wheelCandidates(for: id) }
            let label = rules.causeLabel(CauseCode(rawValue: request.cause))
            let suggestion = RotationWheel.suggest(.init(cause: request.cause, causeLabel: label, isMajor: request.major,
                                                         possibleLifeOrDeath: request.lifeOrDeath), candidates: candidates)
            guard let chosen = provider ?? suggestion.suggested?.candidate.providerID else {
                throw CLIOutput.failure("--provider: 轮案无可指派人选，请指定承办人员")
            }
            let saved = try CaseCommand.permitted {
                try store.assign(id, to: chosen, suggestedID: suggestion.suggested?.candidate.providerID, overrideReason: overrideReason,
                                 explanation: suggestion.explanation, on: date, role: op.role, by: op.id)
            }
            let name = candidates.first { $0.providerID == saved.providerID }?.name ?? "#\(chosen)"
            try StoreCommand.printJSON(Output(id: id, provider: name, suggested: suggestion.suggested?.candidate.name,
                                              reasons: suggestion.suggested?.reasons ?? [], assignedOn: date))
        }
    }
}

extension ISO8601DateFormatter {
    /// 12:00 local time on a day, so "today" means that day in any time zone.
    static func localNoon(_ day: String) -> Date? {
        let f = DateFormatter()
        f.timeZone = .current
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: day + " 12:00")
    }
}

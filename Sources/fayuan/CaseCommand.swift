import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan case list|show|register|accept|decide|assign|progress|submit-closing|close|archive|visit|review|terminate|objection`:
/// the case pipeline for scripts and tests, step for step the console's (the same store method,
/// checks, timeline, audit and documents). JSON on stdout. The clocks are the console's (same rule
/// library, same counting). Every subcommand acts as a proven operator (`--operator` + PIN, or a
/// token); the store checks that operator's role and the second person (四眼原则): a refusal is
/// exit 4 with the Chinese reason. A date (`--day`) before the case's own history or after today
/// is exit 2 naming `--day`; nothing is written.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "案件流程：列表、详情、登记、受理、审查决定、指派、办理、结案审查、归档、回访、评查、终止、异议",
        subcommands: [List.self, Show.self, Register.self, Accept.self, Decide.self, Assign.self, Progress.self, SubmitClosing.self,
                      Close.self, Archive.self, Visit.self, Review.self, Terminate.self, Objection.self])

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
        var causeLabel: String
        /// application | notification (通知辩护/代理, Art 36: no review, assigned within three days) | duty_lawyer
        var route: String
        var routeLabel: String
        var appliedOn: String
        var acceptedOn: String?
        var decidedOn: String?
        var assignedOn: String?
        var station: String
        var provider: String?
        var clocks: [ClockJSON]
        var returnVisitDue: Bool

        init(_ b: BoardCase, clocks: [CaseClock], rules: RuleLibrary) {
            id = b.id; caseNumber = b.caseNumber; step = b.step.rawValue; stage = b.stage.rawValue; stageLabel = b.stage.label
            applicant = b.applicantName; idNumber = b.idMasked; phone = b.phoneMasked; cause = b.cause; route = b.route
            causeLabel = CaseFormat.causeLabel(b.cause, rules: rules)
            routeLabel = ["application": "依申请", "notification": "通知辩护/代理", "duty_lawyer": "值班律师法律帮助"][b.route] ?? b.route
            appliedOn = b.appliedOn; acceptedOn = b.acceptedOn; decidedOn = b.decidedOn; assignedOn = b.assignedOn
            station = b.stationName; provider = b.providerName; self.clocks = clocks.map(ClockJSON.init)
            returnVisitDue = b.returnVisitDue
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "按看板列出案件（最紧急在前）")
        @OptionGroup var common: Common
        @Option(name: .long, help: ArgumentHelp("步骤：" + PipelineStage.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")))
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
            try StoreCommand.printList(rows.map { CaseJSON($0.0, clocks: $0.1, rules: rules) }, key: "cases")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "案件详情与时间线")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64

        struct Output: Encodable {
            var `case`: CaseJSON
            var outcome: String?
            var timeline: [Event]
            var wheel: [Turn]
        }
        struct Event: Encodable { var at: String; var kind: String; var kindLabel: String; var operatorName: String?; var note: String }
        struct Turn: Encodable { var turn: Int; var provider: String; var suggested: String?; var overrideReason: String?; var explanation: String }

        func run() throws {
            let now = try common.now()
            let (store, _) = try common.identity.open(common.store, readOnly: true)
            let rules = try common.library()
            let deadlines = try common.deadlines(store, rules, now: now)
            let d = try StoreCommand.run { try store.caseDetail(id) }
            try StoreCommand.printJSON(Output(
                case: CaseJSON(d.board, clocks: deadlines.clocks(d.board, now: now, timeZone: .current), rules: rules), outcome: d.outcome,
                timeline: d.timeline.map { Event(at: $0.at, kind: $0.kind, kindLabel: CaseFormat.eventLabel($0.kind), operatorName: $0.operatorName, note: $0.note) },
                wheel: d.wheel.map { Turn(turn: $0.turn, provider: $0.providerName, suggested: $0.suggestedName,
                                          overrideReason: $0.overrideReason, explanation: $0.explanation) }))
        }
    }

    static func permitted<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.invalidInput(field: "day", let message) {
            // The store's date check (the case's own history, today): name the option.
            throw CLIOutput.failure("--day: \(message)")
        } catch {
            return try StoreCommand.run { throw error }
        }
    }

    /// `--day` checked for shape, or today (by `--today` when given).
    static func day(_ day: String?, _ common: Common) throws -> String {
        if let day, CLIDate.day(day) == nil { throw CLIOutput.failure("--day: 日期应为有效的 YYYY-MM-DD：“\(day)”") }
        return try day ?? common.localDay(common.now()).iso
    }

    /// What a step change answers: the case's step and stage after it, the date, and the document
    /// written (its path), if any.
    struct StepOutput: Encodable {
        var id: Int64
        var caseNumber: String?
        var step: String
        var stage: String
        var stageLabel: String
        var day: String?
        var document: String?

        init(_ store: CaseStore, _ id: Int64, day: String?, document: String? = nil) throws {
            let b = try StoreCommand.run { try store.caseDetail(id).board }
            self.id = id; caseNumber = b.caseNumber; step = b.step.rawValue; stage = b.stage.rawValue
            stageLabel = b.stage.label; self.day = day; self.document = document
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "登记申请或办案机关的通知（步骤“受理”，待中心受理）",
            discussion: "申请人须已在案件库中（fayuan search 查找，fayuan import applicant 导入）。--route notification 为法院、检察院、公安机关通知辩护/代理（法律援助法第三十六条：收到通知之日起三日内指派）；期限按本中心所在地规则计算，与窗口受理表相同。")
        @OptionGroup var common: Common
        @Option(name: .long, help: "申请人编号（数字 id，见 fayuan search）") var applicant: Int64
        @Option(name: .long, help: "案件类别：civil 民事、criminal 刑事、administrative 行政") var kind: String
        @Option(name: .long, help: "案由代码（刑事案件为当事人地位，如 suspect_defendant）") var cause: String
        @Option(name: .long, help: "途径：application 依申请、notification 通知辩护/代理") var route: String = "application"
        @Option(name: .long, help: "案情摘要") var summary: String = ""
        @Option(name: .long, help: "对方当事人") var opposing: String = ""
        @Option(name: .long, help: "收到申请或通知的日期 YYYY-MM-DD（默认今天；不能晚于今天）") var day: String?

        struct Output: Encodable {
            var id: Int64
            var stage: String
            var stageLabel: String
            var route: String
            var appliedOn: String
            /// 审查期限 (application) or 指派期限 (notification, Art 36), as the intake form records it.
            var due: String?
            var dueKind: String
        }

        func run() throws {
            guard let kind = CaseKind(rawValue: kind) else { throw CLIOutput.failure("--kind: 应为 civil、criminal 或 administrative：“\(kind)”") }
            guard ["application", "notification"].contains(route) else {
                throw CLIOutput.failure("--route: 应为 application 或 notification：“\(route)”")
            }
            let rules = try common.library()
            let known = kind == .criminal ? Set(CaseFormat.criminalRoles.keys) : Set(rules.causes.map(\.code))
            guard known.contains(cause) else { throw CLIOutput.failure("--cause: 未知的案由代码“\(cause)”") }
            if route == "notification", kind != .criminal {
                throw CLIOutput.failure("--route: 通知辩护/代理只用于刑事案件（法律援助法第二十五条、第二十八条）")
            }
            let date = try CaseCommand.day(day, common)
            let now = try common.now()
            if let d = LocalDate(iso: date), d > common.localDay(Date()) {
                throw CLIOutput.failure("--day: 收到日期不能晚于今天（\(common.localDay(Date()).iso)）：\(date)")
            }
            let (store, op) = try common.identity.open(common.store)
            let stations = try StoreCommand.run { try store.stations() }
            guard let centre = stations.first(where: { $0.kind == .countyCentre }) ?? stations.first, let centreID = centre.id else {
                throw CLIOutput.failure("案件库中没有法律援助中心：请先在系统设置中登记本中心", code: 3)
            }
            let stationID = op.stationID ?? centreID
            // The same deadline the window's form records: the region's review rule, or Art 36 for a notice.
            let deadlines = try common.deadlines(store, rules, now: now)
            let applied = LocalDate(iso: date)!
            let times = CaseTimes(stage: .intake, route: route, appliedOn: applied)
            let due: String?
            if route == "notification" {
                due = (try? deadlines.planner.notificationDue(times).get())?.date.iso
            } else {
                due = try? deadlines.planner.reviewDue(times).get().iso
            }
            let saved = try CaseCommand.permitted {
                try store.takeApplication(
                    ApplicationIntake(applicantID: applicant, stationID: stationID, centreID: centreID, kind: kind, cause: cause,
                                      opposingParty: opposing, summary: summary, appliedOn: date, route: route,
                                      economicCheck: route == "notification" ? "not_applicable" : nil, reviewDue: due),
                    accept: false, acceptedOn: nil, role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(Output(id: saved.id!, stage: PipelineStage.intake.rawValue, stageLabel: PipelineStage.intake.label,
                                              route: route, appliedOn: date, due: due,
                                              dueKind: route == "notification" ? "assignment" : "review"))
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "受理已登记的申请（分配案号；通知辩护/代理受理后径行指派，法律援助法第三十六条）")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "受理日期 YYYY-MM-DD（默认今天；不能早于申请日期，不能晚于今天）") var day: String?

        func run() throws {
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted { _ = try store.accept(id, on: date, role: op.role, by: op.id) }
            // The papers the acceptance issued (申请表, 接收凭证, 补充材料通知书 when something is
            // missing), into the case's folder as the console writes them (`fayuan document` reprints).
            _ = try CaseCommand.renderIssued(id, store: store, rules: try common.library(), op: op)
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "审查决定：给予或不予法律援助",
            discussion: "给予理由：\n" + DecisionReason.grant.map { "  \($0.code)（\($0.label)）" }.joined(separator: "\n") + "\n不予理由：\n" + DecisionReason.refusal.map { "  \($0.code)（\($0.label)）" }.joined(separator: "\n"))
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Flag(name: .long, help: "给予法律援助") var grant = false
        @Flag(name: .long, help: "不予法律援助") var refuse = false
        @Option(name: .long, help: "理由代码（可多次）") var reason: [String] = []
        @Option(name: .long, help: "说明") var text: String = ""
        @Option(name: .long, help: "决定日期 YYYY-MM-DD（默认今天；不能早于受理日期，不能晚于今天）") var day: String?

        func run() throws {
            guard grant != refuse else { throw CLIOutput.failure("--grant / --refuse: 请二选一") }
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            let rules = try common.library()
            let saved = try CaseCommand.permitted {
                try store.decide(id, grant: grant, reasons: reason, text: text, on: date, role: op.role, by: op.id)
            }
            var document: String?
            // The console's 决定书, numbered in the decision's transaction (the refusal with the
            // objection path and the province's term): rendered into the case's folder as PDF
            // and text; `document` is the refusal's text, as before.
            let issued = try CaseCommand.renderIssued(id, store: store, rules: rules, op: op)
            if !grant { document = issued.first?.textPath }
            let step = try StepOutput(store, id, day: date, document: document)
            let catalogue = grant ? DecisionReason.grant : DecisionReason.refusal
            try StoreCommand.printJSON(DecisionOutput(
                id: id, caseNumber: step.caseNumber, step: saved.step.rawValue, stage: step.stage, stageLabel: step.stageLabel,
                decision: grant ? "grant" : "refuse", decisionLabel: grant ? "给予法律援助" : "不予法律援助",
                reasons: reason.map { CodeLabel(code: $0, label: DecisionReason.label($0, in: catalogue)) },
                decidedOn: date, document: document))
        }

        struct DecisionOutput: Encodable {
            var id: Int64
            var caseNumber: String?
            var step: String
            var stage: String
            var stageLabel: String
            var decision: String
            var decisionLabel: String
            var reasons: [CodeLabel]
            var decidedOn: String
            /// The 不予法律援助决定书 written (the console's document, same folder); null on a grant.
            var document: String?

            enum CodingKeys: String, CodingKey {
                case id, caseNumber, step, stage, stageLabel, decision, decisionLabel, reasons, decidedOn, document
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id); try c.encode(caseNumber, forKey: .caseNumber)
                try c.encode(step, forKey: .step); try c.encode(stage, forKey: .stage); try c.encode(stageLabel, forKey: .stageLabel)
                try c.encode(decision, forKey: .decision); try c.encode(decisionLabel, forKey: .decisionLabel)
                try c.encode(reasons, forKey: .reasons); try c.encode(decidedOn, forKey: .decidedOn)
                try c.encode(document, forKey: .document)
            }
        }
    }

    /// A code with its Chinese label, as every enum appears in the JSON.
    struct CodeLabel: Encodable {
        var code: String
        var label: String
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "指派承办人（默认按轮案建议）")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "承办人员 id（省略时按轮案建议）") var provider: Int64?
        @Option(name: .customLong("override-reason"), help: "未按建议指派时的理由") var overrideReason: String?
        @Option(name: .long, help: "指派日期 YYYY-MM-DD（默认今天）") var day: String?

        struct Output: Encodable {
            var id: Int64
            var providerID: Int64
            var providerName: String
            /// Whom the rotation wheel suggested, and why (null when it had no one to suggest).
            var suggestedProviderID: Int64?
            var suggestedProviderName: String?
            var suggestionReasons: [String]
            var followedSuggestion: Bool
            var overrideReason: String?
            var assignedOn: String
            /// The 指派通知书 written (the console's document, same folder).
            var document: String?

            enum CodingKeys: String, CodingKey {
                case id, providerID, providerName, suggestedProviderID, suggestedProviderName, suggestionReasons,
                     followedSuggestion, overrideReason, assignedOn, document
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id); try c.encode(providerID, forKey: .providerID)
                try c.encode(providerName, forKey: .providerName)
                try c.encode(suggestedProviderID, forKey: .suggestedProviderID)
                try c.encode(suggestedProviderName, forKey: .suggestedProviderName)
                try c.encode(suggestionReasons, forKey: .suggestionReasons)
                try c.encode(followedSuggestion, forKey: .followedSuggestion)
                try c.encode(overrideReason, forKey: .overrideReason)
                try c.encode(assignedOn, forKey: .assignedOn); try c.encode(document, forKey: .document)
            }
        }

        func run() throws {
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            let rules = try common.library()
            try IdentityOptions.require(op, .assignLawyer)
            let (base, _) = try StoreCommand.run { try store.wheelCandidates(for: id) }
            let label = rules.causeLabel(CauseCode(rawValue: base.cause))
            // The pools add the register specialties, the familiarity rule (minors, abuse victims) and 清退 exclusions.
            let (request, candidates, _) = try StoreCommand.run { try store.poolWheel(for: id, causeLabel: label) }
            let suggestion = RotationWheel.suggest(request, candidates: candidates)
            guard let chosen = provider ?? suggestion.suggested?.candidate.providerID else {
                throw CLIOutput.failure("--provider: 轮案无可指派人选，请指定承办人员")
            }
            // The detail as it stood before, as the console's assignment screen has it.
            let detail = try StoreCommand.run { try store.caseDetail(id) }
            let saved = try CaseCommand.permitted {
                try store.assign(id, to: chosen, suggestedID: suggestion.suggested?.candidate.providerID, overrideReason: overrideReason,
                                 explanation: suggestion.explanation, on: date, role: op.role, by: op.id)
            }
            let suggested = suggestion.suggested?.candidate.providerID
            let record = try StoreCommand.run({ try store.pipelineProviders() }).first(where: { $0.id == chosen })
            let name = candidates.first { $0.providerID == saved.providerID }?.name ?? record?.name ?? ""
            _ = detail
            // 指派通知书 (and 公函 for a criminal case), numbered with the assignment, rendered
            // into the case's folder; `document` is the notice's text, as before.
            let issued = try CaseCommand.renderIssued(id, store: store, rules: rules, op: op)
            let document = issued.first { $0.title == DocumentKind.assignmentNotice.title }?.textPath
            try StoreCommand.printJSON(Output(id: id, providerID: chosen, providerName: name,
                                              suggestedProviderID: suggested, suggestedProviderName: suggestion.suggested?.candidate.name,
                                              suggestionReasons: suggestion.suggested?.reasons ?? [],
                                              followedSuggestion: chosen == suggested,
                                              overrideReason: chosen == suggested ? nil : overrideReason,
                                              assignedOn: date, document: document))
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

extension CaseCommand {
    /// Writes a pipeline document where the console writes it (the print folder of 系统设置, and
    /// the printer when one is set). The change is already saved: a document that cannot be
    /// written is exit 3 with the reason, never a silent success.
    /// Renders the documents the action just issued (numbered in its transaction) into the
    /// case's folder, as the console does. The change is already saved: a document that cannot
    /// be written is exit 3 with the reason, never a silent success.
    static func renderIssued(_ id: Int64, store: CaseStore, rules: RuleLibrary, op: Operator) throws -> [CaseDocuments.Output] {
        do {
            return try CaseDocuments.renderIssued(id, env: AppEnvironment(store: store, rules: rules), role: op.role, by: op.id)
        } catch {
            throw CLIOutput.failure("已保存，但文书未能写出：\(error)", code: 3)
        }
    }

    static func writeDocument(_ doc: PrintedDocument, store: CaseStore, day: String) throws -> [String] {
        do {
            return try PrintFolder.write([doc], store: store, year: Int(day.prefix(4)) ?? 2026)
        } catch {
            throw CLIOutput.failure("已保存，但文书未能写出（\(doc.fileName)）：\(error)", code: 3)
        }
    }

    struct Progress: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "progress", abstract: "登记办案进展（指派后第一条进展即转为办理中）")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "进展内容：会见、阅卷、调查取证、开庭、调解……") var note: String

        func run() throws {
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted { try store.recordProgress(id, note: note, role: op.role, by: op.id) }
            try StoreCommand.printJSON(try StepOutput(store, id, day: nil))
        }
    }

    struct SubmitClosing: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "submit-closing", abstract: "提交结案：记录办理结果，送结案审查")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "办理结果") var outcome: String
        @Option(name: .long, help: "提交日期 YYYY-MM-DD（默认今天；不能早于指派日期，不能晚于今天）") var day: String?

        func run() throws {
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted { try store.submitForClosing(id, outcome: outcome, on: date, role: op.role, by: op.id) }
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "结案审查：通过（结案）或退回补充",
            discussion: "四眼原则：作出给予决定、指派承办人的人员和承办律师不能对本案结案审查（退出码 4）。")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Flag(name: .customLong("return"), help: "退回补充（须 --note 说明理由）") var sendBack = false
        @Option(name: .long, help: "审查意见") var note: String = ""
        @Option(name: .long, help: "结案日期 YYYY-MM-DD（默认今天；不能早于提交结案日期，不能晚于今天）") var day: String?

        func run() throws {
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted {
                try store.reviewClosing(id, approve: !sendBack, note: note, on: date, role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "归档（结案审查后）",
            discussion: "四眼原则：作出给予决定、指派承办人的人员和承办律师不能归档本案（退出码 4）。")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "归档日期 YYYY-MM-DD（默认今天；不能早于结案日期，不能晚于今天）") var day: String?

        func run() throws {
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted { try store.archive(id, on: date, role: op.role, by: op.id) }
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }

    struct Visit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "visit", abstract: "登记回访（案前告知、案中回访、结案回访）")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "阶段：before 案前告知、during 案中回访、after 结案回访") var phase: String = "after"
        @Option(name: .long, help: "方式：phone 电话、visit 上门、online 网上") var method: String = "phone"
        @Option(name: .long, help: "满意度：satisfied（满意）、basically_satisfied（基本满意）、dissatisfied（不满意）；结案回访必填") var satisfaction: String?
        @Option(name: .long, help: "回访情况") var result: String = ""
        @Option(name: .long, help: "回访日期 YYYY-MM-DD（默认今天；结案回访不能早于结案日期，不能晚于今天）") var day: String?

        func run() throws {
            guard let phase = ReturnVisitPhase(rawValue: phase) else {
                throw CLIOutput.failure("--phase: 应为 before、during 或 after：“\(phase)”")
            }
            var level: Satisfaction?
            if let satisfaction {
                guard let s = Satisfaction(rawValue: satisfaction) else {
                    throw CLIOutput.failure("--satisfaction: 应为 satisfied（满意）、basically_satisfied（基本满意）或 dissatisfied（不满意）：“\(satisfaction)”")
                }
                level = s
            }
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted {
                try store.recordReturnVisit(id, phase: phase, method: method, satisfaction: level, result: result, on: date,
                                            role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "案件质量评查：按评分表逐项打分（不合格案件不予发放补贴）",
            discussion: "评分项（按顺序）：" + ScoreSheet.standard.items.map { "\($0.label) \($0.maxPoints) 分" }.joined(separator: "、"))
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "各项得分，逗号分隔，按评分表顺序") var points: String
        @Option(name: .long, help: "评查方式：administrative 行政评查、peer 同行评估、spot_check 抽查") var kind: String = "administrative"
        @Option(name: .long, help: "同行评查人姓名") var peer: String = ""
        @Option(name: .long, help: "评查意见") var note: String = ""
        @Option(name: .long, help: "评查日期 YYYY-MM-DD（默认今天；不能早于结案日期，不能晚于今天）") var day: String?

        struct Output: Encodable {
            var id: Int64
            var total: Int
            var grade: String
            var gradeLabel: String
            var day: String
        }

        func run() throws {
            let values = points.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var parsed: [Int] = []
            for v in values {
                guard let n = Int(v) else { throw CLIOutput.failure("--points: 得分应为整数，逗号分隔：“\(v)”") }
                parsed.append(n)
            }
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            let scored = try CaseCommand.permitted {
                try store.recordQualityReview(id, points: parsed, kind: kind, peerName: peer, note: note, on: date,
                                              role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(Output(id: id, total: scored.total, grade: scored.grade.rawValue,
                                              gradeLabel: scored.grade.label, day: date))
        }
    }
}

extension CaseCommand {
    struct Terminate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terminate",
            abstract: "终止法律援助（法律援助法第四十八条）",
            discussion: "终止情形：\n" + DecisionReason.termination.map { "  \($0.code)（\($0.label)）" }.joined(separator: "\n"))
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Option(name: .long, help: "终止情形代码（可多次）") var ground: [String] = []
        @Option(name: .long, help: "说明") var text: String = ""
        @Option(name: .long, help: "终止日期 YYYY-MM-DD（默认今天；不能早于指派或决定日期，不能晚于今天）") var day: String?

        func run() throws {
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted { _ = try store.terminate(id, grounds: ground, text: text, on: date, role: op.role, by: op.id) }
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }

    struct Objection: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "objection",
            abstract: "异议（法律援助法第四十九条）：登记收到的异议，或以 --upheld / --corrected 记录司法行政部门的审查结果")
        @OptionGroup var common: Common
        @Argument(help: "案件编号（数字 id，见 case list）") var id: Int64
        @Flag(name: .long, help: "审查结果：维持原决定") var upheld = false
        @Flag(name: .long, help: "审查结果：责令改正（不予援助的案件回到审查）") var corrected = false
        @Option(name: .long, help: "异议内容或审查说明") var text: String = ""
        @Option(name: .long, help: "日期 YYYY-MM-DD（默认今天；不能早于决定或收到异议的日期，不能晚于今天）") var day: String?

        func run() throws {
            guard !(upheld && corrected) else { throw CLIOutput.failure("--upheld / --corrected: 请二选一") }
            let date = try CaseCommand.day(day, common)
            let (store, op) = try common.identity.open(common.store)
            try CaseCommand.permitted {
                if upheld || corrected {
                    try store.recordObjectionResult(id, upheld: upheld, on: date, text: text, role: op.role, by: op.id)
                } else {
                    try store.recordObjection(id, on: date, text: text, role: op.role, by: op.id)
                }
            }
            try StoreCommand.printJSON(try StepOutput(store, id, day: date))
        }
    }
}

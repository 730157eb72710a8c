import ArgumentParser
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan duty plan|publish|list|swap|sign-in|sign-out|spot-check|subsidy|fund|verify|complaint|case-stage`: the duty roster,
/// attendance and subsidies for scripts, as a proven operator (`--operator` + PIN, or a token)
/// whose role the store checks. JSON on stdout; exit 2 bad input, 3 store, 4 refused.
/// Rates and rules come from the rule library (rules/roster/*.yaml plus site files).
struct DutyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duty",
        abstract: "值班：排班、公示、对调、签到签退、点名抽查、核实缺勤、投诉处理、补贴台账（核定、发放）、季度资金报告",
        subcommands: [Plan.self, Publish.self, List.self, Swap.self, SignIn.self, SignOut.self, SpotCheck.self,
                      Mark.self, Leave.self, Availability.self, Reassign.self, Subsidy.self, Fund.self,
                      Verify.self, Complaint.self, CaseStage.self])

    struct Common: ParsableArguments {
        @Option(name: .long, help: "案件库文件（默认 $FAYUAN_DB，或 ~/.local/share/fayuan/fayuan.db）") var db: String?
        @Option(name: .customLong("rules-dir"), help: "站点规则目录（可覆盖值班费率、频次、扣款）") var rulesDir: String?
        @Option(name: .long, help: "地区代码（默认本库县中心的代码），选用哪一套值班规则") var region: String?
        @OptionGroup var identity: IdentityOptions

        /// The existing store and the proven operator (`readOnly` for subcommands that only look).
        func open(readOnly: Bool = false) throws -> (CaseStore, Operator) {
            guard let clock = Self.testClock() else {
                let store = try IdentityOptions.openExisting(StoreLocation.resolve(explicit: db), readOnly: readOnly)
                return (store, try identity.authenticate(store))
            }
            let store = try StoreCommand.run {
                try CaseStore.openExisting(StoreLocation.resolve(explicit: db), readOnly: false, clock: clock)
            }
            return (store, try identity.authenticate(store))
        }

        /// Debug builds only: FAYUAN_TEST_NOW="2026-11-30T18:00" (local time) fixes the clock the duty
        /// commands judge "now" by, so an end-to-end test can walk a whole month (plan before it,
        /// sign in on its days, approve after it). Release builds ignore it: attendance is judged by
        /// the real clock.
        static func testClock() -> (@Sendable () -> Date)? {
            #if DEBUG
            guard let text = ProcessInfo.processInfo.environment["FAYUAN_TEST_NOW"], !text.isEmpty else { return nil }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = .current
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            guard let date = formatter.date(from: text) else { return nil }
            return { date }
            #else
            return nil
            #endif
        }

        /// The ordinary case subsidy table for the region (or the store's county centre).
        func caseRates(_ store: CaseStore, _ rules: RuleLibrary) throws -> CaseSubsidyRates? {
            let code = try region ?? StoreCommand.run { try store.stations().first { $0.kind == .countyCentre }?.code } ?? ""
            return rules.caseSubsidyRates(region: code)
        }

        func library() throws -> RuleLibrary {
            do {
                return try RuleLibrary.load(siteDirectories: SiteRules.directories(
                    flag: rulesDir, environment: ProcessInfo.processInfo.environment))
            } catch {
                throw CLIOutput.failure("规则文件有误：\(error)")
            }
        }

        /// The store, the library, and the policy for the region (or the store's county centre).
        func context(month: String?, readOnly: Bool = false) throws -> (CaseStore, RuleLibrary, RosterPolicy, Operator) {
            if let month, !CLIDate.month(month) { throw CLIOutput.failure("--month: 月份应为 YYYY-MM（\(CLIDate.years.lowerBound)–\(CLIDate.years.upperBound) 年）：“\(month)”") }
            let (store, op) = try open(readOnly: readOnly)
            let rules = try library()
            let code = try region ?? StoreCommand.run { try store.stations().first { $0.kind == .countyCentre }?.code } ?? ""
            guard let policy = rules.rosterPolicy(region: code) else {
                throw CLIOutput.failure("--region: 地区“\(code)”没有值班规则（rules/roster/ 或站点规则目录）")
            }
            if let month { _ = try StoreCommand.run { try CaseStore.monthRange(month) } }
            return (store, rules, policy, op)
        }
    }

    static func permitted<T>(_ body: () throws -> T) throws -> T {
        try StoreCommand.run(body)
    }

    static func rosterContext(_ store: CaseStore, _ rules: RuleLibrary, _ policy: RosterPolicy, month: String) throws -> RosterContext {
        try StoreCommand.run {
            RosterContext(stations: try store.rosterStations(),
                          providers: try store.rosterProviders(month: month, lookBackMonths: policy.lookBackMonths),
                          calendar: rules.calendar, policy: policy)
        }
    }

    static func localToday() -> String {
        if let clock = Common.testClock() {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = .current
            let c = calendar.dateComponents([.year, .month, .day], from: clock())
            return LocalDate(year: c.year!, month: c.month!, day: c.day!)!.iso
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!.iso
    }

    struct DutyJSON: Encodable {
        var id: Int64?
        var day: String
        var station: String
        var stationCode: String
        var providerID: Int64
        var provider: String
        var startsAt: String
        var endsAt: String
        var status: String?
        var reason: String
        var signIn: String?
        var signOut: String?
        var late: Bool?
        var leftEarly: Bool?
        var spotAbsences: Int?
        /// The day lies in a year with no holiday notice yet: planned on the provisional calendar (暂定).
        var provisional = false
    }

    struct ViolationJSON: Encodable {
        var kind: String
        var word: String
        var day: String
        var stationID: Int64
        var providerID: Int64?
        var message: String
        init(_ v: RosterViolation) {
            kind = v.kind.rawValue; word = v.kind.word; day = v.day.iso; stationID = v.stationID; providerID = v.providerID
            message = v.message
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "生成一个月的排班（县中心每个工作日、乡镇站按频次），每班附排班理由；--save 保存")
        @OptionGroup var common: Common
        @Option(name: .long, help: "月份 YYYY-MM") var month: String
        @Flag(name: .long, help: "保存到案件库（替换本月尚未签到的排班）") var save = false

        struct Output: Encodable {
            var month: String
            var policy: String
            var duties: [DutyJSON]
            var unfilled: [[String: String]]
            var violations: [ViolationJSON]
            var saved: Int?
            /// Any day of the month lies in a provisional holiday year (暂定).
            var provisional: Bool
        }

        func run() throws {
            let (store, rules, policy, op) = try common.context(month: month, readOnly: !save)
            let (first, _) = try StoreCommand.run { try CaseStore.monthRange(month) }
            let context = try DutyCommand.rosterContext(store, rules, policy, month: month)
            let plan: RosterPlan
            do {
                plan = try RosterPlanner.plan(year: first.year, month: first.month, stations: context.stations,
                                              providers: context.providers, calendar: rules.calendar, policy: policy)
            } catch {
                throw CLIOutput.failure("--month: \(error.message)")
            }
            var saved: Int?
            if save {
                saved = try DutyCommand.permitted { try store.saveRoster(month: month, duties: plan.duties, by: op) }
            }
            func json(_ d: PlannedDuty) -> DutyJSON {
                let s = context.station(d.stationID)
                return DutyJSON(id: nil, day: d.day.iso, station: s?.name ?? "", stationCode: s?.code ?? "", providerID: d.providerID,
                                provider: context.provider(d.providerID)?.name ?? "", startsAt: d.startsAt.description,
                                endsAt: d.endsAt.description, status: nil, reason: d.reason,
                                provisional: rules.calendar.isProvisional(year: d.day.year))
            }
            let violations = RosterCheck.dutyViolations(plan.duties, context: context)
                + RosterCheck.coverageViolations(plan.duties, year: first.year, month: first.month, context: context)
            try StoreCommand.printJSON(Output(
                month: month, policy: policy.id, duties: plan.duties.map(json),
                unfilled: plan.unfilled.map { ["day": $0.day.iso, "station": context.station($0.stationID)?.name ?? "", "reason": $0.reason] },
                violations: violations.map(ViolationJSON.init), saved: saved,
                provisional: rules.calendar.isProvisional(year: first.year)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出一个月已保存的排班和考勤")
        @OptionGroup var common: Common
        @Option(name: .long, help: "月份 YYYY-MM") var month: String

        func run() throws {
            if !CLIDate.month(month) { throw CLIOutput.failure("--month: 月份应为 YYYY-MM：“\(month)”") }
            let (store, _) = try common.open(readOnly: true)
            let rules = try common.library()
            let shifts = try StoreCommand.run { try store.dutyShifts(month: month) }
            try StoreCommand.printList(shifts.map {
                DutyJSON(id: $0.shift.id, day: $0.shift.day, station: $0.stationName, stationCode: $0.stationCode,
                         providerID: $0.shift.providerID, provider: $0.providerName, startsAt: $0.shift.startsAt,
                         endsAt: $0.shift.endsAt, status: $0.shift.status, reason: $0.shift.reason, signIn: $0.signIn,
                         signOut: $0.signOut, late: $0.late, leftEarly: $0.leftEarly, spotAbsences: $0.spotAbsences,
                         provisional: LocalDate(iso: $0.shift.day).map { rules.calendar.isProvisional(year: $0.year) } ?? false)
            }, key: "duties")
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "publish", abstract: "公示一个月的排班：在案件库目录的 值班公示/ 下写文本和 CSV")
        @OptionGroup var common: Common
        @Option(name: .long, help: "月份 YYYY-MM") var month: String

        func run() throws {
            if !CLIDate.month(month) { throw CLIOutput.failure("--month: 月份应为 YYYY-MM：“\(month)”") }
            let (store, op) = try common.open()
            let p = try DutyCommand.permitted { try store.publishRoster(month: month, by: op) }
            try StoreCommand.printJSON(PublishOutput(month: p.month, duties: p.duties, text: p.textPath, csv: p.csvPath))
        }
    }

    struct PublishOutput: Encodable {
        var month: String
        var duties: Int
        var text: String
        var csv: String
    }

    struct Swap: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "swap", abstract: "对调两个班次的值班人员（重新检查全部排班规则，违反时拒绝并说明）")
        @OptionGroup var common: Common
        @Argument(help: "班次 id") var first: Int64
        @Argument(help: "班次 id") var second: Int64

        func run() throws {
            let (store, rules, policy, op) = try common.context(month: nil)
            let day = try StoreCommand.run {
                try store.dutyShiftMonth(first)
            }
            guard let day else { throw CLIOutput.failure("班次 #\(first) 不存在") }
            let context = try DutyCommand.rosterContext(store, rules, policy, month: day)
            try DutyCommand.permitted { try store.swapDuties(first, second, context: context, by: op) }
            try StoreCommand.printJSON(["swapped": [first, second]])
        }
    }

    struct Attendance: ParsableArguments {
        @OptionGroup var common: Common
        @Option(name: .long, help: "班次 id") var shift: Int64
        @Option(name: .long, help: "时间 HH:MM（当地时间）") var time: String

        func clock() throws -> ClockTime {
            guard let t = ClockTime(time) else { throw CLIOutput.failure("--time: 应为 HH:MM：“\(time)”") }
            return t
        }
    }

    struct AttendanceOutput: Encodable {
        enum CodingKeys: String, CodingKey { case shift, kind, kindLabel, time, lateMinutes, earlyMinutes, summary }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(shift, forKey: .shift); try c.encode(kind, forKey: .kind); try c.encode(kindLabel, forKey: .kindLabel)
            try c.encode(time, forKey: .time); try c.encode(lateMinutes, forKey: .lateMinutes)
            try c.encode(earlyMinutes, forKey: .earlyMinutes); try c.encode(summary, forKey: .summary)
        }

        var shift: Int64
        var kind: String
        var kindLabel: String { kind == "sign_in" ? "签到" : "签退" }
        var time: String
        var lateMinutes: Int
        var earlyMinutes: Int
        var summary: String
    }

    struct SignIn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign-in", abstract: "值班签到（迟到按班次开始时间判定）")
        @OptionGroup var a: Attendance
        func run() throws {
            let t = try a.clock()
            let (store, _, policy, op) = try a.common.context(month: nil)
            let o = try DutyCommand.permitted { try store.signIn(shift: a.shift, at: t, graceMinutes: policy.graceMinutes, by: op) }
            try StoreCommand.printJSON(AttendanceOutput(shift: a.shift, kind: "sign_in", time: t.description,
                                                        lateMinutes: o.lateMinutes, earlyMinutes: 0, summary: o.summary))
        }
    }

    struct SignOut: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign-out", abstract: "值班签退（早退按班次结束时间判定）")
        @OptionGroup var a: Attendance
        func run() throws {
            let t = try a.clock()
            let (store, _, policy, op) = try a.common.context(month: nil)
            let o = try DutyCommand.permitted { try store.signOut(shift: a.shift, at: t, graceMinutes: policy.graceMinutes, by: op) }
            try StoreCommand.printJSON(AttendanceOutput(shift: a.shift, kind: "sign_out", time: t.description,
                                                        lateMinutes: 0, earlyMinutes: o.earlyMinutes, summary: o.summary))
        }
    }

    struct SpotCheck: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "spot-check", abstract: "点名抽查：在岗，或 --absent 无正当理由脱岗")
        @OptionGroup var a: Attendance
        @Flag(name: .long, help: "无正当理由脱岗") var absent = false
        @Option(name: .long, help: "说明") var note: String = ""
        func run() throws {
            let t = try a.clock()
            let (store, op) = try a.common.open()
            try DutyCommand.permitted { try store.recordSpotCheck(shift: a.shift, at: t, present: !absent, note: note, by: op) }
            try StoreCommand.printJSON(SpotCheckOutput(shift: a.shift, time: t.description, result: absent ? "absent" : "present",
                                                       resultLabel: absent ? "脱岗" : "在岗"))
        }
    }

    struct StatementJSON: Encodable {
        struct Line: Encodable {
            var kind: String
            var shiftID: Int64?
            var caseID: Int64?
            var day: String?
            var label: String
            var baseFen: Int
            var deductionsFen: Int
            var amountFen: Int
            var explanation: [String]
            var fund: String
            var fundLabel: String
            /// 待核实: held from approval until decided.
            var unverified: Bool
        }
        struct Posted: Encodable {
            var id: Int64
            var key: String
            var entry: String
            var entryLabel: String
            var status: String
            var statusLabel: String
            var amountFen: Int
            var approvedAt: String?
            var paidAt: String?
        }
        struct Due: Encodable {
            var key: String
            var entry: String
            var entryLabel: String
            var amountFen: Int
            var explanation: [String]
        }
        var providerID: Int64
        var provider: String
        var month: String
        var dutyFen: Int
        var caseFen: Int
        var totalFen: Int
        var total: String
        var forfeited: Bool
        var notes: [String]
        var lines: [Line]
        /// The ledger: approved (incl. paid), paid, still to approve; the month's state for this person.
        var approvedFen: Int
        var paidFen: Int
        var dueFen: Int
        var state: String
        var stateLabel: String
        var posted: [Posted]
        var due: [Due]

        init(_ a: SubsidyAccount, monthEnded: Bool) {
            let s = a.statement
            providerID = s.providerID; provider = s.providerName; month = s.month; dutyFen = s.dutyFen; caseFen = s.caseFen
            totalFen = s.totalFen; total = Money.yuan(s.totalFen) + "元"; forfeited = s.forfeited; notes = s.notes
            lines = s.lines.map { Line(kind: $0.kind.rawValue, shiftID: $0.shiftID, caseID: $0.caseID, day: $0.day?.iso,
                                       label: $0.label, baseFen: $0.baseFen, deductionsFen: $0.deductionsFen,
                                       amountFen: $0.amountFen, explanation: $0.explanation, fund: $0.fund.rawValue,
                                       fundLabel: $0.fund.label, unverified: $0.unverified) }
            approvedFen = a.approvedFen; paidFen = a.paidFen; dueFen = a.dueFen
            let st = a.state(monthEnded: monthEnded)
            state = st.rawValue; stateLabel = st.label
            posted = a.posted.map { Posted(id: $0.id, key: $0.key, entry: $0.entry.rawValue, entryLabel: $0.entry.label,
                                           status: $0.status.rawValue, statusLabel: $0.status.label, amountFen: $0.amountFen,
                                           approvedAt: $0.approvedAt, paidAt: $0.paidAt) }
            due = a.due.map { Due(key: $0.key, entry: $0.entry.rawValue, entryLabel: $0.entry.label, amountFen: $0.amountFen,
                                  explanation: $0.explanation) }
        }
    }

    struct Subsidy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subsidy",
            abstract: "月度补贴明细（每行写明依据和扣款）及核定、发放台账；--approve 核定（月末之后，按行），--pay 发放")
        @OptionGroup var common: Common
        @Option(name: .long, help: "月份 YYYY-MM") var month: String
        @Option(name: .long, help: "只看（或只核定、发放）一位值班人员（id）") var provider: Int64?
        @Option(name: .long, help: "以哪天为“今天”预览明细（只看不写；核定和发放总以实际日期为准）") var today: String?
        @Flag(name: .long, help: "核定：把待核定的行写入台账（月份结束后；核定后的更正另记调整行）") var approve = false
        @Option(name: .long, help: "只核定这些行（可多次）：duty:班次编号，或 case:案件编号:资金（huimin 惠民工程、legal_aid 法律援助业务经费），如 duty:12、case:5:huimin") var line: [String] = []
        @Flag(name: .long, help: "发放：已核定的行记为已发放") var pay = false

        func run() throws {
            if let today, CLIDate.day(today) == nil { throw CLIOutput.failure("--today: 日期应为 YYYY-MM-DD：“\(today)”") }
            if today != nil && (approve || pay) { throw CLIOutput.failure("--today: 核定和发放以实际日期为准，不能与 --approve、--pay 同用") }
            if approve && pay { throw CLIOutput.failure("--pay: 核定和发放请分两次执行") }
            if !line.isEmpty && !approve { throw CLIOutput.failure("--line: 只能与 --approve 同用") }
            let (store, rules, policy, op) = try common.context(month: month, readOnly: !(approve || pay))
            if let provider, try StoreCommand.run({ try store.providerListings() }).contains(where: { $0.id == provider }) == false {
                throw CLIOutput.failure("--provider: 找不到承办人员 \(provider)")
            }
            let rates = try common.caseRates(store, rules)
            if approve {
                let done = try DutyCommand.permitted {
                    try store.approveSubsidies(month: month, policy: policy, rates: rates, provider: provider,
                                               only: line.isEmpty ? nil : Set(line), by: op)
                }
                printError("已核定 \(done.lines) 行（其中调整 \(done.adjustments) 行），共 \(Money.yuan(done.amountFen)) 元")
            }
            if pay {
                let done = try DutyCommand.permitted { try store.paySubsidies(month: month, provider: provider, by: op) }
                printError("已发放 \(done.lines) 行，共 \(Money.yuan(done.amountFen)) 元")
            }
            let accounts = try StoreCommand.run {
                try store.subsidyAccounts(month: month, policy: policy, rates: rates, provider: provider, today: today)
            }
            let ended = try StoreCommand.run { try store.monthEnded(month) }
            try StoreCommand.printList(accounts.map { StatementJSON($0, monthEnded: ended) }, key: "statements")
        }
    }

    struct Fund: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "fund", abstract: "季度专项资金使用报告（已核定的值班补贴和案件补贴）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "季度，如 2026-Q2") var quarter: String

        func run() throws {
            let (store, _) = try common.open(readOnly: true)
            try StoreCommand.printJSON(try StoreCommand.run { try store.fundReport(quarter: quarter) })
        }
    }
}

struct SpotCheckOutput: Encodable {
    var shift: Int64
    var time: String
    var result: String
    var resultLabel: String
}

import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 值班: one station at a time, the month's days as rows (usable at 80×24). Generate the month,
/// swap two duties (every rule re-checked; a refusal names the rule), sign in/out at the station
/// terminal, record roll-call spot checks, publish (公示), and open the subsidy statement.
/// Problems are marked "✗ 同日两班" etc. in a column, never by colour alone.
public struct RosterScreen: Screen {
    struct Loaded: Sendable {
        let month: String
        let stations: [RosterStation]
        let shifts: [DutyShiftView]
        let violations: [RosterViolation]
        let policyID: String
        let published: Int
        /// The month lies in a year with no holiday notice: planned on the provisional calendar.
        var provisional = false
        /// Today (local), to tell a past duty with no sign-in (待核实) from one still to come.
        var today = ""
    }

    struct Done: Sendable { let message: String }

    public enum Action {
        public static let generate: ActionID = "roster.generate"
        public static let swap: ActionID = "roster.swap"
        public static let signIn: ActionID = "roster.sign_in"
        public static let signOut: ActionID = "roster.sign_out"
        public static let spotPresent: ActionID = "roster.spot_present"
        public static let spotAbsent: ActionID = "roster.spot_absent"
        public static let publish: ActionID = "roster.publish"
        public static let subsidy: ActionID = "roster.subsidy"
        public static let previousMonth: ActionID = "roster.prev_month"
        public static let nextMonth: ActionID = "roster.next_month"
        public static let verifyAbsent: ActionID = "roster.verify_absent"
        public static let verifyExcused: ActionID = "roster.verify_excused"
        public static let recordIssue: ActionID = "roster.record_issue"
        public static let falseDuty: ActionID = "roster.false_duty"
        public static let complaint: ActionID = "roster.complaint"
        public static let complaints: ActionID = "roster.complaints"
        /// 值班表公示 of the station shown, as a PDF (preview, then print).
        public static let printNotice: ActionID = "roster.print_notice"
    }

    let session: Session
    private(set) var month: String?
    private var stations: [RosterStation] = []
    private var stationIndex = 0
    private var shifts: [DutyShiftView] = []
    private var violations: [RosterViolation] = []
    private var policyID = ""
    private var published = 0
    /// Days of this month come from a provisional holiday year (暂定): each row says so.
    private var provisional = false
    private var today = ""
    private var table: Table
    /// The duty chosen first for a swap (shift id), waiting for the second.
    private var swapFrom: Int64?
    private var problem: String?

    public init(session: Session, month: String? = nil) {
        self.session = session
        self.month = month
        table = Table(columns: Self.columns(provisional: false))
    }

    /// The weekday column widens to carry "暂定" on every day of a provisional month.
    static func columns(provisional: Bool) -> [TableColumn] {
        [
            TableColumn("日期", width: .fixed(5)),
            TableColumn("星期", width: .fixed(provisional ? 9 : 4)),
            TableColumn("时间", width: .fixed(11)),
            TableColumn("值班人员", width: .fixed(8)),
            TableColumn("签到", width: .fixed(6)),
            TableColumn("签退", width: .fixed(6)),
            TableColumn("考勤", width: .fixed(10)),
            TableColumn("问题", width: .fill(1)),
        ]
    }

    public var keymapSection: String { "roster" }
    public var title: String { "值班排班" }

    public func isEnabled(_ action: ActionID) -> Bool {
        let role = session.role
        switch action {
        case Action.generate, Action.publish, Action.printNotice: return AccessPolicy.allows(role, .editRoster)
        case Action.swap: return AccessPolicy.allows(role, .editRoster) && selected != nil
        case Action.signIn, Action.signOut: return AccessPolicy.allows(role, .signInDuty) && selected != nil
        case Action.spotPresent, Action.spotAbsent: return AccessPolicy.allows(role, .recordSpotCheck) && selected != nil
        case Action.verifyAbsent, Action.verifyExcused:
            return AccessPolicy.allows(role, .recordSpotCheck) && selected.map(isUnverified) == true
        case Action.recordIssue, Action.falseDuty, Action.complaint:
            return AccessPolicy.allows(role, .recordSpotCheck) && selected != nil
        case StandardAction.save: return false
        default: return true
        }
    }

    var station: RosterStation? { stations.indices.contains(stationIndex) ? stations[stationIndex] : nil }
    var visible: [DutyShiftView] { shifts.filter { $0.shift.stationID == station?.id } }
    var selected: DutyShiftView? { table.selectedRow.flatMap { visible.indices.contains($0) ? visible[$0] : nil } }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .input = msg { problem = nil }
        switch msg {
        case .resumed:
            return reload()
        case .result(let loaded as Loaded):
            month = loaded.month
            stations = loaded.stations
            shifts = loaded.shifts
            violations = loaded.violations
            policyID = loaded.policyID
            published = loaded.published
            today = loaded.today
            if provisional != loaded.provisional {
                provisional = loaded.provisional
                table = Table(columns: Self.columns(provisional: provisional))
            }
            stationIndex = min(stationIndex, max(0, stations.count - 1))
            refreshRows()
            return []
        case .result(let done as Done):
            problem = nil
            return [.status(done.message, .success)] + reload()
        case .result(let failed as PerformFailed):
            problem = failed.message
            return []
        case .input(.action(StandardAction.left)):
            if !stations.isEmpty { stationIndex = (stationIndex + stations.count - 1) % stations.count; refreshRows(reset: true) }
        case .input(.action(StandardAction.right)), .input(.action(StandardAction.nextField)):
            if !stations.isEmpty { stationIndex = (stationIndex + 1) % stations.count; refreshRows(reset: true) }
        case .input(.action(StandardAction.previousField)):
            if !stations.isEmpty { stationIndex = (stationIndex + stations.count - 1) % stations.count; refreshRows(reset: true) }
        case .input(.action(Action.previousMonth)):
            month = month.map { Self.shift($0, by: -1) }
            swapFrom = nil
            return reload()
        case .input(.action(Action.nextMonth)):
            month = month.map { Self.shift($0, by: 1) }
            swapFrom = nil
            return reload()
        case .input(.action(Action.generate)):
            guard isEnabled(Action.generate), let month else { return denied(.editRoster) }
            let question = shifts.isEmpty ? "按规则生成 \(month) 全部站点的排班？"
                : "重新生成 \(month) 的排班？已签到的班次保留，其余按规则重排。"
            return [.confirm(question, onYes: .input(.action("roster.generate_confirmed")))]
        case .input(.action("roster.generate_confirmed")):
            return generate()
        case .input(.action(Action.swap)):
            guard isEnabled(Action.swap) else { return denied(.editRoster) }
            guard let chosen = selected?.shift.id else { return [] }
            guard let first = swapFrom else {
                swapFrom = chosen
                return [.status("已选定第一个班次，移到另一班次（可换站点）再按对调键", .info)]
            }
            swapFrom = nil
            if first == chosen { return [.status("已取消对调", .info)] }
            return swap(first, chosen)
        case .input(.action(Action.signIn)), .input(.action(Action.signOut)):
            guard case .input(.action(let id)) = msg, isEnabled(id), let shift = selected?.shift.id else { return denied(.signInDuty) }
            let op = session.operatorRecord
            let isIn = id == Action.signIn
            return [.perform { env in
                let (_, policy) = try Self.policy(env)
                let now = Self.clockTime(env)
                let outcome = isIn ? try env.store.signIn(shift: shift, at: now, graceMinutes: policy.graceMinutes, by: op)
                    : try env.store.signOut(shift: shift, at: now, graceMinutes: policy.graceMinutes, by: op)
                return Done(message: (isIn ? "已签到 " : "已签退 ") + now.description + "：" + outcome.summary)
            }]
        case .input(.action(Action.spotPresent)), .input(.action(Action.spotAbsent)):
            guard case .input(.action(let id)) = msg, isEnabled(id), let shift = selected?.shift.id else { return denied(.recordSpotCheck) }
            let op = session.operatorRecord
            let present = id == Action.spotPresent
            return [.perform { env in
                let now = Self.clockTime(env)
                try env.store.recordSpotCheck(shift: shift, at: now, present: present, by: op)
                return Done(message: "点名抽查 \(now)：" + (present ? "在岗" : "无正当理由脱岗，已记录"))
            }]
        case .input(.action(Action.publish)):
            guard isEnabled(Action.publish), let month else { return denied(.editRoster) }
            let op = session.operatorRecord
            return [.perform { env in
                let p = try env.store.publishRoster(month: month, by: op)
                return Done(message: "已公示 \(p.duties) 班：\(p.textPath)（另有 CSV）")
            }]
        case .input(.action(Action.printNotice)):
            guard isEnabled(Action.printNotice), let month else { return denied(.editRoster) }
            guard let station, !visible.isEmpty else { return [.status("\(station?.name ?? "本站")\(month) 还没有排班，不能出具值班表公示", .error)] }
            return [.push(Self.noticePreview(month: month, stationName: station.name, by: session.operatorRecord))]
        case .input(.action(Action.verifyAbsent)), .input(.action(Action.verifyExcused)):
            guard case .input(.action(let id)) = msg, let v = selected else { return [] }
            guard isEnabled(id) else {
                return AccessPolicy.allows(session.role, .recordSpotCheck)
                    ? [.status("只有已过去、未签到且尚未核实的班次才需要核实", .error)] : denied(.recordSpotCheck)
            }
            return [.push(Self.verifyForm(v, absent: id == Action.verifyAbsent, by: session.operatorRecord))]
        case .input(.action(Action.recordIssue)), .input(.action(Action.falseDuty)):
            guard case .input(.action(let id)) = msg, isEnabled(id), let v = selected else { return denied(.recordSpotCheck) }
            return [.push(Self.markForm(v, kind: id == Action.falseDuty ? .falseDuty : .recordIncomplete, by: session.operatorRecord))]
        case .input(.action(Action.complaint)):
            guard isEnabled(Action.complaint), let v = selected else { return denied(.recordSpotCheck) }
            return [.push(ComplaintScreen.registerForm(v, today: today, by: session.operatorRecord))]
        case .input(.action(Action.complaints)):
            guard let month else { return [] }
            return [.push(ComplaintScreen(session: session, month: month))]
        case .input(.action(Action.subsidy)):
            guard let month else { return [] }
            return [.push(SubsidyScreen(session: session, month: month))]
        case .input(let input):
            _ = table.handle(input)
        default:
            break
        }
        return []
    }

    private func denied(_ permission: Permission) -> [Effect] {
        [.status(PermissionDenied(role: session.role, permission: permission).description, .error)]
    }

    private mutating func refreshRows(reset: Bool = false) {
        let rows = visible.map(row)
        table.setRows(rows)
        if reset { table.select(row: 0) }
    }

    private func row(_ v: DutyShiftView) -> [String] {
        let day = LocalDate(iso: v.shift.day)
        var attendance: [String] = []
        if v.late { attendance.append("迟到") }
        if v.leftEarly { attendance.append("早退") }
        if v.spotAbsences > 0 { attendance.append("脱岗\(v.spotAbsences)") }
        if v.shift.status == "absent" { attendance.append("不在岗") }
        if v.verification == "excused" { attendance.append("已说明") }
        if isUnverified(v) { attendance.append("? 待核实") }
        if v.signIn != nil && v.signOut == nil && !today.isEmpty && v.shift.day < today { attendance.append("未签退") }
        if attendance.isEmpty && v.signIn != nil { attendance.append("✓ 正常") }
        let own = violations.filter { $0.stationID == v.shift.stationID && $0.day.iso == v.shift.day && $0.providerID == v.shift.providerID }
        let problems = own.map { "\($0.kind.mark) \($0.kind.word)" }
        let mark = swapFrom == v.shift.id ? "⇄ " : ""
        let weekday = (day.map { String($0.weekday.label.suffix(1)) }.map { "周" + $0 } ?? "") + (provisional ? " 暂定" : "")
        return [String(v.shift.day.suffix(5)), weekday,
                v.shift.startsAt + "–" + v.shift.endsAt, mark + v.providerName, v.signIn ?? "", v.signOut ?? "",
                attendance.joined(separator: " "), problems.joined(separator: " ")]
    }

    private func generate() -> [Effect] {
        guard let month else { return [] }
        let op = session.operatorRecord
        return [.perform { env in
            let (rules, policy) = try Self.policy(env)
            let context = try Self.context(env, policy: policy, month: month)
            let (first, _) = try CaseStore.monthRange(month)
            let plan: RosterPlan
            do {
                plan = try RosterPlanner.plan(year: first.year, month: first.month, stations: context.stations,
                                              providers: context.providers, calendar: rules.calendar, policy: policy)
            } catch let error as RosterPlanError {
                throw StoreError.invalidInput(field: "month", message: error.message)
            }
            let saved = try env.store.saveRoster(month: month, duties: plan.duties, by: op)
            let gaps = plan.unfilled.isEmpty ? "" : "；! \(plan.unfilled.count) 班无人可排：\(plan.unfilled[0].reason)"
            let note = rules.calendar.isProvisional(year: first.year) ? "（\(first.year)年尚无节假日通知，按暂定日历排班）" : ""
            return Done(message: "已生成 \(month) 排班 \(saved) 班" + note + gaps)
        }]
    }

    private func swap(_ a: Int64, _ b: Int64) -> [Effect] {
        guard let month else { return [] }
        let op = session.operatorRecord
        return [.perform { env in
            let (_, policy) = try Self.policy(env)
            let context = try Self.context(env, policy: policy, month: month)
            try env.store.swapDuties(a, b, context: context, by: op)
            return Done(message: "已对调两个班次（全部排班规则已重新检查）")
        }]
    }

    private func reload() -> [Effect] {
        let wanted = month
        return [.perform { env in
            let month = wanted ?? Self.monthOf(env)
            let (_, policy) = try Self.policy(env)
            let context = try Self.context(env, policy: policy, month: month)
            let shifts = try env.store.dutyShifts(month: month)
            let duties = try env.store.plannedDuties(month: month).duties
            let (first, _) = try CaseStore.monthRange(month)
            let violations = RosterCheck.dutyViolations(duties, context: context)
                + (duties.isEmpty ? [] : RosterCheck.coverageViolations(duties, year: first.year, month: first.month, context: context))
            return Loaded(month: month, stations: context.stations, shifts: shifts, violations: violations,
                          policyID: policy.id, published: try env.store.publications(month: month).count,
                          provisional: env.rules.calendar.isProvisional(year: first.year), today: Self.today(env))
        }]
    }

    /// 打印预览 of a station's 值班表公示 for the month; printing writes the PDF under 值班/ and
    /// sends it to the printer set in 系统设置.
    static func noticePreview(month: String, stationName: String, by op: Operator) -> PaperPreviewScreen {
        PaperPreviewScreen(heading: "\(stationName) \(month) 值班表公示", build: { env in
            try DutyDocuments.rosterNotice(month: month, shifts: try env.store.dutyShifts(month: month), stationName: stationName,
                                           issuer: try DutyDocuments.issuer(env.store), day: today(env))
        }, output: { env, doc in
            let out = try DutyDocuments.output(doc, paper: .rosterNotice, month: month, scope: stationName, store: env.store,
                                               print: true, by: op)
            return (out.message, out.printer == nil)
        })
    }

    /// A past duty with no sign-in that nobody has decided on (待核实).
    func isUnverified(_ v: DutyShiftView) -> Bool {
        v.signIn == nil && v.verification == nil && v.shift.status != "absent" && v.shift.status != "cancelled"
            && !today.isEmpty && v.shift.day < today
    }

    /// 核实: the decision on a duty with no sign-in, with the reason (required).
    static func verifyForm(_ v: DutyShiftView, absent: Bool, by op: Operator) -> AdminFormScreen {
        let shift = v.shift.id ?? 0
        return AdminFormScreen(
            title: absent ? "核实：不在岗" : "核实：已说明",
            intro: "\(v.shift.day) \(v.stationName) \(v.providerName) 未签到。"
                + (absent ? "确认不在岗：取消当天补贴并通报。" : "已说明（确在岗或有正当理由）：照常发放，不通报。"),
            fields: [AdminFields.text("reason", "核实情况", required: true, max: 60)],
            fieldIDs: ["reason": "reason"]) { values, env in
            try env.store.decideUnverifiedDuty(shift: shift, absent: absent, reason: values["reason"] ?? "", by: op)
            return absent ? "已核实：不在岗" : "已核实：已说明"
        }
    }

    /// 服务记录不规范 / 虚假值班 on the selected duty, with a note.
    static func markForm(_ v: DutyShiftView, kind: DutyMarkKind, by op: Operator) -> AdminFormScreen {
        let shift = v.shift.id ?? 0
        return AdminFormScreen(
            title: "登记：\(kind.label)",
            intro: "\(v.shift.day) \(v.stationName) \(v.providerName)。"
                + (kind == .falseDuty ? "经核实虚假值班：取消当天补贴并通报。" : "服务记录缺项或不规范：每次扣减。"),
            fields: [AdminFields.text("note", "说明", required: kind == .falseDuty, max: 60)],
            fieldIDs: ["note": "note"]) { values, env in
            try env.store.addDutyMark(shift: shift, kind: kind, note: values["note"] ?? "", by: op)
            return "已登记：\(kind.label)"
        }
    }

    static func caseRates(_ env: AppEnvironment) throws -> CaseSubsidyRates? {
        let code = try env.store.stations().first { $0.kind == .countyCentre }?.code ?? ""
        return env.rules.caseSubsidyRates(region: code)
    }

    // MARK: environment helpers (run inside .perform)

    static func policy(_ env: AppEnvironment) throws -> (RuleLibrary, RosterPolicy) {
        let code = try env.store.stations().first { $0.kind == .countyCentre }?.code ?? ""
        guard let policy = env.rules.rosterPolicy(region: code) else {
            throw StoreError.invalidInput(field: "region", message: "地区“\(code)”没有值班规则（rules/roster/ 或站点规则目录）")
        }
        return (env.rules, policy)
    }

    static func context(_ env: AppEnvironment, policy: RosterPolicy, month: String) throws -> RosterContext {
        RosterContext(stations: try env.store.rosterStations(),
                      providers: try env.store.rosterProviders(month: month, lookBackMonths: policy.lookBackMonths),
                      calendar: env.rules.calendar, policy: policy)
    }

    static func components(_ env: AppEnvironment) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = env.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: env.clock())
    }

    static func today(_ env: AppEnvironment) -> String {
        let c = components(env)
        return String(format: "%04d-%02d-%02d", c.year ?? 2026, c.month ?? 1, c.day ?? 1)
    }

    static func clockTime(_ env: AppEnvironment) -> ClockTime {
        let c = components(env)
        return ClockTime(minutes: (c.hour ?? 0) * 60 + (c.minute ?? 0))
    }

    static func monthOf(_ env: AppEnvironment) -> String {
        let c = components(env)
        return String(format: "%04d-%02d", c.year ?? 2026, c.month ?? 1)
    }

    static func shift(_ month: String, by delta: Int) -> String {
        let p = month.split(separator: "-").compactMap { Int($0) }
        guard p.count == 2 else { return month }
        let n = p[0] * 12 + (p[1] - 1) + delta
        return String(format: "%04d-%02d", n / 12, n % 12 + 1)
    }

    /// 大字模式: who is on duty today at this station in big letters (with the hours and
    /// sign-in beside), the roster problems in words, then the month's duties one row each
    /// (date, person, attendance, problems) scrolling with the selection.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var col = LargeColumn(area, theme: context.theme)
        let name = station.map { "\($0.shortName)（\(stationIndex + 1)/\(stations.count)）" } ?? "—"
        col.text("◀ \(name) ▶ \(month ?? "")" + (published > 0 ? " 已公示" : " 未公示") + (provisional ? " 暂定日历" : ""),
                 role: .header, on: &canvas)
        if let problem { col.text("✗ " + problem, role: .error, maxLines: 2, on: &canvas) }
        guard month != nil else { col.text("正在读取排班……", role: .dim, on: &canvas); return }
        guard !shifts.isEmpty else {
            col.text("本月尚未排班：按 \(context.keymap.hint(Action.generate)) 按规则生成", role: .info, maxLines: 2, on: &canvas)
            return
        }
        let todays = visible.filter { $0.shift.day == today }
        if let duty = todays.first {
            let names = todays.map(\.providerName).joined(separator: "、")
            var side: [(String, Role)] = [("今日值班", .header), ("\(duty.shift.startsAt)–\(duty.shift.endsAt)", .normal)]
            side.append(duty.signIn.map { ("签到 \($0)", Role.success) } ?? ("未签到", .warning))
            col.big(names, maxRows: min(5, col.remaining - 4), minRows: 4, side: side, sideWidth: 12, on: &canvas)
        } else if !today.isEmpty, today.hasPrefix(month ?? "-") {
            col.text("今日本站无人值班", role: .dim, on: &canvas)
        }
        let stationProblems = violations.filter { $0.stationID == station?.id }
        if stationProblems.isEmpty {
            col.text("✓ 本站 \(visible.count) 班，符合全部排班规则", role: .success, on: &canvas)
        } else {
            col.text("✗ 本站 \(stationProblems.count) 处问题：" + stationProblems[0].description, role: .error, bold: true, maxLines: 2, on: &canvas)
        }
        let items = visible.map { v -> [String] in
            let cells = row(v)
            // 日期 星期 值班人员 考勤 问题: the hours and sign times are in the normal view.
            return [[cells[0], cells[1], cells[3], cells[6], cells[7]].filter { !$0.isEmpty }.joined(separator: " ")]
        }
        let roles: [Role] = visible.map { v in
            let cells = row(v)
            return !cells[7].isEmpty ? .error : (cells[6].contains("?") || cells[6].contains("迟到") || cells[6].contains("脱岗") ? .warning : .normal)
        }
        col.list(items, roles: roles, selected: table.selectedRow, on: &canvas)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let rows = Layout.split(area.inset(left: 1, right: 1), .vertical, [.fixed(1), .fixed(1), .fill(1), .fixed(2)])
        let name = station.map { "\($0.shortName)（\(stationIndex + 1)/\(stations.count)）" } ?? "—"
        let header = "◀ \(name) ▶  \(month ?? "")" + (policyID.isEmpty ? "" : "  规则：\(policyID)")
            + (published > 0 ? "  已公示" : "  未公示") + (provisional ? "  暂定日历" : "")
        canvas.drawLine(header, in: rows[0], style: theme[.header])
        let stationProblems = violations.filter { $0.stationID == station?.id }
        if let problem {
            canvas.drawLine("✗ " + problem, in: rows[1], style: theme[.error])
        } else if month == nil {
            canvas.drawLine("正在读取排班……", in: rows[1], style: theme[.dim])
        } else if shifts.isEmpty {
            canvas.drawLine("本月尚未排班：按 \(context.keymap.hint(Action.generate)) 按规则生成", in: rows[1], style: theme[.info])
        } else if stationProblems.isEmpty {
            canvas.drawLine("✓ 本站 \(visible.count) 班，符合全部排班规则　←→ 换站点　, . 换月份", in: rows[1], style: theme[.success])
        } else {
            canvas.drawLine("✗ 本站 \(stationProblems.count) 处问题：" + stationProblems[0].description, in: rows[1], style: theme[.error])
        }
        var t = table
        t.render(in: rows[2], on: &canvas, theme: theme, focused: true)
        let reason = selected.map { "理由：" + ($0.shift.reason.isEmpty ? "（未记录）" : $0.shift.reason) } ?? ""
        let lines = Self.wrap(reason, width: rows[3].width, lines: 2)
        for (i, line) in lines.enumerated() {
            canvas.drawLine(line, in: Rect(x: rows[3].x, y: rows[3].y + i, width: rows[3].width, height: 1), style: theme[.dim])
        }
    }

    /// Splits text into display-width lines the Chinese way (no line starts with punctuation, no
    /// break inside a date or number), at most `lines` of them.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        Array(text.wrapped(toWidth: width).prefix(lines))
    }
}

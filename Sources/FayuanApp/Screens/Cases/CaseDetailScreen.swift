import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 案件详情: the applicant (ID number and phone masked; showing them in full is an explicit,
/// audited action), the matter, the screening snapshot as decided, documents, clocks and the
/// whole timeline with operator and time. The actions available follow the case's step and the
/// operator's role; the store checks the role again.
public struct CaseDetailScreen: Screen {
    public enum Action {
        public static let decide: ActionID = "case.decide"
        public static let assign: ActionID = "case.assign"
        public static let progress: ActionID = "case.progress"
        public static let close: ActionID = "case.close"
        public static let visit: ActionID = "case.visit"
        public static let review: ActionID = "case.review"
        public static let terminate: ActionID = "case.terminate"
        public static let objection: ActionID = "case.objection"
        public static let flags: ActionID = "case.flags"
        public static let revealID: ActionID = "case.reveal_id"
        public static let revealPhone: ActionID = "case.reveal_phone"
        /// 补交材料: a document missing at acceptance brought in later.
        public static let supplement: ActionID = "case.supplement"
        /// 文书: the case's documents, for reprint.
        public static let documents: ActionID = "case.documents"
        /// 受理: a registered application (step 受理 on the board) is accepted.
        public static let accept: ActionID = "case.accept"
        /// 给群众看: the read-back of this case for the applicant (ID number in full, audited).
        public static let readBack: ActionID = "case.read_back"
    }

    struct Loaded: Sendable {
        var detail: CaseDetail
        var clocks: [CaseClock]
        var causeLabel: String
        var counting: String
        var assignmentDueIfGrantedToday: String
        /// What accepting starts: the review period, or for a notification case the Art 36 assignment date.
        var acceptNote: String
    }

    struct Revealed: Sendable {
        var field: String
        var value: String
    }

    let session: Session
    public let caseID: Int64
    private(set) var loaded: Loaded?
    private var revealedID: String?
    private var revealedPhone: String?
    private var scroll = 0

    public init(session: Session, caseID: Int64) {
        self.session = session
        self.caseID = caseID
    }

    public var keymapSection: String { "case" }
    public var title: String { "案件详情" }

    var stage: PipelineStage? { loaded?.detail.board.stage }

    /// What F6 does at this step.
    var closeAction: (label: String, permission: Permission, kind: CaseActionScreen.Kind)? {
        switch stage {
        case .handling?: return ("提交结案", .recordCaseProgress, .submitClosing)
        case .closingReview?: return ("结案审查", .closeCase, .closingReview)
        case .closed?: return ("归档", .archiveCase, .archive)
        default: return nil
        }
    }

    func permission(for action: ActionID) -> Permission? {
        switch action {
        case Action.decide: return .decideApplication
        case Action.assign: return .assignLawyer
        case Action.progress: return .recordCaseProgress
        case Action.close: return closeAction?.permission
        case Action.visit: return .recordReturnVisit
        case Action.review: return .qualityReview
        case Action.terminate: return .terminateAid
        case Action.objection: return .decideApplication
        case Action.flags: return .acceptApplication
        case Action.revealID, Action.revealPhone: return .revealIdentity
        case Action.supplement: return .takeApplication
        case Action.accept: return .acceptApplication
        default: return nil
        }
    }

    func stageAllows(_ action: ActionID) -> Bool {
        guard let stage else { return false }
        switch action {
        case Action.decide: return stage == .review && loaded?.detail.board.route != "notification"
        case Action.accept: return stage == .intake
        case Action.assign: return stage == .assignment
        case Action.progress: return stage == .handling || stage == .closingReview
        case Action.close: return closeAction != nil
        case Action.visit: return stage != .intake && stage != .review
        case Action.review: return stage == .closed || stage == .archived
        case Action.terminate: return [.assignment, .handling, .closingReview].contains(stage)
        case Action.objection: return stage == .ended && loaded?.detail.terminatedOn != nil || loaded?.detail.board.step == .refused
        case Action.flags: return [.intake, .review, .assignment].contains(stage)
        case Action.supplement: return loaded?.detail.documents.contains { $0.status == .missing } == true
        default: return true
        }
    }

    public func isEnabled(_ action: ActionID) -> Bool {
        if action == StandardAction.save { return false }
        if action == Action.close, closeAction == nil { return false }
        guard let p = permission(for: action) else { return true }
        return AccessPolicy.allows(session.role, p) && stageAllows(action)
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return [load()]
        case .result(let value as Loaded):
            loaded = value
        case .result(let r as Revealed):
            if r.field == "phone" { revealedPhone = r.value } else { revealedID = r.value }
            return [.status("已显示完整\(r.field == "phone" ? "电话" : "证件号码")（此次查看已记入审计日志）", .warning)]
        case .input(.action(StandardAction.down)): scroll += 1
        case .input(.action(StandardAction.up)): scroll = max(0, scroll - 1)
        case .input(.action(StandardAction.pageDown)): scroll += 8
        case .input(.action(StandardAction.pageUp)): scroll = max(0, scroll - 8)
        case .input(.action(StandardAction.home)): scroll = 0
        case .input(.action(Action.documents)):
            return [.push(DocumentsScreen(session: session, caseID: caseID))]
        case .input(.action(Action.readBack)):
            guard let loaded else { return [.status("正在读取案件，请稍候", .info)] }
            return [.push(ApplicantViewScreen(readBack: .forCase(loaded.detail, causeLabel: loaded.causeLabel), session: session))]
        case .input(.action(Action.close)) where closeAction == nil:
            return [.status("案件当前为“\(stage?.label ?? "—")”，没有结案或归档的操作", .error)]
        case .input(.action(let action)) where permission(for: action) != nil:
            return perform(action)
        default: break
        }
        return []
    }

    private func perform(_ action: ActionID) -> [Effect] {
        guard let loaded, let p = permission(for: action) else { return [] }
        guard AccessPolicy.allows(session.role, p) else {
            return [.status(PermissionDenied(role: session.role, permission: p).description, .error)]
        }
        guard stageAllows(action) else {
            return [.status("案件当前为“\(loaded.detail.board.stage.label)”，不能执行此操作", .error)]
        }
        let detail = loaded.detail
        switch action {
        case Action.decide:
            return [.push(CaseActionScreen(session: session, kind: .decide, detail: detail, note: loaded.assignmentDueIfGrantedToday))]
        case Action.accept:
            return [.push(CaseActionScreen(session: session, kind: .accept, detail: detail, note: loaded.acceptNote))]
        case Action.assign:
            return [.push(AssignmentScreen(session: session, detail: detail, causeLabel: loaded.causeLabel))]
        case Action.progress:
            return [.push(CaseActionScreen(session: session, kind: .progress, detail: detail))]
        case Action.close:
            return closeAction.map { [.push(CaseActionScreen(session: session, kind: $0.kind, detail: detail))] } ?? []
        case Action.visit:
            return [.push(CaseActionScreen(session: session, kind: .returnVisit, detail: detail))]
        case Action.review:
            return [.push(QualityReviewScreen(session: session, detail: detail))]
        case Action.terminate:
            return [.push(CaseActionScreen(session: session, kind: .terminate, detail: detail))]
        case Action.objection:
            return [.push(CaseActionScreen(session: session, kind: detail.board.objectionOn == nil ? .objection : .objectionResult,
                                           detail: detail))]
        case Action.flags:
            return [.push(CaseActionScreen(session: session, kind: .flags, detail: detail))]
        case Action.supplement:
            return [.push(SupplementScreen(session: session, caseID: caseID, caseNumber: detail.board.caseNumber ?? "（未编号）",
                                           missing: detail.documents.filter { $0.status == .missing }))]
        case Action.revealID, Action.revealPhone:
            let field = action == Action.revealPhone ? "phone" : "id_number"
            let op = session.operatorRecord
            let applicant = detail.board.applicantID
            return [.perform { env in Revealed(field: field, value: try env.store.revealApplicant(applicant, field: field, by: op)) }]
        default:
            return []
        }
    }

    private func load() -> Effect {
        let id = caseID
        return .perform { env in
            let detail = try env.store.caseDetail(id)
            let now = env.clock()
            let today = CaseFormat.localDay(now, timeZone: env.timeZone).0
            let region = try env.store.stations().first { $0.id == detail.board.centreID }.map { String($0.code.prefix(6)) } ?? ""
            let deadlines = CaseDeadlines(rules: env.rules, region: region, on: today)
            let clocks = deadlines.clocks(detail.board, now: now, timeZone: env.timeZone)
            let acceptNote: String
            if detail.board.route == "notification" {
                acceptNote = "\(CaseFormat.routeLabel(detail.board) ?? "通知辩护")：无需审查，受理后径行指派；指派期限至 "
                    + deadlines.notificationDue(detail.board) + "（法律援助法第三十六条：收到通知之日起三日内指派）"
            } else {
                let review = clocks.first { $0.kind == .review }?.due?.iso ?? "无法计算"
                acceptNote = "受理后分配案号，进入审查；审查期限至 \(review)（法律援助法第四十三条）"
            }
            return Loaded(detail: detail, clocks: clocks,
                          causeLabel: CaseFormat.causeLabel(detail.board.cause, rules: env.rules),
                          counting: deadlines.planner.policy.counting.label,
                          assignmentDueIfGrantedToday: deadlines.assignmentDue(from: today), acceptNote: acceptNote)
        }
    }

    /// The fixed lines above the timeline.
    func headerLines(_ l: Loaded, wide: Bool, acceptKey: String = "a") -> [(String, Role)] {
        let d = l.detail
        let b = d.board
        var lines: [(String, Role)] = []
        var head = "\(b.caseNumber ?? "（未编号）") · \(b.stage.label)" + (CaseFormat.routeLabel(b).map { " · \($0)" } ?? "")
            + " · \(CaseFormat.kindLabel(b.kind)) · \(l.causeLabel)"
        if !CaseFormat.priorityLabel(b.priority).isEmpty { head += " · " + CaseFormat.priorityLabel(b.priority) }
        if b.specialGroup { head += " · 特殊群体" }
        lines.append((head, .header))
        let id = revealedID ?? (b.idMasked.isEmpty ? "（无）" : b.idMasked)
        let phone = revealedPhone ?? (b.phoneMasked.isEmpty ? "（无）" : b.phoneMasked)
        lines.append(("申请人 \(b.applicantName)　证件 \(id)　电话 \(phone)", .normal))
        var who = "对方 \(d.opposingParty.isEmpty ? "（未填）" : d.opposingParty)　受理 \(b.stationName)"
        who += "　承办 \(b.providerName ?? "（未指派）")"
        if b.major { who += "　重大疑难" }
        if b.lifeOrDeath { who += "　第二十六条" }
        if b.detained { who += "　被羁押" }
        lines.append((who, .normal))
        if b.stage == .intake, AccessPolicy.allows(session.role, .acceptApplication) {
            lines.append(("待受理：按 \(acceptKey) 受理（" + l.acceptNote + "）", .warning))
        }
        if l.clocks.isEmpty {
            lines.append(("期限：当前步骤无法定期限在计" + (d.outcome.map { "　办理结果：\($0)" } ?? ""), .dim))
        } else {
            let text = l.clocks.map { c in
                "\(c.kind.label) \(c.status.text)" + (c.dueTime.map { "（\($0)）" } ?? c.due.map { "（至 \($0.iso)\(c.provisional ? "，暂定" : "")）" } ?? "")
            }.joined(separator: "；")
            let role: Role = l.clocks.contains { $0.status.isOverdue } ? .error : (l.clocks.contains { $0.status.isDueToday } ? .warning : .normal)
            lines.append(("期限：" + text + "　按\(l.counting)", role))
        }
        if let s = d.screening {
            lines.append(("审查结论：\(s.decision)　规则集 \(s.ruleSetID) 版本 \(s.ruleSetVersion)（\(s.effectiveOn)）", .normal))
        } else {
            var parts: [String] = []
            if let e = d.economicCheck { parts.append(["required": "需核查经济状况", "exempt": "免予核查", "not_applicable": "不受经济困难条件限制"][e] ?? e) }
            if d.provideFirst { parts.append("先行提供") }
            parts.append(b.reviewDue.map { "审查期限 \($0)" } ?? "未记录审查期限")
            lines.append(("窗口审查：" + parts.joined(separator: " · ") + "（未记录规则版本）", .dim))
        }
        if d.documents.isEmpty {
            lines.append(("材料：未登记", .dim))
        } else {
            lines.append(("材料：" + d.documents.map { doc in
                switch doc.status {
                case .received: return "✓" + doc.label
                case .committed: return "✎" + doc.label + "（承诺）"
                case .waived: return "－" + doc.label + "（无需）"
                case .missing: return "✗" + doc.label + (doc.dueOn.map { "（补正至 \($0)）" } ?? "")
                }
            }.joined(separator: " "), d.documents.contains { $0.status == .missing } ? .warning : .normal))
        }
        return lines
    }

    /// 大字模式: the case number in big letters with the step and applicant beside it, then the
    /// warnings staff need in words — the clocks (overdue, due today), an application waiting to
    /// be accepted, documents still missing — and below them everything else (parties, screening,
    /// documents, the timeline) as lines that ↑↓ scroll.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var col = LargeColumn(area, theme: context.theme)
        guard let l = loaded else {
            col.text("正在读取案件……", role: .dim, on: &canvas)
            return
        }
        let b = l.detail.board
        // The number on its own line (it is long and half Hanzi), then the step big — what the
        // case is waiting for — with the applicant beside it.
        col.text(b.caseNumber ?? "（未编号）", role: .header, bold: true, on: &canvas)
        let side: [(String, Role)] = [(b.applicantName, .normal), (CaseFormat.kindLabel(b.kind) + " · " + l.causeLabel, .dim)]
        col.big(b.stage.label, maxRows: min(6, col.remaining - 4), minRows: 4, side: side, sideWidth: 16, on: &canvas)
        let header = headerLines(l, wide: false, acceptKey: context.keymap.hint(Action.accept))
        // Warnings first, whole (two rows each at most).
        let warningLines = header.dropFirst().filter { [.error, .warning].contains($0.1) }
        for (text, role) in warningLines where col.remaining > 2 {
            // The counting rule (按自然日…) is in the normal view; here the clock itself.
            let short = text.components(separatedBy: "　按").first ?? text
            col.text(short, role: role, bold: role == .error, maxLines: 2, on: &canvas)
        }
        // The rest scrolls: facts not shown above, then the timeline.
        var lines: [(String, Role)] = header.dropFirst().filter { ![.error, .warning].contains($0.1) }
        lines.append(("── 时间线 \(l.detail.timeline.count) 条 ──", .border))
        for e in l.detail.timeline {
            let time = CaseFormat.eventTime(e.at, timeZone: context.environment.timeZone)
            lines.append(("\(time) \(CaseFormat.eventLabel(e.kind)) \(e.operatorName ?? "命令行") \(e.note)", e.kind == "correction" ? .warning : .normal))
        }
        let height = col.remaining
        guard height > 0 else { return }
        let wrapped = lines.flatMap { line in line.0.wrapped(toWidth: area.width).map { ($0, line.1) } }
        let start = min(scroll, max(0, wrapped.count - height))
        for (text, role) in wrapped.dropFirst(start).prefix(height) { col.text(text, role: role, on: &canvas) }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        guard let l = loaded else {
            canvas.drawLine("正在读取案件……", in: inner.row(0), style: theme[.dim])
            return
        }
        let header = headerLines(l, wide: inner.width >= 120,
                                 acceptKey: context.keymap.keys(for: Action.accept).first?.label ?? "a")
        for (i, line) in header.enumerated() {
            canvas.drawLine(line.0.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(i), style: theme[line.1])
        }
        let timelineTop = inner.inset(top: header.count)
        let entries = l.detail.timeline
        canvas.drawLine("── 时间线 \(entries.count) 条（↑↓ 翻看；更正另记一条，原记录不改） " + String(repeating: "─", count: inner.width),
                        in: timelineTop.row(0), style: theme[.border])
        let list = timelineTop.inset(top: 1)
        let timeWidth = 16, kindWidth = 8, whoWidth = inner.width >= 100 ? 10 : 8
        let maxScroll = max(0, entries.count - list.height)
        let start = min(scroll, maxScroll)
        for (r, e) in entries.dropFirst(start).prefix(list.height).enumerated() {
            let row = list.row(r)
            let time = CaseFormat.eventTime(e.at, timeZone: context.environment.timeZone)
            let line = time.padded(toWidth: timeWidth) + " " + CaseFormat.eventLabel(e.kind).truncated(toWidth: kindWidth).padded(toWidth: kindWidth)
                + " " + (e.operatorName ?? "命令行").truncated(toWidth: whoWidth).padded(toWidth: whoWidth) + " " + e.note
            canvas.drawLine(line.truncated(toWidth: row.width, ellipsis: true), in: row,
                            style: theme[e.kind == "correction" ? .warning : .normal])
        }
    }
}

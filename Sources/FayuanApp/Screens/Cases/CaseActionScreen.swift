import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// The small forms of the pipeline, one per action: decide (给予/不予), progress note, submit
/// for closing, closing review, archive, return visit, terminate (Art 48), objection (Art 49),
/// the case's flags for the wheel. A form is data; F2 saves through the store, which checks the
/// role and the step again and writes the timeline and the audit in one transaction.
public struct CaseActionScreen: Screen {
    public enum Kind: String, Sendable {
        case decide, progress, submitClosing, closingReview, archive, returnVisit, terminate, objection, objectionResult, flags
        case accept

        var title: String {
            switch self {
            case .accept: return "受理申请"
            case .decide: return "审查决定"
            case .progress: return "办案进展"
            case .submitClosing: return "提交结案"
            case .closingReview: return "结案审查"
            case .archive: return "归档"
            case .returnVisit: return "回访登记"
            case .terminate: return "终止法律援助"
            case .objection: return "登记异议"
            case .objectionResult: return "异议审查结果"
            case .flags: return "案件标记"
            }
        }
    }

    struct Saved: Sendable {
        var message: String
        var printed: [String]
        var caseID: Int64 = 0
        /// Register ids of the documents the action issued (offered for printing next).
        var issued: [Int64] = []
    }

    let session: Session
    public let kind: Kind
    let detail: CaseDetail
    /// Shown under the form (e.g. the assignment deadline a grant would start).
    let note: String
    private(set) var form: Form
    private var problem: String?
    private var saving = false
    /// Today by the environment's clock (the date field may not be later, nor before the case's history).
    private var today: LocalDate?

    public init(session: Session, kind: Kind, detail: CaseDetail, note: String = "") {
        self.session = session
        self.kind = kind
        self.detail = detail
        self.note = note
        form = Form(fields: Self.fields(kind, detail: detail))
    }

    static func dateField(_ id: String = "day", label: String = "日期") -> FormField {
        FormField(id: id, label: label, widget: .date(DateField()), isRequired: true, width: 12)
    }

    static func options(_ list: [DecisionReason]) -> [SelectOption] {
        list.map { SelectOption(id: $0.code, label: $0.label) }
    }

    static func fields(_ kind: Kind, detail: CaseDetail) -> [FormField] {
        switch kind {
        case .accept:
            return [dateField(label: "受理日期")]
        case .decide:
            return [
                FormField(id: "decision", label: "决定", widget: .select(SelectList(options: [
                    SelectOption(id: "grant", label: "给予法律援助"), SelectOption(id: "refuse", label: "不予法律援助"),
                ], selectedID: "grant")), isRequired: true, width: 20),
                FormField(id: "reasons", label: "理由", widget: .checkbox(CheckboxGroup(options: options(DecisionReason.grant))), rows: 5),
                FormField(id: "text", label: "说明", widget: .note(NoteField(enterInsertsNewline: false)), rows: 2),
                dateField(label: "决定日期"),
            ]
        case .progress:
            return [FormField(id: "note", label: "进展", widget: .note(NoteField(placeholder: "会见、阅卷、调查取证、开庭、调解……",
                                                                                enterInsertsNewline: false)), isRequired: true, rows: 4)]
        case .submitClosing:
            return [
                FormField(id: "outcome", label: "办理结果", widget: .note(NoteField(placeholder: "判决、调解、和解、撤诉……及结果",
                                                                                    enterInsertsNewline: false)), isRequired: true, rows: 3),
                dateField(label: "提交日期"),
            ]
        case .closingReview:
            return [
                FormField(id: "approve", label: "审查结论", widget: .select(SelectList(options: [
                    SelectOption(id: "yes", label: "通过，结案"), SelectOption(id: "no", label: "退回补充"),
                ], selectedID: "yes")), isRequired: true, width: 16),
                FormField(id: "note", label: "意见", widget: .note(NoteField(enterInsertsNewline: false)), rows: 2),
                dateField(label: "结案日期"),
            ]
        case .archive:
            return [dateField(label: "归档日期")]
        case .returnVisit:
            let phase: String = detail.board.stage == .handling || detail.board.stage == .closingReview ? "during"
                : (detail.board.stage == .assignment ? "before" : "after")
            return [
                FormField(id: "phase", label: "回访阶段", widget: .select(SelectList(options: ReturnVisitPhase.allCases.map {
                    SelectOption(id: $0.rawValue, label: $0.label)
                }, selectedID: phase)), isRequired: true, width: 12),
                FormField(id: "method", label: "方式", widget: .select(SelectList(options: [
                    SelectOption(id: "phone", label: "电话"), SelectOption(id: "visit", label: "上门"), SelectOption(id: "online", label: "网上"),
                ], selectedID: "phone")), isRequired: true, width: 8),
                FormField(id: "satisfaction", label: "满意度", widget: .select(SelectList(options: [
                    SelectOption(id: "satisfied", label: "满意"), SelectOption(id: "basically_satisfied", label: "基本满意"),
                    SelectOption(id: "dissatisfied", label: "不满意"),
                ], selectedID: "satisfied")), width: 10),
                FormField(id: "result", label: "回访情况", widget: .note(NoteField(enterInsertsNewline: false)), rows: 2),
                dateField(label: "回访日期"),
            ]
        case .terminate:
            return [
                FormField(id: "grounds", label: "终止情形", widget: .checkbox(CheckboxGroup(options: options(DecisionReason.termination))),
                          isRequired: true, rows: 8),
                FormField(id: "text", label: "说明", widget: .note(NoteField(enterInsertsNewline: false)), rows: 2),
                dateField(label: "终止日期"),
            ]
        case .objection:
            return [
                FormField(id: "text", label: "异议内容", widget: .note(NoteField(enterInsertsNewline: false)), rows: 2),
                dateField(label: "收到日期"),
            ]
        case .objectionResult:
            return [
                FormField(id: "upheld", label: "审查结果", widget: .select(SelectList(options: [
                    SelectOption(id: "yes", label: "维持原决定"), SelectOption(id: "no", label: "责令改正"),
                ], selectedID: "yes")), isRequired: true, width: 12),
                FormField(id: "text", label: "说明", widget: .note(NoteField(enterInsertsNewline: false)), rows: 2),
                dateField(label: "决定日期"),
            ]
        case .flags:
            var checked: Set<String> = []
            if detail.board.major { checked.insert("major") }
            if detail.board.lifeOrDeath { checked.insert("life_or_death") }
            if detail.board.detained { checked.insert("detained") }
            return [
                FormField(id: "flags", label: "标记", widget: .checkbox(CheckboxGroup(options: [
                    SelectOption(id: "major", label: "重大疑难案件（名优律师优先）"),
                    SelectOption(id: "life_or_death", label: "可能判处无期徒刑、死刑（第二十六条：三年以上相关执业经历）"),
                    SelectOption(id: "detained", label: "申请人被羁押（二十四小时内转交）"),
                ], checked: checked)), rows: 3),
                FormField(id: "received", label: "接收时间", widget: .text(TextField(text: detail.board.receivedAt ?? "",
                                                                                 placeholder: "2026-06-08 09:30")), width: 18),
            ]
        }
    }

    public var keymapSection: String { "case_form" }
    public var title: String { kind.title }
    public var acceptsText: Bool { true }
    public var isDirty: Bool { form.isDirty && !saving }

    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where form.field("day")?.value.isEmpty == true:
            return [TodayIs.fetch()]
        case .result(let today as TodayIs):
            self.today = LocalDate(iso: today.day)
            form.update("day") { $0.widget.setValue(today.day) }
            form.markClean()
        case .result(let saved as Saved):
            saving = true
            let printed = saved.printed.isEmpty ? "" : "；已生成 " + saved.printed.map { ($0 as NSString).lastPathComponent }.joined(separator: "、")
            guard !saved.issued.isEmpty else { return [.status(saved.message + printed, .success), .pop] }
            // The action issued documents: offer them for printing in place of this form.
            return [.status(saved.message + printed, .success),
                    .pop, .push(DocumentsScreen(session: session, caseID: saved.caseID, fresh: Set(saved.issued), intro: saved.message))]
        case .result(let failed as PerformFailed):
            problem = failed.message
            // The store's date check names the field "day": show its words at the date field.
            let prefix = "字段“day”有误："
            if failed.message.hasPrefix(prefix), form.field("day") != nil {
                form.setError(String(failed.message.dropFirst(prefix.count)), for: "day")
            }
        case .input(.action(StandardAction.save)):
            return save()
        case .input(let input):
            let before = form.field("decision")?.value
            _ = form.handle(input)
            if kind == .decide, let now = form.field("decision")?.value, now != before {
                let list = now == "refuse" ? DecisionReason.refusal : DecisionReason.grant
                form.update("reasons") { $0.widget = .checkbox(CheckboxGroup(options: Self.options(list))) }
            }
        default: break
        }
        return []
    }

    /// Which date the form's "day" field is (nil: the form has none).
    var dateKind: CaseDateKind? {
        switch kind {
        case .accept: return .accept
        case .decide: return .decide
        case .submitClosing: return .submitClosing
        case .closingReview: return .closingReview
        case .archive: return .archive
        case .returnVisit: return .returnVisit(ReturnVisitPhase(rawValue: form.field("phase")?.value ?? "") ?? .after)
        case .terminate: return .terminate
        case .objection: return .objection
        case .objectionResult: return .objectionResult
        case .progress, .flags: return nil
        }
    }

    /// The date checked against the case's own history and today — the store's rule, here so the
    /// message stands at the field before anything is sent.
    func dateProblem() -> String? {
        let b = detail.board
        guard let kind = dateKind, let today, let text = form.field("day")?.value, let day = LocalDate(iso: text),
              let history = CaseHistory(appliedOn: b.appliedOn, acceptedOn: b.acceptedOn, decidedOn: b.decidedOn,
                                        assignedOn: b.assignedOn, closingSubmittedOn: b.closingSubmittedOn, closedOn: b.closedOn,
                                        terminatedOn: detail.terminatedOn, objectionOn: b.objectionOn) else { return nil }
        return kind.problem(day, history: history, today: today)
    }

    private mutating func save() -> [Effect] {
        guard form.validateAll() else {
            problem = "请先改正标有 ✗ 的栏目"
            return [.status(problem!, .error)]
        }
        if let wrong = dateProblem() {
            form.setError(wrong, for: "day")
            problem = wrong
            return [.status(wrong, .error)]
        }
        problem = nil
        let v = form.values
        let role = session.role
        let by = session.operatorID
        let caseID = detail.board.id
        let detail = self.detail
        let day = v["day"] ?? ""
        let list = { (s: String?) in (s ?? "").split(separator: ",").map(String.init) }
        switch kind {
        case .accept:
            let notification = detail.board.route == "notification"
            return [.perform { env in
                let saved = try env.store.accept(caseID, on: day, role: role, by: by)
                let number = saved.caseNumber ?? ""
                // The papers of the acceptance, as the window's form offers them: 申请表, 接收凭证,
                // 补充材料通知书 when something is missing (numbered with the acceptance), 诚信承诺书
                // under 告知承诺 — rendered now, then offered for printing.
                let outputs = try CaseDocuments.renderIssued(caseID, env: env, role: role, by: by)
                let kinds = Set(CaseStore.acceptancePaperKinds(route: detail.board.route, hardshipEvidence: detail.hardshipEvidence,
                                                               missing: true))
                let papers = try env.store.issuedDocuments(caseID).filter { kinds.contains($0.kind) }.map(\.id)
                return Saved(message: notification ? "已受理，编号\(number)；通知案件无需审查，径行指派"
                                                   : "已受理，编号\(number)，进入审查（审查期限自收到申请之日起算）", printed: [],
                             caseID: caseID, issued: papers.isEmpty ? outputs.map(\.registerID) : papers)
            }]
        case .decide:
            let grant = v["decision"] != "refuse"
            let reasons = list(v["reasons"])
            let text = v["text"] ?? ""
            return [.perform { env in
                try env.store.decide(caseID, grant: grant, reasons: reasons, text: text, on: day, role: role, by: by)
                // The 决定书 was numbered in the decision's transaction; render it for printing.
                let outputs = try CaseDocuments.renderIssued(caseID, env: env, role: role, by: by)
                _ = detail
                return Saved(message: grant ? "已决定给予法律援助，指派期限开始计算" : "已决定不予法律援助（异议途径已写入决定书）",
                             printed: outputs.map(\.pdfPath), caseID: caseID, issued: outputs.map(\.registerID))
            }]
        case .progress:
            let note = v["note"] ?? ""
            return [.perform { env in
                try env.store.recordProgress(caseID, note: note, role: role, by: by)
                return Saved(message: "已记录办案进展", printed: [])
            }]
        case .submitClosing:
            let outcome = v["outcome"] ?? ""
            return [.perform { env in
                try env.store.submitForClosing(caseID, outcome: outcome, on: day, role: role, by: by)
                return Saved(message: "已提交结案审查", printed: [])
            }]
        case .closingReview:
            let approve = v["approve"] != "no"
            let note = v["note"] ?? ""
            return [.perform { env in
                try env.store.reviewClosing(caseID, approve: approve, note: note, on: day, role: role, by: by)
                return Saved(message: approve ? "结案审查通过，已结案" : "已退回补充", printed: [])
            }]
        case .archive:
            return [.perform { env in
                try env.store.archive(caseID, on: day, role: role, by: by)
                return Saved(message: "已归档", printed: [])
            }]
        case .returnVisit:
            let phase = ReturnVisitPhase(rawValue: v["phase"] ?? "") ?? .after
            let method = v["method"] ?? "phone"
            let satisfaction = Satisfaction(rawValue: v["satisfaction"] ?? "")
            let result = v["result"] ?? ""
            return [.perform { env in
                try env.store.recordReturnVisit(caseID, phase: phase, method: method, satisfaction: satisfaction, result: result,
                                                on: day, role: role, by: by)
                return Saved(message: "已登记\(phase.label)", printed: [])
            }]
        case .terminate:
            let grounds = list(v["grounds"])
            let text = v["text"] ?? ""
            return [.perform { env in
                try env.store.terminate(caseID, grounds: grounds, text: text, on: day, role: role, by: by)
                let outputs = try CaseDocuments.renderIssued(caseID, env: env, role: role, by: by)
                return Saved(message: "已终止法律援助（可依法律援助法第四十九条提出异议）", printed: outputs.map(\.pdfPath),
                             caseID: caseID, issued: outputs.map(\.registerID))
            }]
        case .objection:
            let text = v["text"] ?? ""
            return [.perform { env in
                try env.store.recordObjection(caseID, on: day, text: text, role: role, by: by)
                return Saved(message: "已登记异议，五日审查期限开始计算", printed: [])
            }]
        case .objectionResult:
            let upheld = v["upheld"] != "no"
            let text = v["text"] ?? ""
            return [.perform { env in
                try env.store.recordObjectionResult(caseID, upheld: upheld, on: day, text: text, role: role, by: by)
                return Saved(message: upheld ? "已记录：维持原决定" : "已记录：责令改正，案件回到审查", printed: [])
            }]
        case .flags:
            let flags = Set(list(v["flags"]))
            let received = (v["received"] ?? "").trimmingCharacters(in: .whitespaces)
            if flags.contains("detained"), received.count < 16 {
                form.setError("被羁押人的申请须填写接收时间，如 2026-06-08 09:30", for: "received")
                return [.status("接收时间：被羁押人的申请须填写，如 2026-06-08 09:30", .error)]
            }
            return [.perform { env in
                // 重大疑难 extends the review period where the province allows it (山西 Art 21).
                let extended = LocalDate(iso: detail.board.appliedOn).flatMap {
                    CaseDeadlines(rules: env.rules, region: detail.regionCode, on: $0)
                        .reviewDueChange(for: detail.board, major: flags.contains("major"))
                }
                try env.store.setCaseFlags(caseID, major: flags.contains("major"), lifeOrDeath: flags.contains("life_or_death"),
                                           detained: flags.contains("detained"),
                                           receivedAt: flags.contains("detained") ? received.replacingOccurrences(of: " ", with: "T") : nil,
                                           reviewDue: extended, role: role, by: by)
                return Saved(message: "已更新案件标记", printed: [])
            }]
        }
    }

    /// Lines under the form: what the action means in law.
    var guidance: [String] {
        switch kind {
        case .accept:
            return note.isEmpty ? [] : [note]
        case .decide:
            if form.field("decision")?.value == "refuse" {
                return ["保存后生成《不予法律援助决定书》，写明异议途径：", DecisionReason.objectionPath]
            }
            return ["给予后自决定之日起三日内指派（法律援助法第四十三条）" + (note.isEmpty ? "" : "：今日决定则指派期限至 \(note)")]
        case .terminate:
            return ["终止后受援人可提出异议：" + DecisionReason.objectionPath]
        case .returnVisit:
            return ["回访目标：结案案件 100% 回访；结案回访须记录满意度"]
        case .closingReview:
            return detail.outcome.map { ["承办人提交的办理结果：\($0)"] } ?? []
        case .objection:
            return ["司法行政部门应当自收到异议之日起五日内审查（法律援助法第四十九条）"]
        default:
            return []
        }
    }

    /// 大字模式: one field at a time, large.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        var f = form
        f.renderLarge(in: area, on: &canvas, theme: context.theme, focused: true)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let b = detail.board
        canvas.drawLine("\(b.caseNumber ?? "（未编号）") · \(b.applicantName) · \(b.stage.label)　\(context.keymap.hint(StandardAction.save)) 保存，Esc 返回",
                        in: inner.row(0), style: theme[.header])
        let lines = guidance.flatMap { $0.wrapped(toWidth: inner.width) }
        let bottom = min(lines.count + (problem == nil ? 0 : 1), max(0, inner.height - 6))
        var f = form
        f.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2 - bottom), on: &canvas,
                 theme: theme, focused: true)
        var y = inner.maxY - bottom
        if let problem {
            canvas.drawLine("✗ " + problem, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.error])
            y += 1
        }
        for line in lines.prefix(max(0, inner.maxY - y)) {
            canvas.drawLine(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.info])
            y += 1
        }
    }
}

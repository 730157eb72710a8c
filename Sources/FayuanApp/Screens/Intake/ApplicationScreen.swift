import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 法律援助申请: a guided form in six steps (①申请人 ②事项 ③经济状况 ④审查 ⑤材料 ⑥受理), each
/// reachable directly. The rule library's answer is recomputed on every change; F2 accepts (or,
/// for someone who may not accept, registers the application for the centre); F6 records a
/// refusal at the window instead. Everything typed is kept as a draft as it is typed.
public struct ApplicationScreen: Screen {
    public enum Action {
        public static let steps: [ActionID] = (1...6).map { ActionID("apply.step_\($0)") }
        public static let previousStep: ActionID = "apply.prev_step"
        public static let nextStep: ActionID = "apply.next_step"
        public static let refuse: ActionID = "apply.refuse"
        /// 给群众看: the applicant reads back their details in big text.
        public static let readBack: ActionID = "apply.read_back"
        /// 受理 (or, for a duty lawyer, 提交中心受理): its own key; F2 only 暂存 the application.
        public static let accept: ActionID = "apply.accept"
        /// 查看完整：a picked person's identity number, phone or address in full, with a reason (audited).
        public static let reveal: ActionID = "apply.reveal"
    }

    static let draftForm = "application"
    typealias F = ApplicationForms

    public let session: Session
    public let ticketID: Int64?
    let prefill: ApplicationPrefill?
    private(set) var applicantID: Int64?
    private(set) var consultationID: Int64?
    private(set) var step = 0
    private(set) var forms: [Form]
    private(set) var refusal: Form?
    private(set) var search = ApplicantSearchPanel()
    private(set) var load: IntakeLoad?
    private(set) var screening: ScreeningOutcome?
    private(set) var openCases: [OpenCaseSummary] = []
    private(set) var conflictWarnings: [String] = []
    private(set) var idNote: String?
    private(set) var lastOutcome: String?
    private var screeningScroll = 0
    private var loadRequested = false
    private var draftSettled = false
    private var offeredDraft: DraftOffer?
    private var lastSavedPayload: String?
    private var conflictQuery = ""
    /// What the form showed for a picked person (masked): a field still showing it is unchanged.
    private(set) var pickedShown: [String: String] = [:]
    /// The picked person's birth date, for screening only (never shown beside the masked number).
    private var pickedBirthDate: LocalDate?
    /// The registered person whose number was typed without picking them (they are not adopted).
    private(set) var typedRegistered: IntakePersonHit?
    /// The comparison being confirmed field by field before accepting, and the fields agreed.
    private var pendingChanges: [PersonChange] = []
    private var acceptedChanges: Set<PersonField> = []
    private var declinedChanges: Set<PersonField> = []
    /// Every differing field of the comparison being shown (with its answer so far).
    private(set) var comparisonRows: [PersonChange] = []
    /// Esc on a dirty form: the three-way choice is showing.
    private(set) var leaving = false
    /// The masked values first shown for a picked person (what a draft may hold).
    private var maskedShown: [String: String] = [:]
    /// 查看完整: the field being revealed and the reason being typed.
    private(set) var revealing: (field: PersonField, reason: TextField)?
    struct Revealed: Sendable { var field: PersonField; var value: String }

    enum ScreeningOutcome: Sendable {
        case result(ScreeningResult)
        case problem(String)
    }

    /// Opens an empty application, or one for a person already known (the queue passes the person
    /// being served and the ticket).
    public init(session: Session, applicantID: Int64? = nil, ticketID: Int64? = nil) {
        self.init(session: session, applicantID: applicantID, ticketID: ticketID, prefill: nil)
    }

    /// Opens an application carrying over a consultation's person and question.
    public init(session: Session, applicantID: Int64?, ticketID: Int64?, prefill: ApplicationPrefill?) {
        self.session = session
        self.ticketID = ticketID
        self.prefill = prefill
        self.applicantID = applicantID ?? prefill?.applicantID
        consultationID = prefill?.consultationID
        forms = Self.emptyForms(causes: [], groups: [], providers: [], today: nil)
        search.viewer = session.operatorRecord
    }

    static func emptyForms(causes: [CodeEntry], groups: [CodeEntry], providers: [Provider], today: LocalDate?) -> [Form] {
        [F.applicantForm(), F.matterForm(causes: causes, providers: providers), F.economyForm(groups: groups), Form(fields: []),
         F.documentsForm(documents: DocumentChecklist.documents(kind: .civil, cause: nil, hardshipEvidence: nil), received: [],
                         due: today.map { $0.adding(days: DocumentChecklist.supplementDays).iso } ?? ""),
         F.acceptForm(today: today?.iso ?? "")]
    }

    var draftKey: String {
        if let ticketID { return "ticket:\(ticketID)" }
        if let c = consultationID { return "consultation:\(c)" }
        if let prefill, let a = prefill.applicantID { return "applicant:\(a)" }
        return ""
    }

    public var keymapSection: String { "apply" }
    public var title: String { refusal == nil ? "法律援助申请" : "法律援助申请 · 不予受理登记" }
    public var acceptsText: Bool { leaving || revealing != nil || !pendingChanges.isEmpty || (!search.isActive && (refusal != nil || step != F.screening)) }
    public var isDirty: Bool { forms.contains { $0.isDirty } || refusal?.isDirty == true || (applicantID != nil && prefill == nil) }
    public var capturesBack: Bool { true }
    /// 上一步 on the first step and 下一步 on the last do nothing, so the bar leaves them out.
    public func isEnabled(_ action: ActionID) -> Bool {
        switch action {
        case Action.previousStep: return step > 0
        case Action.nextStep: return step < F.stepNames.count - 1
        case let id where Action.steps.contains(id): return Action.steps.firstIndex(of: id) != step
        default: return true
        }
    }

    var canAccept: Bool { AccessPolicy.allows(session.role, .acceptApplication) }

    // MARK: Update

    public mutating func update(_ msg: Msg) -> [Effect] {
        if !loadRequested {
            loadRequested = true
            let pending: Input? = { if case .input(let input) = msg { return input } else { return nil } }()
            let op = session.operatorID, key = draftKey, stationID = session.station?.id ?? session.operatorRecord.stationID
            let person = applicantID
            let viewer = session.operatorRecord
            return [.perform { env in
                IntakeLoad(context: try env.store.intakeContext(stationID: stationID), rules: env.rules,
                           today: IntakeClock.today(env), providers: try env.store.activeProviders(),
                           draft: try DraftCodec.load(env, operatorID: op, form: ApplicationScreen.draftForm, key: key),
                           person: try person.map { id in
                               PickedApplicant(masked: try env.store.maskedPerson(id, by: viewer), openCases: try env.store.openCases(applicantID: id))
                           },
                           pending: pending,
                           applicationDraft: try ApplicationDraftOffer.load(env, operatorID: op, form: ApplicationScreen.draftForm, key: key))
            }]
        }
        switch msg {
        case .result(let value): return handleResult(value)
        case .input(let input): return handleInput(input)
        case .suspending:
            // Locked, handed over or hung up: the draft must hold what is on screen now.
            lastSavedPayload = nil
            return autosave()
        default: return []
        }
    }

    private mutating func handleResult(_ value: any Sendable) -> [Effect] {
        switch value {
        case let loaded as IntakeLoad:
            return applyLoad(loaded)
        case is RestoreDraft:
            if let draft = offeredDraft { restore(draft.values) }
            offeredDraft = nil
            draftSettled = true
            lastSavedPayload = draftPayload
            return [.status("已恢复草稿，请继续填写", .info)] + conflictEffect()
        case let result as ApplicantSearchPanel.Result:
            search.apply(result)
            // A registered person's whole number typed without picking them: say so, never adopt.
            let typed = forms[F.applicant].field("idNumber")?.value ?? ""
            if applicantID == nil, let hit = search.exactIdentityHit(), result.query == typed {
                typedRegistered = hit
            } else if result.query == typed {
                typedRegistered = nil
            }
            return []
        case is ExplicitDraftSaved:
            return [.status("已暂存（\(forms[F.applicant].field("name")?.value ?? "")），下次打开援助申请时继续", .success)]
        case is KeepDraftAndLeave:
            lastSavedPayload = nil
            return autosave() + [.pop]
        case is AskDiscard:
            return [.confirm("放弃这份申请并删除草稿吗？（选“否”继续填写）", onYes: .result(DiscardConfirmed()))]
        case let r as Revealed:
            let id = r.field == .idNumber ? "idNumber" : r.field == .phone ? "phone" : "address"
            // The full value now counts as "unchanged" (it is the stored one); drafts keep the masked one.
            pickedShown[id] = r.value
            forms[F.applicant].update(id) { $0.widget.setValue(r.value) }
            if r.field == .idNumber { idNote = "已显示完整证件号码（此次查看已记入审计日志）" }
            return [.status("已显示完整\(r.field.label)（此次查看已记入审计日志）", .warning)]
        case let comparison as PersonComparison:
            comparisonRows = comparison.changes
            pendingChanges = comparison.changes
            acceptedChanges = []
            declinedChanges = []
            return askNextChange()
        case let picked as PickedApplicant:
            typedRegistered = nil
            fill(with: picked)
            return [.status("已带入：\(picked.applicant.name)" + (openCases.isEmpty ? "" : "（已有在办案件）"), openCases.isEmpty ? .info : .warning)]
                + autosave() + conflictEffect()
        case let conflict as ConflictResult:
            if conflict.query == conflictQuery { conflictWarnings = conflict.warnings }
            return []
        case is AcceptConfirmed:
            return startAccept()
        case let outcome as AcceptOutcome:
            // The store deleted the draft in the acceptance transaction; the journal is told too, so
            // a keystroke's save still on its way to the store cannot bring the draft back.
            let done = deleteDraft()
            lastOutcome = outcome.message
            resetAll()
            // Offer the papers just issued for printing (Esc returns to a fresh application).
            let offer = DocumentsScreen(session: session, caseID: outcome.caseID, fresh: Set(outcome.issued), intro: outcome.message)
            return [.status(outcome.status, .success), done] + (outcome.issued.isEmpty ? [] : [.push(offer)])
        case let refused as RefusalSaved:
            lastOutcome = "✓ " + refused.status
            resetAll()
            return [.status(refused.status, .success), deleteDraft()]
        case is DiscardConfirmed:
            return [deleteDraft(), .pop]
        default:
            return []
        }
    }

    private mutating func applyLoad(_ loaded: IntakeLoad) -> [Effect] {
        load = loaded
        let old = forms
        forms = Self.emptyForms(causes: loaded.rules.causes, groups: loaded.rules.groups, providers: loaded.providers, today: loaded.today)
        // Anything typed before the load finished is kept.
        for i in forms.indices where old[i].isDirty { forms[i].restore(values: old[i].values) }
        if let prefill { applyPrefill(prefill) }
        if let person = loaded.person { fill(with: person) }
        forms.indices.forEach { forms[$0].markClean() }
        var effects: [Effect] = []
        // Continuing is the default and needs no answer; starting over is Esc → 放弃, which asks
        // again before anything is deleted.
        if let offer = loaded.applicationDraft {
            restore(offer.draft)
            draftSettled = true
            lastSavedPayload = draftPayload
            let name = offer.draft.application.applicant.name.isEmpty ? "未填姓名" : offer.draft.application.applicant.name
            effects.append(.status("已继续未完成的草稿（\(name)，保存于 \(offer.savedAt)）；要重新开始请按 Esc 选择放弃", .info))
        } else if let draft = loaded.draft {
            // A draft written before drafts were typed (form values by field).
            restore(draft.values)
            draftSettled = true
            lastSavedPayload = draftPayload
            let name = draft.values["s0.name"].flatMap { $0.isEmpty ? nil : $0 } ?? "未填姓名"
            effects.append(.status("已继续未完成的草稿（\(name)，保存于 \(draft.savedAt)）；要重新开始请按 Esc 选择放弃", .info))
        } else {
            draftSettled = true
        }
        rescreen()
        if let pending = loaded.pending { effects += handleInput(pending) }
        return effects + conflictEffect()
    }

    private mutating func applyPrefill(_ p: ApplicationPrefill) {
        forms[F.applicant].update("name") { $0.widget.setValue(p.name) }
        forms[F.applicant].update("phone") { $0.widget.setValue(p.phone) }
        forms[F.matter].update("kind") { $0.widget.setValue(p.kind) }
        if let cause = p.cause { forms[F.matter].update("cause") { $0.widget.setValue(cause) } }
        forms[F.matter].update("summary") { $0.widget.setValue(p.summary) }
        refreshChecklist()
    }

    // MARK: Input

    static let leaveQuestion = "有未受理的内容：1 保留草稿并返回　2 放弃（删除草稿）　3 取消（继续填写）"

    private mutating func handleInput(_ input: Input) -> [Effect] {
        if offeredDraft != nil { offeredDraft = nil; draftSettled = true }
        if !pendingChanges.isEmpty { return handleComparisonInput(input) }
        if revealing != nil { return handleRevealInput(input) }
        if leaving {
            leaving = false
            switch input {
            case .text("1"): return handleResult(KeepDraftAndLeave())
            case .text("2"): return handleResult(AskDiscard())
            default: return [.status("已取消，继续填写", .info)]
            }
        }
        if search.isActive {
            switch search.handle(input) {
            case .handled: return []
            case .picked(let id): return [ApplicantSearchPanel.pick(id)]
            case .leave: break
            }
        }
        if refusal != nil { return handleRefusalInput(input) }
        switch input {
        case .action(StandardAction.save):
            return saveDraftExplicitly()
        case .action(Action.accept):
            return requestAccept()
        case .action(Action.reveal):
            return startReveal()
        case .action(StandardAction.back):
            if !isDirty { return [deleteDraft(), .pop] }
            // 保留草稿 / 放弃 / 取消 (放弃 asks a second time before deleting).
            leaving = true
            return [.status(Self.leaveQuestion, .warning)]
        case .action(Action.refuse):
            guard AccessPolicy.allows(session.role, .refuseAtWindow) else {
                return [.status("无权操作：\(session.role.label)不能窗口不予受理登记", .error)]
            }
            refusal = F.refusalForm()
            return [.status("不予受理登记：填写原因和引导去向后保存，Esc 返回申请", .info)]
        case .action(Action.readBack):
            return [.push(ApplicantViewScreen(readBack: readBack, session: session))]
        case .action(Action.previousStep):
            go(to: step - 1, focusLast: false)
            return []
        case .action(Action.nextStep):
            go(to: step + 1, focusLast: false)
            return []
        case .action(let id) where Action.steps.contains(id):
            go(to: Action.steps.firstIndex(of: id)!, focusLast: false)
            return []
        default:
            break
        }
        if step == F.screening { return handleScreeningPage(input) }
        var form = forms[step]
        let last = form.fields.count - 1
        let leavesForward = input == .action(StandardAction.nextField)
            || (input == .action(StandardAction.confirm) && !(form.focusedField?.widget.isNote == true && isNewlineNote(form)))
        if leavesForward && form.focusIndex == last && step < F.accept {
            forms[step].validate(fieldAt: last)
            go(to: step + 1, focusLast: false)
            return []
        }
        if input == .action(StandardAction.previousField) && form.focusIndex == 0 && step > 0 {
            go(to: step - 1, focusLast: true)
            return []
        }
        if input == .action(StandardAction.down), step == F.applicant, isSearchField, search.activate() { return [] }
        let before = form.values
        let focusedID = form.focusedField?.id
        _ = form.handle(input)
        forms[step] = form
        guard form.values != before else { return [] }
        lastOutcome = nil
        return changed(field: focusedID, before: before)
    }

    private func isNewlineNote(_ form: Form) -> Bool {
        if case .note(let n)? = form.focusedField?.widget { return n.enterInsertsNewline }
        return false
    }

    private var isSearchField: Bool { ["name", "idNumber", "phone"].contains(forms[F.applicant].focusedField?.id ?? "") }

    /// After a field changed: search, check the ID number, refresh the checklist, screen again, save the draft.
    private mutating func changed(field: String?, before: [String: String]) -> [Effect] {
        var effects: [Effect] = []
        if step == F.applicant, let field {
            let value = forms[F.applicant].field(field)?.value ?? ""
            if ["name", "idNumber", "phone"].contains(field), let e = search.search(value) { effects.append(e) }
            if field == "idNumber" { checkIDNumber(value) }
            if field == "name" && applicantID != nil && prefill?.applicantID != applicantID {
                // A different name means a different person: the pick no longer holds.
                applicantID = nil
                openCases = []
            }
        }
        if step == F.matter || step == F.economy { refreshChecklist() }
        rescreen()
        if step == F.matter && (field == "opposing" || field == "provider") { effects += conflictEffect() }
        return effects + autosave()
    }

    /// Checks the ID number as it is typed: at full length it is parsed, and a valid one fills in
    /// the birth date and gender; a wrong one shows why at the field.
    private mutating func checkIDNumber(_ value: String) {
        if let shown = pickedShown["idNumber"], shown == value {
            idNote = "已带入登记档案：证件号码、电话、住址已隐藏（与档案不同的项受理时逐项确认）"
            return
        }
        guard value.count == 18 else {
            idNote = value.isEmpty ? nil : "证件号码已输入 \(value.count) 位"
            return
        }
        switch IDNumber.parse(value) {
        case .success(let id):
            forms[F.applicant].setError(nil, for: "idNumber")
            forms[F.applicant].update("birthDate") { $0.widget.setValue(id.birthDate.iso) }
            forms[F.applicant].update("gender") { $0.widget.setValue(id.gender == .male ? "M" : "F") }
            idNote = "✓ \(id.kind.label)：\(id.birthDate.iso) 出生，\(id.gender.label)（已填入）"
        case .failure(let e):
            forms[F.applicant].setError(e.reason, for: "idNumber")
            idNote = nil
        }
    }

    private mutating func handleScreeningPage(_ input: Input) -> [Effect] {
        switch input {
        case .action(StandardAction.nextField), .action(StandardAction.confirm): go(to: step + 1, focusLast: false)
        case .action(StandardAction.previousField): go(to: step - 1, focusLast: true)
        case .action(StandardAction.down): screeningScroll += 1
        case .action(StandardAction.up): screeningScroll = max(0, screeningScroll - 1)
        case .action(StandardAction.pageDown): screeningScroll += 10
        case .action(StandardAction.pageUp): screeningScroll = max(0, screeningScroll - 10)
        case .action(StandardAction.home): screeningScroll = 0
        default: break
        }
        return []
    }

    private mutating func go(to index: Int, focusLast: Bool) {
        let target = min(max(0, index), F.accept)
        search.deactivate()
        step = target
        if step == F.screening { screeningScroll = 0 }
        if !forms[step].fields.isEmpty {
            let i = focusLast ? forms[step].fields.count - 1 : 0
            forms[step].focus(id: forms[step].fields[i].id)
        }
    }

    // MARK: Filling and screening

    private mutating func fill(with picked: PickedApplicant) {
        let a = picked.applicant
        applicantID = a.id
        openCases = picked.openCases
        forms[F.applicant].update("name") { $0.widget.setValue(a.name) }
        forms[F.applicant].update("idNumber") { $0.widget.setValue(a.idNumber ?? "") }
        forms[F.applicant].update("gender") { $0.widget.setValue(a.gender ?? "") }
        forms[F.applicant].update("birthDate") { $0.widget.setValue(a.birthDate ?? "") }
        forms[F.applicant].update("phone") { $0.widget.setValue(a.phone ?? "") }
        forms[F.applicant].update("address") { $0.widget.setValue(a.address ?? "") }
        forms[F.applicant].update("needs") { $0.widget.setValue(a.needs.map(\.rawValue).joined(separator: ",")) }
        forms[F.economy].update("groups") { $0.widget.setValue(a.groups.joined(separator: ",")) }
        pickedShown = ["name": a.name, "idNumber": a.idNumber ?? "", "phone": a.phone ?? "", "address": a.address ?? ""]
        maskedShown = pickedShown
        pickedBirthDate = picked.birthDate
        if let id = a.idNumber { checkIDNumber(id) } else { idNote = nil }
        search = ApplicantSearchPanel()
        search.viewer = session.operatorRecord
        rescreen()
    }

    /// The checklist follows the matter and the hardship evidence; ticks are kept by document.
    private mutating func refreshChecklist() {
        let m = forms[F.matter].values, e = forms[F.economy].values
        let kind = MatterKind(rawValue: m["kind"] ?? "") ?? .civil
        let docs = DocumentChecklist.documents(kind: kind, cause: (m["cause"] ?? "").isEmpty ? nil : m["cause"],
                                               hardshipEvidence: HardshipEvidence(rawValue: e["evidence"] ?? ""))
        guard case .checkbox(let current)? = forms[F.documents].field("received")?.widget,
              current.options.map(\.id) != docs.map(\.id) else { return }
        let checked = current.checkedIDs
        forms[F.documents].update("received") {
            $0.widget = .checkbox(CheckboxGroup(options: docs.map { SelectOption(id: $0.id, label: $0.label) }, checked: checked))
        }
    }

    var documentList: [RequiredDocument] {
        guard case .checkbox(let c)? = forms[F.documents].field("received")?.widget else { return [] }
        return c.options.map { RequiredDocument($0.id, $0.label) }
    }

    /// What the applicant is shown to confirm (给群众看): plain words. The ID number in full: as
    /// typed here in front of them, or, for a person brought in from the register (shown masked
    /// on the form), through the store's audited reveal when the read-back reaches it.
    var readBack: ReadBack {
        let a = forms[F.applicant].values, m = forms[F.matter].values
        let id = a["idNumber"].flatMap { $0.isEmpty ? nil : $0 }
        let kind = MatterKind(rawValue: m["kind"] ?? "")
        let cause = (m["cause"] ?? "").isEmpty ? nil : m["cause"].map { load?.rules.causeLabel(CauseCode(rawValue: $0)) ?? $0 }
        let matter = [cause, kind.map { "（\($0.label)）" }].compactMap { $0 }.joined()
        var decideBy: String?
        if case .result(let r)? = screening, let due = r.deadlines?.reviewDue {
            decideBy = "\(due.year)年\(due.month)月\(due.day)日"
        }
        let missing = missingDocuments.map(\.label)
        var next = ["工作人员会审查您的申请，并在上面的日期之前告诉您结果。"]
        var bring: String?
        if !missing.isEmpty, let due = forms[F.documents].field("dueDate")?.value, !due.isEmpty {
            bring = "请在 \(due) 之前把这些材料交到本中心受理窗口（工作日上班时间），可以请家人代交。"
        }
        next.append("有疑问可以拨打 12348 公共法律服务热线。")
        // A number with * is the register's masked one: the full number stays in the store.
        let fromRegister = id.map { $0.contains("*") } ?? false
        let today = load.map { "\($0.today.year)年\($0.today.month)月\($0.today.day)日" }
        return ReadBack(name: a["name"] ?? "", maskedID: id.map(PrivacyPolicy.maskIDNumber),
                        typedID: fromRegister ? nil : id, applicantID: fromRegister ? applicantID : nil,
                        matter: matter.isEmpty ? "（尚未填写）" : matter, decideBy: decideBy,
                        dates: today.map { ["申请日期：\($0)"] } ?? [],
                        missingDocuments: missing, bringDocuments: bring, nextSteps: next)
    }

    var missingDocuments: [RequiredDocument] {
        let received = Set((forms[F.documents].field("received")?.value ?? "").split(separator: ",").map(String.init))
        return documentList.filter { !received.contains($0.id) }
    }

    var household: HouseholdIncome? {
        let e = forms[F.economy].values
        guard let size = Int(e["size"] ?? ""), case .number(let n)? = forms[F.economy].field("income")?.widget,
              let fen = n.value else { return nil }
        return HouseholdIncome(householdSize: size, monthlyTotalFen: fen)
    }

    func screeningInput() -> Result<ScreeningInput, ScreeningInputError>? {
        guard let load else { return nil }
        let a = forms[F.applicant].values, m = forms[F.matter].values, e = forms[F.economy].values
        guard let kind = MatterKind(rawValue: m["kind"] ?? "") else {
            return .failure(ScreeningInputError(field: "", message: "请先在②事项中选择案件类别"))
        }
        var applicant = ScreeningInput.Applicant()
        if case .success(let id) = IDNumber.parse(a["idNumber"] ?? "") {
            applicant.idNumber = id.normalized
        } else {
            applicant.birthDate = LocalDate(iso: a["birthDate"] ?? "") ?? (applicantID != nil ? pickedBirthDate : nil)
            applicant.gender = Gender(rawValue: a["gender"] ?? "")
        }
        applicant.groups = (e["groups"] ?? "").split(separator: ",").map { GroupCode(rawValue: String($0)) }
        applicant.householdIncomePerCapitaMonthly = household?.perCapitaYuan
        applicant.hardshipEvidence = HardshipEvidence(rawValue: e["evidence"] ?? "")
        var matter = ScreeningInput.Matter(kind: kind)
        if kind == .criminal {
            guard let role = CriminalRole(rawValue: m["criminalRole"] ?? ""), let stage = CriminalStage(rawValue: m["criminalStage"] ?? "") else {
                return .failure(ScreeningInputError(field: "", message: "刑事案件请在②事项中选择申请人身份和诉讼阶段"))
            }
            let flags = Set((m["criminalFlags"] ?? "").split(separator: ",").map(String.init))
            matter.criminal = .init(role: role, stage: stage, hasDefender: flags.contains("hasDefender"),
                                    possibleLifeOrDeathSentence: flags.contains("possibleLifeOrDeathSentence"),
                                    trialInAbsentia: flags.contains("trialInAbsentia"),
                                    cannotFullyRecognizeConduct: flags.contains("cannotFullyRecognizeConduct"),
                                    ordinaryProcedure: flags.contains("ordinaryProcedure"))
        } else {
            guard let cause = m["cause"], !cause.isEmpty else {
                return .failure(ScreeningInputError(field: "", message: "请先在②事项中选择案由"))
            }
            matter.cause = CauseCode(rawValue: cause)
        }
        matter.daysToLimitationDeadline = Int(m["limitationDays"] ?? "")
        matter.needsUrgentPreservation = (m["urgent"] ?? "").contains("urgent")
        return .success(ScreeningInput(region: load.context?.region ?? "", applicationDate: load.today,
                                       applicant: applicant, matter: matter))
    }

    /// Pure and fast (well under a millisecond): run on every change.
    private mutating func rescreen() {
        guard let load, let input = screeningInput() else { screening = nil; return }
        switch input {
        case .failure(let e): screening = .problem(e.message)
        case .success(let i):
            do { screening = .result(try load.rules.screen(i)) } catch { screening = .problem("无法审查：" + error.description) }
        }
    }

    var duplicateWarning: String? {
        let name = forms[F.applicant].field("name")?.value ?? ""
        let cause = forms[F.matter].field("cause")?.value
        return DuplicateCheck.warning(name: name, openCases: openCases.map {
            DuplicateCheck.OpenCase(caseNumber: $0.caseNumber, stepLabel: $0.step.label, cause: $0.cause,
                                    causeLabel: load?.rules.causeLabel(CauseCode(rawValue: $0.cause)) ?? $0.cause)
        }, cause: cause)
    }

    struct ConflictResult: Sendable { var query: String; var warnings: [String] }

    private mutating func conflictEffect() -> [Effect] {
        let m = forms[F.matter].values
        let opposing = m["opposing"] ?? "", provider = Int64(m["provider"] ?? "")
        let name = forms[F.applicant].field("name")?.value ?? ""
        let centre = load?.context?.centre.id
        let query = "\(opposing)|\(provider ?? 0)|\(name)"
        conflictQuery = query
        guard !opposing.isEmpty || !name.isEmpty else { conflictWarnings = []; return [] }
        return [.perform { env in
            ConflictResult(query: query, warnings: ConflictCheck.warnings(
                try env.store.conflictHits(opposingParty: opposing, applicantName: name, centreID: centre, providerID: provider)))
        }]
    }

    // MARK: Drafts

    struct RestoreDraft: Sendable {}

    /// The draft: the typed application encoded (see `ApplicationDraft`).
    var draft: ApplicationDraft {
        ApplicationDraft(application: application(), step: step,
                         shown: applicantID == nil ? [:] : maskedShown,
                         pickedBirthDate: applicantID == nil ? nil : pickedBirthDate,
                         acceptedOn: forms[F.accept].field("acceptedOn")?.value)
    }

    var draftPayload: String { draft.payload }

    /// The forms from a typed application — the reverse of `application()`, in one place.
    private mutating func restore(_ d: ApplicationDraft) {
        let app = d.application
        applicantID = app.person.existingID
        pickedShown = applicantID == nil ? [:] : d.shown
        maskedShown = pickedShown
        pickedBirthDate = d.pickedBirthDate
        func set(_ form: Int, _ id: String, _ value: String) { forms[form].update(id) { $0.widget.setValue(value) } }
        let p = app.applicant
        set(F.applicant, "name", p.name)
        switch p.identity {
        case .valid(let id): set(F.applicant, "idNumber", id.normalized)
        case .invalid(let text, _): set(F.applicant, "idNumber", text)
        case .none: set(F.applicant, "idNumber", d.shown["idNumber"] ?? "")
        }
        set(F.applicant, "gender", p.gender?.rawValue ?? "")
        set(F.applicant, "birthDate", p.birthDate?.iso ?? "")
        set(F.applicant, "phone", p.phone ?? d.shown["phone"] ?? "")
        set(F.applicant, "address", p.address ?? d.shown["address"] ?? "")
        set(F.applicant, "needs", p.needs.joined(separator: ","))
        let m = app.matter
        set(F.matter, "kind", m.kind.rawValue)
        set(F.matter, "cause", m.cause?.rawValue ?? "")
        set(F.matter, "opposing", m.opposingParty)
        set(F.matter, "provider", m.providerID.map(String.init) ?? "")
        set(F.matter, "summary", m.summary)
        set(F.matter, "limitationDays", m.daysToLimitation.map(String.init) ?? "")
        set(F.matter, "urgent", m.urgentPreservation ? "urgent" : "")
        set(F.matter, "confidential", app.confidential ? "confidential" : "")
        set(F.matter, "criminalRole", m.criminal.role?.rawValue ?? "")
        set(F.matter, "criminalStage", m.criminal.stage?.rawValue ?? "")
        set(F.matter, "criminalFlags", AidApplication.CriminalFlag.allCases.filter { m.criminal.flags.contains($0) }.map(\.rawValue).joined(separator: ","))
        set(F.economy, "size", app.economy.householdSize.map(String.init) ?? "")
        forms[F.economy].update("income") {
            if case .number(var n) = $0.widget { n.setValue(app.economy.monthlyIncomeFen); $0.widget = .number(n) }
        }
        set(F.economy, "evidence", app.economy.evidence?.rawValue ?? "")
        set(F.economy, "groups", p.groups.map(\.rawValue).sorted().joined(separator: ","))
        refreshChecklist()
        set(F.documents, "received", app.documents.received.sorted().joined(separator: ","))
        if let due = app.documents.dueDate { set(F.documents, "dueDate", due.iso) }
        if let on = d.acceptedOn, !on.isEmpty { set(F.accept, "acceptedOn", on) }
        if let id = forms[F.applicant].field("idNumber")?.value, !id.isEmpty { checkIDNumber(id) }
        go(to: d.step, focusLast: false)
        rescreen()
    }

    private mutating func restore(_ values: [String: String]) {
        func part(_ i: Int) -> [String: String] {
            var out: [String: String] = [:]
            for (k, v) in values where k.hasPrefix("s\(i).") { out[String(k.dropFirst(3))] = v }
            return out
        }
        for i in [F.applicant, F.matter, F.economy] { forms[i].restore(values: part(i)) }
        refreshChecklist()
        for i in [F.documents, F.accept] { forms[i].restore(values: part(i)) }
        applicantID = values["applicantID"].flatMap { Int64($0) }
        if let id = forms[F.applicant].field("idNumber")?.value, !id.isEmpty { checkIDNumber(id) }
        go(to: Int(values["step"] ?? "") ?? 0, focusLast: false)
        rescreen()
    }

    private mutating func autosave() -> [Effect] {
        guard draftSettled, session.operatorID > 0 else { return [] }
        let payload = draftPayload
        guard payload != lastSavedPayload else { return [] }
        lastSavedPayload = payload
        // Through the runtime's draft journal: appended at once (survives kill -9), written to
        // the store in the background, so typing never waits on another window's write lock.
        return [.saveDraft(DraftKey(operatorID: session.operatorID, form: Self.draftForm, key: draftKey), payload: payload)]
    }

    private func deleteDraft() -> Effect {
        .deleteDraft(DraftKey(operatorID: session.operatorID, form: Self.draftForm, key: draftKey))
    }

    private mutating func resetAll() {
        let loaded = load
        forms = Self.emptyForms(causes: loaded?.rules.causes ?? [], groups: loaded?.rules.groups ?? [],
                                providers: loaded?.providers ?? [], today: loaded?.today)
        forms.indices.forEach { forms[$0].markClean() }
        refusal = nil
        applicantID = nil
        openCases = []
        conflictWarnings = []
        idNote = nil
        search = ApplicantSearchPanel()
        step = 0
        lastSavedPayload = nil
        rescreen()
    }

    // MARK: Accepting

    struct AcceptConfirmed: Sendable {}
    struct AcceptOutcome: Sendable { var message: String; var status: String; var caseID: Int64 = 0; var issued: [Int64] = [] }
    struct ExplicitDraftSaved: Sendable {}
    struct KeepDraftAndLeave: Sendable {}
    struct AskDiscard: Sendable {}
    struct PersonComparison: Sendable { var changes: [PersonChange] }

    /// Everything accepting needs, gathered from the forms (the perform closure runs outside `update`).
    struct AcceptRequest: Sendable {
        var application: AidApplication
        var acceptance: ApplicationAcceptance
        var viewer: Operator
        var print: PrintData
    }

    /// F2: 暂存 — the application is kept as a draft for later, and the clerk is told so.
    private mutating func saveDraftExplicitly() -> [Effect] {
        guard session.operatorID > 0 else { return [.status("临时身份不能暂存，请先登录", .error)] }
        draftSettled = true
        let payload = draftPayload
        lastSavedPayload = payload
        let op = session.operatorID, key = draftKey
        return [.perform { env in
            try env.store.saveDraft(operator: op, form: ApplicationScreen.draftForm, key: key, payload: payload)
            return ExplicitDraftSaved()
        }]
    }

    /// The form values as the typed application — the ONE place the screen maps to the core value.
    /// A field still showing a picked person's masked value is "unchanged" (the store keeps its
    /// full value); a blank field gives nothing (never wipes a stored value).
    func application() -> AidApplication {
        let a = forms[F.applicant].values, m = forms[F.matter].values, e = forms[F.economy].values
        func given(_ field: String) -> String? {
            let v = (a[field] ?? "").trimmingCharacters(in: .whitespaces)
            if v.isEmpty { return nil }
            if applicantID != nil, pickedShown[field] == v { return nil }
            return v
        }
        var applicant = AidApplication.ApplicantPart(
            name: (a["name"] ?? "").trimmingCharacters(in: .whitespaces), identity: .init(typed: given("idNumber") ?? ""),
            gender: Gender(rawValue: a["gender"] ?? ""), birthDate: LocalDate(iso: a["birthDate"] ?? ""),
            phone: given("phone"), address: given("address"),
            needs: (a["needs"] ?? "").split(separator: ",").map(String.init),
            groups: Set((e["groups"] ?? "").split(separator: ",").map { GroupCode(rawValue: String($0)) }))
        if applicantID != nil {
            // Fields the clerk chose to keep as stored.
            for f in declinedChanges {
                switch f {
                case .name: applicant.name = pickedShown["name"] ?? applicant.name
                case .idNumber: applicant.identity = .none
                case .gender: applicant.gender = nil
                case .birthDate: applicant.birthDate = nil
                case .phone: applicant.phone = nil
                case .address: applicant.address = nil
                case .needs: applicant.needs = []
                case .groups: applicant.groups = []
                }
            }
            if applicant.birthDate == nil, applicant.identity.number == nil, !declinedChanges.contains(.birthDate) {
                applicant.birthDate = nil
            }
        }
        let kind = MatterKind(rawValue: m["kind"] ?? "") ?? .civil
        let flags = Set((m["criminalFlags"] ?? "").split(separator: ",").compactMap { AidApplication.CriminalFlag(rawValue: String($0)) })
        let matter = AidApplication.MatterPart(
            kind: kind, cause: (m["cause"] ?? "").isEmpty ? nil : CauseCode(rawValue: m["cause"]!),
            criminal: .init(role: CriminalRole(rawValue: m["criminalRole"] ?? ""), stage: CriminalStage(rawValue: m["criminalStage"] ?? ""),
                            flags: flags),
            opposingParty: m["opposing"] ?? "", providerID: Int64(m["provider"] ?? ""), summary: m["summary"] ?? "",
            daysToLimitation: Int(m["limitationDays"] ?? ""), urgentPreservation: (m["urgent"] ?? "").contains("urgent"))
        var incomeFen: Int?
        if case .number(let n)? = forms[F.economy].field("income")?.widget { incomeFen = n.value }
        let economy = AidApplication.EconomyPart(householdSize: Int(e["size"] ?? ""), monthlyIncomeFen: incomeFen,
                                                 evidence: HardshipEvidence(rawValue: e["evidence"] ?? ""))
        let received = Set((forms[F.documents].field("received")?.value ?? "").split(separator: ",").map(String.init))
        let documents = AidApplication.DocumentsPart(received: received,
                                                     dueDate: DateFieldValue.date(forms[F.documents].field("dueDate")?.value))
        return AidApplication(applicant: applicant, matter: matter, economy: economy, documents: documents,
                              confidential: m["confidential"] == "confidential",
                              person: applicantID.map { .existing(id: $0, acceptedChanges: acceptedChanges) } ?? .new)
    }

    private mutating func requestAccept() -> [Effect] {
        for i in [F.applicant, F.matter, F.economy, F.documents, F.accept] where !forms[i].validateAll() {
            go(to: i, focusLast: false)
            forms[i].validateAll()
            let labels = forms[i].errors.keys.compactMap { forms[i].field($0)?.label }.sorted().joined(separator: "、")
            return [.status("第\(F.circled[i])步\(F.stepNames[i])：请先填写或更正：\(labels)", .error)]
        }
        guard let load else { return [.status("正在读取案件库，请稍候", .warning)] }
        guard load.context != nil else { return [.status("案件库中还没有服务站点，无法受理：请管理员先设置站点", .error)] }
        let result: ScreeningResult
        switch screening {
        case .result(let r)?: result = r
        case .problem(let message)?:
            go(to: F.matter, focusLast: false)
            return [.status(message, .error)]
        case nil: return [.status("审查结果尚未得出", .warning)]
        }
        // The application's own rules (core): name, identity number, cause, due date.
        if let problem = application().problems(appliedOn: load.today).first {
            if problem.field.hasPrefix("documents") {
                go(to: F.documents, focusLast: true)
                forms[F.documents].setError(problem.message, for: "dueDate")
            } else if problem.field.hasPrefix("applicant") {
                go(to: F.applicant, focusLast: false)
            } else {
                go(to: F.matter, focusLast: false)
            }
            return [.status(problem.message, .error)]
        }
        let missing = missingDocuments
        let name = forms[F.applicant].field("name")?.value ?? ""
        var question = (canAccept ? "确认受理\(name)的法律援助申请？" : "确认提交\(name)的申请，由中心受理？")
            + "审查结果：\(result.decision.label)。"
        if !missing.isEmpty { question += "缺 \(missing.count) 项材料，容缺受理并出具补正通知。" }
        if duplicateWarning != nil { question += "注意：该申请人已有在办案件。" }
        if !conflictWarnings.isEmpty { question += "注意：有利益冲突提示。" }
        return [.confirm(question, onYes: .result(AcceptConfirmed()))]
    }

    /// After the clerk confirmed: for a registered person, the before/after comparison first
    /// (worked out by the store, masked), each differing field confirmed on its own.
    private mutating func startAccept() -> [Effect] {
        guard let id = applicantID else { return performAccept() }
        let app = application(), viewer = session.operatorRecord
        return [.perform { env in PersonComparison(changes: try env.store.personComparison(applicantID: id, app, by: viewer)) }]
    }

    /// 查看完整 on the focused field of a picked person: asks for the reason first.
    private mutating func startReveal() -> [Effect] {
        guard applicantID != nil else { return [.status("只有带入的已登记申请人才有隐藏的号码可查看", .info)] }
        let field: PersonField
        switch forms[F.applicant].focusedField?.id {
        case "phone"?: field = .phone
        case "address"?: field = .address
        default: field = .idNumber
        }
        guard step == F.applicant else { return [.status("请在①申请人中选择要查看的证件号码、电话或住址", .info)] }
        revealing = (field, TextField(placeholder: "例如：核对身份、电话回访", maxLength: 40))
        return [.status("查看完整\(field.label)：请输入理由后回车（Esc 取消），此次查看将记入审计日志", .warning)]
    }

    private mutating func handleRevealInput(_ input: Input) -> [Effect] {
        guard var r = revealing else { return [] }
        switch input {
        case .action(StandardAction.back):
            revealing = nil
            return [.status("已取消查看", .info)]
        case .action(StandardAction.confirm):
            let reason = r.reason.text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else { return [.status("请先输入查看理由", .error)] }
            revealing = nil
            guard let id = applicantID else { return [] }
            let field = r.field, viewer = session.operatorRecord
            return [.perform { env in Revealed(field: field, value: try env.store.revealPersonField(id, field, reason: reason, by: viewer)) }]
        default:
            _ = r.reason.handle(input)
            revealing = r
            return []
        }
    }

    /// The comparison is answered field by field in the screen's own dialog (Y 更新 / N 保留 /
    /// Esc 取消受理); when every field is answered the acceptance goes ahead.
    private mutating func askNextChange() -> [Effect] {
        guard pendingChanges.isEmpty else { return [] }
        comparisonRows = []
        return performAccept()
    }

    private mutating func handleComparisonInput(_ input: Input) -> [Effect] {
        guard let current = pendingChanges.first else { return [] }
        switch input {
        case .text("y"), .text("Y"), .text("是"), .action(StandardAction.confirm):
            acceptedChanges.insert(current.field)
        case .text("n"), .text("N"), .text("否"):
            declinedChanges.insert(current.field)
        case .action(StandardAction.back):
            pendingChanges = []
            comparisonRows = []
            acceptedChanges = []
            declinedChanges = []
            return [.status("已取消受理，档案未改动", .info)]
        default:
            return []
        }
        pendingChanges.removeFirst()
        return askNextChange()
    }

    /// The before/after comparison over the form: every differing field, the current one marked.
    private func drawComparison<C: Canvas>(_ canvas: inout C, in area: Rect, theme: Theme) {
        let height = min(area.height - 2, comparisonRows.count + 4)
        let box = Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: height)
        canvas.clear(box, style: theme[.normal])
        canvas.drawBox(box, style: theme[.border], title: "与档案不同：逐项确认（档案值已隐藏）")
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        canvas.drawLine("项目".padded(toWidth: 12) + "档案".padded(toWidth: 22) + "本次填写", in: inner.row(0), style: theme[.label])
        for (i, change) in comparisonRows.enumerated() where i + 1 < inner.height {
            let mark: String
            if acceptedChanges.contains(change.field) { mark = "✓ 更新 " }
            else if declinedChanges.contains(change.field) { mark = "· 保留 " }
            else if change.field == pendingChanges.first?.field { mark = "▶ " }
            else { mark = "  " }
            let line = (mark + change.field.label).padded(toWidth: 12) + change.before.truncated(toWidth: 20).padded(toWidth: 22) + change.after
            canvas.drawLine(line.truncated(toWidth: inner.width), in: inner.row(i + 1),
                            style: change.field == pendingChanges.first?.field ? theme[.selection] : theme[.normal])
        }
        if let current = pendingChanges.first, inner.height > 2 {
            canvas.drawLine("更新档案中的\(current.field.label)？ Y 更新　N 保留档案原值　Esc 取消受理".truncated(toWidth: inner.width),
                            in: inner.row(inner.height - 1), style: theme[.warning])
        }
    }

    private mutating func performAccept() -> [Effect] {
        guard let request = makeRequest() else { return [.status("受理信息不完整", .error)] }
        return [.perform { env in try ApplicationScreen.accept(request, env: env) }]
    }

    private func makeRequest() -> AcceptRequest? {
        guard let load, let context = load.context, case .result(let r)? = screening else { return nil }
        let app = application()
        let m = forms[F.matter].values
        let kind = CaseKind(rawValue: m["kind"] ?? "") ?? .civil
        let cause = app.matter.storedCause ?? ""
        let statuses = app.documentStatuses(appliedOn: load.today, hardshipProofNeeded: r.economicCheck == .required)
        let due = statuses.compactMap(\.due).first?.iso ?? ""
        let causeLabel = kind == .criminal ? (CriminalRole(rawValue: cause)?.label ?? "刑事") : load.rules.causeLabel(CauseCode(rawValue: cause))
        let acceptedOn = DateFieldValue.date(forms[F.accept].field("acceptedOn")?.value) ?? load.today
        let acceptance = ApplicationAcceptance(
            stationID: context.station.id!, centreID: context.centre.id!, appliedOn: load.today,
            acceptedOn: canAccept ? acceptedOn : nil,
            screening: ApplicationScreening(
                route: r.route == .none ? "application" : r.route.rawValue, priority: r.priority.rawValue,
                provideFirst: r.provideFirst, economicCheck: r.economicCheck.rawValue,
                hardshipProofNeeded: r.economicCheck == .required, reviewDue: r.deadlines?.reviewDue.iso,
                snapshot: ScreeningSnapshot(
                    ruleSetID: r.ruleSet.id, ruleSetVersion: r.ruleSet.version, effectiveOn: r.ruleSet.effectiveOn.iso,
                    decision: r.decision.rawValue,
                    summary: (r.explanation + ["依据：" + r.citations.map(\.label).joined(separator: "；")]).joined(separator: "\n"))),
            consultationID: consultationID, ticketID: ticketID,
            draft: session.operatorID > 0 ? (form: Self.draftForm, key: draftKey) : nil)
        let shown = forms[F.applicant].values
        let print = PrintData(
            centreName: context.centre.name, stationName: context.station.name, operatorName: session.operatorName,
            applicantName: app.applicant.name, idMasked: app.applicant.identity.number?.masked ?? (shown["idNumber"] ?? ""),
            gender: IntakeLabels.gender(app.applicant.effectiveGender?.rawValue ?? shown["gender"]),
            birthDate: app.applicant.effectiveBirthDate?.iso ?? "",
            phone: app.applicant.phone.map(PrivacyPolicy.maskPhone) ?? (shown["phone"] ?? ""),
            address: app.applicant.address ?? (shown["address"] ?? ""),
            needs: app.applicant.needs.compactMap { AccessibilityNeed(rawValue: $0)?.label }.joined(separator: "、"),
            kind: IntakeLabels.kind(kind), cause: causeLabel, opposing: app.matter.opposingParty, summary: app.matter.summary,
            household: household.map { "\($0.householdSize) 人，月收入合计 \(HouseholdIncome.yuanText(fen: $0.monthlyTotalFen))，人均 \(HouseholdIncome.yuanText(fen: $0.perCapitaFen))" } ?? "",
            groups: app.applicant.groups.sorted().map { load.rules.groupLabel($0) }.joined(separator: "、"),
            evidence: app.economy.evidence.map { $0 == .commitment ? "个人诚信承诺（告知承诺）" : $0.label } ?? "",
            decision: r.decision.label, economic: ScreeningText.economicLabel(r.economicCheck, r.economicResult),
            citations: r.citations.map(\.label), explanation: r.explanation, reviewDue: r.deadlines?.reviewDue.iso ?? "",
            received: statuses.filter { $0.status == .received }.map(\.document.label),
            missing: statuses.filter(\.isMissing).map(\.document.label), dueDate: due, appliedOn: load.today.iso)
        return AcceptRequest(application: app, acceptance: acceptance, viewer: session.operatorRecord, print: print)
    }

    /// The store work of accepting — ONE transaction (person by the explicit policy, case,
    /// documents, screening, 保密, audit, draft) — then the printed documents and the receipt.
    static func accept(_ request: AcceptRequest, env: AppEnvironment) throws -> AcceptOutcome {
        let aidCase = try env.store.acceptApplication(request.application, request.acceptance, by: request.viewer)
        let accepted = request.acceptance.acceptedOn != nil
        var print = request.print
        print.caseNumber = aidCase.caseNumber ?? ""
        print.acceptedOn = request.acceptance.acceptedOn?.iso ?? ""
        let stem = aidCase.caseNumber ?? "申请\(aidCase.id ?? 0)"
        // The papers the acceptance issued (申请表, 接收凭证, 补充材料通知书 when something is
        // missing, 诚信承诺书 under 告知承诺): rendered from the form as typed, PDF and text into
        // the case's folder, then offered for printing.
        let models: [DocumentKind: Document] = [
            .applicationForm: IntakeDocuments.applicationFormDocument(print),
            .receipt: IntakeDocuments.receiptDocument(print),
            .supplementNotice: IntakeDocuments.supplementNoticeDocument(print),
            .hardshipStatement: IntakeDocuments.hardshipStatementDocument(print),
        ]
        let outputs = try CaseDocuments.renderIssued(aidCase.id!, models: models, env: env, role: request.viewer.role,
                                                     by: request.viewer.id)
        let name = request.application.applicant.name
        let what = accepted ? "已受理 \(stem)（\(name)）" : "已提交中心受理（\(name)，申请编号 \(aidCase.id ?? 0)）"
        let folder = (outputs.first.map { ($0.pdfPath as NSString).deletingLastPathComponent }) ?? ""
        return AcceptOutcome(message: "✓ " + what + (print.missing.isEmpty ? "" : "，容缺 \(print.missing.count) 项"),
                             status: what + "；\(outputs.count) 份文书（含受理回执）已写入 \(folder)/",
                             caseID: aidCase.id!, issued: outputs.map(\.registerID))
    }

    // MARK: Refusal at the window

    struct RefusalSaved: Sendable { var status: String }

    private mutating func handleRefusalInput(_ input: Input) -> [Effect] {
        switch input {
        case .action(StandardAction.back):
            refusal = nil
            return [.status("已返回申请填写", .info)]
        case .action(StandardAction.save):
            return saveRefusal()
        default:
            var form = refusal!
            _ = form.handle(input)
            refusal = form
            return []
        }
    }

    private mutating func saveRefusal() -> [Effect] {
        guard var form = refusal else { return [] }
        guard form.validateAll() else { refusal = form; return [.status("请选择不予受理原因", .error)] }
        let v = form.values
        let referral = ReferralKind(rawValue: v["referral"] ?? "") ?? ReferralKind.none
        if referral == .otherDepartment && (v["department"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            form.setError("转其他部门时请填写部门名称", for: "department")
            form.focus(id: "department")
            refusal = form
            return [.status("转往部门：请填写部门名称", .error)]
        }
        guard let load, let context = load.context else { return [.status("案件库中还没有服务站点，无法登记", .error)] }
        let name = forms[F.applicant].field("name")?.value ?? ""
        let record = WindowRefusal(stationID: context.station.id!, operatorID: session.recordOperatorID, applicantID: applicantID,
                                   visitorName: name, reason: v["reason"] ?? "", detail: v["detail"] ?? "",
                                   referral: ReferralKind.stored(referral, department: v["department"] ?? ""),
                                   ticketID: ticketID, day: load.today.iso)
        let role = session.role
        let reasonLabel = WindowRefusalReason(rawValue: v["reason"] ?? "")?.label ?? ""
        let referralText = referral == .otherDepartment ? "转" + (v["department"] ?? "") : referral.label
        let centre = context.centre.name, station = context.station.name, op = session.operatorName
        // A visitor who recorded a sight need gets the paper in large print, as an applicant does.
        let largePrint = (forms[F.applicant].field("needs")?.value ?? "").split(separator: ",").contains("sight")
        refusal = form
        return [.perform { env in
            let saved = try env.store.recordWindowRefusal(record, role: role)
            // The 不予受理登记表 on paper (PDF and text), printed when a printer is set.
            var doc = IntakeDocuments.refusalRecordDocument(centre: centre, station: station, name: name, day: record.day,
                                                            reason: reasonLabel, detail: record.detail, referral: referralText,
                                                            operatorName: op, number: "不予受理登记第\(saved.id ?? 0)号")
            if largePrint { doc = doc.largePrinted() }
            let settings = PrintFolder.settings(env.store)
            let paths = try PrintFolder.write([PrintedDocument(fileName: "不予受理登记-\(record.day)-\(saved.id ?? 0).txt", text: doc.text,
                                                               document: doc)],
                                              storePath: env.store.path, year: Int(record.day.prefix(4)) ?? 2026, folder: settings.folder)
            let pdf = (paths[0] as NSString).deletingPathExtension + ".pdf"
            let printed = settings.printer.map { PrintFolder.send(pdf, to: $0) ? "，已送打印机 \($0)" : "（打印机 \($0) 不可用）" } ?? ""
            return RefusalSaved(status: "已登记不予受理（\(name.isEmpty ? "来访人" : name)：\(reasonLabel)）；登记表 PDF 已写入 \(pdf)\(printed)")
        }]
    }

    // MARK: View

    /// 大字模式: the current step's form one field at a time, label above (the same form model).
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        canvas.drawLine("第" + F.circled[step] + "步 " + F.stepNames[step] + "（共六步）", in: area.row(0), style: theme[.header])
        // The warnings staff need (已有在办案件, 利益冲突, 证件号已登记, 缺材料, the question on
        // leaving) stay in large mode: over two rows, in words and with their mark.
        let notice = noticeLine(keymap: context.keymap)
        var top = 2
        if [Role.warning, .error, .success].contains(notice.1) {
            let lines = LargeColumn.wrap(notice.0, width: area.width, lines: 2)
            for (i, line) in lines.enumerated() { canvas.drawLine(line, in: area.row(1 + i), style: theme[notice.1]) }
            top = 1 + lines.count
        }
        let content = area.inset(top: top)
        if var form = refusal {
            form.renderLarge(in: content, on: &canvas, theme: theme)
            return
        }
        switch step {
        case F.screening: drawScreening(&canvas, in: content, theme: theme, scroll: screeningScroll)
        case F.applicant where search.hasSomethingToShow && content.height >= 6:
            // The people already registered under what is typed: a possible duplicate, kept in view.
            let searchRows = min(content.height - 4, search.hits.isEmpty ? 1 : 2 + search.hits.count)
            var form = forms[step]
            form.renderLarge(in: Rect(x: content.x, y: content.y, width: content.width, height: content.height - searchRows),
                             on: &canvas, theme: theme, focused: !search.isActive)
            search.renderLarge(in: Rect(x: content.x, y: content.maxY - searchRows, width: content.width, height: searchRows),
                               on: &canvas, theme: theme)
        default:
            var form = forms[step]
            if form.fields.isEmpty { drawAccept(&canvas, in: content, context: context) } else { form.renderLarge(in: content, on: &canvas, theme: theme) }
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let wide = area.width >= 120
        let sideWidth = wide ? min(50, area.width / 3) : 0
        let main = Rect(x: area.x, y: area.y, width: area.width - sideWidth, height: area.height)
        drawStepBar(&canvas, in: main.row(0), theme: theme)
        let notice = noticeLine(keymap: context.keymap)
        canvas.drawLine(" " + notice.0, in: main.row(1), style: theme[notice.1])
        let content = Rect(x: main.x + 1, y: main.y + 2, width: main.width - 2, height: main.height - 2)
        if var form = refusal {
            form.render(in: Rect(x: content.x, y: content.y, width: content.width, height: min(content.height, 6)), on: &canvas, theme: theme)
            let hint = "不予受理也要登记：原因、说明和引导去向会记入案件库并打印登记表，保证来访人不漏登。"
            for (i, line) in hint.wrapped(toWidth: content.width).enumerated() where 7 + i < content.height {
                canvas.drawLine(line, in: content.row(7 + i), style: theme[.dim])
            }
        } else {
            switch step {
            case F.applicant: drawApplicant(&canvas, in: content, theme: theme)
            case F.screening: drawScreening(&canvas, in: content, theme: theme, scroll: screeningScroll)
            case F.accept: drawAccept(&canvas, in: content, context: context)
            default:
                var form = forms[step]
                form.render(in: content, on: &canvas, theme: theme)
            }
        }
        if !comparisonRows.isEmpty { drawComparison(&canvas, in: main, theme: theme) }
        if wide {
            let side = Rect(x: main.maxX, y: area.y, width: sideWidth, height: area.height)
            canvas.drawBox(side, style: theme[.border], title: "审查结果（实时）")
            drawScreening(&canvas, in: side.inset(top: 1, left: 2, bottom: 1, right: 1), theme: theme, scroll: 0)
        }
    }

    private func drawStepBar<C: Canvas>(_ canvas: inout C, in row: Rect, theme: Theme) {
        canvas.clear(row, style: theme[.normal])
        var x = row.x + 1
        for i in 0..<6 {
            let current = i == step && refusal == nil
            let text = (current ? "▶" : " ") + F.circled[i] + F.stepNames[i] + (current ? "◀" : " ")
            x += canvas.draw(text, at: Point(x: x, y: row.y), style: current ? theme[.selection] : theme[.normal], clip: row)
            x += 1
        }
        if refusal != nil {
            canvas.draw(" ▶不予受理◀", at: Point(x: x, y: row.y), style: theme[.warning], clip: row)
        }
    }

    private func noticeLine(keymap: Keymap) -> (String, Role) {
        if leaving { return (Self.leaveQuestion, .warning) }
        if let r = revealing { return ("查看完整\(r.field.label)的理由：\(r.reason.text)▏（回车确认，Esc 取消；记入审计日志）", .warning) }
        if refusal != nil { return ("不予受理登记：选择原因和引导去向，按 \(key(StandardAction.save, keymap)) 保存，Esc 返回申请", .warning) }
        if let lastOutcome { return (lastOutcome, .success) }
        switch step {
        case F.applicant:
            if let t = typedRegistered {
                return ("⚠ 此证件号码属于已登记的申请人 \(t.hit.name)：按 ↓ 选择带入（不会自动采用）", .warning)
            }
            if let d = duplicateWarning { return (d, .warning) }
            if let idNote { return (idNote, idNote.hasPrefix("✓") ? .success : .dim) }
            return (applicantID != nil ? "✓ 已带入申请人档案（与档案不同的项受理时逐项确认）" : "输入姓名、拼音首字母、证件号或电话即可查找已登记的人；↓ 选择，回车带入", .dim)
        case F.matter:
            if let c = conflictWarnings.first { return (c + (conflictWarnings.count > 1 ? "（另有 \(conflictWarnings.count - 1) 条）" : ""), .warning) }
            return ("对方当事人将与本中心受援人核对（利益冲突提示，不影响受理）", .dim)
        case F.economy:
            if let h = household {
                return ("家庭人均月收入：\(HouseholdIncome.yuanText(fen: h.perCapitaFen))（\(h.householdSize) 人）", .info)
            }
            return ("填写家庭人口和月收入合计后，自动计算人均月收入", .dim)
        case F.screening:
            return ("审查结果随填写实时更新，可向申请人宣读；↑↓ 翻看", .dim)
        case F.documents:
            let missing = missingDocuments
            if missing.isEmpty { return ("✓ 材料齐全", .success) }
            return ("容缺受理：缺 \(missing.count) 项，受理时出具一次性补正通知（法律援助法第四十三条第二款）", .warning)
        default:
            return (canAccept ? "核对无误后按 \(key(Action.accept, keymap)) 受理（\(key(StandardAction.save, keymap)) 暂存）：分配案号、计算审查期限、写出申请表和回执"
                              : "值班律师不能受理：按 \(key(Action.accept, keymap)) 提交中心受理", .info)
        }
    }

    private func key(_ action: ActionID, _ keymap: Keymap) -> String {
        keymap.keys(for: action).first?.label ?? action.rawValue
    }

    private func drawApplicant<C: Canvas>(_ canvas: inout C, in rect: Rect, theme: Theme) {
        var form = forms[F.applicant]
        var search = self.search
        let formHeight = min(rect.height, 12)
        form.render(in: Rect(x: rect.x, y: rect.y, width: rect.width, height: formHeight), on: &canvas, theme: theme,
                    focused: !search.isActive)
        let rest = Rect(x: rect.x, y: rect.y + formHeight + 1, width: rect.width, height: max(0, rect.height - formHeight - 1))
        search.render(in: rest, on: &canvas, theme: theme)
    }

    func screeningDisplay(width: Int) -> [(String, Role)] {
        switch screening {
        case .result(let r)?: return ScreeningText.lines(r, width: width)
        case .problem(let message)?: return [("尚未得出审查结果：", .label)] + ScreeningText.wrap(message, width: width, indent: 0, role: .warning)
        case nil: return [("正在读取规则……", .dim)]
        }
    }

    private func drawScreening<C: Canvas>(_ canvas: inout C, in rect: Rect, theme: Theme, scroll: Int) {
        guard !rect.isEmpty else { return }
        let lines = screeningDisplay(width: rect.width)
        let top = min(scroll, max(0, lines.count - rect.height))
        for (i, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            canvas.drawLine(line.0.truncated(toWidth: rect.width), in: rect.row(i), style: theme[line.1])
        }
        if lines.count - top > rect.height {
            canvas.drawLine("↓ 还有 \(lines.count - top - rect.height) 行", in: rect.row(rect.height - 1), style: theme[.dim], alignment: .right)
        }
    }

    private func drawAccept<C: Canvas>(_ canvas: inout C, in rect: Rect, context: ViewContext) {
        let theme = context.theme
        var form = forms[F.accept]
        form.render(in: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), on: &canvas, theme: theme)
        let a = forms[F.applicant].values, m = forms[F.matter].values
        var lines: [(String, Role)] = []
        let shownID = a["idNumber"] ?? ""
        let idText = !shownID.isEmpty && pickedShown["idNumber"] == shownID ? "证件 \(shownID)"
            : AidApplication.Identity(typed: shownID).summaryText
        lines.append(("申请人：\(a["name"] ?? "")  \(IntakeLabels.gender(a["gender"]))  \(a["birthDate"] ?? "")  \(idText)", .normal))
        let kind = MatterKind(rawValue: m["kind"] ?? "")
        let cause = (m["cause"] ?? "").isEmpty ? "（未选案由）" : load?.rules.causeLabel(CauseCode(rawValue: m["cause"]!)) ?? ""
        lines.append(("事　项：\(kind?.label ?? "")·\(kind == .criminal ? (CriminalRole(rawValue: m["criminalRole"] ?? "")?.label ?? "") : cause)"
                      + ((m["opposing"] ?? "").isEmpty ? "" : "  对方：\(m["opposing"]!)"), .normal))
        if let h = household { lines.append(("经　济：\(h.householdSize) 人，人均月收入 \(HouseholdIncome.yuanText(fen: h.perCapitaFen))", .normal)) }
        if case .result(let r)? = screening {
            lines.append(("审　查：\(ScreeningText.decisionMark(r.decision))\(r.decision.label)" + (r.deadlines.map { (r.route == .notification ? "；指派期限 " : "；审查期限 ") + $0.reviewDue.iso } ?? ""),
                          r.decision == .eligible ? .success : .warning))
        } else if case .problem(let p)? = screening {
            lines.append(("审　查：" + p, .warning))
        }
        let missing = missingDocuments
        lines.append((missing.isEmpty ? "材　料：齐全" : "材　料：缺 \(missing.count) 项（\(missing.map(\.label).joined(separator: "、"))），补正期限 \(forms[F.documents].field("dueDate")?.value ?? "")",
                      missing.isEmpty ? .normal : .warning))
        if let d = duplicateWarning { lines.append((d, .warning)) }
        for c in conflictWarnings { lines.append((c, .warning)) }
        var y = 2
        for line in lines {
            for wrapped in ScreeningText.wrap(line.0, width: rect.width, indent: 4, role: line.1) where y < rect.height {
                canvas.drawLine(wrapped.0, in: rect.row(y), style: theme[wrapped.1])
                y += 1
            }
        }
    }
}

/// A date field's value as a date, when it is one.
enum DateFieldValue {
    static func date(_ text: String?) -> LocalDate? { text.flatMap { LocalDate(iso: $0) } }
}

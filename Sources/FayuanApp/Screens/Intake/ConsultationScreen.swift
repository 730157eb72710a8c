import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 法律咨询登记: one consultation after another. F2 saves and the next one starts at once; F4
/// saves and turns it into a legal-aid application with what was typed carried over.
public struct ConsultationScreen: Screen {
    public enum Action {
        public static let new: ActionID = "consult.new"
        public static let toApplication: ActionID = "consult.to_application"
        /// 给群众看: the read-back of the consultation just registered.
        public static let readBack: ActionID = "consult.read_back"
    }

    static let draftForm = "consultation"

    public let session: Session
    public let ticketID: Int64?
    private(set) var applicantID: Int64?
    private(set) var form: Form
    private(set) var search = ApplicantSearchPanel()
    private(set) var load: IntakeLoad?
    private var loadRequested = false
    /// Autosave waits until the question about an old draft is settled.
    private var draftSettled = false
    private var offeredDraft: DraftOffer?
    private var lastSavedPayload: String?
    /// The consultation's timer: seconds counted while the terminal was unlocked, and the tick
    /// they were last counted at. Locking (`.suspending`) stops the count; the first tick after
    /// unlocking starts it again without adding the locked time.
    private var startedAt: Date?
    private var lastTick: Date?
    private(set) var activeSeconds: TimeInterval = 0
    /// Consultations this operator registered today, as the store counts them.
    private(set) var savedToday = 0
    private(set) var lastSaved: String?
    /// The read-back of the consultation registered last (给群众看 after F2).
    private(set) var lastReadBack: ReadBack?

    public init(session: Session, applicantID: Int64? = nil, ticketID: Int64? = nil) {
        self.session = session
        self.applicantID = applicantID
        self.ticketID = ticketID
        form = Self.makeForm()
        form.focus(id: "name")
        form.markClean()
    }

    var draftKey: String { ticketID.map { "ticket:\($0)" } ?? "" }

    static func makeForm(channel: String = ConsultationChannel.window.rawValue) -> Form {
        let channels = ConsultationChannel.allCases.map { SelectOption(id: $0.rawValue, label: $0.label) }
        let topics = ConsultationTopic.all.map { SelectOption(id: $0.id, label: $0.label, searchKey: $0.initials) }
        let referrals = ReferralKind.allCases.map { SelectOption(id: $0.rawValue, label: $0.label) }
        let satisfaction = Satisfaction.allCases.map { SelectOption(id: $0.rawValue, label: IntakeLabels.satisfaction($0)) }
        return Form(fields: [
            FormField(id: "channel", label: "渠道", widget: .select(SelectList(options: channels, selectedID: channel)),
                      isRequired: true, width: 16),
            FormField(id: "name", label: "来访人", widget: .text(TextField(placeholder: "可不填（匿名）", maxLength: 20)), width: 20),
            FormField(id: "phone", label: "电话", widget: .text(TextField(maxLength: 20, filter: .phone)), width: 20),
            FormField(id: "topic", label: "咨询事项", widget: .select(SelectList(options: topics)), isRequired: true, width: 20),
            FormField(id: "question", label: "咨询问题", widget: .note(NoteField(enterInsertsNewline: false, maxLength: 2000)),
                      isRequired: true, rows: 2),
            FormField(id: "answer", label: "答复意见", widget: .note(NoteField(enterInsertsNewline: false, maxLength: 2000)),
                      isRequired: true, rows: 2),
            FormField(id: "referral", label: "引导", widget: .select(SelectList(options: referrals, selectedID: ReferralKind.none.rawValue)),
                      width: 16),
            FormField(id: "department", label: "转往部门", widget: .text(TextField(placeholder: "转其他部门时填写", maxLength: 40)), width: 30),
            FormField(id: "satisfaction", label: "满意度", widget: .select(SelectList(options: satisfaction)), width: 12),
            FormField(id: "minutes", label: "用时（分钟）", widget: .number(NumberField(range: 1...600, placeholder: "不填按计时")), width: 12),
        ])
    }

    public var keymapSection: String { "consult" }
    public var title: String { "法律咨询登记" }
    public var acceptsText: Bool { !search.isActive }
    public var isDirty: Bool { form.isDirty }
    public var capturesBack: Bool { true }

    public func isEnabled(_ action: ActionID) -> Bool { true }

    // MARK: Update

    public mutating func update(_ msg: Msg) -> [Effect] {
        if !loadRequested {
            loadRequested = true
            let pending: Input? = { if case .input(let input) = msg { return input } else { return nil } }()
            let op = session.operatorID, key = draftKey, stationID = session.station?.id ?? session.operatorRecord.stationID
            let person = applicantID
            let effects: [Effect] = [.perform { env in
                IntakeLoad(context: try env.store.intakeContext(stationID: stationID), rules: env.rules,
                           today: IntakeClock.today(env), providers: [],
                           draft: try DraftCodec.load(env, operatorID: op, form: ConsultationScreen.draftForm, key: key),
                           person: try person.flatMap { id in try env.store.applicant(id: id).map { PickedApplicant(applicant: $0, openCases: []) } },
                           pending: pending)
            }]
            if case .tick(let date) = msg { startedAt = date; lastTick = date }
            return effects + [countToday()]
        }
        switch msg {
        case .tick(let date):
            if startedAt == nil { startedAt = date }
            if let lastTick { activeSeconds += max(0, date.timeIntervalSince(lastTick)) }
            lastTick = date
            return []
        case .resumed:
            return [countToday()]
        case .result(let value):
            return handleResult(value)
        case .input(let input):
            return handleInput(input)
        case .suspending:
            // Locked, handed over or hung up: the draft must hold what is on screen now, and the
            // timer stops (locked time is not consultation time).
            lastTick = nil
            lastSavedPayload = nil
            return autosave()
        }
    }

    private mutating func handleResult(_ value: any Sendable) -> [Effect] {
        switch value {
        case let loaded as IntakeLoad:
            load = loaded
            var effects: [Effect] = []
            if let person = loaded.person { fill(with: person.applicant) }
            if let draft = loaded.draft {
                offeredDraft = draft
                effects.append(.confirm("发现未完成的咨询登记草稿（\(draft.values["name"].flatMap { $0.isEmpty ? nil : $0 } ?? "匿名")，保存于 \(draft.savedAt)），是否继续？",
                                        onYes: .result(RestoreDraft())))
            } else {
                draftSettled = true
            }
            if let pending = loaded.pending { effects += handleInput(pending) }
            return effects
        case is RestoreDraft:
            if let draft = offeredDraft {
                form.restore(values: draft.values)
                applicantID = draft.values["applicantID"].flatMap { Int64($0) }
                lastSavedPayload = DraftCodec.encode(draftValues)
            }
            offeredDraft = nil
            draftSettled = true
            return [.status("已恢复草稿，请继续填写", .info)]
        case let result as ApplicantSearchPanel.Result:
            search.apply(result)
            return []
        case let picked as PickedApplicant:
            fill(with: picked.applicant)
            return [.status("已带入：\(picked.applicant.name)", .info)] + autosave()
        case let count as TodayCount:
            savedToday = count.value
            return []
        case let saved as ConsultationSaved:
            savedToday = saved.countToday
            lastSaved = "已登记第 \(savedToday) 条：\(saved.summary)"
            lastReadBack = saved.readBack
            let channel = form.field("channel")?.value ?? ConsultationChannel.window.rawValue
            let carried = saved.carry
            reset(channel: channel)
            var effects: [Effect] = [.status(lastSaved!, .success), deleteDraft()]
            if let carried {
                effects.append(.push(ApplicationScreen(session: session, applicantID: carried.applicantID, ticketID: ticketID,
                                                       prefill: carried)))
            }
            return effects
        case is DiscardConfirmed:
            return [deleteDraft(), .pop]
        case is StartOverConfirmed:
            reset(channel: form.field("channel")?.value ?? ConsultationChannel.window.rawValue)
            return [deleteDraft(), .status("已清空，开始新的咨询登记", .info)]
        default:
            return []
        }
    }

    private mutating func handleInput(_ input: Input) -> [Effect] {
        // A draft question was answered "no" (or ignored): the old draft gives way to new input.
        if offeredDraft != nil { offeredDraft = nil; draftSettled = true }
        if search.isActive {
            switch search.handle(input) {
            case .handled: return []
            case .picked(let id): return [ApplicantSearchPanel.pick(id)]
            case .leave: break
            }
        }
        switch input {
        case .action(StandardAction.save):
            return save(thenApply: false)
        case .action(Action.toApplication):
            return save(thenApply: true)
        case .action(Action.readBack):
            guard let readBack = lastReadBack else {
                return [.status("请先保存这条咨询登记，再给群众看", .warning)]
            }
            return [.push(ApplicantViewScreen(readBack: readBack, session: session))]
        case .action(Action.new):
            guard form.isDirty else { return [.status("已是新的登记", .info)] }
            return [.confirm("清空当前内容，开始新的咨询登记？", onYes: .result(StartOverConfirmed()))]
        case .action(StandardAction.back):
            guard form.isDirty else { return [.pop] }
            return [.confirm("有尚未保存的内容，确定放弃并返回吗？", onYes: .result(DiscardConfirmed()))]
        case .action(StandardAction.down) where isSearchField && !search.hits.isEmpty:
            _ = search.activate()
            return []
        default:
            break
        }
        let before = form.values
        let focusedID = form.focusedField?.id
        _ = form.handle(input)
        var effects: [Effect] = []
        if form.values != before {
            if let id = focusedID, ["name", "phone"].contains(id), form.field(id)?.value != before[id] {
                // Editing the person's name or phone after picking makes them someone new.
                if applicantID != nil && id == "name" { applicantID = nil }
                if let e = search.search(form.field(id)?.value ?? "") { effects.append(e) }
            }
            effects += autosave()
        }
        return effects
    }

    private var isSearchField: Bool { ["name", "phone"].contains(form.focusedField?.id ?? "") }

    private mutating func fill(with applicant: Applicant) {
        applicantID = applicant.id
        form.update("name") { $0.widget.setValue(applicant.name) }
        form.update("phone") { $0.widget.setValue(applicant.phone ?? "") }
        search.clear()
    }

    private mutating func reset(channel: String) {
        form = Self.makeForm(channel: channel)
        form.focus(id: "name")
        form.markClean()
        applicantID = nil
        search = ApplicantSearchPanel()
        startedAt = lastTick
        activeSeconds = 0
        lastSavedPayload = nil
    }

    // MARK: Saving

    struct RestoreDraft: Sendable {}
    struct StartOverConfirmed: Sendable {}
    struct ConsultationSaved: Sendable {
        var summary: String
        var carry: ApplicationPrefill?
        var countToday: Int
        var readBack: ReadBack? = nil
    }
    struct TodayCount: Sendable { var value: Int }

    /// "今日已登记 N 条" comes from the store, so it survives leaving the screen (and counts the
    /// operator's consultations at any terminal).
    private func countToday() -> Effect {
        let op = session.operatorID
        return .perform { env in
            TodayCount(value: op > 0 ? try env.store.consultationCount(operatorID: op, day: IntakeClock.today(env).iso) : 0)
        }
    }

    private var draftValues: [String: String] {
        var v = form.values
        if let applicantID { v["applicantID"] = String(applicantID) }
        return v
    }

    private mutating func autosave() -> [Effect] {
        guard draftSettled, session.operatorID > 0 else { return [] }
        let payload = DraftCodec.encode(draftValues)
        guard payload != lastSavedPayload else { return [] }
        lastSavedPayload = payload
        // Journal first (never waits on the store's write lock), store in the background.
        return [.saveDraft(DraftKey(operatorID: session.operatorID, form: Self.draftForm, key: draftKey), payload: payload)]
    }

    private func deleteDraft() -> Effect {
        .deleteDraft(DraftKey(operatorID: session.operatorID, form: Self.draftForm, key: draftKey))
    }

    /// Minutes from the timer (unlocked time only), at least one.
    var timerMinutes: Int? {
        guard startedAt != nil else { return nil }
        return max(1, Int((activeSeconds / 60).rounded(.up)))
    }

    private mutating func save(thenApply: Bool) -> [Effect] {
        if thenApply { form.update("referral") { $0.widget.setValue(ReferralKind.aidApplication.rawValue) } }
        guard form.validateAll() else {
            let missing = form.errors.keys.compactMap { id in form.field(id)?.label }.sorted().joined(separator: "、")
            return [.status("请先填写：\(missing)", .error)]
        }
        let v = form.values
        let referral = ReferralKind(rawValue: v["referral"] ?? "") ?? ReferralKind.none
        if referral == .otherDepartment && (v["department"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            form.setError("转其他部门时请填写部门名称", for: "department")
            form.focus(id: "department")
            return [.status("转往部门：请填写部门名称", .error)]
        }
        guard let load else { return [.status("正在读取案件库，请稍候再保存", .warning)] }
        guard let context = load.context else {
            return [.status("案件库中还没有服务站点，无法登记：请管理员先设置站点", .error)]
        }
        let name = (v["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let phone = (v["phone"] ?? "").trimmingCharacters(in: .whitespaces)
        let topic = ConsultationTopic.topic(id: v["topic"] ?? "")
        // Picked from the search: linked. Typed in: registered as a new person (as the search
        // panel says). No name: anonymous; the call-back phone stays on the consultation.
        let person: ConsultationPerson = applicantID.map { .existing($0) } ?? (name.isEmpty ? .anonymous : .new(name: name))
        let consultation = Consultation(
            stationID: context.station.id!, operatorID: session.recordOperatorID, applicantID: applicantID,
            visitorName: name.isEmpty ? nil : name, channel: ConsultationChannel(rawValue: v["channel"] ?? "") ?? .window,
            topic: v["topic"] ?? "", question: v["question"] ?? "", answer: v["answer"] ?? "",
            referral: ReferralKind.stored(referral, department: v["department"] ?? ""),
            satisfaction: Satisfaction(rawValue: v["satisfaction"] ?? ""),
            durationMinutes: Int(v["minutes"] ?? "") ?? timerMinutes, day: load.today.iso,
            visitorPhone: phone.isEmpty ? nil : phone)
        let role = session.role, ticket = ticketID
        let summary = "\(name.isEmpty ? "匿名" : name)·\(topic?.label ?? "")"
        var carry: ApplicationPrefill?
        if thenApply {
            carry = ApplicationPrefill(applicantID: applicantID, name: name, phone: v["phone"] ?? "",
                                       summary: v["question"] ?? "", cause: topic?.cause,
                                       kind: topic?.id == "criminal" ? "criminal" : topic?.id == "administrative" ? "administrative" : "civil",
                                       consultationID: nil)
        }
        let handOn = carry
        let op = session.operatorID
        return [.perform { env in
            let saved = try env.store.registerConsultationVisit(consultation, person: person, ticketID: ticket, role: role)
            var next = handOn
            next?.consultationID = saved.id
            if next != nil { next?.applicantID = saved.applicantID }
            let count = op > 0 ? try env.store.consultationCount(operatorID: op, day: saved.day) : 0
            // The linked person's number leaves the store masked; the read-back reveals it (audited).
            let masked = try saved.applicantID.flatMap { try env.store.applicant(id: $0)?.idNumber }.map(PrivacyPolicy.maskIDNumber)
            return ConsultationSaved(summary: summary, carry: next, countToday: count,
                                     readBack: .forConsultation(saved, idMasked: masked))
        }]
    }

    // MARK: View

    /// 大字模式: the field being typed, label above, at full width (the same form model); the
    /// people already registered under the name typed (a possible duplicate) below it; the
    /// count and timer on top.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        var info = "今日已登记 \(savedToday) 条"
        if startedAt != nil {
            let running = lastTick.map { max(0, min(2, context.now.timeIntervalSince($0))) } ?? 0
            let seconds = Int(activeSeconds + running)
            info += String(format: " · 用时 %02d:%02d", seconds / 60, seconds % 60)
        }
        if applicantID != nil { info += " · ✓已关联档案" }
        canvas.drawLine(info.truncated(toWidth: area.width, ellipsis: true), in: area.row(0), style: theme[.dim])
        // The form keeps the 4 rows it needs to show the field; the search gets what is left.
        let searchRows = search.hasSomethingToShow
            ? max(0, min(area.height - 5, search.hits.isEmpty ? 1 : 2 + search.hits.count)) : 0
        let savedRows = lastSaved != nil && searchRows == 0 ? 1 : 0
        let formRect = Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1 - searchRows - savedRows))
        var form = self.form
        form.renderLarge(in: formRect, on: &canvas, theme: theme, focused: !search.isActive)
        if searchRows > 0 {
            search.renderLarge(in: Rect(x: area.x, y: formRect.maxY, width: area.width, height: searchRows), on: &canvas, theme: theme)
        } else if let lastSaved {
            canvas.drawLine(("✓ " + lastSaved).truncated(toWidth: area.width, ellipsis: true), in: area.row(area.height - 1), style: theme[.success])
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        var form = self.form
        var search = self.search
        let wide = area.width >= 120
        let main = wide ? Rect(x: area.x, y: area.y, width: area.width - 44, height: area.height) : area
        // Row 0: where and how long.
        var info = "站点：\(load?.context?.station.name ?? "（读取中）")  今日已登记 \(savedToday) 条"
        if startedAt != nil {
            let running = lastTick.map { max(0, min(2, context.now.timeIntervalSince($0))) } ?? 0
            let seconds = Int(activeSeconds + running)
            info += String(format: "  本次用时 %02d:%02d", seconds / 60, seconds % 60)
        }
        if applicantID != nil { info += "  ✓ 已关联申请人档案" }
        canvas.drawLine(" " + info, in: main.row(0), style: theme[.dim])
        let formHeight = min(main.height - 1, 14)
        let formRect = Rect(x: main.x + 1, y: main.y + 1, width: main.width - 2, height: formHeight)
        form.render(in: formRect, on: &canvas, theme: theme, focused: !search.isActive)
        let rest = Rect(x: main.x + 1, y: formRect.maxY, width: main.width - 2, height: main.maxY - formRect.maxY)
        if wide {
            let side = Rect(x: main.maxX + 1, y: area.y, width: area.width - main.width - 1, height: area.height)
            canvas.drawBox(side, style: theme[.border], title: "查找申请人")
            search.render(in: side.inset(top: 1, left: 1, bottom: 1, right: 1), on: &canvas, theme: theme)
        } else {
            search.render(in: rest, on: &canvas, theme: theme)
        }
        if let lastSaved, rest.height > 0, !ApplicantSearchPanel.isSearchable(search.query) {
            canvas.drawLine("✓ " + lastSaved, in: rest.row(rest.height - 1), style: theme[.success])
        }
    }
}

/// What a consultation hands on when it becomes an application.
public struct ApplicationPrefill: Sendable, Equatable {
    public var applicantID: Int64?
    public var name: String
    public var phone: String
    public var summary: String
    public var cause: String?
    public var kind: String
    public var consultationID: Int64?
}

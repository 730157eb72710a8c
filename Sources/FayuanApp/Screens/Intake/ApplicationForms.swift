import FayuanCore
import FayuanRules
import FayuanStore
import TerminalKit

/// The forms of the application wizard, one per step, as data (the large mode can render the
/// same models with `Form.renderLarge`).
enum ApplicationForms {
    static let stepNames = ["申请人", "事项", "经济状况", "审查", "材料", "受理"]
    static let circled = ["①", "②", "③", "④", "⑤", "⑥"]
    static let applicant = 0, matter = 1, economy = 2, screening = 3, documents = 4, accept = 5

    static func idValidator(_ value: String) -> String? {
        // A picked person's number is shown masked (the full one stays in the store).
        if value.contains("*") { return nil }
        if case .failure(let e) = IDNumber.parse(value) { return e.reason }
        return nil
    }

    static func applicantForm() -> Form {
        Form(fields: [
            FormField(id: "name", label: "姓名", widget: .text(TextField(placeholder: "输入姓名、拼音首字母、证件号或电话查找", maxLength: 20)),
                      isRequired: true, width: 40),
            FormField(id: "idNumber", label: "证件号码", widget: .text(TextField(maxLength: 18, filter: .idNumber)), width: 20,
                      validator: idValidator),
            FormField(id: "gender", label: "性别", widget: .select(SelectList(options: [
                SelectOption(id: "M", label: "男"), SelectOption(id: "F", label: "女")])), width: 14),
            FormField(id: "birthDate", label: "出生日期", widget: .date(DateField()), width: 12),
            FormField(id: "phone", label: "电话", widget: .text(TextField(maxLength: 20, filter: .phone)), width: 20),
            FormField(id: "address", label: "住址", widget: .text(TextField(maxLength: 60))),
            FormField(id: "needs", label: "无障碍需求", widget: .checkbox(CheckboxGroup(options: AccessibilityNeed.allCases.map {
                SelectOption(id: $0.rawValue, label: $0.label) })), rows: 6),
        ])
    }

    static let criminalFlags: [SelectOption] = [
        SelectOption(id: "hasDefender", label: "已委托辩护人"),
        SelectOption(id: "possibleLifeOrDeathSentence", label: "可能判处无期徒刑、死刑"),
        SelectOption(id: "trialInAbsentia", label: "缺席审判"),
        SelectOption(id: "cannotFullyRecognizeConduct", label: "尚未完全丧失辨认或控制能力的精神病人"),
        SelectOption(id: "ordinaryProcedure", label: "适用普通程序"),
    ]

    static func matterForm(causes: [CodeEntry], providers: [Provider]) -> Form {
        Form(fields: [
            FormField(id: "kind", label: "案件类别", widget: .select(SelectList(options: MatterKind.allCases.map {
                SelectOption(id: $0.rawValue, label: $0.label) }, selectedID: MatterKind.civil.rawValue)), isRequired: true, width: 10),
            FormField(id: "cause", label: "案由", widget: .select(SelectList(options: causes.map {
                SelectOption(id: $0.code, label: $0.label, searchKey: $0.code) }, placeholder: "（请选择，可输入文字筛选）")), width: 40),
            FormField(id: "opposing", label: "对方当事人", widget: .text(TextField(maxLength: 40)), width: 30),
            FormField(id: "provider", label: "拟指派人员", widget: .select(SelectList(options: [SelectOption(id: "", label: "（暂不指定）")]
                + providers.map { SelectOption(id: String($0.id ?? 0), label: $0.name + "（" + $0.kind.label + "）") }, selectedID: "")), width: 30),
            FormField(id: "summary", label: "案情摘要", widget: .note(NoteField(enterInsertsNewline: false, maxLength: 2000)), rows: 2),
            FormField(id: "limitationDays", label: "距时效届满（天）", widget: .number(NumberField(range: 0...36_500)), width: 8),
            FormField(id: "urgent", label: "紧急情形", widget: .checkbox(CheckboxGroup(options: [
                SelectOption(id: "urgent", label: "需要紧急申请财产保全、证据保全等")]))),
            FormField(id: "confidential", label: "保密", widget: .checkbox(CheckboxGroup(options: [
                SelectOption(id: "confidential", label: "家暴等：住址和电话仅承办律师、审查人员可见")]))),
            FormField(id: "criminalRole", label: "刑事：身份", widget: .select(SelectList(options: CriminalRole.allCases.map {
                SelectOption(id: $0.rawValue, label: $0.label) }, placeholder: "（刑事案件填写）")), width: 28),
            FormField(id: "criminalStage", label: "刑事：阶段", widget: .select(SelectList(options: CriminalStage.allCases.map {
                SelectOption(id: $0.rawValue, label: $0.label) }, placeholder: "（刑事案件填写）")), width: 20),
            FormField(id: "criminalFlags", label: "刑事：情形", widget: .checkbox(CheckboxGroup(options: criminalFlags)), rows: 5),
        ])
    }

    static func economyForm(groups: [CodeEntry]) -> Form {
        Form(fields: [
            FormField(id: "size", label: "家庭人口（人）", widget: .number(NumberField(range: 1...30)), width: 6),
            FormField(id: "income", label: "家庭月收入合计（元）", widget: .number(NumberField(range: 0...100_000_000, decimals: 2)), width: 14),
            FormField(id: "evidence", label: "经济困难证明", widget: .select(SelectList(options: HardshipEvidence.allCases.map {
                SelectOption(id: $0.rawValue, label: $0 == .commitment ? "个人诚信承诺（告知承诺）" : $0.label) })), width: 28),
            FormField(id: "groups", label: "特殊群体", widget: .checkbox(CheckboxGroup(options: groups.filter { !$0.derived }.map {
                SelectOption(id: $0.code, label: $0.label) })), rows: 10),
        ])
    }

    static func documentsForm(documents: [RequiredDocument], received: Set<String>, due: String) -> Form {
        var form = Form(fields: [
            FormField(id: "received", label: "已收材料", widget: .checkbox(CheckboxGroup(options: documents.map {
                SelectOption(id: $0.id, label: $0.label) }, checked: received))),
            FormField(id: "dueDate", label: "补正期限", widget: .date(DateField()), width: 12),
        ])
        form.update("dueDate") { $0.widget.setValue(due) }
        return form
    }

    static func acceptForm(today: String) -> Form {
        var form = Form(fields: [
            FormField(id: "acceptedOn", label: "受理日期", widget: .date(DateField()), isRequired: true, width: 12),
        ])
        form.update("acceptedOn") { $0.widget.setValue(today) }
        return form
    }

    static func refusalForm() -> Form {
        Form(fields: [
            FormField(id: "reason", label: "不予受理原因", widget: .select(SelectList(options: WindowRefusalReason.allCases.map {
                SelectOption(id: $0.rawValue, label: $0.label) })), isRequired: true, width: 28),
            FormField(id: "detail", label: "具体说明", widget: .note(NoteField(enterInsertsNewline: false, maxLength: 1000)), rows: 2),
            FormField(id: "referral", label: "引导", widget: .select(SelectList(options: ReferralKind.allCases.filter { $0 != .aidApplication }.map {
                SelectOption(id: $0.rawValue, label: $0.label) }, selectedID: ReferralKind.none.rawValue)), width: 16),
            FormField(id: "department", label: "转往部门", widget: .text(TextField(maxLength: 40)), width: 30),
        ])
    }
}

/// The screening result as lines a clerk can read aloud, wrapped to a width.
enum ScreeningText {
    static func routeLabel(_ r: Route) -> String {
        switch r {
        case .application: return "依申请提供法律援助"
        case .notification: return "通知辩护（无需申请）"
        case .dutyLawyer: return "值班律师提供法律帮助"
        case .none: return "无"
        }
    }

    static func economicLabel(_ c: EconomicCheck, _ r: EconomicResult) -> String {
        switch c {
        case .exempt: return "免予核查经济困难状况"
        case .notApplicable: return "不受经济困难条件限制"
        case .required:
            switch r {
            case .pass: return "需核查：符合经济困难标准"
            case .fail: return "需核查：不符合经济困难标准"
            case .unknown: return "需核查：收入或标准不明，待核实"
            case .notApplicable: return "需核查"
            }
        }
    }

    static func priorityLabel(_ p: Priority) -> String {
        switch p {
        case .statutory: return "是（法定优先）"
        case .policy: return "是（政策优先，绿色通道）"
        case .none: return "否"
        }
    }

    static func decisionMark(_ d: Decision) -> String {
        switch d {
        case .eligible: return "✓ "
        case .ineligible: return "✗ "
        case .needsReview: return "? "
        }
    }

    static func lines(_ r: ScreeningResult, width: Int) -> [(String, Role)] {
        var out: [(String, Role)] = []
        let role: Role = r.decision == .eligible ? .success : r.decision == .ineligible ? .error : .warning
        out.append(("审查结论：" + decisionMark(r.decision) + r.decision.label, role))
        out.append(("事项范围：" + (r.inScope ? "属于法律援助事项范围" : "不属于法律援助事项范围"), .normal))
        out.append(("办理途径：" + routeLabel(r.route), .normal))
        out.append(("经济状况：" + economicLabel(r.economicCheck, r.economicResult), .normal))
        out.append(("优先办理：" + priorityLabel(r.priority), .normal))
        out.append(("先行提供：" + (r.provideFirst ? "是（法律援助法第四十四条）" : "否"), .normal))
        if let d = r.deadlines {
            // A notification case has no review: the same date is the Art 36 assignment deadline,
            // the one the case's clock and the board show.
            out.append((r.route == .notification ? "指派期限：\(d.reviewDue.iso) 前（收到通知之日起三日内，法律援助法第三十六条）"
                        : "审查期限：\(d.reviewDue.iso) 前（\(d.rule.label)）", .normal))
        } else {
            out.append(("审查期限：无法计算（缺少节假日表）", .warning))
        }
        out.append(("法律依据：", .label))
        for c in r.citations { out += wrap("· " + c.label, width: width, indent: 2, role: .normal) }
        out.append(("说明：", .label))
        for e in r.explanation { out += wrap("· " + e, width: width, indent: 2, role: .normal) }
        return out
    }

    static func wrap(_ text: String, width: Int, indent: Int, role: Role) -> [(String, Role)] {
        let lines = text.wrapped(toWidth: max(4, width - indent))
        return lines.enumerated().map { (i, l) in ((i == 0 ? "" : String(repeating: " ", count: indent)) + l, role) }
    }
}

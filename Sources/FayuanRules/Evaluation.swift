import FayuanCore

extension RuleLibrary {
    /// Screens one application. Throws only for input the rules cannot evaluate (unknown code,
    /// bad region, invalid ID number, no rule set in force on the date).
    public func screen(_ input: ScreeningInput) throws(ScreeningInputError) -> ScreeningResult {
        let facts = try Facts(input: input, library: self)
        let applicable = layers(region: input.region, on: input.applicationDate)
        guard !applicable.isEmpty else {
            throw ScreeningInputError(field: "applicationDate",
                                      message: "\(input.applicationDate.iso)没有生效的法律援助规则（法律援助法自2022年1月1日起施行）")
        }
        let rules = applicable.flatMap { layer in
            layer.rules.filter { $0.kind != .info && $0.kind != .objectionTerm
                && ($0.effective?.contains(input.applicationDate) ?? true) }
        }
        let strict = evaluate(facts, rules.filter { $0.needsReview == nil })
        var outcome = strict
        if strict.decision != .eligible {
            let lenient = evaluate(facts, rules)
            let reviewNotes = lenient.applied.compactMap(\.needsReview)
            if !reviewNotes.isEmpty,
               lenient.decision == .eligible || (lenient.decision == .needsReview && strict.decision == .ineligible) {
                outcome = lenient
                outcome.decision = .needsReview
                for note in reviewNotes { outcome.explanation.append("需人工核实：" + note) }
            }
        }
        let version = digest(applicable)
        return ScreeningResult(
            decision: outcome.decision, inScope: outcome.inScope, route: outcome.route,
            economicCheck: outcome.economicCheck, economicResult: outcome.economicResult,
            priority: outcome.priority, provideFirst: outcome.provideFirst,
            citations: outcome.citations, explanation: outcome.explanation,
            ruleSet: .init(id: Self.ruleSetID(applicable), version: version,
                           effectiveOn: input.applicationDate),
            deadlines: outcome.deadlines, appliedRules: outcome.applied.map(\.id), dutyLawyer: outcome.dutyLawyer)
    }

    static func ruleSetID(_ layers: [RuleLayer]) -> String {
        var ids: [String] = []
        for layer in layers where !ids.contains(layer.id) { ids.append(layer.id) }
        return ids.joined(separator: "+")
    }

    /// The applied layers' digests combined, so editing a site file changes the version.
    func digest(_ layers: [RuleLayer]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for layer in layers { hash = FNV.hash(String(layerDigests[layer.key] ?? 0, radix: 16), seed: hash) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The answer from one set of rules, before needs-review notes are added.
    struct Outcome {
        var decision = Decision.ineligible
        var inScope = false
        var route = Route.none
        var economicCheck = EconomicCheck.notApplicable
        var economicResult = EconomicResult.notApplicable
        var priority = Priority.none
        var provideFirst = false
        var citations: [Citation] = []
        var explanation: [String] = []
        var deadlines: ScreeningResult.Deadlines?
        var applied: [Rule] = []
        var dutyLawyer: ScreeningResult.DutyLawyerHelp?

        mutating func use(_ rule: Rule, explanation text: String? = nil) {
            if !applied.contains(where: { $0.id == rule.id }) { applied.append(rule) }
            if !citations.contains(rule.citation) { citations.append(rule.citation) }
            explanation.append(text ?? rule.explanation)
        }

        mutating func cite(_ citation: Citation, _ text: String) {
            if !citations.contains(citation) { citations.append(citation) }
            explanation.append(text)
        }
    }

    func evaluate(_ facts: Facts, _ rules: [Rule]) -> Outcome {
        var outcome = Outcome()
        func matching(_ kind: RuleKind) -> [Rule] {
            rules.filter { $0.kind == kind && facts.matches($0, outcome: nil) }
        }
        let input = facts.input

        // Scope and route.
        if input.matter.kind == .criminal {
            let notifications = matching(.notification)
            let unrestricted = matching(.unrestricted)
            let matters = matching(.matter)
            if !notifications.isEmpty {
                outcome.route = .notification
                outcome.inScope = true
                outcome.economicCheck = .notApplicable
                for rule in notifications { outcome.use(rule) }
            } else if !unrestricted.isEmpty || !matters.isEmpty {
                outcome.route = .application
                outcome.inScope = true
                for rule in unrestricted + matters { outcome.use(rule) }
                outcome.economicCheck = unrestricted.isEmpty ? .required : .notApplicable
            } else {
                outcome.cite(Citation(law: "法律援助法", article: 24),
                             input.matter.criminal?.hasDefender == true
                                 ? "已委托辩护人或者诉讼代理人，不需要指派法律援助（法律援助法第二十四条、第二十九条）"
                                 : "该刑事案件身份不属于可以申请或者应当通知法律援助的情形")
            }
        } else {
            let matters = matching(.matter)
            let unrestricted = matching(.unrestricted)
            let waivers = matching(.scopeWaiver)
            let causeLabel = input.matter.cause.map(causeLabel) ?? "未填写案由"
            for rule in unrestricted + matters + waivers { outcome.use(rule) }
            outcome.inScope = !(matters.isEmpty && unrestricted.isEmpty && waivers.isEmpty)
            if outcome.inScope {
                outcome.route = .application
            } else {
                outcome.cite(Citation(law: "法律援助法", article: 31),
                             "“\(causeLabel)”不在法律援助事项范围内（法律援助法第三十一条及本地规定），申请人也不属于不受事项范围限制的人员")
            }
            outcome.economicCheck = unrestricted.isEmpty ? .required : .notApplicable
        }

        // Economic check: exemptions only replace the verification, never widen scope.
        if outcome.economicCheck == .required {
            let exemptions = matching(.exempt)
            if exemptions.isEmpty {
                economicTest(facts, rules, &outcome)
            } else {
                outcome.economicCheck = .exempt
                outcome.economicResult = .notApplicable
                for rule in exemptions { outcome.use(rule) }
            }
        }

        // Duty-lawyer help (Art 30) when aid by application fails for a suspect without a
        // defender: a separate line of the answer. The application itself stays on its route and
        // keeps its decision (ineligible on the means test); the help is offered beside it.
        if input.matter.kind == .criminal, outcome.route == .application, outcome.economicResult == .fail,
           let duty = matching(.dutyLawyer).first {
            if !outcome.applied.contains(where: { $0.id == duty.id }) { outcome.applied.append(duty) }
            outcome.dutyLawyer = .init(citation: duty.citation, explanation: duty.explanation)
            outcome.explanation.append("另：" + duty.explanation)
        }

        switch (outcome.route, outcome.inScope, outcome.economicResult) {
        case (.notification, _, _), (.dutyLawyer, _, _): outcome.decision = .eligible
        case (_, false, _): outcome.decision = .ineligible
        case (_, true, .fail): outcome.decision = .ineligible
        case (_, true, .unknown): outcome.decision = .needsReview
        default: outcome.decision = .eligible
        }

        // Priority rules may depend on the route (Art 36 notification: assign within 3 日), so
        // they are matched with the outcome known.
        for rule in rules where rule.kind == .priority && (rule.level ?? .none) > .none
            && facts.matches(rule, outcome: outcome) {
            outcome.priority = max(outcome.priority, rule.level ?? .none)
            outcome.use(rule)
        }

        if outcome.route == .application, outcome.inScope, outcome.economicResult != .fail {
            for rule in matching(.provideFirst) {
                outcome.provideFirst = true
                outcome.use(rule)
            }
        }
        // 先行提供 is urgency the law itself imposes (Art 44): statutory priority.
        if outcome.provideFirst { outcome.priority = .statutory }

        let deadlineRule = rules.last { $0.kind == .reviewDeadline && facts.matches($0, outcome: outcome) }
        if let deadlineRule, let days = deadlineRule.days, let counting = deadlineRule.counting {
            do {
                let due = try calendar.dueDate(from: input.applicationDate, days: days, rule: counting)
                outcome.deadlines = .init(reviewDue: due.date, rule: counting, provisional: due.provisional)
                let mark = due.provisional ? "，暂定：尚无节假日通知，按放假办法推算" : ""
                outcome.use(deadlineRule, explanation: "审查期限至\(due.date.iso)（\(counting.label)计算\(mark)）：" + deadlineRule.explanation)
            } catch {
                outcome.use(deadlineRule, explanation: "审查期限无法计算：\(error.message)。" + deadlineRule.explanation)
            }
        }

        for rule in rules where rule.kind == .advisory && facts.matches(rule, outcome: outcome) {
            outcome.use(rule)
        }
        return outcome
    }

    /// The income test against the most local hardship standard.
    func economicTest(_ facts: Facts, _ rules: [Rule], _ outcome: inout Outcome) {
        let input = facts.input
        let standard = rules.last { $0.kind == .hardshipStandard && facts.matches($0, outcome: nil) }
        var threshold: Double?
        var thresholdText = ""
        // Only an upper bound of the standard is known (see ThresholdTable.Value.atMost).
        var ceiling: Double?
        if let override = input.hardshipThreshold {
            threshold = override
            thresholdText = "本次按输入的经济困难标准每人每月\(Money.text(override))元"
        } else if let standard, let base = standard.base {
            let (value, series) = thresholdBase(base: base, region: input.region, on: input.applicationDate)
            if let yuan = value?.yuan {
                let computed = yuan * (standard.multiple ?? 1)
                threshold = computed
                let multiple = standard.multiple ?? 1
                let basis = multiple == 1 ? "\(Money.text(yuan))元" : "\(Money.text(yuan))元×\(Money.text(multiple))"
                thresholdText = "当地标准为每人每月\(Money.text(computed))元（\(series ?? base)\(basis)，\(value?.source ?? "")）"
            } else if let bound = value?.atMost {
                let multiple = standard.multiple ?? 1
                ceiling = bound * multiple
                thresholdText = "\(series.map { "“\($0)”" } ?? "本地区")\(Self.baseLabel(base))的确切数值未载入，"
                    + "已知不高于\(Money.text(bound))元（\(value?.source ?? "")），"
                    + "故经济困难标准低于每人每月\(Money.text(bound * multiple))元"
            } else {
                thresholdText = "\(input.applicationDate.iso)适用的\(series.map { "“\($0)”" } ?? "本地区")\(Self.baseLabel(base))数值未载入，无法判断"
            }
        } else {
            thresholdText = "本地区的经济困难标准未载入规则库，无法判断"
        }
        if let standard { outcome.use(standard) }
        let income = input.applicant.householdIncomePerCapitaMonthly
        let evidence = input.applicant.hardshipEvidence
        if let income, let threshold {
            let comparison = standard?.comparison ?? .le
            let passes = comparison.passes(income, threshold)
            outcome.economicResult = passes ? .pass : .fail
            let verdict: String
            switch (comparison, passes) {
            case (.le, true): verdict = "不超过标准，符合经济困难条件"
            case (.le, false): verdict = "超过标准，不符合经济困难条件"
            case (.lt, true): verdict = "低于标准，符合经济困难条件"
            case (.lt, false): verdict = "不低于标准，不符合经济困难条件"
            }
            outcome.explanation.append("\(thresholdText)；申请人家庭人均月收入\(Money.text(income))元，\(verdict)")
        } else if let income, let ceiling, income >= ceiling {
            // Whatever the exact standard is, it is below the ceiling: this income is above it.
            outcome.economicResult = .fail
            outcome.explanation.append("\(thresholdText)；申请人家庭人均月收入\(Money.text(income))元，不低于该上限，不符合经济困难条件")
        } else if evidence == .certificate {
            outcome.economicResult = .pass
            outcome.explanation.append("申请人提交了经济困难证明材料，认定经济困难（\(thresholdText)）")
        } else if evidence == .commitment, income == nil {
            outcome.economicResult = .pass
            outcome.explanation.append("申请人以个人诚信承诺说明经济困难，按承诺认定并事后核查（\(thresholdText)）")
        } else {
            outcome.economicResult = .unknown
            outcome.explanation.append(income == nil
                ? "未填写家庭人均月收入，经济困难状况需人工核实（\(thresholdText)）"
                : "\(thresholdText)；经济困难状况需人工核实")
        }
    }

    static func baseLabel(_ base: String) -> String {
        switch base {
        case "minimum_wage": return "月最低工资标准"
        case "subsistence_line": return "最低生活保障标准"
        default: return base
        }
    }
}

/// The applicant's facts on the application date, derived once per screening.
struct Facts {
    let input: ScreeningInput
    let age: Int?
    let groups: Set<GroupCode>

    init(input: ScreeningInput, library: RuleLibrary) throws(ScreeningInputError) {
        let region = input.region
        guard region.count == 6, region.allSatisfy(\.isASCIIDigitCharacter),
              IDNumber.provinceCodes.contains(String(region.prefix(2))) else {
            throw ScreeningInputError(field: "region", message: "地区代码应为6位 GB/T 2260 代码：“\(region)”")
        }
        var birthDate = input.applicant.birthDate
        var gender = input.applicant.gender
        if let number = input.applicant.idNumber {
            switch IDNumber.parse(number) {
            case .success(let id):
                birthDate = birthDate ?? id.birthDate
                gender = gender ?? id.gender
            case .failure(let error):
                throw ScreeningInputError(field: "applicant.idNumber", message: "证件号码无效：\(error.reason)")
            }
        }
        var groups = Set<GroupCode>()
        for (index, code) in input.applicant.groups.enumerated() {
            guard library.isKnownGroup(code.rawValue) else {
                throw ScreeningInputError(field: "applicant.groups[\(index)]", message: "未知的群体代码“\(code.rawValue)”")
            }
            guard !library.isDerivedGroup(code.rawValue) else {
                throw ScreeningInputError(field: "applicant.groups[\(index)]",
                                          message: "“\(code.rawValue)”由出生日期和性别推算，不能直接填写")
            }
            groups.insert(code)
        }
        if let cause = input.matter.cause, !library.isKnownCause(cause.rawValue) {
            throw ScreeningInputError(field: "matter.cause", message: "未知的案由代码“\(cause.rawValue)”")
        }
        if input.matter.kind != .criminal, input.matter.cause == nil {
            throw ScreeningInputError(field: "matter.cause", message: "民事、行政事项须填写案由代码")
        }
        if input.matter.kind == .criminal, input.matter.criminal == nil {
            throw ScreeningInputError(field: "matter.criminal", message: "刑事事项须填写 criminal")
        }
        if let birthDate {
            if birthDate > input.applicationDate {
                throw ScreeningInputError(field: "applicant.birthDate", message: "出生日期晚于申请日期")
            }
            let years = Age.years(bornOn: birthDate, on: input.applicationDate)
            age = years
            if years >= 60 { groups.insert(.elderly) }
            if years < 18 { groups.insert(.minor) }
        } else {
            age = nil
        }
        if gender == .female { groups.insert(.woman) }
        self.input = input
        self.groups = groups
    }

    /// Whether a rule's condition holds. `outcome` is nil while scope is being decided; route
    /// and economic-check conditions then do not match.
    func matches(_ rule: Rule, outcome: RuleLibrary.Outcome?) -> Bool {
        let condition = rule.condition
        let matter = input.matter
        let defaultKinds: Set<MatterKind>
        switch rule.kind {
        case .matter, .unrestricted, .scopeWaiver: defaultKinds = [.civil, .administrative]
        case .notification, .dutyLawyer: defaultKinds = [.criminal]
        default: defaultKinds = Set(MatterKind.allCases)
        }
        guard (condition.matterKinds ?? defaultKinds).contains(matter.kind) else { return false }
        if let causes = condition.causes {
            guard let cause = matter.cause, causes.contains(cause) else { return false }
        }
        if let any = condition.groupsAny, groups.isDisjoint(with: any) { return false }
        if let all = condition.groupsAll, !all.isSubset(of: groups) { return false }
        if let below = condition.ageBelow {
            guard let age, age < below else { return false }
        }
        if let atLeast = condition.ageAtLeast {
            guard let age, age >= atLeast else { return false }
        }
        let criminal = matter.criminal
        func flag(_ expected: Bool?, _ actual: Bool?) -> Bool {
            guard let expected else { return true }
            return actual == expected
        }
        if let roles = condition.roles {
            guard let role = criminal?.role, roles.contains(role) else { return false }
        }
        if let stages = condition.stages {
            guard let stage = criminal?.stage, stages.contains(stage) else { return false }
        }
        guard flag(condition.hasDefender, criminal?.hasDefender),
              flag(condition.possibleLifeOrDeathSentence, criminal?.possibleLifeOrDeathSentence),
              flag(condition.trialInAbsentia, criminal?.trialInAbsentia),
              flag(condition.cannotFullyRecognizeConduct, criminal?.cannotFullyRecognizeConduct),
              flag(condition.ordinaryProcedure, criminal?.ordinaryProcedure),
              flag(condition.needsUrgentPreservation, matter.needsUrgentPreservation),
              flag(condition.detained, criminal?.detained) else { return false }
        if let below = condition.daysToLimitationDeadlineBelow {
            guard let days = matter.daysToLimitationDeadline, days < below else { return false }
        }
        if let evidence = condition.hardshipEvidence {
            guard let given = input.applicant.hardshipEvidence, evidence.contains(given) else { return false }
        }
        if let routes = condition.routes {
            guard let outcome, routes.contains(outcome.route) else { return false }
        }
        if let checks = condition.economicCheck {
            guard let outcome, checks.contains(outcome.economicCheck) else { return false }
        }
        return true
    }
}

enum Money {
    /// 2280 → "2280", 1234.5 → "1234.5"
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

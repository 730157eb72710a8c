import FayuanCore

extension ScreeningInput {
    /// Reads the contract's JSON for one application. Unknown fields and codes are errors that
    /// name the field, e.g. `applicant.groups[1]: 未知的群体代码“foo”`.
    public init(json: JSONValue, library: RuleLibrary, path: String = "") throws(ScreeningInputError) {
        let root = try JSONFields(json, path: path, allowed: [
            "region", "applicationDate", "applicant", "matter", "hardshipThreshold",
        ])
        let applicantFields = try JSONFields(try root.required("applicant"), path: root.path("applicant"), allowed: [
            "birthDate", "idNumber", "gender", "groups", "householdIncomePerCapitaMonthly", "hardshipEvidence",
        ])
        var applicant = Applicant()
        applicant.birthDate = try applicantFields.date("birthDate")
        if let number = try applicantFields.string("idNumber") {
            switch IDNumber.parse(number) {
            case .success(let id): applicant.idNumber = id.normalized
            case .failure(let error):
                throw ScreeningInputError(field: applicantFields.path("idNumber"), message: "证件号码无效：\(error.reason)")
            }
        }
        applicant.gender = try applicantFields.enumeration("gender", Gender.self)
        if let groups = applicantFields["groups"] {
            guard case .array(let items) = groups else {
                throw ScreeningInputError(field: applicantFields.path("groups"), message: "应为代码数组")
            }
            for (index, item) in items.enumerated() {
                let field = applicantFields.path("groups") + "[\(index)]"
                guard case .string(let code) = item else {
                    throw ScreeningInputError(field: field, message: "应为代码文字")
                }
                guard library.isKnownGroup(code) else {
                    throw ScreeningInputError(field: field, message: "未知的群体代码“\(code)”")
                }
                guard !library.isDerivedGroup(code) else {
                    throw ScreeningInputError(field: field, message: "“\(code)”由出生日期和性别推算，不能直接填写")
                }
                applicant.groups.append(GroupCode(rawValue: code))
            }
        }
        applicant.householdIncomePerCapitaMonthly = try applicantFields.amount("householdIncomePerCapitaMonthly")
        applicant.hardshipEvidence = try applicantFields.enumeration("hardshipEvidence", HardshipEvidence.self)

        let matterFields = try JSONFields(try root.required("matter"), path: root.path("matter"), allowed: [
            "kind", "cause", "criminal", "daysToLimitationDeadline", "needsUrgentPreservation",
        ])
        guard let kind = try matterFields.enumeration("kind", MatterKind.self) else {
            throw ScreeningInputError(field: matterFields.path("kind"), message: "缺少必填字段")
        }
        var matter = Matter(kind: kind)
        if let cause = try matterFields.string("cause") {
            guard library.isKnownCause(cause) else {
                throw ScreeningInputError(field: matterFields.path("cause"), message: "未知的案由代码“\(cause)”")
            }
            matter.cause = CauseCode(rawValue: cause)
        } else if kind != .criminal {
            throw ScreeningInputError(field: matterFields.path("cause"), message: "民事、行政事项须填写案由代码")
        }
        if let criminalValue = matterFields["criminal"] {
            guard kind == .criminal else {
                throw ScreeningInputError(field: matterFields.path("criminal"), message: "只有刑事事项（kind 为 criminal）才填写")
            }
            let fields = try JSONFields(criminalValue, path: matterFields.path("criminal"), allowed: [
                "role", "stage", "hasDefender", "possibleLifeOrDeathSentence", "trialInAbsentia",
                "cannotFullyRecognizeConduct", "ordinaryProcedure", "detained",
            ])
            guard let role = try fields.enumeration("role", CriminalRole.self) else {
                throw ScreeningInputError(field: fields.path("role"), message: "缺少必填字段")
            }
            guard let stage = try fields.enumeration("stage", CriminalStage.self) else {
                throw ScreeningInputError(field: fields.path("stage"), message: "缺少必填字段")
            }
            guard let hasDefender = try fields.bool("hasDefender") else {
                throw ScreeningInputError(field: fields.path("hasDefender"), message: "缺少必填字段")
            }
            matter.criminal = Criminal(
                role: role, stage: stage, hasDefender: hasDefender,
                possibleLifeOrDeathSentence: try fields.bool("possibleLifeOrDeathSentence") ?? false,
                trialInAbsentia: try fields.bool("trialInAbsentia") ?? false,
                cannotFullyRecognizeConduct: try fields.bool("cannotFullyRecognizeConduct") ?? false,
                ordinaryProcedure: try fields.bool("ordinaryProcedure") ?? false,
                detained: try fields.bool("detained") ?? false)
        } else if kind == .criminal {
            throw ScreeningInputError(field: matterFields.path("criminal"), message: "刑事事项须填写 criminal")
        }
        if let days = try matterFields.amount("daysToLimitationDeadline") {
            guard days == days.rounded(), days >= 0 else {
                throw ScreeningInputError(field: matterFields.path("daysToLimitationDeadline"), message: "应为不小于0的整数天数")
            }
            matter.daysToLimitationDeadline = Int(days)
        }
        matter.needsUrgentPreservation = try matterFields.bool("needsUrgentPreservation") ?? false

        guard let region = try root.string("region") else {
            throw ScreeningInputError(field: root.path("region"), message: "缺少必填字段")
        }
        guard let date = try root.date("applicationDate") else {
            throw ScreeningInputError(field: root.path("applicationDate"), message: "缺少必填字段")
        }
        self.init(region: region, applicationDate: date, applicant: applicant, matter: matter,
                  hardshipThreshold: try root.amount("hardshipThreshold"))
    }
}

/// An object's fields with the unknown-field check done and a path for messages.
struct JSONFields {
    let pairs: [(String, JSONValue)]
    let prefix: String

    init(_ value: JSONValue, path: String, allowed: Set<String>) throws(ScreeningInputError) {
        guard case .object(let pairs) = value else {
            throw ScreeningInputError(field: path, message: "应为 JSON 对象")
        }
        for (key, _) in pairs where !allowed.contains(key) {
            throw ScreeningInputError(field: path.isEmpty ? key : path + "." + key, message: "未知字段")
        }
        self.pairs = pairs
        prefix = path
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    subscript(key: String) -> JSONValue? {
        guard let value = pairs.first(where: { $0.0 == key })?.1 else { return nil }
        if case .null = value { return nil }
        return value
    }

    func required(_ key: String) throws(ScreeningInputError) -> JSONValue {
        guard let value = self[key] else { throw ScreeningInputError(field: path(key), message: "缺少必填字段") }
        return value
    }

    func string(_ key: String) throws(ScreeningInputError) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let text) = value else { throw ScreeningInputError(field: path(key), message: "应为文字") }
        return text
    }

    func bool(_ key: String) throws(ScreeningInputError) -> Bool? {
        guard let value = self[key] else { return nil }
        guard case .bool(let flag) = value else { throw ScreeningInputError(field: path(key), message: "应为 true 或 false") }
        return flag
    }

    func amount(_ key: String) throws(ScreeningInputError) -> Double? {
        guard let value = self[key] else { return nil }
        guard case .number(let number) = value, number >= 0 else {
            throw ScreeningInputError(field: path(key), message: "应为不小于0的数值")
        }
        return number
    }

    func date(_ key: String) throws(ScreeningInputError) -> LocalDate? {
        guard let text = try string(key) else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw ScreeningInputError(field: path(key), message: "日期应为有效的 YYYY-MM-DD：“\(text)”")
        }
        return date
    }

    func enumeration<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(ScreeningInputError) -> T?
    where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: " | ")
            throw ScreeningInputError(field: path(key), message: "无效的值“\(text)”（可用：\(allowed)）")
        }
        return value
    }
}

extension Citation {
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("law", .string(law))]
        if let article { pairs.append(("article", .number(Double(article)))) }
        if let paragraph { pairs.append(("paragraph", .number(Double(paragraph)))) }
        if let item { pairs.append(("item", .number(Double(item)))) }
        if let section { pairs.append(("section", .string(section))) }
        return .object(pairs)
    }
}

extension ScreeningResult {
    /// The contract's output object, keys in the contract's order.
    public var json: JSONValue {
        .object([
            ("decision", .string(decision.rawValue)),
            ("inScope", .bool(inScope)),
            ("route", .string(route.rawValue)),
            ("economicCheck", .string(economicCheck.rawValue)),
            ("economicResult", .string(economicResult.rawValue)),
            ("priority", .string(priority.rawValue)),
            ("provideFirst", .bool(provideFirst)),
            ("citations", .array(citations.map(\.json))),
            ("explanation", .array(explanation.map(JSONValue.string))),
            ("ruleSet", .object([("id", .string(ruleSet.id)), ("version", .string(ruleSet.version)),
                                 ("effectiveOn", .string(ruleSet.effectiveOn.iso))])),
            ("deadlines", deadlines.map {
                .object([("reviewDue", .string($0.reviewDue.iso)), ("rule", .string($0.rule.rawValue))]
                        + ($0.provisional ? [("provisional", .bool(true))] : []))
            } ?? .null),
            ("dutyLawyer", dutyLawyer.map {
                .object([("citation", $0.citation.json), ("explanation", .string($0.explanation))])
            } ?? .null),
        ])
    }
}

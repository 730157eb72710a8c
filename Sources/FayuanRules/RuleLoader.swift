import FayuanCore

/// One rule file's text and the name to report it by.
public struct RuleSource: Sendable, Hashable {
    public var path: String
    public var text: String
    /// Files of one origin (the bundled set, one site directory) may not repeat an id;
    /// a later origin overrides an earlier one.
    public var origin: Int

    public init(path: String, text: String, origin: Int) {
        self.path = path
        self.text = text
        self.origin = origin
    }
}

/// Builds a library from rule files: codes first (rules refer to them), then calendars and
/// threshold tables, then layers, then patches of single rules.
struct RuleLoader {
    private(set) var groups: [String: CodeEntry] = [:]
    private(set) var groupOrder: [String] = []
    private(set) var causes: [String: CodeEntry] = [:]
    private(set) var causeOrder: [String] = []
    private(set) var holidayYears: [Int: HolidayYear] = [:]
    private(set) var tables: [String: ThresholdTable] = [:]
    private var tableSequence = 0
    private(set) var layers: [String: (layer: RuleLayer, sequence: Int)] = [:]
    private var ruleOrigins: [String: (origin: Int, place: String)] = [:]
    /// Duty programmes (rules/roster/), read by RuleLoader+Roster (Roster/RosterRules.swift).
    var rosterPolicies: [String: RosterPolicy] = [:]
    var rosterOrigins: [String: (origin: Int, place: String)] = [:]
    /// Yearly targets (rules/targets/), read by Reports/TargetRules.swift.
    var targetTables: [String: TargetTable] = [:]
    var targetOrigins: [String: (origin: Int, place: String)] = [:]
    /// Case subsidy rate tables (rules/case-subsidy/), read by Roster/CaseSubsidyRules.swift.
    var caseSubsidyTables: [String: CaseSubsidyRates] = [:]
    var caseSubsidyOrigins: [String: (origin: Int, place: String)] = [:]

    static let fileKinds: [Set<String>] = [["groups", "causes"], ["year", "source", "holidays"],
                                           ["tables"], ["layer", "rules"], ["roster"], ["targets"], ["caseSubsidy"]]

    static func load(_ sources: [RuleSource]) throws(RuleFileError) -> RuleLibrary {
        var loader = RuleLoader()
        var documents: [(cursor: YAMLCursor, origin: Int)] = []
        for source in sources {
            guard let cursor = try YAMLCursor.parse(source.text, file: source.path) else { continue }
            documents.append((cursor, source.origin))
        }
        func keys(_ cursor: YAMLCursor) -> Set<String> {
            guard case .mapping(let mapping) = cursor.node else { return [] }
            return Set(mapping.keys.compactMap { $0.scalar?.string })
        }
        for document in documents {
            let present = keys(document.cursor)
            guard !present.isEmpty, fileKinds.contains(where: { present.isSubset(of: $0) }) else {
                throw document.cursor.error(
                    "无法识别的规则文件：顶层应为 groups/causes（代码表）、year/holidays（节假日）、tables（经济困难标准基数）、layer/rules（规则）、roster（值班与补贴）、targets（目标任务）或 caseSubsidy（办案补贴标准）")
            }
        }
        for document in documents where keys(document.cursor).isSubset(of: ["groups", "causes"]) {
            try loader.readCodes(document.cursor)
        }
        for document in documents where keys(document.cursor).contains("holidays") {
            try loader.readCalendar(document.cursor)
        }
        for document in documents where keys(document.cursor) == ["tables"] {
            try loader.readTables(document.cursor)
        }
        var sequence = 0
        for document in documents where keys(document.cursor).contains("layer") {
            sequence += 1
            try loader.readLayer(document.cursor, origin: document.origin, sequence: sequence)
        }
        for document in documents where keys(document.cursor) == ["rules"] {
            try loader.readPatch(document.cursor, origin: document.origin)
        }
        for document in documents where keys(document.cursor) == ["roster"] {
            try loader.readRoster(document.cursor, origin: document.origin)
        }
        for document in documents where keys(document.cursor) == ["targets"] {
            try loader.readTargets(document.cursor, origin: document.origin)
        }
        for document in documents where keys(document.cursor) == ["caseSubsidy"] {
            try loader.readCaseSubsidy(document.cursor, origin: document.origin)
        }
        return loader.library()
    }

    // MARK: codes

    mutating func readCodes(_ cursor: YAMLCursor) throws(RuleFileError) {
        let entries = try cursor.mapping(allowed: ["groups", "causes"])
        for (section, list) in entries.sorted(by: { $0.key < $1.key }) {
            for item in try list.list() {
                let fields = try item.mapping(allowed: ["code", "label", "derived"])
                guard let codeCursor = fields["code"], let labelCursor = fields["label"] else {
                    throw item.error("代码条目须有 code 和 label")
                }
                let code = try codeCursor.string()
                guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                    throw codeCursor.error("代码只能由小写字母、数字和下划线组成：“\(code)”")
                }
                let entry = CodeEntry(code: code, label: try labelCursor.string(),
                                      derived: try fields["derived"]?.bool() ?? false)
                if section == "groups" {
                    guard groups[code] == nil else { throw codeCursor.error("群体代码“\(code)”重复定义") }
                    groups[code] = entry
                    groupOrder.append(code)
                } else {
                    guard causes[code] == nil else { throw codeCursor.error("案由代码“\(code)”重复定义") }
                    guard !entry.derived else { throw codeCursor.error("案由代码不能标记 derived") }
                    causes[code] = entry
                    causeOrder.append(code)
                }
            }
        }
    }

    // MARK: calendar

    mutating func readCalendar(_ cursor: YAMLCursor) throws(RuleFileError) {
        let fields = try cursor.mapping(allowed: ["year", "source", "holidays"])
        guard let yearCursor = fields["year"], let holidays = fields["holidays"] else {
            throw cursor.error("节假日文件须有 year 和 holidays")
        }
        let year = try yearCursor.int()
        guard (1900...9999).contains(year) else { throw yearCursor.error("年份无效：\(year)") }
        var off = Set<LocalDate>()
        var makeUp = Set<LocalDate>()
        var names: [LocalDate: String] = [:]
        for holiday in try holidays.list() {
            let entry = try holiday.mapping(allowed: ["name", "off", "makeUp"])
            guard let nameCursor = entry["name"], let offCursor = entry["off"] else {
                throw holiday.error("每个节日须有 name 和 off")
            }
            let name = try nameCursor.string()
            for item in try offCursor.list() {
                for day in try Self.days(item) {
                    guard day.year == year else { throw item.error("日期 \(day.iso) 不在 \(year) 年内") }
                    off.insert(day)
                    names[day] = name
                }
            }
            for item in try entry["makeUp"]?.list() ?? [] {
                let day = try item.date()
                guard day.year == year else { throw item.error("日期 \(day.iso) 不在 \(year) 年内") }
                guard day.weekday.isWeekend else {
                    throw item.error("调休上班日 \(day.iso) 是\(day.weekday.label)，应为周六或周日")
                }
                makeUp.insert(day)
                names[day] = name + "调休上班"
            }
        }
        if let clash = off.intersection(makeUp).min() {
            throw holidays.error("\(clash.iso) 同时列为放假日和调休上班日")
        }
        holidayYears[year] = HolidayYear(year: year, offDays: off, makeUpWorkdays: makeUp,
                                         source: try fields["source"]?.string() ?? "\(year)年节假日安排", names: names)
    }

    /// "2025-01-28..2025-02-04" (inclusive) or one date.
    static func days(_ cursor: YAMLCursor) throws(RuleFileError) -> [LocalDate] {
        let text = try cursor.string()
        let parts = text.split(separator: ".", omittingEmptySubsequences: true)
        if text.contains(".."), parts.count == 2,
           let first = LocalDate(iso: String(parts[0])), let last = LocalDate(iso: String(parts[1])) {
            guard first <= last, first.days(to: last) < 366 else {
                throw cursor.error("日期区间无效：“\(text)”")
            }
            return (0...first.days(to: last)).map { first.adding(days: $0) }
        }
        return [try cursor.date()]
    }

    // MARK: thresholds

    mutating func readTables(_ cursor: YAMLCursor) throws(RuleFileError) {
        let root = try cursor.mapping(allowed: ["tables"])
        for tableCursor in try root["tables"]!.list() {
            let fields = try tableCursor.mapping(allowed: ["id", "base", "name", "series"])
            guard let id = try fields["id"]?.string(), let base = try fields["base"]?.string(),
                  let seriesCursor = fields["series"] else {
                throw tableCursor.error("基数表须有 id、base 和 series")
            }
            tableSequence += 1
            var series: [ThresholdTable.Series] = []
            for item in try seriesCursor.list() {
                let entry = try item.mapping(allowed: ["name", "regions", "values"])
                guard let name = try entry["name"]?.string(), let regions = entry["regions"] else {
                    throw item.error("每个系列须有 name 和 regions")
                }
                var prefixes: [String] = []
                for region in try regions.list() {
                    prefixes.append(try Self.regionPrefix(region))
                }
                var values: [ThresholdTable.Value] = []
                for valueCursor in try entry["values"]?.list() ?? [] {
                    let value = try valueCursor.mapping(allowed: ["from", "yuan", "atMost", "confidence", "source"])
                    guard let from = try value["from"]?.date(), let yuanCursor = value["yuan"] else {
                        throw valueCursor.error("每个数值须有 from 和 yuan（未知时写 null）")
                    }
                    let yuan = yuanCursor.isNull ? nil : try yuanCursor.double()
                    if let yuan, yuan <= 0 { throw yuanCursor.error("金额应大于零") }
                    let atMost = try value["atMost"]?.double()
                    if let atMost, atMost <= 0 { throw valueCursor.error("上限金额应大于零") }
                    if atMost != nil, yuan != nil { throw valueCursor.error("已有确切数值（yuan）时不写上限（atMost）") }
                    if let last = values.last, last.from >= from {
                        throw valueCursor.error("数值应按 from 日期递增排列")
                    }
                    values.append(ThresholdTable.Value(
                        from: from, yuan: yuan, confidence: try value["confidence"]?.string(),
                        source: try value["source"]?.string() ?? "", file: valueCursor.file, line: valueCursor.line,
                        atMost: atMost))
                }
                series.append(ThresholdTable.Series(name: name, regionPrefixes: prefixes, values: values))
            }
            tables[id] = ThresholdTable(id: id, base: base, name: try fields["name"]?.string() ?? id,
                                        series: series, sequence: tableSequence)
        }
    }

    /// A region code as a prefix: "320400" → "3204", "320000" → "32", "" → "".
    static func regionPrefix(_ cursor: YAMLCursor) throws(RuleFileError) -> String {
        let code = try cursor.string()
        guard code.isEmpty || (code.count % 2 == 0 && code.count <= 6 && code.allSatisfy(\.isASCIIDigitCharacter)) else {
            throw cursor.error("地区代码应为 GB/T 2260 的2、4或6位数字：“\(code)”")
        }
        return RegionCode.prefix(of: code)
    }

    // MARK: layers and rules

    mutating func readLayer(_ cursor: YAMLCursor, origin: Int, sequence: Int) throws(RuleFileError) {
        let root = try cursor.mapping(allowed: ["layer", "rules"])
        guard let header = root["layer"] else { throw cursor.error("规则文件须有 layer") }
        let fields = try header.mapping(allowed: ["id", "name", "region", "effective", "law", "confidence"])
        guard let idCursor = fields["id"], let lawCursor = fields["law"], let regionCursor = fields["region"] else {
            throw header.error("layer 须有 id、region 和 law")
        }
        let id = try idCursor.string()
        let effective = try Self.range(fields["effective"]) ?? DateRange()
        let key = id + "@" + (effective.from?.iso ?? "")
        var layer = RuleLayer(id: id, key: key, name: try fields["name"]?.string() ?? id,
                              regionPrefix: try Self.regionPrefix(regionCursor), effective: effective,
                              law: try lawCursor.string(), confidence: try fields["confidence"]?.string(),
                              file: cursor.file, rules: [])
        for ruleCursor in try root["rules"]?.list() ?? [] {
            let rule = try readRule(ruleCursor, layerKey: key, law: layer.law)
            try claim(rule, origin: origin, cursor: ruleCursor)
            layer.rules.append(rule)
        }
        if let previous = layers[key] {
            for rule in previous.layer.rules where !layer.rules.contains(where: { $0.id == rule.id }) {
                ruleOrigins[rule.id] = nil
            }
        }
        layers[key] = (layer, sequence)
        // A rule redefined here overrides the same id in any other layer.
        for other in layers.keys where other != key {
            layers[other]!.layer.rules.removeAll { rule in layer.rules.contains { $0.id == rule.id } }
        }
    }

    /// Ids are unique within one origin; a later origin overrides.
    mutating func claim(_ rule: Rule, origin: Int, cursor: YAMLCursor) throws(RuleFileError) {
        if let previous = ruleOrigins[rule.id], previous.origin == origin {
            throw cursor.error("规则编号“\(rule.id)”重复（已在 \(previous.place) 定义）")
        }
        ruleOrigins[rule.id] = (origin, "\(rule.file):\(rule.line)")
    }

    mutating func readPatch(_ cursor: YAMLCursor, origin: Int) throws(RuleFileError) {
        let root = try cursor.mapping(allowed: ["rules"])
        for ruleCursor in try root["rules"]!.list() {
            let fields = try ruleCursor.mapping(allowed: Self.ruleKeys)
            let id = try fields["id"]?.string() ?? ""
            guard let key = layers.first(where: { $0.value.layer.rules.contains { $0.id == id } })?.key else {
                throw ruleCursor.error("没有 layer 的文件只能修改已有规则；未找到规则编号“\(id)”（新增规则须写在带 layer 的文件中）")
            }
            let law = layers[key]!.layer.law
            if try fields["disabled"]?.bool() == true {
                layers[key]!.layer.rules.removeAll { $0.id == id }
                continue
            }
            let rule = try readRule(ruleCursor, layerKey: key, law: law)
            try claim(rule, origin: origin, cursor: ruleCursor)
            let index = layers[key]!.layer.rules.firstIndex { $0.id == id }!
            layers[key]!.layer.rules[index] = rule
        }
    }

    static let ruleKeys: Set<String> = [
        "id", "kind", "when", "cite", "explanation", "effective", "needsReview", "confidence",
        "level", "base", "multiple", "comparison", "days", "counting", "disabled", "majorDays",
    ]

    func readRule(_ cursor: YAMLCursor, layerKey: String, law: String) throws(RuleFileError) -> Rule {
        let fields = try cursor.mapping(allowed: Self.ruleKeys)
        guard let idCursor = fields["id"] else { throw cursor.error("规则须有 id") }
        let id = try idCursor.string()
        guard !id.isEmpty, !id.contains(where: { $0 == " " }) else { throw idCursor.error("规则编号无效：“\(id)”") }
        guard let kindCursor = fields["kind"] else { throw cursor.error("规则“\(id)”须有 kind") }
        let kind = try kindCursor.oneOf(RuleKind.self, label: "规则类型")
        guard let explanationCursor = fields["explanation"] else {
            throw cursor.error("规则“\(id)”须有 explanation（中文说明）")
        }
        let explanation = try explanationCursor.string()
        guard !explanation.isEmpty else { throw explanationCursor.error("说明不能为空") }
        guard let citeCursor = fields["cite"] else { throw cursor.error("规则“\(id)”须有 cite（出处）") }
        var rule = Rule(id: id, kind: kind, layerKey: layerKey,
                        condition: try readCondition(fields["when"]),
                        citation: try Self.citation(citeCursor, law: law), explanation: explanation,
                        effective: try Self.range(fields["effective"]),
                        needsReview: try fields["needsReview"]?.string(),
                        confidence: try fields["confidence"]?.string(),
                        file: cursor.file, line: cursor.line)
        func require(_ name: String) throws(RuleFileError) -> YAMLCursor {
            guard let value = fields[name] else { throw cursor.error("\(kind.rawValue) 规则须有 \(name)") }
            return value
        }
        switch kind {
        case .priority:
            rule.level = try require("level").oneOf(Priority.self, label: "优先级")
        case .hardshipStandard:
            let baseCursor = try require("base")
            let base = try baseCursor.string()
            guard tables.values.contains(where: { $0.base == base }) else {
                let known = Set(tables.values.map(\.base)).sorted().joined(separator: "、")
                throw baseCursor.error("未知的基数“\(base)”（基数表中有：\(known)）")
            }
            rule.base = base
            rule.multiple = try require("multiple").double()
            rule.comparison = try require("comparison").oneOf(Comparison.self, label: "比较方式（le 不超过 / lt 低于）")
        case .reviewDeadline:
            rule.days = try require("days").int()
            rule.counting = try require("counting").oneOf(DeadlineCounting.self, label: "期限计算方式")
            rule.majorDays = try fields["majorDays"]?.int()
            if let major = rule.majorDays, let days = rule.days, major <= days {
                throw cursor.error("majorDays（重大疑难延长后的期限）应长于 days")
            }
        case .objectionTerm:
            rule.days = try require("days").int()
        default:
            rule.days = try fields["days"]?.int()
        }
        return rule
    }

    static func citation(_ cursor: YAMLCursor, law: String) throws(RuleFileError) -> Citation {
        let fields = try cursor.mapping(allowed: ["law", "article", "paragraph", "item", "section"])
        return Citation(law: try fields["law"]?.string() ?? law, article: try fields["article"]?.int(),
                        paragraph: try fields["paragraph"]?.int(), item: try fields["item"]?.int(),
                        section: try fields["section"]?.string())
    }

    static func range(_ cursor: YAMLCursor?) throws(RuleFileError) -> DateRange? {
        guard let cursor else { return nil }
        let fields = try cursor.mapping(allowed: ["from", "to"])
        let range = DateRange(from: try fields["from"]?.date(), to: try fields["to"]?.date())
        if let from = range.from, let to = range.to, to < from {
            throw cursor.error("生效期间无效：结束日期早于开始日期")
        }
        return range
    }

    func readCondition(_ cursor: YAMLCursor?) throws(RuleFileError) -> RuleCondition {
        var condition = RuleCondition()
        guard let cursor else { return condition }
        let fields = try cursor.mapping(allowed: [
            "matterKinds", "causes", "groupsAny", "groupsAll", "ageBelow", "ageAtLeast", "roles",
            "stages", "hasDefender", "possibleLifeOrDeathSentence", "trialInAbsentia",
            "cannotFullyRecognizeConduct", "ordinaryProcedure", "needsUrgentPreservation", "detained",
            "daysToLimitationDeadlineBelow", "hardshipEvidence", "routes", "economicCheck",
        ])
        func set<T: RawRepresentable & Hashable>(_ name: String, _ type: T.Type, _ label: String) throws(RuleFileError) -> Set<T>?
        where T.RawValue == String {
            guard let list = fields[name] else { return nil }
            var values = Set<T>()
            for item in try list.list() { values.insert(try item.oneOf(type, label: label)) }
            return values
        }
        func codes(_ name: String, known: [String: CodeEntry], label: String) throws(RuleFileError) -> Set<String>? {
            guard let list = fields[name] else { return nil }
            var values = Set<String>()
            for item in try list.list() {
                let code = try item.string()
                guard known[code] != nil else { throw item.error("未知的\(label)“\(code)”") }
                values.insert(code)
            }
            return values
        }
        condition.matterKinds = try set("matterKinds", MatterKind.self, "案件类型")
        condition.causes = try codes("causes", known: causes, label: "案由代码").map { Set($0.map(CauseCode.init(rawValue:))) }
        condition.groupsAny = try codes("groupsAny", known: groups, label: "群体代码").map { Set($0.map(GroupCode.init(rawValue:))) }
        condition.groupsAll = try codes("groupsAll", known: groups, label: "群体代码").map { Set($0.map(GroupCode.init(rawValue:))) }
        condition.ageBelow = try fields["ageBelow"]?.int()
        condition.ageAtLeast = try fields["ageAtLeast"]?.int()
        condition.roles = try set("roles", CriminalRole.self, "刑事身份")
        condition.stages = try set("stages", CriminalStage.self, "诉讼阶段")
        condition.hasDefender = try fields["hasDefender"]?.bool()
        condition.possibleLifeOrDeathSentence = try fields["possibleLifeOrDeathSentence"]?.bool()
        condition.trialInAbsentia = try fields["trialInAbsentia"]?.bool()
        condition.cannotFullyRecognizeConduct = try fields["cannotFullyRecognizeConduct"]?.bool()
        condition.ordinaryProcedure = try fields["ordinaryProcedure"]?.bool()
        condition.needsUrgentPreservation = try fields["needsUrgentPreservation"]?.bool()
        condition.detained = try fields["detained"]?.bool()
        condition.daysToLimitationDeadlineBelow = try fields["daysToLimitationDeadlineBelow"]?.int()
        condition.hardshipEvidence = try set("hardshipEvidence", HardshipEvidence.self, "经济困难证明方式")
        condition.routes = try set("routes", Route.self, "援助途径")
        condition.economicCheck = try set("economicCheck", EconomicCheck.self, "经济状况审查方式")
        return condition
    }

    func library() -> RuleLibrary {
        let orderedLayers = layers.values
            .sorted { ($0.layer.regionPrefix.count, $0.sequence) < ($1.layer.regionPrefix.count, $1.sequence) }
            .map(\.layer)
        var library = RuleLibrary(
            layers: orderedLayers,
            groups: groupOrder.map { groups[$0]! },
            causes: causeOrder.map { causes[$0]! },
            calendar: HolidayCalendar(years: Array(holidayYears.values)),
            thresholdTables: tables.values.sorted { $0.id < $1.id })
        library.rosterPolicies = rosterPolicies.values.sorted { $0.id < $1.id }
        library.targetTables = targetTables.values.sorted { $0.id < $1.id }
        library.targetPlaces = targetOrigins.mapValues(\.place)
        library.caseSubsidyTables = caseSubsidyTables.values.sorted { $0.id < $1.id }
        return library
    }
}

/// GB/T 2260 region codes.
public enum RegionCode {
    /// The code with trailing "00" pairs dropped: "320400" → "3204"; "320707" stays.
    public static func prefix(of code: String) -> String {
        var text = Substring(code)
        while text.count >= 2, text.hasSuffix("00") { text = text.dropLast(2) }
        return String(text)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

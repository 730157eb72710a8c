import FayuanCore
import Yams

/// A file of screening scenarios with expected outcomes, so a centre can check its own site
/// rules (`fayuan rules test FILE`).
public struct ScenarioFile: Sendable {
    public struct Scenario: Sendable {
        public var name: String
        public var line: Int
        public var input: JSONValue
        /// Expected values by output field; see `ScenarioFile.expectKeys`.
        public var expect: [(String, JSONValue)]
    }

    public struct Outcome: Sendable {
        public var scenario: String
        public var line: Int
        /// Empty when every expectation held; otherwise Chinese lines naming the field.
        public var failures: [String]
        public var passed: Bool { failures.isEmpty }
    }

    public static let expectKeys: Set<String> = [
        "decision", "inScope", "route", "economicCheck", "economicResult", "priority", "provideFirst",
        "reviewDue", "deadlineRule", "ruleSet", "cites", "explains", "rules", "error",
    ]

    public var file: String
    public var scenarios: [Scenario]

    public init(text: String, file: String) throws(RuleFileError) {
        self.file = file
        guard let root = try YAMLCursor.parse(text, file: file) else {
            throw RuleFileError(file: file, line: 0, path: "", message: "文件为空")
        }
        let fields = try root.mapping(allowed: ["scenarios"])
        guard let list = fields["scenarios"] else { throw root.error("须有 scenarios 列表") }
        scenarios = []
        for item in try list.list() {
            let entry = try item.mapping(allowed: ["name", "input", "expect"])
            guard let name = try entry["name"]?.string(), let input = entry["input"],
                  let expect = entry["expect"] else {
                throw item.error("每个场景须有 name、input 和 expect")
            }
            let expectFields = try expect.mapping(allowed: Self.expectKeys)
            let expectations = try expectFields.sorted { $0.key < $1.key }
                .map { (key, cursor) throws(RuleFileError) in (key, try Self.json(cursor)) }
            scenarios.append(Scenario(name: name, line: item.line, input: try Self.json(input),
                                      expect: expectations))
        }
    }

    /// YAML to JSON: plain scalars become numbers, booleans and null as YAML reads them;
    /// quoted scalars stay text.
    static func json(_ cursor: YAMLCursor) throws(RuleFileError) -> JSONValue {
        switch cursor.node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if cursor.isNull { return .null }
                if scalar.string == "true" { return .bool(true) }
                if scalar.string == "false" { return .bool(false) }
                if let number = Double(scalar.string), scalar.string.first.map({ $0.isNumber || $0 == "-" }) == true {
                    return .number(number)
                }
            }
            return .string(scalar.string)
        case .sequence:
            var values: [JSONValue] = []
            for item in try cursor.list() { values.append(try json(item)) }
            return .array(values)
        case .mapping(let mapping):
            var pairs: [(String, JSONValue)] = []
            for (key, value) in mapping {
                pairs.append((key.scalar?.string ?? "", try json(cursor.child(value, key.scalar?.string ?? ""))))
            }
            return .object(pairs)
        case .alias:
            throw cursor.error("不支持 YAML 别名")
        }
    }

    /// Runs every scenario against the library.
    public func run(with library: RuleLibrary) -> [Outcome] {
        scenarios.map { scenario in
            Outcome(scenario: scenario.name, line: scenario.line, failures: Self.check(scenario, library))
        }
    }

    static func check(_ scenario: Scenario, _ library: RuleLibrary) -> [String] {
        let expectedError = scenario.expect.first { $0.0 == "error" }?.1
        let result: ScreeningResult
        do {
            result = try library.screen(try ScreeningInput(json: scenario.input, library: library))
        } catch {
            if case .string(let text) = expectedError, error.description.contains(text) { return [] }
            return ["输入被拒绝：\(error.description)"]
        }
        if expectedError != nil { return ["应被拒绝，实际得到结果 \(result.decision.rawValue)"] }
        let output = result.json
        var failures: [String] = []
        for (key, expected) in scenario.expect {
            switch key {
            case "reviewDue", "deadlineRule":
                let actual = output["deadlines"]?[key == "reviewDue" ? "reviewDue" : "rule"] ?? .null
                if actual != expected { failures.append("\(key): 期望 \(expected.compactRendered())，实际 \(actual.compactRendered())") }
            case "ruleSet":
                let actual = output["ruleSet"]?["id"] ?? .null
                if actual != expected { failures.append("ruleSet: 期望 \(expected.compactRendered())，实际 \(actual.compactRendered())") }
            case "cites", "explains", "rules":
                let haystack: [String]
                switch key {
                case "cites": haystack = result.citations.map(\.label)
                case "explains": haystack = result.explanation
                default: haystack = result.appliedRules
                }
                guard case .array(let wanted) = expected else {
                    failures.append("\(key): 应为列表")
                    continue
                }
                for case .string(let text) in wanted where !haystack.contains(where: { key == "rules" ? $0 == text : $0.contains(text) }) {
                    failures.append("\(key): 缺少“\(text)”（实际：\(haystack.joined(separator: "；"))）")
                }
            default:
                let actual = output[key] ?? .null
                if actual != expected { failures.append("\(key): 期望 \(expected.compactRendered())，实际 \(actual.compactRendered())") }
            }
        }
        return failures
    }
}

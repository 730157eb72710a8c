import Yams

/// A position in a parsed YAML document, carrying the file name and a readable path so every
/// semantic error can be reported as `file:line: path: message`.
struct YAMLCursor {
    let node: Node
    let file: String
    let path: String

    var line: Int { node.mark?.line ?? 0 }

    static func parse(_ text: String, file: String) throws(RuleFileError) -> YAMLCursor? {
        do {
            // Resolver.basic: every value here is read as text and converted by this cursor
            // (int(), bool(), date()…), so Yams's regular-expression type guessing is never used —
            // yet it ran for every scalar (the duplicate-key check hashes keys by resolved type)
            // and was a quarter of loading the rules at each start (BENCHMARKS.md, start-up).
            // Duplicate keys are still found: equal text always resolves alike.
            guard let node = try Yams.compose(yaml: text, .basic) else { return nil }
            return YAMLCursor(node: node, file: file, path: "")
        } catch let error as YamlError {
            throw RuleFileError(file: file, line: YAMLCursor.line(of: error), path: "",
                                message: "YAML 语法错误：\(YAMLCursor.problem(of: error))")
        } catch {
            throw RuleFileError(file: file, line: 0, path: "", message: "无法读取：\(error)")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return 0
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _),
             .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "重复的键 \(duplicates.joined(separator: "、"))"
        default:
            return "\(error)"
        }
    }

    func error(_ message: String) -> RuleFileError {
        RuleFileError(file: file, line: line, path: path, message: message)
    }

    func child(_ node: Node, _ component: String) -> YAMLCursor {
        let childPath = path.isEmpty ? component
            : (component.hasPrefix("[") ? path + component : path + "." + component)
        return YAMLCursor(node: node, file: file, path: childPath)
    }

    /// The mapping's entries; a key outside `allowed` is an error at that key's line.
    func mapping(allowed: Set<String>) throws(RuleFileError) -> [String: YAMLCursor] {
        guard case .mapping(let mapping) = node else { throw error("应为键值映射") }
        var entries: [String: YAMLCursor] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            guard allowed.contains(name) else {
                let keyCursor = child(key, name)
                let known = allowed.sorted().joined(separator: "、")
                throw RuleFileError(file: file, line: keyCursor.line, path: path,
                                    message: "未知字段“\(name)”（可用字段：\(known)）")
            }
            entries[name] = child(value, name)
        }
        return entries
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string() throws(RuleFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error("应为文字") }
        return scalar.string
    }

    func int() throws(RuleFileError) -> Int {
        guard let value = Int(try string()) else { throw error("应为整数：“\(try string())”") }
        return value
    }

    func double() throws(RuleFileError) -> Double {
        guard let value = Double(try string()), value.isFinite else {
            throw error("应为数值：“\(try string())”")
        }
        return value
    }

    func bool() throws(RuleFileError) -> Bool {
        switch try string() {
        case "true": return true
        case "false": return false
        default: throw error("应为 true 或 false：“\(try string())”")
        }
    }

    func date() throws(RuleFileError) -> LocalDate {
        let text = try string()
        guard let date = LocalDate(iso: text) else { throw error("日期无效（应为 YYYY-MM-DD）：“\(text)”") }
        return date
    }

    func list() throws(RuleFileError) -> [YAMLCursor] {
        guard case .sequence(let sequence) = node else { throw error("应为列表") }
        return sequence.enumerated().map { child($0.element, "[\($0.offset)]") }
    }

    func oneOf<T: RawRepresentable>(_ type: T.Type, label: String) throws(RuleFileError) -> T
    where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else { throw error("未知的\(label)“\(text)”") }
        return value
    }
}

import FayuanCore

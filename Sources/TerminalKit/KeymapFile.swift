/// A keymap file, read from the small TOML subset keymaps use: `[section]` headers,
/// `action = "Key"` or `action = ["Key", "Key"]`, top-level `name`/`description`, `#` comments.
/// Every binding remembers its line so errors can name file:line.
public struct KeymapFile: Sendable {
    public struct Binding: Sendable, Hashable {
        public let action: ActionID
        public let keyNames: [String]
        public let line: Int
    }

    public let source: String          // file path, or "内置:default" for embedded maps
    public var name: String?
    public var description: String?
    public private(set) var bindings: [Binding] = []

    public init(source: String, text: String) throws(KeymapError) {
        self.source = source
        var section: String?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Self.stripComment(String(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw KeymapError(source: source, line: lineNumber, message: "节名格式错误，应为 [节名]")
                }
                let name = String(line.dropFirst().dropLast()).trimmingSpaces
                guard Self.isBareKey(name) else {
                    throw KeymapError(source: source, line: lineNumber, message: "节名 “\(name)” 只能包含字母、数字、下划线")
                }
                section = name
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw KeymapError(source: source, line: lineNumber, message: "无法解析此行，应为 动作 = [\"按键\"]")
            }
            let key = String(line[..<eq]).trimmingSpaces
            let valueText = String(line[line.index(after: eq)...]).trimmingSpaces
            guard Self.isBareKey(key) else {
                throw KeymapError(source: source, line: lineNumber, message: "动作名 “\(key)” 只能包含字母、数字、下划线")
            }
            let values = try Self.parseValue(valueText, source: source, line: lineNumber)
            guard let section else {
                switch key {
                case "name": name = values.first
                case "description": description = values.first
                default:
                    throw KeymapError(source: source, line: lineNumber, message: "“\(key)” 应写在某个 [节] 之下")
                }
                continue
            }
            let action = ActionID("\(section).\(key)")
            if bindings.contains(where: { $0.action == action }) {
                throw KeymapError(source: source, line: lineNumber, message: "动作 \(action) 在本文件中重复定义")
            }
            bindings.append(Binding(action: action, keyNames: values, line: lineNumber))
        }
    }

    private static func isBareKey(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// Removes a `#` comment that is not inside a quoted string.
    private static func stripComment(_ line: String) -> String {
        var inString = false
        var escaped = false
        var out = ""
        for ch in line {
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
            } else if ch == "\"" { inString = true } else if ch == "#" { break }
            out.append(ch)
        }
        return out
    }

    /// A quoted string or a one-line array of quoted strings.
    private static func parseValue(_ text: String, source: String, line: Int) throws(KeymapError) -> [String] {
        var chars = Array(text)[...]
        func fail(_ message: String) -> KeymapError { KeymapError(source: source, line: line, message: message) }
        func parseString() throws(KeymapError) -> String {
            guard chars.first == "\"" else { throw fail("按键名应加英文双引号，例如 \"F2\"") }
            chars = chars.dropFirst()
            var out = ""
            while let ch = chars.first {
                chars = chars.dropFirst()
                if ch == "\\" {
                    guard let next = chars.first else { break }
                    chars = chars.dropFirst()
                    out.append(next)
                } else if ch == "\"" {
                    return out
                } else {
                    out.append(ch)
                }
            }
            throw fail("字符串缺少结尾的双引号")
        }
        func skipSpaces() { while let c = chars.first, c == " " || c == "\t" { chars = chars.dropFirst() } }
        if chars.first == "[" {
            chars = chars.dropFirst()
            var values: [String] = []
            skipSpaces()
            if chars.first == "]" { chars = chars.dropFirst() } else {
                while true {
                    skipSpaces()
                    values.append(try parseString())
                    skipSpaces()
                    if chars.first == "," { chars = chars.dropFirst(); skipSpaces(); if chars.first == "]" { chars = chars.dropFirst(); break }; continue }
                    if chars.first == "]" { chars = chars.dropFirst(); break }
                    throw fail("数组应以 ] 结束，元素之间用逗号分隔（数组须写在同一行）")
                }
            }
            skipSpaces()
            guard chars.isEmpty else { throw fail("数组后面有多余内容") }
            return values
        }
        let value = try parseString()
        skipSpaces()
        guard chars.isEmpty else { throw fail("值后面有多余内容") }
        return [value]
    }
}

/// A keymap problem, always with the file and line (and refusing the file).
public struct KeymapError: Error, Sendable, CustomStringConvertible, Equatable {
    public let source: String
    public let line: Int
    public let message: String
    public init(source: String, line: Int, message: String) {
        self.source = source; self.line = line; self.message = message
    }
    public var description: String { "\(source):\(line): \(message)" }
}

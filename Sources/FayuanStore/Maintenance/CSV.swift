import Foundation

/// RFC 4180 CSV, UTF-8. Writes a BOM so Excel and WPS open Chinese text correctly; reads with
/// or without one.
public enum CSV {
    public static let bom = "\u{FEFF}"

    public static func field(_ raw: String) -> String {
        let value = neutralised(raw)
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// A cell a spreadsheet would run as a formula (= + - @, or a leading tab/CR, which some
    /// programs strip before looking) gets a leading apostrophe, so Excel and WPS show it as text.
    /// Plain numbers ("-5", "+3.5") stay numbers: they cannot run anything.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        if Double(value) != nil, value.allSatisfy({ $0.isASCII }) { return value }
        return "'" + value
    }

    /// Undoes `neutralised` on import, so an exported file imports back unchanged.
    public static func unneutralised(_ value: String) -> String {
        guard value.hasPrefix("'"), let second = value.unicodeScalars.dropFirst().first,
              formulaStarts.contains(second) else { return value }
        return String(value.dropFirst())
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    public static func line(_ values: [String]) -> String {
        values.map(field).joined(separator: ",") + "\r\n"
    }

    /// A parse error names the line (1-based) where it happened.
    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// Parses the whole text into records; line numbers of each record's start are returned too.
    public static func parse(_ text: String) throws -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.hasPrefix(bom) ? String(text.dropFirst()) : text)
        if chars.last != "\n" && chars.last != "\r\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty, !afterQuote else { throw ParseError(line: line, message: "引号位置不正确") }
                inQuotes = true
            } else if c == "," {
                fields.append(field); field = ""; afterQuote = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field); field = ""; afterQuote = false
                if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
                fields = []
                line += 1
                recordLine = line
            } else {
                guard !afterQuote else { throw ParseError(line: line, message: "引号后有多余字符") }
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw ParseError(line: recordLine, message: "引号未闭合") }
        return records
    }
}

/// A rule file that cannot be used, with the place to fix: `file:line: path: message`.
public struct RuleFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// Where in the document, e.g. `rules[3].when.causes[1]`; empty for the whole file.
    public let path: String
    /// Chinese, naming what is wrong.
    public let message: String

    public init(file: String, line: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}

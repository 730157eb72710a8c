import FayuanStore
import Foundation

/// A document ready to print: its file name and its text (plain text, 72 columns).
public struct PrintedDocument: Sendable, Equatable {
    public let fileName: String
    public let text: String
}

/// Where printed documents go: `<store dir>/print/<year>/`, beside the store they belong to, so a
/// backup of the folder keeps both. Files hold personal data: created 0600 like the store.
public enum PrintFolder {
    public static func directory(storePath: String, year: Int) -> String {
        let dir = (storePath as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "." : dir) + "/print/\(year)"
    }

    /// Writes the documents and returns their paths, in order.
    public static func write(_ documents: [PrintedDocument], storePath: String, year: Int) throws -> [String] {
        let dir = directory(storePath: storePath, year: year)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try documents.map { doc in
            let path = dir + "/" + doc.fileName.replacingOccurrences(of: "/", with: "-")
            // Printed again, a document replaces its earlier copy; a planted symlink is refused.
            try SafeFile.write(doc.text, to: path, force: true)
            return path
        }
    }
}

import FayuanDocuments
import FayuanStore
import Foundation

/// A document ready to print: its file name and its text (plain text, 72 columns) and, when it
/// has one, its model — then a PDF of the same name (.pdf) is written beside the text.
public struct PrintedDocument: Sendable, Equatable {
    public let fileName: String
    public let text: String
    public let document: Document?

    public init(fileName: String, text: String, document: Document? = nil) {
        self.fileName = fileName; self.text = text; self.document = document
    }
}

/// Where printed documents go: the print folder set in 管理 → 系统设置 (`print.folder`), else
/// `<store dir>/print`, with a folder per year below it — beside the store they belong to, so a
/// backup of the folder keeps both. Files hold personal data: created 0600 like the store. When a
/// printer is set (`print.printer`) each file is also sent to it with CUPS's `lp -d PRINTER`.
public enum PrintFolder {
    public static func directory(storePath: String, year: Int, folder: String? = nil) -> String {
        if let folder, !folder.isEmpty { return folder + "/\(year)" }
        let dir = (storePath as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "." : dir) + "/print/\(year)"
    }

    /// The store's print settings (folder and printer; nil when not set).
    public static func settings(_ store: CaseStore) -> (folder: String?, printer: String?) {
        guard let s = try? store.consoleSettings() else { return (nil, nil) }
        return (s.printFolder.isEmpty ? nil : s.printFolder, s.printer.isEmpty ? nil : s.printer)
    }

    /// Writes the documents where the store's settings say, sends them to its printer if one is
    /// set, and returns their paths, in order.
    public static func write(_ documents: [PrintedDocument], store: CaseStore, year: Int, lp: String = "lp") throws -> [String] {
        let (folder, printer) = settings(store)
        let paths = try write(documents, storePath: store.path, year: year, folder: folder)
        if let printer {
            // A document with a model is printed from its PDF (typeset), not from the text file.
            for (doc, path) in zip(documents, paths) {
                _ = send(doc.document == nil ? path : (path as NSString).deletingPathExtension + ".pdf", to: printer, lp: lp)
            }
        }
        return paths
    }

    /// Writes the documents and returns their paths, in order.
    public static func write(_ documents: [PrintedDocument], storePath: String, year: Int, folder: String? = nil) throws -> [String] {
        let dir = directory(storePath: storePath, year: year, folder: folder)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return try documents.map { doc in
            let path = dir + "/" + doc.fileName.replacingOccurrences(of: "/", with: "-")
            // Printed again, a document replaces its earlier copy; a planted symlink is refused.
            try SafeFile.write(doc.text, to: path, force: true)
            if let model = doc.document {
                try SafeFile.write(try model.pdf(), to: (path as NSString).deletingPathExtension + ".pdf", force: true)
            }
            return path
        }
    }

    /// Hands one file to CUPS (`lp -d PRINTER FILE`); false when `lp` is missing or refuses. The
    /// file stays in the print folder either way.
    @discardableResult
    public static func send(_ path: String, to printer: String, lp: String = "lp") -> Bool {
        let program: String? = lp.contains("/") ? lp : (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":").map { "\($0)/\(lp)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let program, FileManager.default.isExecutableFile(atPath: program) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-d", printer, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

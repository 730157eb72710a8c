import FayuanDocuments
import FayuanStore
import Foundation

/// 排队小票 for an 80 mm receipt printer: the station, the number large, the service, the green
/// channel mark, how many are ahead, when it was taken. Printed when a printer is set in
/// 系统设置 (the slip is on screen either way); the PDF is kept under `<print folder>/<year>/排队小票/`.
extension TicketSlip {
    public var document: Document {
        let rest = Array(lines.dropFirst(2))
        return Document(kind: .queueTicket, title: lines.count > 1 ? lines[1] : "排队号", issuer: lines.first ?? "",
                        blocks: rest.map { .line($0) }, paper: .receipt80)
    }

    /// Writes the slip's PDF and sends it to the printer set in 系统设置; nil when none is set.
    /// Returns what to tell the clerk.
    public func print(store: CaseStore, day: String, code: String, lp: String = "lp") throws -> String? {
        guard let printer = PrintFolder.settings(store).printer else { return nil }
        let dir = PrintFolder.directory(storePath: store.path, year: Int(day.prefix(4)) ?? 2026,
                                        folder: PrintFolder.settings(store).folder) + "/排队小票"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = dir + "/\(day)-\(code).pdf"
        try SafeFile.write(try document.pdf(), to: path, force: true)
        return PrintFolder.send(path, to: printer, lp: lp) ? "小票已送打印机 \(printer)" : "打印机 \(printer) 不可用（lp 失败），小票 PDF 在 \(path)"
    }
}

import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation
import TerminalKit

/// 文书打印: a case's documents from the register (the ones an action just issued marked ★),
/// the selected one's text on screen before printing, Enter / F5 prints it (PDF into the case's
/// folder, then `lp -d` to the printer set in 系统设置; without a printer the status line says
/// where the PDF is), F6 prints all the new ones. Opened after accepting, deciding and assigning,
/// and from the case detail (d) for reprints.
public struct DocumentsScreen: Screen {
    public enum Action {
        public static let print: ActionID = "documents.print"
        public static let printAll: ActionID = "documents.print_all"
    }

    struct Item: Sendable, Equatable {
        var entry: RegisteredDocument
        var text: String
    }

    struct Loaded: Sendable { var items: [Item]; var caseNumber: String; var applicant: String }
    struct Printed: Sendable { var messages: [String]; var failed: Bool }

    let session: Session
    public let caseID: Int64
    /// Register ids issued by the action that opened the screen (offered first, ★).
    let fresh: Set<Int64>
    let intro: String?
    private(set) var loaded: Loaded?
    private(set) var selected = 0
    private var scroll = 0
    private(set) var lastMessage: String?

    public init(session: Session, caseID: Int64, fresh: Set<Int64> = [], intro: String? = nil) {
        self.session = session; self.caseID = caseID; self.fresh = fresh; self.intro = intro
    }

    public var keymapSection: String { "documents" }
    public var title: String { "文书打印" }
    public func isEnabled(_ action: ActionID) -> Bool { action != StandardAction.save }

    var current: Item? { loaded.flatMap { $0.items.indices.contains(selected) ? $0.items[selected] : nil } }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return [load()]
        case .result(let l as Loaded):
            loaded = l
            if let i = l.items.firstIndex(where: { fresh.contains($0.entry.id) }), loaded != nil, selected == 0 { selected = i }
            selected = min(selected, max(0, l.items.count - 1))
        case .result(let p as Printed):
            lastMessage = p.messages.joined(separator: "；")
            return [.status(p.messages.joined(separator: "；"), p.failed ? .warning : .success), load()]
        case .input(.action(StandardAction.down)): move(1)
        case .input(.action(StandardAction.up)): move(-1)
        case .input(.action(StandardAction.pageDown)): scroll += 10
        case .input(.action(StandardAction.pageUp)): scroll = max(0, scroll - 10)
        case .input(.action(StandardAction.confirm)), .input(.action(Action.print)):
            guard let item = current else { return [.status("本案还没有出具文书", .error)] }
            return [printEffect([item.entry])]
        case .input(.action(Action.printAll)):
            let items = (loaded?.items ?? []).filter { fresh.isEmpty || fresh.contains($0.entry.id) }
            guard !items.isEmpty else { return [.status("本案还没有出具文书", .error)] }
            return [printEffect(items.map(\.entry))]
        default: break
        }
        return []
    }

    private mutating func move(_ delta: Int) {
        guard let n = loaded?.items.count, n > 0 else { return }
        selected = max(0, min(n - 1, selected + delta))
        scroll = 0
    }

    private func load() -> Effect {
        let id = caseID
        return .perform { env in
            let detail = try env.store.caseDetail(id)
            let items = try env.store.issuedDocuments(id).map { entry in
                Item(entry: entry, text: try CaseDocuments.model(for: entry, detail: detail, env: env).text)
            }
            return Loaded(items: items, caseNumber: detail.board.caseNumber ?? "申请\(id)", applicant: detail.board.applicantName)
        }
    }

    private func printEffect(_ entries: [RegisteredDocument]) -> Effect {
        let id = caseID, role = session.role, by = session.operatorID
        return .perform { env in
            let detail = try env.store.caseDetail(id)
            let outputs = try entries.map { try CaseDocuments.output($0, detail: detail, env: env, print: true, role: role, by: by) }
            let failed = outputs.contains { $0.printFailed || $0.printer == nil }
            guard outputs.count > 1 else { return Printed(messages: outputs.map(\.message), failed: failed) }
            // Several: one line saying what happened and the one folder they are in.
            let folder = ((outputs[0].pdfPath as NSString).deletingLastPathComponent) + "/"
            let printer = PrintFolder.settings(env.store).printer
            let message: String
            if let printer, !outputs.contains(where: \.printFailed) {
                message = "\(outputs.count) 份文书已送打印机 \(printer)；PDF 在 \(folder)"
            } else if let printer {
                message = "打印机 \(printer) 不可用（lp 失败）：\(outputs.count) 份文书的 PDF 已写入 \(folder)"
            } else {
                message = "未设置打印机（系统设置）：\(outputs.count) 份文书的 PDF 已写入 \(folder)"
            }
            return Printed(messages: [message], failed: failed)
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        guard let l = loaded else {
            canvas.drawLine("正在读取文书……", in: inner.row(0), style: theme[.dim])
            return
        }
        var row = 0
        let head = "\(l.caseNumber) · \(l.applicant) · 文书 \(l.items.count) 份　Enter/\(context.keymap.hint("documents.print")) 打印所选　\(context.keymap.hint("documents.print_all")) 打印\(fresh.isEmpty ? "全部" : "本次出具的")　Esc 返回"
        canvas.drawLine(head.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(row), style: theme[.header])
        row += 1
        // The outcome of the last print (where the PDF is, in full), else what issued the papers.
        if let message = lastMessage {
            for line in message.wrapped(toWidth: inner.width).prefix(2) {
                canvas.drawLine(line, in: inner.row(row), style: theme[.warning])
                row += 1
            }
        } else if let intro {
            canvas.drawLine(intro.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(row), style: theme[.success])
            row += 1
        }
        if l.items.isEmpty {
            canvas.drawLine("本案还没有出具文书（受理、决定、指派时出具）", in: inner.row(row), style: theme[.dim])
            return
        }
        let listHeight = min(l.items.count, max(3, inner.height / 3))
        let first = max(0, min(selected - listHeight + 1, l.items.count - listHeight))
        for (i, item) in l.items.enumerated().dropFirst(first).prefix(listHeight) {
            let e = item.entry
            let mark = (i == selected ? "▶" : " ") + (fresh.contains(e.id) ? "★" : " ")
            let state = e.printedCount > 0 ? "已打印 \(e.printedCount) 次" : (e.path == nil ? "未生成" : "已生成 PDF")
            let line = mark + e.title.padded(toWidth: 26) + (e.number ?? "").padded(toWidth: 26) + e.issuedOn + "　" + state
            canvas.drawLine(line.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(row), style: theme[i == selected ? .selection : .normal])
            row += 1
        }
        canvas.drawLine(("── 预览（打印前核对；PgUp/PgDn 翻看）" + String(repeating: "─", count: inner.width)).truncated(toWidth: inner.width),
                        in: inner.row(row), style: theme[.border])
        row += 1
        let preview = (current?.text ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let height = inner.height - row
        let start = min(scroll, max(0, preview.count - height))
        for (r, line) in preview.dropFirst(start).prefix(max(0, height)).enumerated() {
            canvas.drawLine(line.truncated(toWidth: inner.width), in: inner.row(row + r), style: theme[.normal])
        }
    }
}

import FayuanDocuments
import Foundation
import TerminalKit

/// 打印预览 for a paper that is not a case's (值班表公示, 值班补贴发放表, 不予受理登记表): its text on
/// screen for checking before printing (↑↓ PgUp/PgDn scroll), Enter / F5 writes the PDF and sends
/// it to the printer set in 系统设置 (without one the message says where the PDF is), Esc returns.
/// Uses the 文书打印 keys ([documents]).
public struct PaperPreviewScreen: Screen {
    public typealias Build = @Sendable (AppEnvironment) throws -> Document
    public typealias Output = @Sendable (AppEnvironment, Document) throws -> (message: String, failed: Bool)

    struct Loaded: Sendable { var document: Document }
    struct Printed: Sendable { var message: String; var failed: Bool }

    let heading: String
    let build: Build
    let output: Output
    private(set) var document: Document?
    private(set) var lines: [String] = []
    private(set) var lastMessage: String?
    private(set) var problem: String?
    private var scroll = 0

    /// `heading`: what is being printed (shown above the preview); `build` makes the document
    /// from the store; `output` writes and prints it and says what happened.
    public init(heading: String, build: @escaping Build, output: @escaping Output) {
        self.heading = heading; self.build = build; self.output = output
    }

    public var keymapSection: String { "documents" }
    public var title: String { "打印预览" }
    public func isEnabled(_ action: ActionID) -> Bool { action != StandardAction.save }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where document == nil && problem == nil:
            let build = build
            return [.perform { env in Loaded(document: try build(env)) }]
        case .result(let l as Loaded):
            document = l.document
            lines = l.document.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .result(let p as Printed):
            lastMessage = p.message
            return [.status(p.message, p.failed ? .warning : .success)]
        case .result(let failed as PerformFailed):
            if document == nil { problem = failed.message }
        case .input(.action(StandardAction.down)): scroll = min(scroll + 1, max(0, lines.count - 1))
        case .input(.action(StandardAction.up)): scroll = max(0, scroll - 1)
        case .input(.action(StandardAction.pageDown)): scroll = min(scroll + 10, max(0, lines.count - 1))
        case .input(.action(StandardAction.pageUp)): scroll = max(0, scroll - 10)
        case .input(.action(StandardAction.confirm)), .input(.action(DocumentsScreen.Action.print)),
             .input(.action(DocumentsScreen.Action.printAll)):
            guard let doc = document else { return [.status(problem ?? "正在生成，请稍候", .error)] }
            let output = output
            return [.perform { env in
                let r = try output(env, doc)
                return Printed(message: r.message, failed: r.failed)
            }]
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        guard inner.height > 0 else { return }
        var row = 0
        // The keys stay visible on a narrow (48-column) screen: on their own row when the heading
        // and they do not fit together.
        let keys = "Enter/F5 打印　Esc 返回"
        if (heading + "　" + keys).displayWidth <= inner.width {
            canvas.drawLine(heading + "　" + keys, in: inner.row(row), style: theme[.header])
            row += 1
        } else {
            canvas.drawLine(heading.truncated(toWidth: inner.width, ellipsis: true), in: inner.row(row), style: theme[.header])
            if inner.height > 1 { canvas.drawLine(keys.truncated(toWidth: inner.width), in: inner.row(row + 1), style: theme[.header]) }
            row += 2
        }
        if let problem {
            for line in ("✗ " + problem).wrapped(toWidth: inner.width).prefix(max(1, inner.height - row)) {
                canvas.drawLine(line, in: inner.row(row), style: theme[.error])
                row += 1
            }
            return
        }
        guard document != nil else {
            canvas.drawLine("正在生成……", in: inner.row(row), style: theme[.dim])
            return
        }
        // Where the last print went, in full (the path is what the clerk needs).
        if let message = lastMessage {
            for line in message.wrapped(toWidth: inner.width).prefix(2) where row < inner.height {
                canvas.drawLine(line, in: inner.row(row), style: theme[.warning])
                row += 1
            }
        }
        guard row < inner.height else { return }
        canvas.drawLine(("── 预览（打印前核对；↑↓ PgUp/PgDn 翻看）" + String(repeating: "─", count: inner.width)).truncated(toWidth: inner.width),
                        in: inner.row(row), style: theme[.border])
        row += 1
        let height = inner.height - row
        guard height > 0 else { return }
        // Narrower than the 72-column text: wrapped, not cut off.
        // A centred line (title, issuer) loses its centring spaces first; a rule is cut to the width.
        let shown = inner.width >= 72 ? lines : lines.flatMap { line -> [String] in
            if line.displayWidth <= inner.width { return [line] }
            if line.allSatisfy({ $0 == "─" }) { return [line.truncated(toWidth: inner.width)] }
            return NoBreak.wrap(String(line.drop { $0 == " " }), width: inner.width)
        }
        let start = min(scroll, max(0, shown.count - height))
        for (r, line) in shown.dropFirst(start).prefix(height).enumerated() {
            canvas.drawLine(line.truncated(toWidth: inner.width), in: inner.row(row + r), style: theme[.normal])
        }
    }
}

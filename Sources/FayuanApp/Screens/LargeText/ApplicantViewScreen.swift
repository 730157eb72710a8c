import Foundation
import TerminalKit

/// What an applicant is shown to confirm: their name, the masked ID number, the matter, when the
/// centre will decide, what is still missing and what happens next — in plain words.
public struct ReadBack: Sendable, Equatable {
    public var name: String
    public var maskedID: String?
    public var matter: String
    /// e.g. "2026年6月15日"; nil when no deadline could be computed.
    public var decideBy: String?
    public var missingDocuments: [String]
    /// Where and by when to bring the missing documents, e.g. "请在 2026-12-17 之前交到 2 号窗口".
    public var bringDocuments: String?
    public var nextSteps: [String]

    public init(name: String, maskedID: String?, matter: String, decideBy: String?,
                missingDocuments: [String], bringDocuments: String? = nil, nextSteps: [String]) {
        self.name = name; self.maskedID = maskedID; self.matter = matter; self.decideBy = decideBy
        self.missingDocuments = missingDocuments; self.bringDocuments = bringDocuments; self.nextSteps = nextSteps
    }
}

/// 给群众看: the read-back screen the clerk turns towards an elderly applicant. One fact per
/// page (name, ID number, matter, decision date, missing documents and where to bring them, next
/// steps, the 12348 hotline), the key fact in big block letters scaled to the space, plain lines
/// beneath it that never overlap it, ↓ ↑ to scroll a page that does not fit, Enter for the next page.
/// Built from a `ReadBack`, so any screen that knows an applicant can open it.
public struct ApplicantViewScreen: Screen {
    public enum Action {
        /// Reads the page aloud (espeak-ng, Mandarin) for applicants who cannot read it.
        public static let speak: ActionID = "readback.speak"
    }

    public let readBack: ReadBack
    public private(set) var page = 0
    /// First line shown of the current page's plain lines (↓ ↑).
    public private(set) var scroll = 0

    public init(readBack: ReadBack) { self.readBack = readBack }

    /// A page: a heading in normal text, a short line in big text, and plain lines under it.
    struct Page: Equatable {
        let heading: String
        let big: String?
        let lines: [String]
    }

    static let hotline = "有疑问可以拨打 12348 公共法律服务热线（免费咨询）。"

    var pages: [Page] {
        var out = [Page(heading: "请核对您的姓名", big: readBack.name, lines: [])]
        if let id = readBack.maskedID {
            out.append(Page(heading: "请核对您的证件号码", big: nil, lines: ["证件号码：\(id)"]))
        }
        out.append(Page(heading: "您申请法律援助的事项", big: nil, lines: [readBack.matter]))
        if let decideBy = readBack.decideBy {
            out.append(Page(heading: "法律援助中心将在这一天之前告诉您结果", big: decideBy, lines: []))
        }
        if !readBack.missingDocuments.isEmpty {
            out.append(Page(heading: "还需要补交的材料", big: nil,
                            lines: readBack.missingDocuments.enumerated().map { "\($0.offset + 1). \($0.element)" }
                                + (readBack.bringDocuments.map { [$0] } ?? [])))
        }
        let steps = readBack.nextSteps.filter { !$0.contains("12348") }
        if !steps.isEmpty {
            out.append(Page(heading: "接下来", big: nil, lines: steps))
        }
        out.append(Page(heading: "有疑问请打电话", big: "12348", lines: [Self.hotline]))
        return out
    }

    public var keymapSection: String { "readback" }
    public var title: String { "请您核对（\(page + 1)/\(pages.count)）" }

    /// The words of the current page, as they are read aloud (masked values are never read).
    var spokenText: String {
        let p = pages[min(page, pages.count - 1)]
        return ([p.heading] + (p.big.map { [$0] } ?? []) + p.lines).joined(separator: "。")
    }

    struct Spoken: Sendable { let started: Bool }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .result(let spoken as Spoken) = msg {
            return [.status(spoken.started ? "正在朗读本页" : "本机没有安装 espeak-ng（语音合成），无法朗读", spoken.started ? .info : .warning)]
        }
        guard case .input(.action(let action)) = msg else { return [] }
        let current = pages[min(page, pages.count - 1)]
        switch action {
        case Action.speak:
            let text = spokenText
            return [.perform { _ in Spoken(started: CallAnnouncer.shared.speak(text)) }]
        case StandardAction.confirm, StandardAction.pageDown, StandardAction.right:
            if page + 1 < pages.count { page += 1; scroll = 0 }
        case StandardAction.pageUp, StandardAction.left:
            if page > 0 { page -= 1; scroll = 0 }
        case StandardAction.down:
            scroll = min(scroll + 1, max(0, current.lines.count * 4))
        case StandardAction.up:
            scroll = max(0, scroll - 1)
        case StandardAction.home:
            page = 0; scroll = 0
        default:
            break
        }
        return []
    }

    /// One piece of text placed on the page: big block letters or a plain line.
    struct Placed: Equatable {
        let rect: Rect
        let text: [String]
        let isBig: Bool
        let isHint: Bool
    }

    /// Where everything on the current page goes in `area`: heading, the big text (at the top of
    /// the body, at its real height), the plain lines below it (scrolled), and the hint line.
    func layout(area: Rect, spacing: Int = 1) -> (placed: [Placed], hiddenBelow: Int, notice: String?) {
        let current = pages[min(page, pages.count - 1)]
        var placed = [Placed(rect: area.row(0), text: [current.heading], isBig: false, isHint: false)]
        let bodyTop = area.y + (area.height >= 10 ? 2 : 1)
        let body = Rect(x: area.x, y: bodyTop, width: area.width, height: max(0, area.maxY - 1 - bodyTop))
        var lines: [String] = []
        for (i, line) in current.lines.enumerated() {
            if i > 0, spacing > 1 || body.height >= 12 { lines.append("") }
            lines += line.wrapped(toWidth: area.width)
        }
        var y = body.y
        var notice: String?
        if let big = current.big {
            // The big text gets what the first lines leave (at most a third of the body for them).
            let reserved = lines.isEmpty ? 0 : min(lines.count, max(1, body.height / 3)) + 1
            let space = Size(width: body.width, height: max(0, body.height - reserved))
            if let rows = BigText.bestRows(big, in: space, maxRows: 16) {
                let rendering = BigText.render(big, rows: rows, maxWidth: body.width, alignment: .center)
                let x = body.x + max(0, body.width - rendering.width) / 2
                placed.append(Placed(rect: Rect(x: x, y: y, width: rendering.width, height: rendering.height),
                                     text: rendering.lines, isBig: true, isHint: false))
                y += rendering.height + 1
            } else {
                // Not even 2 rows fit, or no glyph: the fact in plain bold text, never dropped.
                notice = BigText.measure(big, rows: 2) == nil ? BigText.fontMissingNotice : nil
                for piece in big.wrapped(toWidth: body.width) where y < body.maxY {
                    placed.append(Placed(rect: Rect(x: body.x, y: y, width: piece.displayWidth, height: 1), text: [piece],
                                         isBig: false, isHint: false))
                    y += 1
                }
                y += 1
            }
        }
        let start = min(scroll, max(0, lines.count - 1))
        var shown = 0
        for line in lines.dropFirst(start) where y < body.maxY {
            if !line.isEmpty {
                placed.append(Placed(rect: Rect(x: body.x, y: y, width: line.displayWidth, height: 1), text: [line],
                                     isBig: false, isHint: false))
            }
            y += 1
            shown += 1
        }
        let hidden = max(0, lines.count - start - shown)
        var hint = hidden > 0 ? "↓ 还有 \(hidden) 行　" : (start > 0 ? "↑ 上面还有 \(start) 行　" : "")
        hint += page + 1 < pages.count ? "按 回车 看下一页" : "已是最后一页；看完请把屏幕还给工作人员"
        placed.append(Placed(rect: area.row(area.height - 1), text: [hint], isBig: false, isHint: true))
        return (placed, hidden, notice)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        draw(&canvas, area: area.inset(left: 2, right: 2), theme: Theme.highContrast)
    }

    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        draw(&canvas, area: area, theme: context.theme, spacing: context.lineSpacing)
    }

    private func draw<C: Canvas>(_ canvas: inout C, area: Rect, theme: Theme, spacing: Int = 1) {
        canvas.clear(area, style: theme[.normal])
        let (placed, _, notice) = layout(area: area, spacing: spacing)
        for (i, item) in placed.enumerated() {
            let style = i == 0 ? theme[.header] : item.isHint ? theme[.info] : theme[.normal].adding(.bold)
            for (dy, line) in item.text.enumerated() {
                canvas.draw(line, at: Point(x: item.rect.x, y: item.rect.y + dy), style: style, clip: area)
            }
        }
        if let notice, area.height >= 4 {
            canvas.drawLine("（\(notice)）", in: area.row(area.height - 2), style: theme[.dim])
        }
    }
}

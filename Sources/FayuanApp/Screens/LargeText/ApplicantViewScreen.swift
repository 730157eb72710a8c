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
    public var nextSteps: [String]

    public init(name: String, maskedID: String?, matter: String, decideBy: String?,
                missingDocuments: [String], nextSteps: [String]) {
        self.name = name; self.maskedID = maskedID; self.matter = matter; self.decideBy = decideBy
        self.missingDocuments = missingDocuments; self.nextSteps = nextSteps
    }
}

/// 给群众看: the read-back screen the clerk turns towards an elderly applicant. One thing per
/// page, the key facts in big block letters, high contrast whatever the theme, Enter for the
/// next page. Built from a `ReadBack`, so any screen that knows an applicant can open it.
public struct ApplicantViewScreen: Screen {
    public enum Action {
        /// Reads the page aloud (espeak-ng, Mandarin) for applicants who cannot read it.
        public static let speak: ActionID = "readback.speak"
    }

    public let readBack: ReadBack
    public private(set) var page = 0

    public init(readBack: ReadBack) { self.readBack = readBack }

    /// A page: a heading in normal text, a short line in big text, and plain lines under it.
    struct Page: Equatable {
        let heading: String
        let big: String?
        let lines: [String]
    }

    var pages: [Page] {
        var out = [Page(heading: "请核对您的姓名和证件号码", big: readBack.name,
                        lines: readBack.maskedID.map { ["证件号码：\($0)"] } ?? [])]
        out.append(Page(heading: "您申请法律援助的事项", big: nil, lines: [readBack.matter]))
        if let decideBy = readBack.decideBy {
            out.append(Page(heading: "法律援助中心将在这一天之前告诉您结果", big: decideBy, lines: []))
        }
        if !readBack.missingDocuments.isEmpty {
            out.append(Page(heading: "还需要补交的材料", big: nil,
                            lines: readBack.missingDocuments.enumerated().map { "\($0.offset + 1). \($0.element)" }))
        }
        if !readBack.nextSteps.isEmpty {
            out.append(Page(heading: "接下来", big: nil, lines: readBack.nextSteps))
        }
        return out
    }

    public var keymapSection: String { "readback" }
    public var title: String { "请您核对（\(page + 1)/\(pages.count)）" }

    /// The words of the current page, as they are read aloud.
    var spokenText: String {
        let p = pages[min(page, pages.count - 1)]
        return ([p.heading] + (p.big.map { [$0] } ?? []) + p.lines).joined(separator: "。")
    }

    struct Spoken: Sendable { let started: Bool }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .result(let spoken as Spoken) = msg {
            return [.status(spoken.started ? "正在朗读本页" : "本机没有安装 espeak-ng，无法朗读（可 apt-get install espeak-ng）", spoken.started ? .info : .warning)]
        }
        guard case .input(.action(let action)) = msg else { return [] }
        switch action {
        case Action.speak:
            let text = spokenText
            return [.perform { _ in Spoken(started: CallAnnouncer.shared.speak(text)) }]
        case StandardAction.confirm, StandardAction.down, StandardAction.pageDown, StandardAction.right:
            if page + 1 < pages.count { page += 1 }
        case StandardAction.up, StandardAction.pageUp, StandardAction.left:
            if page > 0 { page -= 1 }
        case StandardAction.home:
            page = 0
        default:
            break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        draw(&canvas, area: area.inset(left: 2, right: 2), theme: Theme.highContrast)
    }

    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        draw(&canvas, area: area, theme: context.theme, spacing: context.lineSpacing)
    }

    private func draw<C: Canvas>(_ canvas: inout C, area: Rect, theme: Theme, spacing: Int = 1) {
        canvas.clear(area, style: theme[.normal])
        let current = pages[min(page, pages.count - 1)]
        canvas.drawLine(current.heading, in: area.row(0), style: theme[.header])
        var y = 2
        if let big = current.big {
            let bigArea = Rect(x: area.x, y: area.y + y, width: area.width, height: max(0, area.height - y - current.lines.count * 2 - 2))
            let rendering = BigText.draw(big, in: bigArea, on: &canvas, style: theme[.normal].adding(.bold))
            y += rendering.height + 1
            if let notice = rendering.notice {
                canvas.drawLine("（\(notice)）", in: area.row(area.height - 2), style: theme[.dim])
            }
        }
        for line in current.lines {
            for piece in line.wrapped(toWidth: area.width) where y < area.height - 1 {
                canvas.drawLine(piece, in: area.row(y), style: theme[.normal].adding(.bold))
                y += spacing
            }
            y += 1
        }
        let hint = (page + 1 < pages.count ? "按 回车 看下一页" : "已是最后一页；看完请把屏幕还给工作人员") + "　F5 朗读"
        canvas.drawLine(hint, in: area.row(area.height - 1), style: theme[.info])
    }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// What an applicant is shown to confirm: their name, their ID number (in full, through the
/// store's audited reveal, or as the clerk typed it in front of them), the matter, the decision or
/// when the centre will decide, the dates, what is still missing, where and by when to bring it,
/// and what happens next — in plain words.
public struct ReadBack: Sendable, Equatable {
    public var name: String
    public var maskedID: String?
    /// The full number as the clerk typed it at this terminal, in front of the applicant (it comes
    /// from the keyboard, not from the store, so showing it reveals nothing).
    public var typedID: String?
    /// A registered person: the full ID number is fetched through `CaseStore.revealPersonField`
    /// (permission, 保密 check and an audit entry, one transaction) when the ID page is shown.
    public var applicantID: Int64?
    public var matter: String
    /// The matter page's heading (a consultation: 您咨询的事项).
    public var matterHeading = "您申请法律援助的事项"
    /// Further lines about the matter (case number, the question asked).
    public var matterDetails: [String]
    /// The decision in a few words ("给予法律援助"), for a case that has one.
    public var decision: String?
    public var decisionDetails: [String]
    /// e.g. "2026年6月15日"; nil when no deadline could be computed.
    public var decideBy: String?
    /// Dates the applicant should know ("申请日期：2026年12月1日").
    public var dates: [String]
    public var missingDocuments: [String]
    /// Where and by when to bring the missing documents, e.g. "请在 2026-12-17 之前交到 2 号窗口".
    public var bringDocuments: String?
    public var nextSteps: [String]

    public init(name: String, maskedID: String?, typedID: String? = nil, applicantID: Int64? = nil, matter: String,
                matterDetails: [String] = [], decision: String? = nil, decisionDetails: [String] = [], decideBy: String?,
                dates: [String] = [], missingDocuments: [String], bringDocuments: String? = nil, nextSteps: [String]) {
        self.name = name; self.maskedID = maskedID; self.typedID = typedID; self.applicantID = applicantID
        self.matter = matter; self.matterDetails = matterDetails; self.decision = decision
        self.decisionDetails = decisionDetails; self.decideBy = decideBy; self.dates = dates
        self.missingDocuments = missingDocuments; self.bringDocuments = bringDocuments; self.nextSteps = nextSteps
    }

    /// 140525199001011234 → "140525 19900101 1234" (region, birth date, sequence): easier to
    /// check group by group, and big text can wrap between the groups.
    public static func grouped(_ id: String) -> String {
        let c = Array(id)
        guard c.count == 18 else { return id }
        return String(c[0..<6]) + " " + String(c[6..<14]) + " " + String(c[14...])
    }
}

/// 给群众看: the read-back screen the clerk turns towards an elderly applicant. One fact per
/// page (name, ID number in full, matter, decision, decision date, dates, missing documents and
/// where to bring them, next steps, the 12348 hotline), the key fact in big block letters scaled
/// to the space, plain lines beneath it that never overlap it, ↓ ↑ to scroll a page that does not
/// fit, Enter for the next page. Built from a `ReadBack`, so any screen that knows an applicant
/// can open it. While it is shown the idle lock waits (the applicant is reading), up to
/// `App.readBackIdleLimit`.
public struct ApplicantViewScreen: Screen {
    public enum Action {
        /// Reads the page aloud (espeak-ng, Mandarin) for applicants who cannot read it.
        public static let speak: ActionID = "readback.speak"
    }

    /// The ID number as this screen may show it.
    enum IDShown: Equatable {
        /// Not asked for yet (the ID page has not been reached) or nothing to reveal.
        case masked
        /// The store's reveal is under way.
        case revealing
        case full(String)
        /// The store refused (no permission, or a 保密 person for this clerk): masked, with why.
        case refused(String)
    }

    public let readBack: ReadBack
    let session: Session?
    public private(set) var page = 0
    /// First line shown of the current page's plain lines (↓ ↑).
    public private(set) var scroll = 0
    private(set) var id: IDShown = .masked
    /// Set once espeak-ng was found missing: said in words once, then only a short reminder.
    private var speechMissingSaid = false

    /// `session`: who is showing it (the reveal of a registered person's ID number names them in
    /// the audit log). Without one a registered person's number stays masked.
    public init(readBack: ReadBack, session: Session? = nil) {
        self.readBack = readBack
        self.session = session
        if let typed = readBack.typedID, !typed.isEmpty { id = .full(typed) }
    }

    /// A page: a heading in normal text, a short line in big text, and plain lines under it.
    struct Page: Equatable {
        let heading: String
        let big: String?
        let lines: [String]
        /// What is read aloud instead of `big` and `lines` (the ID page: never the number).
        var spoken: String?
        var isID = false
        /// Fewer rows than this per line and the big text is drawn plain instead: eighteen digits
        /// in 2–3 rows of quadrant blocks are harder to check than plain digits.
        var minimumBigRows = 2
    }

    static let hotline = "有疑问可以拨打 12348 公共法律服务热线（免费咨询）。"
    static let revealReason = "给群众看：申请人本人当面核对"

    var idPage: Page? {
        guard let masked = readBack.maskedID ?? readBack.typedID.map(PrivacyPolicy.maskIDNumber) else { return nil }
        let heading = "请核对您的证件号码"
        let spoken = heading + "。证件号码请看屏幕核对"
        switch id {
        case .full(let full):
            return Page(heading: heading, big: ReadBack.grouped(full), lines: ["证件号码：\(full)", "号码有误请告诉工作人员。"],
                        spoken: spoken, isID: true, minimumBigRows: 4)
        case .revealing:
            return Page(heading: heading, big: nil, lines: ["证件号码：\(masked)", "正在显示完整号码……"], spoken: spoken, isID: true)
        case .refused(let why):
            return Page(heading: heading, big: nil, lines: ["证件号码：\(masked)", "（\(why)）"], spoken: spoken, isID: true)
        case .masked:
            let note = readBack.applicantID == nil || session == nil ? [] : ["翻到本页时显示完整号码（记入审计日志）"]
            return Page(heading: heading, big: nil, lines: ["证件号码：\(masked)"] + note, spoken: spoken, isID: true)
        }
    }

    var pages: [Page] {
        var out = [Page(heading: "请核对您的姓名", big: readBack.name, lines: [])]
        if let idPage { out.append(idPage) }
        out.append(Page(heading: readBack.matterHeading, big: nil, lines: [readBack.matter] + readBack.matterDetails))
        if let decision = readBack.decision {
            out.append(Page(heading: "处理结果", big: decision, lines: readBack.decisionDetails))
        }
        if let decideBy = readBack.decideBy {
            out.append(Page(heading: "法律援助中心将在这一天之前告诉您结果", big: decideBy, lines: []))
        }
        if !readBack.dates.isEmpty {
            out.append(Page(heading: "重要日期", big: nil, lines: readBack.dates))
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

    /// The reveal of a registered person's number, when the ID page is reached the first time.
    private mutating func revealIfDue() -> [Effect] {
        guard id == .masked, pages[min(page, pages.count - 1)].isID, let person = readBack.applicantID,
              let op = session?.operatorRecord else { return [] }
        id = .revealing
        let reason = Self.revealReason
        return [.perform { env in
            do {
                return Revealed(value: try env.store.revealPersonField(person, .idNumber, reason: reason, by: op), refusal: nil)
            } catch {
                return Revealed(value: nil, refusal: "\(error)")
            }
        }]
    }

    struct Revealed: Sendable {
        let value: String?
        let refusal: String?
    }

    public var keymapSection: String { "readback" }
    public var title: String { "请您核对（\(page + 1)/\(pages.count)）" }

    /// The words of the current page, as they are read aloud (the ID number and masked values
    /// are never read: the hall can hear).
    var spokenText: String {
        let p = pages[min(page, pages.count - 1)]
        if let spoken = p.spoken { return spoken }
        return ([p.heading] + (p.big.map { [$0] } ?? []) + p.lines).joined(separator: "。")
    }

    /// The applicant is reading: the idle lock waits (up to `App.readBackIdleLimit`).
    public var holdsIdleLock: Bool { true }

    struct Spoken: Sendable {
        let started: Bool
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .result(let spoken as Spoken):
            if spoken.started { return [.status("正在朗读本页", .info)] }
            // Said once in words; later presses get the short form.
            defer { speechMissingSaid = true }
            return [.status(speechMissingSaid ? "无法朗读：没有 espeak-ng"
                            : "本机没有安装语音合成程序 espeak-ng，无法朗读；请工作人员读给群众听（安装：apt install espeak-ng）", .warning)]
        case .result(let r as Revealed):
            if let value = r.value, !value.isEmpty {
                id = .full(value)
                return [.status("已向群众显示完整证件号码（此次查看已记入审计日志）", .warning)]
            }
            id = .refused(r.refusal ?? "案件库中没有证件号码")
            return []
        case .result(is PerformFailed):
            if id == .revealing { id = .refused("无法显示完整号码") }
            return []
        case .resumed:
            return revealIfDue()
        case .input(.action(let action)):
            return handle(action)
        default:
            return []
        }
    }

    private mutating func handle(_ action: ActionID) -> [Effect] {
        let current = pages[min(page, pages.count - 1)]
        switch action {
        case Action.speak:
            let text = spokenText
            let station = session?.station
            return [.perform { env in
                // The voice chosen in 系统设置 → 语音 (a station's own setting first).
                let name = try? station.map { try env.store.queueSetting("voice_name", station: $0) } ?? env.store.consoleSettings().voiceName
                return Spoken(started: CallAnnouncer.shared.speak(text, voice: CallAnnouncer.voiceName(name)))
            }]
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
        return revealIfDue()
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
        var start = min(scroll, max(0, lines.count - 1))
        var scrolledAway = false
        if let big = current.big {
            // The big text gets what the first lines leave (at most a third of the body for them).
            let reserved = lines.isEmpty ? 0 : min(lines.count, max(1, body.height / 3)) + 1
            let space = Size(width: body.width, height: max(0, body.height - reserved))
            let readable = { (rows: Int?) in rows.flatMap { $0 >= current.minimumBigRows ? $0 : nil } }
            var fitting = readable(BigText.bestRows(big, in: space, maxRows: 16))
            var fillsBody = false
            if fitting == nil, reserved > 0,
               let rows = readable(BigText.bestRows(big, in: Size(width: body.width, height: body.height), maxRows: 16)) {
                // Big only if it has the whole body (the ID number at 48×14): the lines come
                // below it, and the first ↓ scrolls the big text away to show them.
                fitting = rows
                fillsBody = true
            }
            if fillsBody && scroll > 0 {
                scrolledAway = true
                start = min(scroll - 1, max(0, lines.count - 1))
            } else if let rows = fitting {
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
        var hint = hidden > 0 ? "↓ 还有 \(hidden) 行　" : (start > 0 ? "↑ 上面还有 \(start) 行　" : scrolledAway ? "↑ 上面还有大字　" : "")
        hint += page + 1 < pages.count ? "按 回车 看下一页" : "已是最后一页；看完请把屏幕还给工作人员"
        placed.append(Placed(rect: area.row(area.height - 1), text: [hint], isBig: false, isHint: true))
        return (placed, hidden, notice)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        draw(&canvas, area: area.inset(left: 2, right: 2), theme: App.largeTextTheme(for: context.theme))
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

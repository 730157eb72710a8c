import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 评查: the 100-point score sheet for a closed file, with the peer reviewer, the running total and
/// the grade; a failing file earns no case subsidy (不合格案件不予发放补贴).
public struct QualityReviewScreen: Screen {
    struct Saved: Sendable { var scored: ScoreSheet.Scored }

    let session: Session
    let detail: CaseDetail
    let sheet: ScoreSheet
    private(set) var form: Form
    private var problem: String?
    private var saved = false

    public init(session: Session, detail: CaseDetail, sheet: ScoreSheet = .standard) {
        self.session = session
        self.detail = detail
        self.sheet = sheet
        var fields = [
            FormField(id: "kind", label: "评查方式", widget: .select(SelectList(options: [
                SelectOption(id: "peer", label: "同行评估"), SelectOption(id: "administrative", label: "行政评查"),
                SelectOption(id: "spot_check", label: "抽查"),
            ], selectedID: "peer")), isRequired: true, width: 10),
            FormField(id: "peer", label: "评查人", widget: .text(TextField(text: detail.peerReviewer ?? "")), isRequired: true, width: 12),
        ]
        for item in sheet.items {
            fields.append(FormField(id: "item." + item.code, label: "\(item.label)（\(item.maxPoints)）",
                                    widget: .number(NumberField(range: 0...item.maxPoints)), isRequired: true, width: 4))
        }
        fields.append(FormField(id: "note", label: "评查意见", widget: .note(NoteField(enterInsertsNewline: false)), rows: 1))
        form = Form(fields: fields)
    }

    public var keymapSection: String { "case_form" }
    public var title: String { "案件质量评查" }
    public var acceptsText: Bool { true }
    public var isDirty: Bool { form.isDirty && !saved }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    var points: [Int?] { sheet.items.map { Int(form.field("item." + $0.code)?.value ?? "") } }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .result(let s as Saved):
            saved = true
            let subsidy = s.scored.grade.earnsSubsidy ? "" : "；不合格案件不予发放补贴"
            return [.status("评查已记录：\(s.scored.total) 分，\(s.scored.grade.label)\(subsidy)", s.scored.grade.earnsSubsidy ? .success : .warning), .pop]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.save)):
            guard form.validateAll() else {
                problem = "请先改正标有 ✗ 的栏目"
                return [.status(problem!, .error)]
            }
            let pts = points.map { $0 ?? 0 }
            let v = form.values
            let caseID = detail.board.id, role = session.role, by = session.operatorID, sheet = self.sheet
            let kind = v["kind"] ?? "peer", peer = v["peer"] ?? "", note = v["note"] ?? ""
            return [.perform { env in
                let day = CaseFormat.today(env)
                if kind == "peer" { try env.store.assignPeerReviewer(caseID, name: peer, role: role, by: by) }
                return Saved(scored: try env.store.recordQualityReview(caseID, points: pts, sheet: sheet, kind: kind, peerName: peer,
                                                                       note: note, on: day, role: role, by: by))
            }]
        case .input(let input):
            _ = form.handle(input)
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let b = detail.board
        canvas.drawLine("\(b.caseNumber ?? "（未编号）") · \(b.applicantName) · 承办 \(b.providerName ?? "—")　F2 保存，Esc 返回",
                        in: inner.row(0), style: theme[.header])
        let total = points.compactMap { $0 }.reduce(0, +)
        let complete = !points.contains(nil)
        let grade = sheet.grade(total: total)
        let summary = complete
            ? "合计 \(total)/\(sheet.total) 分 · \(grade.label)" + (grade.earnsSubsidy ? " · 可发放办案补贴" : " · ✗ 不合格案件不予发放补贴")
            : "已评 \(total) 分（满分 \(sheet.total)，尚有未评项）　优秀≥\(sheet.excellentFrom) 良好≥\(sheet.goodFrom) 合格≥\(sheet.passFrom)"
        canvas.drawLine(summary, in: inner.row(1), style: theme[complete ? (grade.earnsSubsidy ? .success : .error) : .info])
        let bottom = problem == nil ? 0 : 1
        var f = form
        f.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2 - bottom), on: &canvas,
                 theme: theme, focused: true)
        if let problem { canvas.drawLine("✗ " + problem, in: inner.row(inner.height - 1), style: theme[.error]) }
    }
}

/// 评查抽样: draws a reproducible sample of closed cases (rate and seed recorded), lists the cases
/// drawn; each then gets its score sheet from the case detail (评查, key r).
public struct QualitySampleScreen: Screen {
    struct Drawn: Sendable { var sample: QualitySample; var numbers: [String] }

    let session: Session
    private(set) var form: Form
    private var drawn: Drawn?
    private var problem: String?

    public init(session: Session) {
        self.session = session
        form = Form(fields: [
            FormField(id: "from", label: "结案日期自", widget: .date(DateField()), isRequired: true, width: 12),
            FormField(id: "to", label: "至", widget: .date(DateField()), isRequired: true, width: 12),
            FormField(id: "rate", label: "抽样比例（%）", widget: .number(NumberField(value: 30, range: 1...100)), isRequired: true, width: 5),
            FormField(id: "seed", label: "随机种子", widget: .number(NumberField(range: 0...999_999_999)), isRequired: true, width: 12),
        ])
    }

    public var keymapSection: String { "case_form" }
    public var title: String { "评查抽样" }
    public var acceptsText: Bool { true }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where form.field("to")?.value.isEmpty == true:
            return [TodayIs.fetch()]
        case .result(let today as TodayIs):
            form.update("from") { $0.widget.setValue(String(today.day.prefix(4)) + "-01-01") }
            form.update("to") { $0.widget.setValue(today.day) }
            // A seed anyone can read off the record: the date and time it was drawn.
            form.update("seed") { $0.widget.setValue(String(today.local.filter(\.isNumber).suffix(9))) }
            form.markClean()
        case .result(let d as Drawn):
            drawn = d
            problem = nil
            return [.status("已抽取 \(d.sample.caseIDs.count) 件（共 \(d.sample.population) 件，比例 \(d.sample.ratePercent)%，种子 \(d.sample.seed)），抽样已记录", .success)]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.save)):
            guard form.validateAll() else { return [.status("请先改正标有 ✗ 的栏目", .error)] }
            let v = form.values
            let from = v["from"] ?? "", to = v["to"] ?? ""
            let rate = Int(v["rate"] ?? "") ?? 30, seed = UInt64(v["seed"] ?? "") ?? 0
            let role = session.role, by = session.operatorID
            return [.perform { env in
                let s = try env.store.drawQualitySample(closedFrom: from, closedTo: to, ratePercent: rate, seed: seed, role: role, by: by)
                let numbers = try s.caseIDs.map { try env.store.aidCase(id: $0)?.caseNumber ?? "#\($0)" }
                return Drawn(sample: s, numbers: numbers)
            }]
        case .input(let input):
            _ = form.handle(input)
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        canvas.drawLine("从已结案件中随机抽取；同一种子可复现同一结果　F2 抽样，Esc 返回", in: inner.row(0), style: theme[.header])
        var f = form
        f.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: 5), on: &canvas, theme: theme, focused: true)
        var y = inner.y + 8
        if let problem {
            canvas.drawLine("✗ " + problem, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.error])
            y += 1
        }
        guard let d = drawn else { return }
        canvas.drawLine("第 \(d.sample.id) 次抽样：\(d.sample.closedFrom) 至 \(d.sample.closedTo) 结案 \(d.sample.population) 件，抽 \(d.numbers.count) 件：",
                        in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.info])
        y += 1
        for line in d.numbers.joined(separator: "  ").wrapped(toWidth: inner.width).prefix(max(0, inner.maxY - y)) {
            canvas.drawLine(line, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[.normal])
            y += 1
        }
    }
}

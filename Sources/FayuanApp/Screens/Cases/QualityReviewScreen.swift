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
            markItemsOverMaximum()
        default: break
        }
        return []
    }

    /// An item above its maximum is marked at the item at once (not only on save), and the
    /// summary line shows no total or grade until it is corrected.
    private mutating func markItemsOverMaximum() {
        for item in sheet.items {
            let id = "item." + item.code
            guard let value = form.field(id).flatMap({ Int($0.value) }) else { continue }
            if value > item.maxPoints || value < 0 {
                form.setError(ScoreSheet.overMaximumMessage(item, got: value), for: id)
            } else if form.field(id)?.error != nil {
                form.setError(nil, for: id)
            }
        }
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let b = detail.board
        canvas.drawLine("\(b.caseNumber ?? "（未编号）") · \(b.applicantName) · 承办 \(b.providerName ?? "—")　\(context.keymap.hint(StandardAction.save)) 保存，Esc 返回",
                        in: inner.row(0), style: theme[.header])
        let summary: String
        let style: Role
        switch sheet.tally(points) {
        case .outOfRange(let item, _):
            summary = "✗ “\(item.label)”超过满分 \(item.maxPoints) 分：改正后才计合计和等级"
            style = .error
        case .incomplete(let sum):
            summary = "已评 \(sum) 分（满分 \(sheet.total)，尚有未评项）　优秀≥\(sheet.excellentFrom) 良好≥\(sheet.goodFrom) 合格≥\(sheet.passFrom)"
            style = .info
        case .complete(let scored):
            summary = "合计 \(scored.total)/\(sheet.total) 分 · \(scored.grade.label)"
                + (scored.grade.earnsSubsidy ? " · 可发放办案补贴" : " · ✗ 不合格案件不予发放补贴")
            style = scored.grade.earnsSubsidy ? .success : .error
        }
        canvas.drawLine(summary, in: inner.row(1), style: theme[style])
        let bottom = problem == nil ? 0 : 1
        var f = form
        f.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2 - bottom), on: &canvas,
                 theme: theme, focused: true)
        if let problem { canvas.drawLine("✗ " + problem, in: inner.row(inner.height - 1), style: theme[.error]) }
    }
}

/// 评查抽样 (案件看板 F7): draws a reproducible sample of closed cases (rate and seed recorded) and
/// lists EVERY sampled case still awaiting its score sheet — this is where sampled cases are found
/// (documented in README “质量评查”). The list scrolls within the screen at any size; Tab moves
/// from the form to the list, Enter opens the selected case's 评查 score sheet.
public struct QualitySampleScreen: Screen {
    struct Drawn: Sendable { var sample: QualitySample; var numbers: [String] }
    struct Awaiting: Sendable { var cases: [BoardCase]; var causes: [String] }
    struct OpenReview: Sendable { var detail: CaseDetail }

    let session: Session
    private(set) var form: Form
    private var drawn: Drawn?
    private var problem: String?
    private(set) var awaiting: [BoardCase] = []
    private var table = Table(columns: [TableColumn("案号", width: .fixed(22)), TableColumn("受援人", width: .fixed(8)),
                                        TableColumn("承办人", width: .fixed(8)), TableColumn("结案日期", width: .fixed(10)),
                                        TableColumn("案由", width: .fill(1))])
    /// The list has the keys (↑↓, PgUp/PgDn, Enter) instead of the form.
    private(set) var listFocused = false

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
    public var acceptsText: Bool { !listFocused }
    public func isEnabled(_ action: ActionID) -> Bool { true }

    static func loadAwaiting() -> Effect {
        .perform { env in
            var filter = BoardFilter()
            filter.awaitingReview = true
            let cases = try env.store.pipelineBoard(filter).sorted { ($0.caseNumber ?? "", $0.id) < ($1.caseNumber ?? "", $1.id) }
            return Awaiting(cases: cases, causes: cases.map { CaseFormat.causeLabel($0.cause, rules: env.rules) })
        }
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where form.field("to")?.value.isEmpty == true:
            return [TodayIs.fetch(), Self.loadAwaiting()]
        case .resumed:
            return [Self.loadAwaiting()]
        case .result(let today as TodayIs):
            form.update("from") { $0.widget.setValue(String(today.day.prefix(4)) + "-01-01") }
            form.update("to") { $0.widget.setValue(today.day) }
            // A seed anyone can read off the record: the date and time it was drawn.
            form.update("seed") { $0.widget.setValue(String(today.local.filter(\.isNumber).suffix(9))) }
            form.markClean()
        case .result(let a as Awaiting):
            awaiting = a.cases
            table.setRows(zip(a.cases, a.causes).map { c, cause in
                [c.caseNumber ?? "#\(c.id)", c.applicantName, c.providerName ?? "—", c.closedOn ?? "", cause]
            })
            if awaiting.isEmpty { listFocused = false }
        case .result(let d as Drawn):
            drawn = d
            problem = nil
            return [.status("已抽取 \(d.sample.caseIDs.count) 件（共 \(d.sample.population) 件），已列入下方待评查清单", .success),
                    Self.loadAwaiting()]
        case .result(let open as OpenReview):
            return [.push(QualityReviewScreen(session: session, detail: open.detail))]
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
        case .input(.action(StandardAction.nextField)) where !listFocused && form.focusedField?.id == "seed" && !awaiting.isEmpty,
             .input(.action(StandardAction.previousField)) where !listFocused && form.focusedField?.id == "from" && !awaiting.isEmpty:
            listFocused = true
            if table.selectedRow == nil { table.select(row: 0) }
        case .input(.action(StandardAction.nextField)) where listFocused,
             .input(.action(StandardAction.previousField)) where listFocused:
            listFocused = false
        case .input(.action(StandardAction.confirm)) where listFocused:
            guard let i = table.selectedRow, awaiting.indices.contains(i) else { return [] }
            let id = awaiting[i].id
            return [.perform { env in OpenReview(detail: try env.store.caseDetail(id)) }]
        case .input(let input) where listFocused:
            _ = table.handle(input)
        case .input(let input):
            _ = form.handle(input)
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        canvas.drawLine("从已结案件中随机抽取，同一种子可复现　\(context.keymap.hint(StandardAction.save)) 抽样　Tab 到清单　Enter 评查", in: inner.row(0), style: theme[.header])
        var f = form
        let formRows = min(5, max(0, inner.height - 1))
        f.render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: formRows), on: &canvas, theme: theme,
                 focused: !listFocused)
        var y = inner.y + 1 + formRows
        func line(_ text: String, _ role: Role) {
            guard y < inner.maxY else { return }
            canvas.drawLine(text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[role])
            y += 1
        }
        if let problem { line("✗ " + problem, .error) }
        if let d = drawn {
            line("第 \(d.sample.id) 次抽样：\(d.sample.closedFrom) 至 \(d.sample.closedTo) 结案 \(d.sample.population) 件，"
                 + "比例 \(d.sample.ratePercent)%，种子 \(d.sample.seed)，抽中 \(d.numbers.count) 件", .info)
        }
        line(awaiting.isEmpty ? "待评查：没有已抽中而未评分的案件" : "待评查（已抽中、未评分）\(awaiting.count) 件：", .normal)
        guard !awaiting.isEmpty, y < inner.maxY else { return }
        var t = table
        t.render(in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), on: &canvas, theme: theme, focused: listFocused)
    }
}

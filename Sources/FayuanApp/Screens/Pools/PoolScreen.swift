import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 人员库: the register of aid providers and its pools, one list at a time (←→ changes list):
/// 人员名册 (by category and specialty), 志愿律师库, 名优律师团 with the year's 亲自办理 count
/// against 5, 值班律师库, 评查专家库, 志愿者 (Enter: the volunteer's record), “1+1”结对.
/// F3 draws a quality-review panel for a closed case; F4 prints the published list (or, on the
/// 名优 list, the yearly count) as an A4 paper after a preview.
public struct PoolScreen: Screen {
    public enum Action {
        public static let drawPanel: ActionID = "pool.draw_panel"
        public static let print: ActionID = "pool.print"
    }

    enum View: Int, CaseIterable, Sendable {
        case register, volunteerLawyers, leadingLawyers, dutyLawyers, reviewExperts, volunteers, pairs

        var label: String {
            switch self {
            case .register: return "人员名册"
            case .volunteerLawyers: return PoolCode.volunteerLawyers.label
            case .leadingLawyers: return PoolCode.leadingLawyers.label
            case .dutyLawyers: return PoolCode.dutyLawyers.label
            case .reviewExperts: return PoolCode.reviewExperts.label
            case .volunteers: return "志愿者"
            case .pairs: return "“1+1”结对"
            }
        }

        var pool: PoolCode? {
            switch self {
            case .volunteerLawyers: return .volunteerLawyers
            case .leadingLawyers: return .leadingLawyers
            case .dutyLawyers: return .dutyLawyers
            case .reviewExperts: return .reviewExperts
            default: return nil
            }
        }
    }

    struct Loaded: Sendable {
        var view: View
        var day: String
        var register: [RegisterEntry] = []
        var leading: [LeadingYearEntry] = []
        var volunteers: [VolunteerEntry] = []
        var pairs: [MentorshipEntry] = []
    }

    struct OpenVolunteer: Sendable { var detail: VolunteerDetail }

    let session: Session
    private(set) var view: View = .register
    private var loaded: Loaded?
    private var table = Table(columns: [])
    private var problem: String?

    public init(session: Session) {
        self.session = session
        table = Self.table(for: .register)
    }

    public var keymapSection: String { "pool" }
    public var title: String { "人员库" }
    public func isEnabled(_ action: ActionID) -> Bool {
        switch action {
        case Action.drawPanel: return AccessPolicy.allows(session.role, .qualityReview)
        case Action.print: return view != .volunteers && view != .pairs && !(loaded?.register.isEmpty ?? true)
        default: return action != StandardAction.save
        }
    }

    static func table(for view: View) -> Table {
        switch view {
        case .register:
            return Table(columns: [TableColumn("姓名", width: .fixed(8)), TableColumn("类别", width: .fixed(10)),
                                   TableColumn("执业机构", width: .fixed(18)), TableColumn("专业领域", width: .fixed(14)),
                                   TableColumn("人员库", width: .fill(1))])
        case .leadingLawyers:
            return Table(columns: [TableColumn("姓名", width: .fixed(8)), TableColumn("执业机构", width: .fixed(18)),
                                   TableColumn("入库", width: .fixed(10)), TableColumn("亲自办理", width: .fixed(8), alignment: .right),
                                   TableColumn("仅带教", width: .fixed(6), alignment: .right), TableColumn("年度", width: .fill(1))])
        case .volunteerLawyers, .dutyLawyers, .reviewExperts:
            return Table(columns: [TableColumn("姓名", width: .fixed(8)), TableColumn("执业机构", width: .fixed(18)),
                                   TableColumn("入库", width: .fixed(10)), TableColumn("期满", width: .fixed(10)),
                                   TableColumn("状态", width: .fixed(6)), TableColumn("专业领域", width: .fill(1))])
        case .volunteers:
            return Table(columns: [TableColumn("姓名", width: .fixed(8)), TableColumn("状态", width: .fixed(6)),
                                   TableColumn("服务技能", width: .fixed(16)), TableColumn("计入时长", width: .fixed(10), alignment: .right),
                                   TableColumn("星级", width: .fixed(10)), TableColumn("本年失约/投诉", width: .fill(1))])
        case .pairs:
            return Table(columns: [TableColumn("带教律师", width: .fixed(10)), TableColumn("青年律师", width: .fixed(10)),
                                   TableColumn("开始", width: .fixed(10)), TableColumn("结束", width: .fixed(10)),
                                   TableColumn("结对案件", width: .fill(1))])
        }
    }

    static func load(_ view: View) -> Effect {
        .perform { env in
            let day = CaseFormat.today(env)
            let date = LocalDate(iso: day)
            var l = Loaded(view: view, day: day)
            l.register = try env.store.poolRegister(pool: view.pool, on: date)
            switch view {
            case .leadingLawyers: l.leading = try env.store.leadingLawyerYear(date?.year ?? 2026)
            case .volunteers: l.volunteers = try env.store.volunteers(year: date?.year)
            case .pairs: l.pairs = try env.store.mentorships()
            default: break
            }
            return l
        }
    }

    private mutating func show(_ l: Loaded) {
        loaded = l
        view = l.view
        table = Self.table(for: l.view)
        switch l.view {
        case .register:
            table.setRows(l.register.map { e in
                [e.name, e.kindLabel, e.firm ?? "", e.specialtyLabels.joined(separator: "、"),
                 e.pools.filter { $0.status == PoolMemberStatus.active.rawValue }.map(\.poolLabel).joined(separator: "、")]
            })
        case .leadingLawyers:
            let joined = Dictionary(uniqueKeysWithValues: l.register.map { e in
                (e.id, e.pools.first { $0.pool == PoolCode.leadingLawyers.rawValue }?.joinedOn ?? "")
            })
            table.setRows(l.leading.map { e in
                [e.name, e.firm ?? "", joined[e.providerID] ?? "", String(e.personalCount), String(e.mentorOnlyCount),
                 e.figure + (e.belowMinimum ? " ✗ 不足\(e.minimum)件" : " ✓")]
            })
        case .volunteerLawyers, .dutyLawyers, .reviewExperts:
            let code = l.view.pool!.rawValue
            table.setRows(l.register.map { e in
                let m = e.pools.first { $0.pool == code }
                return [e.name, e.firm ?? "", m?.joinedOn ?? "", m?.validTo ?? "—", m?.statusLabel ?? "",
                        e.specialtyLabels.joined(separator: "、")]
            })
        case .volunteers:
            table.setRows(l.volunteers.map { v in
                [v.name, v.statusLabel, v.skills, VolunteerRules.hoursText(v.countedMinutes), v.starText,
                 "\(v.missedServicesThisYear)/\(v.complaintsThisYear)"
                    + (VolunteerRules.proposedRemoval(missedServices: v.missedServicesThisYear,
                                                      qualityComplaints: v.complaintsThisYear).isEmpty ? "" : " ✗ 达清退条件")]
            })
        case .pairs:
            table.setRows(l.pairs.map { p in [p.mentorName, p.menteeName, p.startedOn, p.endedOn ?? "—", "\(p.caseIDs.count) 件"] })
        }
        if table.selectedRow == nil, table.rows.count > 0 { table.select(row: 0) }
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return [Self.load(view)]
        case .result(let l as Loaded):
            problem = nil
            show(l)
        case .result(let open as OpenVolunteer):
            return [.push(VolunteerDetailScreen(detail: open.detail))]
        case .result(let failed as PerformFailed):
            problem = failed.message
        case .input(.action(StandardAction.left)):
            let next = View(rawValue: (view.rawValue + View.allCases.count - 1) % View.allCases.count)!
            view = next
            return [Self.load(next)]
        case .input(.action(StandardAction.right)), .input(.action(StandardAction.nextField)):
            let next = View(rawValue: (view.rawValue + 1) % View.allCases.count)!
            view = next
            return [Self.load(next)]
        case .input(.action(StandardAction.confirm)):
            guard view == .volunteers, let i = table.selectedRow, let v = loaded?.volunteers, v.indices.contains(i) else { return [] }
            let id = v[i].id
            return [.perform { env in
                OpenVolunteer(detail: try env.store.volunteerDetail(id, year: LocalDate(iso: CaseFormat.today(env))?.year))
            }]
        case .input(.action(Action.drawPanel)):
            guard isEnabled(Action.drawPanel) else {
                return [.status(PermissionDenied(role: session.role, permission: .qualityReview).description, .error)]
            }
            return [.push(PanelDrawScreen(session: session))]
        case .input(.action(Action.print)):
            guard isEnabled(Action.print), let l = loaded else {
                return [.status(view == .volunteers || view == .pairs ? "此清单不公布；到人员名册或各人员库打印" : "没有可打印的人员", .error)]
            }
            return [.push(Self.preview(view: view, day: l.day))]
        case .input(let input):
            _ = table.handle(input)
        default: break
        }
        return []
    }

    /// 打印预览 of the published list of the current view, or of the 名优 yearly count.
    static func preview(view: View, day: String) -> PaperPreviewScreen {
        let year = Int(day.prefix(4)) ?? 2026
        if view == .leadingLawyers {
            return PaperPreviewScreen(heading: "\(year)年度名优律师办案情况", build: { env in
                try PoolDocuments.leadingYear(try env.store.leadingLawyerYear(year), year: year,
                                              issuer: try DutyDocuments.issuer(env.store), day: day)
            }, output: { env, doc in
                try PoolDocuments.output(doc, fileStem: "名优律师年度办案情况-\(year)", store: env.store, year: year)
            })
        }
        let pool = view.pool
        return PaperPreviewScreen(heading: (pool?.label ?? "法律援助人员") + "名册（向社会公布）", build: { env in
            try PoolDocuments.register(try env.store.poolRegister(pool: pool, publishedOnly: true, on: LocalDate(iso: day)), pool: pool,
                                       issuer: try DutyDocuments.issuer(env.store), day: day)
        }, output: { env, doc in
            try PoolDocuments.output(doc, fileStem: (pool?.label ?? "法律援助人员") + "名册-\(day)", store: env.store, year: year)
        })
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let tabs = View.allCases.map { $0 == view ? "【\($0.label)】" : $0.label }.joined(separator: " ")
        canvas.drawLine(tabs, in: inner.row(0), style: theme[.header])
        var summary: String
        switch view {
        case .register: summary = "在册 \(loaded?.register.count ?? 0) 人　按类别、专业领域登记，向社会公布"
        case .leadingLawyers:
            let short = loaded?.leading.filter(\.belowMinimum).count ?? 0
            summary = "\(loaded?.day.prefix(4) ?? "")年 成员 \(loaded?.leading.count ?? 0) 人，亲自办理不足5件 \(short) 人（仅带教的结对案件不计）"
        case .volunteers: summary = "志愿者 \(loaded?.volunteers.count ?? 0) 人　每日计入不超过8小时　Enter 查看服务记录"
        case .pairs: summary = "结对 \(loaded?.pairs.count ?? 0) 对"
        default: summary = "在库 \(loaded?.register.count ?? 0) 人"
        }
        summary += "　←→ 换清单"
        canvas.drawLine(summary, in: inner.row(1), style: theme[.info])
        var bottom = inner.maxY
        if let problem {
            bottom -= 1
            canvas.drawLine("✗ " + problem, in: Rect(x: inner.x, y: bottom, width: inner.width, height: 1), style: theme[.error])
        }
        guard bottom > inner.y + 2 else { return }
        if table.rows.count == 0 {
            canvas.drawLine(loaded == nil ? "读取中……" : "（本清单暂无人员）", in: inner.row(2), style: theme[.normal])
            return
        }
        var t = table
        t.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: bottom - inner.y - 2), on: &canvas, theme: theme, focused: true)
    }
}

/// 志愿服务记录: one volunteer's services (counted hours never above 8 a day; overflow with its
/// note), incidents, and the Art 20 proposal — numbers masked.
public struct VolunteerDetailScreen: Screen {
    let detail: VolunteerDetail
    private var table: Table

    public init(detail: VolunteerDetail) {
        self.detail = detail
        table = Table(columns: [TableColumn("日期", width: .fixed(10)), TableColumn("计入", width: .fixed(8), alignment: .right),
                                TableColumn("超出", width: .fixed(8), alignment: .right), TableColumn("服务内容", width: .fixed(20)),
                                TableColumn("说明", width: .fill(1))])
        table.setRows(detail.services.map { s in
            [s.day, VolunteerRules.hoursText(s.countedMinutes), s.overflowMinutes > 0 ? VolunteerRules.hoursText(s.overflowMinutes) : "",
             s.activity, s.overflowNote]
        })
    }

    public var keymapSection: String { "pool" }
    public var title: String { "志愿者 \(detail.volunteer.name)" }
    public func isEnabled(_ action: ActionID) -> Bool {
        if action == PoolScreen.Action.print { return !detail.services.isEmpty }
        return action != StandardAction.save && action != PoolScreen.Action.drawPanel
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .input(.action(PoolScreen.Action.print)):
            guard isEnabled(PoolScreen.Action.print) else { return [.status("尚无服务记录，不能出具证明", .error)] }
            let id = detail.volunteer.id
            return [.push(PaperPreviewScreen(heading: "法律援助志愿服务记录证明", build: { env in
                try PoolDocuments.volunteerCertificate(try env.store.volunteerDetail(id), issuer: try DutyDocuments.issuer(env.store),
                                                       day: CaseFormat.today(env))
            }, output: { env, doc in
                let day = CaseFormat.today(env)
                return try PoolDocuments.output(doc, fileStem: "志愿服务记录证明-\(id)-\(day)", store: env.store, year: Int(day.prefix(4)) ?? 2026)
            }))]
        case .input(let input):
            _ = table.handle(input)
        default: break
        }
        return []
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        let v = detail.volunteer
        var y = inner.y
        func line(_ text: String, _ role: Role) {
            guard y < inner.maxY else { return }
            canvas.drawLine(text, in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: theme[role])
            y += 1
        }
        line("\(v.name)　\(v.statusLabel)　证件 \(v.idMasked ?? "—")　电话 \(v.phoneMasked ?? "—")　注册编号 \(v.platformNo ?? "未注册")", .header)
        line("技能：\(v.skills)　服务时间：\(v.availability.isEmpty ? "—" : v.availability)", .normal)
        line("累计计入 \(VolunteerRules.hoursText(v.countedMinutes))　星级 \(v.starText)（\(v.stars) 星）　本年失约 \(v.missedServicesThisYear) 次、投诉 \(v.complaintsThisYear) 次", .info)
        if let due = v.exitDueOn, v.status == VolunteerStatus.exiting.rawValue {
            line("退出中：\(v.exitRequestedOn ?? "") 申请，\(due) 前办结（15 个工作日）", .warning)
        }
        if !detail.proposedRemoval.isEmpty {
            line("✗ 达清退条件：" + detail.proposedRemoval.joined(separator: "；") + "（由审查人决定，不自动清退）", .error)
        }
        for i in detail.incidents.suffix(3) { line("· \(i.day) \(i.kindLabel)：\(i.note)", .normal) }
        guard y < inner.maxY else { return }
        if detail.services.isEmpty {
            line("（尚无服务记录）", .normal)
            return
        }
        var t = table
        t.render(in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), on: &canvas, theme: theme, focused: true)
    }
}

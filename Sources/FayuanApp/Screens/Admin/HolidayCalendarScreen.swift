import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// 节假日安排录入: an administrator enters a year from the State Council notice — for each
/// statutory holiday its days off (date ranges) and its make-up working days (调休上班) — checks
/// the month view and the working-day count shown beside the form, and saves it (F2) as a site
/// rule file (holidays-YYYY.yaml in the first writable site rules directory, the format of
/// rules/calendar/). The save is audited, and the rule library is reloaded at once, so deadlines
/// and rosters of that year stop being 暂定 immediately, and `fayuan calendar` sees the file.
public struct HolidayCalendarScreen: Screen {
    struct Loaded: Sendable {
        var year: Int
        var today: LocalDate
        /// The notice already loaded for the year (bundled or a site file), to edit again.
        var existing: HolidayNotice?
        var calendar: HolidayCalendar
    }

    struct Saved: Sendable {
        var year: Int
        var path: String
        var workingDays: Int
        var calendar: HolidayCalendar
    }

    let session: Session
    private var requestedYear: Int?
    private var loaded: Loaded?
    private var form = Form(fields: [])
    private var saved: String?

    public init(session: Session, year: Int? = nil) {
        self.session = session
        requestedYear = year
    }

    public var keymapSection: String { "site_rules" }
    public var title: String { "节假日安排录入" }
    public var acceptsText: Bool { loaded != nil }
    public var isDirty: Bool { form.isDirty }

    public func isEnabled(_ action: ActionID) -> Bool {
        if action == StandardAction.save { return loaded != nil && AccessPolicy.allows(session.role, .manageSiteRules) }
        return true
    }

    var year: Int { Int(form.field("year")?.value ?? "") ?? loaded?.year ?? 0 }

    // MARK: Update

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed where loaded == nil:
            let wanted = requestedYear
            return [.perform { env in
                let today = CaseFormat.localDay(env.clock(), timeZone: env.timeZone).0
                let calendar = env.rules.calendar
                let year = wanted ?? Self.defaultYear(today: today, calendar: calendar)
                return Self.load(year: year, today: today, calendar: calendar)
            }]
        case .result(let l as Loaded):
            loaded = l
            form = Self.makeForm(year: l.year, existing: l.existing)
            return []
        case .result(let s as Saved):
            saved = "已保存：全年工作日 \(s.workingDays) 天，站点规则文件 " + (s.path.split(separator: "/").last.map(String.init) ?? s.path)
            loaded?.calendar = s.calendar
            form.markClean()
            return [.status("已保存 \(s.year) 年节假日安排，规则库已重新载入，\(s.year) 年的期限和排班不再是暂定", .success)]
        case .input(.action(StandardAction.save)):
            return save()
        case .input(let input) where loaded != nil:
            let before = form.focusIndex
            let yearBefore = form.field("year")?.value
            _ = form.handle(input)
            if form.focusIndex != before {
                if form.fields[before].id == "year", yearBefore != nil, let newYear = Int(form.field("year")?.value ?? ""),
                   form.field("year")?.error == nil, newYear != loaded?.year {
                    return changeYear(to: newYear)
                }
                crossCheck()
            }
            saved = nil
        default: break
        }
        return []
    }

    static func defaultYear(today: LocalDate, calendar: HolidayCalendar) -> Int {
        if calendar.isProvisional(year: today.year + 1) { return today.year + 1 }
        if calendar.isProvisional(year: today.year) { return today.year }
        return today.year + 1
    }

    static func load(year: Int, today: LocalDate, calendar: HolidayCalendar) -> Loaded {
        let existing = calendar.isProvisional(year: year) ? nil : calendar.table(for: year).map(HolidayNotice.from)
        return Loaded(year: year, today: today, existing: existing, calendar: calendar)
    }

    /// A different year: start again from that year's notice (or an empty form).
    private mutating func changeYear(to newYear: Int) -> [Effect] {
        guard var l = loaded else { return [] }
        let fresh = Self.load(year: newYear, today: l.today, calendar: l.calendar)
        l.year = newYear
        l.existing = fresh.existing
        loaded = l
        form = Self.makeForm(year: newYear, existing: fresh.existing)
        form.focus(id: "source")
        return [.status("改为录入 \(newYear) 年" + (fresh.existing == nil ? "" : "（已载入该年通知，可修改）"), .info)]
    }

    static func makeForm(year: Int, existing: HolidayNotice?) -> Form {
        var fields = [
            FormField(id: "year", label: "年份", widget: .number(NumberField(value: year, range: 1900...2100)),
                      isRequired: true, width: 6),
            FormField(id: "source", label: "通知名称", widget: .text(TextField(
                text: existing?.source ?? "国务院办公厅关于\(year)年部分节假日安排的通知", maxLength: 80)),
                      isRequired: true, width: 40),
        ]
        for (index, name) in HolidayNotice.holidayNames.enumerated() {
            let entry = existing?.entries.first { $0.name == name }
            fields.append(FormField(
                id: "off\(index)", label: name + "放假",
                widget: .text(TextField(text: entry?.off.map(\.text).joined(separator: ", ") ?? "",
                                        placeholder: "YYYY-MM-DD..YYYY-MM-DD", maxLength: 120)),
                width: 23, validator: { value in
                    if case .failure(let e) = HolidayNotice.parseSpans(value, year: year) { return e.message }
                    return nil
                }))
            fields.append(FormField(
                id: "makeup\(index)", label: name + "调休",
                widget: .text(TextField(text: entry?.makeUp.map(\.iso).joined(separator: ", ") ?? "",
                                        placeholder: "调休上班日，逗号分隔", maxLength: 120)),
                width: 23, validator: { value in
                    if case .failure(let e) = HolidayNotice.parseMakeUp(value, year: year) { return e.message }
                    return nil
                }))
        }
        return Form(fields: fields)
    }

    /// The notice as entered so far (fields that do not parse are left out).
    var notice: HolidayNotice {
        let values = form.values
        let entries = HolidayNotice.holidayNames.enumerated().map { index, name in
            HolidayNotice.Entry(
                name: name,
                off: (try? HolidayNotice.parseSpans(values["off\(index)"] ?? "", year: year).get()) ?? [],
                makeUp: (try? HolidayNotice.parseMakeUp(values["makeup\(index)"] ?? "", year: year).get()) ?? [])
        }
        return HolidayNotice(year: year, source: values["source"]?.trimmingCharacters(in: .whitespaces) ?? "",
                             entries: entries)
    }

    /// Overlaps and clashes between holidays, shown at the field that causes them.
    @discardableResult
    private mutating func crossCheck() -> Bool {
        let problems = notice.problems()
        for index in HolidayNotice.holidayNames.indices {
            for field in ["off", "makeup"] {
                let id = "\(field)\(index)"
                let own = form.fields.first { $0.id == id }?.validationMessage()
                let cross = problems.first { $0.entry == index && ($0.field == "off" ? "off" : "makeup") == field }?.message
                form.setError(own ?? cross, for: id)
            }
        }
        return problems.isEmpty
    }

    private mutating func save() -> [Effect] {
        guard loaded != nil else { return [] }
        guard AccessPolicy.allows(session.role, .manageSiteRules) else {
            return [.status("只有管理员可以录入节假日安排", .error)]
        }
        guard form.validateAll() else { return [.status("有填写错误，请按标 ✗ 的提示改正", .error)] }
        guard crossCheck() else {
            if let first = form.fields.first(where: { $0.error != nil }) { form.focus(id: first.id) }
            return [.status("放假日或调休上班日有冲突，请按标 ✗ 的提示改正", .error)]
        }
        let notice = self.notice
        guard notice.entries.contains(where: { !$0.off.isEmpty }) else {
            form.setError("至少录入一个放假日期", for: "off0")
            form.focus(id: "off0")
            return [.status("没有录入任何放假日期", .error)]
        }
        let op = session.operatorRecord
        let today = loaded!.today
        return [.perform { env in
            let text = notice.yaml(enteredBy: op.name, on: today)
            let year = notice.holidayYear
            let offCount = year.offDays.count, makeUpCount = year.makeUpWorkdays.count
            let written = try SiteRuleWriter.write(fileName: notice.fileName, text: text, location: env.siteRules) { w in
                try env.store.recordSiteRuleFile(
                    action: w.before == nil ? "create" : "update", subject: "\(notice.year)年节假日安排", path: w.path,
                    before: w.before, after: w.after,
                    detail: "\(notice.source)；放假 \(offCount) 天、调休上班 \(makeUpCount) 天，全年工作日 \(year.workingDayCount) 天",
                    by: .operatorRecord(op))
            }
            env.replaceRules(written.library)
            return Saved(year: notice.year, path: written.path, workingDays: year.workingDayCount,
                         calendar: written.library.calendar)
        }]
    }

    // MARK: View

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        guard let loaded else {
            canvas.drawLine("正在读取节假日表……", in: area.row(0).inset(left: 1), style: theme[.dim])
            return
        }
        let inner = area.inset(left: 1, right: 1)
        let provisional = loaded.calendar.isProvisional(year: year)
        let state = provisional ? "目前按暂定日历（放假办法推算）" : "已有通知，可修改后重新保存"
        canvas.drawLine("按国务院办公厅通知录入 \(year) 年放假和调休上班日　\(state)", in: inner.row(0), style: theme[.header])
        let columns = Layout.split(inner.inset(top: 2), .horizontal, [.fill(1), .fixed(2), .fixed(28)])
        var form = self.form
        form.render(in: Rect(x: columns[0].x, y: columns[0].y, width: columns[0].width, height: columns[0].height - 1),
                    on: &canvas, theme: theme, focused: true)
        if let saved {
            canvas.drawLine("✓ " + saved, in: inner.row(inner.height - 1), style: theme[.success])
        } else {
            canvas.drawLine("放假写区间 2027-02-05..2027-02-12；调休上班写单个周六或周日；\(context.keymap.hint(StandardAction.save)) 保存",
                            in: inner.row(inner.height - 1), style: theme[.dim])
        }
        drawSide(&canvas, in: columns[2], theme: theme, loaded: loaded)
    }

    /// Large text: one field at a time, as every form screen does.
    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        guard loaded != nil else { return }
        var form = self.form
        form.renderLarge(in: area, on: &canvas, theme: context.theme, focused: true)
    }

    /// The month of the focused holiday (its entered dates, else its statutory date this year).
    var shownMonth: Int {
        guard let id = form.focusedField?.id, let index = Int(id.filter(\.isNumber)),
              HolidayNotice.holidayNames.indices.contains(index) else { return 1 }
        let entry = notice.entries[index]
        if let first = entry.off.first?.from ?? entry.makeUp.first { return first.month }
        return StatutoryHolidays.holidays(year: year)?[index].days.first?.month ?? 1
    }

    private func drawSide<C: Canvas>(_ canvas: inout C, in rect: Rect, theme: Theme, loaded: Loaded) {
        let table = notice.holidayYear
        let month = shownMonth
        canvas.drawLine("\(year)年\(month)月（录入内容）", in: rect.row(0), style: theme[.label])
        canvas.drawLine(" 一  二  三  四  五  六  日", in: rect.row(1), style: theme[.dim])
        guard let first = LocalDate(year: year, month: month, day: 1) else { return }
        let offset = first.weekday.rawValue - 1
        let length = LocalDate.daysIn(month: month, year: year)
        for day in 1...length {
            let cell = offset + day - 1
            let date = first.adding(days: day - 1)
            let mark = table.makeUpWorkdays.contains(date) ? "班" : (table.offDays.contains(date) ? "休" : "  ")
            let text = (day < 10 ? " \(day)" : "\(day)") + mark
            let x = rect.x + (cell % 7) * 4
            let y = rect.y + 2 + cell / 7
            let role: Role = mark == "  " ? (date.weekday.isWeekend ? .dim : .normal) : (mark == "班" ? .warning : .success)
            canvas.draw(text, at: Point(x: x, y: y), style: theme[role], clip: rect)
        }
        canvas.drawLine("休 放假　班 调休上班", in: rect.row(9), style: theme[.dim])
        let provisionalCount = StatutoryHolidays.provisionalYear(year)?.workingDayCount
        canvas.drawLine("按录入：全年工作日 \(table.workingDayCount) 天", in: rect.row(11), style: theme[.normal])
        canvas.drawLine("放假 \(table.offDays.count) 天，调休上班 \(table.makeUpWorkdays.count) 天", in: rect.row(12), style: theme[.normal])
        if let provisionalCount {
            canvas.drawLine("暂定日历：全年工作日 \(provisionalCount) 天", in: rect.row(13), style: theme[.dim])
        }
    }
}

/// The administrator's home-screen reminder: from November on, when next year has no holiday
/// notice, every deadline and roster day in it is provisional until the notice is entered.
public enum HolidayReminder {
    public static func text(context: ViewContext, key: String) -> String? {
        let today = CaseFormat.localDay(context.now, timeZone: context.environment.timeZone).0
        return text(today: today, calendar: context.environment.rules.calendar, key: key)
    }

    public static func text(today: LocalDate, calendar: HolidayCalendar, key: String) -> String? {
        let next = today.year + 1
        guard today.month >= 11, calendar.isProvisional(year: next) else { return nil }
        return "\(next) 年节假日安排尚未录入，目前按暂定日历计算期限（按 \(key) 录入）"
    }
}

import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// The three reports (`fayuan report monthly|quarterly|targets`, the Reports screen, F-key
/// exports): one loader, so the screen and the CLI show the same figures from the same query.
public enum ReportKind: String, Sendable, Codable, CaseIterable {
    case monthly, quarterly, targets

    public var label: String {
        switch self {
        case .monthly: return "法律援助工作月报"
        case .quarterly: return "季度工作及专项资金使用报告"
        case .targets: return "目标任务完成进度"
        }
    }
}

/// Everything a report shows, loaded in one read: the period's figures, the year to date, the
/// stations' consultations against the allocation table, and (quarterly) the fund lines.
public struct ReportData: Sendable {
    public var kind: ReportKind
    public var period: ReportPeriod
    public var scope: ReportScope
    public var scopeName: String
    public var asOf: LocalDate
    public var targets: TargetTable?
    public var figures: IndicatorFigures
    /// 1 January of the period's year up to the period's end (or `asOf`, if earlier).
    public var yearToDate: IndicatorFigures
    public var yearToDatePeriod: ReportPeriod
    /// Month by month over the period's year up to its end (sparklines).
    public var months: [IndicatorFigures]
    public var stations: [StationConsultations]
    public var stationsYearToDate: [StationConsultations]
    public var fund: FundReport?
    public var causeLabels: [String: String]
    public var groupLabels: [String: String]
    /// 预约、上门与远程视频 (issue 23 part 2): the period's figures, nil for the targets report.
    public var appointments: AppointmentFigures? = nil

    /// The period's figure against its target (the target pro rata for a part of the year).
    public func progress(_ id: IndicatorID) -> TargetProgress {
        TargetProgress.evaluate(id, value: figures.value(id), period: period, asOf: asOf, table: targets, station: scope.stationCode)
    }

    /// The year to date against the yearly target, with the pace for the rest of the year.
    public func yearProgress(_ id: IndicatorID) -> TargetProgress {
        TargetProgress.evaluate(id, value: yearToDate.value(id), period: .year(period.from.year), asOf: min(asOf, yearToDatePeriod.to),
                                table: targets, station: scope.stationCode)
    }

    /// The monthly values of one indicator (nil where there is nothing to compute).
    public func series(_ id: IndicatorID) -> [Double?] { months.map { $0.value(id).number } }
}

public enum ReportBuilder {
    /// Civil and administrative causes from the rule library; criminal cases store the
    /// applicant's role (刑事案件的受援人身份) in the same column.
    public static func causeLabels(_ rules: RuleLibrary) -> [String: String] {
        var labels = Dictionary(uniqueKeysWithValues: rules.causes.map { ($0.code, $0.label) })
        for role in CriminalRole.allCases { labels[role.rawValue] = "刑事：" + role.label }
        return labels
    }

    /// Loads a report. `asOf` is today: it decides the year-to-date, what is due by now and
    /// whether an unarchived case is already late. Needs `viewReports` (the store checks).
    public static func load(_ kind: ReportKind, period: ReportPeriod, scope: ReportScope = .county, asOf: LocalDate,
                            store: CaseStore, rules: RuleLibrary, role: OperatorRole) throws -> ReportData {
        let stations = try store.stations()
        let centre = stations.first { $0.kind == .countyCentre }
        let region = centre?.code ?? ""
        let table = rules.targetTable(region: region, year: period.from.year)
        let limit = table?.archiveLimitDays ?? 30
        let scopeName: String
        if let code = scope.stationCode {
            guard let s = stations.first(where: { $0.code == code }) else { throw StoreError.notFound(entity: "站点", id: code) }
            scopeName = s.name
        } else {
            scopeName = centre.map { $0.name.replacingOccurrences(of: "公共法律服务中心", with: "") + "（全县）" } ?? "全部站点"
        }
        let yearStart = LocalDate(year: period.from.year, month: 1, day: 1)!
        let ytd = ReportPeriod(kind: .range, from: yearStart, to: max(yearStart, min(period.to, asOf)))
        let figures = try store.indicatorFigures(period: period, scope: scope, archiveLimitDays: limit, today: asOf, role: role)
        let yearToDate = try store.indicatorFigures(period: ytd, scope: scope, archiveLimitDays: limit, today: asOf, role: role)
        let months = try store.monthlyFigures(period: ReportPeriod(kind: .range, from: yearStart, to: period.to.year == yearStart.year ? period.to : LocalDate(year: yearStart.year, month: 12, day: 31)!),
                                              scope: scope, archiveLimitDays: limit, today: asOf, role: role)
        let byStation = scope.stationCode == nil ? try store.consultationsByStation(period: period, role: role) : []
        let byStationYTD = scope.stationCode == nil ? try store.consultationsByStation(period: ytd, role: role) : []
        var fund: FundReport?
        if kind == .quarterly, period.kind == .quarter {
            fund = try store.fundReport(quarter: period.code)
        }
        return ReportData(kind: kind, period: period, scope: scope, scopeName: scopeName, asOf: asOf, targets: table,
                          figures: figures, yearToDate: yearToDate, yearToDatePeriod: ytd, months: months,
                          stations: byStation, stationsYearToDate: byStationYTD, fund: fund,
                          causeLabels: causeLabels(rules),
                          groupLabels: Dictionary(uniqueKeysWithValues: rules.groups.map { ($0.code, $0.label) }),
                          appointments: kind == .targets ? nil : try store.appointmentFigures(period: period, scope: scope, role: role))
    }
}

/// A report as tables of text: what the text, CSV and XLSX outputs and the JSON all carry.
public struct ReportTable: Sendable, Codable, Equatable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
}

public struct ReportDocument: Sendable, Codable, Equatable {
    public var title: String
    public var lines: [String]
    public var tables: [ReportTable]
    public var notes: [String]
}

/// One indicator as the JSON carries it: the number, its text, the target and the verdict.
public struct IndicatorLine: Sendable, Codable, Equatable {
    public var id: String
    public var label: String
    public var unit: String
    public var value: Double?
    public var text: String
    public var detail: String
    public var target: Double?
    public var expected: Double?
    public var status: String
    public var yearToDate: Double?
    public var yearTarget: Double?
    public var yearStatus: String
    public var pacePerMonth: Int?
    public var definition: String
}

extension ReportData {
    public var indicatorLines: [IndicatorLine] {
        IndicatorID.allCases.map { id in
            let p = progress(id), y = yearProgress(id)
            return IndicatorLine(id: id.rawValue, label: id.label, unit: id.unit, value: figures.value(id).number,
                                 text: figures.value(id).short(id.unit), detail: figures.value(id).detailed(id.unit),
                                 target: p.target, expected: p.expected, status: p.status.rawValue,
                                 yearToDate: yearToDate.value(id).number, yearTarget: y.target, yearStatus: y.status.rawValue,
                                 pacePerMonth: y.pace?.perMonth, definition: id.definition)
        }
    }

    static func number(_ value: Double?, _ id: IndicatorID) -> String {
        guard let value else { return "—" }
        switch id.kind {
        case .count: return IndicatorValue.fixed(value, 0)
        case .rate: return IndicatorValue.fixed(value, 1) + "%"
        case .perTenThousand: return IndicatorValue.fixed(value, 2) + "‱"
        case .average: return IndicatorValue.fixed(value, 1) + id.unit
        }
    }

    static func verdict(_ p: TargetProgress) -> String {
        p.status == .none ? "—" : "\(p.status.mark) \(p.status.label)"
    }

    public var document: ReportDocument {
        let title = "\(scopeName)\(period.label)\(kind.label)"
        var lines = ["统计期间：\(period.from.iso) 至 \(period.to.iso)（\(period.label)）",
                     "截至：\(asOf.iso)　本年累计：\(yearToDatePeriod.from.iso) 至 \(yearToDatePeriod.to.iso)"]
        if let targets { lines.append("目标依据：\(targets.source)（\(targets.id)）") } else { lines.append("目标依据：本年度无目标数据") }
        if kind == .monthly { lines.append("报送期限：\(period.dueOn.iso) 前报上级中心") }
        var tables: [ReportTable] = []
        let ids: [IndicatorID] = kind == .targets
            ? IndicatorID.allCases.filter { targets?.target($0, station: scope.stationCode) != nil } : IndicatorID.allCases
        if kind != .targets {
            tables.append(ReportTable(title: "主要指标", columns: ["指标", "本期", "算式", "本期目标", "状态", "本年累计", "全年目标", "全年进度"],
                                      rows: ids.map { id in
                let p = progress(id), y = yearProgress(id), v = figures.value(id)
                return [id.label, v.short(id.unit), v.detailed(id.unit), Self.number(p.target, id), Self.verdict(p),
                        yearToDate.value(id).short(id.unit), Self.number(y.target, id), Self.verdict(y)]
            }))
        }
        tables.append(ReportTable(title: "目标任务进度（本年累计）", columns: ["指标", "全年目标", "本年累计", "应完成", "状态", "余下进度"],
                                  rows: IndicatorID.allCases.compactMap { id in
            let y = yearProgress(id)
            guard y.target != nil else { return nil }
            return [id.label, Self.number(y.target, id), yearToDate.value(id).short(id.unit),
                    y.expected.map { Self.number($0, id) } ?? "—", Self.verdict(y), y.pace?.text(id.unit) ?? "—"]
        }))
        if !stations.isEmpty {
            let ytd = Dictionary(uniqueKeysWithValues: stationsYearToDate.map { ($0.code, $0) })
            tables.append(ReportTable(title: "各站点法律咨询（任务分配表）",
                                      columns: ["站点", "本期", "本年累计", "全年目标", "完成率", "状态", "余下每月需", "满意率"],
                                      rows: stations.map { s in
                let y = ytd[s.code]
                let done = y?.consultations ?? 0
                let target = targets?.target(.consultations, station: s.code)
                let p = TargetProgress.evaluate(.consultations, value: .count(done), period: .year(period.from.year),
                                                asOf: min(asOf, yearToDatePeriod.to), table: targets, station: s.code)
                let share = target.map { $0 > 0 ? IndicatorValue.fixed(Double(done) * 100 / $0, 1) + "%" : "—" } ?? "—"
                let sat = IndicatorValue.rate(.init(numerator: s.satisfied, denominator: s.rated)).short("%")
                return [s.name.replacingOccurrences(of: "公共法律服务工作站", with: "").replacingOccurrences(of: "泽州县公共法律服务中心", with: "县中心"),
                        String(s.consultations), String(done), target.map { IndicatorValue.fixed($0, 0) } ?? "—", share,
                        Self.verdict(p), p.pace?.perMonth.map(String.init) ?? "—", sat]
            }))
        }
        if kind != .targets {
            tables.append(ReportTable(title: "受理案件按案由", columns: ["案由", "件数"],
                                      rows: figures.acceptedByCause.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                                          .map { [causeLabels[$0.key] ?? $0.key, String($0.value)] }))
            tables.append(ReportTable(title: "受理案件按人群（一人可属多类）", columns: ["人群", "件数"],
                                      rows: figures.acceptedByGroup.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                                          .map { [groupLabels[$0.key] ?? $0.key, String($0.value)] }))
        }
        if let fund {
            tables.append(ReportTable(title: "惠民工程专项资金使用（已核定或已发放）", columns: ["月份", "值班人次", "值班补贴（元）", "特殊群体案件", "办案补贴（元）"],
                                      rows: fund.months.map { [$0.month, String($0.duties), Money.yuan($0.dutyFen), String($0.cases), Money.yuan($0.caseFen)] }
                                      + [["合计", String(fund.months.map(\.duties).reduce(0, +)), Money.yuan(fund.dutyFen),
                                          String(fund.months.map(\.cases).reduce(0, +)), Money.yuan(fund.caseFen)]]))
        }
        if let a = appointments, a.bookings + a.homeVisits + a.remoteByStation.count > 0 {
            tables.append(ReportTable(title: "预约、上门与远程视频服务", columns: ["项目", "本期"], rows: Self.appointmentRows(a, groupLabels: groupLabels)))
        }
        var notes = ["各项指标的定义见 docs/indicators.md；状态：✓ 已完成，○ 进度正常，▼ 落后（按全年目标和已过天数折算）。"]
        if let fund { notes.append("资金使用情况应于 \(fund.dueOn) 前报县司法局。") }
        return ReportDocument(title: title, lines: lines, tables: tables, notes: notes)
    }
}

extension ReportData {
    /// The rows of the appointment section: bookings by channel and mode (on the service day),
    /// completion / no-show / cancellation rates, days to service, home visits by group, remote
    /// sessions per station.
    static func appointmentRows(_ a: AppointmentFigures, groupLabels: [String: String]) -> [[String]] {
        func pct(_ n: Int) -> String { a.rate(n).map { IndicatorValue.fixed($0, 1) + "%（\(n)）" } ?? "—" }
        var rows = [["预约（按服务日）", String(a.bookings)]]
        for c in AppointmentChannel.allCases where a.byChannel[c.rawValue] != nil {
            rows.append(["　渠道：\(c.label)", String(a.byChannel[c.rawValue]!)])
        }
        for m in AppointmentMode.allCases where a.byMode[m.rawValue] != nil {
            rows.append(["　方式：\(m.label)", String(a.byMode[m.rawValue]!)])
        }
        rows += [["完成率", pct(a.done)], ["爽约率", pct(a.noShow)], ["取消率", pct(a.cancelled)],
                 ["预约至服务平均天数", a.averageDaysToService.map { IndicatorValue.fixed($0, 1) + "天" } ?? "—"],
                 ["上门服务次数", String(a.homeVisits)]]
        for (code, n) in a.homeVisitsByGroup.sorted(by: { $0.key < $1.key }) {
            rows.append(["　上门：\(code == "elderly" ? "老年人（60岁以上）" : groupLabels[code] ?? code)", String(n)])
        }
        for (name, n) in a.remoteByStation.sorted(by: { $0.key < $1.key }) {
            rows.append(["远程视频：\(name)", String(n)])
        }
        return rows
    }
}

import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The duty programme's papers: 值班表公示 (a station's month, or the whole county's, posted at the
/// station) and the monthly 值班补贴发放表 (the approved ledger with a signature column per person).
/// Both are `Document`s (PDF and text from one model), written under
/// `<print folder>/<year>/值班/` (0700, files 0600) and sent to the printer set in 系统设置.
public enum DutyDocuments {
    /// What became of one paper.
    public struct Output: Sendable, Equatable {
        public var pdfPath: String
        public var textPath: String
        public var printer: String?
        public var printFailed: Bool
        public var message: String
    }

    /// 2026-12 → 2026年12月.
    static func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return month }
        return "\(y)年\(m)月"
    }

    /// The issuer: the county centre (the station that runs the programme), else the first station.
    public static func issuer(_ store: CaseStore) throws -> String {
        let stations = try store.stations()
        return (stations.first { $0.kind == .countyCentre } ?? stations.first)?.name ?? "法律援助中心"
    }

    // MARK: 值班表公示

    /// The month's duties of `stationName` (nil: every station, one table each), as posted.
    /// Names and duty hours only: the notice hangs in public.
    public static func rosterNotice(month: String, shifts: [DutyShiftView], stationName: String?, issuer: String,
                                    day: String) throws -> Document {
        let kept = shifts.filter { $0.shift.status != "cancelled" && (stationName == nil || $0.stationName == stationName) }
        guard !kept.isEmpty else {
            throw StoreError.invalidInput(field: "month", message: "\(stationName ?? "各站点")\(monthLabel(month))还没有排班，不能出具值班表公示")
        }
        var order: [String] = []
        var byStation: [String: [DutyShiftView]] = [:]
        for s in kept.sorted(by: { ($0.shift.day, $0.shift.startsAt) < ($1.shift.day, $1.shift.startsAt) }) {
            if byStation[s.stationName] == nil { order.append(s.stationName) }
            byStation[s.stationName, default: []].append(s)
        }
        let place = stationName ?? "本县各公共法律服务站点"
        var blocks: [Block] = [
            .paragraph("为方便群众就近获得法律服务，现将\(place)\(monthLabel(month))公共法律服务值班安排公示如下。"
                       + "值班时间内，群众可到站点免费咨询法律问题、申请法律援助；值班安排如有变动，另行公示。"),
        ]
        for station in order {
            let rows = byStation[station]!.map { s -> [String] in
                let date = LocalDate(iso: s.shift.day)
                return [date.map { "\($0.month)月\($0.day)日" } ?? s.shift.day, date?.weekday.label ?? "",
                        "\(s.shift.startsAt)—\(s.shift.endsAt)", s.providerName, RosterPolicy.kindLabels[s.providerKind] ?? s.providerKind]
            }
            blocks.append(.heading(station))
            blocks.append(.table(DocumentTable(header: ["日期", "星期", "值班时间", "值班人员", "人员类别"], rows: rows,
                                               widths: [1.1, 0.9, 1.7, 1.3, 2.4])))
        }
        blocks.append(.paragraph("共 \(kept.count) 班。对值班人员的服务有意见的，可向\(issuer)反映，也可拨打公共法律服务热线 12348。"))
        return Document(kind: .rosterNotice, title: "\(monthLabel(month))值班表公示",
                        issuer: issuer, blocks: blocks, seal: Seal(issuer: issuer, date: day))
    }

    // MARK: 值班补贴发放表

    /// 1290 元 → "1290.00" (a payroll shows fen).
    static func amount(_ fen: Int) -> String {
        let a = abs(fen)
        return (fen < 0 ? "−" : "") + "\(a / 100)." + String(format: "%02d", a % 100)
    }

    /// The approved (核定) and paid (发放) ledger lines of `month`, one row per person with the duty
    /// and case subsidy, the total, its state and an empty cell for the recipient's signature.
    /// Lines still to approve or held as 待核实 are not on it; the foot says how many there are.
    /// Personal data: names and organisations only (the store keeps no ID or bank numbers for
    /// providers; a phone would be masked).
    public static func subsidyPayroll(month: String, accounts: [SubsidyAccount], providers: [Provider], issuer: String,
                                      day: String) throws -> Document {
        let organisation = Dictionary(providers.compactMap { p in p.id.map { ($0, p.organisation ?? "") } }, uniquingKeysWith: { a, _ in a })
        var rows: [[String]] = []
        var totalFen = 0, dutyTotal = 0, caseTotal = 0, people = 0
        for a in accounts.sorted(by: { $0.statement.providerName < $1.statement.providerName }) {
            let lines = a.posted.filter(\.counts)
            let duty = lines.filter { $0.key.hasPrefix("duty") }.reduce(0) { $0 + $1.amountFen }
            let cases = lines.filter { !$0.key.hasPrefix("duty") }.reduce(0) { $0 + $1.amountFen }
            // Nothing to hand over (a public-sector lawyer's duties are approved at 0): not on the sheet.
            guard duty + cases != 0 else { continue }
            people += 1
            let paid = lines.allSatisfy { $0.status == .paid }
            let duties = a.statement.lines.filter { $0.kind == .duty }.count
            rows.append([String(people), a.statement.providerName + (paid ? "（已发放）" : ""), organisation[a.statement.providerID] ?? "",
                         String(duties), amount(duty), amount(cases), amount(duty + cases), ""])
            totalFen += duty + cases; dutyTotal += duty; caseTotal += cases
        }
        guard !rows.isEmpty else {
            throw StoreError.invalidInput(field: "month", message: "\(monthLabel(month))还没有核定的补贴，不能出具发放表（先在补贴明细中核定）")
        }
        rows.append(["", "合计", "", "", amount(dutyTotal), amount(caseTotal), amount(totalFen), ""])
        let pendingLines = accounts.reduce(0) { $0 + $1.due.count }
        let pendingFen = accounts.reduce(0) { $0 + $1.dueFen }
        let held = accounts.reduce(0) { $0 + $1.unverified.count }
        var blocks: [Block] = [
            .paragraph("根据值班补贴台账，\(monthLabel(month))已核定的值班补贴和办案补贴如下，共 \(people) 人，"
                       + "合计人民币 \(amount(totalFen)) 元。领取人核对无误后在本人一行签名。金额单位：元。"),
            .table(DocumentTable(header: ["序号", "姓名", "所在单位", "班次", "值班补贴", "办案补贴", "合计", "领取人签名"],
                                 rows: rows, widths: [0.6, 1.5, 2.4, 0.6, 1.1, 1.1, 1.1, 1.7])),
        ]
        if pendingLines > 0 || held > 0 {
            var rest: [String] = []
            if pendingLines > 0 { rest.append("待核定 \(pendingLines) 行共 \(amount(pendingFen)) 元") }
            if held > 0 { rest.append("待核实 \(held) 班") }
            blocks.append(.paragraph("另有" + rest.joined(separator: "、") + "，核定后另行发放，不列入本表。"))
        }
        blocks.append(.paragraph("资金来源：惠民工程专项资金（值班补贴、特殊群体案件补贴）和法律援助业务经费（其他办案补贴）。"))
        blocks.append(.signature("制表人：　　　　　　　审核人：　　　　　　　负责人："))
        return Document(kind: .subsidyPayroll, title: "\(monthLabel(month))法律援助值班补贴发放表", issuer: issuer, blocks: blocks,
                        seal: Seal(issuer: issuer, date: day))
    }

    // MARK: Writing and printing

    /// Writes the paper's PDF and text under `<print folder>/<year>/值班/` and, when `print` and a
    /// printer is set, sends the PDF with `lp -d`; the audit log says who wrote or printed what.
    public static func output(_ doc: Document, paper: CaseStore.DutyPaper, month: String, scope: String, store: CaseStore,
                              print: Bool, by op: Operator, lp: String = "lp") throws -> Output {
        try store.requireDutyPaper(paper, by: op)
        let year = Int(month.prefix(4)) ?? 2026
        let settings = PrintFolder.settings(store)
        let dir = PrintFolder.directory(storePath: store.path, year: year, folder: settings.folder) + "/值班"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(dir, 0o700)
        let stem = dir + "/" + PipelineDocuments.fileSafe("\(paper.title)-\(month)" + (scope.isEmpty ? "" : "-\(scope)"))
        let pdfPath = stem + ".pdf", textPath = stem + ".txt"
        try SafeFile.write(try doc.pdf(), to: pdfPath, force: true)
        try SafeFile.write(doc.text, to: textPath, force: true)
        let printer = print ? settings.printer : nil
        let sent = printer.map { PrintFolder.send(pdfPath, to: $0, lp: lp) } ?? false
        try store.recordDutyPaper(paper, month: month, scope: scope.isEmpty ? "全部" : scope, path: pdfPath, printRequested: print,
                                  printedTo: sent ? printer : nil, by: op)
        let message: String
        switch (print, printer, sent) {
        case (false, _, _): message = "\(doc.title)：PDF 已写入 \(pdfPath)"
        case (true, nil, _): message = "未设置打印机（系统设置）：\(doc.title) 的 PDF 已写入 \(pdfPath)"
        case (true, let p?, true): message = "\(doc.title) 已送打印机 \(p)；PDF 在 \(pdfPath)"
        case (true, let p?, false): message = "打印机 \(p) 不可用（lp 失败）：\(doc.title) 的 PDF 已写入 \(pdfPath)"
        }
        return Output(pdfPath: pdfPath, textPath: textPath, printer: sent ? printer : nil,
                      printFailed: print && printer != nil && !sent, message: message)
    }
}

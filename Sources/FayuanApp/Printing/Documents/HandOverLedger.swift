import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation

/// 申请转交工作台账 (round2-capabilities.md §4.6): one row per hand-over whose first receipt falls in
/// the month, A4 landscape, signed by the unit's head at the foot. Personal data as the ledger
/// needs it and no more: the applicant's name, the last four characters of the identity number,
/// the phone masked (a 保密 case's hidden).
public enum HandOverLedger {
    public static let header = ["序号", "转交单号", "收件时间", "收件单位/首问责任人", "申请人（姓名、证件号后4位、电话）", "申请事项/案由",
                                "初审意见", "材料清单（件/页）", "缺件及承诺补交日期", "转交方式", "发出时间",
                                "签收单位/签收人/签收时间", "受理结果（案号）", "用时", "是否超时", "备注"]

    static func time(_ iso: String?) -> String {
        guard let iso, let t = LocalDateTime(iso) else { return "" }
        return String(t.text.dropFirst(5))
    }

    /// The ledger's rows (also what tests check).
    public static func rows(_ items: [HandOverSummary], causeLabel: (String) -> String) -> [[String]] {
        items.enumerated().map { i, s in
            let r = s.record
            let received = s.materials.filter { !$0.missing }
            let pieces = received.reduce(0) { $0 + $1.item.count }, pages = received.reduce(0) { $0 + ($1.item.pages ?? 0) }
            let missing = s.materials.filter(\.missing).map { $0.item.name + ($0.promisedBy.map { "（\($0)）" } ?? "") }
            let applicant = [s.applicantName, s.idLast4.map { "尾号\($0)" }, s.phoneMasked].compactMap { $0 }.joined(separator: " ")
            let signed = [s.toName, s.receivedBy, time(r.receivedAt ?? r.acceptedAt)].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: "/")
            let result: String
            switch r.status {
            case .accepted: result = "已受理 " + (s.caseNumber ?? "")
            default: result = r.status.label
            }
            var notes: [String] = []
            if !r.competenceReason.isEmpty { notes.append(r.competenceReason) }
            if r.status == .withdrawn, let note = r.receiverNote.isEmpty ? nil : r.receiverNote { notes.append(note) }
            if r.kind.legalClock == .hours24 { notes.append("24小时转交") }
            let usedUnit = r.legalClock == .hours24 || s.timer.elapsedMinutes < 24 * 60
                ? HandOverTimer.duration(s.timer.elapsedMinutes) : "\(max(1, s.timer.elapsedMinutes / 1440)) 天"
            return [String(i + 1), r.number, time(r.firstReceivedAt), "\(s.fromName)/\(r.firstOwnerName)", applicant,
                    causeLabel(s.cause) + (r.matterSummary.isEmpty ? "" : "：\(r.matterSummary)"), r.scopeOpinion,
                    "\(received.count)项 \(pieces)件" + (pages > 0 ? " \(pages)页" : ""), missing.isEmpty ? "无" : missing.joined(separator: "、"),
                    r.dispatch.label + (r.trackingNo.isEmpty ? "" : " \(r.trackingNo)"), time(r.sentAt), signed, result,
                    r.status.isOpen ? "进行中 " + usedUnit : usedUnit,
                    s.timer.isOverdue ? s.timer.text.replacingOccurrences(of: "✗ ", with: "是，") : "否",
                    notes.joined(separator: "；")]
        }
    }

    /// The month's ledger of `unit`.
    public static func document(month: String, unit: String, items: [HandOverSummary], causeLabel: (String) -> String,
                                day: String) -> Document {
        let late = items.filter { $0.timer.isOverdue }.count
        let accepted = items.filter { $0.record.status == .accepted }.count
        let custody = items.filter { $0.record.legalClock == .hours24 }
        var blocks: [Block] = [
            .line("\(DutyDocuments.monthLabel(month))　收件转交 \(items.count) 件，已受理 \(accepted) 件，超时 \(late) 件"
                  + (custody.isEmpty ? "" : "；24小时转交 \(custody.count) 件，其中超时 \(custody.filter { $0.timer.isOverdue }.count) 件")
                  + "。证件号只列后4位，电话打码。"),
            .table(DocumentTable(header: header, rows: rows(items, causeLabel: causeLabel),
                                 widths: [0.45, 1.5, 0.8, 1.3, 1.4, 1.4, 1.1, 0.9, 1.1, 0.8, 0.8, 1.5, 1.2, 0.8, 0.7, 1.1])),
        ]
        if items.isEmpty { blocks.append(.paragraph("本月没有申请转交。")) }
        blocks.append(.signature("制表人：　　　　　　　负责人签字：　　　　　　　年　月　日"))
        return Document(kind: .handOverLedger, title: "申请转交工作台账（\(DutyDocuments.monthLabel(month))）", issuer: unit, blocks: blocks,
                        paper: .a4Landscape)
    }

    /// Writes the ledger's PDF and text under `<print folder>/<year>/转交/`, sends the PDF to the
    /// printer when asked and one is set; the store audits the writing (who, which file, printer).
    public static func output(_ doc: Document, month: String, unit: String, store: CaseStore, print: Bool, by op: Operator,
                              lp: String = "lp") throws -> (path: String, message: String, failed: Bool) {
        try AccessPolicy.require(op.role, .takeApplication)
        let settings = PrintFolder.settings(store)
        let dir = PrintFolder.directory(storePath: store.path, year: Int(month.prefix(4)) ?? 2026, folder: settings.folder) + "/转交"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stem = dir + "/" + PipelineDocuments.fileSafe("申请转交工作台账-\(month)-\(unit)")
        let pdfPath = stem + ".pdf"
        try SafeFile.write(try doc.pdf(), to: pdfPath, force: true)
        try SafeFile.write(doc.text, to: stem + ".txt", force: true)
        let printer = print ? settings.printer : nil
        let sent = printer.map { PrintFolder.send(pdfPath, to: $0, lp: lp) } ?? false
        try store.recordHandOverLedger(month: month, unit: unit, path: pdfPath, printRequested: print, printedTo: sent ? printer : nil, by: op)
        switch (print, printer, sent) {
        case (false, _, _): return (pdfPath, "申请转交工作台账：PDF 已写入 \(pdfPath)", false)
        case (true, nil, _): return (pdfPath, "未设置打印机（系统设置）：申请转交工作台账的 PDF 已写入 \(pdfPath)", false)
        case (true, let p?, true): return (pdfPath, "申请转交工作台账已送打印机 \(p)；PDF 在 \(pdfPath)", false)
        case (true, let p?, false): return (pdfPath, "打印机 \(p) 不可用（lp 失败）：PDF 已写入 \(pdfPath)", true)
        }
    }
}

/// 打印预览 of a month's 申请转交工作台账 for the operator's unit.
public enum HandOverLedgerScreen {
    public static func make(session: Session, month: String?) -> PaperPreviewScreen {
        let op = session.operatorRecord
        let stationID = session.station?.id ?? op.stationID
        let fixedMonth = month
        return PaperPreviewScreen(heading: "申请转交工作台账（A4 横向，证件号只列后4位）", build: { env in
            let now = HandOverClocks.local(env.clock(), timeZone: env.timeZone)
            let month = fixedMonth ?? String(now.date.iso.prefix(7))
            let (unit, items) = try HandOverLedger.load(env, stationID: stationID, month: month, now: now)
            return HandOverLedger.document(month: month, unit: unit, items: items, causeLabel: { c in env.rules.causes.first { $0.code == c }?.label ?? c },
                                           day: now.date.iso)
        }, output: { env, doc in
            let month = fixedMonth ?? String(HandOverClocks.local(env.clock(), timeZone: env.timeZone).date.iso.prefix(7))
            let r = try HandOverLedger.output(doc, month: month, unit: doc.issuer, store: env.store, print: true, by: op)
            return (r.message, r.failed)
        })
    }
}

extension HandOverLedger {
    /// The unit's name and the month's hand-overs.
    public static func load(_ env: AppEnvironment, stationID: Int64?, month: String, now: LocalDateTime) throws -> (String, [HandOverSummary]) {
        guard let first = LocalDate(iso: month + "-01") else {
            throw StoreError.invalidInput(field: "month", message: "月份应为 YYYY-MM：\(month)")
        }
        let last = first.adding(days: LocalDate.daysIn(month: first.month, year: first.year) - 1)
        let stations = try env.store.stations()
        let fallback = try DutyDocuments.issuer(env.store)
        let unit = stations.first { $0.id == stationID }?.name ?? fallback
        return (unit, try env.store.handOverLedger(stationID: stationID, from: first, to: last, now: now))
    }
}

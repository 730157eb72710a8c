import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation

/// The published lists of the pools as A4 papers: 法律援助人员名册 (江苏省法律援助条例第十五条:
/// by category and specialty, published) and 名优律师年度办案情况 (the 5-case minimum). Public
/// papers: names, firms, specialties and pools only; the phone is printed masked.
public enum PoolDocuments {
    /// 法律援助人员名册 (the published entries; of one pool when `pool` is given).
    public static func register(_ entries: [RegisterEntry], pool: PoolCode?, issuer: String, day: String) throws -> Document {
        let kept = entries.filter(\.published)
        guard !kept.isEmpty else {
            throw StoreError.invalidInput(field: "pool", message: (pool?.label ?? "人员名册") + "没有可公布的人员")
        }
        // Grouped by category (kind), as the register is organised.
        var blocks: [Block] = [
            .paragraph("根据《江苏省法律援助条例》第十五条，现将本中心" + (pool.map { "\($0.label)" } ?? "法律援助人员名册")
                       + "按人员类别和专业领域公布如下，共 \(kept.count) 人。名册实行动态管理，如有变动另行公布。"),
        ]
        var order: [String] = []
        var byKind: [String: [RegisterEntry]] = [:]
        for e in kept {
            if byKind[e.kindLabel] == nil { order.append(e.kindLabel) }
            byKind[e.kindLabel, default: []].append(e)
        }
        for kind in order {
            let rows = byKind[kind]!.enumerated().map { i, e in
                [String(i + 1), e.name, e.firm ?? "", e.specialtyLabels.joined(separator: "、"),
                 e.pools.filter { $0.status == PoolMemberStatus.active.rawValue }.map(\.poolLabel).joined(separator: "、"),
                 e.practiceYears.map { "\($0) 年" } ?? "", e.phoneMasked ?? ""]
            }
            blocks.append(.heading("\(kind)（\(rows.count) 人）"))
            blocks.append(.table(DocumentTable(header: ["序号", "姓名", "执业机构", "专业领域", "所在人员库", "执业年限", "电话"],
                                               rows: rows, widths: [0.6, 1.2, 2.4, 2.0, 2.0, 0.9, 1.4])))
        }
        blocks.append(.paragraph("群众申请法律援助时可参照本名册提出承办人员意愿（点援），由本中心结合案件情况指派。"))
        return Document(kind: .report, title: pool.map { "\($0.label)名册" } ?? "法律援助人员名册", issuer: issuer, blocks: blocks,
                        seal: Seal(issuer: issuer, date: day))
    }

    /// 名优律师年度办案情况: each member's 亲自办理 count against the minimum, the short ones marked.
    public static func leadingYear(_ entries: [LeadingYearEntry], year: Int, issuer: String, day: String) throws -> Document {
        guard !entries.isEmpty else {
            throw StoreError.invalidInput(field: "year", message: "\(year) 年名优律师团没有成员")
        }
        let minimum = entries[0].minimum
        let short = entries.filter(\.belowMinimum)
        let rows = entries.enumerated().map { i, e in
            [String(i + 1), e.name, e.firm ?? "", String(e.personalCount), String(e.mentorOnlyCount), e.figure,
             e.belowMinimum ? "✗ 不足" : "✓ 达到"]
        }
        return Document(kind: .report, title: "\(year)年度名优律师办理法律援助案件情况", issuer: issuer, blocks: [
            .paragraph("名优律师团成员每年亲自办理法律援助案件不少于 \(minimum) 件。\(year) 年成员 \(entries.count) 人，"
                       + (short.isEmpty ? "均已达到。" : "其中 \(short.count) 人不足：" + short.map { "\($0.name)（\($0.figure)）" }.joined(separator: "、") + "。")),
            .table(DocumentTable(header: ["序号", "姓名", "执业机构", "亲自办理", "仅带教（不计）", "完成/最少", "情况"],
                                 rows: rows, widths: [0.6, 1.2, 2.6, 1.0, 1.3, 1.1, 1.0])),
            .paragraph("“1+1”结对案件中，带教律师仅指导的不计入本人件数；标明亲自办理的计入。"),
            .signature("制表人：　　　　　　　审核人：　　　　　　　负责人："),
        ], seal: Seal(issuer: issuer, date: day))
    }

    /// 法律援助志愿服务记录证明 (志愿者管理办法第十六条): the counted hours per day — never more than
    /// 8 a day (Art 17); overflow kept on the record with its note is not certified.
    public static func volunteerCertificate(_ detail: VolunteerDetail, issuer: String, day: String) throws -> Document {
        let v = detail.volunteer
        guard !detail.services.isEmpty else {
            throw StoreError.invalidInput(field: "volunteer", message: "\(v.name)尚无服务记录，不能出具证明")
        }
        var order: [String] = []
        var byDay: [String: (minutes: Int, activities: [String])] = [:]
        for s in detail.services {
            if byDay[s.day] == nil { order.append(s.day) }
            var e = byDay[s.day] ?? (0, [])
            e.minutes += s.countedMinutes
            if !e.activities.contains(s.activity) { e.activities.append(s.activity) }
            byDay[s.day] = e
        }
        let rows = order.enumerated().map { i, d in
            [String(i + 1), d, VolunteerRules.hoursText(byDay[d]!.minutes), byDay[d]!.activities.joined(separator: "、")]
        }
        let total = order.reduce(0) { $0 + byDay[$1]!.minutes }
        return Document(kind: .report, title: "法律援助志愿服务记录证明", issuer: issuer, blocks: [
            .fields([DocumentField("志愿者", v.name), DocumentField("注册编号", v.platformNo ?? "未注册"),
                     DocumentField("服务技能", v.skills)]),
            .paragraph("兹证明\(v.name)同志参加法律援助志愿服务，服务记录如下，累计服务 \(VolunteerRules.hoursText(total))，"
                       + "星级 \(v.starText)。每日记录的服务时长不超过 8 小时。"),
            .table(DocumentTable(header: ["序号", "日期", "服务时长", "服务内容"], rows: rows, widths: [0.6, 1.4, 1.2, 4.8])),
            .paragraph("特此证明。"),
        ], seal: Seal(issuer: issuer, date: day))
    }

    /// Writes the paper (PDF and text) to the print folder and sends the PDF to the printer when
    /// one is set; the message says where it went.
    public static func output(_ doc: Document, fileStem: String, store: CaseStore, year: Int) throws -> (message: String, failed: Bool) {
        let paths = try PrintFolder.write([PrintedDocument(fileName: PipelineDocuments.fileSafe(fileStem) + ".txt", text: doc.text,
                                                           document: doc)], store: store, year: year)
        let pdf = ((paths.first ?? "") as NSString).deletingPathExtension + ".pdf"
        let printer = PrintFolder.settings(store).printer
        return (printer.map { "\(doc.title) 已送打印机 \($0)；PDF 在 \(pdf)" } ?? "\(doc.title)：PDF 已写入 \(pdf)", false)
    }
}

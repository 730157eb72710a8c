import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation

/// The outreach ledgers (round2-capabilities §2.6) as A4 landscape documents: 特殊群体建档立卡台账,
/// 法律援助联系卡发放登记簿, 走访（随访）记录台账, 需求登记及转化台账. ID numbers are printed masked
/// (the full number only ever through an audited reveal on screen); every page carries
/// “第 x 页 共 y 页”, who printed it and when.
public enum OutreachLedger: String, CaseIterable, Sendable {
    case register, cards, visits, needs

    public var title: String {
        switch self {
        case .register: return "特殊群体建档立卡台账"
        case .cards: return "法律援助联系卡发放登记簿"
        case .visits: return "走访（随访）记录台账"
        case .needs: return "需求登记及转化台账"
        }
    }

    /// The ledger as a document. `town` limits the register to one town.
    public func document(store: CaseStore, issuer: String, town: String?, on day: LocalDate, printedBy: String,
                         printedAt: String) throws -> Document {
        var blocks: [Block] = [.line("统计日期：\(day.iso)" + (town.map { "　乡镇：\($0)" } ?? ""))]
        switch self {
        case .register:
            let households = try store.outreachHouseholds(town: town, on: day)
            var rows: [[String]] = []
            for h in households {
                let detail = try store.outreachHousehold(h.householdNo, on: day)
                for m in detail.members {
                    let tags = m.tags.filter(\.valid).map(\.evidence).joined(separator: "；")
                    rows.append([h.householdNo, m.name, m.idMasked, tags.isEmpty ? "—" : tags, h.town + h.address, h.risk,
                                 h.cardNo ?? "—", h.lastVisitOn ?? "—", String(h.openNeeds)])
                }
            }
            blocks.append(.table(DocumentTable(header: ["户档编号", "姓名", "证件号（打码）", "群体类别及证明", "住址", "风险", "联系卡号",
                                                        "最近走访", "未结需求"],
                                               rows: rows, widths: [2.2, 1.1, 2.2, 4.6, 2.6, 0.7, 1.7, 1.4, 0.9])))
            blocks.append(.line("共 \(households.count) 户 \(rows.count) 人"))
        case .cards:
            let cards = try store.contactCards()
            blocks.append(.table(DocumentTable(header: ["卡号", "户档编号", "发放日期", "发放方式", "领卡人", "补发原卡", "领卡人签名"],
                                               rows: cards.map { [$0.cardNo, $0.householdNo, $0.issuedOn, $0.method, $0.recipient,
                                                                  $0.reissuedOf ?? "—", ""] },
                                               widths: [1.8, 2.2, 1.4, 1.2, 1.4, 1.8, 2.0])))
        case .visits:
            let visits = try store.outreachVisits()
            blocks.append(.table(DocumentTable(header: ["走访编号", "日期", "户档编号", "走访人员", "方式", "发现需求", "签名方式", "下次随访"],
                                               rows: visits.map { [$0.visitNo, $0.visitedOn, $0.householdNo, $0.visitors.joined(separator: "、"),
                                                                   $0.mode, $0.needNos.isEmpty ? "无" : $0.needNos.joined(separator: "、"),
                                                                   $0.signature + ($0.proxy.map { "（代签：\($0)）" } ?? ""), $0.nextVisitDue] },
                                               widths: [1.6, 1.3, 2.1, 2.0, 0.9, 1.8, 2.6, 1.3])))
        case .needs:
            let needs = try store.needs(openOnly: false, today: day)
            blocks.append(.table(DocumentTable(header: ["需求编号", "姓名", "证件号（打码）", "渠道", "登记日期", "首次联系期限", "首次联系",
                                                        "去向", "转化记录"],
                                               rows: needs.map { n in
                                                   [n.needNo, n.name, n.idMasked, n.channel, n.registeredOn, n.firstContactDue,
                                                    (n.firstContactOn ?? "未联系") + (n.overdue ? "（逾期）" : ""),
                                                    n.disposition ?? "待处理",
                                                    n.caseID.map { "申请 #\($0)" } ?? n.consultationID.map { "咨询 #\($0)" } ?? "—"]
                                               }, widths: [1.6, 1.0, 2.2, 1.4, 1.3, 1.4, 1.6, 1.0, 1.3])))
            blocks.append(.line("共 \(needs.count) 条；转咨询 \(needs.filter { $0.consultationID != nil }.count) 条，转申请 \(needs.filter { $0.caseID != nil }.count) 条"))
        }
        var doc = Document(kind: .report, title: title, issuer: issuer, blocks: blocks, paper: .a4Landscape)
        doc.footer = "打印人：\(printedBy)　打印时间：\(printedAt)"
        return doc
    }
}

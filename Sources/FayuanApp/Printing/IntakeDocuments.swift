import FayuanDocuments
import Foundation
import TerminalKit

/// The plain-text documents of the front desk: 法律援助申请表, 补正通知 (one-time notice of what
/// to add, 法律援助法 Art 43 ¶2) and 不予受理登记. Wrapped at 72 display columns so they print on
/// any printer and read in any editor.
public enum IntakeDocuments {
    public static let width = 72

    /// One labelled entry; an empty value prints as "——" so a blank is visibly blank.
    public typealias Entry = (label: String, value: String)

    /// Title centred, then "标签：值" lines wrapped with the continuation indented under the value.
    public static func layout(title: String, subtitle: String? = nil, sections: [(heading: String?, entries: [Entry])],
                              closing: [String] = []) -> String {
        var lines: [String] = []
        lines.append(title.padded(toWidth: width, alignment: .center).trimmingTrailingSpaces())
        if let subtitle { lines.append(subtitle.padded(toWidth: width, alignment: .center).trimmingTrailingSpaces()) }
        lines.append(String(repeating: "─", count: width))
        for section in sections {
            if let heading = section.heading { lines.append(""); lines.append("【\(heading)】") }
            for entry in section.entries {
                let head = entry.label.isEmpty ? "" : entry.label + "："
                let value = entry.value.isEmpty ? "——" : entry.value
                lines += hanging(head, value)
            }
        }
        if !closing.isEmpty {
            lines.append("")
            for paragraph in closing { lines += paragraph.isEmpty ? [""] : paragraph.wrapped(toWidth: width) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "head" then the value wrapped in the rest of the width; further lines indented by head's width.
    static func hanging(_ head: String, _ value: String) -> [String] {
        let indent = min(head.displayWidth, 24)
        var out: [String] = []
        for (p, paragraph) in value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let wrapped = String(paragraph).wrapped(toWidth: width - indent)
            for (i, line) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                out.append((p == 0 && i == 0 ? head.padded(toWidth: indent) : String(repeating: " ", count: indent)) + line)
            }
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// What the application's printed documents show (masked ID number: paper travels).
public struct PrintData: Sendable, Equatable {
    public var centreName = "", stationName = "", operatorName = ""
    public var applicantName = "", idMasked = "", gender = "", birthDate = "", phone = "", address = "", needs = ""
    public var kind = "", cause = "", opposing = "", summary = ""
    public var household = "", groups = "", evidence = ""
    public var decision = "", economic = ""
    public var citations: [String] = [], explanation: [String] = []
    public var reviewDue = ""
    public var received: [String] = [], missing: [String] = []
    public var dueDate = "", appliedOn = ""
    public var caseNumber = "", acceptedOn = ""

    public init(centreName: String = "", stationName: String = "", operatorName: String = "", applicantName: String = "",
                idMasked: String = "", gender: String = "", birthDate: String = "", phone: String = "", address: String = "",
                needs: String = "", kind: String = "", cause: String = "", opposing: String = "", summary: String = "",
                household: String = "", groups: String = "", evidence: String = "", decision: String = "",
                economic: String = "", citations: [String] = [], explanation: [String] = [], reviewDue: String = "",
                received: [String] = [], missing: [String] = [], dueDate: String = "", appliedOn: String = "") {
        self.centreName = centreName; self.stationName = stationName; self.operatorName = operatorName
        self.applicantName = applicantName; self.idMasked = idMasked; self.gender = gender; self.birthDate = birthDate
        self.phone = phone; self.address = address; self.needs = needs; self.kind = kind; self.cause = cause
        self.opposing = opposing; self.summary = summary; self.household = household; self.groups = groups
        self.evidence = evidence; self.decision = decision; self.economic = economic; self.citations = citations
        self.explanation = explanation; self.reviewDue = reviewDue; self.received = received; self.missing = missing
        self.dueDate = dueDate; self.appliedOn = appliedOn
    }
}

extension IntakeDocuments {
    /// 法律援助申请表 (text; the model is `applicationFormDocument`).
    public static func applicationForm(_ d: PrintData) -> String { applicationFormDocument(d).text }

    /// 补充材料通知书 (text; the model is `supplementNoticeDocument`).
    public static func supplementNotice(_ d: PrintData) -> String { supplementNoticeDocument(d).text }

    /// 接收凭证 / 受理回执 (text; the model is `receiptDocument`).
    public static func receipt(_ d: PrintData) -> String { receiptDocument(d).text }

    static func signatureLine(_ who: String) -> String { "\(who)（签名）：　　　　　　　　年　　月　　日" }

    /// 法律援助申请表: the applicant's particulars, the matter, the economic situation, the
    /// window's first screening and the materials, with the applicant's declaration and signature.
    public static func applicationFormDocument(_ d: PrintData, number: String? = nil) -> Document {
        Document(kind: .applicationForm, number: number ?? (d.caseNumber.isEmpty ? nil : d.caseNumber), issuer: d.centreName, blocks: [
            .heading("一、申请人基本情况"),
            .fields([DocumentField("姓名", d.applicantName), DocumentField("性别", d.gender), DocumentField("出生日期", PaperDate.chinese(d.birthDate)),
                     DocumentField("证件号码", d.idMasked), DocumentField("联系电话", d.phone), DocumentField("住址", d.address), DocumentField("无障碍需求", d.needs)]),
            .heading("二、申请事项"),
            .fields([DocumentField("案件类别", d.kind), DocumentField("案由", d.cause), DocumentField("对方当事人", d.opposing), DocumentField("案情摘要", d.summary)]),
            .heading("三、经济状况"),
            .fields([DocumentField("家庭情况", d.household), DocumentField("特殊群体", d.groups), DocumentField("证明方式", d.evidence)]),
            .heading("四、窗口初审"),
            .fields([DocumentField("审查结论", d.decision), DocumentField("经济状况", d.economic), DocumentField("法律依据", d.citations.joined(separator: "；")),
                     DocumentField("说明", d.explanation.joined(separator: "\n")), DocumentField("审查期限", PaperDate.chinese(d.reviewDue))]),
            .heading("五、申请材料"),
            .fields([DocumentField("已收", d.received.joined(separator: "、")), DocumentField("待补充", d.missing.joined(separator: "、")),
                     DocumentField("补充期限", d.missing.isEmpty ? "" : PaperDate.chinese(d.dueDate))]),
            .heading("六、受理"),
            .fields([DocumentField("申请日期", PaperDate.chinese(d.appliedOn)), DocumentField("受理日期", PaperDate.chinese(d.acceptedOn)),
                     DocumentField("受理地点", d.stationName), DocumentField("经办人", d.operatorName)]),
            .paragraph("本人保证以上所填内容真实。如有虚假，愿承担相应责任。"),
            .signature(signatureLine("申请人")),
        ])
    }

    /// 补充材料通知书: everything missing, all at once, and by when (法律援助法第四十三条第二款).
    public static func supplementNoticeDocument(_ d: PrintData, number: String? = nil) -> Document {
        let due = PaperDate.chinese(d.dueDate)
        return Document(kind: .supplementNotice, number: number, issuer: d.centreName, blocks: [
            .line("\(d.applicantName)："),
            .paragraph("你于\(PaperDate.chinese(d.appliedOn))提出的法律援助申请（\(d.kind)·\(d.cause)\(d.caseNumber.isEmpty ? "" : "，案号\(d.caseNumber)")），"
                       + "本机构已于\(PaperDate.chinese(d.acceptedOn.isEmpty ? d.appliedOn : d.acceptedOn))容缺受理。根据《中华人民共和国法律援助法》第四十三条第二款，"
                       + "现一次性告知你需要补充以下材料："),
            .list(d.missing),
            .paragraph((due.isEmpty ? "请及时补齐上述材料" : "请于\(due)前补齐上述材料") + "，可由家属代交。未按要求补充材料或者作出说明的，视为撤回申请。"),
            .paragraph("咨询电话：12348。经办人：\(d.operatorName)。"),
            .signature(signatureLine("申请人签收")),
        ], seal: Seal(issuer: d.centreName, date: d.acceptedOn.isEmpty ? d.appliedOn : d.acceptedOn))
    }

    /// 接收凭证 / 受理回执: the materials received (names, count, date), what is still to bring
    /// and by when, and when to expect the decision.
    public static func receiptDocument(_ d: PrintData, number: String? = nil) -> Document {
        let receivedOn = PaperDate.chinese(d.appliedOn)
        var blocks: [Block] = [
            .fields([DocumentField("申请人", d.applicantName), DocumentField("证件号码", d.idMasked), DocumentField("申请事项", d.kind + "·" + d.cause),
                     DocumentField("申请日期", PaperDate.chinese(d.appliedOn)),
                     DocumentField("受理日期", d.acceptedOn.isEmpty ? "（待中心受理）" : PaperDate.chinese(d.acceptedOn))]),
            .heading("已收到的材料（共\(d.received.count)份）"),
            .table(DocumentTable(header: ["序号", "材料名称", "份数", "接收日期"],
                         rows: d.received.enumerated().map { ["\($0.offset + 1)", $0.element, "1份", receivedOn] },
                         widths: [1, 5, 1.4, 2.6])),
        ]
        if !d.missing.isEmpty {
            blocks.append(.heading("请补交的材料（补交期限：\(PaperDate.chinese(d.dueDate))）"))
            blocks.append(.list(d.missing))
        }
        blocks.append(.paragraph("我们将在\(d.reviewDue.isEmpty ? "法定期限内" : PaperDate.chinese(d.reviewDue) + "前")审查并告知您是否给予法律援助。"))
        if !d.missing.isEmpty {
            blocks.append(.paragraph("请在\(PaperDate.chinese(d.dueDate))前补交上述材料，可由家属代交；未按期补交或说明的，视为撤回申请（法律援助法第四十三条第二款）。"))
        }
        blocks.append(.paragraph("咨询电话：12348。经办人：\(d.operatorName)。"))
        return Document(kind: .receipt, number: number ?? (d.caseNumber.isEmpty ? nil : d.caseNumber), issuer: d.centreName,
                        blocks: blocks, seal: Seal(issuer: d.centreName, date: d.acceptedOn.isEmpty ? d.appliedOn : d.acceptedOn))
    }

    /// 经济困难状况说明表 / 诚信承诺书 (告知承诺制): the household as declared and the applicant's
    /// promise, to be signed.
    public static func hardshipStatementDocument(_ d: PrintData, number: String? = nil) -> Document {
        Document(kind: .hardshipStatement, title: "经济困难状况说明表（个人诚信承诺书）",
                 number: number ?? (d.caseNumber.isEmpty ? nil : d.caseNumber), issuer: d.centreName, blocks: [
            .fields([DocumentField("申请人", d.applicantName), DocumentField("证件号码", d.idMasked), DocumentField("住址", d.address),
                     DocumentField("家庭情况", d.household), DocumentField("特殊群体", d.groups), DocumentField("证明方式", d.evidence)]),
            .heading("承诺"),
            .paragraph("本人申请法律援助，现就家庭经济状况作如下承诺：以上所述家庭人口、收入和财产情况真实、完整。"
                       + "本人知悉法律援助机构可以对上述情况进行核查；如有隐瞒或者虚假陈述，法律援助机构将终止法律援助，"
                       + "本人愿承担相应法律责任（法律援助法第四十一条、第四十八条、第六十四条）。"),
            .signature(signatureLine("承诺人")),
        ])
    }

    /// 不予受理登记: who came, why the application was not taken, and where they were sent.
    public static func refusalRecord(centre: String, name: String, day: String, reason: String, detail: String,
                                     referral: String, operatorName: String) -> String {
        refusalRecordDocument(centre: centre, station: "", name: name, day: day, reason: reason, detail: detail,
                              referral: referral, operatorName: operatorName).text
    }

    /// 不予受理登记表 as a document (PDF and text from one model): who came, why the application
    /// was not taken at the window, where they were sent, who dealt with it, both signatures.
    public static func refusalRecordDocument(centre: String, station: String, name: String, day: String, reason: String,
                                             detail: String, referral: String, operatorName: String, number: String? = nil) -> Document {
        let issuer = centre.isEmpty ? "法律援助机构" : centre
        var fields = [DocumentField("来访人", name.isEmpty ? "（未留姓名）" : name), DocumentField("登记日期", PaperDate.chinese(day))]
        if !station.isEmpty && station != centre { fields.append(DocumentField("接待站点", station)) }
        fields += [DocumentField("不予受理原因", reason), DocumentField("具体说明", detail), DocumentField("引导去向", referral),
                   DocumentField("经办人", operatorName)]
        return Document(kind: .windowRefusal, number: number, issuer: issuer, blocks: [
            .fields(fields),
            .paragraph("来访人如对上述意见有异议，可以向设立本法律援助机构的司法行政部门提出；也可以补齐材料后重新申请法律援助。"),
            .space(1),
            .signature("来访人（签名）：　　　　　　　　经办人（签名）："),
        ], seal: Seal(issuer: issuer, date: day))
    }
}

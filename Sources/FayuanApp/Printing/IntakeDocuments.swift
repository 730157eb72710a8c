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
    /// 法律援助申请表.
    public static func applicationForm(_ d: PrintData) -> String {
        layout(title: "法律援助申请表", subtitle: d.centreName + (d.caseNumber.isEmpty ? "" : "　" + d.caseNumber), sections: [
            ("申请人", [("姓名", d.applicantName), ("性别", d.gender), ("出生日期", d.birthDate), ("证件号码", d.idMasked),
                        ("联系电话", d.phone), ("住址", d.address), ("无障碍需求", d.needs)]),
            ("申请事项", [("案件类别", d.kind), ("案由", d.cause), ("对方当事人", d.opposing), ("案情摘要", d.summary)]),
            ("经济状况", [("家庭情况", d.household), ("特殊群体", d.groups), ("证明方式", d.evidence)]),
            ("窗口初审", [("审查结论", d.decision), ("经济状况", d.economic), ("法律依据", d.citations.joined(separator: "；")),
                          ("说明", d.explanation.joined(separator: "\n")), ("审查期限", d.reviewDue)]),
            ("申请材料", [("已收", d.received.joined(separator: "、")), ("待补正", d.missing.joined(separator: "、")),
                          ("补正期限", d.missing.isEmpty ? "" : d.dueDate)]),
            ("受理", [("申请日期", d.appliedOn), ("受理日期", d.acceptedOn), ("受理地点", d.stationName), ("经办人", d.operatorName)]),
        ], closing: ["本人保证以上所填内容真实。如有虚假，愿承担相应责任。", "", "申请人（签名）：　　　　　　　　　　　年　　月　　日"])
    }

    /// 补正通知: what is missing, all at once, and by when (法律援助法第四十三条第二款).
    public static func supplementNotice(_ d: PrintData) -> String {
        let items = d.missing.enumerated().map { ("（\($0.offset + 1)）", $0.element) }
        return layout(title: "法律援助申请材料补正通知书", subtitle: d.caseNumber, sections: [
            (nil, [("申请人", d.applicantName), ("申请事项", d.kind + "·" + d.cause), ("受理日期", d.acceptedOn)]),
            ("需补充的材料", items.map { (label: $0.0, value: $0.1) }),
            (nil, [("补正期限", d.dueDate)]),
        ], closing: [
            "你（单位）提出的法律援助申请已于\(d.acceptedOn)容缺受理。根据《中华人民共和国法律援助法》第四十三条第二款，现一次性告知你需要补充上述材料。请于\(d.dueDate)前补齐；未按要求补充材料或者作出说明的，视为撤回申请。",
            "", "\(d.centreName)　　经办人：\(d.operatorName)", "", "申请人签收：　　　　　　　　　　　年　　月　　日",
        ])
    }

    /// 受理回执: what was received, what is still to bring and by when, and when to expect the
    /// decision — given to the applicant at the window.
    public static func receipt(_ d: PrintData) -> String {
        let received = d.received.enumerated().map { (label: "（\($0.offset + 1)）", value: $0.element) }
        let missing = d.missing.enumerated().map { (label: "（\($0.offset + 1)）", value: $0.element) }
        var sections: [(heading: String?, entries: [Entry])] = [
            (nil, [("申请人", d.applicantName), ("证件号码", d.idMasked), ("申请事项", d.kind + "·" + d.cause),
                   ("申请日期", d.appliedOn), ("受理日期", d.acceptedOn.isEmpty ? "（待中心受理）" : d.acceptedOn)]),
            ("已收到的材料", received.isEmpty ? [("", "（无）")] : received),
        ]
        if !missing.isEmpty {
            sections.append(("请补交的材料", missing))
            sections.append((nil, [("补交期限", d.dueDate)]))
        }
        var closing = ["我们将在 \(d.reviewDue.isEmpty ? "法定期限内" : d.reviewDue + " 前") 审查并告知您是否给予法律援助。"]
        if !missing.isEmpty {
            closing.append("请在 \(d.dueDate) 前补交上述材料，可由家属代交；未按期补交或说明的，视为撤回申请（法律援助法第四十三条第二款）。")
        }
        closing += ["咨询电话：12348", "", "\(d.centreName)　　经办人：\(d.operatorName)"]
        return layout(title: "法律援助申请受理回执", subtitle: d.caseNumber, sections: sections, closing: closing)
    }

    /// 不予受理登记: who came, why the application was not taken, and where they were sent.
    public static func refusalRecord(centre: String, name: String, day: String, reason: String, detail: String,
                                     referral: String, operatorName: String) -> String {
        layout(title: "法律援助窗口不予受理登记表", subtitle: centre, sections: [
            (nil, [("来访人", name.isEmpty ? "（未留姓名）" : name), ("日期", day), ("不予受理原因", reason),
                   ("具体说明", detail), ("引导去向", referral), ("经办人", operatorName)]),
        ], closing: ["来访人如对上述意见有异议，可向法律援助机构的同级司法行政部门提出。"])
    }
}

import FayuanCore
import FayuanStore
import Foundation

/// The pipeline's plain-text documents: 不予法律援助决定书 (with the objection path, Art 49) and
/// 指派通知书. Laid out by the front desk's document writer (72 columns); ID numbers masked
/// because paper travels.
public enum PipelineDocuments {
    public static func refusalDecision(detail: CaseDetail, causeLabel: String, reasons: [String], text: String,
                                       day: String, objectionTerm: DecisionReason.ObjectionTerm? = nil) -> PrintedDocument {
        let b = detail.board
        let number = b.caseNumber ?? "案件\(b.id)"
        let body = IntakeDocuments.layout(
            title: "不予法律援助决定书", subtitle: detail.centreName.isEmpty ? nil : detail.centreName,
            sections: [
                (nil, [("案号", number), ("申请人", b.applicantName), ("证件号码", b.idMasked), ("申请日期", b.appliedOn),
                       ("申请事项", causeLabel)]),
                ("决定", [("", "经审查，本机构决定不予法律援助。"),
                          ("理由", (reasons + (text.isEmpty ? [] : [text])).joined(separator: "；"))]),
                ("异议途径", DecisionReason.objectionNotice(bureau: detail.justiceBureau, term: objectionTerm).map { (label: "", value: $0) }),
            ],
            closing: ["", "\(detail.centreName.isEmpty ? "法律援助机构" : detail.centreName)（盖章）", "\(day)"])
        return PrintedDocument(fileName: "\(day)-不予法律援助决定书-\(fileSafe(number)).txt", text: body)
    }

    public static func assignmentNotice(detail: CaseDetail, causeLabel: String, provider: Provider, day: String,
                                        explanation: String, overrideReason: String?) -> PrintedDocument {
        let b = detail.board
        let number = b.caseNumber ?? "案件\(b.id)"
        var entries: [IntakeDocuments.Entry] = [("承办人员", provider.name), ("所在单位", provider.organisation ?? ""),
                                                ("指派日期", day), ("轮案说明", explanation)]
        if let overrideReason, !overrideReason.isEmpty { entries.append(("另行指派理由", overrideReason)) }
        let body = IntakeDocuments.layout(
            title: "指派通知书", subtitle: detail.centreName.isEmpty ? nil : detail.centreName,
            sections: [
                (nil, [("案号", number), ("受援人", b.applicantName), ("证件号码", b.idMasked), ("案件类别", CaseFormat.kindLabel(b.kind)),
                       ("案由", causeLabel), ("对方当事人", detail.opposingParty)]),
                ("指派", entries),
            ],
            closing: ["请承办人员及时与受援人联系，依法提供符合标准的法律援助服务，按规定记录办案进展，"
                      + "结案后三十日内提交结案材料（法律援助法第五十七条至第五十九条）。", "",
                      "\(detail.centreName.isEmpty ? "法律援助机构" : detail.centreName)（盖章）", "\(day)"])
        return PrintedDocument(fileName: "\(day)-指派通知书-\(fileSafe(number)).txt", text: body)
    }

    static func fileSafe(_ s: String) -> String {
        s.replacingOccurrences(of: "〔", with: "").replacingOccurrences(of: "〕", with: "-").replacingOccurrences(of: "/", with: "-")
    }
}

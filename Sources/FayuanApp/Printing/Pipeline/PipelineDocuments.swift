import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation

/// The pipeline's documents: 给予 / 不予法律援助决定书 (with the objection route, Art 49),
/// 指派通知书, 法律援助公函 (criminal cases), 终止法律援助决定书, 送达回证, 结案审查表. Each is a
/// `Document` model (PDF and text from the same model); ID numbers masked because paper travels.
/// `refusalDecision` and `assignmentNotice` keep their earlier shape (a `PrintedDocument`) for
/// callers that only want the file; it now carries the model too.
public enum PipelineDocuments {
    public static func refusalDecision(detail: CaseDetail, causeLabel: String, reasons: [String], text: String,
                                       day: String, objectionTerm: DecisionReason.ObjectionTerm? = nil, number: String? = nil) -> PrintedDocument {
        let doc = refusalDecisionDocument(detail: detail, causeLabel: causeLabel, reasons: reasons, text: text, day: day, number: number,
                                          objectionTerm: objectionTerm)
        return PrintedDocument(fileName: "\(day)-不予法律援助决定书-\(fileSafe(number ?? caseNumber(detail))).txt", text: doc.text, document: doc)
    }

    public static func assignmentNotice(detail: CaseDetail, causeLabel: String, provider: Provider, day: String,
                                        explanation: String, overrideReason: String?, number: String? = nil) -> PrintedDocument {
        let doc = assignmentNoticeDocument(detail: detail, causeLabel: causeLabel, provider: provider, day: day,
                                           explanation: explanation, overrideReason: overrideReason, number: number)
        return PrintedDocument(fileName: "\(day)-指派通知书-\(fileSafe(number ?? caseNumber(detail))).txt", text: doc.text, document: doc)
    }

    static func caseNumber(_ detail: CaseDetail) -> String { detail.board.caseNumber ?? "案件\(detail.board.id)" }
    static func issuer(_ detail: CaseDetail) -> String { detail.centreName.isEmpty ? "法律援助机构" : detail.centreName }

    static func applied(_ detail: CaseDetail, causeLabel: String) -> String {
        "你于\(PaperDate.chinese(detail.board.appliedOn))提出的\(causeLabel)法律援助申请（案号\(caseNumber(detail))）"
    }

    public static func refusalDecisionDocument(detail: CaseDetail, causeLabel: String, reasons: [String], text: String,
                                               day: String, number: String?, objectionTerm: DecisionReason.ObjectionTerm? = nil) -> Document {
        let b = detail.board
        let why = (reasons + (text.isEmpty ? [] : [text]))
        return Document(kind: .refusalDecision, number: number ?? caseNumber(detail), issuer: issuer(detail), blocks: [
            .line("\(b.applicantName)："),
            .paragraph(applied(detail, causeLabel: causeLabel) + "，本机构已依法进行审查。经审查，你的申请不符合法律援助条件，"
                       + "根据《中华人民共和国法律援助法》第四十三条的规定，决定不予法律援助。理由如下："),
            .list(why.isEmpty ? ["不符合法律援助条件。"] : why),
            .fields([DocumentField("申请人", b.applicantName), DocumentField("证件号码", b.idMasked),
                     DocumentField("申请日期", PaperDate.chinese(b.appliedOn)), DocumentField("申请事项", causeLabel)]),
            .heading("异议途径"),
        ] + DecisionReason.objectionNotice(bureau: detail.justiceBureau, term: objectionTerm).map { .paragraph($0) },
        seal: Seal(issuer: issuer(detail), date: day))
    }

    public static func grantDecisionDocument(detail: CaseDetail, causeLabel: String, reasons: [String], text: String,
                                             day: String, number: String?) -> Document {
        let b = detail.board
        let why = reasons + (text.isEmpty ? [] : [text])
        return Document(kind: .grantDecision, number: number ?? caseNumber(detail), issuer: issuer(detail), blocks: [
            .line("\(b.applicantName)："),
            .paragraph(applied(detail, causeLabel: causeLabel) + "，本机构已依法进行审查。经审查，你的申请符合法律援助条件，"
                       + "根据《中华人民共和国法律援助法》第四十三条的规定，决定给予法律援助。"
                       + (why.isEmpty ? "" : "依据：" + why.joined(separator: "；") + "。")),
            .paragraph("本机构将在三日内指派律师、基层法律服务工作者或者法律援助志愿者为你提供法律援助，并告知你承办人员的姓名和联系方式。"
                       + "受援人应当如实陈述与法律援助事项有关的情况，及时提供证据材料，协助、配合办理法律援助事项（法律援助法第五十六条）。"),
            .fields([DocumentField("受援人", b.applicantName), DocumentField("证件号码", b.idMasked),
                     DocumentField("案件类别", CaseFormat.kindLabel(b.kind)), DocumentField("申请事项", causeLabel)]),
        ], seal: Seal(issuer: issuer(detail), date: day))
    }

    public static func assignmentNoticeDocument(detail: CaseDetail, causeLabel: String, provider: Provider?, day: String,
                                                explanation: String, overrideReason: String?, number: String?) -> Document {
        let b = detail.board
        let who = provider?.name ?? b.providerName ?? ""
        var entries = [DocumentField("受援人", b.applicantName), DocumentField("证件号码", b.idMasked),
                       DocumentField("案件类别", CaseFormat.kindLabel(b.kind)), DocumentField("案由", causeLabel),
                       DocumentField("对方当事人", detail.opposingParty), DocumentField("承办人员", who),
                       DocumentField("所在单位", provider?.organisation ?? ""), DocumentField("指派日期", PaperDate.chinese(day))]
        if !explanation.isEmpty { entries.append(DocumentField("轮案说明", explanation)) }
        if let overrideReason, !overrideReason.isEmpty { entries.append(DocumentField("另行指派理由", overrideReason)) }
        return Document(kind: .assignmentNotice, number: number ?? caseNumber(detail), issuer: issuer(detail), blocks: [
            .line("\(provider?.organisation ?? who)\(provider?.organisation == nil ? "" : "、\(who)")："),
            .paragraph("经审查，本机构决定对\(b.applicantName)的\(causeLabel)案件（案号\(caseNumber(detail))）给予法律援助，现指派\(who)承办。"),
            .fields(entries),
            .paragraph("请承办人员自收到本通知之日起及时与受援人联系，依法提供符合标准的法律援助服务，按规定记录办案进展，"
                       + "结案后三十日内提交结案材料（法律援助法第五十七条至第五十九条）。"),
        ], seal: Seal(issuer: issuer(detail), date: day))
    }

    /// 法律援助公函: tells the police, procuratorate or court handling a criminal case who the
    /// assigned defender or agent is (法律援助法第三十五条至第三十七条).
    public static func officialLetterDocument(detail: CaseDetail, causeLabel: String, provider: Provider?, day: String,
                                              number: String?) -> Document {
        let b = detail.board
        let who = provider?.name ?? b.providerName ?? ""
        let organ = detail.opposingParty.isEmpty ? "办案机关" : detail.opposingParty
        return Document(kind: .officialLetter, number: number ?? caseNumber(detail), issuer: issuer(detail), blocks: [
            .line("\(organ)："),
            .paragraph("根据《中华人民共和国法律援助法》第二十五条、第三十六条的规定，本机构决定为\(b.applicantName)（\(causeLabel)）提供法律援助，"
                       + "指派\(provider?.organisation.map { $0 + "的" } ?? "")\(who)担任其\(b.cause == "suspect_defendant" ? "辩护人" : "诉讼代理人")。"
                       + "请依法为其阅卷、会见、通信等执业活动提供便利，并将有关法律文书及时送达承办人员。"),
            .fields([DocumentField("受援人", b.applicantName), DocumentField("案号", caseNumber(detail)),
                     DocumentField("承办人员", who), DocumentField("所在单位", provider?.organisation ?? ""),
                     DocumentField("联系电话", provider?.phone.map(PrivacyPolicy.maskPhone) ?? "")]),
            .paragraph("特此函告。"),
        ], seal: Seal(issuer: issuer(detail), date: day))
    }

    public static func terminationDecisionDocument(detail: CaseDetail, causeLabel: String, grounds: [String], text: String,
                                                   day: String, number: String?, objectionTerm: DecisionReason.ObjectionTerm? = nil) -> Document {
        let b = detail.board
        return Document(kind: .terminationDecision, number: number ?? caseNumber(detail), issuer: issuer(detail), blocks: [
            .line("\(b.applicantName)："),
            .paragraph("本机构于\(PaperDate.chinese(b.decidedOn ?? b.appliedOn))决定对你的\(causeLabel)案件（案号\(caseNumber(detail))）给予法律援助。"
                       + "现查明存在下列情形，根据《中华人民共和国法律援助法》第四十八条的规定，决定终止法律援助："),
            .list((grounds + (text.isEmpty ? [] : [text])).isEmpty ? ["符合法定终止情形。"] : grounds + (text.isEmpty ? [] : [text])),
            .heading("异议途径"),
        ] + DecisionReason.objectionNotice(bureau: detail.justiceBureau, term: objectionTerm).map { .paragraph($0) },
        seal: Seal(issuer: issuer(detail), date: day))
    }

    /// 送达回证: which document was served on whom, when and how, with the recipient's signature.
    public static func serviceReceiptDocument(detail: CaseDetail, served: [RegisteredDocument], day: String) -> Document {
        let b = detail.board
        return Document(kind: .serviceReceipt, number: caseNumber(detail), issuer: issuer(detail), blocks: [
            .table(DocumentTable(header: ["送达文书", "文书编号", "出具日期"],
                                 rows: served.map { [$0.title, $0.number ?? caseNumber(detail), PaperDate.chinese($0.issuedOn)] },
                                 widths: [4, 4, 2.4])),
            .fields([DocumentField("受送达人", b.applicantName), DocumentField("送达地点", b.stationName),
                     DocumentField("送达方式", "直接送达"), DocumentField("送达日期", "　　　　年　　月　　日")]),
            .signature(IntakeDocuments.signatureLine("受送达人")),
            .signature(IntakeDocuments.signatureLine("送达人")),
        ], seal: Seal(issuer: issuer(detail), date: day))
    }

    /// 结案审查表: the case's course and the reviewer's conclusion.
    public static func closingReviewDocument(detail: CaseDetail, causeLabel: String, day: String) -> Document {
        let b = detail.board
        let approval = detail.timeline.last { $0.kind == "close" || $0.kind == "closing_review" }
        return Document(kind: .closingReview, number: caseNumber(detail), issuer: issuer(detail), blocks: [
            .fields([DocumentField("受援人", b.applicantName), DocumentField("案件类别", CaseFormat.kindLabel(b.kind)),
                     DocumentField("案由", causeLabel), DocumentField("承办人员", b.providerName ?? ""),
                     DocumentField("受理日期", PaperDate.chinese(b.acceptedOn ?? "")), DocumentField("指派日期", PaperDate.chinese(b.assignedOn ?? "")),
                     DocumentField("提交结案", PaperDate.chinese(b.closingSubmittedOn ?? "")), DocumentField("结案日期", PaperDate.chinese(b.closedOn ?? "")),
                     DocumentField("办理结果", detail.outcome ?? ""), DocumentField("审查意见", approval?.note ?? "")]),
            .heading("办案过程"),
            .table(DocumentTable(header: ["日期", "事项", "经办人"],
                                 rows: detail.timeline.map { [PaperDate.chinese(String($0.at.prefix(10))), $0.note.isEmpty ? CaseFormat.eventLabel($0.kind) : $0.note, $0.operatorName ?? ""] },
                                 widths: [2.4, 6, 1.6])),
            .signature(IntakeDocuments.signatureLine("审查人")),
        ], seal: Seal(issuer: issuer(detail), date: day))
    }

    static func fileSafe(_ s: String) -> String {
        s.replacingOccurrences(of: "〔", with: "").replacingOccurrences(of: "〕", with: "-").replacingOccurrences(of: "/", with: "-")
    }
}

import FayuanCore
import FayuanStore
import Foundation

/// Read-backs (给群众看) built from what other screens know: a case (from the case detail) and a
/// consultation (after registering it, and from its record). The ID number is never put here in
/// clear: a registered person's number is revealed by `ApplicantViewScreen` through the store.
extension ReadBack {
    /// "2026-12-01" → "2026年12月1日" (how the applicant says a date); anything else unchanged.
    static func spoken(_ iso: String) -> String {
        guard let d = LocalDate(iso: String(iso.prefix(10))) else { return iso }
        return "\(d.year)年\(d.month)月\(d.day)日"
    }

    /// A case as the applicant should hear it: the matter and case number, the decision (or when
    /// it will be made), the dates, what is still missing and where and by when to bring it.
    static func forCase(_ detail: CaseDetail, causeLabel: String) -> ReadBack {
        let b = detail.board
        let place = b.stationName.isEmpty ? detail.centreName : b.stationName
        var matterDetails = [b.caseNumber.map { "案号：\($0)" } ?? "您的申请已登记，还没有受理编号。"]
        if !detail.centreName.isEmpty { matterDetails.append("办理机构：\(detail.centreName)") }
        var decision: String?
        var decisionDetails: [String] = []
        var decideBy: String?
        var next: [String] = []
        let latest = detail.decisions.last
        switch b.stage {
        case .intake:
            next.append("工作人员会先受理您的申请，然后审查。")
        case .review:
            decideBy = b.reviewDue.map(spoken)
            next.append("工作人员正在审查您的申请，会在上面的日期之前告诉您结果。")
        case .assignment, .handling, .closingReview:
            decision = "给予法律援助"
            if let day = b.decidedOn ?? latest?.day { decisionDetails.append("决定日期：\(spoken(day))") }
            if let lawyer = b.providerName {
                decisionDetails.append("承办人员：\(lawyer)")
                next.append("承办人员 \(lawyer) 会和您联系；请保持电话畅通。")
            } else {
                next.append("法律援助中心会尽快为您指派承办律师，并通知您。")
            }
        case .closed, .archived:
            decision = "已经办结"
            if let day = b.closedOn { decisionDetails.append("结案日期：\(spoken(day))") }
            if let outcome = detail.outcome { decisionDetails.append("办理结果：\(outcome)") }
            next.append("中心可能会打电话回访，请您说说对服务是否满意。")
        case .ended:
            if b.step == .refused {
                decision = "不予法律援助"
                if let day = b.decidedOn ?? latest?.day { decisionDetails.append("决定日期：\(spoken(day))") }
                if let text = latest?.text, !text.isEmpty { decisionDetails.append("理由：\(text)") }
                let bureau = detail.justiceBureau.isEmpty ? "设立法律援助中心的司法行政部门" : detail.justiceBureau
                next.append("如果不同意这个决定，可以向\(bureau)提出异议（法律援助法第四十九条）。")
            } else if b.step == .withdrawn {
                decision = "申请已撤回"
            } else {
                decision = "法律援助已终止"
                if let day = detail.terminatedOn { decisionDetails.append("终止日期：\(spoken(day))") }
            }
        }
        var dates = ["申请日期：\(spoken(b.appliedOn))"]
        if let d = b.acceptedOn { dates.append("受理日期：\(spoken(d))") }
        if let d = b.decidedOn { dates.append("决定日期：\(spoken(d))") }
        if let d = b.assignedOn { dates.append("指派日期：\(spoken(d))") }
        let missing = detail.documents.filter { $0.status == .missing }
        var bring: String?
        if !missing.isEmpty {
            let due = missing.compactMap(\.dueOn).min() ?? b.documentsDue
            bring = (due.map { "请在 \(spoken($0)) 之前" } ?? "请尽快") + "把这些材料交到\(place)（工作日上班时间），可以请家人代交。"
        }
        next.append("有疑问可以拨打 12348 公共法律服务热线。")
        return ReadBack(name: b.applicantName, maskedID: b.idMasked.isEmpty ? nil : b.idMasked,
                        applicantID: b.idMasked.isEmpty ? nil : b.applicantID,
                        matter: "\(causeLabel)（\(CaseFormat.kindLabel(b.kind))）", matterDetails: matterDetails,
                        decision: decision, decisionDetails: decisionDetails, decideBy: decideBy, dates: dates,
                        missingDocuments: missing.map(\.label), bringDocuments: bring, nextSteps: next)
    }

    /// A consultation as the visitor should hear it: the question, the answer given, where they
    /// were referred, and the date. `idMasked` and `applicantID`: the linked registered person.
    static func forConsultation(_ c: Consultation, idMasked: String?) -> ReadBack {
        let topic = ConsultationTopic.topic(id: c.topic)?.label ?? c.topic
        var details: [String] = []
        if !c.question.isEmpty { details.append("您问的问题：\(c.question)") }
        var next: [String] = []
        if !c.answer.isEmpty { next.append("答复意见：\(c.answer)") }
        if let referral = c.referral, !referral.isEmpty, let text = referralText(referral) { next.append(text) }
        next.append("有疑问可以拨打 12348 公共法律服务热线。")
        var readBack = ReadBack(name: c.visitorName ?? "（未留姓名）", maskedID: idMasked,
                                applicantID: idMasked == nil ? nil : c.applicantID,
                                matter: "法律咨询：\(topic)", matterDetails: details, decideBy: nil,
                                dates: ["咨询日期：\(spoken(c.day))"], missingDocuments: [], nextSteps: next)
        readBack.matterHeading = "您咨询的事项"
        return readBack
    }

    /// Where a consultation sent the visitor, in plain words (nil: nowhere).
    static func referralText(_ stored: String) -> String? {
        let parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
        guard let kind = ReferralKind(rawValue: parts[0]), kind != .none else { return nil }
        let department = parts.count > 1 ? parts[1] : ""
        switch kind {
        case .aidApplication: return "下一步：申请法律援助（工作人员会帮您填写申请）。"
        case .otherDepartment: return "下一步：请到 \(department.isEmpty ? kind.label : department) 办理。"
        default: return "下一步：\(kind.label)\(department.isEmpty ? "" : "（\(department)）")。"
        }
    }
}

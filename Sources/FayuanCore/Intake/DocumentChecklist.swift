/// 申请材料: what an applicant brings, per matter. A data lookup: every application needs the
/// common documents, the hardship evidence depends on how hardship is shown, and each cause adds
/// the evidence of its own dispute.
public struct RequiredDocument: Hashable, Sendable, Identifiable {
    public let id: String
    public let label: String

    public init(_ id: String, _ label: String) { self.id = id; self.label = label }
}

public enum DocumentChecklist {
    public static let identity = RequiredDocument("identity", "申请人身份证明")
    public static let household = RequiredDocument("household", "户口簿或居住证明")
    public static let application = RequiredDocument("application_form", "法律援助申请表（签名）")
    public static let hardshipCertificate = RequiredDocument("hardship_certificate", "经济困难证明材料")
    public static let commitment = RequiredDocument("hardship_commitment", "经济困难状况个人诚信承诺书")
    public static let disputeEvidence = RequiredDocument("dispute_evidence", "与所申请事项相关的证据材料")

    /// Evidence of the dispute, by cause code; causes not listed need only the general evidence.
    public static let byCause: [String: [RequiredDocument]] = [
        "labor_remuneration": [RequiredDocument("labor_proof", "劳动关系证明（合同、工牌、考勤等）"),
                               RequiredDocument("wage_arrears", "欠薪凭证（欠条、工资表、聊天记录等）")],
        "labor_relationship": [RequiredDocument("labor_proof", "劳动关系证明（合同、工牌、考勤等）")],
        "work_injury": [RequiredDocument("injury_determination", "工伤认定书或医疗诊断证明"),
                        RequiredDocument("labor_proof", "劳动关系证明（合同、工牌、考勤等）")],
        "traffic_accident": [RequiredDocument("accident_report", "交通事故认定书"),
                             RequiredDocument("medical_records", "病历及医疗费票据")],
        "medical_accident": [RequiredDocument("medical_records", "病历及医疗费票据")],
        "support_payment": [RequiredDocument("kinship_proof", "亲属关系证明")],
        "divorce_property": [RequiredDocument("marriage_certificate", "结婚证或婚姻关系证明")],
        "domestic_violence": [RequiredDocument("violence_evidence", "受害证据（报警记录、告诫书、伤情鉴定等）")],
        "land_expropriation": [RequiredDocument("land_documents", "征收补偿文件或土地权属证明")],
        "land_contract": [RequiredDocument("land_documents", "土地承包合同或经营权证")],
        "social_insurance": [RequiredDocument("insurance_records", "社会保险缴费或待遇记录")],
        "state_compensation": [RequiredDocument("decision_documents", "相关法律文书或决定书")],
    ]

    /// Documents for a matter. `hardshipEvidence` is the `HardshipEvidence` raw value; for
    /// "none" or an exempt case no hardship document is listed.
    public static func documents(kind: MatterKind, cause: String?, hardshipEvidence: HardshipEvidence?) -> [RequiredDocument] {
        var list = [identity, household, application]
        switch hardshipEvidence {
        case .certificate?: list.append(hardshipCertificate)
        case .commitment?: list.append(commitment)
        default: break
        }
        if kind != .criminal, let cause, let extra = byCause[cause] { list += extra }
        if kind == .criminal {
            list.append(RequiredDocument("criminal_documents", "起诉书、判决书或羁押等刑事法律文书"))
        }
        list.append(disputeEvidence)
        var seen = Set<String>()
        return list.filter { seen.insert($0.id).inserted }
    }

    /// Days the applicant is given to bring what is missing (容缺受理); the clerk may change the date.
    public static let supplementDays = 15
}

import FayuanCore
import Foundation

/// One case as the provincial case system takes it (one row per case), with the required fields
/// it lacks. 泽州 实施方案: every aid case must be entered completely and on time; the
/// provincial entry is the only basis for progress and funding.
public struct ProvincialCaseRow: Sendable, Equatable, Codable {
    public var caseID: Int64
    public var values: [String]
    /// Labels of required fields that are empty (empty: the row is complete).
    public var missing: [String]
    public var isComplete: Bool { missing.isEmpty }
    public var number: String { values[0].isEmpty ? "#\(caseID)" : values[0] }
}

public enum ProvincialExport {
    /// The columns, in the order the provincial system's import template lists them.
    public static let columns = [
        "案件编号", "案件类别", "案由代码", "案由", "援助途径", "受理机构", "受理站点",
        "受援人姓名", "性别", "证件类型", "证件号码", "出生日期", "联系电话", "住址", "人群类别", "特殊群体案件",
        "申请日期", "受理日期", "决定日期", "指派日期", "承办人", "承办人类别", "承办机构", "结案日期", "归档日期", "案件状态",
    ]

    static let kindLabels = ["civil": "民事", "criminal": "刑事", "administrative": "行政"]
    static let routeLabels = ["application": "依申请", "notification": "通知辩护/代理", "duty_lawyer": "值班律师转交"]
    static let idTypeLabels = [
        "resident": "居民身份证", "resident15": "居民身份证（15位）", "hk_permit": "港澳居民来往内地通行证",
        "macao_permit": "澳门居民来往内地通行证", "taiwan_permit": "台湾居民来往大陆通行证", "foreign_pr": "外国人永久居留身份证",
        "foreign_pr_old": "外国人永久居留证（旧版）", "passport": "护照", "other": "其他证件", "none": "无证件",
    ]
    static let stepLabels = ["applied": "已申请", "accepted": "已受理", "granted": "已决定给予", "assigned": "已指派",
                             "handling": "承办中", "closed": "已结案", "archived": "已归档"]
    static let stepOrder = ["applied", "accepted", "granted", "assigned", "handling", "closed", "archived"]
}

extension CaseStore {
    /// The cases accepted in `period` (refused and withdrawn ones are not aid cases), one row each,
    /// every row checked for the fields its step requires. ID numbers are masked unless
    /// `clearIDNumbers` (the provincial system needs them in full: ask for it when exporting
    /// for entry; that needs `revealIdentity` too, and the caller records the file it wrote with
    /// `recordFullIdentifierExport`). Needs `exportData`. The phone and address of a 保密 case
    /// never leave in clear, whatever the flags: the provincial row carries "（保密）".
    public func provincialCases(period: ReportPeriod, role: OperatorRole, clearIDNumbers: Bool,
                                causeLabel: (String) -> String = { $0 },
                                groupLabel: (String) -> String = { $0 }) throws -> [ProvincialCaseRow] {
        try AccessPolicy.require(role, .exportData)
        if clearIDNumbers { try AccessPolicy.require(role, .revealIdentity) }
        return try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT c.id, c.confidential, c.case_number, c.kind, c.cause, c.route, c.step, c.special_group, c.applied_on, c.accepted_on,
                       c.decided_on, c.assigned_on, c.closed_on, c.archived_on,
                       centre.name AS centre, s.name AS station,
                       a.name, a.gender, a.id_type, a.id_number, a.birth_date, a.phone, a.address,
                       (SELECT \(db.dialect.stringAggregate("code", separator: ",")) FROM (SELECT code FROM applicant_group g WHERE g.applicant_id = a.id ORDER BY code) ordered) AS groups,
                       p.name AS provider, p.kind AS provider_kind, p.organisation
                FROM aid_case c
                JOIN applicant a ON a.id = c.applicant_id
                JOIN station centre ON centre.id = c.centre_id
                LEFT JOIN station s ON s.id = c.station_id
                LEFT JOIN provider p ON p.id = c.provider_id
                WHERE c.accepted_on BETWEEN ? AND ? AND c.step NOT IN ('refused', 'withdrawn')
                ORDER BY c.accepted_on, c.id
                """, arguments: [period.from.iso, period.to.iso])
            return rows.map { r in
                let step: String = r["step"]
                let reached = ProvincialExport.stepOrder.firstIndex(of: step) ?? 0
                let idType: String = r["id_type"]
                let idNumber: String = r["id_number"] ?? ""
                let groups = ((r["groups"] as String?) ?? "").split(separator: ",").map { groupLabel(String($0)) }
                let gender: String = r["gender"] ?? ""
                let confidential: Bool = r["confidential"]
                func contact(_ value: String?) -> String {
                    guard let value, !value.isEmpty else { return "" }
                    return confidential ? PrivacyPolicy.hiddenText : value
                }
                let values: [String] = [
                    r["case_number"] ?? "", ProvincialExport.kindLabels[r["kind"] as String] ?? r["kind"],
                    r["cause"], causeLabel(r["cause"]), ProvincialExport.routeLabels[r["route"] as String] ?? r["route"],
                    r["centre"], r["station"] ?? "",
                    r["name"], gender == "M" ? "男" : (gender == "F" ? "女" : ""), ProvincialExport.idTypeLabels[idType] ?? idType,
                    clearIDNumbers || idNumber.isEmpty ? idNumber : PrivacyPolicy.maskIDNumber(idNumber),
                    r["birth_date"] ?? "", contact(r["phone"]), contact(r["address"]), groups.joined(separator: "、"),
                    (r["special_group"] as Bool) ? "是" : "否",
                    r["applied_on"], r["accepted_on"] ?? "", r["decided_on"] ?? "", r["assigned_on"] ?? "",
                    r["provider"] ?? "", (r["provider_kind"] as String?).flatMap { ProviderKind(rawValue: $0)?.label } ?? "",
                    r["organisation"] ?? "", r["closed_on"] ?? "", r["archived_on"] ?? "",
                    ProvincialExport.stepLabels[step] ?? step,
                ]
                // What each step requires: everything about the person and the matter at acceptance,
                // then the decision, the assignment, the closing and the archiving as they happen.
                var required = [0, 1, 3, 5, 7, 8, 9, 11, 16, 17]
                if idType != "none" { required.append(10) }
                if reached >= 2 { required.append(18) }
                if reached >= 3 { required += [19, 20, 22] }
                if reached >= 5 { required.append(23) }
                if reached >= 6 { required.append(24) }
                var missing = required.sorted().filter { values[$0].isEmpty }.map { ProvincialExport.columns[$0] }
                if values[12].isEmpty && values[13].isEmpty { missing.append("联系电话或住址") }
                return ProvincialCaseRow(caseID: r["id"], values: values, missing: missing)
            }
        }
    }
}

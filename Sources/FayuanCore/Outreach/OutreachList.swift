/// A 民政 / 残联 list as rows, mapped to the register's fields and checked row by row before
/// anything is stored (round2 §2.4 flow 1): identity numbers validated (GB 11643 check digit),
/// rows de-duplicated by ID and by household, a row whose ID appears under two households held
/// for merge review, bad rows rejected with their row numbers.

/// A field of the register a list column can feed.
public enum OutreachListField: String, Sendable, CaseIterable, Codable {
    case name, idNumber = "id_number", householdRef = "household_ref", relation, address, town, village, phone
    case evidenceNo = "evidence_no", group

    public var label: String {
        switch self {
        case .name: return "姓名"
        case .idNumber: return "身份证号"
        case .householdRef: return "户编号"
        case .relation: return "与户主关系"
        case .address: return "家庭住址"
        case .town: return "乡镇"
        case .village: return "村（社区）"
        case .phone: return "联系电话"
        case .evidenceNo: return "证号"
        case .group: return "群体类别"
        }
    }

    /// Column headings the lists are known to use, matched after removing spaces.
    var aliases: [String] {
        switch self {
        case .name: return ["姓名", "户主姓名", "成员姓名", "救助对象姓名"]
        case .idNumber: return ["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"]
        case .householdRef: return ["户编号", "户号", "家庭编号", "户主身份证号"]
        case .relation: return ["与户主关系", "关系"]
        case .address: return ["家庭住址", "住址", "地址", "居住地址"]
        case .town: return ["乡镇", "镇", "乡镇（街道）", "乡镇街道", "所属乡镇"]
        case .village: return ["村", "村（社区）", "村居", "社区", "所属村居"]
        case .phone: return ["联系电话", "电话", "手机", "手机号码"]
        case .evidenceNo: return ["低保证号", "残疾人证号", "证号", "证件编号", "特困证号", "优抚证号"]
        case .group: return ["群体类别", "类别", "救助类别"]
        }
    }
}

/// Which column feeds which field. `detect` reads the heading row; `apply` takes the operator's
/// corrections (“列名=字段”).
public struct OutreachColumnMapping: Sendable, Hashable {
    public var columns: [OutreachListField: Int]

    public init(columns: [OutreachListField: Int]) { self.columns = columns }

    public static func detect(header: [String]) -> OutreachColumnMapping {
        var found: [OutreachListField: Int] = [:]
        let cleaned = header.map { $0.filter { !$0.isWhitespace } }
        for field in OutreachListField.allCases {
            if let index = cleaned.firstIndex(where: { field.aliases.contains($0) }) { found[field] = index }
        }
        return OutreachColumnMapping(columns: found)
    }

    /// Applies “列名=字段,列名=字段” (field by code or Chinese label); a column given as 第N列 or a
    /// number is taken by position (1-based).
    public mutating func apply(_ spec: String, header: [String]) throws(OutreachInputError) {
        for part in spec.split(separator: ",") where !String(part).trimmingSpaces().isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pair.count == 2 else {
                throw OutreachInputError(field: "--map", message: "“\(part)”应写成 列名=字段")
            }
            guard let field = OutreachListField.allCases.first(where: { $0.rawValue == pair[1] || $0.label == pair[1] }) else {
                throw OutreachInputError(field: "--map", message: "未知的字段“\(pair[1])”；可用：" +
                    OutreachListField.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            }
            let column = pair[0]
            let digits = column.hasPrefix("第") && column.hasSuffix("列") ? String(column.dropFirst().dropLast()) : column
            if let n = Int(digits), n >= 1, n <= header.count {
                columns[field] = n - 1
            } else if let index = header.firstIndex(where: { $0.filter { !$0.isWhitespace } == column }) {
                columns[field] = index
            } else {
                throw OutreachInputError(field: "--map", message: "名单中没有“\(column)”这一列")
            }
        }
    }

    /// The fields a list cannot do without.
    public func requireEssentials() throws(OutreachInputError) {
        for field in [OutreachListField.name, .idNumber] where columns[field] == nil {
            throw OutreachInputError(field: "--map", message: "未找到“\(field.label)”列，请用 --map 指定（例如 --map 公民身份号码=id_number）")
        }
    }
}

/// One accepted row.
public struct OutreachListRow: Sendable, Hashable {
    public var rowNumber: Int
    public var name: String
    public var id: IDNumber
    /// The list's household key: its 户编号 column, else the person's own ID (one-person household).
    public var householdRef: String
    public var relation: String?
    public var address: String?
    public var town: String?
    public var village: String?
    public var phone: String?
    public var evidenceNo: String?
    public var group: OutreachGroup
}

/// A row held or rejected, by its row number in the file.
public struct OutreachListIssue: Sendable, Hashable, Codable {
    public var rowNumber: Int
    public var name: String
    /// Masked: the issue list is printed and kept.
    public var idMasked: String
    public var reason: String

    public init(rowNumber: Int, name: String, idMasked: String, reason: String) {
        self.rowNumber = rowNumber; self.name = name; self.idMasked = idMasked; self.reason = reason
    }
}

/// The checked list.
public struct OutreachListPlan: Sendable, Hashable {
    public var accepted: [OutreachListRow] = []
    /// IDs seen under two households: kept out until someone merges them.
    public var held: [OutreachListIssue] = []
    public var rejected: [OutreachListIssue] = []
    /// Rows that repeated a person already in the list under the same household (merged).
    public var mergedRepeats = 0
    public var totalRows = 0

    /// Checks every data row. `rows` are (row number, cells) with the heading row removed;
    /// `defaultGroup` is the list's group when it has no 类别 column (a 低保 list → DB).
    public static func check(rows: [(line: Int, fields: [String])], mapping: OutreachColumnMapping,
                             defaultGroup: OutreachGroup?, evidenceKind: TagEvidenceKind) -> OutreachListPlan {
        var plan = OutreachListPlan()
        var householdOf: [String: String] = [:]   // ID → household key of its first row
        for (line, fields) in rows {
            if fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            plan.totalRows += 1
            func cell(_ f: OutreachListField) -> String? {
                guard let i = mapping.columns[f], i < fields.count else { return nil }
                let v = fields[i].trimmingSpaces()
                return v.isEmpty ? nil : v
            }
            let name = cell(.name) ?? ""
            let rawID = cell(.idNumber) ?? ""
            func reject(_ reason: String) {
                plan.rejected.append(OutreachListIssue(rowNumber: line, name: name,
                                                       idMasked: PrivacyPolicy.maskIDNumber(rawID), reason: reason))
            }
            guard !name.isEmpty else { reject("姓名为空"); continue }
            let id: IDNumber
            switch IDNumber.parse(rawID) {
            case .success(let parsed): id = parsed
            case .failure(let error):
                if rawID.isEmpty { reject("身份证号为空") }
                else if error.reason.hasPrefix("校验码错误") { reject("身份证号校验位错误（\(error.reason)）") }
                else { reject("身份证号无效：\(error.reason)") }
                continue
            }
            var group = defaultGroup
            if let g = cell(.group) {
                guard let parsed = OutreachGroup(rawValue: g.uppercased()) ?? OutreachGroup.allCases.first(where: { $0.label == g }) else {
                    reject("未知的群体类别“\(g)”"); continue
                }
                group = parsed
            }
            guard let group else { reject("未给出群体类别（名单无“类别”列时须指定 --group）"); continue }
            let evidence = cell(.evidenceNo)
            if evidenceKind == .disabilityCertificate, let evidence {
                let tag = GroupTag(code: group, evidenceKind: evidenceKind, evidenceNo: evidence, validFrom: id.birthDate)
                do { try tag.validate(holderID: id.normalized) } catch { reject(error.message); continue }
            }
            let household = cell(.householdRef) ?? id.normalized
            if let first = householdOf[id.normalized] {
                if first == household {
                    plan.mergedRepeats += 1
                } else {
                    plan.held.append(OutreachListIssue(rowNumber: line, name: name, idMasked: id.masked,
                                                       reason: "同一身份证号出现在两户（\(first)、\(household)），待合并核对"))
                }
                continue
            }
            householdOf[id.normalized] = household
            plan.accepted.append(OutreachListRow(rowNumber: line, name: name, id: id, householdRef: household,
                                                 relation: cell(.relation), address: cell(.address), town: cell(.town),
                                                 village: cell(.village), phone: cell(.phone), evidenceNo: evidence,
                                                 group: group))
        }
        return plan
    }
}

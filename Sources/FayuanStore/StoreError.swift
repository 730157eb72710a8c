import Foundation

/// Everything that can go wrong with the case store, typed so the CLI maps it to an exit code
/// (3 for store/environment problems, 2 for bad input) and the UI shows the Chinese message.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not an SQLite database (wrong header). Nothing was written.
    case notADatabase(path: String)
    /// The file is an SQLite database but damaged, or its schema cannot be read. Nothing was written.
    case corrupt(path: String, detail: String)
    /// An SQLite database of some other program (no Fayuan migrations table).
    case foreignDatabase(path: String)
    /// Made by a newer Fayuan (migrations this build does not know).
    case newerSchema(path: String, unknown: [String])
    /// Cannot create or open the file or its directory.
    case unavailable(path: String, detail: String)
    /// A value a caller passed is invalid; `field` names it.
    case invalidInput(field: String, message: String)
    /// A referenced row does not exist.
    case notFound(entity: String, id: String)
    /// No store at this path, and the caller opens existing stores only (check, search, …).
    case missing(path: String)

    /// Whether this is a store/environment problem (exit 3) rather than bad input (exit 2).
    public var isStoreProblem: Bool {
        switch self {
        case .invalidInput, .notFound: return false
        default: return true
        }
    }

    public var description: String {
        switch self {
        case .notADatabase(let path):
            return "文件不是法援数据库（也不是 SQLite 数据库）：\(path)。未做任何修改。"
        case .corrupt(let path, let detail):
            return "数据库文件已损坏或无法读取：\(path)（\(detail)）。未做任何修改，请从备份恢复。"
        case .foreignDatabase(let path):
            return "该 SQLite 文件不是法援数据库：\(path)。未做任何修改。"
        case .newerSchema(let path, let unknown):
            return "数据库由更新版本的法援创建（未知迁移：\(unknown.joined(separator: "、"))）：\(path)。请升级程序。"
        case .unavailable(let path, let detail):
            return "无法打开或创建数据库：\(path)（\(detail)）"
        case .invalidInput(let field, let message):
            return "\(StoreError.fieldLabel(field))有误：\(message)"
        case .notFound(let entity, let id):
            return "找不到\(entity)：\(id)"
        case .missing(let path):
            return "找不到案件库：\(path)（请检查 --db 或 $FAYUAN_DB；此命令不会新建案件库）。未做任何修改。"
        }
    }
}

extension StoreError {
    /// The Chinese name of a field the store names in a bad-input error: "“月份”", or the
    /// option itself when the field is an option ("--clear-id-numbers"); a field already named in
    /// Chinese is shown as it is.
    public static func fieldLabel(_ field: String) -> String {
        if field.hasPrefix("--") { return "选项 \(field) " }
        if field.contains("-") { return "选项 --\(field) " }
        if field.unicodeScalars.contains(where: { $0.value >= 0x3400 }) { return "“\(field)”" }
        let last = field.split(separator: ".").last.map(String.init) ?? field
        if let label = fieldLabels[field] ?? fieldLabels[last] { return "“\(label)”" }
        return "字段“\(field)”"
    }

    static let fieldLabels: [String: String] = [
        "step": "步骤", "month": "月份", "topic": "咨询事项", "tables": "数据表", "table": "数据表", "reason": "理由",
        "reasons": "理由", "note": "备注", "day": "日期", "window": "窗口", "to": "截止日期", "from": "起始日期",
        "sign_out": "签退时间", "sign_in": "签到时间", "providerID": "承办人员", "provider": "承办人员",
        "operator": "操作员", "name": "姓名", "kind": "种类", "grounds": "依据", "cause": "案由", "today": "今天日期",
        "to-window": "目标窗口", "ticket": "号码", "swap": "对调", "shift": "班次", "satisfaction": "满意度",
        "region": "地区代码", "recall": "重呼", "ratePercent": "比例", "quarter": "季度", "priority-reason": "优先原因",
        "points": "分数", "phone": "电话", "persons": "人数", "peerName": "对方姓名", "overrideReason": "另行指派理由",
        "outcome": "结果", "method": "方式", "label": "名称", "gender": "性别", "field": "字段", "db": "案件库",
        "consultation": "咨询记录", "code": "代码", "cases": "案件数", "broughtBy": "代办人", "identity": "身份证件",
        "acceptedOn": "受理日期", "ID": "证件号码", "FILE": "文件", "station": "站点", "service": "业务",
        "time": "时间", "date": "日期", "role": "角色", "period": "期间", "year": "年份", "stage": "阶段",
        "decision": "决定", "decidedOn": "决定日期", "assignedOn": "指派日期", "closedOn": "结案日期",
        "documents": "申请材料", "idNumber": "证件号码", "birthDate": "出生日期", "address": "住址",
        "amount": "金额", "complaint": "投诉", "deduction": "扣减", "adjustment": "调整",
    ]
}

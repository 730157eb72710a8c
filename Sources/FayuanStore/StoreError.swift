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
            return "字段“\(field)”有误：\(message)"
        case .notFound(let entity, let id):
            return "找不到\(entity)：\(id)"
        case .missing(let path):
            return "找不到案件库：\(path)（请检查 --db 或 $FAYUAN_DB；此命令不会新建案件库）。未做任何修改。"
        }
    }
}

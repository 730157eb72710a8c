import FayuanCore
import Foundation
internal import GRDB

/// One problem found while validating an import: CSV line and column.
public struct ImportIssue: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: String
    public var message: String
    public var description: String { "第\(line)行“\(column)”列：\(message)" }
}

/// Import failed; nothing was written.
public struct ImportFailure: Error, Sendable, Equatable {
    public var issues: [ImportIssue]
}

extension CaseStore {
    /// Writes `table` as CSV (UTF-8 with BOM) through `SafeFile` (0600, never half-written, a
    /// symlink or an existing file at `path` refused unless `force` for the latter). ID numbers
    /// are masked unless `clearIDNumbers`, which needs an operator with both exportData and
    /// revealIdentity and leaves an audit entry naming the file and the row count. 保密 contact
    /// details never leave in clear. Returns the number of rows.
    @discardableResult
    public func exportCSV(table: String, to path: String, clearIDNumbers: Bool = false, by actor: Operator? = nil,
                          force: Bool = false) throws -> Int {
        guard Self.exportableTables.contains(table) else {
            throw StoreError.invalidInput(field: "tables", message: "未知的表：\(table)")
        }
        try Self.requireFullIdentifierExport(clearIDNumbers, actor)
        var count = 0
        try SafeFile.write(to: path, force: force) { writer in
            count = try exportRows(table: table, clearIDNumbers: clearIDNumbers,
                                   header: { try writer.write(CSV.bom + CSV.line($0)) }) { values in
                try writer.write(CSV.line(values))
            }
        }
        if clearIDNumbers, let actor {
            do {
                try recordFullIdentifierExport(file: path, what: table, rows: count, by: actor)
            } catch {
                // No unaudited file of full ID numbers is left behind.
                unlink(path)
                throw error
            }
        }
        return count
    }

    /// Refuses an export of full ID numbers unless `actor` may both export and reveal identities.
    public static func requireFullIdentifierExport(_ clearIDNumbers: Bool, _ actor: Operator?) throws {
        guard clearIDNumbers else { return }
        guard let actor else {
            throw StoreError.invalidInput(field: "--clear-id-numbers", message: "导出完整证件号须由有权限的操作员执行")
        }
        for permission in [Permission.exportData, .revealIdentity] where !AccessPolicy.allows(actor.role, permission) {
            throw StoreError.invalidInput(field: "--clear-id-numbers",
                                          message: "无权操作：\(actor.role.label)不能\(permission.label)")
        }
    }

    /// The audit entry for a file holding full ID numbers: who, which file, what, how many rows.
    public func recordFullIdentifierExport(file: String, what: String, rows: Int, by actor: Operator) throws {
        try Self.requireFullIdentifierExport(true, actor)
        let now = timestamp()
        _ = try write { db in
            try AuditLog.append(db, at: now, operatorID: actor.id, action: "export", entity: "store", entityID: what,
                                before: nil, after: nil, detail: "导出完整证件号：\(what)，\(rows)行，文件 \(file)")
        }
    }

    /// The rows of an exportable table as text, streamed (ID numbers masked unless asked;
    /// secret columns such as PIN hashes never leave; the phone and address of an applicant
    /// with a 保密 case are replaced by "（保密）" whatever the flags). CSV and XLSX exports both
    /// read this.
    @discardableResult
    public func exportRows(table: String, clearIDNumbers: Bool = false, header: ([String]) throws -> Void,
                           row emit: ([String]) throws -> Void) throws -> Int {
        guard Self.exportableTables.contains(table) else {
            throw StoreError.invalidInput(field: "tables", message: "未知的表：\(table)")
        }
        return try sqliteRead { db in
            let columns = try db.columns(in: table).map(\.name).filter { !Self.secretColumns.contains($0) }
            let confidential: Set<Int64> = table == "applicant"
                ? Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT applicant_id FROM aid_case WHERE confidential = 1"))
                : []
            let idColumn = columns.firstIndex(of: "id")
            try header(columns.map { ColumnLabels.header(table: table, column: $0) })
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.map(\.quotedDatabaseIdentifier).joined(separator: ",")) FROM \(table.quotedDatabaseIdentifier)")
            var count = 0
            while let row = try cursor.next() {
                var values: [String] = []
                let hidden = idColumn.map { confidential.contains(row[$0] as Int64? ?? -1) } ?? false
                for (i, column) in columns.enumerated() {
                    let value = row[i] as DatabaseValue
                    var text: String
                    switch value.storage {
                    case .null: text = ""
                    case .int64(let n): text = String(n)
                    case .double(let d): text = String(d)
                    case .string(let s): text = s
                    case .blob(let b): text = b.base64EncodedString()
                    }
                    if column == "id_number" && !clearIDNumbers && !text.isEmpty { text = Masking.idNumber(text) }
                    if hidden && (column == "phone" || column == "address") && !text.isEmpty { text = PrivacyPolicy.hiddenText }
                    values.append(text)
                }
                try emit(values)
                count += 1
            }
            return count
        }
    }

    /// Tables `fayuan import` accepts: reference data and people. Operators only come from
    /// `fayuan user add` (a PIN chosen by the person, hashed with the full KDF); cases, their
    /// timeline, duties and the audit log only from the use cases that write them.
    public static let importableTables = ["station", "provider", "applicant", "applicant_group", "consultation"]

    /// Imports CSV rows into `table` through the store's rules: every value is checked as the
    /// console checks it (ID numbers with their check digit and not already on file or twice in
    /// the file, dates, no control characters), then the schema's CHECK/UNIQUE/foreign-key
    /// rules; either all rows are written or none. Each imported record gets its own audit entry
    /// (channel as the store was opened: `fayuan import` opens it as `.importFile`).
    /// Throws `ImportFailure` listing every line:column problem.
    @discardableResult
    public func importCSV(table: String, from path: String, by operatorID: Int64?) throws -> Int {
        guard Self.importableTables.contains(table) else {
            let why = table == "operator" ? "操作员只能用 fayuan user add 添加" : "只能导入：\(Self.labelledTables(Self.importableTables))"
            throw StoreError.invalidInput(field: "table", message: "不能导入该表：\(table)（\(why)）")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.invalidInput(field: "FILE", message: "无法读取文件：\(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportFailure(issues: [ImportIssue(line: 1, column: "-", message: "文件不是 UTF-8 编码")])
        }
        let records: [(line: Int, fields: [String])]
        do { records = try CSV.parse(text) } catch let e as CSV.ParseError {
            throw ImportFailure(issues: [ImportIssue(line: e.line, column: "-", message: e.message)])
        }
        guard var header = records.first else {
            throw ImportFailure(issues: [ImportIssue(line: 1, column: "-", message: "文件为空")])
        }
        let now = timestamp()
        return try sqliteWrite { db in
            let session = SQLiteSession(db)
            let columns = try db.columns(in: table)
            // Headers as exported ("姓名（name）"), as codes ("name") or as Chinese names ("姓名").
            header.fields = header.fields.map { ColumnLabels.column(table: table, header: $0, columns: columns.map(\.name)) }
            let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
            var issues: [ImportIssue] = []
            for name in header.fields where byName[name] == nil {
                issues.append(ImportIssue(line: header.line, column: name, message: "未知的列"))
            }
            // When a record was made is the store's to say: those columns are set to now.
            let auto: Set<String> = ["created_at", "updated_at"]
            for column in columns where column.isNotNull && column.defaultValueSQL == nil
                && !auto.contains(column.name) && !header.fields.contains(column.name) && column.primaryKeyIndex == 0 {
                issues.append(ImportIssue(line: header.line, column: column.name, message: "缺少必填列"))
            }
            guard issues.isEmpty else { throw ImportFailure(issues: issues) }

            let kept = header.fields.enumerated().filter { !auto.contains($0.element) }
            var insertColumns = kept.map(\.element)
            for name in auto.sorted() where byName[name] != nil { insertColumns.append(name) }
            let sql = "INSERT INTO \(table.quotedDatabaseIdentifier)(\(insertColumns.map(\.quotedDatabaseIdentifier).joined(separator: ","))) VALUES (\(Array(repeating: "?", count: insertColumns.count).joined(separator: ",")))"
            let statement = try db.makeStatement(sql: sql)
            let secret = try storeSecret(session)
            var seenIDNumbers: [String: Int] = [:]
            var inserted: [(line: Int, entityID: String, digest: String, label: String)] = []
            for record in records.dropFirst() {
                guard record.fields.count == header.fields.count else {
                    issues.append(ImportIssue(line: record.line, column: "-",
                                              message: "列数为\(record.fields.count)，应为\(header.fields.count)"))
                    continue
                }
                let fields = Dictionary(zip(header.fields, record.fields.map(CSV.unneutralised)), uniquingKeysWith: { a, _ in a })
                var values: [DatabaseValue] = []
                var rowOK = true
                func refuse(_ column: String, _ message: String) {
                    issues.append(ImportIssue(line: record.line, column: column, message: message)); rowOK = false
                }
                for (_, name) in kept {
                    let raw = fields[name] ?? ""
                    let column = byName[name]!
                    let type = column.type.uppercased()
                    if raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                        refuse(name, "含有控制字符（如 NUL），不能导入"); values.append(.null); continue
                    }
                    if raw.isEmpty {
                        if column.isNotNull && column.defaultValueSQL == nil { refuse(name, "不能为空") }
                        values.append(.null)
                    } else if type.contains("INT") {
                        if let n = Int64(raw) { values.append(n.databaseValue) } else {
                            refuse(name, "应为整数：\(raw)"); values.append(.null)
                        }
                    } else if name.hasSuffix("_on") || name == "birth_date" || name == "day" {
                        if LocalDate(iso: raw) == nil { refuse(name, "日期应为 YYYY-MM-DD 且真实存在：\(raw)") }
                        values.append(raw.databaseValue)
                    } else if name == "id_number" {
                        let value = Self.checkImportedIDNumber(raw, type: fields["id_type"] ?? "resident", line: record.line,
                                                               seen: &seenIDNumbers, db: db, table: table, refuse: refuse)
                        values.append(value.databaseValue)
                    } else if name == "phone", !raw.allSatisfy({ $0.isASCII && ($0.isNumber || "-+ ".contains($0)) }) || raw.count > 20 {
                        refuse(name, "电话只能含数字、空格、+ 和 -：\(raw)"); values.append(.null)
                    } else {
                        values.append(raw.databaseValue)
                    }
                }
                guard rowOK else { continue }
                for name in auto.sorted() where byName[name] != nil { values.append(now.databaseValue) }
                // Each row in a savepoint: a rule the schema enforces (CHECK, UNIQUE, foreign key)
                // is reported for that row, and validation goes on with the next.
                do {
                    try db.execute(sql: "SAVEPOINT import_row")
                    statement.setUncheckedArguments(StatementArguments(values))
                    try statement.execute()
                    try db.execute(sql: "RELEASE import_row")
                    let entityID = table == "applicant_group"
                        ? "\(fields["applicant_id"] ?? ""):\(fields["code"] ?? "")" : String(db.lastInsertedRowID)
                    let digest = AuditDigest.of(kept.map { ($0.element, fields[$0.element]) }, secret: secret)
                    inserted.append((record.line, entityID, digest, fields["name"] ?? fields["code"] ?? ""))
                } catch let error as DatabaseError {
                    try db.execute(sql: "ROLLBACK TO import_row; RELEASE import_row")
                    issues.append(ImportIssue(line: record.line, column: Self.columnIn(error.message, header.fields),
                                              message: "不符合数据规则：\(error.message ?? "\(error.resultCode)")"))
                }
            }
            guard issues.isEmpty else { throw ImportFailure(issues: issues.sorted { $0.line < $1.line }) }
            let file = (path as NSString).lastPathComponent
            // Imported groups change who is a special group: their cases follow the rule.
            if table == "applicant_group" {
                let ids = Set(inserted.compactMap { Int64($0.entityID.split(separator: ":").first ?? "") })
                try Self.refreshSpecialGroups(session, applicantIDs: ids.sorted(), operatorID: operatorID, at: now,
                                              reason: "从 \(file) 导入群体")
            }
            for record in inserted {
                if table == "applicant", let id = Int64(record.entityID) {
                    let row = try Row.fetchOne(db, sql: "SELECT name, id_number, phone FROM applicant WHERE id = ?", arguments: [id])!
                    try PersonSearchIndex.insert(session, applicantID: id,
                        keys: PersonSearchIndex.keys(name: row["name"], idNumber: row["id_number"], phone: row["phone"]))
                }
                try AuditLog.append(session, at: now, operatorID: operatorID, action: "import", entity: table,
                                    entityID: record.entityID, before: nil, after: record.digest,
                                    detail: "从 \(file) 第\(record.line)行导入")
            }
            return inserted.count
        }
    }

    /// An ID number as the intake form checks it: a valid number of its type (check digit,
    /// birth date), stored normalised, not already on file and not twice in the file.
    static func checkImportedIDNumber(_ raw: String, type: String, line: Int, seen: inout [String: Int], db: Database,
                                      table: String, refuse: (String, String) -> Void) -> String {
        var value = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if IDNumber.Kind(rawValue: type) != nil {
            switch IDNumber.parse(raw) {
            case .success(let id): value = id.normalized
            case .failure(let error):
                refuse("id_number", "证件号码无效：\(error.reason)")
                return value
            }
        }
        if let first = seen[value] {
            refuse("id_number", "证件号码与第\(first)行重复")
        } else if table == "applicant",
                  (try? Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM applicant WHERE id_number = ?)", arguments: [value])) == true {
            refuse("id_number", "证件号码已登记在库中的另一人名下")
        }
        seen[value] = seen[value] ?? line
        return value
    }

    /// The column named in an SQLite constraint message, if it is one of the file's columns.
    static func columnIn(_ message: String?, _ columns: [String]) -> String {
        guard let message else { return "-" }
        return columns.filter { message.contains($0) }.max { $0.count < $1.count } ?? "-"
    }
}

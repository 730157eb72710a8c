import Foundation
import GRDB

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
    /// Writes `table` as CSV (UTF-8 with BOM). ID numbers are masked unless `clearIDNumbers`.
    /// Returns the number of rows.
    @discardableResult
    public func exportCSV(table: String, to path: String, clearIDNumbers: Bool = false) throws -> Int {
        guard Self.exportableTables.contains(table) else {
            throw StoreError.invalidInput(field: "tables", message: "未知的表：\(table)")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw StoreError.unavailable(path: path, detail: "无法写入导出文件")
        }
        defer { try? handle.close() }
        var buffer = ""
        let count = try exportRows(table: table, clearIDNumbers: clearIDNumbers, header: { buffer = CSV.bom + CSV.line($0) }) { values in
            buffer += CSV.line(values)
            if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
        }
        handle.write(Data(buffer.utf8))
        return count
    }

    /// The rows of an exportable table as text, streamed (ID numbers masked unless asked;
    /// secret columns such as PIN hashes never leave). CSV and XLSX exports both read this.
    @discardableResult
    public func exportRows(table: String, clearIDNumbers: Bool = false, header: ([String]) throws -> Void,
                           row emit: ([String]) throws -> Void) throws -> Int {
        guard Self.exportableTables.contains(table) else {
            throw StoreError.invalidInput(field: "tables", message: "未知的表：\(table)")
        }
        return try read { db in
            let columns = try db.columns(in: table).map(\.name).filter { !Self.secretColumns.contains($0) }
            try header(columns)
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.map(\.quotedDatabaseIdentifier).joined(separator: ",")) FROM \(table.quotedDatabaseIdentifier)")
            var count = 0
            while let row = try cursor.next() {
                var values: [String] = []
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
                    values.append(text)
                }
                try emit(values)
                count += 1
            }
            return count
        }
    }

    /// Imports CSV rows into `table`: every row is validated (columns, required values, types,
    /// the schema's CHECK/UNIQUE/foreign-key rules) and either all rows are written or none.
    /// Throws `ImportFailure` listing every line:column problem.
    @discardableResult
    public func importCSV(table: String, from path: String, by operatorID: Int64?) throws -> Int {
        guard Self.exportableTables.contains(table), table != "audit_log" else {
            throw StoreError.invalidInput(field: "table", message: "不能导入该表：\(table)")
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
        guard let header = records.first else {
            throw ImportFailure(issues: [ImportIssue(line: 1, column: "-", message: "文件为空")])
        }
        let now = timestamp()
        return try write { db in
            let columns = try db.columns(in: table)
            let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
            var issues: [ImportIssue] = []
            for name in header.fields where byName[name] == nil {
                issues.append(ImportIssue(line: header.line, column: name, message: "未知的列"))
            }
            let auto: Set<String> = ["created_at", "updated_at"]
            for column in columns where column.isNotNull && column.defaultValueSQL == nil
                && !auto.contains(column.name) && !header.fields.contains(column.name) && column.primaryKeyIndex == 0 {
                issues.append(ImportIssue(line: header.line, column: column.name, message: "缺少必填列"))
            }
            guard issues.isEmpty else { throw ImportFailure(issues: issues) }

            var insertColumns = header.fields
            for name in auto where byName[name] != nil && !insertColumns.contains(name) { insertColumns.append(name) }
            let sql = "INSERT INTO \(table.quotedDatabaseIdentifier)(\(insertColumns.map(\.quotedDatabaseIdentifier).joined(separator: ","))) VALUES (\(Array(repeating: "?", count: insertColumns.count).joined(separator: ",")))"
            let statement = try db.makeStatement(sql: sql)
            var inserted: [Int64] = []
            for record in records.dropFirst() {
                guard record.fields.count == header.fields.count else {
                    issues.append(ImportIssue(line: record.line, column: "-",
                                              message: "列数为\(record.fields.count)，应为\(header.fields.count)"))
                    continue
                }
                var values: [DatabaseValue] = []
                var rowOK = true
                for (name, raw) in zip(header.fields, record.fields) {
                    let column = byName[name]!
                    let type = column.type.uppercased()
                    if raw.isEmpty {
                        if column.isNotNull && column.defaultValueSQL == nil {
                            issues.append(ImportIssue(line: record.line, column: name, message: "不能为空")); rowOK = false
                        }
                        values.append(.null)
                    } else if type.contains("INT") {
                        if let n = Int64(raw) { values.append(n.databaseValue) } else {
                            issues.append(ImportIssue(line: record.line, column: name, message: "应为整数：\(raw)")); rowOK = false
                            values.append(.null)
                        }
                    } else {
                        values.append((name == "id_number" ? raw.uppercased() : raw).databaseValue)
                    }
                }
                guard rowOK else { continue }
                for name in insertColumns.dropFirst(header.fields.count) where auto.contains(name) { values.append(now.databaseValue) }
                // Each row in a savepoint: a rule the schema enforces (CHECK, UNIQUE, foreign key)
                // is reported for that row, and validation goes on with the next.
                do {
                    try db.execute(sql: "SAVEPOINT import_row")
                    statement.setUncheckedArguments(StatementArguments(values))
                    try statement.execute()
                    inserted.append(db.lastInsertedRowID)
                    try db.execute(sql: "RELEASE import_row")
                } catch let error as DatabaseError {
                    try db.execute(sql: "ROLLBACK TO import_row; RELEASE import_row")
                    issues.append(ImportIssue(line: record.line, column: Self.columnIn(error.message, header.fields),
                                              message: "不符合数据规则：\(error.message ?? "\(error.resultCode)")"))
                }
            }
            guard issues.isEmpty else { throw ImportFailure(issues: issues.sorted { $0.line < $1.line }) }
            if table == "applicant" {
                for id in inserted {
                    let row = try Row.fetchOne(db, sql: "SELECT name, id_number, phone FROM applicant WHERE id = ?", arguments: [id])!
                    try PersonSearchIndex.insert(db, applicantID: id,
                        keys: PersonSearchIndex.keys(name: row["name"], idNumber: row["id_number"], phone: row["phone"]))
                }
            }
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "import", entity: table, entityID: "-",
                                before: nil, after: nil, detail: "导入\(inserted.count)行")
            return inserted.count
        }
    }

    /// The column named in an SQLite constraint message, if it is one of the file's columns.
    static func columnIn(_ message: String?, _ columns: [String]) -> String {
        guard let message else { return "-" }
        return columns.filter { message.contains($0) }.max { $0.count < $1.count } ?? "-"
    }
}

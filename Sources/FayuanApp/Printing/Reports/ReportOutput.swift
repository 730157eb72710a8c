import CXlsxWriter
import FayuanDocuments
import FayuanStore
import Foundation
import TerminalKit

/// Writes a `ReportDocument` as plain text (to print), CSV (UTF-8 with BOM, CRLF: Excel and WPS
/// open Chinese directly) or XLSX (one sheet per table, through libxlsxwriter).
public enum ReportOutput {
    /// Plain text in display columns: Chinese takes two.
    public static func text(_ doc: ReportDocument) -> String {
        var out = doc.title + "\n" + String(repeating: "=", count: doc.title.displayWidth) + "\n"
        for line in doc.lines { out += line + "\n" }
        for table in doc.tables {
            out += "\n" + table.title + "\n"
            let widths = table.columns.indices.map { i in
                ([table.columns[i]] + table.rows.map { i < $0.count ? $0[i] : "" }).map(\.displayWidth).max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in
                    // Text left, figures right, as on paper.
                    let numeric = i > 0 && c.first.map { $0.isNumber || $0 == "—" || $0 == "-" } == true
                    return c.padded(toWidth: widths[i], alignment: numeric ? .right : .left)
                }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression) + "\n"
            }
            out += line(table.columns)
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in table.rows { out += line(row) }
            if table.rows.isEmpty { out += "（无）\n" }
        }
        if !doc.notes.isEmpty { out += "\n" + doc.notes.map { "注：" + $0 }.joined(separator: "\n") + "\n" }
        return out
    }

    /// The report as a document (A4; its tables ruled, figures as text) for PDF and print.
    public static func document(_ doc: ReportDocument, issuer: String = "") -> Document {
        var blocks: [Block] = doc.lines.map { .line($0) }
        for table in doc.tables {
            blocks.append(.heading(table.title))
            blocks.append(table.rows.isEmpty ? .line("（无）")
                          : .table(DocumentTable(header: table.columns, rows: table.rows,
                                                 widths: table.columns.indices.map { $0 == 0 ? 2 : 1 })))
        }
        blocks += doc.notes.map { .line("注：" + $0) }
        return Document(kind: .report, title: doc.title, issuer: issuer, blocks: blocks)
    }

    /// PDF (see `document`), written through `SafeFile`.
    public static func writePDF(_ doc: ReportDocument, issuer: String = "", to path: String, force: Bool = false) throws {
        try SafeFile.write(try document(doc, issuer: issuer).pdf(), to: path, force: force)
    }

    /// CSV: the title and lines first, then each table under its title, a blank line between.
    public static func csv(_ doc: ReportDocument) -> String {
        var out = CSV.bom + CSV.line([doc.title])
        for line in doc.lines { out += CSV.line([line]) }
        for table in doc.tables {
            out += "\r\n" + CSV.line([table.title]) + CSV.line(table.columns)
            for row in table.rows { out += CSV.line(row) }
        }
        for note in doc.notes { out += "\r\n" + CSV.line(["注：" + note]) }
        return out
    }

    /// A whole table as CSV (one table per file: the provincial export).
    public static func csv(columns: [String], rows: [[String]]) -> String {
        CSV.bom + CSV.line(columns) + rows.map(CSV.line).joined()
    }

    public struct XLSXError: Error, CustomStringConvertible {
        public let description: String
    }

    /// XLSX: a sheet "说明" with the title, lines and notes, then one sheet per table. Plain
    /// numbers are written as numbers so a spreadsheet can sum them; everything else as text.
    public static func writeXLSX(_ doc: ReportDocument, to path: String, force: Bool = false) throws {
        var sheets: [(String, [String], [[String]])] = [("说明", ["项目"], [[doc.title]] + doc.lines.map { [$0] } + doc.notes.map { ["注：" + $0] })]
        sheets += doc.tables.map { ($0.title, $0.columns, $0.rows) }
        try writeXLSX(sheets: sheets, to: path, force: force)
    }

    /// Through `SafeFile`: libxlsxwriter fills a private 0600 temporary file beside `path`, which
    /// takes the name only when complete (a symlink at `path` is refused; an existing file is
    /// kept unless `force`). Text cells are neutralised like CSV cells.
    public static func writeXLSX(sheets: [(title: String, columns: [String], rows: [[String]])], to path: String,
                                 force: Bool = false) throws {
        try SafeFile.write(to: path, force: force, byName: { tmp in
            try writeWorkbook(sheets: sheets, to: tmp, naming: path)
        })
    }

    static func writeWorkbook(sheets: [(title: String, columns: [String], rows: [[String]])], to file: String,
                              naming path: String) throws {
        guard let workbook = workbook_new(file) else { throw XLSXError(description: "无法创建文件：\(path)") }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        var used = Set<String>()
        for (n, sheet) in sheets.enumerated() {
            let name = sheetName(sheet.title, index: n, used: &used)
            guard let ws = workbook_add_worksheet(workbook, name) else {
                _ = workbook_close(workbook)
                throw XLSXError(description: "无法添加工作表：\(name)")
            }
            for (c, title) in sheet.columns.enumerated() {
                worksheet_write_string(ws, 0, lxw_col_t(c), title, bold)
                let width = ([title] + sheet.rows.map { c < $0.count ? $0[c] : "" }).map(\.displayWidth).max() ?? 8
                worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), Double(min(60, width + 2)), nil)
            }
            for (r, row) in sheet.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    if let number = plainNumber(cell) {
                        worksheet_write_number(ws, lxw_row_t(r + 1), lxw_col_t(c), number, nil)
                    } else {
                        worksheet_write_string(ws, lxw_row_t(r + 1), lxw_col_t(c), CSV.neutralised(cell), nil)
                    }
                }
            }
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw StoreError.unavailable(path: path, detail: "写入 XLSX 失败（\(String(cString: lxw_strerror(status)))），文件未写入")
        }
    }

    /// "123", "-4.5" → numbers; ID numbers, dates, case numbers and leading zeros stay text.
    static func plainNumber(_ text: String) -> Double? {
        guard !text.isEmpty, text.count <= 12, !(text.count > 1 && text.hasPrefix("0") && !text.hasPrefix("0.")),
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else { return nil }
        return Double(text)
    }

    /// Excel sheet names: ≤ 31 characters, none of []:*?/\, unique.
    static func sheetName(_ title: String, index: Int, used: inout Set<String>) -> String {
        var name = String(title.filter { !"[]:*?/\\".contains($0) }.prefix(28))
        if name.isEmpty { name = "表\(index + 1)" }
        while used.contains(name) { name = String(name.prefix(26)) + "\(index + 1)" }
        used.insert(name)
        return name
    }
}

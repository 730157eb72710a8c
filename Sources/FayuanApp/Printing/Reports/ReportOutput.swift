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
                          : { let (header, widths) = columnLayout(table)
                              return .table(DocumentTable(header: header, rows: table.rows, widths: widths)) }())
        }
        blocks += doc.notes.map { .line("注：" + $0) }
        return Document(kind: .report, title: doc.title, issuer: issuer, blocks: blocks)
    }

    /// Headers and column widths for A4 at 五号 (10.5 pt; a half-width column about 6 pt with the wide symbols, the
    /// cell padding 7.35 pt). When the table fits, each column is as wide as its widest cell.
    /// When it does not, the four-character headers go on two lines (本期 / 目标), the first column
    /// (labels) may wrap, and every other column keeps at least its widest unbreakable piece (a
    /// figure such as "1/1（100.0%）" or "0.00‱"); what is left goes to the columns that want more.
    /// Equal widths broke figures across lines (a lone "）" or "‱") and headers as 本期目/标.
    static func columnLayout(_ table: ReportTable, lineWidth: Double = 442) -> (header: [String], widths: [Double]) {
        func width(_ s: String) -> Double {
            // Half-width 1, CJK and full-width 2, other symbols (‱ √ ÷ ×, drawn from a fallback font) 3.
            func columns(_ u: Unicode.Scalar) -> Int {
                if u.isASCII { return 1 }
                switch u.value {
                case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return 2
                default: return 3
                }
            }
            let lines = s.split(separator: "\n").map { $0.unicodeScalars.reduce(0) { $0 + columns($1) } }
            return Double(lines.max() ?? 0) * 6 + 7.35
        }
        let n = table.columns.count
        func cells(_ i: Int) -> [String] { table.rows.map { i < $0.count ? $0[i] : "" } }
        let natural = (0..<n).map { i in ([table.columns[i]] + cells(i)).map(width).max() ?? 30 }
        guard natural.reduce(0, +) > lineWidth else { return (table.columns, natural) }
        let header = table.columns.map { h -> String in
            guard h.count >= 4, h.unicodeScalars.allSatisfy({ !$0.isASCII }) else { return h }
            let cut = h.index(h.startIndex, offsetBy: (h.count + 1) / 2)
            return h[..<cut] + "\n" + h[cut...]
        }
        let least = (0..<n).map { i -> Double in
            // A short cell ("√ 已完成") is one piece: Pango would break it inside, not at the space.
            let pieces = cells(i).flatMap { c in width(c) <= width("123456789012") ? [c] : c.split(separator: " ").map(String.init) }.map(width)
            let floor = max(width(header[i]), pieces.max() ?? 0)
            return i == 0 ? min(floor, width("四个汉字")) : floor
        }
        let floor = least.reduce(0, +)
        guard floor < lineWidth else { return (header, least) }
        let wanted = zip(natural, least).map { max(0, $0 - $1) }
        let extra = wanted.reduce(0, +)
        let share = extra > 0 ? min(1, (lineWidth - floor) / extra) : 0
        return (header, zip(least, wanted).map { $0 + $1 * share })
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

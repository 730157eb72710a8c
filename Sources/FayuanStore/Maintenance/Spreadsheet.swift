import Crypto
import Foundation

/// Reads the first worksheet of an .xlsx file (Office Open XML) or a CSV file into rows of text,
/// for the 民政 / 残联 list import. Pure Swift: the ZIP container, DEFLATE and the few XML
/// elements a sheet uses are read here, so nothing is linked or loaded at start-up for it.
public enum Spreadsheet {
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// SHA-256 of a file's bytes, hex (recorded with an import batch).
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Rows with their 1-based row numbers as the spreadsheet shows them (header included).
    public static func rows(data: Data, fileName: String) throws -> [(line: Int, fields: [String])] {
        let isZip = data.count >= 4 && data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
        if isZip || fileName.lowercased().hasSuffix(".xlsx") {
            guard isZip else { throw ReadError(message: "不是有效的 XLSX 文件（应为 ZIP 格式）") }
            return try xlsxRows(data)
        }
        var text: String
        if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let gb = String(data: data, encoding: String.Encoding(rawValue: 0x8000_0632)) {
            text = gb   // GB18030, as Excel in Chinese saves “CSV”
        } else {
            throw ReadError(message: "CSV 文件既不是 UTF-8 也不是 GB18030 编码")
        }
        if text.hasPrefix(CSV.bom) { text.removeFirst() }
        do {
            return try CSV.parse(text)
        } catch let error as CSV.ParseError {
            throw ReadError(message: "CSV 第 \(error.line) 行：\(error.message)")
        }
    }

    // MARK: XLSX

    static func xlsxRows(_ data: Data) throws -> [(line: Int, fields: [String])] {
        let zip = try ZipArchive(data)
        let shared = try zip.entry(named: "xl/sharedStrings.xml").map { try sharedStrings(XMLText(bytes: $0)) } ?? []
        let sheetPath = try firstSheetPath(zip)
        guard let sheet = try zip.entry(named: sheetPath) else {
            throw ReadError(message: "XLSX 中找不到工作表 \(sheetPath)")
        }
        return try sheetRows(XMLText(bytes: sheet), shared: shared)
    }

    /// The first sheet in workbook order (workbook.xml + its relationships), else sheet1.xml.
    static func firstSheetPath(_ zip: ZipArchive) throws -> String {
        guard let workbook = try zip.entry(named: "xl/workbook.xml"),
              let rels = try zip.entry(named: "xl/_rels/workbook.xml.rels") else { return "xl/worksheets/sheet1.xml" }
        let wb = XMLText(bytes: workbook)
        guard let sheet = wb.elements("sheet").first, let rid = sheet.attributes["r:id"] else { return "xl/worksheets/sheet1.xml" }
        for rel in XMLText(bytes: rels).elements("Relationship") where rel.attributes["Id"] == rid {
            guard var target = rel.attributes["Target"] else { break }
            if target.hasPrefix("/") { target.removeFirst() } else { target = "xl/" + target }
            return target
        }
        return "xl/worksheets/sheet1.xml"
    }

    static func sharedStrings(_ xml: XMLText) throws -> [String] {
        xml.blocks("si").map { si in XMLText(text: si).blocks("t").map(XMLText.unescape).joined() }
    }

    static func sheetRows(_ xml: XMLText, shared: [String]) throws -> [(line: Int, fields: [String])] {
        var out: [(line: Int, fields: [String])] = []
        var nextRow = 1
        for row in xml.elementsWithBody("row") {
            let number = row.attributes["r"].flatMap(Int.init) ?? nextRow
            nextRow = number + 1
            var fields: [String] = []
            var nextColumn = 0
            for cell in XMLText(text: row.body).elementsWithBody("c") {
                let column = cell.attributes["r"].map(columnIndex) ?? nextColumn
                nextColumn = column + 1
                let type = cell.attributes["t"] ?? "n"
                let body = XMLText(text: cell.body)
                var value: String
                switch type {
                case "s":
                    guard let i = body.blocks("v").first.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), i < shared.count else {
                        throw ReadError(message: "XLSX 第 \(number) 行：共享字符串索引无效")
                    }
                    value = shared[i]
                case "inlineStr":
                    value = body.blocks("t").map(XMLText.unescape).joined()
                default:
                    value = body.blocks("v").first.map(XMLText.unescape) ?? ""
                    // Excel stores long digit strings typed as numbers in E notation (3.2072119430512E+17):
                    // an ID number so stored has already lost digits and is caught by the check digit.
                }
                if fields.count < column { fields += Array(repeating: "", count: column - fields.count) }
                if fields.count == column { fields.append(value) } else { fields[column] = value }
            }
            out.append((line: number, fields: fields))
        }
        return out
    }

    /// "AB12" → 27 (0-based column).
    static func columnIndex(_ reference: String) -> Int {
        var n = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            n = n * 26 + Int(scalar.value - 64)
        }
        return max(0, n - 1)
    }
}

/// A read-only ZIP archive in memory (the central directory, stored and deflated entries).
struct ZipArchive {
    struct Entry { var method: Int; var compressedSize: Int; var localOffset: Int }
    let data: [UInt8]
    var entries: [String: Entry] = [:]

    init(_ bytes: Data) throws {
        data = [UInt8](bytes)
        func u16(_ i: Int) -> Int { Int(data[i]) | Int(data[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        // End of central directory: the last "PK\5\6" within the final 64 KiB + 22 bytes.
        var eocd = -1
        var i = data.count - 22
        let floor = Swift.max(0, data.count - 65_557)
        while i >= floor {
            if data[i] == 0x50 && data[i + 1] == 0x4B && data[i + 2] == 0x05 && data[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：找不到 ZIP 目录") }
        let count = u16(eocd + 10)
        var p = u32(eocd + 16)
        for _ in 0..<count {
            guard p + 46 <= data.count, u32(p) == 0x0201_4B50 else {
                throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：ZIP 目录项无效")
            }
            let method = u16(p + 10), compressed = u32(p + 20)
            let nameLength = u16(p + 28), extra = u16(p + 30), comment = u16(p + 32), local = u32(p + 42)
            guard p + 46 + nameLength <= data.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：文件名越界") }
            let name = String(decoding: data[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(method: method, compressedSize: compressed, localOffset: local)
            p += 46 + nameLength + extra + comment
        }
    }

    func entry(named name: String) throws -> [UInt8]? {
        guard let e = entries[name] else { return nil }
        let p = e.localOffset
        guard p + 30 <= data.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：\(name) 越界") }
        let nameLength = Int(data[p + 26]) | Int(data[p + 27]) << 8
        let extra = Int(data[p + 28]) | Int(data[p + 29]) << 8
        let start = p + 30 + nameLength + extra
        guard start + e.compressedSize <= data.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：\(name) 被截断") }
        let body = Array(data[start..<(start + e.compressedSize)])
        switch e.method {
        case 0: return body
        case 8: return try Inflate.decompress(body)
        default: throw Spreadsheet.ReadError(message: "XLSX 使用了不支持的压缩方式 \(e.method)")
        }
    }
}

/// DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
enum Inflate {
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []
        init(lengths: [Int]) {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }
    }

    struct Bits {
        let input: [UInt8]
        var position = 0
        var buffer = 0
        var count = 0
        mutating func bits(_ n: Int) throws -> Int {
            while count < n {
                guard position < input.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：压缩数据不完整") }
                buffer |= Int(input[position]) << count
                position += 1
                count += 8
            }
            let value = buffer & ((1 << n) - 1)
            buffer >>= n
            count -= n
            return value
        }
        mutating func decode(_ h: Huffman) throws -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try bits(1)
                let count = h.counts[length]
                if code - count < first { return h.symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：压缩编码无效")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                           4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let fixedLiteral = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    static let fixedDistance = Huffman(lengths: [Int](repeating: 5, count: 30))

    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        var s = Bits(input: input)
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 4)
        var last = 0
        repeat {
            last = try s.bits(1)
            switch try s.bits(2) {
            case 0:
                s.buffer = 0; s.count = 0
                guard s.position + 4 <= input.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：存储块不完整") }
                let len = Int(input[s.position]) | Int(input[s.position + 1]) << 8
                s.position += 4
                guard s.position + len <= input.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：存储块越界") }
                out.append(contentsOf: input[s.position..<(s.position + len)])
                s.position += len
            case 1:
                try codes(&s, &out, fixedLiteral, fixedDistance)
            case 2:
                let (lit, dist) = try dynamicTables(&s)
                try codes(&s, &out, lit, dist)
            default:
                throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：压缩块类型无效")
            }
        } while last == 0
        return out
    }

    static func dynamicTables(_ s: inout Bits) throws -> (Huffman, Huffman) {
        let nlen = try s.bits(5) + 257, ndist = try s.bits(5) + 1, ncode = try s.bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<ncode { codeLengths[order[i]] = try s.bits(3) }
        let codeTable = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < nlen + ndist {
            let symbol = try s.decode(codeTable)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：码长重复无前项") }
                lengths += Array(repeating: previous, count: 3 + (try s.bits(2)))
            case 17: lengths += Array(repeating: 0, count: 3 + (try s.bits(3)))
            default: lengths += Array(repeating: 0, count: 11 + (try s.bits(7)))
            }
        }
        guard lengths.count == nlen + ndist else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：码长过多") }
        return (Huffman(lengths: Array(lengths[0..<nlen])), Huffman(lengths: Array(lengths[nlen...])))
    }

    static func codes(_ s: inout Bits, _ out: inout [UInt8], _ lit: Huffman, _ dist: Huffman) throws {
        while true {
            let symbol = try s.decode(lit)
            if symbol < 256 { out.append(UInt8(symbol)); continue }
            if symbol == 256 { return }
            let li = symbol - 257
            guard li < lengthBase.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：长度码无效") }
            let length = lengthBase[li] + (try s.bits(lengthExtra[li]))
            let di = try s.decode(dist)
            guard di < distBase.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：距离码无效") }
            let distance = distBase[di] + (try s.bits(distExtra[di]))
            guard distance <= out.count else { throw Spreadsheet.ReadError(message: "XLSX 文件已损坏：距离越界") }
            let start = out.count - distance
            for k in 0..<length { out.append(out[start + k]) }
        }
    }
}

/// Just enough XML for worksheet parts: elements by name with their attributes and bodies.
struct XMLText {
    let text: String

    init(bytes: [UInt8]) { text = String(decoding: bytes, as: UTF8.self) }
    init(text: String) { self.text = text }

    struct Element { var attributes: [String: String]; var body: String }

    /// `<name …/>` and `<name …>…</name>` (not nested in themselves), in order.
    func elementsWithBody(_ name: String) -> [Element] {
        var out: [Element] = []
        var rest = text[...]
        let open = "<" + name
        while let start = rest.range(of: open) {
            let after = rest[start.upperBound...]
            guard let next = after.first, next == " " || next == ">" || next == "/" || next == "\n" || next == "\t" || next == "\r",
                  let tagEnd = after.firstIndex(of: ">") else {
                rest = after
                continue
            }
            let head = after[..<tagEnd]
            let attributes = Self.attributes(String(head))
            if head.hasSuffix("/") {
                out.append(Element(attributes: attributes, body: ""))
                rest = after[after.index(after: tagEnd)...]
                continue
            }
            let bodyStart = after.index(after: tagEnd)
            guard let close = after[bodyStart...].range(of: "</" + name + ">") else { break }
            out.append(Element(attributes: attributes, body: String(after[bodyStart..<close.lowerBound])))
            rest = after[close.upperBound...]
        }
        return out
    }

    func elements(_ name: String) -> [Element] { elementsWithBody(name) }

    /// The bodies of `<name>` elements (text content).
    func blocks(_ name: String) -> [String] { elementsWithBody(name).map(\.body) }

    static func attributes(_ head: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = head[...]
        while let eq = rest.firstIndex(of: "=") {
            let key = rest[..<eq].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).last.map(String.init) ?? ""
            var after = rest[rest.index(after: eq)...]
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let end = after.firstIndex(of: quote) else { break }
            out[key] = unescape(String(after[..<end]))
            rest = after[after.index(after: end)...]
        }
        return out
    }

    /// XML entities and numeric character references.
    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 else {
                out += "&"; rest = after.dropFirst(); continue
            }
            let entity = after[after.index(after: after.startIndex)..<semi]
            switch entity {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: UInt32?
                if entity.hasPrefix("#x") { scalar = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()) }
                if let scalar, let u = Unicode.Scalar(scalar) { out.unicodeScalars.append(u) } else { out += "&" + entity + ";" }
            }
            rest = after[after.index(after: semi)...]
        }
        return out + rest
    }
}

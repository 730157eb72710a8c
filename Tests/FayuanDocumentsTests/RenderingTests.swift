import Foundation
import Testing
@testable import FayuanDocuments

/// The renderers on a document with Chinese text: the text wraps without splitting numbers or
/// dates; the PDF carries the text (pdftotext) and embedded CJK font subsets (pdffonts).
@Suite struct RenderingTests {
    static let sample = Document(
        kind: .refusalDecision, number: "〔2026〕泽援不决字第12号", issuer: "泽州县法律援助中心",
        blocks: [
            .line("王秀兰："),
            .paragraph("你于2026年11月28日提出的法律援助申请（案号〔2026〕民援字第0012号），经审查，本中心决定不予法律援助。"
                       + String(repeating: "理由详见下列各项，请认真阅读并妥善保管本决定书。", count: 12)),
            .fields([DocumentField("申请人", "王秀兰"), DocumentField("证件号码", "140525********1234"), DocumentField("申请日期", "2026-11-28")]),
            .table(DocumentTable(header: ["材料", "份数", "日期"], rows: [["身份证复印件", "1份", "2026-11-28"], ["收入证明", "2份", "2026-11-28"]])),
            .list(["家庭人均月收入 3100 元，高于本地标准 2280 元。"]),
            .signature("申请人（签名）：　　　　　　　　　年　　月　　日"),
        ],
        seal: Seal(issuer: "泽州县法律援助中心", date: "2026-12-03"))

    @Test func textKeepsDatesAndNumbersOnOneLine() {
        let text = Self.sample.text
        #expect(text.contains("〔2026〕泽援不决字第12号"))
        #expect(text.contains("2026年12月3日"))
        // pdftotext gives each printed line on its own line: these would be split by a break.
        #expect(text.contains("2026年11月28日"), "\(text)")
        #expect(text.contains("〔2026〕民援字第0012号"), "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.displayWidthForTest <= 72 })
        // Every date of the paragraph is whole on some line.
        let joined = lines.joined(separator: "\n")
        #expect(joined.contains("2026年11月28日"))
        #expect(joined.contains("〔2026〕民援字第0012号"))
    }

    @Test func wrapNeverSplitsAProtectedRun() {
        for width in 24...40 {
            let lines = NoBreak.wrap("申请人于2026年11月28日提交〔2026〕泽援决字第12号所述材料，电话13800001234。", width: width)
            let all = lines.joined(separator: "\n")
            #expect(all.contains("2026年11月28日"), "width \(width)")
            #expect(all.contains("〔2026〕泽援决字第12号"), "width \(width)")
            #expect(all.contains("13800001234"), "width \(width)")
            #expect(lines.allSatisfy { !($0.first.map { "，。、".contains($0) } ?? false) }, "width \(width)")
        }
    }

    /// The seal's dashed 42 mm circle stays clear of the line before it: a signature line with a
    /// second signature on the right (不予受理登记表) was crossed by the circle's top.
    @Test(arguments: [false, true]) func sealCircleClearsTheSignatureLine(large: Bool) throws {
        guard let poppler = Poppler() else { return }
        var doc = Document(kind: .windowRefusal, issuer: "泽州县法律援助中心", blocks: [
            .fields([DocumentField("来访人", "孙六"), DocumentField("不予受理原因", "不属于法律援助事项范围")]),
            .signature("来访人（签名）：　　　　　　　　经办人（签名）："),
        ], seal: Seal(issuer: "泽州县法律援助中心", date: "2026-12-03"))
        if large { doc = doc.largePrinted() }
        let boxes = try poppler.run("pdftotext", ["-bbox", "-enc", "UTF-8"], try doc.pdf())
        func box(_ word: String) -> (yMin: Double, yMax: Double)? {
            guard let line = boxes.split(separator: "\n").last(where: { $0.contains(word) }) else { return nil }
            func value(_ key: String) -> Double? {
                guard let r = line.range(of: key + "=\"") else { return nil }
                return Double(line[r.upperBound...].prefix { $0 != "\"" })
            }
            return value("yMin").flatMap { a in value("yMax").map { (a, $0) } }
        }
        // Large print wraps the two signatures onto two lines: the lower one is the last "签名".
        let signature = try #require(box("签名"), "\(boxes)")
        let issuer = try #require(box("泽州县法律援助中心（盖章）"), "\(boxes)")
        let date = try #require(box("2026年12月3日"), "\(boxes)")
        let radius = 21 * 72 / 25.4
        let circleTop = (issuer.yMin + date.yMax) / 2 - radius
        #expect(circleTop >= signature.yMax, "圆顶 \(circleTop) 压到签名行（底 \(signature.yMax)）")
    }

    @Test func numberFormatAndAbbreviation() {
        #expect(DocumentNumber.format(year: 2026, centreAbbreviation: DocumentNumber.abbreviation(ofCentre: "泽州县法律援助中心"),
                                      word: "决", sequence: 12) == "〔2026〕泽援决字第12号")
        #expect(DocumentNumber.abbreviation(ofCentre: "山西省晋城市泽州县法律援助中心") == "泽")
        #expect(PaperDate.chinese("2026-01-05") == "2026年1月5日")
    }

    @Test func documentRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(Self.sample)
        #expect(try JSONDecoder().decode(Document.self, from: data) == Self.sample)
    }

    @Test(arguments: [false, true]) func pdfHasTheTextAndEmbeddedCJKSubsets(large: Bool) throws {
        guard let poppler = Poppler() else {
            print("跳过：未安装 poppler-utils（pdftotext/pdffonts），无法检查 PDF 内容")
            return
        }
        let doc = large ? Self.sample.largePrinted() : Self.sample
        let pdf = try doc.pdf()
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        let text = try poppler.text(pdf)
        #expect(text.contains("不予法律援助决定书"))
        #expect(text.contains("王秀兰"))
        #expect(text.contains("〔2026〕泽援不决字第12号"))
        #expect(text.contains("2026年12月3日"))
        // Page numbers "— 1 —" (pdftotext drops the spaces around the number).
        let compact = text.replacingOccurrences(of: " ", with: "")
        #expect(compact.contains("—1—"))
        #expect(compact.contains("—2—"), "the long paragraph flows onto a second page")
        #expect(!text.contains("\u{2060}"))
        let fonts = try poppler.fonts(pdf)
        let cjk = fonts.split(separator: "\n").filter { $0.contains("NotoSerifCJK") || $0.contains("NotoSansCJK") }
        #expect(cjk.count >= 2, "serif body and sans title: \(fonts)")
        // pdffonts columns: name type encoding emb sub uni; a subset's name starts ABCDEF+.
        #expect(cjk.allSatisfy { $0.contains("+") && $0.split(separator: " ").filter { $0 == "yes" }.count >= 2 }, "\(fonts)")
    }

    @Test func receiptSlipIsNarrowAndOnePage() throws {
        let slip = Document(kind: .queueTicket, number: nil, issuer: "泽州县法律援助中心",
                            blocks: [.heading("A012"), .fields([DocumentField("取号时间", "2026-12-03 09:30"), DocumentField("前面等候", "3 人")])],
                            paper: .receipt80)
        #expect(slip.text.split(separator: "\n").allSatisfy { String($0).displayWidthForTest <= 32 })
        guard let poppler = Poppler() else { print("跳过：未安装 poppler-utils"); return }
        let text = try poppler.text(try slip.pdf())
        #expect(text.contains("A012"))
        #expect(!text.contains("\u{0C}\u{0C}"))
    }
}

extension String {
    var displayWidthForTest: Int {
        unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && !(0x2500...0x257F).contains($1.value) ? 2 : 1) }
    }
}

/// pdftotext / pdffonts from poppler-utils, when installed.
struct Poppler {
    let dir: String
    init?() {
        let found = ["/usr/bin", "/usr/local/bin"].first { FileManager.default.isExecutableFile(atPath: $0 + "/pdftotext") }
        guard let found, FileManager.default.isExecutableFile(atPath: found + "/pdffonts") else { return nil }
        dir = found
    }

    func run(_ tool: String, _ args: [String], _ pdf: Data) throws -> String {
        let path = NSTemporaryDirectory() + "fayuan-doc-\(UUID().uuidString).pdf"
        try pdf.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: dir + "/" + tool)
        p.arguments = args + [path] + (tool == "pdftotext" ? ["-"] : [])
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func text(_ pdf: Data) throws -> String { try run("pdftotext", ["-enc", "UTF-8"], pdf) }
    func fonts(_ pdf: Data) throws -> String { try run("pdffonts", [], pdf) }
}


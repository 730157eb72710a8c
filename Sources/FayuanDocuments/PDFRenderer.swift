internal import CPangoCairo
import Foundation

/// A document as PDF, laid out by Pango (Unicode line breaking, fontconfig font choice, HarfBuzz
/// shaping) and drawn by Cairo, whose PDF surface embeds the glyphs used as font subsets.
///
/// A4 in the manner of GB/T 9704-2012: top margin 37 mm, left 28 mm, text area 156 × 225 mm;
/// title 22 pt (二号) bold sans (黑体-like: Noto Sans CJK), body 16 pt (三号) serif (仿宋-like:
/// Noto Serif CJK); forms and tables in 12 pt (小四) so a ruled form fits; page numbers
/// "— 1 —" in 14 pt (四号) 7 mm below the text area, odd pages right, even pages left. Large
/// print raises every size by about half. The receipt-printer slip is 80 mm wide, as long as
/// its content.
public enum PDFRenderer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static let mm = 72.0 / 25.4

    /// The PDF bytes of a document.
    public static func render(_ doc: Document) throws -> Data {
        let geometry = Geometry(doc)
        var pageHeight = geometry.pageHeight
        if doc.paper == .receipt80 {
            // The roll is as long as the slip: measure first on a recording surface.
            guard let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil) else {
                throw Failure(description: "无法创建排版画布")
            }
            defer { cairo_surface_destroy(recording) }
            let writer = try Writer(surface: recording, geometry: geometry, doc: doc, drawing: false)
            let used = writer.run()
            pageHeight = used + geometry.bottomMargin
        }
        let sink = Sink()
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), geometry.pageWidth, pageHeight) else {
            throw Failure(description: "无法创建 PDF")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "法援 Fayuan")
        do {
            let writer = try Writer(surface: surface, geometry: geometry, doc: doc, drawing: true)
            _ = writer.run()
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Failure(description: "PDF 生成失败：" + String(cString: cairo_status_to_string(status)))
        }
        return withExtendedLifetime(sink) { sink.data }
    }

    final class Sink { var data = Data() }

    struct Geometry {
        var pageWidth, pageHeight, left, top, textWidth, bottomMargin: Double
        var titleSize, bodySize, formSize, numberSize, pageNumberSize: Double
        var pageNumbers: Bool
        var lineSpacing: Double

        init(_ doc: Document) {
            let scale = doc.largePrint ? 1.5 : 1.0
            switch doc.paper {
            case .a4:
                pageWidth = 210 * mm; pageHeight = 297 * mm
                left = 28 * mm; top = 37 * mm; textWidth = 156 * mm; bottomMargin = 35 * mm
                titleSize = 22 * scale; bodySize = 16 * scale; formSize = 12 * scale; numberSize = 16 * scale
                // Reports are tables of figures: 小二 title, 五号 tables.
                if doc.kind == .report { titleSize = 18 * scale; bodySize = 12 * scale; formSize = 10.5 * scale }
                pageNumberSize = 14; pageNumbers = true; lineSpacing = 1.8  // 16 pt × 1.8 ≈ 29 pt: 22 lines in 225 mm
            case .a4Landscape:
                // Ledgers: 297 × 210 mm, narrow margins, report type sizes (小二 title, 五号 table).
                pageWidth = 297 * mm; pageHeight = 210 * mm
                left = 15 * mm; top = 18 * mm; textWidth = 267 * mm; bottomMargin = 18 * mm
                titleSize = 18 * scale; bodySize = 12 * scale; formSize = 10.5 * scale; numberSize = 12 * scale
                pageNumberSize = 10; pageNumbers = true; lineSpacing = 1.6
            case .receipt80:
                pageWidth = 80 * mm; pageHeight = 200 * mm
                left = 5 * mm; top = 6 * mm; textWidth = 70 * mm; bottomMargin = 8 * mm
                titleSize = 14 * scale; bodySize = 10 * scale; formSize = 10 * scale; numberSize = 10 * scale
                pageNumberSize = 8; pageNumbers = false; lineSpacing = 1.3
            }
        }
        var bottom: Double { pageHeight - bottomMargin }
    }

    static let serif = "Noto Serif CJK SC"
    static let sans = "Noto Sans CJK SC"

    /// Lays the blocks out top to bottom, starting a page whenever the next line or table row
    /// would cross the bottom margin. With `drawing` false it only measures.
    final class Writer {
        let cr: OpaquePointer
        let context: OpaquePointer
        let g: Geometry
        let doc: Document
        let drawing: Bool
        var y: Double
        var page = 1

        init(surface: OpaquePointer, geometry: Geometry, doc: Document, drawing: Bool) throws {
            guard let cr = cairo_create(surface) else { throw Failure(description: "无法创建绘图环境") }
            guard let context = pango_cairo_create_context(cr) else {
                cairo_destroy(cr)
                throw Failure(description: "无法创建排版环境")
            }
            // Sizes are in points and the PDF's user unit is the point.
            pango_cairo_context_set_resolution(context, 72)
            self.cr = cr; self.context = context; self.g = geometry; self.doc = doc; self.drawing = drawing
            self.y = geometry.top
        }

        deinit {
            g_object_unref(UnsafeMutableRawPointer(context))
            cairo_destroy(cr)
        }

        /// Runs the layout; returns the y reached on the last page.
        func run() -> Double {
            if !doc.issuer.isEmpty, doc.paper.isSheet {
                text(doc.issuer, family: PDFRenderer.sans, size: g.bodySize, bold: false, align: PANGO_ALIGN_CENTER)
                y += g.bodySize * 0.6
            }
            text(doc.title, family: PDFRenderer.sans, size: g.titleSize, bold: true, align: PANGO_ALIGN_CENTER)
            if doc.paper == .receipt80, !doc.issuer.isEmpty {
                text(doc.issuer, family: PDFRenderer.serif, size: g.formSize, bold: false, align: PANGO_ALIGN_CENTER)
            }
            if let number = doc.number, !number.isEmpty {
                y += g.numberSize * 0.4
                text(number, family: PDFRenderer.serif, size: g.numberSize, bold: false, align: PANGO_ALIGN_CENTER)
            }
            y += 4
            rule(weight: doc.paper.isSheet ? 1.2 : 0.6)
            y += g.bodySize * 0.8
            for block in doc.blocks { draw(block) }
            if let seal = doc.seal { drawSeal(seal) }
            finishPage()
            return y
        }

        // MARK: Blocks

        func draw(_ block: Block) {
            switch block {
            case .paragraph(let p):
                for para in p.split(separator: "\n", omittingEmptySubsequences: false) {
                    text(String(para), family: PDFRenderer.serif, size: g.bodySize, indent: 2 * g.bodySize)
                }
            case .line(let s):
                text(s, family: PDFRenderer.serif, size: g.bodySize)
            case .heading(let h):
                y += g.bodySize * 0.4
                text(h, family: PDFRenderer.sans, size: g.bodySize, bold: true)
            case .fields(let fields):
                let labelWidth = (doc.paper.isSheet ? 34 : 20) * PDFRenderer.mm * (doc.largePrint ? 1.4 : 1)
                table(rows: fields.map { [$0.label, $0.value.isEmpty ? "——" : $0.value] }, header: nil,
                      widths: [labelWidth, g.textWidth - labelWidth], boldFirstColumn: true)
                y += g.formSize * 0.6
            case .table(let t):
                let n = max(t.header.count, 1)
                let weights = t.widths.count == n ? t.widths : Array(repeating: 1.0, count: n)
                let total = weights.reduce(0, +)
                table(rows: t.rows, header: t.header, widths: weights.map { g.textWidth * $0 / total }, boldFirstColumn: false)
                y += g.formSize * 0.6
            case .list(let items):
                for (i, item) in items.enumerated() {
                    text("（\(i + 1)）" + item, family: PDFRenderer.serif, size: g.bodySize, indent: 2 * g.bodySize)
                }
                y += g.bodySize * 0.4
            case .signature(let s):
                y += g.bodySize * 0.8
                text(s, family: PDFRenderer.serif, size: g.bodySize)
            case .space(let n):
                y += Double(n) * g.bodySize
            }
        }

        /// The issuer and date right-aligned with the seal's place: a dashed 42 mm circle
        /// (the size of a centre's seal) over them, so the seal is pressed in the right place.
        func drawSeal(_ seal: Seal) {
            let diameter = (doc.paper.isSheet ? 42 : 24) * PDFRenderer.mm
            // The circle is centred on the two lines (issuer, date) and is taller than they are:
            // the gap above keeps it off the line before (a signature line on the right was
            // crossed by it), the space below off whatever follows.
            let lines = 2 * g.bodySize * g.lineSpacing
            let gap = max(g.bodySize * 1.5, diameter / 2 - lines / 2 + g.bodySize * 0.5)
            let needed = gap + lines / 2 + diameter / 2 + g.bodySize * 0.5
            if y + needed > g.bottom, doc.paper.isSheet { newPage() }
            y += gap
            let issuerTop = y
            text(seal.issuer + "（盖章）", family: PDFRenderer.serif, size: g.bodySize, align: PANGO_ALIGN_RIGHT, rightInset: g.bodySize * 2)
            text(PaperDate.chinese(seal.date), family: PDFRenderer.serif, size: g.bodySize, align: PANGO_ALIGN_RIGHT,
                 rightInset: g.bodySize * 3)
            if drawing {
                let cx = g.left + g.textWidth - g.bodySize * 2 - diameter / 2 - g.bodySize
                let cy = (issuerTop + y) / 2
                cairo_save(cr)
                cairo_set_source_rgb(cr, 0.6, 0.6, 0.6)
                cairo_set_line_width(cr, 0.6)
                var dashes: [Double] = [3, 3]
                cairo_set_dash(cr, &dashes, 2, 0)
                cairo_new_path(cr)
                cairo_arc(cr, cx, cy, diameter / 2, 0, 2 * Double.pi)
                cairo_stroke(cr)
                cairo_restore(cr)
            }
            y = max(y, issuerTop + lines / 2 + diameter / 2 + g.bodySize * 0.5)
        }

        // MARK: Text

        func makeLayout(_ s: String, family: String, size: Double, bold: Bool, width: Double,
                        align: PangoAlignment = PANGO_ALIGN_LEFT, indent: Double = 0, spacing: Double? = nil) -> OpaquePointer {
            let layout = pango_layout_new(context)!
            let desc = pango_font_description_new()!
            pango_font_description_set_family(desc, family)
            pango_font_description_set_absolute_size(desc, size * Double(PANGO_SCALE))
            pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
            pango_layout_set_font_description(layout, desc)
            pango_font_description_free(desc)
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            pango_layout_set_alignment(layout, align)
            pango_layout_set_indent(layout, Int32(indent * Double(PANGO_SCALE)))
            if let spacing, spacing > 0 { pango_layout_set_line_spacing(layout, Float(spacing)) }
            pango_layout_set_text(layout, s, -1)
            // No line break inside a date, a number or a document number.
            let ranges = NoBreak.byteRanges(s)
            if !ranges.isEmpty, let list = pango_attr_list_new() {
                for r in ranges {
                    guard let attr = pango_attr_allow_breaks_new(0) else { continue }
                    attr.pointee.start_index = UInt32(r.lowerBound)
                    attr.pointee.end_index = UInt32(r.upperBound)
                    pango_attr_list_insert(list, attr)
                }
                pango_layout_set_attributes(layout, list)
                pango_attr_list_unref(list)
            }
            return layout
        }

        /// A paragraph, line by line at a fixed pitch (GB/T 9704 counts lines per page: a line
        /// with a Latin run or a fallback glyph is no taller than the rest), so a long one flows
        /// onto the next page.
        func text(_ s: String, family: String, size: Double, bold: Bool = false, align: PangoAlignment = PANGO_ALIGN_LEFT,
                  indent: Double = 0, rightInset: Double = 0) {
            let layout = makeLayout(s, family: family, size: size, bold: bold, width: g.textWidth - rightInset, align: align,
                                    indent: indent, spacing: 0)
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            let iter = pango_layout_get_iter(layout)!
            defer { pango_layout_iter_free(iter) }
            let scale = Double(PANGO_SCALE)
            let pitch = size * g.lineSpacing
            repeat {
                if y + pitch > g.bottom, doc.paper.isSheet { newPage() }
                if drawing, let line = pango_layout_iter_get_line_readonly(iter) {
                    var logical = PangoRectangle()
                    pango_layout_iter_get_line_extents(iter, nil, &logical)
                    // The baseline where a CJK face of this size puts it, centred in the pitch.
                    cairo_move_to(cr, g.left + Double(logical.x) / scale, y + (pitch - size) / 2 + size * 0.88)
                    pango_cairo_show_layout_line(cr, line)
                }
                y += pitch
            } while pango_layout_iter_next_line(iter) != 0
        }

        /// A ruled table; a row that does not fit starts a new page, which repeats the header.
        func table(rows: [[String]], header: [String]?, widths: [Double], boldFirstColumn: Bool) {
            let pad = g.formSize * 0.35
            func drawRow(_ cells: [String], bold: Bool) {
                let layouts = widths.indices.map { i in
                    makeLayout(i < cells.count ? cells[i] : "", family: bold ? PDFRenderer.sans : PDFRenderer.serif, size: g.formSize,
                               bold: bold || (boldFirstColumn && i == 0), width: widths[i] - 2 * pad, spacing: 1.2)
                }
                defer { for l in layouts { g_object_unref(UnsafeMutableRawPointer(l)) } }
                let height = layouts.map { l -> Double in
                    var logical = PangoRectangle()
                    pango_layout_get_extents(l, nil, &logical)
                    return Double(logical.height) / Double(PANGO_SCALE)
                }.max() ?? g.formSize
                let rowHeight = height + 2 * pad
                if y + rowHeight > g.bottom, doc.paper.isSheet {
                    newPage()
                    if let header, !bold { drawRow(header, bold: true) }
                }
                if drawing {
                    var x = g.left
                    cairo_set_line_width(cr, 0.6)
                    for (i, l) in layouts.enumerated() {
                        cairo_rectangle(cr, x, y, widths[i], rowHeight)
                        cairo_stroke(cr)
                        cairo_move_to(cr, x + pad, y + pad)
                        pango_cairo_show_layout(cr, l)
                        x += widths[i]
                    }
                }
                y += rowHeight
            }
            if let header { drawRow(header, bold: true) }
            for row in rows { drawRow(row, bold: false) }
        }

        func rule(weight: Double) {
            if drawing {
                cairo_set_line_width(cr, weight)
                cairo_move_to(cr, g.left, y)
                cairo_line_to(cr, g.left + g.textWidth, y)
                cairo_stroke(cr)
            }
            y += weight
        }

        // MARK: Pages

        func newPage() {
            finishPage()
            if drawing { cairo_show_page(cr) }
            page += 1
            y = g.top
        }

        /// "— 1 —" below the text area: odd pages right, even pages left (GB/T 9704 §7.5).
        func finishPage() {
            guard g.pageNumbers, drawing else { return }
            let saved = y
            let layout = makeLayout("— \(page) —", family: PDFRenderer.serif, size: g.pageNumberSize, bold: false,
                                    width: g.textWidth - 2 * g.pageNumberSize,
                                    align: page % 2 == 1 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            cairo_move_to(cr, g.left + g.pageNumberSize, g.top + 225 * PDFRenderer.mm + 7 * PDFRenderer.mm)
            pango_cairo_show_layout(cr, layout)
            y = saved
        }
    }
}

extension Document {
    /// The PDF bytes (see `PDFRenderer`).
    public func pdf() throws -> Data { try PDFRenderer.render(self) }
    /// The UTF-8 text (see `TextRenderer`).
    public var text: String { TextRenderer.render(self) }
}

import FayuanCore
import Foundation

@_exported import enum FayuanCore.DocumentKind
@_exported import enum FayuanCore.DocumentNumber

/// Paper: A4 portrait for everything on file, an 80 mm roll for the receipt printer.
public enum Paper: String, Codable, Sendable {
    case a4
    case receipt80 = "receipt_80"
    /// A4 turned sideways: the ledgers (台账, 登记簿) with many columns.
    case a4Landscape = "a4_landscape"

    /// A sheet of A4 either way (pages break, the issuer heads it), not the receipt roll.
    public var isSheet: Bool { self != .receipt80 }
}

/// One labelled value in a form-like block ("姓名：张三").
public struct DocumentField: Codable, Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

/// A table with a header row; cells are plain text.
public struct DocumentTable: Codable, Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// Relative column widths (same count as header); equal when empty.
    public var widths: [Double]
    public init(header: [String], rows: [[String]], widths: [Double] = []) {
        self.header = header; self.rows = rows; self.widths = widths
    }
}

/// The body of a document, in order.
public enum Block: Codable, Sendable, Equatable {
    /// A first-line-indented paragraph of prose.
    case paragraph(String)
    /// A line of prose without indent (salutations such as "张三：").
    case line(String)
    /// A bold heading inside the body (一、…).
    case heading(String)
    /// Labelled values drawn as a ruled two-column form.
    case fields([DocumentField])
    case table(DocumentTable)
    /// Numbered list items (（1）…).
    case list([String])
    /// A signature line: "申请人（签名）：　　　　　　年　月　日".
    case signature(String)
    /// Blank space (in lines).
    case space(Int)
}

/// The issuer's name and date at the foot, with the area the seal is pressed on.
public struct Seal: Codable, Sendable, Equatable {
    public var issuer: String
    public var date: String
    public init(issuer: String, date: String) { self.issuer = issuer; self.date = date }
}

/// A document as data: what the centre issues, independent of how it is shown.
public struct Document: Codable, Sendable, Equatable {
    public var kind: DocumentKind
    public var title: String
    /// The document's own number or the case number (〔2026〕泽援决字第12号).
    public var number: String?
    /// The centre that issues it, shown above the title.
    public var issuer: String
    public var blocks: [Block]
    public var seal: Seal?
    /// Large print for an applicant who recorded a sight need.
    public var largePrint: Bool
    public var paper: Paper

    public init(kind: DocumentKind, title: String? = nil, number: String? = nil, issuer: String, blocks: [Block],
                seal: Seal? = nil, largePrint: Bool = false, paper: Paper = .a4) {
        self.kind = kind; self.title = title ?? kind.title; self.number = number; self.issuer = issuer
        self.blocks = blocks; self.seal = seal; self.largePrint = largePrint; self.paper = paper
    }

    /// The same document in large print (the applicant's copy when a sight need is recorded).
    public func largePrinted() -> Document {
        var d = self
        d.largePrint = true
        return d
    }
}

/// Dates on paper: 2026-12-03 → 2026年12月3日 (GB/T 9704 writes dates in Arabic numerals without
/// leading zeros). Anything that is not an ISO date is returned unchanged.
public enum PaperDate {
    public static func chinese(_ iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return iso }
        return "\(y)年\(m)月\(d)日"
    }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// The applicant search both intake screens share: as the clerk types a name, pinyin initials, an
/// ID number or a phone number, matching people appear in a small table. ↓ moves into the table,
/// Enter picks the person (their details fill the form), typing on creates a new person.
struct ApplicantSearchPanel: Sendable {
    struct Result: Sendable {
        let query: String
        let hits: [IntakePersonHit]
    }

    private(set) var query = ""
    private(set) var hits: [IntakePersonHit] = []
    private(set) var table = Table(columns: [
        TableColumn("姓名", width: .fixed(8)), TableColumn("证件号码", width: .fixed(18)),
        TableColumn("性别", width: .fixed(4)),
        TableColumn("电话", width: .fixed(11)), TableColumn("在办案件", width: .fill(1)),
    ])
    /// Who is searching: a whole identity number is answered in full only to someone who may
    /// reveal identities (the store decides and audits). nil: an unproven viewer.
    var viewer: Operator?
    /// True while the table has the focus (after ↓ from a search field).
    private(set) var isActive = false

    static let rowLimit = 5

    /// Whether a value is worth searching: any Hanzi or letters, or at least four digits.
    static func isSearchable(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return false }
        if t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x" || $0 == "-") }) { return t.count >= 4 }
        return true
    }

    /// The effect that searches for `text` (nil when the panel should simply clear).
    mutating func search(_ text: String) -> Effect? {
        let q = text.trimmingCharacters(in: .whitespaces)
        query = q
        guard Self.isSearchable(q) else {
            clear()
            return nil
        }
        let viewer = self.viewer
        return .perform { env in
            Result(query: q, hits: try env.store.searchPeopleForIntake(q, limit: ApplicantSearchPanel.rowLimit, by: viewer))
        }
    }

    /// Takes a result unless a newer query has been typed since.
    mutating func apply(_ result: Result) {
        guard result.query == query else { return }
        hits = result.hits
        table.setRows(hits.map { h in
            [h.hit.name, h.hit.idNumberMasked ?? "", IntakeLabels.gender(h.hit.gender),
             h.hit.phoneMasked ?? "",
             h.openCases.isEmpty ? "" : h.openCases.map { $0.caseNumber ?? "申请中" }.joined(separator: "、")]
        })
        table.select(row: 0)
        if hits.isEmpty { isActive = false }
    }

    mutating func clear() {
        hits = []
        table.setRows([])
        isActive = false
    }

    mutating func activate() -> Bool {
        guard !hits.isEmpty else { return false }
        isActive = true
        table.select(row: 0)
        return true
    }

    mutating func deactivate() { isActive = false }

    /// Handles a key while the table has focus. Returns the id of the picked person on Enter.
    enum Outcome { case handled, picked(Int64), leave }

    mutating func handle(_ input: Input) -> Outcome {
        switch input {
        case .action(StandardAction.confirm):
            guard let row = table.selectedRow, hits.indices.contains(row) else { return .leave }
            isActive = false
            return .picked(hits[row].hit.applicantID)
        case .action(StandardAction.up) where (table.selectedRow ?? 0) == 0:
            isActive = false
            return .handled
        case .action(StandardAction.back):
            isActive = false
            return .handled
        default:
            if table.handle(input) { return .handled }
            isActive = false
            return .leave
        }
    }

    /// Loads a picked person with their open cases: MASKED (identity number, phone, address; the
    /// full values stay in the store), the read audited. Without a viewer the most restricted
    /// front-desk view is used (a 保密 person's contact hidden).
    static func pick(_ id: Int64, by viewer: Operator? = nil) -> Effect {
        .perform { env in
            let op = viewer ?? Operator(name: "", role: .dutyLawyer)
            return PickedApplicant(masked: try env.store.maskedPerson(id, by: op), openCases: try env.store.openCases(applicantID: id))
        }
    }

    /// The registered person whose whole identity number is `number`, among the hits.
    func exactIdentityHit() -> IntakePersonHit? { hits.first { $0.hit.match == .exactID } }

    /// Whether the panel has something to say (a searchable query was typed).
    var hasSomethingToShow: Bool { !query.isEmpty && Self.isSearchable(query) }

    /// 大字模式: the people already registered under what was typed (a possible duplicate), one
    /// row each with masked ID and open cases, as a warning; ↓ and Enter pick as in `render`.
    func renderLarge(in rect: Rect, on canvas: inout some Canvas, theme: Theme) {
        guard !rect.isEmpty, hasSomethingToShow else { return }
        let heading = hits.isEmpty
            ? "“\(query)”未登记过，将登记为新申请人"
            : "⚠ 已登记 \(hits.count) 人与“\(query)”相符：↓ 选择，回车带入"
        var col = LargeColumn(rect, theme: theme)
        col.text(heading, role: hits.isEmpty ? .dim : .warning, maxLines: hits.isEmpty ? 1 : 2, on: &canvas)
        let items = hits.map { h in
            [[h.hit.name, h.hit.idNumberMasked ?? "", h.openCases.isEmpty ? "" : "在办 " + h.openCases.map { $0.caseNumber ?? "申请中" }.joined(separator: "、")]
                .filter { !$0.isEmpty }.joined(separator: " ")]
        }
        col.list(items, selected: isActive ? table.selectedRow : nil, on: &canvas)
    }

    /// Draws the table with a one-line heading; nothing when there is nothing to show.
    mutating func render(in rect: Rect, on canvas: inout some Canvas, theme: Theme) {
        guard !rect.isEmpty, !query.isEmpty, Self.isSearchable(query) else { return }
        let heading = hits.isEmpty
            ? "查找“\(query)”：没有找到，继续填写将登记为新申请人"
            : "查找“\(query)”：找到 \(hits.count) 人（↓ 选择，回车带入）"
        canvas.drawLine(heading.truncated(toWidth: rect.width, ellipsis: true), in: rect.row(0), style: theme[.dim])
        guard !hits.isEmpty, rect.height > 1 else { return }
        table.render(in: rect.inset(top: 1), on: &canvas, theme: theme, focused: isActive)
    }
}

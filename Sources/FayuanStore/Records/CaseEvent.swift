
/// One line of a case's timeline.
public struct CaseEvent: Sendable, Equatable, Codable {
    public var id: Int64
    public var caseID: Int64
    public var at: String
    public var kind: String
    public var operatorID: Int64?
    public var note: String

    init(row: SQLRow) throws {
        id = row["id"]; caseID = row["case_id"]; at = row["at"]; kind = row["kind"]
        operatorID = row["operator_id"]; note = row["note"]
    }
}

extension CaseEvent: StoreRecord {}

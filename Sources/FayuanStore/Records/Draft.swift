
/// A form's unsaved content, kept so a crash loses at most the field being typed.
public struct Draft: Sendable, Equatable, Codable {
    public var operatorID: Int64
    public var form: String
    public var key: String
    public var payload: String
    public var savedAt: String

    init(row: SQLRow) throws {
        operatorID = row["operator_id"]; form = row["form"]; key = row["key"]
        payload = row["payload"]; savedAt = row["saved_at"]
    }
}

extension Draft: StoreRecord {}

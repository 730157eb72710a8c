/// Gender as recorded on an ID document; coded "M" / "F" in JSON and in the store.
public enum Gender: String, Sendable, Codable, CaseIterable {
    case male = "M"
    case female = "F"

    public var label: String { self == .male ? "男" : "女" }
}

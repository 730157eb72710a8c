/// Masking of personal numbers for display, exports meant for others, and logs.
/// (FayuanCore's IDNumber masking replaces this once it lands; same output form.)
enum Masking {
    /// 140525199001011234 → 140525********1234: region kept, birth date and sequence hidden.
    static func idNumber(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 10 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 10) + String(chars.suffix(4))
    }

    /// 13812345678 → 138****5678.
    static func phone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count >= 7 else { return phone }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}

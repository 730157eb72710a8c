/// Masking of personal numbers for display, exports meant for others, and logs. Same form as
/// FayuanCore's `IDNumber.masked`, but also for numbers that do not parse (old or foreign data).
enum Masking {
    /// 140525199001011234 → 1405**********1234: province and city kept, the rest hidden.
    static func idNumber(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 8 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
    }

    /// 13812345678 → 138****5678.
    static func phone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count >= 7 else { return phone }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}

import FayuanCore

/// Masking of personal numbers for display, exports meant for others, and logs: the one
/// definition is FayuanCore's `PrivacyPolicy`.
enum Masking {
    static func idNumber(_ id: String) -> String { PrivacyPolicy.maskIDNumber(id) }
    static func phone(_ phone: String) -> String { PrivacyPolicy.maskPhone(phone) }
}

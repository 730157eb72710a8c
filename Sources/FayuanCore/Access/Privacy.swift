/// Who may see what of a person's sensitive data (PIPL: ID numbers are sensitive personal data).
///
/// - ID numbers and phones are masked in lists and headers for everyone; showing one in full is
///   an explicit, audited action (`revealIdentity`).
/// - A case marked 保密 (domestic violence and the like) hides the applicant's address and contact
///   from everyone except the lawyer assigned to it and reviewers — an administrator or a window
///   clerk sees "（保密）" even when revealing is otherwise allowed.
public enum PrivacyPolicy {
    /// What the viewer may see of an applicant's address and phone on a case.
    public enum ContactVisibility: Equatable, Sendable {
        /// Shown masked; revealing in full is an audited action.
        case maskedRevealable
        /// Hidden entirely: the case is confidential and the viewer is not among those allowed.
        case hidden
    }

    /// - Parameters:
    ///   - viewerRole: the operator's role.
    ///   - viewerProviderID: the aid provider record the operator is, when they are a lawyer.
    ///   - confidential: the case is marked 保密.
    ///   - assignedProviderID: the lawyer assigned to the case, if any.
    public static func contact(viewerRole: OperatorRole, viewerProviderID: Int64?, confidential: Bool,
                               assignedProviderID: Int64?) -> ContactVisibility {
        guard AccessPolicy.allows(viewerRole, .revealIdentity) else { return .hidden }
        guard confidential else { return .maskedRevealable }
        if viewerRole == .reviewer || viewerRole == .centreHead { return .maskedRevealable }
        if let mine = viewerProviderID, mine == assignedProviderID { return .maskedRevealable }
        return .hidden
    }

    /// The text shown instead of a hidden address or contact.
    public static let hiddenText = "（保密）"

    /// 13812345678 → 138****5678. Numbers shorter than 7 digits (service lines such as 12348)
    /// are not personal and stay as they are.
    public static func maskPhone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count >= 7 else { return phone }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }

    /// 140525199001011234 → 1405**********1234: province and city kept, the rest hidden. Works on
    /// numbers that do not parse too (old or foreign data); `IDNumber.masked` gives the same form.
    public static func maskIDNumber(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 8 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(4)) + String(repeating: "*", count: chars.count - 8) + String(chars.suffix(4))
    }
}

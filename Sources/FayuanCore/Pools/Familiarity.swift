/// Which recipients need a lawyer familiar with them, and the local rule that says so: minors and
/// victims of domestic violence or abuse (《江苏省法律援助条例》第34条第2款, 《山西省法律援助条例》第24条第2款,
/// “结合受援人意愿”). Elsewhere the wheel still sorts them first, saying no provincial article applies.
public enum RecipientFamiliarity {
    static func source(regionCode: String) -> String? {
        switch regionCode.prefix(2) {
        case "32": return "《江苏省法律援助条例》第34条"
        case "14": return "《山西省法律援助条例》第24条"
        default: return nil
        }
    }

    /// The rule for a recipient of `age` (nil: unknown) and cause, in the centre's region.
    public static func rule(recipientAge: Int?, cause: String, regionCode: String) -> RotationWheel.Familiarity? {
        let cite = source(regionCode: regionCode)
        func reason(_ who: String) -> String {
            "\(who)，优先指派熟悉的律师，结合受援人意愿" + (cite.map { "（\($0)）" } ?? "")
        }
        if let age = recipientAge, age < 18 {
            return .init(specialty: .minors, reason: reason("未成年受援人（\(age) 周岁）"))
        }
        if cause == "domestic_violence" {
            return .init(specialty: .domesticViolence, reason: reason("虐待、遗弃、家庭暴力受害人"))
        }
        return nil
    }
}

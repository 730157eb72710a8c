import FayuanCore
import FayuanRules

extension DecisionReason.ObjectionTerm {
    /// The province's objection term in force on `day` for a centre in `region` (an
    /// `objection_term` rule, e.g. 山西省法律援助条例第二十九条: 十五日), or nil where none is set.
    public static func from(_ rules: RuleLibrary, region: String, on day: String) -> Self? {
        guard let date = LocalDate(iso: day), let rule = rules.objectionTerm(region: region, on: date),
              let days = rule.days else { return nil }
        return Self(days: days, citation: rule.citation.label)
    }
}

/// 法律援助法 Art 26: for a person who may be sentenced to life imprisonment or death, and for
/// the defendant in a death-sentence review, the centre must assign a lawyer with at least three
/// years of relevant practice.
public enum Article26 {
    public static let minimumYears = 3
    public static let citation = "法律援助法第二十六条"

    /// nil when the provider may take the case; otherwise the reason in Chinese.
    public static func refusal(appliesToCase: Bool, isLawyer: Bool, relevantPracticeYears: Int?) -> String? {
        guard appliesToCase else { return nil }
        if !isLawyer { return "可能判处无期徒刑、死刑的案件须指派律师（\(citation)）" }
        guard let years = relevantPracticeYears, years >= minimumYears else {
            let had = relevantPracticeYears.map { "仅 \($0) 年" } ?? "未登记"
            return "相关执业经历\(had)，不满 \(minimumYears) 年（\(citation)）"
        }
        return nil
    }
}

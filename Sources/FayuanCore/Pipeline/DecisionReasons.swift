/// The reasons a reviewer picks from when deciding (给予 / 不予) or terminating (终止) aid, as
/// data with their legal basis; free text is added beside them.
public struct DecisionReason: Sendable, Hashable {
    public var code: String
    public var label: String

    public init(_ code: String, _ label: String) { self.code = code; self.label = label }

    /// Grounds for a grant.
    public static let grant: [DecisionReason] = [
        DecisionReason("in_scope_hardship", "属于法律援助事项范围，经济困难（法律援助法第三十一条、第四十一条）"),
        DecisionReason("exempt_from_check", "免予核查经济困难状况（法律援助法第四十二条）"),
        DecisionReason("not_means_tested", "不受经济困难条件限制（法律援助法第三十二条）"),
        DecisionReason("local_policy", "符合本地扩大援助范围的规定"),
    ]

    /// Grounds for a refusal (不予法律援助).
    public static let refusal: [DecisionReason] = [
        DecisionReason("out_of_scope", "申请事项不属于法律援助事项范围（法律援助法第三十一条）"),
        DecisionReason("not_hardship", "不符合经济困难标准（法律援助法第三十四条）"),
        DecisionReason("documents_not_supplied", "经通知补正，申请人未按期补正材料，视为撤回申请（法律援助法第四十三条第二款）"),
        DecisionReason("no_merit", "申请事项没有事实依据或者已经处理完毕"),
        DecisionReason("other", "其他（见说明）"),
    ]

    /// Grounds for terminating aid (法律援助法 Art 48).
    public static let termination: [DecisionReason] = [
        DecisionReason("deception", "受援人以欺骗或者其他不正当手段获得法律援助（第四十八条第一项）"),
        DecisionReason("concealment", "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据（第四十八条第二项）"),
        DecisionReason("illegal_use", "受援人利用法律援助从事违法活动（第四十八条第三项）"),
        DecisionReason("no_longer_hardship", "受援人的经济状况发生变化，不再符合法律援助条件（第四十八条第四项）"),
        DecisionReason("case_ended", "案件终止审理或者已经被撤销（第四十八条第五项）"),
        DecisionReason("own_lawyer", "受援人自行委托律师或者其他代理人（第四十八条第六项）"),
        DecisionReason("recipient_request", "受援人有正当理由要求终止法律援助（第四十八条第七项）"),
        DecisionReason("other_legal", "法律法规规定的其他情形（第四十八条第八项）"),
    ]

    public static func label(_ code: String, in list: [DecisionReason]) -> String {
        list.first { $0.code == code }?.label ?? code
    }

    /// A province's term for objecting to a refusal (Shanxi Art 29: 十五日 from receiving the
    /// decision); the national law sets none.
    public struct ObjectionTerm: Sendable, Hashable {
        public var days: Int
        /// "山西省法律援助条例第二十九条"
        public var citation: String
        public init(days: Int, citation: String) { self.days = days; self.citation = citation }
    }

    /// The objection section of a 不予法律援助决定书 (法律援助法 Art 49 ¶1–¶3): where to object —
    /// the NAMED justice bureau that set up the centre (e.g. 晋城市泽州县司法局) — within the
    /// province's term if it sets one, how fast the bureau must answer (¶2: 五日), and what follows
    /// (¶3: 行政复议 or 行政诉讼). `bureau` empty: the bureau is described, not named.
    public static func objectionNotice(bureau: String, term: ObjectionTerm?) -> [String] {
        let name = String(bureau.drop(while: { $0 == " " || $0 == "\u{3000}" }).reversed()
            .drop(while: { $0 == " " || $0 == "\u{3000}" }).reversed())
        let whom = name.isEmpty ? "设立本法律援助机构的司法行政部门" : "\(name)（设立本法律援助机构的司法行政部门）"
        let within = term.map { "自收到本决定书之日起\(chineseDays($0.days))日内" } ?? ""
        let cite = "法律援助法第四十九条第一款" + (term.map { "、\($0.citation)" } ?? "")
        return [
            "如对本决定有异议，可以\(within)向\(whom)提出（\(cite)）。",
            "司法行政部门应当自收到异议之日起五日内进行审查，作出维持法律援助机构决定或者责令法律援助机构改正的决定（法律援助法第四十九条第二款）。",
            "对司法行政部门维持法律援助机构决定不服的，可以依法申请行政复议或者提起行政诉讼（法律援助法第四十九条第三款）。",
        ]
    }

    /// 5 → 五, 15 → 十五, 30 → 三十 (day counts in documents).
    static func chineseDays(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }

    /// What a refused or terminated applicant is told about objecting (法律援助法 Art 49).
    public static let objectionPath = "申请人、受援人对法律援助机构不予法律援助、终止法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门提出。司法行政部门应当自收到异议之日起五日内进行审查，作出维持法律援助机构决定或者责令法律援助机构改正的决定（法律援助法第四十九条）。"
}

/// 利益冲突审查 at intake: the opposing party is someone the centre (or the lawyer about to be
/// assigned) helps or helped. The store finds the people; this decides what to say. It warns and
/// never blocks: the reviewer decides.
public enum ConflictCheck {
    /// How a found person relates to this application.
    public enum Relation: String, Sendable, Hashable {
        /// The opposing party is (or was) an applicant of the centre.
        case centreClient
        /// ... and the chosen lawyer handles (or handled) that case.
        case providerClient
        /// The applicant was the opposing party in an earlier case of the centre.
        case applicantWasOpponent
    }

    public struct Hit: Sendable, Hashable {
        public var relation: Relation
        public var name: String
        public var caseNumber: String?
        public var isOpen: Bool

        public init(relation: Relation, name: String, caseNumber: String?, isOpen: Bool) {
            self.relation = relation; self.name = name; self.caseNumber = caseNumber; self.isOpen = isOpen
        }
    }

    /// Names compared as people write them: spaces (half- and full-width) and a middle dot removed.
    public static func normalize(_ name: String) -> String {
        String(name.filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" && $0 != "·" && $0 != "•" })
    }

    /// One Chinese line per finding, the strongest first.
    public static func warnings(_ hits: [Hit]) -> [String] {
        let order: [Relation] = [.providerClient, .centreClient, .applicantWasOpponent]
        return hits.sorted { order.firstIndex(of: $0.relation)! < order.firstIndex(of: $1.relation)! }.map { hit in
            let number = hit.caseNumber.map { "（\($0)）" } ?? "（申请中）"
            let when = hit.isOpen ? "正在办理" : "曾办理"
            switch hit.relation {
            case .providerClient:
                return "⚠ 利益冲突：对方当事人“\(hit.name)”是拟指派人员\(when)案件的受援人\(number)"
            case .centreClient:
                return "⚠ 利益冲突提示：对方当事人“\(hit.name)”是本中心\(when)案件的申请人\(number)"
            case .applicantWasOpponent:
                return "⚠ 提示：申请人曾是本中心案件\(number)的对方当事人"
            }
        }
    }
}

/// 重复申请: the person already has an open case. Also a data rule: which steps count as open.
public enum DuplicateCheck {
    /// Stored case steps that are still being handled.
    public static let openSteps: Set<String> = ["applied", "accepted", "granted", "assigned", "handling"]

    public struct OpenCase: Sendable, Hashable {
        public var caseNumber: String?
        public var stepLabel: String
        public var cause: String
        public var causeLabel: String

        public init(caseNumber: String?, stepLabel: String, cause: String, causeLabel: String) {
            self.caseNumber = caseNumber; self.stepLabel = stepLabel; self.cause = cause; self.causeLabel = causeLabel
        }
    }

    /// nil when there is nothing to warn about; a stronger line when the same cause is open.
    public static func warning(name: String, openCases: [OpenCase], cause: String?) -> String? {
        guard !openCases.isEmpty else { return nil }
        let list = openCases.map { "\($0.caseNumber ?? "申请中")\($0.causeLabel)·\($0.stepLabel)" }.joined(separator: "；")
        if let cause, openCases.contains(where: { $0.cause == cause }) {
            return "⚠ 重复申请：\(name)已有同一案由的在办案件：\(list)"
        }
        return "⚠ \(name)已有在办案件：\(list)"
    }
}

/// A second person is required here (四眼原则): the operator is allowed the action by role but
/// took an earlier part in the same case. Like `PermissionDenied`, a refusal (exit 4 on the
/// command line), not bad input.
public struct SeparationOfDuties: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was refused, e.g. "结案审查".
    public let action: String
    /// The earlier part this operator took, e.g. "作出给予法律援助决定".
    public let earlierPart: String

    public init(action: String, earlierPart: String) {
        self.action = action
        self.earlierPart = earlierPart
    }

    public var description: String {
        "需由第二人办理：\(earlierPart)的人员不能对本案\(action)，请由另一位审查人员或中心主任办理"
    }
}

/// 评查评分表: the 100-point score sheet for a closed file, as data. Each item has a maximum;
/// the total decides the grade, and a failing file earns no case subsidy (不合格案件不予发放补贴).
public struct ScoreSheet: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var code: String
        public var label: String
        public var maxPoints: Int
        public init(_ code: String, _ label: String, _ maxPoints: Int) {
            self.code = code; self.label = label; self.maxPoints = maxPoints
        }
    }

    public enum Grade: String, Sendable, Hashable, CaseIterable {
        case excellent, good, pass, fail
        public var label: String {
            switch self {
            case .excellent: return "优秀"
            case .good: return "良好"
            case .pass: return "合格"
            case .fail: return "不合格"
            }
        }
        /// The case subsidy may be paid only for a file that passed.
        public var earnsSubsidy: Bool { self != .fail }
    }

    public var items: [Item]
    /// Lowest totals for 优秀, 良好, 合格.
    public var excellentFrom: Int
    public var goodFrom: Int
    public var passFrom: Int

    public init(items: [Item], excellentFrom: Int = 90, goodFrom: Int = 75, passFrom: Int = 60) {
        self.items = items; self.excellentFrom = excellentFrom; self.goodFrom = goodFrom; self.passFrom = passFrom
    }

    public var total: Int { items.reduce(0) { $0 + $1.maxPoints } }

    /// The standard sheet (after the common provincial 案件质量评查标准).
    public static let standard = ScoreSheet(items: [
        Item("acceptance", "受理审查及时规范", 10),
        Item("assignment", "指派及时、告知到位", 10),
        Item("meeting", "会见、阅卷、调查取证", 20),
        Item("documents", "法律文书质量", 20),
        Item("communication", "与受援人沟通、办案过程记录", 10),
        Item("result", "办案结果与效果", 20),
        Item("file", "卷宗完整、按期结案归档", 10),
    ])

    public struct Scored: Sendable, Hashable {
        public var points: [Int]
        public var total: Int
        public var grade: Grade
    }

    public enum ScoreError: Error, Sendable, Hashable, CustomStringConvertible {
        case wrongCount(expected: Int, got: Int)
        case outOfRange(item: String, max: Int, got: Int)
        public var description: String {
            switch self {
            case .wrongCount(let e, let g): return "评分项应为 \(e) 项，实际 \(g) 项"
            case .outOfRange(let item, let max, let got): return "“\(item)”应在 0–\(max) 分之间：\(got)"
            }
        }
    }

    public func score(_ points: [Int]) throws(ScoreError) -> Scored {
        guard points.count == items.count else { throw .wrongCount(expected: items.count, got: points.count) }
        for (item, p) in zip(items, points) where p < 0 || p > item.maxPoints {
            throw .outOfRange(item: item.label, max: item.maxPoints, got: p)
        }
        let sum = points.reduce(0, +)
        return Scored(points: points, total: sum, grade: grade(total: sum))
    }

    /// What a partly filled sheet may show. No total and no grade while any item is above its
    /// maximum (or below zero): the sum would be meaningless and could turn a failing file into a
    /// passing one.
    public enum Tally: Sendable, Hashable {
        /// Some items still empty; the points so far.
        case incomplete(sum: Int)
        /// An item outside 0…max: the first one, with what was typed.
        case outOfRange(item: Item, got: Int)
        case complete(Scored)
    }

    public func tally(_ points: [Int?]) -> Tally {
        for (item, p) in zip(items, points) {
            if let p, p < 0 || p > item.maxPoints { return .outOfRange(item: item, got: p) }
        }
        let given = points.compactMap { $0 }
        let sum = given.reduce(0, +)
        guard given.count == items.count, points.count == items.count else { return .incomplete(sum: sum) }
        return .complete(Scored(points: given, total: sum, grade: grade(total: sum)))
    }

    /// The message shown at an item above its maximum.
    public static func overMaximumMessage(_ item: Item, got: Int) -> String {
        got < 0 ? "不能为负数" : "超过满分 \(item.maxPoints) 分（填了 \(got)）"
    }

    public func grade(total: Int) -> Grade {
        if total >= excellentFrom { return .excellent }
        if total >= goodFrom { return .good }
        if total >= passFrom { return .pass }
        return .fail
    }
}

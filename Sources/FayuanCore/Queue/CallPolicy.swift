/// A ticket that may be called: what the calling rule needs to know, nothing more.
public struct QueueCandidate: Sendable, Hashable {
    public var id: Int64
    public var seq: Int
    public var isPriority: Bool
    /// When the ticket joined the queue, in seconds: issued, or put back after 过号.
    public var queuedAt: Double
    /// Set when the ticket was transferred to one window: only that window calls it.
    public var targetWindow: String?
    /// Passed over (过号) and put back: it goes behind those waiting, as the clerk is told
    /// ("排到队尾"), so it no longer jumps the queue as a priority ticket.
    public var wasPassed: Bool

    public init(id: Int64, seq: Int, isPriority: Bool, queuedAt: Double, targetWindow: String? = nil, wasPassed: Bool = false) {
        self.id = id; self.seq = seq; self.isPriority = isPriority; self.queuedAt = queuedAt
        self.targetWindow = targetWindow; self.wasPassed = wasPassed
    }

    /// Whether it is called before normal tickets: a priority ticket that has not been passed over.
    public var callsFirst: Bool { isPriority && !wasPassed }
}

/// Why the calling rule chose a ticket (shown to the clerk).
public enum CallReason: String, Sendable, Hashable {
    /// Transferred to this window: the person has already waited once, so they go first.
    case transferred
    /// A priority ticket, oldest first.
    case priority
    /// No priority ticket waiting: the oldest normal ticket.
    case order
    /// Priority tickets were waiting, but after `maxPriorityStreak` priority calls in a row the
    /// oldest normal ticket had waited too long, so it went first (priority must not starve others).
    case antiStarvation

    public var label: String {
        switch self {
        case .transferred: return "转来本窗口的号码先叫"
        case .priority: return "优先号先叫"
        case .order: return "按取号顺序"
        case .antiStarvation: return "已连续叫优先号，普通号等候过久，本次叫普通号"
        }
    }
}

/// The station's calling rule (data in the `setting` table, with these defaults):
/// priority first, then order; after `maxPriorityStreak` priority calls in a row, the oldest normal
/// ticket goes first if it has waited `normalMaxWaitMinutes` or more.
public struct CallPolicy: Sendable, Hashable {
    public var maxPriorityStreak: Int
    public var normalMaxWaitMinutes: Int
    /// How often a called ticket may be called again (重呼) before the clerk must pass or close it.
    public var maxRecalls: Int
    /// How often a ticket may be passed over (过号) and put back; the next pass marks it 未到.
    public var maxSkips: Int

    public init(maxPriorityStreak: Int = 3, normalMaxWaitMinutes: Int = 10, maxRecalls: Int = 3, maxSkips: Int = 2) {
        self.maxPriorityStreak = maxPriorityStreak; self.normalMaxWaitMinutes = normalMaxWaitMinutes
        self.maxRecalls = maxRecalls; self.maxSkips = maxSkips
    }

    public static let standard = CallPolicy()

    /// The settings, as data: key (after "queue."), what it means, how to set it.
    /// (Computed: key paths are not Sendable, so this cannot be a stored static.)
    public static var settings: [(key: String, label: String, path: WritableKeyPath<CallPolicy, Int>, range: ClosedRange<Int>)] {
        [
            ("max_priority_streak", "连续叫优先号的上限（之后普通号等候过久则先叫普通号）", \.maxPriorityStreak, 1...100),
            ("normal_max_wait_minutes", "普通号等候多少分钟后可插在优先号之前", \.normalMaxWaitMinutes, 0...1440),
            ("max_recalls", "同一号码最多重呼次数", \.maxRecalls, 0...20),
            ("max_skips", "同一号码最多过号次数（再过号即记未到）", \.maxSkips, 0...20),
        ]
    }

    /// Reads the rule from settings: `station.CODE.queue.KEY` overrides `queue.KEY`, which
    /// overrides the default. A value that is not a whole number in range is reported, not used.
    public static func from(settings: [String: String], station: String) -> (policy: CallPolicy, problems: [String]) {
        var policy = CallPolicy.standard
        var problems: [String] = []
        for item in Self.settings {
            let keys = ["station.\(station).queue.\(item.key)", "queue.\(item.key)"]
            guard let (key, text) = keys.lazy.compactMap({ k in settings[k].map { (k, $0) } }).first else { continue }
            if let n = Int(text.filter { $0 != " " }), item.range.contains(n) {
                policy[keyPath: item.path] = n
            } else {
                problems.append("设置 \(key)=\(text) 无效：\(item.label)应为 \(item.range.lowerBound)–\(item.range.upperBound) 的整数，已用默认值 \(policy[keyPath: item.path])")
            }
        }
        return (policy, problems)
    }

    /// Chooses the next ticket for `window`.
    /// - Parameters:
    ///   - candidates: tickets waiting (or put back after 过号) at the station today.
    ///   - recentCalls: whether each of today's recent first calls was a priority ticket, most recent first.
    ///   - now: the time, in the same seconds as `queuedAt`.
    public func next(from candidates: [QueueCandidate], recentCalls: [Bool], window: String, now: Double)
        -> (ticket: QueueCandidate, reason: CallReason)? {
        let callable = candidates.filter { $0.targetWindow == nil || $0.targetWindow == window }
        let order: (QueueCandidate, QueueCandidate) -> Bool = { ($0.queuedAt, $0.seq) < ($1.queuedAt, $1.seq) }
        if let transferred = callable.filter({ $0.targetWindow != nil }).min(by: order) { return (transferred, .transferred) }
        let oldestPriority = callable.filter(\.callsFirst).min(by: order)
        let oldestNormal = callable.filter { !$0.callsFirst }.min(by: order)
        guard let priority = oldestPriority else { return oldestNormal.map { ($0, .order) } }
        guard let normal = oldestNormal else { return (priority, .priority) }
        let streak = recentCalls.prefix { $0 }.count
        let waited = now - normal.queuedAt
        if streak >= maxPriorityStreak && waited >= Double(normalMaxWaitMinutes * 60) {
            return (normal, .antiStarvation)
        }
        return (priority, .priority)
    }

    /// How many tickets this rule would call before `ticketID` (0 when it is next), calling
    /// from `candidates` one by one as windows that take no transfers would. What the slip's
    /// "前面还有 N 人" says.
    public func ahead(of ticketID: Int64, in candidates: [QueueCandidate], recentCalls: [Bool], now: Double) -> Int {
        var remaining = candidates.filter { $0.targetWindow == nil }
        var recent = recentCalls
        var count = 0
        while let choice = next(from: remaining, recentCalls: recent, window: "", now: now) {
            if choice.ticket.id == ticketID { return count }
            count += 1
            remaining.removeAll { $0.id == choice.ticket.id }
            recent.insert(choice.ticket.isPriority, at: 0)
        }
        return count
    }
}

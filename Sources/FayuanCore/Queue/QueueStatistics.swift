/// What happened to one ticket, in seconds (for statistics; the store fills it from its rows).
public struct TicketFacts: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        /// Still waiting or being called/served (today).
        case open
        case served
        /// Called and did not come (未到), or passed over too often.
        case noShow
        /// Left without being served (离开), or still waiting when the day ended.
        case walkedAway
        /// Called, service never started, closed when the window called the next (叫号未办理).
        case notServed
    }

    public var service: String
    public var isPriority: Bool
    public var priorityReason: String?
    public var outcome: Outcome
    public var issuedAt: Double
    public var firstCalledAt: Double?
    public var servingAt: Double?
    public var finishedAt: Double?

    public init(service: String, isPriority: Bool, priorityReason: String? = nil, outcome: Outcome,
                issuedAt: Double, firstCalledAt: Double? = nil, servingAt: Double? = nil, finishedAt: Double? = nil) {
        self.service = service; self.isPriority = isPriority; self.priorityReason = priorityReason
        self.outcome = outcome; self.issuedAt = issuedAt; self.firstCalledAt = firstCalledAt
        self.servingAt = servingAt; self.finishedAt = finishedAt
    }

    /// Seconds from issue to first call (nil when never called).
    public var wait: Double? { firstCalledAt.map { max(0, $0 - issuedAt) } }
    /// Seconds of service: from start (or the call when no start was recorded) to finish.
    public var serviceTime: Double? {
        guard outcome == .served, let end = finishedAt, let start = servingAt ?? firstCalledAt else { return nil }
        return max(0, end - start)
    }
}

/// Counts and wait figures for a set of tickets (a day, a date range, one service…).
public struct QueueFigures: Sendable, Hashable, Codable {
    public var issued = 0
    public var served = 0
    public var noShows = 0
    public var walkAways = 0
    /// Called but never served (叫号未办理): the window moved on without starting service.
    public var notServed = 0
    public var open = 0
    /// Seconds; nil when no ticket was called.
    public var averageWait: Double?
    public var p90Wait: Double?
    public var averageService: Double?

    public init() {}

    public init<S: Sequence>(_ tickets: S) where S.Element == TicketFacts {
        var waits: [Double] = [], services: [Double] = []
        for t in tickets {
            issued += 1
            switch t.outcome {
            case .open: open += 1
            case .served: served += 1
            case .noShow: noShows += 1
            case .walkedAway: walkAways += 1
            case .notServed: notServed += 1
            }
            if let w = t.wait { waits.append(w) }
            if let s = t.serviceTime { services.append(s) }
        }
        averageWait = Self.mean(waits)
        p90Wait = Self.percentile(waits, 90)
        averageService = Self.mean(services)
    }

    static func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }

    /// Nearest-rank percentile: the smallest value with at least p% of the values at or below it.
    public static func percentile(_ xs: [Double], _ p: Int) -> Double? {
        guard !xs.isEmpty else { return nil }
        let sorted = xs.sorted()
        let rank = (p * sorted.count + 99) / 100          // ceil(p/100 · n)
        return sorted[max(0, min(sorted.count, rank) - 1)]
    }
}

/// Statistics for a station over days: totals, and the same figures by service and by priority.
public struct QueueStatistics: Sendable, Hashable, Codable {
    public var total: QueueFigures
    /// By service code (QueueService.code).
    public var byService: [String: QueueFigures]
    /// "normal", "priority", and "priority:REASON" for each reason given.
    public var byPriority: [String: QueueFigures]

    public init(_ tickets: [TicketFacts]) {
        total = QueueFigures(tickets)
        byService = Dictionary(grouping: tickets, by: \.service).mapValues { QueueFigures($0) }
        var priority = Dictionary(grouping: tickets) { $0.isPriority ? "priority" : "normal" }.mapValues { QueueFigures($0) }
        let reasons = Dictionary(grouping: tickets.filter { $0.isPriority && $0.priorityReason != nil }) { "priority:" + $0.priorityReason! }
        for (key, group) in reasons { priority[key] = QueueFigures(group) }
        byPriority = priority
    }
}

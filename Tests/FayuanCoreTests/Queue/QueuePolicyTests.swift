import Testing
@testable import FayuanCore

@Suite struct QueuePolicyTests {
    func ticket(_ id: Int64, priority: Bool, at minute: Double, window: String? = nil) -> QueueCandidate {
        QueueCandidate(id: id, seq: Int(id), isPriority: priority, queuedAt: minute * 60, targetWindow: window)
    }

    @Test func priorityFirstThenOrder() {
        let policy = CallPolicy.standard
        let waiting = [ticket(1, priority: false, at: 0), ticket(2, priority: false, at: 1), ticket(3, priority: true, at: 2)]
        let first = policy.next(from: waiting, recentCalls: [], window: "1", now: 3 * 60)
        #expect(first?.ticket.id == 3 && first?.reason == .priority)
        let second = policy.next(from: waiting.filter { $0.id != 3 }, recentCalls: [true], window: "1", now: 3 * 60)
        #expect(second?.ticket.id == 1 && second?.reason == .order)
        #expect(policy.next(from: [], recentCalls: [], window: "1", now: 0) == nil)
    }

    @Test func priorityDoesNotStarveOldNormalTicket() {
        // 连续叫了 3 个优先号，普通号已等 12 分钟（规则：3 个、10 分钟）→ 先叫普通号。
        let policy = CallPolicy(maxPriorityStreak: 3, normalMaxWaitMinutes: 10)
        let waiting = [ticket(1, priority: false, at: 0), ticket(5, priority: true, at: 11)]
        let starved = policy.next(from: waiting, recentCalls: [true, true, true], window: "1", now: 12 * 60)
        #expect(starved?.ticket.id == 1 && starved?.reason == .antiStarvation)
        // Only two priority calls in a row: priority still goes first.
        #expect(policy.next(from: waiting, recentCalls: [true, true, false, true], window: "1", now: 12 * 60)?.ticket.id == 5)
        // The normal ticket has waited only 9 minutes: priority goes first.
        #expect(policy.next(from: waiting, recentCalls: [true, true, true], window: "1", now: 9 * 60)?.ticket.id == 5)
    }

    @Test func transferredTicketGoesOnlyToItsWindowAndFirst() {
        let policy = CallPolicy.standard
        let waiting = [ticket(1, priority: true, at: 0), ticket(2, priority: false, at: 5, window: "3")]
        #expect(policy.next(from: waiting, recentCalls: [], window: "3", now: 600)?.ticket.id == 2)
        #expect(policy.next(from: waiting, recentCalls: [], window: "2", now: 600)?.ticket.id == 1)
        #expect(policy.next(from: [waiting[1]], recentCalls: [], window: "2", now: 600) == nil)
    }

    @Test func policyFromSettingsStationOverridesGlobal() {
        let (policy, problems) = CallPolicy.from(settings: [
            "queue.max_priority_streak": "5", "station.140525000.queue.max_priority_streak": "2",
            "queue.normal_max_wait_minutes": "二十", "queue.max_recalls": "4",
        ], station: "140525000")
        #expect(policy.maxPriorityStreak == 2)
        #expect(policy.maxRecalls == 4)
        #expect(policy.normalMaxWaitMinutes == CallPolicy.standard.normalMaxWaitMinutes)
        #expect(problems.count == 1 && problems[0].contains("queue.normal_max_wait_minutes=二十"), "\(problems)")
    }

    @Test func servicesAndReasonsAreData() {
        #expect(QueueService.named("pickup")?.ticketCode(seq: 12) == "E012")
        #expect(QueueService.named("consultation")?.ticketCode(seq: 1234) == "A1234")
        #expect(QueueService.stored(service: "other", detail: "pickup").label == "取件")
        #expect(QueueService.stored(service: "document", detail: nil).label == "补交材料")
        #expect(Set(QueueService.all.map(\.letter)).count == QueueService.all.count, "每种业务的字母不同")
        #expect(PriorityReason.named("elderly")?.label == "老年人")
        #expect(PriorityReason.named("pregnant")?.isApplicantGroup == false)
        #expect(Set(PriorityReason.all.map(\.code)).count == PriorityReason.all.count)
    }

    @Test func waitFiguresAndNinetiethPercentile() {
        #expect(QueueFigures.percentile([], 90) == nil)
        #expect(QueueFigures.percentile([5], 90) == 5)
        let tenWaits = (1...10).map(Double.init)
        #expect(QueueFigures.percentile(tenWaits, 90) == 9)
        #expect(QueueFigures.percentile((1...20).map(Double.init), 90) == 18)
        let tickets = [
            TicketFacts(service: "consultation", isPriority: false, outcome: .served, issuedAt: 0, firstCalledAt: 300, servingAt: 320, finishedAt: 920),
            TicketFacts(service: "consultation", isPriority: true, priorityReason: "elderly", outcome: .served, issuedAt: 0, firstCalledAt: 60, finishedAt: 660),
            TicketFacts(service: "application", isPriority: false, outcome: .noShow, issuedAt: 0, firstCalledAt: 900),
            TicketFacts(service: "pickup", isPriority: false, outcome: .walkedAway, issuedAt: 0),
        ]
        let stats = QueueStatistics(tickets)
        #expect(stats.total.issued == 4 && stats.total.served == 2 && stats.total.noShows == 1 && stats.total.walkAways == 1)
        #expect(stats.total.averageWait == 420)       // (300 + 60 + 900) / 3
        #expect(stats.total.p90Wait == 900)
        #expect(stats.total.averageService == 600)    // 600 from service start, 600 from the call
        #expect(stats.byService["consultation"]?.issued == 2)
        #expect(stats.byPriority["priority:elderly"]?.served == 1)
        #expect(stats.byPriority["normal"]?.issued == 3)
    }
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

// TestClock (a clock the test moves forward) is in OperatorTests.swift.

@Suite struct QueueTests {
    let day = "2026-06-08"

    func makeQueueStore(_ dir: borrowing TempDir, clock: TestClock) throws -> (CaseStore, Station) {
        let store = try CaseStore.open(StoreLocation(path: dir.file("排队.db")), clock: { clock.read() })
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        return (store, station)
    }

    func service(_ code: String) -> QueueService { QueueService.named(code)! }

    @Test func issuesLettersPerServiceAndStoresPickupAsOther() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeQueueStore(dir, clock: clock)
        let a = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        let e = try store.issueTicket(station: station, service: service("pickup"), priorityReason: "pregnant", on: day)
        #expect(a.ticket.code == "A001" && a.waitingAhead == 0 && !a.ticket.isPriority)
        #expect(e.ticket.code == "E001" && e.waitingAhead == 0)   // own series; priority: called next
        #expect(e.ticket.service == .other && e.ticket.queueService.label == "取件")
        #expect(e.ticket.isPriority && e.ticket.priorityReason == "pregnant")
        #expect(throws: StoreError.self) {
            try store.issueTicket(station: station, service: service("consultation"), priorityReason: "vip", on: day)
        }
        // A window clerk may issue; the permission is checked in the store, not only by the menu.
        let clerk = QueueActor(operatorID: nil, role: .windowClerk)
        #expect(try store.issueTicket(station: station, service: service("document"), priorityReason: nil, on: day, by: clerk).ticket.code == "C001")
        let admin = QueueActor(operatorID: nil, role: .admin)
        #expect(throws: StoreError.self) { try store.callNextTicket(station: station, window: "1", on: day, by: admin) }
    }

    @Test func callsPriorityFirstAndClosesThePreviousTicket() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeQueueStore(dir, clock: clock)
        for reason in [nil, nil, "elderly"] as [String?] {
            _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: reason, on: day)
            clock.advance(minutes: 1)
        }
        let first = try #require(try store.callNextTicket(station: station, window: "2", on: day))
        #expect(first.ticket.code == "A003" && first.reason == .priority && first.ticket.window == "2")
        clock.advance(minutes: 2)
        let second = try #require(try store.callNextTicket(station: station, window: "2", on: day))
        #expect(second.ticket.code == "A001" && second.finished?.code == "A003" && second.finished?.status == "no_show" && second.finished?.closedUnserved == true)
        #expect(try store.currentTicket(station: station, window: "2", on: day)?.code == "A001")
        let board = try store.hallBoard(station: station, on: day)
        // A003 ended unserved (recorded as 未到): it leaves the hall board (issue 21, no-shows cleared).
        #expect(board.calls.map(\.code) == ["A001"] && board.waiting == 1)
    }

    @Test func antiStarvationRuleComesFromSettings() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeQueueStore(dir, clock: clock)
        try store.setQueueSetting("max_priority_streak", value: "2", station: station, by: .script)
        try store.setQueueSetting("normal_max_wait_minutes", value: "5", station: nil, by: .script)
        _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        for _ in 0..<4 { _ = try store.issueTicket(station: station, service: service("application"), priorityReason: "disabled", on: day) }
        clock.advance(minutes: 6)
        var codes: [String] = []
        while let call = try store.callNextTicket(station: station, window: "1", on: day) { codes.append(call.ticket.code) }
        // Two priority calls, then the normal ticket that has waited 6 ≥ 5 minutes, then the rest.
        #expect(codes == ["B001", "B002", "A001", "B003", "B004"])
        #expect(throws: StoreError.self) { try store.setQueueSetting("max_recalls", value: "9", station: nil, by: QueueActor(operatorID: nil, role: .windowClerk)) }
    }

    @Test func recallSkipNoShowTransferAndServiceTimes() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeQueueStore(dir, clock: clock)
        try store.setQueueSetting("max_recalls", value: "1", station: nil, by: .script)
        try store.setQueueSetting("max_skips", value: "1", station: nil, by: .script)
        for _ in 0..<3 { _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day) }
        let a1 = try #require(try store.callNextTicket(station: station, window: "1", on: day)).ticket
        clock.advance(minutes: 1)
        #expect(try store.recallTicket(a1.id).recallCount == 1)
        #expect(throws: StoreError.self) { try store.recallTicket(a1.id) }             // limit 1
        // 过号: back in the queue behind A002 and A003.
        let skipped = try store.skipTicket(a1.id)
        #expect(skipped.ticketStatus == .skipped && skipped.window == nil)
        let order = try (0..<3).map { _ in try #require(try store.callNextTicket(station: station, window: "1", on: day)).ticket.code }
        #expect(order == ["A002", "A003", "A001"])
        // Second pass exceeds max_skips = 1: 未到.
        #expect(try store.skipTicket(a1.id).ticketStatus == .noShow)
        // A ticket called at window 1 and transferred to window 3 is called only there, first.
        _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        let a4 = try #require(try store.callNextTicket(station: station, window: "1", on: day)).ticket
        #expect(a4.code == "A004")
        _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: "elderly", on: day)
        let moved = try store.transferTicket(a4.id, toWindow: "3", toService: service("application"))
        #expect(moved.ticketStatus == .waiting && moved.targetWindow == "3" && moved.queueService.code == "application")
        #expect(try store.callNextTicket(station: station, window: "1", on: day)?.ticket.code == "A005")
        let at3 = try #require(try store.callNextTicket(station: station, window: "3", on: day)).ticket
        #expect(at3.code == "A004" && at3.window == "3" && at3.targetWindow == nil)
        clock.advance(minutes: 2)
        #expect(try store.startServing(at3.id).ticketStatus == .serving)
        #expect(throws: StoreError.self) { try store.startServing(at3.id) }            // already serving
        clock.advance(minutes: 10)
        #expect(try store.finishServing(at3.id).ticketStatus == .done)
        // Walk-away from the waiting list.
        let a6 = try store.issueTicket(station: station, service: service("pickup"), priorityReason: nil, on: day).ticket
        #expect(try store.markWalkedAway(a6.id).endReason == "walked_away")
        let stats = try store.queueStatistics(station: station, from: day, to: day, today: day)
        #expect(stats.total.issued == 6)
        #expect(stats.total.noShows == 1 && stats.total.walkAways == 1)
        #expect(stats.byService["pickup"]?.walkAways == 1)
        #expect(stats.byService["application"]?.averageService == 600)
    }

    /// Four windows, each with its own connection pool on one file (as separate processes have),
    /// call at once until the queue is empty: every ticket is called exactly once.
    @Test func windowsCallingAtOnceNeverShareATicket() async throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeQueueStore(dir, clock: clock)
        for i in 0..<120 {
            _ = try store.issueTicket(station: station, service: service(i % 3 == 0 ? "application" : "consultation"),
                                      priorityReason: i % 5 == 0 ? "elderly" : nil, on: day)
        }
        let path = store.path, day = self.day
        let called = try await withThrowingTaskGroup(of: [String].self) { group in
            for w in 1...4 {
                group.addTask {
                    let mine = try CaseStore.open(StoreLocation(path: path))
                    var codes: [String] = []
                    while let call = try mine.callNextTicket(station: station, window: String(w), on: day) { codes.append(call.ticket.code) }
                    return codes
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(called.count == 120)
        #expect(Set(called).count == 120, "重复叫号：\(Dictionary(grouping: called, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        let seqs = try store.read { db in try Int.fetchAll(db, sql: "SELECT call_seq FROM queue_ticket ORDER BY call_seq") }
        #expect(seqs == Array(1...120))
    }

    @Test func v2StoreMigratesAndKeepsItsTickets() throws {
        let dir = TempDir()
        let path = dir.file("旧库.db")
        let old = try CaseStore.open(StoreLocation(path: path), migrateUpTo: "v2-person-search")
        let station = try old.addStation(Station(code: "140525101", name: "北石店镇公共法律服务工作站", kind: .township), by: nil)
        _ = try old.issueTicket(station: station.id!, service: .document, on: day)
        try old.close()
        let store = try openStore(path)
        #expect(try store.appliedMigrations().contains("v3-queue"))
        let tickets = try store.queueTickets(station: station, on: day)
        #expect(tickets.map(\.code) == ["C001"] && tickets[0].recallCount == 0 && tickets[0].queueService.label == "补交材料")
        #expect(try store.callNextTicket(station: station, window: "1", on: day)?.ticket.code == "C001")
    }
}

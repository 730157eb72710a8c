import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Issue 18, the clerk's day in the store: number series per letter, 过号 of a priority ticket,
/// a ticket called but never served, the slip's count, consultations with call-back phones and
/// persons, and 我的今天.
@Suite struct ClerkDayTests {
    let day = "2026-06-08"

    func makeStore(_ dir: borrowing TempDir, clock: TestClock) throws -> (CaseStore, Station) {
        let store = try CaseStore.open(StoreLocation(path: dir.file("窗口.db")), clock: { clock.read() })
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        return (store, station)
    }

    func service(_ code: String) -> QueueService { QueueService.named(code)! }

    @Test func eachServiceLetterHasItsOwnNumberSeries() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeStore(dir, clock: clock)
        let codes = try ["consultation", "application", "consultation", "pickup"].map {
            try store.issueTicket(station: station, service: service($0), priorityReason: nil, on: day).ticket.code
        }
        #expect(codes == ["A001", "B001", "A002", "E001"])
        // The stress writer's older entry point follows the same series.
        let legacy = try store.issueTicket(station: station.id!, service: .consultation, on: day)
        #expect(legacy.code == "A003")
        #expect(try store.appliedMigrations().contains("v16-queue-series"))
    }

    @Test func passingAPriorityTicketPutsItBehindThoseWaiting() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeStore(dir, clock: clock)
        _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        clock.advance(minutes: 1)
        _ = try store.issueTicket(station: station, service: service("application"), priorityReason: "elderly", on: day)
        clock.advance(minutes: 1)
        let first = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        #expect(first.ticket.code == "B001" && first.reason == .priority)
        let passed = try store.skipTicket(first.ticket.id, by: .script)
        #expect(passed.ticketStatus == .skipped)
        // 过号 says 排到队尾: the next call is the normal ticket, not the same one again.
        let next = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        #expect(next.ticket.code == "A001", "过号的优先号又被叫到：\(next.ticket.code)")
        let after = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        #expect(after.ticket.code == "B001")
    }

    @Test func aTicketCalledButNeverServedIsNotRecordedAsDone() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeStore(dir, clock: clock)
        for _ in 0..<3 { _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day) }
        let a1 = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        let a2 = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        let closed = try #require(a2.finished)
        #expect(closed.code == a1.ticket.code && closed.status != "done" && closed.closedUnserved)
        #expect(closed.statusLabel == "叫号未办理")
        _ = try store.startServing(a2.ticket.id)
        let a3 = try #require(try store.callNextTicket(station: station, window: "1", on: day))
        #expect(a3.finished?.code == "A002" && a3.finished?.status == "done")
        let stats = try store.queueStatistics(station: station, from: day, to: day, today: day)
        #expect(stats.total.served == 1 && stats.total.notServed == 1 && stats.total.open == 1)
    }

    @Test func slipCountsOnlyThoseCalledFirst() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeStore(dir, clock: clock)
        let first = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        #expect(first.waitingAhead == 0)
        _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        // Two normal tickets wait, but a priority ticket is called next: 前面还有 0 人.
        let priority = try store.issueTicket(station: station, service: service("application"), priorityReason: "disabled", on: day)
        #expect(priority.waitingAhead == 0)
        let normal = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        #expect(normal.waitingAhead == 3)
    }

    @Test func consultationKeepsThePhoneAndRegistersThePersonItAnnounced() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeStore(dir, clock: clock)
        let clerk = try store.createOperator(name: "王丽", role: .windowClerk, pin: "246810", stationID: station.id, by: .commandLine, kdfRounds: 1000)
        func consultation(_ name: String?, _ phone: String?) -> Consultation {
            Consultation(stationID: station.id!, operatorID: clerk.id, visitorName: name, channel: .window, topic: "labor_remuneration",
                         question: "工资被拖欠三个月", answer: "可申请劳动仲裁", day: day, visitorPhone: phone)
        }
        let new = try store.registerConsultationVisit(consultation("李秀英", "13812345678"), person: .new(name: "李秀英"), role: .windowClerk)
        let personID = try #require(new.applicantID)
        let person = try #require(try store.applicant(id: personID))
        #expect(person.name == "李秀英" && person.phone == "13812345678")
        #expect(try store.consultation(id: new.id!).visitorPhone == "13812345678")
        // The same name and phone again: linked, not a second person.
        let again = try store.registerConsultationVisit(consultation("李秀英", "13812345678"), person: .new(name: "李秀英"), role: .windowClerk)
        #expect(again.applicantID == new.applicantID)
        // A picked person is linked and never changed, though another call-back number was given.
        let other = try store.registerConsultationVisit(consultation("李秀英", "13900001111"), person: .existing(person.id!), role: .windowClerk)
        #expect(try store.applicant(id: person.id!)?.phone == "13812345678" && other.visitorPhone == "13900001111")
        // Anonymous: no person; the phone stays on the consultation.
        let anonymous = try store.registerConsultationVisit(consultation(nil, "0356-1234567"), person: .anonymous, role: .windowClerk)
        #expect(anonymous.applicantID == nil && anonymous.visitorPhone == "0356-1234567")
        #expect(throws: StoreError.self) {
            try store.registerConsultationVisit(consultation("张三", "电话号码"), person: .new(name: "张三"), role: .windowClerk)
        }
        #expect(try store.consultationCount(operatorID: clerk.id!, day: day) == 4)
        let creates = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE entity = 'applicant' AND action = 'create'")
        }
        #expect(creates == 1)
    }

    @Test func myDayListsMyTicketsConsultationsWithMaskedPhones() throws {
        let dir = TempDir(), clock = TestClock()
        let (store, station) = try makeStore(dir, clock: clock)
        let clerk = try store.createOperator(name: "王丽", role: .windowClerk, pin: "246810", stationID: station.id, by: .commandLine, kdfRounds: 1000)
        let actor = QueueActor(operatorID: clerk.id, role: .windowClerk)
        _ = try store.issueTicket(station: station, service: service("consultation"), priorityReason: nil, on: day)
        let call = try #require(try store.callNextTicket(station: station, window: "2", on: day, by: actor))
        _ = try store.startServing(call.ticket.id, by: actor)
        _ = try store.finishServing(call.ticket.id, by: actor)
        _ = try store.registerConsultationVisit(
            Consultation(stationID: station.id!, operatorID: clerk.id, visitorName: "李秀英", channel: .window, topic: "labor_remuneration",
                         question: "工资被拖欠", answer: "可申请仲裁", day: day, visitorPhone: "13812345678"),
            person: .new(name: "李秀英"), role: .windowClerk)
        let mine = try store.myDay(operator: clerk, day: day)
        #expect(mine.tickets.map(\.code) == ["A001"] && mine.tickets.first?.status == "已办结")
        #expect(mine.consultations.count == 1 && mine.consultations.first?.phone == "138****5678")
        #expect(mine.awaitingDocuments.isEmpty && mine.deadlines.isEmpty)
    }
}

/// v16-queue-series on a store upgraded in the middle of a day: each letter goes on from its
/// highest number, so no code is issued twice.
@Suite struct QueueSeriesMigrationTests {
    @Test func storeUpgradedMidDayGoesOnFromEachLettersHighestNumber() throws {
        let dir = TempDir()
        let path = dir.file("升级前.db")
        let day = "2026-06-08"
        let old = try CaseStore.open(StoreLocation(path: path), migrateUpTo: "v10-audit-channel")
        let station = try old.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        // The old shared counter: A001, B002, A003.
        try old.write { db in
            for (seq, code, service) in [(1, "A001", "consultation"), (2, "B002", "application"), (3, "A003", "consultation")] {
                try db.execute(sql: """
                    INSERT INTO queue_ticket(station_id, day, seq, code, service, issued_at) VALUES (?, ?, ?, ?, ?, '2026-06-08T01:00:00.000Z')
                    """, arguments: [station.id, day, seq, code, service])
            }
            try db.execute(sql: "INSERT INTO counter(scope, period, value) VALUES (?, ?, 3)", arguments: ["ticket:\(station.id!)", day])
        }
        try old.close()
        let store = try CaseStore.open(StoreLocation(path: path))
        #expect(try store.appliedMigrations().contains("v16-queue-series"))
        let a = try store.issueTicket(station: station, service: QueueService.named("consultation")!, priorityReason: nil, on: day)
        let b = try store.issueTicket(station: station, service: QueueService.named("application")!, priorityReason: nil, on: day)
        let c = try store.issueTicket(station: station, service: QueueService.named("document")!, priorityReason: nil, on: day)
        #expect([a.ticket.code, b.ticket.code, c.ticket.code] == ["A004", "B003", "C001"])
        #expect(a.ticket.seq == 4 && b.ticket.seq == 5 && c.ticket.seq == 6)
        // A code can never be stored twice for a station and day.
        #expect(throws: (any Error).self) {
            try store.write { db in
                try db.execute(sql: """
                    INSERT INTO queue_ticket(station_id, day, seq, code, service, issued_at) VALUES (?, ?, 99, 'A004', 'consultation', '2026-06-08T02:00:00.000Z')
                    """, arguments: [station.id, day])
            }
        }
    }
}

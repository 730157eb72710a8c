import FayuanCore
@testable import FayuanStore
import Foundation
import Testing

/// Issue 19 in the store: subsidies as a ledger (approved after the month ends, line by line,
/// corrections as adjustment lines), re-planning refused for past months, attendance times
/// checked against the duty and the clock, 待核实 duties decided by someone, and the complaint
/// workflow with its clocks. Figures are checked by hand in the comments.
@Suite("补贴台账、考勤核实与投诉（案件库）") struct DutyLedgerTests {
    static let policy = DutyTests.policy
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    struct Centre {
        let store: CaseStore
        let clock: MovableClock
        let reviewer: Operator
        let clerk: Operator
        let centre: Station
        let li: Int64
        let wang: Int64
    }

    /// The county centre with two lawyers, 李明 and 王芳; the clock in October 2026.
    static func centre(_ dir: borrowing TempDir, at now: String = "2026-10-20T09:00") throws -> Centre {
        let clock = MovableClock(now)
        let store = try openStore(dir.file("法援.db"), clock: clock)
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let li = try store.addProvider(Provider(name: "李明", kind: .lawyer, stationID: centre.id), by: nil).id!
        let wang = try store.addProvider(Provider(name: "王芳", kind: .lawyer, stationID: centre.id), by: nil).id!
        let reviewer = try store.addOperator(Operator(name: "审查员孙丽", role: .reviewer, stationID: centre.id), by: nil)
        let clerk = try store.addOperator(Operator(name: "窗口王丽", role: .windowClerk, stationID: centre.id), by: nil)
        return Centre(store: store, clock: clock, reviewer: reviewer, clerk: clerk, centre: centre, li: li, wang: wang)
    }

    static func duty(_ c: Centre, _ provider: Int64, _ day: String) -> PlannedDuty {
        PlannedDuty(stationID: c.centre.id!, providerID: provider, day: d(day), startsAt: ClockTime("08:30")!,
                    endsAt: ClockTime("17:30")!, reason: "测试排班")
    }

    static func shift(_ c: Centre, _ provider: Int64, _ day: String) throws -> Int64 {
        try c.store.dutyShifts(month: String(day.prefix(7))).first { $0.shift.providerID == provider && $0.shift.day == day }!.shift.id!
    }

    static func t(_ s: String) -> ClockTime { ClockTime(s)! }

    /// The November ledger by hand (centre 200 元 a day):
    ///   李明 11-02 on time → 200;  11-03 signed in, never signed out → 200 − 50 = 150;
    ///   11-04 no sign-in → 待核实, held;  王芳 11-05 no sign-in → 待核实, held.
    ///   First approval on 12-01: 200 + 150 = 350 元 in two original lines.
    ///   Then: late sign-out 11-03 17:30 → +50 adjustment; 11-04 excused → +200 adjustment;
    ///   王芳 11-05 confirmed absent → 0, her month's first (original) line.
    ///   Second approval: 50 + 200 + 0 = 250 元 in three lines, two of them adjustments.
    ///   李明 approved in all: 200 + 150 + 50 + 200 = 600 元; paid 600 元 (five lines with 王芳's 0).
    @Test("月末后才核定；按行核定；核定后的更正记调整行，原行不改") func ledger() throws {
        let dir = TempDir()
        let c = try Self.centre(dir)
        try c.store.saveRoster(month: "2026-11", duties: [Self.duty(c, c.li, "2026-11-02"), Self.duty(c, c.li, "2026-11-03"),
                                                          Self.duty(c, c.li, "2026-11-04"), Self.duty(c, c.wang, "2026-11-05")],
                               by: c.reviewer)
        let s2 = try Self.shift(c, c.li, "2026-11-02"), s3 = try Self.shift(c, c.li, "2026-11-03")
        let s4 = try Self.shift(c, c.li, "2026-11-04"), s5 = try Self.shift(c, c.wang, "2026-11-05")
        c.clock.set("2026-11-02T18:00")
        try c.store.signIn(shift: s2, at: Self.t("08:30"), by: c.clerk)
        try c.store.signOut(shift: s2, at: Self.t("17:30"), by: c.clerk)
        c.clock.set("2026-11-03T18:00")
        try c.store.signIn(shift: s3, at: Self.t("08:25"), by: c.clerk)

        // The month has not ended: approval is refused, nothing written.
        c.clock.set("2026-11-30T20:00")
        #expect(throws: StoreError.invalidInput(field: "month", message: "2026-11 还没有结束（2026-12-01 起才能核定），补贴按月在月末之后核定")) {
            try c.store.approveSubsidies(month: "2026-11", policy: Self.policy, by: c.reviewer)
        }
        c.clock.set("2026-12-01T09:00")
        let first = try c.store.approveSubsidies(month: "2026-11", policy: Self.policy, by: c.reviewer)
        #expect(first == .init(lines: 2, adjustments: 0, amountFen: 35_000, people: 1))
        var accounts = try c.store.subsidyAccounts(month: "2026-11", policy: Self.policy)
        let li = accounts.first { $0.statement.providerName == "李明" }!
        #expect(li.approvedFen == 35_000)
        #expect(li.unverified.map(\.shiftID) == [s4])
        #expect(li.state(monthEnded: true) == .partlyApproved, "有待核实的班次，不能显示“已核定”")
        #expect(li.statement.lines[1].explanation.contains("未签退（不能证明值满规定时长，按早退计）1次，每次扣50元，共扣50元"))

        // An approved line cannot be rewritten or deleted, even in SQL.
        #expect(throws: StoreError.self) {
            try c.store.write { db in try db.execute(sql: "UPDATE subsidy SET amount_fen = 20000 WHERE shift_id = ?", arguments: [s3]) }
        }
        #expect(throws: StoreError.self) {
            try c.store.write { db in try db.execute(sql: "DELETE FROM subsidy WHERE shift_id = ?", arguments: [s2]) }
        }

        // Corrections after approval.
        try c.store.signOut(shift: s3, at: Self.t("17:30"), by: c.clerk)
        #expect(throws: StoreError.self) { try c.store.decideUnverifiedDuty(shift: s4, absent: false, reason: "  ", by: c.reviewer) }
        #expect(throws: PermissionDenied.self) {
            try c.store.decideUnverifiedDuty(shift: s4, absent: false, reason: "签到机故障", by: c.clerk)
        }
        try c.store.decideUnverifiedDuty(shift: s4, absent: false, reason: "签到机故障，站点负责人证实在岗", by: c.reviewer)
        try c.store.decideUnverifiedDuty(shift: s5, absent: true, reason: "电话核实当天未到岗", by: c.reviewer)
        #expect(throws: StoreError.self) { try c.store.signIn(shift: s5, at: Self.t("08:30"), by: c.clerk) }
        accounts = try c.store.subsidyAccounts(month: "2026-11", policy: Self.policy)
        let due = accounts.first { $0.statement.providerName == "李明" }!.due
        #expect(due.map(\.entry) == [.adjustment, .adjustment])
        #expect(due.map(\.amountFen) == [5_000, 20_000])
        #expect(due[0].explanation[0] == "调整：应发200元，已核定150元，差额50元")
        let wang = accounts.first { $0.statement.providerName == "王芳" }!
        #expect(wang.statement.lines[0].explanation.last == "值班日不在岗，取消当天补贴并通报")
        #expect(wang.unverified.isEmpty)
        #expect(wang.due.map(\.amountFen) == [0] && wang.due[0].entry == .original)

        let second = try c.store.approveSubsidies(month: "2026-11", policy: Self.policy, by: c.reviewer)
        #expect(second == .init(lines: 3, adjustments: 2, amountFen: 25_000, people: 2))
        let originals = try c.store.read { db in
            try Int.fetchAll(db, sql: "SELECT amount_fen FROM subsidy WHERE entry = 'original' ORDER BY id")
        }
        #expect(originals == [20_000, 15_000, 0], "原始行不变")
        let paid = try c.store.paySubsidies(month: "2026-11", by: c.reviewer)
        #expect(paid.lines == 5 && paid.amountFen == 60_000)
        accounts = try c.store.subsidyAccounts(month: "2026-11", policy: Self.policy)
        #expect(accounts.first { $0.statement.providerName == "李明" }!.state(monthEnded: true) == .paid)
        #expect(accounts.first { $0.statement.providerName == "李明" }!.paidFen == 60_000)
        #expect(throws: StoreError.self) { try c.store.approveSubsidies(month: "2026-11", policy: Self.policy, by: c.reviewer) }

        // Re-planning the paid month is refused, even with the station clock set back into it.
        #expect(throws: StoreError.invalidInput(field: "month", message: "2026-11 已经结束，不能重新排班（过去的值班以当时的记录为准）")) {
            try c.store.saveRoster(month: "2026-11", duties: [Self.duty(c, c.wang, "2026-11-30")], by: c.reviewer)
        }
        c.clock.set("2026-11-20T09:00")
        #expect(throws: StoreError.invalidInput(field: "month", message: "2026-11 的补贴已发放，不能重新排班")) {
            try c.store.saveRoster(month: "2026-11", duties: [Self.duty(c, c.wang, "2026-11-30")], by: c.reviewer)
        }
        #expect(try c.store.dutyShifts(month: "2026-11").count == 4)
    }

    @Test("本月重新排班只排今天以后，已过去的日子不凭空添班") func replanCurrentMonth() throws {
        let dir = TempDir()
        let c = try Self.centre(dir, at: "2026-11-10T09:00")
        let saved = try c.store.saveRoster(month: "2026-11", duties: [Self.duty(c, c.li, "2026-11-02"), Self.duty(c, c.li, "2026-11-20")],
                                           by: c.reviewer)
        #expect(saved == 1)
        #expect(try c.store.dutyShifts(month: "2026-11").map(\.shift.day) == ["2026-11-20"])
        do {
            try c.store.saveRoster(month: "2026-10", duties: [Self.duty(c, c.li, "2026-10-20")], by: c.reviewer)
            Issue.record("过去的月份应拒绝")
        } catch let StoreError.invalidInput(field, message) {
            #expect(field == "month" && message.hasPrefix("2026-10 已经结束"))
        }
    }

    @Test("签到、签退、点名抽查的时间须合乎班次和当前时间") func attendanceTimes() throws {
        let dir = TempDir()
        let c = try Self.centre(dir)
        try c.store.saveRoster(month: "2026-11", duties: [Self.duty(c, c.li, "2026-11-03"), Self.duty(c, c.li, "2026-11-04")],
                               by: c.reviewer)
        let s3 = try Self.shift(c, c.li, "2026-11-03"), s4 = try Self.shift(c, c.li, "2026-11-04")
        c.clock.set("2026-11-03T10:00")
        func refused(_ field: String, _ message: String, _ body: () throws -> Void) {
            do { try body(); Issue.record("应拒绝：\(message)") } catch let StoreError.invalidInput(f, m) {
                #expect(f == field); #expect(m == message)
            } catch { Issue.record("\(error)") }
        }
        refused("sign_in", "值班日 2026-11-04 还没到，不能登记签到") { try c.store.signIn(shift: s4, at: Self.t("08:30"), by: c.clerk) }
        refused("sign_in", "签到时间 11:00 晚于现在（10:00），不能预先登记") { try c.store.signIn(shift: s3, at: Self.t("11:00"), by: c.clerk) }
        #expect(try c.store.signIn(shift: s3, at: Self.t("08:40"), by: c.clerk).lateMinutes == 10)
        refused("sign_out", "签退时间 08:30 不晚于签到时间 08:40") { try c.store.signOut(shift: s3, at: Self.t("08:30"), by: c.clerk) }
        c.clock.set("2026-11-04T23:00")
        refused("time", "点名抽查时间 22:00 不在值班时间 08:30–17:30 内") {
            try c.store.recordSpotCheck(shift: s3, at: Self.t("22:00"), present: false, by: c.reviewer)
        }
        refused("sign_in", "签到时间 18:00 不早于值班结束时间 17:30，不能签到（未到岗的班次按“待核实”处理）") {
            try c.store.signIn(shift: s4, at: Self.t("18:00"), by: c.clerk)
        }
        try c.store.recordSpotCheck(shift: s3, at: Self.t("15:00"), present: true, by: c.reviewer)
        #expect(try c.store.auditCount() > 0)
    }

    /// A complaint received on 2026-09-30 (the day before 国庆): accept within 5 working days —
    /// 10-01…07 are off, 10-08 (1), 10-09 (2), 10-10 调休 Saturday (3), 10-12 (4), 10-13 (5) → 10-13.
    /// Accepted 10-12, finish within 60 days → 12-11 (a Friday).  Deduction after the month was
    /// approved: 王芳's 09-29 was 200 元, approved; the upheld complaint is a −50 元 adjustment.
    @Test("投诉：登记、受理、核实、扣减；重复投诉拒绝；期限按节假日表") func complaints() throws {
        let dir = TempDir()
        let c = try Self.centre(dir, at: "2026-09-01T09:00")
        try c.store.saveRoster(month: "2026-09", duties: [Self.duty(c, c.wang, "2026-09-29")], by: c.reviewer)
        let shift = try Self.shift(c, c.wang, "2026-09-29")
        c.clock.set("2026-09-29T18:00")
        try c.store.signIn(shift: shift, at: Self.t("08:30"), by: c.clerk)
        try c.store.signOut(shift: shift, at: Self.t("17:30"), by: c.clerk)
        c.clock.set("2026-09-30T10:00")
        #expect(throws: StoreError.self) { try c.store.addDutyMark(shift: shift, kind: .complaint, by: c.reviewer) }
        let id = try c.store.registerDutyComplaint(shift: shift, complainant: "张桂兰", summary: "值班律师答复敷衍、态度生硬",
                                                   receivedOn: "2026-09-30", by: c.reviewer)
        do {
            try c.store.registerDutyComplaint(shift: shift, complainant: "张桂兰", summary: "同一件事再次投诉", receivedOn: "2026-09-30", by: c.reviewer)
            Issue.record("重复投诉应拒绝")
        } catch let StoreError.invalidInput(field, message) {
            #expect(field == "complainant")
            #expect(message == "重复投诉：张桂兰对该班次的投诉已登记为 #\(id)，不再重复登记")
        }
        let calendar = HolidayCalendar(years: [HolidayYear(year: 2026, offDays: Set((1...7).map { Self.d("2026-10-0\($0)") }),
                                                           makeUpWorkdays: [Self.d("2026-10-10")], source: "国务院办公厅通知（测试）")])
        var listed = try c.store.dutyComplaints(month: "2026-09", calendar: calendar)
        #expect(listed.map(\.acceptBy) == ["2026-10-13"])
        #expect(throws: StoreError.self) { try c.store.advanceDutyComplaint(id, .deduct, by: c.reviewer) }

        c.clock.set("2026-10-12T09:00")
        try c.store.approveSubsidies(month: "2026-09", policy: Self.policy, by: c.reviewer)
        #expect(throws: StoreError.self) { try c.store.advanceDutyComplaint(id, .accept(on: "2026-09-29"), by: c.reviewer) }
        #expect(throws: StoreError.self) { try c.store.advanceDutyComplaint(id, .accept(on: "2026-10-13"), by: c.reviewer) }
        try c.store.advanceDutyComplaint(id, .accept(on: "2026-10-12"), by: c.reviewer)
        listed = try c.store.dutyComplaints(month: "2026-09", calendar: calendar)
        #expect(listed[0].status == .accepted && listed[0].finishBy == "2026-12-11")
        try c.store.advanceDutyComplaint(id, .verify(upheld: true, finding: "调取录音，答复确有敷衍", on: "2026-10-12"), by: c.reviewer)
        try c.store.advanceDutyComplaint(id, .deduct, by: c.reviewer)
        #expect(throws: StoreError.self) { try c.store.advanceDutyComplaint(id, .deduct, by: c.reviewer) }
        let account = try c.store.subsidyAccounts(month: "2026-09", policy: Self.policy)[0]
        #expect(account.due.map(\.amountFen) == [-5_000])
        #expect(account.due[0].entry == .adjustment)
        #expect(account.statement.lines[0].explanation.contains("被投诉经核实属实1次，每次扣50元，共扣50元"))
        // A second complainant about the same duty is a different complaint.
        let other = try c.store.registerDutyComplaint(shift: shift, complainant: "刘大伟", summary: "等候时间过长",
                                                      receivedOn: "2026-10-12", by: c.reviewer)
        #expect(other == id + 1)
    }

    @Test("演示数据：上月待核定、本月未结束，只有更早的月份已发放") func demoMonths() throws {
        let dir = TempDir()
        let clock = MovableClock("2026-12-03T10:00")
        let store = try openStore(dir.file("演示.db"), clock: clock)
        _ = try store.seed(SeedOptions(persons: 50, cases: 0, consultations: 0, seed: 1, today: "2026-12-03"))
        let rows = try store.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT month, status, count(*) AS n FROM subsidy GROUP BY month, status ORDER BY month")
        }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ($0["month"] as String) < "2026-11" && ($0["status"] as String) == "paid" }, "\(rows)")
        let november = try store.subsidyAccounts(month: "2026-11", policy: Self.policy)
        #expect(!november.isEmpty)
        #expect(SubsidyLedger.state(monthEnded: true, posted: november.flatMap(\.posted), dueCount: november.reduce(0) { $0 + $1.due.count },
                                    unverified: 0) == .unapproved)
    }

    @Test("演示数据的排班符合排班规则：值班人员是本站的人，同一人同日只值一班") func demoRosterFollowsTheRules() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("演示排班.db"), clock: MovableClock("2026-12-03T10:00"))
        _ = try store.seed(SeedOptions(persons: 50, cases: 0, consultations: 0, seed: 1, today: "2026-12-03"))
        let (shifts, foreign, doubled) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM duty_shift") ?? 0,
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM duty_shift s JOIN provider p ON p.id = s.provider_id WHERE p.station_id <> s.station_id
                """) ?? -1,
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT provider_id, day FROM duty_shift GROUP BY provider_id, day HAVING count(*) > 1)
                """) ?? -1)
        }
        #expect(shifts > 100)
        #expect(foreign == 0, "非本站人员的班次：\(foreign)")
        #expect(doubled == 0, "同一人同日两班：\(doubled)")
    }
}

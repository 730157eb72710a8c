import FayuanCore
@testable import FayuanStore
import Foundation
import Testing

/// The Zezhou month end to end in the store: 17 stations with their providers, a generated May
/// 2026, publication, attendance with lates, an absence and a spot check, and the statement
/// against a hand calculation.
@Suite("值班、考勤与补贴（案件库）") struct DutyTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    static let policy = RosterPolicy(
        id: "zezhou-140525", regionPrefix: "140525", source: "泽州县2022年惠民工程实施方案",
        centre: DutyStandard(frequency: .everyWorkingDay, minimumMinutes: 480, startsAt: ClockTime("08:30")!,
                             endsAt: ClockTime("17:30")!, people: 1, rateFen: 20_000, spotCheckAbsentFen: 10_000),
        township: DutyStandard(frequency: .weekly(1), minimumMinutes: 240, startsAt: ClockTime("09:00")!,
                               endsAt: ClockTime("13:00")!, people: 1, rateFen: 30_000, spotCheckAbsentFen: 15_000),
        eligibleKinds: ["lawyer", "grassroots_worker", "retired_official", "law_teacher", "volunteer", "public_lawyer"],
        subsidisedKinds: ["lawyer", "grassroots_worker", "retired_official", "law_teacher", "volunteer"],
        recordIssueFen: 1_000, lateOrEarlyFen: 5_000, dissatisfiedFen: 5_000, complaintFen: 5_000,
        forfeitAbsences: 3, caseSubsidyFen: 100_000)

    static let calendar = HolidayCalendar(years: [HolidayYear(
        year: 2026, offDays: Set((1...5).map { d("2026-05-0\($0)") }), makeUpWorkdays: [d("2026-05-09")], source: "测试")])

    struct County {
        let store: CaseStore
        /// The store's clock: before May while planning, moved on as the month is served.
        let clock: MovableClock
        let reviewer: Operator
        let lawyer: Operator
        let clerk: Operator
        let stations: [Station]
        let context: RosterContext
    }

    /// The 17 stations; the centre has five providers (one a public-servant lawyer), each township two.
    static func county(_ dir: borrowing TempDir) throws -> County {
        let clock = MovableClock("2026-04-20T09:00")
        let store = try openStore(dir.file("法援.db"), clock: clock)
        var stations: [Station] = []
        for s in SeedData.zezhouStations {
            stations.append(try store.addStation(Station(code: s.code, name: s.name, kind: s.kind,
                                                         parentID: stations.first?.id), by: nil))
        }
        let names = ["李明", "王芳", "赵强", "刘洋", "陈静"]
        for (n, name) in names.enumerated() {
            _ = try store.addProvider(Provider(name: name, kind: n == 4 ? .publicLawyer : .lawyer, stationID: stations[0].id), by: nil)
        }
        for (n, s) in stations.dropFirst().enumerated() {
            _ = try store.addProvider(Provider(name: "乡镇律师\(n + 1)甲", kind: .grassrootsWorker, stationID: s.id), by: nil)
            _ = try store.addProvider(Provider(name: "乡镇律师\(n + 1)乙", kind: .lawyer, stationID: s.id), by: nil)
        }
        let reviewer = try store.addOperator(Operator(name: "审查员孙丽", role: .reviewer, stationID: stations[0].id), by: nil)
        let lawyer = try store.addOperator(Operator(name: "值班律师周平", role: .dutyLawyer, stationID: stations[1].id), by: nil)
        let clerk = try store.addOperator(Operator(name: "窗口王丽", role: .windowClerk, stationID: stations[0].id), by: nil)
        let context = RosterContext(stations: try store.rosterStations(),
                                    providers: try store.rosterProviders(month: "2026-05", lookBackMonths: 3),
                                    calendar: calendar, policy: policy)
        return County(store: store, clock: clock, reviewer: reviewer, lawyer: lawyer, clerk: clerk, stations: stations, context: context)
    }

    static func generate(_ c: County) throws -> RosterPlan {
        let plan = try RosterPlanner.plan(year: 2026, month: 5, stations: c.context.stations, providers: c.context.providers,
                                          calendar: calendar, policy: policy)
        try c.store.saveRoster(month: "2026-05", duties: plan.duties, by: c.reviewer)
        return plan
    }

    @Test("17 个站点生成一个月、保存并公示（文本和 CSV）") func generateAndPublish() throws {
        let dir = TempDir()
        let c = try Self.county(dir)
        let plan = try Self.generate(c)
        #expect(plan.unfilled.isEmpty)
        let shifts = try c.store.dutyShifts(month: "2026-05")
        #expect(shifts.count == 19 + 16 * 4)
        #expect(Set(shifts.map(\.shift.stationID)).count == 17)
        #expect(shifts.allSatisfy { !$0.shift.reason.isEmpty })
        let publication = try c.store.publishRoster(month: "2026-05", by: c.reviewer)
        let text = try String(contentsOfFile: publication.textPath, encoding: .utf8)
        #expect(text.hasPrefix("2026年05月 公共法律服务值班值班表（公示）"))
        #expect(text.contains("巴公镇公共法律服务工作站"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: publication.csvPath))
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.starts(with: Array((CSV.bom + "日期,星期,站点,站点代码,开始,结束,值班人员,人员类别\r\n").utf8)))
        #expect(csv.components(separatedBy: "\r\n").count == 83 + 2)
        #expect(try c.store.publications(month: "2026-05").count == 1)
        // Saving again keeps signed-in shifts and replaces the rest, without duplicates.
        try c.store.saveRoster(month: "2026-05", duties: plan.duties, by: c.reviewer)
        #expect(try c.store.dutyShifts(month: "2026-05").count == 83)
    }

    @Test("值班律师不能改排班、抽查或核定补贴；窗口人员可以签到") func permissions() throws {
        let dir = TempDir()
        let c = try Self.county(dir)
        let plan = try Self.generate(c)
        #expect(throws: PermissionDenied.self) { try c.store.saveRoster(month: "2026-05", duties: plan.duties, by: c.lawyer) }
        let (ids, _) = try c.store.plannedDuties(month: "2026-05")
        #expect(throws: PermissionDenied.self) { try c.store.swapDuties(ids[0], ids[1], context: c.context, by: c.lawyer) }
        #expect(throws: PermissionDenied.self) { try c.store.recordSpotCheck(shift: ids[0], at: ClockTime("10:00")!, present: false, by: c.lawyer) }
        #expect(throws: PermissionDenied.self) {
            try c.store.approveSubsidies(month: "2026-05", policy: Self.policy, by: c.lawyer)
        }
        #expect(throws: PermissionDenied.self) { try c.store.publishRoster(month: "2026-05", by: c.lawyer) }
        c.clock.set("2026-06-01T09:00")
        let outcome = try c.store.signIn(shift: ids[0], at: ClockTime("08:30")!, by: c.clerk)
        #expect(!outcome.isLate)
    }

    @Test("对调使同一人同日两班：拒绝、说明原因、不写入") func swapRefused() throws {
        let dir = TempDir()
        let c = try Self.county(dir)
        _ = try Self.generate(c)
        let (ids, duties) = try c.store.plannedDuties(month: "2026-05")
        let centre = c.stations[0].id!, bagongID = c.stations[1].id!
        // A centre lawyer free on 巴公's first duty day also serves at 巴公 and takes that duty.
        let bagong = duties.firstIndex { $0.stationID == bagongID }!
        let person = try c.store.rosterProviders(month: "2026-05", lookBackMonths: 0).first { p in
            p.stationIDs.contains(centre) && p.kind == "lawyer" && !duties.contains { $0.providerID == p.id && $0.day == duties[bagong].day }
        }!.id
        try c.store.setDutyProfile(provider: person, extraStations: [bagongID], unavailable: [], by: c.reviewer)
        let context = RosterContext(stations: c.context.stations,
                                    providers: try c.store.rosterProviders(month: "2026-05", lookBackMonths: 3),
                                    calendar: Self.calendar, policy: Self.policy)
        try c.store.reassignDuty(ids[bagong], to: person, context: context, by: c.reviewer)
        let moved = try c.store.plannedDuties(month: "2026-05")
        let day = duties[bagong].day
        // Swapping his centre duty with the centre duty of that day would put him twice on that day.
        let centreThatDay = moved.ids[moved.duties.firstIndex { $0.stationID == centre && $0.day == day }!]
        let personCentre = moved.ids[moved.duties.firstIndex { $0.providerID == person && $0.stationID == centre }!]
        let before = try c.store.auditCount()
        do {
            try c.store.swapDuties(centreThatDay, personCentre, context: context, by: c.reviewer)
            Issue.record("应拒绝")
        } catch let StoreError.invalidInput(field, message) {
            #expect(field == "swap")
            #expect(message.hasPrefix("不能这样改：✗ 同日两班"))
            #expect(message.contains("同一人一天只能值一班"))
        }
        #expect(try c.store.auditCount() == before)
        #expect(try c.store.plannedDuties(month: "2026-05").duties == moved.duties)
    }

    /// The hand calculation. 李明 (centre, lawyer) has four May duties:
    ///   1st late 08:42 → 200 − 50 = 150;  2nd left 17:00 → 200 − 50 = 150;
    ///   3rd spot check absent → 200 − 100 = 100;  4th never signed in → 待核实, 0 and held from
    ///   approval until decided.   Total 400 元.
    /// 巴公's first provider has two of its four duties, both on time; one incomplete record (−10)
    /// and one dissatisfied consultation (−50): 2 × 300 − 60 = 540 元. 陈静 (public lawyer): 0.
    @Test("考勤（迟到、早退、抽查脱岗、缺勤）与补贴明细：与手工核算一致") func attendanceAndStatement() throws {
        let dir = TempDir()
        let c = try Self.county(dir)
        _ = try Self.generate(c)
        c.clock.set("2026-06-01T09:00")
        let shifts = try c.store.dutyShifts(month: "2026-05")
        let li = shifts.filter { $0.providerName == "李明" }.map(\.shift.id!)
        #expect(li.count == 4)
        let late = try c.store.signIn(shift: li[0], at: ClockTime("08:42")!, by: c.clerk)
        #expect(late.lateMinutes == 12)
        try c.store.signOut(shift: li[0], at: ClockTime("17:30")!, by: c.clerk)
        try c.store.signIn(shift: li[1], at: ClockTime("08:30")!, by: c.clerk)
        #expect(try c.store.signOut(shift: li[1], at: ClockTime("17:00")!, by: c.clerk).earlyMinutes == 30)
        try c.store.signIn(shift: li[2], at: ClockTime("08:20")!, by: c.clerk)
        try c.store.recordSpotCheck(shift: li[2], at: ClockTime("15:10")!, present: false, note: "电话未接", by: c.reviewer)
        try c.store.signOut(shift: li[2], at: ClockTime("17:30")!, by: c.clerk)
        #expect(throws: StoreError.self) { try c.store.signIn(shift: li[2], at: ClockTime("09:00")!, by: c.clerk) }

        let bagongID = c.stations[1].id!
        let bagong = shifts.filter { $0.shift.stationID == bagongID }
        let township = bagong.filter { $0.shift.providerID == bagong[0].shift.providerID }.map(\.shift)
        #expect(township.count == 2)
        for s in township {
            try c.store.signIn(shift: s.id!, at: ClockTime("08:55")!, by: c.clerk)
            try c.store.signOut(shift: s.id!, at: ClockTime("13:05")!, by: c.clerk)
        }
        try c.store.addDutyMark(shift: township[0].id!, kind: .recordIncomplete, note: "未写处理意见", by: c.reviewer)
        try c.store.write { db in
            try db.execute(sql: """
                INSERT INTO consultation(station_id, provider_id, channel, topic, day, satisfaction, created_at)
                VALUES (?, ?, 'window', 'labor', ?, 'dissatisfied', '2026-05-01T00:00:00.000Z')
                """, arguments: [bagongID, township[1].providerID, township[1].day])
        }

        let statements = try c.store.subsidyStatements(month: "2026-05", policy: Self.policy, today: "2026-06-01")
        let liStatement = statements.first { $0.providerName == "李明" }!
        #expect(liStatement.lines.map(\.amountFen) == [15_000, 15_000, 10_000, 0])
        #expect(liStatement.totalFen == 40_000)
        #expect(liStatement.lines[3].explanation.last?.hasPrefix("未签到，待核实") == true)
        #expect(liStatement.lines[3].unverified)
        let t = statements.first { $0.providerID == township[0].providerID }!
        #expect(t.totalFen == 54_000)
        #expect(statements.first { $0.providerName == "陈静" }!.totalFen == 0)

        let approved = try c.store.approveSubsidies(month: "2026-05", policy: Self.policy, by: c.reviewer)
        #expect(approved.amountFen == statements.reduce(0) { $0 + $1.totalFen })
        #expect(approved.adjustments == 0)
        let written = try c.store.read { db in
            try Int.fetchOne(db, sql: "SELECT sum(amount_fen) FROM subsidy s JOIN provider p ON p.id = s.provider_id WHERE p.name = '李明'")
        }
        #expect(written == 40_000)
        #expect(throws: StoreError.self) {
            try c.store.approveSubsidies(month: "2026-05", policy: Self.policy, by: c.reviewer)
        }
        let report = try c.store.fundReport(quarter: "2026-Q2")
        #expect(report.months[1].month == "2026-05" && report.months[1].dutyFen == statements.reduce(0) { $0 + $1.dutyFen })
        #expect(report.dueOn == "2026-07-15")
    }

    @Test("特殊群体案件补贴：评查合格的结案才发，且只发一次") func caseSubsidy() throws {
        let dir = TempDir()
        let c = try Self.county(dir)
        let provider = try c.store.rosterProviders(month: "2026-05", lookBackMonths: 0)[0].id
        try c.store.write { db in
            try db.execute(sql: "INSERT INTO applicant(id, name, created_at, updated_at) VALUES (1, '张三', 'x', 'x')")
            for (id, special, closed) in [(1, 1, "2026-05-10"), (2, 1, "2026-05-11"), (3, 0, "2026-05-12"), (4, 1, "2026-04-30")] {
                try db.execute(sql: """
                    INSERT INTO aid_case(id, centre_id, applicant_id, kind, cause, step, special_group, applied_on, closed_on,
                        provider_id, case_number, created_at, updated_at)
                    VALUES (?, ?, 1, 'civil', 'labor_remuneration', 'closed', ?, '2026-03-01', ?, ?, ?, 'x', 'x')
                    """, arguments: [id, c.stations[0].id, special, closed, provider, "〔2026〕民援字第000\(id)号"])
                try db.execute(sql: "INSERT INTO quality_review(case_id, at, kind, result) VALUES (?, '2026-05-20', 'administrative', ?)",
                               arguments: [id, id == 2 ? "fail" : "pass"])
            }
        }
        let s = try c.store.subsidyStatements(month: "2026-05", policy: Self.policy, today: "2026-06-01", provider: provider)
        #expect(s.count == 1)
        // Case 3 is ordinary: with no rate table for the region it earns nothing, and says why.
        #expect(s[0].lines.map(\.caseID) == [1, 2, 3])
        #expect(s[0].lines[2].explanation == ["普通案件办案补贴：本地区没有办案补贴标准表（rules/case-subsidy/）"])
        #expect(s[0].caseFen == 100_000)
        c.clock.set("2026-06-02T09:00")
        try c.store.approveSubsidies(month: "2026-05", policy: Self.policy, by: c.reviewer)
        let again = try c.store.subsidyAccounts(month: "2026-05", policy: Self.policy, provider: provider)
        #expect(again[0].approvedFen == 100_000)
        #expect(again[0].due.isEmpty, "已核定的不再重复核定")
        #expect(try c.store.fundReport(quarter: "2026-Q2").caseNumbers == ["〔2026〕民援字第0001号"])
    }
}

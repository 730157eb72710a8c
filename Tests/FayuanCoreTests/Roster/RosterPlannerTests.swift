import Testing
import FayuanCore

@Suite("值班排班") struct RosterPlannerTests {
    typealias F = RosterFixture

    @Test("县中心每个工作日有人值班，含调休上班日，节假日不排") func centreEveryWorkingDay() throws {
        let plan = try F.plan()
        let centreDays = plan.duties.filter { $0.stationID == 1 }.map(\.day.iso)
        #expect(centreDays.count == 19)
        #expect(centreDays.contains("2026-05-09"))
        #expect(!centreDays.contains("2026-05-04"))
        #expect(!centreDays.contains("2026-05-10"))
        let makeUp = plan.duties.first { $0.stationID == 1 && $0.day.iso == "2026-05-09" }!
        #expect(makeUp.reason.contains("调休上班日"))
        #expect(plan.duties.filter { $0.stationID == 1 }.allSatisfy { $0.endsAt.minutes - $0.startsAt.minutes >= 480 })
    }

    @Test("乡镇站每周一次；偏远站每月一次；节假日所在周改到本周工作日") func townshipFrequency() throws {
        let plan = try F.plan()
        let bagong = plan.duties.filter { $0.stationID == 2 }.map(\.day)
        // 巴公 is index 1: Tuesdays. Weeks of 5-4 (holiday Tue 5-5 → Wed 5-6), 5-11, 5-18, 5-25.
        #expect(bagong.map(\.iso) == ["2026-05-06", "2026-05-12", "2026-05-19", "2026-05-26"])
        #expect(plan.duties.first { $0.stationID == 2 && $0.day.iso == "2026-05-06" }!.reason.contains("不是工作日"))
        // The week of 4-27 belongs to April (its Tuesday is 4-28): no duty 5-1.
        #expect(plan.duties.filter { $0.stationID == 4 }.count == 1)
        #expect(plan.duties.filter { $0.stationID == 3 }.count == 4)
        #expect(plan.duties.filter { $0.stationID != 1 }.allSatisfy { $0.endsAt.minutes - $0.startsAt.minutes >= 240 })
    }

    @Test("同一人一天只值一班；请假和不可值班日不排；结果可复现") func constraints() throws {
        let plan = try F.plan()
        var seen = Set<String>()
        for d in plan.duties { #expect(seen.insert("\(d.providerID)|\(d.day.iso)").inserted) }
        #expect(!plan.duties.contains { $0.providerID == 14 && $0.day >= F.d("2026-05-11") && $0.day <= F.d("2026-05-15") })
        #expect(!plan.duties.contains { $0.providerID == 21 && $0.day.weekday == .tuesday })
        #expect(RosterCheck.dutyViolations(plan.duties, context: F.context).isEmpty)
        #expect(RosterCheck.coverageViolations(plan.duties, year: 2026, month: 5, context: F.context).isEmpty)
        #expect(try F.plan() == plan)
    }

    @Test("公平：近期值班多的人少排，其余人次数相差不超过一") func fairness() throws {
        let plan = try F.plan()
        let count = { (id: Int64) in plan.duties.filter { $0.providerID == id }.count }
        // 李明 0, 王芳 0, 陈静 0 (5 days on leave) and 赵强 with 6 duties in the look-back window.
        #expect(count(13) < count(11))
        #expect(abs(count(11) - count(12)) <= 1)
        let duty = plan.duties.first { $0.stationID == 1 }!
        #expect(duty.reason.contains("累计值班最少"))
        #expect(duty.reason.contains("县中心每个工作日值班"))
    }

    @Test("无人可排时说明原因") func unfilled() throws {
        var people = F.providers.filter { $0.id != 41 }
        people.append(RosterProvider(id: 41, name: "孙海", kind: "lawyer", stationIDs: [4],
                                     leave: [LeavePeriod(from: F.d("2026-05-01"), to: F.d("2026-05-31"))]))
        let plan = try RosterPlanner.plan(year: 2026, month: 5, stations: F.stations, providers: people,
                                          calendar: F.calendar, policy: F.policy)
        #expect(plan.unfilled.count == 1)
        #expect(plan.unfilled[0].reason == "无可排人员：1人请假")
        #expect(RosterCheck.coverageViolations(plan.duties, year: 2026, month: 5, context: F.context).map(\.kind) == [.uncovered])
    }

    @Test("尚无通知的年份按暂定日历排班；超出1900—2100年仍拒绝") func provisionalYear() throws {
        let plan = try RosterPlanner.plan(year: 2027, month: 1, stations: F.stations, providers: F.providers,
                                          calendar: F.calendar, policy: F.policy)
        #expect(F.calendar.isProvisional(year: 2027))
        // 元旦 2027-01-01 (Friday) is off: no duty that day; the Monday after is worked.
        #expect(!plan.duties.contains { $0.day == F.d("2027-01-01") })
        #expect(plan.duties.contains { $0.day == F.d("2027-01-04") })
        #expect(throws: RosterPlanError.self) {
            try RosterPlanner.plan(year: 2101, month: 1, stations: F.stations, providers: F.providers,
                                   calendar: F.calendar, policy: F.policy)
        }
    }

    @Test("对调后同一人同日两班：拒绝并说明") func swapRefused() {
        let t8 = ClockTime("08:30")!, t17 = ClockTime("17:30")!
        let duties = [
            PlannedDuty(stationID: 1, providerID: 11, day: F.d("2026-05-06"), startsAt: t8, endsAt: t17),
            PlannedDuty(stationID: 1, providerID: 12, day: F.d("2026-05-07"), startsAt: t8, endsAt: t17),
            PlannedDuty(stationID: 2, providerID: 12, day: F.d("2026-05-06"), startsAt: ClockTime("09:00")!, endsAt: ClockTime("13:00")!),
        ]
        switch RosterEditor.swap(duties, 0, 1, context: F.context) {
        case .success: Issue.record("应拒绝对调")
        case .failure(let refused):
            #expect(refused.violations.map(\.kind) == [.twiceOnDay, .twiceOnDay])
            #expect(refused.violations.allSatisfy { $0.providerID == 12 })
            #expect(refused.description.hasPrefix("不能这样改：✗ 同日两班（王芳 2026-05-06 已在巴公镇值班，同一人一天只能值一班）"))
        }
    }

    @Test("对调两名均可值班的人员：接受并记原因") func swapAccepted() throws {
        let t8 = ClockTime("08:30")!, t17 = ClockTime("17:30")!
        let duties = [
            PlannedDuty(stationID: 1, providerID: 11, day: F.d("2026-05-06"), startsAt: t8, endsAt: t17),
            PlannedDuty(stationID: 1, providerID: 12, day: F.d("2026-05-07"), startsAt: t8, endsAt: t17),
        ]
        let swapped = try RosterEditor.swap(duties, 0, 1, context: F.context).get()
        #expect(swapped[0].providerID == 12 && swapped[1].providerID == 11)
        #expect(swapped[0].reason == "人工对调：原为李明，与 2026-05-07 县中心 对调")
    }

    @Test("改派给请假、非本站或不能值班的人：拒绝并说出哪一条") func reassignRefused() throws {
        let plan = try F.plan()
        let onLeaveDay = try #require(plan.duties.firstIndex { $0.stationID == 1 && $0.day.iso == "2026-05-12" })
        let refused = RosterEditor.reassign(plan.duties, onLeaveDay, to: 14, context: F.context)
        guard case .failure(let why) = refused else { Issue.record("应拒绝"); return }
        #expect(why.violations.map(\.kind).contains(.onLeave))
        #expect(why.description.contains("请假"))
        let bagong = try #require(plan.duties.firstIndex { $0.stationID == 2 })
        guard case .failure(let why2) = RosterEditor.reassign(plan.duties, bagong, to: 31, context: F.context) else {
            Issue.record("应拒绝"); return
        }
        #expect(why2.violations.map(\.kind).contains(.notAtStation))
        guard case .failure(let why3) = RosterEditor.move(plan.duties, bagong, to: F.d("2026-05-10"), context: F.context) else {
            Issue.record("应拒绝"); return
        }
        #expect(why3.violations.map(\.kind).contains(.notWorkingDay))
    }

    @Test("迟到、早退由班次时间推算") func attendance() {
        let start = ClockTime("08:30")!, end = ClockTime("17:30")!
        let onTime = AttendanceRules.derive(startsAt: start, endsAt: end, signIn: ClockTime("08:25"), signOut: ClockTime("17:40"))
        #expect(!onTime.isLate && !onTime.leftEarly && onTime.summary == "按时到岗、离岗")
        let bad = AttendanceRules.derive(startsAt: start, endsAt: end, signIn: ClockTime("08:42"), signOut: ClockTime("17:00"))
        #expect(bad.lateMinutes == 12 && bad.earlyMinutes == 30)
        #expect(bad.summary == "迟到12分钟，早退30分钟")
        let grace = AttendanceRules.derive(startsAt: start, endsAt: end, signIn: ClockTime("08:34"), signOut: nil, graceMinutes: 5)
        #expect(!grace.isLate && !grace.leftEarly)
        #expect(AttendanceRules.derive(startsAt: start, endsAt: end, signIn: nil, signOut: nil).isAbsent)
    }
}

import FayuanCore

/// The Zezhou policy as in rules/roster/zezhou.yaml, the May 2026 calendar (劳动节 5-1..5-5,
/// 5-9 Saturday 调休上班) and a small county: the centre and three township stations.
enum RosterFixture {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static let policy = RosterPolicy(
        id: "zezhou-140525", regionPrefix: "140525", source: "泽州县2022年惠民工程实施方案",
        centre: DutyStandard(frequency: .everyWorkingDay, minimumMinutes: 480, startsAt: ClockTime("08:30")!,
                             endsAt: ClockTime("17:30")!, people: 1, rateFen: 20_000, spotCheckAbsentFen: 10_000),
        township: DutyStandard(frequency: .weekly(1), minimumMinutes: 240, startsAt: ClockTime("09:00")!,
                               endsAt: ClockTime("13:00")!, people: 1, rateFen: 30_000, spotCheckAbsentFen: 15_000),
        stationFrequencies: ["140525114": .monthly(1)],
        eligibleKinds: ["lawyer", "grassroots_worker", "retired_official", "law_teacher", "volunteer", "public_lawyer"],
        subsidisedKinds: ["lawyer", "grassroots_worker", "retired_official", "law_teacher", "volunteer"],
        recordIssueFen: 1_000, lateOrEarlyFen: 5_000, dissatisfiedFen: 5_000, complaintFen: 5_000,
        forfeitAbsences: 3, graceMinutes: 0, caseSubsidyFen: 100_000, lookBackMonths: 3)

    static let calendar: HolidayCalendar = {
        var off = Set<LocalDate>()
        for n in 1...5 { off.insert(d("2026-05-0\(n)")) }
        return HolidayCalendar(years: [HolidayYear(year: 2026, offDays: off, makeUpWorkdays: [d("2026-05-09")],
                                                   source: "测试用：2026年劳动节安排")])
    }()

    static let stations = [
        RosterStation(id: 1, code: "140525000", name: "泽州县公共法律服务中心", kind: .centre, index: 0),
        RosterStation(id: 2, code: "140525102", name: "巴公镇公共法律服务工作站", kind: .township, index: 1),
        RosterStation(id: 3, code: "140525103", name: "高都镇公共法律服务工作站", kind: .township, index: 2),
        RosterStation(id: 4, code: "140525114", name: "柳树口镇公共法律服务工作站", kind: .township, index: 13),
    ]

    static let providers = [
        RosterProvider(id: 11, name: "李明", kind: "lawyer", stationIDs: [1]),
        RosterProvider(id: 12, name: "王芳", kind: "lawyer", stationIDs: [1, 2]),
        RosterProvider(id: 13, name: "赵强", kind: "grassroots_worker", stationIDs: [1], recentDuties: 6),
        RosterProvider(id: 14, name: "陈静", kind: "public_lawyer", stationIDs: [1],
                       leave: [LeavePeriod(from: d("2026-05-11"), to: d("2026-05-15"), reason: "出差")]),
        RosterProvider(id: 21, name: "周建国", kind: "lawyer", stationIDs: [2], unavailableWeekdays: [.tuesday]),
        RosterProvider(id: 22, name: "吴丽", kind: "retired_official", stationIDs: [2, 3]),
        RosterProvider(id: 31, name: "郑伟", kind: "law_teacher", stationIDs: [3]),
        RosterProvider(id: 41, name: "孙海", kind: "lawyer", stationIDs: [4]),
    ]

    static var context: RosterContext {
        RosterContext(stations: stations, providers: providers, calendar: calendar, policy: policy)
    }

    static func plan() throws -> RosterPlan {
        try RosterPlanner.plan(year: 2026, month: 5, stations: stations, providers: providers, calendar: calendar,
                               policy: policy)
    }
}

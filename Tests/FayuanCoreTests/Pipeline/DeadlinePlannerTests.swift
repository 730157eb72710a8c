import Testing
import FayuanCore

@Suite("Pipeline 期限与紧急程度") struct DeadlinePlannerTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// 2025 国庆 only, as in HolidayCalendarTests.
    let calendar: HolidayCalendar = {
        var off = Set<LocalDate>()
        var day = d("2025-10-01")
        while day <= d("2025-10-08") { off.insert(day); day = day.adding(days: 1) }
        return HolidayCalendar(years: [HolidayYear(year: 2025, offDays: off, makeUpWorkdays: [d("2025-09-28"), d("2025-10-11")],
                                                   source: "测试用")])
    }()

    var planner: DeadlinePlanner { DeadlinePlanner(calendar: calendar, policy: DeadlinePolicy()) }

    @Test("审查期限：以受理时记录的为准，否则自申请次日起算七日，末日遇假顺延") func reviewDue() throws {
        let t = CaseTimes(stage: .review, appliedOn: Self.d("2025-09-27"))
        // 09-27 + 7 = 10-04 (国庆) → first working day 10-09.
        let clock = try #require(planner.clocks(t, today: Self.d("2025-10-09")).first)
        #expect(clock.kind == .review)
        #expect(clock.due == Self.d("2025-10-09"))
        #expect(clock.status == .dueToday)
        #expect(clock.status.text == "⚠ 今日到期")
        var recorded = t
        recorded.recordedReviewDue = Self.d("2025-10-10")
        #expect(planner.clocks(recorded, today: Self.d("2025-10-09")).first?.status == .running(daysLeft: 1))
    }

    @Test("指派期限自决定之日起三日；超期显示天数") func assignment() {
        let t = CaseTimes(stage: .assignment, appliedOn: Self.d("2025-06-02"), decidedOn: Self.d("2025-06-05"))
        let clock = planner.clocks(t, today: Self.d("2025-06-12")).first!
        #expect(clock.kind == .assignment)
        #expect(clock.due == Self.d("2025-06-09"))   // 06-08 is a Sunday → Monday
        #expect(clock.status == .overdue(days: 3))
        #expect(clock.status.text == "✗ 已超期 3 天")
    }

    @Test("通知辩护不经审查，受理后三日内指派") func notification() {
        let t = CaseTimes(stage: .review, route: "notification", appliedOn: Self.d("2025-06-02"), acceptedOn: Self.d("2025-06-02"))
        let clock = planner.clocks(t, today: Self.d("2025-06-03")).first!
        #expect(clock.kind == .assignment)
        #expect(clock.due == Self.d("2025-06-05"))
    }

    @Test("通知辩护：指派期限自收到通知起算，受理晚一日不改变期限；受理表记录的日期优先") func notificationFromTheNotice() {
        // Notice received Mon 06-02, accepted Wed 06-04: due 06-05 (Art 36), not 06-07 (counted from acceptance, the old clock).
        for stage in [PipelineStage.intake, .review, .assignment] {
            let t = CaseTimes(stage: stage, route: "notification", appliedOn: Self.d("2025-06-02"), acceptedOn: Self.d("2025-06-04"),
                              decidedOn: stage == .assignment ? Self.d("2025-06-04") : nil)
            let clock = planner.clocks(t, today: Self.d("2025-06-04")).first!
            #expect(clock.kind == .assignment, "\(stage)")
            #expect(clock.due == Self.d("2025-06-05"), "\(stage)")
        }
        var recorded = CaseTimes(stage: .assignment, route: "notification", appliedOn: Self.d("2025-06-02"), acceptedOn: Self.d("2025-06-04"))
        recorded.recordedReviewDue = Self.d("2025-06-06")
        #expect(planner.clocks(recorded, today: Self.d("2025-06-04")).first?.due == Self.d("2025-06-06"))
        #expect(PipelineStage(step: "accepted", closingSubmitted: false, route: "notification") == .assignment)
    }

    @Test("录入日期：不早于本案前一步，不晚于今天") func caseDates() {
        let h = CaseHistory(appliedOn: Self.d("2026-06-05"), acceptedOn: Self.d("2026-06-05"), decidedOn: Self.d("2026-06-08"))
        let today = Self.d("2026-06-10")
        #expect(CaseDateKind.decide.problem(Self.d("2020-01-01"), history: h, today: today)
                == "决定日期不能早于本案受理日期（2026-06-05）：2020-01-01")
        #expect(CaseDateKind.decide.problem(Self.d("2030-01-01"), history: h, today: today)
                == "决定日期不能晚于今天（2026-06-10）：2030-01-01")
        #expect(CaseDateKind.decide.problem(Self.d("2026-06-05"), history: h, today: today) == nil)
        #expect(CaseDateKind.assign.problem(Self.d("2026-06-07"), history: h, today: today)
                == "指派日期不能早于本案决定日期（2026-06-08）：2026-06-07")
        #expect(CaseDateKind.archive.earliest(h).what == "申请日期")
        #expect(CaseDateKind.returnVisit(.before).problem(Self.d("2026-06-04"), history: h, today: today)
                == "回访日期不能早于本案受理日期（2026-06-05）：2026-06-04")
        #expect(CaseDateKind.accept.problem(Self.d("2026-06-10"), history: h, today: today) == nil)
    }

    @Test("被羁押人申请：24 小时转交，按时刻计算") func transfer() {
        let t = CaseTimes(stage: .intake, appliedOn: Self.d("2025-06-02"), detained: true, receivedAt: "2025-06-02T09:30")
        let soon = planner.clocks(t, today: Self.d("2025-06-02"), nowLocal: "2025-06-02T18:00")
        #expect(soon.first?.kind == .transfer)
        #expect(soon.first?.status == .dueToday)
        #expect(soon.first?.dueTime == "2025-06-03 09:30")
        let late = planner.clocks(t, today: Self.d("2025-06-03"), nowLocal: "2025-06-03T10:00")
        #expect(late.first?.status == .overdue(days: 1))
    }

    @Test("异议五日审查；容缺材料补正期限") func objectionAndDocuments() {
        let refused = CaseTimes(stage: .ended, appliedOn: Self.d("2025-06-02"), objectionOn: Self.d("2025-06-09"))
        #expect(planner.clocks(refused, today: Self.d("2025-06-10")).map(\.kind) == [.objection])
        #expect(planner.clocks(refused, today: Self.d("2025-06-10")).first?.due == Self.d("2025-06-16"))  // 06-14 Sat → Mon
        let missing = CaseTimes(stage: .review, appliedOn: Self.d("2025-06-02"), documentsDue: Self.d("2025-06-04"))
        let clocks = planner.clocks(missing, today: Self.d("2025-06-05"))
        #expect(clocks.first?.kind == .documents, "超期的补正期限排在最前")
        #expect(clocks.map(\.kind) == [.documents, .review])
    }

    @Test("没有通知的年份：按暂定日历计算并标明暂定；超出1900—2100年才期限未知") func provisionalAndUncovered() {
        let t = CaseTimes(stage: .review, appliedOn: Self.d("2026-03-02"))
        let clock = planner.clocks(t, today: Self.d("2026-03-03")).first!
        #expect(clock.due == Self.d("2026-03-09"))
        #expect(clock.provisional)
        #expect(clock.summary == "审查 · 剩 6 天 03-09 暂定")
        // A year with a notice: no mark.
        let settled = planner.clocks(CaseTimes(stage: .review, appliedOn: Self.d("2025-06-02")), today: Self.d("2025-06-03")).first!
        #expect(!settled.provisional)
        #expect(!settled.summary.contains("暂定"))
        // A recorded due date in a provisional year is marked too.
        var recorded = t
        recorded.recordedReviewDue = Self.d("2026-03-10")
        #expect(planner.clocks(recorded, today: Self.d("2026-03-03")).first?.provisional == true)
        let far = CaseTimes(stage: .review, appliedOn: Self.d("2100-12-28"))
        let unknown = planner.clocks(far, today: Self.d("2100-12-29")).first!
        #expect(unknown.due == nil)
        if case .unknown(let reason) = unknown.status { #expect(reason.contains("2101")) } else { Issue.record("应为未知") }
    }

    @Test("紧急程度：超期最久在前，再今日到期，再剩余天数；同等时绿色通道在前") func urgency() {
        let keys: [Urgency.Key] = [
            .init(clock: .running(daysLeft: 2), priority: 0, appliedOn: Self.d("2025-06-01"), caseID: 1),
            .init(clock: nil, priority: 2, appliedOn: Self.d("2025-05-01"), caseID: 2),
            .init(clock: .dueToday, priority: 0, appliedOn: Self.d("2025-06-01"), caseID: 3),
            .init(clock: .overdue(days: 1), priority: 0, appliedOn: Self.d("2025-06-01"), caseID: 4),
            .init(clock: .overdue(days: 5), priority: 0, appliedOn: Self.d("2025-06-01"), caseID: 5),
            .init(clock: .running(daysLeft: 2), priority: 1, appliedOn: Self.d("2025-06-03"), caseID: 6),
        ]
        #expect(keys.sorted().map(\.caseID) == [5, 4, 3, 6, 1, 2])
    }

    @Test("看板步骤由案件步骤与结案提交推出") func stages() {
        #expect(PipelineStage(step: "accepted", closingSubmitted: false) == .review)
        #expect(PipelineStage(step: "handling", closingSubmitted: true) == .closingReview)
        #expect(PipelineStage(step: "refused", closingSubmitted: false) == .ended)
        #expect(PipelineStage.allCases.prefix(7).map(\.label) == ["受理", "审查", "指派", "办理中", "待结案审查", "已结案", "已归档"])
    }
}

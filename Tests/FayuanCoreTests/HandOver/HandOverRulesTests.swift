import Testing
import FayuanCore

/// The acceptance scenarios of round2-capabilities.md §4.7, on the pure rules: the hand-over
/// clocks, the review-clock decision and the receiver's outcomes.
@Suite("转交单 规则") struct HandOverRulesTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func t(_ text: String) -> LocalDateTime { LocalDateTime(text)! }

    /// 2026 春节 (02-15…02-23 off, 02-14 and 02-28 worked) and 2025 国庆 (10-01…10-08 off,
    /// 09-28 and 10-11 worked), as in the State Council notices.
    static let calendar: HolidayCalendar = {
        func span(_ a: String, _ b: String) -> Set<LocalDate> {
            var out = Set<LocalDate>(); var day = d(a)
            while day <= d(b) { out.insert(day); day = day.adding(days: 1) }
            return out
        }
        return HolidayCalendar(years: [
            HolidayYear(year: 2026, offDays: span("2026-02-15", "2026-02-23"), makeUpWorkdays: [d("2026-02-14"), d("2026-02-28")],
                        source: "测试用：国务院办公厅关于2026年部分节假日安排的通知（节选）"),
            HolidayYear(year: 2025, offDays: span("2025-10-01", "2025-10-08"), makeUpWorkdays: [d("2025-09-28"), d("2025-10-11")],
                        source: "测试用：国务院办公厅关于2025年部分节假日安排的通知（节选）"),
        ])
    }()

    static let planner = DeadlinePlanner(calendar: calendar, policy: DeadlinePolicy(counting: .calendar, reviewDays: 7))

    @Test("时间：解析、加减、显示") func localDateTime() {
        let a = Self.t("2026-02-12T09:30")
        #expect(a.text == "2026-02-12 09:30")
        #expect(LocalDateTime("2026-02-12 23:30")!.adding(minutes: 60).iso == "2026-02-13T00:30")
        #expect(a.minutes(to: Self.t("2026-02-12T15:20")) == 350)
        #expect(LocalDateTime("2026-02-12T25:00") == nil)
        #expect(LocalDateTime("二〇二六年二月十二日") == nil)
    }

    @Test("转交类别决定时限：羁押、值班律师为24小时，其他为本地工作日") func kindsAndClocks() {
        #expect(HandOverKind.custody.legalClock == .hours24)
        #expect(HandOverKind.dutyLawyer.legalClock == .hours24)
        for kind in HandOverKind.allCases where ![.custody, .dutyLawyer].contains(kind) {
            #expect(kind.legalClock == .localWorkingDays, "\(kind.label)")
        }
        #expect(HandOverKind.allCases.count == 8)
        #expect(Set(HandOverKind.allCases.map(\.label)).count == 8)
    }

    @Test("场景1：春节前站点收件，当日转交受理，用时5小时50分，审查期限2026-02-24") func stationBeforeSpringFestival() throws {
        let policy = HandOverPolicy.forRegion("320412")
        let first = Self.t("2026-02-12T09:30")
        let deadline = try HandOverRules.deadline(kind: .stationToCentre, firstReceivedAt: first, custodyReceivedAt: nil,
                                                  policy: policy, calendar: Self.calendar)
        #expect(deadline == .endOfDay(Self.d("2026-02-13")))
        let timer = HandOverRules.timer(deadline: deadline, start: first, stoppedAt: Self.t("2026-02-12T15:20"), now: Self.t("2026-03-01T08:00"))
        #expect(HandOverTimer.duration(timer.elapsedMinutes) == "5 小时 50 分")
        #expect(!timer.isOverdue)
        #expect(timer.text == "✓ 按时")
        let clock = HandOverRules.reviewClock(firstReceived: first.date, centreReceived: Self.d("2026-02-12"), pauses: [],
                                              basis: policy.reviewBasis, planner: Self.planner, today: Self.d("2026-02-12"))
        #expect(clock.shown == Self.d("2026-02-24"))
        #expect(clock.label == "保守期限（自站点收件起算）")
    }

    @Test("场景2：次日受理：两个期限都是2026-02-24，未超时（02-13为下一个工作日）") func nextDayAcceptance() throws {
        let policy = HandOverPolicy()
        let first = Self.t("2026-02-12T09:30")
        let deadline = try HandOverRules.deadline(kind: .stationToCentre, firstReceivedAt: first, custodyReceivedAt: nil,
                                                  policy: policy, calendar: Self.calendar)
        let timer = HandOverRules.timer(deadline: deadline, start: first, stoppedAt: Self.t("2026-02-13T16:00"), now: Self.t("2026-02-13T16:00"))
        #expect(!timer.isOverdue)
        let clock = HandOverRules.reviewClock(firstReceived: first.date, centreReceived: Self.d("2026-02-13"), pauses: [],
                                              basis: .earlier, planner: Self.planner, today: Self.d("2026-02-13"))
        #expect(clock.stationDue == Self.d("2026-02-24"))
        #expect(clock.centreDue == Self.d("2026-02-24"))
        #expect(clock.shown == Self.d("2026-02-24"))
        // Accepted only on 02-14 (a make-up working day, the second working day): one day late.
        let late = HandOverRules.timer(deadline: deadline, start: first, stoppedAt: Self.t("2026-02-14T09:00"), now: Self.t("2026-02-14T09:00"))
        #expect(late.isOverdue)
        #expect(late.text == "✗ 超时 1 天")
    }

    @Test("场景3：看守所24小时，不受国庆假期影响；安徽通知近亲属3日；超时1小时") func custodyTwentyFourHours() throws {
        let anhui = HandOverPolicy.forRegion("340400")
        let received = Self.t("2025-09-30T10:00")
        let deadline = try HandOverRules.deadline(kind: .custody, firstReceivedAt: Self.t("2025-09-30T10:30"), custodyReceivedAt: received,
                                                  policy: anhui, calendar: Self.calendar)
        #expect(deadline == .instant(Self.t("2025-10-01T10:00")))
        #expect(deadline.text == "2025-10-01 10:00")
        let family = try HandOverRules.familyNoticeDue(kind: .custody, custodyReceivedAt: received, policy: anhui, calendar: Self.calendar)
        #expect(family == Self.d("2025-10-09"))   // 10-03 falls in the holiday: rolls to the first working day
        #expect(try HandOverRules.familyNoticeDue(kind: .custody, custodyReceivedAt: received, policy: .forRegion("320700"),
                                                  calendar: Self.calendar) == nil)
        let accepted = HandOverRules.timer(deadline: deadline, start: received, stoppedAt: Self.t("2025-10-01T11:00"), now: Self.t("2025-10-02T00:00"))
        #expect(accepted.overdueMinutes == 60)
        #expect(accepted.text == "✗ 超时 1 小时")
        let running = HandOverRules.timer(deadline: deadline, start: received, stoppedAt: nil, now: Self.t("2025-10-01T06:50"))
        #expect(running.minutesLeft == 190)
        #expect(running.text == "⚠ 剩 3 小时 10 分")
    }

    @Test("场景4：改转须写明第三十八条理由；接收方没有“退回”选项") func rerouteNeverReturn() throws {
        let reason = CompetenceReason(ground: .litigation, place: "海州区")
        #expect(reason.text == "诉讼事项，办案机关所在地为海州区（法律援助法第三十八条）")
        for status in HandOverStatus.allCases {
            let options = HandOverRules.receiverOptions(status)
            #expect(!options.map(\.label).contains("退回"))
            if status.isOpen && status != .awaitingDesignation {
                #expect(options.contains(.reroute) && options.contains(.askDesignation), "\(status.label)")
            }
        }
        #expect(!ReceiverDecision.allCases.map(\.label).contains { $0.contains("退回") })
        #expect(throws: HandOverError.self) { try HandOverRules.check(.reroute, from: .accepted) }
        #expect(throws: HandOverError.self) { try HandOverRules.check(.receive, from: .withdrawn) }
        try HandOverRules.check(.reroute, from: .received)
        try HandOverRules.check(.designate, from: .awaitingDesignation)
    }

    @Test("山西：报请指定3日内指定；其他省份无时限") func designation() throws {
        #expect(try HandOverRules.designationDue(askedOn: Self.d("2026-03-02"), policy: .forRegion("140525"), calendar: Self.calendar)
                == Self.d("2026-03-05"))
        #expect(try HandOverRules.designationDue(askedOn: Self.d("2026-03-02"), policy: .forRegion("320700"), calendar: Self.calendar) == nil)
    }

    @Test("场景5：两个中心都收到申请，最先收到的受理") func firstReceiverWins() {
        let receipts = [Self.t("2026-03-04T09:00"), Self.t("2026-03-03T16:40")]
        #expect(HandOverRules.firstReceiver(receipts) == 1)
        #expect(HandOverRules.firstReceiver([]) == nil)
        #expect(HandOverRules.firstReceiverRule.contains("最先收到申请的法律援助机构受理"))
    }

    @Test("场景6：安徽补正暂停6天，审查期限顺延6天") func supplementPause() {
        let first = Self.d("2026-03-03")
        let none = HandOverRules.reviewClock(firstReceived: first, centreReceived: first, pauses: [], basis: .earlier,
                                             planner: Self.planner, today: first)
        #expect(none.shown == Self.d("2026-03-10"))
        let pause = ClockPause(reason: .supplement, from: Self.d("2026-03-06"), to: Self.d("2026-03-12"))
        let paused = HandOverRules.reviewClock(firstReceived: first, centreReceived: first, pauses: [pause], basis: .earlier,
                                               planner: Self.planner, today: Self.d("2026-03-12"))
        #expect(paused.pausedDays == 6)
        #expect(paused.shown == Self.d("2026-03-16"))
        #expect(paused.text == "2026-03-16 保守期限（自站点收件起算）；暂停 6 天")
        // An open pause keeps growing until the materials arrive.
        let open = ClockPause(reason: .supplement, from: Self.d("2026-03-06"))
        #expect(open.days(today: Self.d("2026-03-09")) == 3)
    }

    @Test("审查期限：默认取较早者并标明；地区设置可改为自中心收件起算") func reviewBasisSetting() {
        let first = Self.d("2026-03-02"), centre = Self.d("2026-03-04")
        let earlier = HandOverRules.reviewClock(firstReceived: first, centreReceived: centre, pauses: [], basis: .earlier,
                                                planner: Self.planner, today: centre)
        #expect(earlier.stationDue == Self.d("2026-03-09") && earlier.centreDue == Self.d("2026-03-11"))
        #expect(earlier.shown == Self.d("2026-03-09"))
        #expect(earlier.label == "保守期限（自站点收件起算）")
        let centreBased = HandOverRules.reviewClock(firstReceived: first, centreReceived: centre, pauses: [],
                                                    basis: HandOverPolicy.forRegion("320700", basis: .centreReceipt).reviewBasis,
                                                    planner: Self.planner, today: centre)
        #expect(centreBased.shown == Self.d("2026-03-11"))
        #expect(centreBased.label == "自中心收件起算")
        let notYet = HandOverRules.reviewClock(firstReceived: first, centreReceived: nil, pauses: [], basis: .centreReceipt,
                                               planner: Self.planner, today: first)
        #expect(notYet.shown == nil)
        #expect(notYet.text == "未定（自中心收件起算（中心尚未收件））")
    }

    @Test("计时排序：超时在前，其次剩余时间最少") func urgencyOrder() throws {
        let policy = HandOverPolicy()
        let now = Self.t("2026-03-04T10:00")
        func timer(_ kind: HandOverKind, _ first: String) throws -> HandOverTimer {
            let start = Self.t(first)
            let dl = try HandOverRules.deadline(kind: kind, firstReceivedAt: start, custodyReceivedAt: start, policy: policy, calendar: Self.calendar)
            return HandOverRules.timer(deadline: dl, start: start, stoppedAt: nil, now: now)
        }
        let fresh = try timer(.stationToCentre, "2026-03-04T09:00")      // due 03-05
        let late = try timer(.stationToCentre, "2026-03-02T09:00")       // due 03-03: overdue
        let custody = try timer(.custody, "2026-03-03T15:00")            // due 03-04 15:00: 5 h left
        let sorted = [fresh, late, custody].sorted { $0.urgency < $1.urgency }
        #expect(sorted == [late, custody, fresh])
        #expect(late.text == "✗ 超时 1 天")
        #expect(fresh.text == "· 03-05前")
    }

    @Test("材料清单与缺件：命令行格式解析，错误格式拒绝") func materialsParsing() {
        #expect(MaterialItem.parse("申请表:1:原件:2") == MaterialItem(name: "申请表", count: 1, pages: 2, original: true))
        #expect(MaterialItem.parse("身份证复印件") == MaterialItem(name: "身份证复印件"))
        #expect(MaterialItem.parse("工资条:三") == nil)
        #expect(MaterialItem.parse("工资条:1:扫描件") == nil)
        #expect(MaterialItem(name: "劳动合同", count: 1, pages: 4).text == "劳动合同 1件 复印件 4页")
        #expect(MissingItem.parse("户口簿复印件:2026-02-19") == MissingItem(name: "户口簿复印件", promisedBy: Self.d("2026-02-19")))
        #expect(MissingItem.parse("户口簿复印件:下周") == nil)
        #expect(MissingItem(name: "户口簿复印件", promisedBy: Self.d("2026-02-19")).text == "户口簿复印件（承诺2026-02-19前补交）")
    }

    @Test("地区设置：数值校验指明字段") func policyValidation() {
        var p = HandOverPolicy()
        p.custodyHours = 0
        #expect(throws: HandOverError(field: "custodyHours", message: "羁押转交时限应为 1–72 小时")) { try p.validate() }
    }
}

import Testing
import FayuanCore

/// round2-capabilities.md §3.7: 泽州县巴公镇 赵大爷 (78) phones on 2025-04-25 (Fri); a home visit on
/// 2025-04-28 (Mon); an arbitration deadline on 2025-05-02 inside the 劳动节 holiday.
@Suite("预约规则：时段、绿色通道、时效、先行提供、爽约") struct BookingRulesTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func t(_ text: String) -> ClockTime { ClockTime(text)! }

    /// 2025 劳动节 as the State Council notice has it: 05-01…05-05 off, Sunday 04-27 worked.
    static let calendar: HolidayCalendar = {
        var off = Set<LocalDate>()
        var day = d("2025-05-01")
        while day <= d("2025-05-05") { off.insert(day); day = day.adding(days: 1) }
        return HolidayCalendar(years: [HolidayYear(year: 2025, offDays: off, makeUpWorkdays: [d("2025-04-27")],
                                                   source: "国务院办公厅关于2025年部分节假日安排的通知（测试用，仅劳动节）",
                                                   names: [d("2025-05-01"): "劳动节"])])
    }()

    static func slot(_ id: Int64, _ day: String, _ start: String, free: Int = 1) -> CandidateSlot {
        CandidateSlot(id: id, day: d(day), start: t(start), end: ClockTime(minutes: t(start).minutes + 60), free: free)
    }

    @Test("赵大爷上门受理：2025-04-28 收件，审查期限 04-28+7=05-05 在劳动节假期内，顺延至 2025-05-06")
    func homeIntakeReviewDueRollsPastLabourDay() throws {
        let due = try ServiceDeadlines.reviewDue(receivedOn: Self.d("2025-04-28"), calendar: Self.calendar)
        #expect(due.date == Self.d("2025-05-06"))
        #expect(!due.provisional)
        // Taken at the window the Friday before, the clock would end on 05-02 (a holiday) → also 05-06;
        // a day earlier (04-24 → 05-01) as well: the holiday swallows the whole week.
        #expect(try ServiceDeadlines.reviewDue(receivedOn: Self.d("2025-04-23"), calendar: Self.calendar).date == Self.d("2025-04-30"))
    }

    @Test("仲裁期限 2025-05-02：最晚可约 2025-04-28（须留 3 个工作日，05-01 放假），更晚的时段被拒并提示先行提供")
    func limitationRefusesLaterSlots() throws {
        let limitation = Self.d("2025-05-02")
        #expect(try BookingRules.latestDay(limitation: limitation, calendar: Self.calendar) == Self.d("2025-04-28"))
        let booked = Self.d("2025-04-25")
        // 04-28 is allowed (green channel: 高龄, so no lead time needed either).
        try BookingRules.check(slot: Self.slot(1, "2025-04-28", "09:00"), bookedOn: booked, priority: true,
                               limitation: limitation, calendar: Self.calendar)
        let refusal = #expect(throws: BookingRefusal.self) {
            try BookingRules.check(slot: Self.slot(2, "2025-04-29", "09:00"), bookedOn: booked, priority: true,
                                   limitation: limitation, calendar: Self.calendar)
        }
        #expect(refusal == .afterLimitation(slot: Self.d("2025-04-29"), latest: Self.d("2025-04-28"), limitation: limitation))
        #expect(refusal?.description.contains("法律援助法第四十四条第一项") == true)
        // With the staff member's override the later slot is taken (the reason is recorded by the store).
        try BookingRules.check(slot: Self.slot(2, "2025-04-29", "09:00"), bookedOn: booked, priority: true,
                               limitation: limitation, override: true, calendar: Self.calendar)
        // 先行提供: 04-28 → 05-02 is 4 days (< 7).
        #expect(BookingRules.provideFirst(serviceDay: Self.d("2025-04-28"), limitation: limitation))
        #expect(!BookingRules.provideFirst(serviceDay: Self.d("2025-04-25"), limitation: Self.d("2025-05-02")))
        #expect(!BookingRules.provideFirst(serviceDay: Self.d("2025-04-28"), limitation: nil))
        #expect(ServiceDeadlines.provideFirstCitation.contains("第四十四条"))
    }

    @Test("山西（14 开头）先行提供：受援人自决定之日起 7 日内补交材料；江苏不适用")
    func shanxiTopUp() throws {
        // Decision 2025-04-29 + 7 = 05-06, a working day.
        #expect(try ServiceDeadlines.provideFirstTopUpDue(decidedOn: Self.d("2025-04-29"), regionCode: "140525",
                                                          calendar: Self.calendar) == Self.d("2025-05-06"))
        // Decision 04-27 (the make-up Sunday) + 7 = 05-04, inside the holiday → 05-06.
        #expect(try ServiceDeadlines.provideFirstTopUpDue(decidedOn: Self.d("2025-04-27"), regionCode: "140525",
                                                          calendar: Self.calendar) == Self.d("2025-05-06"))
        #expect(try ServiceDeadlines.provideFirstTopUpDue(decidedOn: Self.d("2025-04-29"), regionCode: "320412",
                                                          calendar: Self.calendar) == nil)
    }

    @Test("绿色通道把第一个空余时段提前：普通预约须隔一个工作日，高龄可约当天")
    func priorityMovesTheFirstFreeSlot() throws {
        let slots = [Self.slot(3, "2025-04-28", "09:00"), Self.slot(1, "2025-04-25", "14:00"),
                     Self.slot(2, "2025-04-25", "09:00", free: 0), Self.slot(4, "2025-04-27", "09:00")]
        let booked = Self.d("2025-04-25")
        // Ordinary: the first working day after Friday is the make-up Sunday 04-27.
        #expect(try BookingRules.earliestDay(bookedOn: booked, priority: false, calendar: Self.calendar) == Self.d("2025-04-27"))
        #expect(try BookingRules.firstFree(slots, bookedOn: booked, priority: false, limitation: nil, calendar: Self.calendar).id == 4)
        // 高龄: the same day, the full 09:00 skipped.
        #expect(try BookingRules.firstFree(slots, bookedOn: booked, priority: true, limitation: nil, calendar: Self.calendar).id == 1)
        // An ordinary booking may not take today's slot.
        #expect(throws: BookingRefusal.tooEarly(slot: booked, earliest: Self.d("2025-04-27"))) {
            try BookingRules.check(slot: Self.slot(1, "2025-04-25", "14:00"), bookedOn: booked, priority: false,
                                   limitation: nil, calendar: Self.calendar)
        }
        // A full slot is refused, naming it.
        #expect(throws: BookingRefusal.full(slot: booked, start: Self.t("09:00"))) {
            try BookingRules.check(slot: Self.slot(2, "2025-04-25", "09:00", free: 0), bookedOn: booked, priority: true,
                                   limitation: nil, calendar: Self.calendar)
        }
        // Nothing free before the limitation's safe day: the refusal offers 先行提供.
        let none = #expect(throws: BookingRefusal.self) {
            try BookingRules.firstFree([Self.slot(9, "2025-04-30", "09:00")], bookedOn: booked, priority: true,
                                       limitation: Self.d("2025-05-02"), calendar: Self.calendar)
        }
        #expect(none?.description.contains("先行提供") == true)
    }

    @Test("爽约两次后，第三次预约标记“需前一日电话确认”")
    func twoNoShowsTagTheThirdBooking() {
        #expect(!BookingRules.needsPhoneConfirmation(previousNoShows: 1))
        #expect(BookingRules.needsPhoneConfirmation(previousNoShows: 2))
        #expect(BookingRules.phoneConfirmationTag == "需前一日电话确认")
    }

    @Test("编号与代码：YY-20250425-007、SM-、SP-；签字方式按手印+代签须有代签人；远程受理原件随转交单")
    func numbersAndCodes() {
        #expect(ServiceNumber.appointment(bookedOn: Self.d("2025-04-25"), sequence: 7) == "YY-20250425-007")
        #expect(ServiceNumber.homeVisit(on: Self.d("2025-04-28"), sequence: 1) == "SM-20250428-001")
        #expect(ServiceNumber.remoteSession(on: Self.d("2025-04-28"), sequence: 1234) == "SP-20250428-1234")
        #expect(SignatureMode.thumbprintProxy.label == "按手印+代签" && SignatureMode.thumbprintProxy.needsProxy)
        #expect(!SignatureMode.selfSigned.needsProxy)
        #expect(RemoteSignatureMode.paperWithOriginal.handOverMaterials(kind: .intake).contains("申请表原件（站点签字）"))
        #expect(RemoteSignatureMode.paperWithOriginal.handOverMaterials(kind: .consultation).isEmpty)
        #expect(AppointmentStatus.openCodes == ["pending", "confirmed", "moved"])
        #expect(AppointmentMode.allCases.map(\.label) == ["到中心", "到工作站", "上门", "视频", "电话"])
    }
}

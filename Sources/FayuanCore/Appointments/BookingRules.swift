/// The rules a booking follows (round2-capabilities.md §3.4–3.5). The numbers marked [I] in the
/// research are settings with these defaults, never constants buried in a screen.
public struct BookingPolicy: Sendable, Equatable, Codable {
    /// Working days after the booking day before an ordinary booking's first slot (a green-channel
    /// booking may take a slot from the booking day itself). [I]
    public var leadWorkingDays: Int
    /// Working days the centre needs between the service and a stated limitation date to file in
    /// time: a slot later than (limitation − these working days) is refused. [I]
    public var filingWorkingDays: Int
    /// 法律援助法 Art 44(一): fewer than this many days to the limitation → 先行提供.
    public var provideFirstDays: Int
    /// After this many no-shows, every further booking is telephone-confirmed the day before. [I]
    public var noShowsBeforePhoneConfirmation: Int

    public init(leadWorkingDays: Int = 1, filingWorkingDays: Int = 3, provideFirstDays: Int = 7,
                noShowsBeforePhoneConfirmation: Int = 2) {
        self.leadWorkingDays = leadWorkingDays; self.filingWorkingDays = filingWorkingDays
        self.provideFirstDays = provideFirstDays; self.noShowsBeforePhoneConfirmation = noShowsBeforePhoneConfirmation
    }

    public static let standard = BookingPolicy()
}

/// A slot a booking could take: its day and time, and how many places are still free.
public struct CandidateSlot: Sendable, Equatable {
    public var id: Int64
    public var day: LocalDate
    public var start: ClockTime
    public var end: ClockTime
    public var free: Int

    public init(id: Int64, day: LocalDate, start: ClockTime, end: ClockTime, free: Int) {
        self.id = id; self.day = day; self.start = start; self.end = end; self.free = free
    }
}

/// Why a slot is refused, in Chinese (the field is the slot).
public enum BookingRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Later than the last safe day before a stated limitation date (Art 44).
    case afterLimitation(slot: LocalDate, latest: LocalDate, limitation: LocalDate)
    /// Earlier than the booking day, or earlier than an ordinary booking's lead time allows.
    case tooEarly(slot: LocalDate, earliest: LocalDate)
    /// The slot is full.
    case full(slot: LocalDate, start: ClockTime)
    /// No free slot between the earliest and the latest day.
    case noFreeSlot(earliest: LocalDate, latest: LocalDate?)

    public var description: String {
        switch self {
        case .afterLimitation(let slot, let latest, let limitation):
            return "预约时段 \(slot.iso) 晚于 \(latest.iso)：申请人所述时效/期限于 \(limitation.iso) 届满，须在此前留出办理时间；"
                + "请改约更早的时段，或先行提供法律援助（法律援助法第四十四条第一项）"
        case .tooEarly(let slot, let earliest):
            return "预约时段 \(slot.iso) 早于可预约的最早日期 \(earliest.iso)（非绿色通道须提前预约）"
        case .full(let slot, let start):
            return "预约时段 \(slot.iso) \(start) 已约满"
        case .noFreeSlot(let earliest, let latest):
            if let latest { return "\(earliest.iso) 至 \(latest.iso) 之间没有空余时段：请加开时段，或先行提供法律援助（法律援助法第四十四条第一项）" }
            return "\(earliest.iso) 起没有空余时段：请先加开预约时段"
        }
    }
}

/// The booking arithmetic: earliest day, latest safe day before a limitation, the first free
/// slot, the 先行提供 flag, the no-show rule. Pure: the calendar and the slots are passed in.
public enum BookingRules {
    /// The first day a booking may take: the booking day for a green-channel booking, else the
    /// `leadWorkingDays`-th working day after it.
    public static func earliestDay(bookedOn: LocalDate, priority: Bool, policy: BookingPolicy = .standard,
                                   calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> LocalDate {
        if priority || policy.leadWorkingDays <= 0 { return bookedOn }
        return try calendar.due(from: bookedOn, days: policy.leadWorkingDays, rule: .working)
    }

    /// The last day a slot may fall on so that `filingWorkingDays` working days remain before the
    /// limitation date (the working days strictly before it, counted back). 2025-05-02 with 3:
    /// 05-01 is 劳动节, so 04-30, 04-29, 04-28 → 2025-04-28.
    public static func latestDay(limitation: LocalDate, policy: BookingPolicy = .standard,
                                 calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> LocalDate {
        var day = limitation
        var counted = 0
        while counted < policy.filingWorkingDays {
            day = day.adding(days: -1)
            if try calendar.isWorkingDay(day) { counted += 1 }
        }
        return day
    }

    /// Art 44(一): fewer than `provideFirstDays` days from the service day to the limitation.
    public static func provideFirst(serviceDay: LocalDate, limitation: LocalDate?, policy: BookingPolicy = .standard) -> Bool {
        guard let limitation else { return false }
        return serviceDay.days(to: limitation) < policy.provideFirstDays
    }

    /// Whether `slot` may be booked: not before the earliest day, not after the latest safe day
    /// (unless `override` — the staff member's recorded reason), not full.
    public static func check(slot: CandidateSlot, bookedOn: LocalDate, priority: Bool, limitation: LocalDate?,
                             override: Bool = false, policy: BookingPolicy = .standard,
                             calendar: HolidayCalendar) throws -> Void {
        let earliest = try earliestDay(bookedOn: bookedOn, priority: priority, policy: policy, calendar: calendar)
        if slot.day < earliest { throw BookingRefusal.tooEarly(slot: slot.day, earliest: earliest) }
        if let limitation, !override {
            let latest = try latestDay(limitation: limitation, policy: policy, calendar: calendar)
            if slot.day > latest {
                throw BookingRefusal.afterLimitation(slot: slot.day, latest: latest, limitation: limitation)
            }
        }
        if slot.free <= 0 { throw BookingRefusal.full(slot: slot.day, start: slot.start) }
    }

    /// The first free slot a booking may take, in day and time order. A green-channel reason moves
    /// it forward (no lead time); a limitation date bounds it.
    public static func firstFree(_ slots: [CandidateSlot], bookedOn: LocalDate, priority: Bool, limitation: LocalDate?,
                                 policy: BookingPolicy = .standard, calendar: HolidayCalendar) throws -> CandidateSlot {
        let earliest = try earliestDay(bookedOn: bookedOn, priority: priority, policy: policy, calendar: calendar)
        let latest = try limitation.map { l throws(CalendarYearNotCovered) in
            try latestDay(limitation: l, policy: policy, calendar: calendar)
        }
        let ordered = slots.sorted { ($0.day, $0.start) < ($1.day, $1.start) }
        for slot in ordered where slot.free > 0 && slot.day >= earliest && (latest.map { slot.day <= $0 } ?? true) {
            return slot
        }
        throw BookingRefusal.noFreeSlot(earliest: earliest, latest: latest)
    }

    /// §3.5 [I]: after `noShowsBeforePhoneConfirmation` no-shows the next booking is tagged
    /// “需前一日电话确认”. Walk-in service is never refused for it (seed-000 L55).
    public static func needsPhoneConfirmation(previousNoShows: Int, policy: BookingPolicy = .standard) -> Bool {
        previousNoShows >= policy.noShowsBeforePhoneConfirmation
    }

    public static let phoneConfirmationTag = "需前一日电话确认"
}

/// The review clock of an application received at a home visit (round2 §3.5): Art 43 runs from
/// receipt, and what centre staff take in at the applicant's home has been received by the centre
/// that day. Shanxi's provide-first top-up (山西省法律援助条例 Art 25): within 7 days of the grant.
public enum ServiceDeadlines {
    /// The review deadline: `days` from the receipt day under `rule` (法律援助法 Art 43: 7 days).
    public static func reviewDue(receivedOn: LocalDate, days: Int = 7, rule: DeadlineCounting = .calendar,
                                 calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> HolidayCalendar.Due {
        try calendar.dueDate(from: receivedOn, days: days, rule: rule)
    }

    /// When a provide-first recipient must top up the materials: Shanxi (region codes 14…) only,
    /// 7 days from the grant decision; nil elsewhere.
    public static func provideFirstTopUpDue(decidedOn: LocalDate, regionCode: String,
                                            calendar: HolidayCalendar) throws(CalendarYearNotCovered) -> LocalDate? {
        guard regionCode.hasPrefix("14") else { return nil }
        return try calendar.due(from: decidedOn, days: 7, rule: .calendar)
    }

    /// The citation of the provide-first flag.
    public static let provideFirstCitation = "法律援助法第四十四条第一项：距法定时效或者期限届满不足七日，需要及时提起诉讼或者申请仲裁、行政复议的，可以先行提供法律援助"
    public static let shanxiTopUpCitation = "山西省法律援助条例第二十五条：先行提供法律援助的，受援人应当在决定之日起七日内补交材料"
}

import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// round2-capabilities.md §3.7 acceptance scenarios at the store: 赵大爷's home intake before
/// 劳动节, the provide-first refusal, a remote intake at a station, two no-shows; plus the rules
/// of moving, cancelling and finishing a booking.
@Suite("预约、上门服务、远程视频（§3.7）") struct AppointmentTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// 2025 劳动节 (05-01…05-05 off, Sunday 04-27 worked), as the State Council notice has it.
    static let calendar: HolidayCalendar = {
        var off = Set<LocalDate>()
        var day = d("2025-05-01")
        while day <= d("2025-05-05") { off.insert(day); day = day.adding(days: 1) }
        return HolidayCalendar(years: [HolidayYear(year: 2025, offDays: off, makeUpWorkdays: [d("2025-04-27")],
                                                   source: "国务院办公厅关于2025年部分节假日安排的通知（测试用，仅劳动节）")])
    }()

    struct Fixture {
        let store: CaseStore
        let centre: Station
        let bagong: Station
        let reviewer: Operator
        let clerk: Operator
        let zhao: Applicant
    }

    /// 泽州县公共法律服务中心, 巴公镇工作站, a reviewer who goes on home visits, a window clerk, and
    /// 赵大爷 (born 1947-03-12, 78 at the visit) on file.
    static func fixture(_ dir: borrowing TempDir) throws -> Fixture {
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let bagong = try store.addStation(Station(code: "140525101", name: "巴公镇公共法律服务工作站", kind: .township,
                                                  parentID: centre.id, address: "巴公镇府前街1号"), by: nil)
        let reviewer = try store.addOperator(Operator(name: "审查员刘洋", role: .reviewer, stationID: centre.id), by: nil)
        let zhao = try store.saveApplicant(Applicant(name: "赵大爷", idNumber: "140525194703120011", gender: "M",
                                                     birthDate: "1947-03-12", phone: "13935612345",
                                                     address: "泽州县巴公镇西郜村三组12号"), by: nil)
        return Fixture(store: store, centre: centre, bagong: bagong, reviewer: reviewer, clerk: clerk, zhao: zhao)
    }

    static func homeBooking(_ f: Fixture, limitation: String? = nil, slotID: Int64? = nil,
                            override: String? = nil) -> AppointmentRequest {
        AppointmentRequest(stationID: f.centre.id!, channel: .phone, purpose: .homeIntake, mode: .home, applicantID: f.zhao.id,
                           personName: "赵大爷", phone: "13935612345", matterSummary: "子女不付赡养费",
                           priorityReasons: [.advancedAge], accessibility: "行动不便，需上门；方言", slotID: slotID,
                           place: "泽州县巴公镇西郜村三组12号", limitationOn: limitation, overrideReason: override,
                           bookedOn: "2025-04-25")
    }

    @Test("场景一：赵大爷上门受理——收件日 2025-04-28，审查期限顺延至 2025-05-06，按手印+代签，收件凭证 4 项")
    func homeIntakeBeforeLabourDay() throws {
        let dir = TempDir()
        let f = try Self.fixture(dir)
        try f.store.openAppointmentSlots(stationID: f.centre.id!, day: "2025-04-28", times: [("09:00", "11:00"), ("14:30", "16:30")],
                                         mode: .home, by: f.reviewer)
        let booked = try f.store.bookAppointment(Self.homeBooking(f), calendar: Self.calendar, by: f.reviewer)
        #expect(booked.number == "YY-20250425-001")
        #expect(booked.day == "2025-04-28" && booked.start == "09:00" && booked.mode == .home)
        #expect(booked.status == .pending && booked.tags == ["绿色通道"])
        let pack = try f.store.homeVisitPack(booked.number)
        #expect(pack.applicant?.idNumber == "1405**********0011")
        #expect(pack.applicantAge == 78)
        #expect(pack.route.map(\.number) == [booked.number])

        let due = try ServiceDeadlines.reviewDue(receivedOn: Self.d("2025-04-28"), calendar: Self.calendar)
        #expect(due.date.iso == "2025-05-06")
        let intake = ApplicationIntake(applicantID: f.zhao.id!, stationID: f.centre.id!, centreID: f.centre.id!, kind: .civil,
                                       cause: "support_payment", opposingParty: "赵某强", summary: "三名子女拒付赡养费",
                                       appliedOn: "2025-04-25", economicCheck: "exempt", reviewDue: due.date.iso,
                                       hardshipEvidence: .commitment,
                                       documents: [CaseDocumentEntry(code: "identity", label: "申请人身份证明", status: .received)])
        let materials = [ReceivedMaterial(name: "法律援助申请表", original: true),
                         ReceivedMaterial(name: "经济困难状况说明表（承诺书）", original: true),
                         ReceivedMaterial(name: "居民身份证复印件", original: false),
                         ReceivedMaterial(name: "代签人赵小红身份证复印件", original: false)]
        let before = try f.store.auditCount()
        let (visit, aidCase) = try f.store.recordHomeVisit(
            HomeVisitRecord(appointmentID: booked.id, stationID: f.centre.id!, applicantID: f.zhao.id, personName: "赵大爷",
                            day: "2025-04-28", start: "09:40", end: "10:50", address: "泽州县巴公镇西郜村三组12号",
                            staff: ["审查员刘洋", "窗口王丽"], partner: "巴公镇司法所 李干事", services: [.consultation],
                            materials: materials, signatureMode: .thumbprintProxy,
                            proxy: AppointmentProxy(name: "赵小红", relation: "女儿", idNumber: "140525197508060029"),
                            followUp: "补交村委会证明", followUpDue: "2025-05-09"),
            application: intake, accept: true, by: f.reviewer)
        let c = try #require(aidCase)
        // Receipt = the visit day, not the phone call's day the caller wrote.
        #expect(c.appliedOn == "2025-04-28")
        #expect(try f.store.reviewDue(c.id!) == "2025-05-06")
        #expect(c.caseNumber == "〔2025〕民援字第0001号")
        #expect(try f.store.caseTimeline(c.id!).map(\.kind) == ["applied", "accept", "received_at_service"])
        #expect(try f.store.caseTimeline(c.id!).last?.note.contains("上门服务收件：2025-04-28 09:40") == true)
        #expect(visit.number == "SM-20250428-001" && visit.caseID == c.id)
        #expect(visit.services == [.consultation, .intake])
        #expect(visit.materials.count == 4)
        #expect(visit.signatureMode.label == "按手印+代签")
        #expect(visit.proxyReference == "代签人 赵小红（女儿），身份证 1405**********0029，复印件附卷")
        // The case, the visit: two audit entries, chained.
        #expect(try f.store.auditCount() == before + 2)
        #expect(try f.store.verifyAuditChain() == nil)
        // The booking is done and points at both.
        let done = try f.store.appointment(booked.number)
        #expect(done.status == .done && done.homeVisitID == visit.id && done.caseID == c.id)
        let ledger = try f.store.homeVisitLedger(stationID: f.centre.id, from: "2025-04-01", to: "2025-04-30")
        #expect(ledger.count == 1)
        #expect(ledger[0].signature == "按手印+代签；代签人 赵小红（女儿），身份证 1405**********0029，复印件附卷")
        #expect(ledger[0].materials.hasPrefix("法律援助申请表1份（原件）"))
        #expect(!ledger.description.contains("140525197508060029"))
        let april = try f.store.appointmentFigures(period: ReportPeriod(kind: .month, from: Self.d("2025-04-01"), to: Self.d("2025-04-30")),
                                                   role: .reviewer)
        #expect(april.homeVisits == 1 && april.homeVisitsByGroup == ["elderly": 1] && april.done == 1)
        #expect(april.averageDaysToService == 3 && april.byChannel == ["phone": 1] && april.byMode == ["home": 1])
        let bookings = try f.store.appointmentLedger(stationID: f.centre.id, from: "2025-04-01", to: "2025-04-30")
        #expect(bookings.map(\.status) == ["已完成"])
        #expect(bookings[0].outcome == "援助申请 〔2025〕民援字第0001号；绿色通道")
    }

    @Test("按手印+代签而无代签人身份证：拒绝且不写入任何记录")
    func thumbprintNeedsProxyID() throws {
        let dir = TempDir()
        let f = try Self.fixture(dir)
        let before = try f.store.auditCount()
        let error = #expect(throws: StoreError.self) {
            try f.store.recordHomeVisit(HomeVisitRecord(stationID: f.centre.id!, personName: "赵大爷", day: "2025-04-28",
                                                        start: "09:40", end: "10:50", address: "巴公镇西郜村", staff: ["刘洋"],
                                                        services: [.consultation], signatureMode: .thumbprintProxy,
                                                        proxy: AppointmentProxy(name: "赵小红", relation: "女儿")), by: f.reviewer)
        }
        #expect(error?.description.contains("代签人") == true)
        #expect(try f.store.homeVisits(stationID: nil, from: "2025-01-01", to: "2025-12-31").isEmpty)
        #expect(try f.store.auditCount() == before)
    }

    @Test("场景二：仲裁期限 2025-05-02——拒绝 04-28 以后的时段（不写入），首个空余时段为 04-28 并标记先行提供；经说明理由可越过")
    func provideFirstRefusesLaterSlots() throws {
        let dir = TempDir()
        let f = try Self.fixture(dir)
        let late = try f.store.openAppointmentSlots(stationID: f.centre.id!, day: "2025-04-29", times: [("09:00", "11:00")],
                                                    mode: .home, by: f.reviewer)
        let before = try f.store.auditCount()
        let refused = #expect(throws: StoreError.self) {
            try f.store.bookAppointment(Self.homeBooking(f, limitation: "2025-05-02", slotID: late[0].id), calendar: Self.calendar,
                                        by: f.reviewer)
        }
        #expect(refused == .invalidInput(field: "预约时段", message: BookingRefusal.afterLimitation(
            slot: Self.d("2025-04-29"), latest: Self.d("2025-04-28"), limitation: Self.d("2025-05-02")).description))
        #expect(refused?.description.contains("先行提供法律援助（法律援助法第四十四条第一项）") == true)
        // No slot on or before 04-28 yet: the first-free search says so too.
        #expect(throws: StoreError.self) {
            try f.store.bookAppointment(Self.homeBooking(f, limitation: "2025-05-02"), calendar: Self.calendar, by: f.reviewer)
        }
        #expect(try f.store.appointments(stationID: nil, from: "2025-01-01", to: "2025-12-31").isEmpty)
        #expect(try f.store.auditCount() == before)

        try f.store.openAppointmentSlots(stationID: f.centre.id!, day: "2025-04-28", times: [("14:30", "16:30")], mode: .home,
                                         by: f.reviewer)
        let a = try f.store.bookAppointment(Self.homeBooking(f, limitation: "2025-05-02"), calendar: Self.calendar, by: f.reviewer)
        #expect(a.day == "2025-04-28" && a.provideFirst && a.limitationOn == "2025-05-02")
        #expect(a.tags.contains("先行提供"))
        #expect(try f.store.appointmentEvents(a.id).first?.note.contains("法律援助法第四十四条第一项") == true)
        // The staff member may still take the later slot with a recorded reason.
        let b = try f.store.bookAppointment(Self.homeBooking(f, limitation: "2025-05-02", slotID: late[0].id,
                                                             override: "家属只能周二陪同"), calendar: Self.calendar, by: f.reviewer)
        #expect(b.day == "2025-04-29" && b.overrideReason == "家属只能周二陪同" && b.provideFirst)
        // Moving the first booking past the safe day is refused the same way.
        #expect(throws: StoreError.self) {
            try f.store.moveAppointment(a.number, toSlot: late[0].id, reason: "申请人要求", calendar: Self.calendar, by: f.reviewer)
        }
    }

    @Test("场景三：常州某镇工作站远程视频受理 14:05–14:40——关联申请，转交材料含“申请表原件（站点签字）”，站点台账一条")
    func remoteIntakeAtAStation() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("常州.db"))
        let centre = try store.addStation(Station(code: "320412000", name: "常州市武进区法律援助中心", kind: .countyCentre), by: nil)
        let town = try store.addStation(Station(code: "320412105", name: "湟里镇公共法律服务工作站", kind: .township,
                                                parentID: centre.id), by: nil)
        let operatorAtStation = try store.addOperator(Operator(name: "站点周敏", role: .windowClerk, stationID: town.id), by: nil)
        let person = try store.saveApplicant(Applicant(name: "钱秀兰", idNumber: "320412198001010031"), by: nil)
        let intake = ApplicationIntake(applicantID: person.id!, stationID: town.id!, centreID: centre.id!, kind: .civil,
                                       cause: "labor_remuneration", opposingParty: "常州某建材公司", summary: "拖欠工资",
                                       appliedOn: "2025-06-10", reviewDue: "2025-06-17")
        let (session, aidCase) = try store.recordRemoteSession(
            RemoteSessionRecord(stationID: town.id!, stationOperatorID: operatorAtStation.id!, centreID: centre.id!,
                                centreStaff: "律师 孙建国", day: "2025-06-10", start: "14:05", end: "14:40", kind: .intake,
                                recordingConsent: true, recordingRef: "视频平台 会话 88231", documentsScanned: ["身份证", "工资条"],
                                signatureMode: .paperWithOriginal, personName: "钱秀兰"),
            application: intake, by: operatorAtStation)
        let c = try #require(aidCase)
        #expect(session.number == "SP-20250610-001" && session.caseID == c.id)
        #expect(c.step == .applied && c.appliedOn == "2025-06-10")
        #expect(session.handOverMaterials.contains("申请表原件（站点签字）"))
        let linked = try store.linkRemoteSessionHandOver(session.number, handOverNumber: "ZJ-20250610-001", by: operatorAtStation)
        #expect(linked.handOverNumber == "ZJ-20250610-001")
        let ledger = try store.remoteSessionLedger(stationID: town.id, from: "2025-06-01", to: "2025-06-30")
        #expect(ledger.count == 1)
        #expect(ledger[0].kind == "受理申请" && ledger[0].time == "2025-06-10 14:05–14:40")
        #expect(ledger[0].stationOperator == "站点周敏" && ledger[0].linked == "援助申请 （待受理）")
        #expect(ledger[0].handOver.hasPrefix("ZJ-20250610-001：申请表原件（站点签字）"))
        #expect(try store.remoteSessionLedger(stationID: centre.id, from: "2025-06-01", to: "2025-06-30").isEmpty)
        // A consultation session cannot produce an application.
        #expect(throws: StoreError.self) {
            try store.recordRemoteSession(RemoteSessionRecord(stationID: town.id!, stationOperatorID: operatorAtStation.id!,
                                                              centreID: centre.id!, centreStaff: "律师 孙建国", day: "2025-06-10",
                                                              start: "15:00", end: "15:20", kind: .consultation, personName: "钱秀兰"),
                                          application: intake, by: operatorAtStation)
        }
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test("场景四：爽约两次——第三次预约自动标记“需前一日电话确认”，仍可预约、仍可现场咨询")
    func twoNoShowsTagTheThirdBooking() throws {
        let dir = TempDir()
        let f = try Self.fixture(dir)
        let slots = try f.store.openAppointmentSlots(stationID: f.centre.id!, day: "2025-06-03",
                                                     times: [("09:00", "09:30"), ("09:30", "10:00"), ("10:00", "10:30")],
                                                     mode: .centre, capacity: 2, by: f.clerk)
        func book(_ slot: Int) throws -> Appointment {
            try f.store.bookAppointment(AppointmentRequest(stationID: f.centre.id!, channel: .hotline12348, purpose: .consultation,
                                                           mode: .centre, applicantID: f.zhao.id, personName: "赵大爷",
                                                           slotID: slots[slot].id, bookedOn: "2025-05-30"),
                                        calendar: Self.calendar, by: f.clerk)
        }
        let first = try book(0)
        try f.store.markAppointmentNoShow(first.number, by: f.clerk)
        let second = try book(1)
        #expect(!second.phoneConfirm)
        try f.store.markAppointmentNoShow(second.number, note: "电话未接", by: f.clerk)
        let third = try book(2)
        #expect(third.phoneConfirm)
        #expect(third.tags.contains("需前一日电话确认"))
        // The call list of that day carries the tag and the whole phone number (an audited reveal).
        let before = try f.store.auditCount()
        let calls = try f.store.appointmentCallList(day: "2025-06-03", stationID: f.centre.id, by: f.clerk)
        #expect(calls.map(\.number) == [third.number])
        #expect(calls[0].phone == "13935612345" && calls[0].tags.contains("需前一日电话确认"))
        #expect(try f.store.auditCount() == before + 1)
        // Walk-in stays open: the same person's consultation at the window is registered as usual.
        let walkIn = try f.store.registerConsultation(Consultation(stationID: f.centre.id!, operatorID: f.clerk.id,
                                                                   applicantID: f.zhao.id, visitorName: "赵大爷", channel: .window,
                                                                   topic: "support_payment", question: "赡养费", answer: "可申请援助",
                                                                   day: "2025-06-03"), role: .windowClerk)
        #expect(walkIn.id != nil)
        // The month's figures: three bookings on 06-03, two of them missed.
        let june = ReportPeriod(kind: .month, from: Self.d("2025-06-01"), to: Self.d("2025-06-30"))
        let figures = try f.store.appointmentFigures(period: june, role: .reviewer)
        #expect(figures.bookings == 3 && figures.noShow == 2 && figures.rate(figures.noShow) == 66.7)
        #expect(figures.byChannel == ["hotline_12348": 3] && figures.byMode == ["centre": 3])
        #expect(throws: PermissionDenied.self) { try f.store.appointmentFigures(period: june, role: .windowClerk) }
        // A no-show is final; a future booking cannot be marked no-show.
        #expect(throws: StoreError.self) { try f.store.markAppointmentNoShow(first.number, by: f.clerk) }
    }

    @Test("改约、取消、完成：状态流转、时段容量、权限与审计")
    func moveCancelDone() throws {
        let dir = TempDir()
        let f = try Self.fixture(dir)
        let slots = try f.store.openAppointmentSlots(stationID: f.bagong.id!, day: "2027-06-02",
                                                     times: [("09:00", "09:30"), ("09:30", "10:00")], mode: .station, by: f.clerk)
        let request = AppointmentRequest(stationID: f.bagong.id!, channel: .stationBooked, purpose: .application, mode: .station,
                                         personName: "李秀英", phone: "13800001111", slotID: slots[0].id)
        let a = try f.store.bookAppointment(request, calendar: Self.calendar2026(), by: f.clerk)
        // Slot 09:00 holds one place: a second booking there is refused as full.
        let full = #expect(throws: StoreError.self) {
            try f.store.bookAppointment(request, calendar: Self.calendar2026(), by: f.clerk)
        }
        #expect(full?.description.contains("已约满") == true)
        let moved = try f.store.moveAppointment(a.number, toSlot: slots[1].id, reason: "申请人当天上午看病", calendar: Self.calendar2026(),
                                                by: f.clerk)
        #expect(moved.status == .moved && moved.start == "09:30")
        #expect(try f.store.appointmentSlots(stationID: f.bagong.id!, from: "2027-06-02", to: "2027-06-02").map(\.booked) == [0, 1])
        #expect(throws: StoreError.self) { try f.store.cancelAppointment(a.number, reason: " ", by: f.clerk) }
        let b = try f.store.bookAppointment(request, calendar: Self.calendar2026(), by: f.clerk)
        let cancelled = try f.store.cancelAppointment(b.number, reason: "已自行和解", by: f.clerk)
        #expect(cancelled.status == .cancelled && cancelled.endNote == "已自行和解")
        #expect(throws: StoreError.self) { try f.store.moveAppointment(b.number, toSlot: slots[0].id, reason: "再约", calendar: Self.calendar2026(), by: f.clerk) }
        let done = try f.store.completeAppointment(a.number, note: "已现场咨询", by: f.clerk)
        #expect(done.status == .done)
        #expect(try f.store.appointmentEvents(a.id).map(\.kind) == ["book", "move", "done"])
        // An administrator keeps the system, not the front desk.
        let admin = try f.store.addOperator(Operator(name: "管理员陈刚", role: .admin, stationID: f.centre.id), by: nil)
        #expect(throws: PermissionDenied.self) { try f.store.bookAppointment(request, calendar: Self.calendar2026(), by: admin) }
        // The append-only history cannot be rewritten.
        #expect(throws: (any Error).self) { try f.store.rewriteAppointmentEventForTest(a.id) }
        #expect(try f.store.verifyAuditChain() == nil)
    }

    static func calendar2026() -> HolidayCalendar {
        HolidayCalendar(years: [HolidayYear(year: 2026, offDays: [], makeUpWorkdays: [], source: "测试用")])
    }
}

extension CaseStore {
    /// Tries to change a history row behind the store's back (the trigger must refuse).
    func rewriteAppointmentEventForTest(_ id: Int64) throws {
        try write { db in try db.execute(sql: "UPDATE appointment_event SET note = '改写' WHERE appointment_id = ?", arguments: [id]) }
    }
}

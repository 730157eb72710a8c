import FayuanCore
import Foundation
import GRDB
import Testing
@testable import FayuanStore

/// 转交单 in the store (round2-capabilities.md §4.7): the station → centre hand-over with a
/// missing item, the custody 24-hour transfer, re-route with the Art 38 reason, two centres,
/// the 补正 pause, designation; one transaction per action, events append-only, the case
/// accepted through the pipeline's own acceptance.
@Suite struct HandOverTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func t(_ text: String) -> LocalDateTime { LocalDateTime(text)! }

    static let calendar: HolidayCalendar = {
        func span(_ a: String, _ b: String) -> Set<LocalDate> {
            var out = Set<LocalDate>(); var day = d(a)
            while day <= d(b) { out.insert(day); day = day.adding(days: 1) }
            return out
        }
        return HolidayCalendar(years: [
            HolidayYear(year: 2026, offDays: span("2026-02-15", "2026-02-23"), makeUpWorkdays: [d("2026-02-14"), d("2026-02-28")],
                        source: "测试用：2026年春节安排（节选）"),
            HolidayYear(year: 2025, offDays: span("2025-10-01", "2025-10-08"), makeUpWorkdays: [d("2025-09-28"), d("2025-10-11")],
                        source: "测试用：2025年国庆安排（节选）"),
        ])
    }()

    static func context(_ region: String = "320412", basis: ReviewClockBasis? = nil) -> HandOverClockContext {
        HandOverClockContext(policy: .forRegion(region, basis: basis),
                             planner: DeadlinePlanner(calendar: calendar, policy: DeadlinePolicy(counting: .calendar, reviewDays: 7)))
    }

    struct World {
        let store: CaseStore
        let centre: Station, station: Station, haizhou: Station
        let stationClerk: Operator, centreClerk: Operator, haizhouClerk: Operator, reviewer: Operator, dutyLawyer: Operator
    }

    static func world(_ dir: borrowing TempDir) throws -> World {
        let store = try openStore(dir.file("转交.db"))
        let centre = try store.addStation(Station(code: "320412000", name: "武进区法律援助中心", kind: .countyCentre), by: nil)
        let station = try store.addStation(Station(code: "320412101", name: "湖塘镇公共法律服务工作站", kind: .township,
                                                   parentID: centre.id), by: nil)
        let haizhou = try store.addStation(Station(code: "320706000", name: "海州区法律援助中心", kind: .countyCentre), by: nil)
        return World(store: store, centre: centre, station: station, haizhou: haizhou,
                     stationClerk: try store.addOperator(Operator(name: "站点刘芳", role: .windowClerk, stationID: station.id), by: nil),
                     centreClerk: try store.addOperator(Operator(name: "中心王丽", role: .windowClerk, stationID: centre.id), by: nil),
                     haizhouClerk: try store.addOperator(Operator(name: "海州陈静", role: .windowClerk, stationID: haizhou.id), by: nil),
                     reviewer: try store.addOperator(Operator(name: "市局赵刚", role: .reviewer), by: nil),
                     dutyLawyer: try store.addOperator(Operator(name: "值班律师孙伟", role: .dutyLawyer, stationID: station.id), by: nil))
    }

    /// An application registered at `at` through the intake path (step 申请, no number yet).
    static func application(_ w: World, name: String = "李某", at stationID: Int64? = nil, centre: Int64? = nil,
                            applied: String = "2026-02-12", cause: String = "labor_remuneration") throws -> AidCase {
        let person = try w.store.searchApplicants(name, limit: 1).first.map { $0.applicantID }
            ?? w.store.saveApplicant(Applicant(name: name, phone: "13812345678"), by: nil).id!
        return try w.store.takeApplication(
            ApplicationIntake(applicantID: person, stationID: stationID ?? w.station.id!, centreID: centre ?? w.centre.id!,
                              kind: .civil, cause: cause, summary: "追索劳动报酬：建筑工地拖欠工资", appliedOn: applied),
            accept: false, acceptedOn: nil, role: .windowClerk, by: w.stationClerk.id)
    }

    static func stationRequest(_ w: World, caseID: Int64, first: String = "2026-02-12T09:30", sent: String = "2026-02-12T11:00",
                               missing: [MissingItem] = []) -> HandOverRequest {
        HandOverRequest(kind: .stationToCentre, caseID: caseID, fromStationID: w.station.id, firstOwnerPhone: "0519-86001234",
                        toStationID: w.centre.id!, firstReceivedAt: t(first), sentAt: t(sent), scopeOpinion: "属于法律援助事项，经济困难待核",
                        priorContact: true, interviewRecord: "谈话笔录已由申请人签名", dispatch: .system,
                        materials: [MaterialItem(name: "法律援助申请表", count: 1, pages: 2, original: true),
                                    MaterialItem(name: "身份证复印件", count: 1, pages: 1),
                                    MaterialItem(name: "欠条复印件", count: 2, pages: 2)],
                        missing: missing)
    }

    @Test("场景1：站点收件缺一项材料，当日转交，中心15:20受理：案号、审查期限2026-02-24、用时5小时50分")
    func stationToCentreWithMissingItem() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w)
        let audit0 = try w.store.auditCount()
        let sent = try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!, missing: [MissingItem(name: "户口簿复印件", promisedBy: Self.d("2026-02-19"))]),
                                            context: Self.context(), by: w.stationClerk)
        let r = sent.record
        #expect(r.number == "320412101-ZJ-2026-0001")
        #expect(r.status == .inTransit)
        #expect(r.firstOwnerName == "站点刘芳")
        #expect(r.dueOn == "2026-02-13")
        #expect(r.legalClock == .localWorkingDays)
        #expect(sent.duplicates.isEmpty)
        #expect(try w.store.auditCount() == audit0 + 1)

        // The station's outbox and the centre's inbox both show it, masked.
        let now = Self.t("2026-02-12T12:00")
        let outbox = try w.store.handOvers(.outbox, stationID: w.station.id, now: now)
        #expect(outbox.map(\.record.number) == [r.number])
        #expect(outbox[0].phoneMasked == "138****5678")
        #expect(outbox[0].materials.filter(\.missing).map(\.item.name) == ["户口簿复印件"])
        #expect(outbox[0].materials.first { $0.missing }?.promisedBy == "2026-02-19")
        #expect(try w.store.handOvers(.inbox, stationID: w.centre.id, now: now).count == 1)

        // The station cannot accept for the centre; the centre can.
        #expect(throws: HandOverRefused.self) {
            try w.store.decideHandOver(r.id, .accept(checks: []), at: Self.t("2026-02-12T15:20"), context: Self.context(), by: w.stationClerk)
        }
        let accepted = try w.store.decideHandOver(r.id, .accept(checks: [MaterialCheck(line: 3, receivedCount: 2)]),
                                                  at: Self.t("2026-02-12T15:20"), context: Self.context(), by: w.centreClerk)
        #expect(accepted.status == .accepted)
        #expect(accepted.receiverDecision == .accept)
        #expect(accepted.acceptedAt == "2026-02-12T15:20")
        #expect(accepted.receivedAt == "2026-02-12T15:20")

        // The case was accepted by the pipeline's acceptance: number, review due, timeline.
        let c = try #require(try w.store.aidCase(id: app.id!))
        #expect(c.step == .accepted)
        #expect(c.caseNumber == "〔2026〕民援字第0001号")
        #expect(try w.store.reviewDue(app.id!) == "2026-02-24")
        let timeline = try w.store.caseTimeline(app.id!)
        #expect(timeline.contains { $0.kind == "handover" && $0.note.contains(r.number) })
        #expect(timeline.contains { $0.kind == "accept" && $0.note.contains("保守期限（自站点收件起算）") })

        let detail = try w.store.handOverDetail(r.id, now: Self.t("2026-02-13T09:00"), context: Self.context())
        #expect(detail.events.map(\.action) == [.send, .accept])
        #expect(detail.events[1].note.contains("用时 5 小时 50 分"))
        #expect(detail.events[1].operatorName == "中心王丽")
        #expect(detail.reviewClock?.shown == Self.d("2026-02-24"))
        #expect(detail.summary.timer.text == "✓ 按时")
        #expect(detail.summary.caseNumber == "〔2026〕民援字第0001号")

        // Closed: out of the open boxes, in the ledger.
        #expect(try w.store.handOvers(.outbox, stationID: w.station.id, now: now).isEmpty)
        let ledger = try w.store.handOverLedger(stationID: w.station.id, from: Self.d("2026-02-01"), to: Self.d("2026-02-28"), now: now)
        #expect(ledger.map(\.record.number) == [r.number])
        #expect(ledger[0].receivedBy == "中心王丽")

        // Accepting twice is refused; nothing goes back to the applicant.
        #expect(throws: StoreError.self) {
            try w.store.decideHandOver(r.id, .accept(checks: []), at: Self.t("2026-02-12T16:00"), context: Self.context(), by: w.centreClerk)
        }
    }

    @Test("场景2：次日受理不超时；材料不符逐项记录") func nextDayAcceptanceAndMismatch() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w)
        let r = try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!), context: Self.context(), by: w.stationClerk).record
        try w.store.receiveHandOver(r.id, at: Self.t("2026-02-13T09:10"), by: w.centreClerk)
        try w.store.decideHandOver(r.id, .accept(checks: [MaterialCheck(line: 3, receivedCount: 1, note: "缺第二张欠条")]),
                                   at: Self.t("2026-02-13T10:00"), context: Self.context(), by: w.centreClerk)
        let detail = try w.store.handOverDetail(r.id, now: Self.t("2026-02-13T10:00"), context: Self.context())
        #expect(!detail.summary.timer.isOverdue)
        #expect(detail.reviewClock?.stationDue == Self.d("2026-02-24"))
        #expect(detail.reviewClock?.centreDue == Self.d("2026-02-24"))
        #expect(detail.events.map(\.action) == [.send, .receive, .accept])
        #expect(detail.events[2].note.contains("材料不符：欠条复印件 清单2件、实收1件（缺第二张欠条）"))
        #expect(detail.summary.materials.first { $0.line == 3 }?.mismatch == true)
    }

    @Test("场景3：看守所24小时转交（安徽）：期限不受国庆影响，通知近亲属期限，11:00受理超时1小时")
    func custodyTransfer() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w, name: "王某", at: w.centre.id!, applied: "2025-09-30", cause: "other")
        let anhui = Self.context("340400")
        let r = try w.store.sendHandOver(HandOverRequest(
            kind: .custody, caseID: app.id!, fromStationID: nil, fromUnit: "淮南市看守所", toStationID: w.centre.id!,
            firstReceivedAt: Self.t("2025-09-30T10:00"), custodyReceivedAt: Self.t("2025-09-30T10:00"), sentAt: Self.t("2025-09-30T16:00"),
            dispatch: .courier, materials: [MaterialItem(name: "书面申请", count: 1, pages: 1, original: true)]),
            context: anhui, by: w.centreClerk).record
        #expect(r.legalClock == .hours24)
        #expect(r.dueAt == "2025-10-01T10:00")
        #expect(r.familyNoticeDue == "2025-10-09")
        #expect(r.fromUnit == "淮南市看守所")
        let running = try w.store.handOvers(.inbox, stationID: w.centre.id, now: Self.t("2025-10-01T06:50"))
        #expect(running.first?.timer.text == "⚠ 剩 3 小时 10 分")
        try w.store.decideHandOver(r.id, .accept(checks: []), at: Self.t("2025-10-01T11:00"), context: anhui, by: w.centreClerk)
        let ledger = try w.store.handOverLedger(stationID: w.centre.id, from: Self.d("2025-09-01"), to: Self.d("2025-09-30"),
                                                now: Self.t("2025-10-02T09:00"))
        #expect(ledger.count == 1)
        #expect(ledger[0].timer.text == "✗ 超时 1 小时")
        try w.store.recordFamilyNotice(r.id, at: Self.t("2025-10-02T09:00"), note: "电话告知其妻", by: w.centreClerk)
        let events = try w.store.handOverDetail(r.id, now: Self.t("2025-10-02T09:00"), context: anhui).events
        #expect(events.last?.action == .familyNotified)

        // Custody without the facility's receipt time is refused, naming the field.
        let other = try Self.application(w, name: "赵某", at: w.centre.id!, applied: "2025-09-30", cause: "other")
        #expect(throws: StoreError.invalidInput(field: "custodyReceivedAt",
                                                message: "羁押转交需填写监管场所或办案机关收到书面申请的时间（法律援助法第三十九条）")) {
            try w.store.sendHandOver(HandOverRequest(kind: .custody, caseID: other.id!, fromStationID: nil, fromUnit: "淮南市看守所",
                                                     toStationID: w.centre.id!, firstReceivedAt: Self.t("2025-09-30T10:00"),
                                                     sentAt: Self.t("2025-09-30T12:00"), materials: [MaterialItem(name: "书面申请")]),
                                     context: anhui, by: w.centreClerk)
        }
    }

    @Test("场景4：改转至海州区中心（第三十八条理由），同一转交单，海州受理后站点台账显示海州案号")
    func rerouteToCompetentCentre() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w)
        let r = try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!), context: Self.context(), by: w.stationClerk).record
        let reason = CompetenceReason(ground: .litigation, place: "海州区", note: "劳动争议仲裁委在海州区")
        let moved = try w.store.decideHandOver(r.id, .reroute(toStationID: w.haizhou.id!, reason: reason, priorContact: true),
                                               at: Self.t("2026-02-12T14:00"), context: Self.context(), by: w.centreClerk)
        #expect(moved.status == .rerouted)
        #expect(moved.toStationID == w.haizhou.id)
        #expect(moved.competenceReason.contains("法律援助法第三十八条"))
        #expect(moved.number == r.number)
        // The first centre no longer acts on it; 海州 does.
        #expect(throws: HandOverRefused.self) {
            try w.store.receiveHandOver(r.id, at: Self.t("2026-02-12T15:00"), by: w.centreClerk)
        }
        try w.store.decideHandOver(r.id, .accept(checks: []), at: Self.t("2026-02-13T10:00"), context: Self.context(), by: w.haizhouClerk)
        let c = try #require(try w.store.aidCase(id: app.id!))
        #expect(c.centreID == w.haizhou.id)
        #expect(c.caseNumber == "〔2026〕民援字第0001号")
        let ledger = try w.store.handOverLedger(stationID: w.station.id, from: Self.d("2026-02-01"), to: Self.d("2026-02-28"),
                                                now: Self.t("2026-02-13T10:00"))
        #expect(ledger.first?.toName == "海州区法律援助中心")
        #expect(ledger.first?.caseNumber == c.caseNumber)
        let events = try w.store.handOverDetail(r.id, now: Self.t("2026-02-13T10:00"), context: nil).events
        #expect(events.map(\.action) == [.send, .reroute, .accept])
        #expect(events[1].note.contains("申请无需重新提交"))
        // The first centre's inbox also lists the 改转 in its ledger (it took part in the thread).
        #expect(try w.store.handOverLedger(stationID: w.centre.id, from: Self.d("2026-02-01"), to: Self.d("2026-02-28"),
                                           now: Self.t("2026-02-13T10:00")).count == 1)
    }

    @Test("场景5：两个中心都收到申请：重复提示，转交单说明理由后撤回") func duplicateAndWithdraw() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let earlier = try Self.application(w, at: w.haizhou.id!, centre: w.haizhou.id!, applied: "2026-03-02")
        let app = try Self.application(w, applied: "2026-03-03")
        let sent = try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!, first: "2026-03-03T09:00", sent: "2026-03-03T10:00"),
                                            context: Self.context(), by: w.stationClerk)
        #expect(sent.duplicates.map(\.caseID) == [earlier.id!])
        #expect(sent.duplicates.first?.centreName == "海州区法律援助中心")
        #expect(sent.duplicates.first?.appliedOn == "2026-03-02")
        #expect(throws: StoreError.self) {
            try w.store.withdrawHandOver(sent.record.id, reason: "  ", at: Self.t("2026-03-03T11:00"), by: w.stationClerk)
        }
        let withdrawn = try w.store.withdrawHandOver(sent.record.id, reason: "申请人前一日已向海州区法律援助中心申请，由最先收到的机构受理",
                                                     at: Self.t("2026-03-03T11:00"), by: w.stationClerk)
        #expect(withdrawn.status == .withdrawn)
        #expect(try w.store.aidCase(id: app.id!)?.step == .withdrawn)
        #expect(try w.store.aidCase(id: earlier.id!)?.step == .applied)
    }

    @Test("场景6：补正暂停6天：审查期限顺延6天；需补正时不能直接接收") func supplementPause() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w, applied: "2026-03-03")
        let anhui = Self.context("340400")
        let r = try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!, first: "2026-03-03T09:00", sent: "2026-03-03T10:00"),
                                         context: anhui, by: w.stationClerk).record
        try w.store.receiveHandOver(r.id, at: Self.t("2026-03-03T14:00"), by: w.centreClerk)
        let asked = try w.store.decideHandOver(r.id, .requestSupplement(items: [MissingItem(name: "劳动合同复印件")]),
                                               at: Self.t("2026-03-06T10:00"), context: anhui, by: w.centreClerk)
        #expect(asked.status == .needsSupplement)
        #expect(throws: StoreError.self) {
            try w.store.decideHandOver(r.id, .accept(checks: []), at: Self.t("2026-03-07T10:00"), context: anhui, by: w.centreClerk)
        }
        let open = try w.store.handOverDetail(r.id, now: Self.t("2026-03-09T10:00"), context: anhui)
        #expect(open.pauses == [ClockPause(reason: .supplement, from: Self.d("2026-03-06"))])
        try w.store.decideHandOver(r.id, .acceptAfterSupplement(suppliedOn: Self.d("2026-03-12"), checks: []),
                                   at: Self.t("2026-03-12T15:00"), context: anhui, by: w.centreClerk)
        #expect(try w.store.reviewDue(app.id!) == "2026-03-16")
        let detail = try w.store.handOverDetail(r.id, now: Self.t("2026-03-12T15:00"), context: anhui)
        #expect(detail.pauses == [ClockPause(reason: .supplement, from: Self.d("2026-03-06"), to: Self.d("2026-03-12"))])
        #expect(detail.reviewClock?.pausedDays == 6)
        #expect(detail.summary.record.receiverDecision == .acceptAfterSupplement)
        #expect(detail.events.map(\.action) == [.send, .receive, .requestSupplement, .accept])
    }

    @Test("报请指定（山西3日）：上级指定后转至指定中心") func designation() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w, applied: "2026-03-02")
        let shanxi = Self.context("140525")
        let r = try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!, first: "2026-03-02T09:00", sent: "2026-03-02T10:00"),
                                         context: shanxi, by: w.stationClerk).record
        let asked = try w.store.decideHandOver(r.id, .askDesignation, at: Self.t("2026-03-02T15:00"), note: "与海州区中心对管辖有争议",
                                               context: shanxi, by: w.centreClerk)
        #expect(asked.status == .awaitingDesignation)
        #expect(asked.designationDue == "2026-03-05")
        #expect(throws: PermissionDenied.self) {
            try w.store.designateHandOver(r.id, toStationID: w.haizhou.id!, at: Self.t("2026-03-04T09:00"), note: "", by: w.centreClerk)
        }
        let designated = try w.store.designateHandOver(r.id, toStationID: w.haizhou.id!, at: Self.t("2026-03-04T09:00"),
                                                       note: "市司法局指定", by: w.reviewer)
        #expect(designated.status == .rerouted)
        #expect(designated.toStationID == w.haizhou.id)
    }

    @Test("权限与完整性：值班律师可转交不可受理；缺材料清单不写入；事件只能追加") func permissionsAndIntegrity() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let app = try Self.application(w)
        var bad = Self.stationRequest(w, caseID: app.id!)
        bad.materials = []
        #expect(throws: StoreError.self) { try w.store.sendHandOver(bad, context: Self.context(), by: w.stationClerk) }
        #expect(try w.store.handOvers(.outbox, stationID: w.station.id, now: Self.t("2026-02-12T12:00"), includeClosed: true).isEmpty)

        var duty = Self.stationRequest(w, caseID: app.id!)
        duty.kind = .dutyLawyer
        let r = try w.store.sendHandOver(duty, context: Self.context(), by: w.dutyLawyer).record
        #expect(r.dueAt == "2026-02-13T09:30")
        #expect(throws: PermissionDenied.self) {
            try w.store.decideHandOver(r.id, .accept(checks: []), at: Self.t("2026-02-12T12:00"), context: Self.context(), by: w.dutyLawyer)
        }
        // A second open hand-over of the same application is refused.
        #expect(throws: StoreError.self) { try w.store.sendHandOver(Self.stationRequest(w, caseID: app.id!), context: Self.context(), by: w.stationClerk) }
        // The thread is append-only.
        #expect(throws: (any Error).self) {
            try w.store.write { db in try db.execute(sql: "UPDATE hand_over_event SET note = '改写' WHERE hand_over_id = ?", arguments: [r.id]) }
        }
        #expect(throws: (any Error).self) {
            try w.store.write { db in try db.execute(sql: "DELETE FROM hand_over_event WHERE hand_over_id = ?", arguments: [r.id]) }
        }
        #expect(try w.store.appliedMigrations().contains("v20-handover"))
    }

    @Test("收件箱排序：超时在前，其次剩余时间最少") func inboxOverdueFirst() throws {
        let dir = TempDir()
        let w = try Self.world(dir)
        let a = try Self.application(w, name: "甲某", applied: "2026-03-02")
        let b = try Self.application(w, name: "乙某", applied: "2026-03-04")
        let c = try Self.application(w, name: "丙某", applied: "2026-03-03")
        let fresh = try w.store.sendHandOver(Self.stationRequest(w, caseID: b.id!, first: "2026-03-04T09:00", sent: "2026-03-04T09:30"),
                                             context: Self.context(), by: w.stationClerk).record
        let late = try w.store.sendHandOver(Self.stationRequest(w, caseID: a.id!, first: "2026-03-02T09:00", sent: "2026-03-02T09:30"),
                                            context: Self.context(), by: w.stationClerk).record
        var custody = Self.stationRequest(w, caseID: c.id!, first: "2026-03-03T15:00", sent: "2026-03-03T16:00")
        custody.kind = .dutyLawyer
        let urgent = try w.store.sendHandOver(custody, context: Self.context(), by: w.dutyLawyer).record
        let inbox = try w.store.handOvers(.inbox, stationID: w.centre.id, now: Self.t("2026-03-04T10:00"))
        #expect(inbox.map(\.record.id) == [late.id, urgent.id, fresh.id])
        #expect(inbox.map(\.applicantName) == ["甲某", "丙某", "乙某"])
    }
}

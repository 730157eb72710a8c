import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation
import Testing
@testable import FayuanApp

/// §3.7 scenario 5 (the printed pack) and the ledgers as A4 landscape PDFs with IDs masked; the
/// review deadline of 赵大爷's home intake from the bundled 2025 holiday notice.
@Suite("上门服务包与台账（§3.7 场景五）") struct HomeVisitPackTests {
    struct Fixture {
        let dir: String
        let store: CaseStore
        let centre: Station
        let reviewer: Operator
        let zhao: Applicant
    }

    static func fixture() throws -> Fixture {
        let dir = NSTemporaryDirectory() + "fayuan-pack-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try CaseStore.open(StoreLocation(path: dir + "/上门.db"), anchorDirectory: dir + "/anchors")
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre,
                                                  address: "泽州县建设路1号"), by: nil)
        let reviewer = try store.addOperator(Operator(name: "审查员刘洋", role: .reviewer, stationID: centre.id), by: nil)
        let zhao = try store.saveApplicant(Applicant(name: "赵大爷", idNumber: "140525194703120011", gender: "M",
                                                     birthDate: "1947-03-12", phone: "13935612345",
                                                     address: "泽州县巴公镇西郜村三组12号", groups: ["elderly_advanced"]), by: nil)
        return Fixture(dir: dir, store: store, centre: centre, reviewer: reviewer, zhao: zhao)
    }

    static func book(_ f: Fixture, limitation: String? = "2025-05-02") throws -> Appointment {
        let rules = try RuleLibrary.bundled()
        try f.store.openAppointmentSlots(stationID: f.centre.id!, day: "2025-04-28", times: [("09:00", "11:00")], mode: .home,
                                         staffOperatorID: f.reviewer.id, by: f.reviewer)
        return try f.store.bookAppointment(
            AppointmentRequest(stationID: f.centre.id!, channel: .phone, purpose: .homeIntake, mode: .home, applicantID: f.zhao.id,
                               personName: "赵大爷", phone: "13935612345", proxy: AppointmentProxy(name: "赵小红", relation: "女儿",
                                                                                               phone: "13800002222"),
                               matterSummary: "三名子女拒付赡养费", priorityReasons: [.advancedAge], accessibility: "行动不便；方言",
                               place: "泽州县巴公镇西郜村三组12号", limitationOn: limitation, bookedOn: "2025-04-25"),
            calendar: rules.calendar, by: f.reviewer)
    }

    @Test("审查期限用内置 2025 年节假日表：2025-04-28 上门收件 → 2025-05-06")
    func reviewDueWithTheBundledCalendar() throws {
        let rules = try RuleLibrary.bundled()
        #expect(try ServiceDeadlines.reviewDue(receivedOn: LocalDate(iso: "2025-04-28")!, calendar: rules.calendar).text == "2025-05-06")
        #expect(try BookingRules.latestDay(limitation: LocalDate(iso: "2025-05-02")!, calendar: rules.calendar).iso == "2025-04-28")
    }

    @Test("场景五：上门服务包——申请表预填（证件号打码）、空白签名行、收件凭证、路线单含值班、年满 60 岁附大字版申请人须知")
    func printedPack() throws {
        let f = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let a = try Self.book(f)
        let pack = try f.store.homeVisitPack(a.number)
        let docs = AppointmentDocuments.homeVisitPack(pack, groupLabel: { $0 == "elderly_advanced" ? "高龄" : $0 },
                                                      operatorName: "审查员刘洋")
        #expect(docs.map { $0.document?.title ?? "" } == ["上门服务预约单", "上门服务路线单", "法律援助申请表",
                                                         "经济困难状况说明表（个人诚信承诺书）", "经济困难状况核查授权书",
                                                         "法律援助申请材料接收凭证（上门收件）", "申请人须知"])
        let form = docs[2].text
        #expect(form.contains("赵大爷") && form.contains("1405**********0011") && form.contains("1947年3月12日"))
        #expect(form.contains("泽州县巴公镇西郜村三组12号") && form.contains("高龄"))
        #expect(form.contains("申请人（签名）：　　　　　　　　年　　月　　日"))
        let sheet = docs[0].text
        #expect(sheet.contains("YY-20250425-001") && sheet.contains("先行提供") && sheet.contains("第四十四条第一项"))
        #expect(sheet.contains("赵小红（女儿），138****2222") && sheet.contains("审查员刘洋"))
        #expect(docs[1].text.contains("当日本站点没有排班人员"))
        #expect(docs[5].text.contains("提交人（签名或按手印）"))
        #expect(docs.last?.document?.largePrint == true)
        for doc in docs {
            #expect(!doc.text.contains("140525194703120011") && !doc.text.contains("13935612345") && !doc.text.contains("13800002222"),
                    "\(doc.fileName) 含未打码的个人信息")
        }
        // Written where the console prints, each with its PDF.
        let paths = try PrintFolder.write(docs, storePath: f.store.path, year: 2025)
        #expect(paths.count == 7)
        #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: ($0 as NSString).deletingPathExtension + ".pdf") })
    }

    @Test("60 岁以下不附大字版须知；非上门预约没有上门服务包")
    func noNoticeUnderSixtyAndNoPackForOtherModes() throws {
        let f = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let a = try Self.book(f, limitation: nil)
        var pack = try f.store.homeVisitPack(a.number)
        pack.applicantAge = 45
        #expect(AppointmentDocuments.homeVisitPack(pack, operatorName: "刘洋").count == 6)
        let rules = try RuleLibrary.bundled()
        try f.store.openAppointmentSlots(stationID: f.centre.id!, day: "2025-04-29", times: [("09:00", "10:00")], mode: .centre,
                                         by: f.reviewer)
        let visit = try f.store.bookAppointment(AppointmentRequest(stationID: f.centre.id!, channel: .window, purpose: .consultation,
                                                                   mode: .centre, personName: "李秀英", bookedOn: "2025-04-25"),
                                                calendar: rules.calendar, by: f.reviewer)
        #expect(throws: StoreError.self) { try f.store.homeVisitPack(visit.number) }
    }

    @Test("三种台账为 A4 横向 PDF，证件号打码")
    func ledgersAreLandscapeA4() throws {
        let f = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: f.dir) }
        let a = try Self.book(f)
        try f.store.recordHomeVisit(HomeVisitRecord(appointmentID: a.id, stationID: f.centre.id!, applicantID: f.zhao.id,
                                                    personName: "赵大爷", day: "2025-04-28", start: "09:40", end: "10:50",
                                                    address: "泽州县巴公镇西郜村三组12号", staff: ["审查员刘洋"],
                                                    services: [.consultation],
                                                    materials: [ReceivedMaterial(name: "居民身份证复印件", original: false)],
                                                    signatureMode: .thumbprintProxy,
                                                    proxy: AppointmentProxy(name: "赵小红", relation: "女儿", idNumber: "140525197508060029")),
                                    by: f.reviewer)
        let bookings = AppointmentDocuments.appointmentLedger(try f.store.appointmentLedger(stationID: f.centre.id, from: "2025-04-01", to: "2025-04-30"),
                                                              issuer: "泽州县公共法律服务中心", scope: "泽州县公共法律服务中心", from: "2025-04-01", to: "2025-04-30")
        let visits = AppointmentDocuments.homeVisitLedger(try f.store.homeVisitLedger(stationID: f.centre.id, from: "2025-04-01", to: "2025-04-30"),
                                                          issuer: "泽州县公共法律服务中心", scope: "泽州县公共法律服务中心", from: "2025-04-01", to: "2025-04-30")
        let remote = AppointmentDocuments.remoteSessionLedger([], issuer: "泽州县公共法律服务中心", scope: "泽州县公共法律服务中心",
                                                              from: "2025-04-01", to: "2025-04-30")
        // The cells as printed (the text wraps them inside their columns).
        func cells(_ doc: Document) -> [String] {
            doc.blocks.flatMap { block -> [String] in
                if case .table(let t) = block { return t.rows.flatMap { $0 } }
                return []
            }
        }
        #expect(cells(visits).contains("按手印+代签；代签人 赵小红（女儿），身份证 1405**********0029，复印件附卷"))
        #expect(!cells(visits).joined().contains("140525197508060029") && !visits.text.contains("140525197508060029"))
        #expect(cells(bookings).prefix(1) == ["YY-20250425-001"] && cells(bookings).contains("已完成"))
        #expect(remote.text.contains("共 0 次"))
        for doc in [bookings, visits, remote] {
            #expect(doc.paper == .a4Landscape)
            let pdf = String(decoding: try doc.pdf(), as: UTF8.self)
            // 297 × 210 mm in points: wider than tall.
            #expect(pdf.contains("/MediaBox [ 0 0 841.889764 595.275591 ]") || pdf.contains("841.89"), "\(doc.title) 不是 A4 横向")
        }
    }
}

/// The monthly report's appointment section (round2 §3.6 figures).
@Suite("月报：预约、上门与远程视频") struct AppointmentReportSectionTests {
    @Test("按渠道、方式、完成/爽约/取消率、平均天数、上门按人群、远程按站点")
    func rows() {
        var f = AppointmentFigures()
        f.bookings = 4; f.byChannel = ["phone": 3, "hotline_12348": 1]; f.byMode = ["home": 1, "centre": 3]
        f.done = 2; f.noShow = 1; f.cancelled = 1; f.averageDaysToService = 2.5
        f.homeVisits = 1; f.homeVisitsByGroup = ["elderly": 1, "disabled_severe": 1]
        f.remoteByStation = ["湟里镇公共法律服务工作站": 1]
        let rows = ReportData.appointmentRows(f, groupLabels: ["disabled_severe": "重度残疾人"])
        #expect(rows == [["预约（按服务日）", "4"], ["　渠道：电话", "3"], ["　渠道：12348", "1"], ["　方式：到中心", "3"],
                         ["　方式：上门", "1"], ["完成率", "50.0%（2）"], ["爽约率", "25.0%（1）"], ["取消率", "25.0%（1）"],
                         ["预约至服务平均天数", "2.5天"], ["上门服务次数", "1"], ["　上门：重度残疾人", "1"],
                         ["　上门：老年人（60岁以上）", "1"], ["远程视频：湟里镇公共法律服务工作站", "1"]])
    }
}

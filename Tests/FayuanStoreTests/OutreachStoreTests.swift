import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// A valid 18-digit resident ID: region + birth date + sequence + the MOD 11-2 check character.
func validID(_ region: String = "320721", _ birth: String, _ seq: Int) -> String {
    let first17 = region + birth + String(String(seq + 1000).suffix(3))
    return first17 + String(IDNumber.checkCharacter(for: Array(first17)))
}

/// A minimal .xlsx (stored ZIP entries, inline strings) as a list office's export might be.
func makeXLSX(_ rows: [[String]]) -> Data {
    func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
    var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet><sheetData>"
    for (r, row) in rows.enumerated() {
        sheet += "<row r=\"\(r + 1)\">"
        for (c, value) in row.enumerated() {
            let column = String(UnicodeScalar(UInt8(65 + c)))
            sheet += "<c r=\"\(column)\(r + 1)\" t=\"inlineStr\"><is><t>\(esc(value))</t></is></c>"
        }
        sheet += "</row>"
    }
    sheet += "</sheetData></worksheet>"
    let files: [(String, [UInt8])] = [("xl/worksheets/sheet1.xml", Array(sheet.utf8))]
    var out: [UInt8] = [], central: [UInt8] = []
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
    for (name, body) in files {
        let offset = out.count
        let n = Array(name.utf8)
        out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            + le32(body.count) + le32(body.count) + le16(n.count) + le16(0) + n + body
        central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            + le32(body.count) + le32(body.count) + le16(n.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            + le32(offset) + n
    }
    let cdOffset = out.count
    out += central
    out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(files.count) + le16(files.count) + le32(central.count)
        + le32(cdOffset) + le16(0)
    return Data(out)
}

/// 2025 国庆/中秋 with the make-up working day 2025-09-28.
let outreachCalendar: HolidayCalendar = {
    var off = Set<LocalDate>()
    var day = LocalDate(iso: "2025-10-01")!
    while day <= LocalDate(iso: "2025-10-08")! { off.insert(day); day = day.adding(days: 1) }
    return HolidayCalendar(years: [HolidayYear(year: 2025, offDays: off, makeUpWorkdays: [LocalDate(iso: "2025-09-28")!, LocalDate(iso: "2025-10-11")!],
                                               source: "测试用：国务院办公厅通知")])
}()

@Suite("政策找人 建档立卡（案件库）") struct OutreachStoreTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    static func ganyuStore(_ dir: borrowing TempDir) throws -> (CaseStore, Station, Operator, Operator) {
        let store = try openStore(dir.file("赣榆.db"))
        let centre = try store.addStation(Station(code: "320707000", name: "赣榆区公共法律服务中心", kind: .countyCentre,
                                                  population: 1_000_000), by: nil)
        let reviewer = try store.addOperator(Operator(name: "审查员周敏", role: .reviewer, stationID: centre.id), by: nil)
        let lawyer = try store.addOperator(Operator(name: "值班律师孙立", role: .dutyLawyer, stationID: centre.id), by: nil)
        return (store, centre, reviewer, lawyer)
    }

    static let header = ["序号", "户编号", "户主姓名", "公民身份号码", "与户主关系", "家庭住址", "低保证号"]

    /// 青口镇低保名单2025Q1.xlsx: 1,180 people in 600 households, 17 IDs repeated under another
    /// household, 3 bad check digits — 1,200 rows.
    static func qingkouList() -> (rows: [[String]], good: [String]) {
        var rows = [header]
        var good: [String] = []
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
        let given = ["桂英", "秀兰", "建国", "淑珍", "有福", "玉梅", "德胜", "春花"]
        for i in 0..<1180 {
            let year = 1930 + i % 80
            let id = validID("320721", String(year) + "0\(1 + i % 9)" + String(10 + i % 18), i % 1000)
            good.append(id)
            rows.append([String(rows.count), "QK-\(String(i / 2 + 1))", surnames[i % 10] + given[i % 8], id,
                         i % 2 == 0 ? "户主" : "配偶", "青口镇朱堵村\((i / 2) % 12 + 1)组", "GY-DB-2025-\(String(i + 1))"])
        }
        for k in 0..<17 {
            let i = k * 60 + 1   // an odd member, re-listed as head of another household
            rows.append([String(rows.count), "QK-9\(String(k))", rows[i + 1][2], good[i], "户主", "青口镇城东社区", "GY-DB-2025-X\(k)"])
        }
        for k in 0..<3 {
            var id = Array(validID("320721", "1955030\(k + 1)", 900 + k))
            id[17] = id[17] == "1" ? "2" : "1"
            rows.append([String(rows.count), "QK-8\(k)", "错号\(k)", String(id), "户主", "青口镇", "GY-DB-2025-E\(k)"])
        }
        return (rows, good)
    }

    static func plan(_ data: Data, name: String, group: OutreachGroup = .DB) throws -> OutreachListPlan {
        let rows = try Spreadsheet.rows(data: data, fileName: name)
        let mapping = OutreachColumnMapping.detect(header: rows[0].fields)
        try mapping.requireEssentials()
        return OutreachListPlan.check(rows: Array(rows.dropFirst()), mapping: mapping, defaultGroup: group, evidenceKind: .civilAffairsData)
    }

    static func meta(_ day: String, file: String = "青口镇低保名单2025Q1.xlsx") -> OutreachImportMeta {
        OutreachImportMeta(source: .civilAffairsList, town: "青口镇", regionCode: "320707", fileName: file,
                           fileDigest: "sha256-测试", importedOn: d(day))
    }

    @Test("导入青口镇低保名单（XLSX，1200 行）：预览不写库；提交一批导入 1180 人，17 行待合并，3 行校验位错误按行号拒绝，一条审计“导入民政名单”")
    func importScenario() throws {
        let dir = TempDir()
        let (store, _, reviewer, lawyer) = try Self.ganyuStore(dir)
        let list = Self.qingkouList()
        #expect(list.rows.count == 1201)
        let plan = try Self.plan(makeXLSX(list.rows), name: "青口镇低保名单2025Q1.xlsx")
        let auditBefore = try store.auditCount()
        let preview = try store.previewOutreachImport(plan, Self.meta("2025-04-01"))
        #expect(preview.totalRows == 1200)
        #expect(preview.new.count == 1180 && preview.imported == 1180)
        #expect(preview.held.count == 17)
        #expect(preview.rejected.count == 3)
        #expect(preview.rejected.map(\.rowNumber) == [1199, 1200, 1201])
        #expect(preview.rejected.allSatisfy { $0.reason.hasPrefix("身份证号校验位错误") })
        #expect(preview.held[0].reason.hasPrefix("同一身份证号出现在两户"))
        // The store is unchanged until the commit.
        #expect(try store.outreachHouseholds(on: Self.d("2025-04-01")).isEmpty)
        #expect(try store.auditCount() == auditBefore)
        // A duty lawyer may not import: refused, nothing written.
        #expect(throws: PermissionDenied.self) { try store.commitOutreachImport(plan, Self.meta("2025-04-01"), role: lawyer.role, by: lawyer.id) }
        #expect(try store.outreachHouseholds(on: Self.d("2025-04-01")).isEmpty)

        let done = try store.commitOutreachImport(plan, Self.meta("2025-04-01"), role: reviewer.role, by: reviewer.id)
        let batch = try #require(done.batchID)
        let households = try store.outreachHouseholds(town: "青口镇", on: Self.d("2025-04-01"))
        #expect(households.count == 590)
        #expect(households.reduce(0) { $0 + $1.members } == 1180)
        #expect(households.allSatisfy { $0.groups == ["DB"] && !$0.headIDMasked.contains("1930") })
        let entries = try store.recentAudit(limit: 100_000).filter { $0.entity == "outreach_batch" }
        #expect(entries.count == 1)
        #expect(entries[0].detail.hasPrefix("导入民政名单：青口镇低保名单2025Q1.xlsx，共 1200 行，导入 1180 人"))
        let issues = try store.outreachImportIssues(batchID: batch)
        #expect(issues.filter { $0.kind == "held" }.count == 17 && issues.filter { $0.kind == "rejected" }.count == 3)
        #expect(issues.allSatisfy { !$0.issue.idMasked.contains("1955030") })
        // Re-importing the same list changes nothing.
        let again = try store.previewOutreachImport(plan, Self.meta("2025-07-01"))
        #expect(again.new.isEmpty && again.changed.isEmpty && again.gone.isEmpty && again.unchanged == 1180)
    }

    @Test("XLSX 读取：DEFLATE 压缩、共享字符串（含富文本）、按工作簿顺序取第一张表、空行与实体")
    func deflatedWorkbook() throws {
        let data = Data(base64Encoded: "UEsDBBQAAAAIAFmVg12x95KgDgEAALYCAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbK1SzU4CMRC++xRNr2TblYMxhl0OqEc1ER9gbGd3G/qXTkF4e8uCxhiUC6dJ+/1mMrP51lm2wUQm+IZfi5oz9Cpo4/uGvy0fq1vOKIPXYIPHhu+Q+Ly9mi13EYkVsaeGDznHOylJDeiARIjoC9KF5CCXZ+plBLWCHuW0rm+kCj6jz1Xee/B2do8drG1mD9vyfSiS0BJniwNxn9VwiNEaBbngcuP1r5TqmCCKcuTQYCJNCoHLkwl75O+Ao+65bCYZjewFUn4CV1hya+VHSKv3EFbif5MTLUPXGYU6qLUrEkExIWgaELOzYpzCgfGT8/kjmeQ4phcu8u1/pgcNkFC/5lSuhS6+jB/eXz3keHbtJ1BLAwQUAAAACABZlYNdHEn3vqQAAAAWAQAACwAAAF9yZWxzLy5yZWxzjc/BDsIgDAbgVyG9O6YHY8zYLsZkVzMfAFnHyAYlgDrfXo7OePDY9P+/plWz2Jk9MERDTsC2KIGhU9QbpwVcu/PmAE1dXXCWKSfiaHxkueKigDElf+Q8qhGtjAV5dHkzULAy5TFo7qWapEa+K8s9D58GrE3W9gJC22+BdS+P/9g0DEbhidTdoks/TnwlsiyDxiRgmfmTwnQjmoqMAq8rvnqwfgNQSwMEFAAAAAgAWZWDXTP6zH7LAAAAEwEAAA8AAAB4bC93b3JrYm9vay54bWyNjzFuwzAMRa8icE/kdEgLw3aWoID39gCqTdtCLNEglbY36NYAATp66jmCXCYdcosKTrJnIolPvs+frT5dr96RxZLPYTFPQKGvqLa+zeH15Xn2BKsi+yDevBFtVNz2kkMXwpBqLVWHzsicBvRRaYidCXHkVsvAaGrpEIPr9UOSLLUz1sOFkPI9DGoaW+Gaqq1DHy4Qxt6E+Kt0dhAosslBrlV54zCH87j/2/2ef75Oh+/TcQQ1iWUd84Hi1MaGy/oRdJHp272+RSz+AVBLAwQUAAAACABZlYNdhjYiobgAAABUAQAAGgAAAHhsL19yZWxzL3dvcmtib29rLnhtbC5yZWxzjZDLCgIxDEV/pWTvZHShIlY3Irj18QGlk5kO47Qlqa+/twi+wIWrkMc9udz58tof1ZlY2uA1DIsSFHkbqtY3Gg779WAKy8V8S0eT8oW4NorKEi8aXEpxhijWUW+kCJF83tSBe5Nyyw1GYzvTEI7Kcoz8yYBvptpUGnhTTUDtb5H+YYe6bi2tgj315NOPF3gJ3IkjShlquKGk4TUSfJRRkamAv81Mn2aub4A4w1TtEud85CnGr3gWd1BLAwQUAAAACABZlYNdMMuZAnoBAABtAwAAFAAAAHhsL3NoYXJlZFN0cmluZ3MueG1slVPLSgMxFP2VIQt3Y5Jp63M6BRVduFHQhcuxjXag83CSistWFIViaxVdOVBRcOEb1BZr8WcmM/UvjBWKImiEEJJzz8nJySV6ZsMuKOvEp5brpAEeREAhTtbNWc5qGiwuTKsjIGPolDJFEB2aBnnGvDEIaTZPbJMOuh5xRGXF9W2Tia2/CqnnEzNH84QwuwA1hIagbVoOULJu0WHCJAmUomOtFclkHxAWlqH3TMaoZ2ZJGohTKPHXCTCi3Wb8csxrTR0yQ4cfzN/ZYavNLw75/p6UgG9fRXf17vNl2O4Ik7hRlpPdPPHn67BT40FJShB2quFr0L0tyyaZn1URwt+pvhhzYlqGAuytmBFXK58kv1dnRnS62a3c97G/fN6CA147ezvaiU7ueeMxCuqJuL2lDJi2N66ErRN+/iB135kldWpC1ZCWUlESD8tn1OQaG1TjixLfvpNi/wyVEqGkpAkNDWsYjyYTKIU1jPDIv2Qp0TSExTN8kUHxg4x3UEsDBBQAAAAIAFmVg12oyI0JGAEAAH8CAAAYAAAAeGwvd29ya3NoZWV0cy9zaGVldDIueG1sbZJNTsQgFMev0rB3+LCd6RjKRB29gHoA0sEpsYUGSMelG7fewLVbL6VeQ+Yj9ZW4473fH/jlAV89d202KOe1NRWiM4IyZWq70WZboYf727MSrQTfWffkG6VCFuPGV6gJob/A2NeN6qSf2V6ZSB6t62SIpdti3zslN4dNXYsZIXPcSW2Q4IfeWgYpuLO7zMVrY7feLy4pykKFfKwHQTgeBMf1iV1BRqfsGjI2ZWvIzqfsBrJ8ZDh6jXJslGMgXCRykM0TOchoagfhIrGDrPzfLh/tchBeJnZHpk2rjboLLma0FzyI7/e3n4+Xr9dPjkPM75t/2qcDD/E4OUYWjNJlQQgllBFWJrL5cfiEFSSnqS0Gj47H3yR+AVBLAwQUAAAACABZlYNd3IfFslUAAABxAAAAGAAAAHhsL3dvcmtzaGVldHMvc2hlZXQxLnhtbLMpzy/KLs5ITS2xswFTLokliXY2RfnlCkW2SoZKdjbJIIajoZJCia1SZl5OZl5qcEkRUDyz2M6mxO7llJkvFq6w0Qdq1weJ6CcDMVA3kEQyTh9hCwBQSwECFAMUAAAACABZlYNdsfeSoA4BAAC2AgAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAIAFmVg10cSfe+pAAAABYBAAALAAAAAAAAAAAAAACAAT8BAABfcmVscy8ucmVsc1BLAQIUAxQAAAAIAFmVg10z+sx+ywAAABMBAAAPAAAAAAAAAAAAAACAAQwCAAB4bC93b3JrYm9vay54bWxQSwECFAMUAAAACABZlYNdhjYiobgAAABUAQAAGgAAAAAAAAAAAAAAgAEEAwAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHNQSwECFAMUAAAACABZlYNdMMuZAnoBAABtAwAAFAAAAAAAAAAAAAAAgAH0AwAAeGwvc2hhcmVkU3RyaW5ncy54bWxQSwECFAMUAAAACABZlYNdqMiNCRgBAAB/AgAAGAAAAAAAAAAAAAAAgAGgBQAAeGwvd29ya3NoZWV0cy9zaGVldDIueG1sUEsBAhQDFAAAAAgAWZWDXdyHxbJVAAAAcQAAABgAAAAAAAAAAAAAAIAB7gYAAHhsL3dvcmtzaGVldHMvc2hlZXQxLnhtbFBLBQYAAAAABwAHAM0BAAB5BwAAAAA=")!
        let rows = try Spreadsheet.rows(data: data, fileName: "赣榆区民政局.xlsx")
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[0].fields == ["户编号", "户主姓名", "公民身份号码", "家庭住址", "低保证号"])
        #expect(rows[1].fields == ["QK-001", "王桂英", "320721194305121018", "青口镇朱堵村3组 & 东头", "GY-DB-2025-0417"])
        #expect(rows[2].fields == ["QK-002", "李秀兰", "320721195001012028", "", "20250418"])
        #expect(throws: Spreadsheet.ReadError.self) { try Spreadsheet.rows(data: Data("不是表格".utf8), fileName: "坏.xlsx") }
        var truncated = data
        truncated.removeLast(200)
        #expect(throws: Spreadsheet.ReadError.self) { try Spreadsheet.rows(data: truncated, fileName: "截断.xlsx") }
    }

    @Test("季度复核：李某不在新名单中，DB 标签于导入日终止；已作出的决定不变，新的筛查不再看到 DB")
    func lapsedTagOnReimport() throws {
        let dir = TempDir()
        let (store, centre, reviewer, _) = try Self.ganyuStore(dir)
        let li = validID("320721", "19580211", 31), wang = validID("320721", "19430512", 12)
        let q1 = [Self.header, ["1", "QK-001", "王桂英", wang, "户主", "青口镇朱堵村3组", "GY-DB-2025-0417"],
                  ["2", "QK-002", "李某", li, "户主", "青口镇朱堵村5组", "GY-DB-2025-0418"]]
        let csv = q1.map { CSV.line($0) }.joined(separator: "\r\n")
        try store.commitOutreachImport(try Self.plan(Data(csv.utf8), name: "青口镇低保名单2025Q1.csv"), Self.meta("2025-01-05", file: "Q1.csv"),
                                       role: reviewer.role, by: reviewer.id)
        // 李某's need becomes an application screened exempt on his 低保 status.
        let need = try store.registerNeed(NeedInput(person: .identified(name: "李某", idNumber: li, phone: nil), channel: .civilAffairsCounter,
                                                    registeredOn: Self.d("2025-03-03"), registeredBy: "青口镇民政救助窗口",
                                                    summary: "工资被拖欠八个月", needType: .wages),
                                          calendar: outreachCalendar, role: reviewer.role, by: reviewer.id)
        let converted = try store.convertNeed(need.needNo, to: .application(stationID: centre.id!, centreID: centre.id!, kind: .civil),
                                              on: Self.d("2025-03-04"), screen: { p in
            #expect(p.basis.groups == ["subsistence_allowance"])
            return NeedScreening(route: "application", inScope: true, economicCheck: "exempt", priority: "none", provideFirst: false,
                                 explanation: ["社会救助对象免予核查（法律援助法第四十二条第二项）"])
        }, role: reviewer.role, by: reviewer.id)
        let caseID = try #require(converted.caseID)
        #expect(try store.applicant(id: converted.prefill.applicantID)?.groups == ["subsistence_allowance"])

        let q2 = [Self.header, q1[1]]
        let plan = try Self.plan(makeXLSX(q2), name: "青口镇低保名单2025Q2.xlsx")
        let preview = try store.previewOutreachImport(plan, Self.meta("2025-04-02", file: "Q2.xlsx"))
        #expect(preview.gone.map(\.name) == ["李某"])
        #expect(preview.gone[0].detail == "不在本次名单中，群体标签于 2025-04-02 终止")
        try store.commitOutreachImport(plan, Self.meta("2025-04-02", file: "Q2.xlsx"), role: reviewer.role, by: reviewer.id)

        let household = try store.outreachHousehold(try #require(need.householdNo), on: Self.d("2025-04-02"))
        let tag = try #require(household.members.first?.tags.first)
        #expect(tag.code == "DB" && tag.validTo == "2025-04-02" && !tag.valid)
        let facts = try store.convertedCaseFacts(caseID)
        #expect(facts.economicCheck == "exempt" && facts.step == "applied")
        #expect(try store.needPrefill(need.needNo, on: Self.d("2025-04-02")).basis.groups.isEmpty)
        #expect(try store.applicant(id: converted.prefill.applicantID)?.groups == [])
        // 王桂英 stays.
        #expect(try store.outreachHouseholds(group: .DB, on: Self.d("2025-04-02")).map(\.headName) == ["王桂英"])
    }

    @Test("民政柜台登记张建国（肢体一级）2025-09-26：首次联系 09-29 到期（09-28 调休上班），09-29 今日到期，09-30 逾期")
    func counterRegistrationClock() throws {
        let dir = TempDir()
        let (store, _, reviewer, _) = try Self.ganyuStore(dir)
        let id = validID("320721", "19680704", 77)
        let need = try store.registerNeed(
            NeedInput(person: .identified(name: "张建国", idNumber: id, phone: "13905181234"), channel: .civilAffairsCounter,
                      registeredOn: Self.d("2025-09-26"), registeredBy: "宿迁市民政救助中心窗口",
                      summary: "工伤后单位不支付伤残补助金，行动不便需上门", needType: .workInjury,
                      tag: GroupTag(code: .ZDCJ, evidenceKind: .disabilityCertificate, evidenceNo: id + "41", validFrom: Self.d("2019-06-01"))),
            calendar: outreachCalendar, role: reviewer.role, by: reviewer.id)
        #expect(need.firstContactDue == "2025-09-29")
        #expect(need.idMasked == PrivacyPolicy.maskIDNumber(id))
        #expect(try store.need(need.needNo, today: Self.d("2025-09-29")).clock == "⚠ 今日到期")
        let late = try store.need(need.needNo, today: Self.d("2025-09-30"))
        #expect(late.overdue && late.clock == "‼ 逾期 1 天")
        let prefill = try store.needPrefill(need.needNo, on: Self.d("2025-09-29"))
        #expect(prefill.basis.groups == ["disabled_severe"])
        #expect(prefill.basis.evidence[0].contains("肢体一级"))
        // A certificate that is not his own is refused at the field, and nothing is written.
        let count = try store.needs(today: Self.d("2025-09-29")).count
        #expect(throws: StoreError.self) {
            try store.registerNeed(NeedInput(person: .identified(name: "张建国", idNumber: id, phone: nil), channel: .civilAffairsCounter,
                                             registeredOn: Self.d("2025-09-26"), summary: "再次登记", needType: .other,
                                             tag: GroupTag(code: .SCJR, evidenceKind: .disabilityCertificate,
                                                           evidenceNo: validID("320721", "19700101", 5) + "41", validFrom: Self.d("2019-06-01"))),
                                   calendar: outreachCalendar, role: reviewer.role, by: reviewer.id)
        }
        #expect(try store.needs(today: Self.d("2025-09-29")).count == count)
    }

    @Test("时效将届满：当日到期、带‼标记；转申请时预标先行提供候选（法律援助法第四十四条第一项）")
    func urgentNeedConversion() throws {
        let dir = TempDir()
        let (store, centre, reviewer, _) = try Self.ganyuStore(dir)
        let need = try store.registerNeed(
            NeedInput(person: .identified(name: "刘德胜", idNumber: validID("320721", "19790909", 3), phone: nil), channel: .hotline,
                      registeredOn: Self.d("2025-09-26"), summary: "劳动仲裁时效 5 日后届满，公司拖欠工资", needType: .wages,
                      urgency: .limitationExpiring),
            calendar: outreachCalendar, role: reviewer.role, by: reviewer.id)
        #expect(need.firstContactDue == "2025-09-26")
        #expect(need.flag?.hasPrefix("‼ 紧急：时效将届满") == true)
        let done = try store.convertNeed(need.needNo, to: .application(stationID: centre.id!, centreID: centre.id!, kind: .civil),
                                         on: Self.d("2025-09-26"), screen: { _ in
            NeedScreening(route: "application", inScope: true, economicCheck: "required", priority: "none", provideFirst: false,
                          explanation: ["追索劳动报酬属于法律援助事项（法律援助法第三十一条第五项）"])
        }, role: reviewer.role, by: reviewer.id)
        #expect(done.provideFirstCandidate)
        #expect(try store.convertedCaseFacts(try #require(done.caseID)).provideFirst)
        #expect(done.need.disposition == "转申请" && done.need.flag == nil)
        #expect(done.need.screeningNote.contains("先行提供候选：时效将届满（法律援助法第四十四条第一项）"))
        // Converting twice is refused.
        #expect(throws: StoreError.self) {
            try store.convertNeed(need.needNo, to: .consultation(stationID: centre.id!), on: Self.d("2025-09-26"),
                                  screen: { _ in fatalError("不应筛查") }, role: reviewer.role, by: reviewer.id)
        }
    }

    @Test("走访：按手印并代签须有代签人姓名和有效身份证号（存脱敏），下次随访按风险等级；联系卡保存印制内容")
    func visitAndCard() throws {
        let dir = TempDir()
        let (store, _, reviewer, _) = try Self.ganyuStore(dir)
        let wang = validID("320721", "19430512", 12)
        let csv = [Self.header, ["1", "QK-001", "王桂英", wang, "户主", "青口镇朱堵村3组", "GY-DB-2025-0417"]].map { CSV.line($0) }.joined(separator: "\n")
        try store.commitOutreachImport(try Self.plan(Data(csv.utf8), name: "名单.csv"), Self.meta("2025-01-05"), role: reviewer.role, by: reviewer.id)
        let no = try #require(try store.outreachHouseholds(on: Self.d("2025-03-10")).first?.householdNo)
        #expect(no == "320707-2025-000001")
        try store.setOutreachRisk(no, .high, role: reviewer.role, by: reviewer.id)
        try store.recordOutreachConsent(no, on: Self.d("2025-03-10"), note: "本人口头同意，儿媳在场", role: reviewer.role, by: reviewer.id)
        var input = OutreachVisitInput(householdNo: no, visitedOn: Self.d("2025-03-10"), mode: .home, visitors: ["周敏", "网格员赵强"],
                                       legalEducation: "讲解赡养义务", knowsLegalAid: false, signature: .thumbprintWithProxy,
                                       proxyName: "王小红", proxyIDNumber: nil)
        #expect(throws: StoreError.invalidInput(field: "proxyIDNumber", message: "代签人身份证号无效或未填写")) {
            try store.recordOutreachVisit(input, calendar: outreachCalendar, role: reviewer.role, by: reviewer.id)
        }
        let proxyID = validID("320721", "19750620", 44)
        input.proxyIDNumber = proxyID
        input.needs = [NeedInput(person: .applicant(0), channel: .homeVisit, registeredOn: Self.d("2025-03-10"),
                                 summary: "儿子拒付赡养费", needType: .support)]
        let wangID = try #require(try store.outreachHousehold(no, on: Self.d("2025-03-10")).members.first?.applicantID)
        input.needs[0].person = .applicant(wangID)
        let visit = try store.recordOutreachVisit(input, calendar: outreachCalendar, role: reviewer.role, by: reviewer.id)
        #expect(visit.nextVisitDue == "2025-06-10")
        #expect(visit.proxy == "王小红（\(PrivacyPolicy.maskIDNumber(proxyID))）")
        #expect(visit.needNos.count == 1)
        let card = try store.issueContactCard(no, on: Self.d("2025-03-10"), method: .home, recipient: "王桂英",
                                              printedContent: "赣榆区法律援助中心 12348；青口镇工作站 每周二、四值班", role: reviewer.role, by: reviewer.id)
        #expect(card.cardNo == "LXK-2025-00001")
        let detail = try store.outreachHousehold(no, on: Self.d("2025-03-10"))
        #expect(detail.listing.risk == "高" && detail.listing.consentRecorded && detail.listing.cardNo == "LXK-2025-00001")
        #expect(detail.listing.nextVisitDue == "2025-06-10" && detail.listing.openNeeds == 1)
        #expect(detail.needs[0].firstContactOn == "2025-03-10")
    }
}

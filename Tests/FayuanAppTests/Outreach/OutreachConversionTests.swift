import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import Testing
@testable import FayuanApp

@Suite("政策找人：需求转申请（规则库筛查看到群体标签）") struct OutreachConversionTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func id(_ birth: String, _ seq: Int) -> String {
        let first17 = "320721" + birth + String(String(seq + 1000).suffix(3))
        return first17 + String(IDNumber.checkCharacter(for: Array(first17)))
    }

    @Test("王桂英（82 岁、独居、低保，儿子拒付赡养费）：2025-03-10 走访登记需求，转申请；免予核查（第四十二条第二项，低保证号），事项范围两项依据均引用")
    func wangGuiying() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let rules = fixture.environment.rules
        let centre = try store.addStation(Station(code: "320707000", name: "赣榆区公共法律服务中心", kind: .countyCentre), by: nil)
        let reviewer = try store.addOperator(Operator(name: "审查员周敏", role: .reviewer, stationID: centre.id), by: nil)
        let wang = Self.id("19420512", 12)
        let csv = ["户编号,户主姓名,公民身份号码,与户主关系,家庭住址,低保证号",
                   "QK-001,王桂英,\(wang),户主,青口镇朱堵村3组,GY-DB-2025-0417"].joined(separator: "\n")
        let rows = try Spreadsheet.rows(data: Data(csv.utf8), fileName: "青口镇低保名单2025Q1.csv")
        let plan = OutreachListPlan.check(rows: Array(rows.dropFirst()), mapping: .detect(header: rows[0].fields),
                                          defaultGroup: .DB, evidenceKind: .civilAffairsData)
        try store.commitOutreachImport(plan, OutreachImportMeta(source: .civilAffairsList, town: "青口镇", regionCode: "320707",
                                                                fileName: "青口镇低保名单2025Q1.csv", fileDigest: "测试",
                                                                importedOn: Self.d("2025-01-05")),
                                       role: reviewer.role, by: reviewer.id)
        let household = try #require(try store.outreachHouseholds(on: Self.d("2025-03-10")).first)
        let person = try #require(try store.outreachHousehold(household.householdNo, on: Self.d("2025-03-10")).members.first)
        try store.addOutreachTag(applicantID: person.applicantID, GroupTag(code: .GL, evidenceKind: .civilAffairsData,
                                 evidenceNo: "高龄津贴 GY-GL-0331", validFrom: Self.d("2022-05-12")),
                                 source: .civilAffairsList, role: reviewer.role, by: reviewer.id)
        try store.addOutreachTag(applicantID: person.applicantID, GroupTag(code: .KGDJ, evidenceKind: .civilAffairsData,
                                 evidenceNo: "青口镇独居老人登记 0031", validFrom: Self.d("2024-01-01")),
                                 source: .gridSurvey, role: reviewer.role, by: reviewer.id)
        let visit = try store.recordOutreachVisit(
            OutreachVisitInput(householdNo: household.householdNo, visitedOn: Self.d("2025-03-10"), mode: .home,
                               visitors: ["周敏", "法律明白人王强"], signature: .thumbprint,
                               needs: [NeedInput(person: .applicant(person.applicantID), channel: .homeVisit,
                                                 registeredOn: Self.d("2025-03-10"), summary: "儿子拒绝支付赡养费",
                                                 needType: .support)]),
            calendar: rules.calendar, role: reviewer.role, by: reviewer.id)
        let needNo = try #require(visit.needNos.first)

        let conversion = try store.convertNeed(needNo, to: .application(stationID: centre.id!, centreID: centre.id!, kind: .civil),
                                               on: Self.d("2025-03-10"), screen: { prefill in
            try OutreachScreening.screen(prefill, rules: rules, region: "320707")
        }, role: reviewer.role, by: reviewer.id)
        #expect(conversion.prefill.name == "王桂英")
        #expect(conversion.prefill.basis.tags.map(\.code) == [.DB, .GL, .KGDJ])
        let screening = try #require(conversion.screening)
        #expect(screening.economicCheck == "exempt")
        #expect(screening.inScope)
        let text = screening.explanation.joined(separator: "\n")
        #expect(screening.explanation[0] == "经济困难状况：免予核查（依据：低保对象（民政数据，低保证号 GY-DB-2025-0417）；高龄老人（民政数据，证明编号 高龄津贴 GY-GL-0331）；孤寡/空巢独居老人（民政数据，证明编号 青口镇独居老人登记 0031））")
        #expect(text.contains("（法律援助法第四十二条第二项）"))
        #expect(text.contains("取消法律援助事项范围限制（赣司〔2021〕7号 二（三））"))
        #expect(text.contains("（江苏省法律援助条例第十九条第一项）"))
        let facts = try store.convertedCaseFacts(try #require(conversion.caseID))
        #expect(facts.economicCheck == "exempt" && facts.cause == "support_payment" && facts.step == "applied")
        #expect(!facts.provideFirst)
        // The person's stored groups now carry the tags, so later screens of this person see them.
        #expect(try store.applicant(id: person.applicantID)?.groups == ["elderly_advanced", "elderly_alone", "subsistence_allowance"])
        let need = try store.need(needNo, today: Self.d("2025-03-10"))
        #expect(need.disposition == "转申请" && need.caseID == conversion.caseID)
        #expect(need.screeningNote.contains("法律援助法第四十二条第二项"))
    }
}

import Testing
@testable import FayuanCore

@Suite struct IntakeRulesTests {
    @Test func perCapitaIncomeRoundsHalfUpToTheFen() {
        #expect(HouseholdIncome(householdSize: 3, monthlyTotalFen: 300_000)?.perCapitaFen == 100_000)
        #expect(HouseholdIncome(householdSize: 3, monthlyTotalFen: 100_000)?.perCapitaFen == 33_333)
        #expect(HouseholdIncome(householdSize: 3, monthlyTotalFen: 20_000)?.perCapitaFen == 6_667)
        #expect(HouseholdIncome(householdSize: 2, monthlyTotalFen: 1)?.perCapitaFen == 1)
        #expect(HouseholdIncome(householdSize: 0, monthlyTotalFen: 100) == nil)
        #expect(HouseholdIncome(householdSize: 1, monthlyTotalFen: -1) == nil)
        #expect(HouseholdIncome(householdSize: 4, monthlyTotalFen: 912_000)?.perCapitaYuan == 2280)
        #expect(HouseholdIncome.yuanText(fen: 100_005) == "1000.05元")
    }

    @Test func checklistFollowsCauseAndHardshipEvidence() {
        let labour = DocumentChecklist.documents(kind: .civil, cause: "labor_remuneration", hardshipEvidence: .commitment)
        #expect(labour.map(\.id) == ["identity", "household", "application_form", "hardship_commitment", "labor_proof",
                                     "wage_arrears", "dispute_evidence"])
        let traffic = DocumentChecklist.documents(kind: .civil, cause: "traffic_accident", hardshipEvidence: .certificate)
        #expect(traffic.contains { $0.label == "交通事故认定书" })
        #expect(traffic.contains { $0.id == "hardship_certificate" })
        #expect(!traffic.contains { $0.id == "hardship_commitment" })
        let criminal = DocumentChecklist.documents(kind: .criminal, cause: "labor_remuneration", hardshipEvidence: nil)
        #expect(criminal.contains { $0.id == "criminal_documents" })
        #expect(!criminal.contains { $0.id == "labor_proof" })
        // Work injury lists the labour-relationship proof once, not twice.
        let injury = DocumentChecklist.documents(kind: .civil, cause: "work_injury", hardshipEvidence: nil)
        #expect(injury.filter { $0.id == "labor_proof" }.count == 1)
    }

    @Test func conflictNamesAreComparedWithoutSpacesAndWarningsStrongestFirst() {
        #expect(ConflictCheck.normalize(" 李　四 ") == "李四")
        #expect(ConflictCheck.normalize("阿卜杜·热合曼") == "阿卜杜热合曼")
        let lines = ConflictCheck.warnings([
            .init(relation: .applicantWasOpponent, name: "张三丰", caseNumber: "〔2025〕民援字第0007号", isOpen: false),
            .init(relation: .centreClient, name: "李四", caseNumber: nil, isOpen: true),
            .init(relation: .providerClient, name: "李四", caseNumber: "〔2026〕民援字第0003号", isOpen: true),
        ])
        #expect(lines == [
            "⚠ 利益冲突：对方当事人“李四”是拟指派人员正在办理案件的受援人（〔2026〕民援字第0003号）",
            "⚠ 利益冲突提示：对方当事人“李四”是本中心正在办理案件的申请人（申请中）",
            "⚠ 提示：申请人曾是本中心案件（〔2025〕民援字第0007号）的对方当事人",
        ])
    }

    @Test func duplicateWarningIsStrongerForTheSameCause() {
        let open = [DuplicateCheck.OpenCase(caseNumber: "〔2026〕民援字第0001号", stepLabel: "已受理",
                                            cause: "labor_remuneration", causeLabel: "请求支付劳动报酬")]
        #expect(DuplicateCheck.warning(name: "张三丰", openCases: [], cause: "labor_remuneration") == nil)
        #expect(DuplicateCheck.warning(name: "张三丰", openCases: open, cause: "labor_remuneration")
                == "⚠ 重复申请：张三丰已有同一案由的在办案件：〔2026〕民援字第0001号请求支付劳动报酬·已受理")
        #expect(DuplicateCheck.warning(name: "张三丰", openCases: open, cause: "traffic_accident")?.hasPrefix("⚠ 张三丰已有在办案件") == true)
        #expect(DuplicateCheck.openSteps.contains("accepted") && !DuplicateCheck.openSteps.contains("closed"))
    }

    @Test func codeListsHaveOneDefinitionEach() {
        let ids = ConsultationTopic.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ConsultationTopic.all.map(\.label)).count == ids.count)
        for label in ["征地拆迁", "土地权属", "婚姻家庭", "劳动报酬", "入学就医", "社会保障", "交通事故", "其他"] {
            #expect(ConsultationTopic.all.contains { $0.label == label }, "缺少咨询事项：\(label)")
        }
        #expect(ConsultationTopic.all.last?.label == "其他")
        #expect(ReferralKind.stored(.none, department: "") == nil)
        #expect(ReferralKind.stored(.mediation, department: "x") == "mediation")
        #expect(ReferralKind.stored(.otherDepartment, department: " 县人社局 ") == "other_department:县人社局")
    }
}

import Testing
import FayuanCore

@Suite("值班补贴") struct SubsidyTests {
    typealias F = RosterFixture

    /// The hand calculation (泽州: county 200/day, township 300/duty; −10 record, −50 late/early,
    /// −50 dissatisfied/complaint, −150 township spot-check absence; absent day cancelled):
    /// 200 + (200−50) + (300−50−50−10) + (300−150) + 0 + (200−50−50) = 790 元.
    @Test("手工核算：六个班次共 790 元") func handCalculation() {
        let duties = [
            DutyRecord(day: F.d("2026-05-06"), stationName: "县中心", stationKind: .centre),
            DutyRecord(day: F.d("2026-05-07"), stationName: "县中心", stationKind: .centre, late: true),
            DutyRecord(day: F.d("2026-05-12"), stationName: "巴公镇", stationKind: .township, late: true, leftEarly: true, recordIssues: 1),
            DutyRecord(day: F.d("2026-05-19"), stationName: "巴公镇", stationKind: .township, spotCheckAbsences: 1),
            DutyRecord(day: F.d("2026-05-20"), stationName: "县中心", stationKind: .centre, absent: true),
            DutyRecord(day: F.d("2026-05-21"), stationName: "县中心", stationKind: .centre, dissatisfied: 1, complaints: 1),
        ]
        let s = SubsidyCalculator.statement(providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
                                            duties: duties, policy: F.policy)
        #expect(s.lines.map(\.amountFen) == [20_000, 15_000, 19_000, 15_000, 0, 10_000])
        #expect(s.dutyFen == 79_000 && s.totalFen == 79_000 && !s.forfeited)
        #expect(s.lines[2].explanation == [
            "巴公镇值班，乡镇工作站每人次300元", "服务记录缺项或不规范1次，每次扣10元，共扣10元",
            "迟到1次，每次扣50元，共扣50元", "早退1次，每次扣50元，共扣50元"])
        #expect(s.lines[3].explanation.last == "点名抽查无正当理由脱岗（乡镇工作站）1次，每次扣150元，共扣150元")
        #expect(s.lines[4].explanation.last == "值班日不在岗，取消当天补贴并通报")
    }

    @Test("一个月脱岗 3 次：当月补贴不予发放") func forfeit() {
        let duties = (0..<3).map { DutyRecord(day: F.d("2026-05-1\($0 + 1)"), stationName: "县中心", stationKind: .centre, spotCheckAbsences: 1) }
            + [DutyRecord(day: F.d("2026-05-20"), stationName: "县中心", stationKind: .centre)]
        let s = SubsidyCalculator.statement(providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
                                            duties: duties, policy: F.policy)
        #expect(s.forfeited && s.dutyFen == 0)
        #expect(s.notes == ["本月点名抽查脱岗3次（3次及以上），当月值班补贴不予发放"])
        let two = SubsidyCalculator.statement(providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
                                              duties: Array(duties.dropFirst()), policy: F.policy)
        #expect(!two.forfeited && two.dutyFen == 10_000 + 10_000 + 20_000)
    }

    @Test("公职律师值班不予补贴；虚假值班取消当天；扣减以当日补贴为限") func exclusions() {
        let publicLawyer = SubsidyCalculator.statement(
            providerID: 14, providerName: "陈静", providerKind: "public_lawyer", month: "2026-05",
            duties: [DutyRecord(day: F.d("2026-05-06"), stationName: "县中心", stationKind: .centre)], policy: F.policy)
        #expect(publicLawyer.totalFen == 0)
        #expect(publicLawyer.notes.first!.hasPrefix("公职律师值班不予发放补贴"))
        let s = SubsidyCalculator.statement(
            providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
            duties: [DutyRecord(day: F.d("2026-05-06"), stationName: "县中心", stationKind: .centre, falseDuty: true),
                     DutyRecord(day: F.d("2026-05-07"), stationName: "县中心", stationKind: .centre, late: true, leftEarly: true,
                                dissatisfied: 1, spotCheckAbsences: 1)],
            policy: F.policy)
        #expect(s.lines.map(\.amountFen) == [0, 0])
        #expect(s.lines[0].explanation.last == "经核实虚假值班，取消当天补贴并通报")
        #expect(s.lines[1].deductionsFen == 20_000)
        #expect(s.lines[1].explanation.last == "扣减超过当日补贴，以当日补贴200元为限")
    }

    @Test("特殊群体案件补贴：结案、评查合格、未发放过才发 1000 元") func caseSubsidy() {
        let cases = [
            CaseSubsidyCandidate(caseID: 1, caseNumber: "〔2026〕民援字第0001号", specialGroup: true, closedOn: F.d("2026-05-10"), passedQualityReview: true, alreadyPaid: false),
            CaseSubsidyCandidate(caseID: 2, caseNumber: "〔2026〕民援字第0002号", specialGroup: true, closedOn: F.d("2026-05-11"), passedQualityReview: false, alreadyPaid: false),
            CaseSubsidyCandidate(caseID: 3, caseNumber: "〔2026〕民援字第0003号", specialGroup: true, closedOn: F.d("2026-05-12"), passedQualityReview: true, alreadyPaid: true),
            CaseSubsidyCandidate(caseID: 4, caseNumber: "〔2026〕民援字第0004号", specialGroup: false, closedOn: F.d("2026-05-12"), passedQualityReview: true, alreadyPaid: false),
        ]
        let s = SubsidyCalculator.statement(providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
                                            duties: [], cases: cases, policy: F.policy)
        #expect(s.lines.map(\.amountFen) == [100_000, 0, 0, 0])
        #expect(s.caseFen == 100_000)
        #expect(s.lines[1].explanation == ["结案卷宗尚未通过质量评查，评查合格后发放"])
        #expect(s.lines[2].explanation == ["已发放过惠民工程补贴，不重复发放"])
    }

    @Test("季度与金额格式") func quarterAndMoney() {
        #expect(SubsidyCalculator.quarter(ofMonth: "2026-05") == "2026-Q2")
        #expect(SubsidyCalculator.months(ofQuarter: "2026-Q4") == ["2026-10", "2026-11", "2026-12"])
        #expect(Money.yuan(79_000) == "790" && Money.yuan(1_050) == "10.50" && Money.yuan(-5_000) == "−50")
    }
}

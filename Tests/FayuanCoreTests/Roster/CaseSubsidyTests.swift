import Testing
import FayuanCore

/// Ordinary case subsidies by type and stage, and the rule that a special-group case is never paid
/// both the 惠民工程 1 000 元 and the ordinary case subsidy (seed 004 五（二）2).
@Suite("办案补贴与特殊群体案件补贴不重复发放") struct CaseSubsidyTests {
    typealias F = RosterFixture

    static let shanxi = CaseSubsidyRates(id: "shanxi-14", regionPrefix: "14", source: "晋财政法〔2019〕95号",
                                         note: "其他阶段资料中没有", rates: [.init(kind: "civil", stage: "litigation", fen: 100_000),
                                                                        .init(kind: "criminal", stage: "trial", fen: 100_000)])

    static func candidate(_ id: Int64, special: Bool, kind: String = "civil", stage: String? = "litigation") -> CaseSubsidyCandidate {
        CaseSubsidyCandidate(caseID: id, caseNumber: "〔2026〕民援字第000\(id)号", specialGroup: special, closedOn: F.d("2026-05-10"),
                             passedQualityReview: true, alreadyPaid: false, kind: kind, stage: stage)
    }

    /// By hand: case 1 special civil litigation → 1 000 (惠民), no ordinary line (1 000 ≤ 1 000);
    /// case 2 ordinary civil litigation → 1 000 (业务经费); case 3 ordinary criminal prosecution →
    /// no figure in the sources → 0 with the reason; case 4 ordinary, stage not recorded → 0.
    /// Total case subsidy 2 000 元 — the old calculator paid only case 1 (1 000 元).
    @Test("普通案件按类型和阶段发放；特殊群体案件只发惠民工程补贴") func ordinaryAndSpecial() {
        let s = SubsidyCalculator.statement(
            providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05", duties: [],
            cases: [Self.candidate(1, special: true), Self.candidate(2, special: false),
                    Self.candidate(3, special: false, kind: "criminal", stage: "prosecution"),
                    Self.candidate(4, special: false, stage: nil)],
            policy: F.policy, rates: Self.shanxi)
        #expect(s.lines.map(\.caseID) == [1, 2, 3, 4])
        #expect(s.lines.map(\.amountFen) == [100_000, 100_000, 0, 0])
        #expect(s.lines.map(\.fund) == [.huimin, .legalAid, .legalAid, .legalAid])
        #expect(s.caseFen == 200_000)
        #expect(s.lines[0].explanation.last == "办案补贴标准1000元不高于1000元，不另发办案补贴")
        #expect(s.lines[1].explanation == ["2026-05-10 结案，评查合格；民事诉讼案件办案补贴1000元（晋财政法〔2019〕95号）"])
        #expect(s.lines[2].explanation == ["普通案件办案补贴：晋财政法〔2019〕95号没有“审查起诉阶段刑事案件”的标准（其他阶段资料中没有）"])
        #expect(s.lines[3].explanation == ["普通案件办案补贴：未登记办案阶段，不能套用晋财政法〔2019〕95号的标准"])
    }

    /// A county whose ordinary rate is 1 500 元: the special-group case gets 1 000 元 from the fund
    /// and only the 500 元 above it from the legal-aid budget — 1 500 元 in all, never 2 500 元.
    @Test("本地标准高于1000元：特殊群体案件只补足超过部分") func topUp() {
        var rates = Self.shanxi
        rates.rates[0].fen = 150_000
        let s = SubsidyCalculator.statement(providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
                                            duties: [], cases: [Self.candidate(1, special: true)], policy: F.policy, rates: rates)
        #expect(s.lines.map(\.amountFen) == [100_000, 50_000])
        #expect(s.lines.map(\.fund) == [.huimin, .legalAid])
        #expect(s.caseFen == 150_000)
        #expect(Set(s.lines.map(\.key)).count == 2, "两行分属两笔经费，台账各记一行")
    }

    @Test("未签到待核实：不付也不扣，核定前须核实；已说明照常发放") func unverifiedAndExcused() {
        let s = SubsidyCalculator.statement(
            providerID: 11, providerName: "李明", providerKind: "lawyer", month: "2026-05",
            duties: [DutyRecord(shiftID: 1, day: F.d("2026-05-06"), stationName: "县中心", stationKind: .centre, unverified: true),
                     DutyRecord(shiftID: 2, day: F.d("2026-05-07"), stationName: "县中心", stationKind: .centre, excusedReason: "签到机故障"),
                     DutyRecord(shiftID: 3, day: F.d("2026-05-08"), stationName: "县中心", stationKind: .centre, missingSignOut: true)],
            policy: F.policy)
        #expect(s.lines.map(\.amountFen) == [0, 20_000, 15_000])
        #expect(s.lines.map(\.unverified) == [true, false, false])
        #expect(s.lines[1].explanation.last == "未签到，经核实已说明（签到机故障），不按不在岗处理")
        let account = SubsidyLedger.account(s, posted: [], monthApproved: false)
        #expect(account.unverified.map(\.shiftID) == [1])
        #expect(account.due.map(\.amountFen) == [20_000, 15_000])
        #expect(account.state(monthEnded: true) == .unapproved)
        #expect(account.state(monthEnded: false) == .open)
    }

    @Test("时间核对：未来、签退早于签到、抽查不在值班时间") func attendanceValidation() {
        let now = AttendanceValidation.Now(day: F.d("2026-05-06"), time: ClockTime("10:00")!)
        let start = ClockTime("08:30")!, end = ClockTime("17:30")!
        #expect(AttendanceValidation.signIn(day: F.d("2026-06-06"), startsAt: start, endsAt: end, at: start, now: now)
                == "值班日 2026-06-06 还没到，不能登记签到")
        #expect(AttendanceValidation.signIn(day: F.d("2026-05-06"), startsAt: start, endsAt: end, at: ClockTime("08:35")!, now: now) == nil)
        #expect(AttendanceValidation.signOut(day: F.d("2026-05-05"), signIn: ClockTime("09:00")!, at: ClockTime("08:00")!, now: now)
                == "签退时间 08:00 不晚于签到时间 09:00")
        #expect(AttendanceValidation.spotCheck(day: F.d("2026-05-05"), startsAt: start, endsAt: end, at: ClockTime("22:00")!, now: now)
                == "点名抽查时间 22:00 不在值班时间 08:30–17:30 内")
    }
}

import Testing
@testable import FayuanCore

/// The pool rules of round2-capabilities.md §5 (acceptance scenarios 3–6 and the reproducible
/// peer-review panel), as pure functions.
@Suite struct PoolRulesTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    // Scenario 4: 10 hours logged on 2025-07-12 → 8 counted, 2 overflow with a mandatory note.
    @Test func volunteerHoursAreCappedAtEightADayAndTheOverflowNeedsANote() throws {
        let split = VolunteerRules.split(minutes: 600, alreadyCounted: 0)
        #expect(split == .init(countedMinutes: 480, overflowMinutes: 120))
        #expect(throws: PoolInputError.self) {
            try VolunteerRules.validateService(minutes: 600, alreadyCounted: 0, overflowNote: "  ")
        }
        let ok = try VolunteerRules.validateService(minutes: 600, alreadyCounted: 0, overflowNote: "防汛安置点连续接待群众")
        #expect(ok.countedMinutes == 480 && ok.overflowMinutes == 120)
        // A second entry the same day only fills what is left of the 8 hours.
        #expect(VolunteerRules.split(minutes: 180, alreadyCounted: 360) == .init(countedMinutes: 120, overflowMinutes: 60))
        #expect(VolunteerRules.split(minutes: 60, alreadyCounted: 480) == .init(countedMinutes: 0, overflowMinutes: 60))
        #expect(throws: PoolInputError.self) { try VolunteerRules.validateService(minutes: 0, alreadyCounted: 0, overflowNote: nil) }
        #expect(VolunteerRules.minutes(fromHours: "2.5") == 150)
        #expect(VolunteerRules.minutes(fromHours: "10小时") == 600)
        #expect(VolunteerRules.minutes(fromHours: "十") == nil)
        #expect(VolunteerRules.hoursText(150) == "2.5 小时")
    }

    @Test func starsFollowCountedHours() {
        #expect(VolunteerRules.stars(countedMinutes: 99 * 60) == 0)
        #expect(VolunteerRules.stars(countedMinutes: 100 * 60) == 1)
        #expect(VolunteerRules.stars(countedMinutes: 1500 * 60) == 5)
        #expect(VolunteerRules.starText(2) == "★★☆☆☆")
    }

    // Scenario 5: exit requested 2025-06-03 → due 2025-06-24 (15 working days).
    @Test func volunteerExitIsDueFifteenWorkingDaysLater() throws {
        let calendar = HolidayCalendar(years: [HolidayYear(year: 2025, offDays: [Self.d("2025-05-31"), Self.d("2025-06-01"), Self.d("2025-06-02")],
                                                           makeUpWorkdays: [], source: "国务院办公厅通知（端午节，测试）")])
        #expect(try VolunteerRules.exitDue(requestedOn: Self.d("2025-06-03"), calendar: calendar).date == Self.d("2025-06-24"))
        // A year without a published holiday notice gives a provisional date, marked as such.
        #expect(try VolunteerRules.exitDue(requestedOn: Self.d("2031-06-03"), calendar: calendar).provisional)
    }

    @Test func removalIsProposedAtThreeMissedServicesOrThreeComplaints() {
        #expect(VolunteerRules.proposedRemoval(missedServices: 2, qualityComplaints: 2).isEmpty)
        #expect(VolunteerRules.proposedRemoval(missedServices: 3, qualityComplaints: 0) == [.missedServices])
        #expect(VolunteerRules.proposedRemoval(missedServices: 0, qualityComplaints: 4) == [.qualityComplaints])
    }

    // Scenario 3: 3 own cases → 3/5; a "1+1" case where he is mentor only does not count.
    @Test func leadingLawyerCountsOnlyPersonallyHandledCases() {
        let chen: Int64 = 7, young: Int64 = 9
        let cases: [LeadingLawyerQuota.CaseCredit] = [
            .init(caseID: 1, handlerID: chen), .init(caseID: 2, handlerID: chen), .init(caseID: 3, handlerID: chen),
            .init(caseID: 4, handlerID: young, mentorID: chen, mentorPersonally: false),
            .init(caseID: 5, handlerID: 11),
        ]
        let n = LeadingLawyerQuota.personalCount(cases, for: chen)
        #expect(n == 3)
        #expect(LeadingLawyerQuota.figure(count: n, minimum: LeadingLawyerQuota.defaultMinimum) == "3/5")
        let personally = cases + [.init(caseID: 6, handlerID: young, mentorID: chen, mentorPersonally: true)]
        #expect(LeadingLawyerQuota.personalCount(personally, for: chen) == 4)
        // The mentee handles both pair cases: the mentor's mark does not take them from the mentee.
        #expect(LeadingLawyerQuota.personalCount(personally, for: young) == 2)
    }

    @Test func mentorMustBeLeadingOrExperienced() throws {
        #expect(throws: PoolInputError.self) {
            try MentorshipRules.validate(mentorID: 1, menteeID: 1, mentorIsLeading: true, mentorPracticeYears: 20)
        }
        #expect(throws: PoolInputError.self) {
            try MentorshipRules.validate(mentorID: 1, menteeID: 2, mentorIsLeading: false, mentorPracticeYears: 2)
        }
        try MentorshipRules.validate(mentorID: 1, menteeID: 2, mentorIsLeading: true, mentorPracticeYears: nil)
        try MentorshipRules.validate(mentorID: 1, menteeID: 2, mentorIsLeading: false, mentorPracticeYears: 5)
    }

    static let experts: [ReviewPanelDraw.Expert] = [
        .init(providerID: 1, name: "陈志远", firm: "江苏连云律师事务所"),
        .init(providerID: 2, name: "刘海燕", firm: "江苏连云律师事务所"),
        .init(providerID: 3, name: "孙建国", firm: "赣榆正大律师事务所"),
        .init(providerID: 4, name: "周晓梅", firm: "赣榆正大律师事务所"),
        .init(providerID: 5, name: "吴国平", firm: "海州明法律师事务所"),
        .init(providerID: 6, name: "郑丽君", firm: "海州明法律师事务所"),
        .init(providerID: 7, name: "王立新", firm: "连云港公职律师办公室"),
        .init(providerID: 8, name: "赵文静", firm: " 东海德衡律师事务所"),
        .init(providerID: 9, name: "钱明哲", firm: "东海德衡律师事务所"),
    ]

    // "A peer-review panel is drawn reproducibly with the handling lawyer excluded": same seed →
    // same panel; the handler and their firm are never drawn, whatever the seed.
    @Test func panelIsReproducibleAndNeverDrawsTheHandlerOrTheirFirm() throws {
        let handler = ReviewPanelDraw.Handler(providerID: 3, name: "孙建国", firm: "赣榆正大律师事务所 ", partnerIDs: [8])
        let a = try ReviewPanelDraw.draw(pool: Self.experts, size: 3, seed: 20251231, handler: handler)
        let b = try ReviewPanelDraw.draw(pool: Self.experts.reversed(), size: 3, seed: 20251231, handler: handler)
        #expect(a == b)
        #expect(a.members.count == 3)
        #expect(Set(a.recused.map(\.expert.providerID)) == [3, 4, 8])
        #expect(a.recused.first { $0.expert.providerID == 3 }?.reason == "本案承办律师")
        #expect(a.recused.first { $0.expert.providerID == 4 }?.reason == "与承办律师同所（赣榆正大律师事务所）")
        #expect(a.recused.first { $0.expert.providerID == 8 }?.reason == "与承办律师为“1+1”结对")
        var panels = Set<[Int64]>()
        for seed in UInt64(0)..<300 {
            let p = try ReviewPanelDraw.draw(pool: Self.experts, size: 3, seed: seed, handler: handler)
            let ids = p.members.map(\.providerID)
            #expect(!ids.contains(3) && !ids.contains(4) && !ids.contains(8))
            #expect(Set(ids).count == 3)
            panels.insert(ids)
        }
        // Random, not a fixed pick: many different panels over the seeds.
        #expect(panels.count > 20)
    }

    @Test func panelRefusesWhenRecusalLeavesTooFew() {
        let handler = ReviewPanelDraw.Handler(providerID: 1, name: "陈志远", firm: "江苏连云律师事务所")
        #expect(throws: ReviewPanelDraw.DrawError.notEnoughExperts(needed: 8, eligible: 7, recused: 2)) {
            try ReviewPanelDraw.draw(pool: Self.experts, size: 8, seed: 1, handler: handler)
        }
        #expect(throws: ReviewPanelDraw.DrawError.sizeOutOfRange(0)) {
            try ReviewPanelDraw.draw(pool: Self.experts, size: 0, seed: 1, handler: handler)
        }
    }

    // Scenario 6: 400 closed cases at 30 % → 120, stratified civil/criminal.
    @Test func stratifiedSampleKeepsTheMixAndReplays() {
        let civil = (1...250).map(Int64.init), criminal = (251...400).map(Int64.init)
        let s = QualitySampling.drawStratified(strata: ["civil": civil, "criminal": criminal], ratePercent: 30, seed: 2025)
        #expect(s.caseIDs.count == 120)
        #expect(s.perStratum == ["civil": 75, "criminal": 45])
        #expect(s.caseIDs.filter { $0 <= 250 }.count == 75)
        #expect(QualitySampling.drawStratified(strata: ["criminal": criminal.reversed(), "civil": civil], ratePercent: 30, seed: 2025).caseIDs
                == s.caseIDs)
        #expect(QualitySampling.drawStratified(strata: ["civil": civil, "criminal": criminal], ratePercent: 30, seed: 2026).caseIDs
                != s.caseIDs)
    }

    // Scenario 2: a 14-year-old recipient in Jiangsu → 未成年人 specialists first, with the article.
    @Test func minorRecipientPutsFamiliarLawyersFirstWithTheJiangsuArticle() {
        let rule = RecipientFamiliarity.rule(recipientAge: 14, cause: "support_payment", regionCode: "320707")
        #expect(rule?.specialty == .minors)
        #expect(rule?.reason == "未成年受援人（14 周岁），优先指派熟悉的律师，结合受援人意愿（《江苏省法律援助条例》第34条）")
        #expect(RecipientFamiliarity.rule(recipientAge: 30, cause: "support_payment", regionCode: "320707") == nil)
        #expect(RecipientFamiliarity.rule(recipientAge: 30, cause: "domestic_violence", regionCode: "140525")?.reason.contains("山西") == true)
        let candidates: [RotationWheel.Candidate] = [
            .init(providerID: 1, name: "王律师", lastTurn: nil),
            .init(providerID: 2, name: "李律师", lastTurn: 5, registerSpecialties: [.minors]),
            .init(providerID: 3, name: "赵律师", lastTurn: nil, poolExclusion: "已从值班律师库清退：两次警告"),
        ]
        let s = RotationWheel.suggest(.init(cause: "support_payment", causeLabel: "追索抚养费", familiarity: rule), candidates: candidates)
        #expect(s.ranked.map(\.candidate.name) == ["李律师", "王律师"])
        #expect(s.explanation.contains("《江苏省法律援助条例》第34条"))
        #expect(s.excluded.map(\.candidate.name) == ["赵律师"])
        // Without the rule the wheel's own order stands (never had a turn first).
        #expect(RotationWheel.suggest(.init(cause: "support_payment", causeLabel: "追索抚养费"), candidates: candidates)
                .suggested?.candidate.name == "王律师")
    }

    @Test func codesParseFromCodeOrChineseLabel() throws {
        #expect(PoolCode(text: "评查专家库") == .reviewExperts)
        #expect(PoolCode(text: "review_experts") == .reviewExperts)
        #expect(PoolCode(text: "专家") == nil)
        #expect(try ProviderSpecialty.parseList("未成年人，labor").get() == [.minors, .labor])
        #expect(throws: PoolInputError.self) { try ProviderSpecialty.parseList("未成年人,离婚").get() }
        #expect(ProviderSpecialty.labor.covers(cause: "labor_remuneration"))
    }
}

import Testing
@testable import FayuanCore

/// A valid 18-digit resident ID: region + birth date + sequence + the MOD 11-2 check character.
func outreachID(_ region: String = "320721", _ birth: String, _ seq: Int) -> String {
    let first17 = region + birth + String(String(seq + 1000).suffix(3))
    return first17 + String(IDNumber.checkCharacter(for: Array(first17)))
}

@Suite("政策找人 规则") struct OutreachRulesTests {
    static func d(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    /// 2025 国庆/中秋 with the make-up working days 09-28 (Sun) and 10-11 (Sat).
    let calendar: HolidayCalendar = {
        var off = Set<LocalDate>()
        var day = d("2025-10-01")
        while day <= d("2025-10-08") { off.insert(day); day = day.adding(days: 1) }
        return HolidayCalendar(years: [HolidayYear(year: 2025, offDays: off, makeUpWorkdays: [d("2025-09-28"), d("2025-10-11")],
                                                   source: "测试用：国务院办公厅2025年部分节假日安排")])
    }()

    @Test("民政柜台登记张建国（2025-09-26 周五）：首次联系期限 2 个工作日，09-28 调休上班算第 1 天，09-29 到期，09-30 起逾期")
    func counterClockAcrossMakeUpDay() throws {
        let due = try FirstContactClock.due(registeredOn: Self.d("2025-09-26"), urgency: .normal, policy: OutreachPolicy(),
                                            calendar: calendar)
        #expect(due == Self.d("2025-09-29"))
        #expect(FirstContactClock.status(due: due, contactedOn: nil, today: Self.d("2025-09-28")) == .running(daysLeft: 1))
        #expect(FirstContactClock.status(due: due, contactedOn: nil, today: Self.d("2025-09-29")) == .dueToday)
        #expect(FirstContactClock.status(due: due, contactedOn: nil, today: Self.d("2025-09-30")) == .overdue(days: 1))
        #expect(FirstContactClock.status(due: due, contactedOn: nil, today: Self.d("2025-09-30")).text == "‼ 逾期 1 天")
        #expect(FirstContactClock.status(due: due, contactedOn: Self.d("2025-09-29"), today: Self.d("2025-10-09")) == .contacted(onTime: true))
        // Without the make-up day the due date would be 10-09 (after the holiday): the table matters.
        let plain = HolidayCalendar(years: [HolidayYear(year: 2025, offDays: [], makeUpWorkdays: [], source: "无调休")])
        #expect(try FirstContactClock.due(registeredOn: Self.d("2025-09-26"), urgency: .normal, policy: OutreachPolicy(),
                                          calendar: plain) == Self.d("2025-09-30"))
    }

    @Test("时效将届满的需求：当日到期并升级，标为先行提供候选（法律援助法第四十四条第一项），标记用文字不只靠颜色")
    func urgencyEscalates() throws {
        let due = try FirstContactClock.due(registeredOn: Self.d("2025-09-26"), urgency: .limitationExpiring,
                                            policy: OutreachPolicy(), calendar: calendar)
        #expect(due == Self.d("2025-09-26"))
        #expect(NeedUrgency.limitationExpiring.isEscalated)
        #expect(NeedUrgency.limitationExpiring.provideFirstItem == 1)
        #expect(NeedUrgency.preservation.provideFirstItem == 2)
        #expect(NeedUrgency.normal.provideFirstItem == nil && NeedUrgency.normal.flag == nil)
        #expect(NeedUrgency.limitationExpiring.flag!.hasPrefix("‼ 紧急：时效将届满"))
        #expect(NeedUrgency.limitationExpiring.flag!.contains("法律援助法第四十四条第一项"))
    }

    @Test("残疾人证号：18 位身份证号 + 类别 + 等级；…41 为肢体一级，类别、等级、身份证号出错各有说明")
    func disabilityCertificate() throws {
        let id = outreachID("320721", "19700315", 21)
        let cert = try DisabilityCertificateNumber.parse(id + "41").get()
        #expect(cert.label == "肢体一级")
        #expect(cert.isSevere)
        #expect(cert.masked.hasSuffix("41") && !cert.masked.contains(String(id.dropFirst(6).prefix(8))))
        if case .failure(let e) = DisabilityCertificateNumber.parse(id + "81") { #expect(e.message.contains("残疾类别应为 1–7")) } else { Issue.record("类别 8 应被拒绝") }
        if case .failure(let e) = DisabilityCertificateNumber.parse(id + "45") { #expect(e.message.contains("残疾等级应为 1–4")) } else { Issue.record("等级 5 应被拒绝") }
        var bad = Array(id); bad[17] = bad[17] == "0" ? "1" : "0"
        if case .failure(let e) = DisabilityCertificateNumber.parse(String(bad) + "41") { #expect(e.message.contains("校验码错误")) } else { Issue.record("校验位错应被拒绝") }
        // 重度残疾人 needs grade 1–2; the certificate must be the holder's own.
        let third = GroupTag(code: .ZDCJ, evidenceKind: .disabilityCertificate, evidenceNo: id + "43", validFrom: Self.d("2020-01-01"))
        #expect(throws: OutreachInputError.self) { try third.validate(holderID: id) }
        let own = GroupTag(code: .ZDCJ, evidenceKind: .disabilityCertificate, evidenceNo: id + "41", validFrom: Self.d("2020-01-01"))
        try own.validate(holderID: id)
        #expect(throws: OutreachInputError.self) { try own.validate(holderID: outreachID("320721", "19700315", 22)) }
        #expect(own.evidenceText.contains("肢体一级") && own.evidenceText.contains("残疾人证号 3207"))
    }

    @Test("王桂英（低保、高龄、独居）：筛查看到三个群体代码，低保带证号和第四十二条第二项；自述未核实的不算")
    func wangGuiyingBasis() {
        let tags = [
            GroupTag(code: .KGDJ, evidenceKind: .civilAffairsData, evidenceNo: "青口镇独居老人登记 0031", validFrom: Self.d("2024-01-01")),
            GroupTag(code: .DB, evidenceKind: .civilAffairsData, evidenceNo: "GY-DB-2025-0417", validFrom: Self.d("2025-01-01")),
            GroupTag(code: .GL, evidenceKind: .civilAffairsData, evidenceNo: "高龄津贴 2023-118", validFrom: Self.d("2023-05-01")),
            GroupTag(code: .ZB, evidenceKind: .selfDeclared, validFrom: Self.d("2025-03-10")),
        ]
        let basis = OutreachScreeningBasis(tags: tags, on: Self.d("2025-03-10"))
        #expect(basis.tags.map(\.code) == [.DB, .GL, .KGDJ])
        #expect(basis.groups == ["elderly_advanced", "elderly_alone", "subsistence_allowance"])
        #expect(basis.nationalExemption)
        #expect(basis.evidence[0] == "低保对象（民政数据，低保证号 GY-DB-2025-0417）：社会救助对象，有材料证明的免予核查经济困难状况（法律援助法第四十二条第二项）")
        #expect(basis.notCounted == ["重病患者为自述待核实，须核实后方可作为免予核查依据（法律援助法第四十二条：有材料证明）"])
    }

    @Test("低保终止：终止日当天及以后筛查不再看到 DB，之前仍看到")
    func lapsedTag() {
        let tag = GroupTag(code: .DB, evidenceKind: .civilAffairsData, evidenceNo: "GY-DB-2024-0099",
                           validFrom: Self.d("2024-01-01"), validTo: Self.d("2025-07-01"))
        #expect(tag.counts(on: Self.d("2025-06-30")))
        #expect(!tag.counts(on: Self.d("2025-07-01")))
        let basis = OutreachScreeningBasis(tags: [tag], on: Self.d("2025-07-02"))
        #expect(basis.groups.isEmpty && !basis.nationalExemption)
        #expect(basis.notCounted == ["低保对象已于2025-07-01终止，不作为依据"])
    }

    @Test("风险等级决定随访周期：高 3 个月、中 6 个月、低 12 个月；月末顺延到当月最后一天")
    func revisitCycle() {
        let policy = OutreachPolicy()
        #expect(policy.nextVisitDue(after: Self.d("2025-03-10"), risk: .high) == Self.d("2025-06-10"))
        #expect(policy.nextVisitDue(after: Self.d("2025-08-31"), risk: .medium) == Self.d("2026-02-28"))
        #expect(policy.nextVisitDue(after: Self.d("2025-03-10"), risk: .low) == Self.d("2026-03-10"))
    }

    @Test("名单核对：重复身份证号（同户合并、跨户待合并）、校验位错误、缺姓名各按行号说明")
    func listCheck() {
        let header = ["序号", "户编号", "户主姓名", "公民身份号码", "与户主关系", "家庭住址", "低保证号"]
        let mapping = OutreachColumnMapping.detect(header: header)
        #expect(mapping.columns[.name] == 2 && mapping.columns[.idNumber] == 3 && mapping.columns[.householdRef] == 1)
        let a = outreachID("320721", "19430512", 1), b = outreachID("320721", "19500101", 2)
        var wrong = Array(outreachID("320721", "19610203", 3)); wrong[17] = wrong[17] == "1" ? "2" : "1"
        let rows: [(line: Int, fields: [String])] = [
            (2, ["1", "QK-001", "王桂英", a, "户主", "青口镇朱堵村3组", "GY-DB-2025-0417"]),
            (3, ["2", "QK-002", "李秀兰", b, "户主", "青口镇朱堵村5组", "GY-DB-2025-0418"]),
            (4, ["3", "QK-001", "王桂英", a, "户主", "青口镇朱堵村3组", "GY-DB-2025-0417"]),
            (5, ["4", "QK-009", "李秀兰", b, "户主", "青口镇城东社区", "GY-DB-2025-0511"]),
            (6, ["5", "QK-010", "赵有福", String(wrong), "户主", "青口镇", "GY-DB-2025-0600"]),
            (7, ["6", "QK-011", "", a, "户主", "青口镇", ""]),
        ]
        let plan = OutreachListPlan.check(rows: rows, mapping: mapping, defaultGroup: .DB, evidenceKind: .civilAffairsData)
        #expect(plan.totalRows == 6)
        #expect(plan.accepted.map(\.name) == ["王桂英", "李秀兰"])
        #expect(plan.mergedRepeats == 1)
        #expect(plan.held.map(\.rowNumber) == [5])
        #expect(plan.held[0].reason == "同一身份证号出现在两户（QK-002、QK-009），待合并核对")
        #expect(plan.rejected.map(\.rowNumber) == [6, 7])
        #expect(plan.rejected[0].reason.hasPrefix("身份证号校验位错误"))
        #expect(plan.rejected[1].reason == "姓名为空")
        #expect(!plan.rejected[0].idMasked.contains("19610203"))
    }

    @Test("列映射：按列名或第N列改正，未知字段、无此列都说明")
    func mappingCorrections() throws {
        let header = ["姓名", "证件", "住址"]
        var mapping = OutreachColumnMapping.detect(header: header)
        #expect(throws: OutreachInputError.self) { try mapping.requireEssentials() }
        try mapping.apply("证件=id_number,第3列=家庭住址", header: header)
        try mapping.requireEssentials()
        #expect(mapping.columns[.idNumber] == 1 && mapping.columns[.address] == 2)
        #expect(throws: OutreachInputError(field: "--map", message: "名单中没有“户号”这一列")) { try mapping.apply("户号=household_ref", header: header) }
        do { try mapping.apply("证件=身高", header: header); Issue.record("未知字段应被拒绝") } catch { #expect(error.message.hasPrefix("未知的字段“身高”")) }
    }
}

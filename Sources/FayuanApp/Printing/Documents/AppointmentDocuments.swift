import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation

/// What a home visit takes along (round2-capabilities.md §3.4 上门服务包) and the three ledgers of
/// §3.6 (预约登记簿, 上门服务台账, 远程视频服务台账, A4 landscape). Everything comes from the
/// store already masked (ID numbers, phones); the forms are the front desk's own models
/// (IntakeDocuments), pre-filled with what is on file and left with blank signature lines.
public enum AppointmentDocuments {
    /// The applicant's own words, in large print, for an applicant aged 60 or more (大字版).
    public static let largeNoticeAge = 60

    /// The pack for one home-visit booking, in the order it is printed: 上门服务预约单, 路线单
    /// (the day's home visits in time order with the station's duty roster that day), 法律援助申请表,
    /// 经济困难状况说明表（承诺书）, 核查授权书, 收件凭证 (blank rows, filled in on site), and the
    /// large-print 申请人须知 when the applicant is 60 or older.
    public static func homeVisitPack(_ p: HomeVisitPackData, groupLabel: (String) -> String = { $0 },
                                     operatorName: String) -> [PrintedDocument] {
        let a = p.appointment
        let data = printData(p, groupLabel: groupLabel, operatorName: operatorName)
        var docs: [Document] = [appointmentSheet(p), routeSheet(p),
                                IntakeDocuments.applicationFormDocument(data),
                                IntakeDocuments.hardshipStatementDocument(data),
                                verificationAuthorization(data),
                                blankReceipt(p, data)]
        if let age = p.applicantAge, age >= largeNoticeAge { docs.append(applicantNotice(p, data)) }
        return docs.enumerated().map { i, doc in
            PrintedDocument(fileName: "上门服务包-\(a.number)-\(i + 1)-\(doc.title).txt", text: doc.text, document: doc)
        }
    }

    /// The application's particulars as far as they are known before the visit (masked).
    static func printData(_ p: HomeVisitPackData, groupLabel: (String) -> String, operatorName: String) -> PrintData {
        let a = p.appointment
        let person = p.applicant
        var d = PrintData(centreName: p.centreName, stationName: "上门受理（\(a.place)）", operatorName: operatorName,
                          applicantName: person?.name ?? a.personName, idMasked: person?.idNumber ?? "",
                          gender: IntakeLabels.gender(person?.gender), birthDate: person?.birthDate ?? "",
                          phone: person?.phone ?? a.maskedPhone ?? "", address: person?.address ?? a.place,
                          needs: ((person?.needs ?? []).map(\.label) + (a.accessibility.isEmpty ? [] : [a.accessibility])).joined(separator: "、"),
                          summary: a.matterSummary,
                          groups: (person?.groups ?? []).map(groupLabel).joined(separator: "、"))
        d.appliedOn = ""
        return d
    }

    /// 上门服务预约单: who, where, when, why, and the flags the staff must see before leaving.
    static func appointmentSheet(_ p: HomeVisitPackData) -> Document {
        let a = p.appointment
        var fields = [DocumentField("预约编号", a.number), DocumentField("当事人", a.personName),
                      DocumentField("联系电话", a.maskedPhone ?? "")]
        if let proxy = a.proxy {
            fields.append(DocumentField("代约人", "\(proxy.name)（\(proxy.relation)）" + (proxy.phone.map { "，" + PrivacyPolicy.maskPhone($0) } ?? "")))
        }
        fields += [DocumentField("上门地址", a.place), DocumentField("上门时间", "\(PaperDate.chinese(a.day)) \(a.start)–\(a.end)"),
                   DocumentField("服务事项", a.purpose.label), DocumentField("事由摘要", a.matterSummary),
                   DocumentField("无障碍需求", a.accessibility),
                   DocumentField("绿色通道", a.priorityReasons.map(\.label).joined(separator: "、")),
                   DocumentField("预约渠道", "\(a.channel.label)（\(PaperDate.chinese(a.bookedOn))）"),
                   DocumentField("经办人员", p.staffName ?? "")]
        var blocks: [Block] = [.fields(fields)]
        if a.provideFirst, let limitation = a.limitationOn {
            blocks.append(.heading("先行提供"))
            blocks.append(.paragraph("当事人所述时效或期限于\(PaperDate.chinese(limitation))届满，距上门之日不足七日，"
                                     + "可以先行提供法律援助（法律援助法第四十四条第一项）。"))
        }
        blocks.append(.heading("携带材料"))
        blocks.append(.list(["法律援助申请表", "经济困难状况说明表（个人诚信承诺书）", "核查授权书", "收件凭证（一式两份）",
                             "印泥（按手印用）", "工作证"]))
        blocks.append(.paragraph("申请人书写确有困难的，可由他人代签并由申请人按手印，代签人身份证复印件附卷；申请人不识字的，"
                                 + "工作人员应当宣读后由其签字或按手印，并在卷中注明。"))
        return Document(kind: .report, title: "上门服务预约单", number: a.number, issuer: p.centreName, blocks: blocks)
    }

    /// 路线单: the station's home visits that day in time order, and who is on duty there (the
    /// roster) — so the visit does not leave the station unattended.
    static func routeSheet(_ p: HomeVisitPackData) -> Document {
        let a = p.appointment
        let rows = p.route.enumerated().map { i, v in
            ["\(i + 1)", "\(v.start)–\(v.end)", v.number, v.personName, v.place, v.purpose.label,
             v.accessibility.isEmpty ? "—" : v.accessibility]
        }
        var blocks: [Block] = [
            .fields([DocumentField("日期", PaperDate.chinese(a.day)), DocumentField("出发地点", p.stationName + (p.stationAddress.isEmpty ? "" : "（\(p.stationAddress)）"))]),
            .table(DocumentTable(header: ["序", "时间", "预约编号", "当事人", "地址", "事项", "无障碍需求"], rows: rows,
                                 widths: [0.6, 2, 2.6, 1.6, 4, 1.6, 2])),
            .heading("当日值班（值班表）"),
        ]
        if p.dutyOnDay.isEmpty {
            blocks.append(.paragraph("当日本站点没有排班人员：外出上门前请安排人员留守或在门口张贴去向及 12348 热线。"))
        } else {
            blocks.append(.table(DocumentTable(header: ["值班人员", "类别", "时间"],
                                               rows: p.dutyOnDay.map { [$0.providerName, $0.providerKind, "\($0.shift.startsAt)–\($0.shift.endsAt)"] },
                                               widths: [2, 2, 2])))
            blocks.append(.paragraph("上门期间本站点由以上值班人员接待来访。"))
        }
        blocks.append(.signature("出发时间：　　　　　　返回时间：　　　　　　里程：　　　　公里"))
        return Document(kind: .report, title: "上门服务路线单", issuer: p.centreName, blocks: blocks)
    }

    /// 核查授权书: the applicant authorises the centre to verify the declared economic situation.
    static func verificationAuthorization(_ d: PrintData) -> Document {
        Document(kind: .hardshipStatement, title: "经济困难状况核查授权书", issuer: d.centreName, blocks: [
            .fields([DocumentField("授权人", d.applicantName), DocumentField("证件号码", d.idMasked), DocumentField("住址", d.address)]),
            .paragraph("本人申请法律援助，同意并授权\(d.centreName.isEmpty ? "法律援助机构" : d.centreName)向有关部门、单位、村（居）民委员会"
                       + "及个人核查本人及家庭成员的经济状况；核查所得信息仅用于法律援助审查（法律援助法第四十一条、第二十一条）。"),
            .signature(IntakeDocuments.signatureLine("授权人")),
            .signature("代签人（签名）：　　　　　　与申请人关系：　　　　　　身份证号码："),
        ])
    }

    /// 收件凭证 to fill in on site (江苏条例第二十七条第一项: names, number and date of the materials).
    static func blankReceipt(_ p: HomeVisitPackData, _ d: PrintData) -> Document {
        Document(kind: .receipt, title: "法律援助申请材料接收凭证（上门收件）", issuer: p.centreName, blocks: [
            .fields([DocumentField("申请人", d.applicantName), DocumentField("证件号码", d.idMasked),
                     DocumentField("收件地点", p.appointment.place), DocumentField("收件时间", "　　　年　　月　　日　　时　　分")]),
            .table(DocumentTable(header: ["序号", "材料名称", "份数", "原件/复印件"],
                                 rows: (1...6).map { ["\($0)", "", "", ""] }, widths: [1, 5, 1.4, 2.6])),
            .paragraph("以上材料已于上门时当面接收。审查期限自收到申请之日起计算（法律援助法第四十三条）。"),
            .signature("提交人（签名或按手印）：　　　　　　　接收人（签名）："),
        ])
    }

    /// 申请人须知 in large print, for older applicants.
    static func applicantNotice(_ p: HomeVisitPackData, _ d: PrintData) -> Document {
        Document(kind: .report, title: "申请人须知", issuer: p.centreName, blocks: [
            .line("\(d.applicantName)："),
            .list(["今天工作人员上门收下您的申请材料，收件日就是申请日。",
                   "中心自收到申请之日起七日内审查，并告诉您是否给予法律援助。",
                   "期限很近的（例如仲裁、起诉的最后一天），可以先行提供法律援助。",
                   "不会写字的，可以请家人代签，您按手印即可。",
                   "有事请打 12348，或请家人到\(p.stationName.isEmpty ? "法律援助中心" : p.stationName)询问。"]),
        ], largePrint: true)
    }

    // MARK: Ledgers (A4 landscape)

    static func period(_ from: String, _ to: String) -> String {
        "\(PaperDate.chinese(from))至\(PaperDate.chinese(to))"
    }

    public static func appointmentLedger(_ rows: [AppointmentLedgerRow], issuer: String, scope: String, from: String, to: String) -> Document {
        Document(kind: .report, title: "预约登记簿", number: "\(scope) \(period(from, to))", issuer: issuer, blocks: [
            .table(DocumentTable(header: ["预约编号", "登记日期", "渠道", "当事人", "事项", "预约时段", "方式", "经办人", "状态", "结果"],
                                 rows: rows.map { [$0.number, $0.bookedOn, $0.channel, $0.person, $0.purpose, $0.slot, $0.mode, $0.staff, $0.status, $0.outcome] },
                                 widths: [2.4, 1.8, 1.2, 1.8, 1.4, 2.6, 1, 1.2, 1, 3])),
            .line("共 \(rows.count) 条。"),
        ], paper: .a4Landscape)
    }

    public static func homeVisitLedger(_ rows: [HomeVisitLedgerRow], issuer: String, scope: String, from: String, to: String) -> Document {
        Document(kind: .report, title: "上门服务台账", number: "\(scope) \(period(from, to))", issuer: issuer, blocks: [
            .table(DocumentTable(header: ["编号", "日期时间", "地址", "当事人（群体）", "工作人员及协同单位", "服务事项", "收取材料", "签字方式", "后续事项"],
                                 rows: rows.map { [$0.number, $0.day, $0.address, $0.person, $0.staffAndPartner, $0.services, $0.materials, $0.signature, $0.followUp] },
                                 widths: [2.2, 2.2, 2.6, 1.8, 2.2, 1.6, 3, 2.6, 1.8])),
            .line("共 \(rows.count) 次。"),
        ], paper: .a4Landscape)
    }

    public static func remoteSessionLedger(_ rows: [RemoteSessionLedgerRow], issuer: String, scope: String, from: String, to: String) -> Document {
        Document(kind: .report, title: "远程视频服务台账", number: "\(scope) \(period(from, to))", issuer: issuer, blocks: [
            .table(DocumentTable(header: ["编号", "站点", "站点操作员", "中心律师/人员", "起止时间", "类别", "生成记录", "转交单及随寄材料"],
                                 rows: rows.map { [$0.number, $0.station, $0.stationOperator, $0.centreStaff, $0.time, $0.kind, $0.linked, $0.handOver] },
                                 widths: [2.2, 2.4, 1.4, 1.8, 2.6, 1.2, 2.2, 3.4])),
            .line("共 \(rows.count) 次。"),
        ], paper: .a4Landscape)
    }
}

extension AppointmentDocuments {
    /// 电话提醒名单: tomorrow's bookings with whole phone numbers, for staff to ring (the console
    /// sends no SMS). The list came from the audited reveal; it is printed, not shown on screen.
    public static func callList(_ list: [CallListEntry], station: String, day: String) -> Document {
        Document(kind: .report, title: "预约电话提醒名单", number: "\(station) \(PaperDate.chinese(day))", issuer: station, blocks: [
            .table(DocumentTable(header: ["时间", "预约编号", "当事人", "电话", "代约人", "方式", "事项", "提示", "提醒结果"],
                                 rows: list.map { e in
                                     [e.start, e.number, e.personName, e.phone.isEmpty ? "（未留）" : e.phone,
                                      e.proxyName.map { $0 + (e.proxyPhone.map { " " + $0 } ?? "") } ?? "", e.mode.label,
                                      e.purpose.label, (e.tags + (e.accessibility.isEmpty ? [] : [e.accessibility])).joined(separator: "、"), ""]
                                 }, widths: [1.2, 2.6, 1.6, 2.2, 2.4, 1, 1.6, 2.4, 1.6])),
            .line("共 \(list.count) 人。标有“需前一日电话确认”的，请务必电话确认；老年人优先电话提醒。"),
        ], paper: .a4Landscape)
    }
}

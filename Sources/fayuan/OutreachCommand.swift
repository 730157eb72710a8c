import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan outreach import|list|visit|need`: the outreach register (政策找人 建档立卡) for scripts —
/// the same store methods as the console: a 民政/残联 list imported as one audited batch after a
/// preview (diff of new / changed / gone, held and rejected rows with row numbers), households
/// listed with IDs masked, visits and needs recorded, a need turned into a consultation or an
/// application screened by the rule library with the person's tags. JSON on stdout, Chinese on
/// stderr; every subcommand acts as a proven operator.
struct OutreachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach",
        abstract: "政策找人：导入民政/残联名单，建档立卡台账，走访登记，需求登记与转化",
        subcommands: [Import.self, List.self, Visit.self, Need.self, Ledger.self])

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions

        @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则；节假日表、审查规则来自规则库）")
        var rulesDir: String?

        func library() throws -> RuleLibrary {
            do {
                return try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir,
                                                                                   environment: ProcessInfo.processInfo.environment))
            } catch {
                throw CLIOutput.failure("规则文件有误：\(error)")
            }
        }
    }

    /// A date option: valid YYYY-MM-DD, else exit 2 naming the option; nil → today (local).
    static func day(_ text: String?, option: String) throws -> LocalDate {
        guard let text else {
            let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        }
        guard let d = CLIDate.day(text) else { throw CLIOutput.failure("\(option)：日期应为有效的 YYYY-MM-DD：“\(text)”") }
        return d
    }

    /// A code given by its code or its Chinese label; exit 2 listing the choices otherwise.
    static func code<E: CaseIterable & RawRepresentable>(_ text: String, option: String, label: (E) -> String) throws -> E
        where E.RawValue == String {
        if let found = E.allCases.first(where: { $0.rawValue == text || label($0) == text }) { return found }
        throw CLIOutput.failure("\(option)：未知的取值“\(text)”；可用：" + E.allCases.map { "\($0.rawValue)（\(label($0))）" }.joined(separator: "、"))
    }

    static func region(_ store: CaseStore) throws -> String {
        let stations = try StoreCommand.run { try store.stations() }
        return stations.first { $0.kind == .countyCentre }.map { String($0.code.prefix(6)) } ?? ""
    }

    // MARK: import

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "导入民政/残联名单（CSV 或 XLSX）：先预览差异，加 --commit 整批写入（全部或全不），并记审计")
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("名单文件（.csv 为 UTF-8 或 GB18030；.xlsx 读第一张工作表）", valueName: "文件")) var file: String
        @Option(help: ArgumentHelp("来源：civil_affairs_list（民政推送）或 disabled_federation_list（残联推送）", valueName: "来源"))
        var source: String = "civil_affairs_list"
        @Option(help: ArgumentHelp("名单的群体类别代码或名称（无“类别”列时必填），如 DB（低保对象）、重度残疾人", valueName: "群体类别")) var group: String?
        @Option(name: .customLong("evidence-kind"), help: ArgumentHelp("证明依据，默认民政名单为 civil_affairs_data（民政数据）、残联名单为 disability_certificate（残疾人证）", valueName: "证明依据"))
        var evidenceKind: String?
        @Option(help: ArgumentHelp("名单覆盖的乡镇，如 青口镇；复核时只终止该乡镇内不在名单上的标签", valueName: "乡镇")) var town: String?
        @Option(help: ArgumentHelp("列映射更正：列名=字段,…（字段用代码或中文，如 公民身份号码=id_number,第3列=姓名）", valueName: "列映射")) var map: String?
        @Option(help: ArgumentHelp("导入日期 YYYY-MM-DD（新标签自此日起，终止的标签于此日终止；默认今天）", valueName: "日期")) var date: String?
        @Flag(help: "确认写入（不加则只预览，不写入任何数据）") var commit = false

        func run() throws {
            let source = try OutreachCommand.code(self.source, option: "--source") { (s: OutreachSource) in s.label }
            guard source == .civilAffairsList || source == .disabledFederationList else {
                throw CLIOutput.failure("--source：名单导入只接受 civil_affairs_list（民政推送）或 disabled_federation_list（残联推送）")
            }
            let group = try self.group.map { try OutreachCommand.code($0, option: "--group") { (g: OutreachGroup) in g.label } }
            let evidence = try evidenceKind.map { try OutreachCommand.code($0, option: "--evidence-kind") { (k: TagEvidenceKind) in k.label } }
                ?? (source == .disabledFederationList ? .disabilityCertificate : .civilAffairsData)
            let day = try OutreachCommand.day(date, option: "--date")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIOutput.failure("FILE：无法读取名单文件 \(file)")
            }
            let rows: [(line: Int, fields: [String])]
            do { rows = try Spreadsheet.rows(data: data, fileName: file) } catch let error as Spreadsheet.ReadError {
                throw CLIOutput.failure("FILE：\(error.message)")
            }
            guard let header = rows.first else { throw CLIOutput.failure("FILE：名单为空") }
            var mapping = OutreachColumnMapping.detect(header: header.fields)
            do {
                if let map { try mapping.apply(map, header: header.fields) }
                try mapping.requireEssentials()
            } catch {
                throw CLIOutput.failure("\(error.field)：\(error.message)")
            }
            if group == nil && mapping.columns[.group] == nil {
                throw CLIOutput.failure("--group：名单没有“类别”列，请指定群体类别，如 --group DB")
            }
            let plan = OutreachListPlan.check(rows: Array(rows.dropFirst()), mapping: mapping, defaultGroup: group, evidenceKind: evidence)
            let (store, op) = try common.identity.open(common.store, readOnly: !commit, channel: commit ? .importFile : .commandLine)
            let digest = Spreadsheet.sha256Hex(data)
            let meta = OutreachImportMeta(source: source, evidenceKind: evidence, town: town, regionCode: try OutreachCommand.region(store),
                                          stationID: op.stationID, fileName: (file as NSString).lastPathComponent,
                                          fileDigest: digest, importedOn: day)
            let diff = try StoreCommand.run {
                commit ? try store.commitOutreachImport(plan, meta, role: op.role, by: op.id)
                       : try store.previewOutreachImport(plan, meta)
            }
            try StoreCommand.printJSON(ImportOutput(committed: commit, mapping: mapping, diff: diff))
            printError((commit ? "已导入（批次 \(diff.batchID ?? 0)）" : "预览（未写入；确认无误后加 --commit）")
                       + "：共 \(diff.totalRows) 行，导入 \(diff.imported) 人（新增 \(diff.new.count)、变更 \(diff.changed.count)、未变 \(diff.unchanged)），"
                       + "待合并 \(diff.held.count) 行，拒绝 \(diff.rejected.count) 行，终止标签 \(diff.gone.count) 个")
            for issue in diff.rejected.prefix(20) { printError("第 \(issue.rowNumber) 行 \(issue.name)：\(issue.reason)") }
        }
    }

    struct ImportOutput: Encodable {
        var committed: Bool
        var mapping: OutreachColumnMapping
        var diff: OutreachImportDiff

        enum CodingKeys: String, CodingKey { case committed, mapping, batchID, totalRows, imported, new, changed, unchanged, gone, held, rejected, mergedRepeats }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(committed, forKey: .committed)
            var columns: [String: Int] = [:]
            for (field, index) in mapping.columns { columns[field.rawValue] = index + 1 }
            try c.encode(columns, forKey: .mapping)
            try c.encodeIfPresent(diff.batchID, forKey: .batchID)
            try c.encode(diff.totalRows, forKey: .totalRows)
            try c.encode(diff.imported, forKey: .imported)
            try c.encode(diff.new, forKey: .new)
            try c.encode(diff.changed, forKey: .changed)
            try c.encode(diff.unchanged, forKey: .unchanged)
            try c.encode(diff.gone, forKey: .gone)
            try c.encode(diff.held, forKey: .held)
            try c.encode(diff.rejected, forKey: .rejected)
            try c.encode(diff.mergedRepeats, forKey: .mergedRepeats)
        }
    }

    // MARK: list

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "建档立卡台账：按乡镇、群体类别、风险等级列出户档（证件号打码）；--household 显示一户详情")
        @OptionGroup var common: Common
        @Option(help: ArgumentHelp("乡镇，如 青口镇", valueName: "乡镇")) var town: String?
        @Option(help: ArgumentHelp("群体类别代码或名称，如 DB 或 低保对象（只列当日有效标签）", valueName: "群体类别")) var group: String?
        @Option(help: ArgumentHelp("风险等级：high/medium/low 或 高/中/低", valueName: "风险等级")) var risk: String?
        @Option(help: ArgumentHelp("户档编号：显示该户成员、标签、联系卡、走访和需求", valueName: "户档编号")) var household: String?
        @Option(help: ArgumentHelp("以哪一天判断标签是否有效、期限是否到期 YYYY-MM-DD（默认今天）", valueName: "日期")) var date: String?

        func run() throws {
            let day = try OutreachCommand.day(date, option: "--date")
            let group = try self.group.map { try OutreachCommand.code($0, option: "--group") { (g: OutreachGroup) in g.label } }
            let risk = try self.risk.map { try OutreachCommand.code($0, option: "--risk") { (r: OutreachRiskLevel) in r.label } }
            let (store, _) = try common.identity.open(common.store, readOnly: true)
            if let household {
                try StoreCommand.printJSON(try StoreCommand.run { try store.outreachHousehold(household, on: day) })
                return
            }
            let list = try StoreCommand.run { try store.outreachHouseholds(town: town, group: group, risk: risk, on: day) }
            try StoreCommand.printJSON(["households": list])
            printError("共 \(list.count) 户")
        }
    }

    // MARK: visit

    struct Visit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "visit", abstract: "登记走访（随访）：方式、走访人员、签名方式（按手印并代签须有代签人）、发现的需求；下次随访按风险等级计算")
        @OptionGroup var common: Common
        @Option(help: ArgumentHelp("户档编号，如 320707-2025-000001", valueName: "户档编号")) var household: String
        @Option(help: ArgumentHelp("走访日期 YYYY-MM-DD（默认今天）", valueName: "日期")) var date: String?
        @Option(help: ArgumentHelp("走访方式：home（上门）、phone（电话）、video（视频）、meeting（集中座谈）、via_village（委托村居）", valueName: "走访方式"))
        var mode: String = "home"
        @Option(help: ArgumentHelp("走访人员，逗号分隔，如 周敏,网格员赵强", valueName: "走访人员")) var visitors: String
        @Option(help: ArgumentHelp("签名方式：signed（签名）、thumbprint（按手印）、thumbprint_proxy（按手印并由代签人签名）、refused（拒签）、unable（无法签）", valueName: "签名方式"))
        var signature: String = "signed"
        @Option(name: .customLong("signature-note"), help: ArgumentHelp("拒签、无法签的原因", valueName: "原因")) var signatureNote: String = ""
        @Option(name: .customLong("proxy-name"), help: ArgumentHelp("代签人姓名", valueName: "代签人")) var proxyName: String?
        @Option(name: .customLong("proxy-id"), help: ArgumentHelp("代签人身份证号（只保存打码后的号码）", valueName: "代签人证件号")) var proxyID: String?
        @Option(name: .customLong("education"), help: ArgumentHelp("开展的法治宣传内容", valueName: "宣传内容")) var education: String = ""
        @Option(name: .customLong("knows-legal-aid"), help: ArgumentHelp("是否知道法律援助：yes/no（知晓率）", valueName: "是否知晓")) var knowsLegalAid: String?
        @Option(name: .customLong("first-choice"), help: ArgumentHelp("遇到法律问题首先找谁（首选率）", valueName: "首选")) var firstChoice: String = ""
        @Option(help: ArgumentHelp("发现的需求内容（可省略）", valueName: "需求")) var need: String?
        @Option(name: .customLong("need-type"), help: ArgumentHelp("需求类型，如 support（赡养/抚养/扶养）、wages（劳动报酬）", valueName: "需求类型")) var needType: String = "other"
        @Option(help: ArgumentHelp("需求紧急程度：normal（一般）、limitation_expiring（时效将届满）、preservation（需保全）", valueName: "紧急程度")) var urgency: String = "normal"
        @Option(name: .customLong("member"), help: ArgumentHelp("需求所属成员姓名（默认户主）", valueName: "成员")) var member: String?

        func run() throws {
            let day = try OutreachCommand.day(date, option: "--date")
            let mode = try OutreachCommand.code(self.mode, option: "--mode") { (m: OutreachVisitMode) in m.label }
            let signature = try OutreachCommand.code(self.signature, option: "--signature") { (s: VisitSignatureMode) in s.label }
            let knows: Bool?
            switch knowsLegalAid {
            case nil: knows = nil
            case "yes", "是": knows = true
            case "no", "否": knows = false
            default: throw CLIOutput.failure("--knows-legal-aid：应为 yes 或 no")
            }
            let (store, op) = try common.identity.open(common.store)
            let rules = try common.library()
            var needs: [NeedInput] = []
            if let need {
                let type = try OutreachCommand.code(needType, option: "--need-type") { (t: NeedType) in t.label }
                let urgency = try OutreachCommand.code(self.urgency, option: "--urgency") { (u: NeedUrgency) in u.label }
                let detail = try StoreCommand.run { try store.outreachHousehold(household, on: day) }
                let headName = detail.listing.headName
                guard let person = detail.members.first(where: { $0.name == (member ?? headName) }) else {
                    throw CLIOutput.failure("--member：户 \(household) 中没有“\(member ?? headName)”")
                }
                needs.append(NeedInput(person: .applicant(person.applicantID), channel: .homeVisit, registeredOn: day,
                                       registeredBy: op.name, summary: need, needType: type, urgency: urgency))
            }
            let input = OutreachVisitInput(householdNo: household, visitedOn: day, mode: mode,
                                           visitors: visitors.split(separator: ",").map(String.init), legalEducation: education,
                                           knowsLegalAid: knows, firstChoice: firstChoice, signature: signature,
                                           signatureNote: signatureNote, proxyName: proxyName, proxyIDNumber: proxyID, needs: needs)
            let visit = try StoreCommand.run {
                try store.recordOutreachVisit(input, calendar: rules.calendar, role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(visit)
            printError("已登记走访 \(visit.visitNo)，下次随访 \(visit.nextVisitDue)" + (visit.needNos.isEmpty ? "" : "；需求 \(visit.needNos.joined(separator: "、"))"))
        }
    }

    // MARK: need

    struct Need: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "need", abstract: "需求登记：登记（含民政柜台登记，首次联系期限按工作日）、列出、记录首次联系、转咨询或转申请",
                                                        subcommands: [Add.self, List.self, Contact.self, Convert.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "登记需求：首次联系期限自次日起按工作日计算（调休上班日计入），紧急的当日到期")
            @OptionGroup var common: Common
            @Option(help: ArgumentHelp("姓名（与 --id 一起用；已在册的人按身份证号找到）", valueName: "姓名")) var name: String?
            @Option(name: .customLong("id"), help: ArgumentHelp("身份证号", valueName: "身份证号")) var idNumber: String?
            @Option(help: ArgumentHelp("已在册人员的编号（代替 --name/--id）", valueName: "人员编号")) var applicant: Int64?
            @Option(help: ArgumentHelp("联系电话", valueName: "电话")) var phone: String?
            @Option(help: ArgumentHelp("来源渠道，如 civil_affairs_counter（民政柜台登记）、hotline（来电/12348）、station（工作站发现）", valueName: "来源渠道"))
            var channel: String = "civil_affairs_counter"
            @Option(help: ArgumentHelp("登记日期 YYYY-MM-DD（默认今天）", valueName: "日期")) var date: String?
            @Option(name: .customLong("by"), help: ArgumentHelp("登记单位或登记人，如 青口镇民政救助窗口", valueName: "登记单位")) var registeredBy: String = ""
            @Option(help: ArgumentHelp("需求内容", valueName: "需求内容")) var summary: String
            @Option(name: .customLong("type"), help: ArgumentHelp("需求类型，如 support（赡养/抚养/扶养）、wages（劳动报酬）、work_injury（工伤）", valueName: "需求类型")) var needType: String = "other"
            @Option(help: ArgumentHelp("紧急程度：normal、limitation_expiring（时效将届满）、preservation（需保全）", valueName: "紧急程度")) var urgency: String = "normal"
            @Option(help: ArgumentHelp("当场出示的群体类别代码或名称，如 重度残疾人", valueName: "群体类别")) var tag: String?
            @Option(name: .customLong("evidence-kind"), help: ArgumentHelp("证明依据，如 disability_certificate（残疾人证）、self_declared（自述待核实）", valueName: "证明依据"))
            var evidenceKind: String = "self_declared"
            @Option(name: .customLong("evidence-no"), help: ArgumentHelp("证号，如残疾人证号（20 位）", valueName: "证号")) var evidenceNo: String?

            func run() throws {
                let day = try OutreachCommand.day(date, option: "--date")
                let channel = try OutreachCommand.code(self.channel, option: "--channel") { (s: OutreachSource) in s.label }
                let type = try OutreachCommand.code(needType, option: "--type") { (t: NeedType) in t.label }
                let urgency = try OutreachCommand.code(self.urgency, option: "--urgency") { (u: NeedUrgency) in u.label }
                let person: NeedPerson
                if let applicant {
                    person = .applicant(applicant)
                } else {
                    guard let name, let idNumber else { throw CLIOutput.failure("--name/--id：须给出姓名和身份证号，或 --applicant 编号") }
                    person = .identified(name: name, idNumber: idNumber, phone: phone)
                }
                var groupTag: GroupTag?
                if let tag {
                    let code = try OutreachCommand.code(tag, option: "--tag") { (g: OutreachGroup) in g.label }
                    let kind = try OutreachCommand.code(evidenceKind, option: "--evidence-kind") { (k: TagEvidenceKind) in k.label }
                    groupTag = GroupTag(code: code, evidenceKind: kind, evidenceNo: evidenceNo, validFrom: day, lastVerifiedOn: day)
                }
                let (store, op) = try common.identity.open(common.store)
                let rules = try common.library()
                let input = NeedInput(person: person, channel: channel, registeredOn: day, registeredBy: registeredBy, summary: summary,
                                      needType: type, urgency: urgency, tag: groupTag)
                let need = try StoreCommand.run { try store.registerNeed(input, calendar: rules.calendar, role: op.role, by: op.id) }
                try StoreCommand.printJSON(need)
                printError("已登记需求 \(need.needNo)，首次联系期限 \(need.firstContactDue)" + (need.flag.map { "；" + $0 } ?? ""))
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "列出需求及首次联系期限（今日到期、逾期以文字标出）")
            @OptionGroup var common: Common
            @Flag(help: "包括已处理的需求") var all = false
            @Option(help: ArgumentHelp("以哪一天判断期限 YYYY-MM-DD（默认今天）", valueName: "日期")) var date: String?

            func run() throws {
                let day = try OutreachCommand.day(date, option: "--date")
                let (store, _) = try common.identity.open(common.store, readOnly: true)
                let needs = try StoreCommand.run { try store.needs(openOnly: !all, today: day) }
                try StoreCommand.printJSON(["needs": needs])
                printError("共 \(needs.count) 条；今日到期 \(needs.filter(\.dueToday).count) 条，逾期 \(needs.filter(\.overdue).count) 条")
            }
        }

        struct Contact: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "contact", abstract: "记录首次联系")
            @OptionGroup var common: Common
            @Argument(help: ArgumentHelp("需求编号（登记时给出）", valueName: "需求")) var need: String
            @Option(help: ArgumentHelp("联系日期 YYYY-MM-DD（默认今天）", valueName: "日期")) var date: String?

            func run() throws {
                let day = try OutreachCommand.day(date, option: "--date")
                let (store, op) = try common.identity.open(common.store)
                try StoreCommand.run { try store.recordNeedFirstContact(need, on: day, role: op.role, by: op.id) }
                try StoreCommand.printJSON(try StoreCommand.run { try store.need(need, today: day) })
                printError("已记录首次联系 \(day.iso)")
            }
        }

        struct Convert: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "convert", abstract: "需求转咨询或转申请：申请预填身份和群体标签，由规则库审查（免予核查、事项范围均附依据）")
            @OptionGroup var common: Common
            @Argument(help: ArgumentHelp("需求编号", valueName: "需求")) var need: String
            @Option(help: ArgumentHelp("转为：application（转申请）或 consultation（已解答，转咨询）", valueName: "去向")) var to: String = "application"
            @Option(help: ArgumentHelp("案件类别：civil（民事）或 administrative（行政）", valueName: "种类")) var kind: String = "civil"
            @Option(help: ArgumentHelp("转化日期 YYYY-MM-DD（默认今天；申请以此日为申请日）", valueName: "日期")) var date: String?

            func run() throws {
                let day = try OutreachCommand.day(date, option: "--date")
                guard to == "application" || to == "consultation" else {
                    throw CLIOutput.failure("--to：应为 application（转申请）或 consultation（转咨询）")
                }
                guard let caseKind = CaseKind(rawValue: kind), caseKind != .criminal, let matterKind = MatterKind(rawValue: kind) else {
                    throw CLIOutput.failure("--kind：应为 civil 或 administrative")
                }
                let (store, op) = try common.identity.open(common.store)
                let rules = try common.library()
                let region = try OutreachCommand.region(store)
                guard let context = try StoreCommand.run({ try store.intakeContext(stationID: op.stationID) }) else {
                    throw CLIOutput.failure("案件库中还没有中心或站点，无法登记", code: 3)
                }
                let target: NeedTarget = to == "application"
                    ? .application(stationID: context.station.id!, centreID: context.centre.id!, kind: caseKind)
                    : .consultation(stationID: context.station.id!)
                let result = try StoreCommand.run {
                    try store.convertNeed(need, to: target, on: day, screen: { prefill in
                        try OutreachScreening.screen(prefill, rules: rules, region: region, kind: matterKind)
                    }, role: op.role, by: op.id)
                }
                try StoreCommand.printJSON(ConversionOutput(result))
                printError(result.caseID.map { "已转申请（案件 #\($0)，待受理）" } ?? "已转咨询（咨询 #\(result.consultationID ?? 0)）")
                for line in result.screening?.explanation ?? [] { printError(line) }
            }
        }
    }

    // MARK: ledger

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ledger", abstract: "打印台账（A4 横向 PDF，证件号打码，每页“第 x 页 共 y 页”和打印人、时间）")
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("台账：register（特殊群体建档立卡台账）、cards（联系卡发放登记簿）、visits（走访台账）、needs（需求登记及转化台账）", valueName: "种类"))
        var kind: String
        @Option(help: ArgumentHelp("输出的 PDF 文件", valueName: "输出文件")) var out: String
        @Option(help: ArgumentHelp("只列该乡镇（建档立卡台账）", valueName: "乡镇")) var town: String?
        @Option(help: ArgumentHelp("统计日期 YYYY-MM-DD（默认今天）", valueName: "日期")) var date: String?

        func run() throws {
            let ledger = try OutreachCommand.code(kind, option: "KIND") { (l: OutreachLedger) in l.title }
            let day = try OutreachCommand.day(date, option: "--date")
            let (store, op) = try common.identity.open(common.store, readOnly: true)
            let issuer = try StoreCommand.run { try store.stations() }.first { $0.kind == .countyCentre }?.name ?? ""
            let stamp = Date().formatted(Date.ISO8601FormatStyle(timeZone: .current).year().month().day().dateSeparator(.dash)
                .time(includingFractionalSeconds: false).timeSeparator(.colon)).replacingOccurrences(of: "T", with: " ")
            let doc = try StoreCommand.run {
                try ledger.document(store: store, issuer: issuer, town: town, on: day, printedBy: op.name, printedAt: stamp)
            }
            do {
                try SafeFile.write(try doc.pdf(), to: out)
            } catch let error as StoreError {
                printError(error.description)
                throw ExitCode(3)
            } catch {
                throw CLIOutput.failure("--out：无法生成或写入 PDF：\(error)", code: 3)
            }
            try StoreCommand.printJSON(["ledger": ledger.rawValue, "title": ledger.title, "out": out])
            printError("已生成\(ledger.title)：\(out)")
        }
    }

    struct ConversionOutput: Encodable {
        var need: NeedListing
        var consultationID: Int64?
        var caseID: Int64?
        var groups: [String]
        var evidence: [String]
        var notCounted: [String]
        var economicCheck: String?
        var inScope: Bool?
        var priority: String?
        var provideFirstCandidate: Bool
        var explanation: [String]

        init(_ r: NeedConversion) {
            need = r.need; consultationID = r.consultationID; caseID = r.caseID
            groups = r.prefill.basis.groups.map(\.rawValue); evidence = r.prefill.basis.evidence
            notCounted = r.prefill.basis.notCounted
            economicCheck = r.screening?.economicCheck; inScope = r.screening?.inScope; priority = r.screening?.priority
            provideFirstCandidate = r.provideFirstCandidate; explanation = r.screening?.explanation ?? []
        }
    }
}

import ArgumentParser
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan pool …` (issue 24 part 2): the register of aid providers by category and specialty,
/// pool memberships, volunteers, "1+1" pairs, the 名优律师 yearly count and quality-review panels.
/// JSON on stdout, Chinese messages on stderr, exit codes per cli.md.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "人员库：法律援助人员名册、志愿律师库、名优律师团、评查专家库、志愿者、“1+1”结对、评查组抽取",
        subcommands: [List.self, Enrol.self, Register.self, Add.self, Status.self, VolunteerGroup.self, PairGroup.self,
                      Leading.self, PanelGroup.self, Campaign.self, Warn.self, Warnings.self])

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        func open(readOnly: Bool = false) throws -> (CaseStore, Operator) { try identity.open(store, readOnly: readOnly) }
    }

    static func pool(_ text: String) throws -> PoolCode {
        guard let p = PoolCode(text: text) else {
            throw CLIOutput.failure("--pool：未知的人员库“\(text)”（可用：\(PoolCode.allCases.map { "\($0.rawValue) \($0.label)" }.joined(separator: "、"))）")
        }
        return p
    }

    static func day(_ text: String?, option: String, store: CaseStore) throws -> String {
        guard let text else { return store.today().iso }
        guard CLIDate.day(text) != nil else { throw CLIOutput.failure("\(option)：日期应为 YYYY-MM-DD：\(text)") }
        return text
    }

    /// A provider by id or exact name (one match only).
    static func provider(_ text: String, in store: CaseStore, option: String = "承办人员") throws -> RegisterEntry {
        let all = try StoreCommand.run { try store.poolRegister(includeInactive: true) }
        let matches = all.filter { $0.name == text || String($0.id) == text }
        guard matches.count == 1, let one = matches.first else {
            throw CLIOutput.failure(matches.isEmpty ? "\(option)：找不到承办人员“\(text)”" : "\(option)：有 \(matches.count) 位同名承办人员“\(text)”，请用编号")
        }
        return one
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出法律援助人员名册（可按人员库、专业领域、类别筛选）")
        @OptionGroup var common: Common
        @Option(help: ArgumentHelp("人员库代码或名称，例如 review_experts 或 评查专家库（只列在库人员）", valueName: "人员库")) var pool: String?
        @Option(help: ArgumentHelp("专业领域代码或名称，例如 minors 未成年人", valueName: "专业领域")) var specialty: String?
        @Option(help: "人员类别代码，例如 lawyer 律师、grassroots_worker 基层法律服务工作者") var kind: String?
        @Flag(help: "只列向社会公布的人员") var published = false
        func run() throws {
            let (store, _) = try common.open(readOnly: true)
            let p = try pool.map(PoolCommand.pool)
            let s = try specialty.map { t -> ProviderSpecialty in
                guard let s = ProviderSpecialty(text: t) else { throw CLIOutput.failure("--specialty：未知的专业领域“\(t)”") }
                return s
            }
            let k = try kind.map { t -> ProviderKind in
                guard let k = ProviderKind(rawValue: t) ?? ProviderKind.allCases.first(where: { $0.label == t }) else {
                    throw CLIOutput.failure("--kind：未知的人员类别“\(t)”（可用：\(ProviderKind.allCases.map(\.rawValue).joined(separator: "、"))）")
                }
                return k
            }
            let list = try StoreCommand.run { try store.poolRegister(pool: p, specialty: s, kind: k, publishedOnly: published) }
            try StoreCommand.printList(list, key: "providers")
            printError("共 \(list.count) 人")
        }
    }

    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enrol", abstract: "在人员名册中新登记一名承办人员")
        @OptionGroup var common: Common
        @Option(help: "姓名") var name: String
        @Option(help: "类别代码：lawyer 律师、grassroots_worker 基层法律服务工作者、public_lawyer 公职律师等") var kind: String
        @Option(help: ArgumentHelp("执业机构（律师事务所、法律服务所）", valueName: "执业机构")) var firm: String?
        @Option(help: ArgumentHelp("办公电话", valueName: "电话")) var phone: String?
        func run() throws {
            guard let k = ProviderKind(rawValue: kind) ?? ProviderKind.allCases.first(where: { $0.label == kind }) else {
                throw CLIOutput.failure("--kind：未知的人员类别“\(kind)”")
            }
            let (store, op) = try common.open()
            let id = try StoreCommand.run {
                try store.enrolProvider(name: name, kind: k, firm: firm, phone: phone, stationID: op.stationID, role: op.role, by: op.id)
            }
            let entry = try StoreCommand.run { try store.poolRegister(includeInactive: true) }.first { $0.id == id }
            try StoreCommand.printJSON(entry)
            printError("已登记 \(name)（编号 \(id)）")
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "register", abstract: "设置名册信息：执业证号、执业起始日期、专业领域、是否公布")
        @OptionGroup var common: Common
        @Argument(help: "承办人员姓名或编号") var provider: String
        @Option(help: ArgumentHelp("执业证号", valueName: "执业证号")) var licence: String?
        @Option(name: .customLong("practice-start"), help: ArgumentHelp("执业起始日期 YYYY-MM-DD", valueName: "执业起始日期")) var practiceStart: String?
        @Option(help: "专业领域，逗号分隔（代码或名称），例如 minors 未成年人、labor 劳动") var specialties: String?
        @Flag(inversion: .prefixedNo, help: "是否向社会公布（--published / --no-published）") var published: Bool?
        func run() throws {
            let parsed: [ProviderSpecialty]?
            if let specialties {
                switch ProviderSpecialty.parseList(specialties) {
                case .success(let list): parsed = list
                case .failure(let e): throw CLIOutput.failure("--specialties：\(e.message)")
                }
            } else { parsed = nil }
            if let practiceStart, CLIDate.day(practiceStart) == nil {
                throw CLIOutput.failure("--practice-start：日期应为 YYYY-MM-DD：\(practiceStart)")
            }
            let (store, op) = try common.open()
            let p = try PoolCommand.provider(provider, in: store)
            try StoreCommand.run {
                try store.setRegisterEntry(p.id, licenceNo: licence, practiceStart: practiceStart, specialties: parsed,
                                           published: published, role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(try StoreCommand.run { try store.poolRegister(includeInactive: true) }.first { $0.id == p.id })
            printError("已更新 \(p.name) 的名册信息")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "把承办人员加入人员库")
        @OptionGroup var common: Common
        @Argument(help: "承办人员姓名或编号") var provider: String
        @Option(help: ArgumentHelp("人员库代码或名称", valueName: "人员库")) var pool: String
        @Option(help: ArgumentHelp("入库日期 YYYY-MM-DD（默认今天）", valueName: "入库日期")) var joined: String?
        @Option(name: .customLong("valid-to"), help: ArgumentHelp("期满日期 YYYY-MM-DD（例如三年一届）", valueName: "期满日期")) var validTo: String?
        func run() throws {
            let code = try PoolCommand.pool(pool)
            let (store, op) = try common.open()
            let p = try PoolCommand.provider(provider, in: store)
            let joinedOn = try PoolCommand.day(joined, option: "--joined", store: store)
            if let validTo, CLIDate.day(validTo) == nil { throw CLIOutput.failure("--valid-to：日期应为 YYYY-MM-DD：\(validTo)") }
            try StoreCommand.run { try store.addToPool(p.id, pool: code, joinedOn: joinedOn, validTo: validTo, role: op.role, by: op.id) }
            try StoreCommand.printJSON(try StoreCommand.run { try store.poolRegister(includeInactive: true) }.first { $0.id == p.id })
            printError("\(p.name) 已加入\(code.label)")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "暂停、清退、期满或恢复人员库成员（须说明理由）")
        @OptionGroup var common: Common
        @Argument(help: "承办人员姓名或编号") var provider: String
        @Option(help: ArgumentHelp("人员库代码或名称", valueName: "人员库")) var pool: String
        @Option(help: "状态：active 在库、suspended 暂停、removed 清退、expired 期满") var status: String
        @Option(help: "理由（恢复以外必填）") var reason: String = ""
        @Option(help: "日期 YYYY-MM-DD（默认今天）") var on: String?
        func run() throws {
            let code = try PoolCommand.pool(pool)
            guard let st = PoolMemberStatus(rawValue: status) ?? PoolMemberStatus.allCases.first(where: { $0.label == status }) else {
                throw CLIOutput.failure("--status：未知的状态“\(status)”（可用：active、suspended、removed、expired）")
            }
            let (store, op) = try common.open()
            let p = try PoolCommand.provider(provider, in: store)
            let day = try PoolCommand.day(on, option: "--on", store: store)
            try StoreCommand.run { try store.setPoolStatus(p.id, pool: code, status: st, on: day, reason: reason, role: op.role, by: op.id) }
            try StoreCommand.printJSON(try StoreCommand.run { try store.poolRegister(includeInactive: true) }.first { $0.id == p.id })
            printError("\(p.name)：\(code.label)\(st.label)")
        }
    }

    struct Leading: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "leading", abstract: "名优律师年度亲自办理件数（不少于 5 件）")
        @OptionGroup var common: Common
        @Option(help: "年度，例如 2025") var year: Int
        @Option(help: ArgumentHelp("年度最少件数（默认 5）", valueName: "件数")) var minimum: Int = LeadingLawyerQuota.defaultMinimum
        @Flag(help: "只列不足最少件数的名优律师") var short = false
        func run() throws {
            let (store, _) = try common.open(readOnly: true)
            var list = try StoreCommand.run { try store.leadingLawyerYear(year, minimum: minimum) }
            if short { list = list.filter(\.belowMinimum) }
            try StoreCommand.printList(list, key: "leadingLawyers")
            printError("\(year) 年名优律师 \(list.count) 人，其中不足 \(minimum) 件 \(list.filter(\.belowMinimum).count) 人")
        }
    }

    struct Campaign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "campaign", abstract: "分层抽取评查案件，并为每件从评查专家库抽取评查人（回避承办律师及其所在所）")
        @OptionGroup var common: Common
        @Option(help: "结案日期起 YYYY-MM-DD") var from: String
        @Option(help: "结案日期止 YYYY-MM-DD") var to: String
        @Option(help: "抽样比例（百分数，1–100）") var rate: Int
        @Option(help: "随机种子（记录在案，可复现）") var seed: UInt64
        @Option(name: .customLong("panel-size"), help: ArgumentHelp("每件评查人数（默认 1）", valueName: "人数")) var panelSize: Int = 1
        func run() throws {
            for (name, value) in [("--from", from), ("--to", to)] where CLIDate.day(value) == nil {
                throw CLIOutput.failure("\(name)：日期应为 YYYY-MM-DD：\(value)")
            }
            let (store, op) = try common.open()
            let c = try StoreCommand.run {
                try store.drawReviewCampaign(closedFrom: from, closedTo: to, ratePercent: rate, seed: seed, panelSize: panelSize,
                                             role: op.role, by: op.id)
            }
            try StoreCommand.printJSON(c)
            printError("\(c.population) 件中抽取 \(c.caseIDs.count) 件，种子 \(c.seed)")
        }
    }

    struct Warn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "warn", abstract: "警告值班律师（一次警告、二次清退：第二次提示清退，由审查人决定）")
        @OptionGroup var common: Common
        @Argument(help: "承办人员姓名或编号") var provider: String
        @Option(help: "警告理由") var reason: String
        @Option(help: ArgumentHelp("人员库（默认值班律师库）", valueName: "人员库")) var pool: String = PoolCode.dutyLawyers.rawValue
        @Option(help: "日期 YYYY-MM-DD（默认今天）") var on: String?
        func run() throws {
            let code = try PoolCommand.pool(pool)
            let (store, op) = try common.open()
            let p = try PoolCommand.provider(provider, in: store)
            let day = try PoolCommand.day(on, option: "--on", store: store)
            let w = try StoreCommand.run { try store.warnProvider(p.id, pool: code, on: day, reason: reason, role: op.role, by: op.id) }
            try StoreCommand.printJSON(w)
            printError("\(p.name) 一年内警告 \(w.warnings.count) 次" + (w.proposesRemoval ? "：提示清退（pool status --status removed 确认后轮案、排班不再安排）" : ""))
        }
    }

    struct Warnings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "warnings", abstract: "一年内受警告的人员及清退提示")
        @OptionGroup var common: Common
        @Option(help: ArgumentHelp("人员库（默认值班律师库）", valueName: "人员库")) var pool: String = PoolCode.dutyLawyers.rawValue
        @Option(help: "截至日期 YYYY-MM-DD（默认今天）") var on: String?
        func run() throws {
            let code = try PoolCommand.pool(pool)
            let (store, _) = try common.open(readOnly: true)
            let day = try PoolCommand.day(on, option: "--on", store: store)
            try StoreCommand.printList(try StoreCommand.run { try store.providerWarnings(pool: code, on: day) }, key: "warnings")
        }
    }
}

extension PoolCommand {
    struct PanelGroup: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "panel", abstract: "评查组：随机抽取（可复现，回避承办律师及其所在所）、列出、复核",
                                                        subcommands: [Draw.self, ListPanels.self, Verify.self])

        struct Draw: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "draw", abstract: "为一件已结案件从评查专家库随机抽取评查组")
            @OptionGroup var common: Common
            @Argument(help: ArgumentHelp("案件编号（数字 id，见 case list）", valueName: "案件")) var caseID: Int64
            @Option(help: ArgumentHelp("评查组人数（1–15）", valueName: "人数")) var size: Int = 3
            @Option(help: "随机种子（不填则新取一个并记录；同一种子同一专家库抽出同一评查组）") var seed: UInt64?
            func run() throws {
                let (store, op) = try common.open()
                let panel = try StoreCommand.run { try store.drawReviewPanel(caseID, size: size, seed: seed, role: op.role, by: op.id) }
                try StoreCommand.printJSON(panel)
                printError("评查组：" + panel.members.map(\.name).joined(separator: "、") + "（种子 \(panel.seed)）"
                    + (panel.recusals.isEmpty ? "" : "；回避 " + panel.recusals.map(\.name).joined(separator: "、")))
            }
        }

        struct ListPanels: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "列出已抽取的评查组")
            @OptionGroup var common: Common
            @Option(name: .customLong("case"), help: ArgumentHelp("只列此案件（数字 id）", valueName: "案件")) var caseID: Int64?
            func run() throws {
                let (store, _) = try common.open(readOnly: true)
                try StoreCommand.printList(try StoreCommand.run { try store.reviewPanels(caseID: caseID) }, key: "panels")
            }
        }

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "verify", abstract: "按记录的种子和专家库重抽一次，核对评查组是否一致")
            @OptionGroup var common: Common
            @Argument(help: "评查组编号") var id: Int64
            func run() throws {
                let (store, _) = try common.open(readOnly: true)
                let same = try StoreCommand.run { try store.verifyReviewPanel(id) }
                try StoreCommand.printJSON(["panel": String(id), "reproduced": same ? "true" : "false"])
                printError(same ? "重抽结果一致" : "重抽结果不一致")
                if !same { throw ExitCode(1) }
            }
        }
    }

    struct PairGroup: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pair", abstract: "“1+1”结对（老带新）：结对、登记结对案件、列出",
                                                        subcommands: [AddPair.self, CasePair.self, ListPairs.self])

        struct AddPair: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "登记一对“1+1”结对")
            @OptionGroup var common: Common
            @Option(help: ArgumentHelp("带教律师姓名或编号", valueName: "带教律师")) var mentor: String
            @Option(help: ArgumentHelp("青年律师姓名或编号", valueName: "青年律师")) var mentee: String
            @Option(help: "结对开始日期 YYYY-MM-DD（默认今天）") var from: String?
            func run() throws {
                let (store, op) = try common.open()
                let m = try PoolCommand.provider(mentor, in: store, option: "--mentor")
                let e = try PoolCommand.provider(mentee, in: store, option: "--mentee")
                let day = try PoolCommand.day(from, option: "--from", store: store)
                let id = try StoreCommand.run { try store.addMentorship(mentor: m.id, mentee: e.id, startedOn: day, role: op.role, by: op.id) }
                try StoreCommand.printJSON(try StoreCommand.run { try store.mentorships() }.first { $0.id == id })
                printError("已结对：\(m.name)带\(e.name)")
            }
        }

        struct CasePair: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "case", abstract: "把案件登记为“1+1”结对案件")
            @OptionGroup var common: Common
            @Argument(help: ArgumentHelp("案件编号（数字 id）", valueName: "案件")) var caseID: Int64
            @Option(help: ArgumentHelp("结对编号（见 pool pair list）", valueName: "结对编号")) var pair: Int64
            @Flag(help: "带教律师亲自办理（计入名优律师年度件数）") var personally = false
            @Option(help: ArgumentHelp("带教意见", valueName: "带教意见")) var comment: String = ""
            func run() throws {
                let (store, op) = try common.open()
                try StoreCommand.run {
                    try store.pairCase(caseID, mentorship: pair, mentorPersonally: personally, comment: comment, role: op.role, by: op.id)
                }
                try StoreCommand.printJSON(try StoreCommand.run { try store.mentorships() }.first { $0.id == pair })
                printError("已登记结对案件")
            }
        }

        struct ListPairs: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "列出“1+1”结对台账")
            @OptionGroup var common: Common
            func run() throws {
                let (store, _) = try common.open(readOnly: true)
                try StoreCommand.printList(try StoreCommand.run { try store.mentorships() }, key: "pairs")
            }
        }
    }
}

import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan report monthly|quarterly|targets|drill|cases`: the figures a centre is judged by, from
/// the same loader as the Reports screen (ReportBuilder), and the provincial case export.
/// Every report acts as a proven operator (`--operator` + PIN, or a token) whose role must allow
/// reports (exit 4 otherwise).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "统计报表：月报、季度报告、目标进度、指标下钻、省级案件系统导出",
        subcommands: [Monthly.self, Quarterly.self, Targets.self, Drill.self, Cases.self])

    struct Common: ParsableArguments {
        @Option(name: .long, help: "案件库文件（默认 $FAYUAN_DB，或 ~/.local/share/fayuan/fayuan.db）") var db: String?
        @Option(name: .customLong("rules-dir"), help: "站点规则目录（可放本地目标任务文件）") var rulesDir: String?
        @Option(name: .long, help: "期间：YYYY-MM（月）、YYYY-Qn（季度）、YYYY（年）或 YYYY-MM-DD..YYYY-MM-DD") var period: String
        @Option(name: .long, help: "站点代码（默认全县）") var station: String?
        @Option(name: .long, help: "截至日期 YYYY-MM-DD（默认今天）：决定本年累计和应完成进度") var today: String?
        @OptionGroup var identity: IdentityOptions
        @Flag(name: .long, help: "覆盖已存在的 --out 文件（默认不覆盖；符号链接始终拒绝）") var force = false

        func parsedPeriod() throws -> ReportPeriod {
            guard let p = ReportPeriod(parsing: period) else { throw CLIOutput.failure("--period: \(ReportPeriod.formatHelp)：“\(period)”") }
            guard CLIDate.years.contains(p.from.year), CLIDate.years.contains(p.to.year) else {
                throw CLIOutput.failure("--period: 年份应在 \(CLIDate.years.lowerBound) 到 \(CLIDate.years.upperBound) 之间：“\(period)”")
            }
            return p
        }

        func asOf() throws -> LocalDate {
            if let today {
                guard let d = CLIDate.day(today) else { throw CLIOutput.failure("--today: 日期应为有效的 YYYY-MM-DD（\(CLIDate.years.lowerBound)–\(CLIDate.years.upperBound) 年）：“\(today)”") }
                return d
            }
            let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        }

        func open() throws -> (CaseStore, RuleLibrary, OperatorRole) {
            let (store, rules, op) = try openAsOperator()
            return (store, rules, op.role)
        }

        /// As `open`, with the proven operator itself (the provincial export names them in the
        /// audit entry for a file of full ID numbers).
        func openAsOperator() throws -> (CaseStore, RuleLibrary, Operator) {
            // Reports only read (the store is left as it was unless something must be recorded).
            let store = try IdentityOptions.openExisting(StoreLocation.resolve(explicit: db), readOnly: true)
            let op = try identity.authenticate(store)
            let rules: RuleLibrary
            do {
                rules = try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir, environment: ProcessInfo.processInfo.environment))
            } catch {
                throw CLIOutput.failure("规则文件有误：\(error)")
            }
            if let station {
                guard try StoreCommand.run({ try store.stations() }).contains(where: { $0.code == station }) else {
                    throw CLIOutput.failure("--station: 没有这个站点：“\(station)”")
                }
            }
            return (store, rules, op)
        }
    }

    static func permitted<T>(_ body: () throws -> T) throws -> T {
        do { return try StoreCommand.run(body) } catch let error as ReportOutput.XLSXError {
            throw CLIOutput.failure(error.description, code: 3)
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text, csv, xlsx, pdf
    }

    struct Output: Encodable {
        var report: String
        var title: String
        var period: String
        var periodLabel: String
        var from: String
        var to: String
        var station: String?
        var scopeName: String
        var asOf: String
        var targets: String?
        var indicators: [IndicatorLine]
        var document: ReportDocument
        /// Monthly reports carry the audit chain's head, so a filed report anchors the log too
        /// (`fayuan audit verify --head ID:HASH`).
        var auditHead: AuditHead?
    }

    /// Shared by monthly, quarterly and targets.
    static func run(_ kind: ReportKind, _ common: Common, format: Format, out: String?) throws {
        let period = try common.parsedPeriod()
        if kind == .quarterly, period.kind != .quarter {
            throw CLIOutput.failure("--period: 季度报告的期间应为 YYYY-Qn：“\(common.period)”")
        }
        if format == .xlsx || format == .pdf, out == nil { throw CLIOutput.failure("--out: \(format.rawValue) 须指定输出文件") }
        let asOf = try common.asOf()
        let (store, rules, role) = try common.open()
        let data = try permitted {
            try ReportBuilder.load(kind, period: period, scope: ReportScope(stationCode: common.station), asOf: asOf,
                                   store: store, rules: rules, role: role)
        }
        var doc = data.document
        let auditHead = kind == .monthly ? try StoreCommand.run { try store.auditHead() } : nil
        if let auditHead {
            doc.notes.append("审计链头：第 \(auditHead.id) 条，\(auditHead.hash)（可用 fayuan audit verify --head \(auditHead.id):哈希 核对）")
        }
        switch format {
        case .json:
            try StoreCommand.printJSON(Output(report: kind.rawValue, title: doc.title, period: period.code, periodLabel: period.label,
                                              from: period.from.iso, to: period.to.iso, station: common.station,
                                              scopeName: data.scopeName, asOf: asOf.iso, targets: data.targets?.id,
                                              indicators: data.indicatorLines, document: doc, auditHead: auditHead))
        case .text: try emit(ReportOutput.text(doc), out: out, force: common.force)
        case .csv: try emit(ReportOutput.csv(doc), out: out, force: common.force)
        case .xlsx:
            try permitted { try ReportOutput.writeXLSX(doc, to: out!, force: common.force) }
            CLIOutput.message("已写入 \(out!)")
        case .pdf:
            try permitted { try ReportOutput.writePDF(doc, to: out!, force: common.force) }
            CLIOutput.message("已写入 \(out!)")
        }
    }

    /// Through `SafeFile`: 0600 from the start, never half-written (a full disk leaves no file
    /// and exits 3), a symlink or an existing file at `out` refused (exit 2; --force replaces a file).
    static func emit(_ text: String, out: String?, force: Bool) throws {
        guard let out else { Stdout.write(Data(text.utf8)); return }
        try StoreCommand.run { try SafeFile.write(text, to: out, force: force) }
        CLIOutput.message("已写入 \(out)")
    }

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "monthly", abstract: "月报：本月指标、本年累计与目标、各站点咨询、案由与人群（次月15日前报送）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "格式：json、text、csv、xlsx、pdf（xlsx 和 pdf 须 --out）") var format: Format = .json
        @Option(name: .long, help: "输出文件（xlsx 必填；其他格式默认输出到标准输出）") var out: String?
        func run() throws { try ReportCommand.run(.monthly, common, format: format, out: out) }
    }

    struct Quarterly: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "quarterly", abstract: "季度报告：本季指标与专项资金使用（季后15日内报送）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "格式：json、text、csv、xlsx、pdf（xlsx 和 pdf 须 --out）") var format: Format = .json
        @Option(name: .long, help: "输出文件（xlsx 必填）") var out: String?
        func run() throws { try ReportCommand.run(.quarterly, common, format: format, out: out) }
    }

    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "targets", abstract: "目标任务进度：本年累计、应完成、余下每月所需")
        @OptionGroup var common: Common
        @Option(name: .long, help: "格式：json、text、csv、xlsx、pdf（xlsx 和 pdf 须 --out）") var format: Format = .json
        @Option(name: .long, help: "输出文件（xlsx 必填）") var out: String?
        func run() throws { try ReportCommand.run(.targets, common, format: format, out: out) }
    }

    struct Drill: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "drill", abstract: "指标下钻：列出构成某个数字的记录（JSON）")
        @OptionGroup var common: Common
        @Option(name: .long, help: ArgumentHelp("指标：" + IndicatorID.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))) var indicator: String
        @Option(name: .long, help: "最多列出的记录数") var limit: Int = 500
        func run() throws {
            guard let id = IndicatorID(rawValue: indicator) else {
                throw CLIOutput.failure("--indicator: 未知的指标“\(indicator)”（可用：\(IndicatorID.allCases.map(\.rawValue).joined(separator: "、"))）")
            }
            let period = try common.parsedPeriod()
            let asOf = try common.asOf()
            let (store, rules, role) = try common.open()
            let stations = try StoreCommand.run { try store.stations() }
            let region = stations.first { $0.kind == .countyCentre }?.code ?? ""
            let limitDays = rules.targetTable(region: region, year: period.from.year)?.archiveLimitDays ?? 30
            let d = try permitted {
                try store.drillDown(id, period: period, scope: ReportScope(stationCode: common.station), archiveLimitDays: limitDays,
                                    today: asOf, role: role, limit: limit)
            }
            try StoreCommand.printJSON(d)
        }
    }

    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cases",
            abstract: "省级案件系统导出：期间内受理的案件每案一行；先校验，列出缺项案件（有缺项时退出码为 1）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "格式：csv（逗号分隔文本）、xlsx（工作簿，Excel 或 WPS 可打开）、json（结构化数据）") var format: String = "csv"
        @Option(name: .long, help: "输出文件（csv、xlsx 必填）") var out: String?
        @Flag(name: .long, help: "只校验，不导出") var check = false
        @Flag(name: .customLong("include-incomplete"), help: "缺项案件也导出（默认只导出完整的）") var includeIncomplete = false
        @Flag(name: .customLong("clear-id-numbers"), help: "导出完整证件号（省级系统录入需要；默认打码）") var clearIdNumbers = false

        struct Problem: Encodable { var caseNumber: String; var missing: [String] }
        struct Result: Encodable {
            var period: String
            var cases: Int
            var complete: Int
            var exported: Int
            var path: String?
            var incomplete: [Problem]
            var columns: [String]?
            var rows: [[String]]?
        }

        func run() throws {
            guard ["csv", "xlsx", "json"].contains(format) else { throw CLIOutput.failure("--format: 应为 csv、xlsx 或 json：“\(format)”") }
            if !check, format != "json", out == nil { throw CLIOutput.failure("--out: \(format) 须指定输出文件") }
            let period = try common.parsedPeriod()
            let (store, rules, op) = try common.openAsOperator()
            let role = op.role
            let causes = ReportBuilder.causeLabels(rules)
            // Full ID numbers: an operator allowed to export and to reveal, named in the audit entry.
            let actor: Operator? = clearIdNumbers ? op : nil
            try StoreCommand.run { try CaseStore.requireFullIdentifierExport(clearIdNumbers, actor) }
            let rows = try permitted {
                try store.provincialCases(period: period, role: role, clearIDNumbers: clearIdNumbers,
                                          causeLabel: { causes[$0] ?? $0 }, groupLabel: { rules.groupLabel(GroupCode(rawValue: $0)) })
            }
            let incomplete = rows.filter { !$0.isComplete }
            for row in incomplete.prefix(200) {
                CLIOutput.message("缺项：\(row.number)（\(row.values[7])）缺 \(row.missing.joined(separator: "、"))")
            }
            if incomplete.count > 200 { CLIOutput.message("……共 \(incomplete.count) 件缺项") }
            let chosen = includeIncomplete ? rows : rows.filter(\.isComplete)
            var path: String?
            if !check, let out, format != "json" {
                if format == "csv" {
                    try ReportCommand.emit(ReportOutput.csv(columns: ProvincialExport.columns, rows: chosen.map(\.values)), out: out,
                                           force: common.force)
                } else {
                    try permitted { try ReportOutput.writeXLSX(sheets: [("案件", ProvincialExport.columns, chosen.map(\.values))], to: out,
                                                               force: common.force) }
                    CLIOutput.message("已写入 \(out)")
                }
                path = out
                if let actor {
                    // A file of full ID numbers is audited with its name and size, or not left behind.
                    do {
                        try StoreCommand.run { try store.recordFullIdentifierExport(file: out, what: "省级案件导出", rows: chosen.count, by: actor) }
                    } catch {
                        unlink(out)
                        throw error
                    }
                }
            }
            let json = !check && format == "json"
            if json, let actor {
                try StoreCommand.run { try store.recordFullIdentifierExport(file: "标准输出", what: "省级案件导出", rows: chosen.count, by: actor) }
            }
            try StoreCommand.printJSON(Result(period: period.code, cases: rows.count, complete: rows.count - incomplete.count,
                                              exported: check ? 0 : chosen.count, path: path,
                                              incomplete: incomplete.map { Problem(caseNumber: $0.number, missing: $0.missing) },
                                              columns: json ? ProvincialExport.columns : nil, rows: json ? chosen.map(\.values) : nil))
            if !incomplete.isEmpty { throw ExitCode(1) }
        }
    }
}

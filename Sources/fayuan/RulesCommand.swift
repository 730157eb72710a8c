import ArgumentParser
import FayuanCore
import FayuanRules
import Foundation

/// `fayuan rules list|show|test`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "浏览规则库，运行场景文件检验站点规则",
        subcommands: [RulesListCommand.self, RulesShowCommand.self, RulesTestCommand.self])
}

struct RulesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出规则（可按地区、日期、类型筛选）")

    @Option(help: "只列适用于该地区（GB/T 2260 六位代码）的规则")
    var region: String?

    @Option(help: "只列该日期生效的规则 YYYY-MM-DD")
    var date: String?

    @Option(help: "只列该类型：\(RuleKind.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))")
    var kind: String?

    @Flag(help: "输出 JSON")
    var json = false

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        let library = try options.library()
        var day: LocalDate?
        if let date {
            guard let parsed = LocalDate(iso: date) else { throw CLIOutput.failure("--date: 日期应为有效的 YYYY-MM-DD：“\(date)”") }
            day = parsed
        }
        var kindFilter: RuleKind?
        if let kind {
            guard let parsed = RuleKind(rawValue: kind) else { throw CLIOutput.failure("--kind: 未知的规则类型“\(kind)”") }
            kindFilter = parsed
        }
        var rows: [JSONValue] = []
        for layer in library.layers {
            if let region, !region.hasPrefix(layer.regionPrefix) { continue }
            if let day, !layer.effective.contains(day) { continue }
            for rule in layer.rules {
                if let kindFilter, rule.kind != kindFilter { continue }
                if let day, let effective = rule.effective, !effective.contains(day) { continue }
                if json {
                    rows.append(RulesShowCommand.json(rule, layer: layer))
                } else {
                    CLIOutput.print("\(rule.id)\t\(rule.kind.label)\t\(layer.name)\t\(rule.citation.label)")
                }
            }
        }
        if json { CLIOutput.print(JSONValue.object([("count", .number(Double(rows.count))), ("rules", .array(rows))]).rendered()) }
    }
}

struct RulesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "显示一条规则的全部内容")

    @Argument(help: "规则编号，如 cn.matter.31-5")
    var id: String

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        let library = try options.library()
        guard let rule = library.rule(id: id), let layer = library.layer(key: rule.layerKey) else {
            throw CLIOutput.failure("未找到规则“\(id)”（用 fayuan rules list 查看全部编号）")
        }
        CLIOutput.print(Self.json(rule, layer: layer).rendered())
    }

    static func json(_ rule: Rule, layer: RuleLayer) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(rule.id)), ("kind", .string(rule.kind.rawValue)), ("kindLabel", .string(rule.kind.label)),
            ("layer", .string(layer.id)), ("layerName", .string(layer.name)),
            ("region", .string(layer.regionPrefix)),
            ("effective", .string((rule.effective ?? layer.effective).label)),
            ("citation", rule.citation.json), ("citationLabel", .string(rule.citation.label)),
            ("explanation", .string(rule.explanation)),
            ("file", .string("\(rule.file):\(rule.line)")),
        ]
        if let note = rule.needsReview { pairs.append(("needsReview", .string(note))) }
        if let confidence = rule.confidence ?? layer.confidence { pairs.append(("confidence", .string(confidence))) }
        if let level = rule.level { pairs.append(("level", .string(level.rawValue))) }
        if let base = rule.base { pairs.append(("base", .string(base))) }
        if let multiple = rule.multiple { pairs.append(("multiple", .number(multiple))) }
        if let comparison = rule.comparison { pairs.append(("comparison", .string(comparison.rawValue))) }
        if let days = rule.days { pairs.append(("days", .number(Double(days)))) }
        if let counting = rule.counting { pairs.append(("counting", .string(counting.rawValue))) }
        return .object(pairs)
    }
}

struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行场景文件（YAML：`scenarios` 列表，每项有 `name` 名称、`input` 输入、`expect` 预期），逐项报告是否符合预期")

    @Argument(help: "场景文件")
    var file: String

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file),
              let text = String(data: data, encoding: .utf8) else {
            throw CLIOutput.failure("无法读取场景文件：\(file)")
        }
        let scenarios: ScenarioFile
        do {
            scenarios = try ScenarioFile(text: text, file: file)
        } catch {
            throw CLIOutput.failure("场景文件有误：\(error)")
        }
        let library = try options.library()
        let outcomes = scenarios.run(with: library)
        for outcome in outcomes {
            if outcome.passed {
                CLIOutput.message("通过  \(outcome.scenario)")
            } else {
                CLIOutput.message("失败  \(file):\(outcome.line) \(outcome.scenario)")
                for failure in outcome.failures { CLIOutput.message("      \(failure)") }
            }
        }
        let failed = outcomes.filter { !$0.passed }.count
        CLIOutput.message("共 \(outcomes.count) 个场景，通过 \(outcomes.count - failed) 个，失败 \(failed) 个")
        if failed > 0 { throw ExitCode(1) }
    }
}

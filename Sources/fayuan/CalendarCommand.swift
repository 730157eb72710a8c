import ArgumentParser
import FayuanCore
import FayuanRules

/// `fayuan calendar due|workdays`
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "法定节假日与期限计算",
        subcommands: [CalendarDueCommand.self, CalendarWorkdaysCommand.self])
}

struct CalendarDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "计算自 --from 次日起算 N 日的期限末日")

    @Option(help: "起算日 YYYY-MM-DD（当日不计入）")
    var from: String

    @Option(help: "天数")
    var days: Int

    @Option(help: "calendar（民法典第二百条至第二百零四条，末日遇休息日顺延）或 working（只计工作日）；省略时按 --region 的规则，再省略为 calendar")
    var rule: String?

    @Option(help: "地区代码（GB/T 2260），用于选取该地区的期限计算方式")
    var region: String?

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        guard let start = CLIDate.day(from) else {
            throw CLIOutput.failure("--from: 日期应为有效的 YYYY-MM-DD（\(CLIDate.years.lowerBound)–\(CLIDate.years.upperBound) 年）：“\(from)”")
        }
        // A period in law is days, months, a few years at most; a bound keeps the arithmetic from
        // overflowing (a crash) on a mistyped number.
        guard (0...36_600).contains(days) else { throw CLIOutput.failure("--days: 天数应在 0 到 36600 之间：\(days)") }
        var counting = DeadlineCounting.calendar
        if let rule {
            guard let chosen = DeadlineCounting(rawValue: rule) else {
                throw CLIOutput.failure("--rule: 应为 calendar 或 working：“\(rule)”")
            }
            counting = chosen
        }
        let library = try options.library()
        if rule == nil, let region {
            guard region.count == 6, region.allSatisfy(\.isNumber) else {
                throw CLIOutput.failure("--region: 地区代码应为6位数字：“\(region)”")
            }
            let deadline = library.layers(region: region, on: start).flatMap(\.rules)
                .last { $0.kind == .reviewDeadline && $0.condition.routes?.contains(.application) != false }
            counting = deadline?.counting ?? .calendar
        }
        do {
            CLIOutput.print(try library.calendar.due(from: start, days: days, rule: counting).iso)
        } catch {
            throw CLIOutput.failure(error.message)
        }
    }
}

struct CalendarWorkdaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workdays",
        abstract: "输出某年的工作日天数")

    @Option(help: "年份")
    var year: Int

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        guard CLIDate.years.contains(year) else {
            throw CLIOutput.failure("--year: 年份应在 \(CLIDate.years.lowerBound) 到 \(CLIDate.years.upperBound) 之间：\(year)")
        }
        let library = try options.library()
        do {
            CLIOutput.print(String(try library.calendar.workingDays(inYear: year)))
        } catch {
            throw CLIOutput.failure(error.message)
        }
    }
}

import ArgumentParser
import FayuanCore
import FayuanRules
import Foundation

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
        abstract: "计算自 --from 次日起算 N 日的期限末日（JSON；用到尚无国务院通知的年份时 \"provisional\": true）")

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
            let due = try library.calendar.dueDate(from: start, days: days, rule: counting)
            var fields: [(String, String)] = [
                ("due", CalendarJSON.string(due.date.iso)), ("from", CalendarJSON.string(start.iso)),
                ("days", String(days)), ("rule", CalendarJSON.string(counting.rawValue)),
                ("provisional", due.provisional ? "true" : "false"),
            ]
            if due.provisional {
                fields.append(("note", CalendarJSON.string(CalendarJSON.provisionalNote(library.calendar, from: start, to: due.date))))
            }
            CLIOutput.print(CalendarJSON.object(fields))
        } catch {
            throw CLIOutput.failure(error.message)
        }
    }
}

struct CalendarWorkdaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workdays",
        abstract: "输出某年的工作日天数（JSON；尚无国务院通知的年份按放假办法推算，\"provisional\": true）")

    @Option(help: "年份")
    var year: Int

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        guard CLIDate.years.contains(year) else {
            throw CLIOutput.failure("--year: 年份应在 \(CLIDate.years.lowerBound) 到 \(CLIDate.years.upperBound) 之间：\(year)")
        }
        let library = try options.library()
        do {
            let count = try library.calendar.workingDays(inYear: year)
            let source = library.calendar.table(for: year)?.source ?? ""
            CLIOutput.print(CalendarJSON.object([
                ("year", String(year)), ("workdays", String(count)),
                ("provisional", library.calendar.isProvisional(year: year) ? "true" : "false"),
                ("source", CalendarJSON.string(source)),
            ]))
        } catch {
            throw CLIOutput.failure(error.message)
        }
    }
}

/// The calendar answers: one JSON object a line, keys in a fixed order, `"key": value` spacing,
/// so scripts can read `"provisional": true` as it is written in the contract.
enum CalendarJSON {
    static func string(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// "2027年尚无国务院办公厅节假日安排通知……暂定".
    static func provisionalNote(_ calendar: HolidayCalendar, from start: LocalDate, to end: LocalDate) -> String {
        let years = (start.year...end.year).filter { calendar.isProvisional(year: $0) }
        let list = years.map { "\($0)年" }.joined(separator: "、")
        return "\(list)尚无国务院办公厅节假日安排通知，按《全国年节及纪念日放假办法》推算，暂定；通知录入后请重新计算"
    }
}

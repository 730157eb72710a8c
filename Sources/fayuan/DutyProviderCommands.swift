import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// The duty providers' side of the roster for scripts and administrators: leave, availability,
/// and the non-standard records that cost subsidy (seed 004). The planner reads them.
extension DutyCommand {
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "leave", abstract: "登记值班人员请假（排班时避开）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "承办人员 id") var provider: Int64
        @Option(name: .long, help: "开始日期 YYYY-MM-DD") var from: String
        @Option(name: .long, help: "结束日期 YYYY-MM-DD（含）") var to: String
        @Option(name: .long, help: "事由") var reason: String = ""
        func run() throws {
            for (field, value) in [("--from", from), ("--to", to)] where CLIDate.day(value) == nil {
                throw CLIOutput.failure("\(field): 日期应为有效的 YYYY-MM-DD：“\(value)”")
            }
            let (store, op) = try common.open()
            let id = try DutyCommand.permitted { try store.addLeave(provider: provider, from: from, to: to, reason: reason, by: op) }
            try StoreCommand.printJSON(LeaveOutput(leave: id, provider: provider, from: from, to: to))
            printError("已登记请假：\(from) 至 \(to)")
        }
    }

    struct Availability: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "availability",
                                                        abstract: "设置值班人员不能值班的星期几和兼顾的其他站点")
        @OptionGroup var common: Common
        @Option(name: .long, help: "承办人员 id") var provider: Int64
        @Option(name: .long, help: "不能值班的星期，逗号分隔，1=周一 … 7=周日，例如 3,6") var unavailable: String = ""
        @Option(name: .long, help: "兼顾的其他站点代码，逗号分隔") var stations: String = ""
        func run() throws {
            let (store, op) = try common.open()
            var days: [Weekday] = []
            for part in unavailable.split(separator: ",") {
                guard let n = Int(part.trimmingCharacters(in: .whitespaces)), let day = Weekday(rawValue: n) else {
                    throw CLIOutput.failure("--unavailable: 星期应为 1 到 7 的数字：“\(part)”")
                }
                days.append(day)
            }
            let all = try StoreCommand.run { try store.stations() }
            var extra: [Int64] = []
            for code in stations.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let s = all.first(where: { $0.code == code }), let id = s.id else {
                    throw CLIOutput.failure("--stations: 没有站点代码“\(code)”")
                }
                extra.append(id)
            }
            try DutyCommand.permitted { try store.setDutyProfile(provider: provider, extraStations: extra, unavailable: days, by: op) }
            try StoreCommand.printJSON(AvailabilityOutput(provider: provider, unavailable: days.map(\.rawValue),
                                                          unavailableLabels: days.map(\.label),
                                                          stations: stations.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
            printError("已更新值班资料")
        }
    }

    struct Mark: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark", abstract: "登记服务记录缺项或虚假值班（影响补贴）；投诉走 duty complaint（登记、受理、核实、扣减）")
        @OptionGroup var common: Common
        @Option(name: .long, help: "班次 id") var shift: Int64
        @Option(name: .long, help: "类别：record_incomplete（记录缺项）、false_duty（虚假值班）；投诉请用 duty complaint") var kind: String
        @Option(name: .long, help: "相关咨询记录 id（投诉时）") var consultation: Int64?
        @Option(name: .long, help: "说明") var note: String = ""
        func run() throws {
            guard let mark = DutyMarkKind(rawValue: kind) else {
                throw CLIOutput.failure("--kind: 未知类别“\(kind)”，可选 record_incomplete、false_duty（投诉请用 duty complaint）")
            }
            let (store, op) = try common.open()
            _ = try DutyCommand.permitted { try store.addDutyMark(shift: shift, kind: mark, consultation: consultation, note: note, by: op) }
            try StoreCommand.printJSON(MarkOutput(shift: shift, kind: mark.rawValue, kindLabel: mark.label))
            printError("已登记：\(mark.label)")
        }
    }

    struct Reassign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reassign",
            abstract: "把一个班次改派给另一位值班人员（重新检查全部排班规则，违反时拒绝并说明）")
        @OptionGroup var common: Common
        @Argument(help: "班次 id") var shift: Int64
        @Argument(help: "改派给的承办人员 id") var provider: Int64

        func run() throws {
            let (store, rules, policy, op) = try common.context(month: nil)
            let month = try StoreCommand.run {
                try store.dutyShiftMonth(shift)
            }
            guard let month else { throw CLIOutput.failure("班次 #\(shift) 不存在") }
            let context = try DutyCommand.rosterContext(store, rules, policy, month: month)
            try DutyCommand.permitted { try store.reassignDuty(shift, to: provider, context: context, by: op) }
            try StoreCommand.printJSON(["shift": shift, "provider": provider])
            printError("已改派班次 #\(shift)")
        }
    }
}

struct LeaveOutput: Encodable {
    var leave: Int64
    var provider: Int64
    var from: String
    var to: String
}

struct AvailabilityOutput: Encodable {
    var provider: Int64
    /// ISO weekdays (1 = Monday) the person cannot take a duty, with their Chinese names.
    var unavailable: [Int]
    var unavailableLabels: [String]
    /// The other stations (codes) the person also covers.
    var stations: [String]
}

struct MarkOutput: Encodable {
    var shift: Int64
    var kind: String
    var kindLabel: String
}

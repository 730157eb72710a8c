import ArgumentParser
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan pool volunteer …`: 法律援助志愿者 (志愿者管理办法 Arts 13–21) — application,
/// registration, service hours (≤ 8 a day counted), incidents, exit within 15 working days,
/// removal, and the year-end removal proposals.
extension PoolCommand {
    struct VolunteerGroup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "volunteer", abstract: "法律援助志愿者：申请、注册、服务记录、失约与投诉、退出、清退、年终检查",
            subcommands: [Apply.self, Register.self, Log.self, Incident.self, Exit.self, Remove.self, ListVolunteers.self,
                          Show.self, Check.self])

        struct Apply: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "apply", abstract: "登记志愿者申请（申请表：身份、技能、服务时间、联系方式）")
            @OptionGroup var common: Common
            @Option(help: "姓名") var name: String
            @Option(help: ArgumentHelp("服务技能，例如 手语翻译、法律咨询", valueName: "技能")) var skills: String
            @Option(help: ArgumentHelp("可服务时间，例如 周末", valueName: "服务时间")) var availability: String = ""
            @Option(help: ArgumentHelp("联系电话", valueName: "电话")) var phone: String?
            @Option(help: "申请日期 YYYY-MM-DD（默认今天）") var on: String?
            func run() throws {
                let (store, op) = try common.open()
                let day = try PoolCommand.day(on, option: "--on", store: store)
                let id = try StoreCommand.run {
                    try store.applyVolunteer(VolunteerApplication(name: name, phone: phone, skills: skills, availability: availability,
                                                                  stationID: op.stationID), on: day, role: op.role, by: op.id)
                }
                try StoreCommand.printJSON(try StoreCommand.run { try store.volunteerDetail(id).volunteer })
                printError("已登记志愿者申请：\(name)（编号 \(id)）")
            }
        }

        struct Register: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "register", abstract: "登记志愿者已在全国志愿服务信息系统注册")
            @OptionGroup var common: Common
            @Argument(help: "志愿者编号") var id: Int64
            @Option(name: .customLong("platform-no"), help: ArgumentHelp("注册编号", valueName: "注册编号")) var platformNo: String
            @Option(help: "注册日期 YYYY-MM-DD（默认今天）") var on: String?
            func run() throws {
                let (store, op) = try common.open()
                let day = try PoolCommand.day(on, option: "--on", store: store)
                try StoreCommand.run { try store.registerVolunteer(id, platformNo: platformNo, on: day, role: op.role, by: op.id) }
                try StoreCommand.printJSON(try StoreCommand.run { try store.volunteerDetail(id).volunteer })
                printError("已注册")
            }
        }

        struct Log: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "log", abstract: "登记志愿服务时长（每日计入不超过 8 小时，超出部分须另附说明）")
            @OptionGroup var common: Common
            @Argument(help: "志愿者编号") var id: Int64
            @Option(help: "服务日期 YYYY-MM-DD") var day: String
            @Option(help: ArgumentHelp("服务时长（小时，可带小数，例如 2.5）", valueName: "小时数")) var hours: String
            @Option(help: ArgumentHelp("服务内容", valueName: "服务内容")) var activity: String
            @Option(name: .customLong("overflow-note"), help: ArgumentHelp("当日超过 8 小时的说明", valueName: "说明")) var overflowNote: String?
            @Option(help: ArgumentHelp("服务评价", valueName: "评价")) var evaluation: String = ""
            func run() throws {
                guard CLIDate.day(day) != nil else { throw CLIOutput.failure("--day：日期应为 YYYY-MM-DD：\(day)") }
                guard let minutes = VolunteerRules.minutes(fromHours: hours) else {
                    throw CLIOutput.failure("--hours：应为小时数，例如 8 或 2.5：\(hours)")
                }
                let (store, op) = try common.open()
                let entry = try StoreCommand.run {
                    try store.logVolunteerService(id, day: day, minutes: minutes, activity: activity, overflowNote: overflowNote,
                                                  evaluation: evaluation, stationID: op.stationID, role: op.role, by: op.id)
                }
                try StoreCommand.printJSON(entry)
                printError("计入 \(VolunteerRules.hoursText(entry.countedMinutes))"
                    + (entry.overflowMinutes > 0 ? "，超出 \(VolunteerRules.hoursText(entry.overflowMinutes)) 另记" : ""))
            }
        }

        struct Incident: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "incident", abstract: "登记未履行约定服务或服务质量投诉")
            @OptionGroup var common: Common
            @Argument(help: "志愿者编号") var id: Int64
            @Option(help: "类别：missed_service 未履行约定服务、quality_complaint 服务质量投诉") var kind: String
            @Option(help: "日期 YYYY-MM-DD（默认今天）") var day: String?
            @Option(help: "情况说明") var note: String
            func run() throws {
                guard let k = VolunteerIncidentKind(rawValue: kind) ?? VolunteerIncidentKind.allCases.first(where: { $0.label == kind }) else {
                    throw CLIOutput.failure("--kind：未知的类别“\(kind)”（可用：missed_service、quality_complaint）")
                }
                let (store, op) = try common.open()
                let d = try PoolCommand.day(day, option: "--day", store: store)
                try StoreCommand.run { try store.recordVolunteerIncident(id, kind: k, day: d, note: note, role: op.role, by: op.id) }
                let detail = try StoreCommand.run { try store.volunteerDetail(id, year: LocalDate(iso: d)?.year) }
                try StoreCommand.printJSON(detail)
                if !detail.proposedRemoval.isEmpty { printError("已达清退条件：" + detail.proposedRemoval.joined(separator: "；") + "（由审查人决定）") }
            }
        }

        struct Exit: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "exit", abstract: "志愿者申请退出（15 个工作日内办结），或以 --done 办结")
            @OptionGroup var common: Common
            @Option(name: .customLong("rules-dir"), help: "站点规则目录（节假日表）") var rulesDir: String?
            @Argument(help: "志愿者编号") var id: Int64
            @Option(help: "日期 YYYY-MM-DD（默认今天）") var on: String?
            @Flag(help: "办结退出") var done = false
            func run() throws {
                let (store, op) = try common.open()
                let day = try PoolCommand.day(on, option: "--on", store: store)
                if done {
                    try StoreCommand.run { try store.completeVolunteerExit(id, on: day, role: op.role, by: op.id) }
                    printError("退出已办结")
                } else {
                    let library: RuleLibrary
                    do {
                        library = try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir, environment: ProcessInfo.processInfo.environment))
                    } catch { throw CLIOutput.failure("规则文件有误：\(error)") }
                    let due = try StoreCommand.run {
                        try store.requestVolunteerExit(id, on: day, calendar: library.calendar, role: op.role, by: op.id)
                    }
                    printError("已申请退出，须在 \(due.text) 前办结（15 个工作日）")
                }
                try StoreCommand.printJSON(try StoreCommand.run { try store.volunteerDetail(id).volunteer })
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "清退志愿者（志愿者管理办法第二十条）")
            @OptionGroup var common: Common
            @Argument(help: "志愿者编号") var id: Int64
            @Option(help: "理由代码：profit_making、taking_money、missed_services、quality_complaints、practice_breach") var reason: String
            @Option(help: "日期 YYYY-MM-DD（默认今天）") var on: String?
            @Option(help: "说明") var note: String = ""
            func run() throws {
                guard let r = VolunteerRemovalReason(rawValue: reason) else {
                    throw CLIOutput.failure("--reason：未知的清退理由“\(reason)”（可用：\(VolunteerRemovalReason.allCases.map(\.rawValue).joined(separator: "、"))）")
                }
                let (store, op) = try common.open()
                let day = try PoolCommand.day(on, option: "--on", store: store)
                try StoreCommand.run { try store.removeVolunteer(id, reason: r, on: day, note: note, role: op.role, by: op.id) }
                try StoreCommand.printJSON(try StoreCommand.run { try store.volunteerDetail(id).volunteer })
                printError("已清退：\(r.label)")
            }
        }

        struct ListVolunteers: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "列出志愿者（证件号码、电话已遮蔽）")
            @OptionGroup var common: Common
            @Option(help: "状态：applied 已申请、registered 在册、exiting 退出中、exited 已退出、removed 已清退") var status: String?
            @Option(help: "统计失约、投诉的年度（默认今年）") var year: Int?
            func run() throws {
                let st = try status.map { t -> VolunteerStatus in
                    guard let s = VolunteerStatus(rawValue: t) else { throw CLIOutput.failure("--status：未知的状态“\(t)”") }
                    return s
                }
                let (store, _) = try common.open(readOnly: true)
                try StoreCommand.printList(try StoreCommand.run { try store.volunteers(status: st, year: year) }, key: "volunteers")
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "志愿者详情：服务记录、失约与投诉、清退提示")
            @OptionGroup var common: Common
            @Argument(help: "志愿者编号") var id: Int64
            @Option(help: "年度（默认今年）") var year: Int?
            func run() throws {
                let (store, _) = try common.open(readOnly: true)
                try StoreCommand.printJSON(try StoreCommand.run { try store.volunteerDetail(id, year: year) })
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "check", abstract: "年终检查：一年内三次失约或三次以上投诉的志愿者（只提示，不自动清退）")
            @OptionGroup var common: Common
            @Option(help: "年度") var year: Int
            func run() throws {
                let (store, _) = try common.open(readOnly: true)
                let list = try StoreCommand.run { try store.volunteerRemovalProposals(year: year) }
                try StoreCommand.printList(list, key: "volunteers")
                printError("\(year) 年达清退条件的志愿者 \(list.count) 人")
            }
        }
    }
}

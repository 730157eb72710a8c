import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// Issue 19 on the command line: deciding duties with no sign-in (待核实), the complaint workflow
/// (register → accept → verify → deduct), and a case's stage for the ordinary case subsidy. The
/// console calls the same store methods.
extension DutyCommand {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "核实未签到的班次（待核实）：--absent 确认不在岗，或 --excused 已说明")
        @OptionGroup var common: Common
        @Option(name: .long, help: "班次 id") var shift: Int64
        @Flag(name: .long, help: "经核实不在岗（取消当天补贴并通报）") var absent = false
        @Flag(name: .long, help: "经核实已说明（确在岗或有正当理由，照常发放）") var excused = false
        @Option(name: .long, help: "核实情况（必填）") var reason: String

        struct Output: Encodable {
            var shift: Int64
            var decision: String
            var decisionLabel: String
            var reason: String
        }

        func run() throws {
            guard absent != excused else { throw CLIOutput.failure("--absent/--excused: 须选且只选一个") }
            let (store, op) = try common.open()
            try DutyCommand.permitted { try store.decideUnverifiedDuty(shift: shift, absent: absent, reason: reason, by: op) }
            try StoreCommand.printJSON(Output(shift: shift, decision: absent ? "absent" : "excused",
                                              decisionLabel: absent ? "不在岗" : "已说明", reason: reason))
            printError(absent ? "已核实：不在岗" : "已核实：已说明")
        }
    }

    struct ComplaintJSON: Encodable {
        var id: Int64
        var shiftID: Int64
        var shiftDay: String
        var station: String
        var providerID: Int64
        var provider: String
        var consultationID: Int64?
        var complainant: String
        var summary: String
        var receivedOn: String
        var status: String
        var statusLabel: String
        var acceptedOn: String?
        var finishedOn: String?
        var finding: String
        var acceptBy: String
        var finishBy: String

        init(_ c: DutyComplaint) {
            id = c.id; shiftID = c.shiftID; shiftDay = c.shiftDay; station = c.stationName; providerID = c.providerID
            provider = c.providerName; consultationID = c.consultationID; complainant = c.complainant; summary = c.summary
            receivedOn = c.receivedOn; status = c.status.rawValue; statusLabel = c.status.label; acceptedOn = c.acceptedOn
            finishedOn = c.finishedOn; finding = c.finding; acceptBy = c.acceptBy; finishBy = c.finishBy
        }
    }

    struct Complaint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complaint",
            abstract: "值班投诉：登记、受理（5个工作日内）、核实、属实的扣减补贴（受理后60日内办结）",
            subcommands: [Register.self, Accept.self, Check.self, Deduct.self, ListComplaints.self])

        static func show(_ store: CaseStore, _ common: Common, id: Int64) throws {
            let rules = try common.library()
            let all = try StoreCommand.run { try store.dutyComplaints(month: nil, calendar: rules.calendar) }
            let closed = try StoreCommand.run {
                try store.dutyComplaintMonth(id)
            }
            var found = all.first { $0.id == id }
            if found == nil, let closed {
                found = try StoreCommand.run { try store.dutyComplaints(month: closed, calendar: rules.calendar) }.first { $0.id == id }
            }
            guard let found else { throw CLIOutput.failure("投诉 #\(id) 不存在") }
            try StoreCommand.printJSON(ComplaintJSON(found))
        }

        struct Register: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "register", abstract: "登记投诉（同一投诉人对同一班次不重复登记）")
            @OptionGroup var common: Common
            @Option(name: .long, help: "被投诉的班次 id") var shift: Int64
            @Option(name: .long, help: "投诉人") var complainant: String
            @Option(name: .long, help: "投诉内容") var summary: String
            @Option(name: .long, help: "收到日期 YYYY-MM-DD（默认今天）") var received: String?
            @Option(name: .long, help: "相关咨询记录 id") var consultation: Int64?
            func run() throws {
                let day = received ?? DutyCommand.localToday()
                guard CLIDate.day(day) != nil else { throw CLIOutput.failure("--received: 日期应为 YYYY-MM-DD：“\(day)”") }
                let (store, op) = try common.open()
                let id = try DutyCommand.permitted {
                    try store.registerDutyComplaint(shift: shift, complainant: complainant, summary: summary, receivedOn: day,
                                                    consultation: consultation, by: op)
                }
                try Complaint.show(store, common, id: id)
                printError("已登记投诉 #\(id)")
            }
        }

        struct Accept: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "accept", abstract: "受理投诉（收到后5个工作日内）")
            @OptionGroup var common: Common
            @Argument(help: "投诉 id") var id: Int64
            @Option(name: .long, help: "受理日期 YYYY-MM-DD（默认今天）") var on: String?
            func run() throws {
                let day = on ?? DutyCommand.localToday()
                guard CLIDate.day(day) != nil else { throw CLIOutput.failure("--on: 日期应为 YYYY-MM-DD：“\(day)”") }
                let (store, op) = try common.open()
                try DutyCommand.permitted { try store.advanceDutyComplaint(id, .accept(on: day), by: op) }
                try Complaint.show(store, common, id: id)
            }
        }

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "verify", abstract: "核实投诉：--upheld 属实或 --rejected 不属实")
            @OptionGroup var common: Common
            @Argument(help: "投诉 id") var id: Int64
            @Flag(name: .long, help: "经核实属实") var upheld = false
            @Flag(name: .long, help: "经核实不属实") var rejected = false
            @Option(name: .long, help: "核实情况（必填）") var finding: String
            @Option(name: .long, help: "核实日期 YYYY-MM-DD（默认今天）") var on: String?
            func run() throws {
                guard upheld != rejected else { throw CLIOutput.failure("--upheld/--rejected: 须选且只选一个") }
                let day = on ?? DutyCommand.localToday()
                guard CLIDate.day(day) != nil else { throw CLIOutput.failure("--on: 日期应为 YYYY-MM-DD：“\(day)”") }
                let (store, op) = try common.open()
                try DutyCommand.permitted { try store.advanceDutyComplaint(id, .verify(upheld: upheld, finding: finding, on: day), by: op) }
                try Complaint.show(store, common, id: id)
            }
        }

        struct Deduct: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "deduct", abstract: "属实的投诉扣减该班次补贴（已核定的月份记为调整行）")
            @OptionGroup var common: Common
            @Argument(help: "投诉 id") var id: Int64
            func run() throws {
                let (store, op) = try common.open()
                try DutyCommand.permitted { try store.advanceDutyComplaint(id, .deduct, by: op) }
                try Complaint.show(store, common, id: id)
            }
        }

        struct ListComplaints: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "列出投诉和期限（不写月份则列出未办结的）")
            @OptionGroup var common: Common
            @Option(name: .long, help: "值班月份 YYYY-MM") var month: String?
            func run() throws {
                if let month, !CLIDate.month(month) { throw CLIOutput.failure("--month: 月份应为 YYYY-MM：“\(month)”") }
                let (store, _) = try common.open(readOnly: true)
                let rules = try common.library()
                let list = try StoreCommand.run { try store.dutyComplaints(month: month, calendar: rules.calendar) }
                try StoreCommand.printList(list.map(ComplaintJSON.init), key: "complaints")
            }
        }
    }

    struct CaseStage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case-stage", abstract: "登记案件的办案阶段（按阶段套用办案补贴标准）")
        @OptionGroup var common: Common
        @Option(name: .customLong("case"), help: "案件 id") var caseID: Int64
        @Option(name: .long, help: "阶段：litigation 诉讼、non_litigation 非诉讼、investigation 侦查、prosecution 审查起诉、trial 审判、death_penalty_review 死刑复核")
        var stage: String
        func run() throws {
            guard let s = CaseServiceStage(rawValue: stage) else {
                throw CLIOutput.failure("--stage: 未知阶段“\(stage)”，可选 \(CaseServiceStage.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            let (store, op) = try common.open()
            try DutyCommand.permitted { try store.setCaseServiceStage(caseID, stage: s, by: op) }
            try StoreCommand.printJSON(["case": AnyEncodableInt(caseID), "stage": AnyEncodableInt(nil, s.rawValue),
                                        "stageLabel": AnyEncodableInt(nil, s.label)])
        }
    }

    /// A number or a string in one JSON object.
    struct AnyEncodableInt: Encodable {
        var number: Int64?
        var text: String?
        init(_ number: Int64?, _ text: String? = nil) { self.number = number; self.text = text }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            if let number { try c.encode(number) } else { try c.encode(text ?? "") }
        }
    }
}

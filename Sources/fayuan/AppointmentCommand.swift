import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan appointment slots|book|list|move|cancel|done|no-show|calls`: 预约 for scripts, the
/// hotline platform and tests (round2-capabilities.md §3). JSON on stdout (phones and ID numbers
/// masked, except `calls`, the audited call list); Chinese on stderr; exit 2 bad input naming the
/// field (a slot refused by the limitation date, too), 3 store, 4 refused.
struct AppointmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointment",
        abstract: "预约服务：开设时段、预约登记、列表、改约、取消、完成、爽约、次日电话提醒名单",
        subcommands: [Slots.self, Book.self, List.self, Move.self, Cancel.self, Done.self, NoShow.self, Calls.self])

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions

        @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则；节假日表从这里读）")
        var rulesDir: String?

        func calendar() throws -> HolidayCalendar {
            do {
                return try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir,
                                                                                   environment: ProcessInfo.processInfo.environment)).calendar
            } catch {
                throw CLIOutput.failure("规则文件有误：\(error)")
            }
        }

        /// The store and the proven operator.
        func open(readOnly: Bool = false) throws -> (CaseStore, Operator) {
            try identity.open(store, readOnly: readOnly)
        }
    }

    static func station(_ store: CaseStore, _ code: String) throws -> Station {
        try StoreCommand.run { try store.station(code: code) }
    }

    static func day(_ text: String, _ field: String) throws -> String {
        guard CLIDate.day(text) != nil else { throw CLIOutput.failure("\(field)：日期应为有效的 YYYY-MM-DD：“\(text)”") }
        return text
    }

    static func code<T: RawRepresentable & CaseIterable>(_ text: String, _ type: T.Type, field: String,
                                                         label: (T) -> String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw CLIOutput.failure("\(field)：未知的代码“\(text)”（可用：\(T.allCases.map { "\($0.rawValue)（\(label($0))）" }.joined(separator: "、"))）")
        }
        return value
    }

    /// One booking as JSON: the phone and the proxy's ID number masked.
    struct AppointmentJSON: Encodable {
        var id: Int64
        var number: String
        var stationID: Int64
        var day: String
        var start: String
        var end: String
        var place: String
        var channel: String
        var channelLabel: String
        var purpose: String
        var purposeLabel: String
        var mode: String
        var modeLabel: String
        var personName: String
        var phone: String?
        var proxy: ProxyJSON?
        var matterSummary: String
        var priorityReasons: [String]
        var priorityLabels: [String]
        var accessibility: String
        var status: String
        var statusLabel: String
        var limitationOn: String?
        var provideFirst: Bool
        var provideFirstCitation: String?
        var phoneConfirm: Bool
        var tags: [String]
        var overrideReason: String?
        var bookedOn: String
        var endNote: String
        var caseID: Int64?
        var consultationID: Int64?
        var homeVisitID: Int64?
        var remoteSessionID: Int64?

        struct ProxyJSON: Encodable {
            var name: String
            var relation: String
            var idNumber: String?
            var phone: String?
        }

        init(_ a: Appointment) {
            id = a.id; number = a.number; stationID = a.stationID; day = a.day; start = a.start; end = a.end; place = a.place
            channel = a.channel.rawValue; channelLabel = a.channel.label; purpose = a.purpose.rawValue
            purposeLabel = a.purpose.label; mode = a.mode.rawValue; modeLabel = a.mode.label; personName = a.personName
            phone = a.maskedPhone
            proxy = a.proxy.map { ProxyJSON(name: $0.name, relation: $0.relation, idNumber: a.maskedProxyID,
                                            phone: $0.phone.map(PrivacyPolicy.maskPhone)) }
            matterSummary = a.matterSummary; priorityReasons = a.priorityReasons.map(\.rawValue)
            priorityLabels = a.priorityReasons.map(\.label); accessibility = a.accessibility
            status = a.status.rawValue; statusLabel = a.status.label; limitationOn = a.limitationOn
            provideFirst = a.provideFirst; provideFirstCitation = a.provideFirst ? ServiceDeadlines.provideFirstCitation : nil
            phoneConfirm = a.phoneConfirm; tags = a.tags; overrideReason = a.overrideReason; bookedOn = a.bookedOn
            endNote = a.endNote; caseID = a.caseID; consultationID = a.consultationID; homeVisitID = a.homeVisitID
            remoteSessionID = a.remoteSessionID
        }
    }

    struct SlotJSON: Encodable {
        var id: Int64
        var day: String
        var start: String
        var end: String
        var mode: String
        var modeLabel: String
        var capacity: Int
        var booked: Int
        var free: Int

        init(_ s: AppointmentSlot) {
            id = s.id ?? 0; day = s.day; start = s.start; end = s.end; mode = s.mode.rawValue; modeLabel = s.mode.label
            capacity = s.capacity; booked = s.booked; free = s.free
        }
    }

    struct Slots: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "slots",
            abstract: "开设预约时段（--times 给出时不开设，只列出该日时段）",
            discussion: "服务方式：\(AppointmentMode.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))")
        @OptionGroup var common: Common
        @Option(name: .long, help: ArgumentHelp("站点代码，如 140525000", valueName: "站点代码")) var station: String
        @Option(name: .long, help: ArgumentHelp("日期 YYYY-MM-DD", valueName: "日期")) var day: String
        @Option(name: .long, help: ArgumentHelp("时段，逗号分隔，如 09:00-10:00,10:00-11:00", valueName: "时段")) var times: String?
        @Option(name: .long, help: ArgumentHelp("服务方式代码（默认 centre）", valueName: "方式代码")) var mode: String = "centre"
        @Option(name: .long, help: ArgumentHelp("每个时段可约人数（默认 1）", valueName: "人数")) var capacity: Int = 1

        func run() throws {
            let day = try AppointmentCommand.day(day, "--day")
            let mode = try AppointmentCommand.code(mode, AppointmentMode.self, field: "--mode") { $0.label }
            var ranges: [(start: String, end: String)] = []
            if let times {
                for part in times.split(separator: ",") {
                    let pair = part.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2, ClockTime(pair[0]) != nil, ClockTime(pair[1]) != nil else {
                        throw CLIOutput.failure("--times：时段应写作 HH:MM-HH:MM，逗号分隔：“\(part)”")
                    }
                    ranges.append((pair[0], pair[1]))
                }
            }
            let (store, op) = try common.open(readOnly: ranges.isEmpty)
            let station = try AppointmentCommand.station(store, self.station)
            if !ranges.isEmpty {
                _ = try StoreCommand.run {
                    try store.openAppointmentSlots(stationID: station.id!, day: day, times: ranges, mode: mode, capacity: capacity, by: op)
                }
            }
            let slots = try StoreCommand.run { try store.appointmentSlots(stationID: station.id!, from: day, to: day) }
            try StoreCommand.printJSON(slots.map(SlotJSON.init))
        }
    }

    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "book",
            abstract: "预约登记：不指定 --slot 时取规则允许的第一个空余时段（绿色通道可约当天）；所述时效/期限较近时拒绝过晚的时段并标记先行提供",
            discussion: """
            渠道：\(AppointmentChannel.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            事项：\(AppointmentPurpose.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            服务方式：\(AppointmentMode.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            绿色通道原因：\(AppointmentPriorityReason.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            """)
        @OptionGroup var common: Common
        @Option(name: .long, help: ArgumentHelp("站点代码", valueName: "站点代码")) var station: String
        @Option(name: .long, help: ArgumentHelp("预约人姓名", valueName: "姓名")) var name: String
        @Option(name: .long, help: ArgumentHelp("联系电话", valueName: "电话")) var phone: String?
        @Option(name: .long, help: ArgumentHelp("已登记的申请人编号", valueName: "申请人编号")) var applicant: Int64?
        @Option(name: .long, help: ArgumentHelp("渠道代码（默认 phone）", valueName: "渠道代码")) var channel: String = "phone"
        @Option(name: .long, help: ArgumentHelp("事项代码（默认 consultation）", valueName: "事项代码")) var purpose: String = "consultation"
        @Option(name: .long, help: ArgumentHelp("服务方式代码（默认 centre）", valueName: "方式代码")) var mode: String = "centre"
        @Option(name: .long, help: ArgumentHelp("时段编号（不填取第一个空余时段）", valueName: "时段编号")) var slot: Int64?
        @Option(name: .long, help: ArgumentHelp("上门地址（上门服务必填）", valueName: "地址")) var place: String = ""
        @Option(name: .long, help: ArgumentHelp("事由摘要", valueName: "摘要")) var summary: String = ""
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("绿色通道原因代码，可重复", valueName: "原因代码")) var priority: [String] = []
        @Option(name: .long, help: ArgumentHelp("无障碍需求，如 手语、轮椅、大字、方言", valueName: "需求")) var accessibility: String = ""
        @Option(name: .long, help: ArgumentHelp("当事人所述时效或期限届满日 YYYY-MM-DD", valueName: "日期")) var limitation: String?
        @Option(name: .customLong("override-reason"), help: ArgumentHelp("仍约在安全日期之后的理由（记录在案）", valueName: "理由")) var overrideReason: String?
        @Option(name: .customLong("proxy-name"), help: ArgumentHelp("代约人/代理人姓名", valueName: "姓名")) var proxyName: String?
        @Option(name: .customLong("proxy-relation"), help: ArgumentHelp("代约人与当事人关系", valueName: "关系")) var proxyRelation: String?
        @Option(name: .customLong("proxy-id"), help: ArgumentHelp("代约人身份证号码", valueName: "身份证号码")) var proxyID: String?
        @Option(name: .customLong("proxy-phone"), help: ArgumentHelp("代约人电话", valueName: "电话")) var proxyPhone: String?
        @Option(name: .customLong("booked-on"), help: ArgumentHelp("受理预约的日期（默认今天；补录电话预约时用）", valueName: "日期")) var bookedOn: String?

        func run() throws {
            let channel = try AppointmentCommand.code(channel, AppointmentChannel.self, field: "--channel") { $0.label }
            let purpose = try AppointmentCommand.code(purpose, AppointmentPurpose.self, field: "--purpose") { $0.label }
            let mode = try AppointmentCommand.code(mode, AppointmentMode.self, field: "--mode") { $0.label }
            let reasons = try priority.flatMap { $0.split(separator: ",") }.map {
                try AppointmentCommand.code(String($0), AppointmentPriorityReason.self, field: "--priority") { $0.label }
            }
            if let limitation { _ = try AppointmentCommand.day(limitation, "--limitation") }
            if let bookedOn { _ = try AppointmentCommand.day(bookedOn, "--booked-on") }
            var proxy: AppointmentProxy?
            if proxyName != nil || proxyRelation != nil || proxyID != nil || proxyPhone != nil {
                guard let proxyName, let proxyRelation else {
                    throw CLIOutput.failure("--proxy-name / --proxy-relation：登记代约人须同时给出姓名和关系")
                }
                proxy = AppointmentProxy(name: proxyName, relation: proxyRelation, idNumber: proxyID, phone: proxyPhone)
            }
            let calendar = try common.calendar()
            let (store, op) = try common.open()
            let station = try AppointmentCommand.station(store, self.station)
            let request = AppointmentRequest(stationID: station.id!, channel: channel, purpose: purpose, mode: mode,
                                             applicantID: applicant, personName: name, phone: phone, proxy: proxy,
                                             matterSummary: summary, priorityReasons: reasons, accessibility: accessibility,
                                             slotID: slot, place: place, limitationOn: limitation, overrideReason: overrideReason,
                                             bookedOn: bookedOn)
            let saved = try StoreCommand.run { try store.bookAppointment(request, calendar: calendar, by: op) }
            if saved.provideFirst { printError("提示：距所述期限不足七日，已标记先行提供（法律援助法第四十四条第一项）") }
            if saved.phoneConfirm { printError("提示：此人此前爽约两次以上，\(BookingRules.phoneConfirmationTag)") }
            try StoreCommand.printJSON(AppointmentJSON(saved))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "列出预约（某日，或 --week 该日起一周；不给 --station 时列出全部站点）")
        @OptionGroup var common: Common
        @Option(name: .long, help: ArgumentHelp("站点代码（不填为全部）", valueName: "站点代码")) var station: String?
        @Option(name: .long, help: ArgumentHelp("日期 YYYY-MM-DD（默认今天）", valueName: "日期")) var day: String?
        @Flag(name: .long, help: "列出该日起七天") var week = false
        @Flag(name: .customLong("open-only"), help: "只列未办结的（待确认、已确认、已改约）") var openOnly = false

        func run() throws {
            let from = try day.map { try AppointmentCommand.day($0, "--day") } ?? QueueFormat.day(Date(), timeZone: .current)
            let to = week ? LocalDate(iso: from)!.adding(days: 6).iso : from
            let (store, _) = try common.open(readOnly: true)
            let stationID = try station.map { try AppointmentCommand.station(store, $0).id! }
            let list = try StoreCommand.run { try store.appointments(stationID: stationID, from: from, to: to, openOnly: openOnly) }
            try StoreCommand.printJSON(list.map(AppointmentJSON.init))
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "move", abstract: "改约到本站点的另一个时段（规则同新预约）")
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("预约编号或内部编号", valueName: "预约编号")) var appointment: String
        @Option(name: .long, help: ArgumentHelp("新时段编号（不填取第一个空余时段）", valueName: "时段编号")) var slot: Int64?
        @Option(name: .long, help: ArgumentHelp("改约原因", valueName: "原因")) var reason: String
        @Option(name: .customLong("override-reason"), help: ArgumentHelp("仍约在安全日期之后的理由", valueName: "理由")) var overrideReason: String?

        func run() throws {
            let calendar = try common.calendar()
            let (store, op) = try common.open()
            let saved = try StoreCommand.run {
                try store.moveAppointment(appointment, toSlot: slot, reason: reason, overrideReason: overrideReason,
                                          calendar: calendar, by: op)
            }
            try StoreCommand.printJSON(AppointmentJSON(saved))
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "取消预约（须写明原因）")
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("预约编号或内部编号", valueName: "预约编号")) var appointment: String
        @Option(name: .long, help: ArgumentHelp("取消原因", valueName: "原因")) var reason: String

        func run() throws {
            let (store, op) = try common.open()
            let saved = try StoreCommand.run { try store.cancelAppointment(appointment, reason: reason, by: op) }
            try StoreCommand.printJSON(AppointmentJSON(saved))
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "预约已完成，可关联所生成的咨询记录或案件")
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("预约编号或内部编号", valueName: "预约编号")) var appointment: String
        @Option(name: .customLong("case"), help: ArgumentHelp("生成的案件内部编号", valueName: "案件编号")) var caseID: Int64?
        @Option(name: .customLong("consultation"), help: ArgumentHelp("生成的咨询记录编号", valueName: "咨询编号")) var consultationID: Int64?
        @Option(name: .long, help: ArgumentHelp("备注", valueName: "备注")) var note: String = ""

        func run() throws {
            let (store, op) = try common.open()
            let saved = try StoreCommand.run {
                try store.completeAppointment(appointment, consultationID: consultationID, caseID: caseID, note: note, by: op)
            }
            try StoreCommand.printJSON(AppointmentJSON(saved))
        }
    }

    struct NoShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "no-show", abstract: "记爽约（预约日当天或之后）；爽约两次后，此后的预约须前一日电话确认（现场来访不受影响）")
        @OptionGroup var common: Common
        @Argument(help: ArgumentHelp("预约编号或内部编号", valueName: "预约编号")) var appointment: String
        @Option(name: .long, help: ArgumentHelp("备注，如 电话未接", valueName: "备注")) var note: String = ""

        func run() throws {
            let (store, op) = try common.open()
            let saved = try StoreCommand.run { try store.markAppointmentNoShow(appointment, note: note, by: op) }
            try StoreCommand.printJSON(AppointmentJSON(saved))
        }
    }

    struct Calls: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calls",
            abstract: "次日（或指定日）电话提醒名单：含完整电话，记入审计；本程序不发短信，名单供打印或导出后逐一电话提醒")
        @OptionGroup var common: Common
        @Option(name: .long, help: ArgumentHelp("站点代码（不填为全部）", valueName: "站点代码")) var station: String?
        @Option(name: .long, help: ArgumentHelp("日期 YYYY-MM-DD（默认明天）", valueName: "日期")) var day: String?

        func run() throws {
            let tomorrow = LocalDate(iso: QueueFormat.day(Date(), timeZone: .current))!.adding(days: 1).iso
            let day = try day.map { try AppointmentCommand.day($0, "--day") } ?? tomorrow
            let (store, op) = try common.open()
            let stationID = try station.map { try AppointmentCommand.station(store, $0).id! }
            let list = try StoreCommand.run { try store.appointmentCallList(day: day, stationID: stationID, by: op) }
            try StoreCommand.printJSON(list)
        }
    }
}

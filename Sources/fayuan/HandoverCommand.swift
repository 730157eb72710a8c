import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan handover send|receive|accept|list|show|designate|withdraw|basis`: 转交单 for scripts
/// and tests, with the console's store methods, checks, events and audit. Times are local
/// "YYYY-MM-DDTHH:MM" (the 24-hour rule of Art 39 is counted on the clock). JSON on stdout,
/// personal data masked; a refusal because of role or unit is exit 4, bad input exit 2.
struct HandoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "申请转交（转交单）：发出、签收、接收/补正/改转/报请指定、列表与台账",
        discussion: "站点、联络点、监管场所、值班律师或异地中心收到的申请，以转交单送到受理的法律援助中心。羁押和值班律师转交为24小时（法律援助法第三十九条，按小时计，不因节假日顺延）；其他转交按本地设置的工作日计算。接收方只能接收、补正后接收、改转有管辖权的中心（第三十八条）或报请上级指定，不能直接退回。",
        subcommands: [Send.self, Receive.self, Accept.self, List.self, Show.self, Designate.self, Withdraw.self, Basis.self, Ledger.self])

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions

        @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则）")
        var rulesDir: String?

        @Option(name: .long, help: "以哪一时刻计算计时 YYYY-MM-DDTHH:MM（默认现在）")
        var now: String?

        func library() throws -> RuleLibrary {
            do {
                return try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir,
                                                                                   environment: ProcessInfo.processInfo.environment))
            } catch {
                throw CLIOutput.failure("规则文件有误：\(error)")
            }
        }

        func current() throws -> LocalDateTime {
            guard let now else { return HandOverClocks.local(Date()) }
            return try HandoverCommand.time(now, option: "--now")
        }

        func context(_ store: CaseStore, receiver: Int64, on day: LocalDate) throws -> HandOverClockContext {
            let stations = try StoreCommand.run { try store.stations() }
            let basis = try StoreCommand.run { try store.handOverReviewBasis() }
            return HandOverClocks.context(rules: try library(), receiver: stations.first { $0.id == receiver }, basis: basis, on: day)
        }
    }

    /// A local time option, or exit 2 naming it.
    static func time(_ text: String, option: String) throws -> LocalDateTime {
        guard let t = LocalDateTime(text) else {
            throw CLIOutput.failure("\(option): 时间应为 YYYY-MM-DDTHH:MM（如 2026-02-12T09:30）：“\(text)”")
        }
        return t
    }

    /// A station by number, code or exact name, or exit 2 naming the option.
    static func station(_ text: String, in store: CaseStore, option: String) throws -> Station {
        let all = try StoreCommand.run { try store.stations() }
        let hits = all.filter { String($0.id ?? -1) == text || $0.code == text || $0.name == text }
        guard hits.count == 1, let s = hits.first else {
            throw CLIOutput.failure(hits.isEmpty ? "\(option): 找不到站点或中心“\(text)”（可用编号、代码或全称）"
                                                 : "\(option): “\(text)”对应多个站点，请用编号")
        }
        return s
    }

    /// Store errors as cli.md wants them: a unit refusal is 4, a rule refusal names the field (2).
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let refused as HandOverRefused {
            printError(refused.description)
            throw ExitCode(4)
        } catch {
            return try StoreCommand.run { throw error }
        }
    }

    static func reason(ground: String?, place: String?, note: String?) throws -> CompetenceReason? {
        guard ground != nil || place != nil else { return nil }
        guard let ground, let g = CompetenceReason.Ground(rawValue: ground) else {
            throw CLIOutput.failure("--reason-ground: 应为 litigation（诉讼，办案机关所在地）、dispute_organ（争议处理机关所在地）或 matter_arose（事由发生地）")
        }
        guard let place, !place.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CLIOutput.failure("--reason-place: 请写明有管辖权的地方（法律援助法第三十八条）")
        }
        return CompetenceReason(ground: g, place: place, note: note ?? "")
    }

    // MARK: JSON

    struct TimerJSON: Encodable {
        var text: String
        var overdue: Bool
        var overdueMinutes: Int
        var elapsedMinutes: Int
        var elapsed: String
        var minutesLeft: Int?
        var stopped: Bool

        init(_ t: HandOverTimer) {
            text = t.text; overdue = t.isOverdue; overdueMinutes = t.overdueMinutes; elapsedMinutes = t.elapsedMinutes
            elapsed = HandOverTimer.duration(t.elapsedMinutes); minutesLeft = t.minutesLeft; stopped = t.stopped
        }
    }

    struct MaterialJSON: Encodable {
        var line: Int
        var name: String
        var count: Int
        var pages: Int?
        var original: Bool
        var missing: Bool
        var promisedBy: String?
        var checkedCount: Int?
        var checkNote: String

        init(_ m: HandOverMaterialLine) {
            line = m.line; name = m.item.name; count = m.item.count; pages = m.item.pages; original = m.item.original
            missing = m.missing; promisedBy = m.promisedBy; checkedCount = m.checkedCount; checkNote = m.checkNote
        }
    }

    struct ReviewJSON: Encodable {
        var stationDue: String?
        var centreDue: String?
        var shown: String?
        var label: String
        var basis: String
        var pausedDays: Int
        var provisional: Bool

        init(_ c: ReviewClockDecision) {
            stationDue = c.stationDue?.iso; centreDue = c.centreDue?.iso; shown = c.shown?.iso; label = c.label
            basis = c.basis.rawValue; pausedDays = c.pausedDays; provisional = c.provisional
        }
    }

    struct ApplicantJSON: Encodable {
        var name: String
        var idLast4: String?
        var phone: String?
    }

    struct HandOverJSON: Encodable {
        var id: Int64
        var number: String
        var kind: String
        var kindLabel: String
        var legalClock: String
        var legalClockLabel: String
        var status: String
        var statusLabel: String
        var caseId: Int64
        var caseNumber: String?
        var cause: String
        var applicant: ApplicantJSON
        var fromStationId: Int64?
        var from: String
        var firstOwner: String
        var firstOwnerPhone: String
        var toStationId: Int64
        var to: String
        var firstReceivedAt: String
        var custodyReceivedAt: String?
        var sentAt: String
        var receivedAt: String?
        var acceptedAt: String?
        var due: String
        var dispatch: String
        var dispatchLabel: String
        var trackingNo: String
        var scopeOpinion: String
        var competenceReason: String
        var priorContact: Bool
        var receiverDecision: String?
        var receiverDecisionLabel: String?
        var familyNoticeDue: String?
        var familyNotifiedAt: String?
        var designationDue: String?
        var timer: TimerJSON
        var materials: [MaterialJSON]

        init(_ s: HandOverSummary) {
            let r = s.record
            id = r.id; number = r.number; kind = r.kind.rawValue; kindLabel = r.kind.label
            legalClock = r.legalClock.rawValue; legalClockLabel = r.legalClock.label
            status = r.status.rawValue; statusLabel = r.status.label; caseId = r.caseID; caseNumber = s.caseNumber; cause = s.cause
            applicant = ApplicantJSON(name: s.applicantName, idLast4: s.idLast4, phone: s.phoneMasked)
            fromStationId = r.fromStationID; from = s.fromName; firstOwner = r.firstOwnerName; firstOwnerPhone = r.firstOwnerPhone
            toStationId = r.toStationID; to = s.toName; firstReceivedAt = r.firstReceivedAt; custodyReceivedAt = r.custodyReceivedAt
            sentAt = r.sentAt; receivedAt = r.receivedAt; acceptedAt = r.acceptedAt; due = r.deadline.text
            dispatch = r.dispatch.rawValue; dispatchLabel = r.dispatch.label; trackingNo = r.trackingNo
            scopeOpinion = r.scopeOpinion; competenceReason = r.competenceReason; priorContact = r.priorContact
            receiverDecision = r.receiverDecision?.rawValue; receiverDecisionLabel = r.receiverDecision?.label
            familyNoticeDue = r.familyNoticeDue; familyNotifiedAt = r.familyNotifiedAt; designationDue = r.designationDue
            timer = TimerJSON(s.timer); materials = s.materials.map(MaterialJSON.init)
        }
    }

    struct EventJSON: Encodable {
        var at: String
        var action: String
        var actionLabel: String
        var operatorName: String?
        var note: String
    }

    struct DetailJSON: Encodable {
        var handOver: HandOverJSON
        var reviewClock: ReviewJSON?
        var pauses: [PauseJSON]
        var events: [EventJSON]
        var duplicates: [DuplicateJSON]?
    }

    struct PauseJSON: Encodable {
        var reason: String
        var reasonLabel: String
        var from: String
        var to: String?
    }

    struct DuplicateJSON: Encodable {
        var caseId: Int64
        var centre: String
        var appliedOn: String
        var caseNumber: String?
        var step: String
        var rule: String
    }

    /// The hand-over as shown after an action: its summary, thread and review clock.
    static func printDetail(_ store: CaseStore, _ id: Int64, now: LocalDateTime, context: HandOverClockContext?,
                            duplicates: [DuplicateReceipt]? = nil) throws {
        let d = try run { try store.handOverDetail(id, now: now, context: context) }
        try StoreCommand.printJSON(DetailJSON(
            handOver: HandOverJSON(d.summary), reviewClock: d.reviewClock.map(ReviewJSON.init),
            pauses: d.pauses.map { PauseJSON(reason: $0.reason.rawValue, reasonLabel: $0.reason.label, from: $0.from.iso, to: $0.to?.iso) },
            events: d.events.map { EventJSON(at: $0.at, action: $0.action.rawValue, actionLabel: $0.action.label, operatorName: $0.operatorName, note: $0.note) },
            duplicates: duplicates.map { $0.map { DuplicateJSON(caseId: $0.caseID, centre: $0.centreName, appliedOn: $0.appliedOn,
                                                                caseNumber: $0.caseNumber, step: $0.step, rule: HandOverRules.firstReceiverRule) } }))
    }

    static func record(_ store: CaseStore, _ id: Int64, now: LocalDateTime) throws -> HandOverRecord {
        try run { try store.handOverDetail(id, now: now, context: nil).summary.record }
    }

    // MARK: Subcommands

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "发出转交单：已登记的申请连同材料清单送交受理中心（操作员为首问责任人）",
            discussion: "申请须先登记（fayuan case register，步骤“受理”）。材料逐项 --material “名称:件数:原件|复印件:页数”，缺件 --missing “名称:承诺补交日期”。羁押转交须给出 --custody-received（监管场所收到书面申请的时间）。发现同一申请人同一事项在其他中心的申请时，输出中列出这些重复申请：最先收到申请的机构受理。")
        @OptionGroup var common: Common
        @Option(name: .customLong("case"), help: "申请（案件）编号（数字 id）") var caseID: Int64
        @Option(name: .long, help: "接收中心：编号、代码或全称") var to: String
        @Option(name: .long, help: "转交类别：station_to_centre 站点→本中心、liaison_to_centre 联络点→本中心、centre_out 转出异地中心、centre_in 异地转入、custody 监管场所/办案机关、duty_lawyer 值班律师、residence_centre 住所地中心代收、partner_counter 民政/残联柜台")
        var kind: String = "station_to_centre"
        @Option(name: .customLong("from-unit"), help: "发出单位名称（不是本库站点时，如 淮南市看守所）") var fromUnit: String?
        @Option(name: .customLong("first-received"), help: "申请人交来材料的时间 YYYY-MM-DDTHH:MM（首问起点；默认发出时间）") var firstReceived: String?
        @Option(name: .customLong("custody-received"), help: "监管场所或办案机关收到书面申请的时间（羁押转交必填）") var custodyReceived: String?
        @Option(name: .customLong("sent-at"), help: "发出时间 YYYY-MM-DDTHH:MM（默认现在）") var sentAt: String?
        @Option(name: .long, parsing: .singleValue, help: "材料一项：名称:件数:原件|复印件:页数（可重复）") var material: [String] = []
        @Option(name: .long, parsing: .singleValue, help: "缺件一项：名称:承诺补交日期 YYYY-MM-DD（可重复）") var missing: [String] = []
        @Option(name: .long, help: "转交方式：system 系统流转、courier 专人送达、post 邮寄、scan_first 扫描先行+原件后寄") var dispatch: String = "system"
        @Option(name: .customLong("tracking-no"), help: "邮寄单号") var trackingNo: String = ""
        @Option(name: .long, help: "初审意见") var opinion: String = ""
        @Option(name: .long, help: "首问责任人电话") var phone: String = ""
        @Option(name: .customLong("to-person"), help: "接收人") var toPerson: String = ""
        @Flag(name: .customLong("prior-contact"), help: "已电话联系受理机构（合肥做法）") var priorContact = false
        @Option(name: .long, help: "谈话笔录摘要") var interview: String = ""
        @Option(name: .long, help: "笔录确认方式：signed 本人签名、read_aloud 宣读后签名、thumbprint 按手印、proxy 代签") var signature: String = "signed"
        @Option(name: .customLong("reason-ground"), help: "管辖理由：litigation 诉讼（办案机关所在地）、dispute_organ 争议处理机关所在地、matter_arose 事由发生地（转出异地中心必填）") var reasonGround: String?
        @Option(name: .customLong("reason-place"), help: "有管辖权的地方，如 海州区") var reasonPlace: String?

        func run() throws {
            guard let kind = HandOverKind(rawValue: kind) else { throw CLIOutput.failure("--kind: 未知的转交类别“\(kind)”") }
            guard let dispatch = DispatchMethod(rawValue: dispatch) else { throw CLIOutput.failure("--dispatch: 应为 system、courier、post 或 scan_first") }
            guard let signature = InterviewSignatureMode(rawValue: signature) else { throw CLIOutput.failure("--signature: 应为 signed、read_aloud、thumbprint 或 proxy") }
            var items: [MaterialItem] = []
            for m in material {
                guard let item = MaterialItem.parse(m) else { throw CLIOutput.failure("--material: 格式应为 名称:件数:原件|复印件:页数：“\(m)”") }
                items.append(item)
            }
            guard !items.isEmpty else { throw CLIOutput.failure("--material: 请逐项登记收到的材料（至少一项）") }
            var lacking: [MissingItem] = []
            for m in missing {
                guard let item = MissingItem.parse(m) else { throw CLIOutput.failure("--missing: 格式应为 名称:YYYY-MM-DD：“\(m)”") }
                lacking.append(item)
            }
            let now = try common.current()
            let sent = try sentAt.map { try HandoverCommand.time($0, option: "--sent-at") } ?? now
            let first = try firstReceived.map { try HandoverCommand.time($0, option: "--first-received") } ?? sent
            let custody = try custodyReceived.map { try HandoverCommand.time($0, option: "--custody-received") }
            let reason = try HandoverCommand.reason(ground: reasonGround, place: reasonPlace, note: nil)
            let (store, op) = try common.identity.open(common.store)
            let target = try HandoverCommand.station(to, in: store, option: "--to")
            let fromStation: Int64? = [.custody, .partnerCounter, .centreIn].contains(kind) && fromUnit != nil ? nil : op.stationID
            let context = try common.context(store, receiver: target.id!, on: first.date)
            let result = try HandoverCommand.run {
                try store.sendHandOver(HandOverRequest(
                    kind: kind, caseID: caseID, fromStationID: fromStation, fromUnit: fromUnit, firstOwnerPhone: phone,
                    toStationID: target.id!, toPerson: toPerson, firstReceivedAt: first, custodyReceivedAt: custody, sentAt: sent,
                    scopeOpinion: opinion, competence: reason, priorContact: priorContact, interviewRecord: interview,
                    signatureMode: signature, dispatch: dispatch, trackingNo: trackingNo, materials: items, missing: lacking),
                    context: context, by: op)
            }
            try HandoverCommand.printDetail(store, result.record.id, now: now, context: context, duplicates: result.duplicates)
            printError("已发出转交单 \(result.record.number)：期限 \(result.record.deadline.text)")
            if let first = result.duplicates.first {
                printError("注意：该申请人同一事项已于 \(first.appliedOn) 向\(first.centreName)申请；\(HandOverRules.firstReceiverRule)")
            }
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "receive", abstract: "签收转交单（中心收件时间，审查期限的起算点之一）")
        @OptionGroup var common: Common
        @Argument(help: "转交单编号（数字 id）") var id: Int64
        @Option(name: .long, help: "签收时间 YYYY-MM-DDTHH:MM（默认现在）") var at: String?

        func run() throws {
            let now = try common.current()
            let when = try at.map { try HandoverCommand.time($0, option: "--at") } ?? now
            let (store, op) = try common.identity.open(common.store)
            let r = try HandoverCommand.run { try store.receiveHandOver(id, at: when, by: op) }
            let context = try common.context(store, receiver: r.toStationID, on: when.date)
            try HandoverCommand.printDetail(store, id, now: now, context: context)
            printError("已签收转交单 \(r.number)")
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "接收方处理：接收、要求补正、补正后接收、改转有管辖权的中心、报请上级指定（不能退回）",
            discussion: "--outcome accept 接收并受理（分配案号，与窗口受理相同）；supplement 一次性告知补正（审查期限暂停）；accept_after_supplement 补正后接收（暂停结束于 --supplied-on）；reroute 改转 --to 中心并写明 --reason-ground/--reason-place（法律援助法第三十八条）；ask_designation 报请上级指定（山西三日内指定）。--check “行号:实收件数:说明” 逐项核对材料。")
        @OptionGroup var common: Common
        @Argument(help: "转交单编号（数字 id）") var id: Int64
        @Option(name: .long, help: "处理结果：accept 接收、supplement 要求补正、accept_after_supplement 补正后接收、reroute 改转、ask_designation 报请指定") var outcome: String = "accept"
        @Option(name: .long, help: "处理时间 YYYY-MM-DDTHH:MM（默认现在）") var at: String?
        @Option(name: .long, parsing: .singleValue, help: "逐项核对：行号:实收件数:说明（可重复）") var check: [String] = []
        @Option(name: .long, parsing: .singleValue, help: "补正缺件：名称:补交期限（可重复，supplement 时用）") var missing: [String] = []
        @Option(name: .customLong("supplied-on"), help: "补正材料送达日期 YYYY-MM-DD（默认处理当日）") var suppliedOn: String?
        @Option(name: .long, help: "改转至：中心编号、代码或全称（reroute 时用）") var to: String?
        @Option(name: .customLong("reason-ground"), help: "管辖理由：litigation 诉讼（办案机关所在地）、dispute_organ 争议处理机关所在地、matter_arose 事由发生地") var reasonGround: String?
        @Option(name: .customLong("reason-place"), help: "有管辖权的地方，如 海州区") var reasonPlace: String?
        @Flag(name: .customLong("prior-contact"), help: "改转前已电话联系受理机构") var priorContact = false
        @Option(name: .long, help: "说明") var note: String = ""

        func run() throws {
            let now = try common.current()
            let when = try at.map { try HandoverCommand.time($0, option: "--at") } ?? now
            var checks: [MaterialCheck] = []
            for c in check {
                let parts = c.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2, let line = Int(parts[0]), let count = Int(parts[1]), line > 0, count >= 0 else {
                    throw CLIOutput.failure("--check: 格式应为 行号:实收件数:说明：“\(c)”")
                }
                checks.append(MaterialCheck(line: line, receivedCount: count, note: parts.count > 2 ? parts[2] : ""))
            }
            let (store, op) = try common.identity.open(common.store)
            let decision: HandOverDecision
            switch outcome {
            case "accept": decision = .accept(checks: checks)
            case "supplement":
                var items: [MissingItem] = []
                for m in missing {
                    guard let item = MissingItem.parse(m) else { throw CLIOutput.failure("--missing: 格式应为 名称:YYYY-MM-DD：“\(m)”") }
                    items.append(item)
                }
                decision = .requestSupplement(items: items)
            case "accept_after_supplement":
                var day: LocalDate?
                if let suppliedOn {
                    guard let d = LocalDate(iso: suppliedOn) else { throw CLIOutput.failure("--supplied-on: 日期应为有效的 YYYY-MM-DD：“\(suppliedOn)”") }
                    day = d
                }
                decision = .acceptAfterSupplement(suppliedOn: day, checks: checks)
            case "reroute":
                guard let to else { throw CLIOutput.failure("--to: 改转须指明有管辖权的中心") }
                let target = try HandoverCommand.station(to, in: store, option: "--to")
                guard let reason = try HandoverCommand.reason(ground: reasonGround, place: reasonPlace, note: note.isEmpty ? nil : note) else {
                    throw CLIOutput.failure("--reason-ground: 改转须写明管辖理由（法律援助法第三十八条）")
                }
                decision = .reroute(toStationID: target.id!, reason: reason, priorContact: priorContact)
            case "ask_designation": decision = .askDesignation
            case "return", "reject":
                throw CLIOutput.failure("--outcome: 接收方不能直接退回申请材料；请选择 reroute（改转有管辖权的中心）或 ask_designation（报请上级指定）")
            default:
                throw CLIOutput.failure("--outcome: 应为 accept、supplement、accept_after_supplement、reroute 或 ask_designation：“\(outcome)”")
            }
            let before = try HandoverCommand.record(store, id, now: now)
            let context = try common.context(store, receiver: before.toStationID, on: when.date)
            let r = try HandoverCommand.run {
                try store.decideHandOver(id, decision, at: when, note: outcome == "reroute" ? "" : note, context: context, by: op)
            }
            try HandoverCommand.printDetail(store, id, now: now, context: common.context(store, receiver: r.toStationID, on: when.date))
            printError("转交单 \(r.number)：\(r.status.label)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "转出/转入列表（超时在前）或某月台账",
            discussion: "默认列出操作员所在单位的未办结转交单；--box outbox 转出、inbox 转入；--month YYYY-MM 列出该月收件的全部转交单（申请转交工作台账）。")
        @OptionGroup var common: Common
        @Option(name: .long, help: "outbox 转出、inbox 转入") var box: String = "inbox"
        @Option(name: .long, help: "站点或中心：编号、代码或全称（默认操作员所在单位）") var station: String?
        @Flag(name: .long, help: "包括已受理和已撤回的") var all = false
        @Option(name: .long, help: "台账月份 YYYY-MM") var month: String?

        func run() throws {
            let now = try common.current()
            let (store, op) = try common.identity.open(common.store, readOnly: true)
            let stationID = try station.map { try HandoverCommand.station($0, in: store, option: "--station").id } ?? op.stationID
            let items: [HandOverSummary]
            if let month {
                guard month.count == 7, let first = LocalDate(iso: month + "-01") else {
                    throw CLIOutput.failure("--month: 月份应为 YYYY-MM：“\(month)”")
                }
                let last = first.adding(days: LocalDate.daysIn(month: first.month, year: first.year) - 1)
                items = try HandoverCommand.run { try store.handOverLedger(stationID: stationID, from: first, to: last, now: now) }
            } else {
                guard let which = CaseStore.HandOverBox(rawValue: box) else { throw CLIOutput.failure("--box: 应为 outbox 或 inbox") }
                items = try HandoverCommand.run { try store.handOvers(which, stationID: stationID, now: now, includeClosed: all) }
            }
            try StoreCommand.printList(items.map(HandOverJSON.init), key: "handOvers")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "转交单详情：材料、事件、审查期限（两个起算点）")
        @OptionGroup var common: Common
        @Argument(help: "转交单编号（数字 id）") var id: Int64

        func run() throws {
            let now = try common.current()
            let (store, _) = try common.identity.open(common.store, readOnly: true)
            let r = try HandoverCommand.record(store, id, now: now)
            try HandoverCommand.printDetail(store, id, now: now, context: try common.context(store, receiver: r.toStationID, on: now.date))
        }
    }

    struct Designate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "designate", abstract: "上级指定受理中心（报请指定的转交单）")
        @OptionGroup var common: Common
        @Argument(help: "转交单编号（数字 id）") var id: Int64
        @Option(name: .long, help: "指定的中心：编号、代码或全称") var to: String
        @Option(name: .long, help: "指定时间 YYYY-MM-DDTHH:MM（默认现在）") var at: String?
        @Option(name: .long, help: "说明") var note: String = ""

        func run() throws {
            let now = try common.current()
            let when = try at.map { try HandoverCommand.time($0, option: "--at") } ?? now
            let (store, op) = try common.identity.open(common.store)
            let target = try HandoverCommand.station(to, in: store, option: "--to")
            let r = try HandoverCommand.run { try store.designateHandOver(id, toStationID: target.id!, at: when, note: note, by: op) }
            try HandoverCommand.printDetail(store, id, now: now, context: try common.context(store, receiver: r.toStationID, on: when.date))
            printError("转交单 \(r.number) 已指定由\(target.name)受理")
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "撤回转交单（须说明理由，如申请人已向其他中心申请）")
        @OptionGroup var common: Common
        @Argument(help: "转交单编号（数字 id）") var id: Int64
        @Option(name: .long, help: "撤回理由") var reason: String
        @Option(name: .long, help: "撤回时间 YYYY-MM-DDTHH:MM（默认现在）") var at: String?

        func run() throws {
            let now = try common.current()
            let when = try at.map { try HandoverCommand.time($0, option: "--at") } ?? now
            let (store, op) = try common.identity.open(common.store)
            let r = try HandoverCommand.run { try store.withdrawHandOver(id, reason: reason, at: when, by: op) }
            try HandoverCommand.printDetail(store, id, now: now, context: nil)
            printError("已撤回转交单 \(r.number)")
        }
    }

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger", abstract: "申请转交工作台账：某月收件的全部转交单，A4 横向 PDF（证件号只列后4位，电话打码）",
            discussion: "默认写入打印目录（案件库旁的 print/年份/转交/），--out 指定文件；--print 同时送系统设置中的打印机。写入和打印都记入审计日志。")
        @OptionGroup var common: Common
        @Option(name: .long, help: "台账月份 YYYY-MM") var month: String
        @Option(name: .long, help: "站点或中心：编号、代码或全称（默认操作员所在单位）") var station: String?
        @Option(name: .long, help: "输出 PDF 文件") var out: String?
        @Flag(name: .long, help: "送打印机") var print = false

        struct Output: Encodable {
            var month: String
            var unit: String
            var count: Int
            var overdue: Int
            var pdf: String
        }

        func run() throws {
            guard month.count == 7, let first = LocalDate(iso: month + "-01") else {
                throw CLIOutput.failure("--month: 月份应为 YYYY-MM：“\(month)”")
            }
            let now = try common.current()
            let (store, op) = try common.identity.open(common.store)
            let rules = try common.library()
            let unitStation = try station.map { try HandoverCommand.station($0, in: store, option: "--station") }
            let stations = try StoreCommand.run { try store.stations() }
            let stationID = unitStation?.id ?? op.stationID
            let unit = stations.first { $0.id == stationID }?.name ?? (stations.first { $0.kind == .countyCentre }?.name ?? "法律援助中心")
            let last = first.adding(days: LocalDate.daysIn(month: first.month, year: first.year) - 1)
            let items = try HandoverCommand.run { try store.handOverLedger(stationID: stationID, from: first, to: last, now: now) }
            let doc = HandOverLedger.document(month: month, unit: unit, items: items,
                                              causeLabel: { c in rules.causes.first { $0.code == c }?.label ?? c }, day: now.date.iso)
            let path: String
            if let out {
                try HandoverCommand.run { try AccessPolicy.require(op.role, .takeApplication) }
                do { try SafeFile.write(try doc.pdf(), to: out, force: true) } catch {
                    throw CLIOutput.failure("--out: 无法写入 \(out)：\(error)", code: 3)
                }
                try HandoverCommand.run {
                    try store.recordHandOverLedger(month: month, unit: unit, path: out, printRequested: false, printedTo: nil, by: op)
                }
                path = out
                printError("申请转交工作台账：PDF 已写入 \(out)")
            } else {
                let r = try HandoverCommand.run { try HandOverLedger.output(doc, month: month, unit: unit, store: store, print: print, by: op) }
                path = r.path
                printError(r.message)
            }
            try StoreCommand.printJSON(Output(month: month, unit: unit, count: items.count, overdue: items.filter { $0.timer.isOverdue }.count,
                                              pdf: path))
        }
    }

    struct Basis: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "basis", abstract: "审查期限起算设置：取较早者（默认）、自站点收件起算或自中心收件起算",
            discussion: "无参数时显示当前设置；用 --set 修改（须有管理本地规则的权限）。")
        @OptionGroup var common: Common
        @Option(name: .long, help: "earlier 取较早者、station_receipt 自站点收件起算、centre_receipt 自中心收件起算") var set: String?

        struct Output: Encodable {
            var basis: String
            var basisLabel: String
        }

        func run() throws {
            let (store, op) = try common.identity.open(common.store, readOnly: set == nil)
            if let set {
                guard let basis = ReviewClockBasis(rawValue: set) else {
                    throw CLIOutput.failure("--set: 应为 earlier、station_receipt 或 centre_receipt：“\(set)”")
                }
                try HandoverCommand.run { try store.setHandOverReviewBasis(basis, by: op) }
            }
            let basis = try HandoverCommand.run { try store.handOverReviewBasis() }
            try StoreCommand.printJSON(Output(basis: basis.rawValue, basisLabel: basis.label))
        }
    }
}

import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// The forms behind the administration lists: what each record's fields are, how they are
/// checked at the field, and the one store method that saves them.
extension AdminListScreen {
    func editor(for row: Int?) -> AdminFormScreen {
        switch kind {
        case .stations: return stationForm(row.map { data(\.stations)[$0] })
        case .windows(let s): return windowForm(station: s, row.map { data(\.windows)[$0] })
        case .operators: return row.map { operatorForm(data(\.operators)[$0]) } ?? newOperatorForm()
        case .providers: return providerForm(row.map { data(\.providers)[$0] })
        }
    }

    private var stationOptions: [(String, String)] {
        data(\.stations).filter { !$0.disabled }.map { (String($0.id ?? 0), $0.name) }
    }

    private func stationForm(_ station: Station?) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let others = data(\.stations).filter { $0.id != station?.id }.map { (String($0.id ?? 0), $0.name) }
        let fields = [
            AdminFields.text("code", "代码", station?.code ?? "", required: true, max: 12, filter: .digits, width: 14) { code in
                RegionTable.isWellFormed(code) && code.count >= 6 ? nil : "应为 6、9 或 12 位数字"
            },
            AdminFields.text("name", "名称", station?.name ?? "", required: true, max: 40),
            AdminFields.select("kind", "类型", StationKind.allCases.map { ($0.rawValue, $0.shortLabel) },
                               selected: station?.kind.rawValue ?? StationKind.township.rawValue),
            AdminFields.select("parent", "上级站点", [("", "（无）")] + others, selected: station?.parentID.map(String.init) ?? "", required: false),
            AdminFields.text("address", "地址", station?.address ?? "", max: 60),
            AdminFields.select("duty", "值班安排", DutyPattern.allCases.map { ($0.rawValue, $0.label) },
                               selected: station?.dutyPattern.rawValue ?? DutyPattern.workdays.rawValue),
        ]
        let base = station
        return AdminFormScreen(title: station == nil ? "新增站点" : "修改站点：\(station!.name)",
                               intro: "代码即行政区划代码（GB/T 2260），乡镇加 3 位、村（社区）再加 3 位；保存后显示地区名称。",
                               fields: fields, fieldIDs: ["上级站点": "parent"]) { values, env in
            var s = base ?? Station(code: "", name: "", kind: .township)
            s.code = values["code"] ?? ""
            s.name = values["name"] ?? ""
            s.kind = StationKind(rawValue: values["kind"] ?? "") ?? .township
            s.parentID = Int64(values["parent"] ?? "")
            s.address = values["address"] ?? ""
            s.dutyPattern = DutyPattern(rawValue: values["duty"] ?? "") ?? .workdays
            let saved = try env.store.saveStation(s, by: actor)
            let region = RegionTable.name(of: saved.code).map { "地区：\($0)" } ?? "⚠ 地区代码不在地区表中（\(RegionTable.unknownName)），请核对"
            return "已保存站点 \(saved.name)；\(region)"
        }
    }

    private func windowForm(station: Station, _ window: ServiceWindow?) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let fields = [
            AdminFields.text("number", "窗口号", window?.number ?? "", required: true, max: 4, filter: .digits, width: 6),
            AdminFields.checkboxes("services", "办理业务", QueueService.all.map { ($0.code, "\($0.letter) \($0.label)") },
                                   checked: window?.services ?? QueueService.all.map(\.code)),
        ]
        return AdminFormScreen(title: window == nil ? "新增窗口：\(station.name)" : "修改 \(window!.number) 号窗口",
                               intro: "空格勾选或取消业务；叫号时本窗口只叫勾选的业务。", fields: fields,
                               fieldIDs: ["业务": "services"]) { values, env in
            let w = ServiceWindow(id: window?.id, stationID: station.id ?? 0, number: values["number"] ?? "",
                                  services: (values["services"] ?? "").split(separator: ",").map(String.init))
            let saved = try env.store.saveServiceWindow(w, by: actor)
            return "已保存 \(saved.number) 号窗口"
        }
    }

    static var roleOptions: [(String, String)] {
        OperatorRole.allCases.map { ($0.rawValue, $0.label) }
    }

    private func newOperatorForm() -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let fields = [
            AdminFields.text("name", "姓名", required: true, max: 20, placeholder: "例如：李娜"),
            AdminFields.select("role", "角色", Self.roleOptions, selected: OperatorRole.windowClerk.rawValue),
            AdminFields.select("station", "站点", stationOptions, selected: stationOptions.first?.0),
            AdminFields.pin("pin", "PIN"),
            AdminFields.pin("confirm", "确认 PIN"),
        ]
        return AdminFormScreen(title: "新增操作员",
                               intro: "PIN 至少 6 位数字，请当面告诉本人；本人登录后按 1 排队叫号，即可取号、叫号。",
                               fields: fields, secretFields: ["pin", "confirm"]) { values, env in
            guard values["pin"] == values["confirm"] else {
                throw StoreError.invalidInput(field: "确认 PIN", message: "两次输入的 PIN 不一致")
            }
            let role = OperatorRole(rawValue: values["role"] ?? "") ?? .windowClerk
            let op = try env.store.createOperator(name: values["name"] ?? "", role: role, pin: values["pin"] ?? "",
                                                  stationID: Int64(values["station"] ?? ""), by: actor)
            return "已添加操作员 \(op.name)（\(op.role.label)）：登录时选择“\(op.name)”并输入 PIN"
        }
    }

    private func operatorForm(_ op: Operator) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let fields = [
            AdminFields.text("name", "姓名", op.name, required: true, max: 20),
            AdminFields.select("role", "角色", Self.roleOptions, selected: op.role.rawValue),
            AdminFields.select("station", "站点", [("", "（无）")] + stationOptions, selected: op.stationID.map(String.init) ?? "", required: false),
        ]
        return AdminFormScreen(title: "修改操作员：\(op.name)", fields: fields) { values, env in
            let saved = try env.store.updateOperator(op.id ?? 0, name: values["name"] ?? "",
                                                     role: OperatorRole(rawValue: values["role"] ?? "") ?? op.role,
                                                     stationID: Int64(values["station"] ?? ""), by: actor)
            return "已保存操作员 \(saved.name)（\(saved.role.label)）"
        }
    }

    func resetPINForm(_ op: Operator) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        return AdminFormScreen(title: "重置 PIN：\(op.name)", intro: "新 PIN 同时解除登录锁定；请当面告诉本人。",
                               fields: [AdminFields.pin("pin", "新 PIN"), AdminFields.pin("confirm", "确认 PIN")],
                               fieldIDs: ["PIN": "pin"], secretFields: ["pin", "confirm"]) { values, env in
            guard values["pin"] == values["confirm"] else {
                throw StoreError.invalidInput(field: "确认 PIN", message: "两次输入的 PIN 不一致")
            }
            try env.store.resetPIN(operatorID: op.id ?? 0, newPIN: values["pin"] ?? "", by: actor)
            return "已重置 \(op.name) 的 PIN 并解除锁定"
        }
    }

    func linkForm(_ op: Operator) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let options = [("", "（不关联）")] + data(\.providers).map { (String($0.id ?? 0), "\($0.name)（\($0.kind.label)）") }
        return AdminFormScreen(title: "关联律师：\(op.name)",
                               intro: "值班律师的操作员账号关联到律师名册中的本人，才能看到指派给自己的保密案件。",
                               fields: [AdminFields.select("provider", "律师", options, selected: op.providerID.map(String.init) ?? "", required: false)],
                               fieldIDs: ["律师": "provider"]) { values, env in
            let provider = Int64(values["provider"] ?? "")
            try env.store.linkOperator(op.id ?? 0, toProvider: provider, by: actor)
            return provider == nil ? "已取消 \(op.name) 的律师关联" : "已将 \(op.name) 关联到律师名册"
        }
    }

    private func providerForm(_ p: ProviderEdit?) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let fields = [
            AdminFields.text("name", "姓名", p?.name ?? "", required: true, max: 20),
            AdminFields.select("kind", "类别", ProviderKind.allCases.map { ($0.rawValue, $0.label) }, selected: p?.kind.rawValue ?? ProviderKind.lawyer.rawValue),
            AdminFields.text("organisation", "执业机构", p?.organisation ?? "", max: 40),
            AdminFields.text("phone", "电话", p?.phone ?? "", max: 13, filter: .digits, width: 15),
            AdminFields.select("station", "站点", [("", "（全县）")] + stationOptions, selected: p?.stationID.map(String.init) ?? "", required: false),
            AdminFields.checkboxes("leading", "名优律师", [("yes", "是（重大疑难案件优先）")], checked: p?.isLeading == true ? ["yes"] : []),
            AdminFields.text("specialties", "专长", p?.specialties.joined(separator: ",") ?? "", max: 120,
                             placeholder: "案由代码，逗号分隔，例如 labor_remuneration"),
            AdminFields.number("years", "执业年限", p?.practiceYears, range: 0...60),
            AdminFields.number("load", "办案上限", p?.maxLoad, range: 1...100),
        ]
        return AdminFormScreen(title: p == nil ? "新增承办人员" : "修改承办人员：\(p!.name)", fields: fields) { values, env in
            let known = Set(env.rules.causes.map(\.code))
            let specialties = (values["specialties"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let bad = specialties.first(where: { !known.contains($0) }) {
                throw StoreError.invalidInput(field: "专长", message: "规则库中没有案由代码“\(bad)”（可在 7 规则库中查看）")
            }
            let edit = ProviderEdit(id: p?.id, name: values["name"] ?? "", kind: ProviderKind(rawValue: values["kind"] ?? "") ?? .lawyer,
                                    organisation: values["organisation"] ?? "", phone: values["phone"] ?? "",
                                    isLeading: values["leading"] == "yes", stationID: Int64(values["station"] ?? ""),
                                    specialties: specialties, practiceYears: Int(values["years"] ?? ""), maxLoad: Int(values["load"] ?? ""))
            try env.store.saveProvider(edit, by: actor)
            return "已保存承办人员 \(edit.name)"
        }
    }
}

/// Screens of the administration area that are a single form.
public enum AdminScreens {
    /// 系统设置: read from the store when opened, saved in one transaction (one audit entry per
    /// changed value).
    public static func settings(session: Session) -> AdminSettingsScreen { AdminSettingsScreen(session: session) }
}

/// Loads the settings, then shows them in an `AdminFormScreen`-style form.
public struct AdminSettingsScreen: Screen {
    struct Loaded: Sendable { let settings: ConsoleSettings }
    let session: Session
    private var inner: AdminFormScreen?

    init(session: Session) { self.session = session }

    public var keymapSection: String { "admin" }
    public var title: String { "管理 · 系统设置" }
    public var acceptsText: Bool { inner?.acceptsText ?? false }
    public var isDirty: Bool { inner?.isDirty ?? false }
    public func isEnabled(_ action: ActionID) -> Bool { inner?.isEnabled(action) ?? (action != StandardAction.save) }

    static func form(_ s: ConsoleSettings, session: Session) -> AdminFormScreen {
        let actor: Actor = .operatorRecord(session.operatorRecord)
        let fields = [
            AdminFields.number("idle", "闲置锁屏（分钟）", s.idleLockMinutes, range: 1...240, required: true),
            AdminFields.number("attempts", "PIN 错误次数", s.maxFailedAttempts, range: 1...20, required: true),
            AdminFields.number("lockout", "锁定时长（分钟）", s.lockoutMinutes, range: 1...1440, required: true),
            AdminFields.select("voice", "语音叫号", [("off", "关闭"), ("window", "窗口终端播报"), ("display", "大厅显示屏播报")], selected: s.voice),
            AdminFields.select("voiceName", "语音", voiceOptions(current: s.voiceName), selected: s.voiceName),
            AdminFields.text("folder", "打印目录", s.printFolder, max: 200, placeholder: "留空：案件库旁的 print 目录"),
            AdminFields.text("printer", "打印机", s.printer, max: 60, placeholder: "留空：只写文件，不送打印机"),
        ]
        return AdminFormScreen(title: "管理 · 系统设置", intro: "修改后立即生效（闲置锁屏从下次登录起）；每项修改都记入审计日志。",
                               fields: fields, fieldIDs: ["闲置锁屏": "idle", "错误次数": "attempts", "锁定时长": "lockout"]) { values, env in
            let new = ConsoleSettings(idleLockMinutes: Int(values["idle"] ?? "") ?? s.idleLockMinutes,
                                      maxFailedAttempts: Int(values["attempts"] ?? "") ?? s.maxFailedAttempts,
                                      lockoutMinutes: Int(values["lockout"] ?? "") ?? s.lockoutMinutes,
                                      voice: values["voice"] ?? s.voice, voiceName: values["voiceName"] ?? "",
                                      printFolder: values["folder"] ?? "", printer: values["printer"] ?? "")
            try env.store.setConsoleSettings(new, by: actor)
            return "系统设置已保存"
        }
    }

    /// espeak-ng's Chinese voices, by their Chinese names (a voice set outside this list stays
    /// selectable under its own name).
    static let voices: [(String, String)] = [("cmn", "普通话（推荐）"), ("yue", "粤语"), ("cmn-latn-pinyin", "普通话（拼音规则）")]

    static func voiceOptions(current: String) -> [(String, String)] {
        voices.contains { $0.0 == current } ? voices : voices + [(current, "其他语音：\(current)")]
    }

    public mutating func update(_ msg: Msg) -> [Effect] {
        if case .result(let loaded as Loaded) = msg {
            inner = Self.form(loaded.settings, session: session)
            return []
        }
        if inner == nil {
            if case .resumed = msg { return [.perform { env in Loaded(settings: try env.store.consoleSettings()) }] }
            return []
        }
        if case .resumed = msg { return [] }
        return inner!.update(msg)
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        if let inner { inner.view(&canvas, area: area, context: context) } else {
            canvas.drawLine("正在读取设置……", in: area.inset(top: 1, left: 2, bottom: 0, right: 2).row(0), style: context.theme[.dim])
        }
    }

    public func viewLarge<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        inner?.viewLarge(&canvas, area: area, context: context)
    }
}

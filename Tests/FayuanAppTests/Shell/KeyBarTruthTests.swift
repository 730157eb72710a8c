import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// Every screen, in every built-in keymap, in the normal and the large (大字) frame: each key the
/// bottom bar shows, and each key the screen's own text names ("按 F2 保存"), does something when
/// pressed on that screen — and under nofkeys (for terminals where F-keys never arrive) no F-key
/// is shown at all and every action has a key that is not an F-key.
@Suite(.serialized) struct KeyBarTruthTests {
    struct Probe {
        let name: String
        let make: () -> any Screen
        let session: Session
    }

    /// A small seeded county (2026-06-08) with one operator of each role the screens need.
    final class World: @unchecked Sendable {
        let fixture: AppFixture
        var probes: [Probe] = []

        init() throws {
            fixture = try AppFixture()
            let store = fixture.environment.store
            _ = try store.seed(SeedOptions(persons: 120, cases: 160, consultations: 40))
            let centre = try #require(try store.countyCentre())
            func session(_ name: String, _ role: OperatorRole) throws -> Session {
                Session(operatorRecord: try store.addOperator(Operator(name: name, role: role, stationID: centre.id), by: nil), station: centre)
            }
            let clerk = try session("窗口小王", .windowClerk)
            let reviewer = try session("审查老李", .reviewer)
            let admin = try session("管理员张敏", .admin)
            let all = try store.pipelineBoard(BoardFilter())
            let review = try #require(all.first { $0.stage == .review || $0.stage == .intake } ?? all.first)
            let handling = try #require(all.first { $0.stage == .handling } ?? all.first)
            let assignment = try #require(all.first { $0.stage == .assignment } ?? all.first)
            let detail = try store.caseDetail(handling.id)
            let toAssign = try store.caseDetail(assignment.id)
            let readBack = ReadBack(name: "王小明", maskedID: "1405**********1234", matter: "追索劳动报酬（民事）", decideBy: "2026年6月15日",
                                    missingDocuments: ["居民户口簿"], bringDocuments: "请在 2026-06-15 之前交到本中心受理窗口。",
                                    nextSteps: ["有疑问可以拨打 12348 公共法律服务热线。"])
            probes = [
                Probe(name: "首页", make: { Console.homeScreen(session: reviewer) }, session: reviewer),
                Probe(name: "排队叫号", make: { QueueWindowScreen(session: clerk, window: "1") }, session: clerk),
                Probe(name: "申请转交", make: { HandOverScreen(session: clerk) }, session: clerk),
                Probe(name: "取号", make: { TicketIssueScreen(session: clerk) }, session: clerk),
                Probe(name: "排队统计", make: { QueueStatsScreen(session: clerk) }, session: clerk),
                Probe(name: "咨询登记", make: { ConsultationScreen(session: clerk) }, session: clerk),
                Probe(name: "援助申请", make: { ApplicationScreen(session: clerk) }, session: clerk),
                Probe(name: "给群众看", make: { ApplicantViewScreen(readBack: readBack) }, session: clerk),
                Probe(name: "案件看板", make: { PipelineBoardScreen(session: reviewer) }, session: reviewer),
                Probe(name: "案件详情（审查）", make: { CaseDetailScreen(session: reviewer, caseID: review.id) }, session: reviewer),
                Probe(name: "案件详情（办理）", make: { CaseDetailScreen(session: reviewer, caseID: handling.id) }, session: reviewer),
                Probe(name: "办案进展", make: { CaseActionScreen(session: reviewer, kind: .progress, detail: detail) }, session: reviewer),
                Probe(name: "指派", make: { AssignmentScreen(session: reviewer, detail: toAssign, causeLabel: "劳动争议") }, session: reviewer),
                Probe(name: "质量评查", make: { QualityReviewScreen(session: reviewer, detail: detail) }, session: reviewer),
                Probe(name: "评查抽样", make: { QualitySampleScreen(session: reviewer) }, session: reviewer),
                Probe(name: "补交材料", make: { SupplementScreen(session: reviewer, caseID: handling.id, caseNumber: handling.caseNumber ?? "",
                                                              missing: [CaseDocumentEntry(code: "household", label: "居民户口簿", status: .missing, dueOn: "2026-06-20")]) },
                      session: reviewer),
                Probe(name: "文书", make: { DocumentsScreen(session: reviewer, caseID: handling.id) }, session: reviewer),
                Probe(name: "值班（已排）", make: { RosterScreen(session: reviewer) }, session: reviewer),
                Probe(name: "值班（未排）", make: { RosterScreen(session: reviewer, month: "2027-03") }, session: reviewer),
                Probe(name: "补贴明细", make: { SubsidyScreen(session: reviewer, month: "2026-05") }, session: reviewer),
                Probe(name: "值班投诉", make: { ComplaintScreen(session: reviewer, month: "2026-06") }, session: reviewer),
                Probe(name: "报表", make: { ReportsScreen(session: reviewer) }, session: reviewer),
                Probe(name: "规则库", make: { RulesScreen() }, session: reviewer),
                Probe(name: "我的今天", make: { MyDayScreen(session: clerk) }, session: clerk),
                Probe(name: "键位表", make: { KeymapScreen() }, session: clerk),
                Probe(name: "接口令牌", make: { TokensScreen(session: reviewer) }, session: reviewer),
                Probe(name: "管理", make: { AdminMenuScreen(session: admin) }, session: admin),
                Probe(name: "站点", make: { AdminListScreen(session: admin, kind: .stations) }, session: admin),
                Probe(name: "操作员", make: { AdminListScreen(session: admin, kind: .operators) }, session: admin),
                Probe(name: "承办人员", make: { AdminListScreen(session: admin, kind: .providers) }, session: admin),
                Probe(name: "审计日志", make: { AuditScreen(session: admin) }, session: admin),
                Probe(name: "节假日", make: { HolidayCalendarScreen(session: admin, year: 2027) }, session: admin),
                Probe(name: "站点规则", make: { LocalPolicyScreen(session: admin) }, session: admin),
            ]
        }

        /// The screen opened from the home menu (so Esc and the menu key have somewhere to go).
        func app(_ probe: Probe, keymap: Keymap, large: Bool) -> App {
            let app = App(root: Console.homeScreen(session: probe.session), keymap: keymap, environment: fixture.environment,
                          session: probe.session)
            if large { app.handle(action: "app.large_text") }
            app.run([.push(probe.make())])
            app.tick()
            app.handle(action: "test.nothing")
            return app
        }
    }

    static func keymap(_ name: String) throws -> Keymap {
        try KeymapLoader.load(selection: name, systemPath: "/nonexistent", userPath: "/nonexistent")
    }

    /// The keys a bar shows, read from its text as a person reads it.
    static func advertised(bar: String, large: Bool) -> [(key: Key, label: String)] {
        func key(_ name: String) -> Key? { Key(name: name.hasPrefix("^") ? "Ctrl-" + name.dropFirst() : name) }
        if large {
            return bar.components(separatedBy: "  ").compactMap { token in
                let parts = token.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, let k = key(parts[0]) else { return nil }
                return (k, parts[1])
            }
        }
        // The F-key bar: "1帮助   2       3排班 …" (a blank slot has no label).
        if bar.trimmingCharacters(in: .whitespaces).hasPrefix("1"), bar.contains(" 2") {
            let regex = try! NSRegularExpression(pattern: "(\\d{1,2})([^\\d\\s]+)")
            let ns = bar as NSString
            return regex.matches(in: bar, range: NSRange(location: 0, length: ns.length)).compactMap { m in
                guard let n = Int(ns.substring(with: m.range(at: 1))) else { return nil }
                return (.function(n), ns.substring(with: m.range(at: 2)))
            }
        }
        // The hint bar: "^G帮助 ^S保存 t转移 ^X退出".
        return bar.split(separator: " ").compactMap { token in
            let name = String(token.prefix { $0.isASCII })
            let label = String(token.dropFirst(name.count))
            guard !name.isEmpty, !label.isEmpty, let k = key(name) else { return nil }
            return (k, label)
        }
    }

    /// Key names a screen's own text uses: F1…F12, Ctrl-X and ^X.
    static func keysNamed(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9])(F(?:1[0-2]|[1-9])(?![0-9])|Ctrl-[A-Z]|\\^[A-Z])")
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    /// Whether pressing `key` changes anything: the screen, the stack, the status line, an
    /// overlay, the mode, the session, or quitting.
    static func pressDoesSomething(_ world: World, _ probe: Probe, keymap: Keymap, large: Bool, key: Key) -> Bool {
        let app = world.app(probe, keymap: keymap, large: large)
        let size = large ? (48, 14) : (80, 24)
        let before = world.fixture.render(app, width: size.0, height: size.1).text
        let depth = app.stack.count, top = "\(type(of: app.top))", wasLarge = app.largeText
        app.handle(key)
        if app.status != nil || app.overlay != nil || app.shouldQuit || app.session == nil { return true }
        if app.stack.count != depth || "\(type(of: app.top))" != top || app.largeText != wasLarge { return true }
        return world.fixture.render(app, width: size.0, height: size.1).text != before
    }

    @Test func everyAdvertisedKeyWorksOnEveryScreenInEveryKeymap() throws {
        let world = try World()
        var faults: [String] = []
        for name in ["default", "nofkeys", "vi"] {
            let keymap = try Self.keymap(name)
            let fkeysOK = Chrome.prefersFunctionKeys(keymap)
            for probe in world.probes {
                for large in [false, true] {
                    let app = world.app(probe, keymap: keymap, large: large)
                    #expect("\(type(of: app.top))" == "\(type(of: probe.make()))", "\(probe.name) opened")
                    let section = app.top.keymapSection
                    let (w, h) = large ? (48, 14) : (80, 24)
                    let grid = world.fixture.render(app, width: w, height: h)
                    let where_ = "\(name) · \(probe.name) · \(large ? "大字" : "普通")"
                    let bar = grid.line(h - 1)
                    let keys = Self.advertised(bar: bar, large: large)
                    if keys.isEmpty { faults.append("\(where_): the bar shows no key: “\(bar)”") }
                    for (key, label) in keys {
                        if !fkeysOK, case .function = key { faults.append("\(where_): the bar shows \(key.label)\(label) under a keymap without F-keys") }
                        guard keymap.action(for: key, screen: section) != nil else {
                            faults.append("\(where_): the bar shows \(key.label) \(label), which is bound to nothing here"); continue
                        }
                        if !Self.pressDoesSomething(world, probe, keymap: keymap, large: large, key: key) {
                            faults.append("\(where_): \(key.label) \(label) does nothing")
                        }
                    }
                    // Keys the screen names in its own words (everything above the bar and the status
                    // line); the 键位表 lists every key of the keymap by design.
                    if app.top is KeymapScreen { continue }
                    let body = (0..<(h - 2)).map { grid.line($0) }.joined(separator: "\n")
                    for named in Set(Self.keysNamed(in: body)) {
                        let line = body.components(separatedBy: "\n").first { $0.contains(named) }?.trimmingCharacters(in: .whitespaces) ?? ""
                        let key = Key(name: named.hasPrefix("^") ? "Ctrl-" + named.dropFirst() : named)
                        if !fkeysOK, case .function? = key { faults.append("\(where_): the screen says “\(named)” under a keymap without F-keys: \(line)"); continue }
                        guard let key, keymap.action(for: key, screen: section) != nil else {
                            faults.append("\(where_): the screen says “\(named)”, which is bound to nothing here: \(line)"); continue
                        }
                    }
                }
            }
        }
        let report = "\(faults.count) faults:\n" + faults.joined(separator: "\n")
        #expect(faults.isEmpty, "\(report)")
    }

    @Test func nofkeysGivesEveryActionAKeyThatIsNotAnFKey() throws {
        let keymap = try Self.keymap("nofkeys")
        let missing = keymap.order.filter { action in
            let keys = keymap.keys(for: action)
            return !keys.isEmpty && keys.allSatisfy { if case .function = $0 { return true } else { return false } }
        }
        #expect(missing.isEmpty, "only F-keys under nofkeys: \(missing)")
        #expect(!Chrome.prefersFunctionKeys(keymap))
        let defaultMap = try Self.keymap("default"), vi = try Self.keymap("vi")
        #expect(Chrome.prefersFunctionKeys(defaultMap) && Chrome.prefersFunctionKeys(vi))
    }
}

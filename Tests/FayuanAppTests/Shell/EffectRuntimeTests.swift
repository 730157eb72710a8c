import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// A screen that asks for work and records what comes back.
private struct AskingScreen: Screen {
    var name: String
    var received: [String] = []
    var keymapSection: String { "home" }
    var title: String { "测试：\(name)" }
    struct Answer: Sendable { var text: String }

    mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .input(.text("a")):
            let name = self.name
            return [.perform { _ in Answer(text: "给\(name)的结果") }]
        case .input(.text("p")):
            return [.push(AskingScreen(name: "上层"))]
        case .input(.text("x")):
            // Ask, then close at once: the answer has nobody to go to.
            let name = self.name
            return [.perform { _ in Answer(text: "给\(name)的结果") }, .pop]
        case .result(let answer as Answer):
            received.append(answer.text)
            return []
        default:
            return []
        }
    }
    func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        canvas.drawLine("\(name)：\(received.joined(separator: "、"))", in: area.row(0))
    }
}

/// Issue 18: effects off the key loop, addressed to the screen that asked; drafts through the
/// per-terminal journal.
@Suite struct EffectRuntimeTests {
    @Test func aResultGoesToTheScreenThatAskedEvenWhenCovered() throws {
        let fixture = try AppFixture()
        let app = App(root: AskingScreen(name: "首页"), keymap: try AppFixture.keymap(), environment: fixture.environment)
        app.runEffectsInBackground(journalDirectory: nil)
        app.type("a")      // the root asks…
        app.type("p")      // …and the clerk opens another screen before the answer comes
        app.settle()
        let root = try #require(app.stack.first as? AskingScreen)
        let top = try #require(app.top as? AskingScreen)
        #expect(root.received == ["给首页的结果"], "结果应送回提出请求的画面")
        #expect(top.received.isEmpty, "结果不应送给碰巧在最上面的画面")
    }

    @Test func aResultForAClosedScreenIsDropped() throws {
        let fixture = try AppFixture()
        let app = App(root: AskingScreen(name: "首页"), keymap: try AppFixture.keymap(), environment: fixture.environment)
        app.runEffectsInBackground(journalDirectory: nil)
        app.type("p")
        app.type("x")      // the upper screen asks and closes
        app.settle()
        let root = try #require(app.top as? AskingScreen)
        #expect(app.stack.count == 1 && root.received.isEmpty)
        // Synchronous (the default for headless apps) behaves the same way.
        let sync = App(root: AskingScreen(name: "首页"), keymap: try AppFixture.keymap(), environment: fixture.environment)
        sync.type("pxa")
        #expect((sync.top as? AskingScreen)?.received == ["给首页的结果"])
    }

    @Test func draftsGoToTheJournalAndAreReplayedAfterAKill() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let directory = fixture.directory + "/state/fayuan/journal"
        let key = DraftKey(operatorID: 7, form: "consultation", key: "")
        // A terminal types; its process dies before the store saw anything (simulated: the
        // journal is written directly and closed without being removed).
        let journal = try DraftJournal(directory: directory, storePath: store.path)
        for n in 1...5 { try journal.append(.init(draft: key, payload: "{\"name\":\"张三\(n)\"}")) }
        // While its writer is alive the journal is not replayed by another terminal.
        #expect(DraftJournal.replay(directory: directory, storePath: store.path, into: store) == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: journal.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        journal.close(remove: false)
        #expect(try store.draft(operator: 7, form: "consultation", key: "") == nil)
        // The next start replays it: the last value typed is in the store, the file is gone.
        // (A process another test is spawning may briefly share the closed descriptor, and so
        // its lock, until its exec: wait for the lock to go, bounded.)
        var restored = 0
        let deadline = Date().addingTimeInterval(5)
        while restored == 0 && Date() < deadline {
            restored = DraftJournal.replay(directory: directory, storePath: store.path, into: store)
        }
        #expect(restored == 1)
        #expect(try store.draft(operator: 7, form: "consultation", key: "")?.payload == "{\"name\":\"张三5\"}")
        #expect(!FileManager.default.fileExists(atPath: journal.path))
    }

    /// Found by the kill -9 test under load: two dead terminals' journals held the same draft and
    /// were replayed in file-name (process id) order, so an older, emptier draft from a terminal
    /// that had hung up overwrote the name typed later by the one killed.
    @Test func journalsOfSeveralDeadTerminalsReplayTheLastTyped() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let directory = fixture.directory + "/state/fayuan/journal"
        let key = DraftKey(operatorID: 7, form: "consultation", key: "")
        let t0 = Date()
        // Process 90001 (file name sorts last) cleared the form earlier; process 10001 typed later.
        let older = try DraftJournal(directory: directory, storePath: store.path, processID: 90001)
        try older.append(.init(draft: key, payload: "{\"name\":\"\"}", at: t0))
        older.close(remove: false)
        let newer = try DraftJournal(directory: directory, storePath: store.path, processID: 10001)
        for (n, part) in ["欧", "欧阳", "欧阳秀英"].enumerated() {
            try newer.append(.init(draft: key, payload: "{\"name\":\"\(part)\"}", at: t0.addingTimeInterval(Double(n + 1))))
        }
        newer.close(remove: false)
        // Both journals must be free at once, as after a real crash (a process another test is
        // spawning may briefly share a closed descriptor, and so its lock, until its exec).
        let deadline = Date().addingTimeInterval(20)
        func bothFree() -> Bool {
            [older.path, newer.path].allSatisfy { path in
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { return false }
                defer { close(fd) }
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
                flock(fd, LOCK_UN)
                return true
            }
        }
        while !bothFree() && Date() < deadline { usleep(10_000) }
        #expect(DraftJournal.replay(directory: directory, storePath: store.path, into: store) == 1)
        #expect(try store.draft(operator: 7, form: "consultation", key: "")?.payload == "{\"name\":\"欧阳秀英\"}")
        #expect(!FileManager.default.fileExists(atPath: older.path) && !FileManager.default.fileExists(atPath: newer.path))
    }

    @Test func saveDraftEffectReachesTheStoreInTheBackground() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let app = App(root: AskingScreen(name: "首页"), keymap: try AppFixture.keymap(), environment: fixture.environment)
        app.runEffectsInBackground(journalDirectory: fixture.directory + "/journal")
        let key = DraftKey(operatorID: 3, form: "application", key: "ticket:9")
        for text in ["王", "王秀", "王秀英"] { app.run([.saveDraft(key, payload: text)]) }
        app.settle()
        #expect(try store.draft(operator: 3, form: "application", key: "ticket:9")?.payload == "王秀英")
        app.run([.deleteDraft(key)])
        app.shutDown()
        #expect(try store.draft(operator: 3, form: "application", key: "ticket:9") == nil)
        // Everything reached the store: the journal file is removed at exit.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/journal")) ?? []
        #expect(left.isEmpty, "\(left)")
    }
}

/// Issue 18: the consultation register and 我的今天 on the grid.
@Suite struct ClerkDayScreenTests {
    static func app() throws -> (App, AppFixture, Session) {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let op = try store.createOperator(name: "王丽", role: .windowClerk, pin: "246810", stationID: centre.id, by: .commandLine, kdfRounds: 1000)
        let session = Session(operatorRecord: op, station: centre)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        return (app, fixture, session)
    }

    static func text(_ grid: GridCanvas) -> String { grid.lines.joined(separator: "\n") }

    @Test func consultationKeepsPhoneCreatesPersonAndCountsFromTheStore() throws {
        let (app, fixture, session) = try Self.app()
        app.type("2李秀英<Tab>13812345678<Tab>ldbc<Tab>拖欠工资<Tab>可申请仲裁<F2>")
        var screen = Self.text(fixture.render(app))
        #expect(screen.contains("今日已登记 1 条"), "\(screen)")
        let saved = try fixture.environment.store.consultations(stationID: session.station!.id!, day: "2026-06-08")
        #expect(saved.count == 1 && saved[0].visitorPhone == "13812345678")
        let personID = try #require(saved[0].applicantID)
        let person = try #require(try fixture.environment.store.applicant(id: personID))
        #expect(person.name == "李秀英" && person.phone == "13812345678")
        // Leave and come back: the count comes from the store, not from the screen's memory.
        app.type("<Esc>2")
        screen = Self.text(fixture.render(app))
        #expect(screen.contains("今日已登记 1 条"), "\(screen)")
    }

    @Test func consultationTimerDoesNotRunWhileLocked() throws {
        var screen = ConsultationScreen(session: Session(operatorRecord: Operator(id: 0, name: "王丽", role: .windowClerk)))
        let t0 = Date(timeIntervalSince1970: 1_780_882_200)
        _ = screen.update(.tick(t0))
        for s in stride(from: 1.0, through: 60, by: 1) { _ = screen.update(.tick(t0 + s)) }
        _ = screen.update(.suspending)                        // locked for ten minutes
        _ = screen.update(.tick(t0 + 660))                    // unlocked
        for s in stride(from: 661.0, through: 720, by: 1) { _ = screen.update(.tick(t0 + s)) }
        #expect(screen.activeSeconds == 120, "\(screen.activeSeconds)")
        #expect(screen.timerMinutes == 2, "锁屏的时间不应计入咨询用时：\(screen.timerMinutes ?? 0)")
    }

    @Test func myDayWholeScreen() throws {
        let (app, fixture, session) = try Self.app()
        let store = fixture.environment.store
        let station = session.station!
        let actor = QueueActor(operatorID: session.operatorID, role: .windowClerk)
        _ = try store.issueTicket(station: station, service: QueueService.named("consultation")!, priorityReason: nil, on: "2026-06-08")
        let call = try #require(try store.callNextTicket(station: station, window: "2", on: "2026-06-08", by: actor))
        _ = try store.startServing(call.ticket.id, by: actor)
        _ = try store.finishServing(call.ticket.id, by: actor)
        _ = try store.registerConsultationVisit(
            Consultation(stationID: station.id!, operatorID: session.operatorID, visitorName: "李秀英", channel: .window,
                         topic: "labor_remuneration", question: "工资被拖欠三个月", answer: "可申请劳动仲裁", day: "2026-06-08",
                         visitorPhone: "13812345678"),
            person: .new(name: "李秀英"), role: .windowClerk)
        app.type("0")
        let grid = fixture.render(app)
        let expected = """
         法援 · 我的今天                    王丽（窗口工作人员）  2026-06-08 周一 09:30
         王丽 · 2026-06-08   ↑↓ 选择  Enter 打开记录
         我办理的排队号（1）
         ▶ A001  咨询  已办结  2号窗口
         我的咨询登记（1）
           李秀英  劳动报酬  回电 138****5678
         待补材料的申请（0）
           没有待补材料的申请
         7 日内到期（0）
           7 日内没有到期事项













        1帮助   2       3       4       5       6       7       8       9首页   10退出
        """
        let diff = ScreenAssertions.diff(grid, expected)
        #expect(diff == nil, "\(diff ?? "")")
        // Enter opens the record: the consultation shows its call-back phone masked.
        app.type("<Down><Enter>")
        let record = Self.text(fixture.render(app))
        #expect(record.contains("咨询登记记录") && record.contains("回电电话：138****5678") && !record.contains("13812345678"), "\(record)")
    }
}

import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 问题19：评查表有分项超过满分时不显示合计和等级；评查抽样画面在 80×24 内滚动，抽中的案件
/// 就在这个画面（案件看板 F7）的清单里，回车进入评查。
@Suite(.serialized) struct QualitySampleScreenTests {
    @Test func scoreSheetRefusesTotalWhileAnItemIsAboveItsMaximum() throws {
        let w = try CaseScreenTests.world()
        let store = w.fixture.environment.store
        let id = w.granted
        try store.assign(id, to: 1, suggestedID: nil, overrideReason: nil, explanation: "", on: "2026-06-01", role: .reviewer, by: nil)
        try store.submitForClosing(id, outcome: "调解结案", on: "2026-06-05", role: .reviewer, by: nil)
        try store.reviewClosing(id, approve: true, note: "", on: "2026-06-06", role: .reviewer, by: nil)
        let second = Session(operatorRecord: try store.addOperator(Operator(name: "孙评查", role: .reviewer, stationID: w.reviewer.station?.id), by: nil),
                             station: w.reviewer.station)
        let app = App(root: QualityReviewScreen(session: second, detail: try store.caseDetail(id)), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: second)
        app.send(.resumed)
        // 受理审查满分 10，填 50：合计 95 会被误判为“优秀”。
        app.type("<Tab>钱律师<Tab>50<Tab>5<Tab>10<Tab>10<Tab>5<Tab>10<Tab>5")
        var screen = w.fixture.render(app)
        #expect(has(screen, "✗ “受理审查及时规范”超过满分 10 分：改正后才计合计和等级"), "\(screen.text)")
        #expect(!has(screen, "合计 "), "\(screen.text)")
        #expect(!has(screen, "优秀"), "\(screen.text)")
        #expect(has(screen, "超过满分 10 分（填了 50）"), "分项旁的提示：\(screen.text)")
        app.handle(.function(2))
        screen = w.fixture.render(app)
        #expect(!has(screen, "评查已记录"), "\(screen.text)")
        #expect(try store.caseDetail(id).reviews.isEmpty)
        // Saving focused the item above its maximum; corrected, the total and grade appear.
        app.type("<Backspace><Backspace>5")
        screen = w.fixture.render(app)
        #expect(has(screen, "合计 50/100 分 · 不合格"), "\(screen.text)")
        #expect(!has(screen, "超过满分"), "\(screen.text)")
    }

    @Test func sampleScreenListsSampledCasesScrollsAt80x24AndOpensTheSheet() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        _ = try store.seed(SeedOptions(persons: 300, cases: 400, consultations: 0, seed: 5, today: "2026-06-08"))
        let reviewer = try store.addOperator(Operator(name: "孙评查", role: .reviewer), by: nil)
        let session = Session(operatorRecord: reviewer, station: nil)
        let board = App(root: PipelineBoardScreen(session: session), keymap: try AppFixture.keymap(),
                        environment: fixture.environment, session: session)
        board.send(.resumed)
        // The board's F-key bar names the way in: 7抽样.
        #expect(has(fixture.render(board), "7抽样"))
        board.handle(.function(7))
        #expect(board.top is QualitySampleScreen)
        board.type("<Ctrl-U>2025-01-01<Tab><Tab><Ctrl-U>100<Tab><Ctrl-U>20260608")
        board.handle(.function(2))
        var grid = fixture.render(board)
        let sample = try #require(board.top as? QualitySampleScreen)
        #expect(sample.awaiting.count > 16, "足够多，清单须滚动：\(sample.awaiting.count)")
        // Nothing is drawn past the screen's area: the status line and the F-key bar are intact.
        #expect(grid.text.split(separator: "\n", omittingEmptySubsequences: false)[23].hasPrefix("1帮助"), "\(grid.text)")
        #expect(has(grid, "待评查（已抽中、未评分）\(sample.awaiting.count) 件："), "\(grid.text)")
        let first = sample.awaiting[0].caseNumber!, last = sample.awaiting[sample.awaiting.count - 1].caseNumber!
        #expect(has(grid, first) && !has(grid, last), "\(grid.text)")
        // Tab from the seed moves into the list; End scrolls to the last sampled case.
        board.type("<Tab><End>")
        grid = fixture.render(board)
        #expect(has(grid, last) && !has(grid, first), "\(grid.text)")
        #expect(grid.text.split(separator: "\n", omittingEmptySubsequences: false)[23].hasPrefix("1帮助"), "\(grid.text)")
        // Enter opens that case's score sheet.
        board.type("<Enter>")
        #expect(board.top is QualityReviewScreen, "\(fixture.render(board).text)")
        #expect(has(fixture.render(board), last))
    }

    @Test func tallyRefusesOutOfRange() {
        let sheet = ScoreSheet.standard
        #expect(sheet.tally([50, 5, 10, 10, 5, 10, 5]) == .outOfRange(item: sheet.items[0], got: 50))
        #expect(sheet.tally([10, nil, 10, 10, 5, 10, 5]) == .incomplete(sum: 50))
        if case .complete(let s) = sheet.tally([10, 10, 20, 20, 10, 20, 10]) { #expect(s.total == 100 && s.grade == .excellent) }
        else { Issue.record("满分应为完成") }
        #expect(ScoreSheet.overMaximumMessage(sheet.items[0], got: 50) == "超过满分 10 分（填了 50）")
    }
}

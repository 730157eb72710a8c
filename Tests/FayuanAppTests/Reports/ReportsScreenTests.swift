import FayuanCore
import FayuanRules
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

@Suite("Reports 报表画面", .serialized) struct ReportsScreenTests {
    /// A seeded store (its "today" is the fixture clock's, 2026-06-08) and a reviewer's session.
    static func seeded() throws -> (AppFixture, Session) {
        let fixture = try AppFixture()
        _ = try fixture.environment.store.seed(SeedOptions(persons: 1500, cases: 2500, consultations: 3000))
        let centre = try #require(try fixture.environment.store.countyCentre())
        let session = Session(operatorRecord: Operator(name: "李审查", role: .reviewer, stationID: centre.id), station: centre)
        return (fixture, session)
    }

    static func open(_ fixture: AppFixture, _ session: Session) throws -> App {
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.type("6")
        return app
    }

    static func lines(_ grid: GridCanvas) -> [String] {
        (0..<grid.size.height).map { y in grid.line(y) }
    }

    @Test("条形与迷你趋势：八分之一格，缺值留空") func charts() {
        #expect(ReportCharts.bar(0.5, width: 4) == "██  ")
        #expect(ReportCharts.bar(1.7, width: 3) == "███")
        #expect(ReportCharts.bar(1.0 / 32, width: 4) == "▏   ")
        #expect(ReportCharts.bar(0, width: 2) == "  ")
        #expect(ReportCharts.bar(.nan, width: 2) == "  ")
        #expect(ReportCharts.sparkline([0, 7, 3.5, nil, 14]) == "▁▅▃ █")
        #expect(ReportCharts.sparkline([nil, nil]) == "  ")
        #expect(ReportCharts.sparkline([0, 0]) == "▁▁")
    }

    @Test("仪表板在 80×24 内：每个指标一行、落后有字有标记、下方是口径") func dashboard() throws {
        let (fixture, session) = try Self.seeded()
        let app = try Self.open(fixture, session)
        let expected = """
         法援 · 统计报表                      李审查（审查人员）  2026-06-08 周一 09:30
         ◀ 2026年6月 ▶（月）  泽州县（全县）  截至 2026-06-08
         指标         本期    本年累计/全年目标   全年进度         状态       1–12月
         ▶咨询          57  1298/4400          ████▏          ▼ 落后     █▇███▃
          满意率     98.2%  98.1%/95.0%        ██████████████ ✓ 已完成   ██████
          受理           5  212                               —          █▇█▇█▂
          受援人数       4  180                               —          █▇█▇▇▂
          受援率     0.08‱  3.77‱                             —          █▇█▇▇▂
          结案          80  265                               —          ▄▅▄▄▄█
          及时归档  100.0%  71.7%                             —          ▆▆▅▅▆█
          回访率     61.3%  63.8%                             —          ▇▆▇█▆▆
          抽查率     10.0%  15.8%                             —          ▇▆▆█▃▄
          审查用时   4.5日  4.5日                             —          █▇█▇██
          指派用时   1.6日  2.0日                             —          ██▇█▇▆
          特殊群体      69  223/135            ██████████████ ✓ 已完成   ▄▅▄▄▄█
          排队等候       —  —                                 —

         法律咨询（2026年6月）：57件　本期目标 362，落后
         全年：还需 3102件，余 6.8 个月，每月需 459件
         口径：期间内登记的法律咨询条数（consultation.day 在期间内；窗口、12348 电话、
         网上、上门都计）。


        1帮助   2       3期间   4范围   5刷新   6导出   7站点   8       9首页   10退出
        """
        if let diff = ScreenAssertions.diff(fixture.render(app), expected) { Issue.record("\(diff)") }
    }

    /// The figure in the 本期 column of an indicator's row.
    static func shown(_ grid: GridCanvas, _ id: IndicatorID) -> String? {
        let rows = lines(grid)
        guard let row = rows.first(where: { $0.dropFirst(2).hasPrefix(id.shortLabel + " ") || $0.dropFirst(2).hasPrefix(id.shortLabel) && $0.contains(id.shortLabel) }) else { return nil }
        return row.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
    }

    @Test("画面上的数等于直接用 SQL 复算的数（本月与全年）") func screenMatchesPlainSQL() throws {
        let (fixture, session) = try Self.seeded()
        let app = try Self.open(fixture, session)
        let store = fixture.environment.store
        for (keys, from, to) in [("", "2026-06-01", "2026-06-30"), ("<F3><F3>", "2026-01-01", "2026-12-31")] {
            app.type(keys)
            let grid = fixture.render(app)
            let sql = try store.read { db in
                try SQLRow.fetchOne(db, sql: """
                    SELECT (SELECT count(*) FROM consultation WHERE day BETWEEN ?1 AND ?2) AS consultations,
                           (SELECT count(*) FROM consultation WHERE day BETWEEN ?1 AND ?2 AND satisfaction IS NOT NULL) AS rated,
                           (SELECT count(*) FROM consultation WHERE day BETWEEN ?1 AND ?2 AND satisfaction IN ('satisfied','basically_satisfied')) AS ok,
                           (SELECT count(*) FROM aid_case WHERE accepted_on BETWEEN ?1 AND ?2) AS accepted,
                           (SELECT count(*) FROM aid_case WHERE closed_on BETWEEN ?1 AND ?2 AND step IN ('closed','archived')) AS closed,
                           (SELECT count(*) FROM aid_case c WHERE closed_on BETWEEN ?1 AND ?2 AND step IN ('closed','archived')
                               AND EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')) AS visited,
                           (SELECT count(*) FROM aid_case WHERE closed_on BETWEEN ?1 AND ?2 AND step IN ('closed','archived') AND special_group = 1) AS special
                    """, arguments: [from, to])!
            }
            func percent(_ n: Int, _ d: Int) -> String { let pm = (n * 1000 + d / 2) / d; return "\(pm / 10).\(pm % 10)%" }
            #expect(Self.shown(grid, .consultations) == String(sql["consultations"] as Int), "\(from)")
            #expect(Self.shown(grid, .satisfactionRate) == percent(sql["ok"], sql["rated"]), "\(from)")
            #expect(Self.shown(grid, .casesAccepted) == String(sql["accepted"] as Int), "\(from)")
            #expect(Self.shown(grid, .casesClosed) == String(sql["closed"] as Int), "\(from)")
            #expect(Self.shown(grid, .returnVisitRate) == percent(sql["visited"], sql["closed"]), "\(from)")
            #expect(Self.shown(grid, .specialGroupCases) == String(sql["special"] as Int), "\(from)")
        }
    }

    @Test("按键：←→ 换期、F3 月/季/年、F4 换站点；回车下钻到记录，Esc 返回") func keysAndDrillDown() throws {
        let (fixture, session) = try Self.seeded()
        let app = try Self.open(fixture, session)
        app.type("<Left>")
        #expect(Self.lines(fixture.render(app))[1].contains("◀ 2026年5月 ▶（月）"))
        app.type("<F3>")
        #expect(Self.lines(fixture.render(app))[1].contains("◀ 2026年第二季度 ▶（季）"))
        app.type("<F3><Right>")
        #expect(Self.lines(fixture.render(app))[1].contains("◀ 2027年 ▶（年）"))
        app.type("<Left><F3>")
        #expect(Self.lines(fixture.render(app))[1].contains("◀ 2026年12月 ▶（月）"))
        app.type("<F4>")
        #expect(Self.lines(fixture.render(app))[1].contains("泽州县公共法律服务中心"))
        app.type("<F4><F4>")
        #expect(Self.lines(fixture.render(app))[1].contains("巴公镇公共法律服务工作站"))
        // Back to the county, 2026-05, 回访率: Enter lists the closed cases, unvisited first.
        for _ in 0..<16 where !Self.lines(fixture.render(app))[1].contains("全县") { app.type("<F4>") }
        for _ in 0..<7 { app.type("<Left>") }
        #expect(Self.lines(fixture.render(app))[1].contains("2026年5月"))
        for _ in 0..<7 { app.type("<Down>") }
        let dashboard = Self.lines(fixture.render(app))
        #expect(dashboard.contains { $0.hasPrefix(" ▶回访率") })
        app.type("<Enter>")
        let drill = Self.lines(fixture.render(app))
        let f = try fixture.environment.store.indicatorFigures(period: .month(2026, 5), archiveLimitDays: 30,
                                                               today: LocalDate(iso: "2026-06-08")!, role: .reviewer)
        #expect(drill[1].contains("回访率：\(f.returnVisited)/\(f.casesClosed)"), "\(drill[1])")
        #expect(drill[1].contains("共 \(f.casesClosed) 条"))
        #expect(drill[2].contains("案号") && drill[2].contains("回访"))
        #expect(drill[3].contains("✗ 未回访"))
        app.type("<Esc>")
        #expect(Self.lines(fixture.render(app))[1].contains("2026年5月"))
        app.type("<F7>")
        let stations = Self.lines(fixture.render(app))
        #expect(stations.contains { $0.contains("县中心") && $0.contains("760") })
        #expect(stations.contains { $0.contains("川底镇") && $0.contains("220") })
    }

    @Test("导出：XLSX 共享字符串里中文完好，CSV 带 BOM；窗口人员菜单里没有报表") func exportAndPermissions() throws {
        let (fixture, session) = try Self.seeded()
        let app = try Self.open(fixture, session)
        app.type("<F6>")
        let dir = PrintFolder.directory(storePath: fixture.environment.storePath, year: 2026)
        let xlsx = dir + "/月报-2026-06.xlsx"
        #expect(FileManager.default.fileExists(atPath: xlsx))
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-p", xlsx, "xl/sharedStrings.xml"]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let shared = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        #expect(shared.contains("泽州县（全县）2026年6月法律援助工作月报") && shared.contains("川底镇") && shared.contains("咨询满意率"), "\(shared.prefix(300))")
        let csv = try Data(contentsOf: URL(fileURLWithPath: dir + "/月报-2026-06.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv, as: UTF8.self).contains("咨询满意率"))
        // The PDF beside them (issue 20): typeset, its text the report's.
        let pdf = dir + "/月报-2026-06.pdf"
        #expect(FileManager.default.fileExists(atPath: pdf))
        if let text = try CaseDocumentsTests.pdfText(pdf) {
            #expect(text.contains("2026年6月法律援助工作月报") && text.contains("川底镇"), "\(text.prefix(300))")
        }
        let clerk = Session(operatorRecord: Operator(name: "王丽", role: .windowClerk), station: session.station)
        #expect(!Console.homeScreen(session: clerk).items.contains { $0.key == "6" })
        #expect(Console.homeScreen(session: session).items.contains { $0.key == "6" && $0.title == "报表" })
        // Even pushed directly, the store refuses: the screen shows the reason, not figures.
        let denied = App(root: ReportsScreen(session: clerk), keymap: try AppFixture.keymap(), environment: fixture.environment, session: clerk)
        denied.tick()
        #expect(Self.lines(fixture.render(denied)).contains { $0.contains("无权操作") })
    }
}

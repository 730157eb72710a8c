import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 节假日安排录入 and 本地政策数值 at 80×24: an administrator of 泽州县 enters the 2027 notice and a
/// local 低保 line; each becomes a site rule file in a temporary rules directory, audited, and
/// the library the app holds changes at once (the deadline and roster marks 暂定 go).
@Suite(.serialized) struct SiteRulesScreenTests {
    struct Admin {
        let fixture: AppFixture
        let app: App
        let environment: AppEnvironment
        let rulesDir: String
        let admin: Operator
    }

    static func admin(open key: String? = nil) throws -> Admin {
        let fixture = try AppFixture()
        let rulesDir = fixture.directory + "/站点规则"
        var environment = fixture.environment
        environment.siteRules = SiteRuleLocation(flag: rulesDir, environment: [:])
        let store = environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        _ = try store.addProvider(Provider(name: "李明", kind: .lawyer, stationID: centre.id), by: nil)
        _ = try store.addProvider(Provider(name: "王芳", kind: .lawyer, stationID: centre.id), by: nil)
        let op = try store.addOperator(Operator(name: "张敏", role: .admin, stationID: centre.id), by: nil)
        let session = Session(operatorRecord: op, station: centre)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: environment, session: session)
        if let key { app.type(key) }
        return Admin(fixture: fixture, app: app, environment: environment, rulesDir: rulesDir, admin: op)
    }

    static let springTyping = "<Tab><Tab>2027-01-01..2027-01-03<Tab><Tab>2027-02-05..2027-02-12<Tab>2027-02-14, 2027-02-20"

    @Test func enterThe2027NoticeCheckTheMonthAndSave() throws {
        let a = try Self.admin(open: "85")
        #expect(a.environment.rules.calendar.isProvisional(year: 2027))
        a.app.type(Self.springTyping)
        if let diff = ScreenAssertions.diff(a.fixture.render(a.app), """
         法援 · 节假日安排录入                    张敏（管理员）  2026-06-08 周一 09:30
         按国务院办公厅通知录入 2027 年放假和调休上班日　目前按暂定日历（放假办法推算）

              *年份： 2027                                 2027年2月（录入内容）
          *通知名称： 国务院办公厅关于2027年部分节假日安…   一  二  三  四  五  六  日
           元旦放假： 2027-01-01..2027-01-03                1   2   3   4   5休 6休 7休
           元旦调休： 调休上班日，逗号分隔                  8休 9休10休11休12休13  14班
           春节放假： 2027-02-05..2027-02-12               15  16  17  18  19  20班21
           春节调休： 2027-02-14, 2027-02-20               22  23  24  25  26  27  28
         清明节放假： YYYY-MM-DD..YYYY-MM-DD
         清明节调休： 调休上班日，逗号分隔
         劳动节放假： YYYY-MM-DD..YYYY-MM-DD
         劳动节调休： 调休上班日，逗号分隔                 休 放假　班 调休上班
         端午节放假： YYYY-MM-DD..YYYY-MM-DD
         端午节调休： 调休上班日，逗号分隔                 按录入：全年工作日 256 天
         中秋节放假： YYYY-MM-DD..YYYY-MM-DD               放假 11 天，调休上班 2 天
         中秋节调休： 调休上班日，逗号分隔                 暂定日历：全年工作日 248 天
         国庆节放假： YYYY-MM-DD..YYYY-MM-DD
         国庆节调休： 调休上班日，逗号分隔


         放假写区间 2027-02-05..2027-02-12；调休上班写单个周六或周日；F2 保存

        1帮助   2保存   3       4       5       6       7       8       9首页   10退出
        """) { Issue.record("\(diff)") }
        a.app.handle(.function(2))
        if let diff = ScreenAssertions.diff(a.fixture.render(a.app), """
         法援 · 节假日安排录入                    张敏（管理员）  2026-06-08 周一 09:30
         按国务院办公厅通知录入 2027 年放假和调休上班日　已有通知，可修改后重新保存

              *年份： 2027                                 2027年2月（录入内容）
          *通知名称： 国务院办公厅关于2027年部分节假日安…   一  二  三  四  五  六  日
           元旦放假： 2027-01-01..2027-01-03                1   2   3   4   5休 6休 7休
           元旦调休： 调休上班日，逗号分隔                  8休 9休10休11休12休13  14班
           春节放假： 2027-02-05..2027-02-12               15  16  17  18  19  20班21
           春节调休： 2027-02-14, 2027-02-20               22  23  24  25  26  27  28
         清明节放假： YYYY-MM-DD..YYYY-MM-DD
         清明节调休： 调休上班日，逗号分隔
         劳动节放假： YYYY-MM-DD..YYYY-MM-DD
         劳动节调休： 调休上班日，逗号分隔                 休 放假　班 调休上班
         端午节放假： YYYY-MM-DD..YYYY-MM-DD
         端午节调休： 调休上班日，逗号分隔                 按录入：全年工作日 256 天
         中秋节放假： YYYY-MM-DD..YYYY-MM-DD               放假 11 天，调休上班 2 天
         中秋节调休： 调休上班日，逗号分隔                 暂定日历：全年工作日 248 天
         国庆节放假： YYYY-MM-DD..YYYY-MM-DD
         国庆节调休： 调休上班日，逗号分隔


         ✓ 已保存：全年工作日 256 天，站点规则文件 holidays-2027.yaml
        ✓ 已保存 2027 年节假日安排，规则库已重新载入，2027 年的期限和排班不再是暂定
        1帮助   2保存   3       4       5       6       7       8       9首页   10退出
        """) { Issue.record("\(diff)") }
        // The file is in the site directory, in the bundled calendar format.
        let text = try String(contentsOfFile: a.rulesDir + "/holidays-2027.yaml", encoding: .utf8)
        #expect(text.contains("year: 2027\n"))
        #expect(text.contains("  - {name: \"春节\", off: [2027-02-05..2027-02-12], makeUp: [2027-02-14, 2027-02-20]}"))
        #expect(text.contains("# 录入：张敏，2026-06-08；全年工作日 256 天。"))
        // Audited, with the digest of the text written.
        let entries = try a.environment.store.auditEntries(AuditFilter(entity: "site_rule"), by: a.admin)
        #expect(entries.count == 1)
        #expect(entries.first?.action == "create")
        #expect(entries.first?.entityID == a.rulesDir + "/holidays-2027.yaml")
        #expect(entries.first?.afterDigest == CaseStore.textDigest(text))
        #expect(entries.first?.detail.contains("2027年节假日安排") == true)
        #expect(entries.first?.detail.contains("全年工作日 256 天") == true)
        // Every holder of the environment sees the reloaded library: no longer provisional.
        #expect(!a.environment.rules.calendar.isProvisional(year: 2027))
        #expect(!a.app.environment.rules.calendar.isProvisional(year: 2027))
        #expect(try a.app.environment.rules.calendar.isWorkingDay(LocalDate(iso: "2027-02-14")!))
        let planner = CaseDeadlines(rules: a.app.environment.rules, region: "140525", on: LocalDate(iso: "2026-12-28")!)
        let clock = planner.planner.clocks(CaseTimes(stage: .review, appliedOn: LocalDate(iso: "2026-12-28")!),
                                           today: LocalDate(iso: "2026-12-29")!).first
        #expect(clock?.provisional == false)
    }

    @Test func errorsAtTheFieldAndNothingWritten() throws {
        let a = try Self.admin(open: "85")
        a.app.type("<Tab><Tab>2027-13-01<Tab>")
        #expect(a.fixture.render(a.app).text.contains("✗ 日期应为 YYYY-MM-DD"))
        a.app.type("<Shift-Tab><Ctrl-U>2027-02-05<Tab><Tab>2027-02-05..2027-02-12<Tab>2027-02-15<Tab>")
        #expect(a.fixture.render(a.app).text.contains("✗ 02-15 是星期一，须为周六日"))
        a.app.type("<Shift-Tab><Ctrl-U>2027-02-14<Tab>")
        a.app.handle(.function(2))
        if let diff = ScreenAssertions.diff(a.fixture.render(a.app), """
         法援 · 节假日安排录入                    张敏（管理员）  2026-06-08 周一 09:30
         按国务院办公厅通知录入 2027 年放假和调休上班日　目前按暂定日历（放假办法推算）

              *年份： 2027                                 2027年2月（录入内容）
          *通知名称： 国务院办公厅关于2027年部分节假日安…   一  二  三  四  五  六  日
           元旦放假： 2027-02-05                            1   2   3   4   5休 6休 7休
           元旦调休： 调休上班日，逗号分隔                  8休 9休10休11休12休13  14班
           春节放假： 2027-02-05..2027-02-12               15  16  17  18  19  20  21
                      ✗ 02-05 与元旦重叠                   22  23  24  25  26  27  28
           春节调休： 2027-02-14
         清明节放假： YYYY-MM-DD..YYYY-MM-DD
         清明节调休： 调休上班日，逗号分隔
         劳动节放假： YYYY-MM-DD..YYYY-MM-DD               休 放假　班 调休上班
         劳动节调休： 调休上班日，逗号分隔
         端午节放假： YYYY-MM-DD..YYYY-MM-DD               按录入：全年工作日 256 天
         端午节调休： 调休上班日，逗号分隔                 放假 8 天，调休上班 1 天
         中秋节放假： YYYY-MM-DD..YYYY-MM-DD               暂定日历：全年工作日 248 天
         中秋节调休： 调休上班日，逗号分隔
         国庆节放假： YYYY-MM-DD..YYYY-MM-DD
         国庆节调休： 调休上班日，逗号分隔

         放假写区间 2027-02-05..2027-02-12；调休上班写单个周六或周日；F2 保存
        ✗ 放假日或调休上班日有冲突，请按标 ✗ 的提示改正
        1帮助   2保存   3       4       5       6       7       8       9首页   10退出
        """) { Issue.record("\(diff)") }
        #expect(!FileManager.default.fileExists(atPath: a.rulesDir + "/holidays-2027.yaml"))
        #expect(try a.environment.store.auditEntries(AuditFilter(entity: "site_rule"), by: a.admin).isEmpty)
        #expect(a.environment.rules.calendar.isProvisional(year: 2027))
    }

    @Test func homeReminderFromNovemberUntilTheNoticeIsEntered() throws {
        let a = try Self.admin()
        let reminder = "  ! 2027 年节假日安排尚未录入，目前按暂定日历计算期限（按 8 再按 5 录入）"
        #expect(!a.fixture.render(a.app).text.contains("尚未录入"))   // June: nothing yet
        a.fixture.clock.advance(seconds: 147 * 86_400)                 // 2026-11-02
        let lines = a.fixture.render(a.app).text.components(separatedBy: "\n")
        #expect(lines[21].trimmingCharacters(in: .whitespaces) == reminder.trimmingCharacters(in: .whitespaces), "\(lines)")
        a.app.type("85" + Self.springTyping)
        a.app.handle(.function(2))
        a.app.handle(.function(9))
        #expect(!a.fixture.render(a.app).text.contains("尚未录入"))
        // A clerk never sees it (and has no h entry).
        #expect(HolidayReminder.text(today: LocalDate(iso: "2026-10-31")!, calendar: try RuleLibrary.bundled().calendar, key: "h") == nil)
    }

    @Test func localHardshipThresholdSavedAndUsedByScreening() throws {
        let a = try Self.admin(open: "86")
        a.app.type("<Tab><Tab><Tab>780<Tab>晋城市民政局关于提高城乡低保标准的通知")
        a.app.handle(.function(2))
        if let diff = ScreenAssertions.diff(a.fixture.render(a.app), """
         法援 · 本地政策数值                      张敏（管理员）  2026-06-08 周一 09:30
         录入规则库缺少、须由本中心填写的数值；保存为站点规则文件（F2）

              *地区代码： 140525                           规则库现有数值（140525）
           困难标准基数： 最低生活保障标准（低保） ▾       低保：
               生效日期： 2027-01-01                         今日未知（无数值）
               元/人·月： 780                                2027-01-01 起 780 元
               依据文件： 政局关于提高城乡低保标准的通知     hardship-subsistence_line…
               目标年度：                                  2026年目标：zezhou-2026
               目标依据： 实施方案或任务分配表               zezhou-2026.yaml:12
         归档时限（日）： 30
            满意率（%）：
               法律咨询：
           特殊群体案件：
               受援人数：
               受理案件：
                   结案：




         ✓ 已保存 140525 最低生活保障标准（低保） 780 元（hardship-subsistence_line-140
        ✓ 已保存：140525 最低生活保障标准（低保） 780 元（hardship-subsistence_line-140…
        1帮助   2保存   3       4       5       6       7       8       9首页   10退出
        """) { Issue.record("\(diff)") }
        let path = a.rulesDir + "/hardship-subsistence_line-140525.yaml"
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("{from: 2027-01-01, yuan: 780, confidence: V, source: \"晋城市民政局关于提高城乡低保标准的通知\"}"))
        let entries = try a.environment.store.auditEntries(AuditFilter(entity: "site_rule"), by: a.admin)
        #expect(entries.first?.detail.contains("最低生活保障标准（低保） 自 2027-01-01 起 780 元/人·月") == true)
        // 山西 Art 16: below twice the local 低保 line passes once it is known.
        let input = ScreeningInput(region: "140525", applicationDate: LocalDate(iso: "2027-02-01")!,
                                   applicant: .init(birthDate: LocalDate(iso: "1980-05-01"), gender: .male,
                                                    householdIncomePerCapitaMonthly: 1500),
                                   matter: .init(kind: .civil, cause: CauseCode(rawValue: "traffic_accident")))
        #expect(try a.environment.rules.screen(input).economicResult == .pass)
    }

    @Test func incompleteThresholdIsRefusedAtTheField() throws {
        let a = try Self.admin(open: "86")
        a.app.type("<Tab><Tab><Tab>780<Tab>")
        a.app.handle(.function(2))
        #expect(a.fixture.render(a.app).text.contains("✗ 填写依据文件"))
        #expect(!FileManager.default.fileExists(atPath: a.rulesDir + "/hardship-subsistence_line-140525.yaml"))
    }

    @Test func januaryRosterIsProvisionalAndTheNoticeChangesFebruary() throws {
        let a = try Self.admin()
        let session = Session(operatorRecord: a.admin, station: try a.environment.store.stations().first)
        let january = App(root: RosterScreen(session: session, month: "2027-01"), keymap: try AppFixture.keymap(),
                          environment: a.environment, session: session)
        january.handle(.function(3))
        january.type("y")
        let shown = a.fixture.render(january).text
        #expect(shown.contains("2027-01  规则：zezhou-140525  未公示  暂定日历"), "\(shown)")
        #expect(shown.contains("01-04│周一 暂定│08:30–17:30"), "\(shown)")
        #expect(shown.contains("按暂定日历排班"), "\(shown)")
        #expect(!shown.contains("01-01│"))

        // The notice: 春节 02-05…02-12 off, Sunday 02-14 worked.
        let notice = HolidayNotice(year: 2027, source: "测试用：国务院办公厅关于2027年部分节假日安排的通知", entries: [
            .init(name: "春节", off: [.init(from: LocalDate(iso: "2027-02-05")!, to: LocalDate(iso: "2027-02-12")!)],
                  makeUp: [LocalDate(iso: "2027-02-14")!]),
        ])
        let written = try SiteRuleWriter.write(fileName: notice.fileName, text: notice.yaml(enteredBy: "张敏", on: LocalDate(iso: "2026-12-03")!),
                                               location: a.environment.siteRules) { _ in }
        a.environment.replaceRules(written.library)
        let february = App(root: RosterScreen(session: session, month: "2027-02"), keymap: try AppFixture.keymap(),
                           environment: a.environment, session: session)
        february.handle(.function(3))
        february.type("y")
        let after = a.fixture.render(february).text
        #expect(after.contains("02-14│周日│08:30–17:30"), "\(after)")
        #expect(!after.contains("暂定"), "\(after)")
    }

    @Test func rulesScreenListsLocalValuesWithTheirSourceFile() throws {
        let a = try Self.admin(open: "86")
        a.app.type("<Tab><Tab><Tab>780<Tab>晋城市民政局关于提高城乡低保标准的通知")
        a.app.handle(.function(2))
        a.app.handle(.function(9))
        a.app.type("7")
        a.app.type("本地<Enter>")
        var text = a.fixture.render(a.app, width: 100, height: 30).text
        // 9: the bundled 泽州县 低保 upper bound (≤2150 元) is one of them.
        #expect(text.contains("本地政策数值 · 9 条"), "\(text)")
        #expect(text.contains("晋城市泽州县 ≤2150 元"), "\(text)")
        #expect(text.contains("来源：rules/thresholds.yaml:"), "\(text)")
        a.app.type("<Down><Down><Down><Down><Down><Down>")
        text = a.fixture.render(a.app, width: 100, height: 30).text
        #expect(text.contains("▶ 140525（本地录入） 7…│最低生活保障… │自 2027-01-01"), "\(text)")
        #expect(text.contains("依据：晋城市民政局关于提高城乡低保标准的通知"), "\(text)")
        // The path wraps where the panel ends (never inside the line number): compare it unwrapped.
        let unwrapped = text.replacingOccurrences(of: #"\n\s*"#, with: "", options: .regularExpression)
        #expect(unwrapped.contains("站点规则/hardship-subsistence_line-140525.yaml:11"), "\(text)")
        a.app.type("<Down>")
        text = a.fixture.render(a.app, width: 100, height: 30).text
        #expect(text.contains("来源：rules/thresholds.yaml:"), "\(text)")
        a.app.type("<Down>")
        text = a.fixture.render(a.app, width: 100, height: 30).text
        #expect(text.contains("来源：rules/targets/zezhou-2026.yaml:12"), "\(text)")
    }

    @Test func largeTextShowsOneFieldAtATime() throws {
        let a = try Self.admin(open: "85")
        a.app.type("<Tab><Tab>")
        a.app.handle(.function(11))
        let text = a.fixture.render(a.app, width: 44, height: 14).text
        #expect(text.contains("元旦放假"), "\(text)")
        #expect(!text.contains("春节调休"), "\(text)")
    }
}

import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// The administration area (issue 16) on the grid at 80×24: each screen whole, validation at the
/// field, and the store's audit entry for each change.
@Suite struct AdminScreenTests {
    struct World {
        let fixture: AppFixture
        let admin: Operator
        let centre: Station
        let session: Session
        var store: CaseStore { fixture.environment.store }
    }

    /// A store set up the way the first run leaves it: 张敏 (administrator) at the Zezhou centre
    /// with windows 1 and 2.
    static func world() throws -> World {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let centre = try store.setUpCentre(CentreSetup(name: "泽州县公共法律服务中心", regionCode: "140525", kind: .countyCentre,
                                                       windows: [("1", ["consultation", "application"]), ("2", ["document", "other"])]),
                                           by: .operatorRecord(admin))
        let me = try #require(try store.operatorRecord(id: admin.id!))
        return World(fixture: fixture, admin: me, centre: centre, session: Session(operatorRecord: me, station: centre))
    }

    static func app(_ w: World, session: Session? = nil) throws -> App {
        let s = session ?? w.session
        return App(root: Console.homeScreen(session: s), keymap: try AppFixture.keymap(), environment: w.fixture.environment, session: s)
    }

    static func auditCount(_ w: World, _ entity: String) throws -> Int {
        try w.store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE entity = ?", arguments: [entity]) ?? 0 }
    }

    /// Compares the whole screen; FAYUAN_PRINT_SCREENS=1 prints it (to write a new expectation).
    static func expectScreen(_ grid: GridCanvas, _ expected: String, _ name: String) {
        if ProcessInfo.processInfo.environment["FAYUAN_PRINT_SCREENS"] == "1" {
            print("=== \(name)\n" + grid.lines.map { line in var l = line; while l.last == " " { l.removeLast() }; return l }.joined(separator: "\n") + "\n===")
        }
        if let diff = ScreenAssertions.diff(grid, expected) { Issue.record("\(name)\n\(diff)") }
    }

    @Test func administratorsMenuAt80x24() throws {
        let w = try Self.world()
        let app = try Self.app(w)
        app.type("8")
        Self.expectScreen(w.fixture.render(app), Self.menuScreen, "管理菜单")
    }

    @Test func centreHeadSeesTheAuditButNotPeopleOrSettings() throws {
        let w = try Self.world()
        let head = try w.store.createOperator(name: "刘主任", role: .centreHead, pin: "135790", stationID: w.centre.id,
                                              by: .operatorRecord(w.admin), kdfRounds: 1000)
        let menu = AdminMenuScreen(session: Session(operatorRecord: head, station: w.centre))
        #expect(menu.entries.map(\.title) == ["审计日志"])
        let clerk = try w.store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .operatorRecord(w.admin), kdfRounds: 1000)
        #expect(!Console.homeScreen(session: Session(operatorRecord: clerk)).items.contains { $0.title == "管理" })
        #expect(Console.homeScreen(session: Session(operatorRecord: head)).items.contains { $0.title == "管理" })
    }

    @Test func stationsListAddWithFieldErrorAndAudit() throws {
        let w = try Self.world()
        let app = try Self.app(w)
        app.type("81")
        Self.expectScreen(w.fixture.render(app), Self.stationsScreen, "站点列表")
        app.handle(.function(3))
        app.type("1405<Tab>")
        Self.expectScreen(w.fixture.render(app), Self.stationFormError, "站点表单：代码有误")
        app.type("<Shift-Tab><Ctrl-U>140525102<Tab>巴公镇公共法律服务工作站<Tab>")
        app.handle(.function(2))
        let saved = w.fixture.render(app).text
        #expect(saved.contains("已保存站点 巴公镇公共法律服务工作站；地区：山西省 晋城市 泽州县"), "\(saved)")
        #expect(saved.contains("140525102 │巴公镇公共法律服务工作站"), "\(saved)")
        #expect(try Self.auditCount(w, "station") == 2)
    }

    @Test func windowsOfAStationAddAndDisable() throws {
        let w = try Self.world()
        let app = try Self.app(w)
        app.type("81")
        app.handle(.function(6))
        Self.expectScreen(w.fixture.render(app), Self.windowsScreen, "窗口列表")
        app.handle(.function(3))
        app.type("2<Tab>")
        app.handle(.function(2))
        var text = w.fixture.render(app).text
        #expect(text.contains("“窗口号”：本站点已有 2 号窗口"), "\(text)")
        #expect(text.contains("✗ 本站点已有 2 号窗口"), "错误显示在栏目旁：\(text)")
        app.type("<Backspace>3")   // the error put the cursor back on 窗口号
        app.handle(.function(2))
        text = w.fixture.render(app).text
        #expect(text.contains("已保存 3 号窗口"), "\(text)")
        app.type("<Down><Down>")
        app.handle(.function(5))
        app.type("<Left><Enter>")
        text = w.fixture.render(app).text
        #expect(text.contains("已停用 3 号窗口"), "\(text)")
        #expect(try w.store.serviceWindows(stationID: w.centre.id!).last?.disabled == true)
        #expect(try Self.auditCount(w, "service_window") == 4)
    }

    @Test func operatorsAddAClerkWithPINNeverShown() throws {
        let w = try Self.world()
        let app = try Self.app(w)
        app.type("82")
        Self.expectScreen(w.fixture.render(app), Self.operatorsScreen, "操作员列表")
        app.handle(.function(3))
        app.type("李娜<Tab><Tab><Tab>482615<Tab>482616")
        app.handle(.function(2))
        var text = w.fixture.render(app).text
        #expect(text.contains("两次输入的 PIN 不一致"), "\(text)")
        #expect(!text.contains("482615") && !text.contains("482616"), "PIN 不在屏幕上显示：\(text)")
        #expect(text.contains("●●●●●●"), "\(text)")
        app.type("<Ctrl-U>482615")
        app.handle(.function(2))
        text = w.fixture.render(app).text
        #expect(text.contains("已添加操作员 李娜（窗口工作人员）"), "\(text)")
        #expect(text.contains("李娜      │窗口工作人员│泽州县公共法律服务中心"), "\(text)")
        let clerk = try #require(try w.store.operators().first { $0.name == "李娜" })
        #expect(clerk.stationID == w.centre.id)
        if case .success = try w.store.login(operatorID: clerk.id!, pin: "482615") {} else { Issue.record("新操作员应能登录") }
    }

    @Test func dutyLawyerOperatorIsLinkedToTheLawyerRecord() throws {
        let w = try Self.world()
        let lawyerOp = try w.store.createOperator(name: "李律", role: .dutyLawyer, pin: "482615", stationID: w.centre.id,
                                                  by: .operatorRecord(w.admin), kdfRounds: 1000)
        let provider = try w.store.saveProvider(ProviderEdit(name: "李明律师", kind: .lawyer), by: .operatorRecord(w.admin))
        let app = try Self.app(w)
        app.type("82<Down>b")
        var text = w.fixture.render(app).text
        #expect(text.contains("关联律师：李律"), "\(text)")
        app.type("<Down>")
        app.handle(.function(2))
        text = w.fixture.render(app).text
        #expect(text.contains("已将 李律 关联到律师名册"), "\(text)")
        #expect(text.contains("李律      │值班律师    │泽州县公共法律服务中心      │李明律师"), "\(text)")
        #expect(try w.store.operatorRecord(id: lawyerOp.id!)?.providerID == provider)
    }

    @Test func providersRefuseUnknownSpecialtyAtTheField() throws {
        let w = try Self.world()
        let app = try Self.app(w)
        app.type("83")
        app.handle(.function(3))
        app.type("王律师<Tab><Tab>山西泽州律师事务所<Tab>13800000001<Tab><Tab><Tab>劳动报酬<Tab>5<Tab>8")
        app.handle(.function(2))
        Self.expectScreen(w.fixture.render(app), Self.providerFormError, "承办人员表单：专长有误")
        app.type("<Ctrl-U>labor_remuneration")   // the refusal put the cursor on 专长
        app.handle(.function(2))
        let text = w.fixture.render(app).text
        #expect(text.contains("已保存承办人员 王律师"), "\(text)")
        #expect(text.contains("王律师  │律师      │labor_remuneration"), "\(text)")
        #expect(try w.store.providerListings().first?.maxLoad == 8)
    }

    @Test func settingsScreenValidatesAndSaves() throws {
        let w = try Self.world()
        let app = try Self.app(w)
        app.type("84")
        Self.expectScreen(w.fixture.render(app), Self.settingsScreen, "系统设置")
        app.type("<Ctrl-U>0<Tab>")
        var text = w.fixture.render(app).text
        #expect(text.contains("✗"), "范围外的值在栏目旁报错：\(text)")
        app.type("<Shift-Tab><Ctrl-U>10")
        app.handle(.function(2))
        text = w.fixture.render(app).text
        #expect(text.contains("系统设置已保存"), "\(text)")
        #expect(try w.store.consoleSettings().idleLockMinutes == 10)
        #expect(try Self.auditCount(w, "setting") == 1)
    }

    // MARK: expected screens

    static let menuScreen = """
     法援 · 管理     张敏（管理员） · 泽州县公共法律服务中心  2026-06-08 周一 09:30

      请选择管理项（按数字，或 ↑↓ 后回车）：

      ▶ 1. 站点与窗口      县级中心、乡镇工作站、联络点；各站点的服务窗口和办理的…

        2. 操作员          新增、角色、站点、停用启用、重置 PIN、解除锁定、关联律…

        3. 律师与承办人员  专长、相关执业年限、办案上限、在册或停用

        4. 系统设置        闲置锁屏、PIN 错误锁定、语音叫号、打印目录和打印机

        5. 节假日安排      按国务院办公厅通知录入放假和调休上班日（站点规则文件）

        6. 本地政策        经济困难标准（低保、最低工资）和年度目标任务（站点规则…

        7. 审计日志        谁在何时对哪条记录做了什么；审计链校验




      所有修改都记入审计日志（操作员、时间、修改前后）。

    1帮助   2       3       4       5       6       7       8       9首页   10退出
    """
    static let stationsScreen = """
     法援 · 管理 · 站点与窗口                 张敏（管理员）  2026-06-08 周一 09:30
     共 1 条　F3 新增　F4 修改　F5 停用/启用　F6 窗口
       代码      │名称                           │类型      │值班      │窗口│状态
     ▶ 140525000 │泽州县公共法律服务中心         │县级中心  │每个工作日│   2│在用

















     站点代码：行政区划代码（GB/T 2260）6 位，乡镇 9 位，村（社区）12 位

    1帮助   2       3新增   4修改   5停用   6窗口   7       8       9首页   10退出
    """
    static let stationFormError = """
     法援 · 新增站点                          张敏（管理员）  2026-06-08 周一 09:30

      代码即行政区划代码（GB/T 2260），乡镇加 3 位、村（社区）再加 3 位；保存后显
      示地区名称。

          *代码： 1405            ✗ 应为 6、9 或 12 位数字
          *名称：
          *类型： 乡镇工作站 ▾
       上级站点： （无） ▾
           地址：
      *值班安排： 每个工作日 ▾










      Tab 换栏 · F2 保存 · Esc 返回（未保存先确认）

    1帮助   2保存   3       4       5       6       7       8       9首页   10退出
    """
    static let windowsScreen = """
     法援 · 窗口 · 泽州县公共法律服务中心     张敏（管理员）  2026-06-08 周一 09:30
     共 2 条　F3 新增　F4 修改　F5 停用/启用
       窗口号  │办理业务                                                    │状态
     ▶ 1 号    │咨询、申请                                                  │在用
       2 号    │补交材料、其他                                              │在用
















     排队叫号时，本终端的窗口号在叫号画面按 w 设置，只对本终端生效

    1帮助   2       3新增   4修改   5停用   6       7       8       9首页   10退出
    """
    static let operatorsScreen = """
     法援 · 管理 · 操作员                     张敏（管理员）  2026-06-08 周一 09:30
     共 1 条　F3 新增　F4 修改　F5 停用/启用　F6 重置PIN　F7 解锁　b 关联律师
       姓名      │角色        │站点                        │关联律师  │状态
     ▶ 张敏      │管理员      │泽州县公共法律服务中心      │—         │在用

















     停用的操作员不能登录；最后一位管理员不能停用或改角色

    1帮助   2       3新增   4修改   5停用   6重置   7解锁   8       9首页   10退出
    """
    static let providerFormError = """
     法援 · 新增承办人员                      张敏（管理员）  2026-06-08 周一 09:30

         *姓名： 王律师
         *类别： 律师 ▾
      执业机构： 山西泽州律师事务所
          电话： 13800000001
          站点： （全县） ▾
      名优律师：  [ ] 是（重大疑难案件优先）
          专长： 劳动报酬
                 ✗ 规则库中没有案由代码“劳动报酬”（可在 7 规则库中查看）
      执业年限： 5
      办案上限： 8









      Tab 换栏 · F2 保存 · Esc 返回（未保存先确认）
    ✗ “专长”：规则库中没有案由代码“劳动报酬”（可在 7 规则库中查看）
    1帮助   2保存   3       4       5       6       7       8       9首页   10退出
    """
    static let settingsScreen = """
     法援 · 管理 · 系统设置                   张敏（管理员）  2026-06-08 周一 09:30

      修改后立即生效（闲置锁屏从下次登录起）；每项修改都记入审计日志。

      *闲置锁屏（分钟）： 5
          *PIN 错误次数： 5
      *锁定时长（分钟）： 15
              *语音叫号： 关闭 ▾
                  *语音： 普通话（推荐） ▾
               打印目录： 留空：案件库旁的 print 目录
                 打印机： 留空：只写文件，不送打印机










      Tab 换栏 · F2 保存 · Esc 返回（未保存先确认）

    1帮助   2保存   3       4       5       6       7       8       9首页   10退出
    """
}

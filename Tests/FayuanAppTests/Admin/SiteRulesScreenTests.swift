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
/// the library the app holds changes at once.
@Suite(.serialized) struct SiteRulesScreenTests {
    struct Admin {
        let fixture: AppFixture
        let app: App
        let environment: AppEnvironment
        let rulesDir: String
    }

    static func admin(open key: String? = nil) throws -> Admin {
        let fixture = try AppFixture()
        let rulesDir = fixture.directory + "/站点规则"
        var environment = fixture.environment
        environment.siteRules = SiteRuleLocation(flag: rulesDir, environment: [:])
        let store = environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let op = try store.addOperator(Operator(name: "张敏", role: .admin, stationID: centre.id), by: nil)
        let session = Session(operatorRecord: op, station: centre)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: environment, session: session)
        if let key { app.type(key) }
        return Admin(fixture: fixture, app: app, environment: environment, rulesDir: rulesDir)
    }

    @Test func dumpHoliday() throws {
        let a = try Self.admin(open: "h")
        print(a.fixture.render(a.app).text)
        a.app.type("<Tab><Tab>2027-01-01..2027-01-03<Tab><Tab>2027-02-05..2027-02-12<Tab>2027-02-14, 2027-02-20<Tab>")
        print(a.fixture.render(a.app).text)
        a.app.handle(.function(2))
        print(a.fixture.render(a.app).text)
    }

    @Test func dumpPolicy() throws {
        let a = try Self.admin(open: "p")
        print(a.fixture.render(a.app).text)
    }
}

import FayuanCore
@testable import FayuanStore
import Foundation
import Testing
import TerminalKit
@testable import FayuanApp

/// Screens working together: the queue opens the intake screen for the ticket it serves, and the
/// application hands the applicant the read-back screen.
@Suite struct FrontDeskFlowTests {
    @Test func servingAnApplicationTicketOpensTheApplicationForm() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let clerk = try store.createOperator(name: "王丽", role: .windowClerk, pin: "246810", stationID: centre.id, by: .commandLine, kdfRounds: 1000)
        let session = Session(operatorRecord: clerk, station: centre)
        let day = QueueFormat.day(fixture.clock.read(), timeZone: fixture.environment.timeZone)
        _ = try store.issueTicket(station: centre, service: QueueService.named("application")!, priorityReason: nil, on: day)
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(),
                      environment: fixture.environment, session: session)
        app.handle(.character("1"))
        #expect(app.top.title.hasPrefix("排队叫号"), "\(app.top.title)")
        app.handle(.function(3))          // call next: B001
        app.handle(.function(7))          // start service
        #expect(app.top.title == "法律援助申请", "开始办理申请号应打开援助申请表：\(app.top.title)")
        let text = fixture.render(app).text
        #expect(text.contains("①申请人"), "\(text)")
    }

    @Test func applicantReadsBackTheirDetailsInBigText() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        app.type("3张三丰<Tab>11010519491231002X")
        app.handle(.function(7))
        #expect(app.top.title.hasPrefix("请您核对"), "\(app.top.title)")
        #expect(fixture.render(app).text.contains("请核对您的姓名"))
        app.handle(.enter)
        let text = fixture.render(app).text
        #expect(text.contains("请核对您的证件号码"), "\(text)")
        // Typed here in front of the applicant: shown in full for them to check (it came from the
        // keyboard, not the store), the old screen showed only 1101**********002X.
        #expect(text.contains("证件号码：11010519491231002X"), "\(text)")
        #expect(!text.contains("1101**********002X"), "群众核对的是完整号码：\(text)")
        app.handle(.escape)
        #expect(app.top.title == "法律援助申请", "Esc 回到申请表，填写内容还在")
        #expect(fixture.render(app).text.contains("张三丰"))
    }

    @Test func applicationFormInLargeTextShowsOneFieldAtATime() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        app.type("3张三丰")
        app.handle(.function(11))
        let text = fixture.render(app, width: 44, height: 14).text
        #expect(text.contains("第①步 申请人"), "\(text)")
        #expect(text.contains("张三丰"), "\(text)")
        #expect(!text.contains("无障碍需求"), "大字模式一屏只显示一栏：\(text)")
    }

    @Test func aConfidentialApplicationIsMarkedOnAcceptance() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        app.type("3孙秀兰<Tab>11010519491231002X<Alt-2><Tab>家庭暴力")
        app.type("<Tab><Tab><Tab><Tab><Tab><Tab> ")          // …紧急情形, 保密: tick
        #expect(fixture.render(app).text.contains("[✓] 家暴等"), "\(fixture.render(app).text)")
        app.type("<Alt-5> <Down> <Down> <Down> <Down> <Down> <F5>y")
        let store = fixture.environment.store
        let flags = try store.read { db in try Bool.fetchAll(db, sql: "SELECT confidential FROM aid_case") }
        #expect(flags == [true], "受理后案件应标记为保密：\(flags)\n\(fixture.render(app).text)")
        #expect(try store.searchApplicants("孙秀兰").first?.phoneMasked == "（保密）")
    }
}

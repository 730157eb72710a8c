import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
import TerminalKitTesting
@testable import FayuanApp

/// 给群众看 (issue 21): the read-back as the applicant's own screen — the ID number in full
/// through the store's audited reveal, reachable from the case detail and for consultations;
/// the idle lock waits for it and warns 30 s before locking; the theme and the font hint in
/// large mode. All on the grid backend with the fixture's clock (no sleeps).
@Suite(.serialized) struct ReadBackRevealTests {
    /// Headings of every page of the read-back on top, walking it with Enter, and all the text seen.
    static func walk(_ app: App, _ fixture: AppFixture, width: Int = 80, height: Int = 24) -> (headings: [String], text: String) {
        guard let screen = app.top as? ApplicantViewScreen else { return ([], "") }
        var headings: [String] = [], all = ""
        for _ in 0..<screen.pages.count {
            let text = fixture.render(app, width: width, height: height).text
            headings.append(text.components(separatedBy: "\n")[1].trimmingCharacters(in: .whitespaces))
            all += text + "\n"
            app.handle(.enter)
        }
        return (headings, all)
    }

    static func reveals(_ store: CaseStore) throws -> [(operatorID: Int64?, entityID: String, detail: String)] {
        try store.recentAudit(limit: 1000).filter { $0.action == "reveal" }.reversed().map {
            (operatorID: $0.operatorID, entityID: $0.entityID, detail: $0.detail)
        }
    }

    @Test func caseDetailReadBackShowsTheFullIDThroughTheAuditedReveal() throws {
        let w = try CaseScreenTests.world()
        let store = w.fixture.environment.store
        let app = App(root: CaseDetailScreen(session: w.reviewer, caseID: w.granted), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: w.reviewer)
        app.send(.resumed)
        let before = try Self.reveals(store).count
        app.type("s")
        #expect(app.top is ApplicantViewScreen, "s 打开给群众看：\(app.top.title)")
        #expect(try Self.reveals(store).count == before, "翻到证件号码页之前不查看完整号码")
        app.handle(.enter)
        let page = w.fixture.render(app)
        #expect(page.contains("请核对您的证件号码") && page.contains("证件号码：140525195003150026"), "\(page.text)")
        let reveals = try Self.reveals(store)
        #expect(reveals.count == before + 1, "完整号码经审计的查看：\(reveals)")
        #expect(reveals.last?.operatorID == w.reviewer.operatorID)
        #expect(reveals.last?.detail.contains("给群众看") == true, "\(reveals.last?.detail ?? "")")
        // Going back and forth does not reveal again.
        app.type("<PgUp><PgDn>")
        #expect(try Self.reveals(store).count == before + 1)

        app.handle(.home)
        let (headings, all) = Self.walk(app, w.fixture)
        #expect(headings == ["请核对您的姓名", "请核对您的证件号码", "您申请法律援助的事项", "处理结果", "重要日期", "接下来", "有疑问请打电话"],
                "\(headings)")
        for fact in ["请求给付赡养费、抚养费、扶养费（民事）", "案号：〔2026〕民援字第0002号", "决定日期：2026年5月28日", "申请日期：2026年5月25日",
                     "受理日期：2026年5月25日", "法律援助中心会尽快为您指派承办律师", "12348"] {
            #expect(all.contains(fact), "缺少：\(fact)\n\(all)")
        }
        // Esc returns to the case detail, which still shows the number masked.
        app.handle(.escape)
        #expect(app.top is CaseDetailScreen)
        #expect(w.fixture.render(app).contains("证件 1405**********0026"))
    }

    @Test func noTwoTextsOverlapOnTheCaseReadBackWithTheFullID() throws {
        let w = try CaseScreenTests.world()
        let detail = try w.fixture.environment.store.caseDetail(w.granted)
        var readBack = ReadBack.forCase(detail, causeLabel: "请求给付赡养费")
        readBack.typedID = "140525195003150026"     // the revealed number, as the screen holds it
        for (width, height) in [(80, 24), (48, 14), (40, 12)] {
            var screen = ApplicantViewScreen(readBack: readBack)
            let area = Rect(x: 0, y: 1, width: width, height: height - 3)
            for _ in 0..<screen.pages.count {
                let (placed, _, _) = screen.layout(area: area)
                for i in placed.indices {
                    #expect(placed[i].rect.maxY <= area.maxY && placed[i].rect.maxX <= area.maxX, "\(width)×\(height) \(placed[i])")
                    for j in placed.indices where j > i {
                        #expect(placed[i].rect.intersection(placed[j].rect).isEmpty,
                                "\(width)×\(height) page \(screen.page + 1): \(placed[i].text) overlaps \(placed[j].text)")
                    }
                }
                if screen.pages[screen.page].isID {
                    // The number is there in full at every size: big, or as a plain line.
                    let shown = placed.map { $0.text.joined() }.joined()
                    #expect(shown.contains("140525195003150026") || placed.contains(where: \.isBig), "\(width)×\(height)")
                }
                _ = screen.update(.input(.action(StandardAction.confirm)))
            }
        }
    }

    @Test func aConfidentialApplicantsNumberStaysMaskedForAClerkWithoutAnyReveal() throws {
        let w = try CaseScreenTests.world()
        let store = w.fixture.environment.store
        try store.setCaseConfidential(w.granted, true, by: w.reviewer.operatorRecord)
        let clerkRecord = try store.addOperator(Operator(name: "窗口小周", role: .windowClerk, stationID: w.reviewer.station?.id), by: nil)
        let clerk = Session(operatorRecord: clerkRecord, station: w.reviewer.station)
        let app = App(root: CaseDetailScreen(session: clerk, caseID: w.granted), keymap: try AppFixture.keymap(),
                      environment: w.fixture.environment, session: clerk)
        app.send(.resumed)
        let before = try Self.reveals(store).count
        app.type("s<Enter>")
        let page = w.fixture.render(app)
        #expect(page.contains("证件号码：1405**********0026"), "\(page.text)")
        #expect(page.contains("保密"), "说明为什么不显示：\(page.text)")
        #expect(!page.contains("140525195003150026"))
        #expect(try Self.reveals(store).count == before, "被拒绝的查看不记为查看")
        // The reviewer may: the same case shows the number to the applicant.
        let reviewerApp = App(root: CaseDetailScreen(session: w.reviewer, caseID: w.granted), keymap: try AppFixture.keymap(),
                              environment: w.fixture.environment, session: w.reviewer)
        reviewerApp.send(.resumed)
        reviewerApp.type("s<Enter>")
        #expect(w.fixture.render(reviewerApp).contains("证件号码：140525195003150026"))
    }

    @Test func consultationReadBackAfterSavingAndFromMyDay() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        app.type("2")
        app.handle(.function(7))
        #expect(fixture.render(app).contains("请先保存这条咨询登记，再给群众看"))
        app.type("张三丰<Tab><Tab>ldbc<Tab>老板拖欠三个月工资<Tab>可先申请劳动仲裁，符合条件可申请法律援助<F2>")
        #expect(fixture.render(app).contains("已登记第 1 条：张三丰·劳动报酬"))
        app.handle(.function(7))
        #expect(app.top is ApplicantViewScreen, "\(app.top.title)")
        var (headings, all) = Self.walk(app, fixture)
        #expect(headings == ["请核对您的姓名", "您咨询的事项", "重要日期", "接下来", "有疑问请打电话"], "\(headings)")
        #expect(all.contains("法律咨询：劳动报酬") && all.contains("您问的问题：老板拖欠三个月工资"), "\(all)")
        #expect(all.contains("答复意见：可先申请劳动仲裁") && all.contains("咨询日期：2026年6月8日"), "\(all)")
        app.handle(.escape)
        #expect(app.top is ConsultationScreen)
        // From 我的今天: the consultation row, s.
        app.type("<F9>0")
        #expect(app.top is MyDayScreen, "\(app.top.title)")
        // Move to the consultation row.
        for _ in 0..<5 where !Self.onConsultation(app) { app.handle(.down) }
        #expect(Self.onConsultation(app))
        app.type("s")
        #expect(app.top is ApplicantViewScreen)
        (headings, all) = Self.walk(app, fixture)
        #expect(all.contains("老板拖欠三个月工资"))
        // And from its record screen.
        app.handle(.escape)
        app.handle(.enter)
        #expect(app.top.title == "咨询登记记录")
        app.type("s")
        #expect(app.top is ApplicantViewScreen)
    }

    static func onConsultation(_ app: App) -> Bool {
        guard let s = app.top as? MyDayScreen, s.rows.indices.contains(s.selected),
              case .consultation = s.rows[s.selected] else { return false }
        return true
    }

    // MARK: Idle lock

    @Test func idleLockWarnsThirtySecondsAheadWithACountdownAndAKeyCancels() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let app = try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
        app.type("<Tab>246810<Enter>")
        #expect(app.session != nil)
        fixture.clock.advance(seconds: 269)
        app.tick()
        #expect(app.idleWarning == nil && !fixture.render(app).contains("自动锁屏"))
        fixture.clock.advance(seconds: 1)              // 30 s left
        app.tick()
        var grid = fixture.render(app)
        #expect(app.idleWarning == 30)
        #expect(grid.line(22).contains("闲置 30 秒后自动锁屏（未保存的内容会存为草稿）；按任意键继续使用"), "\(grid.line(22))")
        fixture.clock.advance(seconds: 10)
        app.tick()
        grid = fixture.render(app)
        #expect(grid.line(22).contains("闲置 20 秒后自动锁屏"), "countdown: \(grid.line(22))")
        app.handle(.down)                               // any key cancels
        #expect(app.idleWarning == nil && !fixture.render(app).contains("自动锁屏"))
        fixture.clock.advance(seconds: 25)
        app.tick()
        #expect(app.session != nil, "the key started the idle time again")
        fixture.clock.advance(seconds: 275)
        app.tick()
        #expect(app.session == nil, "locks at 5 minutes without a key")
    }

    @Test func idleLockWaitsWhileTheReadBackIsShownAndAHalfFilledFormSurvives() throws {
        let (app, fixture, session) = try IntakeScreenTests.app()
        app.idleLockAfter = 300
        app.type("3张三丰<Tab>11010519491231002X")
        app.handle(.function(7))
        #expect(app.top is ApplicantViewScreen)
        fixture.clock.advance(seconds: 600)          // the applicant reads for ten minutes
        app.tick()
        #expect(app.session != nil, "闲置锁屏等群众看完")
        #expect(app.top is ApplicantViewScreen)
        // Still locks in the end (30 minutes), with the warning first.
        fixture.clock.advance(seconds: App.readBackIdleLimit - 600 - 30)
        app.tick()
        #expect(app.idleWarning == 30, "warned before locking the read-back too")
        fixture.clock.advance(seconds: 30)
        app.tick()
        #expect(app.session == nil)
        // The half-filled form was kept as a draft in the store, and comes back on unlock.
        let draft = try fixture.environment.store.draft(operator: session.operatorID, form: ApplicationScreen.draftForm, key: "")
        #expect(draft?.payload.contains("张三丰") == true, "\(String(describing: draft))")
        app.type("246810<Enter>")
        #expect(app.session?.operatorID == session.operatorID)
        #expect(app.top is ApplicantViewScreen)
        app.handle(.escape)
        let form = fixture.render(app)
        #expect(form.contains("*姓名： 张三丰") && form.contains("11010519491231002X"), "\(form.text)")
    }

    @Test func aHalfFilledFormLockedWhileOnTopComesBackAfterUnlock() throws {
        let (app, fixture, session) = try IntakeScreenTests.app()
        app.idleLockAfter = 300
        app.type("3李秀英<Tab>1405251950031")
        fixture.clock.advance(seconds: 300)
        app.tick()
        #expect(app.session == nil)
        #expect(!fixture.render(app).contains("李秀英"), "锁屏画面不显示原内容")
        let draft = try fixture.environment.store.draft(operator: session.operatorID, form: ApplicationScreen.draftForm, key: "")
        #expect(draft?.payload.contains("1405251950031") == true)
        app.type("246810<Enter>")
        let form = fixture.render(app)
        #expect(form.contains("*姓名： 李秀英") && form.contains("1405251950031"), "\(form.text)")
    }

    // MARK: Large mode: theme and font hint

    @Test func monochromeLargeModeShowsTheFieldBeingTypedInReverseVideo() throws {
        let (_, fixture, session) = try IntakeScreenTests.app()
        let app = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(), theme: .monochrome,
                      environment: fixture.environment, session: session)
        app.type("3张三丰")
        app.handle(.function(11))
        let grid = fixture.render(app, width: 48, height: 14)
        guard let at = grid.find("张三丰") else { Issue.record("\(grid.text)"); return }
        let style = grid[at.x, at.y].style
        #expect(style.attributes.contains(.reverse), "正在输入的栏在单色下反显：\(style)")
        #expect(style.foreground == .default && style.background == .default, "单色主题不用颜色")
        // Nothing on the large screen is coloured in the monochrome theme.
        for y in 0..<grid.size.height {
            for x in 0..<grid.size.width {
                #expect(grid[x, y].style.foreground == .default && grid[x, y].style.background == .default, "(\(x),\(y))")
            }
        }
        // The default theme still gives high contrast in large mode.
        let standard = App(root: Console.homeScreen(session: session), keymap: try AppFixture.keymap(), theme: .standard,
                           environment: fixture.environment, session: session)
        standard.handle(.function(11))
        #expect(fixture.render(standard, width: 48, height: 14)[0, 1].style.background == Theme.highContrast[.normal].background)
    }

    @Test func largeModeAt80x24HintsOnceToEnlargeTheFont() throws {
        let (app, fixture, _) = try IntakeScreenTests.app()
        app.handle(.function(11))
        // At 48×14 the font was enlarged: no hint.
        #expect(!fixture.render(app, width: 48, height: 14).text.contains("放大终端字体"))
        var grid = fixture.render(app, width: 80, height: 24)
        let hint = grid.lines[21...22].joined()
        #expect(hint.contains("字还是普通大小") && hint.contains("放大终端字体") && hint.contains("按任意键关闭"), "\(grid.text)")
        app.type("1")                                   // any key: dismissed, and the key still works
        grid = fixture.render(app, width: 80, height: 24)
        #expect(!grid.text.contains("放大终端字体"), "\(grid.text)")
        #expect(app.top.title.hasPrefix("排队叫号"), "\(app.top.title)")
        app.handle(.function(11)); app.handle(.function(11))
        #expect(!fixture.render(app, width: 80, height: 24).text.contains("放大终端字体"), "shown once")
    }
}

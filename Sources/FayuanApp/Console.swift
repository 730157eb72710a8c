import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// Assembles the console: keymap, theme, home menu and environment.
public enum Console {
    /// The home menu for the operator at the keyboard. Each issue that adds a screen adds its
    /// entry here (one line), creating the screen with the session so it knows who is working.
    public static func homeScreen(session: Session) -> HomeScreen {
        var items: [HomeScreen.MenuItem] = []
        items.append(HomeScreen.MenuItem(key: "1", title: "排队叫号", detail: "取号、叫号、重呼、过号、转移、统计", open: {
            // Starting service on a ticket opens the screen for its service with the person linked.
            QueueWindowScreen(session: session, openService: { ticket, session in
                switch ticket.service {
                case .consultation: return ConsultationScreen(session: session, applicantID: ticket.applicantID, ticketID: ticket.id)
                case .application: return ApplicationScreen(session: session, applicantID: ticket.applicantID, ticketID: ticket.id)
                default: return nil
                }
            })
        }))
        items.append(HomeScreen.MenuItem(key: "5", title: "值班", detail: "值班排班（按站点看月表）、对调、签到签退、点名抽查、公示、补贴明细", open: { RosterScreen(session: session) }))
        if AccessPolicy.allows(session.role, .viewReports) {
            items.append(HomeScreen.MenuItem(key: "6", title: "报表", detail: "指标对照目标任务、进度条与趋势、下钻到记录；月报、季度报告导出", open: { ReportsScreen(session: session) }))
        }
        items.append(HomeScreen.MenuItem(key: "7", title: "规则库", detail: "浏览法律、省条例和地方政策规则；填表试算", open: { RulesScreen() }))
        if AccessPolicy.allows(session.role, .viewAudit) || AccessPolicy.allows(session.role, .manageOperators) {
            items.append(HomeScreen.MenuItem(key: "8", title: "管理", detail: "站点与窗口、操作员、律师、系统设置、审计日志", open: { AdminMenuScreen(session: session, extra: adminSiteRuleEntries(session)) }))
        }
        if AccessPolicy.allows(session.role, .registerConsultation) {
            items.append(HomeScreen.MenuItem(key: "2", title: "咨询登记", detail: "法律咨询登记：窗口、12348 电话、网上、上门", open: { ConsultationScreen(session: session) }))
        }
        if AccessPolicy.allows(session.role, .takeApplication) {
            items.append(HomeScreen.MenuItem(key: "3", title: "援助申请", detail: "法律援助申请：申请人、事项、经济状况、审查、材料、受理", open: { ApplicationScreen(session: session) }))
        }
        if AccessPolicy.allows(session.role, .recordCaseProgress) || AccessPolicy.allows(session.role, .recordReturnVisit) {
            items.append(HomeScreen.MenuItem(key: "4", title: "案件", detail: "案件看板：审查、指派、办理、结案、归档、回访、评查；期限提醒", open: { PipelineBoardScreen(session: session) }))
        }
        if AccessPolicy.allows(session.role, .registerConsultation) {
            items.append(HomeScreen.MenuItem(key: "y", title: "预约", detail: "预约看板（日/周）、新预约、改约、爽约；上门服务包、电话提醒名单、台账", open: { AppointmentBoardScreen(session: session) }))
        }
        items.append(HomeScreen.MenuItem(key: "t", title: "接口令牌", detail: "供其他程序调用命令行的个人令牌：新建（只显示一次）、撤销", open: { TokensScreen(session: session) }))
        items.append(HomeScreen.MenuItem(key: "0", title: "我的今天", detail: "我办理的排队号、咨询、待补材料的申请、7 日内到期事项", open: { MyDayScreen(session: session) }))
        if AccessPolicy.allows(session.role, .takeApplication) {
            items.append(HomeScreen.MenuItem(key: "j", title: "申请转交", detail: "转交单：转入、转出和计时（超时在前）；接收、补正、改转、报请指定；工作台账", open: { HandOverScreen(session: session) }))
        }
        if AccessPolicy.allows(session.role, .registerConsultation) {
            items.append(HomeScreen.MenuItem(key: "z", title: "政策找人", detail: "建档立卡台账：户、群体标签、走访、需求及首次联系期限；需求转申请", open: { OutreachScreen(session: session) }))
        }
        items.append(HomeScreen.MenuItem(key: "p", title: "人员库", detail: "法律援助人员名册、志愿律师库、名优律师团、评查专家库、志愿者、“1+1”结对；抽取评查组", open: { PoolScreen(session: session) }))
        items.append(HomeScreen.MenuItem(key: "9", title: "键位表", detail: "查看当前生效的全部按键", open: { KeymapScreen() }))
        var reminders: [(ViewContext) -> String?] = []
        if AccessPolicy.allows(session.role, .manageSiteRules) {
            reminders.append { HolidayReminder.text(context: $0, key: "8 再按 5") }
        }
        // Keypad order: 1…9, then 0 (我的今天), then letters, so the first entry stays 1 (排队叫号).
        var home = HomeScreen(items: items.sorted { ($0.key == "0" ? ":" : $0.key) < ($1.key == "0" ? ":" : $1.key) })
        home.reminders = reminders
        return home
    }

    /// 管理 5 and 6: the holiday notice and local policy values, written as site rule files.
    static func adminSiteRuleEntries(_ session: Session) -> [AdminMenuScreen.Entry] {
        guard AccessPolicy.allows(session.role, .manageSiteRules) else { return [] }
        return [
            AdminMenuScreen.Entry(key: "5", title: "节假日安排", detail: "按国务院办公厅通知录入放假和调休上班日（站点规则文件）",
                                  open: { HolidayCalendarScreen(session: session) }),
            AdminMenuScreen.Entry(key: "6", title: "本地政策", detail: "经济困难标准（低保、最低工资）和年度目标任务（站点规则文件）",
                                  open: { LocalPolicyScreen(session: session) }),
        ]
    }

    /// The app behind its login gate: administrator creation on a new store, else the login.
    /// With `session` (the demo) it starts logged in; locking still works as usual.
    public static func makeApp(keymap: Keymap, theme: Theme, environment: AppEnvironment, session: Session? = nil) throws -> App {
        let store = environment.store
        let root: any Screen
        if let session {
            root = homeScreen(session: session)
        } else if try store.needsFirstAdministrator() {
            root = LoginScreen(mode: .firstRun, operators: [])
        } else {
            root = LoginScreen(mode: .login, operators: try store.operators(includeDisabled: false))
        }
        var environment = environment
        if environment.loginNote == nil { environment.loginNote = try store.demoLoginNote() }
        let app = App(root: root, keymap: keymap, theme: theme, environment: environment, session: session,
                      makeHome: { homeScreen(session: $0) })
        app.idleLockAfter = Double(try store.securitySettings().idleLockMinutes) * 60
        return app
    }
}

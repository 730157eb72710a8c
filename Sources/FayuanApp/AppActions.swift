import TerminalKit

/// Every action the console knows, with its Chinese names. Keymap files may bind only these;
/// a screen adds its section here when it is added to the app.
public enum AppActions {
    public static let specs: [ActionSpec] = [
        ActionSpec(StandardAction.help, "显示帮助（当前画面的按键）", short: "帮助"),
        ActionSpec(StandardAction.save, "保存", short: "保存"),
        ActionSpec("app.menu", "回到首页菜单", short: "首页"),
        ActionSpec(StandardAction.quit, "退出（有未保存内容时先确认）", short: "退出"),
        ActionSpec(StandardAction.redraw, "重绘屏幕", short: "重绘"),
        ActionSpec("app.large_text", "大字模式开关（老年群众看屏时用；记住各操作员的选择）", short: "大字"),
        ActionSpec("app.line_spacing", "大字模式中加大行间距（行与行之间空一行）", short: "行距"),
        ActionSpec(ApplicantViewScreen.Action.speak, "朗读本页（espeak-ng 普通话）", short: "朗读"),
        ActionSpec(StandardAction.lock, "锁屏（离开座位时按；闲置也会自动锁屏）", short: "锁屏"),

        ActionSpec(StandardAction.up, "上移", short: "上"),
        ActionSpec(StandardAction.down, "下移", short: "下"),
        ActionSpec(StandardAction.left, "左移", short: "左"),
        ActionSpec(StandardAction.right, "右移", short: "右"),
        ActionSpec(StandardAction.pageUp, "上一页", short: "上页"),
        ActionSpec(StandardAction.pageDown, "下一页", short: "下页"),
        ActionSpec(StandardAction.home, "到开头", short: "开头"),
        ActionSpec(StandardAction.end, "到末尾", short: "末尾"),
        ActionSpec(StandardAction.nextField, "下一栏", short: "下一栏"),
        ActionSpec(StandardAction.previousField, "上一栏", short: "上一栏"),
        ActionSpec(StandardAction.confirm, "确定 / 下一栏", short: "确定"),
        ActionSpec(StandardAction.back, "返回上一画面（有未保存内容时先确认）", short: "返回"),

        ActionSpec(StandardAction.backspace, "删除光标前一个字", short: "退格"),
        ActionSpec(StandardAction.delete, "删除光标处的字", short: "删除"),
        ActionSpec(StandardAction.clearLine, "清空当前输入框", short: "清空"),
        ActionSpec(StandardAction.newline, "备注框中另起一行", short: "换行"),

        ActionSpec(HomeScreen.Action.theme, "切换配色（默认 / 高对比度 / 单色）", short: "配色"),
        ActionSpec(HomeScreen.Action.keymap, "查看键位表", short: "键位"),

        ActionSpec(QueueWindowScreen.Action.callNext, "叫下一位（当前号码随之结束：已办理的办结，未办理的记叫号未办理）", short: "叫号"),
        ActionSpec(QueueWindowScreen.Action.recall, "重呼当前号码", short: "重呼"),
        ActionSpec(QueueWindowScreen.Action.skip, "过号：当前号码排到队尾（超过次数记未到）", short: "过号"),
        ActionSpec(QueueWindowScreen.Action.noShow, "当前号码记为未到", short: "未到"),
        ActionSpec(QueueWindowScreen.Action.transfer, "转到其他窗口或业务", short: "转移"),
        ActionSpec(QueueWindowScreen.Action.serve, "开始办理当前号码；办理中再按则办结", short: "办理"),
        ActionSpec(QueueWindowScreen.Action.walkAway, "选中的等候号码已离开（未办理）", short: "离开"),
        ActionSpec(QueueWindowScreen.Action.issue, "取号（前台发号）", short: "取号"),
        ActionSpec(QueueWindowScreen.Action.stats, "排队统计", short: "统计"),
        ActionSpec(QueueWindowScreen.Action.setWindow, "设置本终端的窗口号", short: "窗口号"),
        ActionSpec(AuditScreen.Action.refresh, "按条件重新查询审计日志", short: "刷新"),
        ActionSpec(RulesScreen.Action.switchTab, "切换：浏览规则 / 试算案例", short: "切换"),

        ActionSpec(ConsultationScreen.Action.new, "清空，开始新的咨询登记", short: "新登记"),
        ActionSpec(ConsultationScreen.Action.toApplication, "保存咨询并转为法律援助申请", short: "转申请"),
        ActionSpec(ApplicationScreen.Action.previousStep, "上一步", short: "上一步"),
        ActionSpec(ApplicationScreen.Action.nextStep, "下一步", short: "下一步"),
        ActionSpec(ApplicationScreen.Action.refuse, "窗口不予受理登记", short: "不受理"),
        ActionSpec(ApplicationScreen.Action.readBack, "给群众看：大字核对姓名、事项、期限、缺少的材料", short: "群众看"),
        ActionSpec(ApplicationScreen.Action.steps[0], "跳到第①步：申请人", short: "申请人"),
        ActionSpec(ApplicationScreen.Action.steps[1], "跳到第②步：事项", short: "事项"),
        ActionSpec(ApplicationScreen.Action.steps[2], "跳到第③步：经济状况", short: "经济"),
        ActionSpec(ApplicationScreen.Action.steps[3], "跳到第④步：审查结果", short: "审查"),
        ActionSpec(ApplicationScreen.Action.steps[4], "跳到第⑤步：材料", short: "材料"),
        ActionSpec(ApplicationScreen.Action.steps[5], "跳到第⑥步：受理", short: "受理"),

        ActionSpec(PipelineBoardScreen.Action.refresh, "按条件重新读取案件看板", short: "刷新"),
        ActionSpec(PipelineBoardScreen.Action.sample, "评查抽样（按比例随机抽取已结案件，种子留档）", short: "抽样"),
        ActionSpec(CaseDetailScreen.Action.decide, "审查决定：给予或不予法律援助", short: "决定"),
        ActionSpec(CaseDetailScreen.Action.assign, "指派承办人（轮案建议及理由）", short: "指派"),
        ActionSpec(CaseDetailScreen.Action.progress, "记录办案进展", short: "进展"),
        ActionSpec(CaseDetailScreen.Action.close, "提交结案 / 结案审查 / 归档（按案件所处步骤）", short: "结案"),
        ActionSpec(CaseDetailScreen.Action.visit, "登记回访（案前、案中、结案后）", short: "回访"),
        ActionSpec(CaseDetailScreen.Action.review, "案件质量评查（百分制评分表）", short: "评查"),
        ActionSpec(CaseDetailScreen.Action.terminate, "终止法律援助（法律援助法第四十八条）", short: "终止"),
        ActionSpec(CaseDetailScreen.Action.objection, "登记异议或异议审查结果（第四十九条）", short: "异议"),
        ActionSpec(CaseDetailScreen.Action.flags, "标记：重大疑难、可能判处无期徒刑死刑、被羁押", short: "标记"),
        ActionSpec(CaseDetailScreen.Action.revealID, "显示完整证件号码（记入审计日志）", short: "证件"),
        ActionSpec(CaseDetailScreen.Action.revealPhone, "显示完整电话（记入审计日志）", short: "电话"),

        ActionSpec(RosterScreen.Action.generate, "按规则生成本月全部站点的排班（已签到的班次保留）", short: "排班"),
        ActionSpec(RosterScreen.Action.swap, "对调：先选一个班次按一次，再选另一个班次按一次（重新检查全部规则）", short: "对调"),
        ActionSpec(RosterScreen.Action.signIn, "选中班次签到（按班次开始时间判定迟到）", short: "签到"),
        ActionSpec(RosterScreen.Action.signOut, "选中班次签退（按班次结束时间判定早退）", short: "签退"),
        ActionSpec(RosterScreen.Action.spotAbsent, "点名抽查：无正当理由脱岗", short: "脱岗"),
        ActionSpec(RosterScreen.Action.spotPresent, "点名抽查：在岗", short: "在岗"),
        ActionSpec(RosterScreen.Action.publish, "公示本月排班（写文本和 CSV 文件）", short: "公示"),
        ActionSpec(RosterScreen.Action.subsidy, "本月补贴明细（每行写明依据和扣款）", short: "补贴"),
        ActionSpec(RosterScreen.Action.previousMonth, "上一个月", short: "上月"),
        ActionSpec(RosterScreen.Action.nextMonth, "下一个月", short: "下月"),
        ActionSpec(SubsidyScreen.Action.approve, "核定本月补贴（每月一次）", short: "核定"),

        ActionSpec(ReportsScreen.Action.periodKind, "切换期间：月 / 季度 / 年（←→ 换上一期、下一期）", short: "期间"),
        ActionSpec(ReportsScreen.Action.scope, "切换范围：全县 / 各站点", short: "范围"),
        ActionSpec(ReportsScreen.Action.refresh, "重新统计", short: "刷新"),
        ActionSpec(ReportsScreen.Action.export, "导出本期报表（XLSX、CSV、文本，存入打印目录）", short: "导出"),
        ActionSpec(ReportsScreen.Action.stations, "各站点咨询任务分配表", short: "站点"),
    ]

    /// Chinese names of keymap sections.
    public static let sectionNames = SectionNames([
        "app": "全局", "nav": "移动与确认", "edit": "输入编辑", "home": "首页", "consult": "咨询登记", "apply": "援助申请", "queue": "排队叫号", "login": "登录", "audit": "审计日志", "readback": "给群众看", "rules": "规则库", "cases": "案件看板", "case": "案件详情", "roster": "值班排班", "subsidy": "补贴明细", "reports": "统计报表",
    ])
}

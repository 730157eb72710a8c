import Foundation

/// The Chinese name of every exported column. An exported file's header reads "姓名（name）":
/// the name a clerk in Excel or WPS understands, and the code a script and `fayuan import` rely
/// on. Import accepts either form, or the Chinese name alone. `ColumnLabelTests` fails when a
/// column of an exportable table has no name here (a new migration must add its columns).
public enum ColumnLabels {
    /// Columns with the same meaning in every table.
    static let common: [String: String] = [
        "id": "编号", "name": "名称", "code": "代码", "kind": "类别", "created_at": "创建时间", "updated_at": "更新时间",
        "station_id": "站点编号", "operator_id": "操作员编号", "provider_id": "承办人员编号", "applicant_id": "申请人编号",
        "case_id": "案件编号", "shift_id": "班次编号", "ticket_id": "排队号编号", "consultation_id": "咨询编号",
        "note": "备注", "at": "时间", "day": "日期", "phone": "电话", "address": "地址", "status": "状态",
        "disabled": "已停用", "result": "结果", "month": "月份", "label": "名称",
    ]

    static let byTable: [String: [String: String]] = [
        "station": ["name": "站点名称", "parent_id": "上级站点编号", "population": "服务人口", "consultation_target": "咨询目标数",
                    "duty_pattern": "值班频次"],
        "operator": ["name": "姓名", "role": "角色", "pin_hash": "PIN 摘要", "pin_salt": "PIN 盐值", "failed_attempts": "连续错误次数",
                     "locked_until": "锁定至"],
        "applicant": ["name": "姓名", "id_type": "证件类型", "id_number": "证件号码", "gender": "性别", "birth_date": "出生日期",
                      "township_id": "所属乡镇站点编号", "needs": "特殊需要"],
        "applicant_group": ["code": "群体代码"],
        "provider": ["name": "姓名", "organisation": "所在单位", "is_leading": "是否牵头", "active": "在岗"],
        "consultation": ["visitor_name": "来访人姓名", "channel": "咨询方式", "topic": "咨询事项", "question": "问题", "answer": "解答",
                         "referral": "转介", "satisfaction": "满意度", "duration_minutes": "用时（分钟）", "visitor_phone": "来访人电话"],
        "queue_ticket": ["seq": "序号", "code": "号码", "service": "业务", "priority": "优先", "window": "窗口", "issued_at": "取号时间",
                         "called_at": "叫号时间", "finished_at": "办结时间", "service_detail": "业务说明", "priority_reason": "优先原因",
                         "call_seq": "叫号顺序", "last_called_at": "最近叫号时间", "recall_count": "重呼次数", "skip_count": "过号次数",
                         "requeued_at": "重新排队时间", "serving_at": "开始办理时间", "target_window": "目标窗口",
                         "transfer_count": "转移次数", "end_reason": "结束原因", "closed_unserved": "叫号未办理"],
        "aid_case": ["centre_id": "法律援助中心编号", "kind": "案件类别", "cause": "案由", "route": "途径", "step": "步骤",
                     "priority": "优先", "provide_first": "先行提供", "economic_check": "经济困难核查", "special_group": "特殊群体",
                     "year": "年度", "seq": "年度序号", "case_number": "案号", "applied_on": "申请日期", "accepted_on": "受理日期",
                     "decided_on": "决定日期", "assigned_on": "指派日期", "closed_on": "结案日期", "archived_on": "归档日期",
                     "summary": "案情摘要", "opposing_party": "对方当事人", "review_due": "审查期限", "household_size": "家庭人口",
                     "income_per_capita_fen": "人均月收入（分）", "hardship_evidence": "经济困难证明", "detained": "在押",
                     "received_at": "收到时间", "major": "重大疑难", "life_or_death": "可能判处无期徒刑、死刑",
                     "closing_submitted_on": "提交结案材料日期", "outcome": "办理结果", "terminated_on": "终止日期",
                     "objection_on": "异议日期", "confidential": "保密", "service_stage": "办案阶段（补贴标准）"],
        "case_event": ["kind": "事项"],
        "duty_shift": ["starts_at": "开始时间", "ends_at": "结束时间", "reason": "排班理由"],
        "attendance": ["kind": "考勤类别"],
        "subsidy": ["kind": "补贴类别", "amount_fen": "金额（分）", "deductions_fen": "扣款（分）", "entry": "明细类型（原始或调整）",
                    "fund": "资金来源", "approved_at": "核定时间", "approved_by": "核定人编号", "paid_at": "发放时间",
                    "paid_by": "发放人编号"],
        "return_visit": ["method": "回访方式", "satisfaction": "满意度", "phase": "阶段"],
        "quality_review": ["reviewer_id": "评查人编号", "kind": "评查方式", "score": "分数", "items": "评分项", "sample_id": "抽样编号",
                           "peer_name": "同行评查人"],
        "case_document": ["code": "材料代码", "label": "材料名称", "due_on": "补交期限", "received_on": "收到日期",
                          "brought_by": "递交人", "recorded_by": "登记人编号"],
        "audit_log": ["action": "操作", "entity": "对象", "entity_id": "对象编号", "before_digest": "操作前摘要",
                      "after_digest": "操作后摘要", "detail": "说明", "prev_hash": "前一条哈希", "hash": "哈希", "channel": "渠道"],
        // v19-speed: the report tally (derived from the cases; not exported, named for tools that show tables).
        "report_tally": ["month": "月份", "measure": "统计项", "key": "分项", "n": "数值"],
    ]

    /// The Chinese name of `column` in `table`, or nil when none is known.
    public static func label(table: String, column: String) -> String? {
        byTable[table]?[column] ?? common[column]
    }

    /// The exported header of a column: "姓名（name）", or the code alone when it has no name.
    public static func header(table: String, column: String) -> String {
        guard let label = label(table: table, column: column) else { return column }
        return "\(label)（\(column)）"
    }

    /// The column code a header names: "姓名（name）" → name, "name" → name, "姓名" → name (when
    /// that name is unique in the table), otherwise the header as given (reported as unknown).
    public static func column(table: String, header: String, columns: [String]) -> String {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("）"), let open = trimmed.lastIndex(of: "（") {
            let code = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            if columns.contains(code) { return code }
        }
        if columns.contains(trimmed) { return trimmed }
        let matches = columns.filter { label(table: table, column: $0) == trimmed }
        return matches.count == 1 ? matches[0] : trimmed
    }
}

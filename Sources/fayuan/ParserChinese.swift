import Foundation
import TerminalKit

/// Everything the argument parser itself says — help headings, the built-in `--help`/`--version`
/// lines, usage, and its error messages — said in Chinese.
///
/// swift-argument-parser has no localisation: its words are fixed English strings (HelpGenerator,
/// UsageGenerator, MessageInfo in its sources). They are a small closed set, so every message the
/// parser produces passes through `translate` on its way to the terminal, and the placeholder of
/// each option (`--db <db>`, the property name) gets a Chinese name from `placeholders`.
/// `CLILanguageTests` walks every subcommand's `--help` and a bad call of each and fails on any
/// English word left (a new option whose placeholder is missing here fails it too).
enum ParserChinese {
    /// Placeholder names for option values, keyed by the name the parser derives (the property name).
    static let placeholders: [String: String] = [
        "absent": "未到号码", "anchor": "锚点文件", "approve": "核定人", "cases": "案件数", "check": "检查项",
        "code": "编码", "consultation": "咨询编号", "consultations": "咨询数", "date": "日期", "day": "日期",
        "days": "天数", "db": "案件库", "file": "文件", "first": "第一方", "for": "对象", "format": "格式",
        "from": "起始日期", "head": "链头", "id": "编号", "indicator": "指标", "kdf-rounds": "轮数",
        "keymap": "键位", "kind": "种类", "label": "名称", "limit": "条数", "max-load": "上限",
        "month": "月份", "name": "姓名", "note": "备注", "numbers": "号码", "out": "输出文件",
        "override-reason": "理由", "complainant": "投诉人", "options": "选项", "received": "收到日期", "on": "日期", "finding": "核实情况", "applicant": "申请人", "cause": "案由", "route": "途径", "summary": "摘要",
        "opposing": "对方当事人", "outcome": "结果", "phase": "阶段", "method": "方式", "satisfaction": "满意度",
        "points": "分数", "peer": "评查人", "ground": "情形", "priority-reason": "优先原因", "path": "路径", "period": "期间", "persons": "人数", "poll-ms": "毫秒",
        "provider": "承办人员", "quarter": "季度", "query": "查询", "reason": "理由", "refuse": "理由",
        "region": "区划代码", "role": "角色", "rule": "规则", "rules-dir": "规则目录", "second": "第二方",
        "seconds": "秒数", "seed": "种子", "service": "业务", "shift": "班次", "specialties": "专长",
        "stage": "阶段", "station": "站点", "stations": "站点", "subcommand": "子命令", "table": "数据表",
        "tables": "数据表", "text": "文字", "theme": "主题", "time": "时间", "to": "目标",
        "to-service": "目标业务", "to-window": "目标窗口", "today": "今天日期", "unavailable": "不可用日期",
        "window": "窗口", "worker": "工作人员", "year": "年份", "years": "年数", "operator": "操作员",
        "token-file": "令牌文件", "case": "案件编号", "shell": "终端类型", "role-code": "角色",
        "pin": "PIN", "reason-code": "理由", "station-code": "站点", "ticket": "号码", "service-code": "业务",
        "lang": "语言", "prefix": "目录", "count": "数量", "level": "级别", "group": "群体", "groups": "群体",
        "status": "状态", "page": "页", "printer": "打印机", "voice": "声音", "amount": "金额",
        "line": "明细", "complaint": "投诉编号", "decision": "决定", "result": "结果", "score": "分数",
        "items": "项目", "at": "时间", "until": "截止日期", "by": "经办人", "visit": "回访",
        "note-text": "备注", "sample": "抽样数", "rate": "标准", "deduction": "扣减", "adjustment": "调整",
        // fayuan handover (issue 24)
        "now": "时刻", "from-unit": "发出单位", "first-received": "收件时间", "custody-received": "监管场所收到时间",
        "sent-at": "发出时间", "material": "材料", "missing": "缺件", "dispatch": "转交方式", "tracking-no": "单号",
        "opinion": "初审意见", "phone": "电话", "to-person": "接收人", "interview": "笔录摘要", "signature": "确认方式",
        "reason-ground": "管辖依据", "reason-place": "所在地", "supplied-on": "送达日期", "box": "转入或转出", "set": "设置",
    ]

    /// Fixed sentences of the parser, whole.
    private static let sentences: [(String, String)] = [
        ("Show help information.", "显示帮助信息。"),
        ("Show the version.", "显示版本号。"),
        ("Show subcommand help information.", "显示子命令的帮助信息。"),
        ("Dump help information as JSON.", "以 JSON 输出帮助信息。"),
        ("Missing required subcommand.", "缺少子命令。"),
        ("Unspecified version", "未注明版本"),
        ("Internal error. Parsing command-line arguments hit unimplemented code path.", "内部错误：命令行解析未能完成。"),
        ("Internal error. Invalid state while parsing command-line arguments.", "内部错误：命令行解析状态异常。"),
    ]

    /// Sentence patterns with quoted parts carried over.
    private static var patterns: Patterns { [
        (rx(#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#), { "未知选项“\(g($0, 1))”。是否想用“\(g($0, 2))”？" }),
        (rx(#"Unknown option '([^']*)'"#), { "未知选项“\(g($0, 1))”" }),
        (rx(#"Missing value for '([^']*)'"#), { "选项“\(g($0, 1))”缺少值" }),
        (rx(#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#),
         { "选项“\(g($0, 1))”不带值，却给了“\(g($0, 2))”。" }),
        (rx(#"Unexpected argument '([^']*)'"#), { "多余的参数“\(g($0, 1))”" }),
        (rx(#"Missing expected argument '([^']*)'"#), { "缺少参数“\(g($0, 1))”" }),
        (rx(#"Missing one of: '([^']*)'"#), { "缺少以下之一：\(g($0, 1))" }),
        (rx(#"Invalid option: (\S+)"#), { "无效选项：\(g($0, 1))" }),
        (rx(#"Value to be set with (.+) had already been set with (.+)"#), { "\(g($0, 1)) 重复给出（前面已由 \(g($0, 2)) 给出）" }),
        (rx(#"The value '([^']*)' is invalid for '([^']*)'"#), { "“\(g($0, 2))”的值“\(g($0, 1))”无效" }),
        (rx(#"The value '([^']*)' is invalid\."#), { "值“\(g($0, 1))”无效。" }),
        (rx(#"\. Please provide one of the following:"#), { _ in "。可选值：" }),
        (rx(#"\. Please provide one of (.+)\."#), { "。可选值：\(g($0, 1))。" }),
        (rx(#"See '([^']*<subcommand>)' for detailed help\."#), { "用“\(g($0, 1))”查看各子命令的详细帮助。" }),
        (rx(#"See '([^']*)' for more information\."#), { "用“\(g($0, 1))”查看更多说明。" }),
        (rx(#"\(values: ([^;)]*); default: ([^)]*)\)"#), { "（可选值：\(g($0, 1))；默认：\(g($0, 2))）" }),
        (rx(#"\(values: ([^;)]*); default as flag: ([^)]*)\)"#), { "（可选值：\(g($0, 1))；仅写选项时：\(g($0, 2))）" }),
        (rx(#"\(values: ([^)]*)\)"#), { "（可选值：\(g($0, 1))）" }),
        (rx(#"\(default as flag: ([^)]*)\)"#), { "（仅写选项时：\(g($0, 1))）" }),
        (rx(#"\(default: ([^)]*)\)"#), { "（默认：\(g($0, 1))）" }),
        (rx(#"(?m)^(\s*\S+) \(default\)"#), { "\(g($0, 1)) （默认）" }),
        (rx(#"(?m)^OVERVIEW: "#), { _ in "说明：" }),
        (rx(#"(?m)^USAGE: "#), { _ in "用法：" }),
        (rx(#"(?m)^Usage: "#), { _ in "用法：" }),
        (rx(#"(?m)^ARGUMENTS:$"#), { _ in "参数：" }),
        (rx(#"(?m)^OPTIONS:$"#), { _ in "选项：" }),
        (rx(#"(?m)^SUBCOMMANDS:$"#), { _ in "子命令：" }),
        (rx(#"(?m)^(\S.*) SUBCOMMANDS:$"#), { "\(g($0, 1))子命令：" }),
        (rx(#"(?m)^Error: "#), { _ in "错误：" }),
        (rx(#"(?m)^Help:  "#), { _ in "说明：" }),
        (rx(#"<([a-z][a-z0-9-]*)>"#), { match in
            let name = g(match, 1)
            return "<\(placeholders[name] ?? name)>"
        }),
    ] }

    /// The operating system's error texts (strerror), which Foundation and SQLite pass on in English.
    static let systemErrors: [(String, String)] = [
        ("No such file or directory", "没有这个文件或目录"),
        ("Permission denied", "没有权限"),
        ("File exists", "文件已存在"),
        ("Is a directory", "这是一个目录"),
        ("Not a directory", "不是目录"),
        ("No space left on device", "磁盘空间已满"),
        ("Read-only file system", "文件系统只读"),
        ("Disk quota exceeded", "超出磁盘配额"),
        ("Too many open files", "打开的文件过多"),
        ("Operation not permitted", "不允许的操作"),
        ("Input/output error", "输入输出错误"),
        ("Directory not empty", "目录不是空的"),
        ("Too many levels of symbolic links", "符号链接层数过多"),
        ("File name too long", "文件名过长"),
        ("Resource temporarily unavailable", "资源暂时不可用"),
        ("Device or resource busy", "设备或资源忙"),
        ("Invalid argument", "参数无效"),
        ("Broken pipe", "管道已断开"),
    ]

    typealias Patterns = [(Regex<AnyRegexOutput>, (Regex<AnyRegexOutput>.Match) -> String)]

    static func translate(_ text: String) -> String {
        translate(text, with: patterns)
    }

    /// `translate` with the patterns compiled once by the caller (help text translates line by line).
    static func translate(_ text: String, with patterns: Patterns) -> String {
        var out = text
        for (english, chinese) in sentences { out = out.replacingOccurrences(of: english, with: chinese) }
        for (english, chinese) in systemErrors { out = out.replacingOccurrences(of: english, with: chinese) }
        for (pattern, render) in patterns {
            out = out.replacing(pattern) { render($0) }
        }
        return out
    }

    /// Help text translated, laid out again by display width and wrapped the Chinese way.
    /// `text` must be the parser's help rendered without wrapping (`columns` huge): the parser starts
    /// an entry's help at character 26 when the label fits, otherwise on the next line; the split is
    /// found on the English text, then both halves are translated, padded by display columns and the
    /// help wrapped to `width` with TextWidth's line breaking (no line starting with punctuation, no
    /// break inside a date or number).
    static func translateHelp(_ text: String, width: Int = 80) -> String {
        let compiled = patterns
        func translate(_ text: String) -> String { Self.translate(text, with: compiled) }
        let width = max(width, labelColumn + 20)
        let indent = String(repeating: " ", count: labelColumn)
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let chars = Array(line)
            let isEntry = chars.count > labelColumn && chars[0] == " " && chars[1] == " " && chars[2] != " "
                && chars[labelColumn - 1] == " " && chars[labelColumn] != " " && !line.contains("See '")
            if isEntry {
                var label = String(chars[..<labelColumn])
                while label.hasSuffix(" ") { label.removeLast() }
                let translatedLabel = translate(label)
                let help = translate(String(chars[labelColumn...])).wrapped(toWidth: width - labelColumn)
                let labelWidth = TextWidth.of(translatedLabel)
                if labelWidth <= labelColumn - 1, let first = help.first {
                    out.append(translatedLabel + String(repeating: " ", count: labelColumn - labelWidth) + first)
                    out.append(contentsOf: help.dropFirst().map { indent + $0 })
                } else {
                    out.append(translatedLabel)
                    out.append(contentsOf: help.map { indent + $0 })
                }
            } else if chars.count > labelColumn, chars.prefix(labelColumn).allSatisfy({ $0 == " " }) {
                let help = translate(String(chars[labelColumn...]).trimmingCharacters(in: .whitespaces))
                out.append(contentsOf: help.wrapped(toWidth: width - labelColumn).map { indent + $0 })
            } else if line.hasPrefix("USAGE: ") || line.hasPrefix("Usage: ") {
                out.append(contentsOf: wrapUsage(translate(String(line)), width: width))
            } else if line.isEmpty {
                out.append("")
            } else {
                let lead = String(chars.prefix(while: { $0 == " " }))
                let body = translate(String(chars[lead.count...]))
                out.append(contentsOf: body.wrapped(toWidth: width - lead.count).map { lead + $0 })
            }
        }
        return out.joined(separator: "\n")
    }

    /// A usage line ("用法：fayuan case decide [--db <案件库>] …") broken between its bracketed
    /// parts, continuation lines hanging under the command.
    static func wrapUsage(_ line: String, width: Int) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for ch in line {
            if ch == "[" || ch == "<" { depth += 1 }
            if ch == "]" || ch == ">" { depth = max(0, depth - 1) }
            if ch == " " && depth == 0 {
                if !current.isEmpty { parts.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { parts.append(current) }
        let hang = String(repeating: " ", count: 6)
        var lines: [String] = []
        var line = ""
        for part in parts {
            if line.isEmpty {
                line = part
            } else if TextWidth.of(line) + 1 + TextWidth.of(part) <= width {
                line += " " + part
            } else {
                lines.append(line)
                line = hang + part
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static let labelColumn = 26

    private static func rx(_ pattern: String) -> Regex<AnyRegexOutput> {
        // The patterns are literals above; a typo is a programming error caught by every test run.
        try! Regex(pattern)
    }

    private static func g(_ match: Regex<AnyRegexOutput>.Match, _ index: Int) -> String {
        guard index < match.output.count, let sub = match.output[index].substring else { return "" }
        return String(sub)
    }
}

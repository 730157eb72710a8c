import FayuanCore
import Foundation

/// Where the console reads and writes site rule files: the same directories `fayuan` subcommands
/// read (`SiteRules.directories`), so a file written from a screen is seen by the next command.
public struct SiteRuleLocation: Sendable, Hashable {
    /// `--rules-dir`, when given.
    public var flag: String?
    /// The process environment ($FAYUAN_RULES_DIR, $XDG_CONFIG_HOME, $HOME).
    public var environment: [String: String]

    public init(flag: String?, environment: [String: String]) {
        self.flag = flag
        self.environment = environment
    }

    /// No site directory at all (tests that never write).
    public static let none = SiteRuleLocation(flag: nil, environment: [:])

    /// The directories read, lowest precedence first.
    public var readDirectories: [String] { SiteRules.directories(flag: flag, environment: environment) }

    /// The first writable of --rules-dir, $FAYUAN_RULES_DIR, ~/.config/fayuan/rules.d (created when
    /// missing). A file written there is read last among its peers, so it takes effect.
    public func writableDirectory() throws(SiteRuleWriteError) -> String {
        var candidates: [String] = []
        if let flag, !flag.isEmpty { candidates.append(flag) }
        if let env = environment["FAYUAN_RULES_DIR"], !env.isEmpty { candidates.append(env) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            candidates.append(xdg + "/fayuan/rules.d")
        } else if let home = environment["HOME"], !home.isEmpty {
            candidates.append(home + "/.config/fayuan/rules.d")
        }
        let files = FileManager.default
        for path in candidates {
            if !SiteRules.isDirectory(path) {
                try? files.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
            if SiteRules.isDirectory(path), files.isWritableFile(atPath: path) { return path }
        }
        throw SiteRuleWriteError(message: candidates.isEmpty
            ? "没有可写的站点规则目录：请用 --rules-dir 或 FAYUAN_RULES_DIR 指定"
            : "站点规则目录都不可写：" + candidates.joined(separator: "、"))
    }
}

/// Why a site file was not written (nothing was changed).
public struct SiteRuleWriteError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// A field's value a site file cannot take, in Chinese, for the message beside the field.
public struct SiteFieldError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A site file that was written, for the audit entry.
public struct SiteRuleWrite: Sendable {
    public var path: String
    /// The file's text before (nil: new file) and after.
    public var before: String?
    public var after: String
    /// The library with the file in place.
    public var library: RuleLibrary
}

public enum SiteRuleWriter {
    /// Writes one site file: first the whole library is loaded with the new text in place (a text
    /// the loader refuses is refused here, with its file:line, and nothing is written); then the
    /// file is written atomically; then `record` runs (the audit entry). If `record` throws, the
    /// previous file is put back, so the file and the audit log never disagree.
    public static func write(fileName: String, text: String, location: SiteRuleLocation,
                             record: (SiteRuleWrite) throws -> Void) throws -> SiteRuleWrite {
        let directory = try location.writableDirectory()
        let path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
        var directories = location.readDirectories
        if !directories.contains(directory) { directories.append(directory) }
        var sources = try SiteRules.sources(directories: directories).filter { $0.path != path }
        let origin = (directories.firstIndex(of: directory) ?? directories.count - 1) + 1
        sources.append(RuleSource(path: path, text: text, origin: origin))
        sources.sort { ($0.origin, $0.path) < ($1.origin, $1.path) }
        let library = try RuleLibrary.load(extraSources: sources)
        let before = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SiteRuleWriteError(message: "无法写入 \(path)：\(error.localizedDescription)")
        }
        let written = SiteRuleWrite(path: path, before: before, after: text, library: library)
        do {
            try record(written)
        } catch {
            if let before {
                try? Data(before.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } else {
                try? FileManager.default.removeItem(atPath: path)
            }
            throw error
        }
        return written
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }

    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

// MARK: - Holiday notice

/// One year's State Council notice as an administrator enters it: named holidays, each with its
/// days off (ranges) and its make-up working days (调休上班). Written as a `year:` site file in
/// the format of rules/calendar/YYYY.yaml.
public struct HolidayNotice: Sendable, Hashable {
    public struct Span: Sendable, Hashable {
        public var from: LocalDate
        public var to: LocalDate
        public init(from: LocalDate, to: LocalDate) { self.from = from; self.to = to }
        public var days: [LocalDate] { (0...max(0, from.days(to: to))).map { from.adding(days: $0) } }
        public var text: String { from == to ? from.iso : from.iso + ".." + to.iso }
    }

    public struct Entry: Sendable, Hashable {
        public var name: String
        public var off: [Span]
        public var makeUp: [LocalDate]
        public init(name: String, off: [Span], makeUp: [LocalDate] = []) {
            self.name = name; self.off = off; self.makeUp = makeUp
        }
    }

    public var year: Int
    public var source: String
    public var entries: [Entry]

    public init(year: Int, source: String, entries: [Entry]) {
        self.year = year; self.source = source; self.entries = entries
    }

    /// The holidays of 《全国年节及纪念日放假办法》, in the order notices list them.
    public static let holidayNames = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]

    /// "2027-02-05..2027-02-12" (also "…", "～", "~", "至"), several separated by "," "，" "、" or spaces.
    public static func parseSpans(_ text: String, year: Int) -> Result<[Span], SiteFieldError> {
        var spans: [Span] = []
        for part in items(text) {
            var normalized = part
            for separator in ["…", "～", "~", "至", "—"] {
                normalized = normalized.replacingOccurrences(of: separator, with: "..")
            }
            while normalized.contains("...") { normalized = normalized.replacingOccurrences(of: "...", with: "..") }
            let ends = normalized.components(separatedBy: "..")
            guard (1...2).contains(ends.count) else { return .failure(SiteFieldError("应为 日期 或 日期..日期")) }
            var dates: [LocalDate] = []
            for end in ends {
                guard let date = LocalDate(iso: end) else { return .failure(SiteFieldError("日期应为 YYYY-MM-DD")) }
                guard date.year == year else { return .failure(SiteFieldError("\(date.iso) 不在 \(year) 年")) }
                dates.append(date)
            }
            let span = Span(from: dates[0], to: dates.last!)
            guard span.from <= span.to else { return .failure(SiteFieldError("结束日期早于开始日期")) }
            guard span.from.days(to: span.to) < 31 else { return .failure(SiteFieldError("一段假期不超过31天")) }
            spans.append(span)
        }
        return .success(spans)
    }

    /// Make-up working days: single dates, each a Saturday or Sunday of the year.
    public static func parseMakeUp(_ text: String, year: Int) -> Result<[LocalDate], SiteFieldError> {
        var days: [LocalDate] = []
        for part in items(text) {
            guard let date = LocalDate(iso: part) else { return .failure(SiteFieldError("应为单个日期 YYYY-MM-DD")) }
            guard date.year == year else { return .failure(SiteFieldError("\(date.iso) 不在 \(year) 年")) }
            guard date.weekday.isWeekend else { return .failure(SiteFieldError("\(date.iso.dropFirst(5)) 是\(date.weekday.label)，须为周六日")) }
            days.append(date)
        }
        return .success(days)
    }

    static func items(_ text: String) -> [String] {
        text.split { ",，、; ；".contains($0) }.map(String.init).filter { !$0.isEmpty }
    }

    /// What is wrong across entries: (entry index, "off" or "makeUp", message). Empty when the
    /// notice can be saved.
    public func problems() -> [(entry: Int, field: String, message: String)] {
        var result: [(Int, String, String)] = []
        var offBy: [LocalDate: String] = [:]
        var makeUpBy: [LocalDate: String] = [:]
        for (index, entry) in entries.enumerated() {
            for span in entry.off {
                var reported = false
                for day in span.days {
                    if day.year != year {
                        if !reported { result.append((index, "off", "\(day.iso) 不在 \(year) 年内")) }
                        reported = true
                        continue
                    }
                    if let other = offBy[day] {
                        if !reported { result.append((index, "off", "\(day.iso.dropFirst(5)) 与\(other)重叠")) }
                        reported = true
                        continue
                    }
                    offBy[day] = entry.name
                }
            }
            for day in entry.makeUp {
                if !day.weekday.isWeekend { result.append((index, "makeUp", "\(day.iso.dropFirst(5)) 是\(day.weekday.label)，须为周六日")) }
                if let other = makeUpBy[day] { result.append((index, "makeUp", "\(day.iso.dropFirst(5)) 已是\(other)调休")) }
                makeUpBy[day] = entry.name
            }
        }
        for (index, entry) in entries.enumerated() {
            for day in entry.makeUp where offBy[day] != nil {
                result.append((index, "makeUp", "\(day.iso.dropFirst(5)) 已是\(offBy[day]!)放假日"))
            }
        }
        return result
    }

    public var holidayYear: HolidayYear {
        var off = Set<LocalDate>(), makeUp = Set<LocalDate>(), names: [LocalDate: String] = [:]
        for entry in entries {
            for day in entry.off.flatMap(\.days) { off.insert(day); names[day] = entry.name }
            for day in entry.makeUp { makeUp.insert(day); names[day] = entry.name + "调休上班" }
        }
        return HolidayYear(year: year, offDays: off, makeUpWorkdays: makeUp, source: source, names: names)
    }

    public var fileName: String { "holidays-\(year).yaml" }

    /// The site file, in the format of rules/calendar/YYYY.yaml.
    public func yaml(enteredBy name: String, on day: LocalDate) -> String {
        var lines = [
            "# \(year)年法定节假日与调休上班日（站点文件，由终端界面“节假日安排”录入）。来源：\(source)",
            "# 录入：\(name)，\(day.iso)；全年工作日 \(holidayYear.workingDayCount) 天。改动请在终端界面重新录入。",
            "year: \(year)",
            "source: " + SiteRuleWriter.quoted(source),
            "holidays:",
        ]
        for entry in entries where !entry.off.isEmpty || !entry.makeUp.isEmpty {
            var line = "  - {name: \(SiteRuleWriter.quoted(entry.name)), off: [\(entry.off.map(\.text).joined(separator: ", "))]"
            if !entry.makeUp.isEmpty { line += ", makeUp: [\(entry.makeUp.map(\.iso).joined(separator: ", "))]" }
            lines.append(line + "}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A loaded notice as entries (names from the file), for editing a year again.
    public static func from(_ table: HolidayYear) -> HolidayNotice {
        var byName: [String: (off: [LocalDate], makeUp: [LocalDate])] = [:]
        var order: [String] = []
        for day in table.offDays.sorted() {
            let name = table.names[day] ?? "放假"
            if byName[name] == nil { order.append(name) }
            byName[name, default: ([], [])].off.append(day)
        }
        for day in table.makeUpWorkdays.sorted() {
            var name = table.names[day] ?? "调休"
            if name.hasSuffix("调休上班") { name = String(name.dropLast(4)) }
            if byName[name] == nil { order.append(name) }
            byName[name, default: ([], [])].makeUp.append(day)
        }
        let entries = order.map { name -> Entry in
            var spans: [Span] = []
            for day in byName[name]!.off {
                if let last = spans.last, last.to.adding(days: 1) == day { spans[spans.count - 1].to = day } else {
                    spans.append(Span(from: day, to: day))
                }
            }
            return Entry(name: name, off: spans, makeUp: byName[name]!.makeUp)
        }
        return HolidayNotice(year: table.year, source: table.source, entries: entries)
    }
}

// MARK: - Local hardship threshold

/// A local hardship threshold (低保 line or minimum wage, yuan per person per month) for a region
/// from a date, with the document it comes from. Written as a `tables:` site file whose table
/// id is `site-<base>-<region>`; every value entered for that region and base stays in it.
public struct HardshipThresholdEntry: Sendable, Hashable {
    public var region: String
    /// `subsistence_line` (低保) or `minimum_wage` (最低工资).
    public var base: String
    public var from: LocalDate
    public var yuan: Double
    public var source: String

    public init(region: String, base: String, from: LocalDate, yuan: Double, source: String) {
        self.region = region; self.base = base; self.from = from; self.yuan = yuan; self.source = source
    }

    public static let bases: [(id: String, label: String)] = [
        ("subsistence_line", "最低生活保障标准（低保）"), ("minimum_wage", "月最低工资标准"),
    ]

    public static func baseLabel(_ id: String) -> String { bases.first { $0.id == id }?.label ?? id }

    public var tableID: String { "site-\(base)-\(region)" }
    public var fileName: String { "hardship-\(base)-\(region).yaml" }

    /// The site file with this value and the others already entered for the region and base
    /// (a value on the same date is replaced).
    public func yaml(existing library: RuleLibrary, enteredBy name: String, on day: LocalDate) -> String {
        var values = library.thresholdTables.first { $0.id == tableID }?.series.first?.values ?? []
        values.removeAll { $0.from == from }
        values.append(ThresholdTable.Value(from: from, yuan: yuan, confidence: "V", source: source))
        values.sort { $0.from < $1.from }
        var lines = [
            "# 本地经济困难标准基数（站点文件，由终端界面“本地政策数值”录入；最近一次：\(name)，\(day.iso)）。",
            "# 同一地区、同一基数的各期数值都在本文件中；与内置表同一地区时，按生效日期取最近一期。",
            "tables:",
            "  - id: \(tableID)",
            "    base: \(base)",
            "    name: " + SiteRuleWriter.quoted("\(region) \(Self.baseLabel(base))（本地录入）"),
            "    series:",
            "      - name: " + SiteRuleWriter.quoted("\(region)（本地录入）"),
            "        regions: [\"\(region)\"]",
            "        values:",
        ]
        for value in values {
            let yuanText = value.yuan.map(SiteRuleWriter.number) ?? "null"
            lines.append("          - {from: \(value.from.iso), yuan: \(yuanText), confidence: \(value.confidence ?? "V"), source: \(SiteRuleWriter.quoted(value.source))}")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

// MARK: - Yearly targets

extension TargetTable {
    public var fileName: String { "targets-\(id).yaml" }

    /// The site file, in the format of rules/targets/*.yaml.
    public func yaml(region: String, enteredBy name: String, on day: LocalDate) -> String {
        func mapping(_ values: [IndicatorID: Double]) -> String {
            "{" + IndicatorID.allCases.compactMap { id in values[id].map { "\(id.rawValue): \(SiteRuleWriter.number($0))" } }
                .joined(separator: ", ") + "}"
        }
        var lines = [
            "# \(year)年目标任务（站点文件，由终端界面“本地政策数值”录入：\(name)，\(day.iso)）。",
            "targets:",
            "  id: \(id)",
            "  region: \"\(region)\"",
            "  year: \(year)",
            "  source: " + SiteRuleWriter.quoted(source),
            "  archiveLimitDays: \(archiveLimitDays)",
        ]
        if !common.isEmpty { lines.append("  all: " + mapping(common)) }
        if !county.isEmpty { lines.append("  county: " + mapping(county)) }
        if !stations.isEmpty {
            lines.append("  stations:")
            for code in stations.keys.sorted() {
                let values = stations[code]!
                let body = IndicatorID.allCases.compactMap { id in values[id].map { "\(id.rawValue): \(SiteRuleWriter.number($0))" } }
                lines.append("    - {station: \"\(code)\"" + (body.isEmpty ? "" : ", " + body.joined(separator: ", ")) + "}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

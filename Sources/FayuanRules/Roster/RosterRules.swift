import FayuanCore

/// Reads `roster:` documents (rules/roster/*.yaml and site files): a county's duty programme as
/// data, validated with file:line errors. A later origin with the same id overrides; the same id
/// twice in one origin is an error.
extension RuleLoader {
    static let rosterKinds: Set<String> = ["lawyer", "grassroots_worker", "retired_official", "law_teacher",
                                           "volunteer", "public_lawyer"]

    mutating func readRoster(_ cursor: YAMLCursor, origin: Int) throws(RuleFileError) {
        let root = try cursor.mapping(allowed: ["roster"])
        guard let body = root["roster"] else { throw cursor.error("值班规则文件须有 roster") }
        let f = try body.mapping(allowed: ["id", "region", "source", "centre", "township", "stations", "providers",
                                           "deductions", "graceMinutes", "caseSubsidy", "lookBackMonths"])
        func require(_ name: String) throws(RuleFileError) -> YAMLCursor {
            guard let value = f[name] else { throw body.error("缺少字段 \(name)") }
            return value
        }
        let idCursor = try require("id")
        let id = try idCursor.string()
        guard !id.isEmpty else { throw idCursor.error("id 不能为空") }
        if let previous = rosterOrigins[id], previous.origin == origin {
            throw idCursor.error("值班规则编号“\(id)”重复（已在 \(previous.place) 定义）")
        }
        let providers = try require("providers").mapping(allowed: ["eligible", "subsidised"])
        func kinds(_ name: String) throws(RuleFileError) -> Set<String> {
            guard let list = providers[name] else { throw body.error("providers 缺少 \(name)") }
            var result = Set<String>()
            for item in try list.list() {
                let kind = try item.string()
                guard Self.rosterKinds.contains(kind) else {
                    throw item.error("未知的人员类别“\(kind)”（可用：\(Self.rosterKinds.sorted().joined(separator: "、"))）")
                }
                result.insert(kind)
            }
            return result
        }
        let eligible = try kinds("eligible")
        let subsidised = try kinds("subsidised")
        if let stray = subsidised.subtracting(eligible).sorted().first {
            throw providers["subsidised"]!.error("领取补贴的人员类别“\(stray)”不在可值班人员（eligible）中")
        }
        let d = try require("deductions").mapping(allowed: ["recordIncomplete", "lateOrEarly", "dissatisfied",
                                                            "complaint", "forfeitAbsences"])
        func money(_ cursor: YAMLCursor?, _ name: String, in parent: YAMLCursor) throws(RuleFileError) -> Int {
            guard let cursor else { throw parent.error("缺少字段 \(name)") }
            let value = try cursor.double()
            guard value >= 0, value <= 1_000_000 else { throw cursor.error("\(name) 应为 0 到 1000000 元") }
            return Int((value * 100).rounded())
        }
        let deductions = try require("deductions")
        guard let forfeitCursor = d["forfeitAbsences"] else { throw deductions.error("缺少字段 forfeitAbsences") }
        let forfeit = try forfeitCursor.int()
        guard forfeit >= 1 else { throw forfeitCursor.error("forfeitAbsences 至少为 1") }
        var frequencies: [String: DutyFrequency] = [:]
        for item in try f["stations"]?.list() ?? [] {
            let s = try item.mapping(allowed: ["station", "frequency", "times"])
            guard let code = s["station"] else { throw item.error("缺少字段 station") }
            let text = try code.string()
            guard text.count >= 6, text.allSatisfy(\.isASCIIDigitCharacter) else {
                throw code.error("站点代码应为数字（GB/T 2260 加乡镇位）：“\(text)”")
            }
            guard frequencies[text] == nil else { throw code.error("站点“\(text)”重复") }
            frequencies[text] = try Self.frequency(s, at: item)
        }
        let graceCursor = f["graceMinutes"]
        let grace = try graceCursor?.int() ?? 0
        guard (0...120).contains(grace) else { throw graceCursor!.error("graceMinutes 应为 0 到 120") }
        let lookCursor = f["lookBackMonths"]
        let look = try lookCursor?.int() ?? 3
        guard (0...24).contains(look) else { throw lookCursor!.error("lookBackMonths 应为 0 到 24") }
        let policy = RosterPolicy(
            id: id, regionPrefix: try Self.regionPrefix(try require("region")),
            source: try f["source"]?.string() ?? id,
            centre: try Self.standard(try require("centre"), defaultFrequency: .everyWorkingDay),
            township: try Self.standard(try require("township"), defaultFrequency: .weekly(1)),
            stationFrequencies: frequencies, eligibleKinds: eligible, subsidisedKinds: subsidised,
            recordIssueFen: try money(d["recordIncomplete"], "recordIncomplete", in: deductions),
            lateOrEarlyFen: try money(d["lateOrEarly"], "lateOrEarly", in: deductions),
            dissatisfiedFen: try money(d["dissatisfied"], "dissatisfied", in: deductions),
            complaintFen: try money(d["complaint"], "complaint", in: deductions),
            forfeitAbsences: forfeit, graceMinutes: grace,
            caseSubsidyFen: try money(f["caseSubsidy"], "caseSubsidy", in: body), lookBackMonths: look)
        rosterOrigins[id] = (origin, "\(cursor.file):\(idCursor.line)")
        rosterPolicies[id] = policy
    }

    static func frequency(_ fields: [String: YAMLCursor], at cursor: YAMLCursor) throws(RuleFileError) -> DutyFrequency {
        guard let kind = fields["frequency"] else { throw cursor.error("缺少字段 frequency") }
        let times = try fields["times"]?.int() ?? 1
        switch try kind.string() {
        case "every_working_day":
            return .everyWorkingDay
        case "weekly":
            guard (1...5).contains(times) else { throw (fields["times"] ?? cursor).error("每周值班次数应为 1 到 5") }
            return .weekly(times)
        case "monthly":
            // The programme's floor: even the remotest station is staffed at least once a month.
            guard (1...23).contains(times) else { throw (fields["times"] ?? cursor).error("每月值班次数至少 1 次，至多 23 次") }
            return .monthly(times)
        case let other:
            throw kind.error("未知的值班频次“\(other)”（可用：every_working_day、weekly、monthly）")
        }
    }

    static func standard(_ cursor: YAMLCursor, defaultFrequency: DutyFrequency) throws(RuleFileError) -> DutyStandard {
        let f = try cursor.mapping(allowed: ["frequency", "times", "minHours", "start", "end", "people", "rate",
                                             "spotCheckAbsent"])
        func field(_ name: String) throws(RuleFileError) -> YAMLCursor {
            guard let value = f[name] else { throw cursor.error("缺少字段 \(name)") }
            return value
        }
        func time(_ name: String) throws(RuleFileError) -> ClockTime {
            let c = try field(name)
            guard let t = ClockTime(try c.string()) else { throw c.error("\(name) 应为 HH:MM：“\(try c.string())”") }
            return t
        }
        func money(_ name: String) throws(RuleFileError) -> Int {
            let c = try field(name)
            let value = try c.double()
            guard value >= 0, value <= 1_000_000 else { throw c.error("\(name) 应为 0 到 1000000 元") }
            return Int((value * 100).rounded())
        }
        let frequency = f["frequency"] == nil ? defaultFrequency : try frequency(f, at: cursor)
        let minCursor = try field("minHours")
        let minHours = try minCursor.double()
        guard minHours > 0, minHours <= 24 else { throw minCursor.error("minHours 应大于 0、不超过 24") }
        let start = try time("start"), end = try time("end")
        let minimum = Int((minHours * 60).rounded())
        guard end.minutes - start.minutes >= minimum else {
            throw (f["end"] ?? cursor).error("班次 \(start)–\(end) 短于每次至少 \(minHours.formatted()) 小时")
        }
        let peopleCursor = f["people"]
        let people = try peopleCursor?.int() ?? 1
        guard (1...10).contains(people) else { throw peopleCursor!.error("people 应为 1 到 10") }
        return DutyStandard(frequency: frequency, minimumMinutes: minimum, startsAt: start, endsAt: end, people: people,
                            rateFen: try money("rate"), spotCheckAbsentFen: try money("spotCheckAbsent"))
    }
}

extension Double {
    fileprivate func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}

extension RuleLibrary {
    /// The duty programme for a region: the policy with the longest matching region prefix.
    public func rosterPolicy(region: String) -> RosterPolicy? {
        rosterPolicies.filter { region.hasPrefix($0.regionPrefix) }.max { $0.regionPrefix.count < $1.regionPrefix.count }
    }
}

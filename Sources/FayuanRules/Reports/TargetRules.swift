import FayuanCore

/// Reads `targets:` documents (rules/targets/*.yaml and site files): a region's yearly targets
/// as data, validated with file:line errors. A later origin with the same id overrides; the same
/// id twice in one origin is an error.
extension RuleLoader {
    mutating func readTargets(_ cursor: YAMLCursor, origin: Int) throws(RuleFileError) {
        let root = try cursor.mapping(allowed: ["targets"])
        guard let body = root["targets"] else { throw cursor.error("目标文件须有 targets") }
        let f = try body.mapping(allowed: ["id", "region", "year", "source", "archiveLimitDays", "all", "county", "stations"])
        func require(_ name: String) throws(RuleFileError) -> YAMLCursor {
            guard let value = f[name] else { throw body.error("缺少字段 \(name)") }
            return value
        }
        let idCursor = try require("id")
        let id = try idCursor.string()
        guard !id.isEmpty else { throw idCursor.error("id 不能为空") }
        if let previous = targetOrigins[id], previous.origin == origin {
            throw idCursor.error("目标编号“\(id)”重复（已在 \(previous.place) 定义）")
        }
        let yearCursor = try require("year")
        let year = try yearCursor.int()
        guard (2000...2100).contains(year) else { throw yearCursor.error("year 应为 2000 到 2100：\(year)") }
        let limitCursor = f["archiveLimitDays"]
        let limit = try limitCursor?.int() ?? 30
        guard (1...365).contains(limit) else { throw limitCursor!.error("archiveLimitDays 应为 1 到 365") }

        let common = try f["all"].map { c throws(RuleFileError) in try Self.targetSet(c, allowed: Self.rateIndicators) } ?? [:]
        var county = try f["county"].map { c throws(RuleFileError) in try Self.targetSet(c, allowed: Set(IndicatorID.allCases)) } ?? [:]
        var stations: [String: [IndicatorID: Double]] = [:]
        for item in try f["stations"]?.list() ?? [] {
            let entry = try item.mapping(allowed: Set(["station", "name"] + IndicatorID.allCases.map(\.rawValue)))
            guard let codeCursor = entry["station"] else { throw item.error("缺少字段 station") }
            let code = try codeCursor.string()
            guard code.count >= 6, code.allSatisfy(\.isASCIIDigitCharacter) else {
                throw codeCursor.error("站点代码应为数字（GB/T 2260 加乡镇位）：“\(code)”")
            }
            guard stations[code] == nil else { throw codeCursor.error("站点“\(code)”重复") }
            var values: [IndicatorID: Double] = [:]
            for (key, value) in entry where key != "station" && key != "name" {
                values[IndicatorID(rawValue: key)!] = try Self.targetValue(value, IndicatorID(rawValue: key)!)
            }
            stations[code] = values
        }
        // The county's count is the allocation table's sum unless given; when given it must agree,
        // so a changed station figure cannot leave a stale total behind.
        let stationSum = stations.values.compactMap { $0[.consultations] }.reduce(0, +)
        if let given = county[.consultations], !stations.isEmpty, given != stationSum {
            throw (try f["county"]!.mapping(allowed: Set(IndicatorID.allCases.map(\.rawValue)))["consultations"] ?? body)
                .error("全县咨询目标 \(IndicatorValue.fixed(given, 0)) 与各站点分配之和 \(IndicatorValue.fixed(stationSum, 0)) 不一致")
        }
        if county[.consultations] == nil, stationSum > 0 { county[.consultations] = stationSum }

        targetOrigins[id] = (origin, "\(cursor.file):\(idCursor.line)")
        targetTables[id] = TargetTable(id: id, regionPrefix: try Self.regionPrefix(try require("region")), year: year,
                                       source: try f["source"]?.string() ?? id, archiveLimitDays: limit,
                                       common: common, county: county, stations: stations)
    }

    static let rateIndicators: Set<IndicatorID> = Set(IndicatorID.allCases.filter { !$0.accumulates })

    static func targetSet(_ cursor: YAMLCursor, allowed: Set<IndicatorID>) throws(RuleFileError) -> [IndicatorID: Double] {
        var result: [IndicatorID: Double] = [:]
        for (key, value) in try cursor.mapping(allowed: Set(allowed.map(\.rawValue))) {
            let id = IndicatorID(rawValue: key)!
            result[id] = try targetValue(value, id)
        }
        return result
    }

    static func targetValue(_ cursor: YAMLCursor, _ id: IndicatorID) throws(RuleFileError) -> Double {
        let value = try cursor.double()
        switch id.kind {
        case .rate:
            guard (0...100).contains(value) else { throw cursor.error("\(id.rawValue)（\(id.label)）是百分比，应为 0 到 100") }
        case .count:
            guard value >= 0, value == value.rounded() else { throw cursor.error("\(id.rawValue)（\(id.label)）应为非负整数") }
        case .perTenThousand, .average:
            guard value >= 0 else { throw cursor.error("\(id.rawValue)（\(id.label)）不能为负") }
        }
        return value
    }
}

extension RuleLibrary {
    /// The targets for a region and year: the table with the longest matching region prefix.
    public func targetTable(region: String, year: Int) -> TargetTable? {
        targetTables.filter { $0.year == year && region.hasPrefix($0.regionPrefix) }
            .max { $0.regionPrefix.count < $1.regionPrefix.count }
    }
}

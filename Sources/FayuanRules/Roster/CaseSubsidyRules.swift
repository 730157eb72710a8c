import FayuanCore

/// Reads `caseSubsidy:` documents (rules/case-subsidy/*.yaml and site files): ordinary case
/// subsidies by case type and stage for a province or county. A later origin with the same id
/// overrides (a site file replaces the bundled table); the same id twice in one origin is an error.
extension RuleLoader {
    mutating func readCaseSubsidy(_ cursor: YAMLCursor, origin: Int) throws(RuleFileError) {
        let root = try cursor.mapping(allowed: ["caseSubsidy"])
        guard let body = root["caseSubsidy"] else { throw cursor.error("办案补贴文件须有 caseSubsidy") }
        let f = try body.mapping(allowed: ["id", "region", "source", "note", "rates"])
        guard let idCursor = f["id"] else { throw body.error("缺少字段 id") }
        let id = try idCursor.string()
        guard !id.isEmpty else { throw idCursor.error("id 不能为空") }
        if let previous = caseSubsidyOrigins[id], previous.origin == origin {
            throw idCursor.error("办案补贴标准编号“\(id)”重复（已在 \(previous.place) 定义）")
        }
        guard let region = f["region"] else { throw body.error("缺少字段 region") }
        guard let source = f["source"] else { throw body.error("缺少字段 source（标准出自哪个文件）") }
        var rates: [CaseSubsidyRates.Rate] = []
        for item in try f["rates"]?.list() ?? [] {
            let r = try item.mapping(allowed: ["kind", "stage", "amount"])
            guard let kindCursor = r["kind"], let stageCursor = r["stage"], let amountCursor = r["amount"] else {
                throw item.error("每条标准须有 kind、stage、amount")
            }
            let kind = try kindCursor.string()
            guard ["civil", "criminal", "administrative"].contains(kind) else {
                throw kindCursor.error("未知的案件类型“\(kind)”（可用：civil、criminal、administrative）")
            }
            let stageText = try stageCursor.string()
            guard let stage = CaseServiceStage(rawValue: stageText) else {
                throw stageCursor.error("未知的办案阶段“\(stageText)”（可用：\(CaseServiceStage.allCases.map(\.rawValue).joined(separator: "、"))）")
            }
            guard stage.fits(kind: kind) else { throw stageCursor.error("办案阶段“\(stageText)”不适用于 \(kind) 案件") }
            let amount = try amountCursor.double()
            guard amount > 0, amount <= 1_000_000 else { throw amountCursor.error("amount 应为大于 0、不超过 1000000 的元数") }
            guard !rates.contains(where: { $0.kind == kind && $0.stage == stageText }) else {
                throw item.error("\(kind) \(stageText) 的标准重复")
            }
            rates.append(.init(kind: kind, stage: stageText, fen: Int((amount * 100).rounded())))
        }
        caseSubsidyOrigins[id] = (origin, "\(cursor.file):\(idCursor.line)")
        caseSubsidyTables[id] = CaseSubsidyRates(id: id, regionPrefix: try Self.regionPrefix(region),
                                                 source: try source.string(), note: try f["note"]?.string() ?? "",
                                                 rates: rates)
    }
}

extension RuleLibrary {
    /// The case subsidy table for a region: the one with the longest matching region prefix.
    public func caseSubsidyRates(region: String) -> CaseSubsidyRates? {
        caseSubsidyTables.filter { region.hasPrefix($0.regionPrefix) }.max { $0.regionPrefix.count < $1.regionPrefix.count }
    }
}

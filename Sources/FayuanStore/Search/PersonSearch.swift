import FayuanCore

/// How a search hit matched; the order is the ranking (contract: exact ID, exact name, prefix, rest).
public enum SearchMatch: String, Sendable, Codable, Comparable, CaseIterable {
    case exactID = "id_exact"
    case exactPhone = "phone_exact"
    case exactName = "name_exact"
    case exactPinyin = "pinyin_exact"
    case namePrefix = "name_prefix"
    case pinyinPrefix = "pinyin_prefix"
    case nameSubstring = "name_substring"
    case idSuffix = "id_suffix"
    case phoneSuffix = "phone_suffix"

    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: SearchMatch, b: SearchMatch) -> Bool { a.rank < b.rank }
}

/// One applicant found by `CaseStore.searchApplicants`, with sensitive numbers masked. No birth
/// date: beside the masked number it would give back 8 of the 10 hidden digits (issue 17).
public struct SearchHit: Sendable, Equatable, Codable {
    public var applicantID: Int64
    public var name: String
    public var idNumberMasked: String?
    public var gender: String?
    public var phoneMasked: String?
    public var township: String?
    public var match: SearchMatch
}

/// The query plan for one search string: a list of index lookups run in rank order until the
/// limit is reached. Each stage is a single indexed statement (tests check the plans).
struct SearchStage {
    var match: SearchMatch
    var sql: String
    /// Arguments before the final `LIMIT ?`, which the executor binds.
    var arguments: [String]
}

enum PersonSearch {
    /// Upper bound for prefix ranges: every continuation sorts below U+10FFFF in UTF-8 order.
    static let rangeEnd = "\u{10FFFF}"

    static func stages(for rawQuery: String, _ dialect: SQLDialect = .sqlite) -> [SearchStage] {
        let query = rawQuery.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { return [] }
        var stages: [SearchStage] = []
        let keyRange = "SELECT applicant_id FROM person_search WHERE key >= ? AND key < ? ORDER BY key LIMIT ?"
        let keyExact = "SELECT applicant_id FROM person_search WHERE key = ? LIMIT ?"

        let upper = query.uppercased()
        let isNumberLike = upper.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X") }
            && upper.first?.isNumber == true && upper.dropLast().allSatisfy(\.isNumber)
        if isNumberLike {
            if upper.count == 18 || upper.count == 15 {
                stages.append(SearchStage(match: .exactID,
                    sql: "SELECT id FROM applicant WHERE id_number = ? LIMIT ?", arguments: [upper]))
            }
            if upper.count == 11, upper.allSatisfy(\.isNumber) {
                stages.append(SearchStage(match: .exactPhone,
                    sql: "SELECT id FROM applicant WHERE phone = ? LIMIT ?", arguments: [upper]))
            }
            if upper.count >= 4 {
                let idKey = "d:" + String(upper.reversed())
                stages.append(SearchStage(match: .idSuffix, sql: keyRange, arguments: [idKey, idKey + rangeEnd]))
            }
            if upper.count >= 4, upper.allSatisfy(\.isNumber) {
                let phoneKey = "t:" + String(upper.reversed())
                stages.append(SearchStage(match: .phoneSuffix, sql: keyRange,
                    arguments: [phoneKey, phoneKey + rangeEnd]))
            }
            return stages
        }

        let chars = PersonSearchIndex.normalizedNameCharacters(query)
        guard !chars.isEmpty else { return [] }
        if chars.contains(where: { !($0.isASCII && $0.isLetter) }) {
            // A name (Hanzi or mixed): exact, prefix, then any substring through the n-grams.
            stages.append(SearchStage(match: .exactName,
                sql: "SELECT id FROM applicant WHERE name = ? LIMIT ?", arguments: [query]))
            stages.append(SearchStage(match: .namePrefix,
                sql: "SELECT id FROM applicant WHERE name > ? AND name < ? ORDER BY name LIMIT ?",
                arguments: [query, query + rangeEnd]))
            let needle = String(chars)
            if chars.count == 1 {
                stages.append(SearchStage(match: .nameSubstring, sql: keyExact, arguments: ["g:" + needle]))
            } else {
                // The first bigram narrows through the index; instr() confirms the whole substring
                // on those rows only.
                let gram = "g:" + String(chars[0]) + String(chars[1])
                stages.append(SearchStage(match: .nameSubstring,
                    sql: """
                    SELECT s.applicant_id FROM person_search s JOIN applicant a ON a.id = s.applicant_id
                    WHERE s.key = ? AND \(dialect.contains("a.name", "?")) LIMIT ?
                    """,
                    arguments: [gram, needle]))
            }
            return stages
        }

        // Latin letters: pinyin, full (zhangsanfeng) or initials (zsf), exact then prefix.
        let letters = String(chars)
        stages.append(SearchStage(match: .exactPinyin, sql: keyExact, arguments: ["p:" + letters]))
        stages.append(SearchStage(match: .exactPinyin, sql: keyExact, arguments: ["i:" + letters]))
        stages.append(SearchStage(match: .pinyinPrefix, sql: keyRange,
            arguments: ["i:" + letters, "i:" + letters + rangeEnd]))
        stages.append(SearchStage(match: .pinyinPrefix, sql: keyRange,
            arguments: ["p:" + letters, "p:" + letters + rangeEnd]))
        return stages
    }

    static func search(_ db: any SQLSession, query: String, limit: Int) throws -> [SearchHit] {
        var found: [(Int64, SearchMatch)] = []
        var seen = Set<Int64>()
        for stage in stages(for: query, db.dialect) where limit > 0 {
            if found.count >= limit { break }
            // Ask for enough rows to fill the limit even if some were found by earlier stages.
            var arguments = SQLArguments(stage.arguments)
            arguments += [limit + found.count]
            let ids = try Int64.fetchAll(db, sql: stage.sql, arguments: arguments)
            for id in ids where seen.insert(id).inserted {
                found.append((id, stage.match))
                if found.count >= limit { break }
            }
        }
        return try found.compactMap { id, match in
            guard let row = try SQLRow.fetchOne(db, sql: """
                SELECT a.id, a.name, a.id_number, a.gender, a.phone, s.name AS township,
                    EXISTS (SELECT 1 FROM aid_case c WHERE c.applicant_id = a.id AND c.confidential = 1) AS confidential
                FROM applicant a LEFT JOIN station s ON s.id = a.township_id WHERE a.id = ?
                """, arguments: [id]) else { return nil }
            return SearchHit(
                applicantID: row["id"], name: row["name"],
                idNumberMasked: (row["id_number"] as String?).map(Masking.idNumber),
                gender: row["gender"],
                // A person with a 保密 case shows no contact at all in search results.
                phoneMasked: row["confidential"] == true ? PrivacyPolicy.hiddenText : (row["phone"] as String?).map(Masking.phone),
                township: row["township"], match: match)
        }
    }
}

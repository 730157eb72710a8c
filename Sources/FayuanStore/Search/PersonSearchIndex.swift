
/// The search keys of one applicant (see V2PersonSearch for their forms) and their upkeep.
enum PersonSearchIndex {
    /// Most readings per character indexed; readings beyond the first are indexed only for the
    /// first character (the surname, where 单 Shàn, 曾 Zēng, 区 Ōu matter), which keeps a
    /// three-character name to at most four pinyin spellings.
    static let surnameReadings = 4

    static func keys(name: String, idNumber: String?, phone: String?) -> Set<String> {
        var keys = Set<String>()
        let chars = normalizedNameCharacters(name)
        for (i, c) in chars.enumerated() {
            keys.insert("g:" + String(c))
            if i + 1 < chars.count { keys.insert("g:" + String(c) + String(chars[i + 1])) }
        }
        for spelling in pinyinSpellings(chars) {
            keys.insert("p:" + spelling.full)
            keys.insert("i:" + spelling.initials)
        }
        if let id = idNumber?.uppercased(), !id.isEmpty { keys.insert("d:" + String(id.reversed())) }
        if let phone = phone?.filter(\.isNumber), !phone.isEmpty { keys.insert("t:" + String(phone.reversed())) }
        return keys
    }

    /// Name characters that count for search: no spaces, no middle dots (·), Latin lowercased.
    static func normalizedNameCharacters(_ name: String) -> [Character] {
        name.lowercased().filter { !$0.isWhitespace && $0 != "·" && $0 != "•" && $0 != "." }.map { $0 }
    }

    struct Spelling: Hashable {
        var full: String
        var initials: String
    }

    /// Pinyin spellings of a name: every reading of the first character × the primary reading
    /// of the rest. Latin letters spell themselves; other characters are skipped.
    static func pinyinSpellings(_ chars: [Character]) -> [Spelling] {
        var spellings = [Spelling(full: "", initials: "")]
        for (i, c) in chars.enumerated() {
            let options = PinyinTable.readings(of: c)
            if options.isEmpty {
                guard c.isASCII, c.isLetter else { continue }
                // Latin letters spell themselves; a run of them is one word with one initial.
                let startsWord = i == 0 || !(chars[i - 1].isASCII && chars[i - 1].isLetter)
                spellings = spellings.map {
                    Spelling(full: $0.full + String(c), initials: $0.initials + (startsWord ? String(c) : ""))
                }
                continue
            }
            let used = i == 0 ? Array(options.prefix(surnameReadings)) : [options[0]]
            spellings = spellings.flatMap { s in
                used.map { Spelling(full: s.full + $0, initials: s.initials + String($0.prefix(1))) }
            }
        }
        return spellings.filter { !$0.full.isEmpty }
    }

    static func insert(_ db: any SQLSession, applicantID: Int64, keys: Set<String>) throws {
        for key in keys {
            try db.execute(sql: "INSERT INTO person_search(key, applicant_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           arguments: [key, applicantID])
        }
    }

    static func remove(_ db: any SQLSession, applicantID: Int64) throws {
        try db.execute(sql: "DELETE FROM person_search WHERE applicant_id = ?", arguments: [applicantID])
    }

    /// Recomputes every applicant's keys (migration from v1; after a pinyin table update).
    static func rebuild(_ db: any SQLSession) throws {
        try db.execute(sql: "DELETE FROM person_search")
        // Read first, then write: PostgreSQL cannot write on a connection mid-read.
        var people: [(Int64, Set<String>)] = []
        try SQLRow.forEach(db, sql: "SELECT id, name, id_number, phone FROM applicant") { row in
            people.append((row["id"], keys(name: row["name"], idNumber: row["id_number"], phone: row["phone"])))
        }
        for (id, keys) in people { try insert(db, applicantID: id, keys: keys) }
    }
}

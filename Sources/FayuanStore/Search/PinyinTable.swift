/// Hanzi → toneless pinyin, generated from Unicode's Unihan data (PinyinTable.generated.swift,
/// made by scripts/gen-pinyin.py). Compiled into the binary; parsed once on first use.
public enum PinyinTable {
    /// Readings per code point, most common first (heteronyms after, at most 4).
    static let table: [UInt32: [String]] = {
        var table: [UInt32: [String]] = [:]
        table.reserveCapacity(42_000)
        for entry in packed.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let scalar = entry.unicodeScalars.first else { continue }
            let rest = entry.unicodeScalars.dropFirst()
            table[scalar.value] = String(String.UnicodeScalarView(rest)).split(separator: ",").map(String.init)
        }
        return table
    }()

    /// Toneless readings of one character, most common first; empty when it is not a Hanzi
    /// known to Unihan.
    public static func readings(of character: Character) -> [String] {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return [] }
        return table[scalar.value] ?? []
    }

    /// Whether the character is a Hanzi with a reading.
    public static func isHanzi(_ character: Character) -> Bool {
        !readings(of: character).isEmpty
    }
}

/// An identity-document number read and checked: mainland resident ID (GB 11643-1999, and the
/// legacy 15-digit GB 11643-1989 form), Hong Kong / Macao / Taiwan residence permits, and the
/// foreigner's permanent-residence ID in its 18-digit (GA 2102-2023) and old 15-character forms.
public struct IDNumber: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case resident
        case resident15
        case hongKongPermit = "hk_permit"
        case macaoPermit = "macao_permit"
        case taiwanPermit = "taiwan_permit"
        case foreignPermanentResident = "foreign_pr"
        case foreignPermanentResidentOld = "foreign_pr_old"

        public var label: String {
            switch self {
            case .resident: return "居民身份证"
            case .resident15: return "居民身份证（15位旧号码）"
            case .hongKongPermit: return "港澳居民居住证（香港）"
            case .macaoPermit: return "港澳居民居住证（澳门）"
            case .taiwanPermit: return "台湾居民居住证"
            case .foreignPermanentResident: return "外国人永久居留身份证"
            case .foreignPermanentResidentOld: return "外国人永久居留身份证（15位旧版）"
            }
        }
    }

    public let kind: Kind
    /// The stored form: upper-case; 18 characters, except the old foreigner card (15).
    public let normalized: String
    public let birthDate: LocalDate
    public let gender: Gender
    /// Two-digit province code of the issuing place (for permits: 81, 82, 83).
    public let provinceCode: String

    /// Province codes of GB/T 2260 (plus 71 Taiwan and the permit codes 81/82/83). Only the
    /// prefix is validated: county codes are retired over time, and old numbers keep them.
    public static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
        "65", "71", "81", "82", "83",
    ]

    /// ISO 7064 MOD 11-2 weights 2^(17−i) mod 11.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The GB 11643 check character for 17 digits.
    public static func checkCharacter(for first17: some Collection<Character>) -> Character {
        var sum = 0
        for (character, weight) in zip(first17, weights) {
            sum += (character.wholeNumberValue ?? 0) * weight
        }
        return checkCharacters[sum % 11]
    }

    /// The number with its middle hidden, for lists and printouts: 3207**********123X.
    public var masked: String { PrivacyPolicy.maskIDNumber(normalized) }

    /// Reads and checks a number. Spaces around it are ignored; a lower-case x is accepted.
    public static func parse(_ input: String) -> Result<IDNumber, IDNumberError> {
        let text = input.trimmingSpaces().uppercased()
        let characters = Array(text)
        func failure(_ reason: String, _ kind: Kind? = nil) -> Result<IDNumber, IDNumberError> {
            .failure(IDNumberError(input: input, kind: kind, reason: reason))
        }
        if characters.isEmpty { return failure("号码为空") }
        if characters.count == 15, characters.prefix(3).allSatisfy(\.isASCIIUppercaseLetter) {
            return parseForeignOld(characters, input: input)
        }
        if characters.count == 15 {
            guard characters.allSatisfy(\.isASCIIDigit) else {
                return failure("15位旧号码只能由数字组成")
            }
            let first17 = Array(characters.prefix(6)) + ["1", "9"] + Array(characters.dropFirst(6))
            let converted = first17 + [checkCharacter(for: first17)]
            return parse18(converted, kind: .resident15, input: input)
        }
        guard characters.count == 18 else {
            return failure("长度应为18位（旧号码15位），实际为\(characters.count)位")
        }
        guard characters.prefix(17).allSatisfy(\.isASCIIDigit),
              characters[17].isASCIIDigit || characters[17] == "X" else {
            return failure("前17位应为数字，最后一位应为数字或X")
        }
        let kind: Kind
        switch String(characters.prefix(2)) {
        case "81": kind = .hongKongPermit
        case "82": kind = .macaoPermit
        case "83": kind = .taiwanPermit
        case let prefix where prefix.hasPrefix("9"): kind = .foreignPermanentResident
        default: kind = .resident
        }
        return parse18(characters, kind: kind, input: input)
    }

    private static func parse18(_ characters: [Character], kind: Kind,
                                input: String) -> Result<IDNumber, IDNumberError> {
        func failure(_ reason: String) -> Result<IDNumber, IDNumberError> {
            .failure(IDNumberError(input: input, kind: kind, reason: reason))
        }
        let province = kind == .foreignPermanentResident
            ? String(characters[1...2]) : String(characters.prefix(2))
        guard provinceCodes.contains(province) else {
            return failure("省级行政区代码“\(province)”不存在")
        }
        let birthText = String(characters[6...13])
        guard let birth = date(fromDigits: birthText) else {
            return failure("出生日期“\(birthText)”不是有效日期")
        }
        if kind != .resident15 {
            let expected = checkCharacter(for: characters.prefix(17))
            guard expected == characters[17] else {
                return failure("校验码错误：按前17位应为“\(expected)”，实际为“\(characters[17])”")
            }
        }
        let sequenceDigit = characters[16].wholeNumberValue ?? 0
        return .success(IDNumber(kind: kind, normalized: String(characters), birthDate: birth,
                                 gender: sequenceDigit % 2 == 1 ? .male : .female,
                                 provinceCode: province))
    }

    /// Old foreigner card: 3-letter nationality, 4-digit issuing region, YYMMDD, one sequence
    /// digit (odd = male), one ICAO 9303 check digit over the first 14 characters.
    private static func parseForeignOld(_ characters: [Character],
                                        input: String) -> Result<IDNumber, IDNumberError> {
        let kind = Kind.foreignPermanentResidentOld
        func failure(_ reason: String) -> Result<IDNumber, IDNumberError> {
            .failure(IDNumberError(input: input, kind: kind, reason: reason))
        }
        guard characters.dropFirst(3).allSatisfy(\.isASCIIDigit) else {
            return failure("旧版外国人永久居留证号应为3个字母加12位数字")
        }
        let province = String(characters[3...4])
        guard provinceCodes.contains(province) else {
            return failure("受理地区代码“\(String(characters[3...6]))”的省级代码不存在")
        }
        let yymmdd = String(characters[7...12])
        // The card was issued 2004–2023; a two-digit year above 23 is read as 19xx.
        let twoDigitYear = Int(yymmdd.prefix(2)) ?? 0
        let century = twoDigitYear <= 23 ? "20" : "19"
        guard let birth = date(fromDigits: century + yymmdd) else {
            return failure("出生日期“\(yymmdd)”不是有效日期")
        }
        let expected = icaoCheckDigit(characters.prefix(14))
        guard characters[14].wholeNumberValue == expected else {
            return failure("校验码错误：按前14位应为“\(expected)”，实际为“\(characters[14])”")
        }
        let sequenceDigit = characters[13].wholeNumberValue ?? 0
        return .success(IDNumber(kind: kind, normalized: String(characters), birthDate: birth,
                                 gender: sequenceDigit % 2 == 1 ? .male : .female,
                                 provinceCode: province))
    }

    /// ICAO 9303 check digit: weights 7-3-1, letters A=10 … Z=35.
    static func icaoCheckDigit(_ characters: some Collection<Character>) -> Int {
        let cycle = [7, 3, 1]
        var sum = 0
        for (index, character) in characters.enumerated() {
            let value: Int
            if let digit = character.wholeNumberValue {
                value = digit
            } else if let ascii = character.asciiValue, character.isASCIIUppercaseLetter {
                value = Int(ascii) - 65 + 10
            } else {
                value = 0
            }
            sum += value * cycle[index % 3]
        }
        return sum % 10
    }

    private static func date(fromDigits text: String) -> LocalDate? {
        let digits = Array(text.utf8)
        guard digits.count == 8, let y = LocalDate.number(digits[0..<4]),
              let m = LocalDate.number(digits[4..<6]),
              let d = LocalDate.number(digits[6..<8]), y >= 1800 else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}

/// Why a number was refused; `reason` is Chinese and names what is wrong.
public struct IDNumberError: Error, Hashable, Sendable {
    public let input: String
    /// The kind the number looked like, when it got that far.
    public let kind: IDNumber.Kind?
    public let reason: String
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIUppercaseLetter: Bool { isASCII && isUppercase }
}

extension String {
    /// Drops ASCII and ideographic spaces at both ends (no Foundation).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0.isNewline }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

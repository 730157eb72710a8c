import Testing
import FayuanCore

@Suite("IDNumber 身份证件号码") struct IDNumberTests {
    func valid(_ text: String) throws -> IDNumber {
        switch IDNumber.parse(text) {
        case .success(let id): return id
        case .failure(let error): Issue.record("应有效：\(text)，原因：\(error.reason)"); throw error
        }
    }

    func reason(_ text: String) -> String? {
        if case .failure(let error) = IDNumber.parse(text) { return error.reason }
        return nil
    }

    @Test("国标自检号码有效", arguments: ["11010519491231002X", "440308199901101512",
                                      "34052419800101001X"])
    func referenceVectors(text: String) throws {
        let id = try valid(text)
        #expect(id.kind == .resident)
        #expect(id.normalized == text)
    }

    @Test("读出出生日期、性别、省份") func readsFields() throws {
        let id = try valid("11010519491231002X")
        #expect(id.birthDate.iso == "1949-12-31")
        #expect(id.gender == .female)
        #expect(id.provinceCode == "11")
        let man = try valid("440308199901101512")
        #expect(man.gender == .male)
        #expect(man.provinceCode == "44")
    }

    @Test("小写 x 接受并存为大写") func lowerCaseX() throws {
        let id = try valid("11010519491231002x")
        #expect(id.normalized == "11010519491231002X")
    }

    @Test("校验码错误说明应为何值") func wrongCheckDigit() {
        let text = reason("110105194912310021")
        #expect(text?.contains("校验码错误") == true)
        #expect(text?.contains("X") == true)
    }

    @Test("不存在的出生日期无效并说明原因") func impossibleDate() {
        // 17 digits with 1990-02-30; check digit computed so only the date is wrong.
        let first17 = Array("32070719900230123")
        let number = String(first17) + String(IDNumber.checkCharacter(for: first17))
        #expect(reason(number)?.contains("19900230") == true)
        #expect(reason(number)?.contains("不是有效日期") == true)
    }

    @Test("长度、字符、省份错误", arguments: [
        ("1101051949123100", "长度"), ("11010519491231002Y", "前17位"), ("99010519491231002X", "省级"),
    ])
    func structuralErrors(text: String, expected: String) {
        #expect(reason(text)?.contains(expected) == true, "号码 \(text)")
    }

    @Test("15位旧号码转换为18位") func legacy15() throws {
        let id = try valid("610104620927690")
        #expect(id.kind == .resident15)
        #expect(id.normalized == "610104196209276908")
        #expect(id.birthDate.iso == "1962-09-27")
        #expect(id.gender == .female)
        #expect(reason("610104620230690")?.contains("不是有效日期") == true)
    }

    @Test("港澳台居民居住证") func permits() throws {
        let hk = try valid("810000199408230021")
        #expect(hk.kind == .hongKongPermit)
        #expect(hk.provinceCode == "81")
        #expect(hk.birthDate.iso == "1994-08-23")
        let tw = try valid("830000199201300022")
        #expect(tw.kind == .taiwanPermit)
        #expect(tw.gender == .female)
        let macaoFirst17 = Array("82000019850615001")
        let macao = try valid(String(macaoFirst17) + String(IDNumber.checkCharacter(for: macaoFirst17)))
        #expect(macao.kind == .macaoPermit)
        #expect(macao.gender == .male)
    }

    @Test("外国人永久居留身份证（新版18位）") func foreignNew() throws {
        let usa = try valid("911840198506150011")
        #expect(usa.kind == .foreignPermanentResident)
        #expect(usa.provinceCode == "11")
        #expect(usa.birthDate.iso == "1985-06-15")
        #expect(usa.gender == .male)
        let uk = try valid("931826199001010022")
        #expect(uk.provinceCode == "31")
        #expect(uk.gender == .female)
        #expect(reason("931826199001010023")?.contains("校验码") == true)
    }

    @Test("外国人永久居留身份证（旧版15位）") func foreignOld() throws {
        // USA, Beijing 1100, born 1985-06-15, sequence 1; check digit per ICAO 9303.
        let body = Array("USA1100850615" + "1")
        var sum = 0
        let letters: [Character: Int] = ["U": 30, "S": 28, "A": 10]
        for (index, character) in body.enumerated() {
            sum += (character.wholeNumberValue ?? letters[character]!) * [7, 3, 1][index % 3]
        }
        let number = String(body) + String(sum % 10)
        let id = try valid(number.lowercased())
        #expect(id.kind == .foreignPermanentResidentOld)
        #expect(id.normalized == number)
        #expect(id.birthDate.iso == "1985-06-15")
        #expect(id.gender == .male)
        #expect(id.provinceCode == "11")
        let wrong = String(body) + String((sum + 1) % 10)
        #expect(reason(wrong)?.contains("校验码") == true)
    }

    @Test("脱敏显示") func masked() throws {
        #expect(try valid("11010519491231002X").masked == "1101**********002X")
    }
}

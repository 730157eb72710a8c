import Testing
@testable import TerminalKit

/// Issue 18: Chinese typesetting in wrapped text, and key codes the terminal does not describe.
@Suite struct ClerkTypesettingTests {
    static let opening: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》"]

    @Test func noLineStartsWithClosingPunctuation() {
        let text = "申请人王秀英，女，汉族。请于十五日内补交材料（身份证、收入证明）。逾期未补交的，视为撤回申请。"
        for width in 6...40 {
            let lines = text.wrapped(toWidth: width)
            for line in lines.dropFirst() {
                #expect(!Self.opening.contains(line.first ?? " "), "宽 \(width)：\(lines)")
            }
            for line in lines { #expect(line.displayWidth <= width, "宽 \(width)：\(lines)") }
            #expect(lines.joined() == text, "宽 \(width)：\(lines)")
        }
    }

    @Test func datesAndNumbersAreNotBroken() {
        let text = "受理日期为2026年12月3日，请拨打12348咨询，月收入2300元。"
        for width in 16...40 {
            let lines = text.wrapped(toWidth: width)
            let joined = lines.joined(separator: "|")
            #expect(joined.contains("2026年12月3日"), "宽 \(width)：\(lines)")
            #expect(joined.contains("12348"), "宽 \(width)：\(lines)")
            #expect(joined.contains("2300元"), "宽 \(width)：\(lines)")
            for line in lines.dropFirst() { #expect(!Self.opening.contains(line.first ?? " "), "宽 \(width)：\(lines)") }
        }
        // The case that broke: "12348" at the end of a line followed by "，".
        #expect("请拨打12348，谢谢".wrapped(toWidth: 11) == ["请拨打", "12348，谢谢"])
        #expect("日期为2026年12月3日".wrapped(toWidth: 16) == ["日期为", "2026年12月3日"])
    }

    @Test func unrecognisedEscapeSequencesAreDroppedWhole() {
        func decode(_ bytes: String) -> Key {
            var rest = Array(bytes.unicodeScalars.map(\.value))
            return KeyDecoder.escape {
                guard !rest.isEmpty else { return .none }
                return .character(rest.removeFirst())
            }
        }
        #expect(decode("") == .escape)
        #expect(decode("x") == .alt("x"))
        #expect(decode("[") == .alt("["))
        // ESC [ 1 ~ and ESC [ 1 ; 9 A: unknown to terminfo; nothing of them may become text.
        for sequence in ["[1~", "[25~", "[1;9A", "[200~", "OQ"] {
            let key = decode(sequence)
            if case .unknown = key {} else { Issue.record("\(sequence) → \(key)") }
        }
        // Only the sequence is consumed: what follows is the next key.
        var rest = Array("[1~张".unicodeScalars.map(\.value))
        _ = KeyDecoder.escape { rest.isEmpty ? .none : .character(rest.removeFirst()) }
        #expect(rest.count == 1)
    }
}

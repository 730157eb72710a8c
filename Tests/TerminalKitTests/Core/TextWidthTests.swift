import Testing
@testable import TerminalKit

@Suite struct TextWidthTests {
    @Test func widthsInColumns() {
        #expect("张三丰".displayWidth == 6)
        #expect("A012".displayWidth == 4)
        #expect("法援 Fayuan".displayWidth == 11)
        #expect("（）".displayWidth == 4, "全角括号占两列")
        #expect("é".displayWidth == 1, "e + 组合重音符号是一个字")
        #expect("\u{7}".displayWidth == 0, "控制字符不占列")
    }

    @Test func truncateNeverSplitsAWideGlyph() {
        #expect("张三丰".truncated(toWidth: 5) == "张三")
        #expect("张三丰".truncated(toWidth: 5, ellipsis: true) == "张三…")
        #expect("张三丰".truncated(toWidth: 6) == "张三丰")
        #expect("ab张".truncated(toWidth: 3) == "ab")
        #expect("任意".truncated(toWidth: 0) == "")
    }

    @Test func padAlignsByColumns() {
        #expect("张三".padded(toWidth: 6) == "张三  ")
        #expect("张三".padded(toWidth: 6, alignment: .right) == "  张三")
        #expect("张三".padded(toWidth: 7, alignment: .center) == " 张三  ")
        #expect("欧阳娜娜".padded(toWidth: 5) == "欧阳 ", "截断后补足到 5 列")
    }

    @Test func wrapChineseByColumnsAndKeepLatinWordsWhole() {
        #expect("申请人张三丰追索劳动报酬".wrapped(toWidth: 10) == ["申请人张三", "丰追索劳动", "报酬"])
        #expect("请 A012 号到 2 号窗口".wrapped(toWidth: 8) == ["请 A012", "号到 2", "号窗口"])
        #expect("第一行\n第二行".wrapped(toWidth: 20) == ["第一行", "第二行"])
    }

    @Test func closingPunctuationDoesNotStartALine() {
        // "，" would start the second line; the character before it moves down with it.
        let lines = "追索劳动报酬，属于援助事项".wrapped(toWidth: 12)
        #expect(lines == ["追索劳动报", "酬，属于援助", "事项"])
        #expect(lines.allSatisfy { $0.displayWidth <= 12 })
    }
}

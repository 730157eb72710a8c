import Testing
@testable import TerminalKit

@Suite struct LayoutTests {
    @Test func fixedFillAndPercentage() {
        let rows = Layout.split(Rect(x: 0, y: 0, width: 80, height: 24), .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 21, 1, 1])
        #expect(rows.map(\.y) == [0, 1, 22, 23])
        let cols = Layout.split(Rect(x: 2, y: 0, width: 100, height: 1), .horizontal, [.percentage(30), .fill(1), .min(10)], spacing: 2)
        #expect(cols.map(\.width) == [28, 34, 34], "百分比先分，其余两份平分")
        #expect(cols[1].x == 2 + 28 + 2)
    }

    @Test func runsOutOfSpaceWithoutNegativeSizes() {
        let parts = Layout.split(Rect(x: 0, y: 0, width: 10, height: 1), .horizontal, [.fixed(8), .fixed(8), .fill(1)])
        #expect(parts.map(\.width) == [8, 2, 0])
    }
}

@Suite struct KeyTests {
    @Test func namesRoundTrip() {
        for name in ["F1", "F12", "Ctrl-S", "Alt-x", "Esc", "Enter", "Tab", "Shift-Tab", "Up", "PgDn", "Backspace", "Space", "q", "张"] {
            let key = Key(name: name)
            #expect(key != nil, "按键名 \(name) 应能识别")
            #expect(Key(name: key?.description ?? "") == key)
        }
        #expect(Key(name: "F99") == nil)
        #expect(Key(name: "Ctrl-1") == nil)
        #expect(Key(name: "ctrl-s") == .ctrl("s"))
    }

    @Test func keyScriptMixesTextAndNamedKeys() {
        let keys = KeyScript.parse("张三<Tab>1<F2><<>")
        #expect(keys == [.character("张"), .character("三"), .tab, .character("1"), .function(2), .character("<")])
    }
}

@Suite struct LayoutMinimumTests {
    @Test func minimumIsKeptWhenTheShareIsSmaller() {
        let parts = Layout.split(Rect(x: 0, y: 0, width: 30, height: 1), .horizontal, [.fill(3), .min(12)])
        #expect(parts.map(\.width) == [18, 12], "平分只得 7 列，最少 12 列优先")
    }
}

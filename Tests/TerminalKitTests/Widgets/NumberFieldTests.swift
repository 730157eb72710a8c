import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct NumberFieldTests {
    @Test func acceptsDigitsOnlyAndReportsTheRangeInChinese() {
        var age = NumberField(range: 0...99)
        age.type("1a2０")
        #expect(age.text == "120")
        #expect(age.value == 120)
        #expect(age.validationMessage == "请输入 0 到 99 之间的数字")
        age.perform(StandardAction.backspace)
        #expect(age.value == 12)
        #expect(age.validationMessage == nil)
    }

    @Test func minusOnlyWhenAllowedAndOnlyInFront() {
        var plain = NumberField()
        plain.type("-5")
        #expect(plain.text == "5")

        var signed = NumberField(range: -10...10, allowsNegative: true)
        signed.type("-5-")
        #expect(signed.text == "-5")
        #expect(signed.value == -5)
        signed.perform(StandardAction.backspace)
        #expect(signed.value == nil)
        #expect(signed.validationMessage == "请输入数字", "a lone minus is not a number")
    }

    @Test func decimalsAreHeldAsScaledIntegers() {
        var amount = NumberField(range: 0...100_000, decimals: 2)
        amount.type("12.5")
        #expect(amount.value == 1250)
        amount.type("67")
        #expect(amount.text == "12.56", "no third decimal, no second point")
        amount.type(".")
        #expect(amount.text == "12.56")
        #expect(amount.value == 1256)
        #expect(NumberField(value: 1250, decimals: 2).text == "12.50")
        #expect(NumberField(value: -5, decimals: 2, allowsNegative: true).text == "-0.05")
        var big = NumberField(range: 0...10_000, decimals: 2)
        big.type("100.01")
        #expect(big.validationMessage == "请输入 0.00 到 100.00 之间的数字")
    }

    @Test func integerFieldRefusesAPoint() {
        var count = NumberField()
        count.type("3.5")
        #expect(count.text == "35")
    }

    @Test func rendersLikeATextFieldWithTheCursorAfterTheDigits() {
        var field = NumberField(value: 42)
        var grid = GridCanvas(width: 10, height: 1)
        field.render(in: Rect(x: 2, y: 0, width: 6, height: 1), on: &grid, theme: testTheme, focused: true)
        #expect(screenMismatch(grid, "  42") == nil)
        #expect(grid.cursor == Point(x: 4, y: 0))
        #expect(!field.isDirty)
        field.type("0")
        #expect(field.isDirty)
    }
}

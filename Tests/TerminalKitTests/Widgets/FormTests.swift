import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct FormTests {
    static let documents = [
        SelectOption(id: "idcard", label: "身份证明"),
        SelectOption(id: "hardship", label: "经济困难证明"),
    ]

    static func applicationForm() -> Form {
        Form(fields: [
            FormField(id: "name", label: "姓名", widget: .text(TextField(maxLength: 20)), isRequired: true, width: 12),
            FormField(id: "idNumber", label: "身份证号", widget: .text(TextField(maxLength: 18, filter: .idNumber)),
                      isRequired: true, width: 20, validator: { $0.count == 18 ? nil : "身份证号应为 18 位" }),
            FormField(id: "age", label: "年龄", widget: .number(NumberField(range: 0...150)), width: 5),
            FormField(id: "applied", label: "申请日期", widget: .date(DateField()), width: 12),
            FormField(id: "matter", label: "事项", widget: .select(SelectList(options: SelectListTests.matters)), isRequired: true, width: 14),
            FormField(id: "documents", label: "材料", widget: .checkbox(CheckboxGroup(options: documents))),
            FormField(id: "summary", label: "案情", widget: .note(NoteField()), rows: 2),
        ])
    }

    @Test func zhangSanfengAtFortyColumns() {
        var form = Self.applicationForm()
        form.type("张三丰")
        form.perform(StandardAction.nextField)
        form.perform(StandardAction.nextField)  // leaves 身份证号 empty
        var grid = GridCanvas(width: 40, height: 10)
        form.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(screenMismatch(grid, """
                *姓名： 张三丰
            *身份证号：                       ✗ 必填
                 年龄：
             申请日期： 年-月-日
                *事项： （请选择） ▾
                 材料：  [ ] 身份证明
                         [ ] 经济困难证明
                 案情：
            """) == nil)
        #expect(grid.cursor == Point(x: 12, y: 2), "the cursor waits in 年龄")
        #expect(grid.find("✗ 必填") == Point(x: 34, y: 1))
        #expect(grid[34, 1].style == testTheme[.error])
    }

    @Test func labelsAreRightAlignedByDisplayWidth() {
        var form = Self.applicationForm()
        var grid = GridCanvas(width: 40, height: 10)
        form.render(in: grid.bounds, on: &grid, theme: testTheme)
        // Every label's "：" ends in the same column however many Hanzi it has.
        for label in ["*姓名：", "*身份证号：", "年龄：", "申请日期：", "*事项：", "材料：", "案情："] {
            let at = grid.find(label)
            #expect(at.map { $0.x + label.displayWidth } == 11, "\(label)")
        }
    }

    @Test func focusWrapsBothWays() {
        var form = Self.applicationForm()
        form.perform(StandardAction.previousField)
        #expect(form.focusedField?.id == "summary")
        form.perform(StandardAction.nextField)
        #expect(form.focusedField?.id == "name")
        form.perform(StandardAction.confirm)
        #expect(form.focusedField?.id == "idNumber", "Enter moves on in a one-line field")
    }

    @Test func enterInANoteIsANewlineUnlessTheFormSaysOtherwise() {
        var form = Self.applicationForm()
        form.focus(id: "summary")
        form.type("欠薪三个月")
        form.perform(StandardAction.confirm)
        #expect(form.focusedField?.id == "summary")
        #expect(form.values["summary"] == "欠薪三个月\n")
        form.perform(StandardAction.nextField)
        #expect(form.focusedField?.id == "name")

        var short = Form(fields: [
            FormField(id: "remark", label: "备注", widget: .note(NoteField(enterInsertsNewline: false))),
            FormField(id: "name", label: "姓名", widget: .text(TextField())),
        ])
        short.perform(StandardAction.confirm)
        #expect(short.focusedField?.id == "name")
    }

    @Test func validatorsRunOnLeavingAndClearOnceFixed() {
        var form = Self.applicationForm()
        form.focus(id: "idNumber")
        form.type("11010519")
        form.perform(StandardAction.nextField)
        #expect(form.errors == ["idNumber": "身份证号应为 18 位"])
        form.perform(StandardAction.previousField)
        form.type("491231002")
        #expect(form.errors["idNumber"] == "身份证号应为 18 位", "still short")
        form.type("x")
        #expect(form.errors["idNumber"] == nil, "fixed while typing: the message goes at once")

        form.focus(id: "age")
        form.type("200")
        form.perform(StandardAction.nextField)
        #expect(form.errors["age"] == "请输入 0 到 150 之间的数字")

        form.type("20260230")
        form.perform(StandardAction.nextField)
        #expect(form.errors["applied"] == "不存在的日期：2026-02-30")
    }

    @Test func aScreenCanReportAnErrorTheFormCannotSee() {
        var form = Self.applicationForm()
        form.focus(id: "idNumber")
        form.type("11010519491231002X")
        form.setError("该身份证号已登记", for: "idNumber")
        var grid = GridCanvas(width: 40, height: 3)
        form.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(grid.lines[2] == "            ✗ 该身份证号已登记")
        form.perform(StandardAction.nextField)
        #expect(form.errors["idNumber"] == nil, "validated again on leaving")
    }

    @Test func validateAllMarksRequiredFieldsAndFocusesTheFirst() {
        var form = Self.applicationForm()
        form.focus(id: "summary")
        let allValid = form.validateAll()
        #expect(!allValid)
        #expect(form.errors == ["name": "必填", "idNumber": "必填", "matter": "必填"])
        #expect(form.focusedField?.id == "name")
        form.type("张三丰")
        let validAfterName = form.validateAll()
        #expect(!validAfterName)
        #expect(form.focusedField?.id == "idNumber")
    }

    @Test func errorGoesBelowWhenThereIsNoRoomBeside() {
        var form = Self.applicationForm()
        form.validateAll()
        var grid = GridCanvas(width: 30, height: 14)
        form.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(grid.find("✗ 必填") == Point(x: 12, y: 1), "姓名 has room beside its 12 cells? no: 12+2+6 > 18")
        #expect(grid.lines[0] == "    *姓名：")
        #expect(grid.lines[2] == "*身份证号：")
        #expect(grid.lines[3] == "            ✗ 必填")
    }

    @Test func dirtyTrackingAgainstTheStartingValues() {
        var form = Self.applicationForm()
        #expect(!form.isDirty)
        form.type("张")
        #expect(form.dirtyFieldIDs == ["name"])
        form.perform(StandardAction.backspace)
        #expect(!form.isDirty)
        form.focus(id: "documents")
        form.type(" ")
        #expect(form.dirtyFieldIDs == ["documents"])
        form.markClean()
        #expect(!form.isDirty)
    }

    @Test func valuesRoundTripThroughADraft() {
        var form = Self.applicationForm()
        form.type("张三丰")
        form.focus(id: "idNumber")
        form.type("11010519491231002X")
        form.focus(id: "matter")
        form.type("ldbc")
        form.focus(id: "documents")
        form.type(" ")
        form.perform(StandardAction.down)
        form.type(" ")
        form.focus(id: "summary")
        form.type("欠薪三个月")
        let draft = form.values
        #expect(draft == [
            "name": "张三丰", "idNumber": "11010519491231002X", "age": "", "applied": "",
            "matter": "wage", "documents": "idcard,hardship", "summary": "欠薪三个月",
        ])

        var restored = Self.applicationForm()
        restored.restore(values: draft.merging(["unknown": "忽略"]) { a, _ in a })
        #expect(restored.values == draft)
        #expect(restored.isDirty, "a restored draft is unsaved work")
        var a = GridCanvas(width: 40, height: 10)
        var b = GridCanvas(width: 40, height: 10)
        form.focus(id: "name")
        form.render(in: a.bounds, on: &a, theme: testTheme)
        restored.render(in: b.bounds, on: &b, theme: testTheme)
        #expect(a.lines == b.lines)
        #expect(b.contains("劳动报酬 ▾"))
        #expect(b.contains("[✓] 经济困难证明"))
    }

    @Test func scrollsToTheFocusedField() {
        var form = Self.applicationForm()
        form.focus(id: "summary")
        var grid = GridCanvas(width: 40, height: 4)
        form.render(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(grid.lines[2] == "     案情：")
        #expect(grid.cursor == Point(x: 12, y: 2))
        #expect(!grid.contains("姓名"))
    }

    @Test func largeModeShowsOneFieldWithItsLabelAbove() {
        var form = Self.applicationForm()
        form.validateAll()
        form.type("张三丰")
        form.perform(StandardAction.nextField)
        var grid = GridCanvas(width: 30, height: 8)
        form.renderLarge(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(screenMismatch(grid, """
            第 2 项，共 7 项

            *身份证号：


            ✗ 必填
            """) == nil)
        #expect(grid.cursor == Point(x: 0, y: 3))

        form.focus(id: "matter")
        grid = GridCanvas(width: 30, height: 8)
        form.renderLarge(in: grid.bounds, on: &grid, theme: testTheme)
        #expect(grid.lines[3] == "  劳动报酬", "the list is expanded in large mode")
        #expect(grid.lines[5].contains("↓ 还有"), "the list shrinks to leave room for the error")
        #expect(grid.lines[7] == "✗ 必填")
    }
}

import Testing
import TerminalKit
import TerminalKitTesting

@Suite struct ConfirmDialogTests {
    static let question = "确定放弃未保存的修改吗？"

    @Test func rendersACentredBoxWithMarkedChoice() {
        let dialog = ConfirmDialog(question: Self.question)
        var grid = GridCanvas(width: 30, height: 7)
        dialog.render(in: grid.bounds, on: &grid, theme: Theme.monochrome)
        #expect(screenMismatch(grid, """
             ┌─ 请确认 ─────────────────┐
             │ 确定放弃未保存的修改吗？ │
             │                          │
             │                          │
             │     [是(Y)]  ▶[否(N)]    │
             └──────────────────────────┘
            """) == nil)
        #expect(grid.cursor == Point(x: 17, y: 4))
    }

    @Test func typedShortcutsAnswerAtOnce() {
        var yes = ConfirmDialog(question: Self.question)
        yes.type("y")
        #expect(yes.result == .yes)
        var no = ConfirmDialog(question: Self.question, defaultChoice: .yes)
        no.type("N")
        #expect(no.result == .no)
        var other = ConfirmDialog(question: Self.question)
        other.type("q")
        #expect(other.result == nil)
    }

    @Test func arrowsChooseEnterConfirmsEscCancels() {
        var dialog = ConfirmDialog(question: Self.question)
        dialog.perform(StandardAction.confirm)
        #expect(dialog.result == .no, "the safe answer is the default")
        var left = ConfirmDialog(question: Self.question)
        left.perform(StandardAction.left)
        #expect(left.choice == .yes)
        left.perform(StandardAction.confirm)
        #expect(left.result == .yes)
        var esc = ConfirmDialog(question: Self.question)
        esc.perform(StandardAction.back)
        #expect(esc.result == .cancelled)
    }
}

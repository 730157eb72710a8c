/// A yes/no question in a centred box: "[是(Y)]  [否(N)]". Left/right choose, Enter confirms the
/// chosen button, Y/N answer directly, Esc (nav.back) cancels. The chosen button carries "▶" as
/// well as the selection colour.
public struct ConfirmDialog: Hashable, Sendable {
    public enum Choice: Hashable, Sendable { case yes, no }
    public enum Result: Hashable, Sendable { case yes, no, cancelled }

    public var title: String
    public var question: String
    public var yesLabel: String
    public var noLabel: String
    public private(set) var choice: Choice
    /// Set once the dialog is answered; the caller then closes it.
    public private(set) var result: Result?

    public init(question: String, title: String = "请确认", yesLabel: String = "是", noLabel: String = "否", defaultChoice: Choice = .no) {
        self.title = title; self.question = question
        self.yesLabel = yesLabel; self.noLabel = noLabel
        choice = defaultChoice
    }

    public var yesButton: String { "[\(yesLabel)(Y)]" }
    public var noButton: String { "[\(noLabel)(N)]" }

    public mutating func handle(_ input: Input) -> Bool {
        switch input {
        case .text(let c):
            switch c {
            case "y", "Y", "ｙ", "Ｙ", "是": result = .yes; choice = .yes
            case "n", "N", "ｎ", "Ｎ", "否": result = .no; choice = .no
            default: return false
            }
            return true
        case .action(let id):
            switch id {
            case StandardAction.left, StandardAction.previousField: choice = .yes
            case StandardAction.right, StandardAction.nextField: choice = .no
            case StandardAction.confirm: result = choice == .yes ? .yes : .no
            case StandardAction.back: result = .cancelled
            default: return false
            }
            return true
        }
    }

    /// The box's rectangle when centred in `area`.
    public func frame(in area: Rect) -> Rect {
        let buttons = buttonsWidth
        let inner = min(max(question.displayWidth, buttons, title.displayWidth + 4), max(1, area.width - 6))
        let lines = question.wrapped(toWidth: inner).count
        return area.centered(width: inner + 4, height: lines + 5)
    }

    private var buttonsWidth: Int { yesButton.displayWidth + noButton.displayWidth + 4 }

    public func render(in area: Rect, on canvas: inout some Canvas, theme: Theme, focused: Bool = true) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        let style = theme[.dialog]
        canvas.fill(box, with: " ", style: style)
        canvas.drawBox(box, style: style, title: title)
        let inner = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        let lines = question.wrapped(toWidth: inner.width)
        for (r, line) in lines.enumerated() where r < inner.height - 2 {
            canvas.drawLine(line, in: inner.row(r), style: style, alignment: .center)
        }
        let buttonRow = inner.row(inner.height - 1)
        let yes = (choice == .yes ? "▶" : " ") + yesButton
        let no = (choice == .no ? "▶" : " ") + noButton
        let total = yes.displayWidth + 2 + no.displayWidth
        let x = buttonRow.x + max(0, (buttonRow.width - total) / 2)
        let chosen = theme[focused ? .selection : .selectionUnfocused]
        let yesEnd = x + canvas.draw(yes, at: Point(x: x, y: buttonRow.y), style: choice == .yes ? chosen : style, clip: buttonRow)
        let noX = yesEnd + 2
        canvas.draw(no, at: Point(x: noX, y: buttonRow.y), style: choice == .no ? chosen : style, clip: buttonRow)
        if focused { canvas.cursor = Point(x: (choice == .yes ? x : noX) + 1, y: buttonRow.y) }
    }
}

import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// 接口令牌: an operator's tokens for integrations that call the command line (the hotline
/// platform, the provincial system). Type a label and press Enter to make one — the token is
/// shown in full this once and never again (only its SHA-256 is stored); pick a token in the
/// list and press Enter to revoke it. Administrators see everyone's tokens. All of it is audited
/// by the store.
public struct TokensScreen: Screen {
    struct Loaded: Sendable { let tokens: [OperatorToken] }
    struct Made: Sendable { let token: OperatorToken; let secret: String }
    struct Revoke: Sendable { let id: Int64 }
    struct Revoked: Sendable { let id: Int64 }

    let session: Session
    private var label = TextField(placeholder: "用途，例如 热线平台", maxLength: 40)
    private var table: Table
    private var tokens: [OperatorToken] = []
    /// The token just made, shown until the screen is left or another is made.
    private var shown: (label: String, secret: String)?
    private var focus = 0
    private var problem: String?

    public init(session: Session) {
        self.session = session
        table = Table(columns: [
            TableColumn("编号", width: .fixed(5), alignment: .right),
            TableColumn("操作员", width: .fixed(10)),
            TableColumn("用途", width: .fill(1)),
            TableColumn("新建（UTC）", width: .fixed(16)),
            TableColumn("最近使用", width: .fixed(16)),
            TableColumn("状态", width: .fixed(9)),
        ])
    }

    public var keymapSection: String { "tokens" }
    public var title: String { "接口令牌" }
    public var acceptsText: Bool { focus == 0 }
    public var capturesBack: Bool { false }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resumed:
            return reload()
        case .result(let loaded as Loaded):
            tokens = loaded.tokens
            table.setRows(tokens.map(Self.row))
            return []
        case .result(let made as Made):
            shown = (made.token.label, made.secret)
            label = TextField(placeholder: "用途，例如 热线平台", maxLength: 40)
            problem = nil
            return [.status("已新建接口令牌 #\(made.token.id)：令牌只显示这一次，请立即抄存", .success)] + reload()
        case .result(let revoke as Revoke):
            let viewer = session.operatorRecord
            return [.perform { env in
                try env.store.revokeToken(revoke.id, by: viewer)
                return Revoked(id: revoke.id)
            }]
        case .result(let revoked as Revoked):
            return [.status("已撤销接口令牌 #\(revoked.id)", .success)] + reload()
        case .input(.action(StandardAction.nextField)), .input(.action(StandardAction.previousField)):
            focus = 1 - focus
        case .input(.action(StandardAction.confirm)):
            return focus == 0 ? create() : askRevoke()
        case .input(let input):
            if focus == 0 { _ = label.handle(input) } else { _ = table.handle(input) }
        default:
            break
        }
        return []
    }

    private func reload() -> [Effect] {
        let viewer = session.operatorRecord
        return [.perform { env in Loaded(tokens: try env.store.tokens(by: viewer)) }]
    }

    private mutating func create() -> [Effect] {
        let text = label.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            problem = "用途：请写明令牌给谁用（例如 热线平台）"
            return []
        }
        problem = nil
        let viewer = session.operatorRecord
        return [.perform { env in
            let (token, secret) = try env.store.createToken(for: viewer.id ?? 0, label: text, by: viewer)
            return Made(token: token, secret: secret)
        }]
    }

    private func askRevoke() -> [Effect] {
        guard let index = table.selectedRow, tokens.indices.contains(index) else { return [] }
        let token = tokens[index]
        guard !token.isRevoked else { return [.status("令牌 #\(token.id) 已撤销", .info)] }
        return [.confirm("撤销 \(token.operatorName) 的接口令牌 #\(token.id)（\(token.label)）？撤销后使用它的程序将无法再登录。",
                         onYes: .result(Revoke(id: token.id)))]
    }

    static func row(_ t: OperatorToken) -> [String] {
        func time(_ iso: String?) -> String { iso.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "—" }
        return [String(t.id), t.operatorName, t.label, time(t.createdAt), time(t.lastUsedAt), t.isRevoked ? "✗ 已撤销" : "✓ 有效"]
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(left: 1, right: 1)
        guard inner.height >= 6 else { return }
        canvas.drawLine("供热线平台等程序调用命令行（FAYUAN_TOKEN 或 --token-file），权限同你本人。",
                        in: inner.row(0), style: theme[.dim])
        let labelRow = inner.row(2)
        let focused = focus == 0
        let w = canvas.draw((focused ? "▶" : " ") + "新令牌用途 ", at: Point(x: labelRow.x, y: labelRow.y), style: theme[focused ? .header : .label])
        var field = label
        field.render(in: Rect(x: labelRow.x + w, y: labelRow.y, width: min(42, labelRow.width - w), height: 1), on: &canvas,
                     theme: theme, focused: focused)
        var row = 3
        if let problem {
            canvas.drawLine(Severity.error.mark + " " + problem, in: inner.row(row), style: theme[Severity.error.role])
        } else if let shown {
            // The token on a row of its own, so it is never cut off.
            canvas.drawLine("新令牌（\(shown.label)）只显示这一次，请立即抄存：", in: inner.row(row), style: theme[.label])
            row += 1
            canvas.drawLine(shown.secret, in: inner.row(row), style: theme[.header])
        } else {
            canvas.drawLine("Enter 新建；在下方列表选中一行按 Enter 撤销；Tab 换栏", in: inner.row(row), style: theme[.dim])
        }
        row += 1
        var list = table
        list.render(in: Rect(x: inner.x, y: inner.y + row + 1, width: inner.width, height: inner.height - row - 1), on: &canvas,
                    theme: theme, focused: focus == 1)
    }
}

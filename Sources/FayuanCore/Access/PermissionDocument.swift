extension AccessPolicy {
    /// The roles in the order the matrix document lists them.
    public static let documentRoles: [OperatorRole] = [.windowClerk, .dutyLawyer, .reviewer, .centreHead, .admin]

    /// docs/permissions.md: the matrix as a Markdown table, generated here so the document
    /// cannot drift from the code (AccessPolicyTests compares the file with this text).
    public static func markdown() -> String {
        var out = """
        # 权限矩阵（Permission matrix）

        本文件由 `AccessPolicy.markdown()`（Sources/FayuanCore/Access/PermissionDocument.swift）生成，
        测试 `AccessPolicyTests.permissionsDocumentMatchesTheMatrix` 在文件与代码不一致时失败。
        重新生成：`FAYUAN_WRITE_DOCS=1 swift test --filter AccessPolicyTests`。

        权限在核心和案件库方法中检查（不只是隐藏菜单）。✓ 允许，— 不允许。

        职责分离（在案件库中强制）：
        - 案件质量评查不能由本案承办律师（关联到承办人员的操作员）进行，同行评查人也不能是承办律师；
        - 作出给予法律援助决定的人员不能评查同一案件；
        - 最后一位管理员不能停用或改为其他角色。


        """
        out += "| 权限 | 代码 | " + documentRoles.map(\.label).joined(separator: " | ") + " |\n"
        out += "|---|---|" + documentRoles.map { _ in "---" }.joined(separator: "|") + "|\n"
        for permission in Permission.allCases {
            let cells = documentRoles.map { allows($0, permission) ? "✓" : "—" }
            out += "| \(permission.label) | `\(permission.rawValue)` | " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n角色代码：" + documentRoles.map { "`\($0.rawValue)` \($0.label)" }.joined(separator: "，") + "。\n"
        return out
    }
}

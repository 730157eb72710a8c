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
        - 双人把关（四眼原则）：结案审查（通过或退回）和归档须由第二人办理——作出给予法律援助决定的人员、
          指派承办人的人员和本案承办律师都不能对本案结案审查或归档（命令行拒绝时退出码 4）。依据：
          结案报告表须经法律援助机构“结案审查”签字，审批卷含结案审查（round2 文书表）；法律援助法第五十九条
          要求机构以案卷检查等措施督促服务质量。决定本身仍由一位审查人员作出（七日/山西三日审查期限内
          不另设审批环节），第二人把关放在结案，使同一人无法从决定一直办到归档；
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

import ArgumentParser
import FayuanStore
import Foundation

extension StoreGroupCommand {
    /// `fayuan store migrate --from FILE --to postgres://…` (and back, for an export).
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "在两种引擎之间整库迁移：SQLite 文件 → 空的 PostgreSQL 库，或 PostgreSQL → 新的 SQLite 文件（全部成功或全部不写）",
            discussion: """
            逐表复制全部数据（按依赖顺序，目标端一个事务），到达后逐表核对行数，并用复制过去的数据重新验证审计链和案件封印；\
            任何一处不符都整体回滚，目标不留下任何数据。目标必须是空库（PostgreSQL）或尚不存在的文件（SQLite）。\
            迁移期间请停止来源库上的所有窗口。例：fayuan store migrate --from /srv/fayuan/泽州.db --to postgres://fayuan_owner@db.example.cn/fayuan?sslmode=require
            """)

        @Option(name: .customLong("from"), help: ArgumentHelp("来源：SQLite 案件库文件，或 postgres://用户@主机/库名", valueName: "文件|地址"))
        var source: String

        @Option(name: .customLong("to"), help: ArgumentHelp("目标：空的 PostgreSQL 库 postgres://…，或新的 SQLite 文件", valueName: "地址|文件"))
        var target: String

        @OptionGroup var identity: IdentityOptions

        func run() throws {
            // Like a backup, the copy carries every personal record: from a SQLite store only an
            // administrator of that store may take it, and the store records that it was taken.
            // (Reading a PostgreSQL store already takes its owner's credentials.)
            let fromFile = !StoreLocation(path: source).isServer
            var proven: (CaseStore, Operator)?
            if fromFile {
                let store = try IdentityOptions.openExisting(StoreLocation(path: source), readOnly: true)
                let op = try identity.authenticate(store)
                try IdentityOptions.require(op, .manageSettings)
                proven = (store, op)
            }
            let report = try StoreCommand.run {
                try CaseStore.migrateStore(from: StoreLocation(path: source), to: StoreLocation(path: target))
            }
            if let (store, op) = proven {
                try StoreCommand.run {
                    try store.recordCommandLineAccess(action: "migrate", entity: "store", detail: "整库迁移到 \(report.to)（\(report.rows) 行）", by: op)
                }
                try? store.close()
            }
            printError("迁移完成：\(report.from) → \(report.to)，\(report.tables.count) 张表共 \(report.rows) 行，逐表行数一致；"
                       + "审计链 \(report.auditEntries) 条重新验证通过，案件封印 \(report.caseSealsVerified) 件相符"
                       + String(format: "（用时 %.1f 秒）", report.seconds))
            try StoreCommand.printJSON(report)
        }
    }

    /// `fayuan store grant --db postgres://owner@… --role NAME`.
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "给 PostgreSQL 上控制台使用的数据库角色授权：可读写案件数据，但不能修改或删除案件时间线和审计日志",
            discussion: """
            须以库的所有者（执行迁移的角色）连接；该角色须已由数据库管理员建立（可登录、设有密码）。\
            每次升级程序新增数据表后再执行一次。控制台不是表的所有者，因此也不能删除或停用保护这些表的触发器。
            """)

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("role"), help: ArgumentHelp("控制台登录用的数据库角色名", valueName: "角色"))
        var role: String

        struct Output: Encodable {
            var role: String
            var location: String
            var appendOnlyRights: [String: [String]]
            enum CodingKeys: String, CodingKey { case role, location, appendOnlyRights = "append_only_rights" }
        }

        func run() throws {
            let rights = try StoreCommand.run { try CaseStore.grantConsoleRole(store.location, role: role) }
            let shown = rights.keys.sorted().map { "\($0)：" + (rights[$0] ?? []).joined(separator: "、") }.joined(separator: "；")
            printError("已授权角色 \(role)：可读写案件数据；只追加表上只有 \(shown)")
            try StoreCommand.printJSON(Output(role: role, location: (try? CaseStore.info(store.location).location) ?? "", appendOnlyRights: rights))
        }
    }
}

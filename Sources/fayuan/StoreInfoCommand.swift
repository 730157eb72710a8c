import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan store info`: which engine holds the store, its version and its migrations.
struct StoreGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "案件库本身：所用数据库引擎、版本和迁移",
        subcommands: [Info.self, Migrate.self, Grant.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "显示案件库的引擎（SQLite 或 PostgreSQL）、版本、已做和待做的迁移（只读，无需登录）")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let info = try StoreCommand.run { try CaseStore.info(store.location) }
            let engine = info.engine == "sqlite" ? "SQLite" : "PostgreSQL"
            if info.hasStore {
                printError("\(engine) \(info.engineVersion)：\(info.location)；迁移 \(info.migrationsApplied.count)/\(info.migrationsApplied.count + info.migrationsPending.count)"
                           + (info.migrationsPending.isEmpty ? "，已是最新" : "，待做 \(info.migrationsPending.count) 项（下次以读写方式打开时完成）"))
            } else {
                printError("\(engine) \(info.engineVersion)：\(info.location) 上还没有案件库")
            }
            try StoreCommand.printJSON(info)
        }
    }
}

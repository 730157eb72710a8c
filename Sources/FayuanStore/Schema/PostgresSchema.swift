/// The store's schema on PostgreSQL: the same migration identifiers as SQLite's, applied in order.
/// (Wired to the PostgreSQL migration list at merge.)
enum PostgresSchema {
    static func applied(_ s: any SQLSession) throws -> [String] {
        guard try s.tableExists("fayuan_migration") else { return [] }
        return try String.fetchAll(s, sql: "SELECT identifier FROM fayuan_migration ORDER BY applied_order")
    }

    static func migrate(_ s: any SQLSession, upTo target: String) throws {
        throw StoreError.unavailable(path: "PostgreSQL", detail: "此版本的案件库结构尚未能建在 PostgreSQL 上，这里只能用 fayuan store info 查看该服务器")
    }
}

import Foundation
internal import GRDB

/// File-level checks done before GRDB opens the store for writing.
enum StoreFile {
    static let sqliteMagic: [UInt8] = Array("SQLite format 3\0".utf8)

    /// Creates a missing store file empty with owner-only permissions (0600) so the WAL and
    /// shared-memory files SQLite derives from it get the same.
    static func prepare(path: String) throws {
        try refuseNonRegular(path: path)
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            _ = fchmod(fd, 0o600)  // umask may have narrowed it further; never widen beyond 0600.
            close(fd)
            return
        }
        if errno == EEXIST { return }
        throw StoreError.unavailable(path: path, detail: String(cString: strerror(errno)))
    }

    /// Whether something exists at `path` (following symbolic links); a path that is there but
    /// is not a regular file — a FIFO, a device, a directory — is refused at once: opening a FIFO
    /// would block for ever, and SQLite on a device could write to it.
    @discardableResult
    static func refuseNonRegular(path: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw StoreError.unavailable(path: path, detail: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let kind: String
            switch info.st_mode & S_IFMT {
            case S_IFDIR: kind = "目录"
            case S_IFIFO: kind = "命名管道"
            case S_IFCHR, S_IFBLK: kind = "设备文件"
            case S_IFSOCK: kind = "套接字"
            default: kind = "特殊文件"
            }
            throw StoreError.unavailable(path: path, detail: "这是\(kind)，不是普通文件，已拒绝打开")
        }
        return true
    }

    /// Refuses, without writing, a file that is not a (healthy, Fayuan) SQLite database.
    /// `readOnly` opens the probe connection read-only, so not even a leftover WAL is folded in.
    static func probe(path: String, knownMigrations: [String], readOnly: Bool = false) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.unavailable(path: path, detail: "无法读取文件")
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // a new, empty file: created above or by the user
        guard header.count == 100, Array(header.prefix(16)) == sqliteMagic else {
            throw StoreError.notADatabase(path: path)
        }
        let pageSize = Int(header[16]) << 8 | Int(header[17])
        guard pageSize == 1 || (pageSize >= 512 && pageSize <= 32768 && pageSize & (pageSize - 1) == 0) else {
            throw StoreError.corrupt(path: path, detail: "页大小无效")
        }

        // Reads only: schema, migrations. A plain queue with no journal-mode change, so a
        // damaged or foreign file is left byte-for-byte as it was.
        var config = Configuration()
        config.busyMode = .timeout(CaseStore.busyTimeout)
        config.journalMode = .default
        config.readonly = readOnly
        let tables: [String]
        var applied: [String] = []
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            (tables, applied) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                var applied: [String] = []
                if tables.contains("grdb_migrations") {
                    applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                }
                // Touch the root pages of every table: catches the common corruptions cheaply.
                for table in tables where !table.hasPrefix("sqlite_") {
                    _ = try Row.fetchOne(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) LIMIT 1")
                }
                return (tables, applied)
            }
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        } catch {
            throw StoreError.corrupt(path: path, detail: "\(error)")
        }
        if tables.isEmpty { return }
        if !tables.contains("grdb_migrations") {
            throw StoreError.foreignDatabase(path: path)
        }
        let unknown = applied.filter { !knownMigrations.contains($0) }
        if !unknown.isEmpty {
            throw StoreError.newerSchema(path: path, unknown: unknown.sorted())
        }
    }

    /// Maps SQLite errors to typed store errors.
    static func translate(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else {
            return .unavailable(path: path, detail: "\(error)")
        }
        switch db.resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: db.message ?? "database disk image is malformed")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable(path: path, detail: "数据库正被其他程序长时间占用，请稍后重试")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_FULL:
            return .unavailable(path: path, detail: db.message ?? "\(db.resultCode)")
        case .SQLITE_CONSTRAINT:
            return .invalidInput(field: constraintField(db.message), message: "违反约束：\(db.message ?? "")")
        default:
            return .unavailable(path: path, detail: db.message ?? "\(db.resultCode)")
        }
    }

    private static func constraintField(_ message: String?) -> String {
        // "UNIQUE constraint failed: applicant.id_number" -> "applicant.id_number"
        guard let message, let colon = message.lastIndex(of: ":") else { return "数据" }
        return message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}

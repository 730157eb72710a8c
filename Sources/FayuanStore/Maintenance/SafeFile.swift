import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one way Fayuan writes an output file (exports, reports, printed documents, backups,
/// anchors aside): the data goes into a private temporary file in the target's directory,
/// created 0600 with O_CREAT|O_EXCL|O_NOFOLLOW (never world-readable, not even for a moment,
/// and never through a planted link), is flushed to disk, and only then takes the target's name.
///
/// - A symlink at the target is refused, never followed (not even with `force`).
/// - An existing file is kept unless `force`; without it the final step is `link(2)`, which
///   fails atomically when the name exists, so a file that appears meanwhile is not overwritten.
/// - Never half-written: any write error (ENOSPC, EIO…) removes the temporary file and the
///   target is left as it was; the error is `StoreError.unavailable` (the CLI's exit 3).
public enum SafeFile {
    /// Writes bytes handed to `body` through a `Writer`.
    public static func write(to path: String, force: Bool = false, _ body: (inout Writer) throws -> Void) throws {
        try withTemporaryFile(for: path, force: force) { tmp, fd in
            var writer = Writer(fd: fd, path: tmp)
            try body(&writer)
            try writer.flush()
        }
    }

    /// Writes `data` to `path` (see the type's rules).
    public static func write(_ data: Data, to path: String, force: Bool = false) throws {
        try write(to: path, force: force) { try $0.write(data) }
    }

    /// Writes UTF-8 `text` to `path`.
    public static func write(_ text: String, to path: String, force: Bool = false) throws {
        try write(Data(text.utf8), to: path, force: force)
    }

    /// For writers that want a file *name* (libxlsxwriter, SQLite's VACUUM INTO): `body` gets the
    /// path of an empty private 0600 temporary file in the target's directory and fills it by
    /// name; the file is then synced and renamed into place the same way.
    public static func write(to path: String, force: Bool = false, byName body: (String) throws -> Void) throws {
        try withTemporaryFile(for: path, force: force) { tmp, fd in
            try body(tmp)
            // The writer may have replaced the file: insist it is still our private regular file.
            var st = stat()
            guard lstat(tmp, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
                throw StoreError.unavailable(path: path, detail: "临时文件被替换")
            }
            chmod(tmp, 0o600)
            let check = Glibc.open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard check >= 0 else { throw failure(path, errno) }
            defer { Glibc.close(check) }
            if fsync(check) != 0 { throw failure(path, errno) }
        }
    }

    /// Refuses `path` when it is a symlink, or an existing file without `force`.
    public static func checkTarget(_ path: String, force: Bool) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFLNK {
            throw StoreError.invalidInput(field: "输出文件", message: "\(path) 是符号链接，拒绝写入（不跟随链接）")
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw StoreError.invalidInput(field: "输出文件", message: "\(path) 是目录")
        }
        if !force {
            throw StoreError.invalidInput(field: "输出文件", message: "\(path) 已存在；确需覆盖请加 --force")
        }
    }

    /// Buffered writes to the temporary file; every error is a store problem naming the target.
    public struct Writer {
        let fd: Int32
        let path: String
        var buffer: [UInt8] = []

        public mutating func write(_ text: String) throws { try write(Data(text.utf8)) }

        public mutating func write(_ data: Data) throws {
            buffer.append(contentsOf: data)
            if buffer.count >= 1 << 20 { try drain() }
        }

        mutating func drain() throws {
            var offset = 0
            while offset < buffer.count {
                let n = buffer[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SafeFile.failure(path, errno)
                }
                offset += n
            }
            buffer.removeAll(keepingCapacity: true)
        }

        mutating func flush() throws {
            try drain()
            if fsync(fd) != 0 { throw SafeFile.failure(path, errno) }
        }
    }

    static func failure(_ path: String, _ code: Int32) -> StoreError {
        let reason: String
        switch code {
        case ENOSPC, EDQUOT: reason = "磁盘空间不足"
        case EIO: reason = "磁盘读写错误"
        case EACCES, EPERM: reason = "没有写入权限"
        case ELOOP: reason = "路径是符号链接"
        default: reason = String(cString: strerror(code))
        }
        return .unavailable(path: path, detail: "\(reason)，文件未写入")
    }

    private static func withTemporaryFile(for path: String, force: Bool, _ body: (String, Int32) throws -> Void) throws {
        try checkTarget(path, force: force)
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var rng = SystemRandomNumberGenerator()
        var tmp = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            tmp = (dir.isEmpty ? "." : dir) + "/." + base + ".tmp-" + String(rng.next() as UInt64, radix: 36)
            fd = Glibc.open(tmp, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(path, errno) }
        // umask cannot widen 0600, but a restrictive one could narrow it: make it exactly 0600.
        fchmod(fd, 0o600)
        var closed = false
        do {
            try body(tmp, fd)
            closed = true
            if Glibc.close(fd) != 0 { throw failure(path, errno) }
            try place(tmp, at: path, force: force)
        } catch {
            if !closed { Glibc.close(fd) }
            unlink(tmp)
            throw error
        }
    }

    private static func place(_ tmp: String, at path: String, force: Bool) throws {
        if force {
            try checkTarget(path, force: true)
            // rename(2) replaces the name itself; it never writes through a link.
            guard rename(tmp, path) == 0 else { throw failure(path, errno) }
        } else {
            guard link(tmp, path) == 0 else {
                let code = errno
                if code == EEXIST { try checkTarget(path, force: false) }
                throw failure(path, code)
            }
            unlink(tmp)
        }
        // The new name is durable once the directory is synced.
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = Glibc.open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); Glibc.close(dfd) }
    }
}

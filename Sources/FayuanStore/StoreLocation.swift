import Foundation

/// Where the case store lives: `--db PATH`, else `$FAYUAN_DB`, else
/// `$XDG_DATA_HOME/fayuan/fayuan.db`, else `~/.local/share/fayuan/fayuan.db` (cli.md).
public struct StoreLocation: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Resolves the path; `environment` is passed in so tests need not touch the process's.
    public static func resolve(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return StoreLocation(path: explicit) }
        if let env = environment["FAYUAN_DB"], !env.isEmpty { return StoreLocation(path: env) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return StoreLocation(path: xdg + "/fayuan/fayuan.db")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return StoreLocation(path: home + "/.local/share/fayuan/fayuan.db")
    }

    /// Creates the parent directory (0700) when missing.
    public func createDirectory() throws {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if !isDir.boolValue {
                throw StoreError.unavailable(path: path, detail: "上级路径不是目录")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.unavailable(path: path, detail: "无法创建目录 \(dir)")
        }
    }
}

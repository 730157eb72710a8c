import Foundation
import TerminalKit

/// Builds the effective keymap: built-in default, system file, user file, then `--keymap`.
public enum KeymapLoader {
    public static let systemPath = "/etc/fayuan/keymap.toml"

    /// The user's keymap file: $XDG_CONFIG_HOME/fayuan/keymap.toml or ~/.config/fayuan/keymap.toml.
    public static func userPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/fayuan/keymap.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/fayuan/keymap.toml"
    }

    /// Names of the keymaps compiled into the binary (`--keymap NAME`).
    public static var builtinNames: [String] { EmbeddedKeymaps.files.keys.sorted() }

    public static func builtin(_ name: String) throws(KeymapError) -> KeymapFile {
        guard let text = EmbeddedKeymaps.files[name] else {
            throw KeymapError(source: "--keymap", line: 0, message: "没有名为 “\(name)” 的内置键位（可用：\(builtinNames.joined(separator: "、"))）")
        }
        return try refuseUnbinding(KeymapFile(source: "内置:\(name)", text: text))
    }

    /// Actions that must always keep a key: without quit nobody can leave the program, without
    /// lock a shared terminal cannot be locked when its operator walks away.
    public static let mandatory: [ActionID: String] = ["app.quit": "退出", "app.lock": "锁屏"]

    /// Refuses a file (with its file:line) that leaves quit or lock without any key. Rebinding
    /// them to other keys is fine; a clash with another action is caught by `Keymap.apply`.
    @discardableResult
    static func refuseUnbinding(_ file: KeymapFile) throws(KeymapError) -> KeymapFile {
        for binding in file.bindings where binding.keyNames.isEmpty {
            guard let label = mandatory[binding.action] else { continue }
            throw KeymapError(source: file.source, line: binding.line,
                              message: "不能解除 \(binding.action)（\(label)）的按键绑定：共用终端必须随时能\(label)，请至少给它一个按键")
        }
        return file
    }

    /// Loads the layers in order. `selection` is the `--keymap` value: a built-in name or a path.
    /// A file that does not exist is skipped, except one named by `--keymap`.
    public static func load(selection: String?, systemPath: String = systemPath,
                            userPath: String = userPath()) throws(KeymapError) -> Keymap {
        var keymap = try Keymap(specs: AppActions.specs, layers: [builtin("default")])
        for path in [systemPath, userPath] where FileManager.default.fileExists(atPath: path) {
            try keymap.apply(try read(path))
        }
        if let selection, !selection.isEmpty {
            if EmbeddedKeymaps.files[selection] != nil, !selection.contains("/") {
                try keymap.apply(try builtin(selection))
            } else {
                guard FileManager.default.fileExists(atPath: selection) else {
                    throw KeymapError(source: selection, line: 0, message: "键位文件不存在（内置键位：\(builtinNames.joined(separator: "、"))）")
                }
                try keymap.apply(try read(selection))
            }
        }
        return keymap
    }

    private static func read(_ path: String) throws(KeymapError) -> KeymapFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeymapError(source: path, line: 0, message: "无法读取键位文件")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KeymapError(source: path, line: 0, message: "键位文件不是 UTF-8 编码")
        }
        return try refuseUnbinding(KeymapFile(source: path, text: text))
    }
}

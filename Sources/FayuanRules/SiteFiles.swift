import Foundation

/// Site rule directories: extra or overriding YAML files an administrator drops in, read at
/// start-up so a change takes effect without a rebuild.
public enum SiteRules {
    /// The directories that exist, lowest precedence first: /etc/fayuan/rules.d, then
    /// $XDG_CONFIG_HOME/fayuan/rules.d (~/.config/fayuan/rules.d), then $FAYUAN_RULES_DIR,
    /// then the `--rules-dir` flag. Later directories override earlier ones.
    public static func directories(flag: String?, environment: [String: String]) -> [String] {
        var candidates = ["/etc/fayuan/rules.d"]
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            candidates.append(xdg + "/fayuan/rules.d")
        } else if let home = environment["HOME"], !home.isEmpty {
            candidates.append(home + "/.config/fayuan/rules.d")
        }
        if let env = environment["FAYUAN_RULES_DIR"], !env.isEmpty { candidates.append(env) }
        var result: [String] = []
        for path in candidates where isDirectory(path) && !result.contains(path) { result.append(path) }
        if let flag { result.append(flag) }
        return result
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// The *.yaml / *.yml files of each directory, sorted by name; one origin per directory.
    public static func sources(directories: [String]) throws(RuleFileError) -> [RuleSource] {
        var sources: [RuleSource] = []
        for (index, directory) in directories.enumerated() {
            guard isDirectory(directory) else {
                throw RuleFileError(file: directory, line: 0, path: "", message: "规则目录不存在或不是目录")
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                throw RuleFileError(file: directory, line: 0, path: "", message: "无法读取规则目录")
            }
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw RuleFileError(file: path, line: 0, path: "", message: "无法读取文件")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw RuleFileError(file: path, line: 0, path: "", message: "文件不是 UTF-8 编码")
                }
                sources.append(RuleSource(path: path, text: text, origin: index + 1))
            }
        }
        return sources
    }
}

extension RuleLibrary {
    /// The bundled library with the site directories layered on top.
    public static func load(siteDirectories: [String]) throws(RuleFileError) -> RuleLibrary {
        try load(extraSources: try SiteRules.sources(directories: siteDirectories))
    }
}

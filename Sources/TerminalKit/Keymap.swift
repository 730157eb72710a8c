/// What an action is called, for the help screen, the cheat-sheet and the function-key bar.
public struct ActionSpec: Sendable, Hashable {
    public let id: ActionID
    /// Full Chinese description for help ("保存当前表单").
    public let label: String
    /// Short label for the function-key bar, at most 3 Hanzi ("保存").
    public let short: String

    public init(_ id: ActionID, _ label: String, short: String? = nil) {
        self.id = id; self.label = label; self.short = short ?? label
    }
}

/// Keymap sections that are active on every screen. Other sections belong to one screen and are
/// active (together with these) only there.
public let globalKeymapSections: Set<String> = ["app", "nav", "edit"]

/// Chinese names of keymap sections for help and the cheat-sheet; screens add their own.
public struct SectionNames: Sendable {
    public var names: [String: String]
    public init(_ names: [String: String]) { self.names = names }
    public subscript(section: String) -> String { names[section] ?? section }
}

/// The effective key bindings: layers of keymap files merged by action.
///
/// Loading order: built-in default, system file, user file, `--keymap`; a later layer replaces
/// the keys of each action it names. Unknown actions, unparseable keys and clashes (one key on two
/// actions that can be active together) refuse the offending file with its file:line.
public struct Keymap: Sendable {
    public let specs: [ActionID: ActionSpec]
    /// Actions in the order they were registered (help and the cheat-sheet list them so).
    public let order: [ActionID]
    public private(set) var keys: [ActionID: [Key]] = [:]
    /// Where each action's binding came from (file:line), for error messages and the cheat-sheet.
    public private(set) var origin: [ActionID: String] = [:]
    /// The files that made this map, in order.
    public private(set) var sources: [String] = []
    private var lookup: [String: [Key: ActionID]] = [:]

    public init(specs: [ActionSpec], layers: [KeymapFile]) throws(KeymapError) {
        var byID: [ActionID: ActionSpec] = [:]
        for s in specs { byID[s.id] = s }
        self.specs = byID
        self.order = specs.map(\.id)
        for layer in layers { try apply(layer) }
    }

    /// Adds one more layer on top (used for `--keymap`).
    public mutating func apply(_ file: KeymapFile) throws(KeymapError) {
        var candidate = keys
        var candidateOrigin = origin
        for b in file.bindings {
            guard specs[b.action] != nil else {
                throw KeymapError(source: file.source, line: b.line, message: "未知的动作 “\(b.action)”")
            }
            var parsed: [Key] = []
            for name in b.keyNames {
                guard let key = Key(name: name) else {
                    throw KeymapError(source: file.source, line: b.line, message: "无法识别的按键 “\(name)”")
                }
                if parsed.contains(key) {
                    throw KeymapError(source: file.source, line: b.line, message: "按键 \(key) 在同一动作中重复")
                }
                parsed.append(key)
            }
            candidate[b.action] = parsed
            candidateOrigin[b.action] = "\(file.source):\(b.line)"
        }
        // Check clashes in the merged result, blaming a binding from this file where possible.
        let lineOf = Dictionary(file.bindings.map { ($0.action, $0.line) }, uniquingKeysWith: { a, _ in a })
        var table: [String: [Key: ActionID]] = [:]
        for action in candidate.keys.sorted(by: { (lineOf[$0] ?? Int.max, $0) < (lineOf[$1] ?? Int.max, $1) }) {
            for key in candidate[action] ?? [] {
                // A global key clashes with any section; a screen key with its own and the globals.
                let others = globalKeymapSections.contains(action.section)
                    ? Array(table.keys) : [action.section] + Array(globalKeymapSections)
                for other in others {
                    if let existing = table[other]?[key], existing != action {
                        let blame = lineOf[action] != nil ? action : existing
                        let otherAction = blame == action ? existing : action
                        throw KeymapError(
                            source: file.source, line: lineOf[blame] ?? 0,
                            message: "按键 \(key) 同时绑定到 \(blame) 和 \(otherAction)（\(candidateOrigin[otherAction] ?? "")），请先改掉其中一个")
                    }
                }
                table[action.section, default: [:]][key] = action
            }
        }
        keys = candidate
        origin = candidateOrigin
        lookup = table
        sources.append(file.source)
    }

    /// The action a key triggers on a screen whose own section is `screen` (nil: globals only).
    public func action(for key: Key, screen: String?) -> ActionID? {
        if let screen, let a = lookup[screen]?[key] { return a }
        for section in ["app", "nav", "edit"] { if let a = lookup[section]?[key] { return a } }
        return nil
    }

    /// The keys bound to an action, in the order the keymap lists them.
    public func keys(for action: ActionID) -> [Key] { keys[action] ?? [] }

    /// The key names as users read them ("F2 / Ctrl-S"), or "（未绑定）".
    public func keyLabel(for action: ActionID) -> String {
        let ks = keys(for: action)
        return ks.isEmpty ? "（未绑定）" : ks.map(\.label).joined(separator: " / ")
    }

    /// What F1…F10 do on a screen, for the function-key bar: (number, short label) or nil.
    public func functionKeySlots(screen: String?, count: Int = 10, enabled: (ActionID) -> Bool = { _ in true }) -> [(Int, String?)] {
        (1...count).map { n in
            guard let action = action(for: .function(n), screen: screen), enabled(action) else { return (n, nil) }
            return (n, specs[action]?.short)
        }
    }

    /// Help rows for a screen: its own section first, then the global sections.
    public func helpSections(screen: String?, names: SectionNames) -> [(title: String, rows: [(keys: String, label: String)])] {
        var sections: [String] = []
        if let screen { sections.append(screen) }
        sections += ["app", "nav", "edit"]
        return sections.compactMap { section in
            let rows = order.filter { $0.section == section && !(keys[$0] ?? []).isEmpty }
                .compactMap { specs[$0] }
                .map { (keys: keyLabel(for: $0.id), label: $0.label) }
            return rows.isEmpty ? nil : (names[section], rows)
        }
    }

    /// The whole map as a Chinese cheat-sheet (`fayuan keymap --print`).
    public func cheatSheet(names: SectionNames) -> String {
        var out = ["法援键位表（生效的键位，来自：\(sources.joined(separator: " → "))）", ""]
        var sections: [String] = []
        for id in order where !sections.contains(id.section) { sections.append(id.section) }
        for section in sections {
            out.append("【\(names[section])】")
            let actions = order.filter { $0.section == section }.compactMap { specs[$0] }
            let keyWidth = max(12, actions.map { keyLabel(for: $0.id).displayWidth }.max() ?? 0)
            for spec in actions {
                out.append("  " + keyLabel(for: spec.id).padded(toWidth: keyWidth) + "  " + spec.label + "  (\(spec.id))")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

import CNcursesw

/// The C locale, which ncursesw and wcwidth read. Named for what it does, not Foundation's Locale.
public enum Locale {
    /// Selects the environment's locale; when its character set is not UTF-8 (LANG unset over
    /// SSH or in a tmux server), falls back to C.UTF-8. Returns false when no UTF-8 locale exists.
    @discardableResult
    public static func ensureUTF8() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8"] {
            if setlocale(LC_CTYPE, name) != nil, isUTF8 { return true }
        }
        return false
    }

    public static var isUTF8: Bool {
        guard let cs = cn_codeset() else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

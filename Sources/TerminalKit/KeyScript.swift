/// Key scripts for tests, benchmarks and fuzzing: text with key names in angle brackets,
/// e.g. "张三丰<Tab>11010519491231002X<F2>". A literal "<" is written "<<>".
public enum KeyScript {
    public static func parse(_ script: String) -> [Key] {
        var keys: [Key] = []
        var i = script.startIndex
        while i < script.endIndex {
            let ch = script[i]
            if ch == "<", let close = script[i...].firstIndex(of: ">"), close > script.index(after: i) {
                let name = String(script[script.index(after: i)..<close])
                if name == "<" { keys.append(.character("<")) }
                else if let key = Key(name: name) { keys.append(key) }
                else { keys.append(contentsOf: script[i...close].map { Key.character($0) }) }
                i = script.index(after: close)
                continue
            }
            switch ch {
            case "\n": keys.append(.enter)
            case "\t": keys.append(.tab)
            default: keys.append(.character(ch))
            }
            i = script.index(after: i)
        }
        return keys
    }
}

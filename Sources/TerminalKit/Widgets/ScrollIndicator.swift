/// The "↑ 还有 3 行" line that lists, tables, notes and help show when content is cut off, so the
/// reader knows there is more without relying on a scrollbar's shading.
public enum ScrollIndicator {
    /// nil when nothing is hidden. `unit` is the measure word: "行" for lines, "项" for options.
    public static func text(hiddenAbove: Int, hiddenBelow: Int, unit: String = "行") -> String? {
        switch (hiddenAbove > 0, hiddenBelow > 0) {
        case (false, false): return nil
        case (true, false): return "↑ 还有 \(hiddenAbove) \(unit)"
        case (false, true): return "↓ 还有 \(hiddenBelow) \(unit)"
        case (true, true): return "↑ \(hiddenAbove) \(unit)  ↓ 还有 \(hiddenBelow) \(unit)"
        }
    }

    /// The smallest change to `offset` that keeps row `index` inside a window of `visible` rows.
    public static func offset(keeping index: Int, visible: Int, current: Int, count: Int) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var offset = min(max(0, current), count - visible)
        if index < offset { offset = index }
        if index >= offset + visible { offset = index - visible + 1 }
        return offset
    }
}

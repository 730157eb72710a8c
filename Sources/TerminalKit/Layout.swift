/// How much of a row or column a part of the screen takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly n cells (less if the space runs out).
    case fixed(Int)
    /// At least n cells; shares leftover space like `fill(1)`.
    case min(Int)
    /// A share of the leftover space, by weight.
    case fill(Int)
    /// A percentage of the whole (0–100).
    case percentage(Int)
}

public enum Direction: Sendable { case horizontal, vertical }

/// Splits a rectangle by constraints, so screens adapt to the window size.
public enum Layout {
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = (direction == .horizontal ? rect.width : rect.height) - spacing * (constraints.count - 1)
        var sizes = Array(repeating: 0, count: constraints.count)
        var remaining = Swift.max(0, total)
        // Fixed, minimum and percentage parts are served first, in order.
        for (i, c) in constraints.enumerated() {
            let want: Int
            switch c {
            case .fixed(let n), .min(let n): want = Swift.max(0, n)
            case .percentage(let p): want = Swift.max(0, total) * Swift.min(100, Swift.max(0, p)) / 100
            case .fill: want = 0
            }
            sizes[i] = Swift.min(want, remaining)
            remaining -= sizes[i]
        }
        // The rest goes to fill and min parts by weight; the last of them takes the rounding.
        let weights = constraints.map { c -> Int in
            switch c { case .fill(let w): return Swift.max(0, w); case .min: return 1; default: return 0 }
        }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 && remaining > 0 {
            var given = 0
            let lastIndex = weights.lastIndex { $0 > 0 }!
            for (i, w) in weights.enumerated() where w > 0 {
                let share = i == lastIndex ? remaining - given : remaining * w / weightSum
                sizes[i] += share
                given += share
            }
        }
        var out: [Rect] = []
        var offset = direction == .horizontal ? rect.x : rect.y
        for s in sizes {
            if direction == .horizontal {
                out.append(Rect(x: offset, y: rect.y, width: s, height: rect.height))
            } else {
                out.append(Rect(x: rect.x, y: offset, width: rect.width, height: s))
            }
            offset += s + spacing
        }
        return out
    }
}

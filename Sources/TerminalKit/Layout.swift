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
        // Fixed and percentage parts are served first, in order.
        for (i, c) in constraints.enumerated() {
            let want: Int
            switch c {
            case .fixed(let n): want = Swift.max(0, n)
            case .percentage(let p): want = Swift.max(0, total) * Swift.min(100, Swift.max(0, p)) / 100
            case .fill, .min: continue
            }
            sizes[i] = Swift.min(want, remaining)
            remaining -= sizes[i]
        }
        // The rest is shared by weight among fill and min parts; a min part whose share would be
        // below its minimum gets the minimum (space permitting) and leaves the sharing.
        var flexible: [(index: Int, weight: Int)] = constraints.enumerated().compactMap { i, c in
            switch c {
            case .fill(let w): return (i, Swift.max(0, w))
            case .min: return (i, 1)
            default: return nil
            }
        }
        var settled = true
        repeat {
            settled = true
            let weightSum = flexible.reduce(0) { $0 + $1.weight }
            for (k, part) in flexible.enumerated() {
                guard case .min(let n) = constraints[part.index] else { continue }
                let share = weightSum > 0 ? remaining * part.weight / weightSum : 0
                if share < n {
                    sizes[part.index] = Swift.min(n, remaining)
                    remaining -= sizes[part.index]
                    flexible.remove(at: k)
                    settled = false
                    break
                }
            }
        } while !settled
        let weightSum = flexible.reduce(0) { $0 + $1.weight }
        if weightSum > 0 && remaining > 0 {
            var given = 0
            let last = flexible.last { $0.weight > 0 }!.index
            for part in flexible where part.weight > 0 {
                let share = part.index == last ? remaining - given : remaining * part.weight / weightSum
                sizes[part.index] = share
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

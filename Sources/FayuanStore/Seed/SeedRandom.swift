import FayuanCore

/// Seed data must be identical for a given `--seed` on every machine: FayuanCore's SplitMix64,
/// with the two draws the seeder needs.
extension SplitMix64 {
    /// Uniform in 0..<bound (bound > 0); Lemire's multiply-shift, bias negligible for seed data.
    mutating func below(_ bound: Int) -> Int {
        Int((UInt128(next()) &* UInt128(UInt64(bound))) >> 64)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Picks from a table with integer weights in O(log n).
struct WeightedTable<T> {
    let items: [T]
    let cumulative: [Int]

    init(_ pairs: [(T, Int)]) {
        items = pairs.map(\.0)
        var sum = 0
        cumulative = pairs.map { sum += $0.1; return sum }
    }

    func pick(_ rng: inout SplitMix64) -> T {
        let r = rng.below(cumulative.last!)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return items[lo]
    }
}

/// Days since 1970-01-01 → "YYYY-MM-DD" (proleptic Gregorian; H. Hinnant's civil_from_days).
/// Private to the seed generator, which needs millions of dates quickly.
enum SeedCalendar {
    static func iso(_ days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return pad4(y) + "-" + pad2(m) + "-" + pad2(d)
    }

    /// "YYYY-MM-DD" → days since 1970-01-01.
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y2 = m <= 2 ? y - 1 : y
        let era = (y2 >= 0 ? y2 : y2 - 399) / 400
        let yoe = y2 - era * 400
        let mp = m > 2 ? m - 3 : m + 9
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    static func weekday(_ days: Int) -> Int { ((days % 7) + 7 + 3) % 7 }

    static func pad2(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
    static func pad4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
}

/// Generates valid resident ID numbers (GB 11643-1999 MOD 11-2 check character) for seed
/// data only. A generator, not a validator: FayuanCore's IDNumber validates.
enum SeedIDNumber {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    static func make(area: String, birth: String, seq: Int) -> String {
        let first17 = area + birth.replacingOccurrences(of: "-", with: "") + SeedCalendar.pad2(seq / 10) + String(seq % 10)
        var sum = 0
        for (i, c) in first17.utf8.enumerated() { sum += Int(c - 48) * weights[i] }
        return first17 + String(checkCharacters[sum % 11])
    }
}

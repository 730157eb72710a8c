/// 评查抽样: which closed cases are drawn for quality review. Random but reproducible: the same
/// population, rate and seed always give the same sample, and the seed is recorded with it so
/// anyone can check the draw.
public enum QualitySampling {
    /// How many of `population` cases a rate in percent asks for: rounded up, at least one when
    /// there are any cases and the rate is above zero.
    public static func sampleSize(population: Int, ratePercent: Int) -> Int {
        guard population > 0, ratePercent > 0 else { return 0 }
        return min(population, (population * ratePercent + 99) / 100)
    }

    /// The drawn case ids, in ascending order. The population is sorted first, so the order the
    /// ids arrive in does not matter.
    public static func draw(population: [Int64], ratePercent: Int, seed: UInt64) -> [Int64] {
        var pool = Array(Set(population)).sorted()
        let n = sampleSize(population: pool.count, ratePercent: ratePercent)
        var rng = SplitMix64(seed: seed)
        // Partial Fisher–Yates: the first n places are the sample.
        for i in 0..<n {
            let j = i + Int(rng.next() % UInt64(pool.count - i))
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(n)).sorted()
    }
}


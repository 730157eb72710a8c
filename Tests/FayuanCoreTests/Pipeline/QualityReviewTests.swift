import Testing
import FayuanCore

@Suite("Pipeline 评查抽样与评分") struct QualityReviewTests {
    @Test("样本量按比例向上取整") func sizes() {
        #expect(QualitySampling.sampleSize(population: 100, ratePercent: 5) == 5)
        #expect(QualitySampling.sampleSize(population: 7, ratePercent: 30) == 3)
        #expect(QualitySampling.sampleSize(population: 1, ratePercent: 5) == 1)
        #expect(QualitySampling.sampleSize(population: 0, ratePercent: 30) == 0)
    }

    @Test("同一种子同一结果，顺序无关；换种子换样本") func reproducible() {
        let ids = (1...200).map { Int64($0) }
        let a = QualitySampling.draw(population: ids, ratePercent: 5, seed: 20260608)
        let b = QualitySampling.draw(population: ids.reversed(), ratePercent: 5, seed: 20260608)
        let c = QualitySampling.draw(population: ids, ratePercent: 5, seed: 20260609)
        #expect(a.count == 10)
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).isSubset(of: Set(ids)))
        #expect(a == a.sorted())
        // Pinned: the draw must replay on any machine, forever.
        #expect(QualitySampling.draw(population: (1...10).map { Int64($0) }, ratePercent: 30, seed: 1)
                == QualitySampling.draw(population: (1...10).map { Int64($0) }, ratePercent: 30, seed: 1))
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test("百分制评分表：合计 100，分档，不合格不发补贴") func scoreSheet() throws {
        let sheet = ScoreSheet.standard
        #expect(sheet.total == 100)
        let good = try sheet.score([9, 9, 16, 16, 8, 16, 8])
        #expect(good.total == 82)
        #expect(good.grade == .good)
        #expect(good.grade.earnsSubsidy)
        let bad = try sheet.score([5, 5, 10, 10, 5, 10, 5])
        #expect(bad.grade == .fail)
        #expect(!bad.grade.earnsSubsidy)
        #expect(throws: ScoreSheet.ScoreError.outOfRange(item: "受理审查及时规范", max: 10, got: 11)) {
            try sheet.score([11, 9, 16, 16, 8, 16, 8])
        }
        #expect(throws: ScoreSheet.ScoreError.wrongCount(expected: 7, got: 2)) { try sheet.score([1, 2]) }
    }

    @Test("及时结案归档率") func timelyRate() {
        let d = { (s: String) in LocalDate(iso: s)! }
        let rate = CaseFigures.timelyCloseAndArchiveRate([
            (d("2026-01-05"), d("2026-01-20")),   // timely
            (d("2026-01-05"), d("2026-03-20")),   // late
            (d("2026-05-01"), nil),               // not archived, limit passed
            (d("2026-06-01"), nil),               // still within the limit: not counted yet
        ], limitDays: 30, today: d("2026-06-10"))
        #expect(rate == CaseFigures.Rate(numerator: 1, denominator: 3))
        #expect(rate.text == "1/3（33.3%）")
        #expect(CaseFigures.Rate(numerator: 0, denominator: 0).text == "—（无案件）")
    }
}

import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// `HitSelection` reads a growing prefix of a ranking; it must select what a plain pass over the
/// whole ranking selects.
struct HitSelectionTests {
    /// The plain pass: every hit in rank order, kept when in range and not within the threshold of
    /// an earlier kept hit (then counted on the first such hit), until k are kept.
    static func reference(_ ranking: [Hit], k: Int, range: ScoreRange, distinct: HitSelection.Distinct?) -> [HitSelection.Kept] {
        var kept: [HitSelection.Kept] = []
        for hit in ranking where range.contains(hit.score) && kept.count < k {
            if let distinct, let i = kept.firstIndex(where: { distinct.areNearCopies($0.hit.index, hit.index) }) {
                kept[i].folded += 1
            } else {
                kept.append(HitSelection.Kept(hit: hit))
            }
        }
        return kept
    }

    @Test func selectsWhatTheWholeRankingSelects() {
        var random = SplitMix64(seed: 21)
        for trial in 0..<300 {
            let rows = Int.random(in: 0...300, using: &random), dimension = [2, 3, 8][trial % 3]
            // Few distinct directions, so that near-copies are common.
            let directions = (0..<6).map { _ in (0..<dimension).map { _ in Float(Int.random(in: -1...1, using: &random)) } }
            var values: [Float] = []
            for _ in 0..<rows { values += directions.randomElement(using: &random)!.map { $0 + Float.random(in: -0.1...0.1, using: &random) } }
            let matrix = Matrix(copying: normalisedRows(values, dimension: dimension), dimension: dimension)
            let query = normalisedRows((0..<dimension).map { _ in Float.random(in: -1...1, using: &random) }, dimension: dimension)
            let ranking = ExactSearch(matrix).nearest(to: query, k: rows)
            let k = Int.random(in: 1...20, using: &random)
            let lower: ScoreRange.Bound? = Bool.random(using: &random) ? ScoreRange.Bound(Float.random(in: -1...1, using: &random), inclusive: Bool.random(using: &random)) : nil
            let upper: ScoreRange.Bound? = trial % 3 == 0 ? ScoreRange.Bound(Float.random(in: -0.5...1, using: &random), inclusive: Bool.random(using: &random)) : nil
            let range = ScoreRange(lower: lower, upper: upper)
            let distinct = trial % 2 == 0 ? HitSelection.Distinct(threshold: Float.random(in: 0.8...1, using: &random), rows: matrix) : nil
            var longest = 0
            let selection = HitSelection(k: k, range: { _ in range }, distinct: distinct).select { n in
                longest = max(longest, n)
                return Array(ranking.prefix(n))
            }
            let expected = Self.reference(ranking, k: k, range: range, distinct: distinct)
            #expect(selection.kept == expected, "trial \(trial)")
            #expect(selection.folded == expected.reduce(0) { $0 + $1.folded }, "trial \(trial)")
            if upper == nil && distinct == nil { #expect(longest == k, "without an upper bound or folding, k hits are enough") }
        }
    }

    @Test func theRangeMayDependOnTheBestScore() {
        let hits = [Hit(index: 4, score: 0.9), Hit(index: 1, score: 0.87), Hit(index: 2, score: 0.8), Hit(index: 0, score: 0.5)]
        let within = HitSelection(k: 10, range: { best in ScoreRange(lower: .init(best - 0.05, inclusive: true)) })
        #expect(within.select { Array(hits.prefix($0)) }.kept.map(\.hit.index) == [4, 1])
        #expect(HitSelection(k: 3).select { _ in [] }.kept.isEmpty)
    }

    @Test func rangesIntersect() {
        let a = ScoreRange(lower: .init(0.2, inclusive: true), upper: .init(0.9, inclusive: true))
        let b = ScoreRange(lower: .init(0.2, inclusive: false), upper: .init(0.8, inclusive: true))
        let both = a.intersection(b)
        #expect(both == ScoreRange(lower: .init(0.2, inclusive: false), upper: .init(0.8, inclusive: true)))
        #expect(!both.contains(0.2) && both.contains(0.5) && both.contains(0.8) && !both.contains(0.81))
        #expect(both.isBelowLower(0.2) && !both.isBelowLower(0.3) && both.isAboveUpper(0.9))
    }
}

func normalisedRows(_ values: [Float], dimension: Int) -> [Float] {
    normalised(values, dimension: dimension)
}

import Testing
@testable import GlimpseCore
import GlimpseTestSupport

struct SearchTests {
    /// The reference: score every row, sort by (score desc, index asc), drop exclusions, take k.
    static func reference(_ scores: [Float], k: Int, excluding: Set<Int>) -> [Hit] {
        guard k > 0 else { return [] }
        return scores.enumerated()
            .filter { !excluding.contains($0.offset) }
            .map { Hit(index: $0.offset, score: $0.element) }
            .sorted(by: Hit.ranksBefore)
            .prefix(k).map { $0 }
    }

    @Test func topKEqualsAFullSortOnRandomData() {
        var random = SplitMix64(seed: 2026)
        for trial in 0..<300 {
            let rows = Int.random(in: 0...200, using: &random)
            let dimension = [1, 3, 7, 8, 9, 16, 17, 50, 64].randomElement(using: &random)!
            // Some trials draw values from a tiny set so that many scores tie exactly.
            let coarse = trial % 3 == 0
            var values = (0..<(rows * dimension)).map { _ -> Float in
                coarse ? Float(Int.random(in: -2...2, using: &random)) : Float.random(in: -1...1, using: &random)
            }
            if trial % 5 == 0 && rows > 3 {
                // Duplicate rows: identical scores, tie broken by index.
                for j in 0..<dimension { values[2 * dimension + j] = values[j] }
            }
            let matrix = Matrix(copying: values, dimension: dimension)
            let query = (0..<dimension).map { _ in coarse ? Float(Int.random(in: -1...1, using: &random)) : Float.random(in: -1...1, using: &random) }
            let k = [0, -1, 1, 2, 5, 10, rows, rows + 3].randomElement(using: &random)!
            let excluding = Set((0..<Int.random(in: 0...5, using: &random)).map { _ in Int.random(in: 0..<max(rows, 1), using: &random) })
            let search = ExactSearch(matrix)
            let scores = search.scores(for: query)
            #expect(search.nearest(to: query, k: k, excluding: excluding) == Self.reference(scores, k: k, excluding: excluding),
                    "trial \(trial): rows \(rows) d \(dimension) k \(k)")
        }
    }

    @Test func scoresMatchAScalarDotProduct() {
        var random = SplitMix64(seed: 5)
        for dimension in [1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 50, 100, 300] {
            let values = (0..<(4 * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
            let query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &random) }
            let scores = ExactSearch(Matrix(copying: values, dimension: dimension)).scores(for: query)
            for row in 0..<4 {
                let expected = (0..<dimension).reduce(0.0) { $0 + Double(values[row * dimension + $1]) * Double(query[$1]) }
                #expect(abs(Double(scores[row]) - expected) < 1e-5, "d \(dimension) row \(row)")
            }
        }
    }

    @Test func topKOrderIsIndependentOfInsertionOrder() {
        var random = SplitMix64(seed: 11)
        let hits = (0..<100).map { Hit(index: $0, score: Float(Int.random(in: 0...3, using: &random))) }
        let expected = hits.sorted(by: Hit.ranksBefore).prefix(10).map { $0 }
        for _ in 0..<20 {
            var top = TopK(k: 10)
            for hit in hits.shuffled(using: &random) { top.insert(index: hit.index, score: hit.score) }
            #expect(top.sorted() == expected)
        }
    }

    @Test func topKEdgeCases() {
        var none = TopK(k: 0)
        none.insert(index: 0, score: 1)
        #expect(none.sorted().isEmpty)
        var negative = TopK(k: -3)
        negative.insert(index: 0, score: 1)
        #expect(negative.sorted().isEmpty)
        var withNaN = TopK(k: 3)
        withNaN.insert(index: 0, score: .nan)
        withNaN.insert(index: 1, score: -5)
        withNaN.insert(index: 2, score: .nan)
        withNaN.insert(index: 3, score: 2)
        #expect(withNaN.sorted().map(\.index) == [3, 1, 0])
    }

    @Test func cosineOnUnitRows() throws {
        let space = try Space(words: ["x", "y", "xy"], wordVectors: [2, 0, 0, 3, 1, 1], images: [], imageVectors: [],
                              dimension: 2, model: "", source: "")
        let hits = ExactSearch(space.wordVectors).nearest(to: [1, 0], k: 3)
        #expect(hits.map(\.index) == [0, 2, 1])
        #expect(abs(hits[1].score - 0.70710677) < 1e-6)
        #expect(ExactSearch(space.wordVectors).nearest(to: [1, 0], k: 2, excluding: [0]).map(\.index) == [2, 1])
    }
}

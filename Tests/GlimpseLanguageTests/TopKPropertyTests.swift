import GlimpseCore
import PropertyBased
import Testing
import GlimpseTestSupport

/// The bounded heap and the exact scan against the plainest reference there is:
/// score everything, sort by (score descending, index ascending), take k.
struct TopKPropertyTests {
    /// Rows drawn from a few levels so that equal scores, the case a heap gets
    /// wrong most easily, are frequent.
    struct Case: Sendable, CustomStringConvertible {
        var rows: Int
        var dimension: Int
        var values: [Float]
        var query: [Float]
        var k: Int
        var excluded: Set<Int>
        var description: String { "rows \(rows), dimension \(dimension), k \(k), excluded \(excluded.sorted())" }
    }

    static let cases = Generator<Case, Shrink.None<Case>>(run: { rng in
        let rows = Int.random(in: 0...60, using: &rng)
        let dimension = [1, 3, 8, 16, 17, 50].randomElement(using: &rng)!
        let levels: [Float] = Bool.random(using: &rng) ? [-1, 0, 0.5, 1] : (0..<50).map { _ in Float.random(in: -1...1, using: &rng) }
        let values = (0..<(rows * dimension)).map { _ in levels.randomElement(using: &rng)! }
        let query = (0..<dimension).map { _ in levels.randomElement(using: &rng)! }
        let k = Int.random(in: -2...(rows + 3), using: &rng)
        let excluded = Set((0..<Int.random(in: 0...5, using: &rng)).map { _ in Int.random(in: 0..<max(rows, 1), using: &rng) })
        return Case(rows: rows, dimension: dimension, values: values, query: query, k: k, excluded: excluded)
    })

    static func reference(_ scores: [Float], k: Int, excluding: Set<Int>) -> [Hit] {
        let all = scores.enumerated().filter { !excluding.contains($0.offset) }.map { Hit(index: $0.offset, score: $0.element) }
        return Array(all.sorted(by: Hit.ranksBefore).prefix(max(k, 0)))
    }

    @Test func exactSearchEqualsSortingAllScores() async {
        await propertyCheck(count: 500, input: Self.cases) { c in
            let search = ExactSearch(Matrix(copying: c.values, dimension: c.dimension))
            let scores = search.scores(for: c.query)
            #expect(scores.count == c.rows)
            #expect(search.nearest(to: c.query, k: c.k, excluding: c.excluded) == Self.reference(scores, k: c.k, excluding: c.excluded), "\(c)")
        }
    }

    /// The heap alone, fed in a random order: the order hits arrive in must not matter.
    @Test func topKIsIndependentOfInsertionOrder() async {
        await propertyCheck(count: 500, input: Self.cases, Gen.uint64()) { c, seed in
            let scores = ExactSearch(Matrix(copying: c.values, dimension: c.dimension)).scores(for: c.query)
            var rng = SplitMix64(seed: seed)
            var top = TopK(k: c.k)
            for index in Array(scores.indices).shuffled(using: &rng) { top.insert(index: index, score: scores[index]) }
            #expect(top.sorted() == Self.reference(scores, k: c.k, excluding: []), "\(c)")
        }
    }

    /// NaN scores cannot come from a valid query, but must not break the order: they rank last.
    @Test func nanScoresRankLast() {
        var top = TopK(k: 3)
        for (index, score) in [Float.nan, 0.5, .nan, -1, 0.5].enumerated() { top.insert(index: index, score: score) }
        #expect(top.sorted().map(\.index) == [1, 4, 3])
    }
}

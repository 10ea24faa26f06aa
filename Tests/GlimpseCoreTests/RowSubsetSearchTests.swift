import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// A search among some rows returns exactly what `ExactSearch` over all rows returns once the
/// other rows are left out: the same rows, scores and order, whether it gathers or scans.
struct RowSubsetSearchTests {
    /// The ground truth: every row scored by `ExactSearch`, the rows outside the subset and the
    /// excluded ones dropped, sorted by `Hit.ranksBefore`, the first k kept.
    static func reference(_ matrix: Matrix, _ query: [Float], k: Int, subset: RowSet, excluding: Set<Int>) -> [Hit] {
        let scores = ExactSearch(matrix).scores(for: query)
        let hits = scores.enumerated().filter { subset.contains($0.offset) && !excluding.contains($0.offset) }
            .map { Hit(index: $0.offset, score: $0.element) }
        return Array(hits.sorted(by: Hit.ranksBefore).prefix(max(k, 0)))
    }

    static func randomSubset(rows: Int, share: Double, using random: inout SplitMix64) -> RowSet {
        RowSet(rowCount: rows, rows: (0..<rows).filter { _ in Double.random(in: 0..<1, using: &random) < share })
    }

    @Test(arguments: [1, 2, 3])
    func equalsExactSearchRestrictedToTheSubset(threads: Int) throws {
        var random = SplitMix64(seed: 300 + UInt64(threads))
        var gathered = 0, scanned = 0
        for trial in 0..<240 {
            let c = FastSearchTests.randomCase(trial, using: &random)
            // Empty, tiny, selective (gathered) and large (scanned) subsets, and all rows.
            let share = [0, 0.01, 0.1, 0.25, 0.5, 0.9, 1][trial % 7]
            let subset = Self.randomSubset(rows: c.matrix.rows, share: share, using: &random)
            let expected = Self.reference(c.matrix, c.query, k: c.k, subset: subset, excluding: c.excluding)
            let plain = RowSubsetSearch(c.matrix, subset: subset, threads: threads)
            #expect(plain.nearest(to: c.query, k: c.k, excluding: c.excluding) == expected,
                    "trial \(trial): rows \(c.matrix.rows) d \(c.matrix.dimension) k \(c.k) subset \(subset.count)")
            let half = try #require(HalfPrecisionMatrix(converting: c.matrix))
            let withHalf = RowSubsetSearch(c.matrix, half: half, subset: subset, threads: threads)
            #expect(withHalf.nearest(to: c.query, k: c.k, excluding: c.excluding) == expected,
                    "trial \(trial) (half): rows \(c.matrix.rows) d \(c.matrix.dimension) k \(c.k) subset \(subset.count)")
            if plain.gathers { gathered += 1 } else { scanned += 1 }
        }
        #expect(gathered > 50 && scanned > 50, "both ways must be tried: \(gathered) gathered, \(scanned) scanned")
    }

    /// Enough rows for the gather to split over threads (it keeps small subsets on one).
    @Test func largeGatheredSubsetsEqualTheReference() {
        var random = SplitMix64(seed: 77)
        let rows = 40_000, dimension = 16
        let matrix = Matrix(copying: (0..<(rows * dimension)).map { _ in Float(Int.random(in: -2...2, using: &random)) }, dimension: dimension)
        let subset = Self.randomSubset(rows: rows, share: 0.2, using: &random)
        let query = (0..<dimension).map { _ in Float(Int.random(in: -1...1, using: &random)) }
        let search = RowSubsetSearch(matrix, subset: subset, threads: 3)
        #expect(search.gathers)
        for k in [1, 10, 500] {
            #expect(search.nearest(to: query, k: k, excluding: [5, 6]) == Self.reference(matrix, query, k: k, subset: subset, excluding: [5, 6]))
        }
    }

    /// All rows as the subset: the same as the unrestricted searches.
    @Test func theWholeSubsetIsNoRestriction() {
        var random = SplitMix64(seed: 5)
        for trial in 0..<60 {
            let c = FastSearchTests.randomCase(trial, using: &random)
            let all = RowSet.all(rowCount: c.matrix.rows)
            #expect(RowSubsetSearch(c.matrix, subset: all, threads: 2).nearest(to: c.query, k: c.k, excluding: c.excluding)
                    == ExactSearch(c.matrix).nearest(to: c.query, k: c.k, excluding: c.excluding))
        }
    }
}

struct RowSetTests {
    @Test func operationsAgreeWithSets() {
        var random = SplitMix64(seed: 11)
        for trial in 0..<200 {
            let n = [0, 1, 63, 64, 65, 127, 128, 130, 1000][trial % 9]
            let a = Set((0..<n).filter { _ in Bool.random(using: &random) })
            let b = Set((0..<n).filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
            let setA = RowSet(rowCount: n, rows: a), setB = RowSet(rowCount: n, rows: b)
            #expect(setA.rows == a.sorted() && setA.count == a.count)
            #expect(setA.union(setB).rows == a.union(b).sorted())
            #expect(setA.intersection(setB).rows == a.intersection(b).sorted())
            let complement = setA.complement()
            #expect(complement.rows == Set(0..<n).subtracting(a).sorted() && complement.count == n - a.count)
            #expect(complement.complement() == setA)
            let lower = Int.random(in: 0...n, using: &random), upper = Int.random(in: lower...n, using: &random)
            #expect(RowSet(rowCount: n, range: lower..<upper).rows == Array(lower..<upper))
            var inRange: [Int] = []
            setA.forEachRow(in: lower..<upper) { inRange.append($0) }
            #expect(inRange == a.filter { $0 >= lower && $0 < upper }.sorted())
            #expect((0..<n).allSatisfy { setA.contains($0) == a.contains($0) } && !setA.contains(-1) && !setA.contains(n))
        }
    }
}

import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// `glimpse bench`'s measurement, on a few hundred rows: the rows it reports and the
/// check that every fast path returned the plain scan's hits.
struct SearchBenchmarkTests {
    static func unitVectors(_ count: Int, _ dimension: Int, using random: inout SplitMix64) -> [Float] {
        (0..<count).flatMap { _ in
            let row = (0..<dimension).map { _ in random.nextSigned() }
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return row.map { $0 / norm }
        }
    }

    @Test func everyFastPathAgreesWithThePlainScan() throws {
        var random = SplitMix64(seed: 5)
        let dimension = 24
        let matrix = Matrix(copying: Self.unitVectors(300, dimension, using: &random), dimension: dimension)
        let workload = try #require(SearchBenchmark.Workload(matrix: matrix, queries: Self.unitVectors(4, dimension, using: &random), k: 7))
        #expect(workload.queries.count == 4 && workload.queries.allSatisfy { $0.count == dimension })
        #expect(workload.reference == workload.queries.map { ExactSearch(workload.matrix).nearest(to: $0, k: 7) })
        for threads in [1, 2] {
            let rows = SearchBenchmark(k: 7, repetitions: 3).measure(workload, threads: threads)
            #expect(rows.map { "\($0.storage) \($0.mode)" } == ["f32 floor", "f32 single", "f16 floor", "f16 single", "f32 batch4"])
            #expect(rows.allSatisfy { $0.dimension == dimension && $0.threads == threads && $0.msPerQuery > 0 && $0.floorMs > 0 })
            #expect(rows.map(\.same) == [nil, true, nil, true, true])
            #expect(rows[0].ratio == 1 && rows[2].ratio == 1)
        }
    }

    @Test func aValueBeyondHalfPrecisionHasNoWorkload() {
        #expect(SearchBenchmark.Workload(matrix: Matrix(copying: [1e6, 0], dimension: 2), queries: [1, 0], k: 1) == nil)
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(SearchBenchmark.median([5, 1, 3]) == 3)
        #expect(SearchBenchmark.median([4, 1, 3, 10]) == 3.5)
    }

    @Test func rowsPrintAsTableAndJSON() {
        let row = BenchmarkRow(dimension: 50, threads: 2, storage: "f16", mode: "single", msPerQuery: 1.23456, floorMs: 1, ratio: 1.23456, same: true)
        #expect(row.tableLine == "glimpse     50        2  f16      single       1.235      1.000   1.235   yes")
        #expect(row.json == #"{"engine": "glimpse", "dimension": 50, "threads": 2, "storage": "f16", "mode": "single", "ms_per_query": 1.23456, "floor_ms": 1.0, "ratio": 1.23456, "same": true}"#)
    }
}

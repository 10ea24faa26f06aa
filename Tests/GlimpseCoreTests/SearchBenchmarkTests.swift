import Foundation
import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// `glimpse bench`'s measurement, on a few hundred rows: the rows it reports and the
/// check that every fast path returned the plain scan's hits.
struct SearchBenchmarkTests {
    @Test func everyFastPathAgreesWithThePlainScan() throws {
        var random = SplitMix64(seed: 5)
        let dimension = 24
        let matrix = Matrix(copying: random.unitVectors(count: 300, dimension: dimension), dimension: dimension)
        let workload = try #require(SearchBenchmark.Workload(matrix: matrix, queries: random.unitVectors(count: 4, dimension: dimension), k: 7))
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

    /// `glimpse bench`'s vectors: the same for the same seed and dimension, other for another
    /// dimension, unit length, drawn base rows first and then the queries.
    @Test func aRandomWorkloadIsRepeatableAndUnitLength() throws {
        let benchmark = SearchBenchmark(k: 5, repetitions: 1)
        let workload = benchmark.randomWorkload(rows: 50, dimension: 8, queries: 3, seed: 2026)
        var random = SplitMix64(seed: 2026 + 8)
        #expect(workload.matrix.values == random.unitVectors(count: 50, dimension: 8))
        #expect(workload.queries.flatMap { $0 } == random.unitVectors(count: 3, dimension: 8))
        #expect(workload.reference == workload.queries.map { ExactSearch(workload.matrix).nearest(to: $0, k: 5) })
        for i in 0..<50 {
            let norm = workload.matrix.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
        let again = benchmark.randomWorkload(rows: 50, dimension: 8, queries: 3, seed: 2026)
        #expect(again.matrix.values == workload.matrix.values && again.queries == workload.queries)
        let other = benchmark.randomWorkload(rows: 50, dimension: 9, queries: 3, seed: 2026)
        #expect(Array(other.matrix.values.prefix(8)) != Array(workload.matrix.values.prefix(8)))
    }

    /// What Scripts/bench_peers.py reads: the vectors, the queries, and each query's top k
    /// row indices, padded with -1 where there are fewer rows than k.
    @Test func theExportHoldsTheWorkloadAndItsReferenceHits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let k = 5
        let workload = SearchBenchmark(k: k, repetitions: 1).randomWorkload(rows: 3, dimension: 4, queries: 2, seed: 1)
        try BenchmarkExport.write(workload, k: k, to: folder.file("out"))
        let base = try NumpyArrayReader.read(path: folder.file("out/base_4.npy"))
        #expect(base.rows == 3 && base.columns == 4 && base.values == workload.matrix.values)
        let queries = try NumpyArrayReader.read(path: folder.file("out/queries_4.npy"))
        #expect(queries.rows == 2 && queries.values == workload.queries.flatMap { $0 })
        let expected: [Int64] = workload.reference.flatMap { hits -> [Int64] in hits.map { Int64($0.index) } + [-1, -1] }
        let top = try Data(contentsOf: URL(fileURLWithPath: folder.file("out/top_4.npy")))
        #expect(top == Data(NumpyArrayWriter.encode(expected, rows: 2, columns: k)))
    }

    /// Dimension by dimension, thread count by thread count, each workload exported first.
    @Test func aRunMeasuresEveryDimensionAtEveryThreadCount() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let benchmark = SearchBenchmark(k: 3, repetitions: 1)
        var rows: [BenchmarkRow] = []
        try benchmark.run(rows: 40, dimensions: [6, 4], threads: [2, 1], queries: 2, seed: 9,
                          exportFolder: folder.file("export")) { rows.append($0) }
        // Five rows of the whole scan and two of a filtered one (where1%, where50%) each.
        #expect(rows.map { "\($0.dimension)/\($0.threads)" } == ["6/2", "6/1", "4/2", "4/1"].flatMap { Array(repeating: $0, count: 7) })
        #expect(rows.map(\.mode).suffix(2) == ["where1%", "where50%"])
        #expect(rows.allSatisfy { $0.same != false })
        for dimension in [6, 4] {
            let workload = benchmark.randomWorkload(rows: 40, dimension: dimension, queries: 2, seed: 9)
            #expect(try NumpyArrayReader.read(path: folder.file("export/base_\(dimension).npy")).values == workload.matrix.values)
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

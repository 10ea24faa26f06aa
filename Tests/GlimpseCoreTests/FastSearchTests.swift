import Testing
@testable import GlimpseCore
import GlimpseTestSupport

/// Every fast path returns exactly what the plain `ExactSearch` returns: same rows, same scores, same order.
struct FastSearchTests {
    /// A random case: some draw values from a tiny set so that scores tie, some repeat rows.
    struct Case {
        var matrix: Matrix
        var query: [Float]
        var k: Int
        var excluding: Set<Int>
    }

    static func randomCase(_ trial: Int, using random: inout SplitMix64, maximumRows: Int = 700) -> Case {
        let rows = Int.random(in: 0...maximumRows, using: &random)
        // Both of BlockScan's kernels for float32 and for float16 rows (interleaved up to 256 bytes a
        // row), with and without a last partial vector, and dimensions too narrow for either.
        let dimension = [1, 3, 7, 8, 9, 16, 17, 50, 64, 65, 100, 128, 130, 256].randomElement(using: &random)!
        let coarse = trial % 3 == 0
        var values = (0..<(rows * dimension)).map { _ -> Float in
            coarse ? Float(Int.random(in: -2...2, using: &random)) : Float.random(in: -1...1, using: &random)
        }
        if trial % 4 == 1 && rows > 3 {
            // Copies of row 0 further on: identical scores, tie broken by index, across thread slices.
            for copy in [rows / 2, rows - 1] {
                for j in 0..<dimension { values[copy * dimension + j] = values[j] }
            }
        }
        let query = (0..<dimension).map { _ in
            coarse ? Float(Int.random(in: -1...1, using: &random)) : Float.random(in: -1...1, using: &random)
        }
        let k = [0, -1, 1, 2, 5, 10, 64, rows, rows + 3].randomElement(using: &random)!
        let excluding = Set((0..<Int.random(in: 0...6, using: &random)).map { _ in
            Int.random(in: 0..<max(rows, 1), using: &random)
        })
        return Case(matrix: Matrix(copying: values, dimension: dimension), query: query, k: k, excluding: excluding)
    }

    @Test(arguments: [1, 2, 3, 7])
    func parallelScanEqualsExactSearch(threads: Int) {
        var random = SplitMix64(seed: 40 + UInt64(threads))
        for trial in 0..<200 {
            let c = Self.randomCase(trial, using: &random)
            let expected = ExactSearch(c.matrix).nearest(to: c.query, k: c.k, excluding: c.excluding)
            let actual = ParallelScan(c.matrix, threads: threads).nearest(to: c.query, k: c.k, excluding: c.excluding)
            #expect(actual == expected, "trial \(trial): rows \(c.matrix.rows) d \(c.matrix.dimension) k \(c.k)")
        }
    }

    /// An infinite value among the columns the last partial vector covers twice: the kernel's
    /// zeroed query lanes make its approximate score NaN, and the row must still be re-scored exactly.
    @Test(arguments: [1, 2])
    func parallelScanHandlesInfiniteValues(threads: Int) {
        var random = SplitMix64(seed: 120 + UInt64(threads))
        for dimension in [9, 50, 130] {
            var values = (0..<(300 * dimension)).map { _ in Float.random(in: -1...1, using: &random) }
            for row in [3, 17, 150, 299] { values[row * dimension + dimension - 9 + row % 2] = row % 4 == 3 ? .infinity : -.infinity }
            let matrix = Matrix(copying: values, dimension: dimension)
            let query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &random) }
            for k in [1, 5, 300] {
                #expect(ParallelScan(matrix, threads: threads).nearest(to: query, k: k) == ExactSearch(matrix).nearest(to: query, k: k),
                        "d \(dimension) k \(k)")
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func halfPrecisionSearchEqualsExactSearch(threads: Int) throws {
        var random = SplitMix64(seed: 70 + UInt64(threads))
        for trial in 0..<200 {
            let c = Self.randomCase(trial, using: &random)
            let half = try #require(HalfPrecisionMatrix(converting: c.matrix))
            let expected = ExactSearch(c.matrix).nearest(to: c.query, k: c.k, excluding: c.excluding)
            let actual = HalfPrecisionSearch(half: half, exact: c.matrix, threads: threads)
                .nearest(to: c.query, k: c.k, excluding: c.excluding)
            #expect(actual == expected, "trial \(trial): rows \(c.matrix.rows) d \(c.matrix.dimension) k \(c.k)")
        }
    }

    /// Unit rows that differ by less than half precision can tell apart: the re-scoring must still order them exactly.
    @Test func halfPrecisionSearchSeparatesNearDuplicates() throws {
        var random = SplitMix64(seed: 91)
        let dimension = 50
        let anchor = (0..<dimension).map { _ in Float.random(in: -1...1, using: &random) }
        var values: [Float] = []
        for _ in 0..<500 {
            let nudged = anchor.map { $0 + Float.random(in: -1e-4...1e-4, using: &random) }
            let norm = nudged.reduce(0) { $0 + $1 * $1 }.squareRoot()
            values += nudged.map { $0 / norm }
        }
        let matrix = Matrix(copying: values, dimension: dimension)
        let half = try #require(HalfPrecisionMatrix(converting: matrix))
        for k in [1, 10, 100] {
            let query = anchor.map { $0 + Float.random(in: -1e-3...1e-3, using: &random) }
            #expect(HalfPrecisionSearch(half: half, exact: matrix, threads: 2, rowNormBound: 1).nearest(to: query, k: k)
                == ExactSearch(matrix).nearest(to: query, k: k))
        }
    }

    @Test func halfPrecisionRefusesValuesItCannotHold() {
        #expect(HalfPrecisionMatrix(converting: Matrix(copying: [1, 70000], dimension: 2)) == nil)
        #expect(HalfPrecisionMatrix(converting: Matrix(copying: [Float](repeating: .nan, count: 16), dimension: 8)) == nil)
        let half = HalfPrecisionMatrix(converting: Matrix(copying: [0.5, -0.25, 1, 0], dimension: 2))
        #expect(half?.row(1) == [1, 0])
    }

    @Test(arguments: [1, 2])
    func batchSearchEqualsExactSearchPerQuery(threads: Int) {
        var random = SplitMix64(seed: 100 + UInt64(threads))
        for trial in 0..<60 {
            // Enough rows for several sgemm blocks per thread in some trials.
            let c = Self.randomCase(trial, using: &random, maximumRows: trial % 5 == 0 ? 5000 : 700)
            let dimension = c.matrix.dimension
            let queryCount = Int.random(in: 1...9, using: &random)
            var queries = [c.query]
            var exclusions = [c.excluding]
            for _ in 1..<queryCount {
                queries.append((0..<dimension).map { _ in Float.random(in: -1...1, using: &random) })
                exclusions.append(Set((0..<3).map { _ in Int.random(in: 0..<max(c.matrix.rows, 1), using: &random) }))
            }
            let exact = ExactSearch(c.matrix)
            let expected = zip(queries, exclusions).map { exact.nearest(to: $0, k: c.k, excluding: $1) }
            let actual = BatchSearch(c.matrix, threads: threads).nearest(to: queries, k: c.k, excluding: exclusions)
            #expect(actual == expected, "trial \(trial): rows \(c.matrix.rows) d \(dimension) k \(c.k) queries \(queryCount)")
            let unexcluded = zip(queries, queries).map { query, _ in exact.nearest(to: query, k: c.k) }
            #expect(BatchSearch(c.matrix, threads: threads).nearest(to: queries, k: c.k) == unexcluded)
        }
    }

    /// The batch form of the searches an evaluator uses (sgemm from `BatchSearch.minimumQueries` queries
    /// on, one by one below) gives each query `ExactSearch`'s hits: over whole matrices and over their
    /// first rows (`words ... among N`), with and without exclusions, repeated queries included.
    @Test(arguments: [1, 2])
    func fastSearchBatchesEqualExactSearchPerQuery(threads: Int) throws {
        var random = SplitMix64(seed: 140 + UInt64(threads))
        for trial in 0..<80 {
            let c = Self.randomCase(trial, using: &random, maximumRows: trial % 5 == 0 ? 3000 : 700)
            let rows = trial % 3 == 0 ? Int.random(in: 0...c.matrix.rows, using: &random) : c.matrix.rows
            let matrix = c.matrix.prefix(rows)
            let dimension = matrix.dimension
            let queryCount = [1, 2, 3, 4, 5, 9, 40].randomElement(using: &random)!
            var queries = [c.query]
            var exclusions = [c.excluding]
            for _ in 1..<queryCount {
                if Int.random(in: 0..<5, using: &random) == 0 {
                    queries.append(queries.randomElement(using: &random)!)
                } else {
                    queries.append((0..<dimension).map { _ in Float.random(in: -1...1, using: &random) })
                }
                exclusions.append(Set((0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Int.random(in: 0..<max(rows, 1), using: &random)
                }))
            }
            let exact = ExactSearch(matrix)
            let expected = zip(queries, exclusions).map { exact.nearest(to: $0, k: c.k, excluding: $1) }
            let note: Comment = "trial \(trial): rows \(rows) d \(dimension) k \(c.k) queries \(queryCount)"
            #expect(ParallelScan(matrix, threads: threads).nearest(to: queries, k: c.k, excluding: exclusions) == expected, note)
            #expect(ParallelScan(matrix, threads: threads).nearest(to: queries, k: c.k, excluding: [])
                == queries.map { exact.nearest(to: $0, k: c.k) }, note)
            let half = try #require(HalfPrecisionMatrix(converting: c.matrix)).prefix(rows)
            #expect(HalfPrecisionSearch(half: half, exact: matrix, threads: threads).nearest(to: queries, k: c.k, excluding: exclusions)
                == expected, note)
        }
    }

    @Test func batchSearchOfNoQueriesIsEmpty() {
        #expect(BatchSearch(Matrix(copying: [1, 0], dimension: 2)).nearest(to: [], k: 3).isEmpty)
    }

    @Test func rowPartitionCoversEveryRowOnceInOrder() {
        for count in [0, 1, 5, 63, 64, 65, 1000, 100_001] {
            for parts in 1...5 {
                let ranges = RowPartition.ranges(count: count, parts: parts)
                #expect(ranges.first?.lowerBound == 0)
                #expect(ranges.last?.upperBound == count)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
            }
        }
    }

    @Test func readFloorReadsEveryFloat() {
        let values = (0..<1027).map { Float($0 % 7) }
        let expected = values.reduce(0, +)
        for threads in [1, 2] {
            let sum = values.withUnsafeBytes { ReadFloor.read($0.baseAddress!, byteCount: $0.count, threads: threads) }
            #expect(sum == expected)
        }
    }
}

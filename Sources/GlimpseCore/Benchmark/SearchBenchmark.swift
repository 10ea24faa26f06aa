/// Times exact search against the memory-read floor (`glimpse bench`).
///
/// Every time is the median of several repetitions, and every ratio is taken pair by pair
/// against a floor pass made right before it, so a machine whose speed drifts (other
/// processes, frequency changes) moves both sides of each ratio alike.
public struct SearchBenchmark: Sendable {
    /// Hits per query.
    public var k: Int
    /// Timed repetitions per row (the median is reported).
    public var repetitions: Int

    public init(k: Int, repetitions: Int) {
        self.k = k
        self.repetitions = repetitions
    }

    /// What the rows of one dimension are timed on: the vectors (float32 and float16
    /// storage), the queries, and the plain scan's hits for each, which every fast path
    /// must equal.
    public struct Workload: Sendable {
        public let matrix: Matrix
        public let half: HalfPrecisionMatrix
        public let queries: [[Float]]
        public let reference: [[Hit]]

        /// `queries` are row-major, as long as `matrix`'s rows. Nil when a value does not
        /// fit half precision (unit vectors always do).
        public init?(matrix: Matrix, queries queryValues: [Float], k: Int) {
            self.matrix = matrix
            let dimension = matrix.dimension
            queries = (0..<(queryValues.count / dimension)).map { Array(queryValues[($0 * dimension)..<(($0 + 1) * dimension)]) }
            guard let half = HalfPrecisionMatrix(converting: matrix) else { return nil }
            self.half = half
            let plain = ExactSearch(matrix)
            reference = queries.map { plain.nearest(to: $0, k: k) }
        }
    }

    /// A workload of `rows` random unit vectors of `dimension` and `queries` more, drawn in
    /// that order from a `SplitMix64` seeded with `seed` plus the dimension, so that each
    /// dimension has vectors of its own and a run can be repeated.
    public func randomWorkload(rows: Int, dimension: Int, queries: Int, seed: UInt64) -> Workload {
        var random = SplitMix64(seed: seed &+ UInt64(dimension))
        let matrix = Matrix(copying: random.unitVectors(count: rows, dimension: dimension), dimension: dimension)
        let queryValues = random.unitVectors(count: queries, dimension: dimension)
        guard let workload = Workload(matrix: matrix, queries: queryValues, k: k) else {
            preconditionFailure("unit vectors always fit half precision")
        }
        return workload
    }

    /// A whole run: for each dimension in order, its random workload (`randomWorkload`,
    /// written to `exportFolder` first when there is one, `BenchmarkExport`) measured at
    /// each thread count in order (the filtered rows last, `measureFiltered`); `row` gets
    /// every row as soon as it is measured.
    public func run(rows: Int, dimensions: [Int], threads: [Int], queries: Int, seed: UInt64,
                    exportFolder: String? = nil, row: (BenchmarkRow) -> Void) throws {
        let tags = Self.filterTags(rowCount: rows)
        for dimension in dimensions {
            let workload = randomWorkload(rows: rows, dimension: dimension, queries: queries, seed: seed)
            if let exportFolder {
                try BenchmarkExport.write(workload, k: k, to: exportFolder)
            }
            for threadCount in threads {
                (measure(workload, threads: threadCount) + measureFiltered(workload, tags: tags, threads: threadCount)).forEach(row)
            }
        }
    }

    /// The rows of one dimension and thread count: floors, single queries (f32, f16), a batch.
    public func measure(_ workload: Workload, threads: Int) -> [BenchmarkRow] {
        let (matrix, half, queries, reference) = (workload.matrix, workload.half, workload.queries, workload.reference)
        let floatBytes = matrix.rows * matrix.dimension * 4
        let floor32 = { _ = ReadFloor.read(UnsafeRawPointer(matrix.base), byteCount: floatBytes, threads: threads) }
        let floor16 = { _ = half.withBytes { ReadFloor.read($0.baseAddress!, byteCount: $0.count, threads: threads) } }
        let scan = ParallelScan(matrix, threads: threads)
        let halfSearch = HalfPrecisionSearch(half: half, exact: matrix, threads: threads, rowNormBound: 1)
        let batchSearch = BatchSearch(matrix, threads: threads, rowNormBound: 1)

        var same = [true, true, true]
        let f32 = timePairs(floor: floor32) { i in
            same[0] = same[0] && scan.nearest(to: queries[i % queries.count], k: k) == reference[i % queries.count]
        }
        let f16 = timePairs(floor: floor16) { i in
            same[1] = same[1] && halfSearch.nearest(to: queries[i % queries.count], k: k) == reference[i % queries.count]
        }
        let batched = timePairs(floor: floor32) { _ in
            same[2] = same[2] && batchSearch.nearest(to: queries, k: k) == reference
        }
        let base = (dimension: matrix.dimension, threads: threads)
        return [
            BenchmarkRow(dimension: base.dimension, threads: threads, storage: "f32", mode: "floor", msPerQuery: f32.floor, floorMs: f32.floor, ratio: 1, same: nil),
            BenchmarkRow(dimension: base.dimension, threads: threads, storage: "f32", mode: "single", msPerQuery: f32.work, floorMs: f32.floor, ratio: f32.ratio, same: same[0]),
            BenchmarkRow(dimension: base.dimension, threads: threads, storage: "f16", mode: "floor", msPerQuery: f16.floor, floorMs: f16.floor, ratio: 1, same: nil),
            BenchmarkRow(dimension: base.dimension, threads: threads, storage: "f16", mode: "single", msPerQuery: f16.work, floorMs: f16.floor, ratio: f16.ratio, same: same[1]),
            BenchmarkRow(
                dimension: base.dimension, threads: threads, storage: "f32", mode: "batch\(queries.count)",
                msPerQuery: batched.work / Double(queries.count), floorMs: batched.floor,
                ratio: batched.ratio / Double(queries.count), same: same[2]),
        ]
    }

    /// Alternates a floor pass and a timed call, after one warm-up of each; medians of the times and of the ratios.
    func timePairs(floor: () -> Void, work: (Int) -> Void) -> (floor: Double, work: Double, ratio: Double) {
        floor()
        work(0)
        var floors: [Double] = [], works: [Double] = [], ratios: [Double] = []
        for i in 0..<repetitions {
            let f = Self.milliseconds(floor)
            let w = Self.milliseconds { work(i + 1) }
            floors.append(f)
            works.append(w)
            ratios.append(w / f)
        }
        return (Self.median(floors), Self.median(works), Self.median(ratios))
    }

    static func milliseconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

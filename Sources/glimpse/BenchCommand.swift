import ArgumentParser
import Foundation
import GlimpseCore

/// `glimpse bench`: times exact search on random unit vectors against the memory-read floor, in one run.
///
/// Every time is the median of several repetitions, and every ratio is taken pair by pair
/// against a floor pass made right before it, so a machine whose speed drifts (other
/// processes, frequency changes) moves both sides of each ratio alike.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time exact top-k search on random unit vectors against the memory-read floor.",
        discussion: """
            For each dimension, builds --rows random unit vectors in memory and times, for
            each thread count: one streaming read of the vectors (the floor), single
            queries with float32 and float16 storage, and batches of --batch queries
            (OpenBLAS sgemm). Every fast path is checked against the plain scan (column
            'same').

            The rows 'where1%' and 'where50%' time a query with a filter, as `top K q where
            tag = "t7"` runs it: the rows of a tag that 1% (or 50%) of the vectors have,
            from the tag index, then the search among them. They are timed against the
            unfiltered float32 query, not the floor: their 'floor ms' column is that
            query's time and 'ratio' is filtered / unfiltered, so below 1 is faster.

              glimpse bench
              glimpse bench --rows 200000 --dimensions 50 --json
              glimpse bench --export /tmp/vectors    # .npy files for Scripts/bench_peers.py
            """)

    @Option(help: "Vectors per space.")
    var rows = 1_000_000

    @Option(help: ArgumentHelp("Dimensions to run, comma-separated.", valueName: "list"))
    var dimensions = "50,256"

    @Option(help: ArgumentHelp("Thread counts to run, comma-separated.", valueName: "list"))
    var threads = "1,2"

    @Option(help: "Hits per query.")
    var k = 10

    @Option(help: "Queries per batch (and distinct queries to time).")
    var batch = 64

    @Option(help: "Timed repetitions per row (the median is reported).")
    var repetitions = 15

    @Option(help: "Seed for the random vectors.")
    var seed: UInt64 = 2026

    // Not `--format`: the root command's query options take that name before a subcommand sees it.
    @Flag(help: "Print one JSON object per row instead of a table.")
    var json = false

    @Option(help: ArgumentHelp(
        "Also write base_D.npy, queries_D.npy (float32) and top_D.npy (int64 row indices of each query's top k) to this folder.",
        valueName: "folder"))
    var export: String?

    func validate() throws {
        guard rows >= 1, k >= 1, batch >= 1, repetitions >= 1 else {
            throw ValidationError("--rows, --k, --batch and --repetitions must be at least 1")
        }
        guard parsedList(dimensions) != nil, parsedList(threads) != nil else {
            throw ValidationError("--dimensions and --threads take comma-separated positive numbers")
        }
    }

    func run() throws {
        let dimensionList = parsedList(dimensions)!
        let threadList = parsedList(threads)!
        if !json {
            print("glimpse bench: \(rows) random unit vectors, k \(k), batch \(batch), median of \(repetitions); \(RowPartition.defaultThreads) cores")
            print(BenchRow.tableHeader)
        }
        // The tags of the filter rows: "t0" ... "t99" (1% of the rows each) and "h0", "h1" (50%).
        let tags = ImageTextIndex(.tag, rowCount: rows) { row in ImageRecord(file: "", tags: ["t\(row % 100)", "h\(row % 2)"]) }
        for dimension in dimensionList {
            var random = BenchRandom(seed: seed &+ UInt64(dimension))
            let matrix = Matrix(copying: random.unitVectors(count: rows, dimension: dimension), dimension: dimension)
            let queryValues = random.unitVectors(count: batch, dimension: dimension)
            let queries = (0..<batch).map { Array(queryValues[($0 * dimension)..<(($0 + 1) * dimension)]) }
            guard let half = HalfPrecisionMatrix(converting: matrix) else {
                throw ValidationError("internal error: unit vectors do not fit half precision")
            }
            let plain = ExactSearch(matrix)
            let reference = queries.map { plain.nearest(to: $0, k: k) }
            if let export {
                try BenchExport.write(matrix: matrix, queries: queryValues, reference: reference, k: k, to: export)
            }
            for threadCount in threadList {
                for row in measure(matrix: matrix, half: half, queries: queries, reference: reference, threads: threadCount)
                    + measureFiltered(matrix: matrix, queries: queries, tags: tags, threads: threadCount) {
                    print(json ? row.json : row.tableLine)
                }
            }
        }
    }

    /// The rows of one dimension and thread count: floors, single queries (f32, f16), a batch.
    func measure(matrix: Matrix, half: HalfPrecisionMatrix, queries: [[Float]], reference: [[Hit]], threads: Int) -> [BenchRow] {
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
            BenchRow(dimension: base.dimension, threads: threads, storage: "f32", mode: "floor", msPerQuery: f32.floor, floorMs: f32.floor, ratio: 1, same: nil),
            BenchRow(dimension: base.dimension, threads: threads, storage: "f32", mode: "single", msPerQuery: f32.work, floorMs: f32.floor, ratio: f32.ratio, same: same[0]),
            BenchRow(dimension: base.dimension, threads: threads, storage: "f16", mode: "floor", msPerQuery: f16.floor, floorMs: f16.floor, ratio: 1, same: nil),
            BenchRow(dimension: base.dimension, threads: threads, storage: "f16", mode: "single", msPerQuery: f16.work, floorMs: f16.floor, ratio: f16.ratio, same: same[1]),
            BenchRow(
                dimension: base.dimension, threads: threads, storage: "f32", mode: "batch\(queries.count)",
                msPerQuery: batched.work / Double(queries.count), floorMs: batched.floor,
                ratio: batched.ratio / Double(queries.count), same: same[2]),
        ]
    }

    /// A query among the rows of a tag (1% and 50% of them), index lookup included, against the
    /// unfiltered query; checked against the exact scores of the subset's rows.
    func measureFiltered(matrix: Matrix, queries: [[Float]], tags: ImageTextIndex, threads: Int) -> [BenchRow] {
        let unfiltered = ParallelScan(matrix, threads: threads, rowNormBound: 1)
        let exact = ExactSearch(matrix)
        return [("where1%", "t7"), ("where50%", "h0")].map { mode, tag in
            let subset = tags.rows(equalTo: tag)
            var same = true
            let timed = timePairs(floor: { _ = unfiltered.nearest(to: queries[0], k: k) }) { i in
                let query = queries[i % queries.count]
                let hits = RowSubsetSearch(matrix, subset: tags.rows(equalTo: tag), threads: threads, rowNormBound: 1).nearest(to: query, k: k)
                if i < 4 { same = same && hits == subsetReference(exact, query, subset) }
            }
            return BenchRow(dimension: matrix.dimension, threads: threads, storage: "f32", mode: mode,
                            msPerQuery: timed.work, floorMs: timed.floor, ratio: timed.ratio, same: same)
        }
    }

    /// The exact top k among the subset's rows: every row scored by `ExactSearch`, the others left out.
    func subsetReference(_ exact: ExactSearch, _ query: [Float], _ subset: RowSet) -> [Hit] {
        var top = TopK(k: k)
        for (row, score) in exact.scores(for: query).enumerated() where subset.contains(row) { top.insert(index: row, score: score) }
        return top.sorted()
    }

    /// Alternates a floor pass and a timed call, after one warm-up of each; medians of the times and of the ratios.
    func timePairs(floor: () -> Void, work: (Int) -> Void) -> (floor: Double, work: Double, ratio: Double) {
        floor()
        work(0)
        var floors: [Double] = [], works: [Double] = [], ratios: [Double] = []
        for i in 0..<repetitions {
            let f = milliseconds(floor)
            let w = milliseconds { work(i + 1) }
            floors.append(f)
            works.append(w)
            ratios.append(w / f)
        }
        return (median(floors), median(works), median(ratios))
    }

    func milliseconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
    }

    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    func parsedList(_ text: String) -> [Int]? {
        let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
        return values.map { $0! }
    }
}

/// One line of the benchmark's output.
struct BenchRow {
    var dimension: Int
    var threads: Int
    var storage: String
    var mode: String
    var msPerQuery: Double
    var floorMs: Double
    var ratio: Double
    /// Whether every result equalled the plain scan's (nil for the floor itself).
    var same: Bool?

    static let tableHeader = "engine     d    threads  storage  mode      ms/query   floor ms   ratio   same"

    var tableLine: String {
        func fixed(_ value: Double, _ width: Int, _ decimals: Int) -> String {
            let text = String(format: "%.\(decimals)f", value)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        return padded("glimpse", 9) + fixed(Double(dimension), 5, 0) + fixed(Double(threads), 9, 0) + "  " + padded(storage, 9)
            + padded(mode, 9) + fixed(msPerQuery, 9, 3) + fixed(floorMs, 11, 3) + fixed(ratio, 8, 3) + "   "
            + (same.map { $0 ? "yes" : "NO" } ?? "-")
    }

    var json: String {
        let sameText = same.map { $0 ? "true" : "false" } ?? "null"
        return """
            {"engine": "glimpse", "dimension": \(dimension), "threads": \(threads), "storage": "\(storage)", \
            "mode": "\(mode)", "ms_per_query": \(msPerQuery), "floor_ms": \(floorMs), "ratio": \(ratio), "same": \(sameText)}
            """
    }
}

/// Deterministic random unit vectors (SplitMix64, uniform in the cube, then normalised).
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` x `dimension` values, each row of unit length.
    mutating func unitVectors(count: Int, dimension: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count * dimension)
        for row in 0..<count {
            var sum: Float = 0
            for j in 0..<dimension {
                let value = Float(Int64(bitPattern: next()) >> 40) * 0x1p-23  // uniform in [-1, 1)
                values[row * dimension + j] = value
                sum += value * value
            }
            let scale = 1 / sum.squareRoot()
            for j in 0..<dimension { values[row * dimension + j] *= scale }
        }
        return values
    }
}

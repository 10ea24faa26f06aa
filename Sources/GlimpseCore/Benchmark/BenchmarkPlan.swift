/// One `glimpse bench` run as its options give it: how many random vectors, of which
/// dimensions, searched with which thread counts, and how it is timed (`SearchBenchmark`).
public struct BenchmarkPlan: Sendable, Equatable {
    public var rows: Int
    public var dimensions: [Int]
    public var threads: [Int]
    /// Hits per query.
    public var k: Int
    /// Queries per batch, and distinct queries to time.
    public var batch: Int
    /// Timed repetitions per row (the median is reported).
    public var repetitions: Int
    public var seed: UInt64

    /// `dimensions` and `threads` as comma-separated positive numbers; every count at least 1.
    public init(rows: Int, dimensions: String, threads: String, k: Int, batch: Int, repetitions: Int, seed: UInt64) throws(OptionError) {
        guard rows >= 1, k >= 1, batch >= 1, repetitions >= 1 else {
            throw OptionError("--rows, --k, --batch and --repetitions must be at least 1")
        }
        guard let dimensionList = try? CommaSeparatedList.positiveIntegers(dimensions), !dimensionList.isEmpty,
              let threadList = try? CommaSeparatedList.positiveIntegers(threads), !threadList.isEmpty else {
            throw OptionError("--dimensions and --threads take comma-separated positive numbers")
        }
        (self.rows, self.dimensions, self.threads, self.k) = (rows, dimensionList, threadList, k)
        (self.batch, self.repetitions, self.seed) = (batch, repetitions, seed)
    }

    /// The line above the table: what is measured, and on how many cores.
    public var title: String {
        "glimpse bench: \(rows) random unit vectors, k \(k), batch \(batch), median of \(repetitions); \(RowPartition.defaultThreads) cores"
    }

    /// Measures every dimension at every thread count (`SearchBenchmark.run`); `row` gets each
    /// row as soon as it is measured.
    public func run(exportFolder: String? = nil, row: (BenchmarkRow) -> Void) throws {
        try SearchBenchmark(k: k, repetitions: repetitions).run(
            rows: rows, dimensions: dimensions, threads: threads, queries: batch, seed: seed, exportFolder: exportFolder, row: row)
    }
}

import COpenBLAS

/// Many queries in one pass over the rows: OpenBLAS sgemm scores a block of rows against every
/// query, so each row is read once for the whole batch instead of once per query.
///
/// sgemm adds the products in its own order, so its scores may differ from `DotProduct`'s in
/// the last bits. As in `HalfPrecisionSearch`, every row within the rounding tolerance
/// (`ScoreTolerance.reordered`) of a query's running k-th best is kept and re-scored with
/// `DotProduct.dot`: each query's hits and scores are exactly `ExactSearch`'s.
public struct BatchSearch: Sendable {
    public let matrix: Matrix
    public let threads: Int
    /// No row of `matrix` is longer than this (1 for a space's unit rows).
    public let rowNormBound: Float

    /// Below this many queries the single-query scans are faster: a batch reads the float32 rows
    /// once (6.6 ms for 1M x 50 on two threads) plus about 1.2 ms of sgemm per query, while a
    /// single query over half-precision rows takes 4.1 ms (README's table), so a batch of two
    /// barely breaks even and one of four clearly wins.
    public static let minimumQueries = 4

    /// Rows scored per sgemm call. 64 queries x 1,024 rows of scores is 256 KiB, which stays in
    /// a core's 512 KiB L2 while it is scanned; the rows themselves stream from memory once.
    static let blockRows = 1024

    /// A batched search over `matrix`; `rowNormBound` nil measures the rows (one pass), 1 suits a space.
    public init(_ matrix: Matrix, threads: Int = RowPartition.defaultThreads, rowNormBound: Float? = nil) {
        precondition(threads >= 1, "threads must be at least 1")
        self.matrix = matrix
        self.threads = threads
        self.rowNormBound = rowNormBound ?? ScoreTolerance.largestRowNorm(matrix)
    }

    /// The `k` best rows for each query, best first, ties by lower index, leaving out the rows in
    /// `excluding[i]` for query `i` (`excluding` empty: none); the same as `ExactSearch` per query.
    ///
    /// Turns off OpenBLAS's own threading (process-wide): the rows are split over this search's
    /// threads instead, each calling a single-threaded sgemm on its blocks.
    public func nearest(to queries: [[Float]], k: Int, excluding: [Set<Int>] = []) -> [[Hit]] {
        precondition(excluding.isEmpty || excluding.count == queries.count, "one exclusion set per query, or none")
        guard !queries.isEmpty else { return [] }
        guard k > 0 else { return queries.map { _ in [] } }
        let dimension = matrix.dimension
        var packed: [Float] = []
        packed.reserveCapacity(queries.count * dimension)
        for query in queries {
            precondition(query.count == dimension, "query has \(query.count) values, the space \(dimension)")
            packed.append(contentsOf: query)
        }
        let tolerances = queries.map { query in
            query.withUnsafeBufferPointer { q in
                ScoreTolerance.reordered(dimension: dimension, queryNorm: ScoreTolerance.norm(q), rowNormBound: rowNormBound)
            }
        }
        let exclusions = excluding.isEmpty ? [Set<Int>](repeating: [], count: queries.count) : excluding
        let parts = RowPartition.ranges(count: matrix.rows, parts: threads)
        var partial = [[CandidateTopK]](repeating: [], count: parts.count)
        openblas_set_num_threads(1)
        return packed.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            partial.withUnsafeMutableBufferPointer { results in
                let results = results
                RowPartition.run(parts: parts.count) { part in
                    results[part] = Self.scan(
                        matrix, rows: parts[part], queries: queryStart, queryCount: queries.count, k: k,
                        tolerances: tolerances, excluding: exclusions)
                }
            }
            let base = matrix.base
            return (0..<queries.count).map { i in
                CandidateTopK.exactTop(partial.map { $0[i] }, k: k) { row in
                    DotProduct.dot(base + row * dimension, queryStart + i * dimension, count: dimension)
                }
            }
        }
    }

    /// One thread's share: sgemm block by block, then each query's scores through its candidates.
    static func scan(
        _ matrix: Matrix, rows: Range<Int>, queries: UnsafePointer<Float>, queryCount: Int, k: Int,
        tolerances: [Float], excluding: [Set<Int>]
    ) -> [CandidateTopK] {
        var candidates = tolerances.map { CandidateTopK(k: k, tolerance: $0) }
        let dimension = matrix.dimension
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: queryCount * blockRows)
        defer { scores.deallocate() }
        var blockStart = rows.lowerBound
        while blockStart < rows.upperBound {
            let count = min(blockRows, rows.upperBound - blockStart)
            // scores (queries x count) = queries (queries x d) * block^T (d x count), row-major.
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(queryCount), Int32(count), Int32(dimension),
                1, queries, Int32(dimension), matrix.base + blockStart * dimension, Int32(dimension),
                0, scores, Int32(count))
            for i in 0..<queryCount {
                let row = scores + i * count
                var cutoff = candidates[i].cutoff
                // Eight scores per comparison; almost every group is below the cutoff.
                var j = 0
                while j < count {
                    let lanes = min(8, count - j)
                    if lanes == 8 {
                        let eight = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self)
                        if all(eight .< SIMD8<Float>(repeating: cutoff)) {
                            j += 8
                            continue
                        }
                    }
                    for lane in 0..<lanes where !(row[j + lane] < cutoff) {
                        let index = blockStart + j + lane
                        if excluding[i].contains(index) { continue }
                        candidates[i].offer(index: index, score: row[j + lane])
                        cutoff = candidates[i].cutoff
                    }
                    j += lanes
                }
            }
            blockStart += count
        }
        return candidates
    }
}

/// The exact top k, found by scanning half-precision rows and re-scoring the few close calls in float32.
///
/// The scan reads half the bytes of a float32 scan. Every row whose half-precision score
/// comes within the rounding tolerance (`ScoreTolerance.halfPrecision`) of the running
/// k-th best is kept as a candidate, and the candidates are re-scored against the float32
/// rows: hits and scores are exactly `ExactSearch`'s. The float32 rows are touched only for
/// those few candidates, so with a memory-mapped space their pages are mostly never read.
public struct HalfPrecisionSearch: NearestNeighbourSearch {
    public let half: HalfPrecisionMatrix
    /// The float32 rows `half` was rounded from; only candidates are read from it.
    public let exact: Matrix
    public let threads: Int
    /// No row of `exact` is longer than this (1 for a space's unit rows).
    public let rowNormBound: Float

    /// A search over `half`, re-scored with `exact`; `rowNormBound` nil measures the rows (one pass), 1 suits a space.
    public init(half: HalfPrecisionMatrix, exact: Matrix, threads: Int = RowPartition.defaultThreads, rowNormBound: Float? = nil) {
        precondition(half.rows == exact.rows && half.dimension == exact.dimension, "half and float32 matrices differ in shape")
        precondition(threads >= 1, "threads must be at least 1")
        self.half = half
        self.exact = exact
        self.threads = threads
        self.rowNormBound = rowNormBound ?? ScoreTolerance.largestRowNorm(exact)
    }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int> = []) -> [Hit] {
        precondition(query.count == half.dimension, "query has \(query.count) values, the space \(half.dimension)")
        guard k > 0 else { return [] }
        let dimension = half.dimension
        return query.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            let tolerance = ScoreTolerance.halfPrecision(
                dimension: dimension, queryNorm: ScoreTolerance.norm(q), rowNormBound: rowNormBound)
            let partial = BlockScan.candidates(
                Float16Rows.self, base: half.base, rowCount: half.rows, dimension: dimension,
                threads: threads, query: queryStart, k: k, tolerance: tolerance, excluding: excluding)
            let base = exact.base
            return CandidateTopK.exactTop(partial, k: k) { row in
                DotProduct.dot(base + row * dimension, queryStart, count: dimension)
            }
        }
    }

    /// Several queries in one pass of sgemm over the float32 rows (`BatchSearch`, the same hits); a few
    /// one by one over the half-precision rows.
    public func nearest(to queries: [[Float]], k: Int, excluding: [Set<Int>]) -> [[Hit]] {
        guard queries.count >= BatchSearch.minimumQueries else {
            return nearestOneByOne(to: queries, k: k, excluding: excluding)
        }
        return BatchSearch(exact, threads: threads, rowNormBound: rowNormBound).nearest(to: queries, k: k, excluding: excluding)
    }
}

/// The exact scan split across threads: the same hits and scores as `ExactSearch`, bit for bit.
///
/// Each thread scans a contiguous slice of rows with `BlockScan` (eight rows at a time,
/// one vector comparison against the running cutoff), keeping the rows that could still be
/// in the top k; the few such candidates are re-scored with `ExactSearch`'s own
/// `DotProduct.dot`. `Hit.ranksBefore` is a total order, so the merged top k is exactly the
/// plain scan's, ties and exclusions included.
public struct ParallelScan: NearestNeighbourSearch {
    public let matrix: Matrix
    /// Threads to split the rows over (1 scans on the calling thread).
    public let threads: Int
    /// No row of `matrix` is longer than this (1 for a space's unit rows).
    public let rowNormBound: Float

    /// A scan of `matrix`; `rowNormBound` nil measures the rows (one pass), 1 suits a space.
    public init(_ matrix: Matrix, threads: Int = RowPartition.defaultThreads, rowNormBound: Float? = nil) {
        precondition(threads >= 1, "threads must be at least 1")
        self.matrix = matrix
        self.threads = threads
        self.rowNormBound = rowNormBound ?? ScoreTolerance.largestRowNorm(matrix)
    }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int> = []) -> [Hit] {
        precondition(query.count == matrix.dimension, "query has \(query.count) values, the space \(matrix.dimension)")
        guard k > 0 else { return [] }
        let dimension = matrix.dimension
        let base = matrix.base
        return query.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            let tolerance = ScoreTolerance.reordered(
                dimension: dimension, queryNorm: ScoreTolerance.norm(q), rowNormBound: rowNormBound)
            let partial = BlockScan.candidates(
                Float32Rows.self, base: UnsafeRawPointer(base), rowCount: matrix.rows, dimension: dimension,
                threads: threads, query: queryStart, k: k, tolerance: tolerance, excluding: excluding)
            return CandidateTopK.exactTop(partial, k: k) { row in
                DotProduct.dot(base + row * dimension, queryStart, count: dimension)
            }
        }
    }

    /// Several queries in one pass of sgemm over the rows (`BatchSearch`, the same hits); a few one by one.
    public func nearest(to queries: [[Float]], k: Int, excluding: [Set<Int>]) -> [[Hit]] {
        guard queries.count >= BatchSearch.minimumQueries else {
            return nearestOneByOne(to: queries, k: k, excluding: excluding)
        }
        return BatchSearch(matrix, threads: threads, rowNormBound: rowNormBound).nearest(to: queries, k: k, excluding: excluding)
    }
}

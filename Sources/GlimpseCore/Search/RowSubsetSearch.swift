/// The exact top k among some rows of a matrix, such as the images a `where` clause keeps: the
/// same hits and scores as `ExactSearch` over all rows with the others left out, bit for bit.
///
/// A small subset is gathered: each of its rows is scored with `ExactSearch`'s own
/// `DotProduct.dot`, so a filter that keeps 1% of the rows reads about 1% of the bytes. A large
/// one is scanned like `ParallelScan` (or `HalfPrecisionSearch` when the rows are also stored in
/// half precision), offering only the subset's rows as candidates; the candidates are re-scored
/// exactly, as those searches do, so the cost is about an unfiltered query's.
public struct RowSubsetSearch: NearestNeighbourSearch {
    public let matrix: Matrix
    /// A half-precision copy of `matrix` for the scan of large subsets, if there is one.
    public let half: HalfPrecisionMatrix?
    public let subset: RowSet
    public let threads: Int
    /// No row of `matrix` is longer than this (1 for a space's unit rows).
    public let rowNormBound: Float

    /// Subsets of at most this share of the rows are gathered, larger ones scanned. A gathered row
    /// costs a whole exact dot product and a jump in memory, a scanned one a share of an eight-row
    /// block read in order; below a quarter the gather reads so much less that it wins.
    public static let gatheredShare = 0.25

    /// A search of `matrix` among the rows of `subset`; `rowNormBound` nil measures the rows (one pass), 1 suits a space.
    public init(_ matrix: Matrix, half: HalfPrecisionMatrix? = nil, subset: RowSet,
                threads: Int = RowPartition.defaultThreads, rowNormBound: Float? = nil) {
        precondition(subset.rowCount == matrix.rows, "a subset of \(subset.rowCount) rows for a matrix of \(matrix.rows)")
        precondition(half.map { $0.rows == matrix.rows && $0.dimension == matrix.dimension } ?? true, "half and float32 matrices differ in shape")
        precondition(threads >= 1, "threads must be at least 1")
        self.matrix = matrix
        self.half = half
        self.subset = subset
        self.threads = threads
        self.rowNormBound = rowNormBound ?? ScoreTolerance.largestRowNorm(matrix)
    }

    /// Whether a query gathers the subset's rows rather than scanning all of them.
    public var gathers: Bool { Double(subset.count) <= Self.gatheredShare * Double(matrix.rows) }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int> = []) -> [Hit] {
        precondition(query.count == matrix.dimension, "query has \(query.count) values, the space \(matrix.dimension)")
        guard k > 0, !subset.isEmpty else { return [] }
        return gathers ? gathered(query, k: k, excluding: excluding) : scanned(query, k: k, excluding: excluding)
    }

    /// Every row of the subset scored exactly, in `threads` slices of the rows.
    private func gathered(_ query: [Float], k: Int, excluding: Set<Int>) -> [Hit] {
        let dimension = matrix.dimension
        let base = matrix.base
        let subset = self.subset
        // Few rows are not worth a thread hand-off.
        let parts = RowPartition.ranges(count: matrix.rows, parts: subset.count < 4096 ? 1 : threads)
        var partial = [TopK](repeating: TopK(k: k), count: parts.count)
        query.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            partial.withUnsafeMutableBufferPointer { results in
                let results = results
                RowPartition.run(parts: parts.count) { part in
                    var top = TopK(k: k)
                    subset.forEachRow(in: parts[part]) { row in
                        let score = DotProduct.dot(base + row * dimension, queryStart, count: dimension)
                        if top.wouldKeep(index: row, score: score) && !excluding.contains(row) {
                            top.insert(index: row, score: score)
                        }
                    }
                    results[part] = top
                }
            }
        }
        var top = TopK(k: k)
        for part in partial {
            for hit in part.heap { top.insert(index: hit.index, score: hit.score) }
        }
        return top.sorted()
    }

    /// All rows scanned, only the subset's offered as candidates, which are re-scored exactly.
    private func scanned(_ query: [Float], k: Int, excluding: Set<Int>) -> [Hit] {
        let dimension = matrix.dimension
        let base = matrix.base
        return query.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            let queryNorm = ScoreTolerance.norm(q)
            let partial: [CandidateTopK]
            if let half {
                let tolerance = ScoreTolerance.halfPrecision(dimension: dimension, queryNorm: queryNorm, rowNormBound: rowNormBound)
                partial = BlockScan.candidates(
                    Float16Rows.self, base: half.base, rowCount: half.rows, dimension: dimension, threads: threads,
                    query: queryStart, k: k, tolerance: tolerance, excluding: excluding, subset: subset)
            } else {
                let tolerance = ScoreTolerance.reordered(dimension: dimension, queryNorm: queryNorm, rowNormBound: rowNormBound)
                partial = BlockScan.candidates(
                    Float32Rows.self, base: UnsafeRawPointer(base), rowCount: matrix.rows, dimension: dimension, threads: threads,
                    query: queryStart, k: k, tolerance: tolerance, excluding: excluding, subset: subset)
            }
            return CandidateTopK.exactTop(partial, k: k) { row in
                DotProduct.dot(base + row * dimension, queryStart, count: dimension)
            }
        }
    }
}

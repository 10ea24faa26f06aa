/// The exact scan split across threads: the same scores and the same hits as `ExactSearch`, bit for bit.
///
/// Each thread scans a contiguous slice of rows in order with its own bounded heap; the
/// heaps are merged at the end. Scores come from the same `DotProduct.dot` as
/// `ExactSearch`, and `Hit.ranksBefore` is a total order, so the merged top k is exactly
/// the plain scan's, ties and exclusions included. With a full heap a row only reaches the
/// heap if it beats the heap's worst score, so for small k almost every row costs one
/// dot product and one comparison.
public struct ParallelScan: NearestNeighbourSearch {
    public let matrix: Matrix
    /// Threads to split the rows over (1 scans on the calling thread).
    public let threads: Int

    public init(_ matrix: Matrix, threads: Int = RowPartition.defaultThreads) {
        precondition(threads >= 1, "threads must be at least 1")
        self.matrix = matrix
        self.threads = threads
    }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int> = []) -> [Hit] {
        precondition(query.count == matrix.dimension, "query has \(query.count) values, the space \(matrix.dimension)")
        guard k > 0 else { return [] }
        let parts = RowPartition.ranges(count: matrix.rows, parts: threads)
        var partial = [TopK](repeating: TopK(k: 0), count: parts.count)
        query.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            partial.withUnsafeMutableBufferPointer { results in
                let results = results
                RowPartition.run(parts: parts.count) { part in
                    results[part] = Self.scan(matrix, rows: parts[part], query: queryStart, k: k, excluding: excluding)
                }
            }
        }
        return TopK.merging(partial, k: k)
    }

    /// The top k of `rows`, scanned in increasing row order.
    static func scan(_ matrix: Matrix, rows: Range<Int>, query: UnsafePointer<Float>, k: Int, excluding: Set<Int>) -> TopK {
        var top = TopK(k: k)
        let dimension = matrix.dimension
        let base = matrix.base
        // NaN while the heap is not full, so that every score (NaN and -inf included) takes the slow
        // path; then the worst kept score. A score equal to it cannot get in: the kept hit has a
        // lower index, since rows arrive in increasing order.
        var threshold = Float.nan
        for row in rows {
            let score = DotProduct.dot(base + row * dimension, query, count: dimension)
            if !(score <= threshold) {
                if top.wouldKeep(index: row, score: score) && !excluding.contains(row) {
                    top.insert(index: row, score: score)
                    if let worst = top.threshold { threshold = worst.score }
                }
            }
        }
        return top
    }
}

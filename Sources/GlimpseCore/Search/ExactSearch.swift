/// Brute-force cosine search: scores every row of a matrix against the query.
///
/// Rows and query are unit vectors, so cosine is the dot product. This is the ground
/// truth that any faster index is tested against.
public struct ExactSearch: NearestNeighbourSearch {
    public let matrix: Matrix

    public init(_ matrix: Matrix) {
        self.matrix = matrix
    }

    public func nearest(to query: [Float], k: Int, excluding: Set<Int> = []) -> [Hit] {
        precondition(query.count == matrix.dimension, "query has \(query.count) values, the space \(matrix.dimension)")
        guard k > 0 else { return [] }
        var top = TopK(k: k)
        let dimension = matrix.dimension
        let base = matrix.base
        query.withUnsafeBufferPointer { q in
            let queryStart = q.baseAddress!
            for row in 0..<matrix.rows {
                let score = DotProduct.dot(base + row * dimension, queryStart, count: dimension)
                // Exclusions are few (the query's own terms), so test them only for hits that would get in.
                if top.wouldKeep(index: row, score: score) && !excluding.contains(row) {
                    top.insert(index: row, score: score)
                }
            }
        }
        return top.sorted()
    }

    /// The score of every row, in row order; the full scan the top-k is checked against.
    public func scores(for query: [Float]) -> [Float] {
        precondition(query.count == matrix.dimension, "query has \(query.count) values, the space \(matrix.dimension)")
        let dimension = matrix.dimension
        let base = matrix.base
        return query.withUnsafeBufferPointer { q in
            (0..<matrix.rows).map { DotProduct.dot(base + $0 * dimension, q.baseAddress!, count: dimension) }
        }
    }
}

/// Finds the rows of a matrix most similar to a query; the exact scan is the reference every faster index is tested against.
public protocol NearestNeighbourSearch: Sendable {
    /// The `k` best rows for `query` (already normalised by the caller), best first, ties by lower index,
    /// leaving out the rows in `excluding`. Returns `[]` for `k <= 0`, and all remaining rows if fewer than `k`.
    func nearest(to query: [Float], k: Int, excluding: Set<Int>) -> [Hit]
}

extension NearestNeighbourSearch {
    /// The `k` best rows for `query`, excluding none.
    public func nearest(to query: [Float], k: Int) -> [Hit] {
        nearest(to: query, k: k, excluding: [])
    }
}

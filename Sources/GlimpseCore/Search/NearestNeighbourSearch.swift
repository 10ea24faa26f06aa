/// Finds the rows of a matrix most similar to a query; the exact scan is the reference every faster index is tested against.
public protocol NearestNeighbourSearch: Sendable {
    /// The `k` best rows for `query` (already normalised by the caller), best first, ties by lower index,
    /// leaving out the rows in `excluding`. Returns `[]` for `k <= 0`, and all remaining rows if fewer than `k`.
    func nearest(to query: [Float], k: Int, excluding: Set<Int>) -> [Hit]

    /// The `k` best rows for each of `queries`, leaving out the rows in `excluding[i]` for query `i`
    /// (`excluding` empty: none): exactly what `nearest(to:k:excluding:)` gives for each query alone.
    /// A search that can answer many queries in one pass over the rows does so here; the default asks
    /// the queries one by one.
    func nearest(to queries: [[Float]], k: Int, excluding: [Set<Int>]) -> [[Hit]]
}

extension NearestNeighbourSearch {
    /// The `k` best rows for `query`, excluding none.
    public func nearest(to query: [Float], k: Int) -> [Hit] {
        nearest(to: query, k: k, excluding: [])
    }

    public func nearest(to queries: [[Float]], k: Int, excluding: [Set<Int>]) -> [[Hit]] {
        nearestOneByOne(to: queries, k: k, excluding: excluding)
    }

    /// The batch answered by asking `nearest(to:k:excluding:)` for each query in turn.
    public func nearestOneByOne(to queries: [[Float]], k: Int, excluding: [Set<Int>]) -> [[Hit]] {
        precondition(excluding.isEmpty || excluding.count == queries.count, "one exclusion set per query, or none")
        return queries.indices.map { nearest(to: queries[$0], k: k, excluding: excluding.isEmpty ? [] : excluding[$0]) }
    }
}

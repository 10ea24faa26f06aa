/// The first k hits of an exact ranking that pass a score range and, with a distinct threshold,
/// are not near-copies of a better hit: what `where score ...` and `distinct` list.
///
/// The ranking is read as a prefix that grows (fourfold) until k hits are kept, the ranking
/// ends, or a score falls below the range's lower bound (every later one is lower). Each prefix
/// of an exact ranking is exact, so the selection is the one the whole ranking would give.
public struct HitSelection: Sendable {
    /// A kept hit and how many hits below it were folded into it as near-copies.
    public struct Kept: Sendable, Equatable {
        public var hit: Hit
        public var folded: Int

        public init(hit: Hit, folded: Int = 0) {
            self.hit = hit
            self.folded = folded
        }
    }

    /// Hits whose cosine similarity to a better kept hit is at least `threshold` are folded into it.
    public struct Distinct: Sendable {
        public var threshold: Float
        /// The unit vectors of the ranked rows, to compare hits with.
        public var rows: Matrix

        public init(threshold: Float, rows: Matrix) {
            self.threshold = threshold
            self.rows = rows
        }
    }

    public var k: Int
    /// The score range, given the best score of the ranking (`score >= best - 0.05`).
    public var range: @Sendable (_ best: Float) -> ScoreRange
    public var distinct: Distinct?

    public init(k: Int, range: @escaping @Sendable (_ best: Float) -> ScoreRange = { _ in .all }, distinct: Distinct? = nil) {
        self.k = k
        self.range = range
        self.distinct = distinct
    }

    /// The kept hits, best first, and how many hits were folded in all. `ranking(n)` must give the
    /// first n hits of one exact ranking (fewer only when it has no more).
    public func select(from ranking: (Int) -> [Hit]) -> (kept: [Kept], folded: Int) {
        guard k > 0 else { return ([], 0) }
        var length = k
        while true {
            let ranked = ranking(length)
            guard let best = ranked.first?.score else { return ([], 0) }
            let (kept, folded, complete) = select(ranked, range: range(best))
            if complete || ranked.count < length { return (kept, folded) }
            length = length > Int.max / 4 ? Int.max : length * 4
        }
    }

    /// The selection from a prefix of the ranking; complete when no later hit could change it.
    private func select(_ ranked: [Hit], range: ScoreRange) -> (kept: [Kept], folded: Int, complete: Bool) {
        var kept: [Kept] = []
        var folded = 0
        for hit in ranked {
            if range.isBelowLower(hit.score) { return (kept, folded, true) }
            guard range.contains(hit.score) else { continue }
            if let distinct, let better = kept.firstIndex(where: { distinct.areNearCopies($0.hit.index, hit.index) }) {
                kept[better].folded += 1
                folded += 1
                continue
            }
            kept.append(Kept(hit: hit))
            if kept.count == k { return (kept, folded, true) }
        }
        return (kept, folded, false)
    }
}

extension HitSelection.Distinct {
    /// Whether rows `a` and `b` are at least `threshold` alike (cosine, the rows being unit vectors).
    func areNearCopies(_ a: Int, _ b: Int) -> Bool {
        let dimension = rows.dimension
        return DotProduct.dot(rows.base + a * dimension, rows.base + b * dimension, count: dimension) >= threshold
    }
}

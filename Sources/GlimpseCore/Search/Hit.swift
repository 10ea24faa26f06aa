/// One search result: a row of the searched matrix and its score (cosine similarity for unit rows).
public struct Hit: Sendable, Equatable {
    public let index: Int
    public let score: Float

    public init(index: Int, score: Float) {
        self.index = index
        self.score = score
    }

    /// The result order: higher score first, then lower index, so equal scores list deterministically.
    /// NaN ranks below every number (it can only come from a NaN query, but must not break the order).
    @inline(__always)
    public static func ranksBefore(_ a: Hit, _ b: Hit) -> Bool {
        if a.score > b.score { return true }
        if a.score < b.score { return false }
        if a.score == b.score { return a.index < b.index }
        // At least one is NaN.
        if a.score.isNaN != b.score.isNaN { return b.score.isNaN }
        return a.index < b.index
    }
}

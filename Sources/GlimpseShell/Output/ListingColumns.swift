import GlimpseLanguage

/// The columns `explain` and `distinct` add to a listing's table: one per term of the query with
/// its share of each score, and how many near-copies each hit took in; plus the line under the
/// table that counts the folded hits.
public struct ListingColumns {
    public var explanation: Explanation?
    public var distinct: FoldedHits?

    public init(explanation: Explanation?, distinct: FoldedHits?) {
        self.explanation = explanation
        self.distinct = distinct
    }

    public var headers: [String] {
        (explanation?.terms ?? []) + (distinct == nil ? [] : ["folded"])
    }

    /// The cells of the i-th hit.
    public func cells(_ i: Int) -> [String] {
        (explanation?.shares[i].map { ScoreText.fixed($0, digits: 3) } ?? []) + (distinct.map { [String($0.perHit[i])] } ?? [])
    }

    /// `(3 near-copies folded into better hits: distinct 0.95)`, when the listing has `distinct`.
    var footer: String {
        guard let distinct else { return "" }
        return "(\(Self.foldedText(distinct)))\n"
    }

    public static func foldedText(_ distinct: FoldedHits) -> String {
        let hits = distinct.total == 1 ? "near-copy" : "near-copies"
        return "\(distinct.total) \(hits) folded into better hits: distinct \(ScoreText.number(distinct.threshold))"
    }
}

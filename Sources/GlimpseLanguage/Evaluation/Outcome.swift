import GlimpseCore

/// What running one statement produced, self-contained so that any formatter
/// (table, JSON, CSV, paths, notebook) can print it without the space.
public enum Outcome: Sendable, Equatable {
    /// `top`: the nearest images.
    case images(ImageListing)
    /// `words`: the nearest words.
    case words(WordListing)
    /// A bare expression that is a number, or `sim(a, b)`.
    case number(Double, expression: String)
    /// A bare expression that is a vector: its formula and nearest words.
    case vector(VectorSummary)
    /// `show IMG_n`: an image's metadata.
    case image(ImageDetails)
    /// `let name = ...`: nothing to print in a script.
    case binding(name: String, value: Value)
}

/// The result of `top`.
public struct ImageListing: Sendable, Equatable {
    /// The query as evaluated, with its weights.
    public var query: String
    public var requested: Int
    /// Whether the query's own images may appear (`including query`).
    public var includesQuery: Bool
    public var hits: [ImageHit]
    /// The `where` condition, as Glimpse prints it, when the statement has one.
    public var filter: String? = nil
    /// What `distinct` folded, when the statement has the clause.
    public var distinct: FoldedHits? = nil
    /// Each hit's score split into its terms' shares, for `explain`.
    public var explanation: Explanation? = nil

    /// The statement as evaluated: `top 5 IMG_3 + 2*park including query`.
    public var statement: String {
        (explanation == nil ? "" : "explain ") + "top \(requested) \(query)"
            + ListingText.clauses(among: nil, filter: filter, distinct: distinct, includesQuery: includesQuery)
    }
}

/// The result of `words`.
public struct WordListing: Sendable, Equatable {
    public var query: String
    public var requested: Int
    /// Whether the query's own words may appear (`including query`).
    public var includesQuery: Bool
    /// Only the first N words of the vocabulary were searched (`among N`).
    public var among: Int?
    public var hits: [WordHit]
    /// The `where` condition (scores only), as Glimpse prints it, when the statement has one.
    public var filter: String? = nil
    /// What `distinct` folded, when the statement has the clause.
    public var distinct: FoldedHits? = nil
    /// Each hit's score split into its terms' shares, for `explain`.
    public var explanation: Explanation? = nil

    /// The statement as evaluated: `words 3 king - man + woman`.
    public var statement: String {
        (explanation == nil ? "" : "explain ") + "words \(requested) \(query)"
            + ListingText.clauses(among: among, filter: filter, distinct: distinct, includesQuery: includesQuery)
    }
}

/// What `distinct` did to a listing.
public struct FoldedHits: Sendable, Equatable {
    /// Hits at least this alike (cosine) to a better listed hit were folded into it.
    public var threshold: Double
    /// How many hits, ranked above the last one listed, were folded.
    public var total: Int
    /// Per listed hit, in order, how many were folded into it.
    public var perHit: [Int]
}

/// `explain`: how much each term of the query gives each hit's score. The score is the sum of
/// weight x cosine(term, hit) over the terms, divided by the query's length; each share is one
/// term of that sum, so the shares add up to the score.
public struct Explanation: Sendable, Equatable {
    /// The terms as the query's formula shows them: `beach`, `2*sunrise`, `-city`.
    public var terms: [String]
    /// Per listed hit, in order: each term's share of its score, in the order of `terms`.
    public var shares: [[Double]]
}

/// The clauses of a listing as a statement prints them, in the Printer's order.
enum ListingText {
    static func clauses(among: Int?, filter: String?, distinct: FoldedHits?, includesQuery: Bool) -> String {
        var out = among.map { " among \($0)" } ?? ""
        if let filter { out += " where " + filter }
        if let distinct { out += " distinct " + Printer.number(distinct.threshold) }
        if includesQuery { out += " including query" }
        return out
    }
}

public struct VectorSummary: Sendable, Equatable {
    public var formula: String
    public var length: Float
    public var nearestWords: [WordHit]
}

/// An image and its metadata, as `show` prints it.
public struct ImageDetails: Sendable, Equatable {
    public var row: Int
    /// The number in its id (`Space.imageNumber(row:)`).
    public var number: Int
    public var record: ImageRecord
    /// What its file says (size, pixels, times, camera), when the space records it.
    public var facts: ImageFileFacts?

    public var id: String { "IMG_\(number)" }
}

/// An image with its rank and score in a listing.
public struct ImageHit: Sendable, Equatable {
    public var rank: Int
    /// The row in the space; the id users type is `id`.
    public var row: Int
    /// The number in its id (`Space.imageNumber(row:)`).
    public var number: Int
    public var score: Float
    public var record: ImageRecord
    /// What its file says (size, pixels, times, camera), when the space records it.
    public var facts: ImageFileFacts?

    public var id: String { "IMG_\(number)" }
}

public struct WordHit: Sendable, Equatable {
    public var rank: Int
    public var index: Int
    public var word: String
    public var score: Float
}

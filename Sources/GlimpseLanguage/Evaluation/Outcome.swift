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

    /// The statement as evaluated: `top 5 IMG_3 + 2*park including query`.
    public var statement: String {
        "top \(requested) \(query)" + (includesQuery ? " including query" : "")
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

    /// The statement as evaluated: `words 3 king - man + woman`.
    public var statement: String {
        "words \(requested) \(query)" + (among.map { " among \($0)" } ?? "") + (includesQuery ? " including query" : "")
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

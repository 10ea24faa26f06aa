import GlimpseCore

/// The images of a space, wherever they are kept: in the space file (`SpaceFileImages`) or in
/// a database. `top` searches them; `IMG_n`, `#n`, `show` and the listings read them.
///
/// Rows and numbers are the space's own: row r is the r-th image, `IMG_n` the image numbered n.
/// Reading a database can fail (a dropped connection): those calls throw, and the evaluator
/// reports the error as a diagnostic of the input stage (`DiagnosticID.imagesUnreadable`, exit 74);
/// a `Diagnostic` thrown (a collection that does not exist) passes through as it is.
public protocol SpaceImages: AnyObject {
    /// How many images there are.
    var count: Int { get }
    /// The number in the id users see for image `row` (`IMG_12`).
    func number(row: Int) -> Int
    /// The row of the image numbered `number`, or nil when no image has it.
    func row(number: Int) -> Int?
    /// The images' numbers by row when the space keeps its own, nil when `IMG_n` is row n - 1.
    var keptNumbers: [Int]? { get }
    /// The file of the image that had `number` before an update removed it, or nil.
    func retiredFile(number: Int) -> String?
    /// Whether an update removed images, leaving gaps between the numbers.
    var hasRetiredNumbers: Bool { get }

    /// The unit vectors of `rows`, in that order, one matrix row each.
    func vectors(rows: [Int]) throws -> Matrix
    /// What the space records of each of `rows`, in that order.
    func descriptions(rows: [Int]) throws -> [ImageDescription]

    /// The `k` best images for `query` (a unit vector) among those the metadata comparisons of
    /// `condition` keep (all of them for nil or a condition on scores only), best first, ties by
    /// lower row, leaving out `excluding`: the exact ranking, a prefix of which grows as
    /// `HitSelection` asks for more.
    func nearest(to query: [Float], k: Int, excluding: Set<Int>, where condition: Condition?) throws -> [Hit]

    /// A search over all the images that answers many queries in one pass, for searching ahead;
    /// nil when the images are searched elsewhere, one query at a time.
    var batchSearch: (any NearestNeighbourSearch)? { get }
    /// Every image's unit vector, in row order, when they are in memory (`distinct` compares
    /// hits with them); nil otherwise.
    var vectorsInMemory: Matrix? { get }
    /// What `.space` says of where the images are, beyond the counts: nothing for a space file;
    /// a database's address (never its password), server and search mode.
    var whereabouts: [(label: String, value: String)] { get }
}

/// What a space records of one image: its record and, for spaces of photo files, what its file says.
public struct ImageDescription: Sendable, Equatable {
    public var record: ImageRecord
    public var facts: ImageFileFacts?

    public init(record: ImageRecord, facts: ImageFileFacts? = nil) {
        self.record = record
        self.facts = facts
    }
}

extension SpaceImages {
    /// The smallest and largest number, or nil without images.
    public var numberRange: ClosedRange<Int>? {
        guard count > 0 else { return nil }
        guard let numbers = keptNumbers else { return 1...count }
        return numbers.min()!...numbers.max()!
    }
}

extension Condition {
    /// Whether it compares anything besides scores: only then does it choose the rows to search.
    public var comparesMetadata: Bool {
        switch kind {
        case .comparison(let comparison): comparison.field != .score
        case .and(let left, let right), .or(let left, let right): left.comparesMetadata || right.comparesMetadata
        case .not(let operand), .group(let operand): operand.comparesMetadata
        }
    }
}

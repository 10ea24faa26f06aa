/// Caption targets and query words derived from an image's metadata.
///
/// The target an image is trained towards is the normalised mean of the unit word
/// vectors of its tag words (optionally with its title words); the calibration found
/// tags alone better on openclipart. The words that can query for an image in the
/// evaluation are its single-word tags that have a vector.
public struct Captions: Sendable {
    /// Which metadata words make up an image's caption.
    public enum Source: String, Sendable, CaseIterable {
        case tags
        case tagsAndTitle = "tags+title"
        /// Only the tags that are words themselves (the evaluation's query words), as the
        /// baselines' caption: a multi-word tag such as an author's name adds nothing.
        /// Images without such a tag have no target.
        case wordTags = "word-tags"
        /// `wordTags`, falling back to `tags` for images without a one-word tag.
        case wordTagsElseTags = "word-tags-else-tags"
        /// The title's words only (for emoji: the CLDR name, which is the name query).
        case title
        /// The mean of two unit vectors: the tags' mean and the title's mean, so a long
        /// keyword list does not drown a short name.
        case tagsAndTitleBalanced = "tags|title"
    }

    /// Metadata words that say nothing about the picture (openclipart's housekeeping tags).
    public static let stopWords: Set<String> = [
        "hash", "magick", "clip", "art", "clipart", "openclipart", "image", "svg", "png", "media", "theme",
        "icon", "icons", "public", "domain", "unsorted", "special", "externalsource", "11",
    ]

    /// `n x d` unit targets; rows of images without any known caption word are zero.
    public var targets: DenseMatrix
    /// Whether an image has a target.
    public var hasTarget: [Bool]
    /// Equal ids for equal word sets, so identical captions are not used as each other's negatives.
    public var captionIDs: [Int]
    /// Per image: its single-word tags that have a vector (the evaluation's queries), sorted.
    public var queryWords: [[String]]
    /// Per image: the words its target averages, sorted.
    public var captionWords: [[String]]

    /// Builds captions for every image of `collection`.
    public init(collection: ImageCollection, source: Source, words: WordVectors) {
        let d = words.dimension
        var targets = DenseMatrix(rows: collection.count, columns: d)
        var hasTarget = [Bool](repeating: false, count: collection.count)
        var ids: [Int] = []
        var idOf: [[String]: Int] = [:]
        var queryWords: [[String]] = []
        var captionWords: [[String]] = []
        for i in 0..<collection.count {
            var set = Set<String>()
            var queries = Set<String>()
            for tag in collection.tags[i] {
                let toks = WordVectors.tokens(tag).filter { !Self.stopWords.contains($0) && words.index[$0] != nil }
                set.formUnion(toks)
                let whole = tag.lowercased()
                if words.index[whole] != nil && !Self.stopWords.contains(whole) { queries.insert(whole) }
            }
            if source == .wordTags || (source == .wordTagsElseTags && !queries.isEmpty) {
                set = queries
            }
            let titleWords = WordVectors.tokens(collection.titles[i]).filter { !Self.stopWords.contains($0) && words.index[$0] != nil }
            var target: [Float]? = nil
            switch source {
            case .tagsAndTitle:
                set.formUnion(titleWords)
            case .title:
                set = Set(titleWords)
            case .tagsAndTitleBalanced:
                let parts = [words.meanVector(of: set.sorted()), words.meanVector(of: Set(titleWords).sorted())].compactMap { $0 }
                if !parts.isEmpty {
                    let sum = (0..<d).map { j in parts.reduce(Float(0)) { $0 + $1[j] } }
                    let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
                    if norm > 0 { target = sum.map { $0 / norm } }
                }
                set.formUnion(titleWords)
            case .tags, .wordTags, .wordTagsElseTags:
                break
            }
            let sorted = set.sorted()
            captionWords.append(sorted)
            if let v = target ?? (source == .tagsAndTitleBalanced ? nil : words.meanVector(of: sorted)) {
                for j in 0..<d { targets[i, j] = v[j] }
                hasTarget[i] = true
            }
            if let id = idOf[sorted] {
                ids.append(id)
            } else {
                idOf[sorted] = idOf.count
                ids.append(idOf.count - 1)
            }
            queryWords.append(queries.sorted())
        }
        self.targets = targets
        self.hasTarget = hasTarget
        self.captionIDs = ids
        self.queryWords = queryWords
        self.captionWords = captionWords
    }
}

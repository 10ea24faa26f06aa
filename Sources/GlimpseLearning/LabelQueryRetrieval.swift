/// Retrieval of labelled images by one-word label queries, as `top 10 dog` ranks a
/// photo collection: every label with enough images is a query (its word vector),
/// the images are ranked by cosine to it, and the images carrying the label are the
/// relevant ones. Reports each query's average precision and P@10, and their means.
public struct LabelQueryRetrieval: Sendable {
    /// One label query's numbers.
    public struct Query: Sendable, Equatable {
        public var label: String
        /// How many images carry the label.
        public var relevant: Int
        public var averagePrecision: Double
        public var precisionAt10: Double
    }

    /// The queries, in label order; labels missing from the vocabulary or with too few images are left out.
    public var queries: [Query]
    /// Labels that carry enough images but have no word vector (so cannot be queried).
    public var unknownLabels: [String]

    public var meanAveragePrecision: Double { mean(queries.map(\.averagePrecision)) }
    public var meanPrecisionAt10: Double { mean(queries.map(\.precisionAt10)) }

    /// Ranks `images` (`n x d`, one row per image, compared by cosine) for each label of
    /// `labels` (one list per image) carried by at least `minimumImages` images.
    /// With `penalty` (one per image) an image scores `2 cos - penalty` instead of its
    /// cosine: a hubness correction (`HubnessCorrection`).
    public init(images: DenseMatrix, labels: [[String]], words: WordVectors, minimumImages: Int = 5, penalty: [Float]? = nil) {
        precondition(images.rows == labels.count, "one label list per image")
        precondition(penalty == nil || penalty?.count == images.rows, "one penalty per image")
        var counts: [String: Int] = [:]
        for list in labels { for label in Set(list) { counts[label, default: 0] += 1 } }
        let queried = counts.filter { $0.value >= minimumImages }.map(\.key).sorted()
        let unit = images.rowNormalised()
        var queries: [Query] = []
        var unknown: [String] = []
        for label in queried {
            guard let vector = words.vector(label) else { unknown.append(label); continue }
            let q = DenseMatrix(rows: 1, columns: vector.count, values: vector).rowNormalised()
            var scores = LinearAlgebra.product(unit, q, transposeB: true).values
            if let penalty { for i in scores.indices { scores[i] = 2 * scores[i] - penalty[i] } }
            let relevant = labels.map { $0.contains(label) }
            queries.append(Query(
                label: label, relevant: counts[label]!,
                averagePrecision: RetrievalMetrics.averagePrecision(scores: scores, relevant: relevant),
                precisionAt10: RetrievalMetrics.precision(at: 10, scores: scores, relevant: relevant)))
        }
        self.queries = queries
        self.unknownLabels = unknown
    }

    /// `words k IMG among n` for every labelled image: the share of images (with at least one
    /// queried label) whose `k` nearest of the first `among` words include one of their labels.
    public static func wordHitRate(images: DenseMatrix, labels: [[String]], queried: Set<String>, words: WordVectors,
                                   k: Int = 10, among: Int = 20000) -> Double {
        precondition(images.rows == labels.count, "one label list per image")
        let n = min(among, words.words.count)
        let vocabulary = words.vectors.gathering(rows: Array(0..<n))
        let similarity = LinearAlgebra.product(images.rowNormalised(), vocabulary, transposeB: true)
        var hits = 0
        var counted = 0
        for i in 0..<images.rows {
            let wanted = Set(labels[i]).intersection(queried)
            guard !wanted.isEmpty else { continue }
            counted += 1
            let nearest = RetrievalMetrics.top(k, similarity.row(i))
            if nearest.contains(where: { wanted.contains(words.words[$0]) }) { hits += 1 }
        }
        return counted == 0 ? 0 : Double(hits) / Double(counted)
    }

    private func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
}

/// CSLS-style hubness correction (Conneau et al. 2018): an image that is near many words
/// (a hub) would top many queries; its mean cosine to its `neighbours` nearest words is
/// subtracted (`2 cos - r`), so a query's ranking favours images specifically near it.
public enum HubnessCorrection {
    /// Each image's mean cosine to its `neighbours` nearest of the first `among` words.
    public static func penalty(images: DenseMatrix, words: WordVectors, neighbours: Int, among: Int = 20000) -> [Float] {
        precondition(neighbours >= 1)
        let n = min(among, words.words.count)
        let vocabulary = words.vectors.gathering(rows: Array(0..<n))
        let similarity = LinearAlgebra.product(images.rowNormalised(), vocabulary, transposeB: true)
        return (0..<images.rows).map { i in
            let row = similarity.row(i)
            let top = RetrievalMetrics.top(neighbours, row).map { row[$0] }
            return top.reduce(0, +) / Float(top.count)
        }
    }
}

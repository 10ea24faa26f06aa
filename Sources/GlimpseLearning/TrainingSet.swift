/// Rows to train a head on: CNN outputs, unit caption targets and caption identities.
public struct TrainingSet: Sendable {
    public var features: DenseMatrix
    /// ImageNet logits, row-aligned with `features`; needed for heads that read probabilities.
    public var logits: DenseMatrix?
    /// Unit caption targets, `n x d`.
    public var targets: DenseMatrix
    /// Equal for rows with bit-identical targets: such rows are not negatives of each other.
    public var captionIDs: [Int]
    /// Unit vectors of the caption words of the training rows (`K x d`), for `TagWordLoss`.
    public var vocabulary: DenseMatrix?
    /// Per row: indices into `vocabulary` of its caption words.
    public var wordLists: [[Int]] = []
    /// Extra views of the rows (row-aligned with `features`); training draws one view
    /// per row per epoch among the rows' own and these.
    public var views: [ViewFeatures] = []

    public init(features: DenseMatrix, logits: DenseMatrix?, targets: DenseMatrix) {
        precondition(features.rows == targets.rows && (logits == nil || logits!.rows == features.rows))
        self.features = features
        self.logits = logits
        self.targets = targets
        var ids: [[UInt32]: Int] = [:]
        captionIDs = (0..<targets.rows).map { i in
            let key = targets.row(i).map(\.bitPattern)
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
    }

    /// The images `indices` of each collection that have a caption target, concatenated in order;
    /// with `words`, also the caption-word vocabulary for `TagWordLoss`.
    public init(_ parts: [(collection: ImageCollection, captions: Captions, indices: [Int])], words: WordVectors? = nil) {
        var features: DenseMatrix? = nil, logits: DenseMatrix? = nil, targets: DenseMatrix? = nil
        var allLogits = true
        let viewCount = parts.map { $0.collection.views.count }.min() ?? 0
        var views: [ViewFeatures] = []
        for p in parts {
            let kept = p.indices.filter { p.captions.hasTarget[$0] }
            let f = p.collection.features.gathering(rows: kept)
            let t = p.captions.targets.gathering(rows: kept)
            features = features.map { $0.appending(rows: f) } ?? f
            targets = targets.map { $0.appending(rows: t) } ?? t
            if let l = p.collection.logits?.gathering(rows: kept) {
                logits = logits.map { $0.appending(rows: l) } ?? l
            } else {
                allLogits = false
            }
            for v in 0..<viewCount {
                let g = p.collection.views[v].gathering(rows: kept)
                if views.count <= v {
                    views.append(g)
                } else {
                    views[v].features = views[v].features.appending(rows: g.features)
                    views[v].logits = views[v].logits.flatMap { a in g.logits.map { a.appending(rows: $0) } }
                }
            }
        }
        self.init(features: features ?? DenseMatrix(rows: 0, columns: 0), logits: allLogits ? logits : nil,
                  targets: targets ?? DenseMatrix(rows: 0, columns: 0))
        self.views = allLogits ? views : views.map { ViewFeatures(name: $0.name, features: $0.features, logits: nil) }
        if let words {
            let lists = parts.flatMap { p in p.indices.filter { p.captions.hasTarget[$0] }.map { p.captions.captionWords[$0] } }
            let vocabulary = Set(lists.joined()).sorted()
            let position = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
            self.vocabulary = DenseMatrix(rows: vocabulary.count, columns: words.dimension,
                                     values: vocabulary.flatMap { words.vector($0)! })
            wordLists = lists.map { $0.map { position[$0]! } }
        }
    }

    public var count: Int { features.rows }
}

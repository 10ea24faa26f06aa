/// Rows to train a head on: CNN outputs, unit caption targets and caption identities.
public struct TrainingSet: Sendable {
    public var features: Matrix
    /// ImageNet logits, row-aligned with `features`; needed for heads that read probabilities.
    public var logits: Matrix?
    /// Unit caption targets, `n x d`.
    public var targets: Matrix
    /// Equal for rows with bit-identical targets: such rows are not negatives of each other.
    public var captionIDs: [Int]

    public init(features: Matrix, logits: Matrix?, targets: Matrix) {
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

    /// The images `indices` of each collection that have a caption target, concatenated in order.
    public init(_ parts: [(collection: ImageCollection, captions: Captions, indices: [Int])]) {
        var features: Matrix? = nil, logits: Matrix? = nil, targets: Matrix? = nil
        var allLogits = true
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
        }
        self.init(features: features ?? Matrix(rows: 0, columns: 0), logits: allLogits ? logits : nil,
                  targets: targets ?? Matrix(rows: 0, columns: 0))
    }

    public var count: Int { features.rows }
}

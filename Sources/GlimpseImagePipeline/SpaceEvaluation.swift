import GlimpseCore
import GlimpseLearning
import GlimpseVision

/// How well a built space's images are found by words (`glimpse eval`): on the test
/// images of the space's own split, and on the published baselines' protocol, where
/// each collection's head is retrained on a random half and tested on the other.
///
/// Reassembles the experiment the space was built from: its words, its collections'
/// cached features (with their views), their caption targets, the stored split and
/// each collection's model.
public struct SpaceEvaluation: Sendable {
    public let info: ImageModelInfo
    let words: WordVectors
    let collections: [LabelledCollection]
    /// The space's own split, one part per collection.
    let ownSplits: [DataSplit]
    /// The head of the space's image model section (the first collection's).
    let head: ProjectionHead
    /// Each collection's head, views and transfer; nil in spaces built before
    /// per-collection heads, which hold one head for all.
    let models: [CollectionModel]?

    public static let ownSplitTitle = "held-out test images (this space's own split, near-copies kept on one side)"

    /// The evaluation of `space` over the features cached in `cache`, or nil when the
    /// space carries no image model. Throws when the model or the cache is damaged or
    /// no longer matches the space.
    public static func of(_ space: Space, cache: GlimpseCache) throws -> SpaceEvaluation? {
        guard let info = ImageModelInfo.of(space), let headBytes = space.attachment(.imageModel),
              let splitBytes = space.attachment(.imageSplit) else { return nil }
        let head = try ProjectionHead(decoding: headBytes)
        let words = WordVectors(
            words: (0..<space.wordCount).map { space.words[$0] },
            vectors: DenseMatrix(rows: space.wordCount, columns: space.dimension, values: space.wordVectors.values))
        // Spaces built since per-collection heads carry each collection's model; older
        // ones one head for all, trained on tags (emoji: tags and names) alone.
        let models = try space.attachment(.imageCollectionModels).map { try CollectionModels.decode($0, shared: head) }
        if let models {
            guard models.count == info.collections.count, zip(models, info.collections).allSatisfy({ $0.name == $1.name }) else {
                throw ImageModelError("the space's collection models do not match its collections")
            }
        }
        var collections: [LabelledCollection] = []
        var ownSplits: [DataSplit] = []
        var row = 0
        let split = try DataSplit(decoding: splitBytes)
        let featureCache = FeatureCache(cache: cache)
        for (k, entry) in info.collections.enumerated() {
            var images = try featureCache.imageCollection(name: entry.name)
            guard images.count == entry.count, row + entry.count <= space.imageCount,
                  (0..<entry.count).allSatisfy({ images.files[$0] == space.image(at: row + $0).file }) else {
                throw ImageModelError("the feature cache for \(entry.name) no longer matches this space: rebuild it with 'glimpse build'")
            }
            if let model = models?[k] { images = try featureCache.addingViews(model.viewCacheNames, to: images) }
            let source = models?[k].captionSource ?? (entry.namedImages ? .tagsAndTitle : .tags)
            collections.append(LabelledCollection(
                collection: images, captions: Captions(collection: images, source: source, words: words),
                evaluatesNames: entry.namedImages))
            ownSplits.append(DataSplit(parts: Array(split.parts[row..<(row + entry.count)])))
            row += entry.count
        }
        return SpaceEvaluation(info: info, words: words, collections: collections, ownSplits: ownSplits, head: head, models: models)
    }

    /// The test images of the space's own split, each collection through its own head,
    /// views and transfer, as its stored vectors were made.
    public func ownSplit() throws -> EvaluationReport {
        var own = Experiment(words: words, collections: collections, splits: ownSplits)
        guard let models else { return try own.evaluate(head, title: Self.ownSplitTitle) }
        var sections: [EvaluationSection] = []
        for (k, model) in models.enumerated() {
            own.viewAveraging = model.averaging
            own.transfer = model.transfer
            sections += try own.evaluate(model.head, title: "", using: [k]).sections
        }
        return EvaluationReport(title: Self.ownSplitTitle, sections: sections)
    }

    /// The baselines' protocol on random half `seed` (0-based) of `halves`: each collection
    /// retrained as the space was built, on one half, and tested on the other.
    public func baselineProtocol(seed: UInt64, of halves: Int) throws -> EvaluationReport {
        let recipe = info.retrainingRecipe
        let title = "baselines' protocol, random half \(seed + 1) of \(halves) (seed \(seed)): "
            + "\(recipe.rawValue) head trained on half, the other half held out"
        var experiment = Experiment(words: words, collections: collections,
                                    splits: collections.map { DataSplit.halves(count: $0.collection.count, seed: seed) })
        guard let models else {
            return try experiment.evaluate(try experiment.train(recipe.method(seed: 1)).head, title: title)
        }
        var sections: [EvaluationSection] = []
        for (k, model) in models.enumerated() {
            experiment.viewAveraging = model.averaging
            experiment.transfer = model.transfer
            let dropout = SpaceBuilder.dropout(namedImages: info.collections[k].namedImages)
            let trained = try experiment.train(recipe.method(seed: 1, dropout: dropout), using: [k])
            sections += try experiment.evaluate(trained.head, title: "", using: [k]).sections
        }
        return EvaluationReport(title: title, sections: sections)
    }

    /// The baselines' protocol on `halves` random halves (seeds 0, 1, ...), each report given
    /// to `report` as soon as it is made (each retrains every head); the mean over them when
    /// there are several.
    public func baselineProtocol(halves: Int, report: (EvaluationReport) -> Void) throws -> SplitMeans? {
        var reports: [EvaluationReport] = []
        for seed in 0..<UInt64(halves) {
            let half = try baselineProtocol(seed: seed, of: halves)
            report(half)
            reports.append(half)
        }
        return reports.count > 1 ? Self.meanOverHalves(reports) : nil
    }

    /// The mean and range of each metric over the baselines' protocol on several halves.
    public static func meanOverHalves(_ reports: [EvaluationReport]) -> SplitMeans {
        SplitMeans(title: "baselines' protocol, mean (min-max) over the \(reports.count) random halves", reports: reports)
    }
}

import GlimpseCore
import GlimpseLearning
import GlimpseVision

/// How well a space's image model places photos it was never trained on (`glimpse
/// eval --photos`, docs/photos.md): a labelled photo collection is embedded by each
/// `PhotoPlacement` and searched with its labels as one-word queries (`top 10 dog`
/// over the photos alone, as in a photo space), giving mAP and P@10, and with
/// `words 10 IMG among 20000` (does an image's label come up among its words).
///
/// Nothing is trained here: the heads, the class vectors and the clip-art memory of
/// caption transfer all come from the space and its own collections.
public struct PhotoRetrievalEvaluation: Sendable {
    /// The photos (with their views), their tags being their labels.
    public let photos: ImageCollection
    let words: WordVectors
    let models: [CollectionModel]
    let storedClasses: ZeroShotEmbedding
    let nameClasses: ZeroShotEmbedding
    /// Each head collection's memory of stored vectors (`TransferMemory.storedVectors`), by cache name.
    let spaceMemories: [String: TransferMemory]
    /// How the space itself places an image file (`SpaceImageEmbedder`), and its settings in words.
    let filePlacer: (placer: PhotoPlacer, recipe: String)
    let cache: GlimpseCache

    /// Labels carried by fewer images are not queried.
    public static let minimumImages = 5

    /// The evaluation of `space`'s model on the photos of the captions table `labels`
    /// (file names relative to `images`, default the table's folder; labels in its
    /// tags column), encoded into `cache` with the space's preprocessing and views.
    public static func of(_ space: Space, labels: String, images: String?, cache: GlimpseCache,
                          progress: (any ProgressReporter)? = nil, log: (String) -> Void = { _ in }) throws -> PhotoRetrievalEvaluation {
        guard let info = ImageModelInfo.of(space), let headBytes = space.attachment(.imageModel),
              let zeroShotBytes = space.attachment(.zeroShotClasses) else {
            throw ImageModelError("\(space.info.path ?? "the space") carries no image model with zero-shot class vectors: build it with 'glimpse build'")
        }
        let shared = try ProjectionHead(decoding: headBytes)
        let models = try space.attachment(.imageCollectionModels).map { try CollectionModels.decode($0, shared: shared) }
            ?? [CollectionModel(name: info.collections.first?.name ?? "images", captionSource: .tags, head: shared)]
        let words = WordVectors(
            words: (0..<space.wordCount).map { space.words[$0] },
            vectors: DenseMatrix(rows: space.wordCount, columns: space.dimension, values: space.wordVectors.values))
        let classes = try ImageNetLabels.read(labels: cache.imageNetLabels, hierarchy: cache.wordNetTree)

        let preprocessor: ImagePreprocessor = info.preprocessing == ImagePreprocessor.efficientNetLiteFit.identifier
            ? .efficientNetLiteFit : .efficientNetLite
        guard preprocessor.identifier == info.preprocessing else {
            throw ImageModelError("this space was embedded with preprocessing '\(info.preprocessing)', which this glimpse does not know")
        }
        let table = try SpaceBuilder.folderCollection(captions: labels, images: images, preprocessor: preprocessor, transfer: false).captions
        var viewNames: [String] = []
        for view in [ImageView.identity] + SpaceBuilder.defaultViews {
            var viewTable = table
            if !view.isIdentity { viewTable.name += "-view-\(view)" }
            let report = try FeatureExtraction.run(collection: viewTable, cache: cache, preprocessor: preprocessor.with(view: view), progress: progress)
            log(report.description)
            guard report.failures.isEmpty else {
                throw ImageModelError("\(report.failures.count) photos could not be encoded, the first: \(report.failures[0])")
            }
            if !view.isIdentity { viewNames.append(viewTable.name) }
        }
        let photos = try FeatureCache(cache: cache).imageCollection(name: table.name, views: viewNames)
        var memories: [String: TransferMemory] = [:]
        for model in models { memories[model.name] = TransferMemory.storedVectors(of: space, info: info, model: model, words: words) }
        return PhotoRetrievalEvaluation(
            photos: photos, words: words, models: models, storedClasses: try ZeroShotEmbedding(decoding: zeroShotBytes),
            nameClasses: ZeroShotEmbedding(classNames: classes.map(\.name), words: words), spaceMemories: memories,
            filePlacer: (try SpaceImageEmbedder.placer(headBytes: headBytes, zeroShotBytes: zeroShotBytes,
                                                       transferMemoryBytes: space.attachment(.transferMemory), info: info),
                         Self.recipe(of: info)),
            cache: cache)
    }

    /// The image-file settings `info` records, as a recipe column reads them.
    static func recipe(of info: ImageModelInfo) -> String {
        let transfer = info.fileTransfer.map { "\($0.neighbours):\($0.temperature):\($0.weight)" } ?? "none"
        return "this space's own: share=\(info.zeroShotWeight ?? 0),temperature=\(info.zeroShotTemperature ?? 1),transfer=\(transfer)"
    }

    /// The photos' unit vectors under `placement`.
    public func vectors(_ placement: PhotoPlacement) throws -> DenseMatrix {
        try placer(placement).place(views: placement.averagesViews ? photos.allViews : [photos.allViews[0]])
    }

    /// The `PhotoPlacer` that `placement` describes, over this space's heads and class vectors.
    func placer(_ placement: PhotoPlacement) throws -> PhotoPlacer {
        let model = try self.model(placement.head)
        var zeroShot = placement.classes == .stored ? storedClasses : nameClasses
        zeroShot.top = min(placement.top, zeroShot.classVectors.rows)
        var transfer: (NeighbourTransfer, TransferMemory)?
        if let t = placement.transfer {
            switch placement.transferMemory {
            case .space:
                guard let memory = spaceMemories[model.name] else { throw ImageModelError("the space holds no images of \(model.name)") }
                transfer = (t, memory)
            case .features:
                // The head collection's captioned images (clip-art, never the photos).
                let images = try FeatureCache(cache: cache).imageCollection(name: model.name)
                transfer = (t, TransferMemory(captioned: images, captions: Captions(collection: images, source: model.captionSource, words: words)))
            }
        }
        return PhotoPlacer(head: model.head, zeroShot: zeroShot, share: placement.share, temperature: placement.temperature, transfer: transfer)
    }

    /// `placement`'s numbers on the photos.
    public func measure(_ placement: PhotoPlacement, name: String) throws -> PhotoRetrievalReport.Row {
        try measure(vectors: try vectors(placement), name: name, recipe: placement.description, hubnessNeighbours: placement.hubnessNeighbours)
    }

    /// The numbers of the photos placed as the space places an image file (one view each, as `image("file")`).
    public func measureFilePlacement() throws -> PhotoRetrievalReport.Row {
        try measure(vectors: try filePlacer.placer.place(views: [photos.allViews[0]]), name: "this space's image(\"file\")",
                    recipe: filePlacer.recipe, hubnessNeighbours: 0)
    }

    private func measure(vectors: DenseMatrix, name: String, recipe: String, hubnessNeighbours: Int) throws -> PhotoRetrievalReport.Row {
        let penalty = hubnessNeighbours > 0 ? HubnessCorrection.penalty(images: vectors, words: words, neighbours: hubnessNeighbours) : nil
        let retrieval = LabelQueryRetrieval(images: vectors, labels: photos.tags, words: words,
                                            minimumImages: Self.minimumImages, penalty: penalty)
        let hits = LabelQueryRetrieval.wordHitRate(images: vectors, labels: photos.tags, queried: Set(retrieval.queries.map(\.label)),
                                                   words: words)
        return PhotoRetrievalReport.Row(name: name, recipe: recipe, retrieval: retrieval, wordHitRate: hubnessNeighbours > 0 ? nil : hits)
    }

    /// The space's own file placement, then every placement of `placements`, measured.
    public func report(_ placements: [(name: String, placement: PhotoPlacement)]) throws -> PhotoRetrievalReport {
        var counts: [String: Int] = [:]
        for list in photos.tags { for label in Set(list) { counts[label, default: 0] += 1 } }
        return PhotoRetrievalReport(
            photos: photos.count, labelCounts: counts.filter { $0.value >= Self.minimumImages },
            rows: [try measureFilePlacement()] + (try placements.map { try measure($0.placement, name: $0.name) }))
    }

    private func model(_ head: String) throws -> CollectionModel {
        guard let model = models.first(where: { $0.name.hasPrefix(head) }) else {
            throw ImageModelError("the space has no head '\(head)' (it has \(models.map(\.name).joined(separator: ", ")))")
        }
        return model
    }

    /// The placements `glimpse eval --photos --method` names, each named by its text, or
    /// `comparedPlacements` when it names none; the first that does not parse is thrown.
    public static func placements(named texts: [String]) throws(OptionError) -> [(name: String, placement: PhotoPlacement)] {
        guard !texts.isEmpty else { return comparedPlacements }
        return try texts.map { (text) throws(OptionError) in
            do { return (text, try PhotoPlacement(parsing: text)) } catch { throw OptionError("--method \(text): \(error)") }
        }
    }

    /// The methods docs/photos.md compares: each signal alone, the mix at several
    /// shares, views, zero-shot variants, caption transfer and hubness correction.
    public static let comparedPlacements: [(name: String, placement: PhotoPlacement)] = [
        ("head alone (openclipart)", PhotoPlacement(share: 0)),
        ("head alone (emoji)", PhotoPlacement(head: "emoji", share: 0)),
        ("zero-shot alone", PhotoPlacement(share: 1)),
        ("zero-shot alone, class names only", PhotoPlacement(share: 1, classes: .names)),
        ("mix 0.5", PhotoPlacement(share: 0.5)),
        ("mix 0.75 (today's image(\"file\"))", .current),
        ("mix 0.9", PhotoPlacement(share: 0.9)),
        ("mix 0.75, views averaged", PhotoPlacement(averagesViews: true)),
        ("zero-shot alone, views averaged", PhotoPlacement(share: 1, averagesViews: true)),
        ("mix 0.75, top 1", PhotoPlacement(top: 1)),
        ("mix 0.75, top 5", PhotoPlacement(top: 5)),
        ("mix 0.75, top 50", PhotoPlacement(top: 50)),
        ("mix 0.75, temperature 0.5", PhotoPlacement(temperature: 0.5)),
        ("mix 0.75, temperature 2", PhotoPlacement(temperature: 2)),
        ("mix 0.75, CSLS 10", PhotoPlacement(hubnessNeighbours: 10)),
        ("mix 0.75, transfer from stored clip-art vectors 20:0.1:1", PhotoPlacement(transfer: transfer(weight: 1), transferMemory: .space)),
        ("mix 0.5, temperature 2, transfer from stored vectors 20:0.1:1",
         PhotoPlacement(share: 0.5, temperature: 2, transfer: transfer(weight: 1), transferMemory: .space)),
        ("head alone, caption transfer 20:0.1:1", PhotoPlacement(share: 0, transfer: transfer(weight: 1))),
        ("mix 0.75, caption transfer 20:0.1:1 (the new image(\"file\"))", PhotoPlacement(transfer: transfer(weight: 1))),
        ("mix 0.75, caption transfer 20:0.1:2", PhotoPlacement(transfer: transfer(weight: 2))),
        ("mix 0.75, caption transfer 20:0.1:4", PhotoPlacement(transfer: transfer(weight: 4))),
        ("mix 0.75, temperature 2, caption transfer 20:0.1:1", PhotoPlacement(temperature: 2, transfer: transfer(weight: 1))),
        ("mix 0.75, views averaged, caption transfer 20:0.1:1", PhotoPlacement(averagesViews: true, transfer: transfer(weight: 1))),
        ("mix 0.75, caption transfer 20:0.1:1, CSLS 10", PhotoPlacement(transfer: transfer(weight: 1), hubnessNeighbours: 10)),
    ]

    /// The clip-art's own transfer neighbourhood (`SpaceBuilder.defaultTransfer`) at `weight`.
    private static func transfer(weight: Float) -> NeighbourTransfer {
        NeighbourTransfer(neighbours: 20, temperature: 0.1, weight: weight)
    }
}

import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseVision

/// Makes a space with images: encodes them (cached), learns a head that maps their
/// features onto the word vectors of their captions, and stores the projected
/// images, the head, the split and how it was all made.
public struct SpaceBuilder {
    /// A collection of captioned images; its name keys the feature cache.
    public struct Collection: Sendable {
        public var captions: ImageFileCollection
        /// Whether each image's title names it alone (emoji), so names are queries in `eval`.
        public var namedImages: Bool
        /// What its caption targets average (`captionSource(namedImages:)` unless chosen).
        public var captionSource: Captions.Source
        /// Caption transfer from its training images applied to its stored vectors (nil: none).
        public var transfer: NeighbourTransfer?

        public init(captions: ImageFileCollection, namedImages: Bool, captionSource: Captions.Source? = nil,
             transfer: NeighbourTransfer? = SpaceBuilder.defaultTransfer(namedImages: false)) {
            self.captions = captions
            self.namedImages = namedImages
            self.captionSource = captionSource ?? SpaceBuilder.captionSource(namedImages: namedImages)
            self.transfer = transfer
        }
    }

    public var words: ImportedWords
    public var wordSource: String
    public var collections: [Collection]
    public var preprocessor: ImagePreprocessor
    public var recipe: HeadRecipe
    public var seed: UInt64
    /// Extra views of every image (cached as `<name>-view-<view>`), trained on and averaged;
    /// the identity view is always there, so `init` drops it from these.
    public var views: [ImageView] = []
    /// The zero-shot share of an image file's vector (`ImageModelInfo.zeroShotWeight`).
    public var zeroShotWeight: Float
    /// Caption transfer for image files from the first collection's captioned images
    /// (`ImageModelInfo.fileTransfer`, stored with its memory); nil: none.
    public var fileTransfer: ImageModelInfo.FileTransfer? = SpaceBuilder.defaultFileTransfer
    public var cache: GlimpseCache
    /// Where feature extraction reports how far it got (nil: nowhere).
    public var progress: (any ProgressReporter)?
    /// Receives one line per step (what was encoded, trained, embedded).
    public var log: (String) -> Void

    public init(words: ImportedWords, wordSource: String, collections: [Collection], preprocessor: ImagePreprocessor,
                recipe: HeadRecipe, seed: UInt64, views: [ImageView] = [], zeroShotWeight: Float, cache: GlimpseCache,
                progress: (any ProgressReporter)? = nil, log: @escaping (String) -> Void = { _ in }) {
        self.words = words
        self.wordSource = wordSource
        self.collections = collections
        self.preprocessor = preprocessor
        self.recipe = recipe
        self.seed = seed
        self.views = views.filter { !$0.isIdentity }
        self.zeroShotWeight = zeroShotWeight
        self.cache = cache
        self.progress = progress
        self.log = log
    }

    /// Where a build's captioned images come from.
    public enum ImageSource: Sendable {
        /// The demo's collections, fetched into the cache (openclipart and emoji).
        case demo
        /// A folder of captioned images: the captions file, and the folder its file names
        /// are relative to (nil: the captions file's folder).
        case folder(captions: String, images: String?)

        /// The source `glimpse build`'s options name: the demo, or the captions file with the
        /// folder of its images; never both.
        public init(demo: Bool, captions: String?, images: String?) throws(OptionError) {
            if demo {
                guard images == nil, captions == nil else { throw OptionError("--demo takes no --images or --captions") }
                self = .demo
            } else {
                guard let captions else { throw OptionError("give --captions (with --images), or --demo") }
                self = .folder(captions: captions, images: images)
            }
        }
    }

    /// A builder over the word vectors in the GloVe text at `wordFile` (the space names them
    /// by the file's name) and the collections of `images`, with caption transfer or without.
    /// Reads the words and the captions here, so that a missing file stops the build at once.
    public init(wordFile: String, images: ImageSource, transfer: Bool, preprocessor: ImagePreprocessor, recipe: HeadRecipe,
                seed: UInt64, views: [ImageView] = [], zeroShotWeight: Float, cache: GlimpseCache,
                progress: (any ProgressReporter)? = nil, log: @escaping (String) -> Void = { _ in }) throws {
        log("reading word vectors from \(wordFile)")
        let words = try GloVeTextReader.read(path: wordFile)
        let collections: [Collection]
        switch images {
        case .demo:
            collections = try Self.demoCollections(cache: cache, preprocessor: preprocessor, transfer: transfer)
        case .folder(let captions, let folder):
            collections = [try Self.folderCollection(captions: captions, images: folder, preprocessor: preprocessor, transfer: transfer)]
        }
        self.init(
            words: words, wordSource: (wordFile as NSString).lastPathComponent, collections: collections,
            preprocessor: preprocessor, recipe: recipe, seed: seed, views: views, zeroShotWeight: zeroShotWeight,
            cache: cache, progress: progress, log: log)
    }

    /// The demo's collections, fetched into `cache` (openclipart and emoji), each cached
    /// under its name plus `preprocessor`'s suffix, with caption transfer or without.
    public static func demoCollections(cache: GlimpseCache, preprocessor: ImagePreprocessor, transfer: Bool) throws -> [Collection] {
        try FeatureExtraction.demoCollections(cache: cache).map { table in
            let captionTable = try ImageFileCollection.read(
                captions: cache.root + "/\(table.name).tsv", name: table.name + preprocessor.cacheSuffix)
            // The demo's openclipart captions are its one-word tags, as in the baselines (2,938 of
            // 3,139 images have one); other tags there are mostly authors' names.
            let isEmoji = table.name == "emoji"
            return Collection(
                captions: captionTable, namedImages: isEmoji, captionSource: isEmoji ? nil : .wordTags,
                transfer: transfer ? defaultTransfer(namedImages: isEmoji) : nil)
        }
    }

    /// A folder of captioned images (file names in `captions` relative to `images`), cached
    /// under the captions file's base name plus `preprocessor`'s suffix.
    public static func folderCollection(captions: String, images: String?, preprocessor: ImagePreprocessor, transfer: Bool) throws -> Collection {
        let base = ((captions as NSString).lastPathComponent as NSString).deletingPathExtension
        let table = try ImageFileCollection.read(captions: captions, images: images, name: base + preprocessor.cacheSuffix)
        return Collection(captions: table, namedImages: false, transfer: transfer ? defaultTransfer(namedImages: false) : nil)
    }

    /// What an image's caption vector averages: the tags that are words themselves (the
    /// queries; other tags when an image has none), and for images whose title names them
    /// (emoji: "beach with umbrella") the mean of the tags' and the name's vectors
    /// (docs/learning.md). The baselines' caption is the one-word tags alone (`.wordTags`,
    /// 0.007 mAP better in one run); falling back to the other tags keeps the images that
    /// have none (about 100 of openclipart's, and more in a user's phrase-tagged folder).
    public static func captionSource(namedImages: Bool) -> Captions.Source {
        namedImages ? .tagsAndTitleBalanced : .wordTagsElseTags
    }

    /// Caption transfer from the nearest training images: measured best at 20 neighbours,
    /// temperature 0.1, weight 4 on openclipart and 10 / 0.05 / 2 on emoji (docs/learning.md).
    public static func defaultTransfer(namedImages: Bool) -> NeighbourTransfer {
        namedImages ? NeighbourTransfer(neighbours: 10, temperature: 0.05, weight: 2)
            : NeighbourTransfer(neighbours: 20, temperature: 0.1, weight: 4)
    }

    /// Image files are mostly photos, outside the training domains: docs/learning.md
    /// measured this share of the zero-shot signal as the best for them.
    public static let defaultZeroShotWeight: Float = 0.75

    /// Image files are moved towards the captions of the 20 clip-art images whose CNN
    /// features are nearest theirs: +0.13 mAP on labelled photos (docs/photos.md).
    public static let defaultFileTransfer = ImageModelInfo.FileTransfer(neighbours: 20, temperature: 0.1, weight: 1)

    /// Views every image is also encoded in: mirrored, and zoomed out to 80% on white.
    /// Training draws one of the three per image per epoch; stored vectors average the
    /// head over all three. Worth +0.005 mAP / R@10 on average over three splits
    /// (docs/learning.md); each view costs one more encoding of every image, once.
    public static let defaultViews: [ImageView] = [.mirror, ImageView(scale: 0.8)]

    /// Dropout of a collection's MLP heads: with the views' augmentation 0.3 did better
    /// than 0.5 on openclipart (+0.005 mAP on each of three splits), not on emoji.
    public static func dropout(namedImages: Bool) -> Float { namedImages ? 0.5 : 0.3 }

    /// Train / validation / test shares of every collection.
    public static let fractions = (train: 0.7, validation: 0.1, test: 0.2)

    public func build() throws -> (space: Space, report: EvaluationReport) {
        var extracted: [LabelledCollection] = []
        var splits: [DataSplit] = []
        let wordVectors = WordVectors(
            words: words.words,
            vectors: DenseMatrix(rows: words.words.count, columns: words.dimension, values: words.vectors))
        // Read before the long part, so a missing file stops the build at once.
        let imageNet = try ImageNetLabels.read(labels: cache.imageNetLabels, hierarchy: cache.wordNetTree)
        var encoderSHA = ""
        for collection in collections {
            // All views in one pass: each file is decoded once and run through the model per view.
            let reports = try FeatureExtraction.run(
                collection: collection.captions, views: [ImageView.identity] + views, cache: cache,
                framing: preprocessor, progress: progress)
            for report in reports { log(report.description) }
            let viewNames = reports.dropFirst().map(\.name)
            encoderSHA = try FileDigest.sha256(path: try cache.imageModel())
            let images = try FeatureCache(cache: cache).imageCollection(name: collection.captions.name, views: viewNames)
            let captions = Captions(collection: images, source: collection.captionSource, words: wordVectors)
            extracted.append(LabelledCollection(collection: images, captions: captions, evaluatesNames: collection.namedImages))
            splits.append(DataSplit.make(features: images.features, fractions: Self.fractions, seed: seed))
        }
        var experiment = Experiment(words: wordVectors, collections: extracted, splits: splits)

        // One head per collection, each evaluated on its own test images.
        var models: [CollectionModel] = []
        var sections: [EvaluationSection] = []
        var vectors: [Float] = []
        let start = Date()
        for (k, (labelled, source)) in zip(extracted, collections).enumerated() {
            experiment.transfer = source.transfer
            log("training the \(recipe.rawValue) head of \(labelled.collection.name) on \(splits[k].indices(.train).count) images"
                + (views.isEmpty ? "" : " (\(views.count + 1) views)"))
            let trained = try experiment.train(recipe.method(seed: seed, dropout: Self.dropout(namedImages: source.namedImages)), using: [k])
            log(String(format: "trained in %.1f s (validation score %.4f)", trained.seconds, trained.validationScore))
            let model = CollectionModel(name: labelled.collection.name, captionSource: source.captionSource, head: trained.head,
                                        views: views.map(\.description), averaging: .outputs, transfer: source.transfer)
            models.append(model)
            sections += try experiment.evaluate(trained.head, title: "", using: [k]).sections
            vectors += try model.embed(labelled.collection, captions: labelled.captions, memory: experiment.memory(k)).values
        }
        log(String(format: "trained and embedded in %.1f s", Date().timeIntervalSince(start)))
        let report = EvaluationReport(title: "held-out test images (this space's own split)", sections: sections)

        var records: [ImageRecord] = []
        var infoCollections: [ImageModelInfo.Collection] = []
        for (labelled, source) in zip(extracted, collections) {
            let images = labelled.collection
            for i in 0..<images.count {
                records.append(ImageRecord(file: images.files[i], title: images.titles[i], tags: images.tags[i]))
            }
            infoCollections.append(ImageModelInfo.Collection(name: images.name, count: images.count, namedImages: source.namedImages))
        }
        let describe = models.map { "\($0.name): \($0.head.summary)" + ($0.transfer.map { t in
            ", then caption transfer from the \(t.neighbours) nearest training images (temperature \(t.temperature), weight \(t.weight))" } ?? "")
        }.joined(separator: "; ")
        let modelPath = try cache.imageModel()
        let zeroShot = ZeroShotEmbedding(classes: imageNet.map { [$0.name] + $0.hypernyms }, words: wordVectors)
        let info = ImageModelInfo(
            encoder: (modelPath as NSString).lastPathComponent, encoderSHA256: encoderSHA,
            preprocessing: preprocessor.identifier, method: "\(recipe.rawValue): one head per collection; \(describe)", recipe: recipe,
            collections: infoCollections, zeroShotWeight: zeroShotWeight, fileTransfer: fileTransfer)
        // image("file")'s caption transfer draws on the first collection's captioned images (its own view).
        var attachments: [SectionKind: [UInt8]] = [
            // image("file") uses the first collection's head (the demo: openclipart).
            .imageModel: models[0].head.encode(),
            .imageSplit: splits.flatMap { $0.encode() },
            .imageModelInfo: info.encoded(),
            .zeroShotClasses: zeroShot.encode(),
            .imageCollectionModels: CollectionModels.encode(models, shared: models[0].head),
        ]
        if fileTransfer != nil {
            attachments[.transferMemory] = TransferMemory(captioned: extracted[0].collection, captions: extracted[0].captions).encode()
        }
        let space = try Space(
            words: words.words, wordVectors: words.vectors, images: records, imageVectors: vectors,
            dimension: words.dimension, model: "\(wordSource) + EfficientNet-Lite0 (\(recipe.rawValue) heads)",
            source: ([wordSource] + collections.map { $0.captions.name }).joined(separator: " + "),
            attachments: attachments)
        return (space, report)
    }
}

import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseVision

/// Makes a space with images: encodes them (cached), learns a head that maps their
/// features onto the word vectors of their captions, and stores the projected
/// images, the head, the split and how it was all made.
struct SpaceBuilder {
    /// A collection of captioned images; its name keys the feature cache.
    struct Collection {
        var captions: CaptionTable
        /// Whether each image's title names it alone (emoji), so names are queries in `eval`.
        var namedImages: Bool
    }

    var words: ImportedWords
    var wordSource: String
    var collections: [Collection]
    var preprocessor: ImagePreprocessor
    var recipe: HeadRecipe
    var seed: UInt64
    /// The zero-shot share of an image file's vector (`ImageModelInfo.zeroShotWeight`).
    var zeroShotWeight: Float
    var cache: GlimpseCache
    var log: (String) -> Void

    /// What an image's caption vector averages: the tag words, and for images whose
    /// title names them (emoji: "beach with umbrella") the title words too. Tags
    /// alone won on openclipart, tags and names on emoji (docs/learning.md).
    static func captionSource(namedImages: Bool) -> Captions.Source {
        namedImages ? .tagsAndTitle : .tags
    }

    /// Image files are mostly photos, outside the training domains: docs/learning.md
    /// measured this share of the zero-shot signal as the best for them.
    static let defaultZeroShotWeight: Float = 0.75

    /// Train / validation / test shares of every collection.
    static let fractions = (train: 0.7, validation: 0.1, test: 0.2)

    func build() throws -> (space: Space, report: EvaluationReport) {
        var extracted: [LabelledCollection] = []
        var splits: [DataSplit] = []
        let wordVectors = WordVectors(
            words: words.words,
            vectors: GlimpseLearning.Matrix(rows: words.words.count, columns: words.dimension, values: words.vectors))
        var encoderSHA = ""
        for collection in collections {
            let report = try FeatureExtraction.run(
                collection: collection.captions, cache: cache, preprocessor: preprocessor,
                progress: ProgressBar.onTerminal(label: collection.captions.name))
            log(report.description)
            encoderSHA = try FileDigest.sha256(path: try cache.imageModel())
            let images = try ImageCollection.load(name: collection.captions.name, directory: cache.featuresDirectory)
            let captions = Captions(collection: images, source: Self.captionSource(namedImages: collection.namedImages), words: wordVectors)
            extracted.append(LabelledCollection(collection: images, captions: captions, evaluatesNames: collection.namedImages))
            splits.append(DataSplit.make(features: images.features, fractions: Self.fractions, seed: seed))
        }
        let experiment = Experiment(words: wordVectors, collections: extracted, splits: splits)
        log("training the \(recipe.rawValue) head on \(splits.map { $0.indices(.train).count }.reduce(0, +)) images")
        let trained = try experiment.train(recipe.method(seed: seed))
        log(String(format: "trained in %.1f s (validation score %.4f)", trained.seconds, trained.validationScore))
        let report = try experiment.evaluate(trained.head, title: "held-out test images (this space's own split)")

        var records: [ImageRecord] = []
        var vectors: [Float] = []
        var infoCollections: [ImageModelInfo.Collection] = []
        for (labelled, source) in zip(extracted, collections) {
            let images = labelled.collection
            vectors += try trained.head.project(features: images.features, logits: images.logits).values
            for i in 0..<images.count {
                records.append(ImageRecord(file: images.files[i], title: images.titles[i], tags: images.tags[i]))
            }
            infoCollections.append(ImageModelInfo.Collection(name: images.name, count: images.count, namedImages: source.namedImages))
        }
        let modelPath = try cache.imageModel()
        let imageNet = try ImageNetLabels.read(labels: cache.imageNetLabels, hierarchy: cache.wordNetTree)
        let zeroShot = ZeroShotEmbedding(classes: imageNet.map { [$0.name] + $0.hypernyms }, words: wordVectors)
        let info = ImageModelInfo(
            encoder: (modelPath as NSString).lastPathComponent, encoderSHA256: encoderSHA,
            preprocessing: preprocessor.identifier, method: "\(recipe.rawValue): \(trained.head.summary)",
            collections: infoCollections, zeroShotWeight: zeroShotWeight)
        let space = try Space(
            words: words.words, wordVectors: words.vectors, images: records, imageVectors: vectors,
            dimension: words.dimension, model: "\(wordSource) + EfficientNet-Lite0 (\(recipe.rawValue) head)",
            source: ([wordSource] + collections.map { $0.captions.name }).joined(separator: " + "),
            attachments: [
                .imageModel: trained.head.encode(),
                .imageSplit: splits.flatMap { $0.encode() },
                .imageModelInfo: info.encoded(),
                .zeroShotClasses: zeroShot.encode(),
            ])
        return (space, report)
    }
}

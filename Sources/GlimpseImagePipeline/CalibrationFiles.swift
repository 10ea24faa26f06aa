import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseVision

/// What a calibration run (`glimpse calibrate`, docs/learning.md) reads: the openclipart
/// and emoji collections of a feature cache folder, GloVe text, and for the photo report
/// the ImageNet class names. GloVe and the class names lie beside the folder by default,
/// where Scripts/fetch-assets.sh puts them.
public struct CalibrationFiles: Sendable {
    /// The feature cache folder.
    public var features: String
    /// Word vectors in GloVe text format.
    public var glove: String
    /// The ImageNet class names, in the order of the model's logits.
    public var classNames: String

    /// `features` defaults to `cache`'s features folder, `glove` to glove.6B.50d.txt beside it.
    public init(features: String? = nil, glove: String? = nil, cache: GlimpseCache = GlimpseCache()) {
        self.features = features ?? cache.featuresDirectory
        let parent = (self.features as NSString).deletingLastPathComponent
        self.glove = glove ?? parent + "/glove.6B.50d.txt"
        classNames = parent + "/imagenet1k_labels.tsv"
    }

    /// The collections a run trains on, openclipart then emoji, each cached as its name plus
    /// `settings.suffix`, with `settings.views` attached: cache suffixes of the same
    /// collection, `crop` naming the plain centre-crop cache.
    public func collections(_ settings: CalibrationSettings) throws -> [ImageCollection] {
        let cache = FeatureCache(directory: features)
        return try FeatureExtraction.demoNames.map { base in
            let views = (settings.views ?? []).map { $0 == "crop" ? base : base + $0 }
            return try cache.imageCollection(name: base + (settings.suffix ?? ""), views: views)
        }
    }

    /// A calibration with `settings` over `collections(settings)` and the GloVe words they
    /// need, and all of GloVe's words (for the photo report); `log` gets one line on what was
    /// loaded and how long it took.
    public func calibration(_ settings: CalibrationSettings, log: (String) -> Void) throws -> (calibration: Calibration, allWords: ImportedWords) {
        let start = ContinuousClock.now
        let collections = try collections(settings)
        let allWords = try GloVeTextReader.read(path: glove)
        let words = WordVectors(allWords, keeping: Calibration.vocabulary(of: collections))
        log("loaded \(collections.map { "\($0.name) \($0.count)" }.joined(separator: ", ")), \(words.words.count) words in "
            + String(format: "%.1f", (ContinuousClock.now - start).inSeconds) + " s")
        return (Calibration(collections: collections, words: words, settings: settings), allWords)
    }

    /// `calibration`'s photo report (`Calibration.photoReport`) on the collection named
    /// `photos` in the feature cache folder `folder`, among `allWords` (all of GloVe's) and
    /// with the ImageNet class names.
    public func photoReport(_ trained: Calibration.TrainedHeads, of calibration: Calibration, allWords: ImportedWords,
                            photos folder: String, weights: [Float], output: (String) -> Void) throws {
        try calibration.photoReport(
            trained, photos: try FeatureCache(directory: folder).imageCollection(name: "photos"), allWords: WordVectors(allWords),
            classNames: try ImageNetLabels.names(labels: classNames), weights: weights, output: output)
    }
}

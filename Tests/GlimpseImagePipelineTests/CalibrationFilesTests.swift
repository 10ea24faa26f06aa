import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseTestSupport
import GlimpseVision
import Testing
@testable import GlimpseImagePipeline

/// What `glimpse calibrate` loads: the demo collections from a feature cache folder, with
/// their setup's suffix and views, and the GloVe words beside the folder.
@Suite struct CalibrationFilesTests {
    /// A cache root whose features folder holds openclipart and emoji with the fit framing
    /// and the centre crop, and GloVe text beside it with words the collections do not use.
    static func cacheRoot() throws -> GlimpseCache {
        let cache = GlimpseCache(root: ScratchFolder.unique("calibration").path)
        try FileManager.default.createDirectory(atPath: cache.featuresDirectory, withIntermediateDirectories: true)
        for (base, count, seed) in [("openclipart", 12, UInt64(1)), ("emoji", 10, 2)] {
            for suffix in ["-fit", ""] {
                var collection = SpaceEvaluationTests.collection(base, count: count, seed: seed + (suffix.isEmpty ? 10 : 0))
                collection.name = base + suffix
                try SpaceEvaluationTests.cache(collection, in: cache.featuresDirectory)
            }
        }
        let words = SpaceEvaluationTests.vocabulary + ["image", "unrelated"]
        let glove = words.enumerated().map { i, word in word + " " + (0..<3).map { "\(i + $0)" }.joined(separator: " ") }
        try AtomicFile.write(glove.joined(separator: "\n") + "\n", to: cache.gloveText)
        return cache
    }

    @Test func theFilesLieBesideTheFeatureCacheUnlessGiven() {
        let files = CalibrationFiles(features: "/data/cache/features")
        #expect(files.glove == "/data/cache/glove.6B.50d.txt")
        #expect(files.classNames == "/data/cache/imagenet1k_labels.tsv")
        #expect(CalibrationFiles(features: "/f/x", glove: "/g.txt").glove == "/g.txt")
        let cache = GlimpseCache(root: "/c")
        #expect(CalibrationFiles(cache: cache).features == cache.featuresDirectory)
        #expect(CalibrationFiles(cache: cache).classNames == cache.imageNetLabels)
    }

    @Test func theCollectionsTakeTheSuffixAndTheViews() throws {
        let cache = try Self.cacheRoot()
        var settings = CalibrationSettings()
        settings.suffix = "-fit"
        settings.views = ["crop"]
        let collections = try CalibrationFiles(cache: cache).collections(settings)
        #expect(collections.map(\.name) == ["openclipart-fit", "emoji-fit"])
        #expect(collections.map(\.count) == [12, 10])
        // The crop view is the collection's plain (centre-crop) cache.
        #expect(collections.map { $0.views.map(\.name) } == [["openclipart"], ["emoji"]])
        let plain = try FeatureCache(cache: cache).imageCollection(name: "openclipart")
        #expect(collections[0].views[0].features.values == plain.features.values)
    }

    @Test func theCalibrationKeepsTheWordsItNeedsAndReturnsThemAll() throws {
        let cache = try Self.cacheRoot()
        var lines: [String] = []
        let (calibration, allWords) = try CalibrationFiles(cache: cache).calibration(CalibrationSettings()) { lines.append($0) }
        #expect(calibration.collections.map(\.collection.name) == ["openclipart", "emoji"])
        #expect(Set(calibration.words.words) == Set(SpaceEvaluationTests.tags + ["image"]))
        #expect(allWords.words == SpaceEvaluationTests.vocabulary + ["image", "unrelated"])
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("loaded openclipart 12, emoji 10, 5 words in "))
    }

    @Test func aMissingCollectionIsAnError() throws {
        let cache = try Self.cacheRoot()
        var settings = CalibrationSettings()
        settings.suffix = "-absent"
        #expect(throws: (any Error).self) { try CalibrationFiles(cache: cache).collections(settings) }
    }
}

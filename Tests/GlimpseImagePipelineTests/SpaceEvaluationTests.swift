import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseTestSupport
import GlimpseVision
import Testing
@testable import GlimpseImagePipeline

/// `SpaceEvaluation` on a space made here: two synthetic collections whose features
/// cluster by tag, their cached features, a ridge head each, and the stored split.
@Suite struct SpaceEvaluationTests {
    static let tags = ["red", "green", "blue", "gold"]
    static let vocabulary = tags + ["sky", "sea", "tree", "rock"]
    static let dimension = 8

    /// A collection of `count` images, image i tagged `tags[i % 4]`, its features
    /// that tag's prototype plus noise, as wide as the encoder's (the cache's reader checks).
    static func collection(_ name: String, count: Int, seed: UInt64) -> ImageCollection {
        var random = SplitMix64(seed: seed)
        let prototypes = (0..<tags.count).map { _ in (0..<ImageEncoder.featureCount).map { _ in random.nextSigned() } }
        var features: [Float] = [], logits: [Float] = []
        for i in 0..<count {
            features += prototypes[i % tags.count].map { $0 + 0.3 * random.nextSigned() }
            logits += (0..<ImageEncoder.classCount).map { _ in random.nextSigned() }
        }
        return ImageCollection(
            name: name, files: (0..<count).map { "\(name)/\($0).png" }, titles: (0..<count).map { "image \($0)" },
            tags: (0..<count).map { [tags[$0 % tags.count]] },
            features: DenseMatrix(rows: count, columns: ImageEncoder.featureCount, values: features),
            logits: DenseMatrix(rows: count, columns: ImageEncoder.classCount, values: logits))
    }

    /// Writes `collection` as the feature cache does: features, logits and the table.
    static func cache(_ collection: ImageCollection, in folder: String) throws {
        let base = folder + "/" + collection.name
        try NumpyArrayWriter.write(collection.features.values, rows: collection.count, columns: ImageEncoder.featureCount, to: base + ".features.npy")
        try NumpyArrayWriter.write(collection.logits!.values, rows: collection.count, columns: ImageEncoder.classCount, to: base + ".logits.npy")
        let rows = (0..<collection.count).map { "\(collection.files[$0])\t\(collection.titles[$0])\t\(collection.tags[$0][0])" }
        try AtomicFile.write((["file\ttitle\ttags"] + rows).joined(separator: "\n") + "\n", to: base + ".tsv")
    }

    struct Built {
        var space: Space
        var cache: GlimpseCache
        var collections: [LabelledCollection]
        var splits: [DataSplit]
        var heads: [ProjectionHead]
    }

    /// A space over both collections with a ridge head per collection, as `SpaceBuilder` stores them.
    static func build(recipe: HeadRecipe? = .ridge, models: Bool = true) throws -> Built {
        let cache = GlimpseCache(root: ScratchFolder.unique("pipeline").path)
        try FileManager.default.createDirectory(atPath: cache.featuresDirectory, withIntermediateDirectories: true)
        var random = SplitMix64(seed: 7)
        let wordValues = (0..<(vocabulary.count * dimension)).map { _ in random.nextSigned() }
        let unit = try Space(words: vocabulary, wordVectors: wordValues, images: [], imageVectors: [], dimension: dimension,
                             model: "", source: "")
        let words = WordVectors(words: vocabulary, vectors: DenseMatrix(
            rows: vocabulary.count, columns: dimension, values: unit.wordVectors.values))
        var built = Built(space: unit, cache: cache, collections: [], splits: [], heads: [])
        var records: [ImageRecord] = []
        for (name, count, seed) in [("alpha", 120, UInt64(1)), ("beta", 100, 2)] {
            let images = collection(name, count: count, seed: seed)
            try Self.cache(images, in: cache.featuresDirectory)
            let labelled = LabelledCollection(collection: images, captions: Captions(collection: images, source: .tags, words: words),
                                              evaluatesNames: false)
            let split = DataSplit.make(features: images.features, fractions: SpaceBuilder.fractions, seed: 1)
            let experiment = Experiment(words: words, collections: [labelled], splits: [split])
            built.heads.append(try experiment.train(HeadRecipe.ridge.method(seed: 1)).head)
            built.collections.append(labelled)
            built.splits.append(split)
            records += (0..<count).map { ImageRecord(file: images.files[$0], title: images.titles[$0], tags: images.tags[$0]) }
        }
        let info = ImageModelInfo(
            encoder: "model.onnx", encoderSHA256: "00", preprocessing: "test", method: "ridge: two heads", recipe: recipe,
            collections: [.init(name: "alpha", count: 120, namedImages: false), .init(name: "beta", count: 100, namedImages: false)],
            zeroShotWeight: nil)
        let collectionModels = zip(built.collections, built.heads).map {
            CollectionModel(name: $0.collection.name, captionSource: .tags, head: $1)
        }
        var attachments: [SectionKind: [UInt8]] = [
            .imageModel: built.heads[0].encode(), .imageSplit: built.splits.flatMap { $0.encode() }, .imageModelInfo: info.encoded(),
        ]
        if models { attachments[.imageCollectionModels] = CollectionModels.encode(collectionModels, shared: built.heads[0]) }
        built.space = try Space(
            words: vocabulary, wordVectors: wordValues, images: records,
            imageVectors: (0..<(records.count * dimension)).map { Float($0 % 7) + 1 }, dimension: dimension,
            model: "", source: "", attachments: attachments)
        return built
    }

    @Test func theOwnSplitIsEachCollectionsTestPartThroughItsOwnHead() throws {
        let built = try Self.build()
        let evaluation = try #require(try SpaceEvaluation.of(built.space, cache: built.cache))
        let report = try evaluation.ownSplit()
        #expect(report.title == SpaceEvaluation.ownSplitTitle)
        #expect(report.sections.map(\.collection) == ["alpha", "beta"])
        let words = evaluation.words
        for k in 0..<2 {
            let expected = try Experiment(words: words, collections: [built.collections[k]], splits: [built.splits[k]])
                .evaluate(built.heads[k], title: "").sections[0]
            let section = report.sections[k]
            #expect(section.candidates == built.splits[k].indices(.test).count)
            #expect(section.tagQueries == expected.tagQueries)
            // The tags are separable by construction: far above chance (about 0.25).
            #expect(section.meanAveragePrecision > 0.9)
        }
    }

    @Test func aSpaceWithOneHeadForAllUsesItForEveryCollection() throws {
        let built = try Self.build(models: false)
        let evaluation = try #require(try SpaceEvaluation.of(built.space, cache: built.cache))
        let report = try evaluation.ownSplit()
        // beta's section through alpha's head (the image model section): not what beta's own head gives.
        let beta = Experiment(words: evaluation.words, collections: [built.collections[1]], splits: [built.splits[1]])
        #expect(report.sections[1].tagQueries == (try beta.evaluate(built.heads[0], title: "").sections[0].tagQueries))
        #expect(report.sections[1].tagQueries != (try beta.evaluate(built.heads[1], title: "").sections[0].tagQueries))
    }

    @Test func theBaselineProtocolRetrainsWithTheStoredRecipe() throws {
        let built = try Self.build(recipe: .ridge)
        let evaluation = try #require(try SpaceEvaluation.of(built.space, cache: built.cache))
        let report = try evaluation.baselineProtocol(seed: 1, of: 3)
        #expect(report.title == "baselines' protocol, random half 2 of 3 (seed 1): ridge head trained on half, the other half held out")
        #expect(report.sections.map(\.collection) == ["alpha", "beta"])
        #expect(report.sections.allSatisfy { $0.meanAveragePrecision > 0.9 })
        let means = SpaceEvaluation.meanOverHalves([report, try evaluation.baselineProtocol(seed: 0, of: 3)])
        #expect(means.render().hasPrefix("baselines' protocol, mean (min-max) over the 2 random halves\n"))
    }

    /// `glimpse eval --baseline-protocol --splits N`: each half reported as it is done, then the mean.
    @Test func severalHalvesAreReportedOneByOneAndAveraged() throws {
        let built = try Self.build(recipe: .ridge)
        let evaluation = try #require(try SpaceEvaluation.of(built.space, cache: built.cache))
        var reported: [String] = []
        let means = try evaluation.baselineProtocol(halves: 2) { reported.append($0.render(verbose: false)) }
        let halves = try (0..<UInt64(2)).map { try evaluation.baselineProtocol(seed: $0, of: 2) }
        #expect(reported == halves.map { $0.render(verbose: false) })
        #expect(means?.render() == SpaceEvaluation.meanOverHalves(halves).render())
        reported = []
        #expect(try evaluation.baselineProtocol(halves: 1) { reported.append($0.title) } == nil)
        #expect(reported == [try evaluation.baselineProtocol(seed: 0, of: 1).title])
    }

    @Test func aSpaceWithoutAnImageModelHasNoEvaluation() throws {
        let space = try Space(words: ["a"], wordVectors: [1, 0], images: [], imageVectors: [], dimension: 2, model: "", source: "")
        #expect(try SpaceEvaluation.of(space, cache: GlimpseCache(root: "/nonexistent")) == nil)
    }

    @Test func aFeatureCacheThatNoLongerMatchesIsAnError() throws {
        let built = try Self.build()
        var renamed = built.collections[1].collection
        renamed.files[3] = "beta/other.png"
        try Self.cache(renamed, in: built.cache.featuresDirectory)
        #expect {
            _ = try SpaceEvaluation.of(built.space, cache: built.cache)
        } throws: { error in
            "\(error)" == "the feature cache for beta no longer matches this space: rebuild it with 'glimpse build'"
        }
    }
}

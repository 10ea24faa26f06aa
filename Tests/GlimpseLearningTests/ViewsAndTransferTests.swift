import Foundation
import Testing
@testable import GlimpseLearning

/// Training on extra views, averaging over them, caption transfer, soft targets and the
/// collection models' encoding.
@Suite struct ViewsAndTransferTests {
    func configuration(seed: UInt64) -> InfoNCETrainer.Configuration {
        var c = InfoNCETrainer.Configuration()
        c.hiddenWidths = [16]
        c.batchSize = 16
        c.maxEpochs = 5
        c.minimumEpochs = 0
        c.seed = seed
        return c
    }

    /// The fixture's training set with two extra views: the features slightly moved.
    func dataWithViews() -> TrainingSet {
        var data = Fixtures.trainingSet()
        for v in 0..<2 {
            var f = data.features
            let noise = Fixtures.randomMatrix(f.rows, f.columns, seed: 40 + UInt64(v), scale: 0.2)
            for k in f.values.indices { f.values[k] += noise.values[k] }
            data.views.append(ViewFeatures(name: "view\(v)", features: f, logits: data.logits))
        }
        return data
    }

    @Test func trainingWithViewsIsDeterministicAndUsesThem() throws {
        let data = dataWithViews()
        let a = try InfoNCETrainer(configuration: configuration(seed: 3)).train(data).head
        let b = try InfoNCETrainer(configuration: configuration(seed: 3)).train(data).head
        #expect(a.encode() == b.encode())
        var plain = data
        plain.views = []
        let c = try InfoNCETrainer(configuration: configuration(seed: 3)).train(plain).head
        #expect(a.encode() != c.encode())
        // Statistics come from the rows' own view only, so switching sampling off equals no views.
        var off = configuration(seed: 3)
        off.sampleViews = false
        #expect(try InfoNCETrainer(configuration: off).train(data).head.encode() == c.encode())
    }

    @Test func trainingSetGathersViewsWithTheirRows() {
        let f = Fixtures.randomMatrix(6, 3, seed: 1)
        let g = Fixtures.randomMatrix(6, 3, seed: 2)
        let collection = ImageCollection(name: "c", files: (0..<6).map { "f\($0)" }, titles: Array(repeating: "", count: 6),
                                         tags: (0..<6).map { ["t\($0)"] }, features: f, logits: nil,
                                         views: [ViewFeatures(name: "v", features: g, logits: nil)])
        let words = WordVectors(words: (0..<6).map { "t\($0)" }, vectors: Fixtures.randomMatrix(6, 2, seed: 3).rowNormalised())
        let captions = Captions(collection: collection, source: .tags, words: words)
        let set = TrainingSet([(collection, captions, [4, 1, 2])])
        #expect(set.features == f.gathering(rows: [4, 1, 2]))
        #expect(set.views.count == 1)
        #expect(set.views[0].features == g.gathering(rows: [4, 1, 2]))
        #expect(collection.subset([5, 0]).views[0].features == g.gathering(rows: [5, 0]))
    }

    @Test func averagingOutputsIsTheNormalisedMeanOfTheUnitOutputs() throws {
        let data = dataWithViews()
        let head = try InfoNCETrainer(configuration: configuration(seed: 1)).train(data).head
        let views = [ViewFeatures(name: "own", features: data.features, logits: data.logits)] + data.views
        let each = try views.map { try head.project(features: $0.features, logits: $0.logits) }
        var expected = each[0]
        for p in each.dropFirst() { for k in expected.values.indices { expected.values[k] += p.values[k] } }
        expected.normaliseRows()
        let averaged = try head.project(views: views, averaging: .outputs)
        for k in expected.values.indices { #expect(abs(averaged.values[k] - expected.values[k]) < 1e-6) }
        // One view, or no averaging, is the plain projection.
        #expect(try head.project(views: views, averaging: .none) == each[0])
        #expect(try head.project(views: Array(views.prefix(1)), averaging: .outputs) == each[0])
        // Averaging inputs: the head on the mean features and mean logits.
        var f = views[0].features, l = views[0].logits!
        for v in views.dropFirst() {
            for k in f.values.indices { f.values[k] += v.features.values[k] }
            for k in l.values.indices { l.values[k] += v.logits!.values[k] }
        }
        for k in f.values.indices { f.values[k] /= 3 }
        for k in l.values.indices { l.values[k] /= 3 }
        let inputs = try head.project(views: views, averaging: .inputs)
        let manual = try head.project(features: f, logits: l)
        for k in manual.values.indices { #expect(abs(inputs.values[k] - manual.values[k]) < 1e-5) }
    }

    @Test func transferMovesTowardsTheNearestTargets() {
        // Three memory images with orthogonal targets; the query is closest to memory row 1.
        let memoryFeatures = DenseMatrix(rows: 3, columns: 2, values: [1, 0, 0, 1, -1, 0])
        let targets = DenseMatrix(rows: 3, columns: 3, values: [1, 0, 0, 0, 1, 0, 0, 0, 1])
        let query = DenseMatrix(rows: 1, columns: 2, values: [0.1, 1])
        let embedding = DenseMatrix(rows: 1, columns: 3, values: [0, 0, 1])
        let nearest = NeighbourTransfer(neighbours: 1, temperature: 0.1, weight: 1)
        let moved = nearest.apply(embeddings: embedding, features: query, memoryFeatures: memoryFeatures, memoryTargets: targets)
        let s = Float(0.5).squareRoot()
        #expect(abs(moved[0, 0]) < 1e-6 && abs(moved[0, 1] - s) < 1e-6 && abs(moved[0, 2] - s) < 1e-6)
        // Weight 0 changes nothing; a huge weight gives the neighbours' target alone.
        #expect(NeighbourTransfer(neighbours: 2, temperature: 0.1, weight: 0)
            .apply(embeddings: embedding, features: query, memoryFeatures: memoryFeatures, memoryTargets: targets) == embedding)
        let alone = NeighbourTransfer(neighbours: 1, temperature: 0.1, weight: 1e6)
            .apply(embeddings: embedding, features: query, memoryFeatures: memoryFeatures, memoryTargets: targets)
        #expect(abs(alone[0, 1] - 1) < 1e-4)
        // Two neighbours at a low temperature: the nearer dominates the softmax.
        let two = NeighbourTransfer(neighbours: 2, temperature: 0.01, weight: 1e6)
            .apply(embeddings: embedding, features: query, memoryFeatures: memoryFeatures, memoryTargets: targets)
        #expect(two[0, 1] > 0.99)
        #expect(NeighbourTransfer("20:0.1:4") == NeighbourTransfer(neighbours: 20, temperature: 0.1, weight: 4))
        #expect(NeighbourTransfer("5:0.05:2:head")?.similarity == .head)
        #expect(NeighbourTransfer("5:0:2") == nil && NeighbourTransfer("x") == nil)
    }

    @Test func softTargetsWithWeightZeroAreInfoNCE() {
        let u = Fixtures.randomMatrix(5, 4, seed: 8).rowNormalised()
        let t = Fixtures.randomMatrix(5, 4, seed: 9).rowNormalised()
        let ids = [0, 1, 1, 2, 3]
        let hard = ContrastiveLoss.infoNCE(temperature: 0.1).evaluate(u: u, targets: t, captionIDs: ids)
        let soft = ContrastiveLoss.softInfoNCE(temperature: 0.1, targetTemperature: 0.1, weight: 0).evaluate(u: u, targets: t, captionIDs: ids)
        #expect(abs(hard.loss - soft.loss) < 1e-5)
        for k in hard.gradient.values.indices { #expect(abs(hard.gradient.values[k] - soft.gradient.values[k]) < 1e-5) }
    }

    @Test func softTargetGradientMatchesFiniteDifferences() {
        let loss = ContrastiveLoss.softInfoNCE(temperature: 0.2, targetTemperature: 0.1, weight: 0.5)
        let u = Fixtures.randomMatrix(5, 4, seed: 18)
        let t = Fixtures.randomMatrix(5, 4, seed: 19).rowNormalised()
        let ids = [0, 1, 1, 2, 3]
        let g = loss.evaluate(u: u, targets: t, captionIDs: ids).gradient
        let eps: Float = 1e-2
        for k in u.values.indices {
            var plus = u, minus = u
            plus.values[k] += eps
            minus.values[k] -= eps
            let numeric = (loss.evaluate(u: plus, targets: t, captionIDs: ids).loss
                - loss.evaluate(u: minus, targets: t, captionIDs: ids).loss) / Double(2 * eps)
            #expect(abs(numeric - Double(g.values[k])) < 1e-3 + 1e-2 * abs(numeric), "component \(k)")
        }
    }

    @Test func wordTagsAndBalancedCaptions() {
        let words = WordVectors(words: ["red", "car", "fast", "beach", "umbrella"],
                                vectors: Fixtures.randomMatrix(5, 3, seed: 4).rowNormalised())
        let collection = ImageCollection(
            name: "c", files: ["a", "b"], titles: ["beach umbrella", "x"], tags: [["red car", "fast"], ["red car"]],
            features: DenseMatrix(rows: 2, columns: 1), logits: nil)
        let tags = Captions(collection: collection, source: .tags, words: words)
        #expect(tags.captionWords == [["car", "fast", "red"], ["car", "red"]])
        let wordTags = Captions(collection: collection, source: .wordTags, words: words)
        #expect(wordTags.captionWords[0] == ["fast"] && wordTags.hasTarget == [true, false])
        let fallback = Captions(collection: collection, source: .wordTagsElseTags, words: words)
        #expect(fallback.captionWords == [["fast"], ["car", "red"]] && fallback.hasTarget == [true, true])
        let balanced = Captions(collection: collection, source: .tagsAndTitleBalanced, words: words)
        let a = words.meanVector(of: ["car", "fast", "red"])!, b = words.meanVector(of: ["beach", "umbrella"])!
        let sum = zip(a, b).map { $0 + $1 }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for j in 0..<3 { #expect(abs(balanced.targets[0, j] - sum[j] / norm) < 1e-6) }
    }

    @Test func collectionModelsRoundTripAndRefuseDamage() throws {
        let head = try InfoNCETrainer(configuration: configuration(seed: 2)).train(Fixtures.trainingSet()).head
        let models = [
            CollectionModel(name: "openclipart-fit", captionSource: .wordTags, head: head, views: ["flip", "zoom0.8"],
                            averaging: .outputs, transfer: NeighbourTransfer(neighbours: 20, temperature: 0.1, weight: 4)),
            CollectionModel(name: "emoji-fit", captionSource: .tagsAndTitleBalanced, head: head, transfer: nil),
        ]
        let bytes = CollectionModels.encode(models)
        #expect(try CollectionModels.decode(bytes) == models)
        #expect(models[0].viewCacheNames == ["openclipart-fit-view-flip", "openclipart-fit-view-zoom0.8"])
        // A head stored elsewhere is referred to, not repeated, and needed to decode.
        let other = try InfoNCETrainer(configuration: configuration(seed: 5)).train(Fixtures.trainingSet()).head
        var mixed = models
        mixed[1].head = other
        let sharing = CollectionModels.encode(mixed, shared: head)
        #expect(sharing.count < bytes.count)
        #expect(try CollectionModels.decode(sharing, shared: head) == mixed)
        #expect(throws: LearningError.self) { try CollectionModels.decode(sharing) }
        for n in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 53)) {
            #expect(throws: LearningError.self) { try CollectionModels.decode(Array(bytes.prefix(n))) }
        }
        for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 41)) {
            var damaged = bytes
            damaged[offset] ^= 0x21
            #expect(throws: LearningError.self) { try CollectionModels.decode(damaged) }
        }
    }
}

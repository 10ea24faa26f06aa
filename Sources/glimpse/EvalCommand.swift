import ArgumentParser
import Foundation
import GlimpseCore
import GlimpseLearning
import GlimpseShell
import GlimpseVision

/// `glimpse eval`: how well a built space's images are found by words.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure retrieval on a built space's held-out images.",
        discussion: """
            On the test images of the space's own split: mAP and P@10 for every tag with
            at least 5 test images used as a one-word query, and R@1/5/10 for emoji names.
            With --baseline-protocol it also retrains each collection's head the same way
            on half of the collection and reports the other half, the protocol of the
            published baselines, for each of --splits random halves and their mean (one
            half moves mAP by a few hundredths). Needs the feature cache that 'glimpse
            build' filled.
            """)

    @Argument(help: ArgumentHelp("The space to evaluate (default: $GLIMPSE_SPACE, else the demo space).", valueName: "space"))
    var space: String?

    @Flag(help: "Print every query's numbers, not only the summary.")
    var verbose = false

    @Flag(help: "Also train on half of each collection and evaluate on the other half.")
    var baselineProtocol = false

    @Option(help: ArgumentHelp("How many random halves --baseline-protocol averages over (seeds 0, 1, ...).", valueName: "n"))
    var splits = 3

    func validate() throws {
        guard (1...10).contains(splits) else { throw ValidationError("--splits must be from 1 to 10") }
    }

    func run() throws {
        let opened = try QueryOptions.openEvaluator(space: space).space
        guard let info = ImageModelInfo.of(opened), let headBytes = opened.attachment(.imageModel),
              let splitBytes = opened.attachment(.imageSplit) else {
            Console.writeError("glimpse: \(opened.info.path ?? "the space") has no image model: build it with 'glimpse build'\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        do {
            let cache = GlimpseCache()
            let head = try ProjectionHead(decoding: headBytes)
            let words = WordVectors(
                words: (0..<opened.wordCount).map { opened.words[$0] },
                vectors: DenseMatrix(rows: opened.wordCount, columns: opened.dimension, values: opened.wordVectors.values))
            // Spaces built since per-collection heads carry each collection's model; older
            // ones one head for all, trained on tags (emoji: tags and names) alone.
            let models = try opened.attachment(.imageCollectionModels).map { try CollectionModels.decode($0, shared: head) }
            if let models {
                guard models.count == info.collections.count, zip(models, info.collections).allSatisfy({ $0.name == $1.name }) else {
                    throw ImageModelError("the space's collection models do not match its collections")
                }
            }
            var collections: [LabelledCollection] = []
            var ownSplits: [DataSplit] = []
            var row = 0
            let split = try DataSplit(decoding: splitBytes)
            for (k, entry) in info.collections.enumerated() {
                let featureCache = FeatureCache(cache: cache)
                var images = try featureCache.imageCollection(name: entry.name)
                guard images.count == entry.count, row + entry.count <= opened.imageCount,
                      (0..<entry.count).allSatisfy({ images.files[$0] == opened.image(at: row + $0).file }) else {
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
            let recipe = HeadRecipe(rawValue: String(info.method.prefix { $0 != ":" })) ?? .mlp
            let ownTitle = "held-out test images (this space's own split, near-copies kept on one side)"
            // The baselines' protocol on random half `seed`: each collection retrained as the space was built.
            func baseline(seed: UInt64) throws -> EvaluationReport {
                let title = "baselines' protocol, random half \(seed + 1) of \(splits) (seed \(seed)): "
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

            var own = Experiment(words: words, collections: collections, splits: ownSplits)
            if let models {
                // Each collection through its own head, views and transfer, as its stored vectors were made.
                var sections: [EvaluationSection] = []
                for (k, model) in models.enumerated() {
                    own.viewAveraging = model.averaging
                    own.transfer = model.transfer
                    sections += try own.evaluate(model.head, title: "", using: [k]).sections
                }
                Console.write(EvaluationReport(title: ownTitle, sections: sections).render(verbose: verbose))
            } else {
                Console.write(try own.evaluate(head, title: ownTitle).render(verbose: verbose))
            }
            guard baselineProtocol else { return }
            var reports: [EvaluationReport] = []
            for seed in 0..<UInt64(splits) {
                reports.append(try baseline(seed: seed))
                Console.write("\n" + reports[reports.count - 1].render(verbose: verbose))
            }
            if reports.count > 1 {
                let title = "baselines' protocol, mean (min-max) over the \(reports.count) random halves"
                Console.write("\n" + SplitMeans(title: title, reports: reports).render())
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.writeError("glimpse: \(error)\n")
            throw ExitCode(ExitStatus.io.rawValue)
        }
    }
}

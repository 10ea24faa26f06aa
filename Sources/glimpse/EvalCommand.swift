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
            On the test images of the space's own split: mAP and P@10 for every tag with at
            least 5 test images used as a one-word query, and R@1/5/10 for emoji names. With
            --baseline-protocol it also retrains the same head on half of each collection and
            reports the other half, the protocol of the published baselines. Needs the feature
            cache that 'glimpse build' filled.
            """)

    @Argument(help: ArgumentHelp("The space to evaluate (default: $GLIMPSE_SPACE, else the demo space).", valueName: "space"))
    var space: String?

    @Flag(help: "Print every query's numbers, not only the summary.")
    var verbose = false

    @Flag(help: "Also train on half of each collection and evaluate on the other half.")
    var baselineProtocol = false

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
                vectors: GlimpseLearning.Matrix(rows: opened.wordCount, columns: opened.dimension, values: opened.wordVectors.values))
            var collections: [LabelledCollection] = []
            var splits: [DataSplit] = []
            var row = 0
            let split = try DataSplit(decoding: splitBytes)
            for entry in info.collections {
                let images = try ImageCollection.load(name: entry.name, directory: cache.featuresDirectory)
                guard images.count == entry.count, row + entry.count <= opened.imageCount,
                      (0..<entry.count).allSatisfy({ images.files[$0] == opened.image(at: row + $0).file }) else {
                    throw ImageModelError("the feature cache for \(entry.name) no longer matches this space: rebuild it with 'glimpse build'")
                }
                collections.append(LabelledCollection(
                    collection: images, captions: Captions(collection: images, source: SpaceBuilder.captionSource(namedImages: entry.namedImages), words: words),
                    evaluatesNames: entry.namedImages))
                splits.append(DataSplit(parts: Array(split.parts[row..<(row + entry.count)])))
                row += entry.count
            }
            let own = Experiment(words: words, collections: collections, splits: splits)
            Console.write(try own.evaluate(head, title: "held-out test images (this space's own split, near-copies kept on one side)")
                .render(verbose: verbose))
            if baselineProtocol {
                let halves = collections.map { DataSplit.halves(count: $0.collection.count, seed: 0) }
                let baseline = Experiment(words: words, collections: collections, splits: halves)
                let recipe = HeadRecipe(rawValue: String(info.method.prefix { $0 != ":" })) ?? .mlp
                let trained = try baseline.train(recipe.method(seed: 1))
                Console.write("\n" + (try baseline.evaluate(trained.head, title: "baselines' protocol: \(recipe.rawValue) head trained on half, the other half held out")
                    .render(verbose: verbose)))
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.writeError("glimpse: \(error)\n")
            throw ExitCode(ExitStatus.io.rawValue)
        }
    }
}

import ArgumentParser
import GlimpseCore
import GlimpseImagePipeline
import GlimpseShell
import GlimpseVision

/// `glimpse eval`: how well a built space's images are found by words, or how well its
/// image model places labelled photos (`--photos`, docs/photos.md).
struct EvalCommand: GlimpseTask {
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

            With --photos, label-query retrieval on labelled photos instead, for each way
            of placing them with the space's image model: mAP, P@10 and how often a photo's
            label is among its 10 nearest words (docs/photos.md).
            """)

    @Argument(help: ArgumentHelp("The space to evaluate (default: $GLIMPSE_SPACE, else the demo space).", valueName: "space")) var space: String?
    @Flag(help: "Print every query's numbers, not only the summary (with --photos: each method's AP and P@10 per label).") var verbose = false
    @Flag(help: "Also train on half of each collection and evaluate on the other half.") var baselineProtocol = false
    @Option(help: ArgumentHelp("How many random halves --baseline-protocol averages over (seeds 0, 1, ...).", valueName: "n")) var splits = 3
    @Option(help: ArgumentHelp("Labelled photos to place instead: a captions table (TSV or JSON Lines) whose tags are labels.", valueName: "file"))
    var photos: String?
    @Option(help: ArgumentHelp("The folder the --photos table's file names start from (default: the table's folder).", valueName: "dir"))
    var images: String?
    @Option(help: ArgumentHelp(
        "A photo placement to measure instead of the compared set: key=value pairs, e.g. head=openclipart,share=0.75,top=10,temperature=1,classes=stored,views=one,transfer=none,csls=0 (repeatable).",
        valueName: "recipe"))
    var method: [String] = []

    func validate() throws {
        guard (1...10).contains(splits) else { throw ValidationError("--splits must be from 1 to 10") }
        guard photos != nil || (images == nil && method.isEmpty) else { throw ValidationError("--images and --method go with --photos") }
        guard photos == nil || !baselineProtocol else { throw ValidationError("--baseline-protocol does not go with --photos") }
        do { _ = try PhotoRetrievalEvaluation.placements(named: method) } catch { throw ValidationError(error.message) }
    }

    func perform() throws {
        let opened = try SpaceLocation.open(space)
        if let photos {
            let evaluation = try PhotoRetrievalEvaluation.of(
                opened, labels: photos, images: images, cache: GlimpseCache(), progress: TerminalProgressBar.onStandardError(),
                log: { Console.writeError("\($0)\n") })
            Console.write(try evaluation.report(try PhotoRetrievalEvaluation.placements(named: method)).render(verbose: verbose))
            return
        }
        guard let evaluation = try SpaceEvaluation.of(opened, cache: GlimpseCache()) else {
            throw CommandError(.usage, "\(opened.info.path ?? "the space") has no image model: build it with 'glimpse build'")
        }
        Console.write(try evaluation.ownSplit().render(verbose: verbose))
        guard baselineProtocol else { return }
        let means = try evaluation.baselineProtocol(halves: splits) { Console.write("\n" + $0.render(verbose: verbose)) }
        if let means { Console.write("\n" + means.render()) }
    }
}

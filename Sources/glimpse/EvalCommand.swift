import ArgumentParser
import GlimpseImagePipeline
import GlimpseShell
import GlimpseVision

/// `glimpse eval`: how well a built space's images are found by words.
struct EvalCommand: GlimpseCommand {
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

    func execute() throws -> ExitStatus {
        let opened = try SpaceLocation.open(space)
        guard let evaluation = try SpaceEvaluation.of(opened, cache: GlimpseCache()) else {
            throw CommandError(.usage, "\(opened.info.path ?? "the space") has no image model: build it with 'glimpse build'")
        }
        Console.write(try evaluation.ownSplit().render(verbose: verbose))
        guard baselineProtocol else { return .success }
        let means = try evaluation.baselineProtocol(halves: splits) { Console.write("\n" + $0.render(verbose: verbose)) }
        if let means { Console.write("\n" + means.render()) }
        return .success
    }
}
